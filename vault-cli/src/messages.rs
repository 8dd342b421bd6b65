//! Every sentence `vault-cli` prints, by its id in `vault-cli/i18n/<lang>/vault-cli.ftl` (see
//! `vaultd::i18n`).

use vaultd::msg;

vaultd::catalog!(
    /// vault-cli's words, one Fluent file per language.
    pub CATALOG,
    fr: include_str!("../i18n/fr/vault-cli.ftl"),
    en: include_str!("../i18n/en/vault-cli.ftl")
);

#[cfg(test)]
#[test]
fn french_and_english_have_the_same_ids_and_placeholders() {
    let problems = CATALOG.parity();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// One word per concept in French: a checkpoint is "point de contrôle" (the word stays only
/// as the file's name), and an art. 3 grant is an "autorisation", never a "permis".
#[cfg(test)]
#[test]
fn french_says_point_de_controle_and_autorisation() {
    for (file, text) in [
        ("vault-cli.ftl", include_str!("../i18n/fr/vault-cli.ftl")),
        ("vaultd.ftl", include_str!("../../i18n/fr/vaultd.ftl")),
    ] {
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let words = line.split_once(" = ").map_or(line, |(_, words)| words);
            let named_file = words
                .replace("/checkpoint", "")
                .replace("entries.jsonl, checkpoint", "")
                .replace("entries.jsonl et checkpoint", "");
            assert!(!named_file.contains("checkpoint"), "{file}: {line}");
            assert!(!words.contains(" permis "), "{file}: {line}");
        }
    }
}

msg!(crate::messages::CATALOG, ERROR_PREFIX = "error-prefix");
msg!(crate::messages::CATALOG, NO_IDENTITY = "no-identity");
msg!(
    crate::messages::CATALOG,
    IDENTITY_UNREADABLE = "identity-unreadable"
);
msg!(
    crate::messages::CATALOG,
    ASK_IDENTITY_PASSPHRASE = "ask-identity-passphrase"
);
msg!(
    crate::messages::CATALOG,
    ASK_NEW_PASSPHRASE = "ask-new-passphrase"
);
msg!(
    crate::messages::CATALOG,
    NO_PASSPHRASE_GIVEN = "no-passphrase-given"
);
msg!(
    crate::messages::CATALOG,
    PASSPHRASE_FILE_MISSING = "passphrase-file-missing"
);
msg!(
    crate::messages::CATALOG,
    PASSPHRASE_FILE_PERMISSIONS = "passphrase-file-permissions"
);
msg!(
    crate::messages::CATALOG,
    PASSPHRASE_FILE_EMPTY = "passphrase-file-empty"
);
msg!(
    crate::messages::CATALOG,
    ASK_CURRENT_UNSEAL_PASSPHRASE = "ask-current-unseal-passphrase"
);
msg!(
    crate::messages::CATALOG,
    ASK_NEW_UNSEAL_PASSPHRASE = "ask-new-unseal-passphrase"
);
msg!(
    crate::messages::CATALOG,
    WRAP_UNSEAL_KEY = "wrap-unseal-key"
);
msg!(
    crate::messages::CATALOG,
    WRAP_PASSPHRASE = "wrap-passphrase"
);
msg!(crate::messages::CATALOG, WRAP_ESCROW = "wrap-escrow");
msg!(
    crate::messages::CATALOG,
    KEY_CHANGE_PROPOSED = "key-change-proposed"
);
msg!(
    crate::messages::CATALOG,
    KEY_CHANGE_APPROVED = "key-change-approved"
);
msg!(crate::messages::CATALOG, WAITING = "wait-waiting");
msg!(
    crate::messages::CATALOG,
    EXPORT_INCOMPLETE = "export-incomplete"
);
msg!(crate::messages::CATALOG, WAIT_ENDED = "wait-ended");
msg!(crate::messages::CATALOG, WAIT_APPROVED = "wait-approved");
msg!(crate::messages::CATALOG, WAIT_DENIED = "wait-denied");
msg!(crate::messages::CATALOG, WAIT_TIMED_OUT = "wait-timed-out");
msg!(crate::messages::CATALOG, UNLIMITED = "wait-unlimited");
msg!(
    crate::messages::CATALOG,
    KEY_CHANGE_TO_APPROVE = "key-change-to-approve"
);
msg!(crate::messages::CATALOG, NO_KEY_CHANGE = "no-key-change");
msg!(
    crate::messages::CATALOG,
    AMBIGUOUS_KEY_CHANGE = "ambiguous-key-change"
);
msg!(
    crate::messages::CATALOG,
    CUSTODY_ESCROW_ADD = "custody-escrow-add"
);
msg!(
    crate::messages::CATALOG,
    CUSTODY_UNSEAL_REPLACE = "custody-unseal-replace"
);
msg!(crate::messages::CATALOG, ESCROW_REMOVED = "escrow-removed");
msg!(
    crate::messages::CATALOG,
    UNSEAL_KEY_PROPOSED = "unseal-key-proposed"
);
msg!(
    crate::messages::CATALOG,
    UNSEAL_KEY_KEPT = "unseal-key-kept"
);
msg!(
    crate::messages::CATALOG,
    RENEWED_ELSEWHERE = "renewed-elsewhere"
);
msg!(crate::messages::CATALOG, TLS_EXPORTED = "tls-exported");
msg!(
    crate::messages::CATALOG,
    WITNESS_CREATED = "witness-created"
);
msg!(
    crate::messages::CATALOG,
    WITNESS_BAD_NAME = "witness-bad-name"
);
msg!(
    crate::messages::CATALOG,
    WITNESS_BAD_KEY = "witness-bad-key"
);
msg!(
    crate::messages::CATALOG,
    WITNESS_STATE_FROM_RECORD = "witness-state-from-record"
);
msg!(
    crate::messages::CATALOG,
    WITNESS_HISTORY_UNKNOWN = "witness-history-unknown"
);
msg!(crate::messages::CATALOG, WITNESS_RESET = "witness-reset");
msg!(crate::messages::CATALOG, WITNESS_ADDED = "witness-added");
msg!(
    crate::messages::CATALOG,
    WITNESS_REMOVED = "witness-removed"
);
msg!(
    crate::messages::CATALOG,
    WITNESS_NONE_LISTED = "witness-none-listed"
);
msg!(
    crate::messages::CATALOG,
    WITNESS_NOT_LISTED = "witness-not-listed"
);
msg!(
    crate::messages::CATALOG,
    WITNESS_OTHER_KEY = "witness-other-key"
);
msg!(
    crate::messages::CATALOG,
    WITNESS_BAD_CHECKPOINT = "witness-bad-checkpoint"
);
msg!(
    crate::messages::CATALOG,
    WITNESS_NOT_EXTENDING = "witness-not-extending"
);
msg!(
    crate::messages::CATALOG,
    WITNESS_COSIGNED = "witness-cosigned"
);
msg!(
    crate::messages::CATALOG,
    WITNESS_COSIGNED_FIRST = "witness-cosigned-first"
);
msg!(
    crate::messages::CATALOG,
    WITNESS_VOUCHED = "witness-vouched"
);
msg!(
    crate::messages::CATALOG,
    WITNESS_NOT_VOUCHED = "witness-not-vouched"
);
msg!(crate::messages::CATALOG, MAN_WRITTEN = "man-written");
msg!(
    crate::messages::CATALOG,
    PASSPHRASE_CHANGED = "passphrase-changed"
);
msg!(crate::messages::CATALOG, ASK_AGAIN = "ask-again");
msg!(
    crate::messages::CATALOG,
    PASSPHRASE_MISMATCH = "passphrase-mismatch"
);
msg!(
    crate::messages::CATALOG,
    ASK_UNSEAL_PASSPHRASE = "ask-unseal-passphrase"
);
msg!(
    crate::messages::CATALOG,
    CERTIFICATE_REVOKED = "certificate-revoked"
);
msg!(crate::messages::CATALOG, CLOSED_EARLY = "closed-early");
msg!(crate::messages::CATALOG, CANNOT_REACH = "cannot-reach");
msg!(crate::messages::CATALOG, SERVER_ERROR = "server-error");
msg!(crate::messages::CATALOG, MORE_ENTRIES = "more-entries");
msg!(crate::messages::CATALOG, READ_FAILED = "read-failed");
msg!(crate::messages::CATALOG, WRITE_FAILED = "write-failed");
msg!(crate::messages::CATALOG, STDIN_FAILED = "stdin-failed");
msg!(
    crate::messages::CATALOG,
    STDIN_NEEDS_TWO_LINES = "stdin-needs-two-lines"
);
msg!(crate::messages::CATALOG, NOTHING_TO_SET = "nothing-to-set");
msg!(
    crate::messages::CATALOG,
    NOT_AN_ENROLLMENT = "not-an-enrollment"
);
msg!(
    crate::messages::CATALOG,
    ENROLLMENT_MISMATCH = "enrollment-mismatch"
);
msg!(
    crate::messages::CATALOG,
    ENROLLMENT_KEY_MISMATCH = "enrollment-key-mismatch"
);

