//! The console's words, by id in `vault-cli/i18n/<lang>/vault-cli.ftl` (section "vault-cli
//! authority console"): the terminal's lines and the page's.

use vaultd::msg;

msg!(
    crate::messages::CATALOG,
    NOT_LOOPBACK = "console-not-loopback"
);
msg!(crate::messages::CATALOG, BAD_LISTEN = "console-bad-listen");
msg!(
    crate::messages::CATALOG,
    LISTEN_FAILED = "console-listen-failed"
);
msg!(crate::messages::CATALOG, STARTED = "console-started");
msg!(
    crate::messages::CATALOG,
    BROWSER_FAILED = "console-browser-failed"
);
msg!(
    crate::messages::CATALOG,
    IDLE_STOPPED = "console-idle-stopped"
);
msg!(crate::messages::CATALOG, STOPPED = "console-stopped");
msg!(crate::messages::CATALOG, NO_EVENTS = "console-no-events");
msg!(crate::messages::CATALOG, TITLE = "console-title");
msg!(crate::messages::CATALOG, WHO = "console-who");
msg!(crate::messages::CATALOG, SKIP = "console-skip");
msg!(
    crate::messages::CATALOG,
    PENDING_HEADING = "console-pending-heading"
);
msg!(crate::messages::CATALOG, NO_PENDING = "console-no-pending");
msg!(
    crate::messages::CATALOG,
    MORE_PENDING = "console-more-pending"
);
msg!(crate::messages::CATALOG, REQUEST = "console-request");
msg!(crate::messages::CATALOG, REQUESTER = "console-requester");
msg!(crate::messages::CATALOG, ACCOUNTS = "console-accounts");
msg!(crate::messages::CATALOG, PURPOSE = "console-purpose");
msg!(
    crate::messages::CATALOG,
    WINDOW_ASKED = "console-window-asked"
);
msg!(crate::messages::CATALOG, NO_WINDOW = "console-no-window");
msg!(crate::messages::CATALOG, ASKED_AT = "console-asked-at");
msg!(
    crate::messages::CATALOG,
    RECENT_USES = "console-recent-uses"
);
msg!(
    crate::messages::CATALOG,
    RECENT_USES_COUNT = "console-recent-uses-count"
);
msg!(
    crate::messages::CATALOG,
    RECENT_USES_MORE = "console-recent-uses-more"
);
msg!(crate::messages::CATALOG, SELF_GRANT = "console-self-grant");
msg!(crate::messages::CATALOG, GRANT_FOR = "console-grant-for");
msg!(crate::messages::CATALOG, MAX_USES = "console-max-uses");
msg!(crate::messages::CATALOG, APPROVE = "console-approve");
msg!(
    crate::messages::CATALOG,
    DENY_REASON = "console-deny-reason"
);
msg!(crate::messages::CATALOG, DENY = "console-deny");
msg!(
    crate::messages::CATALOG,
    GRANTS_HEADING = "console-grants-heading"
);
msg!(crate::messages::CATALOG, NO_GRANTS = "console-no-grants");
msg!(crate::messages::CATALOG, GRANT = "console-grant");
msg!(crate::messages::CATALOG, GRANTEE = "console-grantee");
msg!(crate::messages::CATALOG, UNTIL = "console-until");
msg!(crate::messages::CATALOG, USES = "console-uses");
msg!(
    crate::messages::CATALOG,
    REVOKE_REASON = "console-revoke-reason"
);
msg!(crate::messages::CATALOG, REVOKE = "console-revoke");
msg!(
    crate::messages::CATALOG,
    RELEASES_HEADING = "console-releases-heading"
);
msg!(
    crate::messages::CATALOG,
    NO_RELEASES = "console-no-releases"
);
msg!(
    crate::messages::CATALOG,
    RELEASES_TRUNCATED = "console-releases-truncated"
);
msg!(crate::messages::CATALOG, TIME = "console-time");
msg!(crate::messages::CATALOG, PRINCIPAL = "console-principal");
msg!(crate::messages::CATALOG, ACCOUNT = "console-account");
msg!(crate::messages::CATALOG, OUTCOME = "console-outcome");
msg!(crate::messages::CATALOG, REASON = "console-reason");
msg!(
    crate::messages::CATALOG,
    ROTATION_HEADING = "console-rotation-heading"
);
msg!(
    crate::messages::CATALOG,
    NO_ROTATION = "console-no-rotation"
);
msg!(
    crate::messages::CATALOG,
    ROTATION_WHY = "console-rotation-why"
);
msg!(
    crate::messages::CATALOG,
    ROTATION_RECOMMENDED = "console-rotation-recommended"
);
msg!(
    crate::messages::CATALOG,
    ROTATION_STAGED = "console-rotation-staged"
);
msg!(
    crate::messages::CATALOG,
    ROTATION_STAGED_STALE = "console-rotation-staged-stale"
);
msg!(
    crate::messages::CATALOG,
    UNAVAILABLE = "console-unavailable"
);
msg!(crate::messages::CATALOG, UPDATED = "console-updated");
msg!(
    crate::messages::CATALOG,
    UPDATE_WAITING = "console-update-waiting"
);
msg!(crate::messages::CATALOG, CLOSED = "console-closed");
msg!(
    crate::messages::CATALOG,
    DONE_APPROVED = "console-done-approved"
);
msg!(
    crate::messages::CATALOG,
    DONE_DENIED = "console-done-denied"
);
msg!(
    crate::messages::CATALOG,
    DONE_REVOKED = "console-done-revoked"
);
msg!(
    crate::messages::CATALOG,
    REASON_REQUIRED = "console-reason-required"
);
msg!(
    crate::messages::CATALOG,
    BAD_DURATION = "console-bad-duration"
);
msg!(
    crate::messages::CATALOG,
    LONGER_THAN_ASKED = "console-longer-than-asked"
);
msg!(
    crate::messages::CATALOG,
    NEED_DURATION = "console-need-duration"
);
msg!(
    crate::messages::CATALOG,
    BAD_MAX_USES = "console-bad-max-uses"
);
msg!(crate::messages::CATALOG, REFUSED = "console-refused");
msg!(
    crate::messages::CATALOG,
    REFUSED_HOST = "console-refused-host"
);
msg!(
    crate::messages::CATALOG,
    REFUSED_TOKEN = "console-refused-token"
);
msg!(
    crate::messages::CATALOG,
    REFUSED_SESSION = "console-refused-session"
);
msg!(
    crate::messages::CATALOG,
    REFUSED_CSRF = "console-refused-csrf"
);
msg!(crate::messages::CATALOG, NOT_FOUND = "console-not-found");
msg!(
    crate::messages::CATALOG,
    DELEGATIONS_HEADING = "console-delegations-heading"
);
msg!(
    crate::messages::CATALOG,
    NO_DELEGATIONS = "console-no-delegations"
);
msg!(crate::messages::CATALOG, DELEGATE = "console-delegate");
msg!(
    crate::messages::CATALOG,
    WINDOW = "console-delegation-window"
);
msg!(
    crate::messages::CATALOG,
    WINDOW_FROM_UNTIL = "console-delegation-from-until"
);
msg!(crate::messages::CATALOG, SCOPE = "console-delegation-scope");
msg!(
    crate::messages::CATALOG,
    ALL_ACCOUNTS = "console-delegation-all-accounts"
);
msg!(crate::messages::CATALOG, STATE = "console-delegation-state");
msg!(crate::messages::CATALOG, DELEGATION = "console-delegation");
msg!(
    crate::messages::CATALOG,
    DELEGATION_REVOKE_REASON = "console-delegation-revoke-reason"
);
msg!(
    crate::messages::CATALOG,
    END_GRANTS = "console-delegation-end-grants"
);
msg!(
    crate::messages::CATALOG,
    REVOKE_DELEGATION = "console-delegation-revoke"
);
msg!(crate::messages::CATALOG, ACTING = "console-acting");
msg!(
    crate::messages::CATALOG,
    DONE_DELEGATION_REVOKED = "console-done-delegation-revoked"
);
msg!(
    crate::messages::CATALOG,
    AWAITING_HEADING = "console-awaiting-heading"
);
msg!(
    crate::messages::CATALOG,
    NO_AWAITING = "console-no-awaiting"
);
msg!(
    crate::messages::CATALOG,
    MORE_AWAITING = "console-more-awaiting"
);
msg!(
    crate::messages::CATALOG,
    AWAITING_WHY = "console-awaiting-why"
);
msg!(
    crate::messages::CATALOG,
    FIRST_SIGNER = "console-first-signer"
);
msg!(
    crate::messages::CATALOG,
    FIRST_SIGNED_BY = "console-first-signed-by"
);
msg!(
    crate::messages::CATALOG,
    FIRST_SIGNED_ACTING = "console-first-signed-acting"
);
msg!(
    crate::messages::CATALOG,
    MAX_USES_LABEL = "console-max-uses-label"
);
msg!(
    crate::messages::CATALOG,
    USES_UNLIMITED = "console-uses-unlimited"
);
msg!(crate::messages::CATALOG, COSIGN = "console-cosign");
msg!(
    crate::messages::CATALOG,
    COSIGN_COMMAND = "console-cosign-command"
);
msg!(
    crate::messages::CATALOG,
    SIGNED_FIRST = "console-signed-first"
);
msg!(
    crate::messages::CATALOG,
    NOT_THIS_GRANT = "console-not-this-grant"
);
msg!(
    crate::messages::CATALOG,
    DONE_COSIGNED = "console-done-cosigned"
);
