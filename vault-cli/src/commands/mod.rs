//! One module per command group.

pub mod account;
pub mod identity;
pub mod principal;
pub mod secret;
pub mod system;
