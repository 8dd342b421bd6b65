//! Principals: enrollment from a certificate request (the vault's CA signs it), renewal of a
//! principal's own certificate, re-enrolment of a disabled one, listing, disabling, enabling and
//! changing roles. A replaced certificate is refused at the handshake until it expires. The last enabled operator cannot be disabled or demoted, so the
//! vault never locks its own operators out.

use super::{Caller, Vault};
use crate::crypto::data_key::Binding;
use crate::identity::pki;
use crate::identity::{Enrollment, Identity};
use crate::ids::{PrincipalName, Role};
use crate::limits::{self, FieldError, Problem};
use crate::secret::SecretString;
use crate::store::grants;
use crate::store::meta::{self, names};
use crate::store::principals::CertificateFacts;
use crate::store::principals::{self, PrincipalRecord};
use crate::tlog::action::Action;
use crate::tlog::detail::Detail;
use crate::vault::error::{Error, Result};
use crate::wire::reason::Unusable;

/// A new principal and what its person needs to finish their identity file.
pub struct EnrollResult {
    pub principal: PrincipalRecord,
    pub enrollment: Enrollment,
    /// What happened to an existing principal: re-enrolled (it was disabled) or renewed.
    pub note: Option<&'static str>,
    /// The grants a re-enrolment revoked (ids of grants the vault holds).
    pub revoked_grants: Vec<String>,
}

impl crate::vault::audit_facts::AuditFacts for EnrollResult {
    /// The certificate, and the roles it was enrolled with (read back by the review report).
    fn audit_detail(&self) -> Option<String> {
        let words = format!(
            "{}certificate {} until {}",
            self.note.map(|n| format!("{n}; ")).unwrap_or_default(),
            &self.principal.cert_fingerprint[..16.min(self.principal.cert_fingerprint.len())],
            crate::times::format_time(self.principal.cert_not_after)
        );
        let detail =
            Detail::words(words).with("roles", crate::ids::roles_text(&self.principal.roles));
        // Which grants a re-enrolment revoked, as many as fit (a review reads them back from
        // the grants it saw, all of them, whatever this list leaves out).
        Some(if self.revoked_grants.is_empty() {
            detail.build()
        } else {
            detail
                .with(
                    "revoked",
                    crate::tlog::detail::list_within(
                        &self.revoked_grants,
                        crate::tlog::bounds::MAX_TEXT / 2,
                    ),
                )
                .build()
        })
    }
}

/// A certificate request past the size limit is refused before it is parsed any further.
fn refuse_long_csr(too_long: bool) -> Result<()> {
    if too_long {
        return Err(FieldError {
            field: "csr",
            problem: Problem::TooLong {
                max: limits::MAX_CSR,
            },
        }
        .into());
    }
    Ok(())
}

/// Issues `name` a client certificate for the request's key, from the vault's CA: what its
/// person needs (the enrollment) and what the vault keeps (fingerprint and expiry).
fn issue_certificate(
    tx: &rusqlite::Transaction<'_>,
    key: &crate::crypto::data_key::DataKey,
    name: &str,
    request: &pki::VerifiedRequest,
) -> Result<(Enrollment, CertificateFacts)> {
    let (ca_cert, ca_key, server, server_name) = ca(tx, key)?;
    let cert_pem = pki::issue_client_cert(&ca_cert, &ca_key, name, request)
        .map_err(|e| Error::Internal(e.to_string()))?;
    let facts = certificate_facts(&cert_pem)?;
    let enrollment = Enrollment {
        format: Enrollment::FORMAT.into(),
        name: name.to_owned(),
        server,
        server_name,
        ca_pem: ca_cert,
        cert_pem,
    };
    Ok((enrollment, facts))
}

/// The fingerprint and expiry of a certificate the vault just issued.
fn certificate_facts(cert_pem: &str) -> Result<CertificateFacts> {
    let der = pki::first_cert_der(cert_pem)
        .ok_or(Error::Internal("issued certificate unreadable".into()))?;
    let not_after = pki::cert_not_after(cert_pem)
        .ok_or(Error::Internal("issued certificate has no expiry".into()))?;
    Ok(CertificateFacts {
        fingerprint: pki::fingerprint(&der),
        not_after,
    })
}

/// The CA key sealed under the data key.
pub(crate) const CA_KEY_BINDING: &str = "ca";

