//! The report as CSV (RFC 4180), for a spreadsheet: one table of every row of every section,
//! its first column naming the section (and the account, for releases). Header lines and the
//! summary come first, as rows of their own section.

use super::document::Document;
use super::tables::Cells;
use crate::messages::{col, report as r};
use std::io::Write;

pub fn write(doc: &Document, w: &mut dyn Write) -> std::io::Result<()> {
    let lang = doc.lang;
    for (label, value) in &doc.header {
        record(w, &[&doc.title, label, value])?;
    }
    for (label, count) in &doc.summary {
        record(w, &[r::SUMMARY.text(lang), label, &count.to_string()])?;
    }
    for section in &doc.sections {
        for table in &section.tables {
            let name = if table.title == section.title {
                section.title.clone()
            } else {
                format!("{} — {}", section.title, table.title)
            };
            let mut heading = vec![col::SECTION.text(lang).to_owned()];
            heading.extend(table.columns.iter().map(|c| c.title.clone()));
            record(w, &heading.iter().map(String::as_str).collect::<Vec<_>>())?;
            let name_needs_quotes = name.bytes().any(|b| QUOTED.contains(&b));
            let line = |cells: &Cells, out: &mut String| {
                let quotes = name_needs_quotes || cells.contains_any(QUOTED);
                push_record(
                    out,
                    std::iter::once(name.as_str()).chain(cells.iter()),
                    quotes,
                );
            };
            table.write_lines(&line, w)?;
        }
    }
    Ok(())
}

/// One record: a field with a comma, quote or line break is quoted, quotes doubled. A field
/// that a spreadsheet would read as a formula (=, +, -, @ first) gets a leading quote mark.
fn record(w: &mut dyn Write, fields: &[&str]) -> std::io::Result<()> {
    let mut line = String::new();
    push_record(&mut line, fields.iter().copied(), true);
    w.write_all(line.as_bytes())
}

/// The bytes that make a field quoted.
const QUOTED: [u8; 4] = [b',', b'"', b'\n', b'\r'];

/// A record; `may_need_quotes` false when no field holds a byte of `QUOTED` (checked once per
/// row, which is faster than field by field).
fn push_record<'f>(
    line: &mut String,
    fields: impl Iterator<Item = &'f str>,
    may_need_quotes: bool,
) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            line.push(',');
        }
        let guarded;
        let field = if field.starts_with(['=', '+', '-', '@']) && !looks_numeric(field) {
            guarded = format!("'{field}");
            guarded.as_str()
        } else {
            field
        };
        if may_need_quotes && field.bytes().any(|b| QUOTED.contains(&b)) {
            line.push('"');
            line.push_str(&field.replace('"', "\"\""));
            line.push('"');
        } else {
            line.push_str(field);
        }
    }
    line.push_str("\r\n");
}

fn looks_numeric(field: &str) -> bool {
    field.parse::<f64>().is_ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        let mut out = Vec::new();
        super::record(
            &mut out,
            &["a,b", "say \"hi\"", "=HYPERLINK(\"x\")", "-5", "plain"],
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\"a,b\",\"say \"\"hi\"\"\",\"'=HYPERLINK(\"\"x\"\")\",-5,plain\r\n"
        );
    }
}
