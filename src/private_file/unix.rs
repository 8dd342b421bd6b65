//! Unix: private files are made with mode 0600 (directories 0700) from their creation, and the
//! check refuses any bit for group or others, as ssh does.

use std::fs::{DirBuilder, File, OpenOptions};
use std::io;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// The mode private files are made with: read and write for their owner alone.
pub const MODE: u32 = 0o600;

/// Private files are made with [`MODE`].
pub(super) fn options() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.mode(MODE);
    options
}

/// A new file already has its mode.
pub(super) fn narrow_new(_file: &File) -> io::Result<()> {
    Ok(())
}

/// An existing file opened to be rewritten keeps its mode: narrowed here.
pub(super) fn narrow(file: &File) -> io::Result<()> {
    file.set_permissions(std::fs::Permissions::from_mode(MODE))
}

/// A directory made with mode 0700 (the last one, with `recursive`).
pub(super) fn create_dir(path: &Path, recursive: bool) -> io::Result<()> {
    DirBuilder::new()
        .recursive(recursive)
        .mode(0o700)
        .create(path)
}

/// Refuses a file or directory that group or others may read, write or enter.
pub(super) fn check_owner_only(path: &Path) -> Result<(), super::ModeError> {
    let mode = std::fs::metadata(path)?.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(super::ModeError::Reachable {
            reach: super::Reach::Mode(mode),
        });
    }
    Ok(())
}

/// Syncs the directory holding `path`, so that a new name in it survives a crash.
pub(super) fn sync_dir(path: &Path) -> io::Result<()> {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => File::open(dir)?.sync_all(),
        _ => File::open(".")?.sync_all(),
    }
}
