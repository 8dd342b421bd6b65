//! Asking a running agent: the unlocked identity (for `Context::load_identity`), its status, or
//! to stop. No agent, or one that holds another version of the file, is not an error for a
//! command: it asks the passphrase as it always did.

use super::protocol::{self, Status, OK, STATUS, STOP};
use super::socket_dir;
use std::io;
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::time::Duration;
use vaultd::identity::Identity;
use zeroize::Zeroizing;

/// An agent that accepts and then says nothing does not hang the command.
const AGENT_TIMEOUT: Duration = Duration::from_secs(5);

/// SHA-256 of an identity file's bytes: what the agent compares with the file it unlocked.
pub fn file_sha256(bytes: &[u8]) -> [u8; 32] {
    let digest = ring::digest::digest(&ring::digest::SHA256, bytes);
    let mut out = [0u8; 32];
    out.copy_from_slice(digest.as_ref());
    out
}

/// The identity in `path` as the agent unlocked it, if an agent holds this very file.
pub fn unlocked_identity(path: &Path) -> Option<Identity> {
    let canonical = std::fs::canonicalize(path).ok()?;
    let socket = socket_dir::socket_for(&canonical, false).ok()?;
    std::fs::symlink_metadata(&socket).ok()?;
    let bytes = Zeroizing::new(std::fs::read(&canonical).ok()?);
    let request = protocol::identity_request(&file_sha256(&bytes), canonical.to_str()?);
    let answer = ask(&socket, &request).ok()??;
    match answer.split_first() {
        Some((&OK, plain)) => Identity::parse(plain).ok(),
        _ => None,
    }
}

/// One request, one answer; `None` when no agent listens there (no socket, or a stale one).
fn ask(socket: &Path, request: &[u8]) -> io::Result<Option<Zeroizing<Vec<u8>>>> {
    let mut stream = match UnixStream::connect(socket) {
        Ok(stream) => stream,
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::ConnectionRefused
            ) =>
        {
            return Ok(None)
        }
        Err(e) => return Err(e),
    };
    stream.set_read_timeout(Some(AGENT_TIMEOUT))?;
    stream.set_write_timeout(Some(AGENT_TIMEOUT))?;
    protocol::write_frame(&mut stream, request)?;
    match protocol::read_frame(&mut stream) {
        Ok(answer) => Ok(Some(answer)),
        // An agent that closes without answering has just expired (or refused the peer).
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(None),
        Err(e) => Err(e),
    }
}

/// What the agent at `socket` holds, or `None` if none listens there.
pub fn status(socket: &Path) -> io::Result<Option<Status>> {
    let Some(answer) = ask(socket, &[STATUS])? else {
        return Ok(None);
    };
    match answer.split_first() {
        Some((&OK, json)) => serde_json::from_slice(json)
            .map(Some)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e)),
        _ => Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "unexpected answer from the agent",
        )),
    }
}

/// Asks the agent at `socket` to wipe the key and exit; false if none listens there.
pub fn stop(socket: &Path) -> io::Result<bool> {
    Ok(ask(socket, &[STOP])?.is_some_and(|a| a.first() == Some(&OK)))
}
