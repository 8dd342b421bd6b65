//! The review as JSON, for `audit report --format json`: releases and denials hold names by
//! number, and are written here with the names in place (and their times as the entries
//! wrote them), streamed, never held as a JSON tree. `Serialize` is the reference;
//! `write_json` writes the same bytes, faster, for the report.

use super::blocks::Blocks;
use super::decimal::push_decimal as push_number;
use super::model::{AccountReview, Denial, Release, Review};
use super::names::NameId;
use serde::ser::{Serialize, SerializeSeq, SerializeStruct, Serializer};

impl Serialize for Review {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut r = s.serialize_struct("Review", 17)?;
        r.serialize_field("entries_total", &self.entries_total)?;
        r.serialize_field("entries_in_period", &self.entries_in_period)?;
        r.serialize_field("first_time", &self.first_time)?;
        r.serialize_field("last_time", &self.last_time)?;
        r.serialize_field("as_of", &self.as_of)?;
        r.serialize_field("business_hours", &self.business_hours)?;
        r.serialize_field("requests", &self.requests)?;
        let accounts: Vec<Named<'_, AccountReview>> =
            self.accounts.iter().map(|a| Named(a, self)).collect();
        r.serialize_field("accounts", &accounts)?;
        r.serialize_field("grants", &self.grants)?;
        r.serialize_field("denied_requests", &self.denied_requests)?;
        r.serialize_field("request_loops", &self.request_loops)?;
        r.serialize_field("denials", &Named(&self.denials, self))?;
        r.serialize_field("admin_events", &self.admin_events)?;
        r.serialize_field("rotations", &self.rotations)?;
        r.serialize_field("stagings_unconfirmed", &self.stagings_unconfirmed)?;
        r.serialize_field("delegations", &self.delegations)?;
        r.serialize_field("off_hours_releases", &self.off_hours_releases)?;
        r.end()
    }
}

/// A part of the review, with the review that names its numbers.
struct Named<'a, T>(&'a T, &'a Review);

impl Serialize for Named<'_, AccountReview> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Named(a, review) = *self;
        let mut r = s.serialize_struct("AccountReview", 9)?;
        r.serialize_field("account", &a.account)?;
        r.serialize_field("added", &a.added)?;
        r.serialize_field("archived", &a.archived)?;
        r.serialize_field("releases", &Named(&a.releases, review))?;
        r.serialize_field("denials", &a.denials)?;
        r.serialize_field("grants", &a.grants)?;
        r.serialize_field("password_version", &a.password_version)?;
        r.serialize_field("rotation_since", &a.rotation_since)?;
        r.serialize_field("due_since", &a.due_since)?;
        r.end()
    }
}

impl<T> Serialize for Named<'_, Blocks<T>>
where
    for<'a> Named<'a, T>: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for item in self.0.iter() {
            seq.serialize_element(&Named(item, self.1))?;
        }
        seq.end()
    }
}

impl Serialize for Named<'_, Release> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Named(e, review) = *self;
        let mut r = s.serialize_struct("Release", 6)?;
        r.serialize_field("seq", &e.seq)?;
        r.serialize_field("time", &entry_time_of_millis(e.millis))?;
        r.serialize_field("principal", review.name(e.principal))?;
        r.serialize_field("field", review.name(e.field))?;
        r.serialize_field("grant", &e.grant().map(|g| review.name(g)))?;
        r.serialize_field("off_hours", &e.off_hours)?;
        r.end()
    }
}

impl Serialize for Named<'_, Denial> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Named(d, review) = *self;
        let mut r = s.serialize_struct("Denial", 6)?;
        r.serialize_field("seq", &d.seq)?;
        r.serialize_field("time", &entry_time_of_millis(d.millis))?;
        r.serialize_field("principal", review.name(d.principal))?;
        r.serialize_field("action", review.name(d.action))?;
        r.serialize_field("target", review.name(d.target))?;
        r.serialize_field("reason", &d.reason().map(|c| review.name(c)))?;
        r.end()
    }
}

