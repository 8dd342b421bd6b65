//! Every sentence `vault-cli` prints, in French and English (see `vaultd::i18n`).

use vaultd::msg;

msg!(ERROR_PREFIX, fr: "vault-cli : erreur : ", en: "vault-cli: error: ");
msg!(NO_IDENTITY, fr: "aucune identité : donnez --identity FICHIER ou VAULT_CLI_IDENTITY (vaultd dev en écrit une par rôle)", en: "no identity: give --identity FILE or VAULT_CLI_IDENTITY (vaultd dev writes one per role)");
msg!(IDENTITY_UNREADABLE, fr: "identité illisible : {detail}", en: "cannot use the identity: {detail}");
msg!(ASK_IDENTITY_PASSPHRASE, fr: "Phrase de passe de {path} : ", en: "Passphrase for {path}: ");
msg!(ASK_NEW_PASSPHRASE, fr: "Nouvelle phrase de passe pour l'identité : ", en: "New passphrase for the identity: ");
msg!(NO_PASSPHRASE_GIVEN, fr: "aucune phrase de passe saisie (sans terminal, donnez le fichier qui la contient)", en: "no passphrase entered (without a terminal, give the file that holds it)");
msg!(PASSPHRASE_FILE_MISSING, fr: "{path} : ce fichier de phrase de passe n'existe pas (rien n'a été tenté)", en: "{path}: no such passphrase file (nothing was attempted)");
msg!(PASSPHRASE_FILE_PERMISSIONS, fr: "{path} est lisible par d'autres utilisateurs (mode {mode}) ; faites : chmod 600 {path}", en: "{path} is readable by other users (mode {mode}); run: chmod 600 {path}");
msg!(PASSPHRASE_FILE_EMPTY, fr: "{path} : la première ligne est vide", en: "{path}: its first line is empty");
msg!(ASK_CURRENT_UNSEAL_PASSPHRASE, fr: "Phrase de passe de descellement actuelle (Entrée s'il n'y en a pas) : ", en: "Current unseal passphrase (Enter if there is none): ");
msg!(ASK_NEW_UNSEAL_PASSPHRASE, fr: "Nouvelle phrase de passe de descellement : ", en: "New unseal passphrase: ");
msg!(WRAP_UNSEAL_KEY, fr: "clé de descellement", en: "unseal key");
msg!(WRAP_PASSPHRASE, fr: "phrase de passe", en: "passphrase");
msg!(WRAP_ESCROW, fr: "séquestre", en: "escrow");
msg!(ESCROW_ADDED, fr: "Destinataire de séquestre ajouté ; il ouvre aussi les prochaines sauvegardes.", en: "Escrow recipient added; it also opens the next backups.");
msg!(ESCROW_REMOVED, fr: "Destinataire de séquestre retiré. Les sauvegardes déjà faites et les copies antérieures de la base s'ouvrent encore avec sa clé : faites un changement de clé de données (vaultd rekey) si vous ne lui faites plus confiance.", en: "Escrow recipient removed. Backups already made and earlier copies of the database still open with its key: rekey the data key (vaultd rekey) if you no longer trust it.");
msg!(UNSEAL_KEY_REPLACED, fr: "Nouvelle clé de descellement écrite dans {path} (destinataire {recipient}) ; le coffre l'utilise, l'ancienne n'ouvre plus la base actuelle. Remplacez la clé là où le démon la lit (LoadCredential, --unseal-identity).", en: "New unseal key written to {path} (recipient {recipient}); the vault uses it, the old one no longer opens the current database. Replace the key where the daemon reads it (LoadCredential, --unseal-identity).");
msg!(UNSEAL_KEY_KEPT, fr: "vault-cli : la réponse du coffre s'est perdue ; il a peut-être adopté la nouvelle clé. {path} est conservé : vérifiez avec « vault-cli keys list » si le destinataire {recipient} y figure avant de supprimer quoi que ce soit.", en: "vault-cli: the vault's answer was lost; it may have adopted the new key. {path} is kept: check with `vault-cli keys list` whether recipient {recipient} is listed before deleting anything.");
msg!(RENEWED_ELSEWHERE, fr: "vault-cli : le coffre a émis le nouveau certificat mais {path} n'a pu être réécrit ({detail}) ; l'identité renouvelée est dans {fallback} : remplacez-en l'ancienne.", en: "vault-cli: the vault issued the new certificate but {path} could not be rewritten ({detail}); the renewed identity is in {fallback}: put it in place of the old one.");
msg!(TLS_EXPORTED, fr: "Fichiers TLS écrits dans {dir} (key.pem en mode 0600 : c'est votre clé privée, effacez-la après usage). Avec grpcurl :\n  grpcurl -cacert {dir}/ca.pem -cert {dir}/cert.pem -key {dir}/key.pem -servername {name} {host} list\n  grpcurl -cacert {dir}/ca.pem -cert {dir}/cert.pem -key {dir}/key.pem -servername {name} {host} vault.v1.System/WhoAmI", en: "TLS files written in {dir} (key.pem is mode 0600: it is your private key, delete it after use). With grpcurl:\n  grpcurl -cacert {dir}/ca.pem -cert {dir}/cert.pem -key {dir}/key.pem -servername {name} {host} list\n  grpcurl -cacert {dir}/ca.pem -cert {dir}/cert.pem -key {dir}/key.pem -servername {name} {host} vault.v1.System/WhoAmI");
msg!(WITNESS_CREATED, fr: "Clé de témoin écrite dans {path} (mode 0600 ; gardez-la hors du serveur).\nClé de vérification du témoin, à donner à qui vérifie : {verifier}", en: "Witness key written to {path} (mode 0600; keep it off the server).\nThe witness's verifier key, for whoever verifies: {verifier}");
msg!(WITNESS_BAD_NAME, fr: "{name} : un nom de témoin ne contient ni espace ni « + »", en: "{name}: a witness name has no space and no '+'");
msg!(WITNESS_BAD_KEY, fr: "{path} : ce n'est pas une clé lisible", en: "{path}: not a readable key");
msg!(WITNESS_BAD_STATE, fr: "{dir} : le dernier point de contrôle cosigné ne se vérifie plus avec la clé du journal épinglée ; l'état du témoin est endommagé", en: "{dir}: the last co-signed checkpoint no longer verifies under the pinned log key; the witness state is damaged");
msg!(WITNESS_OTHER_KEY, fr: "le journal est signé par une autre clé que celle épinglée à la première cosignature ({served} au lieu de {pinned}) : rien n'a été cosigné", en: "the log is signed by another key than the one pinned at the first cosignature ({served} instead of {pinned}): nothing was co-signed");
msg!(WITNESS_BAD_CHECKPOINT, fr: "le point de contrôle servi ne se vérifie pas avec la clé du journal : rien n'a été cosigné", en: "the checkpoint served does not verify under the log's key: nothing was co-signed");
msg!(WITNESS_NOT_EXTENDING, fr: "REFUSÉ : le journal ne prolonge pas celui déjà cosigné (taille {old_size}, racine {old_root}) ; il sert la taille {new_size}, racine {new_root}. Fourche, retour en arrière (restauration) ou réécriture : rien n'a été cosigné ni écrit.", en: "REFUSED: the log does not extend the one already co-signed (size {old_size}, root {old_root}); it serves size {new_size}, root {new_root}. A fork, a rollback (a restore) or a rewrite: nothing was co-signed or written.");
msg!(WITNESS_COSIGNED, fr: "Point de contrôle de taille {size} (racine {root}) cosigné ; il prolonge la taille {from} cosignée avant. Enregistré dans {dir}/checkpoint.", en: "Checkpoint of size {size} (root {root}) co-signed; it extends size {from}, co-signed before. Kept in {dir}/checkpoint.");
msg!(WITNESS_VOUCHED, fr: "Témoin {name} : a cosigné ce journal jusqu'à la taille {size} ({at}) ; l'export le prolonge.", en: "Witness {name}: co-signed this log up to size {size} ({at}); the export extends it.");
msg!(WITNESS_NOT_VOUCHED, fr: "REFUSÉ : aucune cosignature valide du témoin {name} sur le point de contrôle de l'export ni sur un point antérieur qu'il prolonge", en: "REFUSED: no valid cosignature by witness {name} on the export's checkpoint, nor on an earlier one that it extends");
msg!(MAN_WRITTEN, fr: "{count} pages de manuel écrites dans {dir} (anglais : man1, français : fr/man1).", en: "{count} man pages written in {dir} (English: man1, French: fr/man1).");
msg!(PASSPHRASE_CHANGED, fr: "Phrase de passe de descellement changée.", en: "Unseal passphrase changed.");
msg!(ASK_AGAIN, fr: "Encore une fois : ", en: "Once more: ");
msg!(PASSPHRASE_MISMATCH, fr: "les deux saisies diffèrent ou sont vides ; rien n'a été écrit", en: "the two entries differ or are empty; nothing was written");
msg!(ASK_UNSEAL_PASSPHRASE, fr: "Phrase de passe de descellement : ", en: "Unseal passphrase: ");
msg!(CERTIFICATE_REVOKED, fr: "le coffre refuse votre certificat : votre identité y est désactivée ; adressez-vous à un opérateur", en: "the vault refuses your certificate: your identity is disabled there; ask an operator");
msg!(CLOSED_EARLY, fr: "le coffre a fermé la connexion sans répondre : votre identité y est peut-être désactivée ou votre certificat refusé ; adressez-vous à un opérateur", en: "the vault closed the connection without answering: your identity may be disabled there or your certificate refused; ask an operator");
msg!(CANNOT_REACH, fr: "impossible de joindre le coffre : {detail}\nVérifiez que vaultd tourne, l'adresse de l'identité, que votre certificat vient de ce coffre et que votre identité n'y est pas désactivée.", en: "cannot reach the vault: {detail}\nCheck that vaultd runs, the identity's address, that your certificate comes from this vault and that your identity is not disabled there.");
msg!(SERVER_ERROR, fr: "le coffre a refusé ({code}) : {detail}", en: "the vault refused ({code}): {detail}");
msg!(MORE_ENTRIES, fr: "d'autres entrées suivent : continuez avec --after {seq}", en: "more entries follow: continue with --after {seq}");
msg!(READ_FAILED, fr: "lecture de {path} impossible : {detail}", en: "cannot read {path}: {detail}");
msg!(WRITE_FAILED, fr: "écriture de {path} impossible : {detail}", en: "cannot write {path}: {detail}");
msg!(STDIN_FAILED, fr: "lecture de l'entrée standard impossible : {detail}", en: "cannot read standard input: {detail}");
msg!(STDIN_NEEDS_TWO_LINES, fr: "avec --password-stdin et --totp-seed-stdin, l'entrée standard donne le mot de passe sur la 1re ligne et le germe TOTP sur la 2e", en: "with --password-stdin and --totp-seed-stdin, standard input gives the password on line 1 and the TOTP seed on line 2");
msg!(NOTHING_TO_SET, fr: "rien à enregistrer : donnez --password-stdin, --generate ou --totp-seed-stdin", en: "nothing to set: give --password-stdin, --generate or --totp-seed-stdin");
msg!(NOT_AN_ENROLLMENT, fr: "{path} n'est pas un fichier d'inscription vaultd", en: "{path} is not a vaultd enrollment file");
msg!(ENROLLMENT_MISMATCH, fr: "l'inscription est pour {enrolled}, l'identité pour {identity} ; rien n'a été modifié", en: "the enrollment is for {enrolled}, the identity for {identity}; nothing was changed");
msg!(ENROLLMENT_KEY_MISMATCH, fr: "le certificat de l'inscription ne correspond pas à la clé de cette identité ; rien n'a été modifié", en: "the enrollment's certificate does not match this identity's key; nothing was changed");

