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
reason-expired = no valid art. 3 grant for { $target }: the grant expired on { $detail }; ask for a new one: vault-cli grant request { $target } --purpose "..."
reason-not-yet-valid = no valid art. 3 grant for { $target } yet: the grant starts on { $detail }
reason-revoked = no valid art. 3 grant for { $target }: the grant was revoked on { $detail }
reason-exhausted = no valid art. 3 grant for { $target }: all its allowed uses are spent ({ $detail }); ask for a new one
reason-bad-signature = the signature does not verify under the Secrétaire générale's pinned key { $target }; nothing was released, tell security
reason-unknown-grant = unknown grant: { $target } (see vault-cli grant list)
reason-unknown-request = unknown request: { $target } (see vault-cli grant pending)
reason-ambiguous-id = the prefix { $target } matches several ids; give more digits
reason-duplicate-grant = grant { $target } is already registered
reason-already-decided = request { $target } was already decided
reason-already-revoked = grant { $target } is already revoked
reason-no-authority-key = the vault pins no Secrétaire générale key yet (vaultd authority-key)
reason-not-signing-key = this identity holds no grant-signing key (vault-cli identity new --signing)
reason-invalid-empty = { $field }: empty value
reason-invalid-too-long = { $field }: too long (at most { $limit })
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
request-wrong-unseal-identity = this identity does not unseal this vault
request-unknown-key-change = no pending key change has this id (see vault-cli keys pending); a change not approved expires after 7 days
request-key-change-decided = this key change was already approved
request-key-change-mismatch = the approval does not match the pending change (vault, action, recipient or time); nothing was changed
request-too-many-key-changes = too many key changes already wait for the Secrétaire générale's approval; have them approved or wait for them to expire
request-not-an-approval = not a key change approval
request-too-many-waits = this identity already waits for as many decisions as the vault allows; let one of them end first
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
label-reason-unknown-grant = unknown grant
label-reason-unknown-request = unknown request
label-reason-ambiguous-id = ambiguous id
label-reason-duplicate-grant = grant already registered
label-reason-already-decided = request already decided
label-reason-already-revoked = already revoked
label-reason-no-authority-key = no authority key
label-reason-not-signing-key = not the signing key
label-reason-busy = vault busy
label-reason-access-ended = access ended
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
label-action-account-list = list accounts
label-action-account-show = show an account
label-action-secret-set = set a secret
label-action-secret-history = secret history
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

## clap's own words in --help (clap writes the English ones itself; it adds the headings' colon)

clap-usage = Usage:
clap-commands-heading = Commands
clap-arguments-heading = Arguments
clap-options-heading = Options
clap-help = Print help
clap-version = Print version
clap-help-command = Print this message or the help of the given subcommand(s)
