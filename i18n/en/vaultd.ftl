# vaultd's words (library and daemon) in English. Every id exists in every language.
# { $name } is filled in by the code; {"{"} and {" "} write a literal brace or space.

## Why the vault refuses a call (every client shows these)

reason-sealed = the vault is sealed: nothing is released until an operator unseals it (vault-cli unseal)
reason-forbidden-role = your identity lacks the role this operation needs ({ $target })
reason-not-enrolled = this certificate belongs to no principal of this vault; ask an operator to enroll you (vault-cli principal enroll)
reason-principal-disabled = principal { $target } is disabled; ask an operator
reason-unknown-account = unknown account: { $target } (see vault-cli account list)
reason-archived = account { $target } is archived
reason-duplicate-account = account { $target } already exists
reason-unknown-principal = unknown principal: { $target } (see vault-cli principal list)
reason-duplicate-principal = principal { $target } already exists and is enabled (it renews its own certificate: vault-cli identity renew; once disabled, it could be enrolled again)
reason-bad-request = request refused: { $target }
reason-bad-passphrase = wrong passphrase; the vault stays sealed
reason-too-many-attempts = too many failed attempts; try again in { $seconds } s
reason-no-passphrase = this vault has no unseal passphrase; it unseals with its age identity file (vaultd serve --unseal-identity)
reason-last-operator = { $target } is the last enabled operator: enroll another operator first
reason-unavailable = the vault cannot write right now; nothing was changed, try again later
reason-busy = the vault is overloaded right now; nothing was changed, try again in a moment
reason-access-ended = this stream ended because the access it was opened under ended (your identity disabled, your roles changed or your certificate renewed, the vault sealed or stopping); open it again if you still may
reason-internal = internal vault error; the vaultd log has the details
reason-no-grant = no valid art. 3 grant for { $target }; ask with: vault-cli grant request { $target } --purpose "..."
reason-no-grant-pending = no valid art. 3 grant for { $target } yet: your request { $request } has been waiting for the Secrétaire générale's decision since { $since }; wait for it with: vault-cli grant wait { $request }
reason-no-grant-denied = no valid art. 3 grant for { $target }: your request { $request } was denied on { $at } ("{ $reason }"); ask again with: vault-cli grant request { $target } --purpose "..."
reason-grant-ended-pending = no valid art. 3 grant for { $target } ({ $why }); your request { $request } has been waiting for the Secrétaire générale's decision since { $since }; wait for it with: vault-cli grant wait { $request }
reason-expired = no valid art. 3 grant for { $target }: the grant expired on { $detail }; ask for a new one: vault-cli grant request { $target } --purpose "..."
reason-not-yet-valid = no valid art. 3 grant for { $target } yet: the grant starts on { $detail }
reason-revoked = no valid art. 3 grant for { $target }: the grant was revoked on { $detail }
reason-exhausted = no valid art. 3 grant for { $target }: all its allowed uses are spent ({ $detail }); ask for a new one
reason-bad-signature = the signature of the grant for { $target } does not verify under the Secrétaire générale's pinned key; nothing was released, tell security
reason-delegation-expired = { $target }: the delegation you act under does not cover this moment ({ $detail }); ask the Secrétaire générale to decide herself, or to sign a new delegation (vault-cli authority delegate)
reason-outside-delegation = { $target }: outside the delegation you act under ({ $detail }); only the Secrétaire générale can sign for it: ask her to decide, or to widen the delegation (vault-cli authority delegate --accounts ...)
reason-not-delegated = your signing key is not the Secrétaire générale's and no delegation names you: nothing was registered. To sign in her place while she is away, ask her for a delegation (vault-cli authority delegate --to YOUR_NAME --key YOUR_KEY; vault-cli identity show prints your public key)
reason-grant-delegation-expired = { $target }: grant { $grant } was signed by an acting authority under delegation { $delegation }, which no longer covers this moment (ended or revoked); nothing was released: ask for a new grant (vault-cli grant request { $target })
reason-grant-outside-delegation = { $target }: grant { $grant } was signed by an acting authority under delegation { $delegation }, which does not cover this account; nothing was released: ask for a new grant (vault-cli grant request { $target })
delegation-detail-scope = delegation { $id }, for { $scope }
delegation-detail-all-accounts = all accounts
delegation-detail-until = delegation { $id }, until { $until }
delegation-detail-none = no delegation
delegation-detail-named = delegation { $id }
reason-second-signature-missing = no valid art. 3 grant for { $target } yet: this account needs two signatures and grant { $detail } carries one; a second signer (the Secrétaire générale or her delegate, not the first signer) must run vault-cli grant cosign { $detail }
reason-unknown-grant = unknown grant: { $target } (see vault-cli grant list)
reason-unknown-request = unknown request: { $target } (see vault-cli grant pending)
reason-ambiguous-id = the prefix { $target } matches { $count } ids: { $ids }; give more digits
reason-ambiguous-id-more = { $ids } and { $more } more
reason-duplicate-grant = grant { $target } is already registered
reason-already-decided = request { $target } was already decided
reason-already-revoked = grant { $target } is already revoked
reason-rotation-staged = a new password for { $target } was staged by { $by } { $age } ago and waits for its confirmation: once the platform has it, confirm it (vault-cli secret rotate { $target } --confirm), else abort it (--abort)
reason-staged-by-another = the new password staged for { $target } is { $detail }'s: only the person who staged it may fetch it before it is confirmed; ask them to confirm it (vault-cli secret rotate { $target } --confirm) or abort it (--abort)
reason-no-authority-key = the vault pins no Secrétaire générale key yet (vaultd authority-key)
reason-not-signing-key = this identity holds no grant-signing key (vault-cli identity new --signing)
reason-invalid-empty = { $field }: empty value
reason-invalid-too-long = { $field }: too long (at most { $limit })
reason-invalid-duration-too-long = { $field }: too long (at most { $limit } days)
reason-invalid-too-short = { $field }: too short (at least { $limit })
reason-invalid-reserved = { $field }: a name the vault keeps for itself (anonymous, vaultd, local...); choose another
reason-invalid-format = { $field }: invalid format

