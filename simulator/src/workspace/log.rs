//! An append-only log with a cap: the mails and the journal of a workspace.
//!
//! Entries are only ever pushed (there is no mutable access to one), so that a durable store
//! writes the entries pushed since its last write instead of the whole history. A log may be
//! trimmed to a cap, oldest first; it remembers how many entries it dropped, so that the API and
//! the pages can say so, and each entry keeps its place in the whole history (`seq`, from 1).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};

/// A process-unique number per log (and per session map): a store that sees another number
/// than the one it wrote knows that the log was replaced (a reset), not appended to.
pub(crate) fn next_origin() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// An append-only, capped sequence of entries, oldest first.
#[derive(Debug)]
pub struct Log<T> {
    entries: VecDeque<T>,
    /// How many of the oldest entries were dropped by [`Log::trim`].
    dropped: u64,
    /// See [`next_origin`]; not serialised.
    origin: u64,
}

impl<T> Default for Log<T> {
    fn default() -> Self {
        Log {
            entries: VecDeque::new(),
            dropped: 0,
            origin: next_origin(),
        }
    }
}

impl<T: Clone> Clone for Log<T> {
    /// A copy is another log: a store writes it whole.
    fn clone(&self) -> Self {
        Log {
            entries: self.entries.clone(),
            dropped: self.dropped,
            origin: next_origin(),
        }
    }
}

impl<T> Log<T> {
    pub fn new() -> Self {
        Self::default()
    }

    /// A log whose oldest `dropped` entries are gone (a store reading one back).
    pub fn from_parts(dropped: u64, entries: Vec<T>) -> Self {
        Log {
            entries: entries.into(),
            dropped,
            origin: next_origin(),
        }
    }

    pub fn push(&mut self, entry: T) {
        self.entries.push_back(entry);
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn iter(&self) -> std::collections::vec_deque::Iter<'_, T> {
        self.entries.iter()
    }

    pub fn first(&self) -> Option<&T> {
        self.entries.front()
    }

    pub fn last(&self) -> Option<&T> {
        self.entries.back()
    }

    pub fn get(&self, i: usize) -> Option<&T> {
        self.entries.get(i)
    }

    /// The entries as a vector (a copy), oldest first.
    pub fn to_vec(&self) -> Vec<T>
    where
        T: Clone,
    {
        self.entries.iter().cloned().collect()
    }

    /// How many of the oldest entries were dropped to keep the log within its cap.
    pub fn dropped(&self) -> u64 {
        self.dropped
    }

    /// How many entries were ever pushed: the `seq` of the newest one.
    pub fn total(&self) -> u64 {
        self.dropped + self.entries.len() as u64
    }

    /// The entries with `seq > after` (each with its `seq`), oldest first: what a store that
    /// wrote up to `after` has to add.
    pub fn since(&self, after: u64) -> impl Iterator<Item = (u64, &T)> {
        let first = after.max(self.dropped) - self.dropped;
        self.entries
            .iter()
            .enumerate()
            .skip(usize::try_from(first).unwrap_or(usize::MAX))
            .map(|(i, e)| (self.dropped + 1 + i as u64, e))
    }

    /// Drops the oldest entries beyond `cap`; answers how many it dropped.
    pub fn trim(&mut self, cap: usize) -> usize {
        let over = self.entries.len().saturating_sub(cap);
        if over > 0 {
            self.entries.drain(..over);
            self.dropped += over as u64;
        }
        over
    }

    /// See [`next_origin`].
    pub(crate) fn origin(&self) -> u64 {
        self.origin
    }
}

impl<T> std::ops::Index<usize> for Log<T> {
    type Output = T;
    fn index(&self, i: usize) -> &T {
        &self.entries[i]
    }
}

impl<'a, T> IntoIterator for &'a Log<T> {
    type Item = &'a T;
    type IntoIter = std::collections::vec_deque::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter()
    }
}

impl<T> FromIterator<T> for Log<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Log::from_parts(0, iter.into_iter().collect())
    }
}

/// Serialised as the plain sequence of its entries (the shape `Vec<T>` had).
impl<T: Serialize> Serialize for Log<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.entries.iter())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Log<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Log::from_parts(0, Vec::deserialize(d)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trimming_keeps_the_newest_and_counts_the_dropped() {
        let mut log: Log<u32> = (1..=10).collect();
        assert_eq!(log.trim(4), 6);
        assert_eq!(log.to_vec(), [7, 8, 9, 10]);
        assert_eq!((log.dropped(), log.total()), (6, 10));
        log.push(11);
        assert_eq!(log.trim(4), 1);
        assert_eq!(log.first(), Some(&8));
        assert_eq!(log.trim(4), 0, "within the cap");
    }

    #[test]
    fn since_gives_each_new_entry_with_its_place_in_the_history() {
        let mut log: Log<char> = "abcdef".chars().collect();
        log.trim(3);
        let after = |n| log.since(n).collect::<Vec<_>>();
        assert_eq!(after(5), [(6, &'f')]);
        assert_eq!(
            after(0),
            [(4, &'d'), (5, &'e'), (6, &'f')],
            "dropped are gone"
        );
        assert!(after(6).is_empty());
        assert!(after(u64::MAX).is_empty());
    }

    #[test]
    fn a_copy_or_a_new_log_is_another_log() {
        let log: Log<u8> = Log::new();
        assert_ne!(log.origin(), log.clone().origin());
        assert_ne!(log.origin(), Log::<u8>::new().origin());
        let json = serde_json::to_string(&Log::from_parts(3, vec![1u8, 2])).unwrap();
        assert_eq!(json, "[1,2]");
    }
}
