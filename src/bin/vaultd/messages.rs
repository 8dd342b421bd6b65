//! What `vaultd` tells the operator when it cannot do what was asked, in French and English
//! (this module belongs to the binary; the library's errors stay in English for the logs).

use vaultd::daemon::config::ConfigError;
use vaultd::i18n::{describe_failure, Lang};
use vaultd::store::{LayoutProblem, StoreError};
use vaultd::vault::error::Error;

use vaultd::msg;

msg!(vaultd::i18n::VAULTD, ERROR_PREFIX = "daemon-error-prefix");
msg!(vaultd::i18n::VAULTD, READING = "daemon-reading");
msg!(vaultd::i18n::VAULTD, WRITING = "daemon-writing");
msg!(vaultd::i18n::VAULTD, UNSEALING = "daemon-unsealing");
msg!(vaultd::i18n::VAULTD, OPENING = "daemon-opening");
msg!(vaultd::i18n::VAULTD, LISTENING = "daemon-listening");
msg!(vaultd::i18n::VAULTD, RUNTIME = "daemon-runtime");
msg!(
    vaultd::i18n::VAULTD,
    KEY_NOT_BASE64 = "daemon-key-not-base64"
);
msg!(vaultd::i18n::VAULTD, KEY_LENGTH = "daemon-key-length");
msg!(vaultd::i18n::VAULTD, NEWER_SCHEMA = "daemon-newer-schema");
msg!(vaultd::i18n::VAULTD, PERMISSIONS = "daemon-permissions");
msg!(vaultd::i18n::VAULTD, DAMAGED = "daemon-damaged");
msg!(vaultd::i18n::VAULTD, NO_DATA_DIR = "daemon-no-data-dir");
msg!(
    vaultd::i18n::VAULTD,
    IDENTITY_PERMISSIONS = "daemon-identity-permissions"
);
msg!(vaultd::i18n::VAULTD, DEV_EXISTS = "daemon-dev-exists");
msg!(
    vaultd::i18n::VAULTD,
    KEY_FILE_MISSING = "daemon-key-file-missing"
);
msg!(
    vaultd::i18n::VAULTD,
    KEY_FILE_MALFORMED = "daemon-key-file-malformed"
);
msg!(
    vaultd::i18n::VAULTD,
    KEY_FILE_FOREIGN = "daemon-key-file-foreign"
);
msg!(
    vaultd::i18n::VAULTD,
    PASSPHRASE_FILE_MISSING = "daemon-passphrase-file-missing"
);
msg!(
    vaultd::i18n::VAULTD,
    PASSPHRASE_FILE_PERMISSIONS = "daemon-passphrase-file-permissions"
);
msg!(
    vaultd::i18n::VAULTD,
    PASSPHRASE_FILE_EMPTY = "daemon-passphrase-file-empty"
);
msg!(vaultd::i18n::VAULTD, BAD_AUDIT_KEY = "daemon-bad-audit-key");
msg!(vaultd::i18n::VAULTD, CONFIG = "daemon-config");
msg!(
    vaultd::i18n::VAULTD,
    NOTIFY_STATE_REACHABLE = "notify-state-reachable"
);
msg!(
    vaultd::i18n::VAULTD,
    NOTIFY_STATE_DAMAGED = "notify-state-damaged"
);
msg!(
    vaultd::i18n::VAULTD,
    NOTIFY_NOT_ENROLLED = "notify-not-enrolled"
);

msg!(
    vaultd::i18n::VAULTD,
    LAYOUT_NO_VAULT = "daemon-layout-no-vault"
);
msg!(
    vaultd::i18n::VAULTD,
    LAYOUT_VAULT_EXISTS = "daemon-layout-vault-exists"
);
msg!(vaultd::i18n::VAULTD, LAYOUT_IN_USE = "daemon-layout-in-use");
msg!(
    vaultd::i18n::VAULTD,
    LAYOUT_KEY_FILE_EXISTS = "daemon-layout-key-file-exists"
);
msg!(
    vaultd::i18n::VAULTD,
    LAYOUT_NOT_UTF8 = "daemon-layout-not-utf8"
);

fn store_error(lang: Lang, e: &StoreError) -> String {
    match e {
        StoreError::NewerSchema { found, supported } => {
            NEWER_SCHEMA.fill(lang, &[("found", found), ("supported", supported)])
        }
        StoreError::Permissions { path, mode, wanted } => PERMISSIONS.fill(
            lang,
            &[
                ("path", &path.display()),
                ("mode", &format!("{mode:o}")),
                ("wanted", &format!("{wanted:o}")),
            ],
        ),
        StoreError::Layout { path, problem } => {
            let problem = match problem {
                LayoutProblem::NoVault => LAYOUT_NO_VAULT,
                LayoutProblem::VaultExists => LAYOUT_VAULT_EXISTS,
                LayoutProblem::InUse => LAYOUT_IN_USE,
                LayoutProblem::KeyFileExists => LAYOUT_KEY_FILE_EXISTS,
                LayoutProblem::NotUtf8 => LAYOUT_NOT_UTF8,
                // The operating system's own words (and any later problem) as they are.
                other => return format!("{}: {other}", path.display()),
            }
            .text(lang);
            format!("{}: {problem}", path.display())
        }
        StoreError::Damaged(detail) => DAMAGED.fill(lang, &[("detail", detail)]),
        StoreError::KeyFile { path, problem } => {
            use vaultd::store::daemon_key_files::KeyFileProblem;
            let msg = match problem {
                KeyFileProblem::Missing => KEY_FILE_MISSING,
                KeyFileProblem::Malformed => KEY_FILE_MALFORMED,
                KeyFileProblem::NotThisVault => KEY_FILE_FOREIGN,
            };
            msg.fill(lang, &[("path", &path.display())])
        }
        other => other.to_string(),
    }
}

