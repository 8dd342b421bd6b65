//! Windows: a private file is given an owner-only DACL (the current user and SYSTEM, full
//! access, protected: nothing inherited from the folder) through its handle, while it is new
//! and still empty; the check reads a file's DACL back as SDDL and lets `sddl.rs` decide.
//!
//! The only unsafe code of the workspace (the lint is `deny`, allowed here alone): a few
//! Win32 security calls, each block with its reason. What is decided from their results is
//! safe Rust in `sddl.rs`, tested on every machine.
#![allow(unsafe_code)]

use super::sddl;
use std::ffi::c_void;
use std::fs::{DirBuilder, File, OpenOptions};
use std::io;
use std::os::windows::ffi::OsStrExt;
use std::os::windows::fs::OpenOptionsExt;
use std::os::windows::io::AsRawHandle;
use std::path::Path;
use std::ptr::{null, null_mut};
use windows_sys::Win32::Foundation::{
    CloseHandle, LocalFree, ERROR_SUCCESS, GENERIC_WRITE, HANDLE,
};
use windows_sys::Win32::Security::Authorization::{
    ConvertSecurityDescriptorToStringSecurityDescriptorW, ConvertSidToStringSidW,
    ConvertStringSecurityDescriptorToSecurityDescriptorW, GetNamedSecurityInfoW, GetSecurityInfo,
    SetSecurityInfo, SDDL_REVISION_1, SE_FILE_OBJECT,
};
use windows_sys::Win32::Security::{
    GetSecurityDescriptorDacl, GetTokenInformation, TokenUser, ACL, DACL_SECURITY_INFORMATION,
    PROTECTED_DACL_SECURITY_INFORMATION, PSECURITY_DESCRIPTOR, TOKEN_QUERY, TOKEN_USER,
};
use windows_sys::Win32::Storage::FileSystem::{
    FILE_FLAG_BACKUP_SEMANTICS, READ_CONTROL, WRITE_DAC,
};
use windows_sys::Win32::System::Threading::{GetCurrentProcess, OpenProcessToken};

/// Private files are opened with the right to set their DACL (and to write).
pub(super) fn options() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.access_mode(GENERIC_WRITE | WRITE_DAC | READ_CONTROL);
    options
}

/// A new file gets the owner-only DACL before anything is written to it.
pub(super) fn narrow_new(file: &File) -> io::Result<()> {
    set_owner_only(file, false)
}

/// An existing file opened to be rewritten gets it too (opening keeps a file's DACL).
pub(super) fn narrow(file: &File) -> io::Result<()> {
    set_owner_only(file, false)
}

/// A directory only its owner may enter; what is made in it inherits the same two entries.
/// With `recursive`, the folders made on the way keep their inherited DACL; the last one is
/// the private one.
pub(super) fn create_dir(path: &Path, recursive: bool) -> io::Result<()> {
    if recursive && path.is_dir() {
        // There already, as Unix's recursive DirBuilder takes it: left as it is.
        return Ok(());
    }
    DirBuilder::new().recursive(recursive).create(path)?;
    let narrowed = OpenOptions::new()
        .access_mode(WRITE_DAC | READ_CONTROL)
        .custom_flags(FILE_FLAG_BACKUP_SEMANTICS)
        .open(path)
        .and_then(|dir| set_owner_only(&dir, true));
    if narrowed.is_err() {
        // Not left behind with the folder's inherited access.
        let _ = std::fs::remove_dir(path);
    }
    narrowed
}

/// Refuses a file whose DACL lets Everyone, Users or Authenticated Users read it, or that has
/// no DACL; a DACL that cannot be read is an error, so the file is refused, not trusted.
pub(super) fn check_owner_only(path: &Path) -> Result<(), super::ModeError> {
    std::fs::metadata(path)?;
    match sddl::verdict(&dacl_sddl(path)?) {
        sddl::Verdict::OwnerOnly => Ok(()),
        sddl::Verdict::Readable { entries, trustees } => {
            let user = current_user_sid()?;
            let remedy = sddl::remedy(&path.display().to_string(), &user, &trustees);
            Err(super::ModeError::Reachable {
                reach: super::Reach::Dacl { entries, remedy },
            })
        }
    }
}

