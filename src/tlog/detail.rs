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
}
