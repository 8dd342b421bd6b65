//! Rotation due by age: which account's current password falls due next, and noting that the
//! clock said so (once per password version). Each look reads one row of one of two partial
//! indexes (migration 0015): accounts on the vault's default age, accounts with their own.

use super::StoreError;
use rusqlite::{params, Connection, OptionalExtension};

/// A password found due: the account, since when (Unix seconds), and the age that made it so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub account: String,
    pub since: i64,
    pub max_age: i64,
    /// The current password's version (the one now noted).
    pub version: u64,
}

/// The first unnoted password of an account on the vault's default age (?1).
const FIRST_BY_DEFAULT: &str = "SELECT id, password_set_at + ?1, ?1 FROM accounts
     WHERE max_age IS NULL AND rotation_due_noted = 0 AND archived_at IS NULL
       AND password_set_at IS NOT NULL
     ORDER BY password_set_at LIMIT 1";
/// The first unnoted password of an account with its own age.
const FIRST_BY_OWN_AGE: &str = "SELECT id, password_set_at + max_age, max_age FROM accounts
     WHERE max_age IS NOT NULL AND rotation_due_noted = 0 AND archived_at IS NULL
       AND password_set_at IS NOT NULL
     ORDER BY password_set_at + max_age LIMIT 1";

/// The account whose unnoted password falls due first, and when: (account, due at, max age).
fn first(
    conn: &Connection,
    default_max_age: i64,
) -> Result<Option<(String, i64, i64)>, StoreError> {
    let read = |r: &rusqlite::Row<'_>| Ok((r.get(0)?, r.get(1)?, r.get(2)?));
    let by_default = conn
        .prepare_cached(FIRST_BY_DEFAULT)?
        .query_row([default_max_age], read)
        .optional()?;
    let by_own_age = conn
        .prepare_cached(FIRST_BY_OWN_AGE)?
        .query_row([], read)
        .optional()?;
    Ok([by_default, by_own_age]
        .into_iter()
        .flatten()
        .min_by_key(|(_, at, _)| *at))
}

/// When the next unnoted password falls due (Unix seconds), if any.
pub fn next_due(conn: &Connection, default_max_age: i64) -> Result<Option<i64>, StoreError> {
    Ok(first(conn, default_max_age)?.map(|(_, at, _)| at))
}

/// Notes the first password due by `at` (in the caller's transaction) and returns it; None
/// when none is.
pub fn note_next_due(
    conn: &Connection,
    at: i64,
    default_max_age: i64,
) -> Result<Option<Due>, StoreError> {
    let Some((account, since, max_age)) = first(conn, default_max_age)? else {
        return Ok(None);
    };
    if since > at {
        return Ok(None);
    }
    conn.prepare_cached("UPDATE accounts SET rotation_due_noted = 1 WHERE id = ?1")?
        .execute(params![account])?;
    let version: i64 = conn
        .prepare_cached(
            "SELECT coalesce(max(version), 0) FROM secret_fields
             WHERE account_id = ?1 AND field = 'password'",
        )?
        .query_row([&account], |r| r.get(0))?;
    Ok(Some(Due {
        account,
        since,
        max_age,
        version: version as u64,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conn() -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        super::super::migrations::migrate(&mut conn).unwrap();
        conn.execute_batch(
            "INSERT INTO accounts (id, platform, login, created_at, created_by, max_age)
               VALUES ('own', 'x', 'l', 0, 'op', 10), ('dflt', 'x', 'l', 0, 'op', NULL),
                      ('none', 'x', 'l', 0, 'op', 1);",
        )
        .unwrap();
        conn
    }

    fn set_password(conn: &Connection, account: &str, version: u64, at: i64) {
        conn.execute(
            "INSERT INTO secret_versions (account_id, version, created_at, created_by, reason)
             VALUES (?1, ?2, ?3, 'op', 'r')",
            params![account, version, at],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO secret_fields (account_id, version, field, sealed) VALUES (?1, ?2, 'password', x'00')",
            params![account, version],
        )
        .unwrap();
    }

    #[test]
    fn each_password_is_noted_once_when_due_and_a_new_version_starts_over() {
        let conn = conn();
        set_password(&conn, "own", 1, 100);
        set_password(&conn, "dflt", 1, 50);
        // own: due at 110; dflt: at 50 + 1000. "none" has no password, so never due.
        assert_eq!(next_due(&conn, 1000).unwrap(), Some(110));
        assert_eq!(note_next_due(&conn, 109, 1000).unwrap(), None);
        let due = note_next_due(&conn, 200, 1000).unwrap().unwrap();
        assert_eq!(
            due,
            Due {
                account: "own".into(),
                since: 110,
                max_age: 10,
                version: 1
            }
        );
        assert_eq!(note_next_due(&conn, 200, 1000).unwrap(), None);
        assert_eq!(next_due(&conn, 1000).unwrap(), Some(1050));
        // A new password: due again, from its own time.
        set_password(&conn, "own", 2, 300);
        assert_eq!(next_due(&conn, 1000).unwrap(), Some(310));
        assert_eq!(note_next_due(&conn, 400, 1000).unwrap().unwrap().version, 2);
        let dflt = note_next_due(&conn, 2000, 1000).unwrap().unwrap();
        assert_eq!((dflt.account.as_str(), dflt.since), ("dflt", 1050));
        assert_eq!(next_due(&conn, 1000).unwrap(), None);
    }

    #[test]
    fn the_clock_s_looks_use_the_partial_indexes() {
        let conn = conn();
        for (sql, args) in [(FIRST_BY_DEFAULT, vec![1000]), (FIRST_BY_OWN_AGE, vec![])] {
            let plan: Vec<String> = conn
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap()
                .query_map(rusqlite::params_from_iter(args), |r| r.get::<_, String>(3))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            assert!(
                plan.iter()
                    .any(|step| step.contains("USING INDEX accounts_due_by")),
                "{plan:?}"
            );
        }
    }
}
