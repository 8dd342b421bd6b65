//! French help text for `vault-cli --help`: clap's derive keeps the English text in the code;
//! under a French locale, `localize` swaps in these, keyed by command path and argument id.
//! A unit test checks that every command and argument has its French text.

/// (command path, French about).
const COMMANDS: &[(&str, &str)] = &[
    ("", "Client du coffre d'identifiants vaultd, pour tous les rôles"),
    ("identity", "Votre clé et votre fichier d'identité"),
    ("identity new", "Créer une clé, un fichier d'identité et une demande de certificat pour l'opérateur"),
    ("identity install", "Ajouter à l'identité (--identity) l'inscription rendue par l'opérateur"),
    ("identity show", "Ce que contient le fichier d'identité (jamais la clé)"),
    ("principal", "Inscrire et gérer les principaux (opérateur)"),
    ("principal enroll", "Inscrire la personne ou le service dont voici la demande de certificat"),
    ("principal list", "Lister les principaux"),
    ("principal disable", "Désactiver un principal : son prochain appel est refusé"),
    ("principal roles", "Remplacer les rôles d'un principal"),
    ("account", "Métadonnées des comptes officiels"),
    ("account add", "Ajouter un compte (opérateur)"),
    ("account list", "Lister les comptes"),
    ("account show", "Afficher les métadonnées d'un compte"),
    ("account archive", "Archiver un compte : plus rien n'est remis pour lui (opérateur)"),
    ("secret", "Enregistrer des versions de secrets et consulter leur historique"),
    ("secret set", "Ajouter une version (les précédentes sont conservées, jamais affichées)"),
    ("secret history", "Métadonnées des versions : qui, quand, pourquoi"),
    ("grant", "Autorisations de l'art. 3 : demander, approuver, délivrer, révoquer, lister"),
    ("grant request", "Demander un accès à la Secrétaire générale (admin) ; affiche l'identifiant de la demande"),
    ("grant list", "Autorisations et demandes (autorité et vérificateur : toutes ; admin : les siennes)"),
    ("grant pending", "Demandes en attente de décision (autorité)"),
    ("grant approve", "Approuver une demande : signe l'autorisation avec votre clé et l'enregistre (autorité)"),
    ("grant deny", "Refuser une demande (autorité)"),
    ("grant issue", "Délivrer directement une autorisation (autorité) ; affiche son identifiant"),
    ("grant revoke", "Révoquer une autorisation, avec effet immédiat (autorité)"),
    ("credential", "Obtenir un identifiant sous une autorisation valide"),
    ("credential get", "Obtenir un identifiant sous votre autorisation valide de l'art. 3 (admin)"),
    ("authority", "La clé de signature pinglée de la Secrétaire générale"),
    ("authority key", "La clé que le coffre pingle"),
    ("authority rotate", "Transférer la confiance à la clé d'un autre fichier d'identité, signé par la clé actuelle (autorité)"),
    ("audit", "Le journal d'accès de l'art. 14 : consulter, exporter, vérifier hors ligne, prouver, rapport"),
    ("audit log", "Consulter les entrées (vérificateur)"),
    ("audit tail", "Suivre les nouvelles entrées à mesure qu'elles s'ajoutent (vérificateur)"),
    ("audit key", "La clé de vérification à conserver (C2SP : nom+idclé+base64(0x01||clé))"),
    ("audit checkpoint", "Le dernier point de contrôle signé (vérificateur)"),
    ("audit export", "Exporter toutes les entrées et le point de contrôle dans un dossier neuf (vérificateur)"),
    ("audit verify", "Vérifier un export hors ligne"),
    ("audit prove", "Une preuve C2SP tlog-proof que l'entrée SEQ est dans le journal (vérificateur)"),
    ("audit verify-proof", "Vérifier une preuve hors ligne"),
    ("audit report", "Un rapport de revue (vérificateur)"),
    ("status", "État du coffre"),
    ("seal", "Sceller le coffre : rien n'est remis avant le descellement (opérateur)"),
    ("unseal", "Desceller le coffre avec sa phrase de passe (opérateur)"),
    ("whoami", "Qui le coffre pense que vous êtes"),
];

