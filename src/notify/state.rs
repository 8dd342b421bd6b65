//! What the notifier has done, in its state directory (`notify-state.json`, mode 0600, written
//! whole: a crash leaves the old file or the new one). The cursor is the last event handled
//! whole (mail sent or skipped, hook run, both on the record); it advances only then, so a
//! restart resumes after it. The event in hand keeps what of it is done already (the mail, the
//! hook, each recorded or not), so that a restart neither sends its mail again nor loses its
//! record. A damaged file stops the notifier rather than start again from the first event.

pub use super::outcome::Done;
use crate::private_file::{self, Existing};
use serde::{Deserialize, Serialize};
use std::io;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

const FILE: &str = "notify-state.json";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct State {
    /// The last event handled whole (0: none yet).
    pub cursor: u64,
    /// The event after the cursor, partly handled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<Progress>,
    /// The acting authorities' decisions gathered for the Secrétaire générale's digests, saved
    /// with the cursor that passed them (see `digest`).
    #[serde(default, skip_serializing_if = "super::digest::Digests::is_empty")]
    pub digests: super::digest::Digests,
}

/// What is done of one event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    pub seq: u64,
    #[serde(default)]
    pub mail: Option<Done>,
    #[serde(default)]
    pub hook: Option<Done>,
}

impl Progress {
    pub fn new(seq: u64) -> Progress {
        Progress {
            seq,
            mail: None,
            hook: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StateError {
    /// The directory or the file could not be made, read or written.
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    /// Group or others may reach the directory or the file.
    #[error("{path} is accessible to other users ({reach}); run: {}", reach.remedy(path))]
    Reachable {
        path: PathBuf,
        reach: private_file::Reach,
    },
    /// The file does not hold a state this version reads.
    #[error("{path}: not a notifier state file ({detail}); move it away to start again from the vault's first event")]
    Damaged { path: PathBuf, detail: String },
}

/// The state file of one state directory.
#[derive(Debug)]
pub struct StateFile {
    path: PathBuf,
}

impl StateFile {
    /// Opens the state in `dir` (made with mode 0700 when missing), or a fresh one.
    pub fn open(dir: &Path) -> Result<(StateFile, State), StateError> {
        let io = |path: &Path| {
            let path = path.to_owned();
            move |source| StateError::Io { path, source }
        };
        if !dir.exists() {
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)
                .map_err(io(dir))?;
        }
        let check = |path: &Path| {
            private_file::check_owner_only(path).map_err(|e| match e {
                private_file::ModeError::Reachable { reach } => StateError::Reachable {
                    path: path.to_owned(),
                    reach,
                },
                private_file::ModeError::Io(source) => StateError::Io {
                    path: path.to_owned(),
                    source,
                },
            })
        };
        check(dir)?;
        let path = dir.join(FILE);
        let state = match std::fs::read(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => State::default(),
            Err(e) => return Err(io(&path)(e)),
            Ok(bytes) => {
                check(&path)?;
                serde_json::from_slice(&bytes).map_err(|e| StateError::Damaged {
                    path: path.clone(),
                    detail: e.to_string(),
                })?
            }
        };
        Ok((StateFile { path }, state))
    }

    /// Writes `state` whole, synced, before the caller goes on.
    pub fn save(&self, state: &State) -> Result<(), StateError> {
        let bytes = serde_json::to_vec_pretty(state).expect("a state serializes");
        private_file::write(&self.path, &bytes, Existing::Replace).map_err(|source| {
            StateError::Io {
                path: self.path.clone(),
                source,
            }
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn the_state_is_kept_private_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let state_dir = dir.path().join("state");
        let (file, state) = StateFile::open(&state_dir).unwrap();
        assert_eq!(state, State::default());
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&state_dir), 0o700);
        let state = State {
            cursor: 41,
            current: Some(Progress {
                seq: 42,
                mail: Some(Done {
                    outcome: "sent".into(),
                    reason: String::new(),
                    recipients: vec!["role:authority".into()],
                    message_id: "<vaultd.42.t@x>".into(),
                    attempt: 3,
                    recorded: false,
                }),
                hook: None,
            }),
            digests: Default::default(),
        };
        file.save(&state).unwrap();
        assert!(
            !std::fs::read_to_string(file.path())
                .unwrap()
                .contains("digests"),
            "a state with no digest reads as before"
        );
        // A digest gathered is read back with the cursor that passed it.
        let mut state = state;
        state.digests.add(&crate::wire::pb::VaultEvent {
            seq: 40,
            at: 1000,
            kind: "delegation.decision".into(),
            delegation_id: "d1".into(),
            acting_for: "sg".into(),
            decision: "approve".into(),
            ..Default::default()
        });
        file.save(&state).unwrap();
        let (_, again) = StateFile::open(&state_dir).unwrap();
        assert_eq!(again.digests.open["d1"].decisions[0].seq, 40);
        assert_eq!(mode(file.path()), 0o600);
        let (_, again) = StateFile::open(&state_dir).unwrap();
        assert_eq!(again, state);
    }

    #[test]
    fn a_damaged_or_open_state_is_refused_rather_than_restarted() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
        let (file, _) = StateFile::open(dir.path()).unwrap();
        private_file::write(file.path(), b"{\"cursor\": \"x\"}", Existing::Replace).unwrap();
        assert!(matches!(
            StateFile::open(dir.path()),
            Err(StateError::Damaged { .. })
        ));
        file.save(&State::default()).unwrap();
        std::fs::set_permissions(file.path(), std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(matches!(
            StateFile::open(dir.path()),
            Err(StateError::Reachable {
                reach: private_file::Reach::Mode(0o644),
                ..
            })
        ));
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        assert!(matches!(
            StateFile::open(dir.path()),
            Err(StateError::Reachable {
                reach: private_file::Reach::Mode(0o755),
                ..
            })
        ));
    }
}
