//! `agent start | stop | status`: one passphrase per sitting (see `crate::agent` for how and
//! why). Unix only for now; on Windows each command says so (exit 2) and the rest of the CLI
//! asks the passphrase as before.

use crate::context::Context;
use crate::error::{CliError, Result};
use crate::messages as m;
use clap::Subcommand;

#[derive(Subcommand)]
pub enum AgentCommand {
    /// Unlock the --identity file once (its passphrase asked once) and hold it for your other
    /// commands until the time runs out or `agent stop`.
    Start {
        /// How long to hold it, e.g. 15m, 2h (12h at most).
        #[arg(long, default_value = "15m")]
        ttl: String,
    },
    /// Wipe the key the agent holds for the --identity file, and stop it.
    Stop,
    /// Which identity the agent holds, and until when.
    Status,
    /// The agent's own process, started by `agent start` (not for use by hand).
    #[command(hide = true)]
    Serve,
}

/// The longest sitting: a working day.
#[cfg(unix)]
const MAX_TTL_SECS: i64 = 12 * 3600;

#[cfg(not(unix))]
pub async fn run(ctx: &Context, command: AgentCommand) -> Result<()> {
    // The arguments are read (and ignored) so that they are checked the same way everywhere.
    if let AgentCommand::Start { ttl } = command {
        drop(ttl);
    }
    Err(CliError::Usage(
        m::AGENT_NOT_ON_WINDOWS.text(ctx.lang).to_owned(),
    ))
}

#[cfg(unix)]
pub async fn run(ctx: &Context, command: AgentCommand) -> Result<()> {
    match command {
        AgentCommand::Start { ttl } => unix::start(ctx, &ttl),
        AgentCommand::Stop => unix::stop(ctx),
        AgentCommand::Status => unix::status(ctx),
        AgentCommand::Serve => crate::agent::server::run()
            .await
            .map_err(|e| CliError::Message(e.to_string())),
    }
}

#[cfg(unix)]
mod unix {
    use super::*;
    use crate::agent::protocol::{self, Handoff};
    use crate::agent::{client, socket_dir};
    use crate::output;
    use serde_json::json;
    use std::io::BufRead;
    use std::path::{Path, PathBuf};
    use std::process::{Command, Stdio};

    fn now() -> i64 {
        time::OffsetDateTime::now_utc().unix_timestamp()
    }

    /// The identity file's canonical path and its agent's socket.
    fn locate(ctx: &Context, create: bool) -> Result<(PathBuf, PathBuf)> {
        let path = ctx.identity_path()?;
        let canonical = std::fs::canonicalize(path).map_err(|e| {
            ctx.fail(
                m::READ_FAILED,
                &[("path", &path.display()), ("detail", &ctx.os_error(&e))],
            )
        })?;
        let socket = socket_dir::socket_for(&canonical, create).map_err(|e| dir_error(ctx, e))?;
        Ok((canonical, socket))
    }

    fn dir_error(ctx: &Context, e: socket_dir::DirError) -> CliError {
        use socket_dir::DirError::*;
        match e {
            NotOwned { path, owner } => ctx.fail(
                m::AGENT_DIR_NOT_OWNED,
                &[("path", &path.display()), ("owner", &owner)],
            ),
            Reachable { path, mode } => ctx.fail(
                m::AGENT_DIR_REACHABLE,
                &[("path", &path.display()), ("mode", &format!("{mode:o}"))],
            ),
            NotADirectory { path } => ctx.fail(m::AGENT_DIR_NOT_DIR, &[("path", &path.display())]),
            Io { path, source } => ctx.fail(
                m::READ_FAILED,
                &[
                    ("path", &path.display()),
                    ("detail", &ctx.os_error(&source)),
                ],
            ),
        }
    }

    fn unreachable(ctx: &Context, socket: &Path, e: &std::io::Error) -> CliError {
        ctx.fail(
            m::AGENT_UNREACHABLE,
            &[("path", &socket.display()), ("detail", &ctx.os_error(e))],
        )
    }

