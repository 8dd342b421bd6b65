//! `status`, `seal`, `unseal`, `whoami`.

use crate::context::Context;
use crate::error::Result;
use crate::messages as m;
use crate::output;
use serde_json::json;
use vaultd::wire::pb;
use vaultd::wire::pb::system_client::SystemClient;

pub async fn status(ctx: &Context) -> Result<()> {
    let mut client = SystemClient::new(ctx.channel().await?);
    let s = client.status(pb::StatusRequest {}).await?.into_inner();
    if ctx.json {
        output::json(&json!({
            "sealed": s.sealed, "version": s.version, "schema_version": s.schema_version,
            "accounts": s.accounts, "archived_accounts": s.archived_accounts,
            "principals": s.principals, "secret_versions": s.secret_versions,
        }));
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
    Ok(())
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

pub async fn unseal(ctx: &Context) -> Result<()> {
    let channel = ctx.channel().await?;
    let passphrase = ctx
        .passphrase(m::ASK_UNSEAL_PASSPHRASE.text(ctx.lang))
        .filter(|p| !p.expose().is_empty())
        .ok_or_else(|| ctx.fail(m::PASSPHRASE_MISMATCH, &[]))?;
    let mut client = SystemClient::new(channel);
    let r = client
        .unseal(pb::UnsealRequest {
            passphrase: passphrase.expose().as_bytes().to_vec(),
        })
        .await?
        .into_inner();
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
        output::json(&json!({ "name": r.name, "roles": r.roles }));
    } else {
        ctx.say(
            m::WHOAMI,
            &[("name", &r.name), ("roles", &r.roles.join(", "))],
        );
    }
    Ok(())
}
