//! `vault.v1.Principals`: enrollment and management (operator).

use super::authn::caller;
use super::{audited_read, finish};
use crate::tlog::action::Action;
use crate::vault::PrincipalRecord;
use crate::vault::Vault;
use crate::wire::pb;
use std::sync::Arc;
use tonic::{Request, Response, Status};

pub struct PrincipalsService {
    vault: Arc<Vault>,
}

impl PrincipalsService {
    pub fn new(vault: Arc<Vault>) -> Self {
        Self { vault }
    }
}

impl From<PrincipalRecord> for pb::Principal {
    fn from(p: PrincipalRecord) -> Self {
        pb::Principal {
            name: p.name,
            roles: p.roles.iter().map(|r| r.to_string()).collect(),
            disabled: p.disabled,
            created_at: p.created_at,
            created_by: p.created_by,
            cert_fingerprint: p.cert_fingerprint,
            cert_not_after: p.cert_not_after,
        }
    }
}

fn enroll_response(done: crate::vault::EnrollResult) -> pb::EnrollResponse {
    pb::EnrollResponse {
        principal: Some(done.principal.into()),
        cert_pem: done.enrollment.cert_pem,
        ca_pem: done.enrollment.ca_pem,
        server: done.enrollment.server,
        server_name: done.enrollment.server_name,
    }
}

#[tonic::async_trait]
impl pb::principals_server::Principals for PrincipalsService {
    async fn enroll(
        &self,
        request: Request<pb::EnrollRequest>,
    ) -> Result<Response<pb::EnrollResponse>, Status> {
        let caller = caller(&request)?;
        let r = request.into_inner();
        let result = self.vault.enroll(&caller, &r.csr_pem, &r.roles).await;
        let target = result
            .as_ref()
            .map(|e| e.principal.name.clone())
            .unwrap_or_else(|_| "?".into());
        let enrolled = finish(&caller, Action::PrincipalEnroll, &target, result)?;
        Ok(Response::new(enroll_response(enrolled)))
    }

    async fn renew(
        &self,
        request: Request<pb::RenewRequest>,
    ) -> Result<Response<pb::EnrollResponse>, Status> {
        let caller = caller(&request)?;
        let csr = request.into_inner().csr_pem;
        let result = self.vault.renew(&caller, &csr).await;
        let renewed = finish(&caller, Action::PrincipalRenew, caller.name(), result)?;
        Ok(Response::new(enroll_response(renewed)))
    }

    async fn enable(
        &self,
        request: Request<pb::EnablePrincipalRequest>,
    ) -> Result<Response<pb::Principal>, Status> {
        let caller = caller(&request)?;
        let name = request.into_inner().name;
        let result = self.vault.enable_principal(&caller, &name).await;
        Ok(Response::new(
            finish(&caller, Action::PrincipalEnable, &name, result)?.into(),
        ))
    }

    async fn list(
        &self,
        request: Request<pb::ListPrincipalsRequest>,
    ) -> Result<Response<pb::ListPrincipalsResponse>, Status> {
        let caller = caller(&request)?;
        let principals = self.vault.list_principals().await;
        let principals =
            audited_read(&self.vault, &caller, Action::PrincipalList, "", principals).await?;
        Ok(Response::new(pb::ListPrincipalsResponse {
            principals: principals.into_iter().map(Into::into).collect(),
        }))
    }

    async fn disable(
        &self,
        request: Request<pb::DisablePrincipalRequest>,
    ) -> Result<Response<pb::Principal>, Status> {
        let caller = caller(&request)?;
        let name = request.into_inner().name;
        let result = self.vault.disable_principal(&caller, &name).await;
        Ok(Response::new(
            finish(&caller, Action::PrincipalDisable, &name, result)?.into(),
        ))
    }

    async fn set_roles(
        &self,
        request: Request<pb::SetRolesRequest>,
    ) -> Result<Response<pb::Principal>, Status> {
        let caller = caller(&request)?;
        let r = request.into_inner();
        let result = self.vault.set_roles(&caller, &r.name, &r.roles).await;
        Ok(Response::new(
            finish(&caller, Action::PrincipalRoles, &r.name, result)?.into(),
        ))
    }
}
