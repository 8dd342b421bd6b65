# Les mots de vaultd (bibliothèque et démon) en français. Chaque id existe dans chaque langue.
# Les { $nom } sont remplis par le code ; {"{"} et {" "} écrivent une accolade ou une espace littérale.

## Why the vault refuses a call (every client shows these)

reason-sealed = le coffre est scellé : rien n'est remis tant qu'un opérateur ne l'a pas descellé (vault-cli unseal)
reason-forbidden-role = votre identité n'a pas le rôle requis ({ $target }) pour cette opération
reason-not-enrolled = ce certificat n'appartient à aucun titulaire inscrit dans ce coffre ; demandez à un opérateur de vous inscrire (vault-cli principal enroll)
reason-principal-disabled = le titulaire { $target } est désactivé ; adressez-vous à un opérateur
reason-unknown-account = compte inconnu : { $target } (voir vault-cli account list)
reason-archived = le compte { $target } est archivé
reason-duplicate-account = le compte { $target } existe déjà
reason-unknown-principal = titulaire inconnu : { $target } (voir vault-cli principal list)
reason-duplicate-principal = le titulaire { $target } existe déjà et est actif (il renouvelle lui-même son certificat : vault-cli identity renew ; désactivé, il pourrait être inscrit de nouveau)
reason-bad-request = demande refusée : { $target }
reason-bad-passphrase = phrase de passe incorrecte ; le coffre reste scellé
reason-too-many-attempts = trop d'essais infructueux ; réessayez dans { $seconds } s
reason-no-passphrase = ce coffre n'a pas de phrase de passe de descellement ; il se descelle avec son fichier d'identité age (vaultd serve --unseal-identity)
reason-last-operator = { $target } est le dernier opérateur actif : inscrivez d'abord un autre opérateur
reason-unavailable = le coffre ne peut pas écrire pour l'instant ; rien n'a été modifié, réessayez plus tard
reason-busy = le coffre est surchargé en ce moment ; rien n'a été modifié, réessayez dans un instant
reason-access-ended = ce flux a pris fin parce que l'accès sous lequel il avait été ouvert a pris fin (votre identité désactivée, vos rôles changés ou votre certificat renouvelé, le coffre scellé ou en cours d'arrêt) ; rouvrez-le si vous y avez encore droit
reason-internal = erreur interne du coffre ; le journal de vaultd en donne le détail
reason-no-grant = aucune autorisation valide (art. 3) pour { $target } ; demandez-en une : vault-cli grant request { $target } --purpose "…"
reason-expired = aucune autorisation valide (art. 3) pour { $target } : l'autorisation a expiré le { $detail } ; demandez-en une nouvelle : vault-cli grant request { $target } --purpose "…"
reason-not-yet-valid = aucune autorisation valide (art. 3) pour { $target } maintenant : l'autorisation commence le { $detail }
reason-revoked = aucune autorisation valide (art. 3) pour { $target } : l'autorisation a été révoquée le { $detail }
reason-exhausted = aucune autorisation valide (art. 3) pour { $target } : toutes les utilisations permises ont servi ({ $detail }) ; demandez-en une nouvelle
reason-bad-signature = la signature ne se vérifie pas avec la clé épinglée de la Secrétaire générale { $target } ; rien n'a été remis, avertissez la sécurité
reason-unknown-grant = autorisation inconnue : { $target } (voir vault-cli grant list)
reason-unknown-request = demande inconnue : { $target } (voir vault-cli grant pending)
reason-ambiguous-id = le préfixe { $target } désigne plusieurs identifiants ; donnez plus de chiffres
reason-duplicate-grant = l'autorisation { $target } est déjà enregistrée
reason-already-decided = la demande { $target } a déjà été traitée
reason-already-revoked = l'autorisation { $target } est déjà révoquée
reason-no-authority-key = le coffre n'a pas encore de clé de la Secrétaire générale (vaultd authority-key)
reason-not-signing-key = cette identité n'a pas de clé de signature des autorisations (vault-cli identity new --signing)
reason-invalid-empty = { $field } : valeur vide
reason-invalid-too-long = { $field } : trop long (au plus { $limit })
reason-invalid-too-short = { $field } : trop court (au moins { $limit })
reason-invalid-reserved = { $field } : nom réservé au coffre (anonymous, vaultd, local…) ; choisissez-en un autre
reason-invalid-format = { $field } : format non valide

