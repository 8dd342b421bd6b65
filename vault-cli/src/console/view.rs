//! What the page shows, read from the vault through the same RPCs as the CLI: pending requests
//! (Grants.Pending) with each requester's recent use of those accounts (Grants.List), the
//! grants signed once for an account that needs two (the same answer's other half), live
//! grants (Grants.List), releases and refusals of the last 7 days (Audit.Query, which gives the
//! authority `credential.get` entries only), accounts whose password should change
//! (Accounts.List), the delegations (Grants.ListDelegations). Every list is bounded; a part that cannot be read says why, and the rest
//! still shows.

use super::state::Console;
use crate::error::CliError;
use std::collections::{HashMap, VecDeque};
use vaultd::tlog::entry::AuditEntry;
use vaultd::wire::pb;
use vaultd::wire::pb::accounts_client::AccountsClient;
use vaultd::wire::pb::audit_client::AuditClient;
use vaultd::wire::pb::grants_client::GrantsClient;

/// Most pending requests shown (she decides them first).
pub const MAX_PENDING: usize = 30;
/// Most grants of one requester weighed for their recent use.
const MAX_GRANTS_WEIGHED: usize = 500;
/// Most releases and refusals shown, and most log pages read to find them.
pub const MAX_RELEASES: usize = 100;
const MAX_AUDIT_PAGES: usize = 5;
const DAY: i64 = 86_400;
/// Most delegations shown (newest first; a handful are made a year).
pub const MAX_DELEGATIONS: usize = 50;

/// A part of the page, or why it could not be read (in the reader's words).
pub type Part<T> = Result<T, String>;

pub struct Pending {
    pub request: pb::GrantRequest,
    pub uses: Part<RecentUse>,
    /// Approving would make a grant to herself.
    pub self_grant: bool,
}

/// How much a person used the accounts of a request lately: releases under their grants that
/// name any of those accounts and were issued in the last 30 days.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct RecentUse {
    pub releases: u64,
    pub grants: usize,
    /// More grants than were weighed: the figures are a floor.
    pub truncated: bool,
}

/// A grant signed once for an account that needs two, as a second signer sees it.
pub struct Awaiting {
    pub grant: pb::Grant,
    /// What its own signed bytes say (what a second signature signs); None when they do not
    /// decode to this grant, and then nothing is offered to sign.
    pub body: Option<vaultd::authz::grant::GrantBody>,
    /// She signed it first: she is not offered to sign it again (four eyes).
    pub signed_first: bool,
}

pub struct Releases {
    /// Newest first.
    pub entries: Vec<AuditEntry>,
    pub truncated: bool,
}

pub struct Snapshot {
    pub pending: Part<Vec<Pending>>,
    pub more_pending: bool,
    /// Oldest first, at most [`MAX_PENDING`].
    pub awaiting: Part<Vec<Awaiting>>,
    pub more_awaiting: bool,
    pub grants: Part<Vec<pb::Grant>>,
    pub releases: Part<Releases>,
    pub rotation: Part<Vec<pb::Account>>,
    /// Every delegation, newest first (Grants.ListDelegations, a handful a year).
    pub delegations: Part<Vec<pb::Delegation>>,
}

fn said(console: &Console, e: CliError) -> String {
    e.describe(console.lang)
}

pub async fn snapshot(console: &Console) -> Snapshot {
    let now = crate::decisions::now();
    let mut grants = GrantsClient::new(console.channel.clone());
    // One answer holds both halves of what waits for a signer.
    let answer = grants.pending(pb::PendingRequest {}).await;
    let (pending, more_pending, awaiting, more_awaiting) = match answer {
        Ok(answer) => {
            let answer = answer.into_inner();
            let (awaiting, more_awaiting) = awaiting(console, answer.awaiting_second_signature);
            let (pending, more_pending) = pending(console, &mut grants, answer.requests, now).await;
            (Ok(pending), more_pending, Ok(awaiting), more_awaiting)
        }
        Err(e) => {
            let e = said(console, e.into());
            (Err(e.clone()), false, Err(e), false)
        }
    };
    let live = grants
        .list(pb::ListGrants {
            active_only: true,
            ..Default::default()
        })
        .await
        .map(|r| r.into_inner().grants)
        .map_err(|e| said(console, e.into()));
    Snapshot {
        pending,
        more_pending,
        awaiting,
        more_awaiting,
        grants: live,
        releases: releases(console, now).await.map_err(|e| said(console, e)),
        rotation: rotation(console).await.map_err(|e| said(console, e)),
        delegations: grants
            .list_delegations(pb::ListDelegationsRequest {})
            .await
            .map(|r| {
                let mut list = r.into_inner().delegations;
                list.truncate(MAX_DELEGATIONS);
                list
            })
            .map_err(|e| said(console, e.into())),
    }
}

/// The grants awaiting a second signature, each with what its bytes say and whether she
/// signed it first; at most [`MAX_PENDING`], and whether there were more.
fn awaiting(console: &Console, mut list: Vec<pb::Grant>) -> (Vec<Awaiting>, bool) {
    let more = list.len() > MAX_PENDING;
    list.truncate(MAX_PENDING);
    let shown = list
        .into_iter()
        .map(|grant| Awaiting {
            body: crate::decisions::signed_body(&grant),
            signed_first: grant.signer == console.identity.name,
            grant,
        })
        .collect();
    (shown, more)
}

