//! What the writer reads on every release and that hardly ever changes, remembered on the
//! writer thread between calls: an account's release facts, the authority's current key, a
//! grantee's live grants for an account, and the holdings already recorded (so a repeat release
//! skips their insert). Four of the heaviest statements of a release (issue 25).
//!
//! A remembered value is forgotten as soon as the writer writes any row of a table it came
//! from (the update hook on the writer connection calls `row_written`, whatever code path
//! wrote). A grant's use count, which every release changes, lives in a table of its own
//! (`grant_uses`) that no kind is read from: the live grants are remembered without it and the
//! reader reads it fresh. Everything is forgotten when a savepoint or a batch is rolled back,
//! since a value read after a write that is then undone would describe the undone write. Only
//! the writer thread remembers, and only once `enable` was called there: every other thread
//! (readers, tests with a bare connection, tools) reads through. Rows written by another
//! process while the daemon runs (a tool, someone tampering with the file) pass no hook of
//! ours: the writer sees them at its next batch through SQLite's `data_version` and forgets
//! everything then (`OutsideWrites` in store/writer.rs).

use super::StoreError;
use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;

/// At most this many values of a kind are remembered; past it, that kind starts over.
const MAX_REMEMBERED: usize = 1024;

/// What is remembered, each read from the tables `KINDS` lists for it.
#[derive(Clone, Copy)]
pub(crate) enum Kind {
    /// An account's release facts, by account id.
    AccountFacts = 0,
    /// The authority's current key (one value, key "").
    AuthorityKey = 1,
    /// A holding known to be in `password_holders`, by (account, version, grant).
    Holding = 2,
    /// A grantee's unrevoked grants naming an account, by (grantee, account), as
    /// `grants::live_grants_for` selects them (their use count, from `grant_uses`, aside).
    LiveGrants = 3,
}

/// The tables each kind is read from: a write to any of them forgets that kind.
const KINDS: [(Kind, &[&str]); 4] = [
    (Kind::AccountFacts, &["accounts"]),
    (Kind::AuthorityKey, &["authority_keys"]),
    (Kind::Holding, &["password_holders"]),
    (
        Kind::LiveGrants,
        &[
            "grants",
            "grant_accounts",
            "grant_cosignatures",
            "delegations",
            "accounts",
        ],
    ),
];

#[derive(Default)]
struct Memo {
    values: [HashMap<String, Box<dyn Any>>; 4],
}

thread_local! {
    /// None on every thread but the writer's.
    static MEMO: RefCell<Option<Memo>> = const { RefCell::new(None) };
}

/// Makes this thread (the writer's, whose connection has the update hook) remember.
pub(crate) fn enable() {
    MEMO.with(|m| *m.borrow_mut() = Some(Memo::default()));
}

/// The writer's update hook: a row of `table` was inserted, updated or deleted.
pub(crate) fn row_written(table: &str) {
    for (kind, tables) in KINDS {
        if tables.contains(&table) {
            with_memo(|memo| memo.values[kind as usize].clear());
        }
    }
}

/// Writes were undone (a savepoint or a batch rolled back): nothing read since is trusted.
pub(crate) fn forget_all() {
    with_memo(|memo| *memo = Memo::default());
}

fn with_memo<T>(f: impl FnOnce(&mut Memo) -> T) -> Option<T> {
    MEMO.with(|m| m.borrow_mut().as_mut().map(f))
}

/// The value of `kind` for `key`, from the memo or from `read` (then remembered).
pub(crate) fn remembered<T: Clone + 'static>(
    kind: Kind,
    key: &str,
    read: impl FnOnce() -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    let known = with_memo(|memo| {
        memo.values[kind as usize]
            .get(key)
            .and_then(|v| v.downcast_ref::<T>())
            .cloned()
    });
    if let Some(Some(value)) = known {
        return Ok(value);
    }
    let value = read()?;
    remember(kind, key, value.clone());
    Ok(value)
}

