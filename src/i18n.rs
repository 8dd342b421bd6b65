//! Messages a person reads, in French and English. Each message is a `Msg` constant holding both
//! texts, so a message cannot exist in one language only (the compiler refuses it). The language
//! comes from the locale: French when `LC_ALL`, `LC_MESSAGES` or `LANG` (first one set) starts
//! with `fr`, English otherwise.

use crate::limits::{FieldError, Problem};
use crate::tlog::action::ActionName;
use crate::wire::reason::{Failure, Reason, Unusable};
use std::fmt::Display;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Fr,
    En,
}

impl Lang {
    /// The reader's language, from the environment as POSIX ranks the variables.
    pub fn from_env() -> Lang {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    pub fn from_vars(get: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| get(name))
            .find(|value| !value.is_empty())
            .map(|value| {
                if value.to_ascii_lowercase().starts_with("fr") {
                    Lang::Fr
                } else {
                    Lang::En
                }
            })
            .unwrap_or(Lang::En)
    }
}

/// One message in both languages. Placeholders are `{name}`, filled by [`Msg::fill`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Msg {
    pub fr: &'static str,
    pub en: &'static str,
}

impl Msg {
    pub fn text(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Fr => self.fr,
            Lang::En => self.en,
        }
    }

    /// The message with each `{name}` replaced by its value.
    pub fn fill(&self, lang: Lang, args: &[(&str, &dyn Display)]) -> String {
        let mut out = self.text(lang).to_owned();
        for (name, value) in args {
            out = out.replace(&format!("{{{name}}}"), &value.to_string());
        }
        out
    }
}

/// Declares a `Msg` constant with both texts: `msg!(NAME, fr: "...", en: "...");`.
#[macro_export]
macro_rules! msg {
    ($name:ident, fr: $fr:literal, en: $en:literal) => {
        pub const $name: $crate::i18n::Msg = $crate::i18n::Msg { fr: $fr, en: $en };
    };
}

