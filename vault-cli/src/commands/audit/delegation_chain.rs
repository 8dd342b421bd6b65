//! Delegated grants' chains in an export (grant -> delegation -> the Secrétaire générale's
//! key): the statements `audit export` writes beside the entries, what the log says of each
//! delegated grant (read in the verifying pass), and the check `audit verify` makes with
//! nothing but her public key. A broken chain is a finding naming the grant and why.

use super::files::{read, write};
use crate::context::Context;
use crate::error::{CliError, Result};
use crate::messages as m;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use vaultd::authz::delegation_chain::{CarriedStatement, ChainError, ChainIndex, LoggedGrant};
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

/// One carried statement as a line of the export: base64 of its exact bytes.
#[derive(Serialize, Deserialize)]
struct Line {
    id: String,
    signed: String,
    signature: String,
}

/// The chain statements an export stream carried, gathered message by message.
#[derive(Default)]
pub(super) struct Carried {
    delegations: Vec<pb::SignedStatement>,
    grants: Vec<pb::SignedStatement>,
    keys: Vec<Vec<u8>>,
}

impl Carried {
    pub(super) fn take(&mut self, chunk: &mut pb::AuditExportChunk) {
        self.delegations.append(&mut chunk.delegations);
        self.grants.append(&mut chunk.delegated_grants);
        self.keys.append(&mut chunk.authority_keys);
    }

    /// Writes the files beside the entries (none when the vault never pinned a delegation),
    /// each noted in `made` before it is written, so a failed export removes it.
    pub(super) fn write(&self, ctx: &Context, out: &Path, made: &mut Vec<PathBuf>) -> Result<()> {
        if self.delegations.is_empty() {
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
        for (name, text) in [
            (DELEGATIONS, lines(&self.delegations)),
            (DELEGATED_GRANTS, lines(&self.grants)),
            (AUTHORITY_KEYS, keys),
        ] {
            let path = out.join(name);
            made.push(path.clone());
            write(ctx, &path, text.as_bytes())?;
        }
        Ok(())
    }
}

/// What the log says about delegations, gathered in the verifying pass: O(1) per entry.
#[derive(Default)]
pub(super) struct ChainLog {
    grants: Vec<LoggedGrant>,
    /// Each revoked delegation's revocation entry.
    revoked: HashMap<String, u64>,
    /// The authority key ids the vault pinned, as the log says.
    pinned: HashSet<String>,
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
        match action {
            Action::GrantIssue | Action::GrantApprove => {
                let (Some(grant), Some(delegation)) =
                    (e.grant, detail::field(detail, "delegation"))
                else {
                    return;
                };
                self.grants.push(LoggedGrant {
                    seq: e.seq,
                    grant: grant.to_owned(),
                    delegation: delegation.to_owned(),
                    revoked_at_seq: self.revoked.get(delegation).copied(),
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

fn read_lines(ctx: &Context, path: &Path) -> Result<Vec<CarriedStatement>> {
    if !path.exists() {
        return Ok(Vec::new());
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
        let parsed: Line = serde_json::from_slice(line).map_err(|_| malformed(i + 1))?;
        let (Ok(signed), Ok(signature)) =
            (B64.decode(&parsed.signed), B64.decode(&parsed.signature))
        else {
            return Err(malformed(i + 1));
        };
        out.push(CarriedStatement {
            id: parsed.id,
            signed,
            signature,
        });
    }
    Ok(out)
}

/// Checks every delegated grant the log names against the export's statements, under `given`
/// (the key the reviewer kept) or else the export's authority keys whose ids the log itself
/// says were pinned. Returns how many chains hold; the first that does not is a finding.
pub(super) fn check(
    ctx: &Context,
    dir: &Path,
    log: ChainLog,
    given: Option<&[u8]>,
) -> Result<usize> {
    if log.grants.is_empty() {
        return Ok(0);
    }
    let keys = match given {
        Some(key) => vec![key.to_vec()],
        None => {
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
    let index = ChainIndex::new(
        read_lines(ctx, &dir.join(DELEGATIONS))?,
        read_lines(ctx, &dir.join(DELEGATED_GRANTS))?,
        keys,
    );
    for grant in &log.grants {
        if let Err(e) = index.check(grant) {
            return Err(CliError::Refused(
                m::AUDIT_VERIFY_FAILED.fill(ctx.lang, &[("detail", &describe(ctx.lang, &e))]),
            ));
        }
    }
    Ok(log.grants.len())
}

/// A broken chain in the reader's language.
fn describe(lang: Lang, e: &ChainError) -> String {
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
