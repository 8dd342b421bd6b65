//! The authority's decisions: approve a request (sign its grant here and register it), deny a
//! request, revoke a grant. `grant approve | deny | revoke | issue` and the console both call
//! these, so whichever she uses, the vault sees the same RPCs and records the same entries.

use crate::error::{CliError, Result};
use crate::messages as m;
use tonic::transport::Channel;
use vaultd::authz::grant::GrantBody;
use vaultd::i18n::Lang;
use vaultd::identity::Identity;
use vaultd::wire::pb;
use vaultd::wire::pb::grants_client::GrantsClient;

pub type Grants = GrantsClient<Channel>;

pub fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// Signs `body` with the signing key in `signer` and registers it. The key is opened for this
/// one signature and dropped with it; the identity keeps it only in zeroizing memory.
pub async fn register(
    lang: Lang,
    client: &mut Grants,
    signer: &Identity,
    mut body: GrantBody,
) -> Result<pb::Grant> {
    let (signed, signature) = {
        let key = signer
            .signing_key()
            .ok_or_else(|| CliError::Message(m::NO_SIGNING_KEY.text(lang).to_owned()))?;
        body.key_id = key.key_id();
        let signed = body.encode();
        let signature = key.sign(&signed);
        (signed, signature)
    };
    Ok(client
        .register(pb::RegisterGrant { signed, signature })
        .await?
        .into_inner())
}

/// Approves a request: reads it (for approval: refused if already decided), signs a grant for
/// its requester, accounts and purpose from now until the time `window` picks from the request
/// and the start, with at most `max_uses` releases, and registers it.
pub async fn approve(
    lang: Lang,
    client: &mut Grants,
    signer: &Identity,
    request: &str,
    window: impl FnOnce(&pb::GrantRequest, i64) -> Result<i64>,
    max_uses: Option<u64>,
) -> Result<pb::Grant> {
    let r = request_for_approval(client, request).await?;
    let start = now();
    let not_after = window(&r, start)?;
    approve_read(lang, client, signer, r, start, not_after, max_uses).await
}

/// A request as it is about to be approved (refused if already decided), so that she can be
/// shown what she signs.
pub async fn request_for_approval(client: &mut Grants, request: &str) -> Result<pb::GrantRequest> {
    Ok(client
        .get_request(pb::GetGrantRequest {
            id: request.to_owned(),
            for_approval: true,
        })
        .await?
        .into_inner())
}

/// Signs and registers the grant approving `r`, read by `request_for_approval`.
pub async fn approve_read(
    lang: Lang,
    client: &mut Grants,
    signer: &Identity,
    r: pb::GrantRequest,
    start: i64,
    not_after: i64,
    max_uses: Option<u64>,
) -> Result<pb::Grant> {
    let body = GrantBody {
        id: vaultd::ids::new_id(),
        grantee: r.requester,
        accounts: r.accounts,
        purpose: r.purpose,
        not_before: start,
        not_after,
        max_uses,
        issued_at: start,
        key_id: String::new(),
        request: Some(r.id),
    };
    register(lang, client, signer, body).await
}

/// Refuses a request, with the reason the requester will read.
pub async fn deny(client: &mut Grants, request: &str, reason: &str) -> Result<pb::GrantRequest> {
    Ok(client
        .deny(pb::DenyGrantRequest {
            id: request.to_owned(),
            reason: reason.to_owned(),
        })
        .await?
        .into_inner())
}

/// Revokes a grant, effective at once.
pub async fn revoke(client: &mut Grants, grant: &str, reason: &str) -> Result<pb::Grant> {
    Ok(client
        .revoke(pb::RevokeGrant {
            id: grant.to_owned(),
            reason: reason.to_owned(),
        })
        .await?
        .into_inner())
}

/// What a grant's own signed bytes say, if they decode to this grant: what a second signer is
/// shown and signs (never the vault's other fields, which could say something else).
pub fn signed_body(g: &pb::Grant) -> Option<GrantBody> {
    GrantBody::decode(&g.signed).ok().filter(|b| b.id == g.id)
}

/// Adds `signer`'s signature over the exact stored bytes of `g` (read with `Grants.Get`, its
/// body checked by [`signed_body`] and shown), as the second signature of a grant whose
/// account needs two. The key is opened for this one signature.
pub async fn cosign(
    lang: Lang,
    client: &mut Grants,
    signer: &Identity,
    g: pb::Grant,
) -> Result<pb::Grant> {
    let signature = signer
        .signing_key()
        .ok_or_else(|| CliError::Message(m::NO_SIGNING_KEY.text(lang).to_owned()))?
        .sign(&g.signed);
    Ok(client
        .cosign(pb::CosignGrant {
            id: g.id,
            signature,
        })
        .await?
        .into_inner())
}
