//! Input limits and checks, shared by the daemon (which enforces them) and `vault-cli` (which
//! reports them before a round trip). The numbers are documented in README.md.

/// Longest account id or principal name, in characters.
pub const MAX_ID: usize = 64;
pub const MAX_LOGIN: usize = 256;
pub const MAX_URL: usize = 2048;
pub const MAX_NOTE: usize = 1024;
pub const MAX_REASON: usize = 500;
/// Longest password, in bytes.
pub const MAX_PASSWORD: usize = 1024;
/// Bounds of a generated password's length.
pub const MIN_GENERATED: u32 = 12;
pub const MAX_GENERATED: u32 = 128;
pub const DEFAULT_GENERATED: u32 = 24;
/// Bounds of a decoded TOTP seed, in bytes (RFC 4226 asks for at least 128 bits; apps give 10+).
pub const MIN_TOTP_SEED: usize = 10;
pub const MAX_TOTP_SEED: usize = 64;
/// Longest change-password page address: shorter than an account URL, so that `account.set`'s
/// audit detail can name it whole.
pub const MAX_CHANGE_URL: usize = 512;
/// Longest maximum password age (ten years): past it, "due" would never come.
pub const MAX_ROTATION_AGE_SECS: i64 = 3660 * 86_400;
/// Largest PEM certificate request accepted for enrollment.
pub const MAX_CSR: usize = 16 * 1024;

/// What is wrong with a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    Empty,
    TooLong {
        max: usize,
    },
    TooShort {
        min: usize,
    },
    BadFormat,
    /// A name the vault keeps for itself in the audit log (`anonymous`, `vaultd`...).
    Reserved,
}

impl Problem {
    /// Stable code, used on the wire.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Empty => "empty",
            Problem::TooLong { .. } => "too_long",
            Problem::TooShort { .. } => "too_short",
            Problem::BadFormat => "bad_format",
            Problem::Reserved => "reserved",
        }
    }

    pub fn limit(&self) -> Option<usize> {
        match self {
            Problem::TooLong { max } => Some(*max),
            Problem::TooShort { min } => Some(*min),
            _ => None,
        }
    }

    pub fn from_code(code: &str, limit: Option<usize>) -> Option<Problem> {
        Some(match code {
            "empty" => Problem::Empty,
            "too_long" => Problem::TooLong { max: limit? },
            "too_short" => Problem::TooShort { min: limit? },
            "reserved" => Problem::Reserved,
            "bad_format" => Problem::BadFormat,
            _ => return None,
        })
    }
}

/// A field that failed its check: which one, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("invalid {field}: {}", .problem.code())]
pub struct FieldError {
    pub field: &'static str,
    pub problem: Problem,
}

fn field_error(field: &'static str, problem: Problem) -> FieldError {
    FieldError { field, problem }
}

/// Checks a free text field: bounded length in characters, no control characters but newlines
/// where `multiline`.
pub fn check_text(
    field: &'static str,
    value: &str,
    required: bool,
    max: usize,
    multiline: bool,
) -> Result<(), FieldError> {
    if value.trim().is_empty() {
        return if required {
            Err(field_error(field, Problem::Empty))
        } else if value.is_empty() {
            Ok(())
        } else {
            Err(field_error(field, Problem::BadFormat))
        };
    }
    if value.chars().count() > max {
        return Err(field_error(field, Problem::TooLong { max }));
    }
    if value
        .chars()
        .any(|c| (c.is_control() && !(multiline && c == '\n')) || is_invisible_control(c))
    {
        return Err(field_error(field, Problem::BadFormat));
    }
    Ok(())
}

