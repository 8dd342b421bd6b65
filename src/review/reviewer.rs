//! The one pass over the log that builds a [`Review`]: entries in order, the state a later entry
//! needs (who holds which roles, each grant's window and purpose, which password versions were
//! released under which grants) kept for the whole history, what the report lists kept only
//! for the period.

use super::blocks::Blocks;
use super::hours::{BusinessHours, ZoneCursor};
use super::model::{
    AccountReview, AdminEvent, DelegationReview, Denial, DeniedRequest, GrantReview, Period,
    Release, Review, Revocation, RotationCause, RotationDone, StagingUnconfirmed,
};
use super::names::{Interner, Name, NameId, NO_NAME};
use super::request_loops::RequestLoops;
use crate::times::{unix, unix_millis};
use crate::tlog::action::{Action, ActionName};
use crate::tlog::detail;
use crate::tlog::entry::{EntryRef, Outcome};
use foldhash::{HashMap, HashMapExt};

#[derive(Default)]
struct AccountState {
    added: Option<String>,
    archived: Option<String>,
    releases: Blocks<Release>,
    denials: Vec<usize>,
    grants: Vec<usize>,
    password_version: Option<u64>,
    /// (grant index, holder) under which the current password version was received (released
    /// or set), and when the holder's disabling ended that holding: one each, as a password may
    /// be released thousands of times under the same grants. As in the vault, a holding once
    /// ended stays ended (an enable or a re-enrolment does not restore it).
    holders: HashMap<(Option<usize>, NameId), Option<i64>>,
    /// (grant index, holder) under which the staged password was fetched before it was
    /// confirmed (`field=password-staged`): they hold the new version once it is, as in the
    /// vault. A few at most (one staged change, its stager's grants); cleared at confirm and
    /// abort.
    staged_holders: Vec<(Option<usize>, NameId)>,
    /// Since when the current password is due by age: the clock's `rotation.due` for it.
    due_since: Option<String>,
    /// The change staged and not yet confirmed or aborted.
    staged: Option<StagingUnconfirmed>,
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
    /// The authority key pinned last, when the log says.
    authority_key: Option<Name>,
    /// In order of first appearance; sorted by name when the review is finished.
    accounts: Vec<(Name, AccountState)>,
    account_index: HashMap<Name, usize>,
    grants: Vec<GrantReview>,
    grant_index: HashMap<Name, usize>,
    /// Every delegation the log registered, by id (a handful a year).
    delegations: Vec<DelegationReview>,
    delegation_index: HashMap<Name, usize>,
    request_loops: RequestLoops,
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
                request_loops: Vec::new(),
                denials: Blocks::default(),
                admin_events: Vec::new(),
                rotations: Vec::new(),
                stagings_unconfirmed: Vec::new(),
                delegations: Vec::new(),
                off_hours_releases: 0,
                names: Vec::new(),
            },
            hours,
            zone: ZoneCursor::default(),
            names: Interner::default(),
            roles: HashMap::new(),
            authority_key: None,
            accounts: Vec::new(),
            account_index: HashMap::new(),
            grants: Vec::new(),
            grant_index: HashMap::new(),
            delegations: Vec::new(),
            delegation_index: HashMap::new(),
            request_loops: RequestLoops::new(),
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
        // An unusable request says which refusal it was (`unusable=same_signer`): that code is
        // the reason a reviewer reads, rather than "unusable request".
        let precise = (e.reason == Some("bad_request"))
            .then(|| detail::field(e.detail.unwrap_or_default(), "unusable"))
            .flatten()
            .filter(|code| {
                !code.is_empty() && code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
            });
        let reason = precise.or(e.reason);
        self.review.denials.push(Denial {
            seq: e.seq,
            millis: unix_millis(e.time).unwrap_or_default(),
            principal: self.names.id(e.principal),
            action: self.names.id(e.action),
            target: self.names.id(e.target),
            reason: reason.map_or(NO_NAME, |r| self.names.id(r)),
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
            // A stage releases the current password with the new one: a release, and a change
            // waiting for its confirmation.
            Action::SecretRotate => {
                self.release(e, in_period);
                let staging = StagingUnconfirmed {
                    seq: e.seq,
                    staged: e.time.to_owned(),
                    account: self.names.get(e.target),
                    by: self.names.get(e.principal),
                    stage: detail::field(detail, "stage").map(|s| self.names.get(s)),
                    aborted: None,
                };
                self.account(e.target).staged = Some(staging);
            }
            // `version=3 since=… max_age=…`: due for the version it names, if still current.
            Action::RotationDue => {
                let version = detail::field(detail, "version").and_then(|v| v.parse().ok());
                let since = detail::field(detail, "since").map(str::to_owned);
                let account = self.account(e.target);
                if version.is_none() || account.password_version.is_none_or(|v| Some(v) == version)
                {
                    account.due_since = since.or_else(|| Some(e.time.to_owned()));
                }
            }
            Action::GrantIssue | Action::GrantApprove => {
                self.grant_registered(e, action, in_period);
                // A registered grant names its grant; `grant approve`'s read of the request
                // (also grant.approve) does not.
                if action == Action::GrantApprove && e.grant.is_some() {
                    self.request_loops.decided(e, true, &mut self.names);
                }
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
            Action::GrantDeny => {
                self.request_loops.decided(e, false, &mut self.names);
                if !in_period {
                    return;
                }
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
            Action::GrantRequest if in_period => {
                self.review.requests += 1;
                self.request_loops.asked(e, &mut self.names);
            }
            Action::NotificationSent | Action::NotificationFailed | Action::NotificationSkipped => {
                self.request_loops.told(e, action)
            }
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
                self.enrolled_again(e, &name);
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
                // What the principal holds stops counting as authorized now.
                if let Some(at) = unix(e.time) {
                    let holder = self.names.id(e.target);
                    for (_, account) in &mut self.accounts {
                        for (&(_, h), ended) in account.holders.iter_mut() {
                            if h == holder && ended.is_none() {
                                *ended = Some(at);
                            }
                        }
                    }
                }
            }
            Action::AuthorityRotate | Action::AuthorityPin => {
                // Grants signed by any other key stop being valid now: those still live are
                // cut short (the daemon calls them superseded), and what was released under
                // any of them is due for rotation. Pinning the current key again changes
                // nothing.
                let (Some(key), Some(now)) = (detail.strip_prefix("key "), unix(e.time)) else {
                    return;
                };
                if self.authority_key.as_deref() == Some(key) {
                    return;
                }
                let first = self.authority_key.is_none();
                self.authority_key = Some(self.names.get(key));
                let in_period = self.from_key.as_deref().is_none_or(|from| e.time >= from);
                for grant in &mut self.grants {
                    // A grant whose entry names no key was signed by a key pinned before.
                    if grant.key.as_deref() == Some(key) || (first && grant.key.is_none()) {
                        continue;
                    }
                    let live = grant.revoked.is_none()
                        && grant.superseded.is_none()
                        && grant.until_unix.is_none_or(|u| u > now);
                    if live && in_period && grant.key.is_some() {
                        grant.superseded = Some(e.time.to_owned());
                    }
                    grant.retired_unix.get_or_insert(now);
                }
            }
            Action::AuthorityDelegate => self.delegation_registered(e, detail),
            Action::AuthorityDelegationRevoke => {
                let index = detail::field(detail, "delegation")
                    .and_then(|id| self.delegation_index.get(id))
                    .copied();
                let in_period = self.in_period(e);
                if let Some(index) = index {
                    let by = self.names.get(e.principal);
                    let d = &mut self.delegations[index];
                    d.revoked.get_or_insert(Revocation {
                        time: e.time.to_owned(),
                        by,
                        reason: detail::field(detail, "reason").map(str::to_owned),
                    });
                    d.revoked_in_period |= in_period;
                }
            }
            Action::PrincipalEnable => {}
            Action::AccountAdd => {
                let account = self.account(e.target);
                account.added = Some(e.time.to_owned());
            }
            Action::AccountArchive => {
                let account = self.account(e.target);
                account.archived = Some(e.time.to_owned());
            }
            Action::SecretRotateAbort => {
                let in_period = self.in_period(e);
                self.account(e.target).staged_holders.clear();
                if let Some(mut staging) = self.account(e.target).staged.take() {
                    staging.aborted = Some(e.time.to_owned());
                    if in_period {
                        self.review.stagings_unconfirmed.push(staging);
                    }
                }
            }
            Action::SecretRotateConfirm if detail::field(detail, "field") != Some("password") => {
                let account = self.account(e.target);
                account.staged = None;
                account.staged_holders.clear();
            }
            // `field=password version=4 … staged_by=admin`: a new current password, held by
            // whoever staged it, under the entry's grant (a TOTP seed's changes no holding).
            Action::SecretRotateConfirm => {
                let version = detail::field(detail, "version").and_then(|v| v.parse().ok());
                let grant = e.grant.and_then(|g| self.grant_index.get(g)).copied();
                let holder = detail::field(detail, "staged_by").map(|by| self.names.id(by));
                self.new_password(e, action, version);
                let account = self.account(e.target);
                account.staged = None;
                account.password_version = version;
                account.holders.clear();
                if let (Some(grant), Some(holder)) = (grant, holder) {
                    account.holders.insert((Some(grant), holder), None);
                }
                for fetched in std::mem::take(&mut account.staged_holders) {
                    account.holders.entry(fetched).or_insert(None);
                }
            }
            Action::SecretSet => {
                // `v3 fields=password,totp`; older entries (`v3`) did not say, and count as a
                // new password.
                let sets_password = detail::field(detail, "fields")
                    .is_none_or(|f| f.split(',').any(|f| f == "password"));
                let version = version_of(detail.split(' ').next().unwrap_or_default());
                if sets_password {
                    // An administrator sets it under a grant (the entry names it), and holds
                    // it as if it had been released to them.
                    let grant = e.grant.and_then(|g| self.grant_index.get(g)).copied();
                    let holder = self.names.id(e.principal);
                    self.new_password(e, action, version);
                    let account = self.account(e.target);
                    account.password_version = version;
                    account.holders.clear();
                    if grant.is_some() {
                        account.holders.insert((grant, holder), None);
                    }
                }
            }
            _ => {}
        }
    }

    /// Whether an entry is in the period (the period's end is checked before any entry).
    fn in_period(&self, e: &EntryRef<'_>) -> bool {
        self.from_key.as_deref().is_none_or(|from| e.time >= from)
    }

    /// A new password version (a confirmed rotation, or `secret set`): in the period, a
    /// rotation done, with how long it took from the first reason to change the old one (the
    /// end of a holding of it, or its being due by age). A `secret set` with no such reason is
    /// a correction, not a rotation. The old version's "due" ends here.
    fn new_password(&mut self, e: &EntryRef<'_>, action: Action, version: Option<u64>) {
        let in_period = self.in_period(e);
        let now = unix(e.time);
        let index = match self.account_index.get(e.target) {
            Some(&index) => index,
            None => {
                self.account(e.target);
                self.accounts.len() - 1
            }
        };
        let state = &self.accounts[index].1;
        let exposed = now.and_then(|now| {
            state
                .holders
                .iter()
                .filter_map(|(&(grant, _), &ended)| self.holding_ended(grant, ended))
                .filter(|end| *end <= now)
                .min()
        });
        let due = state
            .due_since
            .as_deref()
            .and_then(|t| unix(t).map(|u| (u, t)));
        let (cause, since) = match (exposed, due) {
            (Some(x), Some((d, t))) if d < x => (Some(RotationCause::Age), Some(t.to_owned())),
            (Some(x), _) => (
                Some(RotationCause::Exposure),
                Some(crate::times::format_time(x)),
            ),
            (None, Some((_, t))) => (Some(RotationCause::Age), Some(t.to_owned())),
            (None, None) => (None, None),
        };
        self.accounts[index].1.due_since = None;
        if !in_period || (action == Action::SecretSet && cause.is_none()) {
            return;
        }
        let took_secs = match (&since, now) {
            (Some(since), Some(now)) => unix(since).map(|s| now - s),
            _ => None,
        };
        self.review.rotations.push(RotationDone {
            seq: e.seq,
            time: e.time.to_owned(),
            account: self.accounts[index].0.clone(),
            by: self.names.get(e.principal),
            action: self.names.get(action.wire()),
            version,
            cause,
            since,
            took_secs,
        });
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
        let detail = e.detail.unwrap_or("?");
        let (shown, password) = release_fact(detail);
        let field = match &shown {
            Some(shown) => self.names.id(shown),
            None => self.names.id(detail),
        };
        let principal = self.names.id(e.principal);
        let millis = unix_millis(e.time);
        let off_hours = in_period
            && millis
                .is_some_and(|t| !self.hours.contains_with(&mut self.zone, t.div_euclid(1000)));
        let account = self.account(e.target);
        // A staged password fetched alone: held once it is confirmed.
        if shown
            .as_deref()
            .is_some_and(|s| s.split([' ', ';']).next() == Some("password-staged"))
            && !account.staged_holders.contains(&(grant_index, principal))
        {
            account.staged_holders.push((grant_index, principal));
        }
        // Who holds the current password: a release of that version, by whoever released it.
        if let Some(version) = password {
            if account.password_version.is_none_or(|v| v == version) {
                account.password_version = Some(version);
                account
                    .holders
                    .entry((grant_index, principal))
                    .or_insert(None);
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
        let mut delegation = None;
        for (word, value) in detail::fields(detail) {
            let slot = match word {
                "grantee" => &mut grantee,
                "from" => &mut from,
                "until" => &mut until,
                "uses" => &mut uses,
                "purpose" => &mut purpose,
                "key" => &mut key,
                "request" => &mut request,
                "delegation" => &mut delegation,
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
        let self_grant = grantee.as_ref() == Some(&issued_by);
        let delegation = delegation.map(|d| self.names.get(d));
        if let Some(&under) = delegation
            .as_ref()
            .and_then(|d| self.delegation_index.get(d))
        {
            let d = &mut self.delegations[under];
            d.grants.push(id.clone());
            if self_grant {
                d.self_grants.push(id.clone());
            }
        }
        self.grants.push(GrantReview {
            seq: e.seq,
            issued: e.time.to_owned(),
            self_grant,
            delegation,
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
            retired_unix: None,
            id: id.clone(),
            name_id,
        });
        self.grant_index.insert(id, index);
    }

    /// `authority.delegate`: `delegation=… delegate=… from=… until=… accounts=… reason=…`.
    fn delegation_registered(&mut self, e: &EntryRef<'_>, detail: &str) {
        let Some(id) = detail::field(detail, "delegation") else {
            return;
        };
        let id = self.names.get(id);
        let field = |key: &str| detail::field(detail, key).map(str::to_owned);
        let (from, until) = (field("from"), field("until"));
        let in_period = self.in_period(e);
        let review = DelegationReview {
            seq: e.seq,
            registered: e.time.to_owned(),
            by: self.names.get(e.principal),
            delegate: self
                .names
                .get(detail::field(detail, "delegate").unwrap_or(e.target)),
            from_unix: from.as_deref().and_then(unix),
            until_unix: until.as_deref().and_then(unix),
            from,
            until,
            // `*`: every account.
            accounts: field("accounts").filter(|a| a != "*"),
            reason: field("reason"),
            revoked: None,
            grants: Vec::new(),
            self_grants: Vec::new(),
            registered_in_period: in_period,
            revoked_in_period: false,
            id: id.clone(),
        };
        self.delegation_index.insert(id, self.delegations.len());
        self.delegations.push(review);
    }

    /// The review, with states as of the period's end (or the last entry).
    pub fn finish(mut self) -> Review {
        let as_of = self
            .period
            .to
            .or_else(|| self.review.last_time.as_deref().and_then(unix));
        self.review.as_of = as_of.map(crate::times::format_time);
        self.review.request_loops = std::mem::take(&mut self.request_loops.list);
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
        for (_, state) in &mut accounts {
            if let Some(staging) = state.staged.take() {
                self.review.stagings_unconfirmed.push(staging);
            }
        }
        self.review.stagings_unconfirmed.sort_by_key(|s| s.seq);
        for (name, state) in accounts {
            let rotation_since = as_of.and_then(|now| {
                state
                    .holders
                    .iter()
                    .filter_map(|(&(grant, _), &ended)| self.holding_ended(grant, ended))
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
                due_since: state.due_since,
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
        // The delegations the period has something to say about: registered or revoked in
        // it, or a window that overlaps it.
        let (from, to) = (self.period.from, self.period.to);
        self.review.delegations = std::mem::take(&mut self.delegations)
            .into_iter()
            .filter(|d| {
                let overlaps = d.from_unix.is_none_or(|f| to.is_none_or(|to| f < to))
                    && d.until_unix
                        .is_none_or(|u| from.is_none_or(|from| u > from));
                d.registered_in_period || d.revoked_in_period || overlaps
            })
            .collect();
        self.review.names = std::mem::take(&mut self.names.names);
        self.review
    }

    /// When a holder stopped being entitled to the password: the grant's end (revocation,
    /// window, or a new authority key), or the holder's disabling, whichever came first.
    fn holding_ended(&self, grant: Option<usize>, disabled: Option<i64>) -> Option<i64> {
        let grant_end = grant.and_then(|i| {
            let g = &self.grants[i];
            let revoked = g.revoked.as_ref().and_then(|r| unix(&r.time));
            [revoked, g.until_unix, g.retired_unix]
                .into_iter()
                .flatten()
                .min()
        });
        [grant_end, disabled].into_iter().flatten().min()
    }

    /// A principal enrolled again (it was disabled): the vault revokes the grants still live
    /// that name it, so that whoever holds the name now does not inherit them. Older entries
    /// did not list them; the log's own grants say which they were.
    fn enrolled_again(&mut self, e: &EntryRef<'_>, name: &Name) {
        let (Some(now), in_period) = (
            unix(e.time),
            self.from_key.as_deref().is_none_or(|from| e.time >= from),
        ) else {
            return;
        };
        let by = self.names.get(e.principal);
        for grant in &mut self.grants {
            let live = grant.revoked.is_none() && grant.until_unix.is_none_or(|u| u > now);
            if live && grant.grantee.as_ref() == Some(name) {
                grant.revoked = Some(Revocation {
                    time: e.time.to_owned(),
                    by: by.clone(),
                    reason: None,
                });
                grant.revoked_in_period = in_period;
            }
        }
    }
}

/// What a release's detail says: the field as the report shows it (`password v3`, with the
/// caller's reason after `; why:` as older entries held it) when the detail is in this build's
/// form, and the password version released, if a password was. Reads every form:
/// `field=password version=3 reason=…`, a login's `field=login+password+totp version=3 …`
/// (the fields released together, `+` between them), and the older `password v3; why: …`.
fn release_fact(detail: &str) -> (Option<String>, Option<u64>) {
    if let Some(field) = detail::field(detail, "field") {
        let version = detail::field(detail, "version").and_then(|v| v.parse().ok());
        let mut shown = field.to_owned();
        if let Some(v) = version {
            shown.push_str(&format!(" v{v}"));
        }
        if let Some(why) = detail::field(detail, "reason") {
            shown.push_str("; why: ");
            shown.push_str(why);
        }
        // `password`, or a list of what one act released (`password+password-staged`).
        let released_password = field.split('+').any(|f| f == "password");
        return (Some(shown), version.filter(|_| released_password));
    }
    let what = detail
        .split_once("; why: ")
        .map_or(detail, |(what, _)| what);
    let version = what.strip_prefix("password ").and_then(version_of);
    (None, version)
}

/// `v3` as 3.
fn version_of(word: &str) -> Option<u64> {
    word.strip_prefix('v')?.parse().ok()
}
