//! One audit log entry: a UTF-8 JSON object written once and hashed as those exact bytes. The
//! field order is fixed by this struct, so entries read the same in every export. Never a secret.

use super::bounds;
use serde::{Deserialize, Serialize};

/// How a call ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Allowed,
    Denied,
    Error,
}

impl Outcome {
    pub fn as_str(&self) -> &'static str {
        match self {
            Outcome::Allowed => "allowed",
            Outcome::Denied => "denied",
            Outcome::Error => "error",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditEntry {
    /// 0, 1, 2... without gaps.
    pub seq: u64,
    /// RFC 3339 UTC, milliseconds.
    pub time: String,
    /// The principal's name, or `cert:<sha256>` / `anonymous` for a refused peer.
    pub principal: String,
    pub action: String,
    pub target: String,
    pub outcome: Outcome,
    /// The reason code when not allowed.
    pub reason: Option<String>,
    /// The grant a release used (or the grant acted on).
    pub grant: Option<String>,
    pub request_id: String,
    pub peer: String,
    /// For credential.get: which field (password, login, totp); for secret.set: the version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl AuditEntry {
    /// The exact bytes stored and hashed.
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("an audit entry serializes")
    }

    pub fn parse(bytes: &[u8]) -> Option<Self> {
        serde_json::from_slice(bytes).ok()
    }

    /// The entry as borrowed strings (what a reader of many entries takes).
    pub fn view(&self) -> EntryRef<'_> {
        EntryRef {
            seq: self.seq,
            time: &self.time,
            principal: &self.principal,
            action: &self.action,
            target: &self.target,
            outcome: self.outcome,
            reason: self.reason.as_deref(),
            grant: self.grant.as_deref(),
            request_id: &self.request_id,
            peer: &self.peer,
            detail: self.detail.as_deref(),
        }
    }

    /// The Unix time of the entry.
    pub fn unix_time(&self) -> Option<i64> {
        crate::times::parse_time(&self.time)
    }
}

/// An entry's fields as borrowed strings: verification and the review report read a million
/// entries, and none needs a copy of its strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryRef<'a> {
    pub seq: u64,
    pub time: &'a str,
    pub principal: &'a str,
    pub action: &'a str,
    pub target: &'a str,
    pub outcome: Outcome,
    pub reason: Option<&'a str>,
    pub grant: Option<&'a str>,
    pub request_id: &'a str,
    pub peer: &'a str,
    pub detail: Option<&'a str>,
}

impl EntryRef<'_> {
    /// An owned copy, for a reader that keeps the entry.
    pub fn to_entry(&self) -> AuditEntry {
        let owned = |s: Option<&str>| s.map(str::to_owned);
        AuditEntry {
            seq: self.seq,
            time: self.time.to_owned(),
            principal: self.principal.to_owned(),
            action: self.action.to_owned(),
            target: self.target.to_owned(),
            outcome: self.outcome,
            reason: owned(self.reason),
            grant: owned(self.grant),
            request_id: self.request_id.to_owned(),
            peer: self.peer.to_owned(),
            detail: owned(self.detail),
        }
    }
}

/// An entry parsed in place: the same schema as `AuditEntry` (every field, no other), each
/// string borrowed from the line unless it holds a JSON escape (then it is unescaped into a
/// copy). The hashing workers parse every line of an export this way.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParsedEntry<'a> {
    pub seq: u64,
    #[serde(borrow)]
    pub time: Text<'a>,
    #[serde(borrow)]
    pub principal: Text<'a>,
    #[serde(borrow)]
    pub action: Text<'a>,
    #[serde(borrow)]
    pub target: Text<'a>,
    pub outcome: Outcome,
    #[serde(borrow)]
    pub reason: Option<Text<'a>>,
    #[serde(borrow)]
    pub grant: Option<Text<'a>>,
    #[serde(borrow)]
    pub request_id: Text<'a>,
    #[serde(borrow)]
    pub peer: Text<'a>,
    #[serde(borrow, default)]
    pub detail: Option<Text<'a>>,
}

impl<'a> ParsedEntry<'a> {
    pub fn parse(line: &'a str) -> Option<Self> {
        serde_json::from_str(line).ok()
    }
}

/// A JSON string, borrowed from the input when it has no escape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text<'a>(pub std::borrow::Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Self::Value, E> {
                Ok(Text(std::borrow::Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
                Ok(Text(std::borrow::Cow::Owned(s.to_owned())))
            }
            fn visit_string<E>(self, s: String) -> Result<Self::Value, E> {
                Ok(Text(std::borrow::Cow::Owned(s)))
            }
        }
        d.deserialize_str(Visitor)
    }
}

/// What the caller knows before the outcome: who, what, on what, from where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditDraft {
    pub principal: String,
    pub action: super::action::Action,
    /// What the call was about: one name, or several (the accounts of a grant request). They
    /// are indexed one by one; the entry shows them joined with commas.
    pub targets: Vec<String>,
    pub outcome: Outcome,
    pub reason: Option<String>,
    pub grant: Option<String>,
    pub request_id: String,
    pub peer: String,
    pub detail: Option<String>,
}

impl AuditDraft {
    /// The names the entry is indexed under, each bounded (`bounds::name`), at most
    /// `bounds::MAX_TARGETS` of them.
    pub fn bounded_targets(&self) -> Vec<String> {
        let mut targets: Vec<String> = self
            .targets
            .iter()
            .filter(|t| !t.is_empty())
            .take(bounds::MAX_TARGETS)
            .map(|t| bounds::name(t))
            .collect();
        if self.targets.len() > bounds::MAX_TARGETS {
            targets.push(format!("refused:({} targets)", self.targets.len()));
        }
        targets
    }

