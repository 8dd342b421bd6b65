//! Integration tests: the real `vaultd` binary on a temp dir and a port the kernel chose, driven
//! by the real `vault-cli` binary and a gRPC client over mTLS.

mod harness;

mod accounts;
mod agent;
mod audit;
mod backup;
mod cli_output;
mod connections;
mod console;
mod crash;
mod custody;
mod delegation;
mod delegation_review;
mod deploy;
mod dev_flow;
mod events;
mod export_signatures;
mod grants;
mod https_only;
mod keys;
mod leaks;
mod log_facts;
mod login;
mod notify;
mod principals;
mod report;
mod report_layout;
mod rotation;
mod sealing;
mod sessions;
mod soak;
mod two_signatures;
mod waits;
mod windows;
mod witness;
