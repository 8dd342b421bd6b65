//! `vaultd`: the Commission's credential vault. The folders are the architecture (see
//! ARCHITECTURE.md): pure, shared code first (the CLI builds it without the `server` feature),
//! then the daemon's layers, top to bottom: `daemon` → `vault` → `store`.

// Shared with vault-cli: pure, no SQL, no server.
pub mod authz;
pub mod i18n;
pub mod identity;
pub mod ids;
pub mod limits;
pub mod manual;
pub mod pipeline;
pub mod private_file;
pub mod review;
pub mod secret;
pub mod times;
pub mod tlog;
pub mod wire;

// The daemon's layers.
#[cfg(feature = "server")]
pub mod crypto;
#[cfg(feature = "server")]
pub mod daemon;
// The notifier (`vaultd notify`): a client of the vault, in a process of its own.
#[cfg(feature = "server")]
pub mod notify;
#[cfg(feature = "server")]
pub mod store;
#[cfg(feature = "server")]
pub mod vault;

/// The version printed by `status` and `--version`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg(all(test, feature = "server"))]
mod layers;