    pub fn start(ctx: &Context, ttl: &str) -> Result<()> {
        let ttl_secs = vaultd::times::parse_duration(ttl)
            .filter(|s| *s <= MAX_TTL_SECS)
            .ok_or_else(|| {
                CliError::Usage(m::AGENT_BAD_TTL.fill(
                    ctx.lang,
                    &[
                        ("value", &ttl),
                        ("max", &vaultd::times::format_duration(MAX_TTL_SECS)),
                    ],
                ))
            })?;
        let (canonical, socket) = locate(ctx, true)?;
        match client::status(&socket) {
            Ok(Some(held)) => {
                return Err(ctx.fail(
                    m::AGENT_ALREADY,
                    &[
                        ("path", &canonical.display()),
                        ("until", &ctx.time(held.until)),
                    ],
                ))
            }
            // A socket left by an agent that died is in the way of the new one.
            Ok(None) => {
                let _ = std::fs::remove_file(&socket);
            }
            Err(e) => return Err(unreachable(ctx, &socket, &e)),
        }
        let bytes = zeroize::Zeroizing::new(std::fs::read(&canonical).map_err(|e| {
            ctx.fail(
                m::READ_FAILED,
                &[
                    ("path", &canonical.display()),
                    ("detail", &ctx.os_error(&e)),
                ],
            )
        })?);
        if !vaultd::identity::is_encrypted(&bytes) {
            return Err(ctx.fail(m::AGENT_PLAIN_IDENTITY, &[("path", &canonical.display())]));
        }
        let shown = ctx.identity_path()?;
        let identity = ctx.open_identity_from(
            shown,
            Some(&bytes),
            ctx.identity_passphrase_file.as_deref(),
            false,
        )?;
        let handoff = Handoff {
            identity: canonical.to_string_lossy().into_owned(),
            name: identity.name.clone(),
            file_sha256: hex::encode(client::file_sha256(&bytes)),
            socket: socket.to_string_lossy().into_owned(),
            until: now() + ttl_secs,
        };
        spawn_agent(ctx, &handoff, &identity.to_plain_bytes())?;
        drop(identity);
        if ctx.json {
            output::json(&json!({
                "identity": handoff.identity, "name": handoff.name,
                "until": output::utc(handoff.until), "socket": handoff.socket,
            }));
        } else {
            ctx.say(
                m::AGENT_STARTED,
                &[
                    ("name", &handoff.name),
                    ("path", &handoff.identity),
                    ("until", &ctx.time(handoff.until)),
                ],
            );
        }
        Ok(())
    }

    /// Starts `vault-cli agent serve` in its own session with an empty environment, hands it
    /// the unlocked identity over its stdin, and waits for its "ready".
    fn spawn_agent(ctx: &Context, handoff: &Handoff, plain: &[u8]) -> Result<()> {
        let failed =
            |detail: &dyn std::fmt::Display| ctx.fail(m::AGENT_FAILED, &[("detail", detail)]);
        let exe = std::env::current_exe().map_err(|e| failed(&ctx.os_error(&e)))?;
        let mut child = Command::new(exe)
            .args(["agent", "serve"])
            .env_clear()
            .current_dir("/")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| failed(&ctx.os_error(&e)))?;
        let header = serde_json::to_vec(handoff).unwrap_or_default();
        let handed = child.stdin.take().map(|mut stdin| {
            protocol::write_frame(&mut stdin, &header)
                .and_then(|()| protocol::write_frame(&mut stdin, plain))
        });
        let mut line = String::new();
        if let Some(out) = child.stdout.take() {
            let _ = std::io::BufReader::new(out).read_line(&mut line);
        }
        match handed {
            Some(Ok(())) if line.trim() == "ready" => Ok(()),
            Some(Err(e)) if line.trim().is_empty() => Err(failed(&ctx.os_error(&e))),
            _ => {
                let _ = child.wait();
                Err(failed(&line.trim()))
            }
        }
    }

    pub fn stop(ctx: &Context) -> Result<()> {
        let (canonical, socket) = locate(ctx, false)?;
        let stopped = client::stop(&socket).map_err(|e| unreachable(ctx, &socket, &e))?;
        if ctx.json {
            output::json(&json!({ "identity": canonical, "stopped": stopped }));
        } else if stopped {
            ctx.say(m::AGENT_STOPPED, &[("path", &canonical.display())]);
        } else {
            ctx.say(m::AGENT_NONE, &[("path", &canonical.display())]);
        }
        Ok(())
    }

    /// What the agent holds; no agent is exit status 1, as `ssh-add -l` does.
    pub fn status(ctx: &Context) -> Result<()> {
        let (canonical, socket) = locate(ctx, false)?;
        let held = client::status(&socket).map_err(|e| unreachable(ctx, &socket, &e))?;
        let Some(held) = held else {
            return Err(ctx.fail(m::AGENT_NOT_RUNNING, &[("path", &canonical.display())]));
        };
        if ctx.json {
            output::json(&json!({
                "identity": held.identity, "name": held.name,
                "until": output::utc(held.until), "pid": held.pid,
            }));
        } else {
            ctx.say(
                m::AGENT_STATUS,
                &[
                    ("name", &held.name),
                    ("path", &held.identity),
                    ("until", &ctx.time(held.until)),
                    ("pid", &held.pid),
                ],
            );
        }
        Ok(())
    }
}