/// Characters that change how text displays without being seen, or split a line where a
/// reader sees none: by Unicode property, so that a new such character is caught by a newer
/// table rather than a longer hand list. Refused in every text a person reads (purpose,
/// reason, login, note), escaped wherever such text is shown.
pub fn is_invisible_control(c: char) -> bool {
    // ASCII has none (its controls are Cc, checked apart): the common case, without a search.
    !c.is_ascii()
        && INVISIBLE
            .binary_search_by(|&(first, last)| {
                if last < c {
                    std::cmp::Ordering::Less
                } else if first > c {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
}

/// The properties [`is_invisible_control`] refuses: bidi controls (Bidi_Control), what
/// renderers draw as nothing (Default_Ignorable_Code_Point: zero-width spaces and joiners,
/// word joiner, invisible operators, variation selectors, tags...), every other format
/// character (general category Cf), and the line and paragraph separators (Zl, Zp).
const INVISIBLE_PROPERTIES: &str =
    r"[\p{Bidi_Control}\p{Default_Ignorable_Code_Point}\p{Cf}\p{Zl}\p{Zp}]";

/// [`INVISIBLE_PROPERTIES`] as sorted, disjoint ranges, from regex-syntax's Unicode tables.
static INVISIBLE: std::sync::LazyLock<Vec<(char, char)>> = std::sync::LazyLock::new(|| {
    use regex_syntax::hir::{Class, HirKind};
    let hir = regex_syntax::Parser::new()
        .parse(INVISIBLE_PROPERTIES)
        .expect("the invisible characters' class parses");
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => class
            .ranges()
            .iter()
            .map(|range| (range.start(), range.end()))
            .collect(),
        other => unreachable!("a class of Unicode properties is a class: {other:?}"),
    }
});

/// Names the vault writes in the audit log for itself or for peers it does not know: no
/// principal may be enrolled under one and pass for it (`audit log --principal` would mix its
/// acts with the vault's).
pub const RESERVED_NAMES: &[&str] = &["anonymous", "vaultd", "local", "system", "root", "unknown"];

/// The prefix of the names the vault gives its own offline acts (`vaultd-init`, `vaultd-dev`,
/// `vaultd-restore`, `vaultd-rekey`, `vaultd-server-cert`, `vaultd-authority-key`), reserved
/// whole so that the next such act needs no new entry here.
pub const RESERVED_PREFIX: &str = "vaultd-";

/// Whether `name` is one the vault keeps for itself ([`RESERVED_NAMES`], [`RESERVED_PREFIX`]).
pub fn is_reserved_name(name: &str) -> bool {
    RESERVED_NAMES.contains(&name) || name.starts_with(RESERVED_PREFIX)
}

/// Account ids and principal names: lowercase ASCII letters, digits, `-`, `_`, `.`, starting with a
/// letter or digit, so they are safe in file names, logs and shell commands.
pub fn check_slug(field: &'static str, value: &str) -> Result<(), FieldError> {
    if value.is_empty() {
        return Err(field_error(field, Problem::Empty));
    }
    if value.len() > MAX_ID {
        return Err(field_error(field, Problem::TooLong { max: MAX_ID }));
    }
    let mut chars = value.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    let rest_ok = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c));
    if first_ok && rest_ok {
        Ok(())
    } else {
        Err(field_error(field, Problem::BadFormat))
    }
}

pub fn check_url(value: &str) -> Result<(), FieldError> {
    check_text("url", value, false, MAX_URL, false)?;
    if value.is_empty() || value.starts_with("https://") || value.starts_with("http://") {
        Ok(())
    } else {
        Err(field_error("url", Problem::BadFormat))
    }
}

/// A change-password page: an https address (the administrator types a new password there),
/// bounded, or empty for none.
pub fn check_change_url(value: &str) -> Result<(), FieldError> {
    check_text("change_url", value, false, MAX_CHANGE_URL, false)?;
    if value.is_empty() || (value.starts_with("https://") && value.len() > "https://".len()) {
        Ok(())
    } else {
        Err(field_error("change_url", Problem::BadFormat))
    }
}

/// A maximum password age: from one second (tests need not wait) to [`MAX_ROTATION_AGE_SECS`].
pub fn check_max_age(secs: i64) -> Result<(), FieldError> {
    if secs < 1 {
        Err(field_error("max_age", Problem::TooShort { min: 1 }))
    } else if secs > MAX_ROTATION_AGE_SECS {
        Err(field_error(
            "max_age",
            Problem::TooLong {
                max: MAX_ROTATION_AGE_SECS as usize,
            },
        ))
    } else {
        Ok(())
    }
}

pub fn check_reason(value: &str) -> Result<(), FieldError> {
    check_text("reason", value, true, MAX_REASON, false)
}

/// A password: 1 to MAX_PASSWORD bytes of UTF-8 without NUL or line breaks (a trailing newline
/// from a pipe is removed by the CLI before this check).
pub fn check_password(value: &[u8]) -> Result<(), FieldError> {
    if value.is_empty() {
        return Err(field_error("password", Problem::Empty));
    }
    if value.len() > MAX_PASSWORD {
        return Err(field_error(
            "password",
            Problem::TooLong { max: MAX_PASSWORD },
        ));
    }
    match std::str::from_utf8(value) {
        Ok(s) if !s.chars().any(|c| c == '\0' || c == '\n' || c == '\r') => Ok(()),
        _ => Err(field_error("password", Problem::BadFormat)),
    }
}

