//! The browser sessions of a workspace: a map from session token to [`Session`] that remembers
//! which tokens were touched (inserted, removed or borrowed mutably), so that a durable store
//! writes those sessions and not every session on every request.

use super::log::next_origin;
use super::session::Session;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::{BTreeMap, BTreeSet};

/// Session token → session, with the tokens touched since [`Sessions::take_touched`].
#[derive(Debug)]
pub struct Sessions {
    map: BTreeMap<String, Session>,
    touched: BTreeSet<String>,
    /// A process-unique number: a store that sees another one knows the map was replaced.
    origin: u64,
}

impl Default for Sessions {
    fn default() -> Self {
        Sessions {
            map: BTreeMap::new(),
            touched: BTreeSet::new(),
            origin: next_origin(),
        }
    }
}

impl Clone for Sessions {
    /// A copy is another map: a store writes it whole.
    fn clone(&self) -> Self {
        Sessions {
            map: self.map.clone(),
            touched: BTreeSet::new(),
            origin: next_origin(),
        }
    }
}

impl Sessions {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn get(&self, token: &str) -> Option<&Session> {
        self.map.get(token)
    }

    pub fn contains_key(&self, token: &str) -> bool {
        self.map.contains_key(token)
    }

    pub fn get_mut(&mut self, token: &str) -> Option<&mut Session> {
        let s = self.map.get_mut(token)?;
        if !self.touched.contains(token) {
            self.touched.insert(token.to_string());
        }
        Some(s)
    }

    pub fn insert(&mut self, token: String, session: Session) -> Option<Session> {
        self.touched.insert(token.clone());
        self.map.insert(token, session)
    }

    pub fn remove(&mut self, token: &str) -> Option<Session> {
        let s = self.map.remove(token)?;
        self.touched.insert(token.to_string());
        Some(s)
    }

    /// Takes a session out to use it beside the workspace, without touching it: give it back
    /// with [`Sessions::put_back`].
    pub fn lend(&mut self, token: &str) -> Option<Session> {
        self.map.remove(token)
    }

    /// Gives back a session taken with [`Sessions::lend`]; it is touched only if it differs
    /// from `before` (what was lent), so that showing a screen that changes nothing of the
    /// session does not make a store write it again.
    pub fn put_back(&mut self, token: &str, session: Session, before: &Session) {
        if session != *before {
            self.touched.insert(token.to_string());
        }
        self.map.insert(token.to_string(), session);
    }

    /// Keeps the sessions for which `keep` is true.
    pub fn retain(&mut self, mut keep: impl FnMut(&str, &Session) -> bool) {
        let touched = &mut self.touched;
        self.map.retain(|token, s| {
            let kept = keep(token, s);
            if !kept {
                touched.insert(token.clone());
            }
            kept
        });
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub fn iter(&self) -> std::collections::btree_map::Iter<'_, String, Session> {
        self.map.iter()
    }

    pub fn values(&self) -> std::collections::btree_map::Values<'_, String, Session> {
        self.map.values()
    }

    /// The tokens touched since the last call (a store writes or deletes those sessions).
    pub fn take_touched(&mut self) -> BTreeSet<String> {
        std::mem::take(&mut self.touched)
    }

    /// See [`next_origin`].
    pub(crate) fn origin(&self) -> u64 {
        self.origin
    }
}

impl FromIterator<(String, Session)> for Sessions {
    fn from_iter<I: IntoIterator<Item = (String, Session)>>(iter: I) -> Self {
        Sessions {
            map: iter.into_iter().collect(),
            ..Sessions::default()
        }
    }
}

impl<'a> IntoIterator for &'a Sessions {
    type Item = (&'a String, &'a Session);
    type IntoIter = std::collections::btree_map::Iter<'a, String, Session>;
    fn into_iter(self) -> Self::IntoIter {
        self.map.iter()
    }
}

/// Serialised as the plain map (the shape `BTreeMap<String, Session>` had).
impl Serialize for Sessions {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.map.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Sessions {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(BTreeMap::deserialize(d)?.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::ScreenId;

    fn session() -> Session {
        let at = crate::clock::parse_rfc3339("2018-11-27T16:30:00+09:00").unwrap();
        Session::new(at, None, ScreenId::new("login.form"), "f".into())
    }

    #[test]
    fn every_change_is_remembered_once_and_reading_is_not_a_change() {
        let mut s = Sessions::new();
        s.insert("a".into(), session());
        s.insert("b".into(), session());
        s.insert("c".into(), session());
        assert_eq!(s.take_touched().len(), 3);
        assert!(s.get("a").is_some() && s.contains_key("b"));
        assert!(s.take_touched().is_empty(), "reads touch nothing");
        s.get_mut("a");
        s.remove("b");
        s.retain(|t, _| t != "c");
        s.get_mut("zzz");
        assert_eq!(
            s.take_touched().into_iter().collect::<Vec<_>>(),
            ["a", "b", "c"]
        );
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn a_lent_session_is_touched_only_if_it_comes_back_changed() {
        let mut s = Sessions::new();
        s.insert("a".into(), session());
        s.take_touched();
        let lent = s.lend("a").unwrap();
        let before = lent.clone();
        s.put_back("a", lent, &before);
        assert!(s.take_touched().is_empty(), "shown, unchanged");
        assert!(s.get("a").is_some());
        let mut lent = s.lend("a").unwrap();
        let before = lent.clone();
        lent.tab = Some("net".into());
        s.put_back("a", lent, &before);
        assert_eq!(s.take_touched().into_iter().collect::<Vec<_>>(), ["a"]);
        assert_eq!(s.get("a").unwrap().tab.as_deref(), Some("net"));
    }
}
