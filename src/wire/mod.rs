//! The wire contract as Rust sees it: generated gRPC types (`pb`), the reason codes and their
//! status table (`reason`), and the client's mTLS channel (`client`).
//! May import: `identity`, `limits`; never the domain or the store. Shared with vault-cli.

pub mod client;
pub mod codec;
pub mod pb;
pub mod reason;
