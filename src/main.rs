//! The `vaultd` binary: `dev`, `init`, `serve` and `check`.

mod messages;

use anyhow::{anyhow, Context};
use clap::{Parser, Subcommand};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use vaultd::daemon::config::{Config, DEFAULT_LISTEN};
use vaultd::i18n::Lang;
use vaultd::msg;
use vaultd::secret::SecretString;
use vaultd::vault::create::{init_vault, InitOptions, UnsealMethods};
use vaultd::vault::Vault;

#[derive(Parser)]
#[command(
    name = "vaultd",
    version,
    about = "Credential vault daemon / démon du coffre d'identifiants"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Throwaway vault, unsealed, with sample accounts and one identity per role.
    Dev {
        /// Keep everything under DIR (default: a temporary directory removed on exit); a DIR
        /// that already holds a dev vault is resumed.
        #[arg(long)]
        dir: Option<PathBuf>,
        /// Address to listen on (default: 127.0.0.1:8443, or the resumed vault's own).
        #[arg(long)]
        listen: Option<SocketAddr>,
    },
    /// Create a new vault.
    Init {
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
    },
    /// Pin the Secrétaire générale's grant-signing public key, proving control of the server
    /// with the unseal key (first pinning, or replacing a lost key).
    AuthorityKey {
        /// The vault's directory.
        #[arg(long)]
        data_dir: PathBuf,
        /// The unseal key (age identity file).
        #[arg(long)]
        unseal_identity: PathBuf,
        /// The public key, base64.
        #[arg(long)]
        set: String,
    },
    /// Run the daemon.
    Serve {
        /// Configuration file (see deploy/vaultd.toml).
        #[arg(long)]
        config: Option<PathBuf>,
        /// The vault's directory (overrides the configuration).
        #[arg(long)]
        data_dir: Option<PathBuf>,
        /// Address to listen on (default: the one given to init; ignored under socket activation).
        #[arg(long)]
        listen: Option<SocketAddr>,
        /// age identity file that unseals the vault at start.
        #[arg(long)]
        unseal_identity: Option<PathBuf>,
    },
    /// Open every sealed value once and report (offline; the daemon may be stopped).
    Check {
        /// The vault's directory.
        #[arg(long)]
        data_dir: PathBuf,
        /// The unseal key or an escrow key (age identity file).
        #[arg(long)]
        unseal_identity: PathBuf,
    },
    /// Replace the data key: every sealed value re-sealed under a new key, every wrapping
    /// remade, in one transaction (daemon stopped). Old copies of the database keep the old key.
    Rekey {
        /// The vault's directory.
        #[arg(long)]
        data_dir: PathBuf,
        /// The unseal key or an escrow key (age identity file).
        #[arg(long)]
        unseal_identity: PathBuf,
        /// The unseal passphrase (first line, mode 0600), needed when the vault has one.
        #[arg(long)]
        passphrase_file: Option<PathBuf>,
    },
    /// Issue the server a new TLS key and certificate from the vault's CA (unchanged, so every
    /// identity keeps working), optionally for a new public URL and names (daemon stopped).
    ServerCert {
        /// The vault's directory.
        #[arg(long)]
        data_dir: PathBuf,
        /// The unseal key or an escrow key (age identity file).
        #[arg(long)]
        unseal_identity: PathBuf,
        /// The new address clients use (default: unchanged).
        #[arg(long)]
        public_url: Option<String>,
        /// DNS name or IP in the certificate (repeatable; default: the current certificate's).
        #[arg(long = "server-name")]
        server_names: Vec<String>,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        shell: vaultd::manual::Shell,
    },
    /// Write the man pages (English in DIR/man1, French in DIR/fr/man1).
    Man {
        /// The directory to write into.
        #[arg(long)]
        out: PathBuf,
    },
    /// Restore a backup (from `vault-cli backup`) into a new data directory, checking it
    /// (daemon stopped). A restore rolls the vault back to the backup's time.
    Restore {
        /// The age-encrypted backup.
        #[arg(long)]
        from: PathBuf,
        /// A new or empty directory for the restored vault.
        #[arg(long)]
        data_dir: PathBuf,
        /// The unseal key or an escrow key (age identity file).
        #[arg(long)]
        unseal_identity: PathBuf,
        /// The audit log's verifier key kept elsewhere (`vault-cli audit key`, inline or a
        /// file): a backup signed by any other key is refused.
        #[arg(long)]
        audit_key: Option<String>,
    },
}

fn init_logging(filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(filter));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
}