msg!(
    crate::messages::CATALOG,
    IDENTITY_CREATED = "identity-created"
);
msg!(
    crate::messages::CATALOG,
    IDENTITY_INSTALLED = "identity-installed"
);
msg!(crate::messages::CATALOG, ENROLLED = "enrolled");
msg!(
    crate::messages::CATALOG,
    PRINCIPAL_DISABLED = "principal-disabled"
);
msg!(
    crate::messages::CATALOG,
    PRINCIPAL_ROLES = "principal-roles"
);
msg!(crate::messages::CATALOG, ACCOUNT_ADDED = "account-added");
msg!(
    crate::messages::CATALOG,
    ACCOUNT_ARCHIVED = "account-archived"
);
msg!(crate::messages::CATALOG, ACCOUNT_SET = "account-set");
msg!(crate::messages::CATALOG, SECRET_SET = "secret-set");
msg!(
    crate::messages::CATALOG,
    SECRET_GENERATED = "secret-generated"
);
msg!(crate::messages::CATALOG, NO_VERSIONS = "no-versions");
msg!(
    crate::messages::CATALOG,
    ROTATION_STAGED = "rotation-staged"
);
msg!(
    crate::messages::CATALOG,
    ROTATION_STAGED_TOTP = "rotation-staged-totp"
);
msg!(
    crate::messages::CATALOG,
    ROTATION_CURRENT = "rotation-current"
);
msg!(crate::messages::CATALOG, ROTATION_NEW = "rotation-new");
msg!(crate::messages::CATALOG, ROTATION_PAGE = "rotation-page");
msg!(crate::messages::CATALOG, ROTATION_NEXT = "rotation-next");
msg!(
    crate::messages::CATALOG,
    ROTATION_CONFIRMED = "rotation-confirmed"
);
msg!(
    crate::messages::CATALOG,
    ROTATION_ABORTED = "rotation-aborted"
);
msg!(crate::messages::CATALOG, SEALED_NOW = "sealed-now");
msg!(crate::messages::CATALOG, ALREADY_SEALED = "already-sealed");
msg!(crate::messages::CATALOG, BACKUP_WRITTEN = "backup-written");
msg!(crate::messages::CATALOG, BACKUP_EXISTS = "backup-exists");
msg!(
    crate::messages::CATALOG,
    BACKUP_TRUNCATED = "backup-truncated"
);
msg!(crate::messages::CATALOG, UNSEALED_NOW = "unsealed-now");
msg!(
    crate::messages::CATALOG,
    ALREADY_UNSEALED = "already-unsealed"
);
msg!(crate::messages::CATALOG, STATUS = "status");
/// Grant and request states, as `grant list` shows them.
pub mod state {
    use vaultd::msg;
    msg!(crate::messages::CATALOG, ACTIVE = "state-active");
    msg!(crate::messages::CATALOG, EXPIRED = "state-expired");
    msg!(
        crate::messages::CATALOG,
        NOT_YET_VALID = "state-not-yet-valid"
    );
    msg!(crate::messages::CATALOG, REVOKED = "state-revoked");
    msg!(crate::messages::CATALOG, EXHAUSTED = "state-exhausted");
    msg!(crate::messages::CATALOG, SUPERSEDED = "state-superseded");
    msg!(
        crate::messages::CATALOG,
        AWAITING_SECOND_SIGNATURE = "state-awaiting-second-signature"
    );
    msg!(
        crate::messages::CATALOG,
        GRANTEE_DISABLED = "state-grantee-disabled"
    );
    msg!(crate::messages::CATALOG, PENDING = "state-pending");
    msg!(crate::messages::CATALOG, APPROVED = "state-approved");
    msg!(crate::messages::CATALOG, DENIED = "state-denied");

