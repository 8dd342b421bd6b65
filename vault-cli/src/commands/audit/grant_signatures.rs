//! Every grant's signatures in an export, checked with nothing but the Secrétaire générale's
//! public key: the statements `audit export` writes beside the entries (grants she signed,
//! grants her delegates signed and their delegations, second signatures, approvals
//! statements), what the log says of each (read in the verifying pass, O(1) per entry), and
//! the check `audit verify` (and `audit report`) makes. A broken link is a finding naming the
//! grant and why; an older export without some of the files verifies as before, and what it
//! could not check is said.

use super::files::{read, write};
use crate::context::Context;
use crate::error::{CliError, Result};
use crate::messages as m;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use vaultd::authz::delegation_chain::{CarriedStatement, ChainError, ChainIndex};
use vaultd::authz::grant_signatures::{
    CarriedCosignature, CheckedGrant, LoggedApprovals, LoggedCosignature, Recorded,
    RegisteredGrant, SignatureError, SignatureIndex,
};
use vaultd::i18n::Lang;
use vaultd::tlog::action::{Action, ActionName};
use vaultd::tlog::detail;
use vaultd::tlog::entry::{EntryRef, Outcome};
use vaultd::wire::pb;

/// The export's delegation statements, one JSON line each.
const DELEGATIONS: &str = "delegations.jsonl";
/// The statements of grants signed by a delegate, one JSON line each.
const DELEGATED_GRANTS: &str = "delegated-grants.jsonl";
/// The authority public keys the vault pinned, base64, one a line.
const AUTHORITY_KEYS: &str = "authority-keys";
/// The statements of grants signed by an authority key, one JSON line each.
const AUTHORITY_GRANTS: &str = "authority-grants.jsonl";
/// Every grant's second signature, one JSON line each.
const COSIGNATURES: &str = "cosignatures.jsonl";
/// The approvals statements, one JSON line each.
const APPROVALS: &str = "approvals.jsonl";

/// One carried statement as a line of the export: base64 of its exact bytes.
#[derive(Serialize, Deserialize)]
struct Line {
    id: String,
    signed: String,
    signature: String,
}

/// One second signature as a line of the export (the signature in base64).
#[derive(Serialize, Deserialize)]
struct CosignatureLine {
    grant: String,
    signature: String,
    key_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    delegation: Option<String>,
}

/// The statements an export stream carried, gathered message by message.
#[derive(Default)]
pub(super) struct Carried {
    delegations: Vec<pb::SignedStatement>,
    grants: Vec<pb::SignedStatement>,
    keys: Vec<Vec<u8>>,
    authority_grants: Vec<pb::SignedStatement>,
    cosignatures: Vec<pb::GrantCosignature>,
    approvals: Vec<pb::SignedStatement>,
}

impl Carried {
    pub(super) fn take(&mut self, chunk: &mut pb::AuditExportChunk) {
        self.delegations.append(&mut chunk.delegations);
        self.grants.append(&mut chunk.delegated_grants);
        self.keys.append(&mut chunk.authority_keys);
        self.authority_grants.append(&mut chunk.authority_grants);
        self.cosignatures.append(&mut chunk.cosignatures);
        self.approvals.append(&mut chunk.approvals);
    }

    /// Writes the files beside the entries (none when the vault never registered a grant, a
    /// delegation or an approvals statement), each noted in `made` before it is written, so a
    /// failed export removes it.
    pub(super) fn write(&self, ctx: &Context, out: &Path, made: &mut Vec<PathBuf>) -> Result<()> {
        if self.delegations.is_empty()
            && self.grants.is_empty()
            && self.authority_grants.is_empty()
            && self.approvals.is_empty()
        {
            return Ok(());
        }
        let lines = |list: &[pb::SignedStatement]| {
            let mut text = String::new();
            for s in list {
                let line = Line {
                    id: s.id.clone(),
                    signed: B64.encode(&s.signed),
                    signature: B64.encode(&s.signature),
                };
                text.push_str(&serde_json::to_string(&line).expect("a line serializes"));
                text.push('\n');
            }
            text
        };
        let keys: String = self.keys.iter().map(|k| B64.encode(k) + "\n").collect();
        let mut cosignatures = String::new();
        for c in &self.cosignatures {
            let line = CosignatureLine {
                grant: c.grant.clone(),
                signature: B64.encode(&c.signature),
                key_id: c.key_id.clone(),
                delegation: (!c.delegation.is_empty()).then(|| c.delegation.clone()),
            };
            cosignatures.push_str(&serde_json::to_string(&line).expect("a line serializes"));
            cosignatures.push('\n');
        }
        for (name, text) in [
            (DELEGATIONS, lines(&self.delegations)),
            (DELEGATED_GRANTS, lines(&self.grants)),
            (AUTHORITY_KEYS, keys),
            (AUTHORITY_GRANTS, lines(&self.authority_grants)),
            (COSIGNATURES, cosignatures),
            (APPROVALS, lines(&self.approvals)),
        ] {
            let path = out.join(name);
            made.push(path.clone());
            write(ctx, &path, text.as_bytes())?;
        }
        Ok(())
    }
}

