//! Staged changes: a new password or TOTP seed kept beside an account's current version until
//! the person changing it on the platform confirms or gives up (schema 13). At most one per
//! account. This module stores sealed bytes only; sealing and opening is the data key's job.

use super::secrets::Field;
use super::StoreError;
use rusqlite::{params, Connection, OptionalExtension};

/// A staged change, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staged {
    pub account_id: String,
    pub stage_id: String,
    pub field: Field,
    pub sealed: Vec<u8>,
    pub generated: bool,
    pub staged_at: i64,
    pub staged_by: String,
    /// The grant an administrator staged it under; None for an operator.
    pub grant_id: Option<String>,
    pub reason: String,
}

const COLUMNS: &str = "account_id, stage_id, field, sealed, generated, staged_at, staged_by, \
                       grant_id, reason";

fn staged(r: &rusqlite::Row<'_>) -> rusqlite::Result<Staged> {
    let field: String = r.get(2)?;
    Ok(Staged {
        account_id: r.get(0)?,
        stage_id: r.get(1)?,
        field: Field::parse(&field).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                2,
                rusqlite::types::Type::Text,
                format!("unknown field {field}").into(),
            )
        })?,
        sealed: r.get(3)?,
        generated: r.get(4)?,
        staged_at: r.get(5)?,
        staged_by: r.get(6)?,
        grant_id: r.get(7)?,
        reason: r.get(8)?,
    })
}

/// Keeps `change` as the account's staged change. The caller checked that none is staged; the
/// primary key refuses a second anyway.
pub fn insert(conn: &Connection, change: &Staged) -> Result<(), StoreError> {
    conn.prepare_cached(&format!(
        "INSERT INTO staged_secrets ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
    ))?
    .execute(params![
        change.account_id,
        change.stage_id,
        change.field.as_str(),
        change.sealed,
        change.generated,
        change.staged_at,
        change.staged_by,
        change.grant_id,
        change.reason,
    ])?;
    Ok(())
}

/// The account's staged change, if any (by primary key).
pub fn get(conn: &Connection, account_id: &str) -> Result<Option<Staged>, StoreError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM staged_secrets WHERE account_id = ?1"
        ))?
        .query_row([account_id], staged)
        .optional()?)
}

/// Discards the account's staged change (confirmed into a version, or given up) and who
/// fetched it. Whether one was there.
pub fn remove(conn: &Connection, account_id: &str) -> Result<bool, StoreError> {
    conn.prepare_cached(
        "DELETE FROM staged_holders
         WHERE stage_id IN (SELECT stage_id FROM staged_secrets WHERE account_id = ?1)",
    )?
    .execute([account_id])?;
    Ok(conn
        .prepare_cached("DELETE FROM staged_secrets WHERE account_id = ?1")?
        .execute([account_id])?
        == 1)
}

/// One who fetched a staged change, under a grant (schema 17).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StagedHolder {
    pub grantee: String,
    pub grant_id: String,
    pub grant_not_after: i64,
}

/// Records that `holder` received the staged change `stage_id`: one row per grant, whatever the
/// number of fetches (as `grants::record_holding`).
pub fn record_holder(
    conn: &Connection,
    stage_id: &str,
    holder: &StagedHolder,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO staged_holders (stage_id, grant_id, grantee, not_after)
         VALUES (?1, ?2, ?3, ?4) ON CONFLICT (stage_id, grant_id) DO NOTHING",
    )?
    .execute(params![
        stage_id,
        holder.grant_id,
        holder.grantee,
        holder.grant_not_after
    ])?;
    Ok(())
}

/// Who fetched the staged change `stage_id` (a few rows: one per grant its stager used).
pub fn holders(conn: &Connection, stage_id: &str) -> Result<Vec<StagedHolder>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT grantee, grant_id, not_after FROM staged_holders WHERE stage_id = ?1
         ORDER BY grant_id",
    )?;
    let rows = stmt.query_map([stage_id], |r| {
        Ok(StagedHolder {
            grantee: r.get(0)?,
            grant_id: r.get(1)?,
            grant_not_after: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// What `account show` and the console say of a staged change: who, since when, and whether the
/// vault said it waits too long (no value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StagedMark {
    pub account_id: String,
    pub field: Field,
    pub staged_by: String,
    pub staged_at: i64,
    /// `rotation.staged_stale` was written for it: the same word as the mail's.
    pub stale: bool,
}

const MARK: &str = "SELECT account_id, field, staged_by, staged_at, stale_noted_at IS NOT NULL
                    FROM staged_secrets";

fn mark(r: &rusqlite::Row<'_>) -> rusqlite::Result<StagedMark> {
    let field: String = r.get(1)?;
    Ok(StagedMark {
        account_id: r.get(0)?,
        field: Field::parse(&field).unwrap_or(Field::Password),
        staged_by: r.get(2)?,
        staged_at: r.get(3)?,
        stale: r.get(4)?,
    })
}

/// The account's staged change's mark, if one is staged.
pub fn mark_of(conn: &Connection, account_id: &str) -> Result<Option<StagedMark>, StoreError> {
    Ok(conn
        .prepare_cached(&format!("{MARK} WHERE account_id = ?1"))?
        .query_row([account_id], mark)
        .optional()?)
}

/// Every staged change's mark (at most one per account: bounded by the accounts).
pub fn marks(conn: &Connection) -> Result<Vec<StagedMark>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("{MARK} ORDER BY account_id"))?;
    let rows = stmt.query_map([], mark)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The oldest staged change not yet said to be stale: (account, staged at). Reads the partial
/// index, so its cost does not grow with anything but the staged changes themselves.
pub fn oldest_not_noted(conn: &Connection) -> Result<Option<(String, i64)>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT account_id, staged_at FROM staged_secrets WHERE stale_noted_at IS NULL
             ORDER BY staged_at LIMIT 1",
        )?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Marks the account's staged change as said to be stale at `at`, once. Whether it was not yet.
pub fn note_stale(conn: &Connection, account_id: &str, at: i64) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached(
            "UPDATE staged_secrets SET stale_noted_at = ?2
             WHERE account_id = ?1 AND stale_noted_at IS NULL",
        )?
        .execute(params![account_id, at])?
        == 1)
}

