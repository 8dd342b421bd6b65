//! The review as JSON, for `audit report --format json`: releases and denials hold names by
//! number, and are written here with the names in place (and their times as the entries
//! wrote them), streamed, never held as a JSON tree.

use super::{entry_time_of_millis, AccountReview, Blocks, Denial, Release, Review};
use serde::ser::{Serialize, SerializeSeq, SerializeStruct, Serializer};

impl Serialize for Review {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut r = s.serialize_struct("Review", 13)?;
        r.serialize_field("entries_total", &self.entries_total)?;
        r.serialize_field("entries_in_period", &self.entries_in_period)?;
        r.serialize_field("first_time", &self.first_time)?;
        r.serialize_field("last_time", &self.last_time)?;
        r.serialize_field("as_of", &self.as_of)?;
        r.serialize_field("business_hours", &self.business_hours)?;
        r.serialize_field("requests", &self.requests)?;
        let accounts: Vec<Named<'_, AccountReview>> =
            self.accounts.iter().map(|a| Named(a, self)).collect();
        r.serialize_field("accounts", &accounts)?;
        r.serialize_field("grants", &self.grants)?;
        r.serialize_field("denied_requests", &self.denied_requests)?;
        r.serialize_field("denials", &Named(&self.denials, self))?;
        r.serialize_field("admin_events", &self.admin_events)?;
        r.serialize_field("off_hours_releases", &self.off_hours_releases)?;
        r.end()
    }
}

/// A part of the review, with the review that names its numbers.
struct Named<'a, T>(&'a T, &'a Review);

impl Serialize for Named<'_, AccountReview> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Named(a, review) = *self;
        let mut r = s.serialize_struct("AccountReview", 8)?;
        r.serialize_field("account", &a.account)?;
        r.serialize_field("added", &a.added)?;
        r.serialize_field("archived", &a.archived)?;
        r.serialize_field("releases", &Named(&a.releases, review))?;
        r.serialize_field("denials", &a.denials)?;
        r.serialize_field("grants", &a.grants)?;
        r.serialize_field("password_version", &a.password_version)?;
        r.serialize_field("rotation_since", &a.rotation_since)?;
        r.end()
    }
}

impl<T> Serialize for Named<'_, Blocks<T>>
where
    for<'a> Named<'a, T>: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for item in self.0.iter() {
            seq.serialize_element(&Named(item, self.1))?;
        }
        seq.end()
    }
}

impl Serialize for Named<'_, Release> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Named(e, review) = *self;
        let mut r = s.serialize_struct("Release", 6)?;
        r.serialize_field("seq", &e.seq)?;
        r.serialize_field("time", &entry_time_of_millis(e.millis))?;
        r.serialize_field("principal", review.name(e.principal))?;
        r.serialize_field("field", review.name(e.field))?;
        r.serialize_field("grant", &e.grant().map(|g| review.name(g)))?;
        r.serialize_field("off_hours", &e.off_hours)?;
        r.end()
    }
}

impl Serialize for Named<'_, Denial> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Named(d, review) = *self;
        let mut r = s.serialize_struct("Denial", 6)?;
        r.serialize_field("seq", &d.seq)?;
        r.serialize_field("time", &entry_time_of_millis(d.millis))?;
        r.serialize_field("principal", review.name(d.principal))?;
        r.serialize_field("action", review.name(d.action))?;
        r.serialize_field("target", review.name(d.target))?;
        r.serialize_field("reason", &d.reason().map(|c| review.name(c)))?;
        r.end()
    }
}