/// (command path, argument id, French help).
const ARGS: &[(&str, &str, &str)] = &[
    ("", "identity", "Fichier d'identité (de vault-cli identity new ou de vaultd dev)"),
    ("", "server", "Joindre le coffre à cette adresse plutôt qu'à celle de l'identité (https://hôte:port)"),
    ("", "passphrase_file", "Lire les phrases de passe dans ce fichier (1re ligne) plutôt qu'au terminal"),
    ("", "json", "Sortie lisible par machine"),
    ("identity new", "name", "Nom du principal"),
    ("identity new", "out", "Fichier d'identité à écrire"),
    ("identity new", "plain", "Écrire l'identité sans chiffrement (mode 0600), pour les services"),
    ("identity new", "request_out", "Où écrire la demande de certificat (par défaut : OUT avec .csr)"),
    ("identity new", "force", "Remplacer les fichiers existants"),
    ("identity new", "signing", "Créer aussi une clé de signature des autorisations (identité de la Secrétaire générale)"),
    ("identity install", "enrollment", "Le fichier d'inscription rendu par l'opérateur"),
    ("principal enroll", "request", "Le fichier .csr écrit par vault-cli identity new"),
    ("principal enroll", "roles", "operator, admin, authority ou auditor (répétable)"),
    ("principal enroll", "out", "Où écrire l'inscription à remettre (par défaut : NOM.enrollment)"),
    ("principal disable", "name", "Nom du principal"),
    ("principal roles", "name", "Nom du principal"),
    ("principal roles", "roles", "Les nouveaux rôles (répétable)"),
    ("account add", "id", "Identifiant du compte, p. ex. facebook-cest"),
    ("account add", "platform", "facebook, youtube, linkedin, x, flickr, blog, wiki ou other"),
    ("account add", "login", "Identifiant de connexion sur la plateforme"),
    ("account add", "url", "Adresse de la page"),
    ("account add", "note", "Note libre"),
    ("account list", "all", "Inclure les comptes archivés"),
    ("account show", "id", "Identifiant du compte"),
    ("account archive", "id", "Identifiant du compte"),
    ("secret set", "account", "Identifiant du compte"),
    ("secret set", "password_stdin", "Lire le nouveau mot de passe sur l'entrée standard (une ligne)"),
    ("secret set", "generate", "Laisser le coffre générer le mot de passe (jamais affiché ici)"),
    ("secret set", "length", "Longueur du mot de passe généré"),
    ("secret set", "totp_seed_stdin", "Lire le germe TOTP en base32 sur l'entrée standard (après la ligne du mot de passe si les deux)"),
    ("secret set", "reason", "Pourquoi (conservé dans l'historique)"),
    ("secret history", "account", "Identifiant du compte"),
    ("grant request", "accounts", "Comptes visés"),
    ("grant request", "purpose", "Objet de l'activité (obligatoire)"),
    ("grant request", "duration", "Pour combien de temps, p. ex. 30d, 8h (l'autorité peut changer)"),
    ("grant list", "mine", "Seulement vos autorisations et demandes"),
    ("grant list", "active", "Seulement les autorisations utilisables maintenant et les demandes en attente"),
    ("grant list", "grantee", "Seulement celles de ce bénéficiaire"),
    ("grant list", "account", "Seulement celles qui visent ce compte"),
    ("grant approve", "request", "Identifiant de la demande ou un préfixe unique d'au moins 8 chiffres"),
    ("grant approve", "duration", "Pour combien de temps, p. ex. 30d, 8h, 90s"),
    ("grant approve", "until", "Jusqu'à (RFC 3339)"),
    ("grant approve", "max_uses", "Nombre maximal de remises"),
    ("grant deny", "request", "Identifiant de la demande ou un préfixe unique"),
    ("grant deny", "reason", "Motif du refus"),
    ("grant issue", "grantee", "Bénéficiaire"),
    ("grant issue", "accounts", "Compte visé (répétable)"),
    ("grant issue", "purpose", "Objet de l'activité (obligatoire)"),
    ("grant issue", "duration", "Pour combien de temps, p. ex. 30d, 8h, 90s"),
    ("grant issue", "until", "Jusqu'à (RFC 3339)"),
    ("grant issue", "from", "Début (RFC 3339) ; par défaut maintenant"),
    ("grant issue", "max_uses", "Nombre maximal de remises"),
    ("grant revoke", "grant", "Identifiant de l'autorisation ou un préfixe unique"),
    ("grant revoke", "reason", "Motif de la révocation"),
    ("credential get", "account", "Identifiant du compte"),
    ("credential get", "field", "password (par défaut), login, ou totp (le code actuel ; le germe ne quitte jamais le coffre)"),
    ("credential get", "reason", "Pourquoi, pour le journal d'accès"),
    ("authority rotate", "new_identity", "Le fichier d'identité qui contient la nouvelle clé de signature"),
    ("audit log", "since", "Depuis (RFC 3339)"),
    ("audit log", "until", "Jusqu'à (RFC 3339)"),
    ("audit log", "principal", "Seulement ce principal"),
    ("audit log", "account", "Seulement ce compte"),
    ("audit log", "action", "Seulement cette action, p. ex. credential.get"),
    ("audit log", "outcome", "allowed, denied ou error"),
    ("audit checkpoint", "out", "Écrire le point de contrôle dans ce fichier"),
    ("audit export", "out", "Dossier neuf où écrire entries.jsonl et checkpoint"),
    ("audit verify", "dir", "Le dossier d'export"),
    ("audit verify", "key", "La clé de vérification, ou un fichier qui la contient"),
    ("audit verify", "since", "Un point de contrôle antérieur que l'export doit prolonger"),
    ("audit prove", "seq", "Numéro de l'entrée"),
    ("audit prove", "out", "Écrire la preuve ici et l'entrée dans FICHIER.entry.json"),
    ("audit verify-proof", "file", "Le fichier de preuve"),
    ("audit verify-proof", "key", "La clé de vérification, ou un fichier qui la contient"),
    ("audit verify-proof", "entry", "L'entrée (ses octets JSON exacts), dans un fichier"),
    ("audit report", "from", "Début (RFC 3339)"),
    ("audit report", "to", "Fin (RFC 3339)"),
];