/// Sentences for refusal reasons, shared by every client.
pub mod reasons {
    msg!(SEALED, fr: "le coffre est scellé : rien n'est remis tant qu'un opérateur ne l'a pas descellé (vault-cli unseal)", en: "the vault is sealed: nothing is released until an operator unseals it (vault-cli unseal)");
    msg!(FORBIDDEN_ROLE, fr: "votre identité n'a pas le rôle requis ({target}) pour cette opération", en: "your identity lacks the role this operation needs ({target})");
    msg!(NOT_ENROLLED, fr: "ce certificat n'appartient à aucun titulaire inscrit dans ce coffre ; demandez à un opérateur de vous inscrire (vault-cli principal enroll)", en: "this certificate belongs to no principal of this vault; ask an operator to enroll you (vault-cli principal enroll)");
    msg!(PRINCIPAL_DISABLED, fr: "le titulaire {target} est désactivé ; adressez-vous à un opérateur", en: "principal {target} is disabled; ask an operator");
    msg!(UNKNOWN_ACCOUNT, fr: "compte inconnu : {target} (voir vault-cli account list)", en: "unknown account: {target} (see vault-cli account list)");
    msg!(ARCHIVED, fr: "le compte {target} est archivé", en: "account {target} is archived");
    msg!(DUPLICATE_ACCOUNT, fr: "le compte {target} existe déjà", en: "account {target} already exists");
    msg!(UNKNOWN_PRINCIPAL, fr: "titulaire inconnu : {target} (voir vault-cli principal list)", en: "unknown principal: {target} (see vault-cli principal list)");
    msg!(DUPLICATE_PRINCIPAL, fr: "le titulaire {target} existe déjà et est actif (il renouvelle lui-même son certificat : vault-cli identity renew ; désactivé, il pourrait être inscrit de nouveau)", en: "principal {target} already exists and is enabled (it renews its own certificate: vault-cli identity renew; once disabled, it could be enrolled again)");
    msg!(BAD_REQUEST, fr: "demande refusée : {target}", en: "request refused: {target}");
    msg!(BAD_PASSPHRASE, fr: "phrase de passe incorrecte ; le coffre reste scellé", en: "wrong passphrase; the vault stays sealed");
    msg!(TOO_MANY_ATTEMPTS, fr: "trop d'essais infructueux ; réessayez dans {seconds} s", en: "too many failed attempts; try again in {seconds} s");
    msg!(NO_PASSPHRASE, fr: "ce coffre n'a pas de phrase de passe de descellement ; il se descelle avec son fichier d'identité age (vaultd serve --unseal-identity)", en: "this vault has no unseal passphrase; it unseals with its age identity file (vaultd serve --unseal-identity)");
    msg!(LAST_OPERATOR, fr: "{target} est le dernier opérateur actif : inscrivez d'abord un autre opérateur", en: "{target} is the last enabled operator: enroll another operator first");
    msg!(UNAVAILABLE, fr: "le coffre ne peut pas écrire pour l'instant ; rien n'a été modifié, réessayez plus tard", en: "the vault cannot write right now; nothing was changed, try again later");
    msg!(BUSY, fr: "le coffre est surchargé en ce moment ; rien n'a été modifié, réessayez dans un instant", en: "the vault is overloaded right now; nothing was changed, try again in a moment");
    msg!(INTERNAL, fr: "erreur interne du coffre ; le journal de vaultd en donne le détail", en: "internal vault error; the vaultd log has the details");
    msg!(NO_GRANT, fr: "aucune autorisation valide (art. 3) pour {target} ; demandez-en une : vault-cli grant request {target} --purpose \"…\"", en: "no valid art. 3 grant for {target}; ask with: vault-cli grant request {target} --purpose \"...\"");
    msg!(EXPIRED, fr: "aucune autorisation valide (art. 3) pour {target} : l'autorisation a expiré le {detail} ; demandez-en une nouvelle : vault-cli grant request {target} --purpose \"…\"", en: "no valid art. 3 grant for {target}: the grant expired on {detail}; ask for a new one: vault-cli grant request {target} --purpose \"...\"");
    msg!(NOT_YET_VALID, fr: "aucune autorisation valide (art. 3) pour {target} maintenant : l'autorisation commence le {detail}", en: "no valid art. 3 grant for {target} yet: the grant starts on {detail}");
    msg!(REVOKED, fr: "aucune autorisation valide (art. 3) pour {target} : l'autorisation a été révoquée le {detail}", en: "no valid art. 3 grant for {target}: the grant was revoked on {detail}");
    msg!(EXHAUSTED, fr: "aucune autorisation valide (art. 3) pour {target} : toutes les utilisations permises ont servi ({detail}) ; demandez-en une nouvelle", en: "no valid art. 3 grant for {target}: all its allowed uses are spent ({detail}); ask for a new one");
    msg!(BAD_SIGNATURE, fr: "la signature ne se vérifie pas avec la clé épinglée de la Secrétaire générale {target} ; rien n'a été remis, avertissez la sécurité", en: "the signature does not verify under the Secrétaire générale's pinned key {target}; nothing was released, tell security");
    msg!(UNKNOWN_GRANT, fr: "autorisation inconnue : {target} (voir vault-cli grant list)", en: "unknown grant: {target} (see vault-cli grant list)");
    msg!(UNKNOWN_REQUEST, fr: "demande inconnue : {target} (voir vault-cli grant pending)", en: "unknown request: {target} (see vault-cli grant pending)");
    msg!(AMBIGUOUS_ID, fr: "le préfixe {target} désigne plusieurs identifiants ; donnez plus de chiffres", en: "the prefix {target} matches several ids; give more digits");
    msg!(DUPLICATE_GRANT, fr: "l'autorisation {target} est déjà enregistrée", en: "grant {target} is already registered");
    msg!(ALREADY_DECIDED, fr: "la demande {target} a déjà été traitée", en: "request {target} was already decided");
    msg!(ALREADY_REVOKED, fr: "l'autorisation {target} est déjà révoquée", en: "grant {target} is already revoked");
    msg!(NO_AUTHORITY_KEY, fr: "le coffre n'a pas encore de clé de la Secrétaire générale (vaultd authority-key)", en: "the vault pins no Secrétaire générale key yet (vaultd authority-key)");
    msg!(NOT_SIGNING_KEY, fr: "cette identité n'a pas de clé de signature des autorisations (vault-cli identity new --signing)", en: "this identity holds no grant-signing key (vault-cli identity new --signing)");
    msg!(INVALID_EMPTY, fr: "{field} : valeur vide", en: "{field}: empty value");
    msg!(INVALID_TOO_LONG, fr: "{field} : trop long (au plus {limit})", en: "{field}: too long (at most {limit})");
    msg!(INVALID_TOO_SHORT, fr: "{field} : trop court (au moins {limit})", en: "{field}: too short (at least {limit})");
    msg!(INVALID_RESERVED, fr: "{field} : nom réservé au coffre (anonymous, vaultd, local…) ; choisissez-en un autre", en: "{field}: a name the vault keeps for itself (anonymous, vaultd, local...); choose another");
    msg!(INVALID_FORMAT, fr: "{field} : format non valide", en: "{field}: invalid format");
}

