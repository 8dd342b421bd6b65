//! What `vaultd` tells the operator when it cannot do what was asked, in French and English
//! (this module belongs to the binary; the library's errors stay in English for the logs).

use vaultd::daemon::config::ConfigError;
use vaultd::i18n::{describe_failure, Lang, Msg};
use vaultd::store::StoreError;
use vaultd::vault::error::Error;

use vaultd::msg;

msg!(ERROR_PREFIX, fr: "vaultd : erreur : ", en: "vaultd: error: ");
msg!(READING, fr: "lecture de {path}", en: "reading {path}");
msg!(WRITING, fr: "écriture dans {path}", en: "writing to {path}");
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
msg!(KEY_FILE_MISSING, fr: "{path} : fichier de clé absent. Il accompagne vault.db dans le dossier de données et ne fait pas partie de la base : remettez-le depuis ce dossier, ou restaurez le coffre depuis une sauvegarde (vaultd restore)", en: "{path}: key file missing. It sits beside vault.db in the data directory and is not part of the database: put it back from that directory, or restore the vault from a backup (vaultd restore)");
msg!(KEY_FILE_MALFORMED, fr: "{path} : ce fichier ne contient pas une clé lisible", en: "{path}: this file does not hold a readable key");
msg!(KEY_FILE_FOREIGN, fr: "{path} : cette clé n'est pas celle de ce coffre (elle ne correspond pas à la clé publique qu'il a enregistrée)", en: "{path}: this key is not this vault's (it does not match the public key the vault recorded)");
msg!(PASSPHRASE_FILE_MISSING, fr: "{path} : ce fichier de phrase de passe n'existe pas (rien n'a été tenté)", en: "{path}: no such passphrase file (nothing was attempted)");
msg!(PASSPHRASE_FILE_PERMISSIONS, fr: "{path} est lisible par d'autres utilisateurs (mode {mode}) ; faites : chmod 600 {path}", en: "{path} is readable by other users (mode {mode}); run: chmod 600 {path}");
msg!(PASSPHRASE_FILE_EMPTY, fr: "{path} : la première ligne est vide", en: "{path}: its first line is empty");
msg!(BAD_AUDIT_KEY, fr: "--audit-key : ce n'est pas une clé de vérification du journal (nom+idclé+base64)", en: "--audit-key: not an audit verifier key (name+keyid+base64)");
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
    } else if let Some(vaultd::identity::IdentityError::Permissions { path, mode }) =
        cause.downcast_ref::<vaultd::identity::IdentityError>()
    {
        IDENTITY_PERMISSIONS.fill(
            lang,
            &[("path", &path.display()), ("mode", &format!("{mode:o}"))],
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
            SecretFileError::Permissions { path, mode } => PASSPHRASE_FILE_PERMISSIONS.fill(
                lang,
                &[("path", &path.display()), ("mode", &format!("{mode:o}"))],
            ),
            SecretFileError::Empty(path) => {
                PASSPHRASE_FILE_EMPTY.fill(lang, &[("path", &path.display())])
            }
            other => other.to_string(),
        }
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

/// French help for `vaultd --help` (see `vaultd::i18n::localize_help`).
pub const HELP_COMMANDS: &[(&str, &str)] = &[
    ("", "Démon du coffre d'identifiants des comptes officiels"),
    ("dev", "Coffre jetable, descellé, avec des comptes d'essai et une identité par rôle"),
    ("init", "Créer un nouveau coffre"),
    ("serve", "Faire tourner le démon"),
    ("check", "Ouvrir une fois chaque valeur scellée et faire rapport (démon arrêté)"),
    ("rekey", "Remplacer la clé de données : chaque valeur scellée rescellée sous une nouvelle clé, chaque moyen de descellement refait, en une transaction (démon arrêté)"),
    ("server-cert", "Émettre pour le serveur une nouvelle clé TLS et un nouveau certificat par l'AC du coffre (inchangée : les identités restent valides), éventuellement pour une nouvelle adresse publique et de nouveaux noms (démon arrêté)"),
    ("completions", "Afficher un script de complétion pour le shell (bash, zsh, fish, elvish, powershell)"),
    ("man", "Écrire les pages de manuel (anglais dans DOSSIER/man1, français dans DOSSIER/fr/man1)"),
    ("restore", "Restaurer une sauvegarde (de vault-cli backup) dans un dossier neuf, en la vérifiant (démon arrêté). Une restauration ramène le coffre à l'état de la sauvegarde."),
    ("authority-key", "Épingler la clé publique de signature de la Secrétaire générale, en prouvant la maîtrise du serveur par la clé de descellement (démon arrêté)"),
];

/// (command, argument id, French help).
pub const HELP_ARGS: &[(&str, &str, &str)] = &[
    ("dev", "dir", "Tout garder sous DIR (par défaut : un dossier temporaire supprimé à la sortie) ; un DIR qui contient déjà un coffre de dev est repris"),
    ("dev", "listen", "Adresse d'écoute (par défaut : 127.0.0.1:8443, ou celle du coffre repris)"),
    ("init", "data_dir", "Dossier du coffre (mode 0700)"),
    ("init", "listen", "Adresse où le démon écoutera (sert à l'adresse publique par défaut)"),
    ("init", "public_url", "Adresse utilisée par les clients, p. ex. https://coffre.exemple:8443"),
    ("init", "server_names", "Nom DNS ou adresse IP du certificat du serveur (répétable ; le premier est vérifié par les clients)"),
    ("init", "unseal_key_out", "Écrire ici un nouveau fichier d'identité age : il descelle le coffre au démarrage"),
    ("init", "passphrase_file", "Envelopper aussi la clé de données avec la phrase de passe de ce fichier (1re ligne)"),
    ("init", "passphrase", "Envelopper aussi la clé de données avec une phrase de passe demandée au terminal"),
    ("init", "escrow_recipients", "Destinataire age (age1...) qui peut aussi déballer la clé de données (répétable)"),
    ("init", "operator", "Nom du premier opérateur"),
    ("init", "operator_identity", "Où écrire le fichier d'identité du premier opérateur (mode 0600)"),
    ("init", "operator_passphrase_file", "Chiffrer cette identité avec la phrase de passe de ce fichier (1re ligne)"),
    ("init", "authority_key", "Clé publique de signature de la Secrétaire générale (base64, de vault-cli identity show)"),
    ("serve", "config", "Fichier de configuration TOML"),
    ("serve", "data_dir", "Dossier du coffre"),
    ("serve", "listen", "Adresse d'écoute"),
    ("serve", "unseal_identity", "Fichier d'identité age qui descelle le coffre au démarrage"),
    ("check", "data_dir", "Dossier du coffre"),
    ("check", "unseal_identity", "Fichier d'identité age de descellement"),
    ("rekey", "data_dir", "Dossier du coffre"),
    ("rekey", "unseal_identity", "La clé de descellement ou une clé de séquestre (fichier d'identité age)"),
    ("rekey", "passphrase_file", "La phrase de passe de descellement (1re ligne, mode 0600), nécessaire si le coffre en a une"),
    ("server-cert", "data_dir", "Dossier du coffre"),
    ("server-cert", "unseal_identity", "La clé de descellement ou une clé de séquestre (fichier d'identité age)"),
    ("server-cert", "public_url", "La nouvelle adresse des clients (par défaut : inchangée)"),
    ("server-cert", "server_names", "Nom DNS ou IP du certificat (répétable ; par défaut : ceux du certificat actuel)"),
    ("completions", "shell", "Le shell"),
    ("man", "out", "Le dossier où écrire"),
    ("restore", "from", "La sauvegarde chiffrée avec age"),
    ("restore", "data_dir", "Un dossier neuf ou vide pour le coffre restauré"),
    ("restore", "unseal_identity", "La clé de descellement ou une clé de séquestre (fichier d'identité age)"),
    ("restore", "audit_key", "La clé de vérification du journal conservée ailleurs (vault-cli audit key, en clair ou dans un fichier) : une sauvegarde signée par une autre clé est refusée"),
    ("authority-key", "data_dir", "Dossier du coffre"),
    ("authority-key", "unseal_identity", "Fichier d'identité age de descellement"),
    ("authority-key", "set", "La clé publique, en base64"),
];

#[cfg(test)]
mod tests {
    #[test]
    fn every_vaultd_command_and_argument_has_french_help() {
        use clap::CommandFactory;
        let missing = vaultd::i18n::missing_help(
            &crate::Cli::command(),
            super::HELP_COMMANDS,
            super::HELP_ARGS,
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
