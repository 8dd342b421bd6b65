//! `vaultd init`: a new vault, its first operator and its unseal methods.

use super::decode_public_key;
use anyhow::anyhow;
use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;
use vaultd::daemon::config::DEFAULT_LISTEN;
use vaultd::i18n::Lang;
use vaultd::msg;
use vaultd::secret::SecretString;
use vaultd::vault::create::{init_vault, InitOptions, UnsealMethods};

/// The arguments of `vaultd init`.
#[derive(Args)]
pub struct InitArgs {
    /// Directory for the new vault (created mode 0700; must not hold one already).
    #[arg(long)]
    data_dir: PathBuf,
    /// Address the daemon will listen on (used for the default public URL).
    #[arg(long, default_value = DEFAULT_LISTEN)]
    listen: SocketAddr,
    /// Address clients use, e.g. https://vault.example.org:8443.
    #[arg(long)]
    public_url: Option<String>,
    /// DNS name or IP in the server certificate (repeatable; the first is checked by clients).
    #[arg(long = "server-name")]
    server_names: Vec<String>,
    /// Write a new age identity file here: it unseals the vault at start.
    #[arg(long)]
    unseal_key_out: Option<PathBuf>,
    /// Also wrap the data key with the passphrase in this file (first line).
    #[arg(long, conflicts_with = "passphrase")]
    passphrase_file: Option<PathBuf>,
    /// Also wrap the data key with a passphrase asked at the terminal.
    #[arg(long)]
    passphrase: bool,
    /// age recipient (age1...) that can also unwrap the data key (repeatable).
    #[arg(long = "escrow-recipient")]
    escrow_recipients: Vec<String>,
    /// Name of the first operator.
    #[arg(long, default_value = "operator")]
    operator: String,
    /// Where to write the first operator's identity file (mode 0600).
    #[arg(long)]
    operator_identity: PathBuf,
    /// Encrypt that identity with the passphrase in this file (first line); without it the
    /// file is plain: move it to the operator's machine and protect it there.
    #[arg(long)]
    operator_passphrase_file: Option<PathBuf>,
    /// The Secrétaire générale's grant-signing public key (base64, from
    /// `vault-cli identity show` on her identity made with --signing).
    #[arg(long)]
    authority_key: Option<String>,
}

msg!(
    vaultd::i18n::VAULTD,
    ASK_PASSPHRASE = "daemon-ask-passphrase"
);
msg!(vaultd::i18n::VAULTD, ASK_AGAIN = "daemon-ask-again");
msg!(vaultd::i18n::VAULTD, MISMATCH = "daemon-mismatch");
msg!(vaultd::i18n::VAULTD, INIT_DONE = "daemon-init-done");
msg!(
    vaultd::i18n::VAULTD,
    INIT_UNSEAL_KEY = "daemon-init-unseal-key"
);
msg!(vaultd::i18n::VAULTD, INIT_NEXT = "daemon-init-next");

pub async fn run(lang: Lang, args: InitArgs) -> anyhow::Result<()> {
    let InitArgs {
        data_dir,
        listen,
        public_url,
        server_names,
        unseal_key_out,
        passphrase_file,
        passphrase,
        escrow_recipients,
        operator,
        operator_identity,
        operator_passphrase_file,
        authority_key,
    } = args;
    let authority_key = authority_key
        .as_deref()
        .map(|k| decode_public_key(lang, k))
        .transpose()?;
    let passphrase = match (passphrase_file, passphrase) {
        (Some(path), _) => Some(vaultd::secret::read_secret_file(&path)?),
        (None, true) => Some(prompt_new_passphrase(lang)?),
        (None, false) => None,
    };
    let mut names = server_names;
    if names.is_empty() {
        names = vec!["localhost".into(), listen.ip().to_string()];
    }
    let options = InitOptions {
        data_dir,
        public_url: public_url.unwrap_or_else(|| default_url(listen)),
        listen,
        server_names: names,
        unseal: UnsealMethods {
            identity_out: unseal_key_out,
            passphrase,
            escrow_recipients,
        },
        operator_name: operator,
        operator_identity_out: operator_identity,
        operator_passphrase: operator_passphrase_file
            .as_deref()
            .map(vaultd::secret::read_secret_file)
            .transpose()?,
        authority_key,
    };

    let dir = options.data_dir.display().to_string();
    let key_path = options.unseal.identity_out.clone();
    let done = init_vault(options).await?;
    println!(
        "{}",
        INIT_DONE.fill(
            lang,
            &[
                ("id", &done.vault_id),
                ("dir", &dir),
                ("identity", &done.operator_identity.display()),
                ("fingerprint", &done.operator_fingerprint),
            ]
        )
    );
    if let (Some(path), Some(recipient)) = (key_path, &done.unseal_recipient) {
        println!(
            "{}",
            INIT_UNSEAL_KEY.fill(lang, &[("path", &path.display()), ("recipient", recipient)])
        );
    }
    println!("{}", INIT_NEXT.fill(lang, &[("dir", &dir)]));
    Ok(())
}

fn default_url(listen: SocketAddr) -> String {
    let ip = if listen.ip().is_unspecified() {
        "127.0.0.1".to_owned()
    } else {
        listen.ip().to_string()
    };
    match listen {
        SocketAddr::V6(_) => format!("https://[{ip}]:{}", listen.port()),
        SocketAddr::V4(_) => format!("https://{ip}:{}", listen.port()),
    }
}

fn prompt_new_passphrase(lang: Lang) -> anyhow::Result<SecretString> {
    let first = SecretString::new(rpassword::prompt_password(ASK_PASSPHRASE.text(lang))?);
    let second = SecretString::new(rpassword::prompt_password(ASK_AGAIN.text(lang))?);
    if first.expose() != second.expose() || first.expose().is_empty() {
        return Err(anyhow!(MISMATCH.text(lang)));
    }
    Ok(first)
}
