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
reason-no-grant-pending = pas encore d'autorisation valide (art. 3) pour { $target } : votre demande { $request } attend la décision de la Secrétaire générale depuis le { $since } ; attendez-la avec : vault-cli grant wait { $request }
reason-no-grant-denied = aucune autorisation valide (art. 3) pour { $target } : votre demande { $request } a été refusée le { $at } (« { $reason } ») ; redemandez avec : vault-cli grant request { $target } --purpose "…"
reason-grant-ended-pending = aucune autorisation valide (art. 3) pour { $target } ({ $why }) ; votre demande { $request } attend la décision de la Secrétaire générale depuis le { $since } ; attendez-la avec : vault-cli grant wait { $request }
reason-expired = aucune autorisation valide (art. 3) pour { $target } : l'autorisation a expiré le { $detail } ; demandez-en une nouvelle : vault-cli grant request { $target } --purpose "…"
reason-not-yet-valid = aucune autorisation valide (art. 3) pour { $target } maintenant : l'autorisation commence le { $detail }
reason-revoked = aucune autorisation valide (art. 3) pour { $target } : l'autorisation a été révoquée le { $detail }
reason-exhausted = aucune autorisation valide (art. 3) pour { $target } : toutes les utilisations permises ont servi ({ $detail }) ; demandez-en une nouvelle
reason-bad-signature = la signature de l'autorisation pour { $target } ne se vérifie pas avec la clé épinglée de la Secrétaire générale ; rien n'a été remis, avertissez la sécurité
reason-delegation-expired = { $target } : la délégation sous laquelle vous agissez ne couvre pas ce moment ({ $detail }) ; demandez à la Secrétaire générale de décider elle-même, ou de signer une nouvelle délégation (vault-cli authority delegate)
reason-outside-delegation = { $target } : hors de la délégation sous laquelle vous agissez ({ $detail }) ; seule la Secrétaire générale peut signer pour ce compte : demandez-lui de décider, ou d'élargir la délégation (vault-cli authority delegate --accounts …)
reason-not-delegated = votre clé de signature n'est pas celle de la Secrétaire générale et aucune délégation ne vous nomme : rien n'a été enregistré. Pour signer à sa place pendant son absence, demandez-lui une délégation (vault-cli authority delegate --to VOTRE_NOM --key VOTRE_CLÉ ; vault-cli identity show affiche votre clé publique)
reason-grant-delegation-expired = { $target } : l'autorisation { $grant } a été signée par intérim sous la délégation { $delegation }, qui ne couvre plus ce moment (terminée ou révoquée) ; rien n'a été remis : demandez une nouvelle autorisation (vault-cli grant request { $target })
reason-grant-outside-delegation = { $target } : l'autorisation { $grant } a été signée par intérim sous la délégation { $delegation }, qui ne couvre pas ce compte ; rien n'a été remis : demandez une nouvelle autorisation (vault-cli grant request { $target })
delegation-detail-scope = délégation { $id }, pour { $scope }
delegation-detail-all-accounts = tous les comptes
delegation-detail-until = délégation { $id }, jusqu'au { $until }
delegation-detail-none = aucune délégation
delegation-detail-named = délégation { $id }
reason-second-signature-missing = aucune autorisation valide (art. 3) pour { $target } pour l'instant : ce compte exige deux signatures et l'autorisation { $detail } n'en porte qu'une ; un deuxième signataire (la Secrétaire générale ou son délégué, pas le premier signataire) doit exécuter vault-cli grant cosign { $detail }
reason-unknown-grant = autorisation inconnue : { $target } (voir vault-cli grant list)
reason-unknown-request = demande inconnue : { $target } (voir vault-cli grant pending)
reason-ambiguous-id = le préfixe { $target } désigne { $count } identifiants : { $ids } ; donnez plus de chiffres
reason-ambiguous-id-more = { $ids } et { $more } autres
reason-duplicate-grant = l'autorisation { $target } est déjà enregistrée
reason-already-decided = la demande { $target } a déjà été traitée
reason-already-revoked = l'autorisation { $target } est déjà révoquée
reason-rotation-staged = un nouveau mot de passe pour { $target } attend déjà sa confirmation, préparé par { $by } depuis { $age } : si la plateforme l'a, confirmez-le (vault-cli secret rotate { $target } --confirm), sinon abandonnez-le (--abort)
reason-staged-by-another = le nouveau mot de passe en attente pour { $target } a été préparé par { $detail } : seule cette personne peut l'obtenir avant sa confirmation ; demandez-lui de le confirmer (vault-cli secret rotate { $target } --confirm) ou de l'abandonner (--abort)
reason-no-authority-key = le coffre n'a pas encore de clé de la Secrétaire générale (vaultd authority-key)
reason-not-signing-key = cette identité n'a pas de clé de signature des autorisations (vault-cli identity new --signing)
reason-invalid-empty = { $field } : valeur vide
reason-invalid-too-long = { $field } : trop long (au plus { $limit })
reason-invalid-duration-too-long = { $field } : trop longue (au plus { $limit } jours)
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
request-nothing-staged = aucun nouveau mot de passe n'attend pour ce compte (jamais préparé, ou déjà confirmé ou abandonné) : vault-cli account show COMPTE indique la version en vigueur
request-nothing-to-change = rien à modifier : donnez --change-url, --no-change-url, --max-age ou --default-max-age
request-not-approvals = ce n'est pas une déclaration de signatures requises (vaultd approvals v1, une ou deux signatures) : signez-la de nouveau avec vault-cli account approvals COMPTE --set 2|1
request-approvals-replayed = cette déclaration de signatures requises a déjà été enregistrée, ou est plus ancienne que la règle en vigueur pour le compte : signez-en une nouvelle (vault-cli account approvals COMPTE --set 2|1)
request-same-signer = cette autorisation porte déjà la signature de votre clé : la deuxième signature doit venir d'une autre clé en vigueur (celle de la Secrétaire générale ou d'un délégué)
request-already-cosigned = cette autorisation porte déjà ses deux signatures : rien à ajouter (vault-cli grant show AUTORISATION)
request-grant-ended = cette autorisation a pris fin (expirée, épuisée, ou signée sous une clé remplacée depuis) : rien à cosigner ; demandez une nouvelle autorisation
request-wrong-unseal-identity = cette identité ne descelle pas ce coffre
request-unknown-key-change = aucun changement de clé en attente porte cet identifiant (voir vault-cli keys pending) ; un changement non approuvé expire après 7 jours
request-key-change-decided = ce changement de clé a déjà été approuvé
request-key-change-mismatch = l'approbation ne correspond pas au changement en attente (coffre, action, destinataire ou date) ; rien n'a été modifié
request-too-many-key-changes = trop de changements de clé attendent déjà l'approbation de la Secrétaire générale ; faites-les approuver ou attendez qu'ils expirent
request-not-an-approval = ce n'est pas une approbation de changement de clé
request-too-many-waits = cette identité attend déjà autant de décisions que le coffre le permet ; attendez la fin de l'une d'elles
request-too-many-follows = cette identité suit déjà les événements du coffre sur autant de flux que le coffre le permet ; fermez-en un d'abord
request-too-many-pending-requests = vous avez déjà autant de demandes en attente de l'autorité que le coffre le permet ; attendez une décision (vault-cli grant wait ID) avant d'en faire une autre
request-unknown-event = le coffre n'a aucun événement portant ce numéro
request-not-a-delegation = ce n'est pas une délégation signée par la Secrétaire générale (vault-cli authority delegate en fait une)
request-delegation-known = cette délégation est déjà enregistrée (ou l'a été, puis révoquée) : une déclaration ne compte qu'une fois ; signez-en une nouvelle avec vault-cli authority delegate
request-delegate-not-authority = la personne déléguée doit avoir le rôle autorité : demandez-le d'abord à un opérateur (vault-cli principal roles NOM --set authority, avec un --set pour chaque rôle qu'elle garde)
request-self-delegation = une délégation désigne une autre personne que sa signataire
request-window-in-past = la période est passée : donnez un --from à partir de maintenant et un --until dans l'avenir
request-acting-authority = vous agissez sous une délégation : seule la Secrétaire générale peut déléguer ou mettre fin à une délégation
request-unknown-delegation = délégation inconnue (voir vault-cli authority delegation list)
request-delegation-revoked = cette délégation est déjà révoquée
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

