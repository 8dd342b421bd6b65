//! Requests the daemon refuses as unusable: the daemon sends a code ([`Unusable`]); clients
//! show its sentence (`request-*`) in the reader's language.

use super::{Lang, Msg};
use crate::msg;
use crate::wire::reason::Unusable;

msg!(
    crate::i18n::VAULTD,
    ESCROW_NOT_RECIPIENT = "request-escrow-not-recipient"
);
msg!(crate::i18n::VAULTD, OUTPUT_EXISTS = "request-output-exists");
msg!(
    crate::i18n::VAULTD,
    NEED_UNSEAL_METHOD = "request-need-unseal-method"
);
msg!(crate::i18n::VAULTD, NO_SUCH_ENTRY = "request-no-such-entry");
msg!(crate::i18n::VAULTD, NOT_A_GRANT = "request-not-a-grant");
msg!(
    crate::i18n::VAULTD,
    NOT_AGE_IDENTITY = "request-not-age-identity"
);
msg!(crate::i18n::VAULTD, WINDOW_ORDER = "request-window-order");
msg!(
    crate::i18n::VAULTD,
    NOTHING_TO_SET = "request-nothing-to-set"
);
msg!(
    crate::i18n::VAULTD,
    PASSWORD_AND_GENERATE = "request-password-and-generate"
);
msg!(crate::i18n::VAULTD, BAD_CSR = "request-bad-csr");
msg!(
    crate::i18n::VAULTD,
    GRANT_REQUEST_MISMATCH = "request-grant-request-mismatch"
);
msg!(
    crate::i18n::VAULTD,
    GRANT_ACCOUNTS_ORDER = "request-grant-accounts-order"
);
msg!(crate::i18n::VAULTD, NO_TOTP_SEED = "request-no-totp-seed");
msg!(crate::i18n::VAULTD, NO_PASSWORD = "request-no-password");
msg!(
    crate::i18n::VAULTD,
    UNKNOWN_METHOD = "request-unknown-method"
);
msg!(crate::i18n::VAULTD, RETIRED_KEY = "request-retired-key");
msg!(
    crate::i18n::VAULTD,
    MALFORMED_MESSAGE = "request-malformed-message"
);
msg!(
    crate::i18n::VAULTD,
    NO_BACKUP_RECIPIENT = "request-no-backup-recipient"
);
msg!(
    crate::i18n::VAULTD,
    KEY_COPIES_MISSING = "request-key-copies-missing"
);
msg!(crate::i18n::VAULTD, NOT_A_BACKUP = "request-not-a-backup");
msg!(
    crate::i18n::VAULTD,
    TARGET_NOT_EMPTY = "request-target-not-empty"
);
msg!(
    crate::i18n::VAULTD,
    ONE_UNSEAL_METHOD = "request-one-unseal-method"
);
msg!(
    crate::i18n::VAULTD,
    PASSPHRASE_NEEDED = "request-passphrase-needed"
);
msg!(
    crate::i18n::VAULTD,
    LAST_UNSEAL_METHOD = "request-last-unseal-method"
);
msg!(
    crate::i18n::VAULTD,
    NO_SUCH_RECIPIENT = "request-no-such-recipient"
);
msg!(
    crate::i18n::VAULTD,
    ALREADY_RECIPIENT = "request-already-recipient"
);
msg!(
    crate::i18n::VAULTD,
    NOT_A_COSIGNATURE = "request-not-a-cosignature"
);
msg!(
    crate::i18n::VAULTD,
    COSIGNATURE_GOES_BACK = "request-cosignature-goes-back"
);
msg!(crate::i18n::VAULTD, WITNESS_LIMIT = "request-witness-limit");
msg!(
    crate::i18n::VAULTD,
    PUBLIC_URL_NOT_HTTPS = "request-public-url-not-https"
);
msg!(
    crate::i18n::VAULTD,
    WRONG_UNSEAL_IDENTITY = "request-wrong-unseal-identity"
);
msg!(
    crate::i18n::VAULTD,
    UNKNOWN_KEY_CHANGE = "request-unknown-key-change"
);
msg!(
    crate::i18n::VAULTD,
    KEY_CHANGE_DECIDED = "request-key-change-decided"
);
msg!(
    crate::i18n::VAULTD,
    KEY_CHANGE_MISMATCH = "request-key-change-mismatch"
);
msg!(
    crate::i18n::VAULTD,
    TOO_MANY_KEY_CHANGES = "request-too-many-key-changes"
);
msg!(
    crate::i18n::VAULTD,
    NOT_AN_APPROVAL = "request-not-an-approval"
);
msg!(
    crate::i18n::VAULTD,
    TOO_MANY_WAITS = "request-too-many-waits"
);
msg!(
    crate::i18n::VAULTD,
    TOO_MANY_FOLLOWS = "request-too-many-follows"
);
msg!(
    crate::i18n::VAULTD,
    TOO_MANY_PENDING_REQUESTS = "request-too-many-pending-requests"
);
msg!(crate::i18n::VAULTD, UNKNOWN_EVENT = "request-unknown-event");
msg!(
    crate::i18n::VAULTD,
    WITNESS_NOT_LISTED = "request-witness-not-listed"
);
msg!(
    crate::i18n::VAULTD,
    COSIGNATURE_INVALID = "request-cosignature-invalid"
);
msg!(
    crate::i18n::VAULTD,
    NOT_A_WITNESS_KEY = "request-not-a-witness-key"
);
msg!(
    crate::i18n::VAULTD,
    WITNESS_ALREADY_LISTED = "request-witness-already-listed"
);
msg!(
    crate::i18n::VAULTD,
    NOTHING_STAGED = "request-nothing-staged"
);
msg!(
    crate::i18n::VAULTD,
    NOTHING_TO_CHANGE = "request-nothing-to-change"
);
msg!(crate::i18n::VAULTD, NOT_APPROVALS = "request-not-approvals");
msg!(
    crate::i18n::VAULTD,
    APPROVALS_REPLAYED = "request-approvals-replayed"
);
msg!(crate::i18n::VAULTD, SAME_SIGNER = "request-same-signer");
msg!(
    crate::i18n::VAULTD,
    ALREADY_COSIGNED = "request-already-cosigned"
);
msg!(crate::i18n::VAULTD, GRANT_ENDED = "request-grant-ended");

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
        Unusable::UnknownKeyChange => UNKNOWN_KEY_CHANGE,
        Unusable::KeyChangeDecided => KEY_CHANGE_DECIDED,
        Unusable::KeyChangeMismatch => KEY_CHANGE_MISMATCH,
        Unusable::TooManyKeyChanges => TOO_MANY_KEY_CHANGES,
        Unusable::NotAnApproval => NOT_AN_APPROVAL,
        Unusable::TooManyWaits => TOO_MANY_WAITS,
        Unusable::PublicUrlNotHttps => PUBLIC_URL_NOT_HTTPS,
        Unusable::WitnessNotListed => WITNESS_NOT_LISTED,
        Unusable::CosignatureInvalid => COSIGNATURE_INVALID,
        Unusable::NotAWitnessKey => NOT_A_WITNESS_KEY,
        Unusable::WitnessAlreadyListed => WITNESS_ALREADY_LISTED,
        Unusable::NothingStaged => NOTHING_STAGED,
        Unusable::TooManyFollows => TOO_MANY_FOLLOWS,
        Unusable::TooManyPendingRequests => TOO_MANY_PENDING_REQUESTS,
        Unusable::UnknownEvent => UNKNOWN_EVENT,
        Unusable::NotADelegation => NOT_A_DELEGATION,
        Unusable::DelegationKnown => DELEGATION_KNOWN,
        Unusable::DelegateNotAuthority => DELEGATE_NOT_AUTHORITY,
        Unusable::SelfDelegation => SELF_DELEGATION,
        Unusable::WindowInPast => WINDOW_IN_PAST,
        Unusable::ActingAuthority => ACTING_AUTHORITY,
        Unusable::UnknownDelegation => UNKNOWN_DELEGATION,
        Unusable::DelegationRevoked => DELEGATION_REVOKED,
        Unusable::NothingToChange => NOTHING_TO_CHANGE,
        Unusable::NotApprovals => NOT_APPROVALS,
        Unusable::ApprovalsReplayed => APPROVALS_REPLAYED,
        Unusable::SameSigner => SAME_SIGNER,
        Unusable::AlreadyCosigned => ALREADY_COSIGNED,
        Unusable::GrantEnded => GRANT_ENDED,
    }
}
msg!(
    crate::i18n::VAULTD,
    NOT_A_DELEGATION = "request-not-a-delegation"
);
msg!(
    crate::i18n::VAULTD,
    DELEGATION_KNOWN = "request-delegation-known"
);
msg!(
    crate::i18n::VAULTD,
    DELEGATE_NOT_AUTHORITY = "request-delegate-not-authority"
);
msg!(
    crate::i18n::VAULTD,
    SELF_DELEGATION = "request-self-delegation"
);
msg!(
    crate::i18n::VAULTD,
    WINDOW_IN_PAST = "request-window-in-past"
);
msg!(
    crate::i18n::VAULTD,
    ACTING_AUTHORITY = "request-acting-authority"
);
msg!(
    crate::i18n::VAULTD,
    UNKNOWN_DELEGATION = "request-unknown-delegation"
);
msg!(
    crate::i18n::VAULTD,
    DELEGATION_REVOKED = "request-delegation-revoked"
);
/// A refused request's sentence in the reader's language, from its code (the code itself when
/// this client does not know it, e.g. a newer daemon).
pub fn describe_request(lang: Lang, code: &str) -> String {
    Unusable::from_code(code)
        .map(|kind| message(kind).text(lang).to_owned())
        .unwrap_or_else(|| code.to_owned())
}
