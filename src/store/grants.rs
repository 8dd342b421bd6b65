//! Grants, grant requests, the pinned authority key, and who holds which password version.

use super::{now, StoreError};
use rusqlite::{params, Connection, OptionalExtension};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestRecord {
    pub id: String,
    pub requester: String,
    pub accounts: Vec<String>,
    pub purpose: String,
    pub duration_secs: i64,
    pub created_at: i64,
    pub state: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<i64>,
    pub deny_reason: Option<String>,
    pub grant_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantRecord {
    pub id: String,
    pub signed: Vec<u8>,
    pub signature: Vec<u8>,
    pub key_id: String,
    pub grantee: String,
    pub accounts: Vec<String>,
    pub purpose: String,
    pub not_before: i64,
    pub not_after: i64,
    pub max_uses: Option<u64>,
    pub issued_at: i64,
    pub request_id: Option<String>,
    pub signer: String,
    pub registered_at: i64,
    pub uses: u64,
    pub revoked_at: Option<i64>,
    pub revoked_by: Option<String>,
    pub revoke_reason: Option<String>,
    /// The delegation an acting authority signed it under; None when the authority did.
    pub delegation_id: Option<String>,
    /// The authority key it rests on: its signer's, or for a delegated grant the key that
    /// signed the delegation (a rotation supersedes both alike).
    pub authority_key_id: String,
    /// Its second signature, if a second signer added one (`grant cosign`).
    pub cosignature: Option<super::approvals::CosignatureRecord>,
    /// Whether an account it names needs two signatures now (the rule in force).
    pub needs_two_signatures: bool,
}

#[derive(Clone)]
pub struct AuthorityKey {
    pub key_id: String,
    pub public_key: Vec<u8>,
    pub pinned_at: i64,
    pub pinned_by: String,
    /// 1 for the first key the vault pinned, then one more for each rotation.
    pub sequence: u64,
}

pub fn current_authority_key(conn: &Connection) -> Result<Option<AuthorityKey>, StoreError> {
    use super::writer_memo::{remembered, Kind};
    remembered(Kind::AuthorityKey, "", || read_current_authority_key(conn))
}

fn read_current_authority_key(conn: &Connection) -> Result<Option<AuthorityKey>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT key_id, public_key, pinned_at, pinned_by, seq FROM authority_keys WHERE retired_at IS NULL",
        )?
        .query_row([], |r| {
                Ok(AuthorityKey {
                    key_id: r.get(0)?,
                    public_key: r.get(1)?,
                    pinned_at: r.get(2)?,
                    pinned_by: r.get(3)?,
                    sequence: r.get::<_, i64>(4)? as u64,
                })
        })
        .optional()?)
}

/// Whether `key_id` names an authority key the vault pinned once and retired since.
pub fn is_retired_authority_key(conn: &Connection, key_id: &str) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM authority_keys WHERE key_id = ?1 AND retired_at IS NOT NULL",
        )?
        .exists([key_id])?)
}

/// Makes `public_key` the only current authority key, with the next sequence number. Grants
/// signed by any other key stop verifying, so what their grantees hold no longer counts as
/// authorized. A key that was ever retired never comes back (false): its old grants and
/// statements would come back with it. Pinning the current key again changes nothing (true).
pub fn pin_authority_key(
    conn: &Connection,
    key_id: &str,
    public_key: &[u8],
    by: &str,
) -> Result<bool, StoreError> {
    let known: Option<Option<i64>> = conn
        .query_row(
            "SELECT retired_at FROM authority_keys WHERE key_id = ?1",
            [key_id],
            |r| r.get(0),
        )
        .optional()?;
    match known {
        Some(None) => return Ok(true),
        Some(Some(_)) => return Ok(false),
        None => {}
    }
    let at = now();
    conn.execute(
        "UPDATE authority_keys SET retired_at = ?1 WHERE retired_at IS NULL",
        [at],
    )?;
    conn.execute(
        "INSERT INTO authority_keys (key_id, public_key, pinned_at, pinned_by, seq)
         VALUES (?1, ?2, ?3, ?4, (SELECT coalesce(max(seq), 0) + 1 FROM authority_keys))",
        params![key_id, public_key, at, by],
    )?;
    end_holdings_of_retired_keys(conn)?;
    Ok(true)
}

/// The ids starting with a prefix: the first `MAX_CANDIDATES` in order, and how many there are.
#[derive(Default)]
pub struct Candidates {
    pub ids: Vec<String>,
    pub total: u64,
}

/// At most this many ids are named when a prefix is ambiguous.
pub const MAX_CANDIDATES: usize = 10;

/// A range on the primary key (hex ids sort before `g`), so that the lookup reads the matching
/// ids only, however many the table holds.
pub(super) fn ids_with_prefix(
    conn: &Connection,
    table: &str,
    prefix: &str,
) -> Result<Candidates, StoreError> {
    let end = format!("{prefix}g");
    let mut stmt = conn.prepare(&format!(
        "SELECT id FROM {table} WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT {MAX_CANDIDATES}"
    ))?;
    let rows = stmt.query_map([prefix, end.as_str()], |r| r.get(0))?;
    let ids: Vec<String> = rows.collect::<Result<_, _>>()?;
    let total = if ids.len() < MAX_CANDIDATES {
        ids.len() as u64
    } else {
        conn.query_row(
            &format!("SELECT count(*) FROM {table} WHERE id >= ?1 AND id < ?2"),
            [prefix, end.as_str()],
            |r| r.get(0),
        )?
    };
    Ok(Candidates { ids, total })
}

