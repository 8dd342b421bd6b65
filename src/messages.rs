//! What `vaultd` tells the operator when it cannot do what was asked, in French and English
//! (this module belongs to the binary; the library's errors stay in English for the logs).

use vaultd::config::ConfigError;
use vaultd::error::Error;
use vaultd::i18n::{describe_failure, Lang, Msg};
use vaultd::store::StoreError;

macro_rules! msg {
    ($name:ident, fr: $fr:literal, en: $en:literal) => {
        pub const $name: Msg = Msg { fr: $fr, en: $en };
    };
}

msg!(ERROR_PREFIX, fr: "vaultd : erreur : ", en: "vaultd: error: ");
msg!(READING, fr: "lecture de {path}", en: "reading {path}");
msg!(EMPTY_PASSPHRASE, fr: "{path} : phrase de passe vide", en: "{path}: empty passphrase");
msg!(UNSEALING, fr: "descellement avec {path}", en: "unsealing with {path}");
msg!(OPENING, fr: "ouverture du coffre dans {dir}", en: "opening the vault in {dir}");
msg!(LISTENING, fr: "écoute sur {addr}", en: "listening on {addr}");
msg!(RUNTIME, fr: "démarrage de l'environnement d'exécution", en: "starting the async runtime");
msg!(KEY_NOT_BASE64, fr: "la clé de la Secrétaire générale n'est pas en base64", en: "the authority key is not base64");
msg!(KEY_LENGTH, fr: "la clé de la Secrétaire générale doit être une clé publique Ed25519 de 32 octets", en: "the authority key must be a 32-byte Ed25519 public key");
msg!(NEWER_SCHEMA, fr: "le schéma du coffre (version {found}) est plus récent que ce vaultd ({supported}) ; mettez vaultd à jour", en: "the vault's schema version {found} is newer than this vaultd supports ({supported}); upgrade vaultd");
msg!(PERMISSIONS, fr: "{path} est accessible à d'autres utilisateurs (mode {mode}) ; faites : chmod {wanted} {path}", en: "{path} is accessible to other users (mode {mode}); run: chmod {wanted} {path}");
msg!(DAMAGED, fr: "le coffre contient une valeur endommagée : {detail}", en: "the vault holds a damaged value: {detail}");
msg!(NO_DATA_DIR, fr: "donnez --config FICHIER ou --data-dir DOSSIER", en: "give --config FILE or --data-dir DIR");
msg!(IDENTITY_PERMISSIONS, fr: "{path} est lisible par d'autres utilisateurs (mode {mode}) ; faites : chmod 600 {path}", en: "{path} is readable by other users (mode {mode}); run: chmod 600 {path}");
msg!(DEV_EXISTS, fr: "{dir} contient déjà un coffre ; supprimez-le ou choisissez un autre --dir", en: "{dir} already holds a vault; remove it or choose another --dir");
msg!(CONFIG, fr: "{path} : {detail}", en: "{path}: {detail}");

/// Fixed problems with the data directory, as the store states them in English.
const LAYOUT: &[Msg] = &[
    Msg {
        fr: "aucun coffre ici (créez-en un avec : vaultd init)",
        en: "no vault here (create one with: vaultd init)",
    },
    Msg {
        fr: "un coffre existe déjà ici ; il n'a pas été touché",
        en: "a vault already exists here; it was left untouched",
    },
    Msg {
        fr: "le coffre est utilisé par un autre processus vaultd ; arrêtez-le d'abord",
        en: "the vault is in use by another vaultd process; stop it first",
    },
];

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
            let problem = LAYOUT
                .iter()
                .find(|m| m.en == problem)
                .map(|m| m.text(lang).to_owned())
                .unwrap_or_else(|| problem.clone());
            format!("{}: {problem}", path.display())
        }
        StoreError::Damaged(detail) => DAMAGED.fill(lang, &[("detail", detail)]),
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
    } else if let Some(vaultd::identity::IdentityError::Permissions { path, mode }) =
        cause.downcast_ref::<vaultd::identity::IdentityError>()
    {
        IDENTITY_PERMISSIONS.fill(
            lang,
            &[("path", &path.display()), ("mode", &format!("{mode:o}"))],
        )
    } else if let Some(vaultd::dev::DevError::Exists(dir)) =
        cause.downcast_ref::<vaultd::dev::DevError>()
    {
        DEV_EXISTS.fill(lang, &[("dir", &dir.display())])
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
