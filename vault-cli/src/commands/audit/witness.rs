//! `audit witness init | cosign | add | list | remove`: a reviewer's own witness (C2SP
//! tlog-witness, cosignature/v1), and the vault's list of the witness keys whose cosignatures it
//! keeps.
//! The witness key stays on the reviewer's machine. Each run fetches the latest checkpoint and a
//! consistency proof from the size last co-signed, verifies both, and co-signs only a log that
//! extends what it co-signed before: a fork, a rollback (a restored backup) or a rewrite is
//! refused with exit status 3, naming both sizes and roots, and nothing is written.
//!
//! State (`--state DIR`): `log.key`, the log's verifier key, pinned at the first run; and
//! `checkpoint`, the last co-signed checkpoint with this witness's signature line. The same is
//! kept beside the key (`KEY.cosigned`, see `witness_record`), so that losing the state
//! directory does not make the key forget what it co-signed: with neither readable, `cosign`
//! refuses unless told `--reset`.

use super::witness_record::{self, Record};
use crate::context::Context;
use crate::error::{CliError, Result};
use crate::messages as m;
use crate::output;
use base64::Engine;
use clap::Subcommand;
use serde_json::json;
use std::path::{Path, PathBuf};
use vaultd::tlog::cosignature::{cosign, WitnessVerifier};
use vaultd::tlog::merkle::{verify_consistency, Hash};
use vaultd::tlog::note::{Checkpoint, Signer, Verifier};
use vaultd::tlog::verify::Verified;
use vaultd::wire::pb;

#[derive(Subcommand)]
pub enum WitnessCommand {
    /// Make a witness key (kept off the server) and print its verifier key.
    Init {
        /// The key file to write (mode 0600; must not exist).
        #[arg(long)]
        out: PathBuf,
        /// The witness's name in its signature lines (default: witness/HOSTNAME).
        #[arg(long)]
        name: Option<String>,
    },
    /// Co-sign the latest checkpoint if it extends the one co-signed before (auditor).
    Cosign {
        /// The witness key file.
        #[arg(long)]
        key: PathBuf,
        /// The witness's state directory (made at the first run).
        #[arg(long)]
        state: PathBuf,
        /// Start over when what this key co-signed before is lost (the record beside the key
        /// and the state's checkpoint): co-sign the log as served now, as if for the first
        /// time. A rollback made before now then goes unnoticed.
        #[arg(long)]
        reset: bool,
        /// Where the record of what this key co-signed lives (default: beside the key, as
        /// KEY.cosigned, which `init` writes); kept apart from the state directory.
        #[arg(long)]
        record: Option<PathBuf>,
    },
    /// Have the vault keep this witness's cosignatures: list its verifier key (auditor,
    /// authority). The vault keeps only cosignatures that a listed key verifies.
    Add {
        /// The witness's verifier key, as `audit witness init` printed it.
        verifier_key: String,
    },
    /// The witnesses whose cosignatures the vault keeps (auditor, authority).
    List,
    /// Stop keeping a witness's cosignatures, and drop the one kept (auditor, authority).
    Remove {
        /// The witness's name.
        name: String,
    },
}

pub async fn run(ctx: &Context, command: WitnessCommand) -> Result<()> {
    match command {
        WitnessCommand::Init { out, name } => init(ctx, &out, name),
        WitnessCommand::Cosign {
            key,
            state,
            reset,
            record,
        } => {
            let record = record.unwrap_or_else(|| witness_record::beside(&key));
            cosign_latest(ctx, &key, &state, &record, reset).await
        }
        WitnessCommand::Add { verifier_key } => add(ctx, verifier_key).await,
        WitnessCommand::List => list(ctx).await,
        WitnessCommand::Remove { name } => remove(ctx, name).await,
    }
}

