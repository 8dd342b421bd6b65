//! `secret rotate`: a password changed in two steps, so the vault never lacks the one the
//! platform has. Stage (the vault makes the new password; you get it with the current one and
//! the page where to change it), then confirm once the platform took it, or abort.

use crate::context::Context;
use crate::error::Result;
use crate::messages as m;
use crate::output;
use serde_json::json;
use vaultd::wire::pb;
use vaultd::wire::pb::secrets_client::SecretsClient;
use zeroize::Zeroizing;

/// Stages a new password (or the TOTP seed in `seed`, when not empty) and shows what to type.
pub async fn stage(
    ctx: &Context,
    account: String,
    length: u32,
    mut seed: Zeroizing<Vec<u8>>,
    reason: String,
) -> Result<()> {
    let mut client = SecretsClient::new(ctx.channel().await?);
    let mut r = client
        .rotate(pb::RotateSecretRequest {
            account_id: account.clone(),
            length,
            totp_seed: std::mem::take(&mut *seed),
            reason,
        })
        .await?
        .into_inner();
    let current = Zeroizing::new(String::from_utf8_lossy(&r.current_password).into_owned());
    let new = Zeroizing::new(String::from_utf8_lossy(&r.new_password).into_owned());
    zeroize::Zeroize::zeroize(&mut r.current_password);
    zeroize::Zeroize::zeroize(&mut r.new_password);
    let staged = r.staged.unwrap_or_default();
    if ctx.json {
        output::json(&json!({
            "account": staged.account_id, "stage": staged.stage_id, "field": staged.field,
            "staged_at": output::utc(staged.staged_at),
            "current_version": (r.current_version > 0).then_some(r.current_version),
            "current_password": (!current.is_empty()).then_some(&*current),
            "new_password": (!new.is_empty()).then_some(&*new),
            "change_url": (!r.change_url.is_empty()).then_some(&r.change_url),
        }));
        return Ok(());
    }
    let l = ctx.lang;
    if staged.field == "totp" {
        ctx.say(m::ROTATION_STAGED_TOTP, &[("id", &account)]);
    } else {
        ctx.say(m::ROTATION_STAGED, &[("id", &account)]);
    }
    if !current.is_empty() {
        println!(
            "  {} (v{}) : {}",
            m::ROTATION_CURRENT.text(l),
            r.current_version,
            *current
        );
    }
    if !new.is_empty() {
        println!("  {} : {}", m::ROTATION_NEW.text(l), *new);
    }
    if !r.change_url.is_empty() {
        println!("  {} : {}", m::ROTATION_PAGE.text(l), r.change_url);
    }
    ctx.say(m::ROTATION_NEXT, &[("id", &account)]);
    Ok(())
}

/// Makes the staged change the current version.
pub async fn confirm(ctx: &Context, account: String) -> Result<()> {
    let mut client = SecretsClient::new(ctx.channel().await?);
    let v = client
        .confirm_rotation(pb::RotationDecision {
            account_id: account.clone(),
        })
        .await?
        .into_inner();
    if ctx.json {
        output::json(&json!({
            "account": v.account_id, "version": v.version, "stage": v.stage_id,
            "confirmed_at": output::utc(v.created_at),
        }));
    } else {
        ctx.say(
            m::ROTATION_CONFIRMED,
            &[("id", &v.account_id), ("version", &v.version)],
        );
    }
    Ok(())
}

/// Discards the staged change.
pub async fn abort(ctx: &Context, account: String) -> Result<()> {
    let mut client = SecretsClient::new(ctx.channel().await?);
    let s = client
        .abort_rotation(pb::RotationDecision {
            account_id: account.clone(),
        })
        .await?
        .into_inner();
    if ctx.json {
        output::json(&json!({
            "account": s.account_id, "stage": s.stage_id, "staged_by": s.staged_by,
            "staged_at": output::utc(s.staged_at), "aborted": true,
        }));
    } else {
        ctx.say(
            m::ROTATION_ABORTED,
            &[
                ("id", &s.account_id),
                ("by", &s.staged_by),
                ("at", &ctx.time(s.staged_at)),
            ],
        );
    }
    Ok(())
}
