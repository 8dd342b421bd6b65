-- The `backup` role (the backup timer's service identity: takes encrypted backups, nothing
-- else). SQLite cannot change a CHECK constraint in place, so the table is made again.
CREATE TABLE principal_roles_new (
    principal TEXT NOT NULL REFERENCES principals (name),
    role      TEXT NOT NULL CHECK (role IN ('operator', 'admin', 'authority', 'auditor', 'backup')),
    PRIMARY KEY (principal, role)
) STRICT;
INSERT INTO principal_roles_new (principal, role) SELECT principal, role FROM principal_roles;
DROP TABLE principal_roles;
ALTER TABLE principal_roles_new RENAME TO principal_roles;
