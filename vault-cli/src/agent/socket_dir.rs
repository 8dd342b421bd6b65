//! Where an agent's socket lives: `$XDG_RUNTIME_DIR/vault-cli/` (the user's own runtime
//! directory, wiped at logout), or `/tmp/vault-cli-UID/` without one; a 0700 directory the user
//! owns, refused if anyone else owns it or may write or enter it, since whoever controls the
//! directory could put their own socket in the agent's place. One socket per identity file,
//! named by a hash of its canonical path.

use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Why the socket's directory cannot be used; `commands::agent` says it in the reader's words.
#[derive(Debug)]
pub enum DirError {
    /// The directory belongs to another user.
    NotOwned { path: PathBuf, owner: u32 },
    /// Others may reach into it.
    Reachable { path: PathBuf, mode: u32 },
    /// Not a directory (a symlink, a file).
    NotADirectory { path: PathBuf },
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

pub fn own_uid() -> u32 {
    nix::unistd::geteuid().as_raw()
}

/// The directory agents' sockets go in, for the environment given.
fn base(runtime_dir: Option<&std::ffi::OsStr>, uid: u32) -> PathBuf {
    match runtime_dir.filter(|d| !d.is_empty() && Path::new(d).is_absolute()) {
        Some(dir) => Path::new(dir).join("vault-cli"),
        None => PathBuf::from(format!("/tmp/vault-cli-{uid}")),
    }
}

/// The socket of the agent for `identity` (a canonical path); with `create`, the directory is
/// made (0700) if missing. Either way it is checked before use.
pub fn socket_for(identity: &Path, create: bool) -> Result<PathBuf, DirError> {
    let uid = own_uid();
    let dir = base(std::env::var_os("XDG_RUNTIME_DIR").as_deref(), uid);
    if create {
        match std::fs::DirBuilder::new().mode(0o700).create(&dir) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(source) => return Err(DirError::Io { path: dir, source }),
        }
    }
    let socket = dir.join(socket_name(identity));
    // Without the directory there is no agent to ask, and nothing in it to trust or refuse.
    if !create
        && matches!(std::fs::symlink_metadata(&dir), Err(e) if e.kind() == std::io::ErrorKind::NotFound)
    {
        return Ok(socket);
    }
    check(&dir, uid)?;
    Ok(socket)
}

fn socket_name(identity: &Path) -> String {
    let digest = ring::digest::digest(
        &ring::digest::SHA256,
        identity.as_os_str().as_encoded_bytes(),
    );
    format!("agent-{}.sock", hex::encode(&digest.as_ref()[..8]))
}

/// The directory is a real directory (not a symlink), owned by `uid`, closed to others.
fn check(dir: &Path, uid: u32) -> Result<(), DirError> {
    let meta = std::fs::symlink_metadata(dir).map_err(|source| DirError::Io {
        path: dir.to_owned(),
        source,
    })?;
    if !meta.file_type().is_dir() {
        return Err(DirError::NotADirectory {
            path: dir.to_owned(),
        });
    }
    if meta.uid() != uid {
        return Err(DirError::NotOwned {
            path: dir.to_owned(),
            owner: meta.uid(),
        });
    }
    let mode = meta.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(DirError::Reachable {
            path: dir.to_owned(),
            mode,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_runtime_dir_is_used_when_set_and_absolute() {
        use std::ffi::OsStr;
        assert_eq!(
            base(Some(OsStr::new("/run/user/1000")), 1000),
            Path::new("/run/user/1000/vault-cli")
        );
        for unusable in [None, Some(OsStr::new("")), Some(OsStr::new("relative"))] {
            assert_eq!(base(unusable, 1000), Path::new("/tmp/vault-cli-1000"));
        }
    }

    #[test]
    fn a_directory_others_can_reach_or_do_not_own_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("d");
        std::fs::DirBuilder::new().mode(0o700).create(&dir).unwrap();
        let uid = own_uid();
        check(&dir, uid).unwrap();
        assert!(matches!(
            check(&dir, uid + 1),
            Err(DirError::NotOwned { owner, .. }) if owner == uid
        ));
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o711)).unwrap();
        assert!(matches!(
            check(&dir, uid),
            Err(DirError::Reachable { mode: 0o711, .. })
        ));
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(&dir, &link).unwrap();
        assert!(matches!(
            check(&link, uid),
            Err(DirError::NotADirectory { .. })
        ));
    }

    #[test]
    fn each_identity_file_has_its_own_socket() {
        let a = socket_name(Path::new("/home/sg/sg.id"));
        assert_eq!(a, socket_name(Path::new("/home/sg/sg.id")));
        assert_ne!(a, socket_name(Path::new("/home/sg/other.id")));
        assert!(a.starts_with("agent-") && a.ends_with(".sock") && a.len() == 27);
    }
}
