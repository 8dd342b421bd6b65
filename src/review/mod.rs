//! The review report's facts, read from the audit log alone: `vault-cli audit report` builds
//! them from a verified export, offline, so a reviewer needs neither the daemon nor its database.
//!
//! One pass over the entries, in order. The state that a later entry needs (who holds which
//! roles, each grant's window and purpose, which password versions were released under which
//! grants) is kept for the whole history; what the report lists is kept only for the period.
//! Names are interned: a log of a million releases names a few accounts and principals, and
//! releases and denials hold them by number (a `u32`: the names of a log never come near four
//! billion, which would take far more memory than any report holds).
//! The text, CSV and HTML renderers live in vault-cli; the JSON is written here
//! (`serialize.rs`), and `ordered.rs` writes long documents on every core.

pub mod hours;
pub mod ordered;
mod serialize;

use crate::tlog::action::{Action, ActionName};
use crate::tlog::detail;
use crate::tlog::entry::{EntryRef, Outcome};
use foldhash::{HashMap, HashMapExt, HashSet};
use hours::{BusinessHours, ZoneCursor};
use serde::Serialize;
use std::sync::Arc;

/// An interned name (account, principal, grant id, field).
pub type Name = Arc<str>;

/// An interned name's number: its index in `Review::names`. Releases and denials, a million of
/// them, hold numbers rather than names.
pub type NameId = u32;

/// No name (a release under no grant, a denial without a reason).
const NO_NAME: NameId = NameId::MAX;

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
    grant: NameId,
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

/// An entry's time, from Unix milliseconds, as the entry wrote it.
fn entry_time_of_millis(millis: i64) -> String {
    let nanos = i128::from(millis) * 1_000_000;
    match time::OffsetDateTime::from_unix_timestamp_nanos(nanos) {
        Ok(t) => crate::tlog::entry::entry_time(t),
        Err(_) => millis.to_string(),
    }
}

/// A list grown block by block: a million releases are never moved to make room, nor their
/// pages touched twice (a growing `Vec` copies itself into new memory each time it doubles).
#[derive(Debug, Clone)]
pub struct Blocks<T> {
    blocks: Vec<Vec<T>>,
    len: usize,
}

const BLOCK: usize = 4096;

impl<T> Default for Blocks<T> {
    fn default() -> Self {
        Self {
            blocks: Vec::new(),
            len: 0,
        }
    }
}

impl<T> Blocks<T> {
    pub fn push(&mut self, item: T) {
        match self.blocks.last_mut() {
            // The first block grows as a Vec does (most lists are short); later ones are
            // made whole.
            Some(block) if block.len() < BLOCK => block.push(item),
            _ => {
                let mut block = Vec::with_capacity(if self.blocks.is_empty() { 0 } else { BLOCK });
                block.push(item);
                self.blocks.push(block);
            }
        }
        self.len += 1;
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> + '_ {
        self.blocks.iter().flatten()
    }
}

