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
use vaultd::times::unix;

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
        // Without --to, the timeline also shows the windows of the grants it draws to their end.
        let span_end = match header.to {
            Some(_) => end,
            None => review
                .grants
                .iter()
                .filter_map(|g| g.until_unix())
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
            view: Arc::new(DocView::new(lang, hours, review)),
        };
        doc.sections = sections::build(review, &doc.view);
        doc
    }
}