/// The request ids starting with `prefix` (more than one means ambiguous).
pub fn request_ids_with_prefix(conn: &Connection, prefix: &str) -> Result<Candidates, StoreError> {
    ids_with_prefix(conn, "grant_requests", prefix)
}

/// The grant ids starting with `prefix`.
pub fn grant_ids_with_prefix(conn: &Connection, prefix: &str) -> Result<Candidates, StoreError> {
    ids_with_prefix(conn, "grants", prefix)
}

pub fn insert_request(conn: &Connection, r: &RequestRecord) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO grant_requests (id, requester, purpose, duration_secs, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![r.id, r.requester, r.purpose, r.duration_secs, r.created_at],
    )?;
    for account in &r.accounts {
        conn.execute(
            "INSERT INTO grant_request_accounts (request_id, account_id) VALUES (?1, ?2)",
            params![r.id, account],
        )?;
    }
    Ok(())
}

fn request_accounts(conn: &Connection, id: &str) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT account_id FROM grant_request_accounts WHERE request_id = ?1 ORDER BY account_id",
    )?;
    let rows = stmt.query_map([id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

const REQUEST_COLUMNS: &str = "id, requester, purpose, duration_secs, created_at, state, decided_by, decided_at, deny_reason, grant_id";

fn requests_where(
    conn: &Connection,
    filter: &str,
    param: &str,
) -> Result<Vec<RequestRecord>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {REQUEST_COLUMNS} FROM grant_requests WHERE {filter} ORDER BY created_at, id"
    ))?;
    let rows = stmt
        .query_map([param], |r| {
            Ok(RequestRecord {
                id: r.get(0)?,
                requester: r.get(1)?,
                accounts: Vec::new(),
                purpose: r.get(2)?,
                duration_secs: r.get(3)?,
                created_at: r.get(4)?,
                state: r.get(5)?,
                decided_by: r.get(6)?,
                decided_at: r.get(7)?,
                deny_reason: r.get(8)?,
                grant_id: r.get(9)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|mut r| {
            r.accounts = request_accounts(conn, &r.id)?;
            Ok(r)
        })
        .collect()
}

pub fn get_request(conn: &Connection, id: &str) -> Result<Option<RequestRecord>, StoreError> {
    Ok(requests_where(conn, "id = ?1", id)?.into_iter().next())
}

/// Every pending request, oldest first. The literal `'pending'` lets SQLite read the partial
/// index of pending requests (a bound value would not).
pub fn pending_requests(conn: &Connection) -> Result<Vec<RequestRecord>, StoreError> {
    requests_where(conn, "state = 'pending' AND ?1 = ''", "")
}

/// How many requests `requester` has waiting for a decision.
pub fn pending_count_by(conn: &Connection, requester: &str) -> Result<u64, StoreError> {
    Ok(conn.query_row(
        "SELECT count(*) FROM grant_requests WHERE requester = ?1 AND state = 'pending'",
        [requester],
        |r| r.get(0),
    )?)
}

/// A request of the caller's that explains a refused release: one still pending, or the last
/// one denied (with the authority's reason).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestFact {
    pub id: String,
    /// When it was made (pending) or denied.
    pub at: i64,
    /// The authority's reason, for a denied one.
    pub deny_reason: Option<String>,
}

/// The oldest of `requester`'s pending requests naming `account_id`. Reads the partial index of
/// pending requests by requester: at most `MAX_PENDING_PER_REQUESTER` rows, whatever the history.
pub fn pending_request_for(
    conn: &Connection,
    requester: &str,
    account_id: &str,
) -> Result<Option<RequestFact>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT r.id, r.created_at FROM grant_requests r
             WHERE r.requester = ?1 AND r.state = 'pending'
               AND EXISTS (SELECT 1 FROM grant_request_accounts a
                           WHERE a.request_id = r.id AND a.account_id = ?2)
             ORDER BY r.created_at, r.id LIMIT 1",
        )?
        .query_row(params![requester, account_id], |r| {
            Ok(RequestFact {
                id: r.get(0)?,
                at: r.get(1)?,
                deny_reason: None,
            })
        })
        .optional()?)
}

/// How many of a requester's latest denials `last_denial_for` looks through.
pub const RECENT_DENIALS: u32 = 16;

/// `requester`'s last denied request naming `account_id`, among their [`RECENT_DENIALS`] latest
/// denials (the partial index of denials by requester, newest first): enough to explain a
/// refusal, never the whole history.
pub fn last_denial_for(
    conn: &Connection,
    requester: &str,
    account_id: &str,
) -> Result<Option<RequestFact>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT id, decided_at, deny_reason FROM (
                 SELECT id, decided_at, deny_reason FROM grant_requests
                 WHERE requester = ?1 AND state = 'denied'
                 ORDER BY decided_at DESC LIMIT ?3) r
             WHERE EXISTS (SELECT 1 FROM grant_request_accounts a
                           WHERE a.request_id = r.id AND a.account_id = ?2)
             ORDER BY decided_at DESC, id LIMIT 1",
        )?
        .query_row(params![requester, account_id, RECENT_DENIALS], |r| {
            Ok(RequestFact {
                id: r.get(0)?,
                at: r.get::<_, Option<i64>>(1)?.unwrap_or_default(),
                deny_reason: r.get(2)?,
            })
        })
        .optional()?)
}

pub fn requests_by(conn: &Connection, requester: &str) -> Result<Vec<RequestRecord>, StoreError> {
    requests_where(conn, "requester = ?1", requester)
}

