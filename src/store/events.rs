//! The events followers are told of (`Events.Follow`): one row per event, appended in the commit
//! of the act that causes it, read back by sequence number (the rowid) in bounded pages.

use super::{now, StoreError};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

/// What happened, as `VaultEvent.kind` names it (proto/vault/v1/events.proto).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    RequestCreated,
    RequestApproved,
    RequestDenied,
    RequestOverdue,
    GrantRevoked,
    RotationRecommended,
    RotationStagedStale,
    RotationDue,
    /// A decision an acting authority took under a delegation (for the digest to the
    /// Secrétaire générale): approve, deny, issue or revoke.
    DelegationDecision,
    /// A grant registered with one signature for an account that needs two: the other
    /// signers are told (`grant cosign`).
    GrantAwaitingSecondSignature,
}

impl EventKind {
    pub const ALL: [EventKind; 10] = [
        EventKind::RequestCreated,
        EventKind::RequestApproved,
        EventKind::RequestDenied,
        EventKind::RequestOverdue,
        EventKind::GrantRevoked,
        EventKind::RotationRecommended,
        EventKind::RotationStagedStale,
        EventKind::RotationDue,
        EventKind::DelegationDecision,
        EventKind::GrantAwaitingSecondSignature,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::RequestCreated => "request.created",
            EventKind::RequestApproved => "request.approved",
            EventKind::RequestDenied => "request.denied",
            EventKind::RequestOverdue => "request.overdue",
            EventKind::GrantRevoked => "grant.revoked",
            EventKind::RotationRecommended => "rotation.recommended",
            EventKind::RotationStagedStale => "rotation.staged_stale",
            EventKind::RotationDue => "rotation.due",
            EventKind::DelegationDecision => "delegation.decision",
            EventKind::GrantAwaitingSecondSignature => "grant.awaiting_second_signature",
        }
    }

    pub fn parse(kind: &str) -> Option<EventKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == kind)
    }
}

/// Why an account's password should be changed (`rotation.recommended`'s reason).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RotationReason {
    /// A grant under which someone saw the current password ended (its window passed, or it
    /// was revoked).
    GrantEnded,
    /// Someone who saw it was disabled.
    HolderDisabled,
    /// The authority key was rotated: the grants it signed no longer verify.
    AuthorityRotated,
}

impl RotationReason {
    pub fn as_str(self) -> &'static str {
        match self {
            RotationReason::GrantEnded => "grant_ended",
            RotationReason::HolderDisabled => "holder_disabled",
            RotationReason::AuthorityRotated => "authority_rotated",
        }
    }
}

/// An event's fields (which are set depends on its kind), kept as JSON: empty ones are left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EventBody {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub request_id: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub requester: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub accounts: Vec<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub purpose: String,
    #[serde(skip_serializing_if = "is_zero")]
    pub duration_secs: i64,
    #[serde(skip_serializing_if = "is_zero")]
    pub created_at: i64,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub decided_by: String,
    #[serde(skip_serializing_if = "is_zero")]
    pub decided_at: i64,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub grant_id: String,
    #[serde(skip_serializing_if = "is_zero")]
    pub not_before: i64,
    #[serde(skip_serializing_if = "is_zero")]
    pub not_after: i64,
    /// 0: unlimited.
    #[serde(skip_serializing_if = "is_zero_u64")]
    pub max_uses: u64,
    /// delegation.decision: the delegation it was taken under.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub delegation_id: String,
    /// delegation.decision: the principal the delegate acts for (who registered the
    /// delegation: the Secrétaire générale), whom the digest is for.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub acting_for: String,
    /// delegation.decision: approve, deny, issue or revoke.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub decision: String,
    /// grant.awaiting_second_signature: who may add the second signature (principal names).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cosigners: Vec<String>,
    /// request.approved: the grant awaits a second signature and releases nothing yet.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub awaiting_second_signature: bool,
}

fn is_zero(n: &i64) -> bool {
    *n == 0
}

fn is_zero_u64(n: &u64) -> bool {
    *n == 0
}

/// One stored event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRecord {
    pub seq: u64,
    /// Unix seconds, when it committed.
    pub at: i64,
    pub kind: String,
    pub body: EventBody,
}

/// Appends an event (in the caller's transaction, the act's own) and returns its sequence number.
pub fn append(conn: &Connection, kind: EventKind, body: &EventBody) -> Result<u64, StoreError> {
    let json = serde_json::to_string(body).map_err(|e| StoreError::Damaged(e.to_string()))?;
    conn.prepare_cached("INSERT INTO events (at, kind, body) VALUES (?1, ?2, ?3)")?
        .execute(params![now(), kind.as_str(), json])?;
    Ok(conn.last_insert_rowid() as u64)
}

fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, i64, String, String)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
}

fn record((seq, at, kind, body): (i64, i64, String, String)) -> Result<EventRecord, StoreError> {
    let body = serde_json::from_str(&body)
        .map_err(|e| StoreError::Damaged(format!("event {seq}: {e}")))?;
    Ok(EventRecord {
        seq: seq as u64,
        at,
        kind,
        body,
    })
}