/// Sentences for requests the daemon refuses as unusable. The daemon sends a code
/// ([`Unusable`]); clients show its sentence in the reader's language.
pub mod requests {
    use super::{Msg, Unusable};
    msg!(ESCROW_NOT_RECIPIENT, fr: "un destinataire de séquestre n'est pas un destinataire age1...", en: "an escrow recipient is not an age1... recipient");
    msg!(OUTPUT_EXISTS, fr: "un fichier de sortie existe déjà ; il n'a pas été touché", en: "an output file already exists; it was left untouched");
    msg!(NEED_UNSEAL_METHOD, fr: "donnez un fichier d'identité de descellement, une phrase de passe, ou les deux", en: "give an unseal identity file, a passphrase, or both");
    msg!(NO_SUCH_ENTRY, fr: "aucune entrée de ce numéro sous le dernier point de contrôle", en: "no entry with that sequence number under the latest checkpoint");
    msg!(NOT_A_GRANT, fr: "ce n'est pas un document d'autorisation", en: "not a grant document");
    msg!(NOT_AGE_IDENTITY, fr: "ce n'est pas un fichier d'identité age", en: "not an age identity file");
    msg!(WINDOW_ORDER, fr: "la fin doit être postérieure au début", en: "not_after must be later than not_before");
    msg!(NOTHING_TO_SET, fr: "rien à enregistrer : donnez un mot de passe ou un germe TOTP", en: "nothing to set: give a password or a TOTP seed");
    msg!(PASSWORD_AND_GENERATE, fr: "mot de passe et génération à la fois", en: "password and generate together");
    msg!(BAD_CSR, fr: "la demande de certificat est mal formée ou sa signature ne se vérifie pas", en: "the certificate request is malformed or its signature does not verify");
    msg!(GRANT_REQUEST_MISMATCH, fr: "l'autorisation ne correspond pas à la demande à laquelle elle répond", en: "the grant does not match the request it answers");
    msg!(GRANT_ACCOUNTS_ORDER, fr: "les comptes de l'autorisation doivent être triés et distincts", en: "the grant's accounts must be sorted and distinct");
    msg!(NO_TOTP_SEED, fr: "ce compte n'a pas de germe TOTP", en: "this account has no TOTP seed");
    msg!(NO_PASSWORD, fr: "ce compte n'a pas de mot de passe enregistré", en: "this account has no password stored");
    msg!(UNKNOWN_METHOD, fr: "ce coffre n'offre pas cette méthode ; mettez vault-cli à jour ou vérifiez l'appel", en: "this vault offers no such method; update vault-cli or check the call");
    msg!(RETIRED_KEY, fr: "cette clé de la Secrétaire générale est la clé actuelle ou a déjà été remplacée : une clé retirée ne revient jamais", en: "this Secrétaire générale key is the current one or was already replaced: a retired key never comes back");
    msg!(MALFORMED_MESSAGE, fr: "le message reçu ne se décode pas (Protocol Buffers invalide pour cet appel)", en: "the message received does not decode (not valid Protocol Buffers for this call)");
    msg!(NO_BACKUP_RECIPIENT, fr: "ce coffre n'a aucun destinataire age (clé de descellement ou séquestre) pour chiffrer une sauvegarde : ajoutez un destinataire de séquestre", en: "this vault has no age recipient (unseal key or escrow) to encrypt a backup to: add an escrow recipient");
    msg!(KEY_COPIES_MISSING, fr: "le coffre n'a pas encore de copies scellées de ses clés (TLS et journal) : descellez-le une fois, puis refaites la sauvegarde", en: "the vault has no sealed copies of its keys yet (TLS and audit): unseal it once, then take the backup again");
    msg!(NOT_A_BACKUP, fr: "ce fichier n'est pas une sauvegarde lisible d'un coffre (chiffrement age ou base SQLite invalide)", en: "this file is not a readable vault backup (not valid age encryption or not a valid SQLite database)");
    msg!(TARGET_NOT_EMPTY, fr: "le dossier de destination n'est pas vide : donnez un dossier neuf (rien n'a été touché)", en: "the target directory is not empty: give a new directory (nothing was touched)");
    msg!(ONE_UNSEAL_METHOD, fr: "envoyez soit la phrase de passe, soit un fichier d'identité de descellement, pas les deux", en: "send either the passphrase or an unseal identity file, not both");
    msg!(PASSPHRASE_NEEDED, fr: "ce coffre se descelle aussi par phrase de passe : donnez-la, pour que la nouvelle clé de données soit aussi protégée par elle", en: "this vault also unseals with a passphrase: give it, so that the new data key is wrapped with it too");
    msg!(LAST_UNSEAL_METHOD, fr: "c'est le dernier moyen de desceller ce coffre : ajoutez-en un autre d'abord", en: "this is the vault's last way to unseal: add another one first");
    msg!(NO_SUCH_RECIPIENT, fr: "aucun destinataire de séquestre de ce nom dans ce coffre", en: "no escrow recipient by that name in this vault");
    msg!(ALREADY_RECIPIENT, fr: "ce destinataire ouvre déjà ce coffre", en: "this recipient already opens this vault");
    msg!(NOT_A_COSIGNATURE, fr: "ce n'est pas un point de contrôle de ce coffre portant une seule cosignature de témoin", en: "this is not one of this vault's checkpoints carrying one witness cosignature");
    msg!(COSIGNATURE_GOES_BACK, fr: "ce témoin a déjà cosigné un point de contrôle plus grand : un témoin ne revient pas en arrière", en: "this witness already co-signed a larger checkpoint: a witness does not go back");
    msg!(WITNESS_LIMIT, fr: "le coffre garde déjà les cosignatures du nombre maximal de témoins", en: "the vault already keeps cosignatures for the most witnesses it will");
    msg!(WRONG_UNSEAL_IDENTITY, fr: "cette identité ne descelle pas ce coffre", en: "this identity does not unseal this vault");