## Requests the daemon refuses as unusable

request-escrow-not-recipient = an escrow recipient is not an age1... recipient
request-output-exists = an output file already exists; it was left untouched
request-need-unseal-method = give an unseal identity file, a passphrase, or both
request-no-such-entry = no entry with that sequence number under the latest checkpoint
request-not-a-grant = not a grant document
request-not-age-identity = not an age identity file
request-window-order = not_after must be later than not_before
request-nothing-to-set = nothing to set: give a password or a TOTP seed
request-password-and-generate = password and generate together
request-bad-csr = the certificate request is malformed or its signature does not verify
request-grant-request-mismatch = the grant does not match the request it answers
request-grant-accounts-order = the grant's accounts must be sorted and distinct
request-no-totp-seed = this account has no TOTP seed
request-no-password = this account has no password stored
request-unknown-method = this vault offers no such method; update vault-cli or check the call
request-retired-key = this Secrétaire générale key is the current one or was already replaced: a retired key never comes back
request-malformed-message = the message received does not decode (not valid Protocol Buffers for this call)
request-no-backup-recipient = this vault has no age recipient (unseal key or escrow) to encrypt a backup to: add an escrow recipient
request-key-copies-missing = the vault has no sealed copies of its keys yet (TLS and audit): unseal it once, then take the backup again
request-not-a-backup = this file is not a readable vault backup (not valid age encryption or not a valid SQLite database)
request-target-not-empty = the target directory is not empty: give a new directory (nothing was touched)
request-one-unseal-method = send either the passphrase or an unseal identity file, not both
request-passphrase-needed = this vault also unseals with a passphrase: give it, so that the new data key is wrapped with it too
request-last-unseal-method = this is the vault's last way to unseal: add another one first
request-no-such-recipient = no escrow recipient by that name in this vault
request-already-recipient = this recipient already opens this vault
request-not-a-cosignature = this is not one of this vault's checkpoints carrying one witness cosignature
request-cosignature-goes-back = this witness already co-signed a larger checkpoint: a witness does not go back
request-witness-limit = the vault already keeps cosignatures for the most witnesses it will
request-public-url-not-https = the public URL (--public-url) must start with https://: only https:// addresses are accepted, so that no client ever speaks to the vault in clear
request-witness-not-listed = the vault lists no witness under this name: the auditor or the authority adds its verifier key first (vault-cli audit witness add KEY)
request-cosignature-invalid = the witness's line does not verify under the key the vault lists for this name: not this witness's cosignature
request-not-a-witness-key = this is not a witness verifier key (cosignature/v1: name+keyid+base64 key; a name of at most 80 characters a person can read)
request-witness-already-listed = a witness is already listed under this name: remove it first (vault-cli audit witness remove NAME)
request-nothing-staged = no new password waits for this account (never staged, or already confirmed or aborted): vault-cli account show ACCOUNT says which version is current
request-nothing-to-change = nothing to change: give --change-url, --no-change-url, --max-age or --default-max-age
request-not-approvals = not an approvals statement (vaultd approvals v1, one or two signatures): sign it again with vault-cli account approvals ACCOUNT --set 2|1
request-approvals-replayed = this approvals statement was registered already, or is older than the account's rule in force: sign a new one (vault-cli account approvals ACCOUNT --set 2|1)
request-same-signer = this grant already carries your key's signature: a second signature must come from another key in force (the Secrétaire générale's or a delegate's)
request-already-cosigned = this grant carries its two signatures already: nothing to add (vault-cli grant show GRANT_ID)
request-grant-ended = this grant has ended (expired, exhausted, or signed under a key since replaced): nothing to cosign; ask for a new grant
request-wrong-unseal-identity = this identity does not unseal this vault
request-unknown-key-change = no pending key change has this id (see vault-cli keys pending); a change not approved expires after 7 days
request-key-change-decided = this key change was already approved
request-key-change-mismatch = the approval does not match the pending change (vault, action, recipient or time); nothing was changed
request-too-many-key-changes = too many key changes already wait for the Secrétaire générale's approval; have them approved or wait for them to expire
request-not-an-approval = not a key change approval
request-too-many-waits = this identity already waits for as many decisions as the vault allows; let one of them end first
request-too-many-follows = this identity already follows the vault's events on as many streams as the vault allows; close one first
request-too-many-pending-requests = you already have as many requests waiting for the authority as the vault allows; wait for a decision (vault-cli grant wait ID) before asking again
request-unknown-event = the vault has no event with this number
request-not-a-delegation = not a delegation statement signed by the Secrétaire générale (vault-cli authority delegate makes one)
request-delegation-known = this delegation is registered already (or was, and was revoked): a statement counts once; sign a new one with vault-cli authority delegate
request-delegate-not-authority = the delegate must hold the authority role: ask an operator first (vault-cli principal roles NAME --set authority, with a --set for each role she keeps)
request-self-delegation = a delegation names someone other than its signer
request-window-in-past = the window is in the past: give a --from of now or later and an --until in the future
request-acting-authority = you act under a delegation: only the Secrétaire générale can delegate or end a delegation
request-unknown-delegation = no such delegation (see vault-cli authority delegation list)
request-delegation-revoked = this delegation is revoked already
label-unknown-action = { $code } (unknown action)

