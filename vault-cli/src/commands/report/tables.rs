//! The report as a document every format renders the same way: a header, a summary, and
//! sections of tables in the reader's language. Rows are made on demand from the review (a
//! report over a million releases does not hold a million rows of strings twice).

use super::Header;
use crate::messages::{col, report as r};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;
use vaultd::i18n::{Lang, Msg};
use vaultd::review::hours::BusinessHours;
use vaultd::review::{unix, GrantReview, Review};

pub struct Table<'a> {
    pub title: String,
    pub columns: Vec<String>,
    pub len: usize,
    view: Arc<DocView<'a>>,
    row: RowFn<'a>,
}

/// Makes row `i` of a table (on any thread: large tables are rendered on every core). Cells
/// borrow what the review holds; only times and numbers are made.
type RowFn<'a> = Box<dyn Fn(&DocView<'a>, usize) -> Vec<Cow<'a, str>> + Send + Sync + 'a>;

/// Cells made as strings (the smaller tables).
fn owned<'a>(cells: Vec<String>) -> Vec<Cow<'a, str>> {
    cells.into_iter().map(Cow::Owned).collect()
}

/// Rows rendered per round: each round is split between the cores, then written in order.
const ROWS_PER_ROUND: usize = 131_072;

impl<'a> Table<'a> {
    pub fn row(&self, i: usize) -> Vec<Cow<'a, str>> {
        (self.row)(&self.view, i)
    }

    /// Writes rows `0..len`, each rendered by `line` into a text buffer; on every core for a
    /// large table, in order.
    pub fn write_lines(
        &self,
        line: &(dyn Fn(&[Cow<'a, str>], &mut String) + Sync),
        w: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let render = |from: usize, to: usize| {
            let mut out = String::new();
            for i in from..to {
                line(&self.row(i), &mut out);
            }
            out
        };
        if self.len < ROWS_PER_ROUND || threads == 1 {
            return w.write_all(render(0, self.len).as_bytes());
        }
        for start in (0..self.len).step_by(ROWS_PER_ROUND) {
            let end = (start + ROWS_PER_ROUND).min(self.len);
            let share = (end - start).div_ceil(threads);
            let parts: Vec<String> = std::thread::scope(|scope| {
                let render = &render;
                let handles: Vec<_> = (0..threads)
                    .map(|t| {
                        let from = (start + t * share).min(end);
                        let to = (from + share).min(end);
                        scope.spawn(move || render(from, to))
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_default())
                    .collect()
            });
            for part in parts {
                w.write_all(part.as_bytes())?;
            }
        }
        Ok(())
    }
}

pub struct Section<'a> {
    pub title: String,
    /// An anchor for the HTML table of contents.
    pub id: &'static str,
    pub tables: Vec<Table<'a>>,
}

pub struct Document<'a> {
    pub lang: Lang,
    pub title: String,
    /// (label, value) lines.
    pub header: Vec<(String, String)>,
    /// (label, count).
    pub summary: Vec<(String, u64)>,
    pub sections: Vec<Section<'a>>,
    pub review: &'a Review,
    pub hours: &'a BusinessHours,
    /// The period the timeline spans, Unix seconds.
    pub span: (i64, i64),
    /// What the row closures share: each holds a clone.
    view: Arc<DocView<'a>>,
}

impl<'a> Document<'a> {
    pub fn new(lang: Lang, header: &Header, review: &'a Review, hours: &'a BusinessHours) -> Self {
        let t = |m: Msg| m.text(lang).to_owned();
        let start = header
            .from
            .as_deref()
            .and_then(vaultd::times::parse_time)
            .or_else(|| review.first_time.as_deref().and_then(unix));
        let end = header
            .to
            .as_deref()
            .and_then(vaultd::times::parse_time)
            .or_else(|| review.last_time.as_deref().and_then(unix));
        // Without --to, the timeline also shows the windows of the grants it draws to their end.
        let span_end = match header.to {
            Some(_) => end,
            None => review
                .grants
                .iter()
                .filter_map(|g| g.until.as_deref().and_then(vaultd::times::parse_time))
                .chain(end)
                .max(),
        };
        let local = |t: Option<i64>| t.map(|t| hours.local_time(t));
        let witnesses = if header.witnesses.is_empty() {
            t(r::NO_WITNESS)
        } else {
            header
                .witnesses
                .iter()
                .map(|v| {
                    r::WITNESS_VALUE.fill(
                        lang,
                        &[
                            ("name", &v.name),
                            ("size", &v.size),
                            ("at", &hours.local_time(v.at as i64)),
                        ],
                    )
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        let header_lines = vec![
            (t(r::VAULT), header.origin.clone()),
            (
                t(r::CHECKPOINT),
                r::CHECKPOINT_VALUE.fill(lang, &[("size", &header.size), ("root", &header.root)]),
            ),
            (
                t(r::SOURCE),
                t(if header.offline {
                    r::SOURCE_OFFLINE
                } else {
                    r::SOURCE_ONLINE
                }),
            ),
            (t(r::WITNESSES), witnesses),
            (
                t(r::PERIOD),
                format!(
                    "{} – {}",
                    header
                        .from
                        .as_deref()
                        .and(local(start))
                        .unwrap_or_else(|| t(r::PERIOD_START)),
                    header
                        .to
                        .as_deref()
                        .and(local(end))
                        .unwrap_or_else(|| t(r::PERIOD_END)),
                ),
            ),
            (
                t(r::ENTRIES),
                r::ENTRIES_VALUE.fill(
                    lang,
                    &[
                        ("count", &review.entries_in_period),
                        ("total", &review.entries_total),
                    ],
                ),
            ),
            (
                t(r::AS_OF),
                local(review.as_of.as_deref().and_then(vaultd::times::parse_time))
                    .unwrap_or_default(),
            ),
            (t(r::TIMES_IN), hours.zone_name().to_owned()),
            (t(r::BUSINESS_HOURS), review.business_hours.clone()),
            (
                t(r::GENERATED),
                unix(&header.generated_at)
                    .map(|g| hours.local_time(g))
                    .unwrap_or_default(),
            ),
        ];
        let grants = &review.grants;
        let count =
            |f: &dyn Fn(&GrantReview) -> bool| grants.iter().filter(|g| f(g)).count() as u64;
        let releases: u64 = review
            .accounts
            .iter()
            .map(|a| a.releases.len() as u64)
            .sum();
        let rotation = review
            .accounts
            .iter()
            .filter(|a| a.rotation_since.is_some())
            .count() as u64;
        let summary = vec![
            (t(r::RELEASES_TOTAL), releases),
            (t(r::OFF_HOURS), review.off_hours_releases),
            (t(r::REQUESTS), review.requests),
            (t(r::GRANTS_ISSUED), count(&|g| g.issued_in_period)),
            (
                t(r::GRANTS_APPROVED),
                count(&|g| g.issued_in_period && g.approved_request.is_some()),
            ),
            (t(r::REQUESTS_DENIED), review.denied_requests.len() as u64),
            (t(r::GRANTS_REVOKED), count(&|g| g.revoked_in_period)),
            (t(r::GRANTS_EXPIRED_UNUSED), count(&|g| g.expired_unused)),
            (
                t(r::SELF_GRANTS),
                count(&|g| g.issued_in_period && g.self_grant),
            ),
            (
                t(r::NON_ADMIN),
                count(&|g| g.issued_in_period && g.to_non_admin),
            ),
            (t(r::DENIALS), review.denials.len() as u64),
            (t(r::ADMIN_EVENTS), review.admin_events.len() as u64),
            (t(r::ROTATION), rotation),
        ];
        let mut doc = Document {
            lang,
            title: t(r::TITLE),
            header: header_lines,
            summary,
            sections: Vec::new(),
            review,
            hours,
            span: (start.unwrap_or(0), span_end.unwrap_or(0)),
            view: Arc::new(DocView {
                lang,
                hours,
                review,
                grant_index: grants
                    .iter()
                    .enumerate()
                    .map(|(i, g)| (&*g.id, i))
                    .collect(),
            }),
        };
        doc.sections = doc.build_sections();
        doc
    }

    fn text(&self, m: Msg) -> String {
        m.text(self.lang).to_owned()
    }

    fn columns(&self, msgs: &[Msg]) -> Vec<String> {
        msgs.iter()
            .map(|m| {
                if *m == col::TIME {
                    format!("{} ({})", m.text(self.lang), self.hours.zone_name())
                } else {
                    m.text(self.lang).to_owned()
                }
            })
            .collect()
    }

    fn build_sections(&self) -> Vec<Section<'a>> {
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
                row: Box::new(move |me: &DocView, i| {
                    let e = &a.releases[i];
                    vec![
                        Cow::Owned(me.hours.local_time(e.unix())),
                        Cow::Borrowed(&*e.principal),
                        Cow::Borrowed(&*e.field),
                        Cow::Borrowed(short(e.grant.as_deref())),
                        Cow::Borrowed(me.purpose_of(e.grant.as_deref())),
                        Cow::Owned(e.seq.to_string()),
                    ]
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
                row: Box::new(move |me: &DocView, i| {
                    let (a, j) = off[i];
                    let acc = &review.accounts[a];
                    let e = &acc.releases[j];
                    vec![
                        Cow::Owned(me.hours.local_time(e.unix())),
                        Cow::Borrowed(&*acc.account),
                        Cow::Borrowed(&*e.principal),
                        Cow::Borrowed(&*e.field),
                        Cow::Borrowed(short(e.grant.as_deref())),
                        Cow::Owned(e.seq.to_string()),
                    ]
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
                    row: Box::new(move |me: &DocView, i| {
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
                        owned(row)
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
            row: Box::new(move |me: &DocView, i| {
                let g = revoked[i];
                let rev = g.revoked.as_ref();
                owned(vec![
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
            row: Box::new(move |me: &DocView, i| {
                let d = &review.denied_requests[i];
                owned(vec![
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
            tables: vec![issued, denied, revoked, expired, self_grants, non_admin],
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
                row: Box::new(move |me: &DocView, i| {
                    let d = &review.denials[i];
                    owned(vec![
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
                row: Box::new(move |me: &DocView, i| {
                    let e = &review.admin_events[i];
                    owned(vec![
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
                row: Box::new(move |me: &DocView, i| {
                    let a = &review.accounts[rotation[i]];
                    owned(vec![
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
struct DocView<'a> {
    lang: Lang,
    hours: &'a BusinessHours,
    review: &'a Review,
    grant_index: HashMap<&'a str, usize>,
}

impl<'a> DocView<'a> {
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

/// A grant or request id as people quote it: its first 12 hex digits (the CLI takes prefixes).
pub fn short(id: Option<&str>) -> &str {
    let id = id.unwrap_or_default();
    match id.char_indices().nth(12) {
        Some((end, _)) => &id[..end],
        None => id,
    }
}
