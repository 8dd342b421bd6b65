//! The agent's own process (`vault-cli agent serve`, started by `agent start`, never by hand):
//! it reads what it holds from its stdin, leaves the terminal's session, listens, says "ready"
//! on its stdout, then answers its owner's commands one connection at a time until the TTL,
//! `agent stop` or a signal; then the key is wiped and the socket removed.

use super::protocol::{self, Handoff, Status, BAD, CHANGED, GET_IDENTITY, OK, STATUS, STOP};
use super::socket_dir::own_uid;
use std::io::Write;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::time::Duration;
use zeroize::Zeroizing;

/// A client that connects and then says nothing holds the agent this long at most.
const CLIENT_TIMEOUT: Duration = Duration::from_secs(2);

/// What the agent holds.
struct Held {
    handoff: Handoff,
    file_sha256: [u8; 32],
    /// The unlocked identity file, as `Identity::parse` reads it; wiped on drop.
    plain: Zeroizing<Vec<u8>>,
}

impl Held {
    fn expired(&self) -> bool {
        now() >= self.handoff.until
    }
}

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// Runs the agent. Errors before "ready" are written on stdout for `agent start` to show.
pub async fn run() -> std::io::Result<()> {
    detach_and_harden();
    let held = match receive() {
        Ok(held) => held,
        Err(e) => {
            let _ = writeln!(std::io::stdout(), "{e}");
            return Err(e);
        }
    };
    let socket = PathBuf::from(&held.handoff.socket);
    let listener = match listen(&socket) {
        Ok(listener) => listener,
        Err(e) => {
            let _ = writeln!(std::io::stdout(), "{}: {e}", socket.display());
            return Err(e);
        }
    };
    let inode = std::fs::metadata(&socket)?.ino();
    // Said only once the socket answers, so that `agent start` returns to a working agent.
    let mut stdout = std::io::stdout();
    writeln!(stdout, "ready")?;
    stdout.flush()?;
    serve(listener, &held).await;
    drop(held);
    // Removed only if it is still ours (a new agent may have replaced a socket it thought stale).
    if std::fs::metadata(&socket).is_ok_and(|m| m.ino() == inode) {
        let _ = std::fs::remove_file(&socket);
    }
    Ok(())
}

/// Leaves the terminal's session (its hang-up and Ctrl-C no longer reach the agent) and makes
/// the process non-dumpable: no core file, and other processes of the same user may not ptrace
/// it or read its memory or environment through /proc.
fn detach_and_harden() {
    let _ = nix::unistd::setsid();
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let _ = nix::sys::prctl::set_dumpable(false);
    let _ = nix::sys::resource::setrlimit(nix::sys::resource::Resource::RLIMIT_CORE, 0, 0);
    // The socket is created owner-only, with no window where another mode applies.
    nix::sys::stat::umask(nix::sys::stat::Mode::from_bits_truncate(0o077));
}

/// The handoff and the unlocked identity, two frames on stdin.
fn receive() -> std::io::Result<Held> {
    let invalid =
        |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_owned());
    let mut stdin = std::io::stdin().lock();
    let header = protocol::read_frame(&mut stdin)?;
    let handoff: Handoff =
        serde_json::from_slice(&header).map_err(|_| invalid("bad handoff from agent start"))?;
    let file_sha256 = hex::decode(&handoff.file_sha256)
        .ok()
        .and_then(|h| <[u8; 32]>::try_from(h).ok())
        .ok_or_else(|| invalid("bad file hash from agent start"))?;
    let plain = protocol::read_frame(&mut stdin)?;
    Ok(Held {
        handoff,
        file_sha256,
        plain,
    })
}

fn listen(socket: &Path) -> std::io::Result<tokio::net::UnixListener> {
    let listener = std::os::unix::net::UnixListener::bind(socket)?;
    std::fs::set_permissions(socket, std::fs::Permissions::from_mode(0o600))?;
    listener.set_nonblocking(true)?;
    tokio::net::UnixListener::from_std(listener)
}

async fn serve(listener: tokio::net::UnixListener, held: &Held) {
    use tokio::signal::unix::{signal, SignalKind};
    let left = u64::try_from(held.handoff.until - now()).unwrap_or(0);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(left);
    let (Ok(mut term), Ok(mut int), Ok(mut hup)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::interrupt()),
        signal(SignalKind::hangup()),
    ) else {
        return;
    };
    let uid = own_uid();
    loop {
        tokio::select! {
            _ = tokio::time::sleep_until(deadline) => return,
            _ = term.recv() => return,
            _ = int.recv() => return,
            _ = hup.recv() => return,
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                // Another user's process is closed on without a word.
                let allowed = stream
                    .peer_cred()
                    .is_ok_and(|cred| protocol::peer_allowed(cred.uid(), uid));
                if !allowed {
                    continue;
                }
                let Ok(stream) = stream.into_std() else { continue };
                if answer(stream, held) == Next::Stop {
                    return;
                }
            }
        }
    }
}

#[derive(PartialEq)]
enum Next {
    Serve,
    Stop,
}

/// Reads one request and answers it. The monotonic timer does not run while a machine sleeps,
/// so the TTL is also checked on the wall clock before anything is served.
fn answer(stream: UnixStream, held: &Held) -> Next {
    if stream.set_nonblocking(false).is_err()
        || stream.set_read_timeout(Some(CLIENT_TIMEOUT)).is_err()
        || stream.set_write_timeout(Some(CLIENT_TIMEOUT)).is_err()
    {
        return Next::Serve;
    }
    let mut stream = stream;
    let Ok(request) = protocol::read_frame(&mut stream) else {
        return Next::Serve;
    };
    if held.expired() {
        return Next::Stop;
    }
    let (reply, next): (Zeroizing<Vec<u8>>, Next) = match request.split_first() {
        Some((&GET_IDENTITY, rest)) if rest.len() >= 32 => {
            let (hash, path) = rest.split_at(32);
            if hash == held.file_sha256 && path == held.handoff.identity.as_bytes() {
                let mut out = Zeroizing::new(Vec::with_capacity(1 + held.plain.len()));
                out.push(OK);
                out.extend_from_slice(&held.plain);
                (out, Next::Serve)
            } else {
                (Zeroizing::new(vec![CHANGED]), Next::Serve)
            }
        }
        Some((&STATUS, [])) => {
            let status = Status {
                identity: held.handoff.identity.clone(),
                name: held.handoff.name.clone(),
                until: held.handoff.until,
                pid: std::process::id(),
            };
            let mut out = vec![OK];
            out.extend(serde_json::to_vec(&status).unwrap_or_default());
            (Zeroizing::new(out), Next::Serve)
        }
        Some((&STOP, [])) => (Zeroizing::new(vec![OK]), Next::Stop),
        _ => (Zeroizing::new(vec![BAD]), Next::Serve),
    };
    let _ = protocol::write_frame(&mut stream, &reply);
    next
}
