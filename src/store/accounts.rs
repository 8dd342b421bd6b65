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
    /// Since when it is recommended: the first of those grants' ends (Unix seconds).
    pub recommended_since: Option<i64>,
    /// When the current password version was made (None: no password yet).
    pub password_set_at: Option<i64>,
    /// Where its password is changed, when the platform's known page does not apply.
    pub change_url: Option<String>,
    /// Seconds after which its password is due for rotation (None: the vault's default).
    pub max_age: Option<i64>,
    /// A rotation staged and not yet confirmed or aborted (filled by the domain's show and
    /// list from `staged.rs`; None here).
    pub staged: Option<super::staged::StagedMark>,
    /// How many signatures its grants need (1, or 2 on the authority's signed statement).
    pub required_signatures: u8,
}

pub struct NewAccount {
    pub id: String,
    pub platform: String,
    pub login: String,
    pub url: String,
    pub note: String,
    pub change_url: Option<String>,
    pub max_age: Option<i64>,
}

impl AccountRecord {
    /// The age after which its password is due for rotation, in seconds.
    pub fn max_age_or(&self, default_max_age: i64) -> i64 {
        self.max_age.unwrap_or(default_max_age)
    }

    /// Since when its password is due for rotation by age at `now` (None: not due, or none).
    pub fn due_since(&self, default_max_age: i64, now: i64) -> Option<i64> {
        let due = self
            .password_set_at?
            .saturating_add(self.max_age_or(default_max_age));
        (due <= now && !self.archived).then_some(due)
    }
}

const SELECT: &str = "SELECT a.id, a.platform, a.login, a.url, a.note, a.created_at, a.created_by,
        a.archived_at IS NOT NULL,
        coalesce((SELECT max(version) FROM secret_versions v WHERE v.account_id = a.id), 0),
        EXISTS (SELECT 1 FROM secret_fields f WHERE f.account_id = a.id AND f.field = 'password'),
        EXISTS (SELECT 1 FROM secret_fields f WHERE f.account_id = a.id AND f.field = 'totp'),
        (SELECT min(min(coalesce(h.ended_at, h.not_after), h.not_after)) FROM password_holders h
                WHERE h.account_id = a.id
                  AND h.version = coalesce((SELECT max(version) FROM secret_fields f
                                            WHERE f.account_id = a.id AND f.field = 'password'), 0)
                  AND (h.ended_at IS NOT NULL OR h.not_after <= CAST(strftime('%s', 'now') AS INTEGER))),
        a.change_url, a.max_age, a.password_set_at, a.required_signatures
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
        rotation_recommended: r.get::<_, Option<i64>>(11)?.is_some(),
        recommended_since: r.get(11)?,
        change_url: r.get(12)?,
        max_age: r.get(13)?,
        staged: None,
        password_set_at: r.get(14)?,
        required_signatures: r.get::<_, i64>(15)? as u8,
    })
}

pub fn get(conn: &Connection, id: &str) -> Result<Option<AccountRecord>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE a.id = ?1"))?;
    let mut rows = stmt.query_map([id], read)?;
    Ok(rows.next().transpose()?)
}

/// What a release needs of an account, without the metadata that costs more to compute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReleaseFacts {
    pub login: String,
    pub archived: bool,
    /// How many signatures its grants need.
    pub required_signatures: u8,
}

/// The account's [`ReleaseFacts`], from its row alone.
pub fn release_facts(conn: &Connection, id: &str) -> Result<Option<ReleaseFacts>, StoreError> {
    use super::writer_memo::{remembered, Kind};
    remembered(Kind::AccountFacts, id, || read_release_facts(conn, id))
}

fn read_release_facts(conn: &Connection, id: &str) -> Result<Option<ReleaseFacts>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT login, archived_at IS NOT NULL, required_signatures FROM accounts WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok(ReleaseFacts {
                login: r.get(0)?,
                archived: r.get(1)?,
                required_signatures: r.get::<_, i64>(2)? as u8,
            })
        })
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
        "INSERT INTO accounts (id, platform, login, url, note, created_at, created_by,
                               change_url, max_age)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            account.id,
            account.platform,
            account.login,
            account.url,
            account.note,
            now(),
            created_by,
            account.change_url,
            account.max_age,
        ],
    )?;
    Ok(())
}

/// Sets where the account's password is changed (None: the platform's known page).
pub fn set_change_url(conn: &Connection, id: &str, url: Option<&str>) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE accounts SET change_url = ?2 WHERE id = ?1",
        params![id, url],
    )?;
    Ok(())
}

/// Sets the age after which the account's password is due (None: the vault's default). A
/// password the new age no longer makes due may fall due again, and be noted again then.
pub fn set_max_age(
    conn: &Connection,
    id: &str,
    max_age: Option<i64>,
    default_max_age: i64,
    now: i64,
) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE accounts SET max_age = ?2,
             rotation_due_noted = CASE WHEN password_set_at + coalesce(?2, ?3) > ?4 THEN 0
                                       ELSE rotation_due_noted END
         WHERE id = ?1",
        params![id, max_age, default_max_age, now],
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
