//! Names of things: account ids, principal names, roles and platforms, as checked newtypes so a
//! bare string never reaches the domain.

use crate::limits::{check_slug, FieldError, Problem};
use std::fmt;
use std::str::FromStr;

macro_rules! slug_newtype {
    ($(#[$doc:meta])* $name:ident, $field:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            pub fn parse(value: &str) -> Result<Self, FieldError> {
                check_slug($field, value)?;
                Ok(Self(value.to_owned()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

slug_newtype!(
    /// An official account's id, e.g. `facebook-cest`.
    AccountId,
    "account"
);
slug_newtype!(
    /// A principal's name: a person or service holding a client certificate.
    PrincipalName,
    "principal"
);

/// What a principal may do (DESIGN.md, "Who uses it").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Operator,
    Admin,
    Authority,
    Auditor,
    /// The backup timer's service identity: takes encrypted backups, nothing else.
    Backup,
    /// The notifier's service identity (`vaultd notify`): follows the vault's events and
    /// records what it told people, nothing else.
    Notifier,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Operator,
        Role::Admin,
        Role::Authority,
        Role::Auditor,
        Role::Backup,
        Role::Notifier,
    ];
    /// The roles people hold; a service's role (`backup`, `notifier`) reads nothing else.
    pub const PEOPLE: [Role; 4] = [Role::Operator, Role::Admin, Role::Authority, Role::Auditor];

    pub fn as_str(&self) -> &'static str {
        match self {
            Role::Operator => "operator",
            Role::Admin => "admin",
            Role::Authority => "authority",
            Role::Auditor => "auditor",
            Role::Backup => "backup",
            Role::Notifier => "notifier",
        }
    }
}

impl FromStr for Role {
    type Err = FieldError;
    fn from_str(s: &str) -> Result<Self, FieldError> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or(FieldError {
                field: "role",
                problem: Problem::BadFormat,
            })
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The platform an account lives on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    Facebook,
    Youtube,
    Linkedin,
    X,
    Flickr,
    Instagram,
    Tiktok,
    Threads,
    Bluesky,
    Mastodon,
    Blog,
    Wiki,
    Other,
}

impl Platform {
    pub const ALL: [Platform; 13] = [
        Platform::Facebook,
        Platform::Youtube,
        Platform::Linkedin,
        Platform::X,
        Platform::Flickr,
        Platform::Instagram,
        Platform::Tiktok,
        Platform::Threads,
        Platform::Bluesky,
        Platform::Mastodon,
        Platform::Blog,
        Platform::Wiki,
        Platform::Other,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            Platform::Facebook => "facebook",
            Platform::Youtube => "youtube",
            Platform::Linkedin => "linkedin",
            Platform::X => "x",
            Platform::Flickr => "flickr",
            Platform::Instagram => "instagram",
            Platform::Tiktok => "tiktok",
            Platform::Threads => "threads",
            Platform::Bluesky => "bluesky",
            Platform::Mastodon => "mastodon",
            Platform::Blog => "blog",
            Platform::Wiki => "wiki",
            Platform::Other => "other",
        }
    }
}

impl FromStr for Platform {
    type Err = FieldError;
    fn from_str(s: &str) -> Result<Self, FieldError> {
        Platform::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or(FieldError {
                field: "platform",
                problem: Problem::BadFormat,
            })
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Parses a list of role names, refusing an empty list and duplicates collapse.
pub fn parse_roles(names: &[String]) -> Result<Vec<Role>, FieldError> {
    let mut roles = names
        .iter()
        .map(|n| n.parse())
        .collect::<Result<Vec<Role>, _>>()?;
    roles.sort();
    roles.dedup();
    if roles.is_empty() {
        return Err(FieldError {
            field: "role",
            problem: Problem::Empty,
        });
    }
    Ok(roles)
}

/// Roles as one word, `admin,operator` (the form entries and `--role` lists use).
pub fn roles_text(roles: &[Role]) -> String {
    roles
        .iter()
        .map(|r| r.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// A 128-bit random id as 32 lowercase hex digits.
pub fn new_id() -> String {
    use ring::rand::SecureRandom;
    let mut bytes = [0u8; 16];
    ring::rand::SystemRandom::new()
        .fill(&mut bytes)
        .expect("the operating system's random generator failed");
    hex::encode(bytes)
}

/// Random bytes drawn from the operating system a block at a time, for request ids: one
/// system call per 64 calls instead of one per call (it was a tenth of authentication's cost).
/// Each byte is handed out once; request ids are public, so holding the block is no secret kept.
const REQUEST_ID_BLOCK: usize = 512;

thread_local! {
    static REQUEST_ID_BYTES: std::cell::RefCell<([u8; REQUEST_ID_BLOCK], usize)> =
        const { std::cell::RefCell::new(([0; REQUEST_ID_BLOCK], REQUEST_ID_BLOCK)) };
}

/// A random id for one call, as it appears in the audit log's `request_id`: 16 hex digits.
pub fn new_request_id() -> String {
    use ring::rand::SecureRandom;
    REQUEST_ID_BYTES.with(|pool| {
        let (block, used) = &mut *pool.borrow_mut();
        if *used + 8 > REQUEST_ID_BLOCK {
            ring::rand::SystemRandom::new()
                .fill(block)
                .expect("the operating system's random generator failed");
            *used = 0;
        }
        let id = hex::encode(&block[*used..*used + 8]);
        *used += 8;
        id
    })
}

/// The shortest id prefix accepted: six hex digits tell apart millions of ids, and an
/// ambiguous prefix is refused with the ids it matches.
pub const MIN_PREFIX: usize = 6;

/// Whether `prefix` can name an id: 6 to 32 lowercase hex digits (ids print as 32).
pub fn check_prefix(prefix: &str) -> bool {
    prefix.len() >= MIN_PREFIX
        && prefix.len() <= 32
        && prefix
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_drawn_from_a_block_never_repeat_across_refills() {
        // Three blocks' worth: every id is new, including across the refills.
        let ids: std::collections::HashSet<String> = (0..3 * REQUEST_ID_BLOCK / 8)
            .map(|_| new_request_id())
            .collect();
        assert_eq!(ids.len(), 3 * REQUEST_ID_BLOCK / 8);
        assert!(ids.iter().all(|id| id.len() == 16));
    }

    #[test]
    fn id_prefixes() {
        assert!(check_prefix("0123abcd"));
        assert!(check_prefix("0123ab"));
        assert!(!check_prefix("0123a"));
        assert!(!check_prefix("0123ABCD"));
        assert_eq!(new_id().len(), 32);
        assert!(check_prefix(&new_id()));
        assert_eq!(new_request_id().len(), 16);
    }

    #[test]
    fn roles_and_platforms_round_trip() {
        for r in Role::ALL {
            assert_eq!(r.as_str().parse::<Role>().unwrap(), r);
        }
        for p in Platform::ALL {
            assert_eq!(p.as_str().parse::<Platform>().unwrap(), p);
        }
        assert!("root".parse::<Role>().is_err());
        assert!("myspace".parse::<Platform>().is_err());
    }

    #[test]
    fn role_lists_are_sorted_deduplicated_and_never_empty() {
        let roles = parse_roles(&["admin".into(), "operator".into(), "admin".into()]).unwrap();
        assert_eq!(roles, vec![Role::Operator, Role::Admin]);
        assert!(parse_roles(&[]).is_err());
    }
}
