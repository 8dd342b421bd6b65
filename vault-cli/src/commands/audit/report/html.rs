//! The report as one self-contained HTML file: no script, no external font, style or image
//! (a Content-Security-Policy says so, and the page opens offline), printable, with a timeline
//! per account drawn as inline SVG: grants as bars, releases as marks, denials in red.
//!
//! Everything from the log is escaped: targets, purposes and reasons were typed by others.
//! Marks are binned to the timeline's pixel columns and tables capped, so a log of a million
//! releases still gives a page a browser opens; CSV and JSON hold every row.

use super::document::Document;
use super::tables::Table;
use crate::messages::report as r;
use std::collections::BTreeMap;
use std::io::Write;
use vaultd::review::hours::ZoneCursor;
use vaultd::review::ordered::write_in_order;
use vaultd::review::AccountReview;
use vaultd::times::unix;

/// Rows shown per table; the rest are counted, and are in the CSV and JSON forms.
const MAX_ROWS: usize = 2_000;
/// The timeline's drawing width, in SVG units (one mark per unit at most).
const WIDTH: f64 = 960.0;

const STYLE: &str = r#"
:root { --release: #1f5fbf; --grant: #2e8b57; --denial: #c62828; --ink: #1b1f24; --muted: #57606a; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: var(--ink); margin: 2rem auto; max-width: 70rem; padding: 0 1rem; line-height: 1.4; }
h1 { font-size: 1.6rem; margin-bottom: .5rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid #d0d7de; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; margin-bottom: .8rem; }
caption { text-align: left; font-weight: bold; padding: .3rem 0; }
th, td { border: 1px solid #d0d7de; padding: .2rem .4rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #f3f5f7; }
tr.off td { background: #fff4e5; }
table.summary { width: auto; min-width: 50%; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
p.none, p.more { color: var(--muted); font-style: italic; }
figure.account { margin: .6rem 0 1rem; break-inside: avoid; }
figure.account figcaption { font-weight: bold; margin-bottom: .2rem; }
svg.timeline { width: 100%; height: auto; border: 1px solid #d0d7de; background: #fbfcfd; }
svg .release { fill: var(--release); }
svg .grant { fill: var(--grant); fill-opacity: .55; }
svg .denial { fill: var(--denial); }
svg .axis { stroke: #8c959f; stroke-width: 1; }
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
            "<section id=\"{}\">\n<h2>{}</h2>",
            section.id,
            esc(&section.title)
        )?;
        if section.tables.iter().all(|t| t.len == 0) {
            writeln!(w, "<p class=\"none\">{}</p>", esc(r::NONE.text(doc.lang)))?;
        }
        for table in section.tables.iter().filter(|t| t.len > 0) {
            write_table(doc, table, section.id == "releases", w)?;
        }
        writeln!(w, "</section>")?;
    }
    writeln!(w, "</body>\n</html>")
}

fn write_table(
    doc: &Document,
    table: &Table,
    mark_off_hours: bool,
    w: &mut dyn Write,
) -> std::io::Result<()> {
    writeln!(
        w,
        "<table>\n<caption>{}</caption>\n<thead><tr>",
        esc(&table.title)
    )?;
    for column in &table.columns {
        write!(w, "<th scope=\"col\">{}</th>", esc(column))?;
    }
    writeln!(w, "</tr></thead>\n<tbody>")?;
    // Releases outside business hours are shaded in the per-account tables.
    let account = mark_off_hours
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
        for cell in table.row(i) {
            write!(w, "<td>{}</td>", esc(&cell))?;
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

struct Span {
    start: i64,
    end: i64,
}

impl Span {
    /// Where Unix second `t` falls on the drawing, clamped to it.
    fn x(&self, t: i64) -> f64 {
        let f = (t - self.start) as f64 / (self.end - self.start) as f64;
        (f.clamp(0.0, 1.0) * (WIDTH - 2.0)).round()
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
    let mut local = |t: i64| doc.hours.local_time_with(&mut zone, t);
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
    for (lane, &index) in account.grants.iter().enumerate() {
        let g = &review.grants[index];
        let from = g.from.as_deref().and_then(unix).or_else(|| unix(&g.issued));
        let mut until = g.until.as_deref().and_then(unix).unwrap_or(span.end);
        if let Some(revoked) = g.revoked.as_ref().and_then(|r| unix(&r.time)) {
            until = until.min(revoked);
        }
        let Some(from) = from else { continue };
        if until < span.start || from > span.end {
            continue;
        }
        let (x0, x1) = (span.x(from), span.x(until));
        writeln!(
            w,
            "<rect class=\"grant\" x=\"{x0}\" y=\"{}\" width=\"{}\" height=\"4\"><title>{} {} → {} ({} – {})</title></rect>",
            4 + (lane % 4) * 5,
            (x1 - x0).max(2.0),
            esc(r::LEGEND_GRANT.text(lang)),
            esc(super::tables::short(Some(&g.id))),
            esc(g.grantee.as_deref().unwrap_or("?")),
            esc(&local(from)),
            esc(&local(until)),
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
    let releases = marks(&mut account.releases.iter().map(|e| e.unix()));
    for (x, (count, t)) in releases {
        writeln!(
            w,
            "<rect class=\"release\" x=\"{x}\" y=\"26\" width=\"2\" height=\"18\"><title>{}</title></rect>",
            esc(&r::MARK_RELEASES.fill(lang, &[("count", &count), ("time", &local(t))]))
        )?;
    }
    let denials = marks(&mut account.denials.iter().map(|&i| review.denials[i].unix()));
    for (x, (count, t)) in denials {
        writeln!(
            w,
            "<rect class=\"denial\" x=\"{x}\" y=\"48\" width=\"2\" height=\"10\"><title>{}</title></rect>",
            esc(&r::MARK_DENIALS.fill(lang, &[("count", &count), ("time", &local(t))]))
        )?;
    }
    writeln!(
        w,
        "<line class=\"axis\" x1=\"0\" y1=\"62\" x2=\"{WIDTH}\" y2=\"62\"/>\n\
         <text x=\"2\" y=\"75\">{}</text><text x=\"{}\" y=\"75\" text-anchor=\"end\">{}</text>",
        esc(&local(span.start)),
        WIDTH - 2.0,
        esc(&local(span.end)),
    )?;
    writeln!(w, "</svg>")?;
    if account.releases.is_empty() && account.denials.is_empty() && account.grants.is_empty() {
        writeln!(
            w,
            "<p class=\"none\">{}</p>",
            esc(r::NO_ACCOUNT_ACTIVITY.text(lang))
        )?;
    }
    writeln!(w, "</figure>")
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
    #[test]
    fn log_text_cannot_open_markup() {
        assert_eq!(
            super::esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }
}