msg!(IDENTITY_CREATED, fr: "Identité {name} créée : {path}\nDemande de certificat : {request}\nÉtape suivante : remettez {request} à un opérateur, qui lance :\n  vault-cli principal enroll {request} --role RÔLE --out {name}.enrollment\npuis installez ce qu'il vous rend :\n  vault-cli identity install {name}.enrollment --identity {path}", en: "Identity {name} created: {path}\nCertificate request: {request}\nNext: give {request} to an operator, who runs:\n  vault-cli principal enroll {request} --role ROLE --out {name}.enrollment\nthen install what you get back:\n  vault-cli identity install {name}.enrollment --identity {path}");
msg!(IDENTITY_INSTALLED, fr: "Identité {name} prête : {server}. Essayez : vault-cli --identity {path} whoami", en: "Identity {name} ready: {server}. Try: vault-cli --identity {path} whoami");
msg!(ENROLLED, fr: "Titulaire {name} inscrit, rôles : {roles}.\nInscription écrite dans {path} : remettez-la à {name} (elle ne contient aucun secret).", en: "Principal {name} enrolled, roles: {roles}.\nEnrollment written to {path}: hand it to {name} (it holds no secret).");
msg!(PRINCIPAL_DISABLED, fr: "Titulaire {name} désactivé ; son prochain appel sera refusé.", en: "Principal {name} disabled; its next call will be refused.");
msg!(PRINCIPAL_ROLES, fr: "Rôles de {name} : {roles}", en: "Roles of {name}: {roles}");
msg!(ACCOUNT_ADDED, fr: "Compte {id} ajouté.", en: "Account {id} added.");
msg!(ACCOUNT_ARCHIVED, fr: "Compte {id} archivé.", en: "Account {id} archived.");
msg!(SECRET_SET, fr: "Version {version} de {id} enregistrée{generated}. Les versions précédentes sont conservées.", en: "Version {version} of {id} stored{generated}. Earlier versions are kept.");
msg!(SECRET_GENERATED, fr: " (mot de passe généré dans le coffre, jamais affiché)", en: " (password generated inside the vault, never shown)");
msg!(NO_VERSIONS, fr: "Aucune version pour {id}.", en: "No version for {id}.");
msg!(SEALED_NOW, fr: "Coffre scellé : rien n'est remis avant le prochain descellement.", en: "Vault sealed: nothing is released until the next unseal.");
msg!(ALREADY_SEALED, fr: "Le coffre était déjà scellé.", en: "The vault was already sealed.");
msg!(BACKUP_WRITTEN, fr: "Sauvegarde écrite : {path} ({size} octets, SHA-256 {sha256}), chiffrée avec age pour {count} destinataire(s).\nL'action est au journal d'audit (vault.backup) avec cette taille et cette empreinte.\nPour l'ouvrir : age -d -i CLÉ_DE_DESCELLEMENT {path} > vault.db\nPour restaurer (démon arrêté) : vaultd restore --from {path} --data-dir NOUVEAU_DOSSIER --unseal-identity CLÉ", en: "Backup written: {path} ({size} bytes, SHA-256 {sha256}), encrypted with age to {count} recipient(s).\nIt is on the audit record (vault.backup) with this size and digest.\nTo open it: age -d -i UNSEAL_KEY {path} > vault.db\nTo restore (daemon stopped): vaultd restore --from {path} --data-dir NEW_DIR --unseal-identity KEY");
msg!(BACKUP_EXISTS, fr: "{path} existe déjà : choisissez un autre fichier (rien n'a été écrit)", en: "{path} already exists: choose another file (nothing was written)");
msg!(BACKUP_TRUNCATED, fr: "la sauvegarde reçue ne correspond pas à ce que le coffre a annoncé ({detail}) ; rien n'a été gardé", en: "the backup received does not match what the vault announced ({detail}); nothing was kept");
msg!(UNSEALED_NOW, fr: "Coffre descellé.", en: "Vault unsealed.");
msg!(ALREADY_UNSEALED, fr: "Le coffre était déjà descellé.", en: "The vault was already unsealed.");
msg!(STATUS, fr: "État : {state}\nVersion : {version} (schéma {schema})\nComptes : {accounts} actifs, {archived} archivés\nTitulaires : {principals}\nVersions de secrets : {versions}", en: "State: {state}\nVersion: {version} (schema {schema})\nAccounts: {accounts} active, {archived} archived\nPrincipals: {principals}\nSecret versions: {versions}");
/// Grant and request states, as `grant list` shows them.
pub mod state {
    use vaultd::msg;
    msg!(ACTIVE, fr: "active", en: "active");
    msg!(EXPIRED, fr: "expirée", en: "expired");
    msg!(NOT_YET_VALID, fr: "pas encore valide", en: "not yet valid");
    msg!(REVOKED, fr: "révoquée", en: "revoked");
    msg!(EXHAUSTED, fr: "épuisée", en: "exhausted");
    msg!(SUPERSEDED, fr: "caduque (clé de signature remplacée)", en: "no longer valid (signing key rotated)");
    msg!(PENDING, fr: "en attente", en: "pending");
    msg!(APPROVED, fr: "approuvée", en: "approved");
    msg!(DENIED, fr: "refusée", en: "denied");

