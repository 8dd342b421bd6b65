# Les mots de vault-cli en français. Chaque id existe dans chaque langue.
# Les { $nom } sont remplis par le code ; {"{"} et {" "} écrivent une accolade ou une espace littérale.

## Messages

error-prefix = vault-cli : erreur :{" "}
no-identity = aucune identité : donnez --identity FICHIER ou VAULT_CLI_IDENTITY (vaultd dev en écrit une par rôle)
identity-unreadable = identité illisible : { $detail }
ask-identity-passphrase = Phrase de passe de { $path } :{" "}
ask-new-passphrase = Nouvelle phrase de passe pour l'identité :{" "}
no-passphrase-given = aucune phrase de passe saisie (sans terminal, donnez le fichier qui la contient)
passphrase-file-missing = { $path } : ce fichier de phrase de passe n'existe pas (rien n'a été tenté)
passphrase-file-permissions = { $path } est lisible par d'autres utilisateurs ({ $reach }) ; faites : { $fix }
passphrase-file-empty = { $path } : la première ligne est vide
ask-current-unseal-passphrase = Phrase de passe de descellement actuelle (Entrée s'il n'y en a pas) :{" "}
ask-new-unseal-passphrase = Nouvelle phrase de passe de descellement :{" "}
wrap-unseal-key = clé de descellement
wrap-passphrase = phrase de passe
wrap-escrow = séquestre
key-change-proposed = Changement { $id } proposé : { $action } { $recipient }. Il ne prend effet qu'une fois approuvé par la Secrétaire générale : vault-cli keys approve { $id } (d'ici là, rien ne change ; sans approbation, il expire dans 7 jours).
escrow-removed = Destinataire de séquestre retiré. Les sauvegardes déjà faites et les copies antérieures de la base s'ouvrent encore avec sa clé : faites un changement de clé de données (vaultd rekey) si vous ne lui faites plus confiance.
unseal-key-proposed = Nouvelle clé de descellement écrite dans { $path } (destinataire { $recipient }). Le changement { $id } attend l'approbation de la Secrétaire générale (vault-cli keys approve { $id }) ; d'ici là, le coffre garde sa clé actuelle. Une fois approuvé, remplacez la clé là où le démon la lit (LoadCredential, --unseal-identity).
key-change-approved = Changement { $id } approuvé et en vigueur : { $action } { $recipient } (proposé par { $by }).
wait-waiting = En attente de la décision de la Secrétaire générale sur la demande { $id } (au plus { $timeout }) ; Ctrl-C pour cesser d'attendre (la demande reste en attente).
export-incomplete = le coffre a terminé l'export avant son point de contrôle (après { $count } entrées) : l'export est incomplet et a été retiré ; relancez-le
wait-ended = le coffre a cessé de répondre sur la demande { $id } avant sa décision ; relancez : vault-cli grant wait { $id }
wait-approved = Demande { $id } approuvée par { $by } : autorisation { $grant }, du { $from } au { $until }, utilisations : { $uses }. Essayez : vault-cli credential get COMPTE
wait-denied = demande { $id } refusée par { $by } : { $reason }
wait-timed-out = la demande { $id } attend toujours une décision ; le délai d'attente est écoulé (elle reste en attente : vault-cli grant wait { $id })
wait-unlimited = sans limite
key-change-to-approve = Vous approuvez : { $action } { $recipient }, proposé par { $by } le { $at }, pour le coffre { $vault }. Quiconque détient cette clé peut lire tous les secrets des sauvegardes.
no-key-change = aucun changement de clé en attente ne commence par { $prefix } (voir vault-cli keys pending)
ambiguous-key-change = plusieurs changements de clé en attente commencent par { $prefix } ; donnez plus de chiffres
custody-escrow-add = ajouter le séquestre
custody-unseal-replace = remplacer la clé de descellement par
unseal-key-kept = vault-cli : la réponse du coffre s'est perdue ; il a peut-être enregistré la proposition. { $path } est conservé : vérifiez avec « vault-cli keys pending » si le destinataire { $recipient } y figure avant de supprimer quoi que ce soit.
renewed-elsewhere = vault-cli : le coffre a émis le nouveau certificat mais { $path } n'a pu être réécrit ({ $detail }) ; l'identité renouvelée est dans { $fallback } : remplacez-en l'ancienne.
tls-exported =
    Fichiers TLS écrits dans { $dir } (key.pem en mode 0600 : c'est votre clé privée, effacez-la après usage). Avec grpcurl :
      grpcurl -cacert { $dir }/ca.pem -cert { $dir }/cert.pem -key { $dir }/key.pem -servername { $name } { $host } list
      grpcurl -cacert { $dir }/ca.pem -cert { $dir }/cert.pem -key { $dir }/key.pem -servername { $name } { $host } vault.v1.System/WhoAmI
witness-created = Clé de témoin écrite dans { $path } (mode 0600 ; gardez-la hors du serveur). Sa clé de vérification, sur la sortie standard, est pour le coffre (vault-cli audit witness add) et pour qui vérifie (--witness).
witness-bad-name = { $name } : un nom de témoin ne contient ni espace ni « + »
witness-bad-key = { $path } : ce n'est pas une clé lisible
witness-state-from-record = { $dir }/checkpoint est absent ou endommagé : ce que cette clé a cosigné en dernier est lu dans { $record }, gardé à côté de la clé.
witness-history-unknown = REFUSÉ : ce témoin ne peut pas savoir ce que sa clé a cosigné avant : { $record } (à côté de la clé) et { $dir }/checkpoint sont absents ou endommagés. Remettez-les depuis une copie ; ou, en acceptant qu'un retour en arrière du journal fait avant maintenant passerait inaperçu, repartez de zéro avec --reset. Rien n'a été cosigné ni écrit.
witness-reset = --reset : ce que cette clé a cosigné avant est perdu ; le journal tel qu'il est servi maintenant est cosigné comme pour la première fois. Un retour en arrière du journal fait avant maintenant ne peut pas être remarqué.
witness-added = Témoin { $name } inscrit : le coffre garde désormais ses cosignatures (seulement celles que sa clé vérifie).
witness-removed = Témoin { $name } retiré : le coffre ne garde plus ses cosignatures et a supprimé celle qu'il gardait.
witness-none-listed = Aucun témoin inscrit : le coffre ne garde aucune cosignature. Pour en ajouter un : vault-cli audit witness add CLÉ_DE_VÉRIFICATION
witness-not-listed = le coffre ne connaît pas la clé de ce témoin, il ne garderait donc pas sa cosignature ; rien n'a été cosigné. Le vérificateur ou l'autorité l'inscrit avec : vault-cli audit witness add { $verifier }
witness-other-key = le journal est signé par une autre clé que celle épinglée à la première cosignature ({ $served } au lieu de { $pinned }) : rien n'a été cosigné
witness-bad-checkpoint = le point de contrôle servi ne se vérifie pas avec la clé du journal : rien n'a été cosigné
witness-not-extending = REFUSÉ : le journal ne prolonge pas celui déjà cosigné (taille { $old_size }, racine { $old_root }) ; il sert la taille { $new_size }, racine { $new_root }. Fourche, retour en arrière (restauration) ou réécriture : rien n'a été cosigné ni écrit.
witness-cosigned = Point de contrôle de taille { $size } (racine { $root }) cosigné ; il prolonge la taille { $from } cosignée avant. Enregistré dans { $dir }/checkpoint.
witness-cosigned-first = Point de contrôle de taille { $size } (racine { $root }) cosigné, le premier que cette clé cosigne. Enregistré dans { $dir }/checkpoint.
witness-vouched = Témoin { $name } : a cosigné ce journal jusqu'à la taille { $size } ({ $at }) ; l'export le prolonge.
witness-not-vouched = REFUSÉ : aucune cosignature valide du témoin { $name } sur le point de contrôle de l'export ni sur un point antérieur qu'il prolonge
man-written = { $count } pages de manuel écrites dans { $dir } (anglais : man1, français : fr/man1).
passphrase-changed = Phrase de passe de descellement changée.
ask-again = Encore une fois :{" "}
passphrase-mismatch = les deux saisies diffèrent ou sont vides ; rien n'a été écrit
ask-unseal-passphrase = Phrase de passe de descellement :{" "}
certificate-revoked = le coffre refuse votre certificat : votre identité y est désactivée ; adressez-vous à un opérateur
closed-early = le coffre a fermé la connexion sans répondre : votre identité y est peut-être désactivée ou votre certificat refusé ; adressez-vous à un opérateur
cannot-reach =
    impossible de joindre le coffre : { $detail }
    Vérifiez que vaultd tourne, l'adresse de l'identité, que votre certificat vient de ce coffre et que votre identité n'y est pas désactivée.
server-error = le coffre a refusé ({ $code }) : { $detail }
more-entries = d'autres entrées suivent : continuez avec --after { $seq }
read-failed = lecture de { $path } impossible : { $detail }
write-failed = écriture de { $path } impossible : { $detail }
stdin-failed = lecture de l'entrée standard impossible : { $detail }
stdin-needs-two-lines = avec --password-stdin et --totp-seed-stdin, l'entrée standard donne le mot de passe sur la 1re ligne et le germe TOTP sur la 2e
nothing-to-set = rien à enregistrer : donnez --password-stdin, --generate ou --totp-seed-stdin
not-an-enrollment = { $path } n'est pas un fichier d'inscription vaultd
enrollment-mismatch = l'inscription est pour { $enrolled }, l'identité pour { $identity } ; rien n'a été modifié
enrollment-key-mismatch = le certificat de l'inscription ne correspond pas à la clé de cette identité ; rien n'a été modifié
identity-created =
    Identité { $name } créée : { $path }
    Demande de certificat : { $request }
    Étape suivante : remettez { $request } à un opérateur, qui lance :
      vault-cli principal enroll { $request } --role RÔLE --out { $name }.enrollment
    puis installez ce qu'il vous rend :
      vault-cli identity install { $name }.enrollment --identity { $path }
identity-installed = Identité { $name } prête : { $server }. Essayez : vault-cli --identity { $path } whoami
enrolled =
    Titulaire { $name } inscrit, rôles : { $roles }.
    Inscription écrite dans { $path } : remettez-la à { $name } (elle ne contient aucun secret).
principal-disabled = Titulaire { $name } désactivé ; son prochain appel sera refusé.
principal-roles = Rôles de { $name } : { $roles }
account-added = Compte { $id } ajouté.
account-archived = Compte { $id } archivé.
secret-set = Version { $version } de { $id } enregistrée{ $generated }. Les versions précédentes sont conservées.
secret-generated = {" "}(mot de passe généré dans le coffre, jamais affiché)
no-versions = Aucune version pour { $id }.
rotation-staged = Nouveau mot de passe préparé pour { $id } (étape 1 de 2). Tant que vous ne confirmez pas, le coffre remet toujours l'actuel.
rotation-staged-totp = Nouveau germe TOTP préparé pour { $id } (étape 1 de 2). Tant que vous ne confirmez pas, le coffre donne toujours les codes de l'actuel.
rotation-current = Mot de passe actuel
rotation-new = Nouveau mot de passe
rotation-page = Changez-le ici
rotation-next = Quand la plateforme l'a accepté : vault-cli secret rotate { $id } --confirm
    Si vous ne l'avez pas changé : vault-cli secret rotate { $id } --abort
rotation-confirmed = Rotation de { $id } confirmée : la version { $version } est maintenant en vigueur (la précédente reste dans l'historique).
rotation-aborted = Rotation de { $id } abandonnée : le mot de passe préparé par { $by } le { $at } est écarté ; l'actuel ne change pas.
sealed-now = Coffre scellé : rien n'est remis avant le prochain descellement.
already-sealed = Le coffre était déjà scellé.
backup-written =
    Sauvegarde écrite : { $path } ({ $size } octets, SHA-256 { $sha256 }), chiffrée avec age pour { $count } destinataire(s).
    L'action est au journal d'audit (vault.backup) avec cette taille et cette empreinte.
    Pour l'ouvrir : age -d -i CLÉ_DE_DESCELLEMENT { $path } > vault.db
    Pour restaurer (démon arrêté) : vaultd restore --from { $path } --data-dir NOUVEAU_DOSSIER --unseal-identity CLÉ --audit-key CLÉ_DU_JOURNAL (vault-cli audit key, conservée ailleurs)
backup-exists = { $path } existe déjà : choisissez un autre fichier (rien n'a été écrit)
backup-truncated = la sauvegarde reçue ne correspond pas à ce que le coffre a annoncé ({ $detail }) ; rien n'a été gardé
unsealed-now = Coffre descellé.
already-unsealed = Le coffre était déjà descellé.
status =
    État : { $state }
    Version : { $version } (schéma { $schema })
    Comptes : { $accounts } actifs, { $archived } archivés
    Titulaires : { $principals }
    Versions de secrets : { $versions }

## States shown in lists

state-active = active
state-expired = expirée
state-not-yet-valid = pas encore valide
state-revoked = révoquée
state-exhausted = épuisée
state-superseded = caduque (clé de signature remplacée)
state-grantee-disabled = terminée (bénéficiaire désactivé)
state-pending = en attente
state-approved = approuvée
state-denied = refusée
state-sealed = scellé
state-unsealed = descellé

## Messages

whoami =
    { $name } (rôles : { $roles })
    Certificat valide jusqu'au { $expires }
expired = expiré
days-left = encore { $days } j
renew-soon = vault-cli : attention : le certificat de { $path } expire le { $expires } ({ $left }) ; renouvelez-le : vault-cli --identity { $path } identity renew
principal-enabled = Titulaire { $name } réactivé : son certificat fonctionne de nouveau.
renewed = Certificat renouvelé pour { $name }, valide jusqu'au { $expires } ({ $key }). L'ancien ne fonctionne plus. Identité mise à jour : { $path }
same-key = même clé
new-key = nouvelle clé
request-created = Demande { $id } transmise à la Secrétaire générale pour { $accounts }.
request-denied = Demande { $id } refusée.
grant-registered = Autorisation { $id } signée et enregistrée : { $grantee } pour { $accounts }, jusqu'au { $until }{ $self_grant }.
self-grant = {" "}(autorisation à soi-même : le rapport de revue la signale)
grant-revoked = Autorisation { $id } révoquée ; elle ne sert plus dès maintenant.
need-duration = la demande ne précise pas de durée : donnez --for DURÉE ou --until DATE
expected-duration = une durée est attendue : un nombre et son unité, p. ex. 30d, 8h, 15m, 90s ou 2w
expected-time-or-date = une date et une heure sont attendues (RFC 3339, p. ex. 2026-12-04T09:00:00-05:00), ou une date (2026-12-04, dès minuit)
expected-time-zone = un fuseau horaire est attendu, par son nom IANA, p. ex. America/Montreal ou UTC
no-signing-key = cette identité n'a pas de clé de signature des autorisations (vault-cli identity new --signing)
credential-meta = { $account } : { $field }{ $version } remis sous l'autorisation { $grant } (valide jusqu'au { $until }){ $totp }
totp-valid-for = {" "}; code valide encore { $secs } s
login-line = Identifiant : { $login }
password-line = Mot de passe : { $password }
password-line-clipped = Mot de passe : dans le presse-papiers
totp-line = Code 2FA : { $code } (valide encore { $secs } s)
totp-line-no-seed = Code 2FA : aucun, le coffre ne garde pas de germe 2FA pour ce compte (demandez à un opérateur de l'ajouter : vault-cli secret set COMPTE --totp-seed-stdin)
clip-no-display = --clip : aucun affichage ici pour tenir un presse-papiers (ni DISPLAY ni WAYLAND_DISPLAY n'est défini) ; rien n'a été demandé au coffre et aucune utilisation de votre autorisation n'a été comptée. Lancez la commande dans votre session graphique, ou sans --clip.
clip-failed = --clip : le presse-papiers est inutilisable ({ $detail }) ; le mot de passe n'est pas affiché. Lancez la commande dans votre session graphique, ou sans --clip.
clip-copied = Copié dans le presse-papiers ; effacé dans { $secs } s (Ctrl-C l'efface tout de suite).
clip-cleared = Presse-papiers effacé.
clip-replaced = Le presse-papiers contient autre chose maintenant : laissé tel quel.
no-grants = Aucune autorisation.
no-requests = Aucune demande en attente.
rotation-recommended = changement recommandé
staged-password = nouveau mot de passe préparé par { $by }, le { $at }
staged-totp = nouvelle graine 2FA préparée par { $by }, le { $at }
staged-stale = en attente depuis trop longtemps : confirmez-la ou abandonnez-la (vault-cli secret rotate { $account } --confirm | --abort)
authority-key = Clé de la Secrétaire générale : { $id }, numéro { $sequence } (épinglée le { $at } par { $by })
authority-rotation-ended = { $count } autorisation(s) en cours prennent fin avec cette rotation (signées par la clé remplacée) ; émettez-en de nouvelles si l'accès doit continuer :
authority-rotation-ended-none = Aucune autorisation en cours ne prend fin avec cette rotation.
signing-key-created =
    Clé de signature des autorisations : { $id }
    Clé publique à faire épingler par le coffre : { $public }
audit-exported = { $count } entrées exportées dans { $dir } (entries.jsonl, checkpoint). Vérifiez hors ligne : vault-cli audit verify { $dir } --key CLÉ
audit-verified = OK : { $count } entrées, racine { $root }, point de contrôle signé par { $origin }{ $since }
audit-extends = {" "}; prolonge le point de contrôle antérieur de { $size } entrées
audit-verify-failed = vérification ÉCHOUÉE : { $detail }
proof-verified = OK : l'entrée { $index } est incluse dans le journal de { $size } entrées signé par { $origin }
proof-written = Preuve écrite dans { $path }, entrée dans { $entry }
bad-verifier-key = clé de vérification non valide : { $detail }
dir-not-empty = { $path } existe et n'est pas vide ; choisissez un dossier neuf
identity-permissions = { $path } est lisible par d'autres utilisateurs ({ $reach }) ; faites : { $fix }
identity-format = { $path } n'est pas un fichier d'identité vaultd
identity-passphrase = phrase de passe incorrecte pour { $path }
file-exists = { $path } existe déjà ; rien n'a été écrit (--force pour remplacer)
encrypt-failed = le chiffrement a échoué : { $detail }
not-enrolled-yet = l'identité { $name } n'est pas encore inscrite (vault-cli identity install)
bad-address = adresse du coffre non valide : { $address }
server-not-https = { $address } n'a pas été contacté : seules les adresses https:// sont acceptées (le coffre ne parle que TLS, et une phrase de passe ou un mot de passe ne doit jamais traverser le réseau en clair) ; donnez l'adresse https:// du coffre
yes = oui
no = non

## Column headings

head-expires = EXPIRE LE
head-kind = MOYEN
head-change = CHANGEMENT
head-proposed-by = PROPOSÉ PAR
head-proposed-at = LE
head-recipient = DESTINATAIRE
head-since = DEPUIS
head-id = COMPTE
head-platform = PLATEFORME
head-login = IDENTIFIANT
head-version = VERSION
head-totp = 2FA
head-state = ÉTAT
head-name = NOM
head-verifier-key = CLÉ DE VÉRIFICATION
head-roles = RÔLES
head-created = CRÉÉ LE
head-by = PAR
head-reason = MOTIF
head-fields = CHAMPS
head-url = URL
head-note = NOTE
head-fingerprint = EMPREINTE
head-active = actif
head-archived = archivé
head-disabled = désactivé
head-enabled = actif
head-generated = généré
head-rotated = par rotation
head-staged = ROTATION
head-grant = AUTORISATION
head-seq = N°
head-time = HEURE
head-principal = TITULAIRE
head-action = ACTION
head-target = CIBLE
head-outcome = RÉSULTAT
head-request = DEMANDE
head-grantee = BÉNÉFICIAIRE
head-accounts = COMPTES
head-until = JUSQU'AU
head-uses = UTILISATIONS
head-purpose = OBJET
head-requester = DEMANDEUR
head-duration = DURÉE

## audit verify

verify-io = lecture de l'export impossible : { $detail }
verify-checkpoint = point de contrôle : { $detail }
verify-since = point de contrôle antérieur : { $detail }
verify-malformed = ligne { $line } : ce n'est pas une entrée du journal
verify-sequence = ligne { $line } : l'entrée porte le numéro { $found }, { $line } attendu (entrées réordonnées, en double ou manquantes)
verify-size = l'export contient { $found } entrées, le point de contrôle en couvre { $expected }
verify-root = la racine de Merkle des entrées ne correspond pas au point de contrôle : une entrée a été modifiée
verify-not-extending = l'export ne prolonge pas le point de contrôle antérieur (taille { $size }) : ses { $size } premières entrées diffèrent
verify-shrunk = le point de contrôle antérieur ({ $older } entrées) est plus grand que l'export ({ $newer })
verify-proof = preuve mal formée : { $detail }
verify-not-included = l'entrée n'est pas incluse à l'index { $index } sous le point de contrôle
verify-bad-key = clé de vérification mal formée
verify-note-malformed = note signée mal formée
verify-not-signed-by = la note ne porte aucune signature de { $name } (autre clé ou autre coffre)
verify-bad-signature = la signature de la note ne se vérifie pas
verify-bad-checkpoint = point de contrôle mal formé ({ $part })

## The agent (one passphrase per sitting) and the confirmation before signing
agent-started = Agent démarré : il garde { $name } ({ $path }) jusqu'au { $until } ; vos commandes qui utilisent ce fichier d'identité ne demandent plus sa phrase de passe. « vault-cli agent stop » l'efface plus tôt.
agent-status = L'agent garde { $name } ({ $path }) jusqu'au { $until } (processus { $pid }).
agent-none = Aucun agent ne garde { $path } (« vault-cli agent start » en démarre un).
agent-not-running = aucun agent ne garde { $path } (« vault-cli agent start » en démarre un)
agent-stopped = Agent arrêté : la clé qu'il gardait pour { $path } est effacée.
agent-already = un agent garde déjà { $path }, jusqu'au { $until } ; faites d'abord « vault-cli agent stop » pour en démarrer un autre
agent-plain-identity = { $path } n'est pas protégé par une phrase de passe : l'agent n'a rien à déverrouiller
agent-bad-ttl = --ttl : durée attendue, p. ex. 15m ou 2h, { $max } au plus (reçu : { $value })
agent-failed = l'agent n'a pas démarré : { $detail }
agent-dir-not-owned = { $path } appartient à un autre utilisateur (uid { $owner }) : l'agent n'y met pas son socket ; supprimez-le, ou définissez XDG_RUNTIME_DIR
agent-dir-reachable = { $path } est ouvert aux autres utilisateurs (mode { $mode }) ; faites : chmod 700 { $path }
agent-dir-not-dir = { $path } n'est pas un répertoire : l'agent n'y met pas son socket
agent-unreachable = le socket de l'agent { $path } ne répond pas comme prévu : { $detail }
agent-not-on-windows = l'agent n'est pas encore offert sous Windows : chaque commande demande la phrase de passe de l'identité
confirm-sign = Signer cette autorisation ? [o/N]{" "}
confirm-needs-yes = rien n'est signé : pas de terminal où confirmer ; ajoutez --yes pour signer sans question
confirm-declined = rien n'est signé (réponse : non)
approve-summary =
    Demande { $id } de { $requester }, en attente depuis { $age } :
      comptes :      { $accounts }
      objet :        { $purpose }
      autorisation : de maintenant au { $until } ({ $duration }), utilisations : { $uses }
issue-summary =
    Autorisation pour { $grantee }, signée avec la clé que garde l'agent :
      comptes :      { $accounts }
      objet :        { $purpose }
      autorisation : du { $from } au { $until }, utilisations : { $uses }
status-pending-one = Une demande attend votre décision, depuis { $age } (vault-cli grant pending).
status-pending-many = { $count } demandes attendent votre décision, la plus ancienne depuis { $age } (vault-cli grant pending).
status-none-pending = Aucune demande n'attend votre décision.
age-days = { $n } j
age-hours = { $n } h
age-minutes = { $n } min
age-seconds = { $n } s

## The review report

report-title = Rapport de revue du journal d'accès
report-vault = Coffre (origine du journal)
report-checkpoint = Point de contrôle vérifié
report-checkpoint-value = { $size } entrées, racine { $root }
report-witnesses = Témoins
report-witness-value = { $name } : a cosigné jusqu'à la taille { $size } ({ $at })
report-no-witness = aucun témoin exigé (--witness)
report-period = Période
report-period-start = début du journal
report-period-end = fin du journal
report-entries = Entrées
report-entries-value = { $count } dans la période, sur { $total } vérifiées
report-as-of = États (expirations, changements recommandés) au
report-generated = Produit le
report-times-in = Heures affichées
report-business-hours = Heures ouvrables
report-source = Source
report-source-offline = export vérifié hors ligne avec la clé fournie
report-source-online = journal lu en ligne et vérifié avec la clé que le coffre donne de lui-même ; pour une revue, vérifiez un export avec une clé conservée ailleurs : vault-cli audit report DOSSIER --key CLÉ
report-summary = Résumé
report-releases = Remises, par compte
report-timeline = Chronologie par compte
report-legend-release = remise
report-legend-grant = autorisation
report-legend-denial = refus
report-mark-releases = { $count } remise(s) vers { $time }
report-mark-denials = { $count } refus vers { $time }
report-grants = Autorisations et demandes
report-grants-issued = Autorisations délivrées
report-grants-approved = dont accordées sur demande
report-requests = Demandes d'autorisation faites
report-requests-denied = Demandes refusées
report-grants-revoked = Autorisations révoquées
report-grants-expired-unused = Autorisations expirées sans usage
report-self-grants = Autorisations à soi-même
report-grants-superseded = Autorisations devenues caduques (clé de la Secrétaire générale remplacée avant leur fin)
report-non-admin = Autorisations à un titulaire qui n'est pas administrateur
report-denials = Tentatives refusées
report-admin-events = Événements d'administration
report-rotation = Comptes dont le mot de passe devrait être changé
report-off-hours = Remises hors des heures ouvrables
report-releases-total = Remises
report-none = (aucun)
report-unknown = inconnu
report-more-rows = … et { $count } autres lignes : voir --format csv ou json
report-no-account-activity = aucune remise, autorisation ni refus dans la période
report-written = Rapport écrit dans { $path } ({ $format }).
report-bad-hours = { $detail } (heures ouvrables : JOURS HH:MM-HH:MM, p. ex. mon-fri 07:00-19:00 ; fuseau IANA, p. ex. America/Montreal)
report-key-needed = un rapport hors ligne vérifie l'export d'abord : donnez --key CLÉ (la clé de vérification conservée)
report-verifying = vérification
report-exporting = export

## Report columns

col-section = Section
col-seq = N°
col-time = Heure
col-account = Compte
col-principal = Titulaire
col-field = Champ
col-grant = Autorisation
col-purpose = Objet
col-grantee = Bénéficiaire
col-accounts = Comptes
col-from = Du
col-until = Au
col-issued-by = Signée par
col-request = Demande
col-uses = Remises
col-reason = Motif
col-by = Par
col-action = Action
col-target = Cible
col-detail = Détail
col-since = Depuis
col-version = Version du mot de passe
col-roles = Rôles du bénéficiaire

## vault-cli --help (English help is the commands' doc comments in vault-cli/src)
## help = the program, help-COMMAND-SUBCOMMAND, help-COMMAND-SUBCOMMAND--ARGUMENT_ID

help = Client du coffre d'identifiants vaultd, pour tous les rôles
help-identity = Votre clé et votre fichier d'identité
help-identity-new = Créer une clé, un fichier d'identité et une demande de certificat pour l'opérateur
help-identity-install = Ajouter à l'identité (--identity) l'inscription rendue par l'opérateur (le fichier garde sa phrase de passe)
help-identity-renew = Obtenir un nouveau certificat pour l'identité --identity avant qu'il expire (même clé, ou nouvelle avec --new-key) ; le fichier est mis à jour, même phrase de passe
help-identity-export-tls = Écrire les fichiers TLS de l'identité pour les outils gRPC standard (grpcurl, grpcui) : ca.pem, cert.pem et key.pem (mode 0600) dans un nouveau dossier
help-identity-show = Ce que contient le fichier d'identité (jamais la clé)
help-principal = Inscrire et gérer les titulaires d'identité : personnes et services (opérateur)
help-principal-enroll = Inscrire la personne ou le service dont voici la demande de certificat
help-principal-list = Lister les titulaires
help-principal-disable = Désactiver un titulaire : son prochain appel est refusé
help-principal-enable = Réactiver un titulaire désactivé
help-principal-roles = Remplacer les rôles d'un titulaire
help-account = Métadonnées des comptes officiels
help-account-add = Ajouter un compte (opérateur)
help-account-list = Lister les comptes
help-account-show = Afficher les métadonnées d'un compte
help-account-archive = Archiver un compte : plus rien n'est remis pour lui (opérateur)
help-secret = Enregistrer des versions de secrets et consulter leur historique
help-secret-set = Ajouter une version (les précédentes sont conservées, jamais affichées)
help-secret-history = Métadonnées des versions : qui, quand, pourquoi
help-secret-rotate = Changer un mot de passe en deux étapes : le coffre en crée un nouveau et le garde à côté de l'actuel jusqu'à ce que vous confirmiez que la plateforme l'a (--confirm) ou y renonciez (--abort)
help-grant = Autorisations de l'art. 3 : demander, approuver, délivrer, révoquer, lister
help-grant-request = Demander un accès à la Secrétaire générale (admin) ; affiche l'identifiant de la demande
help-grant-list = Autorisations et demandes (autorité et vérificateur : toutes ; admin : les siennes)
help-grant-pending = Demandes en attente de décision (autorité)
help-grant-approve = Approuver une demande : signe l'autorisation avec votre clé et l'enregistre (autorité)
help-grant-deny = Refuser une demande (autorité)
help-grant-wait = Attendre la décision sur une demande : code 0 et l'autorisation une fois approuvée, 4 si refusée, 1 si le délai s'écoule
help-grant-issue = Délivrer directement une autorisation (autorité) ; affiche son identifiant
help-grant-revoke = Révoquer une autorisation, avec effet immédiat (autorité)
help-credential = Obtenir un identifiant sous une autorisation valide
help-credential-get = Obtenir un identifiant sous votre autorisation valide de l'art. 3 (admin)
help-authority = La clé de signature épinglée de la Secrétaire générale
help-authority-key = La clé que le coffre épingle
help-authority-rotate = Transférer la confiance à la clé d'un autre fichier d'identité, signé par la clé actuelle (autorité)
help-audit = Le journal d'accès de l'art. 14 : consulter, exporter, vérifier hors ligne, prouver, rapport
help-audit-log = Consulter les entrées (vérificateur)
help-audit-witness = Votre propre témoin : ne cosigner un point de contrôle que s'il prolonge celui cosigné avant
help-audit-witness-init = Créer une clé de témoin (gardée hors du serveur) et afficher sa clé de vérification
help-audit-witness-cosign = Cosigner le dernier point de contrôle s'il prolonge celui cosigné avant (vérificateur)
help-audit-tail = Suivre les nouvelles entrées à mesure qu'elles s'ajoutent (vérificateur)
help-audit-key = La clé de vérification à conserver (C2SP : nom+idclé+base64(0x01||clé))
help-audit-checkpoint = Le dernier point de contrôle signé (vérificateur)
help-audit-export = Exporter toutes les entrées et le point de contrôle dans un dossier neuf (vérificateur)
help-audit-verify = Vérifier un export hors ligne
help-audit-prove = Une preuve C2SP tlog-proof que l'entrée SEQ est dans le journal (vérificateur)
help-audit-verify-proof = Vérifier une preuve hors ligne
help-audit-report = Un rapport de revue pour les personnes : hors ligne depuis un export vérifié (DOSSIER --key), ou en ligne (vérificateur) ; texte, JSON, CSV ou HTML
help-status = État du coffre
help-seal = Sceller le coffre : rien n'est remis avant le descellement (opérateur)
help-unseal = Desceller le coffre avec sa phrase de passe, ou avec la clé de descellement ou une clé de séquestre (opérateur)
help-whoami = Qui vous êtes pour le coffre, et jusqu'à quand votre certificat est valide
help-agent = Une phrase de passe par séance : l'agent garde votre identité déverrouillée pour vos commandes
help-agent-start = Déverrouiller une fois le fichier --identity (sa phrase de passe demandée une fois) et le garder pour vos autres commandes jusqu'à la fin du délai ou « agent stop »
help-agent-start--ttl = Combien de temps le garder, p. ex. 15m, 2h (12h au plus)
help-agent-stop = Effacer la clé que l'agent garde pour le fichier --identity, et l'arrêter
help-agent-status = Quelle identité l'agent garde, et jusqu'à quand
help-agent-serve = Le processus de l'agent, lancé par « agent start » (pas à la main)
help-grant-approve--yes = Signer sans demander de confirmation (pour les scripts)
help-grant-issue--yes = Signer sans demander de confirmation quand la clé vient de l'agent (pour les scripts)
help-keys = Qui peut desceller le coffre : clé de descellement, phrase de passe, séquestre ; un nouveau moyen d'ouvrir la clé de données attend l'approbation de la Secrétaire générale
help-keys-list = Les moyens d'ouvrir la clé de données du coffre
help-keys-add-escrow = Proposer de protéger aussi la clé de données pour un destinataire de séquestre (age1...) ; en vigueur une fois approuvé par la Secrétaire générale (opérateur)
help-keys-remove-escrow = Retirer un destinataire de séquestre (jamais le dernier moyen de desceller)
help-keys-new-unseal-key = Créer ici une nouvelle clé de descellement (mode 0600) et la proposer ; une fois approuvée par la Secrétaire générale, le coffre l'utilise et l'ancienne cesse de l'ouvrir (opérateur)
help-keys-change-passphrase = Changer (ou ajouter) la phrase de passe de descellement
help-keys-pending = Les changements de clé en attente de l'approbation de la Secrétaire générale
help-keys-approve = Approuver un changement de clé en attente avec votre clé de signature ; il prend effet aussitôt (autorité)
help-completions = Afficher un script de complétion pour le shell (bash, zsh, fish, elvish, powershell)
help-man = Écrire les pages de manuel (anglais dans DOSSIER/man1, français dans DOSSIER/fr/man1)
help-backup = Écrire une sauvegarde chiffrée du coffre (opérateur) ; age -d -i CLÉ l'ouvre
help--identity = Fichier d'identité (de vault-cli identity new ou de vaultd dev)
help--server = Joindre le coffre à cette adresse plutôt qu'à celle de l'identité (https://hôte:port)
help--identity_passphrase_file = Lire la phrase de passe du fichier --identity dans ce fichier (1re ligne, mode 0600) plutôt qu'au terminal
help--json = Sortie lisible par machine
help--time_zone = Afficher les heures dans ce fuseau (nom IANA, p. ex. America/Montreal) plutôt que dans celui du système ; c'est aussi le fuseau des heures ouvrables du rapport de revue (America/Montreal par défaut)
help-unseal--passphrase_file = Lire la phrase de passe de descellement dans ce fichier (1re ligne, mode 0600)
help-unseal--key_file = Envoyer ce fichier d'identité age (clé de descellement ou de séquestre) plutôt qu'une phrase de passe
help-keys-add-escrow--recipient = Le destinataire age (age1...)
help-keys-remove-escrow--recipient = Le destinataire age (age1...)
help-keys-new-unseal-key--out = Où écrire la nouvelle clé (ne doit pas exister ; mode 0600)
help-keys-approve--id = L'identifiant du changement (ou ses premiers chiffres), de keys pending
help-keys-change-passphrase--current_passphrase_file = Lire la phrase de passe actuelle dans ce fichier (1re ligne, mode 0600)
help-keys-change-passphrase--new_passphrase_file = Lire la nouvelle phrase de passe dans ce fichier (1re ligne, mode 0600) plutôt que la demander deux fois
help-completions--shell = Le shell
help-man--out = Le dossier où écrire
help-backup--out = Le fichier à écrire (ne doit pas exister ; mode 0600)
help-identity-new--name = Nom du titulaire
help-identity-new--out = Fichier d'identité à écrire
help-identity-new--plain = Écrire l'identité sans chiffrement (mode 0600), pour les services
help-identity-new--request_out = Où écrire la demande de certificat (par défaut : OUT avec .csr)
help-identity-new--force = Remplacer les fichiers existants
help-identity-new--signing = Créer aussi une clé de signature des autorisations (identité de la Secrétaire générale)
help-identity-new--new_passphrase_file = Lire la phrase de passe de la nouvelle identité dans ce fichier (1re ligne, mode 0600) plutôt que la demander deux fois
help-identity-install--enrollment = Le fichier d'inscription rendu par l'opérateur
help-principal-enroll--request = Le fichier .csr écrit par vault-cli identity new
help-principal-enroll--roles = operator, admin, authority, auditor ; pour un service, backup ou notifier (répétable)
help-principal-enroll--out = Où écrire l'inscription à remettre (par défaut : NOM.enrollment)
help-principal-disable--name = Nom du titulaire
help-principal-enable--name = Nom du titulaire
help-identity-export-tls--out = Un nouveau dossier pour les trois fichiers
help-identity-renew--new_key = Créer aussi une nouvelle clé (l'ancienne clé et l'ancien certificat cessent de fonctionner)
help-principal-roles--name = Nom du titulaire
help-principal-roles--roles = Les nouveaux rôles (répétable)
help-account-add--id = Identifiant du compte, p. ex. facebook-cest
help-account-add--platform = La plateforme où vit le compte
help-account-add--login = Identifiant de connexion sur la plateforme
help-account-add--url = Adresse de la page
help-account-add--note = Note libre
help-account-list--all = Inclure les comptes archivés
help-account-show--id = Identifiant du compte
help-account-archive--id = Identifiant du compte
help-secret-set--account = Identifiant du compte
help-secret-set--password_stdin = Lire le nouveau mot de passe sur l'entrée standard (une ligne)
help-secret-set--generate = Laisser le coffre générer le mot de passe (jamais affiché ici)
help-secret-set--length = Longueur du mot de passe généré
help-secret-set--totp_seed_stdin = Lire le germe TOTP en base32 sur l'entrée standard (après la ligne du mot de passe si les deux)
help-secret-set--reason = Pourquoi (conservé dans l'historique)
help-secret-history--account = Identifiant du compte
help-secret-rotate--account = Identifiant du compte
help-secret-rotate--confirm = Faire du mot de passe préparé le mot de passe en vigueur (la plateforme l'a accepté)
help-secret-rotate--abort = Écarter le mot de passe préparé (la plateforme n'a pas été changée)
help-secret-rotate--length = Longueur du nouveau mot de passe
help-secret-rotate--totp_seed_stdin = Préparer le nouveau germe TOTP que montre la plateforme (base32, lu sur l'entrée standard) au lieu d'un mot de passe
help-secret-rotate--reason = Pourquoi (conservé dans l'historique et le journal d'audit)
help-grant-request--accounts = Comptes visés
help-grant-request--purpose = Objet de l'activité (obligatoire)
help-grant-request--duration = Pour combien de temps, p. ex. 30d, 8h (l'autorité peut changer)
help-grant-request--wait = Attendre la décision : code 0 et l'autorisation une fois approuvée, 4 si refusée
help-grant-request--timeout = Avec --wait : cesser d'attendre après ce délai, p. ex. 10m (15m par défaut ; une heure au plus)
help-grant-wait--request = Identifiant de la demande ou un préfixe unique
help-grant-wait--timeout = Cesser d'attendre après ce délai, p. ex. 10m (15m par défaut ; une heure au plus)
help-grant-list--mine = Seulement vos autorisations et demandes
help-grant-list--active = Seulement les autorisations utilisables maintenant et les demandes en attente
help-grant-list--grantee = Seulement celles de ce bénéficiaire
help-grant-list--account = Seulement celles qui visent ce compte
help-grant-approve--request = Identifiant de la demande ou un préfixe unique d'au moins 6 chiffres
help-grant-approve--duration = Pour combien de temps, p. ex. 30d, 8h, 90s
help-grant-approve--until = Jusqu'à (RFC 3339, ou une date, dès minuit)
help-grant-approve--max_uses = Nombre maximal de remises
help-grant-deny--request = Identifiant de la demande ou un préfixe unique
help-grant-deny--reason = Motif du refus
help-grant-issue--grantee = Bénéficiaire
help-grant-issue--accounts = Compte visé (répétable)
help-grant-issue--purpose = Objet de l'activité (obligatoire)
help-grant-issue--duration = Pour combien de temps, p. ex. 30d, 8h, 90s
help-grant-issue--until = Jusqu'à (RFC 3339, ou une date, dès minuit)
help-grant-issue--from = Début (RFC 3339, ou une date, dès minuit) ; par défaut maintenant
help-grant-issue--max_uses = Nombre maximal de remises
help-grant-revoke--grant = Identifiant de l'autorisation ou un préfixe unique
help-grant-revoke--reason = Motif de la révocation
help-credential-get--account = Identifiant du compte
help-credential-get--field = password (par défaut), login, ou totp (le code actuel ; le germe ne quitte jamais le coffre) ; password-staged ou totp-staged : une rotation que vous avez préparée et pas encore confirmée
help-credential-get--reason = Pourquoi, pour le journal d'accès
help-credential-get--login = Identifiant, mot de passe et code 2FA actuel ensemble, pour une seule utilisation de l'autorisation
help-credential-get--clip = Mettre le mot de passe (ou le --field demandé) dans le presse-papiers au lieu de l'afficher, et l'effacer après --clip-seconds
help-credential-get--clip_seconds = Secondes pendant lesquelles le presse-papiers le garde (5 à 600)
help-authority-rotate--new_identity = Le fichier d'identité qui contient la nouvelle clé de signature
help-authority-rotate--new_identity_passphrase_file = Lire la phrase de passe de ce fichier d'identité dans ce fichier (1re ligne, mode 0600)
help-audit-log--since = Depuis (RFC 3339, ou une date, dès minuit)
help-audit-log--until = Jusqu'à (RFC 3339, ou une date, dès minuit)
help-audit-log--principal = Seulement ce titulaire
help-audit-log--account = Seulement ce compte
help-audit-log--action = Seulement cette action, p. ex. credential.get
help-audit-log--outcome = allowed, denied ou error
help-audit-log--limit = Au plus ce nombre d'entrées (une page) ; la suite est annoncée sur la sortie d'erreur
help-audit-log--after = Seulement les entrées après ce numéro de séquence (pour continuer une page)
help-audit-checkpoint--out = Écrire le point de contrôle dans ce fichier
help-audit-export--out = Dossier neuf où écrire entries.jsonl et checkpoint
help-audit-verify--dir = Le dossier d'export
help-audit-verify--witnesses = La clé de vérification d'un témoin (ou un fichier qui la contient) : l'export doit prolonger un point de contrôle que ce témoin a cosigné (répétable)
help-audit-witness-init--out = Le fichier de clé à écrire (mode 0600 ; ne doit pas exister)
help-audit-witness-init--name = Le nom du témoin dans ses lignes de signature (par défaut : witness/NOM_D_HÔTE)
help-audit-witness-cosign--key = Le fichier de clé du témoin
help-audit-witness-cosign--state = Le dossier d'état du témoin (créé à la première exécution)
help-audit-witness-cosign--reset = Repartir de zéro quand ce que cette clé a cosigné avant est perdu (l'enregistrement à côté de la clé et le point de contrôle de l'état) : cosigner le journal tel qu'il est servi maintenant, comme la première fois. Un retour en arrière fait avant maintenant passe alors inaperçu.
help-audit-witness-cosign--record = Où se trouve l'enregistrement de ce que cette clé a cosigné (par défaut : à côté de la clé, CLÉ.cosigned, écrit par init) ; gardé à part du dossier d'état
help-audit-witness-add = Faire garder par le coffre les cosignatures de ce témoin : inscrire sa clé de vérification (vérificateur, autorité). Le coffre ne garde que les cosignatures qu'une clé inscrite vérifie
help-audit-witness-list = Les témoins dont le coffre garde les cosignatures (vérificateur, autorité)
help-audit-witness-remove = Ne plus garder les cosignatures d'un témoin, et supprimer celle gardée (vérificateur, autorité)
help-audit-witness-add--verifier_key = La clé de vérification du témoin, telle qu'affichée par audit witness init
help-audit-witness-remove--name = Le nom du témoin
help-audit-verify--key = La clé de vérification, ou un fichier qui la contient
help-audit-verify--since = Un point de contrôle antérieur que l'export doit prolonger
help-audit-prove--seq = Numéro de l'entrée
help-audit-prove--out = Écrire la preuve ici et l'entrée dans FICHIER.entry.json
help-audit-verify-proof--file = Le fichier de preuve
help-audit-verify-proof--key = La clé de vérification, ou un fichier qui la contient
help-audit-verify-proof--entry = L'entrée (ses octets JSON exacts), dans un fichier
help-audit-report--dir = Un dossier d'export (audit export) : le rapport est fait hors ligne, une fois l'export vérifié ; sans lui, le journal est lu auprès du coffre (vérificateur)
help-audit-report--key = La clé de vérification conservée, ou un fichier qui la contient (exigée avec DOSSIER)
help-audit-report--witnesses = La clé de vérification d'un témoin (ou un fichier qui la contient) : l'export doit prolonger un point de contrôle que ce témoin a cosigné (répétable)
help-audit-report--from = Début de la période (RFC 3339, ou une date, dès minuit), inclus
help-audit-report--to = Fin de la période (RFC 3339, ou une date, dès minuit), exclue
help-audit-report--format = text, json, csv ou html (un seul fichier autonome, imprimable)
help-audit-report--out = Écrire le rapport dans ce fichier (mode 0600) plutôt que sur la sortie standard
help-audit-report--business_hours = Heures ouvrables : jours et heures, p. ex. « mon-fri 07:00-19:00 »

## vault-cli authority console : la page locale où la Secrétaire générale décide
help-authority-console = Décider dans une page locale de votre navigateur : demandes en attente, autorisations en cours, remises des 7 derniers jours (autorité). Votre clé ne quitte pas ce processus
help-authority-console--listen = Adresse d'écoute sur la boucle locale (127.0.0.1:PORT ou [::1]:PORT ; port 0 : au choix du système)
help-authority-console--no_open = Ne pas ouvrir le navigateur : seulement afficher le lien
console-not-loopback = la console n'écoute que sur la boucle locale (127.0.0.1 ou [::1]) : { $address } est refusée, car tout le réseau pourrait y décider à votre place
console-bad-listen = adresse d'écoute illisible : { $address } (attendu : 127.0.0.1:PORT)
console-listen-failed = impossible d'écouter sur { $address } : { $detail }
console-started = Console de la Secrétaire générale prête ; le lien ne sert qu'une fois. Ctrl-C pour l'arrêter (elle s'arrête seule après { $minutes } min sans activité).
console-browser-failed = Le navigateur ne s'est pas ouvert ({ $detail }) : ouvrez vous-même le lien ci-dessus.
console-idle-stopped = Console fermée après { $minutes } min sans activité ; la clé de signature est effacée de la mémoire.
console-stopped = Console arrêtée ; la clé de signature est effacée de la mémoire.
console-no-events = Le coffre ne diffuse pas ses événements ({ $detail }) : la page se mettra à jour quand vous la rechargerez.
console-title = Console de la Secrétaire générale
console-who = Identité { $name } · coffre { $server }
console-skip = Aller aux demandes en attente
console-pending-heading = Demandes en attente ({ $count })
console-no-pending = Aucune demande en attente.
console-more-pending = Seules les { $count } premières demandes sont affichées ; décidez-en d'abord quelques-unes.
console-request = Numéro de la demande
console-requester = Demandeur
console-accounts = Comptes
console-purpose = Objet
console-window-asked = Durée demandée
console-no-window = non précisée
console-asked-at = Demandée le
console-recent-uses = Remises à cette personne sur ces comptes (30 jours)
console-recent-uses-count = { $uses } remise(s) sous { $grants } autorisation(s){ $more }
console-recent-uses-more = {" "}(au moins : historique tronqué)
console-self-grant = Attention : c'est votre propre demande. L'approuver serait une autorisation à vous-même, que le rapport de revue signale.
console-grant-for = Durée accordée (vous pouvez la raccourcir)
console-max-uses = Nombre maximal de remises (vide : sans limite)
console-approve = Approuver
console-deny-reason = Motif du refus (obligatoire)
console-deny = Refuser
console-grants-heading = Autorisations en cours ({ $count })
console-no-grants = Aucune autorisation en cours.
console-grant = Autorisation
console-grantee = Titulaire
console-until = Jusqu'au
console-uses = Remises
console-revoke-reason = Motif de la révocation (obligatoire)
console-revoke = Révoquer
console-releases-heading = Remises et refus des 7 derniers jours
console-no-releases = Aucune remise ni aucun refus depuis 7 jours.
console-releases-truncated = Seules les { $count } plus récentes sont affichées.
console-time = Quand
console-principal = Qui
console-account = Compte
console-outcome = Résultat
console-reason = Motif
console-rotation-heading = Mots de passe à changer
console-no-rotation = Aucun compte n'attend de changement de mot de passe.
console-rotation-why = Quelqu'un a reçu le mot de passe actuel sous une autorisation terminée ou révoquée : changez-le sur la plateforme, puis dans le coffre. Un nouveau mot de passe préparé (vault-cli secret rotate) attend ici d'être confirmé ou abandonné.
console-rotation-recommended = changement recommandé
console-rotation-staged = nouveau mot de passe préparé par { $by }, le { $at }
console-rotation-staged-stale = en attente depuis trop longtemps
console-unavailable = Cette partie n'a pas pu être lue : { $detail }
console-updated = Nouvelle information du coffre : la page est à jour.
console-update-waiting = Nouvelle information du coffre : la page se mettra à jour quand vous aurez fini ce formulaire.
console-closed = La console est fermée (inactive trop longtemps, ou arrêtée). Relancez « vault-cli authority console » dans le terminal pour continuer.
console-done-approved = Demande { $id } approuvée : autorisation { $grant } pour { $grantee }, jusqu'au { $until }.
console-done-denied = Demande { $id } refusée.
console-done-revoked = Autorisation { $id } révoquée ; elle ne sert plus dès maintenant.
console-reason-required = Le motif est obligatoire : il sera lu par la personne concernée et consigné au journal.
console-bad-duration = Durée illisible : { $value } (par exemple 8h, 3d).
console-longer-than-asked = La durée accordée ({ $given }) dépasse celle demandée ({ $asked }) : vous pouvez la raccourcir, pas l'allonger.
console-need-duration = La demande ne précise pas de durée : indiquez-en une.
console-bad-max-uses = Nombre de remises illisible : { $value } (un entier d'au moins 1).
console-refused = Le coffre a refusé : { $detail }
console-refused-host = Requête refusée : elle ne s'adresse pas à cette console (en-tête Host inattendu).
console-refused-token = Ce lien a déjà servi, ou n'est pas le bon. Relancez « vault-cli authority console » pour en obtenir un nouveau.
console-refused-session = Ouvrez le lien affiché dans le terminal par « vault-cli authority console ».
console-refused-csrf = Formulaire refusé : son jeton anti-falsification manque ou ne correspond pas. Rechargez la page, puis recommencez.
console-not-found = Cette page n'existe pas.

report-request-loops = Demandes : quand l'autorité en a été avisée, quand elle a décidé, quand le demandeur en a été avisé
report-decision-approved = approuvée
report-decision-denied = refusée
col-authority-told = Autorité avisée
col-reminded = Rappel
col-decided = Décision prise
col-decision = Décision
col-requester-told = Demandeur avisé
col-not-delivered = Messages non remis