    /// A state code in the reader's language (the code itself when unknown).
    pub fn name(lang: vaultd::i18n::Lang, code: &str) -> String {
        let msg = match code {
            "active" => ACTIVE,
            "expired" => EXPIRED,
            "not_yet_valid" => NOT_YET_VALID,
            "revoked" => REVOKED,
            "exhausted" => EXHAUSTED,
            "superseded" => SUPERSEDED,
            "awaiting_second_signature" => AWAITING_SECOND_SIGNATURE,
            "grantee_disabled" => GRANTEE_DISABLED,
            "pending" => PENDING,
            "approved" => APPROVED,
            "denied" => DENIED,
            _ => return code.to_owned(),
        };
        msg.text(lang).to_owned()
    }
}
msg!(crate::messages::CATALOG, STATE_SEALED = "state-sealed");
msg!(crate::messages::CATALOG, STATE_UNSEALED = "state-unsealed");
msg!(crate::messages::CATALOG, WHOAMI = "whoami");
msg!(crate::messages::CATALOG, EXPIRED = "expired");
msg!(crate::messages::CATALOG, DAYS_LEFT = "days-left");
msg!(crate::messages::CATALOG, RENEW_SOON = "renew-soon");
msg!(
    crate::messages::CATALOG,
    PRINCIPAL_ENABLED = "principal-enabled"
);
msg!(crate::messages::CATALOG, RENEWED = "renewed");
msg!(crate::messages::CATALOG, SAME_KEY = "same-key");
msg!(crate::messages::CATALOG, NEW_KEY = "new-key");
msg!(
    crate::messages::CATALOG,
    REQUEST_CREATED = "request-created"
);
msg!(crate::messages::CATALOG, REQUEST_DENIED = "request-denied");
msg!(
    crate::messages::CATALOG,
    GRANT_REGISTERED = "grant-registered"
);
msg!(crate::messages::CATALOG, SELF_GRANT = "self-grant");
msg!(crate::messages::CATALOG, GRANT_REVOKED = "grant-revoked");
msg!(crate::messages::CATALOG, NEED_DURATION = "need-duration");
msg!(
    crate::messages::CATALOG,
    EXPECTED_DURATION = "expected-duration"
);
msg!(
    crate::messages::CATALOG,
    EXPECTED_TIME_OR_DATE = "expected-time-or-date"
);
msg!(
    crate::messages::CATALOG,
    EXPECTED_TIME_ZONE = "expected-time-zone"
);
msg!(crate::messages::CATALOG, NO_SIGNING_KEY = "no-signing-key");
msg!(
    crate::messages::CATALOG,
    CREDENTIAL_META = "credential-meta"
);
msg!(crate::messages::CATALOG, TOTP_VALID_FOR = "totp-valid-for");
msg!(crate::messages::CATALOG, LOGIN_LINE = "login-line");
msg!(crate::messages::CATALOG, PASSWORD_LINE = "password-line");
msg!(
    crate::messages::CATALOG,
    PASSWORD_LINE_CLIPPED = "password-line-clipped"
);
msg!(crate::messages::CATALOG, TOTP_LINE = "totp-line");
msg!(
    crate::messages::CATALOG,
    TOTP_LINE_NO_SEED = "totp-line-no-seed"
);
msg!(
    crate::messages::CATALOG,
    CLIP_NO_DISPLAY = "clip-no-display"
);
msg!(crate::messages::CATALOG, CLIP_FAILED = "clip-failed");
msg!(crate::messages::CATALOG, CLIP_COPIED = "clip-copied");
msg!(crate::messages::CATALOG, CLIP_CLEARED = "clip-cleared");
msg!(crate::messages::CATALOG, CLIP_REPLACED = "clip-replaced");
msg!(crate::messages::CATALOG, NO_GRANTS = "no-grants");
msg!(crate::messages::CATALOG, NO_REQUESTS = "no-requests");
msg!(
    crate::messages::CATALOG,
    ROTATION_RECOMMENDED_SINCE = "rotation-recommended-since"
);
msg!(
    crate::messages::CATALOG,
    ROTATION_DUE_SINCE = "rotation-due-since"
);
msg!(
    crate::messages::CATALOG,
    MAX_AGE_DEFAULT = "max-age-default"
);
msg!(
    crate::messages::CATALOG,
    CHANGE_PAGE_PLATFORM = "change-page-platform"
);
msg!(
    crate::messages::CATALOG,
    STAGED_PASSWORD = "staged-password"
);
msg!(crate::messages::CATALOG, STAGED_TOTP = "staged-totp");
msg!(crate::messages::CATALOG, STAGED_STALE = "staged-stale");
msg!(crate::messages::CATALOG, AUTHORITY_KEY = "authority-key");
msg!(
    crate::messages::CATALOG,
    AUTHORITY_ROTATION_ENDED = "authority-rotation-ended"
);
msg!(
    crate::messages::CATALOG,
    AUTHORITY_ROTATION_ENDED_NONE = "authority-rotation-ended-none"
);
msg!(
    crate::messages::CATALOG,
    SIGNING_KEY_CREATED = "signing-key-created"
);
msg!(
    crate::messages::CATALOG,
    DELEGATION_REGISTERED = "delegation-registered"
);
msg!(
    crate::messages::CATALOG,
    DELEGATION_SUMMARY = "delegation-summary"
);
msg!(
    crate::messages::CATALOG,
    APPROVALS_SUMMARY_TWO = "approvals-summary-two"
);
msg!(
    crate::messages::CATALOG,
    APPROVALS_SUMMARY_ONE = "approvals-summary-one"
);
msg!(
    crate::messages::CATALOG,
    APPROVALS_SET_TWO = "approvals-set-two"
);
msg!(
    crate::messages::CATALOG,
    APPROVALS_SET_ONE = "approvals-set-one"
);
msg!(crate::messages::CATALOG, SIGNATURES_TWO = "signatures-two");
msg!(crate::messages::CATALOG, COSIGN_SUMMARY = "cosign-summary");
msg!(crate::messages::CATALOG, GRANT_COSIGNED = "grant-cosigned");
msg!(
    crate::messages::CATALOG,
    PENDING_AWAITING_SECOND_SIGNATURE = "pending-awaiting-second-signature"
);
msg!(
    crate::messages::CATALOG,
    COSIGN_NOT_THIS_GRANT = "cosign-not-this-grant"
);
msg!(
    crate::messages::CATALOG,
    SECOND_SIGNATURE_BY = "second-signature-by"
);
msg!(
    crate::messages::CATALOG,
    SECOND_SIGNATURE_WAITING = "second-signature-waiting"
);
msg!(crate::messages::CATALOG, SECOND_SIGNERS = "second-signers");
msg!(
    crate::messages::CATALOG,
    SECOND_SIGNERS_NONE = "second-signers-none"
);
msg!(
    crate::messages::CATALOG,
    DELEGATION_REVOKED = "delegation-revoked"
);
msg!(
    crate::messages::CATALOG,
    DELEGATION_GRANTS_ENDED = "delegation-grants-ended"
);
msg!(
    crate::messages::CATALOG,
    DELEGATION_GRANTS_STAY_LIVE = "delegation-grants-stay-live"
);
msg!(
    crate::messages::CATALOG,
    DELEGATION_ALL_ACCOUNTS = "delegation-all-accounts"
);
msg!(crate::messages::CATALOG, NO_DELEGATIONS = "no-delegations");
msg!(
    crate::messages::CATALOG,
    DELEGATE_KEY_UNREADABLE = "delegate-key-unreadable"
);
msg!(crate::messages::CATALOG, AUDIT_EXPORTED = "audit-exported");
msg!(crate::messages::CATALOG, AUDIT_VERIFIED = "audit-verified");
msg!(crate::messages::CATALOG, AUDIT_EXTENDS = "audit-extends");
msg!(
    crate::messages::CATALOG,
    AUDIT_VERIFY_FAILED = "audit-verify-failed"
);
msg!(crate::messages::CATALOG, PROOF_VERIFIED = "proof-verified");
msg!(crate::messages::CATALOG, PROOF_WRITTEN = "proof-written");
msg!(
    crate::messages::CATALOG,
    BAD_VERIFIER_KEY = "bad-verifier-key"
);
msg!(crate::messages::CATALOG, DIR_NOT_EMPTY = "dir-not-empty");
msg!(
    crate::messages::CATALOG,
    IDENTITY_PERMISSIONS = "identity-permissions"
);
msg!(
    crate::messages::CATALOG,
    IDENTITY_FORMAT = "identity-format"
);
msg!(
    crate::messages::CATALOG,
    IDENTITY_PASSPHRASE = "identity-passphrase"
);
msg!(crate::messages::CATALOG, FILE_EXISTS = "file-exists");
msg!(crate::messages::CATALOG, ENCRYPT_FAILED = "encrypt-failed");
msg!(
    crate::messages::CATALOG,
    NOT_ENROLLED_YET = "not-enrolled-yet"
);
msg!(crate::messages::CATALOG, BAD_ADDRESS = "bad-address");
msg!(
    crate::messages::CATALOG,
    SERVER_NOT_HTTPS = "server-not-https"
);
msg!(crate::messages::CATALOG, YES = "yes");
msg!(crate::messages::CATALOG, NO = "no");

