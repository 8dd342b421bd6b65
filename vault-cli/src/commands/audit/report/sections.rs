//! The report's sections and the rows of their tables, made from the review: releases per
//! account, releases outside business hours, grants (issued, requests denied, revoked, expired
//! unused, self-grants, to non-administrators), delegations to an acting authority, denials,
//! administrative events, rotations.
//! Every table is in the order of its first time column: what the reader scans by.

use super::tables::{short, Cells, DocView, Section, Table};
use crate::messages::{col, report as r};
use std::sync::Arc;
use vaultd::i18n::Msg;
use vaultd::review::{GrantReview, Review, RotationCause};
use vaultd::times::{unix, unix_millis};

/// The report's sections, in order, each table's rows read through `me`.
pub(super) fn build<'a>(review: &'a Review, me: &Arc<DocView<'a>>) -> Vec<Section<'a>> {
    let mut sections = Vec::new();

    // Releases, one table per account with any.
    let tables = review
        .accounts
        .iter()
        .filter(|a| !a.releases.is_empty())
        .map(|a| Table {
            view: me.clone(),
            title: a.account.to_string(),
            columns: me.columns(&[
                col::TIME,
                col::PRINCIPAL,
                col::FIELD,
                col::GRANT,
                col::PURPOSE,
                col::SEQ,
            ]),
            len: a.releases.len(),
            row: Box::new(move |me: &DocView, i, cells: &mut Cells| {
                let e = &a.releases[i];
                cells.push_local_time(me.hours, e.unix());
                cells.push(review.name(e.principal));
                cells.push(review.name(e.field));
                cells.push(short(e.grant().map(|g| review.name(g))));
                cells.push(me.purpose_of(e.grant()));
                cells.push_number(e.seq);
            }),
        })
        .collect();
    sections.push(Section {
        title: me.text(r::RELEASES),
        id: "releases",
        tables,
    });

    // Releases outside business hours, across accounts, in time order.
    let mut off: Vec<(usize, usize)> = review
        .accounts
        .iter()
        .enumerate()
        .flat_map(|(a, acc)| {
            acc.releases
                .iter()
                .enumerate()
                .filter(|(_, r)| r.off_hours)
                .map(move |(i, _)| (a, i))
        })
        .collect();
    off.sort_by_key(|&(a, i)| {
        let e = &review.accounts[a].releases[i];
        (e.millis, e.seq)
    });
    // The section's one table: its title is the section's, said once.
    let off_title = format!("{} ({})", me.text(r::OFF_HOURS), review.business_hours);
    sections.push(Section {
        title: off_title.clone(),
        id: "off-hours",
        tables: vec![Table {
            view: me.clone(),
            title: off_title,
            columns: me.columns(&[
                col::TIME,
                col::ACCOUNT,
                col::PRINCIPAL,
                col::FIELD,
                col::GRANT,
                col::SEQ,
            ]),
            len: off.len(),
            row: Box::new(move |me: &DocView, i, cells: &mut Cells| {
                let (a, j) = off[i];
                let acc = &review.accounts[a];
                let e = &acc.releases[j];
                cells.push_local_time(me.hours, e.unix());
                cells.push(&acc.account);
                cells.push(review.name(e.principal));
                cells.push(review.name(e.field));
                cells.push(short(e.grant().map(|g| review.name(g))));
                cells.push_number(e.seq);
            }),
        }],
    });

    // Grants, by what became of them.
    // The grantee's roles are a column only where they are the point (non-administrators).
    let grant_table = |title: Msg, filter: fn(&GrantReview) -> bool, roles: bool| -> Table<'a> {
        let list: Vec<&'a GrantReview> = review.grants.iter().filter(|g| filter(g)).collect();
        let mut columns = vec![col::TIME, col::GRANT, col::ISSUED_BY, col::GRANTEE];
        if roles {
            columns.push(col::ROLES);
        }
        columns.extend([
            col::ACCOUNTS,
            col::FROM,
            col::UNTIL,
            col::PURPOSE,
            col::REQUEST,
            col::USES,
        ]);
        Table {
            view: me.clone(),
            title: me.text(title),
            columns: me.columns(&columns),
            len: list.len(),
            row: Box::new(move |me: &DocView, i, cells: &mut Cells| {
                let g = list[i];
                me.push_time(cells, Some(&g.issued));
                cells.push(short(Some(&g.id)));
                match &g.delegation {
                    // A delegate signs for the Secrétaire générale: the reader sees under what.
                    Some(d) => cells.push(&r::ACTING_FOR.fill(
                        me.lang,
                        &[("signer", &g.issued_by), ("delegation", &short(Some(d)))],
                    )),
                    None => cells.push(&g.issued_by),
                }
                cells.push(me.unknown_or(g.grantee.as_deref()));
                if roles {
                    cells.push(me.unknown_or(g.grantee_roles.as_deref()));
                }
                cells.push(&g.accounts.join(","));
                me.push_time(cells, g.from.as_deref());
                me.push_time(cells, g.until.as_deref());
                cells.push(me.unknown_or(g.purpose.as_deref()));
                cells.push(short(g.approved_request.as_deref()));
                cells.push_number(g.releases);
            }),
        }
    };
    let issued = grant_table(r::GRANTS_ISSUED, |g| g.issued_in_period, false);
    let self_grants = grant_table(
        r::SELF_GRANTS,
        |g| g.issued_in_period && g.self_grant,
        false,
    );
    let non_admin = grant_table(r::NON_ADMIN, |g| g.issued_in_period && g.to_non_admin, true);
    let expired = grant_table(r::GRANTS_EXPIRED_UNUSED, |g| g.expired_unused, false);
    let superseded = grant_table(r::GRANTS_SUPERSEDED, |g| g.superseded.is_some(), false);
    // In the order they were revoked, which is not the order they were issued.
    let mut revoked: Vec<&'a GrantReview> = review
        .grants
        .iter()
        .filter(|g| g.revoked_in_period)
        .collect();
    revoked.sort_by_key(|g| g.revoked.as_ref().and_then(|r| unix_millis(&r.time)));
    let revoked = Table {
        view: me.clone(),
        title: me.text(r::GRANTS_REVOKED),
        columns: me.columns(&[
            col::TIME,
            col::GRANT,
            col::BY,
            col::GRANTEE,
            col::ACCOUNTS,
            col::REASON,
            col::USES,
        ]),
        len: revoked.len(),
        row: Box::new(move |me: &DocView, i, cells: &mut Cells| {
            let g = revoked[i];
            let rev = g.revoked.as_ref();
            me.push_time(cells, rev.map(|r| r.time.as_str()));
            cells.push(short(Some(&g.id)));
            cells.push(rev.map(|r| &*r.by).unwrap_or_default());
            cells.push(me.unknown_or(g.grantee.as_deref()));
            cells.push(&g.accounts.join(","));
            cells.push(rev.and_then(|r| r.reason.as_deref()).unwrap_or_default());
            cells.push_number(g.releases);
        }),
    };
    let denied = Table {
        view: me.clone(),
        title: me.text(r::REQUESTS_DENIED),
        columns: me.columns(&[
            col::TIME,
            col::BY,
            col::REQUEST,
            col::PRINCIPAL,
            col::ACCOUNTS,
            col::REASON,
        ]),
        len: review.denied_requests.len(),
        row: Box::new(move |me: &DocView, i, cells: &mut Cells| {
            let d = &review.denied_requests[i];
            me.push_time(cells, Some(&d.time));
            cells.push(&d.by);
            cells.push(short(d.request.as_deref()));
            cells.push(me.unknown_or(d.requester.as_deref()));
            cells.push(d.accounts.as_deref().unwrap_or_default());
            cells.push(d.reason.as_deref().unwrap_or_default());
        }),
    };
    let answered = Table {
        view: me.clone(),
        title: me.text(r::REQUEST_LOOPS),
        columns: me.columns(&[
            col::TIME,
            col::REQUEST,
            col::PRINCIPAL,
            col::AUTHORITY_TOLD,
            col::REMINDED,
            col::DECIDED,
            col::DECISION,
            col::BY,
            col::REQUESTER_TOLD,
            col::NOT_DELIVERED,
        ]),
        len: review.request_loops.len(),
        row: Box::new(move |me: &DocView, i, cells: &mut Cells| {
            let q = &review.request_loops[i];
            me.push_time(cells, Some(&q.asked));
            cells.push(short(Some(&q.request)));
            cells.push(&q.requester);
            me.push_time(cells, q.authority_told.as_deref());
            me.push_time(cells, q.reminded.as_deref());
            me.push_time(cells, q.decided.as_deref());
            cells.push(match q.decision.as_deref() {
                Some("approved") => r::APPROVED.text(me.lang),
                Some("denied") => r::DENIED.text(me.lang),
                _ => "",
            });
            cells.push(q.decided_by.as_deref().unwrap_or_default());
            me.push_time(cells, q.requester_told.as_deref());
            cells.push_number(q.failed_notifications);
        }),
    };
    sections.push(Section {
        title: me.text(r::GRANTS),
        id: "grants",
        tables: vec![
            issued,
            answered,
            denied,
            revoked,
            expired,
            superseded,
            self_grants,
            non_admin,
        ],
    });

    sections.push(delegation_section(review, me));

    sections.push(Section {
        title: me.text(r::DENIALS),
        id: "denials",
        tables: vec![Table {
            view: me.clone(),
            title: me.text(r::DENIALS),
            columns: me.columns(&[
                col::TIME,
                col::PRINCIPAL,
                col::ACTION,
                col::TARGET,
                col::REASON,
                col::SEQ,
            ]),
            len: review.denials.len(),
            row: Box::new(move |me: &DocView, i, cells: &mut Cells| {
                let d = &review.denials[i];
                cells.push_local_time(me.hours, d.unix());
                cells.push(review.name(d.principal));
                cells.push(&vaultd::i18n::action_label(me.lang, review.name(d.action)));
                cells.push(review.name(d.target));
                cells.push(&me.reason(d.reason().map(|c| review.name(c))));
                cells.push_number(d.seq);
            }),
        }],
    });

    sections.push(Section {
        title: me.text(r::ADMIN_EVENTS),
        id: "admin",
        tables: vec![Table {
            view: me.clone(),
            title: me.text(r::ADMIN_EVENTS),
            columns: me.columns(&[
                col::TIME,
                col::PRINCIPAL,
                col::ACTION,
                col::TARGET,
                col::DETAIL,
                col::SEQ,
            ]),
            len: review.admin_events.len(),
            row: Box::new(move |me: &DocView, i, cells: &mut Cells| {
                let e = &review.admin_events[i];
                me.push_time(cells, Some(&e.time));
                cells.push(&e.principal);
                cells.push(&vaultd::i18n::action_label(me.lang, &e.action));
                cells.push(&e.target);
                cells.push(&vaultd::i18n::detail_text(
                    me.lang,
                    e.detail.as_deref().unwrap_or_default(),
                ));
                cells.push_number(e.seq);
            }),
        }],
    });

    sections.push(rotation_section(review, me));
    sections
}

