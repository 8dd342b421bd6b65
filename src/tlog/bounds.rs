//! What a caller can put in an audit entry, bounded before it is written: no field can make an
//! entry bigger than a few KiB, and nothing a caller sends reaches a reviewer's terminal raw. A
//! value that is not what it should be is recorded as a short escaped excerpt with its length
//! and SHA-256, so the attempt stays on record and identifiable without its bulk.

/// Longest name kept as is: account ids, principal names and `cert:<sha256>`, grant ids.
pub const MAX_NAME: usize = 80;
/// Longest free text kept as is (a detail, with the caller's stated reason of up to 500).
pub const MAX_TEXT: usize = 640;
/// Characters of a refused value kept in its excerpt.
const EXCERPT_CHARS: usize = 24;
/// Names an entry may index as its targets (a grant names at most 32 accounts).
pub const MAX_TARGETS: usize = 32;

pub use crate::limits::is_invisible_control;

/// A name (id, principal, grant): kept when it is 1 to MAX_NAME of `a-z 0-9 - _ . :`, an
/// excerpt otherwise.
pub fn name(value: &str) -> String {
    if is_name(value) {
        value.to_owned()
    } else {
        excerpt(value)
    }
}

/// Whether `value` is a name kept as is by [`name`]: 1 to MAX_NAME of `a-z 0-9 - _ . :`.
pub fn is_name(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= MAX_NAME
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.:".contains(&b))
}

/// Free text: kept when at most MAX_TEXT bytes with no control or invisible characters (an
/// entry is a line a person reads in a table), an excerpt otherwise.
pub fn text(value: &str) -> String {
    let fits = value.len() <= MAX_TEXT
        && !value
            .chars()
            .any(|c| c.is_control() || is_invisible_control(c));
    if fits {
        value.to_owned()
    } else {
        excerpt(value)
    }
}

/// `refused:"<first characters, escaped>"…(len N; sha256 H)`: bounded whatever the input.
pub fn excerpt(value: &str) -> String {
    let mut shown = String::new();
    for c in value.chars().take(EXCERPT_CHARS) {
        if c.is_ascii_alphanumeric() || " -_.:@/".contains(c) {
            shown.push(c);
        } else {
            shown.push_str(&format!("\\u{{{:x}}}", c as u32));
        }
    }
    let more = if value.chars().count() > EXCERPT_CHARS {
        "…"
    } else {
        ""
    };
    let digest = ring::digest::digest(&ring::digest::SHA256, value.as_bytes());
    format!(
        "refused:\"{shown}\"{more}(len {}; sha256 {})",
        value.len(),
        hex::encode(digest.as_ref())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_names_and_text_pass_unchanged() {
        for ok in [
            "facebook-cest",
            "cert:0a1b",
            "admin",
            "0123456789abcdef0123456789abcdef",
        ] {
            assert_eq!(name(ok), ok);
        }
        assert_eq!(
            text("password v3; why: campagne d'été"),
            "password v3; why: campagne d'été"
        );
    }

    #[test]
    fn anything_else_becomes_a_short_escaped_excerpt_with_length_and_hash() {
        let huge = "a".repeat(130_000);
        let bounded = name(&huge);
        assert!(bounded.len() < 200, "{bounded}");
        assert!(bounded.contains("len 130000"));
        assert!(bounded.contains(&hex::encode(
            ring::digest::digest(&ring::digest::SHA256, huge.as_bytes()).as_ref()
        )));
        // A comma would let a name pose as two targets; an escape sequence would reach a terminal.
        for hostile in [
            "evil,facebook-cest",
            "x\u{1b}[2J",
            "admin\u{202E}nimda",
            "a\nb",
            "",
        ] {
            let bounded = name(hostile);
            assert!(bounded.starts_with("refused:"), "{bounded}");
            assert!(
                !bounded.contains(',') && !bounded.contains('\u{1b}'),
                "{bounded}"
            );
            assert!(!bounded
                .chars()
                .any(|c| c.is_control() || is_invisible_control(c)));
        }
        assert!(text("why\u{200B}").starts_with("refused:"));
        assert!(text(&"é".repeat(400)).starts_with("refused:"));
    }
}
