//! The notifier's configuration: one TOML file (deploy/vaultd-notify.toml). Every key is
//! checked at start and a bad one is refused naming the key and its line, in French and English
//! ([`ConfigError::describe`]): TOML's and serde's errors carry byte spans, turned into lines
//! here, and values checked after parsing keep their spans (`toml::Spanned`). The SMTP password
//! is never in this file: it lives in a credentials file of its own, mode 0600.

use super::event::{Detail, Kind};
use crate::i18n::Lang;
use crate::msg;
use crate::secret::SecretString;
use lettre::message::Mailbox;
use lettre::Address;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::net::IpAddr;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;
use toml::Spanned;

/// The longest `console_hint`, in characters.
pub const MAX_HINT: usize = 500;
/// A hook's time limit when the configuration gives none.
pub const DEFAULT_HOOK_TIMEOUT: Duration = Duration::from_secs(10);
/// The longest time limit a hook may have: the next events wait for it.
pub const MAX_HOOK_TIMEOUT: Duration = Duration::from_secs(300);
/// How long the decisions an acting authority takes are gathered into one digest to the
/// Secrétaire générale, unless `[delegation] digest_every` says otherwise.
pub const DEFAULT_DIGEST_EVERY: Duration = Duration::from_secs(3600);
/// Bounds of `digest_every`: a second (for tests) to a day (a decision told the next day at
/// the latest).
pub const MIN_DIGEST_EVERY: Duration = Duration::from_secs(1);
pub const MAX_DIGEST_EVERY: Duration = Duration::from_secs(86_400);
/// The most arguments a hook's command may have.
const MAX_HOOK_ARGS: usize = 64;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    identity: PathBuf,
    state_dir: PathBuf,
    smtp: RawSmtp,
    #[serde(default)]
    detail: Option<Spanned<String>>,
    #[serde(default)]
    console_hint: Option<Spanned<String>>,
    #[serde(default)]
    log: Option<String>,
    #[serde(default)]
    to: RawTo,
    #[serde(default)]
    hooks: BTreeMap<Spanned<String>, RawHook>,
    #[serde(default)]
    delegation: RawDelegation,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawDelegation {
    #[serde(default)]
    digest_every: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSmtp {
    server: Spanned<String>,
    security: Spanned<String>,
    from: Spanned<String>,
    #[serde(default)]
    credentials_file: Option<Spanned<PathBuf>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawTo {
    #[serde(default)]
    authority: Vec<Spanned<String>>,
    #[serde(default)]
    operator: Vec<Spanned<String>>,
    #[serde(default)]
    principals: BTreeMap<Spanned<String>, Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHook {
    command: Spanned<Vec<String>>,
    #[serde(default)]
    timeout: Option<Spanned<String>>,
}

/// The checked configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The notifier's identity file (role `notifier`; plain, mode 0600).
    pub identity: PathBuf,
    /// Where the cursor lives (mode 0700; the unit's StateDirectory).
    pub state_dir: PathBuf,
    pub smtp: Smtp,
    pub detail: Detail,
    /// How the Secrétaire générale opens her console, in her words (e.g. "the shortcut
    /// 'Coffre' on your desktop"); added to the mails she receives.
    pub console_hint: Option<String>,
    /// A tracing filter such as "info".
    pub log: String,
    pub to: Addresses,
    pub hooks: BTreeMap<Kind, Hook>,
    /// How long an acting authority's decisions are gathered before one digest tells the
    /// Secrétaire générale of them (`[delegation] digest_every`, 1 s .. 24 h).
    pub digest_every: Duration,
    /// The file and the credentials file's line, for the errors found when reading it.
    file: PathBuf,
    credentials_line: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Smtp {
    pub server: Server,
    pub security: Security,
    pub from: Mailbox,
    pub credentials_file: Option<PathBuf>,
}

/// Where mail goes: a host name or IP address, and a port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Server {
    pub host: String,
    pub port: u16,
}

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// TLS from the first byte (SMTPS, usually port 465).
    Tls,
    /// Plain at first, then STARTTLS, which is required (usually port 587).
    StartTls,
    /// No TLS at all: only towards a loopback address (a local relay).
    Plain,
}

/// Who receives which mail (see `recipients`).
#[derive(Debug, Clone, Default)]
pub struct Addresses {
    pub authority: Vec<Address>,
    pub operator: Vec<Address>,
    /// A principal's own address, by principal name.
    pub principals: BTreeMap<String, Address>,
}

#[derive(Debug, Clone)]
pub struct Hook {
    /// The program (an absolute path) and its arguments; no shell.
    pub command: Vec<String>,
    pub timeout: Duration,
}

/// The SMTP login, read from the credentials file.
pub struct Credentials {
    pub user: String,
    pub password: SecretString,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("user", &self.user)
            .finish_non_exhaustive()
    }
}