/// Windows has no directory fsync: NTFS journals the rename itself.
pub(super) fn sync_dir(_path: &Path) -> io::Result<()> {
    Ok(())
}

/// Memory the security API allocated with LocalAlloc, freed when dropped.
struct Local(*mut c_void);

impl Drop for Local {
    fn drop(&mut self) {
        if !self.0.is_null() {
            // SAFETY: the pointer came from an API that hands its result to LocalFree, and
            // it is freed only here, once.
            unsafe { LocalFree(self.0) };
        }
    }
}

/// The current user's SID as a string (`S-1-5-21-…`), from the process token.
pub fn current_user_sid() -> io::Result<String> {
    let mut token: HANDLE = null_mut();
    // SAFETY: GetCurrentProcess returns a pseudo-handle that needs no closing; OpenProcessToken
    // writes one handle into `token`, closed below.
    if unsafe { OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &mut token) } == 0 {
        return Err(io::Error::last_os_error());
    }
    // A TOKEN_USER and the SID it points to; a SID is at most 68 bytes. u64 for alignment.
    let mut buffer = [0u64; 64];
    let mut used = 0u32;
    // SAFETY: `token` is the open token; the buffer is writable for the size given.
    let got = unsafe {
        GetTokenInformation(
            token,
            TokenUser,
            buffer.as_mut_ptr().cast(),
            std::mem::size_of_val(&buffer) as u32,
            &mut used,
        )
    };
    let failed = (got == 0).then(io::Error::last_os_error);
    // SAFETY: the handle was opened above and is closed once.
    unsafe { CloseHandle(token) };
    if let Some(e) = failed {
        return Err(e);
    }
    // SAFETY: on success the buffer starts with a TOKEN_USER whose SID points into the buffer,
    // which outlives its use here.
    let sid = unsafe { (*buffer.as_ptr().cast::<TOKEN_USER>()).User.Sid };
    let mut text = null_mut();
    // SAFETY: `sid` is valid (above); the string it writes is freed by `Local`.
    if unsafe { ConvertSidToStringSidW(sid, &mut text) } == 0 {
        return Err(io::Error::last_os_error());
    }
    let text = Local(text.cast());
    // SAFETY: ConvertSidToStringSidW wrote a NUL-terminated string, alive while `text` is.
    Ok(unsafe { from_wide(text.0.cast()) })
}

/// Sets the owner-only DACL (from [`sddl::owner_only`]) on an open file or directory, protected
/// from inheritance.
fn set_owner_only(file: &File, directory: bool) -> io::Result<()> {
    set_dacl(file, &sddl::owner_only(&current_user_sid()?, directory))
}

/// Sets the DACL written as SDDL in `text` (`D:P(…)`) on an open file or directory, protected
/// from inheritance.
fn set_dacl(file: &File, text: &str) -> io::Result<()> {
    let wide: Vec<u16> = text.encode_utf16().chain(std::iter::once(0)).collect();
    let mut descriptor: PSECURITY_DESCRIPTOR = null_mut();
    // SAFETY: `wide` is NUL-terminated; the descriptor it allocates is freed by `Local`.
    let made = unsafe {
        ConvertStringSecurityDescriptorToSecurityDescriptorW(
            wide.as_ptr(),
            SDDL_REVISION_1,
            &mut descriptor,
            null_mut(),
        )
    };
    if made == 0 {
        return Err(io::Error::last_os_error());
    }
    let descriptor = Local(descriptor);
    let (mut present, mut defaulted, mut dacl) = (0, 0, null_mut::<ACL>());
    // SAFETY: `descriptor` is the valid descriptor made above; the out-pointers are locals.
    let read =
        unsafe { GetSecurityDescriptorDacl(descriptor.0, &mut present, &mut dacl, &mut defaulted) };
    if read == 0 || present == 0 || dacl.is_null() {
        return Err(io::Error::other("the owner-only DACL could not be built"));
    }
    // SAFETY: the handle is open (borrowed from `file`) with WRITE_DAC; `dacl` points into
    // `descriptor`, alive until the end of this function.
    let status = unsafe {
        SetSecurityInfo(
            file.as_raw_handle() as HANDLE,
            SE_FILE_OBJECT,
            DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
            null_mut(),
            null_mut(),
            dacl,
            null(),
        )
    };
    if status != ERROR_SUCCESS {
        return Err(io::Error::from_raw_os_error(status as i32));
    }
    Ok(())
}

