//! The review's model: what a report shows for one period (accounts and their releases, grants,
//! denied requests, denials, administrative events), as plain data. `reviewer.rs` fills it from
//! the log; the JSON is `serialize.rs`, the text, CSV and HTML are vault-cli's.

use super::blocks::Blocks;
use super::names::{Name, NameId, NO_NAME};
use serde::Serialize;

/// The part of the log a report covers: entries at or after `from`, before `to` (Unix seconds).
#[derive(Debug, Clone, Default)]
pub struct Period {
    pub from: Option<i64>,
    pub to: Option<i64>,
}

/// One credential released: who, when, which field (and version), under which grant. 32
/// bytes: a year of a busy vault is a million of these.
#[derive(Debug, Clone)]
pub struct Release {
    pub seq: u64,
    /// The entry's time in Unix milliseconds (a number each, not a string).
    pub millis: i64,
    pub principal: NameId,
    /// `password v3`, `totp`, `login`, as the entry says.
    pub field: NameId,
    pub(super) grant: NameId,
    /// Outside the configured business hours.
    pub off_hours: bool,
}

impl Release {
    /// The release's time in Unix seconds.
    pub fn unix(&self) -> i64 {
        self.millis.div_euclid(1000)
    }

    /// The grant it was released under, when the entry names one.
    pub fn grant(&self) -> Option<NameId> {
        (self.grant != NO_NAME).then_some(self.grant)
    }
}

/// An account: its releases and the denials about it in the period, the grants that name it.
#[derive(Debug, Clone)]
pub struct AccountReview {
    pub account: Name,
    pub added: Option<String>,
    pub archived: Option<String>,
    pub releases: Blocks<Release>,
    /// Indexes into `Review::denials`.
    pub denials: Vec<usize>,
    /// Indexes into `Review::grants`.
    pub grants: Vec<usize>,
    /// The current password version, when the log says.
    pub password_version: Option<u64>,
    /// Since when a new password is recommended: a grant under which the current password was
    /// released has ended (expired, revoked, or its holder disabled).
    pub rotation_since: Option<String>,
    /// Since when the current password is due for rotation by age (the clock's `rotation.due`
    /// for that version).
    pub due_since: Option<String>,
}

/// Why a password was to be changed: someone saw it under a grant that has ended, or it
/// reached its maximum age.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RotationCause {
    Exposure,
    Age,
}

impl RotationCause {
    pub fn as_str(self) -> &'static str {
        match self {
            RotationCause::Exposure => "exposure",
            RotationCause::Age => "age",
        }
    }
}

/// A new password made current in the period: a confirmed rotation (`secret.rotate.confirm`),
/// or a `secret set` while a change was recommended or due; and how long it took from the
/// first reason to change it (None: it came before any).
#[derive(Debug, Clone, Serialize)]
pub struct RotationDone {
    pub seq: u64,
    pub time: String,
    pub account: Name,
    pub by: Name,
    /// `secret.rotate.confirm` or `secret.set`.
    pub action: Name,
    pub version: Option<u64>,
    /// The first reason, and since when (its time as the entries give it).
    pub cause: Option<RotationCause>,
    pub since: Option<String>,
    /// Seconds from `since` to `time`.
    pub took_secs: Option<i64>,
}

/// A new password staged (`secret.rotate`) and never confirmed: aborted in the period, or
/// still waiting at its end.
#[derive(Debug, Clone, Serialize)]
pub struct StagingUnconfirmed {
    pub seq: u64,
    pub staged: String,
    pub account: Name,
    pub by: Name,
    pub stage: Option<Name>,
    /// When it was aborted; None: still staged at the period's end.
    pub aborted: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Revocation {
    pub time: String,
    pub by: Name,
    pub reason: Option<String>,
}

/// A grant as the log tells it: who signed it, whom and what it names, its window and purpose,
/// and what became of it.
#[derive(Debug, Clone, Serialize)]
pub struct GrantReview {
    pub id: Name,
    pub seq: u64,
    pub issued: String,
    pub issued_by: Name,
    /// It answered an administrator's request (approve), rather than being issued directly.
    pub approved_request: Option<Name>,
    pub grantee: Option<Name>,
    pub accounts: Vec<Name>,
    pub from: Option<String>,
    pub until: Option<String>,
    pub max_uses: Option<u64>,
    pub purpose: Option<String>,
    /// The authority granting herself.
    pub self_grant: bool,
    /// The grantee's roles when the grant was registered, when the log says.
    pub grantee_roles: Option<Name>,
    /// Issued to a principal who was not an administrator at the time.
    pub to_non_admin: bool,
    pub revoked: Option<Revocation>,
    /// Releases under it, in all the log up to the period's end, and within the period.
    pub releases: u64,
    pub releases_in_period: u64,
    pub issued_in_period: bool,
    pub revoked_in_period: bool,
    /// Its window ended in the period and nothing was released under it, nor was it revoked.
    pub expired_unused: bool,
    /// The authority key that signed it (its key id), when the log says.
    pub key: Option<Name>,
    /// The delegation it was signed under: its signer acted for the Secrétaire générale.
    pub delegation: Option<Name>,
    /// When, in the period, a new authority key made it invalid before its window ended.
    pub superseded: Option<String>,
    #[serde(skip)]
    pub(super) until_unix: Option<i64>,
    /// When another authority key was pinned (in the period or before it): from then on it
    /// no longer verifies, and what was released under it is due for rotation.
    #[serde(skip)]
    pub(super) retired_unix: Option<i64>,
    /// Its id's number among the review's names.
    #[serde(skip)]
    pub(super) name_id: NameId,
}

impl GrantReview {
    /// When its window ends, in Unix seconds.
    pub fn until_unix(&self) -> Option<i64> {
        self.until_unix
    }

