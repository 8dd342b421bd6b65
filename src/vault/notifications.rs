//! What the notifier did about an event (`Events.Record`): checked and bounded here, then one
//! audit entry `notification.sent`, `.failed` or `.skipped` about the event's request (or grant,
//! or account), with the facts in its detail. Nothing else is stored: the log is the record.

use super::{Caller, Vault};
use crate::ids::{PrincipalName, Role};
use crate::limits::{FieldError, Problem};
use crate::store::events::{self, EventRecord};
use crate::tlog::action::Action;
use crate::tlog::detail::Detail;
use crate::tlog::entry::AuditDraft;
use crate::vault::audit_facts::Audited;
use crate::vault::error::{Error, Result};
use crate::wire::reason::Unusable;

/// Most recipients one record names.
pub const MAX_RECIPIENTS: usize = 32;
/// Longest Message-ID, in bytes.
pub const MAX_MESSAGE_ID: usize = 200;
/// Highest attempt number (a retry a minute for weeks).
pub const MAX_ATTEMPT: u32 = 100_000;
/// Why a notification failed or was skipped (proto/vault/v1/events.proto).
pub const REASONS: &[&str] = &[
    "smtp_refused",
    "smtp_unreachable",
    "no_address",
    "hook_failed",
    "hook_timeout",
];

/// What the notifier says it did, as it sent it.
#[derive(Debug, Clone, Default)]
pub struct NotificationInput {
    pub event_seq: u64,
    pub outcome: String,
    pub channel: String,
    pub recipients: Vec<String>,
    pub reason: String,
    pub message_id: String,
    pub attempt: u32,
}

/// The input, checked.
#[derive(Debug)]
struct Checked {
    action: Action,
    recipients: Vec<String>,
}

fn field(name: &'static str, problem: Problem) -> Error {
    FieldError {
        field: name,
        problem,
    }
    .into()
}

/// Checks everything but the event (which needs the store).
fn check(input: &NotificationInput) -> Result<Checked> {
    let action = match input.outcome.as_str() {
        "sent" => Action::NotificationSent,
        "failed" => Action::NotificationFailed,
        "skipped" => Action::NotificationSkipped,
        _ => return Err(field("outcome", Problem::BadFormat)),
    };
    if !matches!(input.channel.as_str(), "mail" | "hook") {
        return Err(field("channel", Problem::BadFormat));
    }
    if input.recipients.len() > MAX_RECIPIENTS {
        return Err(field(
            "recipients",
            Problem::TooLong {
                max: MAX_RECIPIENTS,
            },
        ));
    }
    let mut recipients = Vec::with_capacity(input.recipients.len());
    for r in &input.recipients {
        let checked = match r.strip_prefix("role:") {
            Some(role) => role.parse::<Role>().map(|role| format!("role:{role}")),
            None => PrincipalName::parse(r).map(|name| name.to_string()),
        };
        recipients.push(checked.map_err(|_| field("recipients", Problem::BadFormat))?);
    }
    // A sent notification reached someone; why is said only of one that did not.
    match (action, input.reason.as_str()) {
        (Action::NotificationSent, "") => {}
        (Action::NotificationSent, _) => return Err(field("reason", Problem::BadFormat)),
        (_, "") => return Err(field("reason", Problem::Empty)),
        (_, reason) if !REASONS.contains(&reason) => {
            return Err(field("reason", Problem::BadFormat))
        }
        _ => {}
    }
    if input.message_id.len() > MAX_MESSAGE_ID {
        return Err(field(
            "message_id",
            Problem::TooLong {
                max: MAX_MESSAGE_ID,
            },
        ));
    }
    if !input.message_id.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(field("message_id", Problem::BadFormat));
    }
    if input.attempt == 0 {
        return Err(field("attempt", Problem::TooShort { min: 1 }));
    }
    if input.attempt > MAX_ATTEMPT {
        return Err(field(
            "attempt",
            Problem::TooLong {
                max: MAX_ATTEMPT as usize,
            },
        ));
    }
    Ok(Checked { action, recipients })
}

