//! One module per `vaultd` command: its arguments and the function that runs it. What several
//! commands share (opening a vault with the unseal key, reading a public key) is here.

pub mod authority_key;
pub mod check;
pub mod dev;
pub mod init;
pub mod keys;
pub mod manual;
pub mod notify;
pub mod rekey;
pub mod restore;
pub mod serve;
pub mod server_cert;

use crate::messages;
use anyhow::{anyhow, Context};
use std::path::Path;
use vaultd::i18n::Lang;
use vaultd::secret::SecretString;
use vaultd::vault::Vault;

pub async fn unseal_from_file(lang: Lang, vault: &Vault, path: &Path) -> anyhow::Result<()> {
    vaultd::identity::check_private_mode(path)?;
    let text = SecretString::new(
        std::fs::read_to_string(path)
            .with_context(|| messages::READING.fill(lang, &[("path", &path.display())]))?,
    );
    vault
        .unseal_with_identity(&text)
        .await
        .with_context(|| messages::UNSEALING.fill(lang, &[("path", &path.display())]))
}

pub fn decode_public_key(lang: Lang, text: &str) -> anyhow::Result<Vec<u8>> {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .context(messages::KEY_NOT_BASE64.text(lang))?;
    if bytes.len() != 32 {
        return Err(anyhow!(messages::KEY_LENGTH.text(lang)));
    }
    Ok(bytes)
}