    /// The entry, every field bounded: whatever a caller sent, it is a few KiB at most.
    pub fn into_entry(self, seq: u64, time: String) -> AuditEntry {
        let bounded = |v: Option<String>, f: fn(&str) -> String| v.map(|v| f(&v));
        AuditEntry {
            seq,
            time,
            principal: bounds::name(&self.principal),
            action: self.action.wire().to_owned(),
            target: self.bounded_targets().join(","),
            outcome: self.outcome,
            reason: bounded(self.reason, bounds::name),
            grant: bounded(self.grant, bounds::name),
            request_id: bounds::name(&self.request_id),
            peer: bounds::text(&self.peer),
            detail: bounded(self.detail, bounds::text),
        }
    }
}

/// Now, as an entry's time.
pub fn now_rfc3339() -> String {
    entry_time(time::OffsetDateTime::now_utc())
}

/// An entry's time: RFC 3339 in UTC, cut (not rounded) to the millisecond; `time` leaves out
/// trailing zeros of the fraction, and the fraction itself on a whole second.
pub fn entry_time(t: time::OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    // Always three fraction digits, so that entry times sort as strings.
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.millisecond()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_round_trip_through_their_exact_bytes_in_a_fixed_field_order() {
        let e = AuditDraft {
            principal: "admin".into(),
            action: crate::tlog::action::Action::CredentialGet,
            targets: vec!["facebook-cest".into()],
            outcome: Outcome::Denied,
            reason: Some("no_grant".into()),
            grant: None,
            request_id: "r1".into(),
            peer: "127.0.0.1:5000".into(),
            detail: Some("password".into()),
        }
        .into_entry(7, "2026-11-28T12:00:00.123Z".into());
        let bytes = e.to_bytes();
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.starts_with(r#"{"seq":7,"time":"2026-11-28T12:00:00.123Z","principal":"admin","action":"credential.get""#), "{text}");
        assert!(
            text.contains(r#""outcome":"denied","reason":"no_grant","grant":null"#),
            "{text}"
        );
        assert_eq!(AuditEntry::parse(&bytes), Some(e));
        assert!(AuditEntry::parse(br#"{"seq":1}"#).is_none());
    }

    #[test]
    fn the_in_place_parse_reads_what_the_owned_parse_reads_and_refuses_what_it_refuses() {
        let owned_of = |p: ParsedEntry| {
            let text = |t: Text| t.0.into_owned();
            AuditEntry {
                seq: p.seq,
                time: text(p.time),
                principal: text(p.principal),
                action: text(p.action),
                target: text(p.target),
                outcome: p.outcome,
                reason: p.reason.map(text),
                grant: p.grant.map(text),
                request_id: text(p.request_id),
                peer: text(p.peer),
                detail: p.detail.map(text),
            }
        };
        let good = r#"{"seq":7,"time":"2026-11-28T12:00:00.123Z","principal":"admin","action":"credential.get","target":"a","outcome":"denied","reason":"no_grant","grant":null,"request_id":"r1","peer":"p","detail":"password"}"#;
        let lines = [
            good.to_owned(),
            good.replace(r#","detail":"password""#, ""),
            good.replace(r#""detail":"password""#, r#""detail":null"#),
            good.replace("admin", r#"ad\"min\u00e9"#),
            good.replace(r#""grant":null,"#, ""),
            good.replace(r#""seq":7"#, r#""seq":-1"#),
            good.replace(r#""outcome":"denied""#, r#""outcome":"maybe""#),
            good.replace(r#""peer":"p""#, r#""peer":"p","extra":1"#),
            good.replace(r#","request_id":"r1""#, ""),
            good.replace(r#""target":"a""#, r#""target":7"#),
            format!("{good} "),
            format!("{good}x"),
            good[..good.len() - 1].to_owned(),
        ];
        let mut parsed = 0;
        for line in &lines {
            let owned = AuditEntry::parse(line.as_bytes());
            let in_place = ParsedEntry::parse(line).map(owned_of);
            assert_eq!(owned, in_place, "{line}");
            parsed += usize::from(owned.is_some());
        }
        assert_eq!(parsed, 6, "the good lines");
        // An escape is unescaped into a copy; a plain string stays borrowed.
        let escaped = ParsedEntry::parse(&lines[3]).unwrap();
        assert_eq!(escaped.principal.0, "ad\"min\u{e9}");
        assert!(matches!(escaped.action.0, std::borrow::Cow::Borrowed(_)));
        assert!(matches!(escaped.principal.0, std::borrow::Cow::Owned(_)));
        // The view reads back the owned entry's fields.
        let entry = AuditEntry::parse(good.as_bytes()).unwrap();
        assert_eq!(entry.view().to_entry(), entry);
    }

    #[test]
    fn entry_times_are_utc_cut_to_the_millisecond() {
        use time::macros::datetime;
        for (t, text) in [
            (
                datetime!(2026-11-28 12:00:00.123_999_999 UTC),
                "2026-11-28T12:00:00.123Z",
            ),
            (
                datetime!(2026-11-28 13:00:00.5 +01:00),
                "2026-11-28T12:00:00.500Z",
            ),
            (
                datetime!(2026-11-28 12:00:00.000_999 UTC),
                "2026-11-28T12:00:00.000Z",
            ),
            (
                datetime!(1970-01-01 00:01:00 UTC),
                "1970-01-01T00:01:00.000Z",
            ),
        ] {
            assert_eq!(entry_time(t), text);
        }
        let before = time::OffsetDateTime::now_utc().unix_timestamp();
        let now = crate::times::parse_time(&now_rfc3339()).unwrap();
        let after = time::OffsetDateTime::now_utc().unix_timestamp();
        assert!(
            (before..=after).contains(&now),
            "{before} <= {now} <= {after}"
        );
    }
}