pub fn all_requests(conn: &Connection) -> Result<Vec<RequestRecord>, StoreError> {
    requests_where(conn, "?1 = ?1", "")
}

/// Records a decision on a pending request; false when it was no longer pending.
pub fn decide_request(
    conn: &Connection,
    id: &str,
    state: &str,
    by: &str,
    deny_reason: Option<&str>,
    grant_id: Option<&str>,
) -> Result<bool, StoreError> {
    let changed = conn.execute(
        "UPDATE grant_requests SET state = ?2, decided_by = ?3, decided_at = ?4, deny_reason = ?5, grant_id = ?6
         WHERE id = ?1 AND state = 'pending'",
        params![id, state, by, now(), deny_reason, grant_id],
    )?;
    Ok(changed == 1)
}

pub fn insert_grant(conn: &Connection, g: &GrantRecord) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO grants (id, signed, signature, key_id, grantee, purpose, not_before, not_after, max_uses,
                             issued_at, request_id, signer, registered_at, delegation_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            g.id,
            g.signed,
            g.signature,
            g.key_id,
            g.grantee,
            g.purpose,
            g.not_before,
            g.not_after,
            g.max_uses.map(|m| m as i64),
            g.issued_at,
            g.request_id,
            g.signer,
            g.registered_at,
            g.delegation_id
        ],
    )?;
    for account in &g.accounts {
        conn.execute(
            "INSERT INTO grant_accounts (grant_id, account_id) VALUES (?1, ?2)",
            params![g.id, account],
        )?;
    }
    Ok(())
}

/// `SELECT` over grants `g` and their second signature `c`, with `clause` (a WHERE condition,
/// with its ORDER BY and LIMIT): one statement per read whatever the number of grants, its
/// text a literal so that the statement cache finds it without building a string per call.
/// A grant's accounts come in one column, joined by commas (account ids are slugs).
macro_rules! grants_select {
    ($clause:literal) => {
        concat!(
            "SELECT g.id, g.signed, g.signature, g.key_id, g.grantee, g.purpose, g.not_before,
                    g.not_after, g.max_uses, g.issued_at, g.request_id, g.signer, g.registered_at,
                    coalesce((SELECT u.uses FROM grant_uses u WHERE u.grant_id = g.id), 0), g.revoked_at, g.revoked_by, g.revoke_reason, g.delegation_id,
                    coalesce((SELECT d.sg_key_id FROM delegations d WHERE d.id = g.delegation_id), g.key_id),
                    EXISTS (SELECT 1 FROM grant_accounts ga JOIN accounts a ON a.id = ga.account_id
                            WHERE ga.grant_id = g.id AND a.required_signatures = 2),
                    (SELECT group_concat(ga.account_id, ',') FROM grant_accounts ga WHERE ga.grant_id = g.id),
                    c.grant_id, c.signature, c.key_id, c.delegation_id, c.signer, c.registered_at
             FROM grants g LEFT JOIN grant_cosignatures c ON c.grant_id = g.id
             WHERE ",
            $clause
        )
    };
}

/// The grants a [`grants_select!`] statement selects, with their accounts (sorted) and second
/// signature.
fn grants_query(
    conn: &Connection,
    sql: &'static str,
    params: impl rusqlite::Params,
) -> Result<Vec<GrantRecord>, StoreError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, grant_row)?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

fn grant_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<GrantRecord> {
    let accounts: Option<String> = r.get(20)?;
    let mut accounts: Vec<String> = super::comma_list(accounts.as_deref())
        .map(str::to_owned)
        .collect();
    accounts.sort_unstable();
    // The LEFT JOIN's columns are NULL when the grant has no second signature.
    let cosignature = match r.get::<_, Option<String>>(21)? {
        None => None,
        Some(_) => Some(super::approvals::cosignature_at(r, 21)?),
    };
    Ok(GrantRecord {
        id: r.get(0)?,
        signed: r.get(1)?,
        signature: r.get(2)?,
        key_id: r.get(3)?,
        grantee: r.get(4)?,
        accounts,
        purpose: r.get(5)?,
        not_before: r.get(6)?,
        not_after: r.get(7)?,
        max_uses: r.get::<_, Option<i64>>(8)?.map(|m| m as u64),
        issued_at: r.get(9)?,
        request_id: r.get(10)?,
        signer: r.get(11)?,
        registered_at: r.get(12)?,
        uses: r.get::<_, i64>(13)? as u64,
        revoked_at: r.get(14)?,
        revoked_by: r.get(15)?,
        revoke_reason: r.get(16)?,
        delegation_id: r.get(17)?,
        authority_key_id: r.get(18)?,
        cosignature,
        needs_two_signatures: r.get(19)?,
    })
}

pub fn get_grant(conn: &Connection, id: &str) -> Result<Option<GrantRecord>, StoreError> {
    Ok(grants_query(conn, grants_select!("g.id = ?1"), [id])?
        .into_iter()
        .next())
}

/// Most past grants a denial looks at to name its reason (expired, revoked...).
pub const RECENT_FOR_DENIAL: u32 = 16;