/// Delegations to an acting authority: each one the period has something to say about (who,
/// window, scope, why, its revocation, the grants signed under it), then the self-grants its
/// delegate signed, one flagged line each.
fn delegation_section<'a>(review: &'a Review, me: &Arc<DocView<'a>>) -> Section<'a> {
    let list = Table {
        view: me.clone(),
        title: me.text(r::DELEGATIONS),
        columns: me.columns(&[
            col::TIME,
            col::DELEGATION,
            col::DELEGATE,
            col::BY,
            col::FROM,
            col::UNTIL,
            col::ACCOUNTS,
            col::REASON,
            col::REVOKED,
            col::GRANTS,
            col::SEQ,
        ]),
        len: review.delegations.len(),
        row: Box::new(move |me: &DocView, i, cells: &mut Cells| {
            let d = &review.delegations[i];
            me.push_time(cells, Some(&d.registered));
            cells.push(short(Some(&d.id)));
            cells.push(&d.delegate);
            cells.push(&d.by);
            me.push_time(cells, d.from.as_deref());
            me.push_time(cells, d.until.as_deref());
            match &d.accounts {
                Some(accounts) => cells.push(accounts),
                None => cells.push(&me.text(r::ALL_ACCOUNTS)),
            }
            cells.push(d.reason.as_deref().unwrap_or_default());
            // When, by whom and why, in one cell: the revocation is one fact.
            let revoked = d.revoked.as_ref().map(|rev| {
                let at =
                    unix(&rev.time).map_or_else(|| rev.time.clone(), |t| me.hours.local_time(t));
                match &rev.reason {
                    Some(why) => format!("{at}, {}: {why}", rev.by),
                    None => format!("{at}, {}", rev.by),
                }
            });
            cells.push(revoked.as_deref().unwrap_or_default());
            let ids: Vec<&str> = d.grants.iter().map(|g| short(Some(g))).collect();
            if ids.is_empty() {
                cells.push("0");
            } else {
                cells.push(&format!("{}: {}", ids.len(), ids.join(", ")));
            }
            cells.push_number(d.seq);
        }),
    };
    // (delegation index, self-grant index), in the order of registration.
    let flagged: Vec<(usize, usize)> = review
        .delegations
        .iter()
        .enumerate()
        .flat_map(|(d, del)| (0..del.self_grants.len()).map(move |g| (d, g)))
        .collect();
    let self_grants = Table {
        view: me.clone(),
        title: me.text(r::DELEGATION_SELF_GRANTS),
        columns: me.columns(&[col::DELEGATION, col::DELEGATE, col::GRANT]),
        len: flagged.len(),
        row: Box::new(move |_: &DocView, i, cells: &mut Cells| {
            let (d, g) = flagged[i];
            let d = &review.delegations[d];
            cells.push(short(Some(&d.id)));
            cells.push(&d.delegate);
            cells.push(short(Some(&d.self_grants[g])));
        }),
    };
    Section {
        title: me.text(r::DELEGATIONS),
        id: "delegations",
        tables: vec![list, self_grants],
    }
}

