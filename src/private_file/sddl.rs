//! What a Windows file's DACL, read back as an SDDL string, lets others do: the decision behind
//! the Windows form of the owner-only check, in plain Rust so that it is tested on every
//! machine (`cargo test` on Linux runs it too). The Win32 calls that read the string live in
//! `windows.rs`; this file only reads text.
//!
//! A file is refused when an entry that allows access gives read to a group holding everyone
//! who logs on (Everyone, Users, Authenticated Users, and their kin: Anonymous, Guests,
//! Interactive, Network), or when it has no DACL at all (a NULL DACL lets everyone in). Anything
//! this parser does not understand counts as a grant: a file is refused, never trusted, on doubt.

/// What the DACL's SDDL says about others reading the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Only the entries' other trustees may read it.
    OwnerOnly,
    /// These entries (as SDDL, or `D:NO_ACCESS_CONTROL` for a NULL DACL, or the whole string
    /// when it could not be read) let others read it; `trustees` are their SIDs, for the fix.
    Readable {
        entries: String,
        trustees: Vec<&'static str>,
    },
}

/// SDDL's short names and the string SIDs of the groups that stand for "other users": each one
/// granted read makes the file readable by others.
const BROAD: &[(&str, &str)] = &[
    ("WD", "S-1-1-0"),      // Everyone
    ("BU", "S-1-5-32-545"), // Users
    ("AU", "S-1-5-11"),     // Authenticated Users
    ("AN", "S-1-5-7"),      // Anonymous
    ("BG", "S-1-5-32-546"), // Guests
    ("IU", "S-1-5-4"),      // Interactive
    ("NU", "S-1-5-2"),      // Network
];

/// The access bits that let a holder read a file's contents: FILE_READ_DATA, GENERIC_ALL and
/// GENERIC_READ (FILE_GENERIC_READ and FILE_ALL_ACCESS include FILE_READ_DATA).
const READ_BITS: u32 = 0x0000_0001 | 0x1000_0000 | 0x8000_0000;

/// SDDL's access-right codes and their masks (MS-DTYP 2.5.1.1); the file, key and directory
/// service families all appear in SDDL that Windows writes.
const RIGHTS: &[(&str, u32)] = &[
    ("GA", 0x1000_0000),
    ("GR", 0x8000_0000),
    ("GW", 0x4000_0000),
    ("GX", 0x2000_0000),
    ("RC", 0x0002_0000),
    ("SD", 0x0001_0000),
    ("WD", 0x0004_0000),
    ("WO", 0x0008_0000),
    ("RP", 0x0000_0010),
    ("WP", 0x0000_0020),
    ("CC", 0x0000_0001),
    ("DC", 0x0000_0002),
    ("LC", 0x0000_0004),
    ("SW", 0x0000_0008),
    ("LO", 0x0000_0080),
    ("DT", 0x0000_0040),
    ("CR", 0x0000_0100),
    ("FA", 0x001F_01FF),
    ("FR", 0x0012_0089),
    ("FW", 0x0012_0116),
    ("FX", 0x0012_00A0),
    ("KA", 0x000F_003F),
    ("KR", 0x0002_0019),
    ("KW", 0x0002_0006),
    ("KX", 0x0002_0019),
];

/// The entry types that allow access (plain, object, callback, callback object).
const ALLOWING: &[&str] = &["A", "OA", "XA", "ZA"];

/// Reads the DACL part of `sddl` (as `ConvertSecurityDescriptorToStringSecurityDescriptorW`
/// writes it) and says whether others may read the file.
pub fn verdict(sddl: &str) -> Verdict {
    let whole = || Verdict::Readable {
        entries: sddl.to_owned(),
        trustees: Vec::new(),
    };
    let Some(dacl) = dacl_part(sddl) else {
        return whole();
    };
    let (flags, mut rest) = dacl.split_at(dacl.find('(').unwrap_or(dacl.len()));
    if flags.contains("NO_ACCESS_CONTROL") {
        return Verdict::Readable {
            entries: "D:NO_ACCESS_CONTROL".into(),
            trustees: vec!["S-1-1-0"],
        };
    }
    let mut entries = String::new();
    let mut trustees = Vec::new();
    while !rest.is_empty() {
        let Some(end) = rest.find(')').filter(|_| rest.starts_with('(')) else {
            return whole();
        };
        let ace = &rest[1..end];
        rest = &rest[end + 1..];
        match lets_others_read(ace) {
            Some(None) => {}
            Some(Some(sid)) => {
                entries.push_str(&format!("({ace})"));
                if !trustees.contains(&sid) {
                    trustees.push(sid);
                }
            }
            None => return whole(),
        }
    }
    if entries.is_empty() {
        Verdict::OwnerOnly
    } else {
        Verdict::Readable { entries, trustees }
    }
}