    /// The sentence for each code: a match, so a new code without words does not compile.
    pub fn message(kind: Unusable) -> Msg {
        match kind {
            Unusable::EscrowNotRecipient => ESCROW_NOT_RECIPIENT,
            Unusable::OutputExists => OUTPUT_EXISTS,
            Unusable::NeedUnsealMethod => NEED_UNSEAL_METHOD,
            Unusable::NoSuchEntry => NO_SUCH_ENTRY,
            Unusable::NotAGrant => NOT_A_GRANT,
            Unusable::NotAgeIdentity => NOT_AGE_IDENTITY,
            Unusable::WindowOrder => WINDOW_ORDER,
            Unusable::NothingToSet => NOTHING_TO_SET,
            Unusable::PasswordAndGenerate => PASSWORD_AND_GENERATE,
            Unusable::BadCsr => BAD_CSR,
            Unusable::GrantRequestMismatch => GRANT_REQUEST_MISMATCH,
            Unusable::GrantAccountsOrder => GRANT_ACCOUNTS_ORDER,
            Unusable::NoTotpSeed => NO_TOTP_SEED,
            Unusable::NoPassword => NO_PASSWORD,
            Unusable::WrongUnsealIdentity => WRONG_UNSEAL_IDENTITY,
            Unusable::RetiredKey => RETIRED_KEY,
            Unusable::UnknownMethod => UNKNOWN_METHOD,
            Unusable::MalformedMessage => MALFORMED_MESSAGE,
            Unusable::NoBackupRecipient => NO_BACKUP_RECIPIENT,
            Unusable::KeyCopiesMissing => KEY_COPIES_MISSING,
            Unusable::NotABackup => NOT_A_BACKUP,
            Unusable::TargetNotEmpty => TARGET_NOT_EMPTY,
            Unusable::OneUnsealMethod => ONE_UNSEAL_METHOD,
            Unusable::PassphraseNeeded => PASSPHRASE_NEEDED,
            Unusable::LastUnsealMethod => LAST_UNSEAL_METHOD,
            Unusable::NoSuchRecipient => NO_SUCH_RECIPIENT,
            Unusable::AlreadyRecipient => ALREADY_RECIPIENT,
            Unusable::NotACosignature => NOT_A_COSIGNATURE,
            Unusable::CosignatureGoesBack => COSIGNATURE_GOES_BACK,
            Unusable::WitnessLimit => WITNESS_LIMIT,
        }
    }
}

