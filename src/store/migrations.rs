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

    #[test]
    fn a_schema_1_vault_migrates_forward_keeping_its_data() {
        let mut conn = Connection::open_in_memory().unwrap();
        let tx = conn.transaction().unwrap();
        tx.execute_batch(MIGRATIONS[0]).unwrap();
        tx.pragma_update(None, "user_version", 1).unwrap();
        tx.commit().unwrap();
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
}