/// A file's DACL as SDDL (`D:P(A;;FA;;;S-1-5-21-…)(A;;FA;;;SY)`), read by its name.
pub fn dacl_sddl(path: &Path) -> io::Result<String> {
    let name: Vec<u16> = path
        .as_os_str()
        .encode_wide()
        .chain(std::iter::once(0))
        .collect();
    let mut descriptor: PSECURITY_DESCRIPTOR = null_mut();
    // SAFETY: `name` is NUL-terminated; only the descriptor is asked for, and it is freed by
    // `Local`.
    let status = unsafe {
        GetNamedSecurityInfoW(
            name.as_ptr(),
            SE_FILE_OBJECT,
            DACL_SECURITY_INFORMATION,
            null_mut(),
            null_mut(),
            null_mut(),
            null_mut(),
            &mut descriptor,
        )
    };
    if status != ERROR_SUCCESS {
        return Err(io::Error::from_raw_os_error(status as i32));
    }
    descriptor_sddl(Local(descriptor))
}

/// An open file's DACL as SDDL, read through its handle (which needs READ_CONTROL).
pub fn dacl_sddl_of(file: &File) -> io::Result<String> {
    let mut descriptor: PSECURITY_DESCRIPTOR = null_mut();
    // SAFETY: the handle is open (borrowed from `file`); only the descriptor is asked for, and
    // it is freed by `Local`.
    let status = unsafe {
        GetSecurityInfo(
            file.as_raw_handle() as HANDLE,
            SE_FILE_OBJECT,
            DACL_SECURITY_INFORMATION,
            null_mut(),
            null_mut(),
            null_mut(),
            null_mut(),
            &mut descriptor,
        )
    };
    if status != ERROR_SUCCESS {
        return Err(io::Error::from_raw_os_error(status as i32));
    }
    descriptor_sddl(Local(descriptor))
}

/// A security descriptor's DACL part as SDDL.
fn descriptor_sddl(descriptor: Local) -> io::Result<String> {
    let mut text = null_mut();
    // SAFETY: `descriptor` is valid (above); the string is freed by `Local`.
    let converted = unsafe {
        ConvertSecurityDescriptorToStringSecurityDescriptorW(
            descriptor.0,
            SDDL_REVISION_1,
            DACL_SECURITY_INFORMATION,
            &mut text,
            null_mut(),
        )
    };
    if converted == 0 {
        return Err(io::Error::last_os_error());
    }
    let text = Local(text.cast());
    // SAFETY: the conversion wrote a NUL-terminated string, alive while `text` is.
    Ok(unsafe { from_wide(text.0.cast()) })
}

/// A NUL-terminated UTF-16 string as Rust text (read up to 64 Ki units: SDDL and SIDs are far
/// shorter).
///
/// # Safety
/// `p` must point to a NUL-terminated UTF-16 string that stays alive during the call.
unsafe fn from_wide(p: *const u16) -> String {
    let mut len = 0;
    // SAFETY: the caller vouches for a NUL-terminated string; reading stops at its NUL.
    while len < 65_536 && unsafe { *p.add(len) } != 0 {
        len += 1;
    }
    // SAFETY: the `len` units before the NUL were just read.
    String::from_utf16_lossy(unsafe { std::slice::from_raw_parts(p, len) })
}