## Requests the daemon refuses as unusable

request-escrow-not-recipient = un destinataire de séquestre n'est pas un destinataire age1...
request-output-exists = un fichier de sortie existe déjà ; il n'a pas été touché
request-need-unseal-method = donnez un fichier d'identité de descellement, une phrase de passe, ou les deux
request-no-such-entry = aucune entrée de ce numéro sous le dernier point de contrôle
request-not-a-grant = ce n'est pas un document d'autorisation
request-not-age-identity = ce n'est pas un fichier d'identité age
request-window-order = la fin doit être postérieure au début
request-nothing-to-set = rien à enregistrer : donnez un mot de passe ou un germe TOTP
request-password-and-generate = mot de passe et génération à la fois
request-bad-csr = la demande de certificat est mal formée ou sa signature ne se vérifie pas
request-grant-request-mismatch = l'autorisation ne correspond pas à la demande à laquelle elle répond
request-grant-accounts-order = les comptes de l'autorisation doivent être triés et distincts
request-no-totp-seed = ce compte n'a pas de germe TOTP
request-no-password = ce compte n'a pas de mot de passe enregistré
request-unknown-method = ce coffre n'offre pas cette méthode ; mettez vault-cli à jour ou vérifiez l'appel
request-retired-key = cette clé de la Secrétaire générale est la clé actuelle ou a déjà été remplacée : une clé retirée ne revient jamais
request-malformed-message = le message reçu ne se décode pas (Protocol Buffers invalide pour cet appel)
request-no-backup-recipient = ce coffre n'a aucun destinataire age (clé de descellement ou séquestre) pour chiffrer une sauvegarde : ajoutez un destinataire de séquestre
request-key-copies-missing = le coffre n'a pas encore de copies scellées de ses clés (TLS et journal) : descellez-le une fois, puis refaites la sauvegarde
request-not-a-backup = ce fichier n'est pas une sauvegarde lisible d'un coffre (chiffrement age ou base SQLite invalide)
request-target-not-empty = le dossier de destination n'est pas vide : donnez un dossier neuf (rien n'a été touché)
request-one-unseal-method = envoyez soit la phrase de passe, soit un fichier d'identité de descellement, pas les deux
request-passphrase-needed = ce coffre se descelle aussi par phrase de passe : donnez-la, pour que la nouvelle clé de données soit aussi protégée par elle
request-last-unseal-method = c'est le dernier moyen de desceller ce coffre : ajoutez-en un autre d'abord
request-no-such-recipient = aucun destinataire de séquestre de ce nom dans ce coffre
request-already-recipient = ce destinataire ouvre déjà ce coffre
request-not-a-cosignature = ce n'est pas un point de contrôle de ce coffre portant une seule cosignature de témoin
request-cosignature-goes-back = ce témoin a déjà cosigné un point de contrôle plus grand : un témoin ne revient pas en arrière
request-witness-limit = le coffre garde déjà les cosignatures du nombre maximal de témoins
request-public-url-not-https = l'adresse publique (--public-url) doit commencer par https:// : seules les adresses https:// sont acceptées, afin qu'aucun client ne parle jamais au coffre en clair
request-witness-not-listed = le coffre ne connaît aucun témoin sous ce nom : le vérificateur ou l'autorité ajoute d'abord sa clé de vérification (vault-cli audit witness add CLÉ)
request-cosignature-invalid = la ligne du témoin ne se vérifie pas avec la clé que le coffre connaît pour ce nom : ce n'est pas la cosignature de ce témoin
request-not-a-witness-key = ce n'est pas une clé de vérification de témoin (cosignature/v1 : nom+id+clé en base64 ; un nom d'au plus 80 caractères lisibles)
request-witness-already-listed = un témoin est déjà inscrit sous ce nom : retirez-le d'abord (vault-cli audit witness remove NOM)
request-wrong-unseal-identity = cette identité ne descelle pas ce coffre
request-unknown-key-change = aucun changement de clé en attente porte cet identifiant (voir vault-cli keys pending) ; un changement non approuvé expire après 7 jours
request-key-change-decided = ce changement de clé a déjà été approuvé
request-key-change-mismatch = l'approbation ne correspond pas au changement en attente (coffre, action, destinataire ou date) ; rien n'a été modifié
request-too-many-key-changes = trop de changements de clé attendent déjà l'approbation de la Secrétaire générale ; faites-les approuver ou attendez qu'ils expirent
request-not-an-approval = ce n'est pas une approbation de changement de clé
request-too-many-waits = cette identité attend déjà autant de décisions que le coffre le permet ; attendez la fin de l'une d'elles
label-unknown-action = { $code } (action inconnue)

