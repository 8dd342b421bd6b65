//! Rotation due by age: an account whose current password is older than its maximum age (its
//! own, `account add|set --max-age`, else the configured `[rotation] max_age`) should have it
//! changed even if nobody's grant ended. "Due" is the current version's time plus that age,
//! read from the account row (never from history); the clock writes `rotation.due` once per
//! password version, with its audit entry (principal `vaultd`), and the notifier tells the
//! operators. A new password version (`secret set`, a confirmed rotation) ends it.

use super::{Caller, Vault};
use crate::store::accounts::AccountRecord;
use crate::store::events;
use crate::store::rotation_due::{self, Due};
use crate::tlog::action::Action;
use crate::tlog::detail::Detail;
use crate::vault::error::{Error, Result};

impl Vault {
    /// Since when `account`'s password is due for rotation by age, as of now (None: not due).
    pub fn rotation_due_since(&self, account: &AccountRecord) -> Option<i64> {
        account.due_since(self.default_max_age(), crate::store::now())
    }

    /// Writes rotation.due for the first password due by `at` not yet noted; false when none.
    pub(crate) async fn note_rotation_due(&self, at: i64) -> Result<bool> {
        let system = Caller::system("vaultd");
        let max_age = self.default_max_age();
        let noted = self
            .store
            .transact_audited(
                move |tx| {
                    let Some(due) = rotation_due::note_next_due(tx, at, max_age)? else {
                        return Ok::<_, Error>(None);
                    };
                    let seq = events::rotation_due(tx, &due)?;
                    Ok(Some((due, seq)))
                },
                move |result: &Result<Option<(Due, u64)>>| match result {
                    Ok(Some((due, seq))) => {
                        let mut draft = system.draft(Action::RotationDue, &due.account);
                        draft.detail = Some(
                            Detail::default()
                                .with("event", seq)
                                .with("version", due.version)
                                .with("since", crate::times::format_time(due.since))
                                .with("max_age", format!("{}s", due.max_age))
                                .build(),
                        );
                        Some(draft)
                    }
                    _ => None,
                },
            )
            .await?;
        Ok(noted.is_some())
    }
}