/// Grants whose rows name `grantee` and `account_id` and have not ended by `now`: the
/// candidates for a release. An index on (grantee, not_after) keeps this independent of history.
pub fn live_grants_for(
    conn: &Connection,
    grantee: &str,
    account_id: &str,
    now: i64,
) -> Result<Vec<GrantRecord>, StoreError> {
    use super::writer_memo::{remembered, Kind};
    // On the writer, remembered until a grant, its accounts or second signature, a delegation
    // or an account is written; what ended since is dropped here, and the use count, which
    // every release changes (in `grant_uses`, which forgets nothing), is read fresh.
    let mut live = remembered(
        Kind::LiveGrants,
        &format!("{grantee}\n{account_id}"),
        || read_live_grants(conn, grantee, account_id, now),
    )?;
    live.retain(|g| g.not_after > now);
    for grant in &mut live {
        grant.uses = uses_of(conn, &grant.id)?;
    }
    Ok(live)
}

fn read_live_grants(
    conn: &Connection,
    grantee: &str,
    account_id: &str,
    now: i64,
) -> Result<Vec<GrantRecord>, StoreError> {
    // Sorted here rather than by SQL, which opened a sorter on every release for the few rows
    // a grantee has.
    let mut live = grants_query(
        conn,
        grants_select!("g.grantee = ?1 AND g.not_after > ?3 AND g.revoked_at IS NULL
         AND EXISTS (SELECT 1 FROM grant_accounts ga WHERE ga.grant_id = g.id AND ga.account_id = ?2)"),
        params![grantee, account_id, now],
    )?;
    live.sort_unstable_by(|a, b| (a.not_after, &a.id).cmp(&(b.not_after, &b.id)));
    Ok(live)
}

/// The latest grants (by end) naming `grantee` and `account_id`, ended or not, at most
/// [`RECENT_FOR_DENIAL`]: enough to say why a release is refused, never the whole history.
pub fn recent_grants_for(
    conn: &Connection,
    grantee: &str,
    account_id: &str,
) -> Result<Vec<GrantRecord>, StoreError> {
    grants_query(
        conn,
        grants_select!("g.grantee = ?1
         AND EXISTS (SELECT 1 FROM grant_accounts ga WHERE ga.grant_id = g.id AND ga.account_id = ?2)
         ORDER BY g.not_after DESC, g.id LIMIT ?3"),
        params![grantee, account_id, RECENT_FOR_DENIAL],
    )
}

/// Most grants the pending view lists as waiting for their second signature.
pub const MAX_AWAITING: u32 = 100;

/// Live grants (not revoked, not ended at `now`) naming an account that needs two signatures
/// and carrying one, oldest first, at most [`MAX_AWAITING`]: the partial index of live grants
/// by end keeps ended ones out of the read.
pub fn awaiting_second_signature(
    conn: &Connection,
    now: i64,
) -> Result<Vec<GrantRecord>, StoreError> {
    grants_query(
        conn,
        grants_select!(
            "g.revoked_at IS NULL AND g.not_after > ?1
         AND c.grant_id IS NULL
         AND EXISTS (SELECT 1 FROM grant_accounts ga JOIN accounts a ON a.id = ga.account_id
                     WHERE ga.grant_id = g.id AND a.required_signatures = 2)
         ORDER BY g.registered_at, g.id LIMIT ?2"
        ),
        params![now, MAX_AWAITING],
    )
}

/// Grants for `grant list`, filtered here rather than after loading every grant: by grantee, by
/// account, and, given `live_at`, only those not yet ended then.
pub fn list(
    conn: &Connection,
    grantee: Option<&str>,
    account: Option<&str>,
    live_at: Option<i64>,
) -> Result<Vec<GrantRecord>, StoreError> {
    grants_query(
        conn,
        grants_select!(
            "(?1 IS NULL OR g.grantee = ?1)
         AND (?2 IS NULL OR EXISTS (SELECT 1 FROM grant_accounts ga
                                    WHERE ga.grant_id = g.id AND ga.account_id = ?2))
         AND (?3 IS NULL OR (g.not_after > ?3 AND g.revoked_at IS NULL))
         ORDER BY g.registered_at, g.id"
        ),
        params![grantee, account, live_at],
    )
}

/// Revokes a grant (false if it was already), ending what its grantee holds under it.
pub fn revoke(conn: &Connection, id: &str, by: &str, reason: &str) -> Result<bool, StoreError> {
    let changed = conn.execute(
        "UPDATE grants SET revoked_at = ?2, revoked_by = ?3, revoke_reason = ?4 WHERE id = ?1 AND revoked_at IS NULL",
        params![id, now(), by, reason],
    )?;
    if changed == 1 {
        if let Some(grant) = get_grant(conn, id)? {
            super::events::append(
                conn,
                super::events::EventKind::GrantRevoked,
                &revoked_event(&grant),
            )?;
        }
    }
    end_holdings_of_grant(conn, id)?;
    Ok(changed == 1)
}

/// grant.revoked: the grant, its grantee (as `requester`), who revoked it, when and why.
fn revoked_event(g: &GrantRecord) -> super::events::EventBody {
    super::events::EventBody {
        grant_id: g.id.clone(),
        request_id: g.request_id.clone().unwrap_or_default(),
        requester: g.grantee.clone(),
        accounts: g.accounts.clone(),
        decided_by: g.revoked_by.clone().unwrap_or_default(),
        decided_at: g.revoked_at.unwrap_or_default(),
        reason: g.revoke_reason.clone().unwrap_or_default(),
        not_before: g.not_before,
        not_after: g.not_after,
        max_uses: g.max_uses.unwrap_or(0),
        ..Default::default()
    }
}

/// Counts one use of grant `id`, whose limit is `max_uses`, only if uses remain: false when
/// the grant is exhausted. The count has a table of its own (schema 21): a use writes a small
/// row, and nothing of the grant itself, so the live grants the writer remembers stay.
pub fn count_use(conn: &Connection, id: &str, max_uses: Option<u64>) -> Result<bool, StoreError> {
    // The first use inserts the row (unless the limit is 0); later ones add to it while under
    // the limit. `WHERE` in the SELECT also keeps SQLite from reading ON CONFLICT as a join's.
    let changed = conn
        .prepare_cached(
            "INSERT INTO grant_uses (grant_id, uses) SELECT ?1, 1 WHERE ?2 IS NULL OR ?2 > 0
             ON CONFLICT (grant_id) DO UPDATE SET uses = uses + 1 WHERE ?2 IS NULL OR uses < ?2",
        )?
        .execute(params![id, max_uses.map(|m| m as i64)])?;
    Ok(changed == 1)
}

/// A grant's use count now (0 before its first use).
fn uses_of(conn: &Connection, id: &str) -> Result<u64, StoreError> {
    let uses: Option<i64> = conn
        .prepare_cached("SELECT uses FROM grant_uses WHERE grant_id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    Ok(uses.unwrap_or(0) as u64)
}

/// Records that `grantee` holds `version` of the account's password under `grant_id` (received
/// it, or set it): one row per (account, version, grant), whatever the number of releases,
/// written by the first only (a later release under the same grant finds it and writes nothing).
pub fn record_holding(
    conn: &Connection,
    account_id: &str,
    version: u64,
    grantee: &str,
    grant_id: &str,
    grant_not_after: i64,
) -> Result<(), StoreError> {
    // A repeat release under the same grant holds what it held: nothing to insert.
    use super::writer_memo::{known, remember, Kind};
    let holding = format!("{account_id}\n{version}\n{grant_id}");
    if known(Kind::Holding, &holding) {
        return Ok(());
    }
    conn.prepare_cached(
        "INSERT INTO password_holders (account_id, version, grant_id, grantee, not_after, first_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (account_id, version, grant_id) DO NOTHING",
    )?
    .execute(params![
        account_id,
        version as i64,
        grant_id,
        grantee,
        grant_not_after,
        now()
    ])?;
    // After the insert, whose hook forgot the holdings remembered so far.
    remember(Kind::Holding, &holding, ());
    Ok(())
}

/// The version of the account's password that is current (0 before any), for a holding `h`.
const CURRENT_PASSWORD: &str = "coalesce((SELECT max(version) FROM secret_fields f
                                          WHERE f.account_id = h.account_id AND f.field = 'password'), 0)";

/// Whether rotation of `h`'s account was already recommended for `h`'s version: a holding of it
/// ended early, or lapsed and the clock noted it. (Then its event was written already.)
const ALREADY_RECOMMENDED: &str = "EXISTS (SELECT 1 FROM password_holders o
                                   WHERE o.account_id = h.account_id AND o.version = h.version
                                     AND (o.ended_at IS NOT NULL OR o.lapse_noted_at IS NOT NULL))";