/// The CA certificate, CA key, public URL and server name, read in the writer's transaction.
pub(super) fn ca(
    conn: &rusqlite::Connection,
    key: &crate::crypto::data_key::DataKey,
) -> Result<(String, SecretString, String, String)> {
    let cert = meta::require_text(conn, names::CA_CERT)?;
    let sealed = meta::require(conn, names::CA_KEY_SEALED)?;
    let url = meta::require_text(conn, names::PUBLIC_URL)?;
    let server_name = meta::require_text(conn, names::SERVER_NAME)?;
    let ca_key = key
        .open(&Binding::vault_key(CA_KEY_BINDING), &sealed)
        .map_err(|e| Error::Integrity(format!("CA key: {e}")))?;
    let ca_key = String::from_utf8(ca_key.expose().to_vec())
        .map_err(|_| Error::Integrity("CA key is not PEM".into()))?;
    Ok((cert, SecretString::new(ca_key), url, server_name))
}

impl Vault {
    /// Enrolls the principal named in a PEM certificate request with `roles`.
    pub async fn enroll(
        &self,
        caller: &Caller,
        csr_pem: &str,
        role_names: &[String],
    ) -> Result<EnrollResult> {
        let request = pki::verify_request(csr_pem);
        let target = request
            .as_ref()
            .map(|r| r.requested_name.clone())
            .unwrap_or_default();
        let draft = caller.draft(Action::PrincipalEnroll, target);
        let key = self.key();
        let too_long = csr_pem.len() > limits::MAX_CSR;
        let role_names = role_names.to_vec();
        let by = caller.name().to_owned();
        let enrolled = self
            .audited(draft, move |tx| {
                refuse_long_csr(too_long)?;
                let roles = crate::ids::parse_roles(&role_names)?;
                let request = request.map_err(|_| Error::BadRequest(Unusable::BadCsr))?;
                let name = PrincipalName::parse(&request.requested_name)?.to_string();
                if limits::is_reserved_name(&name) {
                    return Err(FieldError {
                        field: "principal",
                        problem: Problem::Reserved,
                    }
                    .into());
                }
                let key = key?;
                let existing = principals::by_name(tx, &name)?;
                // An enabled principal renews itself (`identity renew`); a disabled one may be
                // enrolled again, with the key of its new request.
                if existing.as_ref().is_some_and(|p| !p.disabled) {
                    return Err(Error::DuplicatePrincipal(name));
                }
                let (enrollment, facts) = issue_certificate(tx, &key, &name, &request)?;
                let mut revoked_grants = Vec::new();
                let note = match existing {
                    None => {
                        principals::insert(tx, &name, &facts, &roles, &by)?;
                        None
                    }
                    Some(_) => {
                        principals::replace_certificate(tx, &name, &facts)?;
                        principals::set_roles(tx, &name, &roles)?;
                        principals::enable(tx, &name)?;
                        // Grants name a principal, not a key: whoever holds the name now
                        // must not inherit what the Secrétaire générale granted before.
                        let now = crate::store::now();
                        for grant in grants::list(tx, Some(&name), None, Some(now))? {
                            grants::revoke(tx, &grant.id, &by, "grantee enrolled again")?;
                            revoked_grants.push(grant.id);
                        }
                        Some("re-enrolled after being disabled; earlier live grants revoked")
                    }
                };
                let principal = principals::by_name(tx, &name)?
                    .ok_or_else(|| Error::UnknownPrincipal(name.clone()))?;
                Ok(EnrollResult {
                    principal,
                    enrollment,
                    note,
                    revoked_grants,
                })
            })
            .await;
        // Before answering: the new certificate is known from the next call on, and a
        // replaced one is refused at the handshake.
        match &enrolled {
            Ok(result) => self.principal_changed(&result.principal.name),
            Err(_) => self.known_principals.forget(),
        }
        self.refresh_revoked_certificates().await?;
        enrolled
    }