async fn add(ctx: &Context, verifier_key: String) -> Result<()> {
    let mut client = pb::audit_client::AuditClient::new(ctx.channel().await?);
    let witness = client
        .add_witness(pb::AddWitnessRequest {
            verifier_key: verifier_key.trim().to_owned(),
        })
        .await?
        .into_inner();
    if ctx.json {
        output::json(&witness_json(&witness));
    } else {
        ctx.say(m::WITNESS_ADDED, &[("name", &witness.name)]);
    }
    Ok(())
}

async fn list(ctx: &Context) -> Result<()> {
    let mut client = pb::audit_client::AuditClient::new(ctx.channel().await?);
    let listed = client
        .list_witnesses(pb::ListWitnessesRequest {})
        .await?
        .into_inner()
        .witnesses;
    if ctx.json {
        output::json(&json!(listed.iter().map(witness_json).collect::<Vec<_>>()));
    } else if listed.is_empty() {
        ctx.say(m::WITNESS_NONE_LISTED, &[]);
    } else {
        let rows: Vec<Vec<String>> = listed
            .iter()
            .map(|w| {
                vec![
                    output::printable(&w.name).into_owned(),
                    output::printable(&w.verifier_key).into_owned(),
                    output::printable(&w.added_by).into_owned(),
                    ctx.time(w.added_at),
                ]
            })
            .collect();
        output::table(
            &[
                m::head::NAME,
                m::head::VERIFIER_KEY,
                m::head::BY,
                m::head::SINCE,
            ]
            .map(|h| h.text(ctx.lang)),
            &rows,
        );
    }
    Ok(())
}

async fn remove(ctx: &Context, name: String) -> Result<()> {
    let mut client = pb::audit_client::AuditClient::new(ctx.channel().await?);
    client
        .remove_witness(pb::RemoveWitnessRequest { name: name.clone() })
        .await?;
    if ctx.json {
        output::json(&json!({ "removed": name }));
    } else {
        ctx.say(m::WITNESS_REMOVED, &[("name", &name)]);
    }
    Ok(())
}

fn witness_json(w: &pb::Witness) -> serde_json::Value {
    json!({
        "name": w.name, "verifier_key": w.verifier_key, "added_by": w.added_by,
        "added_at": output::utc(w.added_at),
    })
}

fn default_name() -> String {
    let host = std::fs::read_to_string("/etc/hostname").unwrap_or_default();
    let host: String = host
        .trim()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "-.".contains(*c))
        .collect();
    format!("witness/{}", if host.is_empty() { "local" } else { &host })
}

fn init(ctx: &Context, out: &Path, name: Option<String>) -> Result<()> {
    let name = name.unwrap_or_else(default_name);
    let signer =
        Signer::generate(&name).map_err(|_| ctx.fail(m::WITNESS_BAD_NAME, &[("name", &name)]))?;
    vaultd::identity::write_private(out, signer.to_key_string().as_bytes(), false)
        .map_err(|e| ctx.identity_error(&e))?;
    let verifier = WitnessVerifier::of(&signer).to_key_string();
    // A new key has co-signed nothing; a key without this record has lost its history.
    witness_record::write(&witness_record::beside(out), &verifier, &Record::Fresh)
        .map_err(|e| ctx.identity_error(&e))?;
    if ctx.json {
        output::json(&json!({ "key": out, "name": name, "verifier_key": verifier }));
    } else {
        // The bare key on stdout, as `audit key` prints the log's: `$(… witness init …)` is it.
        println!("{verifier}");
        eprintln!(
            "{}",
            m::WITNESS_CREATED.fill(ctx.lang, &[("path", &out.display())])
        );
    }
    Ok(())
}

fn read_private_text(ctx: &Context, path: &Path) -> Result<String> {
    vaultd::identity::check_private_mode(path).map_err(|e| ctx.identity_error(&e))?;
    std::fs::read_to_string(path).map_err(|e| {
        ctx.fail(
            m::READ_FAILED,
            &[("path", &path.display()), ("detail", &ctx.os_error(&e))],
        )
    })
}

fn b64(root: &Hash) -> String {
    base64::engine::general_purpose::STANDARD.encode(root)
}