/// Column headings.
pub mod head {
    use vaultd::msg;
    msg!(crate::messages::CATALOG, EXPIRES = "head-expires");
    msg!(crate::messages::CATALOG, KIND = "head-kind");
    msg!(crate::messages::CATALOG, RECIPIENT = "head-recipient");
    msg!(crate::messages::CATALOG, CHANGE = "head-change");
    msg!(crate::messages::CATALOG, PROPOSED_BY = "head-proposed-by");
    msg!(crate::messages::CATALOG, PROPOSED_AT = "head-proposed-at");
    msg!(crate::messages::CATALOG, SINCE = "head-since");
    msg!(crate::messages::CATALOG, ID = "head-id");
    msg!(crate::messages::CATALOG, PLATFORM = "head-platform");
    msg!(crate::messages::CATALOG, LOGIN = "head-login");
    msg!(crate::messages::CATALOG, VERSION = "head-version");
    msg!(crate::messages::CATALOG, TOTP = "head-totp");
    msg!(crate::messages::CATALOG, STATE = "head-state");
    msg!(crate::messages::CATALOG, ROTATION = "head-rotation");
    msg!(crate::messages::CATALOG, MAX_AGE = "head-max-age");
    msg!(crate::messages::CATALOG, CHANGE_PAGE = "head-change-page");
    msg!(crate::messages::CATALOG, NAME = "head-name");
    msg!(crate::messages::CATALOG, VERIFIER_KEY = "head-verifier-key");
    msg!(crate::messages::CATALOG, ROLES = "head-roles");
    msg!(crate::messages::CATALOG, CREATED = "head-created");
    msg!(crate::messages::CATALOG, BY = "head-by");
    msg!(crate::messages::CATALOG, REASON = "head-reason");
    msg!(crate::messages::CATALOG, FIELDS = "head-fields");
    msg!(crate::messages::CATALOG, URL = "head-url");
    msg!(crate::messages::CATALOG, NOTE = "head-note");
    msg!(crate::messages::CATALOG, FINGERPRINT = "head-fingerprint");
    msg!(crate::messages::CATALOG, ACTIVE = "head-active");
    msg!(crate::messages::CATALOG, ARCHIVED = "head-archived");
    msg!(crate::messages::CATALOG, DISABLED = "head-disabled");
    msg!(crate::messages::CATALOG, ENABLED = "head-enabled");
    msg!(crate::messages::CATALOG, GENERATED = "head-generated");
    msg!(crate::messages::CATALOG, ROTATED = "head-rotated");
    msg!(crate::messages::CATALOG, STAGED = "head-staged");
    msg!(crate::messages::CATALOG, SIGNATURES = "head-signatures");
    msg!(
        crate::messages::CATALOG,
        SECOND_SIGNATURE = "head-second-signature"
    );
    msg!(crate::messages::CATALOG, GRANT = "head-grant");
    msg!(crate::messages::CATALOG, SEQ = "head-seq");
    msg!(crate::messages::CATALOG, TIME = "head-time");
    msg!(crate::messages::CATALOG, PRINCIPAL = "head-principal");
    msg!(crate::messages::CATALOG, ACTION = "head-action");
    msg!(crate::messages::CATALOG, TARGET = "head-target");
    msg!(crate::messages::CATALOG, OUTCOME = "head-outcome");
    msg!(crate::messages::CATALOG, REQUEST = "head-request");
    msg!(crate::messages::CATALOG, GRANTEE = "head-grantee");
    msg!(crate::messages::CATALOG, ACCOUNTS = "head-accounts");
    msg!(crate::messages::CATALOG, UNTIL = "head-until");
    msg!(crate::messages::CATALOG, FROM = "head-from");
    msg!(crate::messages::CATALOG, DELEGATION = "head-delegation");
    msg!(crate::messages::CATALOG, DELEGATE = "head-delegate");
    msg!(crate::messages::CATALOG, USES = "head-uses");
    msg!(crate::messages::CATALOG, PURPOSE = "head-purpose");
    msg!(crate::messages::CATALOG, REQUESTER = "head-requester");
    msg!(crate::messages::CATALOG, DURATION = "head-duration");
}