/// Puts the French texts into the command tree.
pub fn localize(cmd: clap::Command) -> clap::Command {
    localize_at(cmd, "")
}

fn localize_at(mut cmd: clap::Command, path: &str) -> clap::Command {
    if let Some((_, about)) = COMMANDS.iter().find(|(p, _)| *p == path) {
        cmd = cmd.about(*about);
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        if let Some((_, _, help)) = ARGS.iter().find(|(p, a, _)| *p == path && *a == id) {
            cmd = cmd.mut_arg(id, |a| a.help(*help));
        }
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
        cmd = cmd.mut_subcommand(name, |s| localize_at(s, &sub_path));
    }
    cmd
}

#[cfg(test)]
pub(crate) fn missing(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
    if cmd.get_name() != "help" {
        if !COMMANDS.iter().any(|(p, _)| *p == path) {
            out.push(format!("command {path:?}"));
        }
        for a in cmd.get_arguments() {
            let id = a.get_id().as_str();
            if id == "help" || id == "version" {
                continue;
            }
            if !ARGS.iter().any(|(p, i, _)| *p == path && *i == id) {
                out.push(format!("arg {path:?} {id:?}"));
            }
        }
    }
    for s in cmd.get_subcommands() {
        if s.get_name() == "help" {
            continue;
        }
        let sub = if path.is_empty() {
            s.get_name().to_owned()
        } else {
            format!("{path} {}", s.get_name())
        };
        missing(s, &sub, out);
    }
}