/// Bytes of the detail the recipients' list may take.
const RECIPIENTS_BUDGET: usize = crate::tlog::bounds::MAX_TEXT / 2 - 32;

/// What the entry is about: the event's request, else its grant, else its account.
fn target(event: &EventRecord) -> String {
    let body = &event.body;
    [&body.request_id, &body.grant_id]
        .into_iter()
        .find(|id| !id.is_empty())
        .cloned()
        .or_else(|| body.accounts.first().cloned())
        .unwrap_or_default()
}

/// The entry's facts: the event, how and whom it was told, and why not when it was not.
fn detail(input: &NotificationInput, event: &EventRecord, recipients: &[String]) -> String {
    let detail = Detail::default()
        .with("event", event.seq)
        .with("kind", &event.kind)
        .with("channel", &input.channel)
        .with(
            "recipients",
            // What the other facts leave of the entry's bound at their longest (about 330
            // bytes): past it, the list ends with +N.
            crate::tlog::detail::list_within(recipients, RECIPIENTS_BUDGET),
        )
        .with_some(
            "message_id",
            (!input.message_id.is_empty()).then_some(&input.message_id),
        )
        .with("attempt", input.attempt);
    if input.reason.is_empty() {
        detail.build()
    } else {
        detail.text("reason", &input.reason)
    }
}

