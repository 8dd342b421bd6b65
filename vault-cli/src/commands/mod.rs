//! One module per command group.

pub mod account;
pub mod agent;
pub mod audit;
pub mod authority;
pub mod credential;
pub mod delegation;
pub mod grant;
pub mod identity;
pub mod keys;
pub mod principal;
pub mod rotate;
pub mod secret;
pub mod system;