/// Ends the holdings `condition` selects (on `h`, with `?1`), and writes `rotation.recommended`
/// in the same transaction for each account whose current password this makes one to change.
fn end_holdings(
    conn: &Connection,
    condition: &str,
    arg: &str,
    reason: super::events::RotationReason,
) -> Result<(), StoreError> {
    let newly: Vec<String> = conn
        .prepare_cached(&format!(
            "SELECT DISTINCT h.account_id FROM password_holders h
             WHERE h.ended_at IS NULL AND ({condition}) AND h.version = {CURRENT_PASSWORD}
               AND NOT {ALREADY_RECOMMENDED}
             ORDER BY h.account_id"
        ))?
        .query_map([arg], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    conn.prepare_cached(&format!(
        "UPDATE password_holders AS h SET ended_at = ?2 WHERE h.ended_at IS NULL AND ({condition})"
    ))?
    .execute(params![arg, now()])?;
    for account in newly {
        super::events::rotation_recommended(conn, &account, reason, None)?;
    }
    Ok(())
}

/// The holdings under one grant stop counting as authorized (the grant was revoked).
fn end_holdings_of_grant(conn: &Connection, grant_id: &str) -> Result<(), StoreError> {
    end_holdings(
        conn,
        "h.grant_id = ?1",
        grant_id,
        super::events::RotationReason::GrantEnded,
    )
}

/// Every holding of a principal stops counting as authorized (the principal was disabled).
pub fn end_holdings_of_grantee(conn: &Connection, grantee: &str) -> Result<(), StoreError> {
    end_holdings(
        conn,
        "h.grantee = ?1",
        grantee,
        super::events::RotationReason::HolderDisabled,
    )
}

/// Holdings under grants signed by keys other than the current one stop counting (the
/// authority key was rotated, so those grants no longer verify).
fn end_holdings_of_retired_keys(conn: &Connection) -> Result<(), StoreError> {
    end_holdings(
        conn,
        "?1 = ?1 AND h.grant_id IN (
             SELECT g.id FROM grants g
             WHERE g.key_id NOT IN (SELECT key_id FROM authority_keys WHERE retired_at IS NULL))",
        "",
        super::events::RotationReason::AuthorityRotated,
    )
}

/// When the first pending request not yet reminded of was made (one row of a partial index).
pub fn next_reminder(conn: &Connection) -> Result<Option<i64>, StoreError> {
    Ok(conn.query_row(
        "SELECT min(created_at) FROM grant_requests WHERE state = 'pending' AND overdue_at IS NULL",
        [],
        |r| r.get(0),
    )?)
}