## vaultd: what the daemon binary tells its operator

daemon-error-prefix = vaultd: error:{" "}
daemon-reading = reading { $path }
daemon-writing = writing to { $path }
daemon-unsealing = unsealing with { $path }
daemon-opening = opening the vault in { $dir }
daemon-listening = listening on { $addr }
daemon-runtime = starting the async runtime
daemon-key-not-base64 = the authority key is not base64
daemon-key-length = the authority key must be a 32-byte Ed25519 public key
daemon-newer-schema = the vault's schema version { $found } is newer than this vaultd supports ({ $supported }); upgrade vaultd
daemon-permissions = { $path } is accessible to other users (mode { $mode }); run: chmod { $wanted } { $path }
daemon-damaged = the vault holds a damaged value: { $detail }
daemon-no-data-dir = give --config FILE or --data-dir DIR
daemon-identity-permissions = { $path } is readable by other users ({ $reach }); run: { $fix }
daemon-dev-exists = { $dir } already holds a vault; remove it or choose another --dir
daemon-key-file-missing = { $path }: key file missing. It sits beside vault.db in the data directory and is not part of the database: put it back from that directory, or restore the vault from a backup (vaultd restore)
daemon-key-file-malformed = { $path }: this file does not hold a readable key
daemon-key-file-foreign = { $path }: this key is not this vault's (it does not match the public key the vault recorded)
daemon-passphrase-file-missing = { $path }: no such passphrase file (nothing was attempted)
daemon-passphrase-file-permissions = { $path } is readable by other users ({ $reach }); run: { $fix }
daemon-passphrase-file-empty = { $path }: its first line is empty
daemon-bad-audit-key = --audit-key: not an audit verifier key (name+keyid+base64)
daemon-config = { $path }: { $detail }
daemon-layout-no-vault = no vault here (create one with: vaultd init)
daemon-layout-vault-exists = a vault already exists here; it was left untouched
daemon-layout-in-use = the vault is in use by another vaultd process; stop it first
daemon-layout-key-file-exists = a key file is already there; it was left untouched
daemon-layout-not-utf8 = not a UTF-8 path
daemon-ask-passphrase = Unseal passphrase:{" "}
daemon-ask-again = Once more:{" "}
daemon-mismatch = the two entries differ
daemon-init-done =
    Vault { $id } created in { $dir }.
    First operator's identity: { $identity } (mode 0600; move it to the operator's machine)
    Its certificate fingerprint: { $fingerprint }