impl<T> std::ops::Index<usize> for Blocks<T> {
    type Output = T;
    fn index(&self, i: usize) -> &T {
        &self.blocks[i / BLOCK][i % BLOCK]
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
    /// When, in the period, a new authority key made it invalid before its window ended.
    pub superseded: Option<String>,
    #[serde(skip)]
    until_unix: Option<i64>,
    /// Its id's number among the review's names.
    #[serde(skip)]
    name_id: NameId,
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
    reason: NameId,
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
    pub denials: Blocks<Denial>,
    pub admin_events: Vec<AdminEvent>,
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

/// Every name seen, once: by number (`NameId`) and as a shared string.
#[derive(Default)]
struct Interner {
    ids: HashMap<Name, NameId>,
    names: Vec<Name>,
}

impl Interner {
    fn id(&mut self, s: &str) -> NameId {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.names.len() as NameId;
        let name: Name = Arc::from(s);
        self.names.push(name.clone());
        self.ids.insert(name, id);
        id
    }

    fn get(&mut self, s: &str) -> Name {
        let id = self.id(s);
        self.names[id as usize].clone()
    }
}

#[derive(Default)]
struct AccountState {
    added: Option<String>,
    archived: Option<String>,
    releases: Blocks<Release>,
    denials: Vec<usize>,
    grants: Vec<usize>,
    password_version: Option<u64>,
    /// (grant index, holder) under which the current password version was released: a set,
    /// as a password may be released thousands of times under the same grants.
    holders: HashSet<(Option<usize>, NameId)>,
}

/// Builds a `Review` from entries given in log order.
pub struct Reviewer {
    period: Period,
    /// The period's bounds in the entries' own time format, compared as strings.
    from_key: Option<String>,
    to_key: Option<String>,
    hours: BusinessHours,
    zone: ZoneCursor,
    names: Interner,
    roles: HashMap<Name, Name>,
    disabled_at: HashMap<Name, i64>,
    /// In order of first appearance; sorted by name when the review is finished.
    accounts: Vec<(Name, AccountState)>,
    account_index: HashMap<Name, usize>,
    grants: Vec<GrantReview>,
    grant_index: HashMap<Name, usize>,
    review: Review,
    past_end: bool,
}

impl Reviewer {
    pub fn new(period: Period, hours: BusinessHours) -> Self {
        let key = |t: Option<i64>| {
            t.and_then(|t| time::OffsetDateTime::from_unix_timestamp(t).ok())
                .map(crate::tlog::entry::entry_time)
        };
        Self {
            from_key: key(period.from),
            to_key: key(period.to),
            period,
            review: Review {
                entries_total: 0,
                entries_in_period: 0,
                first_time: None,
                last_time: None,
                as_of: None,
                business_hours: hours.describe(),
                requests: 0,
                accounts: Vec::new(),
                grants: Vec::new(),
                denied_requests: Vec::new(),
                denials: Blocks::default(),
                admin_events: Vec::new(),
                off_hours_releases: 0,
                names: Vec::new(),
            },
            hours,
            zone: ZoneCursor::default(),
            names: Interner::default(),
            roles: HashMap::new(),
            disabled_at: HashMap::new(),
            accounts: Vec::new(),
            account_index: HashMap::new(),
            grants: Vec::new(),
            grant_index: HashMap::new(),
            past_end: false,
        }
    }

    /// Takes the next entry of the log.
    pub fn add(&mut self, e: &EntryRef<'_>) {
        self.review.entries_total += 1;
        if self.past_end {
            return;
        }
        if self.to_key.as_deref().is_some_and(|to| e.time >= to) {
            // States are as of the period's end: later entries change nothing.
            self.past_end = true;
            return;
        }
        let in_period = self.from_key.as_deref().is_none_or(|from| e.time >= from);
        if in_period {
            self.review.entries_in_period += 1;
            if self.review.first_time.is_none() {
                self.review.first_time = Some(e.time.to_owned());
            }
        }
        // The last entry seen, in the period or before it: states are as of then.
        match &mut self.review.last_time {
            Some(last) => {
                last.clear();
                last.push_str(e.time);
            }
            None => self.review.last_time = Some(e.time.to_owned()),
        }
        let action = ActionName::parse(e.action);
        match e.outcome {
            Outcome::Allowed => self.allowed(e, action, in_period),
            Outcome::Denied if in_period => self.denied(e, action),
            _ => {}
        }
    }

    fn denied(&mut self, e: &EntryRef<'_>, action: ActionName<'_>) {
        let index = self.review.denials.len();
        self.review.denials.push(Denial {
            seq: e.seq,
            millis: unix_millis(e.time).unwrap_or_default(),
            principal: self.names.id(e.principal),
            action: self.names.id(e.action),
            target: self.names.id(e.target),
            reason: e.reason.map_or(NO_NAME, |r| self.names.id(r)),
        });
        if action == ActionName::Known(Action::CredentialGet) {
            if let Some(&account) = self.account_index.get(e.target) {
                self.accounts[account].1.denials.push(index);
            }
        }
    }

    fn allowed(&mut self, e: &EntryRef<'_>, action: ActionName<'_>, in_period: bool) {
        let ActionName::Known(action) = action else {
            // An action this build does not know changes nothing it reports.
            return;
        };
        let detail = e.detail.unwrap_or_default();
        match action {
            Action::CredentialGet => self.release(e, in_period),
            Action::GrantIssue | Action::GrantApprove => {
                self.grant_registered(e, action, in_period)
            }
            Action::GrantRevoke => {
                let index = e.grant.and_then(|g| self.grant_index.get(g));
                if let Some(&index) = index {
                    let by = self.names.get(e.principal);
                    let grant = &mut self.grants[index];
                    grant.revoked = Some(Revocation {
                        time: e.time.to_owned(),
                        by,
                        reason: detail::field(detail, "reason").map(str::to_owned),
                    });
                    grant.revoked_in_period = in_period;
                }
            }
            Action::GrantDeny if in_period => {
                let request = detail::field(detail, "request").map(|r| self.names.get(r));
                let requester = detail::field(detail, "requester").map(|r| self.names.get(r));
                self.review.denied_requests.push(DeniedRequest {
                    seq: e.seq,
                    time: e.time.to_owned(),
                    by: self.names.get(e.principal),
                    request,
                    requester,
                    accounts: detail::field(detail, "accounts").map(str::to_owned),
                    reason: detail::field(detail, "reason").map(str::to_owned),
                });
            }
            Action::GrantRequest if in_period => self.review.requests += 1,
            action if action.is_administrative() => {
                self.admin_state(e, action, detail);
                if in_period {
                    self.review.admin_events.push(AdminEvent {
                        seq: e.seq,
                        time: e.time.to_owned(),
                        principal: self.names.get(e.principal),
                        action: self.names.get(action.wire()),
                        target: e.target.to_owned(),
                        detail: e.detail.map(str::to_owned),
                    });
                }
            }
            _ => {}
        }
    }

    /// What an administrative event changes for later entries: roles, disables, accounts,
    /// password versions.
    fn admin_state(&mut self, e: &EntryRef<'_>, action: Action, detail: &str) {
        match action {
            Action::PrincipalEnroll => {
                let name = self.names.get(e.target);
                self.disabled_at.remove(&name);
                if let Some(roles) = detail::field(detail, "roles") {
                    let roles = self.names.get(roles);
                    self.roles.insert(name, roles);
                }
            }
            Action::PrincipalRoles => {
                // Older entries hold the bare list.
                let roles = detail::field(detail, "roles").unwrap_or(detail);
                let (name, roles) = (self.names.get(e.target), self.names.get(roles));
                self.roles.insert(name, roles);
            }
            Action::PrincipalDisable => {
                if let Some(at) = unix(e.time) {
                    let name = self.names.get(e.target);
                    self.disabled_at.entry(name).or_insert(at);
                }
            }
            Action::AuthorityRotate => {
                // Grants signed by the previous key stop being valid now: those still live are
                // cut short (the daemon calls them superseded).
                let (Some(key), Some(now)) = (detail.strip_prefix("key "), unix(e.time)) else {
                    return;
                };
                let in_period = self.from_key.as_deref().is_none_or(|from| e.time >= from);
                for grant in &mut self.grants {
                    let live = grant.revoked.is_none()
                        && grant.superseded.is_none()
                        && grant.until_unix.is_none_or(|u| u > now);
                    if live && in_period && grant.key.as_deref().is_some_and(|k| k != key) {
                        grant.superseded = Some(e.time.to_owned());
                    }
                }
            }
            Action::PrincipalEnable => {
                self.disabled_at.remove(e.target);
            }
            Action::AccountAdd => {
                let account = self.account(e.target);
                account.added = Some(e.time.to_owned());
            }
            Action::AccountArchive => {
                let account = self.account(e.target);
                account.archived = Some(e.time.to_owned());
            }
            Action::SecretSet => {
                // `v3 fields=password,totp`; older entries (`v3`) did not say, and count as a
                // new password.
                let sets_password = detail::field(detail, "fields")
                    .is_none_or(|f| f.split(',').any(|f| f == "password"));
                let version = version_of(detail.split(' ').next().unwrap_or_default());
                if sets_password {
                    let account = self.account(e.target);
                    account.password_version = version;
                    account.holders.clear();
                }
            }
            _ => {}
        }
    }

    /// An account's state: one lookup when it is known (a release's hot path).
    fn account(&mut self, id: &str) -> &mut AccountState {
        let index = match self.account_index.get(id) {
            Some(&index) => index,
            None => {
                let name = self.names.get(id);
                self.accounts.push((name.clone(), AccountState::default()));
                self.account_index.insert(name, self.accounts.len() - 1);
                self.accounts.len() - 1
            }
        };
        &mut self.accounts[index].1
    }

    fn release(&mut self, e: &EntryRef<'_>, in_period: bool) {
        // One lookup for a known grant: its id is already interned in its review.
        let grant_index = e.grant.and_then(|g| self.grant_index.get(g)).copied();
        let grant = match grant_index {
            Some(index) => self.grants[index].name_id,
            None => e.grant.map_or(NO_NAME, |g| self.names.id(g)),
        };
        if let Some(index) = grant_index {
            self.grants[index].releases += 1;
            if in_period {
                self.grants[index].releases_in_period += 1;
            }
        }
        let field_text = e.detail.unwrap_or("?");
        let field = self.names.id(field_text);
        let principal = self.names.id(e.principal);
        let millis = unix_millis(e.time);
        let off_hours = in_period
            && millis
                .is_some_and(|t| !self.hours.contains_with(&mut self.zone, t.div_euclid(1000)));
        let account = self.account(e.target);
        // Who holds the current password: a release of that version, by whoever released it.
        if let Some(version) = field_text.strip_prefix("password ").and_then(version_of) {
            if account.password_version.is_none_or(|v| v == version) {
                account.password_version = Some(version);
                account.holders.insert((grant_index, principal));
            }
        }
        if in_period {
            account.releases.push(Release {
                seq: e.seq,
                millis: millis.unwrap_or_default(),
                principal,
                field,
                grant,
                off_hours,
            });
            if off_hours {
                self.review.off_hours_releases += 1;
            }
        }
    }

    fn grant_registered(&mut self, e: &EntryRef<'_>, action: Action, in_period: bool) {
        let Some(id) = e.grant else {
            return;
        };
        let detail = e.detail.unwrap_or_default();
        // The detail's words, read in one pass (the first of each key counts).
        let (mut grantee, mut from, mut until, mut uses, mut purpose, mut key, mut request) =
            (None, None, None, None, None, None, None);
        for (word, value) in detail::fields(detail) {
            let slot = match word {
                "grantee" => &mut grantee,
                "from" => &mut from,
                "until" => &mut until,
                "uses" => &mut uses,
                "purpose" => &mut purpose,
                "key" => &mut key,
                "request" => &mut request,
                _ => continue,
            };
            slot.get_or_insert(value);
        }
        let name_id = self.names.id(id);
        let id = self.names.names[name_id as usize].clone();
        let issued_by = self.names.get(e.principal);
        let grantee = grantee.map(|g| self.names.get(g));
        let grantee_roles = grantee.as_ref().and_then(|g| self.roles.get(g)).cloned();
        let to_non_admin = grantee_roles
            .as_deref()
            .is_some_and(|roles| !roles.split(',').any(|r| r == "admin"));
        let accounts: Vec<Name> = e
            .target
            .split(',')
            .filter(|a| !a.is_empty())
            .map(|a| self.names.get(a))
            .collect();
        let index = self.grants.len();
        for account in &accounts {
            self.account(account).grants.push(index);
        }
        self.grants.push(GrantReview {
            seq: e.seq,
            issued: e.time.to_owned(),
            self_grant: grantee.as_ref() == Some(&issued_by),
            issued_by,
            approved_request: (action == Action::GrantApprove)
                .then(|| self.names.get(request.unwrap_or_default())),
            grantee,
            accounts,
            from: from.map(str::to_owned),
            until_unix: until.and_then(unix),
            until: until.map(str::to_owned),
            max_uses: uses.and_then(|u| u.parse().ok()),
            purpose: purpose.map(str::to_owned),
            grantee_roles,
            to_non_admin,
            revoked: None,
            releases: 0,
            releases_in_period: 0,
            issued_in_period: in_period,
            revoked_in_period: false,
            expired_unused: false,
            key: key.map(|k| self.names.get(k)),
            superseded: None,
            id: id.clone(),
            name_id,
        });
        self.grant_index.insert(id, index);
    }

    /// The review, with states as of the period's end (or the last entry).
    pub fn finish(mut self) -> Review {
        let as_of = self
            .period
            .to
            .or_else(|| self.review.last_time.as_deref().and_then(unix));
        self.review.as_of = as_of.map(crate::times::format_time);
        // A window that closes exactly at the period's end has expired by then.
        let ended_in_period = |t: i64| {
            self.period.from.is_none_or(|f| t >= f) && self.period.to.is_none_or(|to| t <= to)
        };
        for grant in &mut self.grants {
            grant.expired_unused = grant.releases == 0
                && grant.revoked.is_none()
                && grant
                    .until_unix
                    .is_some_and(|u| as_of.is_some_and(|now| u <= now) && ended_in_period(u));
        }
        let mut accounts = std::mem::take(&mut self.accounts);
        accounts.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, state) in accounts {
            let rotation_since = as_of.and_then(|now| {
                state
                    .holders
                    .iter()
                    .filter_map(|&(grant, holder)| self.holding_ended(grant, holder))
                    .filter(|end| *end <= now)
                    .min()
                    .map(crate::times::format_time)
            });
            self.review.accounts.push(AccountReview {
                account: name,
                added: state.added,
                archived: state.archived,
                releases: state.releases,
                denials: state.denials,
                grants: state.grants,
                password_version: state.password_version,
                rotation_since,
            });
        }
        // Only the grants the period has something to say about; account indexes follow.
        let keep: Vec<bool> = self
            .grants
            .iter()
            .map(|g| {
                g.issued_in_period
                    || g.revoked_in_period
                    || g.releases_in_period > 0
                    || g.expired_unused
                    || g.superseded.is_some()
            })
            .collect();
        let mut new_index = Vec::with_capacity(keep.len());
        let mut kept = 0;
        for &k in &keep {
            new_index.push(k.then_some(kept));
            kept += usize::from(k);
        }
        // In place: the grants are tens of thousands of a few hundred bytes each.
        let mut i = 0;
        self.grants.retain(|_| {
            i += 1;
            keep[i - 1]
        });
        for account in &mut self.review.accounts {
            account.grants = account
                .grants
                .iter()
                .filter_map(|i| new_index[*i])
                .collect();
        }
        self.review.grants = self.grants;
        self.review.names = std::mem::take(&mut self.names.names);
        self.review
    }

    /// When a holder stopped being entitled to the password: the grant's end (revocation or
    /// window), or the holder's disabling, whichever came first.
    fn holding_ended(&self, grant: Option<usize>, holder: NameId) -> Option<i64> {
        let grant_end = grant.and_then(|i| {
            let g = &self.grants[i];
            let revoked = g.revoked.as_ref().and_then(|r| unix(&r.time));
            match (revoked, g.until_unix) {
                (Some(r), Some(u)) => Some(r.min(u)),
                (r, u) => r.or(u),
            }
        });
        let holder = self.names.names[holder as usize].as_ref();
        let disabled = self.disabled_at.get(holder).copied();
        match (grant_end, disabled) {
            (Some(g), Some(d)) => Some(g.min(d)),
            (g, d) => g.or(d),
        }
    }
}

/// `v3` as 3.
fn version_of(word: &str) -> Option<u64> {
    word.strip_prefix('v')?.parse().ok()
}

/// Appends `n` in decimal (by hand: a report writes a million numbers).
pub fn push_decimal(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&digits[at..]).unwrap_or_default());
}

