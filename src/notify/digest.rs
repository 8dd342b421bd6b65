//! The Secrétaire générale's digest of what her acting authority decides (`delegation.decision`
//! events): not one mail per decision but at most one per delegation every `digest_every`
//! (an hour unless configured). The first decision opens the delegation's digest; the ones
//! after it join it; it is sent when its window has passed, and never sooner than
//! `digest_every` after the previous digest of the same delegation (so a notifier catching up
//! on a day of backlog sends one digest, not one per hour gone by).
//!
//! Who it is for is read from the event: `acting_for`, the principal who registered the
//! delegation, as the vault put it on the record in the decision's own commit; her address is
//! hers in `[to.principals]`. The open digests live in the state file beside the cursor (see
//! `state`), written in the same save that moves the cursor past their last decision, so a
//! restart neither loses a decision nor gathers it twice (a decision is known by its event's
//! sequence number). Sent as any mail: at least once, the same Message-ID on every retry.

use super::event::{body_safe, header_safe, Detail};
use crate::i18n::{Lang, Msg};
use crate::msg;
use crate::wire::pb::VaultEvent;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt::Display;

/// Most decisions one digest lists: past it the digest is due at once (a bound on the state
/// file and on one mail, far above what one person decides in an hour).
pub const MAX_DECISIONS: usize = 200;
/// Most delegations with a digest open at once (a handful a year are ever made).
pub const MAX_OPEN: usize = 64;
/// The most characters of a person's words (purpose, reason) a digest quotes.
const MAX_QUOTED: usize = 300;

/// One decision, as the digest lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub seq: u64,
    /// approve, deny, issue or revoke.
    pub decision: String,
    pub by: String,
    pub at: i64,
    pub accounts: Vec<String>,
    /// The requester or grantee.
    pub requester: String,
    #[serde(default)]
    pub request_id: String,
    #[serde(default)]
    pub grant_id: String,
    #[serde(default)]
    pub purpose: String,
    #[serde(default)]
    pub reason: String,
}

/// One delegation's digest, open until sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Digest {
    /// Whom it is for (the event's `acting_for`).
    pub to: String,
    /// When its first decision was taken (the vault's time).
    pub opened_at: i64,
    pub decisions: Vec<Decision>,
    /// Once sent (or skipped): the outcome, put on the record for each decision in turn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mail: Option<super::outcome::Done>,
    /// The decisions whose outcome is on the vault's record already.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recorded: Vec<u64>,
}

/// The open digests and when each delegation's last one was sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Digests {
    /// By delegation id.
    #[serde(default)]
    pub open: BTreeMap<String, Digest>,
    /// By delegation id: when its last digest was sent (Unix seconds); forgotten once older
    /// than the longest period, when it can no longer hold a digest back.
    #[serde(default)]
    pub last_sent: BTreeMap<String, i64>,
}

impl Digests {
    pub fn is_empty(&self) -> bool {
        self.open.is_empty() && self.last_sent.is_empty()
    }

    /// Gathers one decision into its delegation's digest (opening it). False when it was
    /// gathered already (a restart before the cursor moved), or when it names no delegation
    /// or no one to tell.
    pub fn add(&mut self, event: &VaultEvent) -> bool {
        if event.delegation_id.is_empty() || event.acting_for.is_empty() {
            return false;
        }
        if !self.open.contains_key(&event.delegation_id) && self.open.len() >= MAX_OPEN {
            // Never reached in practice; the oldest digest is then due at once (see `due`),
            // and this decision waits for its place: nothing is dropped.
            return false;
        }
        let digest = self
            .open
            .entry(event.delegation_id.clone())
            .or_insert_with(|| Digest {
                to: event.acting_for.clone(),
                opened_at: event.at,
                decisions: Vec::new(),
                mail: None,
                recorded: Vec::new(),
            });
        // A digest being sent takes no more: the decision waits for the next one (the caller
        // sends this one first).
        if digest.mail.is_some() || digest.decisions.iter().any(|d| d.seq == event.seq) {
            return false;
        }
        digest.decisions.push(Decision {
            seq: event.seq,
            decision: event.decision.clone(),
            by: event.decided_by.clone(),
            at: if event.decided_at != 0 {
                event.decided_at
            } else {
                event.at
            },
            accounts: event.accounts.clone(),
            requester: event.requester.clone(),
            request_id: event.request_id.clone(),
            grant_id: event.grant_id.clone(),
            purpose: event.purpose.clone(),
            reason: event.reason.clone(),
        });
        true
    }