    /// A state code in the reader's language (the code itself when unknown).
    pub fn name(lang: vaultd::i18n::Lang, code: &str) -> String {
        let msg = match code {
            "active" => ACTIVE,
            "expired" => EXPIRED,
            "not_yet_valid" => NOT_YET_VALID,
            "revoked" => REVOKED,
            "exhausted" => EXHAUSTED,
            "superseded" => SUPERSEDED,
            "pending" => PENDING,
            "approved" => APPROVED,
            "denied" => DENIED,
            _ => return code.to_owned(),
        };
        msg.text(lang).to_owned()
    }
}
msg!(STATE_SEALED, fr: "scellé", en: "sealed");
msg!(STATE_UNSEALED, fr: "descellé", en: "unsealed");
msg!(WHOAMI, fr: "{name} (rôles : {roles})\nCertificat valide jusqu'au {expires}", en: "{name} (roles: {roles})\nCertificate valid until {expires}");
msg!(EXPIRED, fr: "expiré", en: "expired");
msg!(DAYS_LEFT, fr: "encore {days} j", en: "{days} days left");
msg!(RENEW_SOON, fr: "vault-cli : attention : le certificat de {path} expire le {expires} ({left}) ; renouvelez-le : vault-cli --identity {path} identity renew", en: "vault-cli: warning: the certificate in {path} expires on {expires} ({left}); renew it: vault-cli --identity {path} identity renew");
msg!(PRINCIPAL_ENABLED, fr: "Titulaire {name} réactivé : son certificat fonctionne de nouveau.", en: "Principal {name} enabled: its certificate works again.");
msg!(RENEWED, fr: "Certificat renouvelé pour {name}, valide jusqu'au {expires} ({key}). L'ancien ne fonctionne plus. Identité mise à jour : {path}", en: "Certificate renewed for {name}, valid until {expires} ({key}). The old one no longer works. Identity updated: {path}");
msg!(SAME_KEY, fr: "même clé", en: "same key");
msg!(NEW_KEY, fr: "nouvelle clé", en: "new key");
msg!(REQUEST_CREATED, fr: "Demande {id} transmise à la Secrétaire générale pour {accounts}.", en: "Request {id} sent to the Secrétaire générale for {accounts}.");
msg!(REQUEST_DENIED, fr: "Demande {id} refusée.", en: "Request {id} denied.");
msg!(GRANT_REGISTERED, fr: "Autorisation {id} signée et enregistrée : {grantee} pour {accounts}, jusqu'au {until}{self_grant}.", en: "Grant {id} signed and registered: {grantee} for {accounts}, until {until}{self_grant}.");
msg!(SELF_GRANT, fr: " (autorisation à soi-même : le rapport de revue la signale)", en: " (a self-grant: the review report flags it)");
msg!(GRANT_REVOKED, fr: "Autorisation {id} révoquée ; elle ne sert plus dès maintenant.", en: "Grant {id} revoked; it no longer works, from now on.");
msg!(NEED_DURATION, fr: "la demande ne précise pas de durée : donnez --for DURÉE ou --until DATE", en: "the request names no duration: give --for DURATION or --until TIME");
msg!(BAD_DURATION, fr: "durée non valide : {value} (p. ex. 30d, 8h, 90s)", en: "invalid duration: {value} (e.g. 30d, 8h, 90s)");
msg!(BAD_TIME, fr: "date non valide : {value} (RFC 3339, p. ex. 2026-12-31T17:00:00Z)", en: "invalid time: {value} (RFC 3339, e.g. 2026-12-31T17:00:00Z)");
msg!(NO_SIGNING_KEY, fr: "cette identité n'a pas de clé de signature des autorisations (vault-cli identity new --signing)", en: "this identity holds no grant-signing key (vault-cli identity new --signing)");
msg!(CREDENTIAL_META, fr: "{account} : {field}{version} remis sous l'autorisation {grant} (valide jusqu'au {until}){totp}", en: "{account}: {field}{version} released under grant {grant} (valid until {until}){totp}");
msg!(TOTP_VALID_FOR, fr: " ; code valide encore {secs} s", en: "; code valid for {secs} more s");
msg!(NO_GRANTS, fr: "Aucune autorisation.", en: "No grant.");
msg!(NO_REQUESTS, fr: "Aucune demande en attente.", en: "No pending request.");
msg!(ROTATION_RECOMMENDED, fr: "changement recommandé", en: "rotation recommended");
msg!(AUTHORITY_KEY, fr: "Clé de la Secrétaire générale : {id} (épinglée le {at} par {by})", en: "Secrétaire générale's key: {id} (pinned {at} by {by})");
msg!(SIGNING_KEY_CREATED, fr: "Clé de signature des autorisations : {id}\nClé publique à faire épingler par le coffre : {public}", en: "Grant-signing key: {id}\nPublic key for the vault to pin: {public}");
msg!(AUDIT_EXPORTED, fr: "{count} entrées exportées dans {dir} (entries.jsonl, checkpoint). Vérifiez hors ligne : vault-cli audit verify {dir} --key CLÉ", en: "{count} entries exported to {dir} (entries.jsonl, checkpoint). Verify offline: vault-cli audit verify {dir} --key KEY");
msg!(AUDIT_VERIFIED, fr: "OK : {count} entrées, racine {root}, checkpoint signé par {origin}{since}", en: "OK: {count} entries, root {root}, checkpoint signed by {origin}{since}");
msg!(AUDIT_EXTENDS, fr: " ; prolonge le checkpoint antérieur de {size} entrées", en: "; extends the earlier checkpoint of {size} entries");
msg!(AUDIT_VERIFY_FAILED, fr: "vérification ÉCHOUÉE : {detail}", en: "verification FAILED: {detail}");
msg!(PROOF_VERIFIED, fr: "OK : l'entrée {index} est incluse dans le journal de {size} entrées signé par {origin}", en: "OK: entry {index} is included in the log of {size} entries signed by {origin}");
msg!(PROOF_WRITTEN, fr: "Preuve écrite dans {path}, entrée dans {entry}", en: "Proof written to {path}, entry to {entry}");
msg!(BAD_VERIFIER_KEY, fr: "clé de vérification non valide : {detail}", en: "invalid verifier key: {detail}");
msg!(DIR_NOT_EMPTY, fr: "{path} existe et n'est pas vide ; choisissez un dossier neuf", en: "{path} exists and is not empty; choose a new directory");
msg!(IDENTITY_PERMISSIONS, fr: "{path} est lisible par d'autres utilisateurs (mode {mode}) ; faites : chmod 600 {path}", en: "{path} is readable by other users (mode {mode}); run: chmod 600 {path}");
msg!(IDENTITY_FORMAT, fr: "{path} n'est pas un fichier d'identité vaultd", en: "{path} is not a vaultd identity file");
msg!(IDENTITY_PASSPHRASE, fr: "phrase de passe incorrecte pour {path}", en: "wrong passphrase for {path}");
msg!(FILE_EXISTS, fr: "{path} existe déjà ; rien n'a été écrit (--force pour remplacer)", en: "{path} already exists; nothing was written (--force to replace)");
msg!(ENCRYPT_FAILED, fr: "le chiffrement a échoué : {detail}", en: "encryption failed: {detail}");
msg!(NOT_ENROLLED_YET, fr: "l'identité {name} n'est pas encore inscrite (vault-cli identity install)", en: "identity {name} is not enrolled yet (vault-cli identity install)");
msg!(BAD_ADDRESS, fr: "adresse du coffre non valide : {address}", en: "bad vault address: {address}");
msg!(YES, fr: "oui", en: "yes");
msg!(NO, fr: "non", en: "no");

