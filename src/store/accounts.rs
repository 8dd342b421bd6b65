//! Official accounts' metadata.

use super::{now, StoreError};
use rusqlite::{params, Connection, OptionalExtension};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountRecord {
    pub id: String,
    pub platform: String,
    pub login: String,
    pub url: String,
    pub note: String,
    pub created_at: i64,
    pub created_by: String,
    pub archived: bool,
    pub current_version: u64,
    pub has_password: bool,
    pub has_totp: bool,
    /// Someone holds the current password (received or set it) under a grant that has since
    /// ended (expired, revoked, grantee disabled, authority key rotated): change it on the
    /// platform and store the new one.
    pub rotation_recommended: bool,
    /// Where its password is changed, when the platform's known page does not apply.
    pub change_url: Option<String>,
    /// Seconds after which its password is due for rotation (None: the vault's default).
    pub max_age: Option<i64>,
    /// A rotation staged and not yet confirmed or aborted (filled by the domain's show and
    /// list from `staged.rs`; None here).
    pub staged: Option<super::staged::StagedMark>,
}

pub struct NewAccount {
    pub id: String,
    pub platform: String,
    pub login: String,
    pub url: String,
    pub note: String,
}

const SELECT: &str = "SELECT a.id, a.platform, a.login, a.url, a.note, a.created_at, a.created_by,
        a.archived_at IS NOT NULL,
        coalesce((SELECT max(version) FROM secret_versions v WHERE v.account_id = a.id), 0),
        EXISTS (SELECT 1 FROM secret_fields f WHERE f.account_id = a.id AND f.field = 'password'),
        EXISTS (SELECT 1 FROM secret_fields f WHERE f.account_id = a.id AND f.field = 'totp'),
        EXISTS (SELECT 1 FROM password_holders h
                WHERE h.account_id = a.id
                  AND h.version = coalesce((SELECT max(version) FROM secret_fields f
                                            WHERE f.account_id = a.id AND f.field = 'password'), 0)
                  AND (h.ended_at IS NOT NULL OR h.not_after <= CAST(strftime('%s', 'now') AS INTEGER))),
        a.change_url, a.max_age
    FROM accounts a";

fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<AccountRecord> {
    Ok(AccountRecord {
        id: r.get(0)?,
        platform: r.get(1)?,
        login: r.get(2)?,
        url: r.get(3)?,
        note: r.get(4)?,
        created_at: r.get(5)?,
        created_by: r.get(6)?,
        archived: r.get(7)?,
        current_version: r.get::<_, i64>(8)? as u64,
        has_password: r.get(9)?,
        has_totp: r.get(10)?,
        rotation_recommended: r.get(11)?,
        change_url: r.get(12)?,
        max_age: r.get(13)?,
        staged: None,
    })
}

pub fn get(conn: &Connection, id: &str) -> Result<Option<AccountRecord>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE a.id = ?1"))?;
    let mut rows = stmt.query_map([id], read)?;
    Ok(rows.next().transpose()?)
}

/// What a release needs of an account, without the metadata that costs more to compute: its
/// login and whether it is archived.
pub fn release_facts(conn: &Connection, id: &str) -> Result<Option<(String, bool)>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT login, archived_at IS NOT NULL FROM accounts WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

pub fn list(conn: &Connection, include_archived: bool) -> Result<Vec<AccountRecord>, StoreError> {
    let filter = if include_archived {
        ""
    } else {
        " WHERE a.archived_at IS NULL"
    };
    let mut stmt = conn.prepare(&format!("{SELECT}{filter} ORDER BY a.id"))?;
    let rows = stmt.query_map([], read)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn insert(conn: &Connection, account: &NewAccount, created_by: &str) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO accounts (id, platform, login, url, note, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            account.id,
            account.platform,
            account.login,
            account.url,
            account.note,
            now(),
            created_by
        ],
    )?;
    Ok(())
}

pub fn archive(conn: &Connection, id: &str, by: &str) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE accounts SET archived_at = ?2, archived_by = ?3 WHERE id = ?1 AND archived_at IS NULL",
        params![id, now(), by],
    )?;
    Ok(())
}

/// (active, archived) account counts.
pub fn counts(conn: &Connection) -> Result<(u64, u64), StoreError> {
    Ok(conn.query_row(
        "SELECT count(*) FILTER (WHERE archived_at IS NULL), count(*) FILTER (WHERE archived_at IS NOT NULL) FROM accounts",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}