fn main() -> std::process::ExitCode {
    let lang = Lang::from_env();
    let cli = parse(lang);
    match run(cli, lang) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "{}{}",
                messages::ERROR_PREFIX.text(lang),
                messages::explain(lang, &e)
            );
            std::process::ExitCode::FAILURE
        }
    }
}

/// Parses the command line, with help in the reader's language.
fn parse(lang: Lang) -> Cli {
    use clap::{CommandFactory, FromArgMatches};
    let command = vaultd::i18n::localize_help(Cli::command(), lang, &vaultd::i18n::VAULTD);
    Cli::from_arg_matches(&command.get_matches()).unwrap_or_else(|e| e.exit())
}

fn run(cli: Cli, lang: Lang) -> anyhow::Result<()> {
    use clap::CommandFactory;
    match &cli.command {
        Command::Completions { shell } => {
            return Ok(vaultd::manual::print_completions(*shell, Cli::command())?);
        }
        Command::Man { out } => {
            let french =
                vaultd::i18n::localize_help(Cli::command(), Lang::Fr, &vaultd::i18n::VAULTD);
            let written = vaultd::manual::write_man_pages(Cli::command(), french, out)
                .with_context(|| messages::WRITING.fill(lang, &[("path", &out.display())]))?;
            println!(
                "{}",
                MAN_WRITTEN.fill(lang, &[("count", &written.len()), ("dir", &out.display())])
            );
            return Ok(());
        }
        _ => {}
    }
    let runtime = tokio::runtime::Runtime::new().context(messages::RUNTIME.text(lang))?;
    match cli.command {
        Command::Dev { dir, listen } => {
            init_logging("info");
            vaultd::daemon::hardening::harden_process();
            runtime.block_on(run_dev(lang, dir, listen))
        }
        Command::Init {
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
        } => {
            init_logging("warn");
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
            runtime.block_on(run_init(lang, options))
        }
        Command::Serve {
            config,
            data_dir,
            listen,
            unseal_identity,
        } => {
            let config = Config::resolve(config.as_deref(), data_dir, listen, unseal_identity)?;
            init_logging(&config.log);
            vaultd::daemon::hardening::harden_process();
            runtime.block_on(run_serve(lang, config))
        }
        Command::AuthorityKey {
            data_dir,
            unseal_identity,
            set,
        } => {
            init_logging("warn");
            let key = decode_public_key(lang, &set)?;
            runtime.block_on(run_authority_key(lang, &data_dir, &unseal_identity, key))
        }
        Command::Check {
            data_dir,
            unseal_identity,
        } => {
            init_logging("warn");
            runtime.block_on(run_check(lang, &data_dir, &unseal_identity))
        }
        Command::Completions { .. } | Command::Man { .. } => Ok(()),
        Command::Rekey {
            data_dir,
            unseal_identity,
            passphrase_file,
        } => {
            init_logging("warn");
            let passphrase = passphrase_file
                .as_deref()
                .map(vaultd::secret::read_secret_file)
                .transpose()?;
            runtime.block_on(run_rekey(lang, &data_dir, &unseal_identity, passphrase))
        }
        Command::ServerCert {
            data_dir,
            unseal_identity,
            public_url,
            server_names,
        } => {
            init_logging("warn");
            runtime.block_on(run_server_cert(
                lang,
                &data_dir,
                &unseal_identity,
                public_url,
                server_names,
            ))
        }
        Command::Restore {
            from,
            data_dir,
            unseal_identity,
            audit_key,
        } => {
            init_logging("warn");
            let expected = audit_key
                .map(|k| {
                    let text = std::fs::read_to_string(&k).unwrap_or(k);
                    vaultd::tlog::note::Verifier::parse(text.trim())
                        .map_err(|_| anyhow!(messages::BAD_AUDIT_KEY.text(lang)))
                })
                .transpose()?;
            runtime.block_on(run_restore(
                lang,
                from,
                data_dir,
                &unseal_identity,
                expected,
            ))
        }
    }
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

msg!(
    vaultd::i18n::VAULTD,
    ASK_PASSPHRASE = "daemon-ask-passphrase"
);
msg!(vaultd::i18n::VAULTD, ASK_AGAIN = "daemon-ask-again");
msg!(vaultd::i18n::VAULTD, MISMATCH = "daemon-mismatch");

fn prompt_new_passphrase(lang: Lang) -> anyhow::Result<SecretString> {
    let first = SecretString::new(rpassword::prompt_password(ASK_PASSPHRASE.text(lang))?);
    let second = SecretString::new(rpassword::prompt_password(ASK_AGAIN.text(lang))?);
    if first.expose() != second.expose() || first.expose().is_empty() {
        return Err(anyhow!(MISMATCH.text(lang)));
    }
    Ok(first)
}

msg!(vaultd::i18n::VAULTD, INIT_DONE = "daemon-init-done");
msg!(
    vaultd::i18n::VAULTD,
    INIT_UNSEAL_KEY = "daemon-init-unseal-key"
);
msg!(vaultd::i18n::VAULTD, INIT_NEXT = "daemon-init-next");

async fn run_init(lang: Lang, options: InitOptions) -> anyhow::Result<()> {
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

async fn unseal_from_file(lang: Lang, vault: &Vault, path: &Path) -> anyhow::Result<()> {
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

async fn run_serve(lang: Lang, config: Config) -> anyhow::Result<()> {
    let vault = Vault::open(&config.data_dir)
        .with_context(|| messages::OPENING.fill(lang, &[("dir", &config.data_dir.display())]))?
        .with_grant_policy(vaultd::vault::GrantPolicy {
            max_grant_secs: i64::from(config.max_grant_days.max(1)) * 86_400,
        });
    match &config.unseal_identity {
        // A configured credential that is not there (not yet created, or the service started
        // without it) leaves the vault sealed, as documented; a wrong or unreadable one stops.
        Some(path) if !path.exists() => tracing::warn!(
            path = %path.display(),
            "no unseal identity there: vault sealed, an operator must run vault-cli unseal"
        ),
        Some(path) => {
            unseal_from_file(lang, &vault, path).await?;
            tracing::info!("vault unsealed with the identity file");
        }
        None => tracing::warn!("vault sealed: an operator must run vault-cli unseal"),
    }
    let listener = match vaultd::daemon::activation::systemd_listener()? {
        Some(passed) => {
            tracing::info!("listening on the socket systemd passed");
            passed
        }
        None => {
            let addr = match config.listen {
                Some(addr) => addr,
                None => vault
                    .listen_address()
                    .await?
                    .unwrap_or_else(vaultd::daemon::config::default_listen),
            };
            tokio::net::TcpListener::bind(addr)
                .await
                .with_context(|| messages::LISTENING.fill(lang, &[("addr", &addr)]))?
        }
    };
    let shutdown = vaultd::daemon::server::shutdown_signal();
    tracing::info!(address = %listener.local_addr()?, "vaultd listening");
    vaultd::daemon::server::serve(Arc::new(vault), listener, shutdown).await?;
    Ok(())
}

async fn run_dev(
    lang: Lang,
    dir: Option<PathBuf>,
    listen: Option<SocketAddr>,
) -> anyhow::Result<()> {
    let (dir, temporary) = match dir {
        Some(dir) => (dir, None),
        None => {
            let temp = tempdir_for_dev()?;
            (temp.clone(), Some(temp))
        }
    };
    let bind = |addr: SocketAddr| async move {
        tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| messages::LISTENING.fill(lang, &[("addr", &addr)]))
    };
    let (listener, dev) = if vaultd::daemon::dev::exists_in(&dir) {
        // Resume: listen where the identities already point, unless told otherwise.
        let dev = vaultd::daemon::dev::resume_dev_vault(&dir).await?;
        let addr = listen
            .or_else(|| vaultd::daemon::dev::address_of(&dev.url))
            .unwrap_or_else(default_listen);
        (bind(addr).await?, dev)
    } else {
        let listener = bind(listen.unwrap_or_else(default_listen)).await?;
        let addr = listener.local_addr()?;
        let dev = vaultd::daemon::dev::create_dev_vault(&dir, addr).await?;
        (listener, dev)
    };
    let addr = listener.local_addr()?;
    let shutdown = vaultd::daemon::server::shutdown_signal();
    let cli = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|p| p.join("vault-cli")))
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "vault-cli".into());
    print!(
        "{}",
        vaultd::daemon::dev::banner(lang, &dev, &cli, temporary.is_some())
    );
    use std::io::Write;
    std::io::stdout().flush().ok();
    tracing::info!(address = %addr, "vaultd listening");
    let served = vaultd::daemon::server::serve(Arc::new(dev.vault), listener, shutdown).await;
    if let Some(temp) = temporary {
        std::fs::remove_dir_all(&temp).ok();
    }
    Ok(served?)
}