/// Column headings.
pub mod head {
    use vaultd::msg;
    msg!(EXPIRES, fr: "EXPIRE LE", en: "EXPIRES");
    msg!(KIND, fr: "MOYEN", en: "KIND");
    msg!(RECIPIENT, fr: "DESTINATAIRE", en: "RECIPIENT");
    msg!(SINCE, fr: "DEPUIS", en: "SINCE");
    msg!(ID, fr: "COMPTE", en: "ACCOUNT");
    msg!(PLATFORM, fr: "PLATEFORME", en: "PLATFORM");
    msg!(LOGIN, fr: "IDENTIFIANT", en: "LOGIN");
    msg!(VERSION, fr: "VERSION", en: "VERSION");
    msg!(TOTP, fr: "2FA", en: "2FA");
    msg!(STATE, fr: "ÉTAT", en: "STATE");
    msg!(NAME, fr: "NOM", en: "NAME");
    msg!(ROLES, fr: "RÔLES", en: "ROLES");
    msg!(CREATED, fr: "CRÉÉ LE", en: "CREATED");
    msg!(BY, fr: "PAR", en: "BY");
    msg!(REASON, fr: "MOTIF", en: "REASON");
    msg!(FIELDS, fr: "CHAMPS", en: "FIELDS");
    msg!(URL, fr: "URL", en: "URL");
    msg!(NOTE, fr: "NOTE", en: "NOTE");
    msg!(FINGERPRINT, fr: "EMPREINTE", en: "FINGERPRINT");
    msg!(ACTIVE, fr: "actif", en: "active");
    msg!(ARCHIVED, fr: "archivé", en: "archived");
    msg!(DISABLED, fr: "désactivé", en: "disabled");
    msg!(ENABLED, fr: "actif", en: "enabled");
    msg!(GENERATED, fr: "généré", en: "generated");
    msg!(GRANT, fr: "AUTORISATION", en: "GRANT");
    msg!(SEQ, fr: "N°", en: "SEQ");
    msg!(TIME, fr: "HEURE", en: "TIME");
    msg!(PRINCIPAL, fr: "TITULAIRE", en: "PRINCIPAL");
    msg!(ACTION, fr: "ACTION", en: "ACTION");
    msg!(TARGET, fr: "CIBLE", en: "TARGET");
    msg!(OUTCOME, fr: "RÉSULTAT", en: "OUTCOME");
    msg!(REQUEST, fr: "DEMANDE", en: "REQUEST");
    msg!(GRANTEE, fr: "BÉNÉFICIAIRE", en: "GRANTEE");
    msg!(ACCOUNTS, fr: "COMPTES", en: "ACCOUNTS");
    msg!(UNTIL, fr: "JUSQU'AU", en: "UNTIL");
    msg!(USES, fr: "UTILISATIONS", en: "USES");
    msg!(PURPOSE, fr: "OBJET", en: "PURPOSE");
    msg!(REQUESTER, fr: "DEMANDEUR", en: "REQUESTER");
    msg!(DURATION, fr: "DURÉE", en: "DURATION");
}

