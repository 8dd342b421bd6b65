//! Forward-only numbered migrations, tracked in SQLite's `user_version`. A vault written by a
//! newer vaultd is refused rather than guessed at.

use super::StoreError;
use rusqlite::Connection;

/// Migration n (1-based) brings the schema from version n-1 to n.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_grants.sql"),
    include_str!("migrations/0003_audit.sql"),
    include_str!("migrations/0004_history_independent.sql"),
    include_str!("migrations/0005_rekey.sql"),
    include_str!("migrations/0006_certificates.sql"),
    include_str!("migrations/0007_cosignatures.sql"),
    include_str!("migrations/0008_key_custody.sql"),
    include_str!("migrations/0009_backup_role.sql"),
    include_str!("migrations/0010_witnesses.sql"),
    include_str!("migrations/0011_events.sql"),
    include_str!("migrations/0012_pending_requests.sql"),
    include_str!("migrations/0013_staged_rotation.sql"),
    include_str!("migrations/0014_last_denial.sql"),
    include_str!("migrations/0015_rotation_due.sql"),
    include_str!("migrations/0016_delegations.sql"),
    include_str!("migrations/0017_staged_holders.sql"),
    include_str!("migrations/0018_two_signatures.sql"),
    include_str!("migrations/0019_grants_by_delegation.sql"),
    include_str!("migrations/0020_lighter_release.sql"),
    include_str!("migrations/0021_grant_uses.sql"),
];

/// The schema version this binary writes.
pub const CURRENT: u32 = MIGRATIONS.len() as u32;

pub fn schema_version(conn: &Connection) -> Result<u32, StoreError> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