fn default_listen() -> SocketAddr {
    DEFAULT_LISTEN.parse().expect("a valid default address")
}

/// A fresh private directory under the system temp dir.
fn tempdir_for_dev() -> anyhow::Result<PathBuf> {
    let name = format!(
        "vaultd-dev-{}",
        hex::encode(vaultd::crypto::random_bytes::<4>())
    );
    let dir = std::env::temp_dir().join(name);
    vaultd::vault::create::create_private_dir(&dir)?;
    Ok(dir)
}

fn decode_public_key(lang: Lang, text: &str) -> anyhow::Result<Vec<u8>> {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .context(messages::KEY_NOT_BASE64.text(lang))?;
    if bytes.len() != 32 {
        return Err(anyhow!(messages::KEY_LENGTH.text(lang)));
    }
    Ok(bytes)
}

msg!(vaultd::i18n::VAULTD, KEY_PINNED = "daemon-key-pinned");

async fn run_authority_key(
    lang: Lang,
    data_dir: &Path,
    unseal: &Path,
    key: Vec<u8>,
) -> anyhow::Result<()> {
    let vault = Vault::open(data_dir)?;
    unseal_from_file(lang, &vault, unseal).await?;
    let id = vault.pin_authority_key("vaultd-authority-key", key).await?;
    println!("{}", KEY_PINNED.fill(lang, &[("id", &id)]));
    Ok(())
}