/// The last checkpoint this witness co-signed, as its own files say.
struct Previous {
    checkpoint: Checkpoint,
}

async fn cosign_latest(
    ctx: &Context,
    key: &Path,
    state: &Path,
    record_path: &Path,
    reset: bool,
) -> Result<()> {
    let witness = Signer::parse(&read_private_text(ctx, key)?)
        .map_err(|_| ctx.fail(m::WITNESS_BAD_KEY, &[("path", &key.display())]))?;
    let witness_key = WitnessVerifier::of(&witness).to_key_string();
    let record = witness_record::read(record_path, &witness_key);
    let channel = ctx.channel().await?;
    let mut client = pb::audit_client::AuditClient::new(channel);
    // The vault keeps only cosignatures that a key it lists verifies: co-signing for a vault
    // that would refuse it helps no one.
    let listed = client
        .list_witnesses(pb::ListWitnessesRequest {})
        .await?
        .into_inner()
        .witnesses;
    if !listed.iter().any(|w| w.verifier_key == witness_key) {
        return Err(ctx.fail(m::WITNESS_NOT_LISTED, &[("verifier", &witness_key)]));
    }
    let served_key = client
        .key(pb::AuditKeyRequest {})
        .await?
        .into_inner()
        .verifier_key;
    // The log's key is pinned at the first run: a log signed by another key is another log.
    let key_file = state.join("log.key");
    let pinned = match (&record, std::fs::read_to_string(&key_file)) {
        (witness_record::Read::Found(Record::Cosigned { log_key, .. }), _) => log_key.clone(),
        (_, Ok(text)) => text.trim().to_owned(),
        (_, Err(_)) => served_key.clone(),
    };
    if pinned != served_key {
        return Err(CliError::Refused(
            m::WITNESS_OTHER_KEY.fill(ctx.lang, &[("pinned", &pinned), ("served", &served_key)]),
        ));
    }
    let verifier = Verifier::parse(&pinned)
        .map_err(|_| ctx.fail(m::WITNESS_BAD_KEY, &[("path", &key_file.display())]))?;
    let previous = previous_cosigned(ctx, record_path, state, &record, &verifier, reset)?;
    let from_size = previous.as_ref().map_or(0, |p| p.checkpoint.size);
    let answer = client
        .consistency(pb::AuditConsistencyRequest { from_size })
        .await?
        .into_inner();
    let latest = Checkpoint::open(&answer.checkpoint, &verifier)
        .map_err(|_| CliError::Refused(m::WITNESS_BAD_CHECKPOINT.text(ctx.lang).to_owned()))?;
    if let Some(Previous { checkpoint: old }) = &previous {
        let proof: Vec<Hash> = answer
            .proof
            .iter()
            .filter_map(|h| h.as_slice().try_into().ok())
            .collect();
        let extends = latest.size >= old.size
            && proof.len() == answer.proof.len()
            && verify_consistency(old.size, latest.size, &old.root, &latest.root, &proof).is_ok();
        if !extends {
            return Err(CliError::Refused(m::WITNESS_NOT_EXTENDING.fill(
                ctx.lang,
                &[
                    ("old_size", &old.size),
                    ("old_root", &b64(&old.root)),
                    ("new_size", &latest.size),
                    ("new_root", &b64(&latest.root)),
                ],
            )));
        }
    }
    let now = time::OffsetDateTime::now_utc().unix_timestamp().max(0) as u64;
    let line = cosign(&witness, &latest.text(), now);
    let cosigned = format!("{}{line}\n", answer.checkpoint);
    // The record beside the key first: whatever happens to the state directory, the key's
    // history is kept before its cosignature leaves this machine.
    let record = Record::Cosigned {
        log_key: pinned.clone(),
        note: cosigned.clone(),
    };
    witness_record::write(record_path, &witness_key, &record)
        .map_err(|e| ctx.identity_error(&e))?;
    write_state(ctx, state, &pinned, &cosigned)?;
    // The vault keeps it and serves it with checkpoints and exports.
    client
        .add_cosignature(pb::AddCosignatureRequest {
            note: cosigned.clone(),
        })
        .await?;
    if ctx.json {
        output::json(&json!({
            "size": latest.size, "root": b64(&latest.root), "previous_size": from_size,
            "cosignature": line, "state": state,
        }));
    } else if previous.is_none() {
        // Nothing co-signed before: there is no earlier size for this one to extend.
        ctx.say(
            m::WITNESS_COSIGNED_FIRST,
            &[
                ("size", &latest.size),
                ("root", &b64(&latest.root)),
                ("dir", &state.display()),
            ],
        );
    } else {
        ctx.say(
            m::WITNESS_COSIGNED,
            &[
                ("size", &latest.size),
                ("root", &b64(&latest.root)),
                ("from", &from_size),
                ("dir", &state.display()),
            ],
        );
    }
    Ok(())
}

