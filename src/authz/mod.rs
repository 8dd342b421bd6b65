//! Authorization, pure: art. 3 grant documents (signed bytes, Ed25519), the release decision
//! (`decision::decide`), the delegation to an acting authority, the offline check of every
//! grant's signatures from an export (`grant_signatures`, `delegation_chain`), the rule that an account's
//! grants need two signatures (`approvals`), and RFC 6238 TOTP codes
//! released under a grant.
//! May import: `ids`, `limits`, `secret` and crates; no SQL, no tonic. Shared with vault-cli.

pub mod approvals;
pub mod decision;
pub mod delegation;
pub mod delegation_chain;
pub mod grant;
pub mod grant_signatures;
pub mod key_custody;
pub mod totp;