msg!(vaultd::i18n::VAULTD, MAN_WRITTEN = "daemon-man-written");

msg!(vaultd::i18n::VAULTD, REKEYED = "daemon-rekeyed");

async fn run_rekey(
    lang: Lang,
    data_dir: &Path,
    unseal: &Path,
    passphrase: Option<SecretString>,
) -> anyhow::Result<()> {
    let vault = Vault::open(data_dir)
        .with_context(|| messages::OPENING.fill(lang, &[("dir", &data_dir.display())]))?;
    unseal_from_file(lang, &vault, unseal).await?;
    let done = vault.rekey(passphrase).await?;
    // The old key's wrappings and values must not linger in free pages or the WAL.
    drop(vault);
    vaultd::store::snapshot::compact(data_dir)?;
    println!(
        "{}",
        REKEYED.fill(lang, &[("values", &done.values), ("wraps", &done.wraps)])
    );
    Ok(())
}

msg!(
    vaultd::i18n::VAULTD,
    SERVER_CERT_DONE = "daemon-server-cert-done"
);

async fn run_server_cert(
    lang: Lang,
    data_dir: &Path,
    unseal: &Path,
    public_url: Option<String>,
    server_names: Vec<String>,
) -> anyhow::Result<()> {
    let vault = Vault::open(data_dir)
        .with_context(|| messages::OPENING.fill(lang, &[("dir", &data_dir.display())]))?;
    unseal_from_file(lang, &vault, unseal).await?;
    let done = vault
        .renew_server_certificate(public_url, server_names)
        .await?;
    println!(
        "{}",
        SERVER_CERT_DONE.fill(
            lang,
            &[
                ("names", &done.names.join(", ")),
                ("until", &vaultd::times::format_time(done.not_after)),
                ("url", &done.public_url),
            ]
        )
    );
    Ok(())
}

msg!(vaultd::i18n::VAULTD, RESTORED = "daemon-restored");

async fn run_restore(
    lang: Lang,
    from: PathBuf,
    data_dir: PathBuf,
    identity_path: &Path,
    expected_audit_key: Option<vaultd::tlog::note::Verifier>,
) -> anyhow::Result<()> {
    vaultd::identity::check_private_mode(identity_path)?;
    let identity =
        SecretString::new(std::fs::read_to_string(identity_path).with_context(|| {
            messages::READING.fill(lang, &[("path", &identity_path.display())])
        })?);
    let restored = vaultd::vault::restore::restore(vaultd::vault::restore::RestoreOptions {
        from: from.clone(),
        data_dir: data_dir.clone(),
        identity,
        expected_audit_key,
    })
    .await?;
    println!(
        "{}",
        RESTORED.fill(
            lang,
            &[
                ("dir", &data_dir.display()),
                ("from", &from.display()),
                ("sha256", &restored.backup_sha256),
                ("size", &restored.log_size),
                ("root", &restored.log_root),
                ("origin", &restored.audit_origin),
                ("key", &restored.audit_key),
                ("count", &restored.values_opened),
            ]
        )
    );
    Ok(())
}

msg!(vaultd::i18n::VAULTD, CHECK_OK = "daemon-check-ok");

msg!(vaultd::i18n::VAULTD, KEY_COPIES_OK = "daemon-key-copies-ok");

async fn run_check(lang: Lang, data_dir: &Path, key: &Path) -> anyhow::Result<()> {
    let vault = Vault::open(data_dir)?;
    unseal_from_file(lang, &vault, key).await?;
    let count = vault.check_integrity().await?;
    println!("{}", CHECK_OK.fill(lang, &[("count", &count)]));
    vault.check_key_copies().await?;
    println!("{}", KEY_COPIES_OK.text(lang));
    Ok(())
}
