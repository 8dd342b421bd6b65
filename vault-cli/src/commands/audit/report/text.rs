//! The report as plain text: header lines, a summary, then each section's tables, columns as
//! wide as their widest cell. Cells are made printable: log text came from other people.

use super::document::Document;
use super::tables::{on_every_core, Cells, Table};
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
    // Every table's widths first, the tables shared between the cores.
    let tables: Vec<&Table> = doc.sections.iter().flat_map(|s| &s.tables).collect();
    let mut widths = on_every_core(&tables, |t| column_widths(t)).into_iter();
    for section in &doc.sections {
        let section_widths: Vec<Vec<usize>> = widths.by_ref().take(section.tables.len()).collect();
        writeln!(w, "\n== {}", section.title)?;
        if section.tables.iter().all(|t| t.len == 0) {
            writeln!(w, "  {}", r::NONE.text(doc.lang))?;
            continue;
        }
        for (table, widths) in section.tables.iter().zip(&section_widths) {
            if table.len == 0 {
                continue;
            }
            // A table titled as its section is announced by the section's heading: once.
            if table.title != section.title {
                writeln!(w, "\n-- {}", table.title)?;
            }
            write_table(table, widths, w)?;
        }
    }
    Ok(())
}

fn width(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    }
}

/// Rows whose cells set the columns' widths: a longer table is aligned on its first rows (a
/// later cell that is wider pushes its line only), so rows are made once, not twice.
const ALIGNED_ROWS: usize = 5_000;

/// The columns' widths: their headings' and their cells' in the first rows.
fn column_widths(table: &Table) -> Vec<usize> {
    let mut widths: Vec<usize> = table.columns.iter().map(|c| width(&c.title)).collect();
    let mut cells = Cells::default();
    for i in 0..table.len.min(ALIGNED_ROWS) {
        table.cells(i, &mut cells);
        for (c, cell) in cells.iter().enumerate() {
            widths[c] = widths[c].max(width(&printable(cell)));
        }
    }
    widths
}

/// Every line (rows are made on demand, not kept).
fn write_table(table: &Table, widths: &[usize], w: &mut dyn Write) -> std::io::Result<()> {
    let line = |cells: &Cells, out: &mut String| {
        const SPACES: &str = "                                                                ";
        let start = out.len();
        out.push_str("  ");
        let plain = cells.is_plain_ascii();
        for (c, cell) in cells.iter().enumerate() {
            let (cell, cell_width) = if plain {
                (std::borrow::Cow::Borrowed(cell), cell.len())
            } else {
                let cell = printable(cell);
                let cell_width = width(&cell);
                (cell, cell_width)
            };
            out.push_str(&cell);
            if c + 1 < cells.len() {
                let mut pad = widths[c].saturating_sub(cell_width) + 2;
                while pad > 0 {
                    let n = pad.min(SPACES.len());
                    out.push_str(&SPACES[..n]);
                    pad -= n;
                }
            }
        }
        let kept = out[start..].trim_end().len();
        out.truncate(start + kept);
        out.push('\n');
    };
    let mut headings = String::new();
    let mut titles = Cells::default();
    titles.push_all(
        table
            .columns
            .iter()
            .map(|c| c.title.to_uppercase())
            .collect(),
    );
    line(&titles, &mut headings);
    w.write_all(headings.as_bytes())?;
    table.write_lines(&line, w)
}