/// An entry's time as Unix milliseconds (whole seconds for a time in another form).
pub fn unix_millis(time: &str) -> Option<i64> {
    let seconds = unix(time)?;
    let b = time.as_bytes();
    let millis = match b.get(19..24) {
        Some([b'.', a, b, c, b'Z']) if [a, b, c].iter().all(|d| d.is_ascii_digit()) => {
            i64::from((a - b'0') as u16 * 100 + (b - b'0') as u16 * 10 + (c - b'0') as u16)
        }
        _ => 0,
    };
    Some(seconds * 1000 + millis)
}

/// An entry's time as Unix seconds. Entries write `YYYY-MM-DDTHH:MM:SS.mmmZ`: read that form
/// directly (a report converts every release's time), anything else through the RFC 3339 parser.
pub fn unix(time: &str) -> Option<i64> {
    let b = time.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<i64> {
        b.get(range)?.iter().try_fold(0i64, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + i64::from(d - b'0'))
        })
    };
    // `…:SS.mmmZ` (entries) or `…:SSZ` (the windows in grant details).
    let ends_well = match b.len() {
        24 => b[19] == b'.' && b[23] == b'Z',
        20 => b[19] == b'Z',
        _ => false,
    };
    let fixed = ends_well
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':';
    if !fixed {
        return crate::times::parse_time(time);
    }
    let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let (hh, mm, ss) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || hh > 23 || mm > 59 || ss > 60 {
        return crate::times::parse_time(time);
    }
    Some(days_from_civil(y, m, d) * 86_400 + hh * 3600 + mm * 60 + ss)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests;
