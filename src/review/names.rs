//! Names by number: a log of a million releases names a few accounts and principals, so
//! releases and denials hold each name as a number (a `u32`: the names of a log never come near
//! four billion, which would take far more memory than any report holds), given once by the
//! [`Interner`] and turned back into the name through `Review::names`.

use foldhash::HashMap;
use std::sync::Arc;

/// An interned name (account, principal, grant id, field).
pub type Name = Arc<str>;

/// An interned name's number: its index in `Review::names`. Releases and denials, a million of
/// them, hold numbers rather than names.
pub type NameId = u32;

/// No name (a release under no grant, a denial without a reason).
pub(super) const NO_NAME: NameId = NameId::MAX;

/// Every name seen, once: by number (`NameId`) and as a shared string.
#[derive(Default)]
pub(super) struct Interner {
    ids: HashMap<Name, NameId>,
    pub(super) names: Vec<Name>,
}

impl Interner {
    pub(super) fn id(&mut self, s: &str) -> NameId {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.names.len() as NameId;
        let name: Name = Arc::from(s);
        self.names.push(name.clone());
        self.ids.insert(name, id);
        id
    }

    pub(super) fn get(&mut self, s: &str) -> Name {
        let id = self.id(s);
        self.names[id as usize].clone()
    }
}
