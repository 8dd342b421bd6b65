//! The agent (`vault-cli agent start`): one passphrase per sitting. It unlocks one identity
//! file once and holds it, for a bounded time, in a process of the user's own, detached like
//! ssh-agent, on a 0600 Unix socket in a 0700 directory of the user's (`socket_dir`). Other
//! `vault-cli` commands given the same identity file ask it instead of the passphrase
//! (`client`, through `Context::load_identity`); `agent stop`, the TTL or a signal wipe it.
//!
//! Why it hands the unlocked identity to the client rather than signing on its behalf (as
//! ssh-agent does): what a command needs most is the TLS client key, inside its own rustls
//! handshake, and proxying every handshake's signature through a socket would put a custom
//! signer under tonic's TLS for no gain, because the only peers the agent answers are processes
//! of the same uid (checked on every connection with SO_PEERCRED, behind a 0700 directory),
//! which could already read the identity file and watch its owner type the passphrase. What
//! bounds the exposure is elsewhere: the TTL (checked against the wall clock before anything
//! is served, so a suspended laptop does not stretch it), the process being non-dumpable (no
//! core file, no ptrace or /proc/PID/mem by other processes of the uid), and the agent answering
//! only for the file content it unlocked (SHA-256 of the file's bytes: a replaced or renewed
//! file is not served stale). Signing a grant with an identity from the agent asks for a
//! confirmation at the terminal (`confirm`), so a script cannot sign silently in her name.
//!
//! The key material reaches the agent over a pipe (its stdin), never its command line or
//! environment (the agent starts with an empty environment).

pub mod client;
pub mod protocol;
pub mod server;
pub mod socket_dir;