/// Why an offline verification failed (`audit verify`, `audit verify-proof`).
pub mod verify {
    use vaultd::msg;
    msg!(crate::messages::CATALOG, IO = "verify-io");
    msg!(crate::messages::CATALOG, CHECKPOINT = "verify-checkpoint");
    msg!(crate::messages::CATALOG, SINCE = "verify-since");
    msg!(crate::messages::CATALOG, MALFORMED = "verify-malformed");
    msg!(crate::messages::CATALOG, SEQUENCE = "verify-sequence");
    msg!(crate::messages::CATALOG, SIZE = "verify-size");
    msg!(crate::messages::CATALOG, ROOT = "verify-root");
    msg!(
        crate::messages::CATALOG,
        NOT_EXTENDING = "verify-not-extending"
    );
    msg!(crate::messages::CATALOG, SHRUNK = "verify-shrunk");
    msg!(crate::messages::CATALOG, PROOF = "verify-proof");
    msg!(
        crate::messages::CATALOG,
        NOT_INCLUDED = "verify-not-included"
    );
    msg!(crate::messages::CATALOG, BAD_KEY = "verify-bad-key");
    msg!(
        crate::messages::CATALOG,
        NOTE_MALFORMED = "verify-note-malformed"
    );
    msg!(
        crate::messages::CATALOG,
        NOT_SIGNED_BY = "verify-not-signed-by"
    );
    msg!(
        crate::messages::CATALOG,
        BAD_SIGNATURE = "verify-bad-signature"
    );
    msg!(
        crate::messages::CATALOG,
        BAD_CHECKPOINT = "verify-bad-checkpoint"
    );
    msg!(
        crate::messages::CATALOG,
        BAD_AUTHORITY_KEY = "verify-bad-authority-key"
    );
    msg!(
        crate::messages::CATALOG,
        CHAIN_MALFORMED = "verify-chain-malformed"
    );
    msg!(
        crate::messages::CATALOG,
        CHAIN_DELEGATION_MISSING = "verify-chain-delegation-missing"
    );
    msg!(
        crate::messages::CATALOG,
        CHAIN_UNKNOWN_KEY = "verify-chain-unknown-key"
    );
    msg!(
        crate::messages::CATALOG,
        CHAIN_DELEGATION_SIGNATURE = "verify-chain-delegation-signature"
    );
    msg!(
        crate::messages::CATALOG,
        CHAIN_GRANT_MISSING = "verify-chain-grant-missing"
    );
    msg!(
        crate::messages::CATALOG,
        CHAIN_GRANT_SIGNATURE = "verify-chain-grant-signature"
    );
    msg!(
        crate::messages::CATALOG,
        CHAIN_WINDOW = "verify-chain-window"
    );
    msg!(crate::messages::CATALOG, CHAIN_SCOPE = "verify-chain-scope");
    msg!(
        crate::messages::CATALOG,
        CHAIN_REVOKED = "verify-chain-revoked"
    );
    msg!(crate::messages::CATALOG, CHAINS_HOLD = "verify-chains-hold");
    msg!(
        crate::messages::CATALOG,
        SIGNED_GRANT_MISSING = "verify-signed-grant-missing"
    );
    msg!(
        crate::messages::CATALOG,
        SIGNED_GRANT_UNKNOWN_KEY = "verify-signed-grant-unknown-key"
    );
    msg!(
        crate::messages::CATALOG,
        SIGNED_GRANT_SIGNATURE = "verify-signed-grant-signature"
    );
    msg!(
        crate::messages::CATALOG,
        SIGNED_GRANT_DISAGREES = "verify-signed-grant-disagrees"
    );
    msg!(
        crate::messages::CATALOG,
        COSIGN_MISSING = "verify-cosign-missing"
    );
    msg!(
        crate::messages::CATALOG,
        COSIGN_DISAGREES = "verify-cosign-disagrees"
    );
    msg!(
        crate::messages::CATALOG,
        COSIGN_UNKNOWN_KEY = "verify-cosign-unknown-key"
    );
    msg!(
        crate::messages::CATALOG,
        COSIGN_DELEGATION = "verify-cosign-delegation"
    );
    msg!(
        crate::messages::CATALOG,
        COSIGN_WINDOW = "verify-cosign-window"
    );
    msg!(
        crate::messages::CATALOG,
        COSIGN_SCOPE = "verify-cosign-scope"
    );
    msg!(
        crate::messages::CATALOG,
        COSIGN_REVOKED = "verify-cosign-revoked"
    );
    msg!(
        crate::messages::CATALOG,
        COSIGN_SAME_KEY = "verify-cosign-same-key"
    );
    msg!(
        crate::messages::CATALOG,
        COSIGN_SIGNATURE = "verify-cosign-signature"
    );
    msg!(
        crate::messages::CATALOG,
        APPROVALS_MISSING = "verify-approvals-missing"
    );
    msg!(
        crate::messages::CATALOG,
        APPROVALS_UNKNOWN_KEY = "verify-approvals-unknown-key"
    );
    msg!(
        crate::messages::CATALOG,
        APPROVALS_SIGNATURE = "verify-approvals-signature"
    );
    msg!(
        crate::messages::CATALOG,
        SIGNATURES_HOLD = "verify-signatures-hold"
    );
    msg!(
        crate::messages::CATALOG,
        NOT_CHECKED_GRANTS = "verify-not-checked-grants"
    );
    msg!(
        crate::messages::CATALOG,
        NOT_CHECKED_COSIGNATURES = "verify-not-checked-cosignatures"
    );
    msg!(
        crate::messages::CATALOG,
        NOT_CHECKED_APPROVALS = "verify-not-checked-approvals"
    );
}

