//! Files only their owner may reach: key files, identities, passphrase files, exports of the
//! audit log, reports, witness state and backups. One place makes them (owner-only from
//! creation, never widened then narrowed), writes them whole (a staged file beside the target,
//! synced, moved into place, the directory synced: a crash leaves the old file or the new one,
//! never part of one), and refuses one that others may read, as ssh does. Whether an existing
//! file is refused or replaced is each caller's choice ([`Existing`]).
//!
//! "Owner-only" per system, same functions on both:
//! - Unix (`unix.rs`): mode 0600 (directories 0700); the check refuses any group or other bit.
//! - Windows (`windows.rs`): a protected DACL granting full access to the current user and
//!   SYSTEM alone, set through the handle of the new, still empty file; the check reads the
//!   DACL as SDDL and refuses read for Everyone, Users, Authenticated Users (and their kin) or
//!   a NULL DACL, and refuses a file whose DACL cannot be read (`sddl.rs`, which decides,
//!   is plain Rust tested on every machine).
//!
//! The bottom layer: no other module of the crate.

pub mod sddl;
#[cfg(unix)]
mod unix;
#[cfg(windows)]
pub mod windows;

#[cfg(unix)]
use unix as platform;
#[cfg(unix)]
pub use unix::MODE;
#[cfg(windows)]
use windows as platform;

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What a write does with a file already at its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Leaves it untouched and fails with [`io::ErrorKind::AlreadyExists`], even when it
    /// appears while the new one is being written.
    Refuse,
    /// Replaces it in one step: a reader sees the old file or the new one.
    Replace,
}

/// Why a file is not private.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ModeError {
    /// Its metadata or its DACL could not be read (it may not exist).
    #[error(transparent)]
    Io(#[from] io::Error),
    /// Others may reach it.
    #[error("{reach}: others may reach it")]
    Reachable { reach: Reach },
}

/// How others may reach a file, as the check found it: what the message shows and the command
/// that narrows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// Unix: its permission bits, some for group or others.
    Mode(u32),
    /// Windows: the DACL entries that let others read it (SDDL), and the `icacls` command that
    /// removes them.
    Dacl { entries: String, remedy: String },
}

impl Reach {
    /// The command that makes the file its owner's alone (`chmod 600 PATH`, or `icacls …`).
    pub fn remedy(&self, path: &Path) -> String {
        match self {
            // A folder must stay enterable by its owner.
            Reach::Mode(_) if path.is_dir() => format!("chmod 700 {}", path.display()),
            Reach::Mode(_) => format!("chmod 600 {}", path.display()),
            Reach::Dacl { remedy, .. } => remedy.clone(),
        }
    }
}

/// `mode 644` or `DACL (A;;FR;;;WD)`: words a translator keeps as they are.
impl std::fmt::Display for Reach {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reach::Mode(mode) => write!(f, "mode {mode:o}"),
            Reach::Dacl { entries, .. } => write!(f, "DACL {entries}"),
        }
    }
}

/// Refuses a file or directory that others may reach (Unix: any group or other bit; Windows:
/// read for the broad groups, or no DACL, or a DACL that cannot be read).
pub fn check_owner_only(path: &Path) -> Result<(), ModeError> {
    platform::check_owner_only(path)
}

/// Makes a new, empty, owner-only file; refuses one that is there. Should the file not be made
/// private (Windows: its DACL could not be set), it is removed and the error returned.
pub fn create_new(path: &Path) -> io::Result<File> {
    let file = platform::options()
        .write(true)
        .create_new(true)
        .open(path)?;
    if let Err(e) = platform::narrow_new(&file) {
        drop(file);
        let _ = std::fs::remove_file(path);
        return Err(e);
    }
    Ok(file)
}

/// Opens a file to be written from its start, made or emptied; one that was there is made the
/// owner's alone too (opening keeps a file's mode). Written in place: for a file a reader may
/// see half written, [`write`] is the safe one.
pub fn create_truncating(path: &Path) -> io::Result<File> {
    let file = platform::options()
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)?;
    platform::narrow(&file)?;
    Ok(file)
}

/// Opens a file for writing, or makes it owner-only, keeping what it holds (a lock file).
pub fn open_or_create(path: &Path) -> io::Result<File> {
    let file = platform::options()
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)?;
    platform::narrow_new(&file)?;
    Ok(file)
}

/// Makes a directory only its owner may enter (Unix 0700; Windows the owner-only DACL, which
/// what is made in it inherits); with `recursive`, its missing parents too, and an existing
/// directory is no error.
pub fn create_dir(path: &Path, recursive: bool) -> io::Result<()> {
    platform::create_dir(path, recursive)
}

