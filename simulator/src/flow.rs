//! Where a session stands: the id of a screen of the procedure registry (`procedures::registry`).
//!
//! A leaf module, so that sessions and saved drafts (workspace state) can name a screen without
//! depending on the procedures that define it. The id is the screen's stable contract id
//! (`new_application.office`, contract §4), which is also what a durable store keeps: renaming a
//! Rust type never loses a saved position.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;

/// The contract id of a screen (`procedure.screen`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ScreenId(Cow<'static, str>);

impl ScreenId {
    /// The id of a registered screen (no allocation).
    pub const fn new(id: &'static str) -> Self {
        ScreenId(Cow::Borrowed(id))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for ScreenId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for ScreenId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl fmt::Display for ScreenId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for ScreenId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for ScreenId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(ScreenId(Cow::Owned(String::deserialize(d)?)))
    }
}