/// Up to `limit` events after `after_seq`, in order: a range of the primary key.
pub fn after(
    conn: &Connection,
    after_seq: u64,
    limit: u32,
) -> Result<Vec<EventRecord>, StoreError> {
    // Sequence numbers are rowids: past i64::MAX there is nothing.
    let Ok(after_seq) = i64::try_from(after_seq) else {
        return Ok(Vec::new());
    };
    let mut stmt = conn.prepare_cached(
        "SELECT seq, at, kind, body FROM events WHERE seq > ?1 ORDER BY seq LIMIT ?2",
    )?;
    let rows = stmt
        .query_map(params![after_seq, limit], read)?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter().map(record).collect()
}

/// The event numbered `seq`, if there is one.
pub fn get(conn: &Connection, seq: u64) -> Result<Option<EventRecord>, StoreError> {
    let Ok(seq) = i64::try_from(seq) else {
        return Ok(None);
    };
    conn.prepare_cached("SELECT seq, at, kind, body FROM events WHERE seq = ?1")?
        .query_row([seq], read)
        .optional()?
        .map(record)
        .transpose()
}

/// The last event's sequence number (0 before the first).
pub fn last_seq(conn: &Connection) -> Result<u64, StoreError> {
    let seq: i64 = conn
        .prepare_cached("SELECT coalesce(max(seq), 0) FROM events")?
        .query_row([], |r| r.get(0))?;
    Ok(seq as u64)
}

/// Writes `rotation.recommended` for `account` (in the caller's transaction).
pub fn rotation_recommended(
    conn: &Connection,
    account: &str,
    reason: RotationReason,
    grant_id: Option<&str>,
) -> Result<u64, StoreError> {
    append(
        conn,
        EventKind::RotationRecommended,
        &EventBody {
            accounts: vec![account.to_owned()],
            reason: reason.as_str().to_owned(),
            grant_id: grant_id.unwrap_or_default().to_owned(),
            ..Default::default()
        },
    )
}

/// Writes `rotation.staged_stale` for `account`'s change staged by `staged_by` at `staged_at`
/// (in the caller's transaction): the stager is the event's `requester`, as a revoked grant's
/// grantee is, the one the notifier writes to.
pub fn rotation_staged_stale(
    conn: &Connection,
    account: &str,
    staged_by: &str,
    staged_at: i64,
) -> Result<u64, StoreError> {
    append(
        conn,
        EventKind::RotationStagedStale,
        &EventBody {
            accounts: vec![account.to_owned()],
            requester: staged_by.to_owned(),
            created_at: staged_at,
            ..Default::default()
        },
    )
}

/// Writes `rotation.due` for a password past its maximum age (in the caller's transaction):
/// the account, when its password was set (`created_at`) and the age (`duration_secs`), so
/// that the due time is their sum.
pub fn rotation_due(conn: &Connection, due: &super::rotation_due::Due) -> Result<u64, StoreError> {
    append(
        conn,
        EventKind::RotationDue,
        &EventBody {
            accounts: vec![due.account.clone()],
            reason: "age".to_owned(),
            created_at: due.since - due.max_age,
            duration_secs: due.max_age,
            ..Default::default()
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conn() -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        super::super::migrations::migrate(&mut conn).unwrap();
        conn
    }

    #[test]
    fn events_are_read_back_in_pages_by_sequence_and_cannot_be_changed() {
        let conn = conn();
        assert_eq!(last_seq(&conn).unwrap(), 0);
        for i in 0..5 {
            let body = EventBody {
                request_id: format!("r{i}"),
                accounts: vec!["x-cest".into()],
                ..Default::default()
            };
            assert_eq!(
                append(&conn, EventKind::RequestCreated, &body).unwrap(),
                i + 1
            );
        }
        assert_eq!(last_seq(&conn).unwrap(), 5);
        let first = after(&conn, 0, 2).unwrap();
        assert_eq!(first.iter().map(|e| e.seq).collect::<Vec<_>>(), [1, 2]);
        let rest = after(&conn, 2, 10).unwrap();
        assert_eq!(rest.iter().map(|e| e.seq).collect::<Vec<_>>(), [3, 4, 5]);
        assert_eq!(rest[0].body.request_id, "r2");
        assert_eq!(rest[0].kind, "request.created");
        assert!(after(&conn, u64::MAX, 10).unwrap().is_empty());
        assert_eq!(get(&conn, 4).unwrap().unwrap().body.request_id, "r3");
        assert!(get(&conn, 6).unwrap().is_none());
        assert!(conn.execute("UPDATE events SET kind = 'x'", []).is_err());
        assert!(conn.execute("DELETE FROM events", []).is_err());
    }

    #[test]
    fn a_body_keeps_only_its_set_fields_and_reads_back_whole() {
        let body = EventBody {
            request_id: "r".into(),
            accounts: vec!["a".into(), "b".into()],
            not_after: 10,
            ..Default::default()
        };
        let json = serde_json::to_string(&body).unwrap();
        assert_eq!(
            json,
            r#"{"request_id":"r","accounts":["a","b"],"not_after":10}"#
        );
        assert_eq!(serde_json::from_str::<EventBody>(&json).unwrap(), body);
        for kind in EventKind::ALL {
            assert_eq!(EventKind::parse(kind.as_str()), Some(kind));
        }
    }
}
