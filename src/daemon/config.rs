//! The daemon's configuration: one TOML file (see deploy/vaultd.toml), overridden by flags.

use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

pub const DEFAULT_LISTEN: &str = "127.0.0.1:8443";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Directory holding vault.db (mode 0700).
    pub data_dir: PathBuf,
    /// Where to listen; by default the address given to `vaultd init` (kept in the vault).
    /// Ignored under socket activation, where systemd passes the socket.
    #[serde(default)]
    pub listen: Option<SocketAddr>,
    /// An age identity file that unseals the vault at start (e.g. from systemd LoadCredential).
    #[serde(default)]
    pub unseal_identity: Option<PathBuf>,
    /// A tracing filter such as "info" or "vaultd=debug".
    #[serde(default = "default_log")]
    pub log: String,
    /// Longest art. 3 grant the vault registers, in days.
    #[serde(default = "default_max_grant_days")]
    pub max_grant_days: u32,
    /// Longest delegation to an acting authority the vault pins, in days.
    #[serde(default = "default_max_delegation_days")]
    pub max_delegation_days: u32,
    /// Grant requests: when the notifier is told one is still waiting.
    #[serde(default)]
    pub requests: RequestsConfig,
    /// Rotation: an account's default maximum password age, and when a staged rotation waiting
    /// for its confirmation is said to wait too long.
    #[serde(default)]
    pub rotation: RotationConfig,
}

/// `[requests]`: when a pending request becomes overdue (`request.overdue` is written once).
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestsConfig {
    /// How long after its creation a request still pending is overdue: `30m`, `2h`, `90s`...
    #[serde(
        default = "default_remind_after",
        deserialize_with = "remind_after_from_text"
    )]
    pub remind_after: std::time::Duration,
}

impl Default for RequestsConfig {
    fn default() -> Self {
        RequestsConfig {
            remind_after: default_remind_after(),
        }
    }
}

/// Longest `remind_after` accepted: a reminder later than this would be no reminder.
pub const MAX_REMIND_AFTER_SECS: i64 = 30 * 86_400;

fn default_remind_after() -> std::time::Duration {
    crate::vault::clock::DEFAULT_REMIND_AFTER
}

fn remind_after_from_text<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<std::time::Duration, D::Error> {
    let text = String::deserialize(deserializer)?;
    match crate::times::parse_duration(&text) {
        Some(secs) if (1..=MAX_REMIND_AFTER_SECS).contains(&secs) => {
            Ok(std::time::Duration::from_secs(secs as u64))
        }
        _ => Err(serde::de::Error::custom(format!(
            "remind_after: a duration from 1s to 30d such as \"30m\", not {text:?}"
        ))),
    }
}

/// `[rotation]`: how old a password may get before its rotation is due (`rotation.due` is
/// written once per password version), and when a staged rotation not yet confirmed or aborted
/// is stale (`rotation.staged_stale`, once per stage).
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RotationConfig {
    /// For accounts without their own (`account set --max-age`): `365d`, `26w`... from 1s to
    /// ten years.
    #[serde(
        default = "default_rotation_max_age",
        deserialize_with = "rotation_max_age_from_text"
    )]
    pub max_age: std::time::Duration,
    /// How long after it was staged a change still waiting is stale: `1h`, `30m`, `1s`...
    #[serde(
        default = "default_staged_warn_after",
        deserialize_with = "staged_warn_after_from_text"
    )]
    pub staged_warn_after: std::time::Duration,
}

impl Default for RotationConfig {
    fn default() -> Self {
        RotationConfig {
            max_age: default_rotation_max_age(),
            staged_warn_after: default_staged_warn_after(),
        }
    }
}

/// Longest `staged_warn_after` accepted: a new password left unconfirmed for longer is one the
/// Commission may have lost track of, and must hear of.
pub const MAX_STAGED_WARN_AFTER_SECS: i64 = 30 * 86_400;

fn default_staged_warn_after() -> std::time::Duration {
    crate::vault::clock::DEFAULT_STAGED_WARN_AFTER
}

fn staged_warn_after_from_text<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<std::time::Duration, D::Error> {
    let text = String::deserialize(deserializer)?;
    match crate::times::parse_duration(&text) {
        Some(secs) if (1..=MAX_STAGED_WARN_AFTER_SECS).contains(&secs) => {
            Ok(std::time::Duration::from_secs(secs as u64))
        }
        _ => Err(serde::de::Error::custom(format!(
            "staged_warn_after: a duration from 1s to 30d such as \"1h\", not {text:?}"
        ))),
    }
}

fn default_rotation_max_age() -> std::time::Duration {
    crate::vault::clock::DEFAULT_ROTATION_MAX_AGE
}

fn rotation_max_age_from_text<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<std::time::Duration, D::Error> {
    let text = String::deserialize(deserializer)?;
    match crate::times::parse_duration(&text) {
        Some(secs) if crate::limits::check_max_age(secs).is_ok() => {
            Ok(std::time::Duration::from_secs(secs as u64))
        }
        _ => Err(serde::de::Error::custom(format!(
            "max_age: a duration from 1s to 3660d such as \"365d\", not {text:?}"
        ))),
    }
}

fn default_max_grant_days() -> u32 {
    366
}

fn default_max_delegation_days() -> u32 {
    (crate::authz::delegation::DEFAULT_MAX_DELEGATION_SECS / 86_400) as u32
}

/// The address for a vault that records none (made before it did).
pub fn default_listen() -> SocketAddr {
    DEFAULT_LISTEN.parse().expect("valid default address")
}