    /// Whether `delegation`'s digest is being sent (a restart stopped it midway): it is to
    /// be finished before it can take another decision.
    pub fn sending(&self, delegation: &str) -> bool {
        self.open.get(delegation).is_some_and(|d| d.mail.is_some())
    }

    /// Whether there is no room for `event`'s delegation (see `add`).
    pub fn full_for(&self, event: &VaultEvent) -> bool {
        !self.open.contains_key(&event.delegation_id) && self.open.len() >= MAX_OPEN
    }

    /// When the digest of `delegation` is due: its window's end, and not before the period
    /// after the last one sent; at once when it is full (or digests are too many).
    fn due_at(&self, delegation: &str, digest: &Digest, every: i64) -> i64 {
        if digest.decisions.len() >= MAX_DECISIONS || self.open.len() >= MAX_OPEN {
            return i64::MIN;
        }
        let after_last = self
            .last_sent
            .get(delegation)
            .map_or(i64::MIN, |t| t.saturating_add(every));
        digest.opened_at.saturating_add(every).max(after_last)
    }

    /// The delegations whose digest is due at `now`, oldest first.
    pub fn due(&self, now: i64, every: i64) -> Vec<String> {
        let mut due: Vec<(i64, &String)> = self
            .open
            .iter()
            .map(|(id, d)| (self.due_at(id, d, every), id))
            .filter(|(at, _)| *at <= now)
            .collect();
        due.sort();
        due.into_iter().map(|(_, id)| id.clone()).collect()
    }

    /// When the next digest is due, if any is open.
    pub fn next_due(&self, every: i64) -> Option<i64> {
        self.open
            .iter()
            .map(|(id, d)| self.due_at(id, d, every))
            .min()
    }

    /// A digest was sent (or skipped) at `now`: it is closed, and the period starts again.
    pub fn sent(&mut self, delegation: &str, now: i64, longest: i64) {
        self.open.remove(delegation);
        self.last_sent.insert(delegation.to_owned(), now);
        self.last_sent
            .retain(|_, t| t.saturating_add(longest) > now);
    }
}

msg!(crate::i18n::VAULTD, LANGUAGE = "notify-language-name");
msg!(
    crate::i18n::VAULTD,
    SUBJECT = "notify-subject-delegation-digest"
);
msg!(crate::i18n::VAULTD, INTRO = "notify-body-digest-intro");
msg!(
    crate::i18n::VAULTD,
    LINE_FULL = "notify-body-digest-line-full"
);
msg!(
    crate::i18n::VAULTD,
    LINE_MINIMAL = "notify-body-digest-line-minimal"
);
msg!(crate::i18n::VAULTD, PURPOSE = "notify-body-digest-purpose");
msg!(crate::i18n::VAULTD, REASON = "notify-body-digest-reason");
msg!(crate::i18n::VAULTD, APPROVE = "notify-digest-approve");
msg!(crate::i18n::VAULTD, DENY = "notify-digest-deny");
msg!(crate::i18n::VAULTD, ISSUE = "notify-digest-issue");
msg!(crate::i18n::VAULTD, REVOKE = "notify-digest-revoke");
msg!(crate::i18n::VAULTD, COSIGN = "notify-digest-cosign");
msg!(crate::i18n::VAULTD, END = "notify-body-digest-end");
msg!(crate::i18n::VAULTD, FOOTER = "notify-body-digest-footer");

