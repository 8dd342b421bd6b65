# vault-cli's words in English. Every id exists in every language.
# { $name } is filled in by the code; {"{"} and {" "} write a literal brace or space.

## Messages

error-prefix = vault-cli: error:{" "}
no-identity = no identity: give --identity FILE or VAULT_CLI_IDENTITY (vaultd dev writes one per role)
identity-unreadable = cannot use the identity: { $detail }
ask-identity-passphrase = Passphrase for { $path }:{" "}
ask-new-passphrase = New passphrase for the identity:{" "}
no-passphrase-given = no passphrase entered (without a terminal, give the file that holds it)
passphrase-file-missing = { $path }: no such passphrase file (nothing was attempted)
passphrase-file-permissions = { $path } is readable by other users ({ $reach }); run: { $fix }
passphrase-file-empty = { $path }: its first line is empty
ask-current-unseal-passphrase = Current unseal passphrase (Enter if there is none):{" "}
ask-new-unseal-passphrase = New unseal passphrase:{" "}
wrap-unseal-key = unseal key
wrap-passphrase = passphrase
wrap-escrow = escrow
key-change-proposed = Change { $id } proposed: { $action } { $recipient }. It takes effect only once the Secrétaire générale approves it: vault-cli keys approve { $id } (until then nothing changes; without approval it lapses in 7 days).
escrow-removed = Escrow recipient removed. Backups already made and earlier copies of the database still open with its key: rekey the data key (vaultd rekey) if you no longer trust it.
unseal-key-proposed = New unseal key written to { $path } (recipient { $recipient }). Change { $id } waits for the Secrétaire générale's approval (vault-cli keys approve { $id }); until then the vault keeps its current key. Once approved, replace the key where the daemon reads it (LoadCredential, --unseal-identity).
key-change-approved = Change { $id } approved and in effect: { $action } { $recipient } (proposed by { $by }).
wait-waiting = Waiting for the Secrétaire générale's decision on request { $id } (at most { $timeout }); Ctrl-C to stop waiting (the request stays pending).
export-incomplete = the vault ended the export before its checkpoint (after { $count } entries): the export is incomplete and was removed; run it again
wait-ended = the vault stopped answering about request { $id } before its decision; run again: vault-cli grant wait { $id }
wait-approved = Request { $id } approved by { $by }: grant { $grant }, from { $from } until { $until }, uses: { $uses }. Try: vault-cli credential get ACCOUNT
wait-denied = request { $id } denied by { $by }: { $reason }
wait-timed-out = request { $id } still waits for a decision; the wait ran out (it stays pending: vault-cli grant wait { $id })
wait-unlimited = unlimited
key-change-to-approve = You approve: { $action } { $recipient }, proposed by { $by } on { $at }, for vault { $vault }. Whoever holds this key can read every secret of the backups.
no-key-change = no pending key change starts with { $prefix } (see vault-cli keys pending)
ambiguous-key-change = several pending key changes start with { $prefix }; give more digits
custody-escrow-add = add the escrow recipient
custody-unseal-replace = replace the unseal key with
unseal-key-kept = vault-cli: the vault's answer was lost; it may have recorded the proposal. { $path } is kept: check with `vault-cli keys pending` whether recipient { $recipient } is listed before deleting anything.
renewed-elsewhere = vault-cli: the vault issued the new certificate but { $path } could not be rewritten ({ $detail }); the renewed identity is in { $fallback }: put it in place of the old one.
tls-exported =
    TLS files written in { $dir } (key.pem is mode 0600: it is your private key, delete it after use). With grpcurl:
      grpcurl -cacert { $dir }/ca.pem -cert { $dir }/cert.pem -key { $dir }/key.pem -servername { $name } { $host } list
      grpcurl -cacert { $dir }/ca.pem -cert { $dir }/cert.pem -key { $dir }/key.pem -servername { $name } { $host } vault.v1.System/WhoAmI
