//! An entry's `detail` as facts a reviewer can read back offline: `key=value` words, the last of
//! which may be free text (`purpose=…`, `reason=…`) running to the end of the detail.
//!
//! The daemon writes grants, requests, enrolments and role changes this way, so that a review
//! report built from an export alone knows who a grant names, its window and its purpose.
//! Older entries hold plain words ("password v1", "certificate … until …", "escrow key age1…");
//! readers take what they find and say "unknown" for the rest.

/// Keys whose value is free text: the rest of the detail, spaces included. One at most, last.
const FREE_TEXT: &[&str] = &["purpose", "reason"];

/// Builds a detail: words first, then at most one free-text field.
#[derive(Debug, Default, Clone)]
pub struct Detail(String);

impl Detail {
    /// A detail starting with plain words (kept for readers of the older form).
    pub fn words(words: impl Into<String>) -> Self {
        Detail(words.into())
    }

    /// Adds `key=value`; whitespace inside the value becomes `_` so the word stays one.
    pub fn with(mut self, key: &str, value: impl std::fmt::Display) -> Self {
        debug_assert!(!FREE_TEXT.contains(&key), "{key} is free text: use text()");
        if !self.0.is_empty() {
            self.0.push(' ');
        }
        self.0.push_str(key);
        self.0.push('=');
        let value = value.to_string();
        self.0.extend(
            value
                .chars()
                .map(|c| if c.is_whitespace() { '_' } else { c }),
        );
        self
    }

    /// Adds `key=value` when there is a value.
    pub fn with_some(self, key: &str, value: Option<impl std::fmt::Display>) -> Self {
        match value {
            Some(v) => self.with(key, v),
            None => self,
        }
    }

    /// Ends the detail with a free-text field (`purpose` or `reason`), control characters made
    /// spaces, cut with `…` so that the whole detail stays within `bounds::MAX_TEXT` bytes (a
    /// detail past it would be kept only as an excerpt, losing the other fields).
    pub fn text(mut self, key: &str, value: &str) -> String {
        debug_assert!(FREE_TEXT.contains(&key), "{key} is not a free-text key");
        if !self.0.is_empty() {
            self.0.push(' ');
        }
        self.0.push_str(key);
        self.0.push('=');
        let room = super::bounds::MAX_TEXT.saturating_sub(self.0.len() + '…'.len_utf8());
        let mut used = 0;
        for c in value.chars() {
            let c = if c.is_control() || super::bounds::is_invisible_control(c) {
                ' '
            } else {
                c
            };
            if used + c.len_utf8() > room {
                self.0.push('…');
                break;
            }
            used += c.len_utf8();
            self.0.push(c);
        }
        self.0
    }

    pub fn build(self) -> String {
        self.0
    }
}

/// `items` joined with commas, as many as fit in `budget` bytes, then `+N` for the rest: a
/// list in a detail must leave room for the words after it (a request of 32 long account names
/// would otherwise push the denial's reason out of the entry's bound).
pub fn list_within(items: &[String], budget: usize) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        let comma = if out.is_empty() { "" } else { "," };
        let left = items.len() - i - 1;
        // Room for this item, and for `,+N` after it while any are left.
        let room_for_rest = if left == 0 {
            0
        } else {
            2 + left.to_string().len()
        };
        if out.len() + comma.len() + item.len() + room_for_rest > budget {
            out.push_str(comma);
            out.push_str(&format!("+{}", items.len() - i));
            return out;
        }
        out.push_str(comma);
        out.push_str(item);
    }
    out
}

/// The value of `key` in a detail, if it holds one.
pub fn field<'a>(detail: &'a str, key: &str) -> Option<&'a str> {
    fields(detail).find(|(k, _)| *k == key).map(|(_, v)| v)
}

/// Every `key=value` of a detail, in order; a free-text value runs to the end.
pub fn fields(detail: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut rest = detail;
    std::iter::from_fn(move || loop {
        if rest.is_empty() {
            return None;
        }
        let (word, after) = match rest.find(' ') {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, ""),
        };
        let Some((key, value)) = word.split_once('=') else {
            rest = after;
            continue;
        };
        if FREE_TEXT.contains(&key) {
            let start = key.len() + 1;
            let value = &rest[start..];
            rest = "";
            return Some((key, value));
        }
        rest = after;
        return Some((key, value));
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_read_back_their_words_and_free_text_to_the_end() {
        let d = Detail::words("certificate abc until 2029-01-01T00:00:00Z")
            .with("roles", "admin,operator")
            .build();
        assert_eq!(field(&d, "roles"), Some("admin,operator"));
        assert_eq!(field(&d, "certificate"), None);

        let d = Detail::default()
            .with("grantee", "admin")
            .with("until", "2026-11-29T10:00:00Z")
            .with_some("uses", None::<u32>)
            .text("purpose", "Campagne grantee=mallory\nd'automne");
        assert_eq!(
            d,
            "grantee=admin until=2026-11-29T10:00:00Z purpose=Campagne grantee=mallory d'automne"
        );
        assert_eq!(field(&d, "grantee"), Some("admin"));
        assert_eq!(
            field(&d, "purpose"),
            Some("Campagne grantee=mallory d'automne")
        );
        assert_eq!(fields(&d).count(), 3);
        assert_eq!(field("password v1", "grantee"), None);
        assert_eq!(field("", "grantee"), None);
        assert_eq!(Detail::default().with("who", "a b\tc").build(), "who=a_b_c");
        // A long French purpose is cut, not turned into an excerpt by the entry's bounds.
        let long = "é".repeat(500);
        let d = Detail::default()
            .with("grantee", "admin")
            .text("purpose", &long);
        assert!(d.len() <= crate::tlog::bounds::MAX_TEXT, "{}", d.len());
        assert!(d.ends_with('…'));
        assert_eq!(crate::tlog::bounds::text(&d), d);
    }

    #[test]
    fn long_lists_keep_within_their_budget_and_count_the_rest() {
        let names = |n: usize, len: usize| -> Vec<String> {
            (0..n).map(|i| format!("{i:0len$}")).collect()
        };
        assert_eq!(list_within(&names(3, 2), 100), "00,01,02");
        assert_eq!(list_within(&[], 100), "");
        let cut = list_within(&names(32, 80), 320);
        assert!(cut.len() <= 320, "{}", cut.len());
        assert!(cut.ends_with(",+29"), "{cut}");
        assert_eq!(list_within(&names(1, 400), 320), "+1");
        // A denial of 32 long account names keeps its reason within the entry's bound.
        let d = Detail::default()
            .with("request", "r1")
            .with("requester", "admin")
            .with("accounts", list_within(&names(32, 80), 320))
            .text("reason", &"pas maintenant ".repeat(40));
        assert!(d.len() <= crate::tlog::bounds::MAX_TEXT, "{}", d.len());
        assert_eq!(crate::tlog::bounds::text(&d), d);
        assert!(field(&d, "reason").unwrap().starts_with("pas maintenant"));
    }
}