/// A refused request's sentence in the reader's language, from its code (the code itself when
/// this client does not know it, e.g. a newer daemon).
pub fn describe_request(lang: Lang, code: &str) -> String {
    Unusable::from_code(code)
        .map(|kind| requests::message(kind).text(lang).to_owned())
        .unwrap_or_else(|| code.to_owned())
}

/// A reason code as a short label for tables, in the reader's language (the code itself when
/// this client does not know it). `--json` keeps the code.
pub fn reason_label(lang: Lang, code: &str) -> String {
    use crate::wire::reason::Reason;
    let Some(reason) = Reason::from_code(code) else {
        return code.to_owned();
    };
    let label = match reason {
        Reason::Sealed => Msg {
            fr: "scellé",
            en: "sealed",
        },
        Reason::ForbiddenRole => Msg {
            fr: "rôle non permis",
            en: "role not allowed",
        },
        Reason::NotEnrolled => Msg {
            fr: "non inscrit",
            en: "not enrolled",
        },
        Reason::PrincipalDisabled => Msg {
            fr: "titulaire désactivé",
            en: "principal disabled",
        },
        Reason::UnknownAccount => Msg {
            fr: "compte inconnu",
            en: "unknown account",
        },
        Reason::Archived => Msg {
            fr: "compte archivé",
            en: "account archived",
        },
        Reason::DuplicateAccount => Msg {
            fr: "compte déjà existant",
            en: "account exists",
        },
        Reason::UnknownPrincipal => Msg {
            fr: "titulaire inconnu",
            en: "unknown principal",
        },
        Reason::DuplicatePrincipal => Msg {
            fr: "titulaire déjà existant",
            en: "principal exists",
        },
        Reason::InvalidInput => Msg {
            fr: "saisie invalide",
            en: "invalid input",
        },
        Reason::BadRequest => Msg {
            fr: "demande inutilisable",
            en: "unusable request",
        },
        Reason::BadPassphrase => Msg {
            fr: "phrase de passe incorrecte",
            en: "wrong passphrase",
        },
        Reason::TooManyAttempts => Msg {
            fr: "trop d'essais",
            en: "too many attempts",
        },
        Reason::NoPassphrase => Msg {
            fr: "aucune phrase de passe",
            en: "no passphrase",
        },
        Reason::LastOperator => Msg {
            fr: "dernier opérateur",
            en: "last operator",
        },
        Reason::Unavailable => Msg {
            fr: "indisponible",
            en: "unavailable",
        },
        Reason::Internal => Msg {
            fr: "erreur interne",
            en: "internal error",
        },
        Reason::NoGrant => Msg {
            fr: "aucune autorisation",
            en: "no grant",
        },
        Reason::Expired => Msg {
            fr: "autorisation expirée",
            en: "grant expired",
        },
        Reason::NotYetValid => Msg {
            fr: "autorisation pas encore valide",
            en: "grant not yet valid",
        },
        Reason::Revoked => Msg {
            fr: "autorisation révoquée",
            en: "grant revoked",
        },
        Reason::Exhausted => Msg {
            fr: "autorisation épuisée",
            en: "grant exhausted",
        },
        Reason::BadSignature => Msg {
            fr: "signature invalide",
            en: "bad signature",
        },
        Reason::UnknownGrant => Msg {
            fr: "autorisation inconnue",
            en: "unknown grant",
        },
        Reason::UnknownRequest => Msg {
            fr: "demande inconnue",
            en: "unknown request",
        },
        Reason::AmbiguousId => Msg {
            fr: "identifiant ambigu",
            en: "ambiguous id",
        },
        Reason::DuplicateGrant => Msg {
            fr: "autorisation déjà enregistrée",
            en: "grant already registered",
        },
        Reason::AlreadyDecided => Msg {
            fr: "demande déjà tranchée",
            en: "request already decided",
        },
        Reason::AlreadyRevoked => Msg {
            fr: "déjà révoquée",
            en: "already revoked",
        },
        Reason::NoAuthorityKey => Msg {
            fr: "aucune clé de la SG",
            en: "no authority key",
        },
        Reason::NotSigningKey => Msg {
            fr: "pas la clé de signature",
            en: "not the signing key",
        },
        Reason::Busy => Msg {
            fr: "coffre occupé",
            en: "vault busy",
        },
    };
    label.text(lang).to_owned()
}