    /// Its id's number among the review's names.
    pub fn name_id(&self) -> NameId {
        self.name_id
    }
}

/// A delegation to an acting authority as the log tells it: who, when, for what, why, how
/// it ended, and the grants its delegate signed under it.
#[derive(Debug, Clone, Serialize)]
pub struct DelegationReview {
    pub id: Name,
    pub seq: u64,
    pub registered: String,
    /// The Secrétaire générale, who signed it.
    pub by: Name,
    pub delegate: Name,
    pub from: Option<String>,
    pub until: Option<String>,
    /// The accounts it covers; None: every account.
    pub accounts: Option<String>,
    pub reason: Option<String>,
    pub revoked: Option<Revocation>,
    /// The grants registered under it, in order (in all the log up to the period's end).
    pub grants: Vec<Name>,
    /// Those of them that name the delegate herself.
    pub self_grants: Vec<Name>,
    #[serde(skip)]
    pub(super) from_unix: Option<i64>,
    #[serde(skip)]
    pub(super) until_unix: Option<i64>,
    #[serde(skip)]
    pub(super) registered_in_period: bool,
    #[serde(skip)]
    pub(super) revoked_in_period: bool,
}

/// An administrator's request the authority denied.
#[derive(Debug, Clone, Serialize)]
pub struct DeniedRequest {
    pub seq: u64,
    pub time: String,
    pub by: Name,
    pub request: Option<Name>,
    pub requester: Option<Name>,
    pub accounts: Option<String>,
    pub reason: Option<String>,
}

/// A request asked in the period, and how the loop around it went (`request_loops.rs`). Times
/// as the entries give them; `None` where it has not happened (yet).
#[derive(Debug, Clone, Serialize)]
pub struct RequestLoop {
    pub seq: u64,
    pub request: Name,
    pub requester: Name,
    pub asked: String,
    /// The first message (mail or hook) about it that reached the authority.
    pub authority_told: Option<String>,
    /// The first reminder that reached her, when it waited longer than the vault's delay.
    pub reminded: Option<String>,
    pub decided: Option<String>,
    /// `approved` or `denied`.
    pub decision: Option<Name>,
    pub decided_by: Option<Name>,
    /// The first message about the decision that reached the requester.
    pub requester_told: Option<String>,
    /// Messages about it that failed (a retry each) or were skipped (no address).
    pub failed_notifications: u64,
}

/// Any refused call: who, what, on what, why. Names by number, as for releases: a log may
/// hold a hundred thousand denials.
#[derive(Debug, Clone)]
pub struct Denial {
    pub seq: u64,
    /// The entry's time in Unix milliseconds.
    pub millis: i64,
    pub principal: NameId,
    pub action: NameId,
    pub target: NameId,
    pub(super) reason: NameId,
}

impl Denial {
    /// The denial's time in Unix seconds.
    pub fn unix(&self) -> i64 {
        self.millis.div_euclid(1000)
    }

    /// Its reason code, when the entry gives one.
    pub fn reason(&self) -> Option<NameId> {
        (self.reason != NO_NAME).then_some(self.reason)
    }
}

/// Enrolments, disables, role changes, seal and unseal (and with which key), keys, backups,
/// restores, rekeys, authority keys, accounts and secret versions.
#[derive(Debug, Clone, Serialize)]
pub struct AdminEvent {
    pub seq: u64,
    pub time: String,
    pub principal: Name,
    pub action: Name,
    pub target: String,
    pub detail: Option<String>,
}

/// Everything a report shows, for one period. Serialized (`serialize.rs`) with names in place
/// of the numbers that releases and denials hold.
#[derive(Debug, Clone)]
pub struct Review {
    pub entries_total: u64,
    pub entries_in_period: u64,
    /// The first and last entries' times within the period.
    pub first_time: Option<String>,
    pub last_time: Option<String>,
    /// The states (expired, rotation recommended) are as of this time: the period's end, or
    /// the last entry.
    pub as_of: Option<String>,
    pub business_hours: String,
    pub requests: u64,
    pub accounts: Vec<AccountReview>,
    pub grants: Vec<GrantReview>,
    pub denied_requests: Vec<DeniedRequest>,
    /// The requests asked in the period, in order, and how each was answered.
    pub request_loops: Vec<RequestLoop>,
    pub denials: Blocks<Denial>,
    pub admin_events: Vec<AdminEvent>,
    /// New passwords made current in the period, in order, with the time each took.
    pub rotations: Vec<RotationDone>,
    /// Stagings aborted in the period or still waiting at its end, in order of staging.
    pub stagings_unconfirmed: Vec<StagingUnconfirmed>,
    /// Delegations registered, in force, or revoked in the period, in order of registration.
    pub delegations: Vec<DelegationReview>,
    pub off_hours_releases: u64,
    /// The names that releases and denials hold by number.
    pub names: Vec<Name>,
}

impl Review {
    /// The name numbered `id`.
    pub fn name(&self, id: NameId) -> &str {
        self.names.get(id as usize).map_or("", |n| n)
    }
}