impl Review {
    /// Writes the review as JSON: the same bytes as its `Serialize`, but releases and denials
    /// (a million rows) are written by hand, names quoted once and times formatted directly,
    /// in blocks rendered on every core.
    pub fn write_json(&self, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        let quoted: Vec<String> = self
            .names
            .iter()
            .map(|n| serde_json::to_string(n).unwrap_or_default())
            .collect();
        let name = |id: NameId| quoted.get(id as usize).map_or("\"\"", String::as_str);
        let mut doc = Pieces::default();
        doc.text.push('{');
        for (key, value) in [
            ("entries_total", json(&self.entries_total)),
            ("entries_in_period", json(&self.entries_in_period)),
            ("first_time", json(&self.first_time)),
            ("last_time", json(&self.last_time)),
            ("as_of", json(&self.as_of)),
            ("business_hours", json(&self.business_hours)),
            ("requests", json(&self.requests)),
        ] {
            doc.field(key, &value);
        }
        push_key(&mut doc.text, "accounts");
        doc.text.push('[');
        for (i, a) in self.accounts.iter().enumerate() {
            if i > 0 {
                doc.text.push(',');
            }
            doc.text.push('{');
            doc.field("account", &json(&a.account));
            doc.field("added", &json(&a.added));
            doc.field("archived", &json(&a.archived));
            push_key(&mut doc.text, "releases");
            doc.text.push('[');
            doc.rows(Rows::Releases(a), a.releases.len());
            doc.text.push_str("],");
            doc.field("denials", &json(&a.denials));
            doc.field("grants", &json(&a.grants));
            doc.field("password_version", &json(&a.password_version));
            doc.field("rotation_since", &json(&a.rotation_since));
            doc.field("due_since", &json(&a.due_since));
            doc.text.pop();
            doc.text.push('}');
        }
        doc.text.push_str("],");
        for (key, rows, len) in [
            ("grants", Rows::Grants, self.grants.len()),
            (
                "denied_requests",
                Rows::DeniedRequests,
                self.denied_requests.len(),
            ),
            (
                "request_loops",
                Rows::RequestLoops,
                self.request_loops.len(),
            ),
        ] {
            push_key(&mut doc.text, key);
            doc.text.push('[');
            doc.rows(rows, len);
            doc.text.push_str("],");
        }
        push_key(&mut doc.text, "denials");
        doc.text.push('[');
        doc.rows(Rows::Denials, self.denials.len());
        doc.text.push_str("],");
        push_key(&mut doc.text, "admin_events");
        doc.text.push('[');
        doc.rows(Rows::AdminEvents, self.admin_events.len());
        doc.text.push_str("],");
        doc.field("rotations", &json(&self.rotations));
        doc.field("stagings_unconfirmed", &json(&self.stagings_unconfirmed));
        doc.field("delegations", &json(&self.delegations));
        push_key(&mut doc.text, "off_hours_releases");
        push_number(&mut doc.text, self.off_hours_releases);
        doc.text.push('}');
        doc.close();
        // The other lists, item by item through serde.
        let items = |from: usize, to: usize, out: &mut String, item: &dyn Fn(usize) -> String| {
            for j in from..to {
                if j > 0 {
                    out.push(',');
                }
                out.push_str(&item(j));
            }
        };
        let render = |i: usize, out: &mut String| match &doc.pieces[i] {
            Piece::Text(text) => out.push_str(text),
            Piece::Rows(Rows::Grants, from, to) => {
                items(*from, *to, out, &|j| json(&self.grants[j]))
            }
            Piece::Rows(Rows::DeniedRequests, from, to) => {
                items(*from, *to, out, &|j| json(&self.denied_requests[j]))
            }
            Piece::Rows(Rows::RequestLoops, from, to) => {
                items(*from, *to, out, &|j| json(&self.request_loops[j]))
            }
            Piece::Rows(Rows::AdminEvents, from, to) => {
                items(*from, *to, out, &|j| json(&self.admin_events[j]))
            }
            Piece::Rows(Rows::Releases(a), from, to) => {
                for j in *from..*to {
                    let e = &a.releases[j];
                    if j > 0 {
                        out.push(',');
                    }
                    out.push_str("{\"seq\":");
                    push_number(out, e.seq);
                    out.push_str(",\"time\":\"");
                    push_entry_time(out, e.millis);
                    out.push_str("\",\"principal\":");
                    out.push_str(name(e.principal));
                    out.push_str(",\"field\":");
                    out.push_str(name(e.field));
                    out.push_str(",\"grant\":");
                    out.push_str(e.grant().map_or("null", name));
                    out.push_str(",\"off_hours\":");
                    out.push_str(if e.off_hours { "true" } else { "false" });
                    out.push('}');
                }
            }
            Piece::Rows(Rows::Denials, from, to) => {
                for j in *from..*to {
                    let d = &self.denials[j];
                    if j > 0 {
                        out.push(',');
                    }
                    out.push_str("{\"seq\":");
                    push_number(out, d.seq);
                    out.push_str(",\"time\":\"");
                    push_entry_time(out, d.millis);
                    out.push_str("\",\"principal\":");
                    out.push_str(name(d.principal));
                    out.push_str(",\"action\":");
                    out.push_str(name(d.action));
                    out.push_str(",\"target\":");
                    out.push_str(name(d.target));
                    out.push_str(",\"reason\":");
                    out.push_str(d.reason().map_or("null", name));
                    out.push('}');
                }
            }
        };
        let buffers = super::ordered::Buffers::default();
        super::ordered::write_in_order(doc.pieces.len(), &render, &buffers, w)
    }
}

