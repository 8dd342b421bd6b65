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

    /// The Unix time of the entry.
    pub fn unix_time(&self) -> Option<i64> {
        crate::times::parse_time(&self.time)
    }
}

/// What the caller knows before the outcome: who, what, on what, from where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditDraft {
    pub principal: String,
    pub action: &'static str,
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
            action: bounds::name(self.action),
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
            action: "credential.get",
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
