//! Bounds on what a peer can hold open. File descriptors are the daemon's scarcest resource:
//! a peer that opens sockets and never speaks, or speaks TLS and then nothing, must not starve
//! the people who need a credential. So:
//! - handshakes in progress are capped, and when the cap is reached the oldest one is dropped
//!   (a real client finishes in milliseconds; an idle socket is the one that waited longest);
//! - established connections are capped in all and per principal (whatever certificates it
//!   has held: a renewal does not give it a new share), so one principal (or one stolen
//!   certificate) cannot take every slot;
//! - a connection ends with the access it was made under (the principal disabled, re-roled or
//!   renewed), after a short grace so that the answer to the call that ended it still leaves;
//! - a connection that reads nothing for a while is closed (HTTP/2 pings keep live ones busy);
//! - all caps come from the process's file limit, leaving room for the database and logs.

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// Descriptors kept for everything but clients: the database, its WAL, logs, the lock.
const RESERVED_FDS: u64 = 48;
/// A connection that reads nothing for this long is closed. The server pings every 30 s and
/// a live client answers within 10 s, so only a silent peer reaches it.
pub const IDLE_READ_TIMEOUT: Duration = Duration::from_secs(90);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub pending: usize,
    pub established: usize,
    pub per_principal: usize,
}

impl Limits {
    /// Limits that fit `fd_limit` open files.
    pub fn for_fd_limit(fd_limit: u64) -> Limits {
        let usable = fd_limit.saturating_sub(RESERVED_FDS).clamp(16, 16_384) as usize;
        let pending = (usable / 4).clamp(4, 256);
        let established = usable - pending;
        Limits {
            pending,
            established,
            per_principal: (established / 4).clamp(2, 64),
        }
    }

    /// Limits for this process (its soft RLIMIT_NOFILE).
    pub fn from_process() -> Limits {
        let soft = nix::sys::resource::getrlimit(nix::sys::resource::Resource::RLIMIT_NOFILE)
            .map(|(soft, _)| soft)
            .unwrap_or(1024);
        Limits::for_fd_limit(soft)
    }
}

/// Who is connected, by phase.
pub struct Admission {
    limits: Limits,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    next_id: u64,
    /// Handshakes in progress, oldest first, each with what stops it.
    pending: VecDeque<(u64, tokio::task::AbortHandle)>,
    established: usize,
    by_principal: HashMap<String, usize>,
}

impl Admission {
    pub fn new(limits: Limits) -> Arc<Admission> {
        Arc::new(Admission {
            limits,
            state: Mutex::default(),
        })
    }

    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Registers a handshake (its task's abort handle); drops the oldest one past the cap.
    pub fn handshake_started(&self, abort: tokio::task::AbortHandle) -> u64 {
        let Ok(mut state) = self.state.lock() else {
            return 0;
        };
        state.next_id += 1;
        let id = state.next_id;
        while state.pending.len() >= self.limits.pending {
            if let Some((_, oldest)) = state.pending.pop_front() {
                oldest.abort();
            }
        }
        state.pending.push_back((id, abort));
        id
    }

    /// The handshake ended (either way).
    pub fn handshake_ended(&self, id: u64) {
        if let Ok(mut state) = self.state.lock() {
            state.pending.retain(|(pending, _)| *pending != id);
        }
    }

    /// Admits an established connection for `principal` (its name, or the certificate's
    /// fingerprint when it belongs to none), or None when the caps are reached. The returned
    /// guard gives the slot back when the connection closes.
    pub fn establish(self: &Arc<Self>, principal: String) -> Option<Slot> {
        let mut state = self.state.lock().ok()?;
        let held = state.by_principal.get(&principal).copied().unwrap_or(0);
        if state.established >= self.limits.established || held >= self.limits.per_principal {
            return None;
        }
        state.established += 1;
        *state.by_principal.entry(principal.clone()).or_default() += 1;
        Some(Slot {
            admission: self.clone(),
            principal,
        })
    }
}

/// One established connection's place; freed on drop.
pub struct Slot {
    admission: Arc<Admission>,
    principal: String,
}

impl Drop for Slot {
    fn drop(&mut self) {
        if let Ok(mut state) = self.admission.state.lock() {
            state.established = state.established.saturating_sub(1);
            if let Some(held) = state.by_principal.get_mut(&self.principal) {
                *held -= 1;
                if *held == 0 {
                    state.by_principal.remove(&self.principal);
                }
            }
        }
    }
}

/// What ends a connection besides its peer: completes when its access has ended.
pub type Ending = Pin<Box<dyn Future<Output = ()> + Send>>;

/// Who is at the other end of a connection, as its handshake established it: what each call on
/// it finds in its extensions (tonic's `Connected`), worked out once per connection rather than
/// by hashing the certificate again on every call.
#[derive(Debug, Clone)]
pub struct Peer {
    /// The SHA-256 fingerprint of the client certificate the handshake verified (None without
    /// one).
    pub fingerprint: Option<Arc<str>>,
    /// The peer's address, for the audit entry's origin.
    pub address: Arc<str>,
}

/// A connection with who is at its other end, its slot, an idle-read deadline and what ends it.
pub struct Tracked<S> {
    inner: S,
    peer: Peer,
    _slot: Slot,
    idle: Pin<Box<tokio::time::Sleep>>,
    ending: Ending,
}

impl<S> Tracked<S> {
    pub fn new(inner: S, peer: Peer, slot: Slot, ending: Ending) -> Self {
        Tracked {
            inner,
            peer,
            _slot: slot,
            idle: Box::pin(tokio::time::sleep(IDLE_READ_TIMEOUT)),
            ending,
        }
    }

