//! Generated gRPC types (`proto/vault/v1`), never edited by hand, plus the redacting `Debug`
//! impls for the messages that carry a secret (build.rs tells prost not to derive theirs).

#![allow(clippy::all, missing_docs)]

tonic::include_proto!("vault.v1");

/// The file descriptor set served by gRPC reflection.
pub const FILE_DESCRIPTOR_SET: &[u8] = tonic::include_file_descriptor_set!("vault_descriptor");

impl std::fmt::Debug for UnsealRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UnsealRequest").finish_non_exhaustive()
    }
}

impl std::fmt::Debug for ChangePassphraseRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChangePassphraseRequest")
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for SetSecretRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SetSecretRequest")
            .field("account_id", &self.account_id)
            .field("generate_length", &self.generate_length)
            .field("reason", &self.reason)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for Credential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credential")
            .field("account_id", &self.account_id)
            .field("field", &self.field)
            .field("grant_id", &self.grant_id)
            .finish_non_exhaustive()
    }
}