## vaultd notify: its configuration refused at start

notify-config-at-line = { $file }, ligne { $line }, clé { $key } : { $problem }
notify-config-at-key = { $file }, clé { $key } : { $problem }
notify-problem-unreadable = illisible ({ $detail })
notify-problem-syntax = TOML invalide ({ $detail })
notify-problem-unknown-key = clé inconnue (deploy/vaultd-notify.toml énumère les clés que cette version lit)
notify-problem-missing-key = clé obligatoire qui manque
notify-problem-wrong-type = une valeur du mauvais type ({ $detail })
notify-problem-not-one-of = doit être l'une de : { $values }
notify-problem-bad-server = doit être HOST:PORT, par exemple smtp.example.org:465
notify-problem-plain-not-loopback = security = "plain" envoie le courriel en clair : ce n'est accepté que vers une adresse de bouclage (127.0.0.1, ::1) ; utilisez "tls" ou "starttls"
notify-problem-bad-address = pas une adresse de courriel : { $value }
notify-problem-bad-principal = pas un nom de principal (minuscules, chiffres, - _ .)
notify-problem-unknown-kind = pas un type d'événement que le notificateur connaît ({ $values })
notify-problem-empty-command = la commande est vide : donnez d'abord le chemin absolu du programme
notify-problem-relative-command = le programme doit être donné par son chemin absolu (par exemple /usr/local/bin/page-sg) ; aucun shell ne le lance
notify-problem-too-many-arguments = trop d'arguments (au plus { $max })
notify-problem-bad-duration = pas une durée comme 10s ou 2m
notify-problem-timeout-too-long = trop long : au plus { $max }
notify-problem-out-of-range = hors des bornes : entre { $min } et { $max }
notify-problem-bad-text = les caractères de contrôle ou invisibles ne sont pas acceptés
notify-problem-too-long = trop long (au plus { $max } caractères)
notify-problem-credentials-reachable = { $path } est accessible à d'autres utilisateurs ({ $reach }) ; lancez : { $fix }
notify-problem-credentials-unreadable = le fichier d'identifiants SMTP est illisible ({ $detail })
notify-problem-credentials-format = le fichier d'identifiants doit contenir le nom d'utilisateur SMTP sur sa première ligne et le mot de passe sur la deuxième
notify-state-reachable = { $path } est accessible à d'autres utilisateurs ({ $reach }) ; lancez : { $fix }
notify-state-damaged = { $path } : pas un fichier d'état du notificateur ({ $detail }) ; déplacez-le pour recommencer au premier événement du coffre
notify-not-enrolled = { $path } : cette identité n'est pas encore inscrite (vault-cli identity install)
notify-check-ok = { $config } : utilisable (identité { $name }, identifiants SMTP, dossier d'état ; dernier événement traité : { $cursor }). Rien n'a été envoyé.

## vaultd notify: the mails (each mail holds the French text, then the English one)

notify-language-name = Français
notify-subject-request-created = Demande d'accès { $id } de { $requester }
notify-subject-request-overdue = Demande { $id } de { $requester } toujours en attente
notify-subject-request-approved = Votre demande { $id } est approuvée
notify-subject-request-denied = Votre demande { $id } est refusée
notify-subject-grant-revoked = Votre autorisation { $id } est révoquée
notify-subject-rotation-recommended = Un mot de passe est à changer
notify-subject-rotation-staged-stale = Une rotation préparée par { $requester } attend sa confirmation
notify-body-staged-stale-full = { $requester } a préparé un nouveau mot de passe (ou une nouvelle graine 2FA) pour { $accounts } le { $created } ; il n'est toujours ni confirmé ni abandonné.
notify-body-staged-stale-minimal = { $requester } a préparé un nouveau mot de passe (ou une nouvelle graine 2FA) le { $created } ; il n'est toujours ni confirmé ni abandonné. vault-cli account show COMPTE indique s'il y en a un en attente.
notify-body-staged-stale-next = Si la plateforme l'a :  vault-cli secret rotate { $account } --confirm   Sinon :  vault-cli secret rotate { $account } --abort   D'ici là, la personne qui l'a préparé le retrouve avec :  vault-cli credential get { $account } --field password-staged
notify-subject-rotation-due = Un mot de passe est dû pour rotation
notify-body-created-full =
    { $requester } demande l'accès à { $accounts } pour { $duration } (art. 3).
    Demande { $id }, faite le { $created }.
notify-body-created-minimal =
    { $requester } demande un accès selon l'art. 3.
    Demande { $id }, faite le { $created }.
notify-body-overdue-full =
    La demande { $id } de { $requester } ({ $accounts }, pour { $duration }) attend toujours votre décision.
    Elle a été faite le { $created }.
notify-body-overdue-minimal =
    La demande { $id } de { $requester } attend toujours votre décision.
    Elle a été faite le { $created }.
notify-body-purpose = Motif donné : « { $purpose } »
notify-body-decide =
    Pour l'approuver :  vault-cli grant approve { $id }
    Pour la refuser :   vault-cli grant deny { $id } --reason "..."
    Ou dans votre console :  vault-cli authority console
notify-body-console-hint = Pour ouvrir votre console : { $hint }
notify-body-approved-full = Votre demande { $id } pour { $accounts } a été approuvée par { $by } le { $at }.
notify-body-approved-minimal = Votre demande { $id } a été approuvée par { $by } le { $at }.
notify-body-window = Valide du { $from } au { $until } ; utilisations permises : { $uses }.
notify-body-uses-unlimited = illimitées
notify-body-approved-awaiting = Elle attend encore une deuxième signature (ce compte en exige deux) : le coffre ne remet rien avant. Où elle en est :  vault-cli grant show { $grant }
notify-body-get = Pour obtenir le mot de passe :  vault-cli credential get { $account }
notify-body-account-word = COMPTE
notify-body-denied = Votre demande { $id } a été refusée par { $by } le { $at }.
notify-body-reason = Motif donné : « { $reason } »
notify-body-ask-again = Vos demandes et leurs décisions :  vault-cli grant list --mine
notify-body-revoked-full = Votre autorisation { $id } pour { $accounts } a été révoquée par { $by } : le coffre ne remet plus rien en vertu de celle-ci.
notify-body-revoked-minimal = Votre autorisation { $id } a été révoquée par { $by } : le coffre ne remet plus rien en vertu de celle-ci.
notify-subject-grant-awaiting = L'autorisation { $id } attend une deuxième signature (signée par { $by })
notify-body-awaiting-full =
    { $by } a signé le { $at } l'autorisation { $id } pour { $requester } sur { $accounts }, valide du { $from } au { $until }.
    Ce compte exige deux signatures : elle ne permet de rien obtenir tant qu'une deuxième personne autorisée à signer ne l'a pas signée.
notify-body-awaiting-minimal =
    { $by } a signé le { $at } l'autorisation { $id } pour { $requester }, valide du { $from } au { $until }.
    Un compte qu'elle nomme exige deux signatures : elle ne permet de rien obtenir tant qu'une deuxième personne autorisée à signer ne l'a pas signée.
notify-body-awaiting-cosign =
    Pour la relire :              vault-cli grant show { $id }
    Pour y ajouter votre signature :  vault-cli grant cosign { $id }
    Ou dans votre console :  vault-cli authority console
    { $by } ne peut pas la signer une deuxième fois.
notify-body-rotation-full = Le mot de passe de { $accounts } devrait être changé : { $why }.
notify-body-rotation-minimal = Un mot de passe devrait être changé : { $why }. vault-cli account list montre quels comptes.
notify-body-set-secret = Une fois changé sur la plateforme :  vault-cli secret set { $account } --password-stdin --reason "..."
notify-body-rotation-due-full = Le mot de passe de { $accounts } est à changer depuis le { $since } : il a été enregistré le { $set } et les mots de passe de ce compte se changent tous les { $age }.
notify-body-rotation-due-minimal = Un mot de passe est à changer depuis le { $since } (enregistré le { $set }, à changer tous les { $age }). vault-cli account list montre quel compte.
notify-why-grant-ended = une autorisation en vertu de laquelle il a été remis a pris fin
notify-why-holder-disabled = une personne qui l'a reçu a été désactivée
notify-why-authority-rotated = la clé de signature de la Secrétaire générale a changé
notify-body-footer = Envoyé par le notificateur du coffre (vaultd notify), événement { $seq }. Aucun mot de passe, code ni autre secret n'est jamais envoyé par courriel.
notify-subject-delegation-digest = { $delegate } a décidé { $count } fois en votre nom
notify-body-digest-intro = { $delegate }, par intérim sous la délégation { $delegation }, a pris { $count } décision(s) depuis le dernier sommaire :
notify-body-digest-line-full = { $at } : { $by } a { $what } pour { $requester } sur { $accounts } ({ $id })
notify-body-digest-line-minimal = { $at } : { $by } a { $what } pour { $requester } ({ $id })
notify-body-digest-purpose = motif : « { $purpose } »
notify-body-digest-reason = raison : « { $reason } »
notify-digest-approve = approuvé une demande
notify-digest-deny = refusé une demande
notify-digest-issue = délivré une autorisation
notify-digest-revoke = révoqué une autorisation
notify-digest-cosign = ajouté la deuxième signature à une autorisation
notify-body-digest-end = Vos délégations :  vault-cli authority delegation list   Pour mettre fin à celle-ci :  vault-cli authority delegation revoke { $delegation } --reason "..." [--end-grants]
notify-body-digest-footer = Envoyé par le notificateur du coffre (vaultd notify), un sommaire par délégation au plus tous les { $every } ; événements { $seqs }. Aucun mot de passe, code ni autre secret n'est jamais envoyé par courriel.

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
dev-absence-section = absence de la Secrétaire générale : une autorité par intérim, et deux signatures pour un compte
dev-notify-section = avis par courriel : un serveur SMTP local qui affiche ce qu'il reçoit, puis le notificateur (vaultd notify)
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
label-reason-same-signer = deuxième signature de la même clé ou de la même personne : elle doit venir d'une autre clé
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
label-reason-delegation-expired = délégation terminée
label-reason-outside-delegation = hors délégation
label-reason-second-signature-missing = en attente d'une deuxième signature
label-reason-not-delegated = aucune délégation
label-reason-unknown-grant = autorisation inconnue
label-reason-unknown-request = demande inconnue
label-reason-ambiguous-id = identifiant ambigu
label-reason-duplicate-grant = autorisation déjà enregistrée
label-reason-already-decided = demande déjà tranchée
label-reason-already-revoked = déjà révoquée
label-reason-rotation-staged = rotation déjà en attente
label-reason-staged-by-another = préparée par une autre personne
label-reason-no-authority-key = aucune clé de la SG
label-reason-not-signing-key = pas la clé de signature
label-reason-busy = coffre occupé
label-reason-bad-certificate = certificat refusé à la connexion
label-reason-access-ended = accès terminé
label-outcome-allowed = accepté
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
label-action-account-set = modifier les réglages d'un compte
label-action-account-list = lister les comptes
label-action-account-show = afficher un compte
label-action-secret-set = enregistrer un secret
label-action-secret-history = historique d'un secret
label-action-secret-rotate = rotation préparée
label-action-secret-rotate-confirm = rotation confirmée
label-action-secret-rotate-abort = rotation abandonnée
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
label-action-authority-delegate = déléguer à une autorité intérimaire
label-action-authority-delegation-revoke = révoquer une délégation
label-action-authority-delegation-list = délégations
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
label-action-events-follow = suivre les événements du coffre
label-action-notification-record = consigner une notification
label-action-notification-sent = notification envoyée
label-action-notification-failed = notification en échec
label-action-notification-skipped = notification omise
label-action-request-overdue = demande toujours en attente (rappel)
label-action-rotation-recommended = changement de mot de passe recommandé
label-action-rotation-staged-stale = nouveau mot de passe en attente de confirmation depuis trop longtemps
label-action-rotation-due = mot de passe à changer (âge)
label-action-account-approvals = fixer le nombre de signatures exigé pour un compte
label-action-grant-cosign = ajouter une deuxième signature à une autorisation
label-action-grant-get = consulter une autorisation

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
help-notify = Faire tourner le notificateur : suivre les événements du coffre (identité au rôle notifier) et écrire aux personnes concernées, chaque résultat consigné au journal du coffre
help-notify--config = Fichier de configuration (voir deploy/vaultd-notify.toml)
help-notify--smtp_server = Serveur SMTP, HOST:PORT, à la place de smtp.server de la configuration
help-notify--check = Vérifier la configuration, l'identité, le fichier d'identifiants SMTP et le dossier d'état, le dire, puis s'arrêter sans suivre le coffre (rien n'est envoyé)
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

## Les erreurs d'utilisation de clap (i18n/usage_errors.rs)
clap-error-prefix = erreur :{" "}
clap-error-quoted = « { $text } »
clap-error-colon = {" "}:
clap-error-once = l'argument « { $arg } » ne peut être donné qu'une fois
clap-error-conflict = l'argument « { $arg } » ne peut pas être utilisé avec
clap-error-subcommand-conflict = la sous-commande « { $subcommand } » ne peut pas être utilisée avec
clap-error-conflict-others = un ou plusieurs des autres arguments donnés
clap-error-no-equals = un signe égal est nécessaire pour donner une valeur à « { $arg } »
clap-error-value-missing = « { $arg } » demande une valeur, mais aucune n'a été donnée
clap-error-invalid-value = valeur « { $value } » invalide pour « { $arg } »
clap-error-because = { $head } : { $cause }
clap-error-possible-values = valeurs possibles :
clap-error-unknown-subcommand = sous-commande inconnue : « { $subcommand } »
clap-error-missing-arguments = ces arguments obligatoires manquent :
clap-error-missing-subcommand = « { $command } » demande une sous-commande, mais aucune n'a été donnée
clap-error-subcommands = sous-commandes :
clap-error-too-many-values = valeur « { $value } » inattendue pour « { $arg } » : aucune autre n'était attendue
clap-error-too-few-values = « { $arg } » demande { $expected } valeurs ; seulement { $given } données
clap-error-wrong-number-of-values = « { $arg } » demande { $expected } valeurs, mais { $given } ont été données
clap-error-unexpected-argument = argument inattendu : « { $arg } »
clap-error-not-utf8 = un ou plusieurs arguments ne sont pas de l'UTF-8 valide
clap-error-other = la ligne de commande n'a pas pu être lue
clap-error-similar-subcommand = conseil : une sous-commande semblable existe : { $similar }
clap-error-similar-subcommands = conseil : des sous-commandes semblables existent : { $similar }
clap-error-similar-argument = conseil : un argument semblable existe : { $similar }
clap-error-similar-arguments = conseil : des arguments semblables existent : { $similar }
clap-error-similar-value = conseil : une valeur semblable existe : { $similar }
clap-error-similar-values = conseil : des valeurs semblables existent : { $similar }
clap-error-tip = conseil :
clap-error-try-help = Pour en savoir plus, essayez « { $flag } ».
clap-error-not-a-number = ce n'est pas un nombre entier
clap-error-number-too-large = nombre trop grand
clap-error-empty-number = aucun nombre n'a été donné

## Les erreurs du système (i18n/os_errors.rs)
os-error-not-found = fichier ou dossier introuvable
os-error-permission-denied = permission refusée
os-error-already-exists = le fichier existe déjà
os-error-is-a-directory = c'est un dossier
os-error-not-a-directory = ce n'est pas un dossier
os-error-storage-full = plus d'espace sur le disque
os-error-read-only = système de fichiers en lecture seule
os-error-broken-pipe = le lecteur de la sortie est parti (tube rompu)
os-error-timed-out = délai dépassé
os-error-connection-refused = connexion refusée
os-error-unexpected-eof = fin de fichier inattendue
os-error-number = { $words } (erreur système { $number })

## Rôles et champs, tels que tableaux et phrases les nomment (les codes restent en --json)
label-role-operator = opérateur
label-role-admin = administrateur
label-role-authority = autorité
label-role-auditor = vérificateur
label-role-backup = sauvegarde
label-role-notifier = notificateur
label-field-account = compte
label-field-accounts = comptes
label-field-purpose = objet
label-field-reason = motif
label-field-login = identifiant de connexion
label-field-note = note
label-field-url = adresse
label-field-change-url = page de changement du mot de passe
label-field-max-age = âge maximal du mot de passe
label-field-password = mot de passe
label-field-totp-seed = graine 2FA
label-field-totp = code 2FA
label-field-password-staged = nouveau mot de passe (en attente)
label-field-totp-staged = code 2FA de la nouvelle graine (en attente)
label-field-platform = plateforme
label-field-role = rôle
label-field-principal = titulaire
label-field-name = nom
label-field-duration = durée
label-field-max-uses = nombre maximal de remises
label-field-not-after = fin de la période
label-field-grantee = bénéficiaire
label-field-csr = demande de certificat
label-field-public-key = clé publique
label-field-id = identifiant
label-field-length = longueur
label-field-field = champ

## Man pages: the words clap_mangen writes in English (section headers, defaults)
man-section-name = NOM
man-section-synopsis = SYNOPSIS
man-section-description = DESCRIPTION
man-section-options = OPTIONS
man-section-arguments = ARGUMENTS
man-section-commands = COMMANDES
man-section-version = VERSION
man-default = par défaut :
man-possible-values = Valeurs possibles :

## Le détail d'une entrée du journal dans le rapport de revue (le journal garde ses mots)
detail-identity-file = fichier d'identité
detail-passphrase = phrase de passe
detail-escrow-key = clé de séquestre { $recipient }
detail-witness-size = témoin { $witness } ; taille { $size }
detail-backup = taille { $size } octets ; SHA-256 { $sha256 } ; { $count } destinataire(s) age
detail-restore = depuis une sauvegarde de SHA-256 { $sha256 } ; journal de { $size } entrées vérifié ; { $origin }
detail-restore-signed = signée par la clé d'audit attendue
detail-restore-unchecked = origine NON vérifiée (--accept-unknown-origin)
detail-fact = { $key } : { $value }
detail-separator = {" "};{" "}
label-field-roles = rôle(s)
label-field-for = durée
label-field-request = demande
label-field-requester = demandeur
label-field-from = début
label-field-until = fin
label-field-key = clé
label-field-statement = déclaration signée
label-field-delegate = autorité par intérim
label-field-delegate-key = clé de l'autorité par intérim
label-field-approvals = signatures exigées
label-field-signed = signée le
label-field-delegation = identifiant de délégation
label-field-event = événement
label-field-made = faite le
label-field-fields = champs
label-field-after = après
## Unités des durées dans les tableaux et rapports
unit-days = j
unit-hours = h
unit-minutes = min
unit-seconds = s
