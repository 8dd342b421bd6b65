//! `vault.v1.Credentials`: releasing a credential under a valid grant.

use super::authn::caller;
use super::{audited_read, finish};
use crate::limits::{FieldError, Problem};
use crate::tlog::action::Action;
use crate::vault::error::Error;
use crate::vault::{CredentialField, Selection, Vault};
use crate::wire::pb;
use std::sync::Arc;
use tonic::{Request, Response, Status};

pub struct CredentialsService {
    vault: Arc<Vault>,
}

impl CredentialsService {
    pub fn new(vault: Arc<Vault>) -> Self {
        Self { vault }
    }
}

#[tonic::async_trait]
impl pb::credentials_server::Credentials for CredentialsService {
    async fn get(
        &self,
        request: Request<pb::GetCredentialRequest>,
    ) -> Result<Response<pb::Credential>, Status> {
        // Any enrolled principal may ask; the decision refuses every role but admin, and says so.
        let caller = caller(&request)?;
        let r = request.into_inner();
        // A login names no field: one that does is a contradiction, refused rather than guessed.
        let selection = match (r.login, r.field.as_str()) {
            (true, "") => Some(Selection::Login),
            (true, _) => None,
            (false, field) => CredentialField::parse(field).map(Selection::One),
        };
        let result = match selection {
            Some(selection) => {
                let why = (!r.reason.trim().is_empty()).then(|| r.reason.clone());
                self.vault
                    .release(&caller, &r.account_id, selection, why)
                    .await
            }
            None => {
                // Refused, and on record like every other refusal.
                let bad: Result<(), Error> = Err(Error::Invalid(FieldError {
                    field: "field",
                    problem: Problem::BadFormat,
                }));
                return audited_read(
                    &self.vault,
                    &caller,
                    Action::CredentialGet,
                    &r.account_id,
                    bad,
                )
                .await
                .and_then(|()| Err(Status::internal("internal")));
            }
        };
        let release = finish(&caller, Action::CredentialGet, &r.account_id, result)?;
        let bytes = |field| {
            release
                .value(field)
                .map(|v| v.value.expose().to_vec())
                .unwrap_or_default()
        };
        let (main, login, totp_code) = match release.selection {
            Selection::One(field) => (field, String::new(), Vec::new()),
            Selection::Login => (
                CredentialField::Password,
                String::from_utf8_lossy(&bytes(CredentialField::Login)).into_owned(),
                bytes(CredentialField::Totp),
            ),
        };
        // A code's validity, whether it came alone, with a login, or from a staged seed.
        let valid_for_secs = release
            .values
            .iter()
            .map(|v| v.valid_for_secs)
            .max()
            .unwrap_or(0);
        Ok(Response::new(pb::Credential {
            account_id: release.account_id.clone(),
            field: release.fields(),
            value: bytes(main),
            grant_id: release.grant_id.clone(),
            version: release.value(main).map_or(0, |v| v.version),
            valid_for_secs,
            grant_not_after: release.grant_not_after,
            login,
            totp_code,
        }))
    }
}
