//! `vaultd dev`: a throwaway vault for trying things out. It creates a vault through the same code
//! as `vaultd init`, unseals it, enrolls one identity per role, seeds the sample accounts, and
//! prints what to try next.

use crate::i18n::Lang;
use crate::ids::Role;
use crate::msg;
use crate::secret::SecretBytes;
use crate::vault::create::{create_private_dir, init_vault, InitOptions, UnsealMethods};
use crate::vault::{Caller, NewAccountInput, SecretInput, Vault};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// A sample account of the dev vault. The values are fake and public: they exist so tests can
/// prove the real ones never reach the disk or the logs in the clear.
pub struct SampleAccount {
    pub id: &'static str,
    pub platform: &'static str,
    pub login: &'static str,
    pub url: &'static str,
    pub password: &'static str,
    /// Base32 TOTP seed, if the account has 2FA.
    pub totp_seed: Option<&'static str>,
}

pub const SAMPLE_ACCOUNTS: &[SampleAccount] = &[
    SampleAccount {
        id: "facebook-cest",
        platform: "facebook",
        login: "communications@cest.example",
        url: "https://www.facebook.com/",
        password: "Dev-Fb-7q!Tz2wLp",
        totp_seed: Some("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"),
    },
    SampleAccount {
        id: "youtube-cest",
        platform: "youtube",
        login: "chaine@cest.example",
        url: "https://www.youtube.com/",
        password: "Dev-Yt-3m#Kv8nRa",
        totp_seed: None,
    },
    SampleAccount {
        id: "linkedin-cest",
        platform: "linkedin",
        login: "page@cest.example",
        url: "https://www.linkedin.com/",
        password: "Dev-Li-9x$Hd4sQe",
        totp_seed: None,
    },
    SampleAccount {
        id: "x-cest",
        platform: "x",
        login: "@cest_officiel",
        url: "https://x.com/",
        password: "Dev-X-5c%Wb1yUo",
        totp_seed: None,
    },
    SampleAccount {
        id: "flickr-cest",
        platform: "flickr",
        login: "photos@cest.example",
        url: "https://www.flickr.com/",
        password: "Dev-Fl-2j&Ng6tMi",
        totp_seed: None,
    },
];