witness-created = Witness key written to { $path } (mode 0600; keep it off the server). Its verifier key, on standard output, is for the vault (vault-cli audit witness add) and whoever verifies (--witness).
witness-bad-name = { $name }: a witness name has no space and no '+'
witness-bad-key = { $path }: not a readable key
witness-state-from-record = { $dir }/checkpoint is missing or damaged: what this key co-signed last is read from { $record }, kept beside the key.
witness-history-unknown = REFUSED: this witness cannot tell what its key co-signed before: { $record } (beside the key) and { $dir }/checkpoint are missing or damaged. Put them back from a copy; or, accepting that a rollback of the log made before now would go unnoticed, start over with --reset. Nothing was co-signed or written.
witness-reset = --reset: what this key co-signed before is lost; the log as served now is co-signed as if for the first time. A rollback of the log made before now cannot be noticed.
witness-added = Witness { $name } listed: the vault keeps its cosignatures from now on (only those its key verifies).
witness-removed = Witness { $name } removed: the vault no longer keeps its cosignatures, and dropped the one it kept.
witness-none-listed = No witness is listed: the vault keeps no cosignature. Add one with: vault-cli audit witness add VERIFIER_KEY
witness-not-listed = the vault does not list this witness's key, so it would not keep its cosignature; nothing was co-signed. The auditor or the authority lists it with: vault-cli audit witness add { $verifier }
witness-other-key = the log is signed by another key than the one pinned at the first cosignature ({ $served } instead of { $pinned }): nothing was co-signed
witness-bad-checkpoint = the checkpoint served does not verify under the log's key: nothing was co-signed
witness-not-extending = REFUSED: the log does not extend the one already co-signed (size { $old_size }, root { $old_root }); it serves size { $new_size }, root { $new_root }. A fork, a rollback (a restore) or a rewrite: nothing was co-signed or written.
witness-cosigned = Checkpoint of size { $size } (root { $root }) co-signed; it extends size { $from }, co-signed before. Kept in { $dir }/checkpoint.
witness-cosigned-first = Checkpoint of size { $size } (root { $root }) co-signed, the first this key co-signs. Kept in { $dir }/checkpoint.
witness-vouched = Witness { $name }: co-signed this log up to size { $size } ({ $at }); the export extends it.
witness-not-vouched = REFUSED: no valid cosignature by witness { $name } on the export's checkpoint, nor on an earlier one that it extends
man-written = { $count } man pages written in { $dir } (English: man1, French: fr/man1).
passphrase-changed = Unseal passphrase changed.
ask-again = Once more:{" "}
passphrase-mismatch = the two entries differ or are empty; nothing was written
ask-unseal-passphrase = Unseal passphrase:{" "}
certificate-revoked = the vault refuses your certificate: your identity is disabled there; ask an operator
closed-early = the vault closed the connection without answering: your identity may be disabled there or your certificate refused; ask an operator
cannot-reach =
    cannot reach the vault: { $detail }
    Check that vaultd runs, the identity's address, that your certificate comes from this vault and that your identity is not disabled there.
server-error = the vault refused ({ $code }): { $detail }
more-entries = more entries follow: continue with --after { $seq }
read-failed = cannot read { $path }: { $detail }
write-failed = cannot write { $path }: { $detail }
stdin-failed = cannot read standard input: { $detail }
stdin-needs-two-lines = with --password-stdin and --totp-seed-stdin, standard input gives the password on line 1 and the TOTP seed on line 2
nothing-to-set = nothing to set: give --password-stdin, --generate or --totp-seed-stdin
not-an-enrollment = { $path } is not a vaultd enrollment file
enrollment-mismatch = the enrollment is for { $enrolled }, the identity for { $identity }; nothing was changed
enrollment-key-mismatch = the enrollment's certificate does not match this identity's key; nothing was changed
identity-created =
    Identity { $name } created: { $path }
    Certificate request: { $request }
    Next: give { $request } to an operator, who runs:
      vault-cli principal enroll { $request } --role ROLE --out { $name }.enrollment
    then install what you get back:
      vault-cli identity install { $name }.enrollment --identity { $path }
identity-installed = Identity { $name } ready: { $server }. Try: vault-cli --identity { $path } whoami
enrolled =
    Principal { $name } enrolled, roles: { $roles }.
    Enrollment written to { $path }: hand it to { $name } (it holds no secret).
principal-disabled = Principal { $name } disabled; its next call will be refused.
principal-roles = Roles of { $name }: { $roles }
account-added = Account { $id } added.
account-archived = Account { $id } archived.
account-set = Account { $id } updated.
secret-set = Version { $version } of { $id } stored{ $generated }. Earlier versions are kept.
secret-generated = {" "}(password generated inside the vault, never shown)
no-versions = No version for { $id }.
rotation-staged = New password staged for { $id } (step 1 of 2). Until you confirm, the vault keeps giving the current one.
rotation-staged-totp = New TOTP seed staged for { $id } (step 1 of 2). Until you confirm, the vault keeps giving codes from the current one.
rotation-current = Current password
rotation-new = New password
rotation-page = Change it here
rotation-next = Once the platform has accepted it: vault-cli secret rotate { $id } --confirm
    If you did not change it: vault-cli secret rotate { $id } --abort
