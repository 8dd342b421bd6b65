//! The report's tables: rows made on demand from the review through the view they share (a
//! report over a million releases does not hold a million rows of strings twice), their cells,
//! and the sections that group them.

use crate::messages::{col, report as r};
use std::sync::Arc;
use vaultd::i18n::{Lang, Msg};
use vaultd::review::hours::{BusinessHours, ZoneCursor};
use vaultd::review::ordered::write_in_order;
use vaultd::review::{NameId, Review};
use vaultd::times::unix;

pub struct Table<'a> {
    pub title: String,
    pub columns: Vec<Column>,
    pub len: usize,
    pub(super) view: Arc<DocView<'a>>,
    pub(super) row: RowFn<'a>,
}

/// A column's heading and what its cells hold.
pub struct Column {
    pub title: String,
    pub kind: Kind,
}

/// What a column's cells hold, which says how a page may break them: a time, a number, an
/// id or a name read wrong when cut, free text wraps between words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A local date and time: kept whole (a page may put the time under the date).
    Time,
    /// A count or a sequence number: right-aligned, never broken.
    Number,
    /// A grant or request id (its 12 first hex digits): never broken.
    Id,
    /// A principal, an account, a field: never broken, even at its hyphens.
    Name,
    /// Names separated by commas (accounts, roles): broken between names only.
    Names,
    /// Words people typed or read (purpose, reason, detail, action): wrapped between words.
    Text,
}

impl Kind {
    /// The kind of the column headed by `m` (one of `col`'s).
    pub fn of(m: Msg) -> Kind {
        // By id: a message is one id, however many copies of its catalog the binary holds.
        match m.id() {
            "col-time" | "col-from" | "col-until" | "col-since" | "col-authority-told"
            | "col-reminded" | "col-decided" | "col-requester-told" | "col-staged"
            | "col-aborted" => Kind::Time,
            "col-seq" | "col-uses" | "col-not-delivered" => Kind::Number,
            "col-grant" | "col-request" => Kind::Id,
            "col-accounts" | "col-roles" => Kind::Names,
            "col-purpose" | "col-reason" | "col-detail" | "col-action" | "col-section"
            | "col-cause" | "col-took" => Kind::Text,
            _ => Kind::Name,
        }
    }
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
        vaultd::review::decimal::push_decimal(&mut self.text, n);
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

/// What the row closures need, owned for the document's lifetime.
pub(super) struct DocView<'a> {
    pub(super) lang: Lang,
    pub(super) hours: &'a BusinessHours,
    /// Each grant's purpose, by its id's number among the review's names.
    purposes: Vec<Option<&'a str>>,
    /// Text buffers, reused by every table.
    pub(super) buffers: vaultd::review::ordered::Buffers,
}

impl<'a> DocView<'a> {
    pub(super) fn new(lang: Lang, hours: &'a BusinessHours, review: &'a Review) -> Self {
        let mut purposes = vec![None; review.names.len()];
        for grant in &review.grants {
            if let Some(slot) = purposes.get_mut(grant.name_id() as usize) {
                *slot = grant.purpose.as_deref();
            }
        }
        Self {
            lang,
            hours,
            purposes,
            buffers: Default::default(),
        }
    }

    /// An entry's time as local time (as written when it is in another form), or nothing.
    pub(super) fn push_time(&self, cells: &mut Cells, time: Option<&str>) {
        match time.map(|t| (t, unix(t))) {
            Some((_, Some(unix))) => cells.push_local_time(self.hours, unix),
            Some((text, None)) => cells.push(text),
            None => cells.push(""),
        }
    }
    pub(super) fn unknown_or<'v>(&self, value: Option<&'v str>) -> &'v str {
        value.unwrap_or(r::UNKNOWN.text(self.lang))
    }
    pub(super) fn reason(&self, code: Option<&str>) -> String {
        code.map(|c| vaultd::i18n::reason_label(self.lang, c))
            .unwrap_or_default()
    }
    pub(super) fn purpose_of(&self, grant: Option<NameId>) -> &'a str {
        grant
            .and_then(|g| self.purposes.get(g as usize).copied().flatten())
            .unwrap_or_default()
    }

    pub(super) fn text(&self, m: Msg) -> String {
        m.text(self.lang).to_owned()
    }

    pub(super) fn columns(&self, msgs: &[Msg]) -> Vec<Column> {
        msgs.iter()
            .map(|m| Column {
                title: if *m == col::TIME {
                    format!("{} ({})", m.text(self.lang), self.hours.zone_name())
                } else {
                    m.text(self.lang).to_owned()
                },
                kind: Kind::of(*m),
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