/// The identities `vaultd dev` writes, by file stem, with their roles.
pub const DEV_IDENTITIES: &[(&str, Role)] = &[
    ("operator", Role::Operator),
    ("authority", Role::Authority),
    ("admin", Role::Admin),
    ("admin2", Role::Admin),
    ("auditor", Role::Auditor),
    ("backup", Role::Backup),
    ("notifier", Role::Notifier),
];

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DevError {
    /// The directory already holds a dev vault.
    #[error("{0} already holds a vault; remove it or choose another --dir")]
    Exists(PathBuf),
    /// Creating the directory or binding the port failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The vault refused.
    #[error(transparent)]
    Vault(#[from] crate::vault::error::Error),
}

/// Everything `vaultd dev` made (or found), ready to serve.
pub struct DevVault {
    pub vault: Vault,
    pub url: String,
    pub dir: PathBuf,
    /// Opened from an earlier `vaultd dev --dir` rather than created.
    pub resumed: bool,
}

/// Whether `dir` already holds a dev vault to resume.
pub fn exists_in(dir: &Path) -> bool {
    Vault::exists_in(&dir.join("vault"))
}

/// Opens the dev vault an earlier `vaultd dev --dir DIR` left, and unseals it with its
/// `DIR/unseal.key` (as `vaultd serve --unseal-identity` would).
pub async fn resume_dev_vault(dir: &Path) -> Result<DevVault, DevError> {
    let vault = Vault::open(&dir.join("vault"))?;
    let key = crate::secret::SecretString::new(std::fs::read_to_string(dir.join("unseal.key"))?);
    vault.unseal_with_identity(&key).await?;
    let url = vault.public_url().await?;
    // A dev directory made before the notifier existed gets its configuration too.
    write_notify_config(dir)?;
    Ok(DevVault {
        vault,
        url,
        dir: dir.to_owned(),
        resumed: true,
    })
}

/// The socket address in a dev vault's URL (`https://127.0.0.1:PORT`), to listen on it again.
pub fn address_of(url: &str) -> Option<SocketAddr> {
    let rest = url.strip_prefix("https://")?;
    let host_port = rest.split('/').next()?;
    host_port.parse().ok()
}

pub fn identity_path(dir: &Path, stem: &str) -> PathBuf {
    dir.join("identities").join(format!("{stem}.id"))
}

/// The dev identity that can become the Secrétaire générale's acting authority: an
/// administrator holding a grant-signing key the vault does not trust by itself.
pub const ACTING_AUTHORITY: &str = "admin2";

/// Where `vaultd dev` writes the acting authority's public grant-signing key (base64).
pub fn acting_key_path(dir: &Path) -> PathBuf {
    dir.join("identities")
        .join(format!("{ACTING_AUTHORITY}.signing-key.pub"))
}

/// Builds the dev vault under `dir` for a server bound at `addr`.
pub async fn create_dev_vault(dir: &Path, addr: SocketAddr) -> Result<DevVault, DevError> {
    let data_dir = dir.join("vault");
    if Vault::exists_in(&data_dir) {
        return Err(DevError::Exists(dir.to_owned()));
    }
    create_private_dir(dir)?;
    create_private_dir(&dir.join("identities"))?;
    let host = if addr.ip().is_unspecified() {
        "127.0.0.1".to_owned()
    } else {
        addr.ip().to_string()
    };
    let url = if addr.is_ipv6() {
        format!("https://[{host}]:{}", addr.port())
    } else {
        format!("https://{host}:{}", addr.port())
    };
    let initialized = init_vault(InitOptions {
        data_dir,
        public_url: url.clone(),
        listen: addr,
        server_names: vec!["localhost".into(), "127.0.0.1".into(), "::1".into(), host],
        unseal: UnsealMethods {
            identity_out: Some(dir.join("unseal.key")),
            passphrase: None,
            escrow_recipients: Vec::new(),
        },
        operator_name: "operator".into(),
        operator_identity_out: identity_path(dir, "operator"),
        operator_passphrase: None,
        authority_key: None,
    })
    .await?;
    let vault = initialized.vault;
    let system = Caller::system("vaultd-dev");
    for (stem, role) in DEV_IDENTITIES.iter().filter(|(s, _)| *s != "operator") {
        let mut identity = vault.enroll_local(&system, stem, &[*role]).await?;
        if *role == Role::Authority {
            // The Secrétaire générale's grant-signing key; the vault pins its public half.
            let signing = crate::authz::grant::SigningKey::generate();
            vault
                .pin_authority_key("vaultd-dev", signing.public_key())
                .await?;
            identity = identity.with_signing_key(&signing);
        }
        if *stem == ACTING_AUTHORITY {
            // Her acting authority-to-be: a signing key nothing trusts until the SG signs it
            // into a delegation (the absence procedure the banner shows), its public half
            // beside the identity for `authority delegate --key`.
            let signing = crate::authz::grant::SigningKey::generate();
            use base64::Engine;
            let public = base64::engine::general_purpose::STANDARD.encode(signing.public_key());
            std::fs::write(acting_key_path(dir), public + "\n")?;
            identity = identity.with_signing_key(&signing);
        }
        identity
            .save_plain(&identity_path(dir, stem), false)
            .map_err(|e| crate::vault::error::Error::Internal(e.to_string()))?;
    }
    seed_accounts(&vault, &system).await?;
    write_notify_config(dir)?;
    Ok(DevVault {
        vault,
        url,
        dir: dir.to_owned(),
        resumed: false,
    })
}

fn write_notify_config(dir: &Path) -> Result<(), DevError> {
    let (notifier, authority) = (
        identity_path(dir, "notifier"),
        identity_path(dir, "authority"),
    );
    super::dev_notify::write_config(dir, &notifier, &authority)
        .map_err(|e| DevError::Vault(crate::vault::error::Error::Internal(e.to_string())))
}

async fn seed_accounts(vault: &Vault, system: &Caller) -> Result<(), crate::vault::error::Error> {
    for sample in SAMPLE_ACCOUNTS {
        vault
            .add_account(
                system,
                NewAccountInput {
                    id: sample.id.into(),
                    platform: sample.platform.into(),
                    login: sample.login.into(),
                    url: sample.url.into(),
                    note: "compte d'essai (vaultd dev)".into(),
                    change_url: String::new(),
                    max_age: None,
                },
            )
            .await?;
        let totp_seed = sample
            .totp_seed
            .map(|s| SecretBytes::new(s.as_bytes().to_vec()));
        vault
            .set_secret(
                system,
                SecretInput {
                    account_id: sample.id.into(),
                    password: Some(SecretBytes::new(sample.password.as_bytes().to_vec())),
                    generate_length: None,
                    totp_seed,
                    reason: "vaultd dev sample".into(),
                },
            )
            .await?;
    }
    Ok(())
}

msg!(crate::i18n::VAULTD, READY = "dev-ready");
msg!(crate::i18n::VAULTD, RESUMED = "dev-resumed");
msg!(crate::i18n::VAULTD, IDENTITY_HEADER = "dev-identity-header");
msg!(
    crate::i18n::VAULTD,
    OPERATOR_SECTION = "dev-operator-section"
);
msg!(crate::i18n::VAULTD, TRY_NEXT = "dev-try-next");
msg!(crate::i18n::VAULTD, GRANTS_SECTION = "dev-grants-section");
msg!(crate::i18n::VAULTD, AUDIT_SECTION = "dev-audit-section");
msg!(crate::i18n::VAULTD, ABSENCE_SECTION = "dev-absence-section");
msg!(crate::i18n::VAULTD, STOP_TEMP = "dev-stop-temp");
msg!(crate::i18n::VAULTD, STOP_KEPT = "dev-stop-kept");

/// A column as wide as its longest word ("administrateur" in French) and one space.
fn column_width<'a>(header: &'a str, words: impl Iterator<Item = &'a str>) -> usize {
    words
        .chain([header])
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(0)
        + 1
}

