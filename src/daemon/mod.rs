//! The daemon: the mTLS server, configuration, process hardening, `init` and `dev`, and the
//! gRPC handlers (`service`), the only code that sees generated types and tonic requests.
//! May import: `vault` (the domain), `wire`, and the shared modules; never `store` directly.

pub mod activation;
pub mod config;
pub mod connections;
pub mod dev;
pub mod dev_notify;
pub mod hardening;
mod revoking_verifier;
pub mod server;
pub mod service;