/// The text after `D:` up to the next part (`S:`, or the end); None when there is none.
fn dacl_part(sddl: &str) -> Option<&str> {
    let start = sddl.find("D:")? + 2;
    let rest = &sddl[start..];
    // Parts are O:, G:, D:, S:; only an `S:` outside parentheses ends the DACL.
    let mut depth = 0usize;
    for (i, c) in rest.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            'S' if depth == 0 && rest[i..].starts_with("S:") => return Some(&rest[..i]),
            _ => {}
        }
    }
    Some(rest)
}

/// For one entry (the text between its parentheses): Some(Some(sid)) when it allows a broad
/// group to read, Some(None) when it does not, None when it cannot be read.
fn lets_others_read(ace: &str) -> Option<Option<&'static str>> {
    let fields: Vec<&str> = ace.split(';').collect();
    if fields.len() < 6 {
        return None;
    }
    let (kind, rights, trustee) = (fields[0], fields[2], fields[5]);
    if !ALLOWING.contains(&kind) {
        // A deny or audit entry grants nothing.
        return Some(None);
    }
    let Some(&(_, sid)) = BROAD
        .iter()
        .find(|(short, sid)| trustee == *short || trustee.eq_ignore_ascii_case(sid))
    else {
        return Some(None);
    };
    let mask = rights_mask(rights)?;
    Some((mask & READ_BITS != 0).then_some(sid))
}

/// An entry's rights: a number (`0x1200a9`, or decimal) or a run of two-letter codes.
fn rights_mask(rights: &str) -> Option<u32> {
    if let Some(hex) = rights
        .strip_prefix("0x")
        .or_else(|| rights.strip_prefix("0X"))
    {
        return u32::from_str_radix(hex, 16).ok();
    }
    if !rights.is_empty() && rights.bytes().all(|b| b.is_ascii_digit()) {
        return rights.parse().ok();
    }
    if !rights.len().is_multiple_of(2) || !rights.is_ascii() {
        return None;
    }
    let mut mask = 0;
    for i in (0..rights.len()).step_by(2) {
        let code = &rights[i..i + 2];
        mask |= RIGHTS.iter().find(|(c, _)| *c == code)?.1;
    }
    Some(mask)
}

/// The DACL a private file is given: `user_sid` and SYSTEM, full access, protected from
/// inheritance. On a directory the entries are inherited by what it will hold (OI, CI).
pub fn owner_only(user_sid: &str, directory: bool) -> String {
    let inherit = if directory { "OICI" } else { "" };
    format!("D:P(A;{inherit};FA;;;{user_sid})(A;{inherit};FA;;;SY)")
}

/// Whether `sddl` is exactly [`owner_only`] for `user_sid`: protected, the user and SYSTEM
/// with full access, nothing else (in either order).
pub fn is_owner_only(sddl: &str, user_sid: &str, directory: bool) -> bool {
    is_protected(sddl) && has_owner_only_entries(sddl, user_sid, directory)
}

/// Whether the DACL is protected from inheritance (`D:P…`).
pub fn is_protected(sddl: &str) -> bool {
    dacl_part(sddl).is_some_and(|dacl| dacl[..dacl.find('(').unwrap_or(dacl.len())].contains('P'))
}

/// Whether the DACL's entries are exactly the user's and SYSTEM's full access (in either
/// order), whatever its flags.
pub fn has_owner_only_entries(sddl: &str, user_sid: &str, directory: bool) -> bool {
    let Some(dacl) = dacl_part(sddl) else {
        return false;
    };
    let Some((_, aces)) = dacl.split_once('(') else {
        return false;
    };
    let mut entries: Vec<&str> = aces.trim_end_matches(')').split(")(").collect();
    entries.sort_unstable();
    let inherit = if directory { "OICI" } else { "" };
    let user = format!("A;{inherit};FA;;;{user_sid}");
    let system = format!("A;{inherit};FA;;;SY");
    let mut wanted = [user.as_str(), system.as_str()];
    wanted.sort_unstable();
    entries == wanted
}

/// The command that narrows a Windows file to its owner: inheritance off, the user's full
/// access kept, the broad groups' entries removed. SIDs, not names, so that it works in every
/// language of Windows and in both cmd and PowerShell.
pub fn remedy(path: &str, user_sid: &str, trustees: &[&str]) -> String {
    let mut fix = format!("icacls \"{path}\" /inheritance:r /grant:r *{user_sid}:F");
    if !trustees.is_empty() {
        fix.push_str(" /remove:g");
        for sid in trustees {
            fix.push_str(&format!(" *{sid}"));
        }
    }
    fix
}

#[cfg(test)]
mod tests {
    use super::*;

    const USER: &str = "S-1-5-21-1004336348-1177238915-682003330-1001";

    fn readable(sddl: &str) -> (String, Vec<&'static str>) {
        match verdict(sddl) {
            Verdict::Readable { entries, trustees } => (entries, trustees),
            Verdict::OwnerOnly => panic!("{sddl} was taken as owner-only"),
        }
    }

