//! `vaultd notify`: the process that tells people what happens in the vault. It follows the
//! vault's events over the same mTLS as every client (`Events.Follow`, role `notifier`), sends
//! one mail per event (SMTP, lettre) and runs the hooks configured for its kind, then puts what
//! it did on the vault's record (`Events.Record`). It holds no secret of the vault and reads
//! nothing of its data directory: a separate process, unit and user (deploy/vaultd-notify.service).
//!
//! One file per concern: `event` (the kinds and what of an event a reader may see), `config`
//! (the TOML file, refused with its line), `recipients` (who is told of what), `mail` (the
//! bodies in French then English, from the Fluent files), `message_id`, `smtp` (sending),
//! `hooks` (local programs), `outcome` (what became of one telling), `digest` (the Secrétaire générale's hourly summary of what her
//! acting authority decided), `state` (the cursor in the state directory), `backoff`, and
//! `follow` (the loop that ties them). Delivery is at least once, with the window between an
//! accepted mail and the state written kept to one file write (see `follow`).
//!
//! May import: `i18n`, `identity`, `ids`, `limits`, `private_file`, `secret`, `times`, `wire`.

pub mod backoff;
pub mod config;
pub mod digest;
pub mod event;
pub mod follow;
pub mod hooks;
pub mod mail;
pub mod message_id;
pub mod outcome;
pub mod recipients;
pub mod smtp;
pub mod state;
