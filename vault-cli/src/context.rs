//! What every command shares: the reader's language, output mode, and the identity and channel
//! it opens on demand.

use crate::error::{chain, CliError, Result};
use crate::messages as m;
use std::path::PathBuf;
use tonic::transport::Channel;
use vaultd::i18n::{Lang, Msg};
use vaultd::identity::{Identity, IdentityError};
use vaultd::secret::SecretString;

pub struct Context {
    pub lang: Lang,
    pub json: bool,
    pub identity_path: Option<PathBuf>,
    pub server: Option<String>,
    pub passphrase_file: Option<PathBuf>,
}

impl Context {
    /// A fixed message as an error.
    pub fn fail(&self, msg: Msg, args: &[(&str, &dyn std::fmt::Display)]) -> CliError {
        CliError::Message(msg.fill(self.lang, args))
    }

    pub fn say(&self, msg: Msg, args: &[(&str, &dyn std::fmt::Display)]) {
        println!("{}", msg.fill(self.lang, args));
    }

    /// A passphrase from `--passphrase-file`, or asked at the terminal without echo.
    pub fn passphrase(&self, prompt: &str) -> Option<SecretString> {
        match &self.passphrase_file {
            Some(path) => read_first_line(path).ok(),
            None => rpassword::prompt_password(prompt)
                .ok()
                .map(SecretString::new),
        }
    }

    pub fn identity_path(&self) -> Result<&PathBuf> {
        self.identity_path
            .as_ref()
            .ok_or_else(|| self.fail(m::NO_IDENTITY, &[]))
    }

    pub fn load_identity(&self) -> Result<Identity> {
        let path = self.identity_path()?;
        let prompt = m::ASK_IDENTITY_PASSPHRASE.fill(self.lang, &[("path", &path.display())]);
        Identity::load(path, || self.passphrase(&prompt)).map_err(|e| self.identity_error(&e))
    }

    /// An identity file problem in the reader's language.
    pub fn identity_error(&self, e: &IdentityError) -> CliError {
        match e {
            IdentityError::Io { path, source } => self.fail(
                m::READ_FAILED,
                &[("path", &path.display()), ("detail", source)],
            ),
            IdentityError::Permissions { path, mode } => self.fail(
                m::IDENTITY_PERMISSIONS,
                &[("path", &path.display()), ("mode", &format!("{mode:o}"))],
            ),
            IdentityError::Format { path } => {
                self.fail(m::IDENTITY_FORMAT, &[("path", &path.display())])
            }
            IdentityError::Passphrase { path } => {
                self.fail(m::IDENTITY_PASSPHRASE, &[("path", &path.display())])
            }
            IdentityError::Exists { path } => {
                self.fail(m::FILE_EXISTS, &[("path", &path.display())])
            }
            IdentityError::Encrypt(detail) => self.fail(m::ENCRYPT_FAILED, &[("detail", detail)]),
            other => self.fail(m::IDENTITY_UNREADABLE, &[("detail", &chain(other))]),
        }
    }

    pub async fn channel(&self) -> Result<Channel> {
        let identity = self.load_identity()?;
        vaultd::wire::client::connect(&identity, self.server.as_deref())
            .await
            .map_err(CliError::Connect)
    }
}

pub fn read_first_line(path: &std::path::Path) -> std::io::Result<SecretString> {
    let text = zeroize::Zeroizing::new(std::fs::read_to_string(path)?);
    Ok(SecretString::new(
        text.lines().next().unwrap_or_default().to_owned(),
    ))
}