/// What the log says of grants, second signatures, approvals statements and delegations,
/// gathered in the verifying pass: O(1) per entry.
#[derive(Default)]
pub(super) struct ChainLog {
    grants: Vec<RegisteredGrant>,
    cosignatures: Vec<LoggedCosignature>,
    approvals: Vec<LoggedApprovals>,
    /// Each revoked delegation's revocation entry.
    revoked: HashMap<String, u64>,
    /// The authority key ids the vault pinned, as the log says.
    pinned: HashSet<String>,
}

/// What a grant's registering entry recorded of it: its accounts (the target) and the detail
/// fields (an entry without them, from an older vault, is not compared).
fn recorded(e: &EntryRef<'_>, detail: &str) -> Recorded {
    let field = |k: &str| detail::field(detail, k).map(str::to_owned);
    let accounts: Vec<String> = e.target.split(',').map(str::to_owned).collect();
    // A target bounded away (too many accounts) is not the list.
    let accounts = (!e.target.is_empty() && !accounts.iter().any(|a| a.starts_with("refused:")))
        .then_some(accounts);
    let grantee = field("grantee");
    Recorded {
        // `uses` is written only when the grant has a limit: its absence means none, in an
        // entry that records the grant at all.
        uses: grantee.as_ref().map(|_| field("uses")),
        grantee,
        accounts,
        from: field("from"),
        until: field("until"),
        key_id: field("key"),
    }
}

impl ChainLog {
    pub(super) fn add(&mut self, e: &EntryRef<'_>) {
        if e.outcome != Outcome::Allowed {
            return;
        }
        let ActionName::Known(action) = ActionName::parse(e.action) else {
            return;
        };
        let detail = e.detail.unwrap_or_default();
        let revoked = |d: Option<&str>, revoked: &HashMap<String, u64>| {
            d.and_then(|d| revoked.get(d).copied())
        };
        match action {
            Action::GrantIssue | Action::GrantApprove => {
                let Some(grant) = e.grant else {
                    return;
                };
                let delegation = detail::field(detail, "delegation");
                self.grants.push(RegisteredGrant {
                    seq: e.seq,
                    grant: grant.to_owned(),
                    delegation: delegation.map(str::to_owned),
                    revoked_at_seq: revoked(delegation, &self.revoked),
                    recorded: recorded(e, detail),
                });
            }
            Action::GrantCosign => {
                let Some(grant) = e.grant else {
                    return;
                };
                // A time that does not read holds no delegation's window: refused, not skipped.
                let at = vaultd::times::parse_time(e.time).unwrap_or(i64::MIN);
                let delegation = detail::field(detail, "cosign_delegation");
                self.cosignatures.push(LoggedCosignature {
                    seq: e.seq,
                    grant: grant.to_owned(),
                    at,
                    key_id: detail::field(detail, "cosign_key").map(str::to_owned),
                    delegation: delegation.map(str::to_owned),
                    revoked_at_seq: revoked(delegation, &self.revoked),
                });
            }
            Action::AccountApprovals => {
                let Some(statement) = detail::field(detail, "statement") else {
                    return;
                };
                self.approvals.push(LoggedApprovals {
                    seq: e.seq,
                    statement: statement.to_owned(),
                    account: e.target.to_owned(),
                    required: detail::field(detail, "approvals").and_then(|r| r.parse().ok()),
                    key_id: detail::field(detail, "key").map(str::to_owned),
                });
            }
            Action::AuthorityDelegationRevoke => {
                if let Some(id) = detail::field(detail, "delegation") {
                    self.revoked.entry(id.to_owned()).or_insert(e.seq);
                }
            }
            Action::AuthorityPin | Action::AuthorityRotate => {
                if let Some(key) = detail.strip_prefix("key ") {
                    self.pinned.insert(key.to_owned());
                }
            }
            _ => {}
        }
    }
}

