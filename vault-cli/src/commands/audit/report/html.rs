//! The report as one self-contained HTML file: no script, no external font, style or image
//! (a Content-Security-Policy says so, and the page opens offline), printable, with a timeline
//! per account drawn as inline SVG: grants as bars, releases as marks, denials in red, over
//! the period's activity (an account without any is one line).
//!
//! Each cell says what it holds (`tables::Kind`), and the style sheet keeps what reads wrong
//! when cut whole: times, numbers, ids, names; free text wraps between words, an overlong
//! word after its separators. A table that is its whole section is named once, by the heading.
//!
//! Everything from the log is escaped: targets, purposes and reasons were typed by others.
//! Marks are binned to the timeline's pixel columns and tables capped, so a log of a million
//! releases still gives a page a browser opens; CSV and JSON hold every row.

use super::document::{grant_window, Document};
use super::tables::{Kind, Section, Table};
use crate::messages::report as r;
use std::collections::BTreeMap;
use std::io::Write;
use vaultd::review::hours::ZoneCursor;
use vaultd::review::ordered::write_in_order;
use vaultd::review::{AccountReview, GrantReview};

/// Rows shown per table; the rest are counted, and are in the CSV and JSON forms.
const MAX_ROWS: usize = 2_000;
/// Tables of this many rows or fewer are printed whole on one page.
const SHORT_TABLE: usize = 25;
/// The timeline's drawing width, in SVG units (one mark per unit at most).
const WIDTH: f64 = 960.0;