/// A refused configuration: where (the file, the line when known, the key) and why.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.describe(Lang::En))]
pub struct ConfigError {
    pub file: PathBuf,
    /// 1-based; `None` for a flag or the file as a whole.
    pub line: Option<usize>,
    /// The key as written (`smtp.security`, `hooks."request.created".timeout`).
    pub key: String,
    pub problem: Problem,
}

/// Why a key was refused.
#[derive(Debug)]
#[non_exhaustive]
pub enum Problem {
    /// The file could not be read.
    Unreadable(std::io::Error),
    /// Not TOML; the parser's words.
    Syntax(String),
    /// A key this version does not read (a typo, or a newer configuration).
    UnknownKey,
    /// A required key is absent.
    MissingKey,
    /// A value of the wrong type; the parser's words.
    WrongType(String),
    /// Not one of the values the key takes.
    NotOneOf(&'static str),
    /// Not `HOST:PORT`.
    BadServer,
    /// `security = "plain"` towards an address that is not loopback.
    PlainNotLoopback,
    /// Not a mail address.
    BadAddress(String),
    /// Not a principal name.
    BadPrincipal,
    /// Not an event kind the notifier knows.
    UnknownKind,
    /// A hook without a program.
    EmptyCommand,
    /// A hook's program not given by its absolute path.
    RelativeCommand,
    /// Too many arguments to a hook.
    TooManyArguments,
    /// Not a duration such as `10s`.
    BadDuration,
    /// A hook's time limit longer than [`MAX_HOOK_TIMEOUT`].
    TimeoutTooLong,
    /// `digest_every` outside [`MIN_DIGEST_EVERY`] .. [`MAX_DIGEST_EVERY`].
    DigestEveryOutOfRange,
    /// Control or invisible characters in a text.
    BadText,
    /// A text longer than its limit.
    TooLong { max: usize },
    /// The credentials file is open to other users; `mode` is its permission bits.
    CredentialsReachable {
        path: PathBuf,
        // Boxed: a Windows DACL's words would make every config error large.
        reach: Box<crate::private_file::Reach>,
    },
    /// The credentials file could not be read.
    CredentialsUnreadable(std::io::Error),
    /// The credentials file does not hold a user line and a password line.
    CredentialsFormat,
}

msg!(crate::i18n::VAULTD, AT_LINE = "notify-config-at-line");
msg!(
    crate::i18n::VAULTD,
    OUT_OF_RANGE = "notify-problem-out-of-range"
);
msg!(crate::i18n::VAULTD, AT_KEY = "notify-config-at-key");
msg!(
    crate::i18n::VAULTD,
    UNREADABLE = "notify-problem-unreadable"
);
msg!(crate::i18n::VAULTD, SYNTAX = "notify-problem-syntax");
msg!(
    crate::i18n::VAULTD,
    UNKNOWN_KEY = "notify-problem-unknown-key"
);
msg!(
    crate::i18n::VAULTD,
    MISSING_KEY = "notify-problem-missing-key"
);
msg!(
    crate::i18n::VAULTD,
    WRONG_TYPE = "notify-problem-wrong-type"
);
msg!(
    crate::i18n::VAULTD,
    NOT_ONE_OF = "notify-problem-not-one-of"
);
msg!(
    crate::i18n::VAULTD,
    BAD_SERVER = "notify-problem-bad-server"
);
msg!(
    crate::i18n::VAULTD,
    PLAIN_NOT_LOOPBACK = "notify-problem-plain-not-loopback"
);
msg!(
    crate::i18n::VAULTD,
    BAD_ADDRESS = "notify-problem-bad-address"
);
msg!(
    crate::i18n::VAULTD,
    BAD_PRINCIPAL = "notify-problem-bad-principal"
);
msg!(
    crate::i18n::VAULTD,
    UNKNOWN_KIND = "notify-problem-unknown-kind"
);
msg!(
    crate::i18n::VAULTD,
    EMPTY_COMMAND = "notify-problem-empty-command"
);
msg!(
    crate::i18n::VAULTD,
    RELATIVE_COMMAND = "notify-problem-relative-command"
);
msg!(
    crate::i18n::VAULTD,
    TOO_MANY_ARGUMENTS = "notify-problem-too-many-arguments"
);
msg!(
    crate::i18n::VAULTD,
    BAD_DURATION = "notify-problem-bad-duration"
);
msg!(
    crate::i18n::VAULTD,
    TIMEOUT_TOO_LONG = "notify-problem-timeout-too-long"
);
msg!(crate::i18n::VAULTD, BAD_TEXT = "notify-problem-bad-text");
msg!(crate::i18n::VAULTD, TOO_LONG = "notify-problem-too-long");
msg!(
    crate::i18n::VAULTD,
    CREDENTIALS_REACHABLE = "notify-problem-credentials-reachable"
);
msg!(
    crate::i18n::VAULTD,
    CREDENTIALS_UNREADABLE = "notify-problem-credentials-unreadable"
);
msg!(
    crate::i18n::VAULTD,
    CREDENTIALS_FORMAT = "notify-problem-credentials-format"
);

impl ConfigError {
    /// The refusal in `lang`: the file, the line, the key, then the problem.
    pub fn describe(&self, lang: Lang) -> String {
        let problem = self.problem.describe(lang);
        let file = self.file.display();
        match self.line {
            Some(line) => AT_LINE.fill(
                lang,
                &[
                    ("file", &file),
                    ("line", &line),
                    ("key", &self.key),
                    ("problem", &problem),
                ],
            ),
            None => AT_KEY.fill(
                lang,
                &[("file", &file), ("key", &self.key), ("problem", &problem)],
            ),
        }
    }
}

impl Problem {
    fn describe(&self, lang: Lang) -> String {
        match self {
            Problem::Unreadable(e) => UNREADABLE.fill(lang, &[("detail", e)]),
            Problem::Syntax(detail) => SYNTAX.fill(lang, &[("detail", detail)]),
            Problem::UnknownKey => UNKNOWN_KEY.text(lang).to_owned(),
            Problem::MissingKey => MISSING_KEY.text(lang).to_owned(),
            Problem::WrongType(detail) => WRONG_TYPE.fill(lang, &[("detail", detail)]),
            Problem::NotOneOf(values) => NOT_ONE_OF.fill(lang, &[("values", values)]),
            Problem::BadServer => BAD_SERVER.text(lang).to_owned(),
            Problem::PlainNotLoopback => PLAIN_NOT_LOOPBACK.text(lang).to_owned(),
            Problem::BadAddress(value) => BAD_ADDRESS.fill(lang, &[("value", value)]),
            Problem::BadPrincipal => BAD_PRINCIPAL.text(lang).to_owned(),
            Problem::UnknownKind => {
                let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
                UNKNOWN_KIND.fill(lang, &[("values", &kinds.join(", "))])
            }
            Problem::EmptyCommand => EMPTY_COMMAND.text(lang).to_owned(),
            Problem::RelativeCommand => RELATIVE_COMMAND.text(lang).to_owned(),
            Problem::TooManyArguments => TOO_MANY_ARGUMENTS.fill(lang, &[("max", &MAX_HOOK_ARGS)]),
            Problem::BadDuration => BAD_DURATION.text(lang).to_owned(),
            Problem::TimeoutTooLong => TIMEOUT_TOO_LONG.fill(
                lang,
                &[(
                    "max",
                    &crate::times::format_duration(MAX_HOOK_TIMEOUT.as_secs() as i64),
                )],
            ),
            Problem::DigestEveryOutOfRange => OUT_OF_RANGE.fill(
                lang,
                &[
                    (
                        "min",
                        &crate::times::format_duration(MIN_DIGEST_EVERY.as_secs() as i64),
                    ),
                    (
                        "max",
                        &crate::times::format_duration(MAX_DIGEST_EVERY.as_secs() as i64),
                    ),
                ],
            ),
            Problem::BadText => BAD_TEXT.text(lang).to_owned(),
            Problem::TooLong { max } => TOO_LONG.fill(lang, &[("max", max)]),
            Problem::CredentialsReachable { path, reach } => CREDENTIALS_REACHABLE.fill(
                lang,
                &[
                    ("path", &path.display()),
                    ("reach", reach),
                    ("fix", &reach.remedy(path)),
                ],
            ),
            Problem::CredentialsUnreadable(e) => {
                CREDENTIALS_UNREADABLE.fill(lang, &[("detail", e)])
            }
            Problem::CredentialsFormat => CREDENTIALS_FORMAT.text(lang).to_owned(),
        }
    }
}

/// The 1-based line holding byte `offset` of `text`.
fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// The table header (`smtp`, `hooks."request.created"`) in force at `line`, and whether that
/// line is the header itself.
fn table_at(text: &str, line: usize) -> (Option<String>, bool) {
    let mut table = None;
    let mut on_header = false;
    for (n, raw) in text.lines().enumerate().take(line) {
        let trimmed = raw.trim();
        if trimmed.starts_with('[') {
            let inner = trimmed
                .trim_start_matches('[')
                .split(']')
                .next()
                .unwrap_or("")
                .trim();
            table = Some(inner.to_owned());
            on_header = n + 1 == line;
        } else {
            on_header = false;
        }
    }
    (table, on_header)
}

/// The key written at `line` (the nearest `key =` at or above it inside its table), with its
/// table: what a person looks for in the file.
fn key_at(text: &str, line: usize) -> String {
    let (table, on_header) = table_at(text, line);
    if on_header {
        return table.unwrap_or_default();
    }
    let lines: Vec<&str> = text.lines().collect();
    let key = (0..line.min(lines.len()))
        .rev()
        .map(|n| lines[n].trim())
        .take_while(|l| !l.starts_with('['))
        .find_map(|l| {
            let (key, _) = l.split_once('=')?;
            (!key.trim().is_empty() && !key.trim_start().starts_with('#'))
                .then(|| key.trim().to_owned())
        });
    join(table.as_deref(), key.as_deref().unwrap_or(""))
}

fn join(table: Option<&str>, key: &str) -> String {
    match (table, key) {
        (Some(t), "") => t.to_owned(),
        (Some(t), k) => format!("{t}.{k}"),
        (None, k) => k.to_owned(),
    }
}

/// The name between the first pair of backquotes of a serde message (`missing field `from``).
fn quoted_name(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(&message[start..start + len])
}

struct Checker<'a> {
    file: &'a Path,
    text: &'a str,
}