/// An authority public key as `identity show` prints it (base64), in hex, or a file holding it.
pub(super) fn authority_key(ctx: &Context, given: &str) -> Result<Vec<u8>> {
    let text = if Path::new(given).is_file() {
        String::from_utf8_lossy(&read(ctx, Path::new(given))?)
            .trim()
            .to_owned()
    } else {
        given.trim().to_owned()
    };
    let key = B64
        .decode(&text)
        .ok()
        .filter(|k| k.len() == 32)
        .or_else(|| hex::decode(&text).ok().filter(|k| k.len() == 32));
    key.ok_or_else(|| CliError::Usage(m::verify::BAD_AUTHORITY_KEY.text(ctx.lang).to_owned()))
}

/// The lines of a carried file, each parsed as `T` (None when the export has no such file).
fn read_json_lines<T: serde::de::DeserializeOwned, U>(
    ctx: &Context,
    path: &Path,
    convert: impl Fn(T) -> Option<U>,
) -> Result<Option<Vec<U>>> {
    if !path.exists() {
        return Ok(None);
    }
    let text = read(ctx, path)?;
    let malformed = |line: usize| {
        CliError::Refused(
            m::AUDIT_VERIFY_FAILED.fill(
                ctx.lang,
                &[(
                    "detail",
                    &m::verify::CHAIN_MALFORMED
                        .fill(ctx.lang, &[("file", &path.display()), ("line", &line)]),
                )],
            ),
        )
    };
    let mut out = Vec::new();
    for (i, line) in text.split(|b| *b == b'\n').enumerate() {
        if line.is_empty() {
            continue;
        }
        let parsed: T = serde_json::from_slice(line).map_err(|_| malformed(i + 1))?;
        out.push(convert(parsed).ok_or_else(|| malformed(i + 1))?);
    }
    Ok(Some(out))
}

fn read_lines(ctx: &Context, path: &Path) -> Result<Option<Vec<CarriedStatement>>> {
    read_json_lines(ctx, path, |l: Line| {
        Some(CarriedStatement {
            id: l.id,
            signed: B64.decode(&l.signed).ok()?,
            signature: B64.decode(&l.signature).ok()?,
        })
    })
}

fn read_cosignatures(ctx: &Context, path: &Path) -> Result<Option<Vec<CarriedCosignature>>> {
    read_json_lines(ctx, path, |l: CosignatureLine| {
        Some(CarriedCosignature {
            grant: l.grant,
            signature: B64.decode(&l.signature).ok()?,
            key_id: l.key_id,
            delegation: l.delegation,
        })
    })
}

/// What the check found: how many of each held, and what an older export left unchecked
/// (the missing file, and how many it would have checked).
#[derive(Debug, Default)]
pub(super) struct Checked {
    pub(super) grants: usize,
    pub(super) delegated: usize,
    pub(super) cosignatures: usize,
    pub(super) approvals: usize,
    pub(super) not_checked: Vec<(&'static str, usize)>,
}

impl Checked {
    /// Says what held, and plainly what was not checked (human output only).
    pub(super) fn say(&self, ctx: &Context) {
        if self.delegated > 0 {
            ctx.say(m::verify::CHAINS_HOLD, &[("count", &self.delegated)]);
        }
        if self.grants > 0 || self.approvals > 0 {
            ctx.say(
                m::verify::SIGNATURES_HOLD,
                &[
                    ("grants", &self.grants),
                    ("cosignatures", &self.cosignatures),
                    ("approvals", &self.approvals),
                ],
            );
        }
        for (file, count) in &self.not_checked {
            let msg = match *file {
                AUTHORITY_GRANTS => m::verify::NOT_CHECKED_GRANTS,
                COSIGNATURES => m::verify::NOT_CHECKED_COSIGNATURES,
                _ => m::verify::NOT_CHECKED_APPROVALS,
            };
            ctx.say(msg, &[("file", file), ("count", count)]);
        }
    }