daemon-init-unseal-key = Unseal key: { $path } (recipient { $recipient }). Keep it outside the data directory, e.g. as a systemd LoadCredentialEncrypted= credential; without it or a passphrase the vault is lost.
daemon-init-next = Next: vaultd serve --data-dir { $dir } [--unseal-identity KEY]
daemon-key-pinned = Secrétaire générale's key pinned: { $id }. Grants signed by an earlier key are no longer valid.
daemon-keys-escrow-added = Escrow recipient { $recipient } added; it also opens the next backups. On the audit record (vaultd-keys).
daemon-keys-unseal-replaced = New unseal key written to { $path } (recipient { $recipient }); the old one no longer opens the current database. Replace the key where the daemon reads it (LoadCredential, --unseal-identity). On the audit record (vaultd-keys).
daemon-man-written = { $count } man pages written in { $dir } (English: man1, French: fr/man1).
daemon-rekeyed = New data key: { $values } secret values re-sealed, { $wraps } way(s) to unseal remade (same unseal and escrow keys). Older copies of the database (backups included) keep the old key.
daemon-server-cert-done =
    New server certificate, issued by the vault's CA (unchanged: identities stay valid): { $names }, valid until { $until }.
    Public address: { $url }
    New enrolments and renewals (vault-cli identity renew) get this address; until then, vault-cli --server { $url }.
daemon-restored =
    Vault restored into { $dir } from { $from } (SHA-256 { $sha256 }).
    Audit log verified against its latest checkpoint: { $size } entries, root { $root }, signed by { $origin }.
    The log's verifier key: { $key }
    Compare it with the one you keep (or give --audit-key), and the digest above with the vault.backup entry: age encryption says who may open a backup, not who made it.
    { $count } sealed values opened, all intact; TLS and audit keys put back from their sealed copies.

    WARNING: a restore rolls the vault back to the backup's time. Everything that changed since is gone: secret versions, grants, REVOCATIONS, disables, log entries. Redo later revocations and disables, and have passwords released since then changed.
    Compare this log with the checkpoints kept elsewhere (journald, witnesses): those signed after the backup are not extended by this log, as expected.
    To serve it: vaultd serve --data-dir { $dir } --unseal-identity KEY
daemon-check-ok = Integrity: { $count } sealed values opened, all intact.
daemon-key-copies-ok = Key files: server-tls.key and audit-signing.key match the copies sealed in the vault.

## vaultd notify: its configuration refused at start

notify-config-at-line = { $file }, line { $line }, key { $key }: { $problem }
notify-config-at-key = { $file }, key { $key }: { $problem }
notify-problem-unreadable = cannot be read ({ $detail })
notify-problem-syntax = not valid TOML ({ $detail })
notify-problem-unknown-key = unknown key (deploy/vaultd-notify.toml lists the keys this version reads)
notify-problem-missing-key = required key missing
notify-problem-wrong-type = a value of the wrong type ({ $detail })
notify-problem-not-one-of = must be one of: { $values }
notify-problem-bad-server = must be HOST:PORT, e.g. smtp.example.org:465
notify-problem-plain-not-loopback = security = "plain" sends mail in clear: it is accepted only towards a loopback address (127.0.0.1, ::1); use "tls" or "starttls"
notify-problem-bad-address = not a mail address: { $value }
notify-problem-bad-principal = not a principal name (lowercase letters, digits, - _ .)
notify-problem-unknown-kind = not an event kind the notifier knows ({ $values })
notify-problem-empty-command = the command is empty: give the program's absolute path first
notify-problem-relative-command = the program must be given by its absolute path (e.g. /usr/local/bin/page-sg); no shell runs it
notify-problem-too-many-arguments = too many arguments (at most { $max })
notify-problem-bad-duration = not a duration such as 10s or 2m
notify-problem-timeout-too-long = too long: at most { $max }
notify-problem-out-of-range = out of bounds: between { $min } and { $max }
notify-problem-bad-text = control or invisible characters are not accepted
notify-problem-too-long = too long (at most { $max } characters)
notify-problem-credentials-reachable = { $path } is accessible to other users ({ $reach }); run: { $fix }
notify-problem-credentials-unreadable = the credentials file cannot be read ({ $detail })
notify-problem-credentials-format = the credentials file must hold the SMTP user name on its first line and the password on its second
notify-state-reachable = { $path } is accessible to other users ({ $reach }); run: { $fix }
notify-state-damaged = { $path }: not a notifier state file ({ $detail }); move it away to start again from the vault's first event
notify-not-enrolled = { $path }: this identity is not enrolled yet (vault-cli identity install)
notify-check-ok = { $config }: usable (identity { $name }, SMTP credentials, state directory; last event handled: { $cursor }). Nothing was sent.

