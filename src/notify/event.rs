//! The vault's events as the notifier sees them: their kinds, how much of one a configuration
//! lets leave the machine ([`Detail`]), and the event as JSON for hooks. The event itself is the
//! wire's `VaultEvent` (proto/vault/v1/events.proto): its free text (purpose, reason) is a
//! person's words, fit for a body, never for a header.

use crate::wire::pb::VaultEvent;
use serde_json::{json, Map, Value};

/// The kinds of event the notifier acts on; any other kind is passed over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    RequestCreated,
    RequestOverdue,
    RequestApproved,
    RequestDenied,
    GrantRevoked,
    RotationRecommended,
    RotationStagedStale,
    /// A password older than its account's maximum age.
    RotationDue,
    /// A decision an acting authority took: gathered into the Secrétaire générale's digest.
    DelegationDecision,
    /// A grant signed once for an account that needs two: told to the other signers.
    GrantAwaitingSecondSignature,
}

impl Kind {
    pub const ALL: [Kind; 10] = [
        Kind::RequestCreated,
        Kind::RequestOverdue,
        Kind::RequestApproved,
        Kind::RequestDenied,
        Kind::GrantRevoked,
        Kind::RotationRecommended,
        Kind::RotationStagedStale,
        Kind::RotationDue,
        Kind::DelegationDecision,
        Kind::GrantAwaitingSecondSignature,
    ];

    /// The name on the wire and in the configuration (`[hooks."request.created"]`).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::RequestCreated => "request.created",
            Kind::RequestOverdue => "request.overdue",
            Kind::RequestApproved => "request.approved",
            Kind::RequestDenied => "request.denied",
            Kind::GrantRevoked => "grant.revoked",
            Kind::RotationRecommended => "rotation.recommended",
            Kind::RotationStagedStale => "rotation.staged_stale",
            Kind::RotationDue => "rotation.due",
            Kind::DelegationDecision => "delegation.decision",
            Kind::GrantAwaitingSecondSignature => "grant.awaiting_second_signature",
        }
    }

    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// Whether events of this kind concern a request (and carry its fields).
    fn is_request(self) -> bool {
        matches!(
            self,
            Kind::RequestCreated
                | Kind::RequestOverdue
                | Kind::RequestApproved
                | Kind::RequestDenied
        )
    }
}

/// How much of an event leaves the machine, in mails and hooks' input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Everything the event holds: accounts, purpose, reasons.
    Full,
    /// Who asked, who decided, the ids and times; no account names, no purpose, no reason
    /// (art. 15: mail crosses relays the Commission does not run).
    Minimal,
}

/// A name or id as it may appear in a header: only `[A-Za-z0-9._-]`, at most 64 characters.
/// Principal names and ids are restricted already; this holds even if one were not.
pub fn header_safe(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        .take(64)
        .collect()
}

/// A person's words as they may appear in a body: control characters (line breaks included)
/// and invisible ones become spaces, so that a purpose cannot fake lines of the mail (the vault
/// refuses them already; this holds even if it did not), bounded to `max` characters.
pub fn body_safe(text: &str, max: usize) -> String {
    let mut out: String = text
        .chars()
        .map(|c| {
            if c.is_control() || crate::limits::is_invisible_control(c) {
                ' '
            } else {
                c
            }
        })
        .take(max)
        .collect();
    if text.chars().count() > max {
        out.push('…');
    }
    out
}

