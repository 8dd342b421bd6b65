//! What the agent and its clients say to each other: length-prefixed frames (4 bytes, big
//! endian, then the body), each at most `MAX_FRAME` bytes, one request and one answer per
//! connection. A request is one byte naming it, then its arguments; an answer is one byte
//! (`OK`, `CHANGED`, `BAD`), then its content.

use std::io::{self, Read, Write};
use zeroize::Zeroizing;

/// An identity file with its certificates is a few KiB; nothing either side says is larger.
pub const MAX_FRAME: usize = 64 * 1024;

/// "The identity you hold, if it is still this file": SHA-256 of the file's bytes (32 bytes),
/// then its canonical path (UTF-8).
pub const GET_IDENTITY: u8 = b'I';
/// "What do you hold, until when?": answered with a `Status` in JSON.
pub const STATUS: u8 = b'S';
/// "Wipe the key and exit."
pub const STOP: u8 = b'Q';

/// The request was served; the answer's content follows.
pub const OK: u8 = b'+';
/// The identity file is no longer the one the agent unlocked (replaced, renewed, moved).
pub const CHANGED: u8 = b'!';
/// Not a request the agent knows, or a malformed one.
pub const BAD: u8 = b'?';

/// What `agent status` shows: nothing secret.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct Status {
    /// The identity file's canonical path.
    pub identity: String,
    /// The principal's name in it.
    pub name: String,
    /// When the agent wipes the key and exits (Unix seconds).
    pub until: i64,
    /// The agent's process id (for `kill`, and for the tests that read its /proc entries).
    pub pid: u32,
}

/// How the agent starts: what `agent start` writes on the new agent's stdin, before the
/// unlocked identity itself (the next frame). Nothing secret here either.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct Handoff {
    pub identity: String,
    pub name: String,
    /// SHA-256 of the identity file's bytes, hex.
    pub file_sha256: String,
    pub socket: String,
    pub until: i64,
}

pub fn write_frame(w: &mut impl Write, body: &[u8]) -> io::Result<()> {
    let len = u32::try_from(body.len())
        .ok()
        .filter(|&n| n as usize <= MAX_FRAME)
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "frame too large"))?;
    w.write_all(&len.to_be_bytes())?;
    w.write_all(body)?;
    w.flush()
}

/// One frame, refused before any allocation if it announces more than `MAX_FRAME` bytes. The
/// buffer is zeroized when dropped: it may hold the identity.
pub fn read_frame(r: &mut impl Read) -> io::Result<Zeroizing<Vec<u8>>> {
    let mut len = [0u8; 4];
    r.read_exact(&mut len)?;
    let len = u32::from_be_bytes(len) as usize;
    if len > MAX_FRAME {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "frame too large",
        ));
    }
    let mut body = Zeroizing::new(vec![0u8; len]);
    r.read_exact(&mut body)?;
    Ok(body)
}

/// Whether a peer may talk to the agent: only its own user. Root is not let in either: the
/// agent holds one person's key, and root can read a process's memory without asking it.
pub fn peer_allowed(peer_uid: u32, own_uid: u32) -> bool {
    peer_uid == own_uid
}

/// A `GET_IDENTITY` request's body.
pub fn identity_request(file_sha256: &[u8; 32], canonical_path: &str) -> Vec<u8> {
    let mut body = Vec::with_capacity(1 + 32 + canonical_path.len());
    body.push(GET_IDENTITY);
    body.extend_from_slice(file_sha256);
    body.extend_from_slice(canonical_path.as_bytes());
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip_and_oversized_ones_are_refused_unread() {
        let mut wire = Vec::new();
        write_frame(&mut wire, b"hello").unwrap();
        assert_eq!(&wire[..4], &[0, 0, 0, 5]);
        assert_eq!(&*read_frame(&mut wire.as_slice()).unwrap(), b"hello");

        let too_big = vec![0u8; MAX_FRAME + 1];
        assert!(write_frame(&mut Vec::new(), &too_big).is_err());
        // A length that promises 4 GiB is refused from its 4 bytes, before reading on.
        let announced = [0xff, 0xff, 0xff, 0xff, 1, 2, 3];
        let e = read_frame(&mut announced.as_slice()).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidData);
        // A frame cut short is an error, not a shorter frame.
        let cut = [0, 0, 0, 9, b'a'];
        assert!(read_frame(&mut cut.as_slice()).is_err());
    }

    #[test]
    fn only_the_agents_own_user_is_let_in() {
        assert!(peer_allowed(1000, 1000));
        assert!(!peer_allowed(1001, 1000));
        assert!(!peer_allowed(0, 1000), "not even root");
        assert!(!peer_allowed(65534, 0));
    }

    #[test]
    fn an_identity_request_carries_the_hash_then_the_path() {
        let body = identity_request(&[7u8; 32], "/home/sg/sg.id");
        assert_eq!(body[0], GET_IDENTITY);
        assert_eq!(&body[1..33], &[7u8; 32]);
        assert_eq!(&body[33..], b"/home/sg/sg.id");
    }
}
