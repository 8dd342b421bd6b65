//! Principals: enrollment from a certificate request (the vault's CA signs it), listing,
//! disabling and changing roles. The last enabled operator cannot be disabled or demoted, so the
//! vault never locks its own operators out.

use super::{Caller, Vault};
use crate::crypto::data_key::Binding;
use crate::error::{Error, Result};
use crate::identity::{Enrollment, Identity};
use crate::ids::{PrincipalName, Role};
use crate::limits::{self, FieldError, Problem};
use crate::pki;
use crate::secret::SecretString;
use crate::store::meta::{self, names};
use crate::store::principals::{self, PrincipalRecord};

/// A new principal and what its person needs to finish their identity file.
pub struct EnrollResult {
    pub principal: PrincipalRecord,
    pub enrollment: Enrollment,
}

/// The CA key sealed under the data key.
pub(crate) const CA_KEY_BINDING: &str = "ca";

impl Vault {
    async fn ca(&self) -> Result<(String, SecretString, String, String)> {
        let key = self.key()?;
        let (cert, sealed, url, server_name) = self
            .store
            .run(|c| {
                Ok((
                    meta::require_text(c, names::CA_CERT)?,
                    meta::require(c, names::CA_KEY_SEALED)?,
                    meta::require_text(c, names::PUBLIC_URL)?,
                    meta::require_text(c, names::SERVER_NAME)?,
                ))
            })
            .await?;
        let ca_key = key
            .open(&Binding::vault_key(CA_KEY_BINDING), &sealed)
            .map_err(|e| Error::Integrity(format!("CA key: {e}")))?;
        let ca_key = String::from_utf8(ca_key.expose().to_vec())
            .map_err(|_| Error::Integrity("CA key is not PEM".into()))?;
        Ok((cert, SecretString::new(ca_key), url, server_name))
    }

    /// Enrolls the principal named in a PEM certificate request with `roles`.
    pub async fn enroll(
        &self,
        caller: &Caller,
        csr_pem: &str,
        role_names: &[String],
    ) -> Result<EnrollResult> {
        if csr_pem.len() > limits::MAX_CSR {
            return Err(FieldError {
                field: "csr",
                problem: Problem::TooLong {
                    max: limits::MAX_CSR,
                },
            }
            .into());
        }
        let roles = crate::ids::parse_roles(role_names)?;
        let request = pki::verify_request(csr_pem).map_err(|_| {
            Error::BadRequest(
                "the certificate request is malformed or its signature does not verify",
            )
        })?;
        let name = PrincipalName::parse(&request.requested_name)?.to_string();
        let (ca_cert, ca_key, server, server_name) = self.ca().await?;
        let cert_pem = pki::issue_client_cert(&ca_cert, &ca_key, &name, &request)
            .map_err(|e| Error::Internal(e.to_string()))?;
        let der = pki::first_cert_der(&cert_pem)
            .ok_or(Error::Internal("issued certificate unreadable".into()))?;
        let fingerprint = pki::fingerprint(&der);
        let by = caller.name().to_owned();
        let key = name.clone();
        let principal = self
            .store
            .write(move |tx| {
                if principals::exists(tx, &key)? {
                    return Ok(None);
                }
                principals::insert(tx, &key, &fingerprint, &roles, &by)?;
                principals::by_name(tx, &key)
            })
            .await?
            .ok_or(Error::DuplicatePrincipal(name.clone()))?;
        Ok(EnrollResult {
            principal,
            enrollment: Enrollment {
                format: Enrollment::FORMAT.into(),
                name,
                server,
                server_name,
                ca_pem: ca_cert,
                cert_pem,
            },
        })
    }

    /// Makes a key, a request and an enrollment in one step, for identities the vault writes
    /// itself (the first operator at init, every role in `vaultd dev`).
    pub async fn enroll_local(
        &self,
        caller: &Caller,
        name: &str,
        roles: &[Role],
    ) -> Result<Identity> {
        let key = pki::new_client_key().map_err(|e| Error::Internal(e.to_string()))?;
        let csr =
            pki::certificate_request(name, &key).map_err(|e| Error::Internal(e.to_string()))?;
        let role_names: Vec<String> = roles.iter().map(|r| r.to_string()).collect();
        let result = self.enroll(caller, &csr, &role_names).await?;
        Ok(Identity::enrolled(result.enrollment, key))
    }

    pub async fn list_principals(&self) -> Result<Vec<PrincipalRecord>> {
        Ok(self.store.run(|c| principals::list(c)).await?)
    }

    /// Disables a principal: its next call is refused.
    pub async fn disable_principal(&self, name: &str) -> Result<PrincipalRecord> {
        self.change_principal(name, None).await
    }

    /// Replaces a principal's roles: the next call sees the new set.
    pub async fn set_roles(&self, name: &str, role_names: &[String]) -> Result<PrincipalRecord> {
        let roles = crate::ids::parse_roles(role_names)?;
        self.change_principal(name, Some(roles)).await
    }

    /// Disables (`roles` None) or re-roles a principal, refusing to leave no enabled operator.
    async fn change_principal(
        &self,
        name: &str,
        roles: Option<Vec<Role>>,
    ) -> Result<PrincipalRecord> {
        let name = PrincipalName::parse(name)?.to_string();
        let key = name.clone();
        let outcome = self
            .store
            .write(move |tx| {
                let Some(before) = principals::by_name(tx, &key)? else {
                    return Ok(Err(Error::UnknownPrincipal(key)));
                };
                let stays_operator = match &roles {
                    None => false,
                    Some(r) => r.contains(&Role::Operator),
                };
                let is_active_operator = !before.disabled && before.roles.contains(&Role::Operator);
                if is_active_operator && !stays_operator {
                    let others = principals::list(tx)?
                        .into_iter()
                        .filter(|p| {
                            p.name != key && !p.disabled && p.roles.contains(&Role::Operator)
                        })
                        .count();
                    if others == 0 {
                        return Ok(Err(Error::LastOperator(key)));
                    }
                }
                match &roles {
                    None => principals::disable(tx, &key)?,
                    Some(r) => principals::set_roles(tx, &key, r)?,
                }
                Ok(principals::by_name(tx, &key)?.ok_or(Error::UnknownPrincipal(key)))
            })
            .await?;
        outcome
    }
}
