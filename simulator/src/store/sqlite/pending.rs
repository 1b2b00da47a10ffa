//! The changes appended to the change log and not yet folded into the tables: one net change
//! per workspace, in the order the workspaces first changed.
//!
//! Several changes of a workspace become one ([`Change::absorb`]), so the fold writes each
//! workspace's rows once however many requests changed it; a workspace created and deleted
//! between two folds is never written at all.

use super::change::Change;
use std::collections::HashMap;

/// What the fold does to one workspace.
// Nearly every net change is a write (see `appender::Op`).
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Net {
    /// Writes this (creating the workspace if `create` is set).
    Write(Change),
    /// Removes the workspace and all its rows.
    Delete,
}

/// Net changes by workspace key, in first-change order (so that a workspace deleted before
/// another takes its id is removed before that one is inserted).
#[derive(Debug, Default)]
pub struct Pending {
    order: Vec<i64>,
    nets: HashMap<i64, Net>,
}

impl Pending {
    pub fn is_empty(&self) -> bool {
        self.nets.is_empty()
    }

    /// How many workspaces have a net change.
    pub fn len(&self) -> usize {
        self.nets.len()
    }

    /// Adds a change of workspace `key`. Keys are never reused, so no change follows a delete.
    pub fn write(&mut self, key: i64, change: Change) {
        match self.nets.get_mut(&key) {
            Some(Net::Write(net)) => net.absorb(change),
            Some(net @ Net::Delete) => *net = Net::Write(change),
            None => {
                self.order.push(key);
                self.nets.insert(key, Net::Write(change));
            }
        }
    }

    /// Adds the deletion of workspace `key`: a workspace not stored yet is simply forgotten.
    pub fn delete(&mut self, key: i64) {
        match self.nets.get_mut(&key) {
            Some(Net::Write(net)) if net.create.is_some() => {
                self.nets.remove(&key);
            }
            Some(net) => *net = Net::Delete,
            None => {
                self.order.push(key);
                self.nets.insert(key, Net::Delete);
            }
        }
    }

    /// These changes followed by `later`'s.
    pub fn absorb(&mut self, mut later: Pending) {
        for key in later.order {
            match later.nets.remove(&key) {
                Some(Net::Write(c)) => self.write(key, c),
                Some(Net::Delete) => self.delete(key),
                None => {}
            }
        }
    }

    /// The net changes in first-change order.
    pub fn ordered(&self) -> impl Iterator<Item = (i64, &Net)> {
        self.order
            .iter()
            .filter_map(|key| self.nets.get(key).map(|net| (*key, net)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(create: bool, state: &str) -> Change {
        Change {
            create: create.then(|| "w".to_string()),
            state: Some(state.into()),
            ..Default::default()
        }
    }

    #[test]
    fn a_workspace_created_and_deleted_between_two_folds_is_never_written() {
        let mut p = Pending::default();
        p.write(1, change(false, "a"));
        p.write(2, change(true, "b"));
        p.write(1, change(false, "a2"));
        p.delete(2);
        p.delete(3);
        p.write(4, change(true, "d"));
        assert_eq!(
            p.ordered().map(|(k, n)| (k, n.clone())).collect::<Vec<_>>(),
            vec![
                (1, Net::Write(change(false, "a2"))),
                (3, Net::Delete),
                (4, Net::Write(change(true, "d"))),
            ]
        );
    }

    #[test]
    fn absorbing_a_later_batch_is_writing_its_changes_after() {
        let mut a = Pending::default();
        a.write(1, change(true, "a"));
        a.write(2, change(false, "b"));
        let mut b = Pending::default();
        b.write(3, change(true, "c"));
        b.delete(1);
        b.write(2, change(false, "b2"));
        a.absorb(b);
        assert_eq!(a.len(), 2);
        assert_eq!(
            a.ordered().map(|(k, n)| (k, n.clone())).collect::<Vec<_>>(),
            vec![
                (2, Net::Write(change(false, "b2"))),
                (3, Net::Write(change(true, "c"))),
            ]
        );
    }
}
