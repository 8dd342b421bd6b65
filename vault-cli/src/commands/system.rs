//! `status`, `seal`, `unseal`, `whoami`.

use crate::context::Context;
use crate::error::Result;
use crate::messages as m;
use crate::output;
use serde_json::json;
use vaultd::private_file::{self, Existing};
use vaultd::wire::pb;
use vaultd::wire::pb::system_client::SystemClient;

pub async fn status(ctx: &Context) -> Result<()> {
    let channel = ctx.channel().await?;
    let mut client = SystemClient::new(channel.clone());
    let s = client.status(pb::StatusRequest {}).await?.into_inner();
    let pending = pending_for_authority(&mut client, channel).await;
    if ctx.json {
        let mut out = json!({
            "sealed": s.sealed, "version": s.version, "schema_version": s.schema_version,
            "accounts": s.accounts, "archived_accounts": s.archived_accounts,
            "principals": s.principals, "secret_versions": s.secret_versions,
        });
        if let Some(pending) = &pending {
            out["pending_requests"] = json!(pending.len());
            out["oldest_pending_since"] =
                json!(pending.iter().map(|r| r.created_at).min().map(output::utc));
        }
        output::json(&out);
        return Ok(());
    }
    let state = if s.sealed {
        m::STATE_SEALED
    } else {
        m::STATE_UNSEALED
    }
    .text(ctx.lang);
    ctx.say(
        m::STATUS,
        &[
            ("state", &state),
            ("version", &s.version),
            ("schema", &s.schema_version),
            ("accounts", &s.accounts),
            ("archived", &s.archived_accounts),
            ("principals", &s.principals),
            ("versions", &s.secret_versions),
        ],
    );
    if let Some(pending) = pending {
        say_pending(ctx, &pending);
    }
    Ok(())
}

/// The requests waiting for the authority's decision, when the caller is the authority
/// (asked only then: another role's refused call would be on the record for nothing). A
/// vault that cannot say (sealed, say) leaves the line out rather than fail the status.
async fn pending_for_authority(
    system: &mut SystemClient<tonic::transport::Channel>,
    channel: tonic::transport::Channel,
) -> Option<Vec<pb::GrantRequest>> {
    let me = system
        .who_am_i(pb::WhoAmIRequest {})
        .await
        .ok()?
        .into_inner();
    if !me.roles.iter().any(|r| r == "authority") {
        return None;
    }
    let mut grants = pb::grants_client::GrantsClient::new(channel);
    let pending = grants.pending(pb::PendingRequest {}).await.ok()?;
    Some(pending.into_inner().requests)
}

/// "2 requests wait for your decision, the oldest for 2 h 5 min."
fn say_pending(ctx: &Context, pending: &[pb::GrantRequest]) {
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let Some(oldest) = pending.iter().map(|r| r.created_at).min() else {
        ctx.say(m::STATUS_NONE_PENDING, &[]);
        return;
    };
    let age = output::age(ctx.lang, now - oldest);
    if pending.len() == 1 {
        ctx.say(m::STATUS_PENDING_ONE, &[("age", &age)]);
    } else {
        ctx.say(
            m::STATUS_PENDING_MANY,
            &[("count", &pending.len()), ("age", &age)],
        );
    }
}

pub async fn seal(ctx: &Context) -> Result<()> {
    let mut client = SystemClient::new(ctx.channel().await?);
    let r = client.seal(pb::SealRequest {}).await?.into_inner();
    if ctx.json {
        output::json(&json!({ "sealed": true, "already_sealed": r.already_sealed }));
    } else {
        ctx.say(
            if r.already_sealed {
                m::ALREADY_SEALED
            } else {
                m::SEALED_NOW
            },
            &[],
        );
    }
    Ok(())
}

pub async fn unseal(
    ctx: &Context,
    key_file: Option<&std::path::Path>,
    passphrase_file: Option<&std::path::Path>,
) -> Result<()> {
    let channel = ctx.channel().await?;
    let request = match key_file {
        Some(path) => {
            vaultd::identity::check_private_mode(path).map_err(|e| ctx.identity_error(&e))?;
            let text = zeroize::Zeroizing::new(std::fs::read(path).map_err(|e| {
                ctx.fail(
                    m::READ_FAILED,
                    &[("path", &path.display()), ("detail", &ctx.os_error(&e))],
                )
            })?);
            pb::UnsealRequest {
                passphrase: Vec::new(),
                identity: text.to_vec(),
            }
        }
        None => {
            let passphrase =
                ctx.secret(passphrase_file, m::ASK_UNSEAL_PASSPHRASE.text(ctx.lang))?;
            pb::UnsealRequest {
                passphrase: passphrase.expose().as_bytes().to_vec(),
                identity: Vec::new(),
            }
        }
    };
    let mut client = SystemClient::new(channel);
    let r = client.unseal(request).await?.into_inner();
    if ctx.json {
        output::json(&json!({ "sealed": false, "already_unsealed": r.already_unsealed }));
    } else {
        ctx.say(
            if r.already_unsealed {
                m::ALREADY_UNSEALED
            } else {
                m::UNSEALED_NOW
            },
            &[],
        );
    }
    Ok(())
}