/// Applies every migration the vault lacks, each in its own transaction with its version bump.
pub fn migrate(conn: &mut Connection) -> Result<u32, StoreError> {
    let found = schema_version(conn)?;
    if found > CURRENT {
        return Err(StoreError::NewerSchema {
            found,
            supported: CURRENT,
        });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as u32 + 1)?;
        tx.commit()?;
    }
    Ok(CURRENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_database_migrates_to_the_current_schema_and_stays_there() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(schema_version(&conn).unwrap(), 0);
        assert_eq!(migrate(&mut conn).unwrap(), CURRENT);
        assert_eq!(schema_version(&conn).unwrap(), CURRENT);
        // Running again is a no-op, not an error.
        assert_eq!(migrate(&mut conn).unwrap(), CURRENT);
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for t in [
            "accounts",
            "key_wraps",
            "principals",
            "secret_fields",
            "secret_versions",
        ] {
            assert!(tables.iter().any(|x| x == t), "missing {t}");
        }
    }

    /// A vault as a vaultd of schema `version` left it.
    fn vault_at_schema(version: usize) -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        let tx = conn.transaction().unwrap();
        for sql in &MIGRATIONS[..version] {
            tx.execute_batch(sql).unwrap();
        }
        tx.pragma_update(None, "user_version", version as u32)
            .unwrap();
        tx.commit().unwrap();
        conn
    }

    #[test]
    fn a_schema_1_vault_migrates_forward_keeping_its_data() {
        let mut conn = vault_at_schema(1);
        conn.execute_batch(
            "INSERT INTO accounts (id, platform, login, created_at, created_by)
               VALUES ('facebook-cest', 'facebook', 'com', 0, 'op');",
        )
        .unwrap();
        assert_eq!(migrate(&mut conn).unwrap(), CURRENT);
        let login: String = conn
            .query_row(
                "SELECT login FROM accounts WHERE id = 'facebook-cest'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(login, "com");
        let grants: i64 = conn
            .query_row("SELECT count(*) FROM grants", [], |r| r.get(0))
            .unwrap();
        assert_eq!(grants, 0);
    }

    #[test]
    fn a_schema_3_vault_keeps_its_receipts_as_holdings_and_its_log_gets_filter_columns() {
        let mut conn = vault_at_schema(3);
        let entry = |seq: u64, target: &str| {
            format!(
                r#"{{"seq":{seq},"time":"2026-11-28T16:35:13.250Z","principal":"admin","action":"grant.request","target":"{target}","outcome":"denied","reason":"x","grant":null,"request_id":"r","peer":"p"}}"#
            )
        };
        conn.execute_batch(
            "INSERT INTO grants (id, signed, signature, key_id, grantee, purpose, not_before,
                                 not_after, issued_at, signer, registered_at, revoked_at)
               VALUES ('g1', x'00', x'00', 'k', 'admin', 'p', 0, 100, 0, 'sg', 0, 50);
             INSERT INTO password_receipts (account_id, version, grantee, grant_id, at)
               VALUES ('x-cest', 1, 'admin', 'g1', 10), ('x-cest', 1, 'admin', 'g1', 20),
                      ('x-cest', 1, 'admin', 'g1', 30);",
        )
        .unwrap();
        conn.execute(
            "INSERT INTO audit_log (seq, entry, leaf_hash) VALUES (0, ?1, x'00')",
            [entry(0, "facebook-cest,x-cest").into_bytes()],
        )
        .unwrap();
        assert_eq!(migrate(&mut conn).unwrap(), CURRENT);
        // Three releases became one holding, ended when the grant was revoked.
        let holding: (i64, i64, i64, Option<i64>) = conn
            .query_row(
                "SELECT count(*), min(first_at), count(DISTINCT grant_id), max(ended_at) FROM password_holders",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .unwrap();
        assert_eq!(holding, (1, 10, 1, Some(50)));
        let columns: (i64, String, String, String) = conn
            .query_row(
                "SELECT at_ms, principal, action, outcome FROM audit_log WHERE seq = 0",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .unwrap();
        let at = crate::times::parse_time("2026-11-28T16:35:13Z").unwrap() * 1000 + 250;
        assert_eq!(
            columns,
            (at, "admin".into(), "grant.request".into(), "denied".into())
        );
        let targets: Vec<String> = conn
            .prepare("SELECT target FROM audit_targets WHERE seq = 0 ORDER BY target")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(targets, ["facebook-cest", "x-cest"]);
        // The log stays append-only after the columns were filled in.
        assert!(conn
            .execute("UPDATE audit_log SET principal = 'x'", [])
            .is_err());
    }

    #[test]
    fn a_vault_from_a_newer_vaultd_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", CURRENT + 1)
            .unwrap();
        assert!(matches!(
            migrate(&mut conn),
            Err(StoreError::NewerSchema { found, .. }) if found == CURRENT + 1
        ));
    }

    #[test]
    fn secret_versions_are_append_only() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        conn.execute_batch(
            "INSERT INTO accounts (id, platform, login, created_at, created_by)
               VALUES ('a', 'x', 'l', 0, 'op');
             INSERT INTO secret_versions (account_id, version, created_at, created_by, reason)
               VALUES ('a', 1, 0, 'op', 'r');",
        )
        .unwrap();
        assert!(conn.execute("DELETE FROM secret_versions", []).is_err());
        assert!(conn
            .execute("UPDATE secret_versions SET reason = 'x'", [])
            .is_err());
    }

    #[test]
    fn a_schema_20_vault_keeps_its_use_counts_in_their_own_table() {
        let mut conn = vault_at_schema(20);
        conn.execute_batch(
            "INSERT INTO grants (id, signed, signature, key_id, grantee, purpose, not_before,
                                 not_after, max_uses, issued_at, signer, registered_at, uses)
               VALUES ('used', x'00', x'00', 'k', 'admin', 'p', 0, 100, 3, 0, 'sg', 0, 2),
                      ('unused', x'00', x'00', 'k', 'admin', 'p', 0, 100, NULL, 0, 'sg', 0, 0);",
        )
        .unwrap();
        assert_eq!(migrate(&mut conn).unwrap(), CURRENT);
        use super::super::grants::{count_use, get_grant};
        let uses = |id| get_grant(&conn, id).unwrap().unwrap().uses;
        assert_eq!((uses("used"), uses("unused")), (2, 0));
        // The count goes on from where it was, up to the limit.
        assert!(count_use(&conn, "used", Some(3)).unwrap());
        assert!(!count_use(&conn, "used", Some(3)).unwrap());
        assert_eq!(uses("used"), 3);
        assert!(conn.prepare("SELECT uses FROM grants").is_err());
    }
}