rotation-confirmed = Rotation of { $id } confirmed: version { $version } is now current (the previous one stays in the history).
rotation-aborted = Rotation of { $id } aborted: the password staged by { $by } at { $at } is discarded; the current one is unchanged.
sealed-now = Vault sealed: nothing is released until the next unseal.
already-sealed = The vault was already sealed.
backup-written =
    Backup written: { $path } ({ $size } bytes, SHA-256 { $sha256 }), encrypted with age to { $count } recipient(s).
    It is on the audit record (vault.backup) with this size and digest.
    To open it: age -d -i UNSEAL_KEY { $path } > vault.db
    To restore (daemon stopped): vaultd restore --from { $path } --data-dir NEW_DIR --unseal-identity KEY --audit-key AUDIT_KEY (vault-cli audit key, kept elsewhere)
backup-exists = { $path } already exists: choose another file (nothing was written)
backup-truncated = the backup received does not match what the vault announced ({ $detail }); nothing was kept
unsealed-now = Vault unsealed.
already-unsealed = The vault was already unsealed.
status =
    State: { $state }
    Version: { $version } (schema { $schema })
    Accounts: { $accounts } active, { $archived } archived
    Principals: { $principals }
    Secret versions: { $versions }

## States shown in lists

state-active = active
state-expired = expired
state-not-yet-valid = not yet valid
state-revoked = revoked
state-exhausted = exhausted
state-superseded = no longer valid (signing key rotated)
state-awaiting-second-signature = waiting for a second signature
state-grantee-disabled = ended (grantee disabled)
state-pending = pending
state-approved = approved
state-denied = denied
state-sealed = sealed
state-unsealed = unsealed

## Messages

whoami =
    { $name } (roles: { $roles })
    Certificate valid until { $expires }