/// The oldest pending request made at or before `made_by` and not yet reminded of, marked as
/// reminded of now (so that it is reminded of once): its id.
pub fn take_overdue(conn: &Connection, made_by: i64) -> Result<Option<String>, StoreError> {
    let id: Option<String> = conn
        .query_row(
            "SELECT id FROM grant_requests
             WHERE state = 'pending' AND overdue_at IS NULL AND created_at <= ?1
             ORDER BY created_at LIMIT 1",
            [made_by],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = &id {
        conn.execute(
            "UPDATE grant_requests SET overdue_at = ?2 WHERE id = ?1",
            params![id, now()],
        )?;
    }
    Ok(id)
}

/// When the first holding still counting reaches its grant's end, if it is not yet noted.
pub fn next_lapse(conn: &Connection) -> Result<Option<i64>, StoreError> {
    Ok(conn.query_row(
        "SELECT min(not_after) FROM password_holders WHERE ended_at IS NULL AND lapse_noted_at IS NULL",
        [],
        |r| r.get(0),
    )?)
}

/// A lapse the clock noted: the account, and whether that made its current password one to
/// change (its event's number, and the grant that ended).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lapse {
    pub account: String,
    pub recommended: Option<(u64, String)>,
}

/// Notes the lapsed holdings (grant ended by `at`) of the account whose first one lapsed
/// earliest, and writes `rotation.recommended` if one of them held its current password and no
/// recommendation was made for it yet. None when no holding has lapsed unnoted.
pub fn note_next_lapse(conn: &Connection, at: i64) -> Result<Option<Lapse>, StoreError> {
    let account: Option<String> = conn
        .query_row(
            "SELECT account_id FROM password_holders
             WHERE ended_at IS NULL AND lapse_noted_at IS NULL AND not_after <= ?1
             ORDER BY not_after LIMIT 1",
            [at],
            |r| r.get(0),
        )
        .optional()?;
    let Some(account) = account else {
        return Ok(None);
    };
    let grant: Option<String> = conn
        .query_row(
            &format!(
                "SELECT h.grant_id FROM password_holders h
                 WHERE h.account_id = ?1 AND h.ended_at IS NULL AND h.lapse_noted_at IS NULL
                   AND h.not_after <= ?2 AND h.version = {CURRENT_PASSWORD}
                   AND NOT {ALREADY_RECOMMENDED}
                 ORDER BY h.not_after LIMIT 1"
            ),
            params![account, at],
            |r| r.get(0),
        )
        .optional()?;
    conn.execute(
        "UPDATE password_holders SET lapse_noted_at = ?2
         WHERE account_id = ?1 AND ended_at IS NULL AND lapse_noted_at IS NULL AND not_after <= ?2",
        params![account, at],
    )?;
    let recommended = match grant {
        Some(grant) => Some((
            super::events::rotation_recommended(
                conn,
                &account,
                super::events::RotationReason::GrantEnded,
                Some(&grant),
            )?,
            grant,
        )),
        None => None,
    };
    Ok(Some(Lapse {
        account,
        recommended,
    }))
}

#[cfg(test)]
mod tests {
    use super::super::events::{self, EventRecord};
    use super::*;

