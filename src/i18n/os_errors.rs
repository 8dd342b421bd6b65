//! The operating system's errors (a missing file, a refused permission, a full disk) in the
//! reader's language. The standard library words them in English; French gets its own words
//! for the kinds a person meets, with the system's error number kept for whoever searches it.

use super::Lang;
use crate::msg;
use std::io::ErrorKind;

msg!(crate::i18n::VAULTD, NOT_FOUND = "os-error-not-found");
msg!(
    crate::i18n::VAULTD,
    PERMISSION_DENIED = "os-error-permission-denied"
);
msg!(
    crate::i18n::VAULTD,
    ALREADY_EXISTS = "os-error-already-exists"
);
msg!(
    crate::i18n::VAULTD,
    IS_A_DIRECTORY = "os-error-is-a-directory"
);
msg!(
    crate::i18n::VAULTD,
    NOT_A_DIRECTORY = "os-error-not-a-directory"
);
msg!(crate::i18n::VAULTD, STORAGE_FULL = "os-error-storage-full");
msg!(crate::i18n::VAULTD, READ_ONLY = "os-error-read-only");
msg!(crate::i18n::VAULTD, BROKEN_PIPE = "os-error-broken-pipe");
msg!(crate::i18n::VAULTD, TIMED_OUT = "os-error-timed-out");
msg!(
    crate::i18n::VAULTD,
    CONNECTION_REFUSED = "os-error-connection-refused"
);
msg!(
    crate::i18n::VAULTD,
    UNEXPECTED_EOF = "os-error-unexpected-eof"
);
msg!(crate::i18n::VAULTD, SYSTEM_ERROR_NUMBER = "os-error-number");

/// `error` as a person reads it in `lang`. English is the standard library's own text.
pub fn describe_os_error(lang: Lang, error: &std::io::Error) -> String {
    if lang == Lang::En {
        return error.to_string();
    }
    let words = match error.kind() {
        ErrorKind::NotFound => NOT_FOUND,
        ErrorKind::PermissionDenied => PERMISSION_DENIED,
        ErrorKind::AlreadyExists => ALREADY_EXISTS,
        ErrorKind::IsADirectory => IS_A_DIRECTORY,
        ErrorKind::NotADirectory => NOT_A_DIRECTORY,
        ErrorKind::StorageFull => STORAGE_FULL,
        ErrorKind::ReadOnlyFilesystem => READ_ONLY,
        ErrorKind::BrokenPipe => BROKEN_PIPE,
        ErrorKind::TimedOut => TIMED_OUT,
        ErrorKind::ConnectionRefused => CONNECTION_REFUSED,
        ErrorKind::UnexpectedEof => UNEXPECTED_EOF,
        // Kinds a person rarely meets keep the system's words.
        _ => return error.to_string(),
    };
    match error.raw_os_error() {
        Some(number) => {
            SYSTEM_ERROR_NUMBER.fill(lang, &[("words", &words.text(lang)), ("number", &number)])
        }
        None => words.text(lang).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_words_keep_the_system_number_and_english_is_unchanged() {
        let missing = std::fs::read("/nonexistent/vaultd-test").unwrap_err();
        assert_eq!(
            describe_os_error(Lang::Fr, &missing),
            "fichier ou dossier introuvable (erreur système 2)"
        );
        assert_eq!(describe_os_error(Lang::En, &missing), missing.to_string());
        let custom = std::io::Error::new(ErrorKind::PermissionDenied, "x");
        assert_eq!(describe_os_error(Lang::Fr, &custom), "permission refusée");
    }
}