/// The event as the JSON a hook reads on its standard input, cut to `detail`.
pub fn to_json(kind: Kind, event: &VaultEvent, detail: Detail) -> Value {
    let mut out = Map::new();
    out.insert("seq".into(), json!(event.seq));
    out.insert("at".into(), json!(event.at));
    out.insert("kind".into(), json!(kind.as_str()));
    let mut put = |name: &str, value: Value| {
        out.insert(name.into(), value);
    };
    let full = detail == Detail::Full;
    if kind.is_request() {
        put("request_id", json!(event.request_id));
        put("requester", json!(event.requester));
        put("duration_secs", json!(event.duration_secs));
        put("created_at", json!(event.created_at));
        if full {
            put("accounts", json!(event.accounts));
            put("purpose", json!(event.purpose));
        }
    }
    match kind {
        Kind::RequestApproved => {
            put("decided_by", json!(event.decided_by));
            put("decided_at", json!(event.decided_at));
            put("grant_id", json!(event.grant_id));
            put("not_before", json!(event.not_before));
            put("not_after", json!(event.not_after));
            put("max_uses", json!(event.max_uses));
            put(
                "awaiting_second_signature",
                json!(event.awaiting_second_signature),
            );
        }
        Kind::RequestDenied => {
            put("decided_by", json!(event.decided_by));
            put("decided_at", json!(event.decided_at));
            if full {
                put("reason", json!(event.reason));
            }
        }
        Kind::GrantRevoked => {
            put("grant_id", json!(event.grant_id));
            put("requester", json!(event.requester));
            put("decided_by", json!(event.decided_by));
            if full {
                put("accounts", json!(event.accounts));
                put("reason", json!(event.reason));
            }
        }
        Kind::RotationRecommended => {
            // The reason here is a code (grant_ended, ...), not a person's words.
            put("reason", json!(event.reason));
            if full {
                put("accounts", json!(event.accounts));
            }
        }
        Kind::RotationStagedStale => {
            // Who staged it and when; the account only with full detail.
            put("requester", json!(event.requester));
            put("created_at", json!(event.created_at));
            if full {
                put("accounts", json!(event.accounts));
            }
        }
        Kind::RotationDue => {
            // When the password was set and the age it may reach: due at their sum.
            put("reason", json!(event.reason));
            put("created_at", json!(event.created_at));
            put("duration_secs", json!(event.duration_secs));
            if full {
                put("accounts", json!(event.accounts));
            }
        }
        Kind::DelegationDecision => {
            put("decision", json!(event.decision));
            put("delegation_id", json!(event.delegation_id));
            put("acting_for", json!(event.acting_for));
            put("decided_by", json!(event.decided_by));
            put("decided_at", json!(event.decided_at));
            put("requester", json!(event.requester));
            put("request_id", json!(event.request_id));
            put("grant_id", json!(event.grant_id));
            if full {
                put("accounts", json!(event.accounts));
                put("purpose", json!(event.purpose));
                put("reason", json!(event.reason));
            }
        }
        Kind::GrantAwaitingSecondSignature => {
            put("grant_id", json!(event.grant_id));
            put("request_id", json!(event.request_id));
            put("requester", json!(event.requester));
            put("decided_by", json!(event.decided_by));
            put("decided_at", json!(event.decided_at));
            put("delegation_id", json!(event.delegation_id));
            put("not_before", json!(event.not_before));
            put("not_after", json!(event.not_after));
            put("cosigners", json!(event.cosigners));
            if full {
                put("accounts", json!(event.accounts));
                put("purpose", json!(event.purpose));
            }
        }
        Kind::RequestCreated | Kind::RequestOverdue => {}
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_back_from_their_names() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(Kind::parse("request.Created"), None);
    }

    #[test]
    fn headers_keep_only_plain_characters_and_bodies_no_line_breaks() {
        assert_eq!(header_safe("alice\r\nBcc: eve@x"), "aliceBccevex");
        assert_eq!(header_safe("ok-1.2_3"), "ok-1.2_3");
        assert_eq!(
            body_safe("a\r\nPour approuver : x\u{202e}", 100),
            "a  Pour approuver : x "
        );
        assert_eq!(body_safe("abcdef", 3), "abc…");
    }

    #[test]
    fn minimal_detail_leaves_accounts_purpose_and_reason_out_of_hooks() {
        let event = VaultEvent {
            seq: 7,
            kind: "request.denied".into(),
            request_id: "r1".into(),
            requester: "alice".into(),
            accounts: vec!["facebook-cest".into()],
            purpose: "Campagne secrète".into(),
            reason: "pas maintenant".into(),
            ..Default::default()
        };
        let full = to_json(Kind::RequestDenied, &event, Detail::Full).to_string();
        assert!(
            full.contains("facebook-cest")
                && full.contains("Campagne")
                && full.contains("pas maintenant")
        );
        let minimal = to_json(Kind::RequestDenied, &event, Detail::Minimal).to_string();
        for hidden in ["facebook-cest", "Campagne", "pas maintenant"] {
            assert!(!minimal.contains(hidden), "{minimal}");
        }
        assert!(minimal.contains("\"requester\":\"alice\"") && minimal.contains("\"seq\":7"));
    }
}