/// Why an offline verification failed (`audit verify`, `audit verify-proof`).
pub mod verify {
    use vaultd::msg;
    msg!(IO, fr: "lecture de l'export impossible : {detail}", en: "cannot read the export: {detail}");
    msg!(CHECKPOINT, fr: "point de contrôle : {detail}", en: "checkpoint: {detail}");
    msg!(SINCE, fr: "point de contrôle antérieur : {detail}", en: "older checkpoint: {detail}");
    msg!(MALFORMED, fr: "ligne {line} : ce n'est pas une entrée du journal", en: "line {line}: not a valid audit entry");
    msg!(SEQUENCE, fr: "ligne {line} : l'entrée porte le numéro {found}, {line} attendu (entrées réordonnées, en double ou manquantes)", en: "line {line}: entry has seq {found}, expected {line} (entries reordered, duplicated or missing)");
    msg!(SIZE, fr: "l'export contient {found} entrées, le point de contrôle en couvre {expected}", en: "the export holds {found} entries, the checkpoint covers {expected}");
    msg!(ROOT, fr: "la racine de Merkle des entrées ne correspond pas au point de contrôle : une entrée a été modifiée", en: "the entries' Merkle root does not match the checkpoint: an entry was altered");
    msg!(NOT_EXTENDING, fr: "l'export ne prolonge pas le point de contrôle antérieur (taille {size}) : ses {size} premières entrées diffèrent", en: "the export does not extend the older checkpoint (size {size}): its first {size} entries differ");
    msg!(SHRUNK, fr: "le point de contrôle antérieur ({older} entrées) est plus grand que l'export ({newer})", en: "the older checkpoint (size {older}) is larger than the export ({newer})");
    msg!(PROOF, fr: "preuve mal formée : {detail}", en: "malformed proof: {detail}");
    msg!(NOT_INCLUDED, fr: "l'entrée n'est pas incluse à l'index {index} sous le point de contrôle", en: "the entry is not included at index {index} under the checkpoint");
    msg!(BAD_KEY, fr: "clé de vérification mal formée", en: "malformed verifier key");
    msg!(NOTE_MALFORMED, fr: "note signée mal formée", en: "malformed signed note");
    msg!(NOT_SIGNED_BY, fr: "la note ne porte aucune signature de {name} (autre clé ou autre coffre)", en: "the note carries no signature by {name} (another key or another vault)");
    msg!(BAD_SIGNATURE, fr: "la signature de la note ne se vérifie pas", en: "the note's signature does not verify");
    msg!(BAD_CHECKPOINT, fr: "point de contrôle mal formé ({part})", en: "malformed checkpoint ({part})");
}