/// Rows written in blocks of this many, each block on any core.
const ROWS_PER_PIECE: usize = 4096;

/// The long lists of the review.
#[derive(Clone, Copy)]
enum Rows<'a> {
    Releases(&'a AccountReview),
    Denials,
    Grants,
    DeniedRequests,
    RequestLoops,
    AdminEvents,
}

/// A part of the JSON text: written as is, or rows `from..to` of a list.
enum Piece<'a> {
    Text(String),
    Rows(Rows<'a>, usize, usize),
}

/// The JSON document as pieces, made in order.
#[derive(Default)]
struct Pieces<'a> {
    pieces: Vec<Piece<'a>>,
    /// Text not yet made a piece.
    text: String,
}

impl<'a> Pieces<'a> {
    /// `"key":value,`
    fn field(&mut self, key: &str, value: &str) {
        push_key(&mut self.text, key);
        self.text.push_str(value);
        self.text.push(',');
    }

    /// The rows of a list, in blocks.
    fn rows(&mut self, rows: Rows<'a>, len: usize) {
        self.close();
        for from in (0..len).step_by(ROWS_PER_PIECE) {
            let to = (from + ROWS_PER_PIECE).min(len);
            self.pieces.push(Piece::Rows(rows, from, to));
        }
    }

    fn close(&mut self) {
        if !self.text.is_empty() {
            self.pieces
                .push(Piece::Text(std::mem::take(&mut self.text)));
        }
    }
}

/// A small value as JSON text, through serde (these values always serialize).
fn json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn push_key(out: &mut String, key: &str) {
    out.push('"');
    out.push_str(key);
    out.push_str("\":");
}

/// An entry's time, from Unix milliseconds, as the entry wrote it.
fn entry_time_of_millis(millis: i64) -> String {
    let nanos = i128::from(millis) * 1_000_000;
    match time::OffsetDateTime::from_unix_timestamp_nanos(nanos) {
        Ok(t) => crate::tlog::entry::entry_time(t),
        Err(_) => millis.to_string(),
    }
}

/// An entry's time from Unix milliseconds, `2026-11-28T12:00:00.123Z`, as the entry wrote it.
fn push_entry_time(out: &mut String, millis: i64) {
    let (seconds, ms) = (millis.div_euclid(1000), millis.rem_euclid(1000));
    let (days, second) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (y, m, d) = crate::times::civil_from_days(days);
    if !(0..=9999).contains(&y) {
        out.push_str(&entry_time_of_millis(millis));
        return;
    }
    let mut text = *b"0000-00-00T00:00:00.000Z";
    let mut put = |at: usize, value: i64, width: usize| {
        let mut v = value;
        for i in (0..width).rev() {
            text[at + i] = b'0' + (v % 10) as u8;
            v /= 10;
        }
    };
    put(0, y, 4);
    put(5, m, 2);
    put(8, d, 2);
    put(11, second / 3600, 2);
    put(14, second / 60 % 60, 2);
    put(17, second % 60, 2);
    put(20, ms, 3);
    out.push_str(std::str::from_utf8(&text).unwrap_or_default());
}