expired = expired
days-left = { $days } days left
renew-soon = vault-cli: warning: the certificate in { $path } expires on { $expires } ({ $left }); renew it: vault-cli --identity { $path } identity renew
principal-enabled = Principal { $name } enabled: its certificate works again.
renewed = Certificate renewed for { $name }, valid until { $expires } ({ $key }). The old one no longer works. Identity updated: { $path }
same-key = same key
new-key = new key
request-created = Request { $id } sent to the Secrétaire générale for { $accounts }.
request-denied = Request { $id } denied.
grant-registered = Grant { $id } signed and registered: { $grantee } for { $accounts }, until { $until }{ $self_grant }.
self-grant = {" "}(a self-grant: the review report flags it)
grant-revoked = Grant { $id } revoked; it no longer works, from now on.
need-duration = the request names no duration: give --for DURATION or --until TIME
expected-duration = expected a duration: a number and its unit, e.g. 30d, 8h, 15m, 90s or 2w
expected-time-or-date = expected a date and time (RFC 3339, e.g. 2026-12-04T09:00:00-05:00) or a date (2026-12-04, from midnight)
expected-time-zone = expected a time zone by its IANA name, e.g. America/Montreal or UTC
no-signing-key = this identity holds no grant-signing key (vault-cli identity new --signing)
credential-meta = { $account }: { $field }{ $version } released under grant { $grant } (valid until { $until }){ $totp }
totp-valid-for = ; code valid for { $secs } more s
login-line = Login: { $login }
password-line = Password: { $password }
password-line-clipped = Password: on the clipboard
totp-line = 2FA code: { $code } (valid { $secs } more s)
totp-line-no-seed = 2FA code: none, the vault holds no 2FA seed for this account (ask an operator to add it: vault-cli secret set ACCOUNT --totp-seed-stdin)
clip-no-display = --clip: no display here to hold a clipboard (neither DISPLAY nor WAYLAND_DISPLAY is set); nothing was asked of the vault and no use of your grant was spent. Run the command in your graphical session, or without --clip.
clip-failed = --clip: the clipboard cannot be used ({ $detail }); the password is not shown. Run the command in your graphical session, or without --clip.
clip-copied = Copied to the clipboard; cleared in { $secs } s (Ctrl-C clears it now).
clip-cleared = Clipboard cleared.
clip-replaced = The clipboard holds something else now: left as it is.
no-grants = No grant.
no-delegations = No delegation.
delegation-registered = Delegation { $id } registered: { $delegate } acts for the Secrétaire générale from { $from } until { $until }, for { $accounts }.
delegation-summary = Delegate to { $delegate } from { $from } until { $until }, for { $accounts }: grants { $delegate } signs in that window count as yours.
delegation-revoked = Delegation { $id } revoked: grants { $delegate } signs from now on are refused.
delegation-grants-ended = Grants issued under it and still live, now revoked: { $count } (their holders' passwords are to be changed).
delegation-grants-stay-live = Grants issued under it that stay live until their own end: { $count } (the delegation covered the time they were issued). To end them too: vault-cli authority delegation revoke { $id } --end-grants --reason TEXT
approvals-summary-two = From now on, grants for { $account } release only once they carry two signatures by distinct keys (yours and a delegate's, or two delegates'): sign this rule?
approvals-summary-one = From now on, grants for { $account } need your signature alone (or your delegate's), as any account's: sign this rule?
approvals-set-two = { $account }: its grants now need two signatures by distinct keys; a grant signed once waits for vault-cli grant cosign GRANT_ID by a second signer.
approvals-set-one = { $account }: its grants need one signature again.
signatures-two = two, by distinct keys (vault-cli grant cosign)
cosign-summary = Second signature for grant { $id }: { $grantee } on { $accounts } until { $until }, for « { $purpose } », first signed by { $signer }.
grant-cosigned = Grant { $id } now carries two signatures ({ $first }, then { $second }): it releases for { $accounts }.
pending-awaiting-second-signature = Grants waiting for a second signature (vault-cli grant cosign GRANT_ID):
cosign-not-this-grant = the vault's copy of grant { $id } does not read as that grant: nothing was signed; tell security
second-signature-by = { $signer } (key { $key }), { $at }
second-signers = may cosign it (told): { $names }
second-signers-none = nobody can cosign it yet: no delegation in force covers these accounts. Delegate to an acting authority (vault-cli authority delegate --to NAME --key KEY …), who then runs vault-cli grant cosign { $id }
second-signature-waiting = waiting: vault-cli grant cosign { $id } by a second signer
delegation-all-accounts = all accounts
delegate-key-unreadable = --key { $key }: not a grant-signing public key (base64 of 32 bytes, or a file holding it); the delegate reads hers with vault-cli identity show (signing_public_key)
no-requests = No pending request.
rotation-recommended = rotation recommended
staged-password = new password staged by { $by }, { $at }
staged-totp = new 2FA seed staged by { $by }, { $at }
staged-stale = waiting for too long: confirm or abort it (vault-cli secret rotate { $account } --confirm | --abort)
rotation-recommended-since = recommended since { $since } (exposure)
rotation-due-since = due since { $since } (age)
max-age-default = { $age } (the vault's default)
change-page-platform = the platform's known page
authority-key = Secrétaire générale's key: { $id }, sequence number { $sequence } (pinned { $at } by { $by })
authority-rotation-ended = { $count } live grant(s) ended with this rotation (signed by the replaced key); issue new ones if the access must go on:
authority-rotation-ended-none = No live grant ended with this rotation.
signing-key-created =
    Grant-signing key: { $id }
    Public key for the vault to pin: { $public }
audit-exported = { $count } entries exported to { $dir } (entries.jsonl, checkpoint). Verify offline: vault-cli audit verify { $dir } --key KEY
audit-verified = OK: { $count } entries, root { $root }, checkpoint signed by { $origin }{ $since }
audit-extends = ; extends the earlier checkpoint of { $size } entries
audit-verify-failed = verification FAILED: { $detail }
proof-verified = OK: entry { $index } is included in the log of { $size } entries signed by { $origin }
proof-written = Proof written to { $path }, entry to { $entry }
bad-verifier-key = invalid verifier key: { $detail }
dir-not-empty = { $path } exists and is not empty; choose a new directory
identity-permissions = { $path } is readable by other users ({ $reach }); run: { $fix }
identity-format = { $path } is not a vaultd identity file
identity-passphrase = wrong passphrase for { $path }
file-exists = { $path } already exists; nothing was written (--force to replace)
encrypt-failed = encryption failed: { $detail }
not-enrolled-yet = identity { $name } is not enrolled yet (vault-cli identity install)
bad-address = bad vault address: { $address }
server-not-https = { $address } was not contacted: only https:// addresses are accepted (the vault speaks only TLS, and a passphrase or a password must never cross the network in clear); give the vault's https:// address
yes = yes
no = no

## Column headings

head-expires = EXPIRES
head-kind = KIND
head-change = CHANGE
head-proposed-by = PROPOSED BY
head-proposed-at = ON
head-recipient = RECIPIENT
head-since = SINCE
head-id = ACCOUNT
head-platform = PLATFORM
head-login = LOGIN
head-version = VERSION
head-totp = 2FA
head-state = STATE
head-rotation = ROTATION
head-max-age = MAX AGE
head-change-page = CHANGE PAGE
head-name = NAME
head-verifier-key = VERIFIER KEY
head-roles = ROLES
head-created = CREATED
head-by = BY
head-reason = REASON
head-fields = FIELDS
head-url = URL
head-note = NOTE
head-fingerprint = FINGERPRINT
head-active = active
head-archived = archived
head-disabled = disabled
head-enabled = enabled
head-generated = generated
head-rotated = by rotation
head-staged = STAGED ROTATION
head-signatures = SIGNATURES
head-second-signature = SECOND SIGNATURE
head-grant = GRANT
head-seq = SEQ
head-time = TIME
head-principal = PRINCIPAL
head-action = ACTION
head-target = TARGET
head-outcome = OUTCOME
head-request = REQUEST
head-grantee = GRANTEE
head-accounts = ACCOUNTS
head-until = UNTIL
head-from = FROM
head-delegation = DELEGATION
head-delegate = DELEGATE
head-uses = USES
head-purpose = PURPOSE
head-requester = REQUESTER
head-duration = DURATION

## audit verify

verify-io = cannot read the export: { $detail }
verify-checkpoint = checkpoint: { $detail }
verify-since = older checkpoint: { $detail }
verify-malformed = line { $line }: not a valid audit entry
verify-sequence = line { $line }: entry has seq { $found }, expected { $line } (entries reordered, duplicated or missing)
verify-size = the export holds { $found } entries, the checkpoint covers { $expected }
verify-root = the entries' Merkle root does not match the checkpoint: an entry was altered
verify-not-extending = the export does not extend the older checkpoint (size { $size }): its first { $size } entries differ
verify-shrunk = the older checkpoint (size { $older }) is larger than the export ({ $newer })
verify-proof = malformed proof: { $detail }
verify-not-included = the entry is not included at index { $index } under the checkpoint
verify-bad-key = malformed verifier key
verify-note-malformed = malformed signed note
verify-not-signed-by = the note carries no signature by { $name } (another key or another vault)
verify-bad-signature = the note's signature does not verify
verify-bad-checkpoint = malformed checkpoint ({ $part })
verify-bad-authority-key = invalid authority key: give the Secrétaire générale's public key (base64, as `identity show` prints it, or 64 hex digits), or a file holding it
verify-chain-malformed = { $file }, line { $line }: not a carried statement (id, signed, signature in base64)
verify-chain-delegation-missing = grant { $grant } was signed under delegation { $delegation }, which the export does not carry
verify-chain-unknown-key = grant { $grant }: delegation { $delegation } names authority key { $key }, which is not among the keys given (or, without --authority-key, not one the log says the vault pinned; --authority-key may be repeated for her keys before a rotation)
verify-chain-delegation-signature = grant { $grant }: delegation { $delegation } does not verify under the Secrétaire générale's key: the statement was altered or was never hers
verify-chain-grant-missing = grant { $grant } (delegation { $delegation }): the export does not carry its signed statement
verify-chain-grant-signature = grant { $grant } does not verify under the delegate's key that delegation { $delegation } names
verify-chain-window = grant { $grant } was issued at { $issued }, outside delegation { $delegation } (from { $from } until { $until })
verify-chain-scope = grant { $grant } names account { $account }, which delegation { $delegation } does not cover
verify-chain-revoked = grant { $grant } was registered after delegation { $delegation } was revoked (entry { $seq })
verify-chains-hold = Delegations: every grant signed by an acting authority ({ $count }) leads through its delegation to the key of the Secrétaire générale
verify-signed-grant-missing = grant { $grant } was signed with the key of the Secrétaire générale, but the export does not carry its signed statement
verify-signed-grant-unknown-key = grant { $grant } is signed by authority key { $key }, which is not among the keys given (or, without --authority-key, not one the log says the vault pinned; --authority-key may be repeated for her keys before a rotation)
verify-signed-grant-signature = grant { $grant } does not verify under the Secrétaire générale's key: the statement was altered or was never hers
verify-signed-grant-disagrees = grant { $grant }: its signed bytes and the log's entry that registered it disagree on « { $field } »
verify-cosign-missing = grant { $grant } has a second signature on record, which the export does not carry
verify-cosign-disagrees = grant { $grant }: the second signature the export carries names another key or delegation than the log recorded
verify-cosign-unknown-key = grant { $grant }: its second signature rests on authority key { $key }, which is not among the keys given (or, without --authority-key, not one the log says the vault pinned; --authority-key may be repeated for her keys before a rotation)
verify-cosign-delegation = grant { $grant }: its second signer acted under delegation { $delegation }, which the export does not carry or which does not verify under the Secrétaire générale's key
verify-cosign-window = grant { $grant }: its second signature (at { $at }) falls outside delegation { $delegation } (from { $from } until { $until }): the second signer's delegation was not in force
verify-cosign-scope = grant { $grant } names account { $account }, which delegation { $delegation } of its second signer does not cover
verify-cosign-revoked = grant { $grant }: its second signature was recorded after delegation { $delegation } was revoked (entry { $seq })
verify-cosign-same-key = grant { $grant }: both signatures are by key { $key }; the second signature must come from another key
verify-cosign-signature = grant { $grant }: its second signature does not verify over the grant's signed bytes under key { $key }: it was altered or covers other bytes
verify-approvals-missing = approvals statement { $statement } is on record, but the export does not carry it
verify-approvals-unknown-key = approvals statement { $statement } is signed by authority key { $key }, which is not among the keys given (or, without --authority-key, not one the log says the vault pinned; --authority-key may be repeated for her keys before a rotation)
verify-approvals-signature = approvals statement { $statement } does not verify under the Secrétaire générale's key, or does not say what the log recorded (account, rule, key)
verify-signatures-hold = Signatures: every grant ({ $grants }) verifies under the key of the Secrétaire générale or through a delegation; second signatures checked: { $cosignatures }; approvals statements checked: { $approvals }
verify-not-checked-grants = Not checked: this export has no { $file } (made by an older vault-cli), so the signatures of the grants signed with the Secrétaire générale's own key ({ $count }) were not checked; export the log again to check them
verify-not-checked-cosignatures = Not checked: this export has no { $file } (made by an older vault-cli), so the second signatures ({ $count }) were not checked; export the log again to check them
verify-not-checked-approvals = Not checked: this export has no { $file } (made by an older vault-cli), so the approvals statements ({ $count }) were not checked; export the log again to check them

## The agent (one passphrase per sitting) and the confirmation before signing
agent-started = Agent started: it holds { $name } ({ $path }) until { $until }; your commands using this identity file no longer ask its passphrase. `vault-cli agent stop` wipes it sooner.
agent-status = The agent holds { $name } ({ $path }) until { $until } (process { $pid }).
agent-none = No agent holds { $path } (`vault-cli agent start` starts one).
agent-not-running = no agent holds { $path } (`vault-cli agent start` starts one)
agent-stopped = Agent stopped: the key it held for { $path } is wiped.
agent-already = an agent already holds { $path }, until { $until }; run `vault-cli agent stop` first to start another
agent-plain-identity = { $path } is not protected by a passphrase: there is nothing for the agent to unlock
agent-bad-ttl = --ttl: expected a duration such as 15m or 2h, { $max } at most (got { $value })
agent-failed = the agent did not start: { $detail }
agent-dir-not-owned = { $path } belongs to another user (uid { $owner }): the agent puts no socket there; remove it, or set XDG_RUNTIME_DIR
agent-dir-reachable = { $path } is open to other users (mode { $mode }); run: chmod 700 { $path }
agent-dir-not-dir = { $path } is not a directory: the agent puts no socket there
agent-unreachable = the agent's socket { $path } does not answer as expected: { $detail }
agent-not-on-windows = the agent is not available on Windows yet: each command asks the identity's passphrase
confirm-sign = Sign this grant? [y/N]{" "}
confirm-needs-yes = nothing signed: there is no terminal to confirm at; add --yes to sign without being asked
confirm-declined = nothing signed (answered no)
approve-summary =
    Request { $id } from { $requester }, waiting for { $age }:
      accounts: { $accounts }
      purpose:  { $purpose }
      grant:    from now until { $until } ({ $duration }), uses: { $uses }
issue-summary =
    Grant for { $grantee }, signed with the key the agent holds:
      accounts: { $accounts }
      purpose:  { $purpose }
      grant:    from { $from } until { $until }, uses: { $uses }
status-pending-one = One request waits for your decision, for { $age } (vault-cli grant pending).
status-pending-many = { $count } requests wait for your decision, the oldest for { $age } (vault-cli grant pending).
status-none-pending = No request waits for your decision.
age-days = { $n } d
age-hours = { $n } h
age-minutes = { $n } min
age-seconds = { $n } s

## The review report

report-title = Audit log review report
report-vault = Vault (log origin)
report-checkpoint = Verified checkpoint
report-checkpoint-value = { $size } entries, root { $root }
report-witnesses = Witnesses
report-witness-value = { $name }: co-signed up to size { $size } ({ $at })
report-no-witness = no witness required (--witness)
report-period = Period
report-period-start = start of the log
report-period-end = end of the log
report-entries = Entries
report-entries-value = { $count } in the period, of { $total } verified
report-as-of = States (expiries, rotations recommended) as of
report-generated = Generated at
report-times-in = Times shown in
report-business-hours = Business hours
report-source = Source
report-source-offline = export verified offline with the key given
report-source-online = log read online and verified with the key the vault gives of itself; for a review, verify an export with a key kept elsewhere: vault-cli audit report DIR --key KEY
report-summary = Summary
report-releases = Releases, per account
report-timeline = Timeline per account
report-legend-release = release
report-legend-grant = grant
report-legend-denial = denial
report-mark-releases = { $count } release(s) around { $time }
report-mark-denials = { $count } denial(s) around { $time }
report-grants = Grants and requests
report-grants-issued = Grants issued
report-grants-approved = of which approved on request
report-requests = Grant requests made
report-requests-denied = Requests denied
report-grants-revoked = Grants revoked
report-grants-expired-unused = Grants expired unused
report-self-grants = Self-grants
report-grants-superseded = Grants no longer valid (the Secrétaire générale's key was rotated before they ended)
report-non-admin = Grants to a principal who is not an administrator
report-denials = Denied attempts
report-admin-events = Administrative events
report-rotation = Password rotation
report-rotation-pending = Passwords to change
report-rotations-done = Rotations done
report-stagings-unconfirmed = New passwords staged, never confirmed
report-cause-exposure = exposure (recommended: a grant under which it was seen ended)
report-cause-age = age (due: older than its maximum age)
report-cause-none = none (ahead of any reason)
report-still-staged = still staged at the end
report-delegations = Delegations to an acting authority
report-delegation-self-grants = ⚑ Self-grants by an acting authority (grants the delegate signed naming herself)
report-acting-for = { $signer }, acting for the Secrétaire générale under delegation { $delegation }
report-all-accounts = all accounts
report-off-hours = Releases outside business hours
report-releases-total = Releases
report-none = (none)
report-unknown = unknown
report-more-rows = … and { $count } more rows: see --format csv or json
report-no-account-activity = no release, grant or denial in the period
report-written = Report written to { $path } ({ $format }).
report-bad-hours = { $detail } (business hours: DAYS HH:MM-HH:MM, e.g. mon-fri 07:00-19:00; an IANA zone, e.g. America/Montreal)
report-key-needed = an offline report verifies the export first: give --key KEY (the verifier key you kept)
report-verifying = verifying
report-exporting = exporting

## Report columns

col-section = Section
col-seq = Seq
col-time = Time
col-account = Account
col-principal = Principal
col-field = Field
col-grant = Grant
col-purpose = Purpose
col-grantee = Grantee
col-accounts = Accounts
col-from = From
col-until = Until
col-issued-by = Signed by
col-request = Request
col-uses = Releases
col-reason = Reason
col-by = By
col-action = Action
col-target = Target
col-detail = Detail
col-since = Since
col-version = Password version
col-cause = Cause
col-took = Time to rotate
col-staged = Staged
col-aborted = Aborted
col-delegation = Delegation
col-delegate = Acting authority
col-revoked = Revoked
col-grants = Grants issued under it
col-roles = Grantee's roles

## vault-cli authority console: the local page where the Secrétaire générale decides
console-not-loopback = the console listens on loopback only (127.0.0.1 or [::1]): { $address } is refused, since anyone on the network could decide there in your place
console-bad-listen = unreadable listening address: { $address } (expected: 127.0.0.1:PORT)
console-listen-failed = cannot listen on { $address }: { $detail }
console-started = The Secrétaire générale's console is ready; the link works once. Ctrl-C stops it (it stops by itself after { $minutes } min without activity).
console-browser-failed = The browser did not open ({ $detail }): open the link above yourself.
console-idle-stopped = Console closed after { $minutes } min without activity; the signing key is wiped from memory.
console-stopped = Console stopped; the signing key is wiped from memory.
console-no-events = The vault does not stream its events ({ $detail }): the page will update when you reload it.
console-title = The Secrétaire générale's console
console-who = Identity { $name } · vault { $server }
console-skip = Skip to pending requests
console-pending-heading = Pending requests ({ $count })
console-no-pending = No pending request.
console-more-pending = Only the first { $count } requests are shown; decide some of them first.
console-request = Request id
console-requester = Requested by
console-accounts = Accounts
console-purpose = Purpose
console-window-asked = Duration asked
console-no-window = not given
console-asked-at = Asked on
console-recent-uses = Releases to this person on these accounts (30 days)
console-recent-uses-count = { $uses } release(s) under { $grants } grant(s){ $more }
console-recent-uses-more = {" "}(at least: history truncated)
console-self-grant = Careful: this is your own request. Approving it would be a self-grant, which the review report flags.
console-grant-for = Duration granted (you may shorten it)
console-max-uses = Most releases (empty: no limit)
console-approve = Approve
console-deny-reason = Reason for refusing (required)
console-deny = Deny
console-grants-heading = Live grants ({ $count })
console-no-grants = No live grant.
console-grant = Grant
console-grantee = Grantee
console-until = Until
console-uses = Releases
console-revoke-reason = Reason for revoking (required)
console-revoke = Revoke
console-releases-heading = Releases and refusals of the last 7 days
console-no-releases = No release and no refusal in 7 days.
console-releases-truncated = Only the { $count } most recent are shown.
console-time = When
console-principal = Who
console-account = Account
console-outcome = Outcome
console-reason = Reason
console-rotation-heading = Passwords to change
console-no-rotation = No account waits for a password change.
console-rotation-why = Someone received the current password under a grant that ended or was revoked: change it on the platform, then in the vault. A new password staged (vault-cli secret rotate) waits here until it is confirmed or aborted.
console-rotation-recommended = rotation recommended
console-rotation-staged = new password staged by { $by }, { $at }
console-rotation-staged-stale = waiting for too long
console-unavailable = This part could not be read: { $detail }
console-updated = News from the vault: the page is up to date.
console-update-waiting = News from the vault: the page will update once you finish this form.
console-closed = The console is closed (idle too long, or stopped). Run "vault-cli authority console" again in the terminal to go on.
console-done-approved = Request { $id } approved: grant { $grant } for { $grantee }, until { $until }.
console-done-denied = Request { $id } denied.
console-done-revoked = Grant { $id } revoked; it no longer works, from now on.
console-reason-required = The reason is required: the person concerned reads it, and the log keeps it.
console-bad-duration = Unreadable duration: { $value } (for example 8h, 3d).
console-longer-than-asked = The duration granted ({ $given }) is longer than the one asked ({ $asked }): you may shorten it, not lengthen it.
console-need-duration = The request names no duration: give one.
console-bad-max-uses = Unreadable number of releases: { $value } (a whole number, at least 1).
console-refused = The vault refused: { $detail }
console-refused-host = Request refused: it is not addressed to this console (unexpected Host header).
console-refused-token = This link was used already, or is not the right one. Run "vault-cli authority console" again for a new one.
console-refused-session = Open the link that "vault-cli authority console" printed in the terminal.
console-refused-csrf = Form refused: its anti-forgery token is missing or wrong. Reload the page, then try again.
console-not-found = No such page.
console-delegations-heading = Delegations (acting authorities while you are away)
console-no-delegations = No delegation.
console-delegate = Acting authority
console-delegation-window = Period
console-delegation-from-until = from { $from } until { $until }
console-delegation-scope = Accounts
console-delegation-all-accounts = all accounts
console-delegation-state = State
console-delegation = Delegation
console-delegation-revoke-reason = Reason for ending it (required)
console-delegation-end-grants = Also revoke the grants issued under it that are still live (otherwise they keep their term)
console-delegation-revoke = End this delegation
console-acting = Acting for you: signed by { $signer } under a delegation
console-done-delegation-revoked = Delegation { $id } ended: grants { $delegate } signs from now on are refused. Grants revoked with it: { $ended }; issued under it and still live: { $live }.
console-awaiting-heading = Waiting for a second signature ({ $count })
console-no-awaiting = No grant is waiting for a second signature.
console-more-awaiting = Only the first { $count } are shown.
console-awaiting-why = These accounts need two signatures: nothing can be obtained under these grants until a second person allowed to sign has signed them.
console-first-signer = First signature
console-first-signed-by = { $signer }, on { $at }
console-first-signed-acting = { $signer }, on { $at }, acting for you (delegation { $delegation })
console-max-uses-label = Uses allowed
console-uses-unlimited = unlimited
console-cosign = Add my signature
console-cosign-command = Or in a terminal:  vault-cli grant cosign { $id }
console-signed-first = You signed it first: another person allowed to sign must add the second signature.
console-not-this-grant = Its signed bytes do not describe this grant: there is nothing to sign here. Tell IT.
console-done-cosigned = Second signature added to grant { $id } (signed first by { $first }): it now serves { $grantee } on { $accounts }.

report-request-loops = Requests: when the authority was told, when she decided, when the requester was told
report-decision-approved = approved
report-decision-denied = denied
col-authority-told = Authority told
col-reminded = Reminded
col-decided = Decided
col-decision = Decision
col-requester-told = Requester told
col-not-delivered = Messages not delivered