/// The review report (`audit report`): titles, header lines, section names, legends.
pub mod report {
    use vaultd::msg;
    msg!(TITLE, fr: "Rapport de revue du journal d'accès", en: "Audit log review report");
    msg!(VAULT, fr: "Coffre (origine du journal)", en: "Vault (log origin)");
    msg!(CHECKPOINT, fr: "Point de contrôle vérifié", en: "Verified checkpoint");
    msg!(CHECKPOINT_VALUE, fr: "{size} entrées, racine {root}", en: "{size} entries, root {root}");
    msg!(WITNESSES, fr: "Témoins", en: "Witnesses");
    msg!(WITNESS_VALUE, fr: "{name} : a cosigné jusqu'à la taille {size} ({at})", en: "{name}: co-signed up to size {size} ({at})");
    msg!(NO_WITNESS, fr: "aucun témoin exigé (--witness)", en: "no witness required (--witness)");
    msg!(PERIOD, fr: "Période", en: "Period");
    msg!(PERIOD_START, fr: "début du journal", en: "start of the log");
    msg!(PERIOD_END, fr: "fin du journal", en: "end of the log");
    msg!(ENTRIES, fr: "Entrées", en: "Entries");
    msg!(ENTRIES_VALUE, fr: "{count} dans la période, sur {total} vérifiées", en: "{count} in the period, of {total} verified");
    msg!(AS_OF, fr: "États (expirations, changements recommandés) au", en: "States (expiries, rotations recommended) as of");
    msg!(GENERATED, fr: "Produit le", en: "Generated at");
    msg!(TIMES_IN, fr: "Heures affichées", en: "Times shown in");
    msg!(BUSINESS_HOURS, fr: "Heures ouvrables", en: "Business hours");
    msg!(SOURCE, fr: "Source", en: "Source");
    msg!(SOURCE_OFFLINE, fr: "export vérifié hors ligne avec la clé fournie", en: "export verified offline with the key given");
    msg!(SOURCE_ONLINE, fr: "journal lu en ligne et vérifié avec la clé que le coffre donne de lui-même ; pour une revue, vérifiez un export avec une clé conservée ailleurs : vault-cli audit report DOSSIER --key CLÉ", en: "log read online and verified with the key the vault gives of itself; for a review, verify an export with a key kept elsewhere: vault-cli audit report DIR --key KEY");
    msg!(SUMMARY, fr: "Résumé", en: "Summary");
    msg!(RELEASES, fr: "Remises, par compte", en: "Releases, per account");
    msg!(TIMELINE, fr: "Chronologie par compte", en: "Timeline per account");
    msg!(LEGEND_RELEASE, fr: "remise", en: "release");
    msg!(LEGEND_GRANT, fr: "autorisation", en: "grant");
    msg!(LEGEND_DENIAL, fr: "refus", en: "denial");
    msg!(MARK_RELEASES, fr: "{count} remise(s) vers {time}", en: "{count} release(s) around {time}");
    msg!(MARK_DENIALS, fr: "{count} refus vers {time}", en: "{count} denial(s) around {time}");
    msg!(GRANTS_ISSUED, fr: "Autorisations délivrées", en: "Grants issued");
    msg!(GRANTS_APPROVED, fr: "dont accordées sur demande", en: "of which approved on request");
    msg!(REQUESTS, fr: "Demandes d'autorisation faites", en: "Grant requests made");
    msg!(REQUESTS_DENIED, fr: "Demandes refusées", en: "Requests denied");
    msg!(GRANTS_REVOKED, fr: "Autorisations révoquées", en: "Grants revoked");
    msg!(GRANTS_EXPIRED_UNUSED, fr: "Autorisations expirées sans usage", en: "Grants expired unused");
    msg!(SELF_GRANTS, fr: "Autorisations à soi-même", en: "Self-grants");
    msg!(GRANTS_SUPERSEDED, fr: "Autorisations devenues caduques (clé de la Secrétaire générale remplacée avant leur fin)", en: "Grants no longer valid (the Secrétaire générale's key was rotated before they ended)");
    msg!(NON_ADMIN, fr: "Autorisations à un titulaire qui n'est pas administrateur", en: "Grants to a principal who is not an administrator");
    msg!(DENIALS, fr: "Tentatives refusées", en: "Denied attempts");
    msg!(ADMIN_EVENTS, fr: "Événements d'administration", en: "Administrative events");
    msg!(ROTATION, fr: "Comptes dont le mot de passe devrait être changé", en: "Accounts with rotation recommended");
    msg!(OFF_HOURS, fr: "Remises hors des heures ouvrables", en: "Releases outside business hours");
    msg!(RELEASES_TOTAL, fr: "Remises", en: "Releases");
    msg!(NONE, fr: "(aucun)", en: "(none)");
    msg!(UNKNOWN, fr: "inconnu", en: "unknown");
    msg!(MORE_ROWS, fr: "… et {count} autres lignes : voir --format csv ou json", en: "… and {count} more rows: see --format csv or json");
    msg!(NO_ACCOUNT_ACTIVITY, fr: "aucune remise, autorisation ni refus dans la période", en: "no release, grant or denial in the period");
    msg!(WRITTEN, fr: "Rapport écrit dans {path} ({format}).", en: "Report written to {path} ({format}).");
    msg!(BAD_PERIOD, fr: "{value} : date non valide pour {option} (RFC 3339, p. ex. 2026-11-01T00:00:00Z ou 2026-11-01T00:00:00-04:00)", en: "{value}: not a valid time for {option} (RFC 3339, e.g. 2026-11-01T00:00:00Z or 2026-11-01T00:00:00-04:00)");
    msg!(BAD_HOURS, fr: "{detail} (heures ouvrables : JOURS HH:MM-HH:MM, p. ex. mon-fri 07:00-19:00 ; fuseau IANA, p. ex. America/Montreal)", en: "{detail} (business hours: DAYS HH:MM-HH:MM, e.g. mon-fri 07:00-19:00; an IANA zone, e.g. America/Montreal)");
    msg!(KEY_NEEDED, fr: "un rapport hors ligne vérifie l'export d'abord : donnez --key CLÉ (la clé de vérification conservée)", en: "an offline report verifies the export first: give --key KEY (the verifier key you kept)");
    msg!(VERIFYING, fr: "vérification", en: "verifying");
    msg!(EXPORTING, fr: "export", en: "exporting");
}