impl Vault {
    /// Records what the notifier did about one event; answers the audit entry's number.
    pub async fn record_notification(
        &self,
        caller: &Caller,
        input: NotificationInput,
    ) -> Result<u64> {
        let checked = check(&input);
        let action = checked
            .as_ref()
            .map_or(Action::NotificationRecord, |c| c.action);
        let draft = caller.draft(action, "");
        let refusals = self.refusals.clone();
        let is_notifier = caller.roles().contains(&Role::Notifier);
        let (_, seq) = self
            .store
            .transact_audited_seq(
                move |tx| {
                    if !is_notifier {
                        return Err(Error::Forbidden(Role::Notifier));
                    }
                    let checked = checked?;
                    let event = events::get(tx, input.event_seq)?
                        .ok_or(Error::BadRequest(Unusable::UnknownEvent))?;
                    let detail = detail(&input, &event, &checked.recipients);
                    Ok((target(&event), detail))
                },
                move |result: &Result<(String, String)>| {
                    let mut draft: AuditDraft = draft.with(result);
                    match result {
                        Ok((target, detail)) => {
                            draft.targets = vec![target.clone()];
                            draft.detail = Some(detail.clone());
                            Some(draft)
                        }
                        Err(_) => {
                            // A refusal is on record as the call it was, whatever it claimed.
                            draft.action = Action::NotificationRecord;
                            draft.targets = Vec::new();
                            refusals.admit(draft)
                        }
                    }
                },
            )
            .await?;
        seq.ok_or_else(|| Error::Internal("the notification's entry was not written".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> NotificationInput {
        NotificationInput {
            event_seq: 1,
            outcome: "sent".into(),
            channel: "mail".into(),
            recipients: vec!["sg".into(), "role:authority".into()],
            reason: String::new(),
            message_id: "<ev-1.abc@vault.example>".into(),
            attempt: 1,
        }
    }

    fn refused_field(input: NotificationInput) -> &'static str {
        match check(&input) {
            Err(Error::Invalid(f)) => f.field,
            other => panic!("not refused on a field: {other:?}"),
        }
    }

    #[test]
    fn a_well_formed_record_passes_and_every_bad_part_is_named() {
        let checked = check(&good()).unwrap();
        assert_eq!(checked.action, Action::NotificationSent);
        assert_eq!(checked.recipients, ["sg", "role:authority"]);
        let failed = NotificationInput {
            outcome: "failed".into(),
            reason: "smtp_refused".into(),
            attempt: 3,
            ..good()
        };
        assert_eq!(check(&failed).unwrap().action, Action::NotificationFailed);
        let cases: Vec<(NotificationInput, &str)> = vec![
            (
                NotificationInput {
                    outcome: "done".into(),
                    ..good()
                },
                "outcome",
            ),
            (
                NotificationInput {
                    channel: "sms".into(),
                    ..good()
                },
                "channel",
            ),
            (
                NotificationInput {
                    recipients: vec!["a".into(); 33],
                    ..good()
                },
                "recipients",
            ),
            (
                NotificationInput {
                    recipients: vec!["sg@x.example".into()],
                    ..good()
                },
                "recipients",
            ),
            (
                NotificationInput {
                    recipients: vec!["role:root".into()],
                    ..good()
                },
                "recipients",
            ),
            (
                NotificationInput {
                    reason: "smtp_refused".into(),
                    ..good()
                },
                "reason",
            ),
            (
                NotificationInput {
                    outcome: "skipped".into(),
                    ..good()
                },
                "reason",
            ),
            (
                NotificationInput {
                    outcome: "failed".into(),
                    reason: "it broke".into(),
                    ..good()
                },
                "reason",
            ),
            (
                NotificationInput {
                    message_id: "x".repeat(201),
                    ..good()
                },
                "message_id",
            ),
            (
                NotificationInput {
                    message_id: "<a b>".into(),
                    ..good()
                },
                "message_id",
            ),
            (
                NotificationInput {
                    message_id: "<é>".into(),
                    ..good()
                },
                "message_id",
            ),
            (
                NotificationInput {
                    attempt: 0,
                    ..good()
                },
                "attempt",
            ),
        ];
        for (input, name) in cases {
            assert_eq!(refused_field(input), name);
        }
    }

    #[test]
    fn the_detail_holds_the_facts_and_a_reason_last() {
        let event = EventRecord {
            seq: 7,
            at: 0,
            kind: "request.created".into(),
            body: crate::store::events::EventBody {
                request_id: "r1".into(),
                grant_id: "g1".into(),
                ..Default::default()
            },
        };
        let input = NotificationInput {
            outcome: "failed".into(),
            reason: "smtp_unreachable".into(),
            attempt: 2,
            ..good()
        };
        let text = detail(&input, &event, &check(&input).unwrap().recipients);
        let get = |key| crate::tlog::detail::field(&text, key);
        assert_eq!(get("event"), Some("7"));
        assert_eq!(get("kind"), Some("request.created"));
        assert_eq!(get("channel"), Some("mail"));
        assert_eq!(get("recipients"), Some("sg,role:authority"));
        assert_eq!(get("message_id"), Some("<ev-1.abc@vault.example>"));
        assert_eq!(get("attempt"), Some("2"));
        assert_eq!(get("reason"), Some("smtp_unreachable"));
        assert_eq!(target(&event), "r1");
    }

    #[test]
    fn the_longest_record_keeps_every_fact_within_the_entry_s_bound() {
        let event = EventRecord {
            seq: u64::MAX,
            at: 0,
            kind: "rotation.recommended".into(),
            body: Default::default(),
        };
        let input = NotificationInput {
            event_seq: u64::MAX,
            outcome: "failed".into(),
            recipients: (0..MAX_RECIPIENTS)
                .map(|i| format!("{i:02}{}", "n".repeat(60)))
                .collect(),
            reason: "smtp_unreachable".into(),
            message_id: "<".repeat(MAX_MESSAGE_ID),
            attempt: MAX_ATTEMPT,
            ..good()
        };
        let checked = check(&input).unwrap();
        let text = detail(&input, &event, &checked.recipients);
        assert!(
            text.len() <= crate::tlog::bounds::MAX_TEXT,
            "{}",
            text.len()
        );
        assert_eq!(crate::tlog::bounds::text(&text), text, "kept whole");
        let get = |key| crate::tlog::detail::field(&text, key);
        assert!(get("recipients").unwrap().contains(",+"), "{text}");
        assert_eq!(get("reason"), Some("smtp_unreachable"));
        assert_eq!(get("attempt"), Some("100000"));
    }
}