## vaultd notify: the mails (each mail holds the French text, then the English one)

notify-language-name = English
notify-subject-request-created = Access request { $id } from { $requester }
notify-subject-request-overdue = Request { $id } from { $requester } still waiting
notify-subject-request-approved = Your request { $id } is approved
notify-subject-request-denied = Your request { $id } is denied
notify-subject-grant-revoked = Your grant { $id } is revoked
notify-subject-rotation-recommended = A password should be changed
notify-subject-rotation-staged-stale = A rotation staged by { $requester } waits for its confirmation
notify-body-staged-stale-full = { $requester } staged a new password (or 2FA seed) for { $accounts } on { $created }; it is still neither confirmed nor aborted.
notify-body-staged-stale-minimal = { $requester } staged a new password (or 2FA seed) on { $created }; it is still neither confirmed nor aborted. vault-cli account show ACCOUNT says whether one is staged.
notify-body-staged-stale-next = If the platform has it:  vault-cli secret rotate { $account } --confirm   If not:  vault-cli secret rotate { $account } --abort   Until then, the person who staged it gets it again with:  vault-cli credential get { $account } --field password-staged
notify-subject-rotation-due = A password is due for rotation
notify-body-created-full =
    { $requester } asks for access to { $accounts } for { $duration } (art. 3).
    Request { $id }, made { $created }.
notify-body-created-minimal =
    { $requester } asks for an art. 3 access.
    Request { $id }, made { $created }.
notify-body-overdue-full =
    Request { $id } from { $requester } ({ $accounts }, for { $duration }) still waits for your decision.
    It was made { $created }.
notify-body-overdue-minimal =
    Request { $id } from { $requester } still waits for your decision.
    It was made { $created }.
notify-body-purpose = Purpose given: « { $purpose } »
notify-body-decide =
    To approve it:  vault-cli grant approve { $id }
    To deny it:     vault-cli grant deny { $id } --reason "..."
    Or in your console:  vault-cli authority console
notify-body-console-hint = To open your console: { $hint }
notify-body-approved-full = Your request { $id } for { $accounts } was approved by { $by } on { $at }.
notify-body-approved-minimal = Your request { $id } was approved by { $by } on { $at }.
notify-body-window = Valid from { $from } until { $until }; uses allowed: { $uses }.
notify-body-uses-unlimited = unlimited
notify-body-approved-awaiting = It still awaits a second signature (this account needs two): the vault releases nothing before. Where it stands:  vault-cli grant show { $grant }
notify-body-get = To get the password:  vault-cli credential get { $account }
notify-body-account-word = ACCOUNT
notify-body-denied = Your request { $id } was denied by { $by } on { $at }.
notify-body-reason = Reason given: « { $reason } »
notify-body-ask-again = Your requests and their decisions:  vault-cli grant list --mine
notify-body-revoked-full = Your grant { $id } for { $accounts } was revoked by { $by }: the vault releases nothing more under it.
notify-body-revoked-minimal = Your grant { $id } was revoked by { $by }: the vault releases nothing more under it.
notify-subject-grant-awaiting = Grant { $id } awaits a second signature (signed by { $by })
notify-body-awaiting-full =
    { $by } signed grant { $id } for { $requester } on { $accounts } on { $at }, valid from { $from } until { $until }.
    This account needs two signatures: nothing can be obtained under it until a second person allowed to sign has signed it.
notify-body-awaiting-minimal =
    { $by } signed grant { $id } for { $requester } on { $at }, valid from { $from } until { $until }.
    An account it names needs two signatures: nothing can be obtained under it until a second person allowed to sign has signed it.
notify-body-awaiting-cosign =
    To read it:            vault-cli grant show { $id }
    To add your signature:  vault-cli grant cosign { $id }
    Or in your console:  vault-cli authority console
    { $by } cannot sign it a second time.