    /// Issues the caller a new certificate for the key of `csr_pem` (its current key or a new
    /// one); the certificate it replaces stops working at once.
    pub async fn renew(&self, caller: &Caller, csr_pem: &str) -> Result<EnrollResult> {
        let draft = caller.draft(Action::PrincipalRenew, caller.name());
        let request = pki::verify_request(csr_pem);
        let too_long = csr_pem.len() > limits::MAX_CSR;
        let key = self.key();
        let name = caller.name().to_owned();
        let renewed = self
            .audited(draft, move |tx| {
                refuse_long_csr(too_long)?;
                let request = request.map_err(|_| Error::BadRequest(Unusable::BadCsr))?;
                // A principal renews only itself.
                if request.requested_name != name {
                    return Err(Error::BadRequest(Unusable::BadCsr));
                }
                let key = key?;
                let (enrollment, facts) = issue_certificate(tx, &key, &name, &request)?;
                principals::replace_certificate(tx, &name, &facts)?;
                let principal = principals::by_name(tx, &name)?
                    .ok_or_else(|| Error::UnknownPrincipal(name.clone()))?;
                Ok(EnrollResult {
                    principal,
                    enrollment,
                    note: Some("renewed"),
                    revoked_grants: Vec::new(),
                })
            })
            .await;
        // The replaced certificate's connections and streams end with it.
        match &renewed {
            Ok(_) => self.principal_changed(caller.name()),
            Err(_) => self.known_principals.forget(),
        }
        self.refresh_revoked_certificates().await?;
        renewed
    }

    /// Enables a disabled principal again (its current certificate works again).
    pub async fn enable_principal(&self, caller: &Caller, name: &str) -> Result<PrincipalRecord> {
        let name_owned = name.to_owned();
        let enabled = self
            .audited(caller.draft(Action::PrincipalEnable, name), move |tx| {
                let name = PrincipalName::parse(&name_owned)?.to_string();
                principals::by_name(tx, &name)?
                    .ok_or_else(|| Error::UnknownPrincipal(name.clone()))?;
                principals::enable(tx, &name)?;
                principals::by_name(tx, &name)?.ok_or(Error::UnknownPrincipal(name))
            })
            .await;
        match &enabled {
            Ok(record) => self.principal_changed(&record.name),
            Err(_) => self.known_principals.forget(),
        }
        self.refresh_revoked_certificates().await?;
        enabled
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
        Identity::enrolled(result.enrollment, key)
            .map_err(|_| Error::BadRequest(Unusable::PublicUrlNotHttps))
    }

    pub async fn list_principals(&self) -> Result<Vec<PrincipalRecord>> {
        Ok(self.store.run(|c| principals::list(c)).await?)
    }

    /// Disables a principal: its next call is refused.
    pub async fn disable_principal(&self, caller: &Caller, name: &str) -> Result<PrincipalRecord> {
        self.change_principal(caller.draft(Action::PrincipalDisable, name), name, None)
            .await
    }

    /// Replaces a principal's roles: the next call sees the new set.
    pub async fn set_roles(
        &self,
        caller: &Caller,
        name: &str,
        role_names: &[String],
    ) -> Result<PrincipalRecord> {
        let mut draft = caller.draft(Action::PrincipalRoles, name);
        draft.detail = Some(
            Detail::default()
                .with("roles", role_names.join(","))
                .build(),
        );
        self.change_principal(draft, name, Some(role_names.to_vec()))
            .await
    }

    /// Disables (`roles` None) or re-roles a principal, refusing to leave no enabled operator.
    async fn change_principal(
        &self,
        draft: crate::tlog::entry::AuditDraft,
        name: &str,
        role_names: Option<Vec<String>>,
    ) -> Result<PrincipalRecord> {
        let name = name.to_owned();
        let changed = self
            .audited(draft, move |tx| {
                let roles = role_names
                    .as_deref()
                    .map(crate::ids::parse_roles)
                    .transpose()?;
                let name = PrincipalName::parse(&name)?.to_string();
                let before = principals::by_name(tx, &name)?
                    .ok_or_else(|| Error::UnknownPrincipal(name.clone()))?;
                let stays_operator = roles.as_ref().is_some_and(|r| r.contains(&Role::Operator));
                let is_active_operator = !before.disabled && before.roles.contains(&Role::Operator);
                if is_active_operator && !stays_operator {
                    let others = principals::list(tx)?
                        .into_iter()
                        .filter(|p| {
                            p.name != name && !p.disabled && p.roles.contains(&Role::Operator)
                        })
                        .count();
                    if others == 0 {
                        return Err(Error::LastOperator(name));
                    }
                }
                match &roles {
                    None => principals::disable(tx, &name)?,
                    Some(r) => principals::set_roles(tx, &name, r)?,
                }
                principals::by_name(tx, &name)?.ok_or(Error::UnknownPrincipal(name))
            })
            .await;
        // Before answering: the change applies from the very next call, what the principal
        // holds open ends, and a disabled principal's certificate no longer completes a
        // handshake.
        match &changed {
            Ok(record) => self.principal_changed(&record.name),
            Err(_) => self.known_principals.forget(),
        }
        self.refresh_revoked_certificates().await?;
        changed
    }
}