    /// An error once the connection's access has ended: the server then drops it. Polled on
    /// every read and write, and the server always has a read pending, so it is woken.
    fn poll_ended(&mut self, cx: &mut Context<'_>) -> Option<std::io::Error> {
        self.ending.as_mut().poll(cx).is_ready().then(|| {
            std::io::Error::new(
                std::io::ErrorKind::ConnectionAborted,
                "the access this connection was made under ended",
            )
        })
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Tracked<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        if let Some(ended) = self.poll_ended(cx) {
            return Poll::Ready(Err(ended));
        }
        let before = buf.filled().len();
        match Pin::new(&mut self.inner).poll_read(cx, buf) {
            Poll::Ready(result) => {
                if buf.filled().len() > before {
                    let deadline = tokio::time::Instant::now() + IDLE_READ_TIMEOUT;
                    self.idle.as_mut().reset(deadline);
                }
                Poll::Ready(result)
            }
            Poll::Pending => match self.idle.as_mut().poll(cx) {
                Poll::Ready(()) => Poll::Ready(Err(std::io::Error::new(
                    std::io::ErrorKind::TimedOut,
                    "the peer sent nothing for too long",
                ))),
                Poll::Pending => Poll::Pending,
            },
        }
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Tracked<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        if let Some(ended) = self.poll_ended(cx) {
            return Poll::Ready(Err(ended));
        }
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        if let Some(ended) = self.poll_ended(cx) {
            return Poll::Ready(Err(ended));
        }
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

impl<S> tonic::transport::server::Connected for Tracked<S> {
    type ConnectInfo = Peer;

    fn connect_info(&self) -> Self::ConnectInfo {
        self.peer.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_follow_the_file_limit_and_leave_room_for_the_database() {
        let small = Limits::for_fd_limit(256);
        assert!(small.pending + small.established + RESERVED_FDS as usize <= 256);
        assert!(small.per_principal < small.established);
        let large = Limits::for_fd_limit(65_536);
        assert_eq!(large.pending, 256);
        assert_eq!(large.per_principal, 64);
    }

    #[tokio::test]
    async fn one_principal_cannot_take_every_slot_and_a_closed_connection_frees_its_own() {
        let admission = Admission::new(Limits {
            pending: 2,
            established: 3,
            per_principal: 2,
        });
        let a1 = admission.establish("a".into()).unwrap();
        let _a2 = admission.establish("a".into()).unwrap();
        assert!(admission.establish("a".into()).is_none(), "per principal");
        let _b = admission.establish("b".into()).unwrap();
        assert!(admission.establish("c".into()).is_none(), "in all");
        drop(a1);
        assert!(admission.establish("c".into()).is_some());
    }

    #[tokio::test]
    async fn past_the_handshake_cap_the_oldest_handshake_is_dropped() {
        let admission = Admission::new(Limits {
            pending: 2,
            established: 8,
            per_principal: 2,
        });
        let idle = || tokio::spawn(std::future::pending::<()>());
        let (first, second, third) = (idle(), idle(), idle());
        admission.handshake_started(first.abort_handle());
        admission.handshake_started(second.abort_handle());
        admission.handshake_started(third.abort_handle());
        assert!(first.await.unwrap_err().is_cancelled());
        assert!(!second.is_finished() && !third.is_finished());
    }
}