/// Remembers `value` of `kind` for `key` (read or just written by the writer).
pub(crate) fn remember<T: 'static>(kind: Kind, key: &str, value: T) {
    with_memo(|memo| {
        let values = &mut memo.values[kind as usize];
        if values.len() >= MAX_REMEMBERED {
            values.clear();
        }
        values.insert(key.to_owned(), Box::new(value));
    });
}

/// Whether a value of `kind` is remembered for `key`.
pub(crate) fn known(kind: Kind, key: &str) -> bool {
    with_memo(|memo| memo.values[kind as usize].contains_key(key)).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `f` on a thread of its own that remembers, as the writer's does.
    fn on_the_writer_thread(f: impl FnOnce() + Send + 'static) {
        std::thread::spawn(|| {
            enable();
            f()
        })
        .join()
        .unwrap();
    }

    fn read(value: &str) -> impl FnOnce() -> Result<String, StoreError> {
        let value = value.to_owned();
        move || Ok(value)
    }

    #[test]
    fn a_thread_that_did_not_enable_it_always_reads() {
        assert_eq!(
            remembered(Kind::AccountFacts, "a", read("one")).unwrap(),
            "one"
        );
        assert_eq!(
            remembered(Kind::AccountFacts, "a", read("two")).unwrap(),
            "two"
        );
        remember(Kind::Holding, "h", ());
        assert!(!known(Kind::Holding, "h"));
    }

    #[test]
    fn a_remembered_value_is_forgotten_when_its_table_is_written_or_a_write_is_undone() {
        on_the_writer_thread(|| {
            let facts = |v| remembered(Kind::AccountFacts, "a", read(v)).unwrap();
            assert_eq!(facts("one"), "one");
            assert_eq!(facts("two"), "one");
            assert_eq!(
                remembered(Kind::AccountFacts, "b", read("b")).unwrap(),
                "b",
                "by key"
            );
            row_written("audit_log");
            row_written("grants");
            assert_eq!(facts("two"), "one", "other tables do not count");
            row_written("accounts");
            assert_eq!(facts("two"), "two");
            forget_all();
            assert_eq!(facts("three"), "three");

            remember(Kind::Holding, "h", ());
            remembered(Kind::AuthorityKey, "", read("k1")).unwrap();
            row_written("password_holders");
            assert!(!known(Kind::Holding, "h"));
            assert_eq!(
                remembered(Kind::AuthorityKey, "", read("k2")).unwrap(),
                "k1",
                "each kind is forgotten with its own table"
            );
            row_written("authority_keys");
            assert_eq!(
                remembered(Kind::AuthorityKey, "", read("k2")).unwrap(),
                "k2"
            );
            remember(Kind::Holding, "h", ());
            assert!(known(Kind::Holding, "h"));
            forget_all();
            assert!(!known(Kind::Holding, "h"));
        });
    }

    #[test]
    fn live_grants_outlive_a_use_count_and_nothing_else_of_their_tables() {
        on_the_writer_thread(|| {
            let live = |v| remembered(Kind::LiveGrants, "admin\na", read(v)).unwrap();
            assert_eq!(live("one"), "one");
            row_written("grant_uses");
            assert_eq!(live("two"), "one", "a use counted");
            for table in [
                "grants",
                "grant_accounts",
                "grant_cosignatures",
                "delegations",
                "accounts",
            ] {
                let before = live("before");
                row_written(table);
                assert_eq!(live(table), table, "{table} (was {before})");
            }
        });
    }

    #[test]
    fn it_holds_a_bounded_number_of_values() {
        on_the_writer_thread(|| {
            for i in 0..MAX_REMEMBERED + 10 {
                remember(Kind::Holding, &i.to_string(), ());
            }
            let held = with_memo(|m| m.values[Kind::Holding as usize].len()).unwrap();
            assert!(held <= MAX_REMEMBERED, "{held}");
        });
    }
}
