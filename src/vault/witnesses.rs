//! The witnesses whose cosignatures the vault keeps: their verifier keys, listed by the auditor
//! or the authority (the RPC table says who), each change on record. `audit_log` keeps a
//! cosignature only when it verifies under the listed key of its witness's name.

use super::{Caller, Vault};
use crate::store::witnesses::{self, WitnessRecord};
use crate::tlog::action::Action;
use crate::tlog::cosignature::WitnessVerifier;
use crate::vault::audit_facts::AuditFacts;
use crate::vault::error::{Error, Result};
use crate::wire::reason::Unusable;

/// How many witnesses the vault lists; more are refused.
pub const MAX_WITNESSES: usize = 16;
/// Longest witness name listed (as for the cosignatures the vault kept before the list).
pub const MAX_WITNESS_NAME: usize = 80;

/// A listed witness.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Witness {
    pub name: String,
    pub verifier_key: String,
    pub added_by: String,
    pub added_at: i64,
}

impl From<WitnessRecord> for Witness {
    fn from(r: WitnessRecord) -> Self {
        Witness {
            name: r.name,
            verifier_key: r.verifier_key,
            added_by: r.added_by,
            added_at: r.added_at,
        }
    }
}

impl AuditFacts for Witness {
    fn audit_detail(&self) -> Option<String> {
        Some(format!("witness {}", self.verifier_key))
    }
}

/// The listed witnesses.
#[derive(Debug, Clone)]
pub struct Witnesses(pub Vec<Witness>);

impl AuditFacts for Witnesses {
    fn audit_detail(&self) -> Option<String> {
        Some(format!("{} listed", self.0.len()))
    }
}

/// A witness verifier key the vault can list: a cosignature/v1 key whose name is short and
/// printable (it becomes a name in signature lines and in audit entries).
pub fn parse_witness_key(text: &str) -> Result<WitnessVerifier> {
    let refused = || Error::BadRequest(Unusable::NotAWitnessKey);
    if text.len() > 2 * MAX_WITNESS_NAME + 64 {
        return Err(refused());
    }
    let key = WitnessVerifier::parse(text).map_err(|_| refused())?;
    if !printable_name(&key.name) {
        return Err(refused());
    }
    Ok(key)
}

/// A witness name a person can read: short, no control or invisible characters.
fn printable_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_WITNESS_NAME
        && !name.contains(|c: char| c.is_control() || crate::limits::is_invisible_control(c))
}

impl Vault {
    /// Lists a witness's verifier key: from now on its cosignatures are kept. A name already
    /// listed is refused (remove it first), and so is a key past `MAX_WITNESSES`.
    pub async fn add_witness(&self, caller: &Caller, key: &str) -> Result<Witness> {
        let parsed = parse_witness_key(key);
        let target = match &parsed {
            Ok(key) => key.name.clone(),
            Err(_) => "witnesses".to_owned(),
        };
        let draft = caller.draft(Action::AuditWitnessAdd, target);
        let added_by = caller.name().to_owned();
        self.audited(draft, move |tx| {
            let key = parsed?;
            if witnesses::key_of(tx, &key.name)?.is_some() {
                return Err(Error::BadRequest(Unusable::WitnessAlreadyListed));
            }
            if witnesses::count(tx)? >= MAX_WITNESSES {
                return Err(Error::BadRequest(Unusable::WitnessLimit));
            }
            let record = WitnessRecord {
                name: key.name.clone(),
                verifier_key: key.to_key_string(),
                added_by,
                added_at: crate::store::now(),
            };
            witnesses::add(tx, &record)?;
            Ok(record.into())
        })
        .await
    }

    /// Removes a listed witness, and the cosignature the vault kept for it.
    pub async fn remove_witness(&self, caller: &Caller, name: &str) -> Result<()> {
        let valid = printable_name(name);
        let target = if valid { name } else { "witnesses" };
        let draft = caller.draft(Action::AuditWitnessRemove, target);
        let name = name.to_owned();
        self.audited(draft, move |tx| {
            if valid && witnesses::remove(tx, &name)? {
                Ok(())
            } else {
                Err(Error::BadRequest(Unusable::WitnessNotListed))
            }
        })
        .await
    }

    /// The listed witnesses, by name.
    pub async fn list_witnesses(&self) -> Result<Witnesses> {
        let records = self.store.run(|c| witnesses::list(c)).await?;
        Ok(Witnesses(records.into_iter().map(Witness::from).collect()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tlog::note::Signer;

    #[test]
    fn only_a_witness_key_with_a_readable_name_is_listed() {
        let signer = Signer::generate("witness.test/w1").unwrap();
        let key = WitnessVerifier::of(&signer);
        assert_eq!(parse_witness_key(&key.to_key_string()).unwrap(), key);
        let refused = |text: &str| {
            matches!(
                parse_witness_key(text),
                Err(Error::BadRequest(Unusable::NotAWitnessKey))
            )
        };
        // The log's kind of key (signed note, 0x01) is not a witness's (cosignature, 0x04).
        assert!(refused(&signer.verifier().to_key_string()));
        assert!(refused("random bytes"));
        for name in ["w\u{202E}1", &"w".repeat(MAX_WITNESS_NAME + 1)] {
            let odd = WitnessVerifier {
                name: name.to_owned(),
                public_key: key.public_key.clone(),
            };
            assert!(refused(&odd.to_key_string()), "{name:?}");
        }
    }
}