impl Checker<'_> {
    fn at(&self, span: Range<usize>, key: impl Into<String>, problem: Problem) -> ConfigError {
        ConfigError {
            file: self.file.to_owned(),
            line: Some(line_of(self.text, span.start)),
            key: key.into(),
            problem,
        }
    }

    /// TOML's and serde's own refusals, placed by their spans.
    fn place_toml_error(&self, error: &toml::de::Error, syntax: bool) -> ConfigError {
        let message = error.message().trim().to_owned();
        let span = error.span();
        let line = span.as_ref().map(|s| line_of(self.text, s.start));
        let place = |key: String, problem| ConfigError {
            file: self.file.to_owned(),
            line,
            key,
            problem,
        };
        if syntax {
            let key = line.map(|l| key_at(self.text, l)).unwrap_or_default();
            return place(key, Problem::Syntax(message));
        }
        if message.starts_with("unknown field") {
            let key = line.map(|l| key_at(self.text, l)).unwrap_or_default();
            // The line names the unknown key itself; serde names it too, when the line is a
            // header's (an unknown table).
            let key = match (quoted_name(&message), line) {
                (Some(name), Some(l)) if !key.ends_with(name) => {
                    join(table_at(self.text, l).0.as_deref(), name)
                }
                _ => key,
            };
            return place(key, Problem::UnknownKey);
        }
        if message.starts_with("missing field") {
            let name = quoted_name(&message).unwrap_or("").to_owned();
            // serde points at the table that lacks the key: its header, or the whole file.
            let table = line.and_then(|l| match table_at(self.text, l) {
                (Some(table), true) => Some(table),
                _ => None,
            });
            return ConfigError {
                file: self.file.to_owned(),
                line: table.as_ref().and(line),
                key: join(table.as_deref(), &name),
                problem: Problem::MissingKey,
            };
        }
        let key = line.map(|l| key_at(self.text, l)).unwrap_or_default();
        place(key, Problem::WrongType(message))
    }
}