/// The review report (`audit report`): titles, header lines, section names, legends.
pub mod report {
    use vaultd::msg;
    msg!(
        crate::messages::CATALOG,
        REQUEST_LOOPS = "report-request-loops"
    );
    msg!(
        crate::messages::CATALOG,
        APPROVED = "report-decision-approved"
    );
    msg!(crate::messages::CATALOG, DENIED = "report-decision-denied");
    msg!(crate::messages::CATALOG, TITLE = "report-title");
    msg!(crate::messages::CATALOG, VAULT = "report-vault");
    msg!(crate::messages::CATALOG, CHECKPOINT = "report-checkpoint");
    msg!(
        crate::messages::CATALOG,
        CHECKPOINT_VALUE = "report-checkpoint-value"
    );
    msg!(crate::messages::CATALOG, WITNESSES = "report-witnesses");
    msg!(
        crate::messages::CATALOG,
        WITNESS_VALUE = "report-witness-value"
    );
    msg!(crate::messages::CATALOG, NO_WITNESS = "report-no-witness");
    msg!(crate::messages::CATALOG, PERIOD = "report-period");
    msg!(
        crate::messages::CATALOG,
        PERIOD_START = "report-period-start"
    );
    msg!(crate::messages::CATALOG, PERIOD_END = "report-period-end");
    msg!(crate::messages::CATALOG, ENTRIES = "report-entries");
    msg!(
        crate::messages::CATALOG,
        ENTRIES_VALUE = "report-entries-value"
    );
    msg!(crate::messages::CATALOG, AS_OF = "report-as-of");
    msg!(crate::messages::CATALOG, GENERATED = "report-generated");
    msg!(crate::messages::CATALOG, TIMES_IN = "report-times-in");
    msg!(
        crate::messages::CATALOG,
        BUSINESS_HOURS = "report-business-hours"
    );
    msg!(crate::messages::CATALOG, SOURCE = "report-source");
    msg!(
        crate::messages::CATALOG,
        SOURCE_OFFLINE = "report-source-offline"
    );
    msg!(
        crate::messages::CATALOG,
        SOURCE_ONLINE = "report-source-online"
    );
    msg!(crate::messages::CATALOG, SUMMARY = "report-summary");
    msg!(crate::messages::CATALOG, RELEASES = "report-releases");
    msg!(crate::messages::CATALOG, TIMELINE = "report-timeline");
    msg!(
        crate::messages::CATALOG,
        LEGEND_RELEASE = "report-legend-release"
    );
    msg!(
        crate::messages::CATALOG,
        LEGEND_GRANT = "report-legend-grant"
    );
    msg!(
        crate::messages::CATALOG,
        LEGEND_DENIAL = "report-legend-denial"
    );
    msg!(
        crate::messages::CATALOG,
        MARK_RELEASES = "report-mark-releases"
    );
    msg!(
        crate::messages::CATALOG,
        MARK_DENIALS = "report-mark-denials"
    );
    msg!(crate::messages::CATALOG, GRANTS = "report-grants");
    msg!(
        crate::messages::CATALOG,
        GRANTS_ISSUED = "report-grants-issued"
    );
    msg!(
        crate::messages::CATALOG,
        GRANTS_APPROVED = "report-grants-approved"
    );
    msg!(crate::messages::CATALOG, REQUESTS = "report-requests");
    msg!(
        crate::messages::CATALOG,
        REQUESTS_DENIED = "report-requests-denied"
    );
    msg!(
        crate::messages::CATALOG,
        GRANTS_REVOKED = "report-grants-revoked"
    );
    msg!(
        crate::messages::CATALOG,
        GRANTS_EXPIRED_UNUSED = "report-grants-expired-unused"
    );
    msg!(crate::messages::CATALOG, SELF_GRANTS = "report-self-grants");
    msg!(
        crate::messages::CATALOG,
        GRANTS_SUPERSEDED = "report-grants-superseded"
    );
    msg!(crate::messages::CATALOG, NON_ADMIN = "report-non-admin");
    msg!(crate::messages::CATALOG, DENIALS = "report-denials");
    msg!(
        crate::messages::CATALOG,
        ADMIN_EVENTS = "report-admin-events"
    );
    msg!(crate::messages::CATALOG, ROTATION = "report-rotation");
    msg!(
        crate::messages::CATALOG,
        ROTATION_PENDING = "report-rotation-pending"
    );
    msg!(
        crate::messages::CATALOG,
        ROTATIONS_DONE = "report-rotations-done"
    );
    msg!(
        crate::messages::CATALOG,
        STAGINGS_UNCONFIRMED = "report-stagings-unconfirmed"
    );
    msg!(
        crate::messages::CATALOG,
        CAUSE_EXPOSURE = "report-cause-exposure"
    );
    msg!(crate::messages::CATALOG, CAUSE_AGE = "report-cause-age");
    msg!(crate::messages::CATALOG, CAUSE_NONE = "report-cause-none");
    msg!(
        crate::messages::CATALOG,
        STILL_STAGED = "report-still-staged"
    );
    msg!(crate::messages::CATALOG, DELEGATIONS = "report-delegations");
    msg!(
        crate::messages::CATALOG,
        DELEGATION_SELF_GRANTS = "report-delegation-self-grants"
    );
    msg!(crate::messages::CATALOG, ACTING_FOR = "report-acting-for");
    msg!(
        crate::messages::CATALOG,
        ALL_ACCOUNTS = "report-all-accounts"
    );
    msg!(crate::messages::CATALOG, OFF_HOURS = "report-off-hours");
    msg!(
        crate::messages::CATALOG,
        RELEASES_TOTAL = "report-releases-total"
    );
    msg!(crate::messages::CATALOG, NONE = "report-none");
    msg!(crate::messages::CATALOG, UNKNOWN = "report-unknown");
    msg!(crate::messages::CATALOG, MORE_ROWS = "report-more-rows");
    msg!(
        crate::messages::CATALOG,
        NO_ACCOUNT_ACTIVITY = "report-no-account-activity"
    );
    msg!(crate::messages::CATALOG, WRITTEN = "report-written");
    msg!(crate::messages::CATALOG, BAD_HOURS = "report-bad-hours");
    msg!(crate::messages::CATALOG, KEY_NEEDED = "report-key-needed");
    msg!(crate::messages::CATALOG, VERIFYING = "report-verifying");
    msg!(crate::messages::CATALOG, EXPORTING = "report-exporting");
}