/// Run on Windows, or under Wine as cargo's runner (tests/windows/wine-run; `.ci/run` does).
///
/// What Wine can and cannot show: it does not enforce DACLs (one Unix user; Unix permissions
/// decide), and it does not keep them either. Wine 8 turns a DACL it is given into the file's
/// Unix mode and reads a DACL back from that mode: the entries come back (SYSTEM always, the
/// user, Everyone for "other" bits) but not the protection flag, and its SetSecurityInfo adds
/// the folder's inheritable entries even when told the DACL is protected. So under Wine (the
/// runner sets VAULTD_TEST_UNDER_WINE and umask 077, as a Windows profile folder is its owner's)
/// these tests check the entries and what the check decides; on Windows, the flag too.
#[cfg(test)]
mod tests {
    use super::super::{create_dir, create_new, create_truncating, write, Existing, ModeError};
    use super::*;

    fn under_wine() -> bool {
        std::env::var_os("VAULTD_TEST_UNDER_WINE").is_some()
    }

    /// Exactly the user and SYSTEM, protected (the protection not asked of Wine, above).
    fn assert_owner_only(sddl: &str, user: &str, directory: bool) {
        assert!(
            sddl::has_owner_only_entries(sddl, user, directory),
            "{sddl}"
        );
        assert!(under_wine() || sddl::is_protected(sddl), "{sddl}");
    }

    #[test]
    fn private_files_and_directories_get_exactly_the_user_and_system_protected() {
        let dir = tempfile::tempdir().unwrap();
        let user = current_user_sid().unwrap();
        assert!(user.starts_with("S-1-5-"), "{user}");
        let whole = dir.path().join("whole.id");
        write(&whole, b"secret", Existing::Refuse).unwrap();
        let new = dir.path().join("new");
        let file = create_new(&new).unwrap();
        let through_handle = dacl_sddl_of(&file).unwrap();
        println!("{} (through its handle): {through_handle}", new.display());
        assert_owner_only(&through_handle, &user, false);
        drop(file);
        // An older export that Everyone may read (its DACL set through the same call): the
        // truncating open narrows it, so what the check reads is our DACL, not a default.
        let truncated = dir.path().join("export");
        let older = create_new(&truncated).unwrap();
        set_dacl(&older, &format!("D:P(A;;FA;;;{user})(A;;FR;;;WD)")).unwrap();
        drop(older);
        assert!(check_owner_only(&truncated).is_err());
        create_truncating(&truncated).unwrap();
        for path in [&whole, &new, &truncated] {
            let sddl = dacl_sddl(path).unwrap();
            println!("{}: {sddl}", path.display());
            assert_owner_only(&sddl, &user, false);
            check_owner_only(path).unwrap();
        }
        assert_eq!(std::fs::read(&whole).unwrap(), b"secret");
        let private_dir = dir.path().join("tls");
        create_dir(&private_dir, false).unwrap();
        let sddl = dacl_sddl(&private_dir).unwrap();
        println!("{}: {sddl}", private_dir.display());
        assert_owner_only(&sddl, &user, true);
    }

    #[test]
    fn a_file_everyone_may_read_is_refused_with_the_entry_and_the_fix() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pass");
        let user = current_user_sid().unwrap();
        let file = create_new(&path).unwrap();
        set_dacl(&file, &format!("D:P(A;;FA;;;{user})(A;;FR;;;WD)")).unwrap();
        drop(file);
        match check_owner_only(&path) {
            Err(ModeError::Reachable {
                reach: super::super::Reach::Dacl { entries, remedy },
            }) => {
                // Wine writes back read and execute, the rights of a Unix "other" r-x.
                assert!(
                    entries == "(A;;FR;;;WD)" || (under_wine() && entries.ends_with(";;;WD)")),
                    "{entries}"
                );
                assert!(remedy.contains("/remove:g *S-1-1-0"), "{remedy}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_file_that_cannot_be_checked_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            check_owner_only(&dir.path().join("missing")),
            Err(ModeError::Io(e)) if e.kind() == io::ErrorKind::NotFound
        ));
    }
}