const STYLE: &str = r#"
:root { --release: #1f5fbf; --grant: #2e8b57; --denial: #c62828; --ink: #1b1f24; --muted: #57606a; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: var(--ink); margin: 2rem auto; max-width: 80rem; padding: 0 1rem; line-height: 1.4; }
h1 { font-size: 1.6rem; margin-bottom: .5rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid #d0d7de; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; margin-bottom: .8rem; }
caption { text-align: left; font-weight: bold; padding: .3rem 0; }
th, td { border: 1px solid #d0d7de; padding: .2rem .4rem; text-align: left; vertical-align: top; }
/* Headings wrap between words only; a column is as wide as its longest word at least. */
th { background: #f3f5f7; hyphens: manual; }
tr.off td { background: #fff4e5; }
table.summary { width: auto; min-width: 50%; }
/* What reads wrong when cut is never cut: times, numbers, ids, names (not even at their
   hyphens; a name longer than any real one is in pieces that may break between them). */
.num, .id, td.time, td.name > span, td.names > span { white-space: nowrap; }
.num { text-align: right; }
td.num, td.time { font-variant-numeric: tabular-nums; }
td.id { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: .92em; }
p.none, p.more { color: var(--muted); font-style: italic; }
p.idle { margin: .5rem 0; color: var(--muted); }
p.idle .name { font-weight: bold; color: var(--ink); }
figure.account { margin: .6rem 0 1rem; break-inside: avoid; }
figure.account figcaption { font-weight: bold; margin-bottom: .2rem; }
svg.timeline { width: 100%; height: auto; border: 1px solid #d0d7de; background: #fbfcfd; }
svg .release { fill: var(--release); }
svg .grant { fill: var(--grant); fill-opacity: .55; }
svg .denial { fill: var(--denial); }
svg .axis, svg line.tick { stroke: #8c959f; stroke-width: 1; }
svg text { font-size: 11px; fill: var(--muted); }
.legend span { display: inline-block; margin-right: 1.2rem; }
.legend i { display: inline-block; width: .9rem; height: .9rem; margin-right: .3rem; vertical-align: middle; }
.legend .release { background: var(--release); }
.legend .grant { background: var(--grant); opacity: .55; }
.legend .denial { background: var(--denial); }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  nav { display: none; }
  h2 { break-after: avoid; }
  table { font-size: 8pt; }
  tr { break-inside: avoid; }
  table.short, figure.account { break-inside: avoid; }
  caption { break-after: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

pub fn write(doc: &Document, w: &mut dyn Write) -> std::io::Result<()> {
    let lang = match doc.lang {
        vaultd::i18n::Lang::Fr => "fr",
        vaultd::i18n::Lang::En => "en",
    };
    write!(
        w,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} — {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(&doc.title),
        esc(doc.header.first().map(|(_, v)| v.as_str()).unwrap_or_default()),
    )?;
    writeln!(
        w,
        "<header>\n<h1>{}</h1>\n<dl class=\"facts\">",
        esc(&doc.title)
    )?;
    for (label, value) in &doc.header {
        writeln!(w, "<dt>{}</dt><dd>{}</dd>", esc(label), esc(value))?;
    }
    writeln!(w, "</dl>\n</header>")?;

    writeln!(w, "<nav><ul>")?;
    writeln!(
        w,
        "<li><a href=\"#summary\">{}</a></li>",
        esc(r::SUMMARY.text(doc.lang))
    )?;
    writeln!(
        w,
        "<li><a href=\"#timeline\">{}</a></li>",
        esc(r::TIMELINE.text(doc.lang))
    )?;
    for section in &doc.sections {
        writeln!(
            w,
            "<li><a href=\"#{}\">{}</a></li>",
            section.id,
            esc(&section.title)
        )?;
    }
    writeln!(w, "</ul></nav>")?;

    writeln!(
        w,
        "<section id=\"summary\">\n<h2>{}</h2>\n<table class=\"summary\"><tbody>",
        esc(r::SUMMARY.text(doc.lang))
    )?;
    for (label, count) in &doc.summary {
        writeln!(
            w,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{count}</td></tr>",
            esc(label)
        )?;
    }
    writeln!(w, "</tbody></table>\n</section>")?;

    write_timelines(doc, w)?;

    for section in &doc.sections {
        writeln!(
            w,
            "<section id=\"{0}\">\n<h2 id=\"h-{0}\">{1}</h2>",
            section.id,
            esc(&section.title)
        )?;
        if section.tables.iter().all(|t| t.len == 0) {
            writeln!(w, "<p class=\"none\">{}</p>", esc(r::NONE.text(doc.lang)))?;
        }
        for table in section.tables.iter().filter(|t| t.len > 0) {
            // A table that is the whole section is named by the section's heading, not twice.
            let caption = (table.title != section.title).then_some(table.title.as_str());
            write_table(doc, table, caption, section, w)?;
        }
        writeln!(w, "</section>")?;
    }
    writeln!(w, "</body>\n</html>")
}

fn write_table(
    doc: &Document,
    table: &Table,
    caption: Option<&str>,
    section: &Section,
    w: &mut dyn Write,
) -> std::io::Result<()> {
    // A short table is printed on one page, its caption with it.
    let short = if table.len <= SHORT_TABLE {
        " class=\"short\""
    } else {
        ""
    };
    match caption {
        Some(caption) => writeln!(w, "<table{short}>\n<caption>{}</caption>", esc(caption))?,
        None => writeln!(w, "<table{short} aria-labelledby=\"h-{}\">", section.id)?,
    }
    write!(w, "<thead><tr>")?;
    for column in &table.columns {
        write!(
            w,
            "<th scope=\"col\" class=\"{}\">{}</th>",
            class(column.kind),
            esc(&column.title)
        )?;
    }
    writeln!(w, "</tr></thead>\n<tbody>")?;
    // Releases outside business hours are shaded in the per-account tables.
    let account = (section.id == "releases")
        .then(|| {
            doc.review
                .accounts
                .iter()
                .find(|a| *a.account == *table.title)
        })
        .flatten();
    for i in 0..table.len.min(MAX_ROWS) {
        let off = account.is_some_and(|a| a.releases[i].off_hours);
        write!(w, "{}", if off { "<tr class=\"off\">" } else { "<tr>" })?;
        for (cell, column) in table.row(i).iter().zip(&table.columns) {
            write_cell(cell, column.kind, w)?;
        }
        writeln!(w, "</tr>")?;
    }
    writeln!(w, "</tbody>\n</table>")?;
    if table.len > MAX_ROWS {
        writeln!(
            w,
            "<p class=\"more\">{}</p>",
            esc(&r::MORE_ROWS.fill(doc.lang, &[("count", &(table.len - MAX_ROWS))]))
        )?;
    }
    Ok(())
}

/// The class that says how a column's cells may break (the style sheet's rules).
fn class(kind: Kind) -> &'static str {
    match kind {
        Kind::Time => "time",
        Kind::Number => "num",
        Kind::Id => "id",
        Kind::Name => "name",
        Kind::Names => "names",
        Kind::Text => "text",
    }
}

fn write_cell(cell: &str, kind: Kind, w: &mut dyn Write) -> std::io::Result<()> {
    let mut out = String::with_capacity(cell.len() + 32);
    match kind {
        Kind::Name => push_name(cell, &mut out),
        // Each name whole, a line break possible after each comma.
        Kind::Names => {
            for (i, name) in cell.split(',').enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                push_name(name, &mut out);
            }
        }
        Kind::Text => {
            for (i, word) in cell.split(' ').enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                for (j, piece) in pieces(word).enumerate() {
                    if j > 0 {
                        out.push_str("<wbr>");
                    }
                    out.push_str(&esc(piece));
                }
            }
        }
        Kind::Time | Kind::Number | Kind::Id => out.push_str(&esc(cell)),
    }
    write!(w, "<td class=\"{}\">{out}</td>", class(kind))
}

/// A word longer than this may break: no real name or word is as long, and a 64-character
/// name or a pasted link must not push a table off the page.
const LONG_WORD: usize = 24;
/// Where a long word breaks: after separators (`/`, `.`, `-`...) once a piece holds
/// `MIN_PIECE` characters, or at `PIECE` characters when none comes.
const MIN_PIECE: usize = 6;
const PIECE: usize = 16;

/// `word` whole, or in pieces when it is longer than `LONG_WORD`.
fn pieces(word: &str) -> impl Iterator<Item = &str> {
    let long = word.chars().count() > LONG_WORD;
    let mut rest = word;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut end = rest.len();
        if long {
            let separator =
                |c: char| matches!(c, '/' | '.' | '-' | '_' | '?' | '&' | '=' | ':' | ',');
            let mut chars = rest.char_indices().enumerate().peekable();
            while let Some((n, (i, c))) = chars.next() {
                // After a run of separators (`https://`), not inside it.
                let next_separates = chars.peek().is_some_and(|(_, (_, d))| separator(*d));
                if (separator(c) && !next_separates && n + 1 >= MIN_PIECE) || n + 1 == PIECE {
                    end = i + c.len_utf8();
                    break;
                }
            }
        }
        let (piece, after) = rest.split_at(end);
        rest = after;
        Some(piece)
    })
}

/// A name in spans that do not break (not even at its hyphens), a break allowed between
/// the pieces of an overlong one.
fn push_name(name: &str, out: &mut String) {
    for (i, piece) in pieces(name).enumerate() {
        if i > 0 {
            out.push_str("<wbr>");
        }
        out.push_str("<span>");
        out.push_str(&esc(piece));
        out.push_str("</span>");
    }
}

fn write_timelines(doc: &Document, w: &mut dyn Write) -> std::io::Result<()> {
    let lang = doc.lang;
    writeln!(
        w,
        "<section id=\"timeline\">\n<h2>{}</h2>",
        esc(r::TIMELINE.text(lang))
    )?;
    writeln!(
        w,
        "<p class=\"legend\"><span><i class=\"grant\"></i>{}</span><span><i class=\"release\"></i>{}</span><span><i class=\"denial\"></i>{}</span></p>",
        esc(r::LEGEND_GRANT.text(lang)),
        esc(r::LEGEND_RELEASE.text(lang)),
        esc(r::LEGEND_DENIAL.text(lang)),
    )?;
    let (start, end) = doc.span;
    let span = Span {
        start,
        end: end.max(start + 1),
    };
    // One timeline per account, drawn on every core and written in order.
    let accounts = &doc.review.accounts;
    let draw = |i: usize, out: &mut String| {
        // Writing to a String cannot fail.
        let _ = write_timeline(doc, &accounts[i], &span, out);
    };
    write_in_order(accounts.len(), &draw, &doc.view.buffers, w)?;
    writeln!(w, "</section>")
}

/// The timelines' time axis, Unix milliseconds.
struct Span {
    start: i64,
    end: i64,
}

/// Room left at each end of the drawing, so that the first and last marks stand clear of
/// its border (a grant that runs past the span is drawn into it, to the edge).
const PAD: f64 = 10.0;

impl Span {
    /// Where Unix millisecond `t` falls on the drawing: the span's ends at `PAD` from the
    /// edges, anything outside it clamped to the edges.
    fn x(&self, t: i64) -> f64 {
        let f = (t - self.start) as f64 / (self.end - self.start) as f64;
        (PAD + f * (WIDTH - 2.0 * PAD))
            .clamp(0.0, WIDTH - 2.0)
            .round()
    }

    fn overlaps(&self, from: i64, until: i64) -> bool {
        until >= self.start && from <= self.end
    }
}

fn write_timeline(
    doc: &Document,
    account: &AccountReview,
    span: &Span,
    w: &mut String,
) -> std::fmt::Result {
    use std::fmt::Write;
    let lang = doc.lang;
    let review = doc.review;
    let mut zone = ZoneCursor::default();
    let mut local = |millis: i64| {
        doc.hours
            .local_time_with(&mut zone, millis.div_euclid(1000))
    };
    // Grants drawn: those whose window meets the span.
    let grants: Vec<(&GrantReview, i64, i64)> = account
        .grants
        .iter()
        .filter_map(|&index| {
            let g = &review.grants[index];
            let (from, until) = grant_window(g);
            let (from, until) = (from?, until.unwrap_or(span.end));
            span.overlaps(from, until).then_some((g, from, until))
        })
        .collect();
    if grants.is_empty() && account.releases.is_empty() && account.denials.is_empty() {
        // Nothing to draw: one line says so, not an empty drawing.
        return writeln!(
            w,
            "<p class=\"idle\" data-account=\"{0}\"><span class=\"name\">{0}</span> — {1}</p>",
            esc(&account.account),
            esc(r::NO_ACCOUNT_ACTIVITY.text(lang))
        );
    }
    writeln!(
        w,
        "<figure class=\"account\" data-account=\"{0}\">\n<figcaption>{0}</figcaption>",
        esc(&account.account)
    )?;
    writeln!(
        w,
        "<svg class=\"timeline\" viewBox=\"0 0 {WIDTH} 78\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">",
        esc(&account.account)
    )?;
    // Grants: bars over their window (cut at a revocation), in four lanes.
    for (lane, (g, from, until)) in grants.iter().enumerate() {
        let (x0, x1) = (span.x(*from), span.x(*until));
        writeln!(
            w,
            "<rect class=\"grant\" x=\"{x0}\" y=\"{}\" width=\"{}\" height=\"4\"><title>{} {} → {} ({} – {})</title></rect>",
            4 + (lane % 4) * 5,
            (x1 - x0).max(2.0),
            esc(r::LEGEND_GRANT.text(lang)),
            esc(super::tables::short(Some(&g.id))),
            esc(g.grantee.as_deref().unwrap_or("?")),
            esc(&local(*from)),
            esc(&local(*until)),
        )?;
    }
    // Releases and denials: one mark per pixel column, its title saying how many.
    let marks = |times: &mut dyn Iterator<Item = i64>| {
        let mut columns: BTreeMap<i64, (u64, i64)> = BTreeMap::new();
        for t in times {
            let slot = columns.entry(span.x(t) as i64).or_insert((0, t));
            slot.0 += 1;
        }
        columns
    };
    let releases = marks(&mut account.releases.iter().map(|e| e.millis));
    for (x, (count, t)) in releases {
        writeln!(
            w,
            "<rect class=\"release\" x=\"{x}\" y=\"26\" width=\"2\" height=\"18\"><title>{}</title></rect>",
            esc(&r::MARK_RELEASES.fill(lang, &[("count", &count), ("time", &local(t))]))
        )?;
    }
    let denials = marks(&mut account.denials.iter().map(|&i| review.denials[i].millis));
    for (x, (count, t)) in denials {
        writeln!(
            w,
            "<rect class=\"denial\" x=\"{x}\" y=\"48\" width=\"2\" height=\"10\"><title>{}</title></rect>",
            esc(&r::MARK_DENIALS.fill(lang, &[("count", &count), ("time", &local(t))]))
        )?;
    }
    // The axis, its ends labelled where the span's ends are drawn, three ticks between
    // (their date said only when it is not the start's).
    let first = local(span.start);
    writeln!(
        w,
        "<line class=\"axis\" x1=\"0\" y1=\"62\" x2=\"{WIDTH}\" y2=\"62\"/>\n\
         <text class=\"start\" x=\"{PAD}\" y=\"75\">{}</text><text class=\"end\" x=\"{}\" y=\"75\" text-anchor=\"end\">{}</text>",
        esc(&first),
        WIDTH - PAD,
        esc(&local(span.end)),
    )?;
    let day = first.split(' ').next().unwrap_or_default();
    // Ticks on whole seconds, unless a few seconds is all there is: milliseconds then.
    let short = span.end - span.start < 4_000;
    for quarter in 1..4 {
        let t = span.start + (span.end - span.start) * quarter / 4;
        let t = if short {
            t
        } else {
            (t + 500).div_euclid(1000) * 1000
        };
        let x = span.x(t);
        let mut label = local(t);
        if short {
            label.push_str(&format!(".{:03}", t.rem_euclid(1000)));
        }
        let label = match label.split_once(' ') {
            Some((date, time)) if date == day => time.to_owned(),
            _ => label,
        };
        writeln!(
            w,
            "<line class=\"tick\" x1=\"{x}\" y1=\"62\" x2=\"{x}\" y2=\"65\"/><text class=\"tick\" x=\"{x}\" y=\"75\" text-anchor=\"middle\">{}</text>",
            esc(&label)
        )?;
    }
    writeln!(w, "</svg>\n</figure>")
}

/// Text made safe for HTML content and attribute values.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => out.push_str(&format!("&#x{:x};", c as u32)),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{write_cell, Kind};

    fn cell(text: &str, kind: Kind) -> String {
        let mut out = Vec::new();
        write_cell(text, kind, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn names_stay_whole_and_only_overlong_words_break_in_pieces() {
        // A name is one span the style sheet keeps whole, hyphens included.
        assert_eq!(
            cell("facebook-cest", Kind::Name),
            "<td class=\"name\"><span>facebook-cest</span></td>"
        );
        // A list breaks after its commas only.
        assert_eq!(
            cell("facebook-cest,x-cest", Kind::Names),
            "<td class=\"names\"><span>facebook-cest</span>, <span>x-cest</span></td>"
        );
        // Words of free text as typed, escaped; a link breaks after its separators.
        assert_eq!(
            cell("Campagne <d'automne>", Kind::Text),
            "<td class=\"text\">Campagne &lt;d&#39;automne&gt;</td>"
        );
        assert_eq!(
            cell("voir https://www.facebook.com/commission", Kind::Text),
            "<td class=\"text\">voir https://<wbr>www.facebook.<wbr>com/commission</td>"
        );
        // A 40-character name without separators, in pieces of 16 that may break between.
        assert_eq!(
            cell(&"a".repeat(40), Kind::Name),
            format!(
                "<td class=\"name\"><span>{0}</span><wbr><span>{0}</span><wbr><span>{1}</span></td>",
                "a".repeat(16),
                "a".repeat(8)
            )
        );
        // Numbers, ids and times as they are.
        assert_eq!(cell("42", Kind::Number), "<td class=\"num\">42</td>");
        assert_eq!(
            cell("2026-12-06 05:35:04", Kind::Time),
            "<td class=\"time\">2026-12-06 05:35:04</td>"
        );
    }

    #[test]
    fn log_text_cannot_open_markup() {
        assert_eq!(
            super::esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }
}