/// Every staged change (the integrity check and a rekey open each; there is at most one per
/// account).
pub fn all(conn: &Connection) -> Result<Vec<Staged>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM staged_secrets ORDER BY account_id"
    ))?;
    let rows = stmt.query_map([], staged)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Replaces a staged change's sealed bytes (a rekey, inside its transaction).
pub fn reseal(conn: &Connection, account_id: &str, sealed: &[u8]) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE staged_secrets SET sealed = ?2 WHERE account_id = ?1",
        params![account_id, sealed],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store_with_account() -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        super::super::migrations::migrate(&mut conn).unwrap();
        conn.execute(
            "INSERT INTO accounts (id, platform, login, created_at, created_by)
             VALUES ('facebook-cest', 'facebook', 'cest', 1, 'op')",
            [],
        )
        .unwrap();
        conn
    }

    fn change(stage_id: &str, staged_at: i64) -> Staged {
        Staged {
            account_id: "facebook-cest".into(),
            stage_id: stage_id.into(),
            field: Field::Password,
            sealed: vec![1, 2, 3],
            generated: true,
            staged_at,
            staged_by: "admin".into(),
            grant_id: Some("g1".into()),
            reason: "annual".into(),
        }
    }

    #[test]
    fn one_staged_change_per_account_kept_until_removed() {
        let conn = store_with_account();
        assert_eq!(get(&conn, "facebook-cest").unwrap(), None);
        insert(&conn, &change("s1", 10)).unwrap();
        assert_eq!(get(&conn, "facebook-cest").unwrap(), Some(change("s1", 10)));
        // A second is refused by the table itself, whatever the caller checked.
        assert!(insert(&conn, &change("s2", 11)).is_err());
        assert!(remove(&conn, "facebook-cest").unwrap());
        assert!(!remove(&conn, "facebook-cest").unwrap());
        assert_eq!(get(&conn, "facebook-cest").unwrap(), None);
        insert(&conn, &change("s2", 11)).unwrap();
    }

    #[test]
    fn who_fetched_a_staged_change_is_kept_once_per_grant_and_goes_with_it() {
        let conn = store_with_account();
        insert(&conn, &change("s1", 10)).unwrap();
        let holder = |grant: &str| StagedHolder {
            grantee: "admin".into(),
            grant_id: grant.into(),
            grant_not_after: 99,
        };
        record_holder(&conn, "s1", &holder("g2")).unwrap();
        record_holder(&conn, "s1", &holder("g2")).unwrap();
        record_holder(&conn, "s1", &holder("g1")).unwrap();
        assert_eq!(holders(&conn, "s1").unwrap(), [holder("g1"), holder("g2")]);
        assert!(remove(&conn, "facebook-cest").unwrap());
        assert!(holders(&conn, "s1").unwrap().is_empty());
    }

    #[test]
    fn a_stale_change_is_noted_once_and_leaves_the_deadline_index() {
        let conn = store_with_account();
        assert_eq!(oldest_not_noted(&conn).unwrap(), None);
        insert(&conn, &change("s1", 10)).unwrap();
        assert_eq!(
            oldest_not_noted(&conn).unwrap(),
            Some(("facebook-cest".into(), 10))
        );
        assert!(!mark_of(&conn, "facebook-cest").unwrap().unwrap().stale);
        assert!(note_stale(&conn, "facebook-cest", 20).unwrap());
        assert!(mark_of(&conn, "facebook-cest").unwrap().unwrap().stale);
        assert_eq!(marks(&conn).unwrap().len(), 1);
        assert!(!note_stale(&conn, "facebook-cest", 30).unwrap());
        assert_eq!(oldest_not_noted(&conn).unwrap(), None);
    }

    #[test]
    fn the_stale_deadline_is_read_from_the_partial_index() {
        let conn = store_with_account();
        let plan: Vec<String> = conn
            .prepare(
                "EXPLAIN QUERY PLAN SELECT account_id, staged_at FROM staged_secrets
                 WHERE stale_noted_at IS NULL ORDER BY staged_at LIMIT 1",
            )
            .unwrap()
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(
            plan.iter()
                .any(|step| step.contains("staged_secrets_not_noted")),
            "{plan:?}"
        );
    }
}
