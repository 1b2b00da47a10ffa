//! A value that knows whether it was borrowed mutably: the durable aggregate of a workspace, so
//! that a store serialises and writes it only after a request that could have changed it (most
//! screen GETs only read it).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::ops::{Deref, DerefMut};

/// `T`, plus a flag set by every mutable borrow (`DerefMut`). Reading goes through `Deref` and
/// leaves the flag alone. The flag may say "changed" for a borrow that changed nothing; a store
/// compares what it serialises with what it wrote before it writes.
#[derive(Debug, Clone, Default)]
pub struct Tracked<T> {
    value: T,
    changed: bool,
    /// How many times it was borrowed mutably (never reset): tells whether anything borrowed
    /// it since a given moment.
    borrows: u64,
}

impl<T> Tracked<T> {
    /// A value seen as changed (nothing of it is stored yet).
    pub fn new(value: T) -> Self {
        Tracked {
            value,
            changed: true,
            borrows: 0,
        }
    }

    /// Whether it was borrowed mutably since the last [`Tracked::take_changed`]; clears the flag.
    pub fn take_changed(&mut self) -> bool {
        std::mem::replace(&mut self.changed, false)
    }

    /// How many times it was borrowed mutably since it was made.
    pub fn borrows(&self) -> u64 {
        self.borrows
    }

    /// The value, mutably, without marking it changed: for the store, which reads and clears
    /// the flags of the parts inside an aggregate without marking the aggregate itself.
    pub fn untracked_mut(&mut self) -> &mut T {
        &mut self.value
    }

    /// The value itself.
    pub fn into_inner(self) -> T {
        self.value
    }
}

impl<T> From<T> for Tracked<T> {
    fn from(value: T) -> Self {
        Tracked::new(value)
    }
}

impl<T> Deref for Tracked<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T> DerefMut for Tracked<T> {
    fn deref_mut(&mut self) -> &mut T {
        self.changed = true;
        self.borrows += 1;
        &mut self.value
    }
}

/// Serialised as the value itself.
impl<T: Serialize> Serialize for Tracked<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Tracked<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Tracked::new(T::deserialize(d)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_mutable_borrow_marks_it_changed() {
        let mut t = Tracked::new(vec![1]);
        assert!(t.take_changed(), "new");
        assert_eq!(t.len(), 1);
        assert!(!t.take_changed(), "read only");
        t.push(2);
        assert!(t.take_changed());
        assert!(!t.take_changed(), "cleared");
    }
}