    /// An account `a` whose password is at version 1, and `admin` holding it under grant `g1`
    /// (ending at `g1_end`) and `g2` (ended by the time the test looks).
    fn vault(g1_end: i64) -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        super::super::migrations::migrate(&mut conn).unwrap();
        let t = now();
        conn.execute_batch(&format!(
            "INSERT INTO principals (name, cert_fingerprint, created_at, created_by)
               VALUES ('admin', 'f1', 0, 'op'), ('admin2', 'f2', 0, 'op');
             INSERT INTO accounts (id, platform, login, created_at, created_by)
               VALUES ('a', 'x', 'l', 0, 'op'), ('b', 'x', 'l', 0, 'op');
             INSERT INTO secret_versions (account_id, version, created_at, created_by, reason)
               VALUES ('a', 1, 0, 'op', 'r'), ('b', 1, 0, 'op', 'r');
             INSERT INTO secret_fields (account_id, version, field, sealed)
               VALUES ('a', 1, 'password', x'00'), ('b', 1, 'password', x'00');
             INSERT INTO grants (id, signed, signature, key_id, grantee, purpose, not_before,
                                 not_after, issued_at, signer, registered_at)
               VALUES ('g1', x'00', x'00', 'k', 'admin', 'p', 0, {g1_end}, 0, 'sg', 0),
                      ('g2', x'00', x'00', 'k', 'admin2', 'p', 0, {t} + 3600, 0, 'sg', 0),
                      ('g3', x'00', x'00', 'k', 'admin2', 'p', 0, {t} + 3600, 0, 'sg', 0);",
        ))
        .unwrap();
        record_holding(&conn, "a", 1, "admin", "g1", g1_end).unwrap();
        record_holding(&conn, "a", 1, "admin2", "g2", t + 3600).unwrap();
        record_holding(&conn, "b", 1, "admin2", "g3", t + 3600).unwrap();
        conn
    }

    #[test]
    fn a_use_is_counted_until_the_limit_and_without_end_when_there_is_none() {
        let conn = vault(now() + 3600);
        let uses = |id| get_grant(&conn, id).unwrap().unwrap().uses;
        assert_eq!(uses("g1"), 0);
        for _ in 0..5 {
            assert!(count_use(&conn, "g1", None).unwrap());
        }
        assert_eq!(uses("g1"), 5);
        assert!(count_use(&conn, "g2", Some(2)).unwrap());
        assert!(count_use(&conn, "g2", Some(2)).unwrap());
        assert!(!count_use(&conn, "g2", Some(2)).unwrap(), "exhausted");
        assert_eq!((uses("g2"), uses("g3")), (2, 0), "each grant its own count");
    }

    fn rotations(conn: &Connection) -> Vec<(String, String)> {
        events::after(conn, 0, 100)
            .unwrap()
            .into_iter()
            .filter(|e: &EventRecord| e.kind == "rotation.recommended")
            .map(|e| (e.body.accounts.join(","), e.body.reason))
            .collect()
    }

    #[test]
    fn prefixes_name_at_most_ten_candidates_and_count_them_all() {
        let conn = vault(now() + 3600);
        for i in 0..12 {
            conn.execute(
                "INSERT INTO grant_requests (id, requester, purpose, duration_secs, created_at)
                 VALUES (?1, 'admin', 'p', 0, 0)",
                [format!("abcdef{i:010x}")],
            )
            .unwrap();
        }
        let found = request_ids_with_prefix(&conn, "abcdef").unwrap();
        assert_eq!(found.total, 12);
        assert_eq!(found.ids.len(), MAX_CANDIDATES);
        assert_eq!(found.ids[0], "abcdef0000000000");
        let one = request_ids_with_prefix(&conn, "abcdef000000000b").unwrap();
        assert_eq!(
            (one.ids, one.total),
            (vec!["abcdef000000000b".to_owned()], 1)
        );
        assert_eq!(request_ids_with_prefix(&conn, "abcdf0").unwrap().total, 0);
        // The range ends at the prefix: `abcdef` does not reach `abcdf…` or `abcdeg…`.
        assert_eq!(grant_ids_with_prefix(&conn, "abcdef").unwrap().total, 0);
    }

    #[test]
    fn ending_holdings_recommends_rotation_once_per_current_password_in_the_same_act() {
        let conn = vault(now() + 3600);
        assert!(revoke(&conn, "g1", "sg", "fin").unwrap());
        let revoked = events::after(&conn, 0, 10).unwrap();
        assert_eq!(revoked[0].kind, "grant.revoked");
        assert_eq!(revoked[0].body.requester, "admin");
        assert_eq!(rotations(&conn), [("a".into(), "grant_ended".into())]);
        // Already recommended for `a`: disabling the other holder adds one, for `b` only.
        end_holdings_of_grantee(&conn, "admin2").unwrap();
        assert_eq!(
            rotations(&conn),
            [
                ("a".into(), "grant_ended".into()),
                ("b".into(), "holder_disabled".into())
            ]
        );
        // A new password: the next ended holding of it is a new recommendation.
        conn.execute_batch(
            "INSERT INTO secret_versions (account_id, version, created_at, created_by, reason)
               VALUES ('a', 2, 0, 'op', 'r');
             INSERT INTO secret_fields (account_id, version, field, sealed)
               VALUES ('a', 2, 'password', x'00');
             INSERT INTO authority_keys (key_id, public_key, pinned_at, pinned_by, seq)
               VALUES ('k2', x'00', 0, 'sg', 1);",
        )
        .unwrap();
        record_holding(&conn, "a", 2, "admin", "g1", now() + 3600).unwrap();
        end_holdings_of_retired_keys(&conn).unwrap();
        assert_eq!(
            rotations(&conn).last().unwrap(),
            &("a".into(), "authority_rotated".into())
        );
        assert_eq!(rotations(&conn).len(), 3);
    }

    #[test]
    fn a_lapsed_holding_of_the_current_password_is_noted_once_with_its_event() {
        let t = now();
        let conn = vault(t - 5);
        assert_eq!(next_lapse(&conn).unwrap(), Some(t - 5));
        let lapse = note_next_lapse(&conn, t).unwrap().unwrap();
        assert_eq!(lapse.account, "a");
        let (seq, grant) = lapse.recommended.unwrap();
        assert_eq!(grant, "g1");
        assert_eq!(
            events::get(&conn, seq).unwrap().unwrap().body.grant_id,
            "g1"
        );
        assert!(note_next_lapse(&conn, t).unwrap().is_none(), "noted once");
        // The other holdings' grants end in an hour (from the fixture's own clock reading).
        assert!(next_lapse(&conn).unwrap().unwrap() >= t + 3600);
        // `a` is recommended already: revoking its other holder's grant adds no event.
        assert!(revoke(&conn, "g2", "sg", "fin").unwrap());
        assert_eq!(rotations(&conn).len(), 1);
    }

    #[test]
    fn a_pending_request_is_taken_as_overdue_once_oldest_first() {
        let conn = vault(now() + 3600);
        assert_eq!(next_reminder(&conn).unwrap(), None);
        for (id, made) in [("r2", 200), ("r1", 100), ("r3", 300)] {
            insert_request(
                &conn,
                &RequestRecord {
                    id: id.into(),
                    requester: "admin".into(),
                    accounts: vec!["a".into()],
                    purpose: "p".into(),
                    duration_secs: 60,
                    created_at: made,
                    state: "pending".into(),
                    decided_by: None,
                    decided_at: None,
                    deny_reason: None,
                    grant_id: None,
                },
            )
            .unwrap();
        }
        decide_request(&conn, "r2", "denied", "sg", Some("non"), None).unwrap();
        assert_eq!(next_reminder(&conn).unwrap(), Some(100));
        assert_eq!(take_overdue(&conn, 250).unwrap().as_deref(), Some("r1"));
        assert_eq!(
            take_overdue(&conn, 250).unwrap(),
            None,
            "r2 was decided, r3 is not due"
        );
        assert_eq!(next_reminder(&conn).unwrap(), Some(300));
        assert_eq!(take_overdue(&conn, 300).unwrap().as_deref(), Some("r3"));
        assert_eq!(next_reminder(&conn).unwrap(), None);
    }

    #[test]
    fn deadlines_and_pending_requests_are_read_through_their_partial_indexes() {
        let conn = vault(now() + 3600);
        for (query, index) in [
            (
                "SELECT min(created_at) FROM grant_requests WHERE state = 'pending' AND overdue_at IS NULL",
                "grant_requests_to_remind",
            ),
            (
                "SELECT min(not_after) FROM password_holders WHERE ended_at IS NULL AND lapse_noted_at IS NULL",
                "password_holders_to_lapse",
            ),
            (
                "SELECT id FROM grant_requests WHERE state = 'pending' AND '' = '' ORDER BY created_at, id",
                "grant_requests_pending",
            ),
            (
                "SELECT count(*) FROM grant_requests WHERE requester = 'admin' AND state = 'pending'",
                "grant_requests_pending_by",
            ),
        ] {
            assert_reads_index(&conn, query, index);
        }
    }

    #[test]
    fn a_refusal_finds_the_callers_pending_request_and_last_denial_through_indexes() {
        let conn = vault(now() + 3600);
        // The statements as they run, parameters bound.
        for (query, index) in [
            (
                "SELECT r.id, r.created_at FROM grant_requests r
                 WHERE r.requester = 'admin' AND r.state = 'pending'
                   AND EXISTS (SELECT 1 FROM grant_request_accounts a
                               WHERE a.request_id = r.id AND a.account_id = 'x')
                 ORDER BY r.created_at, r.id LIMIT 1",
                "grant_requests_pending_by",
            ),
            (
                "SELECT id, decided_at, deny_reason FROM (
                     SELECT id, decided_at, deny_reason FROM grant_requests
                     WHERE requester = 'admin' AND state = 'denied'
                     ORDER BY decided_at DESC LIMIT 16) r
                 WHERE EXISTS (SELECT 1 FROM grant_request_accounts a
                               WHERE a.request_id = r.id AND a.account_id = 'x')
                 ORDER BY decided_at DESC, id LIMIT 1",
                "grant_requests_denied_by",
            ),
        ] {
            assert_reads_index(&conn, query, index);
        }
    }

    #[test]
    fn a_refusal_names_the_oldest_pending_request_or_the_last_denial_for_that_account() {
        let conn = vault(now() + 3600);
        let request = |id: &str, who: &str, accounts: &[&str], at: i64| {
            let record = RequestRecord {
                id: id.into(),
                requester: who.into(),
                accounts: accounts.iter().map(|a| a.to_string()).collect(),
                purpose: "p".into(),
                duration_secs: 60,
                created_at: at,
                state: "pending".into(),
                decided_by: None,
                decided_at: None,
                deny_reason: None,
                grant_id: None,
            };
            insert_request(&conn, &record).unwrap();
        };
        let deny = |id: &str, at: i64, why: &str| {
            conn.execute(
                "UPDATE grant_requests SET state = 'denied', decided_by = 'sg', decided_at = ?2,
                 deny_reason = ?3 WHERE id = ?1",
                params![id, at, why],
            )
            .unwrap();
        };
        assert_eq!(pending_request_for(&conn, "admin", "a").unwrap(), None);
        assert_eq!(last_denial_for(&conn, "admin", "a").unwrap(), None);
        request("r-old", "admin", &["a", "b"], 10);
        request("r-new", "admin", &["a"], 20);
        request("r-b", "admin", &["b"], 5);
        request("r-other", "admin2", &["a"], 1);
        let pending = pending_request_for(&conn, "admin", "a").unwrap().unwrap();
        assert_eq!((pending.id.as_str(), pending.at), ("r-old", 10));
        // Denials: the latest for the account, with its reason; others' and other accounts' not.
        deny("r-old", 100, "pas maintenant");
        deny("r-new", 200, "période électorale");
        deny("r-other", 300, "non");
        let denied = last_denial_for(&conn, "admin", "a").unwrap().unwrap();
        assert_eq!(denied.id, "r-new");
        assert_eq!(denied.at, 200);
        assert_eq!(denied.deny_reason.as_deref(), Some("période électorale"));
        assert_eq!(pending_request_for(&conn, "admin", "a").unwrap(), None);
        // Bounded: a denial for `a` behind RECENT_DENIALS later ones for `b` is not looked for.
        for i in 0..RECENT_DENIALS {
            let id = format!("r-b{i}");
            request(&id, "admin", &["b"], 400);
            deny(&id, 400 + i64::from(i), "non");
        }
        assert_eq!(last_denial_for(&conn, "admin", "a").unwrap(), None);
        assert_eq!(
            last_denial_for(&conn, "admin", "b").unwrap().unwrap().id,
            format!("r-b{}", RECENT_DENIALS - 1)
        );
    }

    fn assert_reads_index(conn: &Connection, query: &str, index: &str) {
        let plan: Vec<String> = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {query}"))
            .unwrap()
            .query_map([], |r| r.get(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(plan.iter().any(|p| p.contains(index)), "{query}: {plan:?}");
    }
}