/// The report's column headings (CSV and HTML use them as they are, text in capitals).
pub mod col {
    use vaultd::msg;
    msg!(crate::messages::CATALOG, SECTION = "col-section");
    msg!(crate::messages::CATALOG, SEQ = "col-seq");
    msg!(crate::messages::CATALOG, TIME = "col-time");
    msg!(crate::messages::CATALOG, ACCOUNT = "col-account");
    msg!(crate::messages::CATALOG, PRINCIPAL = "col-principal");
    msg!(crate::messages::CATALOG, FIELD = "col-field");
    msg!(crate::messages::CATALOG, GRANT = "col-grant");
    msg!(crate::messages::CATALOG, PURPOSE = "col-purpose");
    msg!(crate::messages::CATALOG, GRANTEE = "col-grantee");
    msg!(crate::messages::CATALOG, ACCOUNTS = "col-accounts");
    msg!(crate::messages::CATALOG, FROM = "col-from");
    msg!(crate::messages::CATALOG, UNTIL = "col-until");
    msg!(crate::messages::CATALOG, ISSUED_BY = "col-issued-by");
    msg!(crate::messages::CATALOG, REQUEST = "col-request");
    msg!(crate::messages::CATALOG, USES = "col-uses");
    msg!(crate::messages::CATALOG, REASON = "col-reason");
    msg!(crate::messages::CATALOG, BY = "col-by");
    msg!(crate::messages::CATALOG, ACTION = "col-action");
    msg!(crate::messages::CATALOG, TARGET = "col-target");
    msg!(crate::messages::CATALOG, DETAIL = "col-detail");
    msg!(crate::messages::CATALOG, SINCE = "col-since");
    msg!(crate::messages::CATALOG, VERSION = "col-version");
    msg!(crate::messages::CATALOG, CAUSE = "col-cause");
    msg!(crate::messages::CATALOG, TOOK = "col-took");
    msg!(crate::messages::CATALOG, STAGED = "col-staged");
    msg!(crate::messages::CATALOG, ABORTED = "col-aborted");
    msg!(crate::messages::CATALOG, ROLES = "col-roles");
    msg!(crate::messages::CATALOG, DELEGATION = "col-delegation");
    msg!(crate::messages::CATALOG, DELEGATE = "col-delegate");
    msg!(crate::messages::CATALOG, REVOKED = "col-revoked");
    msg!(crate::messages::CATALOG, GRANTS = "col-grants");
    msg!(
        crate::messages::CATALOG,
        AUTHORITY_TOLD = "col-authority-told"
    );
    msg!(crate::messages::CATALOG, REMINDED = "col-reminded");
    msg!(crate::messages::CATALOG, DECIDED = "col-decided");
    msg!(crate::messages::CATALOG, DECISION = "col-decision");
    msg!(
        crate::messages::CATALOG,
        REQUESTER_TOLD = "col-requester-told"
    );
    msg!(
        crate::messages::CATALOG,
        NOT_DELIVERED = "col-not-delivered"
    );
}