    /// The files an older export lacked, by name, for `--json`.
    pub(super) fn not_checked_json(&self) -> serde_json::Value {
        self.not_checked
            .iter()
            .map(|(file, count)| serde_json::json!({ "file": file, "count": count }))
            .collect()
    }
}

/// Checks every grant the log registered, each second signature and approvals statement it
/// recorded, against the export's statements, under `given` (the keys the reviewer kept: hers,
/// before and after each rotation) or, when none is given, the export's authority keys whose
/// ids the log itself says were pinned. The first that does not hold is a finding (exit 3).
pub(super) fn check(
    ctx: &Context,
    dir: &Path,
    log: ChainLog,
    given: &[Vec<u8>],
) -> Result<Checked> {
    let mut checked = Checked::default();
    if log.grants.is_empty() && log.approvals.is_empty() {
        return Ok(checked);
    }
    let keys = match given {
        [_, ..] => given.to_vec(),
        [] => {
            let path = dir.join(AUTHORITY_KEYS);
            let text = if path.exists() {
                read(ctx, &path)?
            } else {
                Vec::new()
            };
            String::from_utf8_lossy(&text)
                .lines()
                .filter_map(|l| B64.decode(l.trim()).ok())
                .filter(|k| log.pinned.contains(&vaultd::authz::grant::key_id(k)))
                .collect()
        }
    };
    let chain = ChainIndex::new(
        read_lines(ctx, &dir.join(DELEGATIONS))?.unwrap_or_default(),
        read_lines(ctx, &dir.join(DELEGATED_GRANTS))?.unwrap_or_default(),
        keys,
    );
    // An older export carries only the delegated grants' chains: the rest is said unchecked.
    let authority_grants = read_lines(ctx, &dir.join(AUTHORITY_GRANTS))?;
    let cosignatures = read_cosignatures(ctx, &dir.join(COSIGNATURES))?;
    let approvals = read_lines(ctx, &dir.join(APPROVALS))?;
    let (check_own, check_cosignatures, check_approvals) = (
        authority_grants.is_some(),
        cosignatures.is_some(),
        approvals.is_some(),
    );
    let index = SignatureIndex::new(
        chain,
        authority_grants.unwrap_or_default(),
        cosignatures.unwrap_or_default(),
        approvals.unwrap_or_default(),
    );
    let finding = |e: SignatureError| {
        CliError::Refused(
            m::AUDIT_VERIFY_FAILED.fill(ctx.lang, &[("detail", &describe(ctx.lang, &e))]),
        )
    };
    // The grants that held, by id, for their second signatures: one lookup each.
    let mut held: HashMap<&str, CheckedGrant> = HashMap::with_capacity(log.grants.len());
    let mut own_unchecked = 0;
    for grant in &log.grants {
        if grant.delegation.is_none() && !check_own {
            own_unchecked += 1;
            continue;
        }
        let ok = index.check_grant(grant).map_err(finding)?;
        if grant.delegation.is_some() {
            checked.delegated += 1;
        }
        checked.grants += 1;
        held.insert(&grant.grant, ok);
    }
    let mut cosign_unchecked = 0;
    for c in &log.cosignatures {
        // A grant left unchecked (an older export) leaves its second signature so too.
        let first = held.get(c.grant.as_str());
        match first {
            Some(first) if check_cosignatures => {
                index.check_cosignature(c, first).map_err(finding)?;
                checked.cosignatures += 1;
            }
            None if check_own && check_cosignatures => {
                return Err(finding(SignatureError::GrantMissing {
                    grant: c.grant.clone(),
                }));
            }
            _ => cosign_unchecked += 1,
        }
    }
    let mut approvals_unchecked = 0;
    for a in &log.approvals {
        if !check_approvals {
            approvals_unchecked += 1;
            continue;
        }
        index.check_approvals(a).map_err(finding)?;
        checked.approvals += 1;
    }
    for (file, count) in [
        (AUTHORITY_GRANTS, own_unchecked),
        (COSIGNATURES, cosign_unchecked),
        (APPROVALS, approvals_unchecked),
    ] {
        if count > 0 {
            checked.not_checked.push((file, count));
        }
    }
    Ok(checked)
}

/// A grant's signature, or an approvals statement, that does not hold, in the reader's
/// language.
fn describe(lang: Lang, e: &SignatureError) -> String {
    use crate::messages::verify as v;
    let at = |t: &i64| vaultd::times::format_time(*t);
    match e {
        SignatureError::Chain(e) => describe_chain(lang, e),
        SignatureError::GrantMissing { grant } => {
            v::SIGNED_GRANT_MISSING.fill(lang, &[("grant", grant)])
        }
        SignatureError::UnknownKey { grant, key } => {
            v::SIGNED_GRANT_UNKNOWN_KEY.fill(lang, &[("grant", grant), ("key", key)])
        }
        SignatureError::GrantSignature { grant } => {
            v::SIGNED_GRANT_SIGNATURE.fill(lang, &[("grant", grant)])
        }
        SignatureError::Disagrees { grant, field } => {
            v::SIGNED_GRANT_DISAGREES.fill(lang, &[("grant", grant), ("field", field)])
        }
        SignatureError::CosignatureMissing { grant } => {
            v::COSIGN_MISSING.fill(lang, &[("grant", grant)])
        }
        SignatureError::CosignatureDisagrees { grant } => {
            v::COSIGN_DISAGREES.fill(lang, &[("grant", grant)])
        }
        SignatureError::CosignerUnknownKey { grant, key } => {
            v::COSIGN_UNKNOWN_KEY.fill(lang, &[("grant", grant), ("key", key)])
        }
        SignatureError::CosignerDelegation { grant, delegation } => {
            v::COSIGN_DELEGATION.fill(lang, &[("grant", grant), ("delegation", delegation)])
        }
        SignatureError::CosignerOutsideWindow {
            grant,
            delegation,
            at: when,
            not_before,
            not_after,
        } => v::COSIGN_WINDOW.fill(
            lang,
            &[
                ("grant", grant),
                ("delegation", delegation),
                ("at", &at(when)),
                ("from", &at(not_before)),
                ("until", &at(not_after)),
            ],
        ),
        SignatureError::CosignerOutsideScope {
            grant,
            delegation,
            account,
        } => v::COSIGN_SCOPE.fill(
            lang,
            &[
                ("grant", grant),
                ("delegation", delegation),
                ("account", account),
            ],
        ),
        SignatureError::CosignerRevoked {
            grant,
            delegation,
            seq,
        } => v::COSIGN_REVOKED.fill(
            lang,
            &[("grant", grant), ("delegation", delegation), ("seq", seq)],
        ),
        SignatureError::SameKey { grant, key } => {
            v::COSIGN_SAME_KEY.fill(lang, &[("grant", grant), ("key", key)])
        }
        SignatureError::CosignatureSignature { grant, key } => {
            v::COSIGN_SIGNATURE.fill(lang, &[("grant", grant), ("key", key)])
        }
        SignatureError::ApprovalsMissing { statement } => {
            v::APPROVALS_MISSING.fill(lang, &[("statement", statement)])
        }
        SignatureError::ApprovalsUnknownKey { statement, key } => {
            v::APPROVALS_UNKNOWN_KEY.fill(lang, &[("statement", statement), ("key", key)])
        }
        SignatureError::ApprovalsSignature { statement } => {
            v::APPROVALS_SIGNATURE.fill(lang, &[("statement", statement)])
        }
        other => other.to_string(),
    }
}

/// A broken delegation chain in the reader's language.
fn describe_chain(lang: Lang, e: &ChainError) -> String {
    use crate::messages::verify as v;
    let at = |t: &i64| vaultd::times::format_time(*t);
    match e {
        ChainError::DelegationMissing { grant, delegation } => {
            v::CHAIN_DELEGATION_MISSING.fill(lang, &[("grant", grant), ("delegation", delegation)])
        }
        ChainError::UnknownAuthorityKey {
            grant,
            delegation,
            key,
        } => v::CHAIN_UNKNOWN_KEY.fill(
            lang,
            &[("grant", grant), ("delegation", delegation), ("key", key)],
        ),
        ChainError::DelegationSignature { grant, delegation } => v::CHAIN_DELEGATION_SIGNATURE
            .fill(lang, &[("grant", grant), ("delegation", delegation)]),
        ChainError::GrantMissing { grant, delegation } => {
            v::CHAIN_GRANT_MISSING.fill(lang, &[("grant", grant), ("delegation", delegation)])
        }
        ChainError::GrantSignature { grant, delegation } => {
            v::CHAIN_GRANT_SIGNATURE.fill(lang, &[("grant", grant), ("delegation", delegation)])
        }
        ChainError::OutsideWindow {
            grant,
            delegation,
            issued_at,
            not_before,
            not_after,
        } => v::CHAIN_WINDOW.fill(
            lang,
            &[
                ("grant", grant),
                ("delegation", delegation),
                ("issued", &at(issued_at)),
                ("from", &at(not_before)),
                ("until", &at(not_after)),
            ],
        ),
        ChainError::OutsideScope {
            grant,
            delegation,
            account,
        } => v::CHAIN_SCOPE.fill(
            lang,
            &[
                ("grant", grant),
                ("delegation", delegation),
                ("account", account),
            ],
        ),
        ChainError::Revoked {
            grant,
            delegation,
            seq,
        } => v::CHAIN_REVOKED.fill(
            lang,
            &[("grant", grant), ("delegation", delegation), ("seq", seq)],
        ),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry<'a>(
        seq: u64,
        action: &'a str,
        target: &'a str,
        grant: Option<&'a str>,
        detail: &'a str,
    ) -> EntryRef<'a> {
        EntryRef {
            seq,
            time: "2026-12-06T04:34:55.062Z",
            principal: "authority",
            action,
            target,
            outcome: Outcome::Allowed,
            reason: None,
            grant,
            request_id: "r",
            peer: "p",
            detail: Some(detail),
        }
    }

