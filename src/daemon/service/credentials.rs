//! `vault.v1.Credentials`: releasing a credential under a valid grant.

use super::authn::caller;
use super::{audited_read, finish};
use crate::limits::{FieldError, Problem};
use crate::tlog::action::Action;
use crate::vault::error::Error;
use crate::vault::{CredentialField, Vault};
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
        let result = match CredentialField::parse(&r.field) {
            Some(field) => {
                let why = (!r.reason.trim().is_empty()).then(|| r.reason.clone());
                self.vault.release(&caller, &r.account_id, field, why).await
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
        Ok(Response::new(pb::Credential {
            account_id: release.account_id,
            field: release.field.as_str().into(),
            value: release.value.expose().to_vec(),
            grant_id: release.grant_id,
            version: release.version,
            valid_for_secs: release.valid_for_secs,
            grant_not_after: release.grant_not_after,
        }))
    }
}
