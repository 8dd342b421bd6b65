//! What every command shares: the reader's language, output mode, and the identity and channel
//! it opens on demand.

use crate::error::{chain, CliError, Result};
use crate::messages as m;
use std::path::{Path, PathBuf};
use tonic::transport::Channel;
use vaultd::i18n::{Lang, Msg};
use vaultd::identity::{Identity, IdentityError};
use vaultd::secret::{read_secret_file, SecretFileError, SecretString};

pub struct Context {
    pub lang: Lang,
    pub json: bool,
    pub identity_path: Option<PathBuf>,
    pub server: Option<String>,
    /// Where the `--identity` file's passphrase comes from (else the terminal). Each other
    /// passphrase has its own option on its command: one source per prompt.
    pub identity_passphrase_file: Option<PathBuf>,
    /// The zone tables show times in (`--time-zone`, else the system's); `--json` stays UTC.
    pub zone: vaultd::times::Zone,
    /// The zone named with `--time-zone`, when one was.
    pub zone_name: Option<String>,
    /// The identity, loaded (and its passphrase asked) at most once per run.
    identity: std::cell::OnceCell<Identity>,
    /// The passphrase that opened it, to write it back encrypted the same way.
    identity_passphrase: std::cell::OnceCell<SecretString>,
    /// Whether the identity came from the agent (no passphrase typed for this command): a
    /// signature made with it is confirmed at the terminal first.
    identity_from_agent: std::cell::Cell<bool>,
}

impl Context {
    /// A fixed message as an error.
    pub fn fail(&self, msg: Msg, args: &[(&str, &dyn std::fmt::Display)]) -> CliError {
        CliError::Message(msg.fill(self.lang, args))
    }

    /// An operating system error in the reader's language.
    pub fn os_error(&self, error: &std::io::Error) -> String {
        vaultd::i18n::describe_os_error(self.lang, error)
    }

    /// A time as a table shows it: to the minute, in the reader's zone.
    pub fn time(&self, unix: i64) -> String {
        self.zone.minute(unix)
    }

    /// A command-line time or date as Unix seconds (a date starts at midnight in the reader's zone).
    pub fn time_arg(&self, arg: vaultd::times::TimeArg) -> Result<i64> {
        arg.resolve(&self.zone)
            .ok_or_else(|| CliError::Usage(m::EXPECTED_TIME_OR_DATE.text(self.lang).to_owned()))
    }

    pub fn say(&self, msg: Msg, args: &[(&str, &dyn std::fmt::Display)]) {
        println!("{}", msg.fill(self.lang, args));
    }

    pub fn new(
        lang: Lang,
        json: bool,
        identity_path: Option<PathBuf>,
        server: Option<String>,
        identity_passphrase_file: Option<PathBuf>,
        zone_name: Option<String>,
    ) -> Self {
        // The name was checked by its value parser; the system's zone is the fallback all the same.
        let zone = zone_name
            .as_deref()
            .and_then(vaultd::times::Zone::named)
            .unwrap_or_else(vaultd::times::Zone::system);
        Context {
            lang,
            json,
            identity_path,
            server,
            identity_passphrase_file,
            zone,
            zone_name,
            identity: std::cell::OnceCell::new(),
            identity_passphrase: std::cell::OnceCell::new(),
            identity_from_agent: std::cell::Cell::new(false),
        }
    }

    /// A secret from `file` (its first line; the file must exist and be private, checked
    /// before anything uses it), or asked at the terminal without echo.
    pub fn secret(&self, file: Option<&Path>, prompt: &str) -> Result<SecretString> {
        match file {
            Some(path) => read_secret_file(path).map_err(|e| self.secret_file_error(&e)),
            None => rpassword::prompt_password(prompt)
                .ok()
                .filter(|p| !p.is_empty())
                .map(SecretString::new)
                .ok_or_else(|| self.fail(m::NO_PASSPHRASE_GIVEN, &[])),
        }
    }

    /// A new secret: from `file` once, or asked twice at the terminal.
    pub fn new_secret(&self, file: Option<&Path>, prompt: &str) -> Result<SecretString> {
        let first = self.secret(file, prompt)?;
        if file.is_none() {
            let again = self.secret(None, m::ASK_AGAIN.text(self.lang))?;
            if again.expose() != first.expose() {
                return Err(self.fail(m::PASSPHRASE_MISMATCH, &[]));
            }
        }
        Ok(first)
    }

    fn secret_file_error(&self, e: &SecretFileError) -> CliError {
        match e {
            SecretFileError::Missing(path) => {
                self.fail(m::PASSPHRASE_FILE_MISSING, &[("path", &path.display())])
            }
            SecretFileError::Permissions { path, reach } => self.fail(
                m::PASSPHRASE_FILE_PERMISSIONS,
                &[
                    ("path", &path.display()),
                    ("reach", reach),
                    ("fix", &reach.remedy(path)),
                ],
            ),
            SecretFileError::Empty(path) => {
                self.fail(m::PASSPHRASE_FILE_EMPTY, &[("path", &path.display())])
            }
            SecretFileError::Io { path, source } => self.fail(
                m::READ_FAILED,
                &[
                    ("path", &path.display()),
                    ("detail", &self.os_error(source)),
                ],
            ),
            other => CliError::Message(other.to_string()),
        }
    }

    pub fn identity_path(&self) -> Result<&PathBuf> {
        self.identity_path
            .as_ref()
            .ok_or_else(|| self.fail(m::NO_IDENTITY, &[]))
    }