fn default_log() -> String {
    "info".into()
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file is not valid TOML for this struct.
    #[error("{path}: {message}")]
    Parse { path: PathBuf, message: String },
    /// Neither a file nor a data directory.
    #[error("give --config FILE or --data-dir DIR")]
    NoDataDir,
}

impl Config {
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_owned(),
            source,
        })?;
        Self::parse(&text).map_err(|e| match e {
            ConfigError::Parse { message, .. } => ConfigError::Parse {
                path: path.to_owned(),
                message,
            },
            other => other,
        })
    }

    /// Parses a configuration file's text.
    pub fn parse(text: &str) -> Result<Self, ConfigError> {
        toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: PathBuf::from("<config>"),
            message: e.to_string(),
        })
    }

    /// A file's settings, or defaults, with flags on top.
    pub fn resolve(
        file: Option<&Path>,
        data_dir: Option<PathBuf>,
        listen: Option<SocketAddr>,
        unseal_identity: Option<PathBuf>,
    ) -> Result<Self, ConfigError> {
        let mut config = match (file, &data_dir) {
            (Some(path), _) => Self::load(path)?,
            (None, Some(dir)) => Config {
                data_dir: dir.clone(),
                listen: None,
                unseal_identity: None,
                log: default_log(),
                max_grant_days: default_max_grant_days(),
                max_delegation_days: default_max_delegation_days(),
                requests: RequestsConfig::default(),
                rotation: RotationConfig::default(),
            },
            (None, None) => return Err(ConfigError::NoDataDir),
        };
        if let Some(dir) = data_dir {
            config.data_dir = dir;
        }
        if listen.is_some() {
            config.listen = listen;
        }
        if unseal_identity.is_some() {
            config.unseal_identity = unseal_identity;
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_config_parses() {
        let text = include_str!("../../deploy/vaultd.toml");
        let config: Config = toml::from_str(text).unwrap();
        assert_eq!(config.data_dir, PathBuf::from("/var/lib/vaultd"));
        assert_eq!(config.max_grant_days, 366);
        assert_eq!(config.max_delegation_days, 90);
        assert_eq!(
            config.requests.remind_after,
            std::time::Duration::from_secs(1800)
        );
    }

    #[test]
    fn remind_after_takes_a_duration_from_one_second_to_thirty_days() {
        let parse = |v: &str| {
            Config::parse(&format!(
                "data_dir = \"/a\"\n[requests]\nremind_after = \"{v}\"\n"
            ))
            .map(|c| c.requests.remind_after.as_secs())
        };
        assert_eq!(parse("1s").unwrap(), 1);
        assert_eq!(parse("2h").unwrap(), 7200);
        for refused in ["0s", "31d", "soon", "", "-5m"] {
            assert!(parse(refused).is_err(), "{refused}");
        }
        assert_eq!(
            Config::parse("data_dir = \"/a\"\n")
                .unwrap()
                .requests
                .remind_after
                .as_secs(),
            1800
        );
    }

    #[test]
    fn staged_warn_after_takes_a_duration_from_one_second_to_thirty_days_default_one_hour() {
        let parse = |v: &str| {
            Config::parse(&format!(
                "data_dir = \"/a\"\n[rotation]\nstaged_warn_after = \"{v}\"\n"
            ))
            .map(|c| c.rotation.staged_warn_after.as_secs())
        };
        assert_eq!(parse("1s").unwrap(), 1);
        assert_eq!(parse("90m").unwrap(), 5400);
        for refused in ["0s", "31d", "later", "", "-1h"] {
            assert!(parse(refused).is_err(), "{refused}");
        }
        let default = Config::parse("data_dir = \"/a\"\n").unwrap();
        assert_eq!(default.rotation.staged_warn_after.as_secs(), 3600);
        let example: Config = toml::from_str(include_str!("../../deploy/vaultd.toml")).unwrap();
        assert_eq!(example.rotation.staged_warn_after.as_secs(), 3600);
    }

    #[test]
    fn rotation_max_age_takes_a_duration_from_one_second_to_ten_years() {
        let parse = |v: &str| {
            Config::parse(&format!(
                "data_dir = \"/a\"\n[rotation]\nmax_age = \"{v}\"\n"
            ))
            .map(|c| c.rotation.max_age.as_secs())
        };
        assert_eq!(parse("1s").unwrap(), 1);
        assert_eq!(parse("90d").unwrap(), 90 * 86_400);
        for refused in ["0s", "3661d", "yearly", ""] {
            assert!(parse(refused).is_err(), "{refused}");
        }
        assert_eq!(
            Config::parse("data_dir = \"/a\"\n")
                .unwrap()
                .rotation
                .max_age
                .as_secs(),
            365 * 86_400
        );
        let example: Config = toml::from_str(include_str!("../../deploy/vaultd.toml")).unwrap();
        assert_eq!(example.rotation.max_age.as_secs(), 365 * 86_400);
    }

    #[test]
    fn flags_override_the_file_and_unknown_keys_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        std::fs::write(&path, "data_dir = \"/a\"\nlisten = \"127.0.0.1:1\"\n").unwrap();
        let c = Config::resolve(
            Some(&path),
            None,
            Some("127.0.0.1:2".parse().unwrap()),
            None,
        )
        .unwrap();
        assert_eq!(c.listen.map(|a| a.port()), Some(2));
        // Without a listen setting, the vault's own address (from init) is used: None here.
        assert_eq!(
            Config::resolve(None, Some("/a".into()), None, None)
                .unwrap()
                .listen,
            None
        );
        assert_eq!(c.data_dir, PathBuf::from("/a"));
        std::fs::write(&path, "data_dir = \"/a\"\nlisen = \"x\"\n").unwrap();
        assert!(matches!(
            Config::load(&path),
            Err(ConfigError::Parse { .. })
        ));
    }
}
