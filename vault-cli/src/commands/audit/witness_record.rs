//! The witness's record beside its key (`KEY.cosigned`, mode 0600, or `cosign --record FILE`
//! where the key's directory cannot be written, e.g. a systemd credential): which key it belongs to,
//! the log key it pinned and the last checkpoint it co-signed, written before any cosignature
//! leaves the machine. `init` writes it ("never co-signed") with the key, so that a key whose
//! record is gone is a key whose history is unknown, not a new one. The state directory's
//! `checkpoint` may be lost or damaged; this record still refuses a rollback.

use std::path::{Path, PathBuf};

/// The first line of every record.
const HEADER: &str = "vault-cli witness record v1";

/// What the record says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    /// The key has not co-signed anything.
    Fresh,
    /// The key co-signed `note` (the full note, the log's signature and the witness's line) of
    /// the log whose verifier key is `log_key`.
    Cosigned { log_key: String, note: String },
}

/// What reading the record found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Read {
    Found(Record),
    /// No record beside the key.
    Missing,
    /// A record that cannot be read, is not one, or is another key's.
    Damaged,
}

/// Where the record of the key at `key` lives unless told otherwise (`cosign --record`).
pub fn beside(key: &Path) -> PathBuf {
    let mut name = key.as_os_str().to_owned();
    name.push(".cosigned");
    PathBuf::from(name)
}

/// The record's text for the witness whose verifier key is `witness`.
pub fn text(witness: &str, record: &Record) -> String {
    match record {
        Record::Fresh => format!("{HEADER}\nwitness {witness}\nlog -\n"),
        Record::Cosigned { log_key, note } => {
            format!("{HEADER}\nwitness {witness}\nlog {log_key}\n{note}")
        }
    }
}

/// Parses a record of the witness `witness` (a record of another key is damaged).
pub fn parse(witness: &str, text: &str) -> Option<Record> {
    let rest = text.strip_prefix(HEADER)?.strip_prefix('\n')?;
    let (line, rest) = rest.split_once('\n')?;
    if line.strip_prefix("witness ")? != witness {
        return None;
    }
    let (line, note) = rest.split_once('\n')?;
    match line.strip_prefix("log ")? {
        "-" if note.is_empty() => Some(Record::Fresh),
        "-" => None,
        _ if note.is_empty() => None,
        log_key => Some(Record::Cosigned {
            log_key: log_key.to_owned(),
            note: note.to_owned(),
        }),
    }
}

/// Reads the record at `path`.
pub fn read(path: &Path, witness: &str) -> Read {
    match std::fs::read_to_string(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Read::Missing,
        Err(_) => Read::Damaged,
        Ok(text) => parse(witness, &text).map_or(Read::Damaged, Read::Found),
    }
}

/// Writes the record at `path` whole (staged, synced, placed), replacing the one before.
pub fn write(
    path: &Path,
    witness: &str,
    record: &Record,
) -> Result<(), vaultd::identity::IdentityError> {
    vaultd::identity::write_private(path, text(witness, record).as_bytes(), true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_read_back_and_another_key_s_or_a_damaged_one_does_not() {
        let fresh = Record::Fresh;
        assert_eq!(parse("w+1+a", &text("w+1+a", &fresh)), Some(fresh));
        let cosigned = Record::Cosigned {
            log_key: "log+2+b".into(),
            note: "origin\n5\nroot\n\n\u{2014} log x\n\u{2014} w y\n".into(),
        };
        assert_eq!(
            parse("w+1+a", &text("w+1+a", &cosigned)),
            Some(cosigned.clone())
        );
        assert_eq!(parse("w+1+other", &text("w+1+a", &cosigned)), None);
        assert_eq!(parse("w+1+a", "not a record\n"), None);
        assert_eq!(
            parse("w+1+a", &format!("{HEADER}\nwitness w+1+a\nlog log+2+b\n")),
            None
        );
        assert_eq!(
            beside(Path::new("/k/witness.key")),
            Path::new("/k/witness.key.cosigned")
        );
    }
}