notify-body-rotation-full = The password of { $accounts } should be changed: { $why }.
notify-body-rotation-minimal = A password should be changed: { $why }. vault-cli account list shows which accounts.
notify-body-set-secret = Once it is changed on the platform:  vault-cli secret set { $account } --password-stdin --reason "..."
notify-body-rotation-due-full = The password of { $accounts } is due for rotation since { $since }: it was set on { $set }, and passwords of this account are changed every { $age }.
notify-body-rotation-due-minimal = A password is due for rotation since { $since } (set on { $set }, changed every { $age }). vault-cli account list shows which account.
notify-why-grant-ended = a grant under which it was released has ended
notify-why-holder-disabled = a person who received it was disabled
notify-why-authority-rotated = the Secrétaire générale's signing key changed
notify-body-footer = Sent by the vault's notifier (vaultd notify), event { $seq }. No password, code or other secret is ever sent by mail.
notify-subject-delegation-digest = { $delegate } decided { $count } time(s) in your name
notify-body-digest-intro = { $delegate }, acting for you under delegation { $delegation }, took { $count } decision(s) since the last summary:
notify-body-digest-line-full = { $at }: { $by } { $what } for { $requester } on { $accounts } ({ $id })
notify-body-digest-line-minimal = { $at }: { $by } { $what } for { $requester } ({ $id })
notify-body-digest-purpose = purpose: « { $purpose } »
notify-body-digest-reason = reason: « { $reason } »
notify-digest-approve = approved a request
notify-digest-deny = denied a request
notify-digest-issue = issued a grant
notify-digest-revoke = revoked a grant
notify-digest-cosign = added the second signature to a grant
notify-body-digest-end = Your delegations:  vault-cli authority delegation list   To end this one:  vault-cli authority delegation revoke { $delegation } --reason "..." [--end-grants]
notify-body-digest-footer = Sent by the vault's notifier (vaultd notify), one summary per delegation at most every { $every }; events { $seqs }. No password, code or other secret is ever sent by mail.

## vaultd dev: the banner

dev-ready =
    vaultd dev: throwaway vault, unsealed, listening on { $url } (mTLS)
    Directory: { $dir }
    Identities (one per role):
dev-resumed =
    vaultd dev: vault resumed, unsealed with { $dir }/unseal.key, listening on { $url } (mTLS)
    Directory: { $dir }
    Identities (one per role):
dev-identity-header = name|role|identity file
dev-operator-section = operations: seal, unseal, back up, restore
dev-try-next = Try next, in another terminal:
dev-grants-section = art. 3: request, approve, fetch
dev-audit-section = art. 14: the audit log
dev-absence-section = when the Secrétaire générale is away: an acting authority, and two signatures for one account
dev-notify-section = notifications by mail: a local SMTP server that prints what it receives, then the notifier (vaultd notify)
dev-stop-temp = Ctrl-C to stop; the temporary directory will be removed.
dev-stop-kept = Ctrl-C to stop; the directory is kept.

## Short labels for tables and reports