    #[test]
    fn the_dacl_given_to_private_files_is_owner_only() {
        let made = owner_only(USER, false);
        assert_eq!(made, format!("D:P(A;;FA;;;{USER})(A;;FA;;;SY)"));
        assert_eq!(verdict(&made), Verdict::OwnerOnly);
        assert!(is_owner_only(&made, USER, false));
        // As Windows writes it back, with owner and group first, SYSTEM first.
        let back = format!("O:{USER}G:{USER}D:P(A;;FA;;;SY)(A;;FA;;;{USER})");
        assert!(is_owner_only(&back, USER, false));
        assert_eq!(verdict(&back), Verdict::OwnerOnly);
        let dir = owner_only(USER, true);
        assert_eq!(verdict(&dir), Verdict::OwnerOnly);
        assert!(is_owner_only(&dir, USER, true) && !is_owner_only(&dir, USER, false));
    }

    #[test]
    fn owner_only_means_protected_and_exactly_the_user_and_system() {
        assert!(!is_owner_only(
            &format!("D:(A;;FA;;;{USER})(A;;FA;;;SY)"),
            USER,
            false
        ));
        assert!(!is_owner_only(
            &format!("D:P(A;;FA;;;{USER})(A;;FA;;;SY)(A;;FR;;;BA)"),
            USER,
            false
        ));
        assert!(!is_owner_only("D:P(A;;FA;;;SY)", USER, false));
        assert!(!is_owner_only("D:NO_ACCESS_CONTROL", USER, false));
        assert!(!is_owner_only("", USER, false));
        // What Wine reports: the same entries, without the protection it does not keep.
        let wine = format!("D:(A;;FA;;;SY)(A;;FA;;;{USER})");
        assert!(has_owner_only_entries(&wine, USER, false) && !is_protected(&wine));
    }

    #[test]
    fn read_for_everyone_users_or_authenticated_users_is_refused_in_every_spelling() {
        for (ace, sid) in [
            ("(A;;FR;;;WD)", "S-1-1-0"),
            ("(A;;GR;;;BU)", "S-1-5-32-545"),
            ("(A;;GA;;;AU)", "S-1-5-11"),
            ("(A;;FA;;;WD)", "S-1-1-0"),
            ("(A;ID;0x1200a9;;;BU)", "S-1-5-32-545"),
            ("(A;;0x1;;;S-1-1-0)", "S-1-1-0"),
            ("(A;;1;;;AU)", "S-1-5-11"),
            ("(A;;RCCC;;;WD)", "S-1-1-0"),
            ("(A;;0x80000000;;;s-1-5-32-545)", "S-1-5-32-545"),
            ("(A;OICIID;FA;;;AN)", "S-1-5-7"),
        ] {
            let sddl = format!("O:{USER}D:PAI(A;;FA;;;{USER}){ace}(A;;FA;;;SY)");
            assert_eq!(readable(&sddl), (ace.to_owned(), vec![sid]), "{sddl}");
        }
    }

    #[test]
    fn rights_without_read_and_other_trustees_are_not_others_reading() {
        for ace in [
            "(A;;FW;;;WD)",
            "(A;;0x100000;;;BU)",
            "(A;;RC;;;AU)",
            "(D;;FA;;;WD)",
            "(A;;FA;;;BA)",
            "(A;;FA;;;S-1-5-21-1-2-3-1002)",
            "(AU;SA;FA;;;WD)",
        ] {
            let sddl = format!("D:P(A;;FA;;;{USER}){ace}");
            assert_eq!(verdict(&sddl), Verdict::OwnerOnly, "{sddl}");
        }
        // An empty DACL lets nobody in.
        assert_eq!(verdict("D:P"), Verdict::OwnerOnly);
    }

    #[test]
    fn a_null_dacl_or_what_cannot_be_read_is_refused() {
        assert_eq!(
            readable("O:BAD:NO_ACCESS_CONTROL"),
            ("D:NO_ACCESS_CONTROL".to_owned(), vec!["S-1-1-0"])
        );
        for doubtful in [
            "",
            "O:BAG:BA",
            "D:(A;;FR;;WD)",
            "D:(A;;FR;;;WD",
            "D:(A;;QQ;;;WD)",
            "D:(A;;0xZZ;;;BU)",
            "D:(A;;FRG;;;AU)",
        ] {
            let (entries, _) = readable(doubtful);
            assert_eq!(entries, doubtful);
        }
        // A SACL after the DACL is not read as part of it.
        assert_eq!(
            verdict(&format!("D:P(A;;FA;;;{USER})S:(AU;SA;FR;;;WD)")),
            Verdict::OwnerOnly
        );
    }

    #[test]
    fn the_remedy_names_sids_so_it_works_in_any_language_and_shell() {
        assert_eq!(
            remedy(r"C:\Users\sg\sg.id", USER, &["S-1-1-0", "S-1-5-32-545"]),
            format!(
                r#"icacls "C:\Users\sg\sg.id" /inheritance:r /grant:r *{USER}:F /remove:g *S-1-1-0 *S-1-5-32-545"#
            )
        );
    }
}