/// An audit action (`credential.get`) as a short label for tables, in the reader's language.
/// An action this client does not know (a newer vault's) keeps its code, marked as unknown.
/// `--json` keeps the code.
pub fn action_label(lang: Lang, code: &str) -> std::borrow::Cow<'_, str> {
    match ActionName::parse(code) {
        ActionName::Known(action) => {
            let (fr, en) = action.labels();
            Msg { fr, en }.text(lang).into()
        }
        ActionName::Unknown(code) => UNKNOWN_ACTION.fill(lang, &[("code", &code)]).into(),
    }
}

msg!(UNKNOWN_ACTION, fr: "{code} (action inconnue)", en: "{code} (unknown action)");

/// An audit outcome for tables, in the reader's language.
pub fn outcome_label(lang: Lang, outcome: &str) -> String {
    let label = match outcome {
        "allowed" => Msg {
            fr: "permis",
            en: "allowed",
        },
        "denied" => Msg {
            fr: "refusé",
            en: "denied",
        },
        "error" => Msg {
            fr: "erreur",
            en: "error",
        },
        other => return other.to_owned(),
    };
    label.text(lang).to_owned()
}

/// Puts French help into a clap command tree: `commands` maps a command path ("" for the root,
/// "grant issue") to its about text, `args` maps (path, argument id) to its help.
pub fn localize_help(
    mut cmd: clap::Command,
    commands: &[(&str, &str)],
    args: &[(&str, &str, &str)],
) -> clap::Command {
    // Built first, so that clap's own --help, --version and `help` exist to be translated.
    cmd.build();
    localize_at(cmd, "", commands, args)
}