label-reason-sealed = sealed
label-reason-forbidden-role = role not allowed
label-reason-not-enrolled = not enrolled
label-reason-principal-disabled = principal disabled
label-reason-unknown-account = unknown account
label-reason-archived = account archived
label-reason-duplicate-account = account exists
label-reason-unknown-principal = unknown principal
label-reason-duplicate-principal = principal exists
label-reason-invalid-input = invalid input
label-reason-bad-request = unusable request
label-reason-same-signer = second signature by the same key or person: it must come from another key
label-reason-bad-passphrase = wrong passphrase
label-reason-too-many-attempts = too many attempts
label-reason-no-passphrase = no passphrase
label-reason-last-operator = last operator
label-reason-unavailable = unavailable
label-reason-internal = internal error
label-reason-no-grant = no grant
label-reason-expired = grant expired
label-reason-not-yet-valid = grant not yet valid
label-reason-revoked = grant revoked
label-reason-exhausted = grant exhausted
label-reason-bad-signature = bad signature
label-reason-delegation-expired = delegation ended
label-reason-outside-delegation = outside the delegation
label-reason-second-signature-missing = waiting for a second signature
label-reason-not-delegated = no delegation
label-reason-unknown-grant = unknown grant
label-reason-unknown-request = unknown request
label-reason-ambiguous-id = ambiguous id
label-reason-duplicate-grant = grant already registered
label-reason-already-decided = request already decided
label-reason-already-revoked = already revoked
label-reason-rotation-staged = rotation staged already
label-reason-staged-by-another = staged by someone else
label-reason-no-authority-key = no authority key
label-reason-not-signing-key = not the signing key
label-reason-busy = vault busy
label-reason-access-ended = access ended
label-reason-bad-certificate = certificate refused at connection
label-outcome-allowed = allowed
label-outcome-denied = denied
label-outcome-error = error
label-action-credential-get = release a credential
label-action-grant-issue = issue a grant
label-action-grant-register = register a grant
label-action-grant-approve = approve a request
label-action-grant-deny = deny a request
label-action-grant-revoke = revoke a grant
label-action-grant-request = request a grant
label-action-grant-list = list grants
label-action-grant-pending = list pending requests
label-action-grant-show = show a request
label-action-grant-wait = wait for a decision
label-action-account-add = add an account
label-action-account-archive = archive an account
label-action-account-set = change an account's settings
label-action-account-list = list accounts
label-action-account-show = show an account
label-action-secret-set = set a secret
label-action-secret-history = secret history
label-action-secret-rotate = rotation staged
label-action-secret-rotate-confirm = rotation confirmed
label-action-secret-rotate-abort = rotation aborted
label-action-principal-enroll = enrol a principal
label-action-principal-renew = renew a certificate
label-action-principal-disable = disable a principal
label-action-principal-enable = enable a principal
label-action-principal-roles = change roles
label-action-principal-list = list principals
label-action-vault-seal = seal the vault
label-action-vault-unseal = unseal the vault
label-action-vault-status = vault status
label-action-vault-whoami = who am I
label-action-vault-backup = back up the vault
label-action-vault-restore = restore the vault
label-action-vault-rekey = rekey the vault
label-action-vault-server-cert = server certificate
label-action-key-list = list keys
label-action-key-escrow-add = add an escrow key
label-action-key-escrow-remove = remove an escrow key
label-action-key-passphrase-change = change the passphrase
label-action-key-unseal-replace = replace the unseal key
label-action-key-escrow-propose = propose an escrow recipient
label-action-key-unseal-propose = propose an unseal key
label-action-key-change-approve = approve a key change
label-action-key-change-list = list key changes
label-action-authority-pin = pin the authority key
label-action-authority-rotate = rotate the authority key
label-action-authority-key = authority key
label-action-authority-delegate = delegate to an acting authority
label-action-authority-delegation-revoke = revoke a delegation
label-action-authority-delegation-list = delegations
label-action-audit-query = query the log
label-action-audit-tail = tail the log
label-action-audit-export = export the log
label-action-audit-checkpoint = log checkpoint
label-action-audit-consistency = consistency proof
label-action-audit-prove = inclusion proof
label-action-audit-key = log key
label-action-audit-cosign = witness cosignature
label-action-audit-witness-add = witness listed
label-action-audit-witness-remove = witness removed
label-action-audit-witness-list = witness list read
label-action-calls-refused = calls refused
label-action-connection-refused = connection refused
label-action-rpc-malformed = malformed call
label-action-rpc-unknown = unknown call
label-action-events-follow = follow the vault's events
label-action-notification-record = record a notification
label-action-notification-sent = notification sent
label-action-notification-failed = notification failed
label-action-notification-skipped = notification skipped
label-action-request-overdue = request still pending (reminder)
label-action-rotation-recommended = password change recommended
label-action-rotation-staged-stale = new password waiting too long for its confirmation
label-action-rotation-due = password due for rotation (age)
label-action-account-approvals = set the signatures an account's grants need
label-action-grant-cosign = add a second signature to a grant
label-action-grant-get = read a grant

## clap's own words in --help (clap writes the English ones itself; it adds the headings' colon)

clap-usage = Usage:
clap-commands-heading = Commands
clap-arguments-heading = Arguments
clap-options-heading = Options
clap-help = Print help
clap-version = Print version
clap-help-command = Print this message or the help of the given subcommand(s)

