//! `principal enroll | list | disable | enable | roles` (operator).

use crate::context::Context;
use crate::error::Result;
use crate::messages::{self as m, head};
use crate::output;
use clap::Subcommand;
use serde_json::json;
use std::path::PathBuf;
use vaultd::identity::Enrollment;
use vaultd::wire::pb;
use vaultd::wire::pb::principals_client::PrincipalsClient;

#[derive(Subcommand)]
pub enum PrincipalCommand {
    /// Enroll the person or service whose certificate request this is.
    Enroll {
        /// The `.csr` file written by `vault-cli identity new`.
        request: PathBuf,
        /// operator, admin, authority, auditor; for a service, backup or notifier (repeatable).
        #[arg(long = "role", required = true)]
        roles: Vec<String>,
        /// Where to write the enrollment to hand back (default: NAME.enrollment).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// List principals.
    List,
    /// Disable a principal: its next call is refused.
    Disable {
        /// The principal's name.
        name: String,
    },
    /// Enable a disabled principal again.
    Enable {
        /// The principal's name.
        name: String,
    },
    /// Replace a principal's roles.
    Roles {
        /// The principal's name.
        name: String,
        /// The new roles (repeatable).
        #[arg(long = "set", required = true)]
        roles: Vec<String>,
    },
}

fn principal_json(p: &pb::Principal) -> serde_json::Value {
    json!({
        "name": p.name, "roles": p.roles, "disabled": p.disabled,
        "created_at": output::utc(p.created_at), "created_by": p.created_by,
        "cert_fingerprint": p.cert_fingerprint,
        "cert_not_after": output::utc(p.cert_not_after),
    })
}

pub async fn run(ctx: &Context, command: PrincipalCommand) -> Result<()> {
    match command {
        PrincipalCommand::Enroll {
            request,
            roles,
            out,
        } => {
            vaultd::ids::parse_roles(&roles)?;
            let csr_pem = std::fs::read_to_string(&request).map_err(|e| {
                ctx.fail(
                    m::READ_FAILED,
                    &[("path", &request.display()), ("detail", &ctx.os_error(&e))],
                )
            })?;
            let mut client = PrincipalsClient::new(ctx.channel().await?);
            let r = client
                .enroll(pb::EnrollRequest { csr_pem, roles })
                .await?
                .into_inner();
            let principal = r.principal.unwrap_or_default();
            let enrollment = Enrollment {
                format: Enrollment::FORMAT.into(),
                name: principal.name.clone(),
                server: r.server,
                server_name: r.server_name,
                ca_pem: r.ca_pem,
                cert_pem: r.cert_pem,
            };
            let path =
                out.unwrap_or_else(|| PathBuf::from(format!("{}.enrollment", principal.name)));
            let text = serde_json::to_vec_pretty(&enrollment).unwrap_or_default();
            std::fs::write(&path, text).map_err(|e| {
                ctx.fail(
                    m::WRITE_FAILED,
                    &[("path", &path.display()), ("detail", &ctx.os_error(&e))],
                )
            })?;
            if ctx.json {
                output::json(
                    &json!({ "principal": principal_json(&principal), "enrollment": path }),
                );
            } else {
                ctx.say(
                    m::ENROLLED,
                    &[
                        ("name", &principal.name),
                        (
                            "roles",
                            &vaultd::i18n::roles_label(ctx.lang, &principal.roles),
                        ),
                        ("path", &path.display()),
                    ],
                );
            }
        }
        PrincipalCommand::List => {
            let mut client = PrincipalsClient::new(ctx.channel().await?);
            let list = client
                .list(pb::ListPrincipalsRequest {})
                .await?
                .into_inner()
                .principals;
            if ctx.json {
                output::json(&serde_json::Value::Array(
                    list.iter().map(principal_json).collect(),
                ));
                return Ok(());
            }
            let l = ctx.lang;
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|p| {
                    vec![
                        p.name.clone(),
                        vaultd::i18n::roles_label(ctx.lang, &p.roles),
                        if p.disabled {
                            head::DISABLED
                        } else {
                            head::ENABLED
                        }
                        .text(l)
                        .to_owned(),
                        ctx.time(p.created_at),
                        output::expiry(ctx, p.cert_not_after),
                        p.cert_fingerprint.chars().take(16).collect(),
                    ]
                })
                .collect();
            output::table(
                &[
                    head::NAME,
                    head::ROLES,
                    head::STATE,
                    head::CREATED,
                    head::EXPIRES,
                    head::FINGERPRINT,
                ]
                .map(|h| h.text(l)),
                &rows,
            );
        }
        PrincipalCommand::Disable { name } => {
            let mut client = PrincipalsClient::new(ctx.channel().await?);
            let p = client
                .disable(pb::DisablePrincipalRequest { name })
                .await?
                .into_inner();
            if ctx.json {
                output::json(&principal_json(&p));
            } else {
                ctx.say(m::PRINCIPAL_DISABLED, &[("name", &p.name)]);
            }
        }
        PrincipalCommand::Enable { name } => {
            let mut client = PrincipalsClient::new(ctx.channel().await?);
            let p = client
                .enable(pb::EnablePrincipalRequest { name })
                .await?
                .into_inner();
            if ctx.json {
                output::json(&principal_json(&p));
            } else {
                ctx.say(m::PRINCIPAL_ENABLED, &[("name", &p.name)]);
            }
        }
        PrincipalCommand::Roles { name, roles } => {
            vaultd::ids::parse_roles(&roles)?;
            let mut client = PrincipalsClient::new(ctx.channel().await?);
            let p = client
                .set_roles(pb::SetRolesRequest { name, roles })
                .await?
                .into_inner();
            if ctx.json {
                output::json(&principal_json(&p));
            } else {
                ctx.say(
                    m::PRINCIPAL_ROLES,
                    &[
                        ("name", &p.name),
                        ("roles", &vaultd::i18n::roles_label(ctx.lang, &p.roles)),
                    ],
                );
            }
        }
    }
    Ok(())
}