fn localize_at(
    mut cmd: clap::Command,
    path: &str,
    commands: &[(&str, &str)],
    args: &[(&str, &str, &str)],
) -> clap::Command {
    if let Some((_, about)) = commands.iter().find(|(p, _)| *p == path) {
        cmd = cmd.about(about.to_string());
    } else if cmd.get_name() == "help" {
        cmd = cmd.about("Afficher ce message, ou l'aide de la sous-commande donnée");
    }
    // clap's own words in French too: the usage line, the section headings (clap adds the
    // colon; the trailing space gives French typography's " :"), help and version.
    cmd = cmd
        .help_template(
            "{before-help}{about-with-newline}\nUtilisation : {usage}\n\n{all-args}{after-help}",
        )
        .subcommand_help_heading("Commandes ");
    let ids: Vec<(String, bool, bool)> = cmd
        .get_arguments()
        .map(|a| (a.get_id().to_string(), a.is_positional(), a.is_global_set()))
        .collect();
    for (id, positional, global) in ids {
        let heading = if positional { "Arguments " } else { "Options " };
        // Global options are copied into every subcommand; their text is the root's.
        let help = args
            .iter()
            .find(|(p, a, _)| (*p == path || (global && p.is_empty())) && *a == id)
            .map(|(_, _, help)| help.to_string())
            .or_else(|| match id.as_str() {
                "help" => Some("Afficher l'aide".into()),
                "version" => Some("Afficher la version".into()),
                _ => None,
            });
        cmd = cmd.mut_arg(id, |a| {
            let a = a.help_heading(heading);
            match help {
                Some(help) => a.help(help),
                None => a,
            }
        });
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in names {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(name, |s| localize_at(s, &sub_path, commands, args));
    }
    cmd
}

/// The commands and arguments of `cmd` whose English help (their doc comment) is empty (for
/// tests: the English help must be as complete as the French).
pub fn missing_english_help(cmd: &clap::Command) -> Vec<String> {
    let mut out = Vec::new();
    missing_english_at(cmd, "", &mut out);
    out
}

fn missing_english_at(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
    if cmd.get_about().is_none() {
        out.push(format!("command {path:?}"));
    }
    for a in cmd.get_arguments() {
        let builtin = matches!(a.get_id().as_str(), "help" | "version");
        // A global option is checked once, where it is declared (the root).
        if !builtin && a.get_help().is_none() && (path.is_empty() || !a.is_global_set()) {
            out.push(format!("argument {path:?} {}", a.get_id()));
        }
    }
    for sub in cmd.get_subcommands() {
        let sub_path = if path.is_empty() {
            sub.get_name().to_owned()
        } else {
            format!("{path} {}", sub.get_name())
        };
        missing_english_at(sub, &sub_path, out);
    }
}

/// The commands and arguments of `cmd` that have no French help in the tables (for tests).
pub fn missing_help(
    cmd: &clap::Command,
    commands: &[(&str, &str)],
    args: &[(&str, &str, &str)],
) -> Vec<String> {
    let mut out = Vec::new();
    missing_at(cmd, "", commands, args, &mut out);
    out
}

fn missing_at(
    cmd: &clap::Command,
    path: &str,
    commands: &[(&str, &str)],
    args: &[(&str, &str, &str)],
    out: &mut Vec<String>,
) {
    if !commands.iter().any(|(p, _)| *p == path) {
        out.push(format!("command {path:?}"));
    }
    for a in cmd.get_arguments() {
        let id = a.get_id().as_str();
        if id != "help" && id != "version" && !args.iter().any(|(p, i, _)| *p == path && *i == id) {
            out.push(format!("arg {path:?} {id:?}"));
        }
    }
    for s in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let sub = if path.is_empty() {
            s.get_name().to_owned()
        } else {
            format!("{path} {}", s.get_name())
        };
        missing_at(s, &sub, commands, args, out);
    }
}

/// A field error as a sentence.
pub fn describe_field(lang: Lang, error: &FieldError) -> String {
    let field: &dyn Display = &error.field;
    match error.problem {
        Problem::Empty => reasons::INVALID_EMPTY.fill(lang, &[("field", field)]),
        Problem::TooLong { max } => {
            reasons::INVALID_TOO_LONG.fill(lang, &[("field", field), ("limit", &max)])
        }
        Problem::TooShort { min } => {
            reasons::INVALID_TOO_SHORT.fill(lang, &[("field", field), ("limit", &min)])
        }
        Problem::BadFormat => reasons::INVALID_FORMAT.fill(lang, &[("field", field)]),
        Problem::Reserved => reasons::INVALID_RESERVED.fill(lang, &[("field", field)]),
    }
}