/// Moves a finished (synced) file to `to`, then syncs the directory so that the new name
/// survives a crash. With [`Existing::Refuse`] a hard link takes the name only if nothing has
/// it, and the staged name is removed once linked; when refused, the staged file stays.
pub fn place(staged: &Path, to: &Path, existing: Existing) -> io::Result<()> {
    match existing {
        Existing::Replace => std::fs::rename(staged, to)?,
        Existing::Refuse => {
            std::fs::hard_link(staged, to)?;
            // The file is whole under its name already; a staged name left over is only a
            // second name for it.
            let _ = std::fs::remove_file(staged);
        }
    }
    platform::sync_dir(to)
}

/// Writes `bytes` as the whole file at `path`, mode 0600: through a staged file beside it,
/// synced, then [`place`]d. On failure the staged file is removed.
pub fn write(path: &Path, bytes: &[u8], existing: Existing) -> io::Result<()> {
    if existing == Existing::Refuse && path.symlink_metadata().is_ok() {
        return Err(io::ErrorKind::AlreadyExists.into());
    }
    let staged = staged_path(path);
    let written = create_new(&staged)
        .and_then(|mut file| file.write_all(bytes).and_then(|()| file.sync_all()))
        .and_then(|()| place(&staged, path, existing));
    if written.is_err() {
        let _ = std::fs::remove_file(&staged);
    }
    written
}

/// A hidden name beside `path`, one per process, so that two processes never share it.
fn staged_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.tmp{}", std::process::id()))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    /// The names in `dir`, sorted: what a write leaves behind.
    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn files_are_made_0600_and_a_new_one_refuses_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k");
        create_new(&path).unwrap().write_all(b"one").unwrap();
        assert_eq!(mode(&path), 0o600);
        let err = create_new(&path).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"one");

        let whole = dir.path().join("whole");
        write(&whole, b"bytes", Existing::Refuse).unwrap();
        assert_eq!(mode(&whole), 0o600);
        assert_eq!(std::fs::read(&whole).unwrap(), b"bytes");
    }

    #[test]
    fn a_write_that_refuses_leaves_the_existing_file_and_no_staged_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k");
        write(&path, b"one", Existing::Refuse).unwrap();
        let err = write(&path, b"two", Existing::Refuse).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        assert_eq!(names(dir.path()), ["k"]);
    }

    #[test]
    fn a_replacing_write_swaps_the_whole_file_and_makes_it_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k");
        std::fs::write(&path, b"old, long contents").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        // A reader holding the old file still reads it whole: the name moved, not the bytes.
        let mut before = File::open(&path).unwrap();
        write(&path, b"new", Existing::Replace).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(mode(&path), 0o600);
        let mut old = String::new();
        io::Read::read_to_string(&mut before, &mut old).unwrap();
        assert_eq!(old, "old, long contents");
        assert_eq!(names(dir.path()), ["k"]);
    }

    #[test]
    fn placing_without_replacing_keeps_the_staged_file_when_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (staged, to) = (dir.path().join("out.partial"), dir.path().join("out"));
        create_new(&staged).unwrap().write_all(b"backup").unwrap();
        std::fs::write(&to, b"there first").unwrap();
        let err = place(&staged, &to, Existing::Refuse).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&to).unwrap(), b"there first");
        std::fs::remove_file(&to).unwrap();
        place(&staged, &to, Existing::Refuse).unwrap();
        assert_eq!(std::fs::read(&to).unwrap(), b"backup");
        assert_eq!(names(dir.path()), ["out"]);
    }

    #[test]
    fn a_truncating_open_empties_the_file_and_narrows_its_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export");
        std::fs::write(&path, b"older export").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        create_truncating(&path).unwrap().write_all(b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(mode(&path), 0o600);
        // A lock file keeps what it holds.
        open_or_create(&path).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
    }

    #[test]
    fn the_check_refuses_what_group_or_others_may_reach() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k");
        write(&path, b"secret", Existing::Refuse).unwrap();
        check_owner_only(&path).unwrap();
        for (bits, refused) in [(0o644, true), (0o640, true), (0o604, true), (0o400, false)] {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(bits)).unwrap();
            match check_owner_only(&path) {
                Err(ModeError::Reachable {
                    reach: Reach::Mode(mode),
                }) => assert!(refused && mode == bits),
                Ok(()) => assert!(!refused, "{bits:o}"),
                Err(e) => panic!("{e}"),
            }
        }
        assert!(matches!(
            check_owner_only(&dir.path().join("missing")),
            Err(ModeError::Io(e)) if e.kind() == io::ErrorKind::NotFound
        ));
    }
}
