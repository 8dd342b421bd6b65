//! The report as a document every format renders the same way: a header, a summary, and
//! sections of tables in the reader's language. Rows are made on demand from the review (a
//! report over a million releases does not hold a million rows of strings twice).

use super::sections::DocView;
use super::Header;
use crate::messages::{col, report as r};
use std::sync::Arc;
use vaultd::i18n::{Lang, Msg};
use vaultd::review::hours::{BusinessHours, ZoneCursor};
use vaultd::review::ordered::write_in_order;
use vaultd::review::{unix, GrantReview, Review};

pub struct Table<'a> {
    pub title: String,
    pub columns: Vec<String>,
    pub len: usize,
    pub(super) view: Arc<DocView<'a>>,
    pub(super) row: RowFn<'a>,
}

/// Writes row `i` of a table into `cells` (on any thread: large tables are rendered on every
/// core).
pub(super) type RowFn<'a> = Box<dyn Fn(&DocView<'a>, usize, &mut Cells) + Send + Sync + 'a>;

/// One row's cells, written one after the other into a buffer that is reused from row to row:
/// a report renders millions of rows, and none allocates.
#[derive(Default)]
pub struct Cells {
    text: String,
    ends: Vec<usize>,
    /// Where the last local time was, in the zone (rows come in about time order).
    zone: ZoneCursor,
}

impl Cells {
    fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
    }

    pub fn push(&mut self, cell: &str) {
        self.text.push_str(cell);
        self.ends.push(self.text.len());
    }

    /// Cells made as strings (the smaller tables).
    pub fn push_all(&mut self, cells: Vec<String>) {
        cells.iter().for_each(|c| self.push(c));
    }

    pub fn push_local_time(&mut self, hours: &BusinessHours, unix: i64) {
        hours.push_local_time(&mut self.zone, unix, &mut self.text);
        self.ends.push(self.text.len());
    }

    /// A number in decimal (by hand: every release row has one).
    pub fn push_number(&mut self, n: u64) {
        vaultd::review::push_decimal(&mut self.text, n);
        self.ends.push(self.text.len());
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether every cell is printable ASCII (nothing to escape, one byte per column): one
    /// check per row, which the compiler vectorizes.
    pub fn is_plain_ascii(&self) -> bool {
        let outside = |b: u8| u8::from(b.wrapping_sub(0x20) >= 0x5f);
        self.text.bytes().fold(0, |any, b| any | outside(b)) == 0
    }

    /// Whether any cell holds one of `bytes` (one vectorized check per row).
    pub fn contains_any(&self, bytes: [u8; 4]) -> bool {
        let hit = |b: u8| u8::from(bytes.contains(&b));
        self.text.bytes().fold(0, |any, b| any | hit(b)) != 0
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        let mut start = 0;
        self.ends.iter().map(move |&end| {
            let cell = &self.text[start..end];
            start = end;
            cell
        })
    }
}

/// Rows rendered as one block: a table is cut into blocks that every core renders.
const ROWS_PER_BLOCK: usize = 4_096;

impl<'a> Table<'a> {
    /// Row `i`'s cells, into `cells`.
    pub fn cells(&self, i: usize, cells: &mut Cells) {
        cells.clear();
        (self.row)(&self.view, i, cells);
    }

    /// Row `i` as strings (for the few rows where that is simpler).
    pub fn row(&self, i: usize) -> Vec<String> {
        let mut cells = Cells::default();
        self.cells(i, &mut cells);
        cells.iter().map(str::to_owned).collect()
    }

    /// Writes rows `0..len`, each rendered by `line` into a text buffer, in order: in blocks
    /// rendered on every core and written as they come.
    pub fn write_lines(
        &self,
        line: &(dyn Fn(&Cells, &mut String) + Sync),
        w: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        let render = |block: usize, out: &mut String| {
            let mut cells = Cells::default();
            let from = block * ROWS_PER_BLOCK;
            for i in from..(from + ROWS_PER_BLOCK).min(self.len) {
                self.cells(i, &mut cells);
                line(&cells, out);
            }
        };
        let blocks = self.len.div_ceil(ROWS_PER_BLOCK);
        write_in_order(blocks, &render, &self.view.buffers, w)
    }
}

/// `f` of every item, shared between the cores, in the items' order.
pub fn on_every_core<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads == 1 || items.len() < 2 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads.min(items.len()))
            .map(|_| {
                let (next, f) = (&next, &f);
                scope.spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else {
                            return done;
                        };
                        done.push((i, f(item)));
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
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
        doc.sections = doc.build_sections();
        doc
    }

    pub(super) fn text(&self, m: Msg) -> String {
        m.text(self.lang).to_owned()
    }

    pub(super) fn columns(&self, msgs: &[Msg]) -> Vec<String> {
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
}

/// A grant or request id as people quote it: its first 12 hex digits (the CLI takes prefixes).
pub fn short(id: Option<&str>) -> &str {
    let id = id.unwrap_or_default();
    if let Some(prefix) = id.get(..12).filter(|p| p.is_ascii()) {
        return prefix;
    }
    match id.char_indices().nth(12) {
        Some((end, _)) => &id[..end],
        None => id,
    }
}

#[cfg(test)]
mod tests {
    use super::{short, Cells};

    #[test]
    fn numbers_and_short_ids_read_as_people_quote_them() {
        let mut cells = Cells::default();
        for n in [0, 7, 10, 4096, u64::MAX] {
            cells.push_number(n);
        }
        assert_eq!(
            cells.iter().collect::<Vec<_>>(),
            ["0", "7", "10", "4096", "18446744073709551615"]
        );
        assert_eq!(short(Some("0123456789abcdef")), "0123456789ab");
        assert_eq!(short(Some("abc")), "abc");
        assert_eq!(short(Some("ééééééééééééééé")), "éééééééééééé");
        assert_eq!(short(None), "");
    }
}