/// The last checkpoint this key co-signed: the larger of the record beside the key and the
/// state directory's checkpoint, each only if it verifies under the pinned log key. None when
/// the key never co-signed. When neither can be read while the record does not say "never",
/// the key's history is unknown: refused (exit 3) unless `reset`, which says what it gives up.
fn previous_cosigned(
    ctx: &Context,
    record_path: &Path,
    state: &Path,
    record: &witness_record::Read,
    verifier: &Verifier,
    reset: bool,
) -> Result<Option<Previous>> {
    let open = |note: &str| Checkpoint::open(note, verifier).ok();
    let from_record = match record {
        witness_record::Read::Found(Record::Cosigned { note, .. }) => open(note),
        _ => None,
    };
    let from_state = std::fs::read_to_string(state.join("checkpoint"))
        .ok()
        .as_deref()
        .and_then(open);
    let known = match (from_record, from_state) {
        (Some(a), Some(b)) => Some(if a.size >= b.size { a } else { b }),
        (Some(a), None) => {
            eprintln!(
                "{}",
                m::WITNESS_STATE_FROM_RECORD.fill(
                    ctx.lang,
                    &[
                        ("dir", &state.display()),
                        ("record", &record_path.display()),
                    ],
                )
            );
            Some(a)
        }
        (None, b) => b,
    };
    if let Some(checkpoint) = known {
        return Ok(Some(Previous { checkpoint }));
    }
    match record {
        witness_record::Read::Found(Record::Fresh) => Ok(None),
        _ if reset => {
            eprintln!("{}", m::WITNESS_RESET.text(ctx.lang));
            Ok(None)
        }
        _ => Err(CliError::Refused(m::WITNESS_HISTORY_UNKNOWN.fill(
            ctx.lang,
            &[
                ("record", &record_path.display()),
                ("dir", &state.display()),
            ],
        ))),
    }
}

/// Writes the pinned log key (first run) and the co-signed checkpoint, each atomically.
fn write_state(ctx: &Context, state: &Path, log_key: &str, cosigned: &str) -> Result<()> {
    if !state.exists() {
        vaultd::private_file::create_dir(state, true).map_err(|e| {
            ctx.fail(
                m::WRITE_FAILED,
                &[("path", &state.display()), ("detail", &ctx.os_error(&e))],
            )
        })?;
    }
    let key_file = state.join("log.key");
    if !key_file.exists() {
        vaultd::identity::write_private(&key_file, format!("{log_key}\n").as_bytes(), false)
            .map_err(|e| ctx.identity_error(&e))?;
    }
    vaultd::identity::write_private(&state.join("checkpoint"), cosigned.as_bytes(), true)
        .map_err(|e| ctx.identity_error(&e))
}

/// What one witness vouched for: its name, and the largest co-signed size the export extends.
pub struct Vouch {
    pub name: String,
    pub size: u64,
    /// When it co-signed (Unix seconds).
    pub at: u64,
}