// The agent (one passphrase per sitting) and the confirmation before signing.
msg!(crate::messages::CATALOG, AGENT_STARTED = "agent-started");
msg!(crate::messages::CATALOG, AGENT_STATUS = "agent-status");
msg!(crate::messages::CATALOG, AGENT_NONE = "agent-none");
msg!(
    crate::messages::CATALOG,
    AGENT_NOT_RUNNING = "agent-not-running"
);
msg!(crate::messages::CATALOG, AGENT_STOPPED = "agent-stopped");
msg!(crate::messages::CATALOG, AGENT_ALREADY = "agent-already");
msg!(
    crate::messages::CATALOG,
    AGENT_PLAIN_IDENTITY = "agent-plain-identity"
);
msg!(crate::messages::CATALOG, AGENT_BAD_TTL = "agent-bad-ttl");
msg!(crate::messages::CATALOG, AGENT_FAILED = "agent-failed");
msg!(
    crate::messages::CATALOG,
    AGENT_DIR_NOT_OWNED = "agent-dir-not-owned"
);
msg!(
    crate::messages::CATALOG,
    AGENT_DIR_REACHABLE = "agent-dir-reachable"
);
msg!(
    crate::messages::CATALOG,
    AGENT_DIR_NOT_DIR = "agent-dir-not-dir"
);
msg!(
    crate::messages::CATALOG,
    AGENT_UNREACHABLE = "agent-unreachable"
);
msg!(
    crate::messages::CATALOG,
    AGENT_NOT_ON_WINDOWS = "agent-not-on-windows"
);
msg!(crate::messages::CATALOG, CONFIRM_SIGN = "confirm-sign");
msg!(
    crate::messages::CATALOG,
    CONFIRM_NEEDS_YES = "confirm-needs-yes"
);
msg!(
    crate::messages::CATALOG,
    CONFIRM_DECLINED = "confirm-declined"
);
msg!(
    crate::messages::CATALOG,
    APPROVE_SUMMARY = "approve-summary"
);
msg!(crate::messages::CATALOG, ISSUE_SUMMARY = "issue-summary");
msg!(
    crate::messages::CATALOG,
    STATUS_PENDING_ONE = "status-pending-one"
);
msg!(
    crate::messages::CATALOG,
    STATUS_PENDING_MANY = "status-pending-many"
);
msg!(
    crate::messages::CATALOG,
    STATUS_NONE_PENDING = "status-none-pending"
);
msg!(crate::messages::CATALOG, AGE_DAYS = "age-days");
msg!(crate::messages::CATALOG, AGE_HOURS = "age-hours");
msg!(crate::messages::CATALOG, AGE_MINUTES = "age-minutes");
msg!(crate::messages::CATALOG, AGE_SECONDS = "age-seconds");
// The console's own warning, also shown by `grant approve` before she signs her own request.
msg!(
    crate::messages::CATALOG,
    APPROVE_SELF_GRANT = "console-self-grant"
);