/// The report's column headings (CSV and HTML use them as they are, text in capitals).
pub mod col {
    use vaultd::msg;
    msg!(SECTION, fr: "Section", en: "Section");
    msg!(SEQ, fr: "N°", en: "Seq");
    msg!(TIME, fr: "Heure", en: "Time");
    msg!(ACCOUNT, fr: "Compte", en: "Account");
    msg!(PRINCIPAL, fr: "Titulaire", en: "Principal");
    msg!(FIELD, fr: "Champ", en: "Field");
    msg!(GRANT, fr: "Autorisation", en: "Grant");
    msg!(PURPOSE, fr: "Objet", en: "Purpose");
    msg!(GRANTEE, fr: "Bénéficiaire", en: "Grantee");
    msg!(ACCOUNTS, fr: "Comptes", en: "Accounts");
    msg!(FROM, fr: "Du", en: "From");
    msg!(UNTIL, fr: "Au", en: "Until");
    msg!(ISSUED_BY, fr: "Signée par", en: "Signed by");
    msg!(REQUEST, fr: "Demande", en: "Request");
    msg!(USES, fr: "Remises", en: "Releases");
    msg!(REASON, fr: "Motif", en: "Reason");
    msg!(BY, fr: "Par", en: "By");
    msg!(ACTION, fr: "Action", en: "Action");
    msg!(TARGET, fr: "Cible", en: "Target");
    msg!(DETAIL, fr: "Détail", en: "Detail");
    msg!(SINCE, fr: "Depuis", en: "Since");
    msg!(VERSION, fr: "Version du mot de passe", en: "Password version");
    msg!(ROLES, fr: "Rôles du bénéficiaire", en: "Grantee's roles");
}