/// Parses `HOST:PORT` (`[::1]:25` for an IPv6 address).
fn parse_server(text: &str) -> Option<Server> {
    let (host, port) = text.trim().rsplit_once(':')?;
    let port: u16 = port.parse().ok().filter(|p| *p != 0)?;
    let host = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    let valid = !host.is_empty()
        && host.len() <= 253
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'));
    valid.then(|| Server {
        host: host.to_owned(),
        port,
    })
}

impl Server {
    /// Whether the host is a loopback IP address (a name is not trusted to stay one).
    pub fn is_loopback(&self) -> bool {
        self.host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
    }
}

impl std::fmt::Display for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.host.contains(':') {
            write!(f, "[{}]:{}", self.host, self.port)
        } else {
            write!(f, "{}:{}", self.host, self.port)
        }
    }
}

impl Config {
    /// Reads and checks the file at `path`; `smtp_server` (the `--smtp-server` flag) replaces
    /// the file's `smtp.server`, and is checked the same way.
    pub fn load(path: &Path, smtp_server: Option<&str>) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            file: path.to_owned(),
            line: None,
            key: String::new(),
            problem: Problem::Unreadable(e),
        })?;
        Self::parse(path, &text, smtp_server)
    }

    /// Checks a configuration's text; `file` names it in errors.
    pub fn parse(
        file: &Path,
        text: &str,
        smtp_server: Option<&str>,
    ) -> Result<Config, ConfigError> {
        let check = Checker { file, text };
        // Syntax first, so that a broken file is not reported as a missing key.
        if let Err(e) = text.parse::<toml::Table>() {
            return Err(check.place_toml_error(&e, true));
        }
        let raw: RawConfig = toml::from_str(text).map_err(|e| check.place_toml_error(&e, false))?;

        let server = match smtp_server {
            Some(flag) => parse_server(flag).ok_or_else(|| ConfigError {
                file: file.to_owned(),
                line: None,
                key: "--smtp-server".into(),
                problem: Problem::BadServer,
            })?,
            None => parse_server(raw.smtp.server.get_ref()).ok_or_else(|| {
                check.at(raw.smtp.server.span(), "smtp.server", Problem::BadServer)
            })?,
        };
        let security = match raw.smtp.security.get_ref().as_str() {
            "tls" => Security::Tls,
            "starttls" => Security::StartTls,
            "plain" => Security::Plain,
            _ => {
                return Err(check.at(
                    raw.smtp.security.span(),
                    "smtp.security",
                    Problem::NotOneOf("tls, starttls, plain"),
                ))
            }
        };
        if security == Security::Plain && !server.is_loopback() {
            // Named where the server came from: the flag, or the file's security line.
            return Err(match smtp_server {
                Some(_) => ConfigError {
                    file: file.to_owned(),
                    line: Some(line_of(text, raw.smtp.security.span().start)),
                    key: "--smtp-server".into(),
                    problem: Problem::PlainNotLoopback,
                },
                None => check.at(
                    raw.smtp.server.span(),
                    "smtp.server",
                    Problem::PlainNotLoopback,
                ),
            });
        }
        let from: Mailbox = raw.smtp.from.get_ref().parse().map_err(|_| {
            check.at(
                raw.smtp.from.span(),
                "smtp.from",
                Problem::BadAddress(raw.smtp.from.get_ref().clone()),
            )
        })?;
        let detail = match raw
            .detail
            .as_ref()
            .map(|d| (d.get_ref().as_str(), d.span()))
        {
            None | Some(("minimal", _)) => Detail::Minimal,
            Some(("full", _)) => Detail::Full,
            Some((_, span)) => {
                return Err(check.at(span, "detail", Problem::NotOneOf("full, minimal")))
            }
        };
        let console_hint = match raw.console_hint {
            None => None,
            Some(hint) => {
                let text = hint.get_ref();
                if text.chars().count() > MAX_HINT {
                    return Err(check.at(
                        hint.span(),
                        "console_hint",
                        Problem::TooLong { max: MAX_HINT },
                    ));
                }
                if text
                    .chars()
                    .any(|c| c.is_control() || crate::limits::is_invisible_control(c))
                {
                    return Err(check.at(hint.span(), "console_hint", Problem::BadText));
                }
                Some(text.trim().to_owned()).filter(|t| !t.is_empty())
            }
        };
        let address = |value: &Spanned<String>, key: &str| {
            value.get_ref().trim().parse::<Address>().map_err(|_| {
                check.at(
                    value.span(),
                    key,
                    Problem::BadAddress(value.get_ref().clone()),
                )
            })
        };
        let mut to = Addresses::default();
        for value in &raw.to.authority {
            to.authority.push(address(value, "to.authority")?);
        }
        for value in &raw.to.operator {
            to.operator.push(address(value, "to.operator")?);
        }
        for (name, value) in &raw.to.principals {
            let key = format!("to.principals.{}", name.get_ref());
            if crate::limits::check_slug("principal", name.get_ref()).is_err() {
                return Err(check.at(name.span(), key, Problem::BadPrincipal));
            }
            to.principals
                .insert(name.get_ref().clone(), address(value, &key)?);
        }
        let mut hooks = BTreeMap::new();
        for (name, hook) in &raw.hooks {
            let key = format!("hooks.\"{}\"", name.get_ref());
            let kind = Kind::parse(name.get_ref())
                .ok_or_else(|| check.at(name.span(), key.clone(), Problem::UnknownKind))?;
            let command = hook.command.get_ref();
            let at = |problem| check.at(hook.command.span(), format!("{key}.command"), problem);
            match command.first() {
                None => return Err(at(Problem::EmptyCommand)),
                Some(program) if !Path::new(program).is_absolute() => {
                    return Err(at(Problem::RelativeCommand))
                }
                Some(_) if command.len() > MAX_HOOK_ARGS + 1 => {
                    return Err(at(Problem::TooManyArguments))
                }
                Some(_) => {}
            }
            let timeout = match &hook.timeout {
                None => DEFAULT_HOOK_TIMEOUT,
                Some(text) => {
                    let at = |problem| check.at(text.span(), format!("{key}.timeout"), problem);
                    let secs = crate::times::parse_duration(text.get_ref())
                        .ok_or_else(|| at(Problem::BadDuration))?;
                    let timeout = Duration::from_secs(secs as u64);
                    if timeout > MAX_HOOK_TIMEOUT {
                        return Err(at(Problem::TimeoutTooLong));
                    }
                    timeout
                }
            };
            hooks.insert(
                kind,
                Hook {
                    command: command.clone(),
                    timeout,
                },
            );
        }
        let digest_every = match &raw.delegation.digest_every {
            None => DEFAULT_DIGEST_EVERY,
            Some(text) => {
                let at = |problem| check.at(text.span(), "delegation.digest_every", problem);
                let secs = crate::times::parse_duration(text.get_ref())
                    .ok_or_else(|| at(Problem::BadDuration))?;
                let every = Duration::from_secs(secs.max(0) as u64);
                if !(MIN_DIGEST_EVERY..=MAX_DIGEST_EVERY).contains(&every) {
                    return Err(at(Problem::DigestEveryOutOfRange));
                }
                every
            }
        };
        let credentials_line = raw
            .smtp
            .credentials_file
            .as_ref()
            .map(|c| line_of(text, c.span().start));
        Ok(Config {
            identity: raw.identity,
            state_dir: raw.state_dir,
            smtp: Smtp {
                server,
                security,
                from,
                credentials_file: raw.smtp.credentials_file.map(Spanned::into_inner),
            },
            detail,
            console_hint,
            log: raw.log.unwrap_or_else(|| "info".into()),
            to,
            hooks,
            digest_every,
            file: file.to_owned(),
            credentials_line,
        })
    }

    /// The file this configuration was read from.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// The SMTP login from `smtp.credentials_file`: refused if group or others may reach the
    /// file (as ssh refuses a key), or if it does not hold a user line then a password line.
    pub fn read_credentials(&self) -> Result<Option<Credentials>, ConfigError> {
        let Some(path) = &self.smtp.credentials_file else {
            return Ok(None);
        };
        let refuse = |problem| ConfigError {
            file: self.file.clone(),
            line: self.credentials_line,
            key: "smtp.credentials_file".into(),
            problem,
        };
        use crate::private_file::{check_owner_only, ModeError};
        check_owner_only(path).map_err(|e| match e {
            ModeError::Reachable { reach } => refuse(Problem::CredentialsReachable {
                path: path.clone(),
                reach: Box::new(reach),
            }),
            ModeError::Io(e) => refuse(Problem::CredentialsUnreadable(e)),
        })?;
        let text = SecretString::new(
            std::fs::read_to_string(path).map_err(|e| refuse(Problem::CredentialsUnreadable(e)))?,
        );
        let mut lines = text.expose().lines();
        match (lines.next(), lines.next()) {
            (Some(user), Some(password)) if !user.trim().is_empty() && !password.is_empty() => {
                Ok(Some(Credentials {
                    user: user.trim().to_owned(),
                    password: SecretString::new(password.to_owned()),
                }))
            }
            _ => Err(refuse(Problem::CredentialsFormat)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"# the notifier
identity = "/etc/vaultd-notify/notifier.id"
state_dir = "/var/lib/vaultd-notify"
detail = "full"
console_hint = "Raccourci « Coffre » sur votre bureau"

[smtp]
server = "smtp.example.org:465"
security = "tls"
from = "Coffre <coffre@example.org>"

[to]
authority = ["sg@example.org"]
operator = ["ti@example.org", "ti2@example.org"]

[to.principals]
admin = "admin@example.org"

[hooks."request.created"]
command = ["/usr/local/bin/page-sg", "--urgent"]
timeout = "20s"
"#;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(Path::new("notify.toml"), text, None)
    }

    fn refused(text: &str) -> ConfigError {
        parse(text).expect_err("refused")
    }

    #[test]
    fn a_complete_configuration_reads_back() {
        let c = parse(GOOD).unwrap();
        assert_eq!(c.smtp.server.to_string(), "smtp.example.org:465");
        assert_eq!(c.smtp.security, Security::Tls);
        assert_eq!(c.detail, Detail::Full);
        assert_eq!(c.to.operator.len(), 2);
        assert_eq!(c.to.principals["admin"].to_string(), "admin@example.org");
        let hook = &c.hooks[&Kind::RequestCreated];
        assert_eq!(hook.timeout, Duration::from_secs(20));
        assert_eq!(hook.command[1], "--urgent");
        assert_eq!(
            c.console_hint.as_deref(),
            Some("Raccourci « Coffre » sur votre bureau")
        );
    }

    #[test]
    fn the_shipped_example_reads_back_with_minimal_detail_by_default() {
        let text = include_str!("../../deploy/vaultd-notify.toml");
        let c = parse(text).unwrap();
        assert_eq!(c.detail, Detail::Minimal);
        assert_eq!(c.smtp.security, Security::StartTls);
    }

    /// Each refusal names its line and key, in both languages.
    fn assert_names(e: &ConfigError, line: usize, key: &str, fr: &str, en: &str) {
        assert_eq!((e.line, e.key.as_str()), (Some(line), key), "{e:?}");
        let (said_fr, said_en) = (e.describe(Lang::Fr), e.describe(Lang::En));
        assert!(
            said_fr.contains(&format!("ligne {line}"))
                && said_fr.contains(key)
                && said_fr.contains(fr),
            "{said_fr}"
        );
        assert!(
            said_en.contains(&format!("line {line}"))
                && said_en.contains(key)
                && said_en.contains(en),
            "{said_en}"
        );
    }

    #[test]
    fn an_unknown_key_is_named_with_its_line() {
        let e = refused(&GOOD.replace("security = \"tls\"", "securty = \"tls\""));
        assert_names(&e, 9, "smtp.securty", "clé inconnue", "unknown key");
        let e = refused(&format!("{GOOD}\n[smtp2]\nx = 1\n"));
        assert_names(&e, 23, "smtp2", "clé inconnue", "unknown key");
    }

    #[test]
    fn a_missing_key_is_named_with_its_table() {
        let e = refused(&GOOD.replace("from = \"Coffre <coffre@example.org>\"\n", ""));
        assert_names(&e, 7, "smtp.from", "manque", "missing");
        let e = refused(&GOOD.replace("state_dir = \"/var/lib/vaultd-notify\"\n", ""));
        assert_eq!((e.line, e.key.as_str()), (None, "state_dir"));
        assert!(e.describe(Lang::Fr).contains("state_dir"));
    }

    #[test]
    fn bad_values_are_named_with_their_line() {
        let e = refused(&GOOD.replace("\"tls\"", "\"ssl\""));
        assert_names(
            &e,
            9,
            "smtp.security",
            "tls, starttls, plain",
            "tls, starttls, plain",
        );
        let e = refused(&GOOD.replace("\"full\"", "\"medium\""));
        assert_names(&e, 4, "detail", "full, minimal", "full, minimal");
        let e = refused(&GOOD.replace("ti2@example.org", "ti2 at example"));
        assert_names(&e, 14, "to.operator", "adresse", "address");
        let e = refused(&GOOD.replace("admin = ", "Admin = "));
        assert_names(&e, 17, "to.principals.Admin", "principal", "principal");
        let e = refused(&GOOD.replace("request.created", "request.made"));
        assert_names(
            &e,
            19,
            "hooks.\"request.made\"",
            "request.created",
            "request.created",
        );
        let e = refused(&GOOD.replace("\"/usr/local/bin/page-sg\"", "\"page-sg\""));
        assert_names(
            &e,
            20,
            "hooks.\"request.created\".command",
            "absolu",
            "absolute",
        );
        let e = refused(&GOOD.replace("\"20s\"", "\"1h\""));
        assert_names(&e, 21, "hooks.\"request.created\".timeout", "5m", "5m");
        let e = refused(&GOOD.replace("\"20s\"", "\"soon\""));
        assert_names(
            &e,
            21,
            "hooks.\"request.created\".timeout",
            "durée",
            "duration",
        );
        let e = refused(&GOOD.replace(":465", ""));
        assert_names(&e, 8, "smtp.server", "HOST:PORT", "HOST:PORT");
        let e = refused(&GOOD.replace("sur votre bureau", "\\u0007"));
        assert_names(&e, 5, "console_hint", "contrôle", "control");
    }

    #[test]
    fn a_value_of_the_wrong_type_and_broken_toml_are_named_with_their_line() {
        let e = refused(&GOOD.replace("timeout = \"20s\"", "timeout = 20"));
        assert_names(&e, 21, "hooks.\"request.created\".timeout", "type", "type");
        let e = refused(&GOOD.replace("[to]", "[to"));
        assert_eq!(e.line, Some(12), "{e:?}");
        assert!(matches!(e.problem, Problem::Syntax(_)));
        assert!(e.describe(Lang::Fr).contains("TOML") && e.describe(Lang::Fr).contains("ligne 12"));
    }

    #[test]
    fn plain_smtp_is_accepted_only_towards_loopback() {
        let plain = GOOD.replace("\"tls\"", "\"plain\"");
        let e = refused(&plain);
        assert_names(&e, 8, "smtp.server", "127.0.0.1", "127.0.0.1");
        let local = plain.replace("smtp.example.org:465", "127.0.0.1:2525");
        assert_eq!(parse(&local).unwrap().smtp.security, Security::Plain);
        let v6 = plain.replace("smtp.example.org:465", "[::1]:25");
        assert_eq!(parse(&v6).unwrap().smtp.server.host, "::1");
        // A name is not trusted to stay loopback.
        assert!(parse(&plain.replace("smtp.example.org", "localhost")).is_err());
        // The flag is held to the same rule, and named.
        let flagged = Config::parse(Path::new("n.toml"), &local, Some("mail.example.org:25"));
        let e = flagged.unwrap_err();
        assert_eq!(e.key, "--smtp-server");
        assert!(matches!(e.problem, Problem::PlainNotLoopback));
        let c = Config::parse(Path::new("n.toml"), &local, Some("127.0.0.2:2626")).unwrap();
        assert_eq!(c.smtp.server.port, 2626);
    }

    #[test]
    fn the_delegation_digest_period_is_an_hour_unless_set_within_a_second_and_a_day() {
        assert_eq!(parse(GOOD).unwrap().digest_every, DEFAULT_DIGEST_EVERY);
        let set = |every: &str| format!("{GOOD}\n[delegation]\ndigest_every = \"{every}\"\n");
        assert_eq!(
            parse(&set("2s")).unwrap().digest_every,
            Duration::from_secs(2)
        );
        assert_eq!(parse(&set("24h")).unwrap().digest_every, MAX_DIGEST_EVERY);
        let e = refused(&set("25h"));
        assert_names(
            &e,
            24,
            "delegation.digest_every",
            "entre 1s et 1d",
            "between 1s and 1d",
        );
        let e = refused(&set("0s"));
        assert_eq!(e.key, "delegation.digest_every", "{e}");
        let e = refused(&set("soon"));
        assert_names(&e, 24, "delegation.digest_every", "durée", "duration");
    }

    #[test]
    fn credentials_come_from_a_private_file_of_two_lines() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("smtp.cred");
        let text = GOOD.replace(
            "from = ",
            &format!("credentials_file = \"{}\"\nfrom = ", path.display()),
        );
        let c = parse(&text).unwrap();
        crate::private_file::write(
            &path,
            b"coffre\ns3cret: with spaces\n",
            crate::private_file::Existing::Refuse,
        )
        .unwrap();
        let creds = c.read_credentials().unwrap().unwrap();
        assert_eq!(creds.user, "coffre");
        assert_eq!(creds.password.expose(), "s3cret: with spaces");
        assert!(!format!("{creds:?}").contains("s3cret"));
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        let e = c.read_credentials().unwrap_err();
        assert_eq!(
            (e.line, e.key.as_str()),
            (Some(10), "smtp.credentials_file")
        );
        assert!(e.describe(Lang::Fr).contains("640") && e.describe(Lang::En).contains("chmod 600"));
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        std::fs::write(&path, "only-a-user\n").unwrap();
        assert!(matches!(
            c.read_credentials().unwrap_err().problem,
            Problem::CredentialsFormat
        ));
    }
}
