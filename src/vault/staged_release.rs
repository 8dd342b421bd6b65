//! A rotation's staged value released before it is confirmed (`credential get --field
//! password-staged` or `totp-staged`), so that a confirmation forgotten after the platform took
//! the new password loses nothing. Only to the person who staged it: nobody else ever needed
//! it, and a second reader would be a second person to trust with a password the platform may
//! not even have yet. The release path (`credentials.rs`) takes the grant decision first, so
//! these checks tell nothing to someone without a grant; they run before the use is counted,
//! so a refusal spends none.

use super::Caller;
use crate::crypto::data_key::{Binding, DataKey};
use crate::secret::SecretBytes;
use crate::store::secrets::Field;
use crate::store::staged::{self, Staged, StagedHolder};
use crate::vault::error::{Error, Result};
use crate::wire::reason::Unusable;
use rusqlite::Connection;

/// The account's staged change of `field`, if the caller staged it: nothing staged (or a change
/// of the other field) and someone else's change are refused.
pub(crate) fn staged_for(
    tx: &Connection,
    caller: &Caller,
    account_id: &str,
    field: Field,
) -> Result<Staged> {
    let change = staged::get(tx, account_id)?
        .filter(|c| c.field == field)
        .ok_or(Error::BadRequest(Unusable::NothingStaged))?;
    if change.staged_by != caller.name() {
        return Err(Error::StagedByAnother {
            account: account_id.to_owned(),
            staged_by: change.staged_by,
        });
    }
    Ok(change)
}

/// Opens `change` for `holder` and records that they hold it: the holding becomes the new
/// version's when the change is confirmed. A TOTP seed never leaves: its current code does,
/// with the seconds it stays valid.
pub(crate) fn open_for(
    tx: &Connection,
    key: &DataKey,
    change: &Staged,
    holder: &StagedHolder,
    now: i64,
) -> Result<(SecretBytes, u64)> {
    let binding = Binding::staged(&change.account_id, &change.stage_id, change.field.as_str());
    let value = key.open(&binding, &change.sealed).map_err(|e| {
        Error::Integrity(format!(
            "{} staged {}: {e}",
            change.account_id, change.stage_id
        ))
    })?;
    match change.field {
        Field::Password => {
            staged::record_holder(tx, &change.stage_id, holder)?;
            Ok((value, 0))
        }
        Field::Totp => {
            let (code, valid_for) = crate::authz::totp::current(value.expose(), now.max(0) as u64);
            Ok((SecretBytes::new(code.into_bytes()), valid_for))
        }
    }
}
