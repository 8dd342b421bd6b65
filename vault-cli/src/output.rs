//! Output for people (aligned tables, sentences) and for scripts (`--json`).

use vaultd::i18n::Lang;

/// Prints rows under headings, each column as wide as its widest cell.
pub fn table(headings: &[&str], rows: &[Vec<String>]) {
    // What the vault stores came from other people: never let it move the cursor, clear the
    // screen or reorder text on the reader's terminal.
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|cell| printable(cell).into_owned())
                .collect()
        })
        .collect();
    let rows = &rows;
    let mut widths: Vec<usize> = headings.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate() {
            if i + 1 == cells.len() {
                out.push_str(cell);
            } else {
                out.push_str(cell);
                out.push_str(&" ".repeat(widths[i] - cell.chars().count() + 2));
            }
        }
        println!("{}", out.trim_end());
    };
    line(headings.to_vec());
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
}

/// `text` with control, bidi and zero-width characters shown as `\u{..}` escapes.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    // Printable ASCII is the common case, and has nothing to escape.
    let shown = |c: char| !(c.is_control() || vaultd::tlog::bounds::is_invisible_control(c));
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) || text.chars().all(shown) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() || vaultd::tlog::bounds::is_invisible_control(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Prints a value as pretty JSON on stdout.
pub fn json(value: &serde_json::Value) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).unwrap_or_default()
    );
}

/// A Unix time as RFC 3339 UTC, as `--json` gives every time (tables use `Context::time`).
pub fn utc(unix: i64) -> String {
    vaultd::times::format_time(unix)
}

/// How long a certificate has left: its expiry, marked when it is within 30 days or past.
pub fn expiry(ctx: &crate::context::Context, not_after: i64) -> String {
    let lang = ctx.lang;
    let date = ctx.time(not_after);
    match crate::context::days_left(not_after) {
        days if days < 0 => format!("{date} ({})", crate::messages::EXPIRED.text(lang)),
        days if days <= crate::context::RENEW_WITHIN_DAYS => format!(
            "{date} ({})",
            crate::messages::DAYS_LEFT.fill(lang, &[("days", &days)])
        ),
        _ => date,
    }
}

/// A duration as a person reads it: `8 h`, `1 h 30 min`, `30 j` in French (`--json` keeps
/// seconds).
pub fn duration(lang: Lang, secs: i64) -> String {
    vaultd::i18n::duration_text(lang, secs)
}

pub fn yes_no(lang: Lang, value: bool) -> &'static str {
    if value {
        crate::messages::YES.text(lang)
    } else {
        crate::messages::NO.text(lang)
    }
}

/// How long something has waited, in its two largest units as a person says it: "2 h 5 min",
/// "3 d 4 h" ("3 j 4 h" in French), "12 min", "40 s".
pub fn age(lang: Lang, secs: i64) -> String {
    use crate::messages::{AGE_DAYS, AGE_HOURS, AGE_MINUTES, AGE_SECONDS};
    let secs = secs.max(0);
    let parts = [
        (AGE_DAYS, secs / 86_400),
        (AGE_HOURS, secs % 86_400 / 3600),
        (AGE_MINUTES, secs % 3600 / 60),
        (AGE_SECONDS, secs % 60),
    ];
    let first = parts.iter().position(|(_, n)| *n > 0).unwrap_or(3);
    parts[first..]
        .iter()
        .take(2)
        .filter(|(_, n)| *n > 0 || first == 3)
        .map(|(unit, n)| unit.fill(lang, &[("n", n)]))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn terminal_controls_in_cells_are_shown_not_obeyed() {
        assert_eq!(super::printable("x\u{1b}[2J"), "x\\u{1b}[2J");
        assert_eq!(super::printable("abc\u{202E}def"), "abc\\u{202e}def");
        assert_eq!(super::printable("Campagne d'été"), "Campagne d'été");
    }

    #[test]
    fn ages_read_as_a_person_says_them() {
        use super::age;
        use vaultd::i18n::Lang;
        assert_eq!(age(Lang::En, 2 * 3600 + 5 * 60 + 7), "2 h 5 min");
        assert_eq!(age(Lang::Fr, 3 * 86_400 + 4 * 3600), "3 j 4 h");
        assert_eq!(age(Lang::En, 3 * 86_400 + 4 * 3600), "3 d 4 h");
        assert_eq!(age(Lang::En, 3 * 86_400 + 59), "3 d");
        assert_eq!(age(Lang::En, 12 * 60), "12 min");
        assert_eq!(age(Lang::En, 40), "40 s");
        assert_eq!(age(Lang::En, 0), "0 s");
        assert_eq!(age(Lang::En, -5), "0 s");
    }
}