## clap's usage errors (i18n/usage_errors.rs); English reads as clap writes it
clap-error-prefix = error:{" "}
clap-error-quoted = '{ $text }'
clap-error-colon = :
clap-error-once = the argument '{ $arg }' cannot be used multiple times
clap-error-conflict = the argument '{ $arg }' cannot be used with
clap-error-subcommand-conflict = the subcommand '{ $subcommand }' cannot be used with
clap-error-conflict-others = one or more of the other specified arguments
clap-error-no-equals = equal sign is needed when assigning values to '{ $arg }'
clap-error-value-missing = a value is required for '{ $arg }' but none was supplied
clap-error-invalid-value = invalid value '{ $value }' for '{ $arg }'
clap-error-because = { $head }: { $cause }
clap-error-possible-values = possible values:
clap-error-unknown-subcommand = unrecognized subcommand '{ $subcommand }'
clap-error-missing-arguments = the following required arguments were not provided:
clap-error-missing-subcommand = '{ $command }' requires a subcommand but one was not provided
clap-error-subcommands = subcommands:
clap-error-too-many-values = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
clap-error-too-few-values = { $expected } values required by '{ $arg }'; only { $given } provided
clap-error-wrong-number-of-values = { $expected } values required for '{ $arg }' but { $given } provided
clap-error-unexpected-argument = unexpected argument '{ $arg }' found
clap-error-not-utf8 = invalid UTF-8 was detected in one or more arguments
clap-error-other = the command line could not be read
clap-error-similar-subcommand = tip: a similar subcommand exists: { $similar }
clap-error-similar-subcommands = tip: some similar subcommands exist: { $similar }
clap-error-similar-argument = tip: a similar argument exists: { $similar }
clap-error-similar-arguments = tip: some similar arguments exist: { $similar }
clap-error-similar-value = tip: a similar value exists: { $similar }
clap-error-similar-values = tip: some similar values exist: { $similar }
clap-error-tip = tip:
clap-error-try-help = For more information, try '{ $flag }'.
clap-error-not-a-number = invalid digit found in string
clap-error-number-too-large = number too large to fit in target type
clap-error-empty-number = cannot parse integer from empty string

## The system's errors (i18n/os_errors.rs); English uses the standard library's own words
os-error-not-found = No such file or directory
os-error-permission-denied = Permission denied
os-error-already-exists = File exists
os-error-is-a-directory = Is a directory
os-error-not-a-directory = Not a directory
os-error-storage-full = No space left on device
os-error-read-only = Read-only file system
os-error-broken-pipe = Broken pipe
os-error-timed-out = Timed out
os-error-connection-refused = Connection refused
os-error-unexpected-eof = Unexpected end of file
os-error-number = { $words } (os error { $number })

## Roles and fields as tables and sentences name them (codes stay in --json)
label-role-operator = operator
label-role-admin = admin
label-role-authority = authority
label-role-auditor = auditor
label-role-backup = backup
label-role-notifier = notifier
label-field-account = account
label-field-accounts = accounts
label-field-purpose = purpose
label-field-reason = reason
label-field-login = login
label-field-note = note
label-field-url = url
label-field-change-url = change_url
label-field-max-age = max_age
label-field-password = password
label-field-totp-seed = totp_seed
label-field-totp = totp
label-field-password-staged = new password (staged)
label-field-totp-staged = 2FA code of the new seed (staged)
label-field-platform = platform
label-field-role = role
label-field-principal = principal
label-field-name = name
label-field-duration = duration
label-field-max-uses = max_uses
label-field-not-after = not_after
label-field-grantee = grantee
label-field-csr = csr
label-field-public-key = public_key
label-field-id = id
label-field-length = length
label-field-field = field

## Man pages: the words clap_mangen writes in English (section headers, defaults)
man-section-name = NAME
man-section-synopsis = SYNOPSIS
man-section-description = DESCRIPTION
man-section-options = OPTIONS
man-section-arguments = ARGUMENTS
man-section-commands = COMMANDS
man-section-version = VERSION
man-default = default:
man-possible-values = Possible values:

## An audit entry's detail in the review report (the log keeps its words)
detail-identity-file = identity file
detail-passphrase = passphrase
detail-escrow-key = escrow key { $recipient }
detail-witness-size = witness { $witness }; size { $size }
detail-backup = size { $size } bytes; SHA-256 { $sha256 }; { $count } age recipient(s)
detail-restore = from a backup with SHA-256 { $sha256 }; audit log of { $size } entries verified; { $origin }
detail-restore-signed = signed by the expected audit key
detail-restore-unchecked = origin NOT checked (--accept-unknown-origin)
detail-fact = { $key }: { $value }
detail-separator = ;{" "}
label-field-roles = role(s)
label-field-for = duration
label-field-request = request
label-field-requester = requester
label-field-from = from
label-field-until = until
label-field-key = key
label-field-statement = signed statement
label-field-delegate = acting authority
label-field-delegate-key = acting authority's key
label-field-approvals = signatures required
label-field-signed = signed at
label-field-delegation = delegation id
label-field-event = event
label-field-made = made
label-field-fields = fields
label-field-after = after
## Units of durations in tables and reports
unit-days = d
unit-hours = h
unit-minutes = min
unit-seconds = s