/// The text printed once the dev vault is up.
pub fn banner(lang: Lang, dev: &DevVault, cli: &str, temporary: bool) -> String {
    let dir = dev.dir.display().to_string();
    let ready = if dev.resumed { RESUMED } else { READY };
    let mut out = ready.fill(lang, &[("url", &dev.url), ("dir", &dir)]);
    out.push('\n');
    let header = IDENTITY_HEADER.text(lang);
    let header: Vec<&str> = header.split('|').collect();
    let roles: Vec<String> = DEV_IDENTITIES
        .iter()
        .map(|(_, role)| crate::i18n::role_label(lang, role.as_str()))
        .collect();
    let stem_width = column_width(header[0], DEV_IDENTITIES.iter().map(|(stem, _)| *stem));
    let role_width = column_width(header[1], roles.iter().map(String::as_str));
    out.push_str(&format!(
        "  {:<stem_width$}{:<role_width$}{}\n",
        header[0], header[1], header[2]
    ));
    for ((stem, _), role) in DEV_IDENTITIES.iter().zip(&roles) {
        out.push_str(&format!(
            "  {:<stem_width$}{:<role_width$}{}\n",
            stem,
            role,
            identity_path(&dev.dir, stem).display()
        ));
    }
    out.push('\n');
    out.push_str(TRY_NEXT.text(lang));
    out.push('\n');
    let id = |stem: &str| identity_path(&dev.dir, stem).display().to_string();
    let (op, admin, sg, auditor) = (id("operator"), id("admin"), id("authority"), id("auditor"));
    let (grants, audit, operations, absence) = (
        GRANTS_SECTION.text(lang),
        AUDIT_SECTION.text(lang),
        OPERATOR_SECTION.text(lang),
        ABSENCE_SECTION.text(lang),
    );
    let (acting, acting_id) = (ACTING_AUTHORITY, id(ACTING_AUTHORITY));
    let acting_key = acting_key_path(&dev.dir).display().to_string();
    // Every suggestion works when run again: outputs get a new name each time.
    out.push_str(&format!(
        "  {cli} --identity {op} status\n  {cli} --identity {op} account list\n\
         \n  # {grants}\n\
         \x20 {cli} --identity {admin} grant request facebook-cest --purpose \"Campagne\" --for 8h\n\
         \x20 {cli} --identity {sg} grant pending\n\
         \x20 {cli} --identity {sg} grant approve ID\n\
         \x20 {cli} --identity {admin} credential get facebook-cest\n\
         \x20 {cli} --identity {admin} credential get facebook-cest --field totp\n\
         \n  # {absence}\n\
         \x20 {cli} --identity {op} principal roles {acting} --set admin --set authority\n\
         \x20 {cli} --identity {sg} authority delegate --to {acting} --key {acting_key} \
         --from $(date +%F) --until $(date -d '+7 days' +%F) --accounts facebook-cest,youtube-cest \
         --reason \"Congé\"\n\
         \x20 {cli} --identity {sg} account approvals youtube-cest --set 2\n\
         \x20 {cli} --identity {admin} grant request youtube-cest --purpose \"Direct\" --for 2h\n\
         \x20 {cli} --identity {acting_id} grant approve ID\n\
         \x20 {cli} --identity {sg} grant cosign ID\n\
         \x20 {cli} --identity {admin} credential get youtube-cest\n\
         \n  # {audit}\n\
         \x20 {cli} --identity {auditor} audit log\n\
         \x20 EXPORT={dir}/audit-export-$(date +%s)\n\
         \x20 {cli} --identity {auditor} audit export --out \"$EXPORT\"\n\
         \x20 KEY=$({cli} --identity {auditor} audit key)\n\
         \x20 {cli} audit verify \"$EXPORT\" --key \"$KEY\"\n\
         \x20 {cli} audit report \"$EXPORT\" --key \"$KEY\" --format html --out \"$EXPORT.html\"\n\
         \n  # {operations}\n\
         \x20 {cli} --identity {op} seal\n\
         \x20 {cli} --identity {op} unseal --key-file {dir}/unseal.key\n\
         \x20 {cli} --identity {op} backup --out {dir}/backup-$(date +%s).age\n\
         \x20 age -d -i {dir}/unseal.key {dir}/backup-*.age > /tmp/vault-copy.db\n"
    ));
    let vaultd = std::env::current_exe()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| "vaultd".into());
    out.push_str(&super::dev_notify::banner_lines(lang, &dev.dir, &vaultd));
    out.push('\n');
    out.push_str(if temporary { STOP_TEMP } else { STOP_KEPT }.text(lang));
    out.push('\n');
    out
}