fn decision_word(lang: Lang, decision: &str) -> String {
    let msg: Option<Msg> = match decision {
        "approve" => Some(APPROVE),
        "deny" => Some(DENY),
        "issue" => Some(ISSUE),
        "revoke" => Some(REVOKE),
        "cosign" => Some(COSIGN),
        _ => None,
    };
    msg.map_or_else(|| header_safe(decision), |m| m.text(lang).to_owned())
}

fn body(lang: Lang, delegation: &str, digest: &Digest, detail: Detail, every: i64) -> String {
    let full = detail == Detail::Full;
    let delegate = digest
        .decisions
        .first()
        .map(|d| header_safe(&d.by))
        .unwrap_or_default();
    let delegation = header_safe(delegation);
    let mut lines = vec![
        INTRO.fill(
            lang,
            &[
                ("delegate", &delegate as &dyn Display),
                ("count", &digest.decisions.len()),
                ("delegation", &delegation),
            ],
        ),
        String::new(),
    ];
    for d in &digest.decisions {
        let what = decision_word(lang, &d.decision);
        let id = if d.grant_id.is_empty() {
            &d.request_id
        } else {
            &d.grant_id
        };
        let accounts: Vec<String> = d.accounts.iter().map(|a| header_safe(a)).collect();
        let args: [(&str, &dyn Display); 6] = [
            ("at", &crate::times::commission_time(d.at)),
            ("by", &header_safe(&d.by)),
            ("what", &what),
            ("accounts", &accounts.join(", ")),
            ("requester", &header_safe(&d.requester)),
            ("id", &header_safe(id)),
        ];
        let line = if full { LINE_FULL } else { LINE_MINIMAL };
        lines.push(format!("- {}", line.fill(lang, &args)));
        if full && !d.purpose.is_empty() {
            let purpose = body_safe(&d.purpose, MAX_QUOTED);
            lines.push(format!(
                "  {}",
                PURPOSE.fill(lang, &[("purpose", &purpose)])
            ));
        }
        if full && !d.reason.is_empty() {
            let reason = body_safe(&d.reason, MAX_QUOTED);
            lines.push(format!("  {}", REASON.fill(lang, &[("reason", &reason)])));
        }
    }
    lines.push(String::new());
    lines.push(END.fill(lang, &[("delegation", &delegation)]));
    lines.push(String::new());
    let seqs = digest
        .decisions
        .iter()
        .map(|d| d.seq.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let every = crate::i18n::duration_text(lang, every);
    lines.push(FOOTER.fill(lang, &[("seqs", &seqs), ("every", &every)]));
    lines.join("\n")
}

/// The digest's mail: a subject from the delegate's name and the count only, the body in
/// French then English (account names, purposes and reasons only with full detail).
pub fn compose(
    delegation: &str,
    digest: &Digest,
    detail: Detail,
    every: i64,
) -> super::mail::Letter {
    let delegate = digest
        .decisions
        .first()
        .map(|d| header_safe(&d.by))
        .unwrap_or_default();
    let args: [(&str, &dyn Display); 2] =
        [("delegate", &delegate), ("count", &digest.decisions.len())];
    let subject = format!(
        "[vaultd] {} / {}",
        SUBJECT.fill(Lang::Fr, &args),
        SUBJECT.fill(Lang::En, &args)
    );
    let section = |lang: Lang| {
        format!(
            "-- {} --\n\n{}\n",
            LANGUAGE.text(lang),
            body(lang, delegation, digest, detail, every)
        )
    };
    super::mail::Letter {
        subject: subject.chars().filter(|c| !c.is_control()).collect(),
        body: format!("{}\n{}", section(Lang::Fr), section(Lang::En)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decision(seq: u64, at: i64, what: &str, delegation: &str) -> VaultEvent {
        VaultEvent {
            seq,
            at,
            kind: "delegation.decision".into(),
            decision: what.into(),
            delegation_id: delegation.into(),
            acting_for: "authority".into(),
            decided_by: "admin2".into(),
            decided_at: at,
            accounts: vec!["facebook-cest".into()],
            requester: "admin".into(),
            request_id: "0123456789abcdef".into(),
            purpose: "Campagne\r\nBcc: eve@x".into(),
            ..Default::default()
        }
    }

    #[test]
    fn decisions_within_the_hour_make_one_digest_and_the_next_waits_an_hour_after_it() {
        let mut digests = Digests::default();
        let hour = 3600;
        assert!(digests.add(&decision(10, 1000, "approve", "d1")));
        assert!(
            !digests.add(&decision(10, 1000, "approve", "d1")),
            "known by its seq"
        );
        assert!(digests.add(&decision(11, 1500, "deny", "d1")));
        assert!(digests.add(&decision(12, 1600, "issue", "d2")));
        assert_eq!(digests.next_due(hour), Some(1000 + hour));
        assert!(digests.due(1000 + hour - 1, hour).is_empty());
        assert_eq!(digests.due(1000 + hour, hour), ["d1"]);
        assert_eq!(digests.open["d1"].decisions.len(), 2);
        digests.sent("d1", 1000 + hour, 86_400);
        // A decision right after: a new digest, due an hour after the last one sent.
        assert!(digests.add(&decision(13, 1000 + hour + 5, "revoke", "d1")));
        assert_eq!(digests.due(1600 + hour, hour), ["d2"]);
        assert!(!digests
            .due(1000 + 2 * hour + 4, hour)
            .contains(&"d1".to_owned()));
        assert!(digests
            .due(1000 + 2 * hour + 5, hour)
            .contains(&"d1".to_owned()));
        // Caught up on an old backlog: still one digest per period.
        let mut late = Digests::default();
        late.last_sent.insert("d1".into(), 50_000);
        late.add(&decision(20, 100, "approve", "d1"));
        assert!(late.due(50_000 + hour - 1, hour).is_empty());
        // Full: due at once.
        let mut full = Digests::default();
        for seq in 0..MAX_DECISIONS as u64 {
            full.add(&decision(seq + 1, 100, "approve", "d1"));
        }
        assert_eq!(full.due(101, hour), ["d1"]);
    }

    #[test]
    fn the_digest_lists_who_what_which_account_when_and_why_in_french_then_english() {
        let mut digests = Digests::default();
        digests.add(&decision(10, 1_780_000_000, "approve", "d1"));
        digests.add(&VaultEvent {
            reason: "pas maintenant".into(),
            ..decision(11, 1_780_000_600, "deny", "d1")
        });
        let letter = compose("d1", &digests.open["d1"], Detail::Full, 3600);
        assert!(
            letter.subject.starts_with("[vaultd] "),
            "{}",
            letter.subject
        );
        assert!(letter.subject.contains("admin2") && letter.subject.contains('2'));
        let (fr, en) = letter.body.split_once("-- English --").unwrap();
        for (text, approve, deny) in [(fr, "approuvé", "refusé"), (en, "approved", "denied")] {
            assert!(text.contains(approve) && text.contains(deny), "{text}");
            assert!(
                text.contains("facebook-cest") && text.contains("admin2"),
                "{text}"
            );
            assert!(text.contains("pas maintenant"), "{text}");
        }
        assert!(!letter.body.contains("\r\nBcc"), "{}", letter.body);
        assert!(letter.body.contains("Campagne  Bcc"));
        let minimal = compose("d1", &digests.open["d1"], Detail::Minimal, 3600);
        for hidden in ["facebook-cest", "Campagne", "pas maintenant"] {
            assert!(!minimal.body.contains(hidden), "{}", minimal.body);
        }
        assert!(minimal.body.contains("admin2"));
    }
}
