//! The notifier's side of `vaultd dev`: `DIR/notify.toml`, a configuration that points at a
//! local SMTP server (127.0.0.1:2525, plain: loopback only) with the dev vault's notifier
//! identity and sample addresses, and the banner's lines that say how to try it.

use crate::i18n::Lang;
use crate::msg;
use std::path::{Path, PathBuf};

/// Where the local SMTP server the dev configuration names listens.
pub const DEV_SMTP: &str = "127.0.0.1:2525";

pub fn config_path(dir: &Path) -> PathBuf {
    dir.join("notify.toml")
}

/// A TOML string holding `text` (quoted and escaped as TOML wants).
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// The dev configuration for the dev vault in `dir`, whose notifier's and authority's
/// identity files are `notifier` and `authority`.
pub fn config_text(dir: &Path, notifier: &Path, authority: &Path) -> String {
    let path = |p: &Path| toml_string(&p.display().to_string());
    let identity = path(notifier);
    let hint = toml_string(&format!(
        "vault-cli --identity {} authority console",
        authority.display()
    ));
    format!(
        "# vaultd notify for the dev vault (vaultd dev). Try it with a local SMTP server that prints\n\
         # what it receives:  python3 -m aiosmtpd -n -l {DEV_SMTP}\n\
         identity = {identity}\n\
         state_dir = {state}\n\
         detail = \"full\"\n\
         console_hint = {hint}\n\
         \n\
         [smtp]\n\
         server = \"{DEV_SMTP}\"\n\
         security = \"plain\"\n\
         from = \"Coffre vaultd dev <coffre@vaultd.test>\"\n\
         \n\
         [to]\n\
         authority = [\"authority@vaultd.test\"]\n\
         operator = [\"operator@vaultd.test\"]\n\
         \n\
         [to.principals]\n\
         admin = \"admin@vaultd.test\"\n\
         admin2 = \"admin2@vaultd.test\"\n\
         authority = \"authority@vaultd.test\"\n",
        state = path(&dir.join("notify-state")),
    )
}

/// Writes `DIR/notify.toml` (mode 0600) unless one is there: a resumed vault keeps its own.
pub fn write_config(
    dir: &Path,
    notifier: &Path,
    authority: &Path,
) -> Result<(), crate::identity::IdentityError> {
    let path = config_path(dir);
    if path.exists() {
        return Ok(());
    }
    let text = config_text(dir, notifier, authority);
    crate::identity::write_private(&path, text.as_bytes(), false)
}

msg!(crate::i18n::VAULTD, NOTIFY_SECTION = "dev-notify-section");

/// The banner's lines for the notifier, `vaultd` being this binary.
pub fn banner_lines(lang: Lang, dir: &Path, vaultd: &str) -> String {
    format!(
        "\n  # {}\n  python3 -m aiosmtpd -n -l {DEV_SMTP}\n  {vaultd} notify --config {}\n",
        NOTIFY_SECTION.text(lang),
        config_path(dir).display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dev_configuration_is_one_the_notifier_accepts() {
        let dir = tempfile::tempdir().unwrap();
        let odd = dir.path().join("a \"quoted\" dir");
        let (notifier, authority) = (odd.join("n.id"), odd.join("a.id"));
        let text = config_text(&odd, &notifier, &authority);
        let config = crate::notify::config::Config::parse(Path::new("notify.toml"), &text, None)
            .unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(config.identity, notifier);
        assert!(config
            .console_hint
            .unwrap()
            .contains("a.id authority console"));
        assert_eq!(config.smtp.server.to_string(), DEV_SMTP);
        assert_eq!(
            config.to.principals["admin"].to_string(),
            "admin@vaultd.test"
        );
        write_config(dir.path(), &notifier, &authority).unwrap();
        // A second write (a resumed vault) keeps the file there.
        write_config(dir.path(), &authority, &authority).unwrap();
        assert!(std::fs::read_to_string(config_path(dir.path()))
            .unwrap()
            .contains("n.id"));
        assert!(std::fs::read_to_string(config_path(dir.path()))
            .unwrap()
            .contains("2525"));
    }
}
