//! The transparency log, pure: audit entries and their exact bytes, the RFC 9162 Merkle tree,
//! C2SP signed notes, checkpoints and cosignatures, and offline verification of exports and
//! proofs.
//! May import: `ids`, `limits` and crates; no SQL, no tonic, no server. Shared with vault-cli.

pub mod action;
pub mod bounds;
pub mod cosignature;
pub mod detail;
pub mod entry;
pub mod merkle;
pub mod note;
pub mod verify;