## vaultd: what the daemon binary tells its operator

daemon-error-prefix = vaultd : erreur :{" "}
daemon-reading = lecture de { $path }
daemon-writing = écriture dans { $path }
daemon-unsealing = descellement avec { $path }
daemon-opening = ouverture du coffre dans { $dir }
daemon-listening = écoute sur { $addr }
daemon-runtime = démarrage de l'environnement d'exécution
daemon-key-not-base64 = la clé de la Secrétaire générale n'est pas en base64
daemon-key-length = la clé de la Secrétaire générale doit être une clé publique Ed25519 de 32 octets
daemon-newer-schema = le schéma du coffre (version { $found }) est plus récent que ce vaultd ({ $supported }) ; mettez vaultd à jour
daemon-permissions = { $path } est accessible à d'autres utilisateurs (mode { $mode }) ; faites : chmod { $wanted } { $path }
daemon-damaged = le coffre contient une valeur endommagée : { $detail }
daemon-no-data-dir = donnez --config FICHIER ou --data-dir DOSSIER
daemon-identity-permissions = { $path } est lisible par d'autres utilisateurs ({ $reach }) ; faites : { $fix }
daemon-dev-exists = { $dir } contient déjà un coffre ; supprimez-le ou choisissez un autre --dir
daemon-key-file-missing = { $path } : fichier de clé absent. Il accompagne vault.db dans le dossier de données et ne fait pas partie de la base : remettez-le depuis ce dossier, ou restaurez le coffre depuis une sauvegarde (vaultd restore)
daemon-key-file-malformed = { $path } : ce fichier ne contient pas une clé lisible
daemon-key-file-foreign = { $path } : cette clé n'est pas celle de ce coffre (elle ne correspond pas à la clé publique qu'il a enregistrée)
daemon-passphrase-file-missing = { $path } : ce fichier de phrase de passe n'existe pas (rien n'a été tenté)
daemon-passphrase-file-permissions = { $path } est lisible par d'autres utilisateurs ({ $reach }) ; faites : { $fix }
daemon-passphrase-file-empty = { $path } : la première ligne est vide
daemon-bad-audit-key = --audit-key : ce n'est pas une clé de vérification du journal (nom+idclé+base64)
daemon-config = { $path } : { $detail }
daemon-layout-no-vault = aucun coffre ici (créez-en un avec : vaultd init)
daemon-layout-vault-exists = un coffre existe déjà ici ; il n'a pas été touché
daemon-layout-in-use = le coffre est utilisé par un autre processus vaultd ; arrêtez-le d'abord
daemon-layout-key-file-exists = un fichier de clé est déjà là ; il n'a pas été touché
daemon-layout-not-utf8 = ce chemin n'est pas en UTF-8
daemon-ask-passphrase = Phrase de passe de descellement :{" "}
daemon-ask-again = Encore une fois :{" "}
daemon-mismatch = les deux saisies diffèrent
daemon-init-done =
    Coffre { $id } créé dans { $dir }.
    Identité du premier opérateur : { $identity } (mode 0600 ; déplacez-la sur le poste de l'opérateur)
    Empreinte de son certificat : { $fingerprint }
daemon-init-unseal-key = Clé de descellement : { $path } (destinataire { $recipient }). Gardez-la hors du dossier de données, p. ex. en LoadCredentialEncrypted= de systemd ; sans elle ni phrase de passe, le coffre est perdu.
daemon-init-next = Ensuite : vaultd serve --data-dir { $dir } [--unseal-identity CLÉ]
daemon-key-pinned = Clé de la Secrétaire générale épinglée : { $id }. Les autorisations signées par une clé précédente ne sont plus valides.
daemon-keys-escrow-added = Destinataire de séquestre { $recipient } ajouté ; il ouvre aussi les prochaines sauvegardes. Inscrit au journal (vaultd-keys).
daemon-keys-unseal-replaced = Nouvelle clé de descellement écrite dans { $path } (destinataire { $recipient }) ; l'ancienne n'ouvre plus la base actuelle. Remplacez la clé là où le démon la lit (LoadCredential, --unseal-identity). Inscrit au journal (vaultd-keys).
daemon-man-written = { $count } pages de manuel écrites dans { $dir } (anglais : man1, français : fr/man1).
daemon-rekeyed = Nouvelle clé de données : { $values } valeurs de secrets rescellées, { $wraps } moyen(s) de descellement refaits (mêmes clés de descellement et de séquestre). Les anciennes copies de la base (sauvegardes comprises) gardent l'ancienne clé.
daemon-server-cert-done =
    Nouveau certificat du serveur, émis par l'AC du coffre (inchangée : les identités restent valides) : { $names }, valide jusqu'au { $until }.
    Adresse publique : { $url }
    Les nouvelles inscriptions et les renouvellements (vault-cli identity renew) reçoivent cette adresse ; d'ici là, vault-cli --server { $url }.
daemon-restored =
    Coffre restauré dans { $dir } depuis { $from } (SHA-256 { $sha256 }).
    Journal d'audit vérifié contre son dernier point de contrôle : { $size } entrées, racine { $root }, signé par { $origin }.
    Clé de vérification du journal : { $key }
    Comparez-la à celle que vous conservez (ou donnez --audit-key), et l'empreinte ci-dessus à l'entrée vault.backup : le chiffrement age dit qui peut ouvrir une sauvegarde, pas qui l'a faite.
    { $count } valeurs scellées ouvertes, toutes intactes ; clés TLS et d'audit remises en place depuis leurs copies scellées.

    ATTENTION : une restauration ramène le coffre à l'état de la sauvegarde. Tout ce qui a changé depuis est perdu : versions de secrets, autorisations, RÉVOCATIONS, désactivations, entrées du journal. Refaites les révocations et désactivations postérieures, et faites changer les mots de passe remis depuis.
    Comparez ce journal aux points de contrôle conservés ailleurs (journald, témoins) : ceux signés après la sauvegarde ne sont pas prolongés par ce journal, et c'est attendu.
    Pour le servir : vaultd serve --data-dir { $dir } --unseal-identity CLÉ
daemon-check-ok = Intégrité : { $count } valeurs scellées ouvertes, toutes intactes.
daemon-key-copies-ok = Fichiers de clé : server-tls.key et audit-signing.key sont identiques aux copies scellées dans le coffre.

## vaultd dev: the banner

dev-ready =
    vaultd dev : coffre jetable, descellé, à l'écoute sur { $url } (mTLS)
    Dossier : { $dir }
    Identités (une par rôle) :
dev-resumed =
    vaultd dev : coffre repris, descellé avec { $dir }/unseal.key, à l'écoute sur { $url } (mTLS)
    Dossier : { $dir }
    Identités (une par rôle) :
dev-identity-header = nom|rôle|fichier d'identité
dev-operator-section = exploitation : sceller, desceller, sauvegarder, restaurer
dev-try-next = À essayer ensuite, dans un autre terminal :
dev-grants-section = art. 3 : demander, approuver, obtenir
dev-audit-section = art. 14 : le journal d'accès
dev-stop-temp = Ctrl-C pour arrêter ; le dossier temporaire sera supprimé.
dev-stop-kept = Ctrl-C pour arrêter ; le dossier est conservé.

## Short labels for tables and reports

label-reason-sealed = scellé
label-reason-forbidden-role = rôle non permis
label-reason-not-enrolled = non inscrit
label-reason-principal-disabled = titulaire désactivé
label-reason-unknown-account = compte inconnu
label-reason-archived = compte archivé
label-reason-duplicate-account = compte déjà existant
label-reason-unknown-principal = titulaire inconnu
label-reason-duplicate-principal = titulaire déjà existant
label-reason-invalid-input = saisie invalide
label-reason-bad-request = demande inutilisable
label-reason-bad-passphrase = phrase de passe incorrecte
label-reason-too-many-attempts = trop d'essais
label-reason-no-passphrase = aucune phrase de passe
label-reason-last-operator = dernier opérateur
label-reason-unavailable = indisponible
label-reason-internal = erreur interne
label-reason-no-grant = aucune autorisation
label-reason-expired = autorisation expirée
label-reason-not-yet-valid = autorisation pas encore valide
label-reason-revoked = autorisation révoquée
label-reason-exhausted = autorisation épuisée
label-reason-bad-signature = signature invalide
label-reason-unknown-grant = autorisation inconnue
label-reason-unknown-request = demande inconnue
label-reason-ambiguous-id = identifiant ambigu
label-reason-duplicate-grant = autorisation déjà enregistrée
label-reason-already-decided = demande déjà tranchée
label-reason-already-revoked = déjà révoquée
label-reason-no-authority-key = aucune clé de la SG
label-reason-not-signing-key = pas la clé de signature
label-reason-busy = coffre occupé
label-reason-access-ended = accès terminé
label-outcome-allowed = permis
label-outcome-denied = refusé
label-outcome-error = erreur
label-action-credential-get = remettre un identifiant
label-action-grant-issue = émettre une autorisation
label-action-grant-register = enregistrer une autorisation
label-action-grant-approve = approuver une demande
label-action-grant-deny = refuser une demande
label-action-grant-revoke = révoquer une autorisation
label-action-grant-request = demander une autorisation
label-action-grant-list = lister les autorisations
label-action-grant-pending = lister les demandes en attente
label-action-grant-show = afficher une demande
label-action-grant-wait = attendre une décision
label-action-account-add = ajouter un compte
label-action-account-archive = archiver un compte
label-action-account-list = lister les comptes
label-action-account-show = afficher un compte
label-action-secret-set = enregistrer un secret
label-action-secret-history = historique d'un secret
label-action-principal-enroll = inscrire une personne
label-action-principal-renew = renouveler un certificat
label-action-principal-disable = désactiver une personne
label-action-principal-enable = réactiver une personne
label-action-principal-roles = changer des rôles
label-action-principal-list = lister les personnes
label-action-vault-seal = sceller le coffre
label-action-vault-unseal = desceller le coffre
label-action-vault-status = état du coffre
label-action-vault-whoami = qui suis-je
label-action-vault-backup = sauvegarder le coffre
label-action-vault-restore = restaurer le coffre
label-action-vault-rekey = changer la clé de données
label-action-vault-server-cert = certificat du serveur
label-action-key-list = lister les clés
label-action-key-escrow-add = ajouter une clé de séquestre
label-action-key-escrow-remove = retirer une clé de séquestre
label-action-key-passphrase-change = changer la phrase de passe
label-action-key-unseal-replace = remplacer la clé de descellement
label-action-key-escrow-propose = proposer un séquestre
label-action-key-unseal-propose = proposer une clé de descellement
label-action-key-change-approve = approuver un changement de clé
label-action-key-change-list = lister les changements de clé
label-action-authority-pin = épingler la clé de l'autorité
label-action-authority-rotate = remplacer la clé de l'autorité
label-action-authority-key = clé de l'autorité
label-action-audit-query = consulter le journal
label-action-audit-tail = suivre le journal
label-action-audit-export = exporter le journal
label-action-audit-checkpoint = point de contrôle du journal
label-action-audit-consistency = preuve de cohérence
label-action-audit-prove = preuve d'inclusion
label-action-audit-key = clé du journal
label-action-audit-cosign = cosignature d'un témoin
label-action-audit-witness-add = témoin inscrit
label-action-audit-witness-remove = témoin retiré
label-action-audit-witness-list = liste des témoins consultée
label-action-calls-refused = appels refusés
label-action-connection-refused = connexion refusée
label-action-rpc-malformed = appel mal formé
label-action-rpc-unknown = appel inconnu

## vaultd --help (English help is the commands' doc comments in src/main.rs)
## help = the program, help-COMMAND, help-COMMAND--ARGUMENT_ID

help = Démon du coffre d'identifiants des comptes officiels
help-dev = Coffre jetable, descellé, avec des comptes d'essai et une identité par rôle
help-init = Créer un nouveau coffre
help-serve = Faire tourner le démon
help-check = Ouvrir une fois chaque valeur scellée et faire rapport (démon arrêté)
help-keys = Ajouter sur le serveur un moyen d'ouvrir la clé de données, en prouvant la maîtrise du serveur par la clé de descellement (démon arrêté) : un destinataire de séquestre ou une nouvelle clé de descellement. Par le réseau, un opérateur ne fait que les proposer, et la Secrétaire générale les approuve (vault-cli keys).
help-keys-add-escrow = Protéger aussi la clé de données pour un destinataire de séquestre (age1...)
help-keys-add-escrow--data_dir = Dossier du coffre
help-keys-add-escrow--unseal_identity = La clé de descellement ou une clé de séquestre (fichier d'identité age)
help-keys-add-escrow--recipient = Le destinataire age (age1...)
help-keys-new-unseal-key = Créer une nouvelle clé de descellement (mode 0600) et la faire utiliser par le coffre ; l'ancienne n'ouvre plus la base actuelle
help-keys-new-unseal-key--data_dir = Dossier du coffre
help-keys-new-unseal-key--unseal_identity = La clé de descellement ou une clé de séquestre (fichier d'identité age)
help-keys-new-unseal-key--out = Où écrire la nouvelle clé (ne doit pas exister ; mode 0600)
help-rekey = Remplacer la clé de données : chaque valeur scellée rescellée sous une nouvelle clé, chaque moyen de descellement refait, en une transaction (démon arrêté)
help-server-cert = Émettre pour le serveur une nouvelle clé TLS et un nouveau certificat par l'AC du coffre (inchangée : les identités restent valides), éventuellement pour une nouvelle adresse publique et de nouveaux noms (démon arrêté)
help-completions = Afficher un script de complétion pour le shell (bash, zsh, fish, elvish, powershell)
help-man = Écrire les pages de manuel (anglais dans DOSSIER/man1, français dans DOSSIER/fr/man1)
help-restore = Restaurer une sauvegarde (de vault-cli backup) dans un dossier neuf, en la vérifiant (démon arrêté). Une restauration ramène le coffre à l'état de la sauvegarde.
help-authority-key = Épingler la clé publique de signature de la Secrétaire générale, en prouvant la maîtrise du serveur par la clé de descellement (démon arrêté)
help-dev--dir = Tout garder sous DIR (par défaut : un dossier temporaire supprimé à la sortie) ; un DIR qui contient déjà un coffre de dev est repris
help-dev--listen = Adresse d'écoute (par défaut : 127.0.0.1:8443, ou celle du coffre repris)
help-init--data_dir = Dossier du coffre (mode 0700)
help-init--listen = Adresse où le démon écoutera (sert à l'adresse publique par défaut)
help-init--public_url = Adresse utilisée par les clients, p. ex. https://coffre.exemple:8443
help-init--server_names = Nom DNS ou adresse IP du certificat du serveur (répétable ; le premier est vérifié par les clients)
help-init--unseal_key_out = Écrire ici un nouveau fichier d'identité age : il descelle le coffre au démarrage
help-init--passphrase_file = Envelopper aussi la clé de données avec la phrase de passe de ce fichier (1re ligne)
help-init--passphrase = Envelopper aussi la clé de données avec une phrase de passe demandée au terminal
help-init--escrow_recipients = Destinataire age (age1...) qui peut aussi déballer la clé de données (répétable)
help-init--operator = Nom du premier opérateur
help-init--operator_identity = Où écrire le fichier d'identité du premier opérateur (mode 0600)
help-init--operator_passphrase_file = Chiffrer cette identité avec la phrase de passe de ce fichier (1re ligne)
help-init--authority_key = Clé publique de signature de la Secrétaire générale (base64, de vault-cli identity show)
help-serve--config = Fichier de configuration TOML
help-serve--data_dir = Dossier du coffre
help-serve--listen = Adresse d'écoute
help-serve--unseal_identity = Fichier d'identité age qui descelle le coffre au démarrage
help-check--data_dir = Dossier du coffre
help-check--unseal_identity = Fichier d'identité age de descellement
help-rekey--data_dir = Dossier du coffre
help-rekey--unseal_identity = La clé de descellement ou une clé de séquestre (fichier d'identité age)
help-rekey--passphrase_file = La phrase de passe de descellement (1re ligne, mode 0600), nécessaire si le coffre en a une
help-server-cert--data_dir = Dossier du coffre
help-server-cert--unseal_identity = La clé de descellement ou une clé de séquestre (fichier d'identité age)
help-server-cert--public_url = La nouvelle adresse des clients (par défaut : inchangée)
help-server-cert--server_names = Nom DNS ou IP du certificat (répétable ; par défaut : ceux du certificat actuel)
help-completions--shell = Le shell
help-man--out = Le dossier où écrire
help-restore--from = La sauvegarde chiffrée avec age
help-restore--data_dir = Un dossier neuf ou vide pour le coffre restauré
help-restore--unseal_identity = La clé de descellement ou une clé de séquestre (fichier d'identité age)
help-restore--audit_key = La clé de vérification du journal conservée ailleurs (vault-cli audit key, en clair ou dans un fichier) : une sauvegarde signée par une autre clé est refusée. Exigée, sauf avec --accept-unknown-origin
help-restore--accept_unknown_origin = Restaurer sans vérifier qui a fait la sauvegarde (n'importe qui peut chiffrer un faux coffre pour le destinataire public de descellement) ; l'entrée du journal de la restauration le dit
help-authority-key--data_dir = Dossier du coffre
help-authority-key--unseal_identity = Fichier d'identité age de descellement
help-authority-key--set = La clé publique, en base64

## clap's own words in --help (clap writes the English ones itself; it adds the headings' colon)

clap-usage = Utilisation :
clap-commands-heading = Commandes{" "}
clap-arguments-heading = Arguments{" "}
clap-options-heading = Options{" "}
clap-help = Afficher l'aide
clap-version = Afficher la version
clap-help-command = Afficher ce message, ou l'aide de la sous-commande donnée