pub async fn whoami(ctx: &Context) -> Result<()> {
    let mut client = SystemClient::new(ctx.channel().await?);
    let r = client.who_am_i(pb::WhoAmIRequest {}).await?.into_inner();
    if ctx.json {
        output::json(&json!({
            "name": r.name, "roles": r.roles,
            "cert_not_after": output::utc(r.cert_not_after),
        }));
    } else {
        ctx.say(
            m::WHOAMI,
            &[
                ("name", &r.name),
                ("roles", &vaultd::i18n::roles_label(ctx.lang, &r.roles)),
                ("expires", &output::expiry(ctx, r.cert_not_after)),
            ],
        );
    }
    Ok(())
}

/// Receives the backup into `OUT.partial` (mode 0600), checks its size and SHA-256 against
/// what the vault announced, then renames it into place: an interrupted or altered transfer
/// leaves nothing under the name the operator asked for.
pub async fn backup(ctx: &Context, out: &std::path::Path) -> Result<()> {
    use std::io::Write;
    if out.exists() {
        return Err(ctx.fail(m::BACKUP_EXISTS, &[("path", &out.display())]));
    }
    // The file to receive into exists before the vault is asked, so a local problem costs no
    // backup on the server's record.
    let partial = out.with_extension("partial");
    let write_failed = |e: std::io::Error| {
        ctx.fail(
            m::WRITE_FAILED,
            &[("path", &partial.display()), ("detail", &ctx.os_error(&e))],
        )
    };
    let mut file = private_file::create_new(&partial).map_err(write_failed)?;
    let mut client = SystemClient::new(ctx.channel().await?);
    let mut stream = match client.backup(pb::BackupRequest {}).await {
        Ok(response) => response.into_inner(),
        Err(status) => {
            let _ = std::fs::remove_file(&partial);
            return Err(status.into());
        }
    };
    let mut info: Option<pb::BackupInfo> = None;
    let mut digest = ring::digest::Context::new(&ring::digest::SHA256);
    let mut size = 0u64;
    let received = async {
        while let Some(chunk) = stream.message().await? {
            if let Some(first) = chunk.info {
                info = Some(first);
            }
            digest.update(&chunk.data);
            size += chunk.data.len() as u64;
            file.write_all(&chunk.data).map_err(write_failed)?;
        }
        file.sync_all().map_err(write_failed)?;
        Ok::<_, crate::error::CliError>(())
    }
    .await;
    let sha256 = hex::encode(digest.finish());
    let checked = received.and_then(|()| match &info {
        Some(i) if i.size == size && i.sha256 == sha256 => Ok(()),
        Some(i) => Err(ctx.fail(
            m::BACKUP_TRUNCATED,
            &[(
                "detail",
                &format!("{size}/{} bytes, sha256 {sha256}/{}", i.size, i.sha256),
            )],
        )),
        None => Err(ctx.fail(m::BACKUP_TRUNCATED, &[("detail", &"no info")])),
    });
    if let Err(e) = checked {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    // Never replaces a file that appeared at OUT meanwhile; on failure the received backup
    // stays in OUT.partial.
    private_file::place(&partial, out, Existing::Refuse).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            ctx.fail(m::BACKUP_EXISTS, &[("path", &out.display())])
        } else {
            ctx.fail(
                m::WRITE_FAILED,
                &[("path", &out.display()), ("detail", &ctx.os_error(&e))],
            )
        }
    })?;
    let recipients = info.map(|i| i.recipients).unwrap_or_default();
    if ctx.json {
        output::json(&json!({
            "path": out.display().to_string(), "size": size, "sha256": sha256,
            "recipients": recipients,
        }));
    } else {
        ctx.say(
            m::BACKUP_WRITTEN,
            &[
                ("path", &out.display()),
                ("size", &size),
                ("sha256", &sha256),
                ("count", &recipients.len()),
            ],
        );
    }
    Ok(())
}

/// Writes the man pages, English and French.
pub fn man(
    ctx: &Context,
    english: clap::Command,
    french: clap::Command,
    out: &std::path::Path,
) -> Result<()> {
    let written = vaultd::manual::write_man_pages(
        english,
        french,
        &vaultd::i18n::help::man_words(vaultd::i18n::Lang::Fr),
        out,
    )
    .map_err(|e| {
        ctx.fail(
            m::WRITE_FAILED,
            &[("path", &out.display()), ("detail", &ctx.os_error(&e))],
        )
    })?;
    ctx.say(
        m::MAN_WRITTEN,
        &[("count", &written.len()), ("dir", &out.display())],
    );
    Ok(())
}
