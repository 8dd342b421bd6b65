//! `vaultd`: the Commission's credential vault. The library holds what the daemon and `vault-cli`
//! share (wire types, identities, validation, messages) and, with the `server` feature, the daemon.

pub mod audit_entry;
pub mod audit_verify;
pub mod client;
pub mod grant;
pub mod i18n;
pub mod identity;
pub mod ids;
pub mod limits;
pub mod merkle;
pub mod note;
pub mod pb;
pub mod pki;
pub mod policy;
pub mod reason;
pub mod secret;
pub mod totp;

#[cfg(feature = "server")]
pub mod audit;
#[cfg(feature = "server")]
pub mod config;
#[cfg(feature = "server")]
pub mod crypto;
#[cfg(feature = "server")]
pub mod dev;
#[cfg(feature = "server")]
pub mod error;
#[cfg(feature = "server")]
pub mod hardening;
#[cfg(feature = "server")]
pub mod init;
#[cfg(feature = "server")]
pub mod server;
#[cfg(feature = "server")]
pub mod service;
#[cfg(feature = "server")]
pub mod store;
#[cfg(feature = "server")]
pub mod vault;

/// The version printed by `status` and `--version`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