async fn pending(
    console: &Console,
    grants: &mut GrantsClient<tonic::transport::Channel>,
    mut requests: Vec<pb::GrantRequest>,
    now: i64,
) -> (Vec<Pending>, bool) {
    let more = requests.len() > MAX_PENDING;
    requests.truncate(MAX_PENDING);
    // One look at each requester's grants, however many requests they have waiting.
    let mut by_requester: HashMap<String, Part<Vec<pb::Grant>>> = HashMap::new();
    let mut list = Vec::with_capacity(requests.len());
    for request in requests {
        if !by_requester.contains_key(&request.requester) {
            let theirs = grants
                .list(pb::ListGrants {
                    grantee: request.requester.clone(),
                    ..Default::default()
                })
                .await
                .map(|r| r.into_inner().grants)
                .map_err(|e| said(console, e.into()));
            by_requester.insert(request.requester.clone(), theirs);
        }
        let uses = match &by_requester[&request.requester] {
            Ok(theirs) => Ok(recent_use(theirs, &request.accounts, now)),
            Err(e) => Err(e.clone()),
        };
        list.push(Pending {
            self_grant: request.requester == console.identity.name,
            uses,
            request,
        });
    }
    (list, more)
}

/// Releases under `grants` (one person's) naming any of `accounts`, issued in the 30 days
/// before `now`; at most MAX_GRANTS_WEIGHED grants are weighed.
pub fn recent_use(grants: &[pb::Grant], accounts: &[String], now: i64) -> RecentUse {
    let recent = grants.iter().filter(|g| {
        g.issued_at >= now - 30 * DAY && g.accounts.iter().any(|a| accounts.contains(a))
    });
    let mut used = RecentUse::default();
    for (n, g) in recent.enumerate() {
        if n == MAX_GRANTS_WEIGHED {
            used.truncated = true;
            break;
        }
        used.releases += g.uses;
        used.grants += 1;
    }
    used
}

async fn releases(console: &Console, now: i64) -> Result<Releases, CliError> {
    let mut audit = AuditClient::new(console.channel.clone());
    let since = vaultd::times::format_time(now - 7 * DAY);
    let mut kept: VecDeque<AuditEntry> = VecDeque::with_capacity(MAX_RELEASES + 1);
    let mut truncated = false;
    let mut from_seq = 0;
    for page_number in 0.. {
        if page_number == MAX_AUDIT_PAGES {
            truncated = true;
            break;
        }
        let page = audit
            .query(pb::AuditQuery {
                since: since.clone(),
                action: vaultd::tlog::action::Action::CredentialGet.wire().into(),
                from_seq,
                ..Default::default()
            })
            .await?
            .into_inner();
        for entry in page.entries.iter().filter_map(|e| AuditEntry::parse(e)) {
            kept.push_back(entry);
            if kept.len() > MAX_RELEASES {
                kept.pop_front();
                truncated = true;
            }
        }
        if page.entries.is_empty() || page.next_seq >= page.log_size {
            break;
        }
        from_seq = page.next_seq;
    }
    Ok(Releases {
        entries: kept.into_iter().rev().collect(),
        truncated,
    })
}

async fn rotation(console: &Console) -> Result<Vec<pb::Account>, CliError> {
    let accounts = AccountsClient::new(console.channel.clone())
        .list(pb::ListAccountsRequest {
            include_archived: false,
        })
        .await?
        .into_inner()
        .accounts;
    Ok(accounts
        .into_iter()
        .filter(|a| a.rotation_recommended || !a.staged_by.is_empty())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grant(accounts: &[&str], issued_at: i64, uses: u64) -> pb::Grant {
        pb::Grant {
            accounts: accounts.iter().map(|a| a.to_string()).collect(),
            issued_at,
            uses,
            ..Default::default()
        }
    }

    #[test]
    fn recent_use_counts_releases_under_grants_of_the_last_30_days_on_those_accounts() {
        let now = 100 * DAY;
        let grants = [
            grant(&["facebook-cest"], now - DAY, 3),
            grant(&["youtube-cest", "facebook-cest"], now - 29 * DAY, 2),
            grant(&["facebook-cest"], now - 31 * DAY, 50),
            grant(&["flickr-cest"], now - DAY, 7),
        ];
        let asked = ["facebook-cest".to_string(), "blog-cest".to_string()];
        assert_eq!(
            recent_use(&grants, &asked, now),
            RecentUse {
                releases: 5,
                grants: 2,
                truncated: false
            }
        );
        assert_eq!(recent_use(&[], &asked, now), RecentUse::default());
    }

    #[test]
    fn recent_use_weighs_a_bounded_number_of_grants() {
        let now = 100 * DAY;
        let many: Vec<pb::Grant> = (0..MAX_GRANTS_WEIGHED + 10)
            .map(|_| grant(&["facebook-cest"], now, 1))
            .collect();
        let used = recent_use(&many, &["facebook-cest".to_string()], now);
        assert_eq!(used.grants, MAX_GRANTS_WEIGHED);
        assert_eq!(used.releases, MAX_GRANTS_WEIGHED as u64);
        assert!(used.truncated);
    }
}
