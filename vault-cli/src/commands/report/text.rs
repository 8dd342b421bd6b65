//! The report as plain text: header lines, a summary, then each section's tables, columns as
//! wide as their widest cell. Cells are made printable: log text came from other people.

use super::tables::{Document, Table};
use crate::messages::report as r;
use crate::output::printable;
use std::io::Write;

pub fn write(doc: &Document, w: &mut dyn Write) -> std::io::Result<()> {
    writeln!(w, "{}", doc.title)?;
    writeln!(w, "{}", "=".repeat(doc.title.chars().count()))?;
    let width = doc
        .header
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    for (label, value) in &doc.header {
        writeln!(w, "{label:width$}  {}", printable(value))?;
    }
    writeln!(w, "\n== {}", r::SUMMARY.text(doc.lang))?;
    let width = doc
        .summary
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    for (label, count) in &doc.summary {
        writeln!(w, "  {label:width$}  {count}")?;
    }
    for section in &doc.sections {
        writeln!(w, "\n== {}", section.title)?;
        if section.tables.iter().all(|t| t.len == 0) {
            writeln!(w, "  {}", r::NONE.text(doc.lang))?;
            continue;
        }
        for table in section.tables.iter().filter(|t| t.len > 0) {
            if section.tables.len() > 1 || table.title != section.title {
                writeln!(w, "\n-- {}", table.title)?;
            }
            write_table(table, w)?;
        }
    }
    Ok(())
}

/// Two passes over the rows: widths, then lines (rows are made on demand, not kept).
fn write_table(table: &Table, w: &mut dyn Write) -> std::io::Result<()> {
    let mut widths: Vec<usize> = table.columns.iter().map(|c| c.chars().count()).collect();
    for i in 0..table.len {
        for (c, cell) in table.row(i).iter().enumerate() {
            widths[c] = widths[c].max(printable(cell).chars().count());
        }
    }
    let mut line = String::new();
    let mut write_line = |cells: &[String], w: &mut dyn Write| -> std::io::Result<()> {
        line.clear();
        line.push_str("  ");
        for (c, cell) in cells.iter().enumerate() {
            let cell = printable(cell);
            line.push_str(&cell);
            if c + 1 < cells.len() {
                let pad = widths[c] - cell.chars().count() + 2;
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        writeln!(w, "{}", line.trim_end())
    };
    let headings: Vec<String> = table.columns.iter().map(|c| c.to_uppercase()).collect();
    write_line(&headings, w)?;
    for i in 0..table.len {
        write_line(&table.row(i), w)?;
    }
    Ok(())
}