/// A daemon's refusal as a sentence in the reader's language.
pub fn describe_failure(lang: Lang, failure: &Failure) -> String {
    use reasons::*;
    if let Some(field) = &failure.field {
        return describe_field(lang, field);
    }
    let target = failure.target.clone().unwrap_or_default();
    let target: &dyn Display = &target;
    let msg = match failure.reason {
        Reason::Sealed => SEALED,
        Reason::ForbiddenRole => FORBIDDEN_ROLE,
        Reason::NotEnrolled => NOT_ENROLLED,
        Reason::PrincipalDisabled => PRINCIPAL_DISABLED,
        Reason::UnknownAccount => UNKNOWN_ACCOUNT,
        Reason::Archived => ARCHIVED,
        Reason::DuplicateAccount => DUPLICATE_ACCOUNT,
        Reason::UnknownPrincipal => UNKNOWN_PRINCIPAL,
        Reason::DuplicatePrincipal => DUPLICATE_PRINCIPAL,
        Reason::BadRequest => BAD_REQUEST,
        Reason::BadPassphrase => BAD_PASSPHRASE,
        Reason::TooManyAttempts => {
            let secs = failure.retry_after_secs.unwrap_or(1);
            return TOO_MANY_ATTEMPTS.fill(lang, &[("seconds", &secs)]);
        }
        Reason::NoPassphrase => NO_PASSPHRASE,
        Reason::LastOperator => LAST_OPERATOR,
        Reason::Unavailable => UNAVAILABLE,
        Reason::Busy => BUSY,
        Reason::InvalidInput | Reason::Internal => INTERNAL,
        Reason::NoGrant => NO_GRANT,
        Reason::Expired => EXPIRED,
        Reason::NotYetValid => NOT_YET_VALID,
        Reason::Revoked => REVOKED,
        Reason::Exhausted => EXHAUSTED,
        Reason::BadSignature => BAD_SIGNATURE,
        Reason::UnknownGrant => UNKNOWN_GRANT,
        Reason::UnknownRequest => UNKNOWN_REQUEST,
        Reason::AmbiguousId => AMBIGUOUS_ID,
        Reason::DuplicateGrant => DUPLICATE_GRANT,
        Reason::AlreadyDecided => ALREADY_DECIDED,
        Reason::AlreadyRevoked => ALREADY_REVOKED,
        Reason::NoAuthorityKey => NO_AUTHORITY_KEY,
        Reason::NotSigningKey => NOT_SIGNING_KEY,
    };
    let detail = failure.detail.clone().unwrap_or_default();
    if failure.reason == Reason::BadRequest {
        let request = describe_request(lang, failure.target.as_deref().unwrap_or_default());
        return msg.fill(lang, &[("target", &request)]);
    }
    msg.fill(lang, &[("target", target), ("detail", &detail)])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(vars: &[(&str, &str)]) -> Lang {
        Lang::from_vars(|name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn french_locales_get_french_and_the_rest_english() {
        assert_eq!(lang(&[("LANG", "fr_CA.UTF-8")]), Lang::Fr);
        assert_eq!(lang(&[("LANG", "en_CA.UTF-8")]), Lang::En);
        assert_eq!(lang(&[]), Lang::En);
        assert_eq!(lang(&[("LANG", "fr_CA.UTF-8"), ("LC_ALL", "C")]), Lang::En);
        assert_eq!(
            lang(&[("LANG", "en_US"), ("LC_MESSAGES", "fr_FR")]),
            Lang::Fr
        );
        assert_eq!(lang(&[("LC_ALL", ""), ("LANG", "fr")]), Lang::Fr);
    }

    #[test]
    fn refused_requests_are_told_in_french() {
        let f = Failure::new(Reason::BadRequest).with_target(Unusable::NoTotpSeed.code());
        assert_eq!(
            describe_failure(Lang::Fr, &f),
            "demande refusée : ce compte n'a pas de germe TOTP"
        );
        assert_eq!(
            describe_failure(Lang::En, &f),
            "request refused: this account has no TOTP seed"
        );
    }

    #[test]
    fn placeholders_are_filled_in_both_languages() {
        let f = Failure::new(Reason::UnknownAccount).with_target("wiki-cest");
        assert!(describe_failure(Lang::Fr, &f).contains("compte inconnu : wiki-cest"));
        assert!(describe_failure(Lang::En, &f).contains("unknown account: wiki-cest"));
        let f = Failure::invalid(FieldError {
            field: "login",
            problem: Problem::TooLong { max: 256 },
        });
        assert_eq!(
            describe_failure(Lang::En, &f),
            "login: too long (at most 256)"
        );
    }
}