    #[test]
    fn the_log_says_what_each_grant_signature_and_statement_must_agree_with() {
        let mut log = ChainLog::default();
        log.add(&entry(
            1,
            "grant.issue",
            "facebook-cest,x-cest",
            Some("g1"),
            "grantee=admin from=2026-12-06T04:34:55Z until=2026-12-06T12:34:55Z key=k1 purpose=Campagne",
        ));
        // `grant approve`'s read of a request names no grant: not a registration.
        log.add(&entry(
            2,
            "grant.approve",
            "req",
            None,
            "request=req for=3600s purpose=x",
        ));
        log.add(&entry(
            3,
            "authority.delegation.revoke",
            "d1",
            None,
            "delegation=d1",
        ));
        log.add(&entry(
            4,
            "grant.cosign",
            "g1",
            Some("g1"),
            "grantee=admin key=k1 cosign_key=k2 cosign_delegation=d1 purpose=Campagne",
        ));
        log.add(&entry(
            5,
            "account.approvals",
            "facebook-cest",
            None,
            "approvals=2 statement=s1 key=k1 signed=2026-12-06T04:30:00Z",
        ));
        assert_eq!(log.grants.len(), 1);
        let g = &log.grants[0];
        assert_eq!((g.grant.as_str(), g.delegation.as_deref()), ("g1", None));
        assert_eq!(
            g.recorded.accounts.as_deref(),
            Some(&["facebook-cest".to_owned(), "x-cest".to_owned()][..])
        );
        // Recorded without `uses`: the grant has no limit.
        assert_eq!(g.recorded.uses, Some(None));
        assert_eq!(g.recorded.key_id.as_deref(), Some("k1"));
        let c = &log.cosignatures[0];
        assert_eq!(
            (
                c.key_id.as_deref(),
                c.delegation.as_deref(),
                c.revoked_at_seq
            ),
            (Some("k2"), Some("d1"), Some(3))
        );
        assert_eq!(
            c.at,
            vaultd::times::parse_time("2026-12-06T04:34:55Z").unwrap()
        );
        let a = &log.approvals[0];
        assert_eq!(
            (
                a.statement.as_str(),
                a.account.as_str(),
                a.required,
                a.key_id.as_deref()
            ),
            ("s1", "facebook-cest", Some(2), Some("k1"))
        );
    }
}