fn vault_error(lang: Lang, e: &Error) -> String {
    match e {
        Error::Storage(s) => store_error(lang, s),
        // The operator sees the detail that a remote client would not.
        Error::Integrity(_) | Error::Internal(_) => e.to_string(),
        other => describe_failure(lang, &other.failure()),
    }
}

fn one_cause(lang: Lang, cause: &(dyn std::error::Error + 'static)) -> String {
    if let Some(e) = cause.downcast_ref::<StoreError>() {
        store_error(lang, e)
    } else if let Some(e) = cause.downcast_ref::<Error>() {
        vault_error(lang, e)
    } else if let Some(vaultd::identity::IdentityError::Permissions { path, reach }) =
        cause.downcast_ref::<vaultd::identity::IdentityError>()
    {
        IDENTITY_PERMISSIONS.fill(
            lang,
            &[
                ("path", &path.display()),
                ("reach", reach),
                ("fix", &reach.remedy(path)),
            ],
        )
    } else if let Some(vaultd::daemon::dev::DevError::Exists(dir)) =
        cause.downcast_ref::<vaultd::daemon::dev::DevError>()
    {
        DEV_EXISTS.fill(lang, &[("dir", &dir.display())])
    } else if let Some(e) = cause.downcast_ref::<vaultd::secret::SecretFileError>() {
        use vaultd::secret::SecretFileError;
        match e {
            SecretFileError::Missing(path) => {
                PASSPHRASE_FILE_MISSING.fill(lang, &[("path", &path.display())])
            }
            SecretFileError::Permissions { path, reach } => PASSPHRASE_FILE_PERMISSIONS.fill(
                lang,
                &[
                    ("path", &path.display()),
                    ("reach", reach),
                    ("fix", &reach.remedy(path)),
                ],
            ),
            SecretFileError::Empty(path) => {
                PASSPHRASE_FILE_EMPTY.fill(lang, &[("path", &path.display())])
            }
            other => other.to_string(),
        }
    } else if let Some(e) = cause.downcast_ref::<vaultd::notify::config::ConfigError>() {
        e.describe(lang)
    } else if let Some(e) = cause.downcast_ref::<vaultd::notify::state::StateError>() {
        use vaultd::notify::state::StateError;
        match e {
            StateError::Reachable { path, reach } => NOTIFY_STATE_REACHABLE.fill(
                lang,
                &[
                    ("path", &path.display()),
                    ("reach", reach),
                    ("fix", &reach.remedy(path)),
                ],
            ),
            StateError::Damaged { path, detail } => {
                NOTIFY_STATE_DAMAGED.fill(lang, &[("path", &path.display()), ("detail", detail)])
            }
            other => other.to_string(),
        }
    } else if let Some(vaultd::notify::follow::StartError::NotEnrolled(path)) =
        cause.downcast_ref::<vaultd::notify::follow::StartError>()
    {
        NOTIFY_NOT_ENROLLED.fill(lang, &[("path", path)])
    } else if let Some(e) = cause.downcast_ref::<ConfigError>() {
        match e {
            ConfigError::NoDataDir => NO_DATA_DIR.text(lang).to_owned(),
            ConfigError::Read { path, source } => {
                CONFIG.fill(lang, &[("path", &path.display()), ("detail", source)])
            }
            ConfigError::Parse { path, message } => {
                CONFIG.fill(lang, &[("path", &path.display()), ("detail", message)])
            }
            other => other.to_string(),
        }
    } else {
        cause.to_string()
    }
}

/// The error and its causes, each in the reader's language where we know it, as `a: b: c`.
pub fn explain(lang: Lang, error: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in error.chain() {
        let text = one_cause(lang, cause);
        // Wrappers (thiserror's `transparent`, `#[from]`) often repeat their cause.
        if parts.last().is_none_or(|last| !last.contains(&text)) {
            parts.push(text);
        }
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_vaultd_command_and_argument_has_french_help() {
        use clap::CommandFactory;
        let missing = vaultd::i18n::missing_help(
            &crate::Cli::command(),
            vaultd::i18n::Lang::Fr,
            &vaultd::i18n::VAULTD,
        );
        assert!(
            missing.is_empty(),
            "French help missing for:\n{}",
            missing.join("\n")
        );
    }

    #[test]
    fn every_vaultd_command_and_argument_has_english_help() {
        use clap::CommandFactory;
        let missing = vaultd::i18n::missing_english_help(&crate::Cli::command());
        assert!(
            missing.is_empty(),
            "English help missing for:\n{}",
            missing.join("\n")
        );
    }
}
