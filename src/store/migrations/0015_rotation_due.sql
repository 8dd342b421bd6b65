-- vaultd schema 15: rotation due by age (an account's max_age, else the configured default),
-- found without reading history.
--
-- password_set_at is when the account's current password version was made: the one fact "due"
-- needs, kept on the account row (a trigger on secret_fields, so every way a password version
-- is made keeps it: `secret set`, a confirmed rotation) instead of a max() over its versions on
-- every read. rotation_due_noted says the clock wrote `rotation.due` for that version, so it
-- writes it once; a new password version clears it.
ALTER TABLE accounts ADD COLUMN password_set_at INTEGER;
ALTER TABLE accounts ADD COLUMN rotation_due_noted INTEGER NOT NULL DEFAULT 0
    CHECK (rotation_due_noted IN (0, 1));

UPDATE accounts SET password_set_at = (
    SELECT v.created_at FROM secret_versions v
    WHERE v.account_id = accounts.id
      AND v.version = (SELECT max(f.version) FROM secret_fields f
                       WHERE f.account_id = accounts.id AND f.field = 'password'));

CREATE TRIGGER accounts_password_set AFTER INSERT ON secret_fields WHEN NEW.field = 'password'
BEGIN
    UPDATE accounts
    SET password_set_at = (SELECT created_at FROM secret_versions
                           WHERE account_id = NEW.account_id AND version = NEW.version),
        rotation_due_noted = 0
    WHERE id = NEW.account_id;
END;

-- The clock's next "rotation due" deadline, one row of one of these two each: accounts on the
-- vault's default age (a setting, so the deadline is password_set_at + that, in the query), and
-- accounts with their own. Only passwords not yet noted, of accounts not archived.
CREATE INDEX accounts_due_by_default ON accounts (password_set_at)
    WHERE max_age IS NULL AND rotation_due_noted = 0 AND archived_at IS NULL
      AND password_set_at IS NOT NULL;
CREATE INDEX accounts_due_by_own_age ON accounts (password_set_at + max_age)
    WHERE max_age IS NOT NULL AND rotation_due_noted = 0 AND archived_at IS NULL
      AND password_set_at IS NOT NULL;