/// Rotation: the passwords to change at the period's end, each with its cause (exposure: a
/// grant under which it was seen ended; age: older than its maximum age) and since when; the
/// rotations done in the period with the time each took from its first cause; and the new
/// passwords staged and never confirmed.
fn rotation_section<'a>(review: &'a Review, me: &Arc<DocView<'a>>) -> Section<'a> {
    // (account index, cause, since), in the order of `since`.
    let mut pending: Vec<(usize, RotationCause, &'a str)> = Vec::new();
    for (i, a) in review.accounts.iter().enumerate() {
        if let Some(since) = a.rotation_since.as_deref() {
            pending.push((i, RotationCause::Exposure, since));
        }
        if let Some(since) = a.due_since.as_deref() {
            pending.push((i, RotationCause::Age, since));
        }
    }
    pending.sort_by_key(|&(i, _, since)| (unix_millis(since), i));
    let cause = |me: &DocView, c: Option<RotationCause>| match c {
        Some(RotationCause::Exposure) => me.text(r::CAUSE_EXPOSURE),
        Some(RotationCause::Age) => me.text(r::CAUSE_AGE),
        None => me.text(r::CAUSE_NONE),
    };
    let pending_table = Table {
        view: me.clone(),
        title: me.text(r::ROTATION_PENDING),
        columns: me.columns(&[col::ACCOUNT, col::CAUSE, col::SINCE, col::VERSION]),
        len: pending.len(),
        row: Box::new(move |me: &DocView, i, cells: &mut Cells| {
            let (a, c, since) = pending[i];
            let a = &review.accounts[a];
            cells.push(&a.account);
            cells.push(&cause(me, Some(c)));
            me.push_time(cells, Some(since));
            match a.password_version {
                Some(v) => cells.push(&format!("v{v}")),
                None => cells.push(me.unknown_or(None)),
            }
        }),
    };
    let done_table = Table {
        view: me.clone(),
        title: me.text(r::ROTATIONS_DONE),
        columns: me.columns(&[
            col::TIME,
            col::ACCOUNT,
            col::BY,
            col::ACTION,
            col::CAUSE,
            col::SINCE,
            col::TOOK,
            col::SEQ,
        ]),
        len: review.rotations.len(),
        row: Box::new(move |me: &DocView, i, cells: &mut Cells| {
            let d = &review.rotations[i];
            me.push_time(cells, Some(&d.time));
            cells.push(&d.account);
            cells.push(&d.by);
            cells.push(&vaultd::i18n::action_label(me.lang, &d.action));
            cells.push(&cause(me, d.cause));
            me.push_time(cells, d.since.as_deref());
            match d.took_secs {
                Some(secs) => cells.push(&vaultd::i18n::duration_text(me.lang, secs)),
                None => cells.push(""),
            }
            cells.push_number(d.seq);
        }),
    };
    let staged_table = Table {
        view: me.clone(),
        title: me.text(r::STAGINGS_UNCONFIRMED),
        columns: me.columns(&[col::STAGED, col::ACCOUNT, col::BY, col::ABORTED, col::SEQ]),
        len: review.stagings_unconfirmed.len(),
        row: Box::new(move |me: &DocView, i, cells: &mut Cells| {
            let s = &review.stagings_unconfirmed[i];
            me.push_time(cells, Some(&s.staged));
            cells.push(&s.account);
            cells.push(&s.by);
            match &s.aborted {
                Some(at) => me.push_time(cells, Some(at)),
                None => cells.push(&me.text(r::STILL_STAGED)),
            }
            cells.push_number(s.seq);
        }),
    };
    Section {
        title: me.text(r::ROTATION),
        id: "rotation",
        tables: vec![pending_table, done_table, staged_table],
    }
}
