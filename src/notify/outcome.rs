//! What became of one telling (a mail or a hook), as `Events.Record` takes it: kept in the
//! state file for the event in hand (`state`) and for a digest being sent (`digest`) until the
//! vault has it on record.

use serde::{Deserialize, Serialize};

/// One channel's final outcome for an event, as `Events.Record` takes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Done {
    /// sent, failed or skipped.
    pub outcome: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub recipients: Vec<String>,
    #[serde(default)]
    pub message_id: String,
    pub attempt: u32,
    /// Whether the vault has it on record.
    pub recorded: bool,
}