    /// The `--identity` file, opened once per run (one passphrase prompt however many calls
    /// and signatures follow), or handed over by the agent holding it unlocked (no prompt).
    pub fn load_identity(&self) -> Result<&Identity> {
        if let Some(identity) = self.identity.get() {
            return Ok(identity);
        }
        let path = self.identity_path()?;
        let identity = match from_agent(path) {
            Some(identity) => {
                self.identity_from_agent.set(true);
                identity
            }
            None => self.open_identity(path, self.identity_passphrase_file.as_deref(), true)?,
        };
        self.warn_if_expiring(path, &identity);
        Ok(self.identity.get_or_init(|| identity))
    }

    /// Whether the identity this run uses came from the agent.
    pub fn identity_from_agent(&self) -> bool {
        self.identity_from_agent.get()
    }

    /// Opens an identity file, asking its passphrase (from `passphrase_file` or the terminal)
    /// only if it is encrypted; a passphrase file problem is reported as such.
    pub fn open_identity(
        &self,
        path: &Path,
        passphrase_file: Option<&Path>,
        remember: bool,
    ) -> Result<Identity> {
        self.open_identity_from(path, None, passphrase_file, remember)
    }

    /// `open_identity`, from the file's `bytes` when the caller has read them already (the
    /// agent unlocks exactly the bytes it hashed).
    pub fn open_identity_from(
        &self,
        path: &Path,
        bytes: Option<&[u8]>,
        passphrase_file: Option<&Path>,
        remember: bool,
    ) -> Result<Identity> {
        let prompt = m::ASK_IDENTITY_PASSPHRASE.fill(self.lang, &[("path", &path.display())]);
        let mut failure = None;
        let ask = || match self.secret(passphrase_file, &prompt) {
            Ok(pass) => {
                if remember {
                    let _ = self
                        .identity_passphrase
                        .set(SecretString::new(pass.expose().to_owned()));
                }
                Some(pass)
            }
            Err(e) => {
                failure = Some(e);
                None
            }
        };
        let loaded = match bytes {
            Some(bytes) => Identity::from_file_bytes(path, bytes, ask),
            None => Identity::load(path, ask),
        };
        if let Some(e) = failure {
            return Err(e);
        }
        loaded.map_err(|e| self.identity_error(&e))
    }

    /// Says on stderr when the identity's certificate expires within 30 days (or has).
    fn warn_if_expiring(&self, path: &Path, identity: &Identity) {
        let Some(not_after) = identity
            .cert_pem
            .as_deref()
            .and_then(vaultd::identity::pki::cert_not_after)
        else {
            return;
        };
        let days = days_left(not_after);
        if days <= RENEW_WITHIN_DAYS {
            let left = if days < 0 {
                m::EXPIRED.text(self.lang).to_owned()
            } else {
                m::DAYS_LEFT.fill(self.lang, &[("days", &days)])
            };
            eprintln!(
                "{}",
                m::RENEW_SOON.fill(
                    self.lang,
                    &[
                        ("path", &path.display()),
                        ("expires", &vaultd::times::format_time(not_after)),
                        ("left", &left),
                    ]
                )
            );
        }
    }

    /// The passphrase that opened the `--identity` file, if it was encrypted.
    pub fn identity_passphrase(&self) -> Option<&SecretString> {
        self.identity_passphrase.get()
    }

    /// An identity file problem in the reader's language.
    pub fn identity_error(&self, e: &IdentityError) -> CliError {
        match e {
            IdentityError::Io { path, source } => self.fail(
                m::READ_FAILED,
                &[
                    ("path", &path.display()),
                    ("detail", &self.os_error(source)),
                ],
            ),
            IdentityError::Permissions { path, reach } => self.fail(
                m::IDENTITY_PERMISSIONS,
                &[
                    ("path", &path.display()),
                    ("reach", reach),
                    ("fix", &reach.remedy(path)),
                ],
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
            IdentityError::NotHttps { server } => {
                self.fail(m::SERVER_NOT_HTTPS, &[("address", server)])
            }
            other => self.fail(m::IDENTITY_UNREADABLE, &[("detail", &chain(other))]),
        }
    }

    pub async fn channel(&self) -> Result<Channel> {
        // Said before the identity's passphrase is asked for nothing (`connect` checks again,
        // and checks the identity's own address).
        if let Some(server) = self
            .server
            .as_deref()
            .filter(|s| !vaultd::identity::is_https(s))
        {
            return Err(self.fail(m::SERVER_NOT_HTTPS, &[("address", &server)]));
        }
        let identity = self.load_identity()?;
        vaultd::wire::client::connect(identity, self.server.as_deref())
            .await
            .map_err(CliError::Connect)
    }
}

#[cfg(unix)]
fn from_agent(path: &Path) -> Option<Identity> {
    crate::agent::client::unlocked_identity(path)
}

/// No agent on Windows yet (`vault-cli agent` says so): the passphrase is asked each time.
#[cfg(not(unix))]
fn from_agent(_path: &Path) -> Option<Identity> {
    None
}

/// Certificates are flagged, and `vault-cli` warns, this many days before they expire.
pub const RENEW_WITHIN_DAYS: i64 = 30;

/// Whole days until `not_after` (negative once past).
pub fn days_left(not_after: i64) -> i64 {
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    (not_after - now).div_euclid(86_400)
}