pub fn check_generate_length(length: u32) -> Result<(), FieldError> {
    if length < MIN_GENERATED {
        Err(field_error(
            "length",
            Problem::TooShort {
                min: MIN_GENERATED as usize,
            },
        ))
    } else if length > MAX_GENERATED {
        Err(field_error(
            "length",
            Problem::TooLong {
                max: MAX_GENERATED as usize,
            },
        ))
    } else {
        Ok(())
    }
}

/// Base32 (RFC 4648) without padding, as `decode_totp_seed` sees it once blanks and padding are
/// gone. Bits past the last whole byte are not checked to be zero: the hand-written decoder this
/// replaced never checked them, and a seed someone could save before stays accepted.
static SEED_BASE32: std::sync::LazyLock<data_encoding::Encoding> = std::sync::LazyLock::new(|| {
    let mut spec = data_encoding::BASE32_NOPAD.specification();
    spec.check_trailing_bits = false;
    spec.encoding()
        .expect("BASE32_NOPAD without the trailing-bits check is a valid encoding")
});

/// Decodes a base32 TOTP seed as authenticator set-up pages show it (any case, spaces and `=`
/// padding allowed) into its raw bytes, in zeroizing memory.
pub fn decode_totp_seed(text: &[u8]) -> Result<crate::secret::SecretBytes, FieldError> {
    let bad = || field_error("totp_seed", Problem::BadFormat);
    let mut cleaned = zeroize::Zeroizing::new(Vec::with_capacity(text.len()));
    for &b in text {
        match b {
            b' ' | b'\t' | b'\n' | b'\r' | b'-' | b'=' => {}
            b'a'..=b'z' => cleaned.push(b.to_ascii_uppercase()),
            b'A'..=b'Z' | b'2'..=b'7' => cleaned.push(b),
            _ => return Err(bad()),
        }
    }
    if cleaned.is_empty() {
        return Err(field_error("totp_seed", Problem::Empty));
    }
    // A last character 1, 3 or 6 into a group of 8 starts no whole byte: no encoder writes one,
    // but a typo can, and its bits have always been dropped rather than the seed refused.
    let usable = match cleaned.len() % 8 {
        1 | 3 | 6 => cleaned.len() - 1,
        _ => cleaned.len(),
    };
    let len = SEED_BASE32.decode_len(usable).map_err(|_| bad())?;
    let mut out = zeroize::Zeroizing::new(vec![0; len]);
    let written = SEED_BASE32
        .decode_mut(&cleaned[..usable], &mut out)
        .map_err(|_| bad())?;
    out.truncate(written);
    if out.len() < MIN_TOTP_SEED {
        return Err(field_error(
            "totp_seed",
            Problem::TooShort { min: MIN_TOTP_SEED },
        ));
    }
    if out.len() > MAX_TOTP_SEED {
        return Err(field_error(
            "totp_seed",
            Problem::TooLong { max: MAX_TOTP_SEED },
        ));
    }
    Ok(crate::secret::SecretBytes::new(std::mem::take(&mut *out)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_page_is_https_and_short_and_a_max_age_from_a_second_to_ten_years() {
        assert!(check_change_url("https://example.org/password").is_ok());
        assert!(check_change_url("").is_ok());
        for refused in [
            "http://example.org/pw",
            "https://",
            "javascript:x",
            "https://a\u{202e}b",
        ] {
            assert!(check_change_url(refused).is_err(), "{refused}");
        }
        let long = format!("https://{}", "a".repeat(MAX_CHANGE_URL));
        assert_eq!(
            check_change_url(&long).unwrap_err().problem,
            Problem::TooLong {
                max: MAX_CHANGE_URL
            }
        );
        assert!(check_max_age(1).is_ok());
        assert!(check_max_age(MAX_ROTATION_AGE_SECS).is_ok());
        assert!(check_max_age(0).is_err());
        assert!(check_max_age(MAX_ROTATION_AGE_SECS + 1).is_err());
    }

    #[test]
    fn slugs_accept_the_sample_ids_and_refuse_the_rest() {
        assert!(check_slug("account", "facebook-cest").is_ok());
        assert!(check_slug("account", "x.cest_2").is_ok());
        for bad in ["", "Facebook", "-lead", "a b", "é", "a/b"] {
            assert!(check_slug("account", bad).is_err(), "{bad}");
        }
        let long = "a".repeat(MAX_ID + 1);
        assert_eq!(
            check_slug("account", &long).unwrap_err().problem,
            Problem::TooLong { max: MAX_ID }
        );
    }

    #[test]
    fn text_limits_count_characters_and_refuse_control_characters() {
        assert!(check_text("note", &"é".repeat(MAX_NOTE), false, MAX_NOTE, true).is_ok());
        assert!(check_text("note", &"é".repeat(MAX_NOTE + 1), false, MAX_NOTE, true).is_err());
        assert!(check_text("note", "a\nb", false, MAX_NOTE, true).is_ok());
        assert!(check_text("login", "a\nb", true, MAX_LOGIN, false).is_err());
        assert_eq!(check_reason("   ").unwrap_err().problem, Problem::Empty);
    }

    #[test]
    fn every_name_the_vault_writes_for_itself_is_reserved() {
        for name in [
            "anonymous",
            "vaultd",
            "vaultd-init",
            "vaultd-dev",
            "vaultd-restore",
            "vaultd-rekey",
            "vaultd-server-cert",
            "vaultd-authority-key",
            "vaultd-next",
            "local",
            "unknown",
        ] {
            assert!(is_reserved_name(name), "{name}");
        }
        for name in ["admin", "vaultdx", "ops-vaultd-watch", "vault-d"] {
            assert!(!is_reserved_name(name), "{name}");
        }
    }

    #[test]
    fn invisible_characters_are_refused_by_their_unicode_property() {
        let classes: &[(&str, &[char])] = &[
            (
                "Bidi_Control",
                &[
                    '\u{061C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202E}', '\u{2066}',
                    '\u{2069}',
                ],
            ),
            (
                "Default_Ignorable_Code_Point",
                &[
                    '\u{00AD}',
                    '\u{034F}',
                    '\u{115F}',
                    '\u{180B}',
                    '\u{200B}',
                    '\u{200D}',
                    '\u{2060}',
                    '\u{2065}',
                    '\u{3164}',
                    '\u{FE0F}',
                    '\u{FEFF}',
                    '\u{E0001}',
                    '\u{E0100}',
                ],
            ),
            (
                "Cf (format)",
                &[
                    '\u{0600}',
                    '\u{2061}',
                    '\u{2062}',
                    '\u{2063}',
                    '\u{2064}',
                    '\u{FFF9}',
                    '\u{FFFB}',
                    '\u{110BD}',
                    '\u{1BCA0}',
                ],
            ),
            ("Zl (line separator)", &['\u{2028}']),
            ("Zp (paragraph separator)", &['\u{2029}']),
        ];
        for (class, chars) in classes {
            for &c in *chars {
                assert!(is_invisible_control(c), "{class}: U+{:04X}", c as u32);
                let text = format!("campagne{c}d'été");
                assert_eq!(
                    check_text("purpose", &text, true, MAX_REASON, false)
                        .unwrap_err()
                        .problem,
                    Problem::BadFormat,
                    "{class}: U+{:04X}",
                    c as u32
                );
                assert!(
                    check_text("note", &text, false, MAX_NOTE, true).is_err(),
                    "a note's newlines do not let U+{:04X} pass",
                    c as u32
                );
            }
        }
        // French typography and everyday text stay accepted: no-break spaces (Zs), « »,
        // accents, other scripts, symbols.
        for text in [
            "campagne d'été\u{202F}: « vidéo\u{00A0}» ; Ça va\u{202F}?",
            "Ἀθῆναι, 東京, Montréal",
            "budget 2 000 $ – 50 %",
            "😀",
        ] {
            assert!(check_reason(text).is_ok(), "{text}");
        }
        for c in (0..0x80u8).map(char::from) {
            assert!(!is_invisible_control(c), "ASCII {:?}", c);
        }
    }

    #[test]
    fn passwords_are_bounded_utf8_lines() {
        assert!(check_password(b"S3cret!").is_ok());
        assert!(check_password(b"").is_err());
        assert!(check_password(b"a\nb").is_err());
        assert!(check_password(&[0xff, 0xfe]).is_err());
        assert!(check_password(&vec![b'a'; MAX_PASSWORD + 1]).is_err());
    }

    #[test]
    fn totp_seed_decodes_rfc4648_base32() {
        // "12345678901234567890" in base32 (RFC 6238 test seed).
        let seed = decode_totp_seed(b"gezd gnbv gy3t qojq gezd gnbv gy3t qojq").unwrap();
        assert_eq!(seed.expose(), b"12345678901234567890");
        assert!(decode_totp_seed(b"GEZDGNBV1").is_err());
        assert!(decode_totp_seed(b"GEZDGNBV").is_err(), "too short");
    }

    fn seed_problem(text: &str) -> Problem {
        decode_totp_seed(text.as_bytes()).unwrap_err().problem
    }

    #[test]
    fn totp_seed_accepts_any_case_blanks_dashes_and_padding() {
        let twenty = b"12345678901234567890";
        for text in [
            "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
            "gezdgnbvgy3tqojqgezdgnbvgy3tqojq",
            "GeZd GnBv gY3T QOJQ\tGEZD-GNBV\r\nGY3T QOJQ\n",
        ] {
            assert_eq!(decode_totp_seed(text.as_bytes()).unwrap().expose(), twenty);
        }
        // 16 bytes take 26 characters and six `=`; padding is skipped wherever it is.
        let sixteen = b"1234567890123456";
        for text in [
            "GEZDGNBVGY3TQOJQGEZDGNBVGY======",
            "GEZDGNBVGY3TQOJQGEZDGNBVGY",
            "gezdgnbvgy3tqojq=gezdgnbvgy=",
        ] {
            assert_eq!(decode_totp_seed(text.as_bytes()).unwrap().expose(), sixteen);
        }
    }

    #[test]
    fn totp_seed_refuses_characters_outside_the_alphabet() {
        for text in [
            "GEZDGNBVGY3TQOJ0", // 0, 1, 8 and 9 are not base32
            "GEZDGNBVGY3TQOJ1",
            "GEZDGNBVGY3TQOJ8",
            "GEZDGNBVGY3TQOJ9",
            "GEZDGNBV_Y3TQOJQ",
            "GEZDGNBV.Y3TQOJQ",
            "GEZDGNBVGY3TQOJQ\0",
            "GEZDGNBVGY3TQOJQ\u{e9}",
            "GEZDGNBVGY3TQOJQ1", // even where it would fall in the dropped bits
        ] {
            assert_eq!(seed_problem(text), Problem::BadFormat, "{text:?}");
        }
        for text in ["", " ", "====", " - \n"] {
            assert_eq!(seed_problem(text), Problem::Empty, "{text:?}");
        }
    }

    #[test]
    fn totp_seed_length_is_bounded_in_decoded_bytes() {
        // 10 bytes, the shortest accepted; 9 bytes is one short.
        assert_eq!(
            decode_totp_seed(b"GEZDGNBVGY3TQOJQ").unwrap().expose(),
            b"1234567890"
        );
        assert_eq!(
            seed_problem("GEZDGNBVGY3TQOI="),
            Problem::TooShort { min: MIN_TOTP_SEED }
        );
        // Bytes 0..64, the longest accepted; bytes 0..65 is one too many.
        let longest = "AAAQEAYEAUDAOCAJBIFQYDIOB4IBCEQTCQKRMFYYDENBWHA5DYPSAIJCEMSCKJRHFAUSUKZMFUXC6MBRGIZTINJWG44DSOR3HQ6T4PY=";
        let bytes: Vec<u8> = (0..64).collect();
        assert_eq!(
            decode_totp_seed(longest.as_bytes()).unwrap().expose(),
            bytes
        );
        let too_long = "AAAQEAYEAUDAOCAJBIFQYDIOB4IBCEQTCQKRMFYYDENBWHA5DYPSAIJCEMSCKJRHFAUSUKZMFUXC6MBRGIZTINJWG44DSOR3HQ6T4P2A";
        assert_eq!(
            seed_problem(too_long),
            Problem::TooLong { max: MAX_TOTP_SEED }
        );
    }

    #[test]
    fn totp_seed_keeps_whole_bytes_of_loose_lengths() {
        // No encoder writes these, but people type them: the bits that do not make a whole byte
        // are dropped, as the decoder always did, rather than refusing the seed.
        let ten = b"1234567890";
        for text in ["GEZDGNBVGY3TQOJQA", "GEZDGNBVGY3TQOJQ7"] {
            assert_eq!(
                decode_totp_seed(text.as_bytes()).unwrap().expose(),
                ten,
                "{text}"
            );
        }
        assert_eq!(
            decode_totp_seed(b"GEZDGNBVGY3TQOJQGEZ").unwrap().expose(),
            b"12345678901"
        );
        assert_eq!(
            decode_totp_seed(b"GEZDGNBVGY3TQOJQGEZDGN")
                .unwrap()
                .expose(),
            b"1234567890123"
        );
        // Non-zero trailing bits ('Z' ends in 01 where 'Y' ends in 00).
        assert_eq!(
            decode_totp_seed(b"GEZDGNBVGY3TQOJQGEZDGNBVGZ")
                .unwrap()
                .expose(),
            b"1234567890123456"
        );
    }

    #[test]
    fn problems_round_trip_through_their_wire_code() {
        for p in [
            Problem::Empty,
            Problem::TooLong { max: 7 },
            Problem::TooShort { min: 3 },
            Problem::BadFormat,
        ] {
            assert_eq!(Problem::from_code(p.code(), p.limit()), Some(p));
        }
    }
}
