//! The report's sections and the rows of their tables, made from the review: releases per
//! account, releases outside business hours, grants (issued, requests denied, revoked, expired
//! unused, self-grants, to non-administrators), denials, administrative events, rotations.

use super::tables::{short, Cells, Document, Section, Table};
use crate::messages::{col, report as r};
use std::collections::HashMap;
use vaultd::i18n::{Lang, Msg};
use vaultd::review::hours::BusinessHours;
use vaultd::review::{unix, GrantReview, Review};

impl<'a> Document<'a> {
    pub(super) fn build_sections(&self) -> Vec<Section<'a>> {
        let review: &'a Review = self.review;
        let me = self.view.clone();
        let mut sections = Vec::new();

        // Releases, one table per account with any.
        let tables = review
            .accounts
            .iter()
            .filter(|a| !a.releases.is_empty())
            .map(|a| Table {
                view: me.clone(),
                title: a.account.to_string(),
                columns: self.columns(&[
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
                    cells.push(&e.principal);
                    cells.push(&e.field);
                    cells.push(short(e.grant.as_deref()));
                    cells.push(me.purpose_of(e.grant.as_deref()));
                    cells.push_number(e.seq);
                }),
            })
            .collect();
        sections.push(Section {
            title: self.text(r::RELEASES),
            id: "releases",
            tables,
        });

        // Releases outside business hours, across accounts.
        let off: Vec<(usize, usize)> = review
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
        sections.push(Section {
            title: format!("{} ({})", self.text(r::OFF_HOURS), review.business_hours),
            id: "off-hours",
            tables: vec![Table {
                view: me.clone(),
                title: self.text(r::OFF_HOURS),
                columns: self.columns(&[
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
                    cells.push(&e.principal);
                    cells.push(&e.field);
                    cells.push(short(e.grant.as_deref()));
                    cells.push_number(e.seq);
                }),
            }],
        });

