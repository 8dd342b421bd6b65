//! Compiles `proto/vault/v1/*.proto` with protox (pure Rust): a fresh machine needs no system
//! protoc. Also writes the file descriptor set that gRPC server reflection serves.

use prost::Message;
use std::{env, fs, path::PathBuf};

/// Messages that carry a secret: prost derives no Debug for them; `src/pb.rs` writes a redacting one.
const SECRET_MESSAGES: &[&str] = &[
    "vault.v1.UnsealRequest",
    "vault.v1.SetSecretRequest",
    "vault.v1.Credential",
    "vault.v1.ChangePassphraseRequest",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let protos: Vec<PathBuf> = fs::read_dir("proto/vault/v1")?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    let mut protos: Vec<PathBuf> = protos
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "proto"))
        .collect();
    protos.sort();
    println!("cargo:rerun-if-changed=proto");

    let descriptors = protox::compile(&protos, ["proto"])?;
    let out_dir = PathBuf::from(env::var("OUT_DIR")?);
    fs::write(
        out_dir.join("vault_descriptor.bin"),
        descriptors.encode_to_vec(),
    )?;
    tonic_prost_build::configure()
        .skip_debug(SECRET_MESSAGES)
        // Undecodable messages become INVALID_ARGUMENT with a reason (tonic says INTERNAL).
        .codec_path("crate::wire::codec::VaultCodec")
        // Server stubs only in the daemon build: vault-cli builds without tonic's server.
        .server_mod_attribute(".", r#"#[cfg(feature = "server")]"#)
        .compile_fds(descriptors)?;
    Ok(())
}
