//! The review report's facts, read from the audit log alone: `vault-cli audit report` builds
//! them from a verified export, offline, so a reviewer needs neither the daemon nor its database.
//!
//! `model.rs` is what a report shows; `reviewer.rs` fills it in one pass over the entries, in
//! order; releases and denials hold names by number (`names.rs`), in lists grown block by block
//! (`blocks.rs`); how each request was answered, told and decided is `request_loops.rs`; business hours in a named time zone are `hours.rs`.
//! The text, CSV and HTML renderers live in vault-cli; the JSON is written here
//! (`serialize.rs`, its numbers through `decimal.rs`), and `ordered.rs` writes long documents
//! on every core.

mod blocks;
pub mod decimal;
pub mod hours;
mod model;
mod names;
pub mod ordered;
mod request_loops;
mod reviewer;
mod serialize;

pub use blocks::Blocks;
pub use model::{
    AccountReview, AdminEvent, DelegationReview, Denial, DeniedRequest, GrantReview, Period,
    Release, RequestLoop, Review, Revocation, RotationCause, RotationDone, StagingUnconfirmed,
};
pub use names::{Name, NameId};
pub use reviewer::Reviewer;

#[cfg(test)]
mod tests;