        // Grants, by what became of them.
        // The grantee's roles are a column only where they are the point (non-administrators).
        let grant_table =
            |title: Msg, filter: fn(&GrantReview) -> bool, roles: bool| -> Table<'a> {
                let list: Vec<&'a GrantReview> =
                    review.grants.iter().filter(|g| filter(g)).collect();
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
                    title: self.text(title),
                    columns: self.columns(&columns),
                    len: list.len(),
                    row: Box::new(move |me: &DocView, i, cells: &mut Cells| {
                        let g = list[i];
                        let mut row = vec![
                            me.local(&g.issued),
                            short(Some(&g.id)).to_owned(),
                            g.issued_by.to_string(),
                            me.unknown_or(g.grantee.as_deref()),
                        ];
                        if roles {
                            row.push(me.unknown_or(g.grantee_roles.as_deref()));
                        }
                        row.extend([
                            g.accounts.join(","),
                            me.opt_local(g.from.as_deref()),
                            me.opt_local(g.until.as_deref()),
                            me.unknown_or(g.purpose.as_deref()),
                            short(g.approved_request.as_deref()).to_owned(),
                            g.releases.to_string(),
                        ]);
                        cells.push_all(row)
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
        let revoked: Vec<&'a GrantReview> = review
            .grants
            .iter()
            .filter(|g| g.revoked_in_period)
            .collect();
        let revoked = Table {
            view: me.clone(),
            title: self.text(r::GRANTS_REVOKED),
            columns: self.columns(&[
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
                cells.push_all(vec![
                    me.opt_local(rev.map(|r| r.time.as_str())),
                    short(Some(&g.id)).to_owned(),
                    rev.map(|r| r.by.to_string()).unwrap_or_default(),
                    me.unknown_or(g.grantee.as_deref()),
                    g.accounts.join(","),
                    rev.and_then(|r| r.reason.clone()).unwrap_or_default(),
                    g.releases.to_string(),
                ])
            }),
        };
        let denied = Table {
            view: me.clone(),
            title: self.text(r::REQUESTS_DENIED),
            columns: self.columns(&[
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
                cells.push_all(vec![
                    me.local(&d.time),
                    d.by.to_string(),
                    short(d.request.as_deref()).to_owned(),
                    me.unknown_or(d.requester.as_deref()),
                    d.accounts.clone().unwrap_or_default(),
                    d.reason.clone().unwrap_or_default(),
                ])
            }),
        };
        sections.push(Section {
            title: self.text(r::GRANTS_ISSUED),
            id: "grants",
            tables: vec![
                issued,
                denied,
                revoked,
                expired,
                superseded,
                self_grants,
                non_admin,
            ],
        });

        sections.push(Section {
            title: self.text(r::DENIALS),
            id: "denials",
            tables: vec![Table {
                view: me.clone(),
                title: self.text(r::DENIALS),
                columns: self.columns(&[
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
                    cells.push_all(vec![
                        me.local(&d.time),
                        d.principal.to_string(),
                        d.action.to_string(),
                        d.target.clone(),
                        me.reason(d.reason.as_deref()),
                        d.seq.to_string(),
                    ])
                }),
            }],
        });

        sections.push(Section {
            title: self.text(r::ADMIN_EVENTS),
            id: "admin",
            tables: vec![Table {
                view: me.clone(),
                title: self.text(r::ADMIN_EVENTS),
                columns: self.columns(&[
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
                    cells.push_all(vec![
                        me.local(&e.time),
                        e.principal.to_string(),
                        e.action.to_string(),
                        e.target.clone(),
                        e.detail.clone().unwrap_or_default(),
                        e.seq.to_string(),
                    ])
                }),
            }],
        });

        let rotation: Vec<usize> = review
            .accounts
            .iter()
            .enumerate()
            .filter(|(_, a)| a.rotation_since.is_some())
            .map(|(i, _)| i)
            .collect();
        sections.push(Section {
            title: self.text(r::ROTATION),
            id: "rotation",
            tables: vec![Table {
                view: me.clone(),
                title: self.text(r::ROTATION),
                columns: self.columns(&[col::ACCOUNT, col::SINCE, col::VERSION]),
                len: rotation.len(),
                row: Box::new(move |me: &DocView, i, cells: &mut Cells| {
                    let a = &review.accounts[rotation[i]];
                    cells.push_all(vec![
                        a.account.to_string(),
                        me.opt_local(a.rotation_since.as_deref()),
                        a.password_version
                            .map(|v| format!("v{v}"))
                            .unwrap_or_else(|| me.text(r::UNKNOWN)),
                    ])
                }),
            }],
        });
        sections
    }
}

/// What the row closures need, owned for the document's lifetime.
pub(super) struct DocView<'a> {
    lang: Lang,
    pub(super) hours: &'a BusinessHours,
    review: &'a Review,
    grant_index: HashMap<&'a str, usize>,
}

impl<'a> DocView<'a> {
    pub(super) fn new(lang: Lang, hours: &'a BusinessHours, review: &'a Review) -> Self {
        let grant_index = review
            .grants
            .iter()
            .enumerate()
            .map(|(i, g)| (&*g.id, i))
            .collect();
        Self {
            lang,
            hours,
            review,
            grant_index,
        }
    }

    fn local(&self, time: &str) -> String {
        unix(time)
            .map(|t| self.hours.local_time(t))
            .unwrap_or_else(|| time.to_owned())
    }
    fn opt_local(&self, time: Option<&str>) -> String {
        time.map(|t| self.local(t)).unwrap_or_default()
    }
    fn text(&self, m: Msg) -> String {
        m.text(self.lang).to_owned()
    }
    fn unknown_or(&self, value: Option<&str>) -> String {
        value
            .map(str::to_owned)
            .unwrap_or_else(|| self.text(r::UNKNOWN))
    }
    fn reason(&self, code: Option<&str>) -> String {
        code.map(|c| vaultd::i18n::reason_label(self.lang, c))
            .unwrap_or_default()
    }
    fn purpose_of(&self, grant: Option<&str>) -> &'a str {
        grant
            .and_then(|g| self.grant_index.get(g))
            .and_then(|&i| self.review.grants[i].purpose.as_deref())
            .unwrap_or_default()
    }
}
