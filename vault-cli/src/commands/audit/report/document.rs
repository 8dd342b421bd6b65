//! The report as a document every format renders the same way: a header, a summary, and
//! sections of tables in the reader's language.

use super::sections;
use super::tables::{DocView, Section};
use super::Header;
use crate::messages::report as r;
use std::sync::Arc;
use vaultd::i18n::{Lang, Msg};
use vaultd::review::hours::BusinessHours;
use vaultd::review::{GrantReview, Review};
use vaultd::times::{unix, unix_millis};

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
    /// What the timelines span, Unix milliseconds (`activity_span`).
    pub span: (i64, i64),
    /// What the row closures share: each holds a clone.
    pub(super) view: Arc<DocView<'a>>,
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
        // The period in milliseconds, as asked, up to its last entry: what comes later (a
        // grant's end next month) has not happened as of the log.
        let last_entry = review.last_time.as_deref().and_then(unix_millis);
        let period = (
            header
                .from
                .as_deref()
                .and_then(vaultd::times::parse_time)
                .map(|t| t * 1000)
                .or_else(|| review.first_time.as_deref().and_then(unix_millis)),
            header
                .to
                .as_deref()
                .and_then(vaultd::times::parse_time)
                .map(|t| t * 1000)
                .into_iter()
                .chain(last_entry)
                .min(),
        );
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
            .filter(|a| a.rotation_since.is_some() || a.due_since.is_some())
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
            (t(r::GRANTS_SUPERSEDED), count(&|g| g.superseded.is_some())),
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
            (t(r::ROTATION_PENDING), rotation),
            (t(r::ROTATIONS_DONE), review.rotations.len() as u64),
            (
                t(r::STAGINGS_UNCONFIRMED),
                review.stagings_unconfirmed.len() as u64,
            ),
        ];
        let mut doc = Document {
            lang,
            title: t(r::TITLE),
            header: header_lines,
            summary,
            sections: Vec::new(),
            review,
            hours,
            span: activity_span(review, period),
            view: Arc::new(DocView::new(lang, hours, review)),
        };
        doc.sections = sections::build(review, &doc.view);
        doc
    }
}

/// What the timelines span, in Unix milliseconds: from the first to the last thing they draw
/// inside the period (a release, a denial, a grant's start, end or revocation). Not the
/// period's bounds, nor the end of a grant weeks away: a day's activity fills the width, and
/// a grant that runs on past the last activity is drawn to the edge.
pub fn activity_span(review: &Review, (from, to): (Option<i64>, Option<i64>)) -> (i64, i64) {
    let (lo, hi) = (from.unwrap_or(i64::MIN), to.unwrap_or(i64::MAX));
    let (mut first, mut last) = (i64::MAX, i64::MIN);
    let mut see = |t: i64| {
        if (lo..=hi).contains(&t) {
            first = first.min(t);
            last = last.max(t);
        }
    };
    for account in &review.accounts {
        account.releases.iter().for_each(|e| see(e.millis));
        for &d in &account.denials {
            see(review.denials[d].millis);
        }
        for &g in &account.grants {
            let (start, end) = grant_window(&review.grants[g]);
            start.into_iter().chain(end).for_each(&mut see);
        }
    }
    match (first, last) {
        // One moment: it sits in the middle of two minutes.
        (f, l) if f == l => (f - 60_000, f + 60_000),
        (f, l) if f < l => (f, l),
        // Nothing drawn: the period, when it is known.
        _ => match (from, to) {
            (Some(f), Some(t)) if f < t => (f, t),
            (Some(f), _) => (f - 60_000, f + 60_000),
            _ => (0, 1),
        },
    }
}

/// A grant's window as drawn, Unix milliseconds: from its start (or its issue) to its end,
/// cut at its revocation.
pub fn grant_window(g: &GrantReview) -> (Option<i64>, Option<i64>) {
    let start = g
        .from
        .as_deref()
        .and_then(unix_millis)
        .or_else(|| unix_millis(&g.issued));
    let until = g.until.as_deref().and_then(unix_millis);
    let revoked = g.revoked.as_ref().and_then(|r| unix_millis(&r.time));
    let end = match (until, revoked) {
        (Some(u), Some(r)) => Some(u.min(r)),
        (u, r) => u.or(r),
    };
    (start, end)
}