/// The witnesses a reviewer named, and the checkpoints of an export that they may have
/// co-signed: its own, and each witness's latest that the vault kept (`cosigned/`). Read
/// before the export is verified, so that one pass over the entries also notes the root at
/// each of these sizes (`Verified::prefix_roots`).
pub struct WitnessCheck {
    witnesses: Vec<WitnessVerifier>,
    /// (size, root, note) of each checkpoint that the log's key signed.
    candidates: Vec<(u64, Hash, String)>,
}

impl WitnessCheck {
    /// Reads the witness keys (an unreadable key is an error now, before any long work) and
    /// the export's checkpoints.
    pub fn new(ctx: &Context, dir: &Path, log: &Verifier, witnesses: &[String]) -> Result<Self> {
        let mut keys = Vec::new();
        for text in witnesses {
            let text = std::fs::read_to_string(text).unwrap_or_else(|_| text.clone());
            let witness = WitnessVerifier::parse(text.trim())
                .map_err(|_| ctx.fail(m::WITNESS_BAD_KEY, &[("path", &text.trim())]))?;
            keys.push(witness);
        }
        let mut notes: Vec<String> = Vec::new();
        if !keys.is_empty() {
            if let Ok(note) = std::fs::read_to_string(dir.join("checkpoint")) {
                notes.push(note);
            }
            if let Ok(entries) = std::fs::read_dir(dir.join("cosigned")) {
                for entry in entries.flatten() {
                    if let Ok(note) = std::fs::read_to_string(entry.path()) {
                        notes.push(note);
                    }
                }
            }
        }
        let candidates = notes
            .into_iter()
            .filter_map(|note| {
                let checkpoint = Checkpoint::open(&note, log).ok()?;
                Some((checkpoint.size, checkpoint.root, note))
            })
            .collect();
        Ok(Self {
            witnesses: keys,
            candidates,
        })
    }

    /// The sizes whose roots the verification must note.
    pub fn sizes(&self) -> Vec<u64> {
        self.candidates.iter().map(|(size, _, _)| *size).collect()
    }

    /// Each named witness's vouch for the verified export: the largest checkpoint it co-signed
    /// that the export extends (its root at that size is the checkpoint's). Exit status 3 when
    /// one did not vouch.
    pub fn vouches(
        &self,
        ctx: &Context,
        log: &Verifier,
        verified: &Verified,
    ) -> Result<Vec<Vouch>> {
        let extended = |size: u64, root: &Hash| {
            verified
                .prefix_roots
                .iter()
                .any(|(s, r)| *s == size && r == root)
        };
        let mut vouches = Vec::new();
        for witness in &self.witnesses {
            let vouched = self
                .candidates
                .iter()
                .filter(|(size, root, _)| extended(*size, root))
                .filter_map(|(_, _, note)| vouched_size(note, log, witness))
                .max_by_key(|(size, _)| *size);
            match vouched {
                Some((size, at)) => vouches.push(Vouch {
                    name: witness.name.clone(),
                    size,
                    at,
                }),
                None => {
                    return Err(CliError::Refused(
                        m::WITNESS_NOT_VOUCHED.fill(ctx.lang, &[("name", &witness.name)]),
                    ))
                }
            }
        }
        Ok(vouches)
    }
}

/// `audit verify --witness W`: says up to where each witness vouched.
pub fn say_vouches(ctx: &Context, vouches: &[Vouch]) {
    for vouch in vouches {
        ctx.say(
            m::WITNESS_VOUCHED,
            &[
                ("name", &vouch.name),
                ("size", &vouch.size),
                ("at", &vaultd::times::format_time(vouch.at as i64)),
            ],
        );
    }
}

/// The size and time a witness vouched for in `note`, if the log signed it and the witness's
/// line verifies.
fn vouched_size(note: &str, log: &Verifier, witness: &WitnessVerifier) -> Option<(u64, u64)> {
    let checkpoint = Checkpoint::open(note, log).ok()?;
    let body = checkpoint.text();
    let signatures = &note[note.rfind("\n\n")? + 2..];
    signatures
        .lines()
        .find_map(|line| witness.check_line(line, &body).ok().flatten())
        .map(|at| (checkpoint.size, at))
}
