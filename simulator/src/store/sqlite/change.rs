//! What a request changed in one workspace, serialised: what [`diff`](super::diff) works out,
//! the change log records and the fold writes into the tables.

use serde::{Deserialize, Serialize};

/// What a request changed in one workspace, serialised.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// The workspace's id when it is new (its row is inserted).
    pub create: Option<String>,
    /// The durable aggregate without its parts, when it changed.
    pub state: Option<String>,
    /// The parts of the aggregate stored apart (`diff::PARTS`) that changed: (name, JSON).
    pub parts: Vec<(String, String)>,
    pub mails: LogChange,
    pub journal: LogChange,
    pub sessions: SessionsChange,
}

/// What changed in an append-only log.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogChange {
    /// The log was replaced (a reset): every stored row goes first.
    pub rewrite: bool,
    /// The rows with `seq <=` this were dropped by the cap (0: none).
    pub dropped_through: u64,
    /// New rows: (seq, JSON).
    pub append: Vec<(u64, String)>,
}

/// What changed among the sessions.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionsChange {
    /// The map was replaced (a reset): every stored session goes first.
    pub rewrite: bool,
    /// New or changed sessions: (token, JSON).
    pub upsert: Vec<(String, String)>,
    pub delete: Vec<String>,
}

impl Change {
    pub fn is_empty(&self) -> bool {
        self.create.is_none()
            && self.state.is_none()
            && self.parts.is_empty()
            && self.mails.is_empty()
            && self.journal.is_empty()
            && !self.sessions.rewrite
            && self.sessions.upsert.is_empty()
            && self.sessions.delete.is_empty()
    }

    /// This change followed by `later`, as one change: what writing both in order would
    /// leave in the tables.
    pub fn absorb(&mut self, later: Change) {
        if self.create.is_none() {
            self.create = later.create;
        }
        if later.state.is_some() {
            self.state = later.state;
        }
        for (name, json) in later.parts {
            match self.parts.iter_mut().find(|(n, _)| *n == name) {
                Some(slot) => slot.1 = json,
                None => self.parts.push((name, json)),
            }
        }
        self.mails.absorb(later.mails);
        self.journal.absorb(later.journal);
        self.sessions.absorb(later.sessions);
    }
}

impl LogChange {
    fn is_empty(&self) -> bool {
        !self.rewrite && self.dropped_through == 0 && self.append.is_empty()
    }

    fn absorb(&mut self, later: LogChange) {
        if later.rewrite {
            *self = later;
            return;
        }
        if later.dropped_through > 0 {
            self.dropped_through = self.dropped_through.max(later.dropped_through);
            self.append.retain(|(seq, _)| *seq > later.dropped_through);
        }
        self.append.extend(later.append);
    }
}

impl SessionsChange {
    fn absorb(&mut self, later: SessionsChange) {
        if later.rewrite {
            *self = later;
            return;
        }
        for token in later.delete {
            self.upsert.retain(|(t, _)| *t != token);
            if !self.delete.contains(&token) {
                self.delete.push(token);
            }
        }
        for (token, json) in later.upsert {
            self.delete.retain(|t| *t != token);
            match self.upsert.iter_mut().find(|(t, _)| *t == token) {
                Some(slot) => slot.1 = json,
                None => self.upsert.push((token, json)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(seqs: &[u64]) -> Vec<(u64, String)> {
        seqs.iter().map(|s| (*s, format!("e{s}"))).collect()
    }

    #[test]
    fn the_later_state_parts_and_sessions_win_and_logs_add_up() {
        let mut a = Change {
            create: Some("w".into()),
            state: Some("s1".into()),
            parts: vec![("offices".into(), "o1".into())],
            journal: LogChange {
                append: rows(&[1, 2]),
                ..Default::default()
            },
            sessions: SessionsChange {
                upsert: vec![("t1".into(), "a".into()), ("t2".into(), "b".into())],
                ..Default::default()
            },
            ..Default::default()
        };
        a.absorb(Change {
            parts: vec![
                ("token_rng".into(), "r2".into()),
                ("offices".into(), "o2".into()),
            ],
            journal: LogChange {
                append: rows(&[3]),
                ..Default::default()
            },
            sessions: SessionsChange {
                upsert: vec![("t1".into(), "a2".into())],
                delete: vec!["t2".into()],
                ..Default::default()
            },
            ..Default::default()
        });
        assert_eq!(a.create.as_deref(), Some("w"), "still new");
        assert_eq!(a.state.as_deref(), Some("s1"), "unchanged by the later one");
        assert_eq!(
            a.parts,
            vec![
                ("offices".to_string(), "o2".to_string()),
                ("token_rng".to_string(), "r2".to_string())
            ]
        );
        assert_eq!(a.journal.append, rows(&[1, 2, 3]));
        assert_eq!(
            a.sessions.upsert,
            vec![("t1".to_string(), "a2".to_string())]
        );
        assert_eq!(a.sessions.delete, vec!["t2".to_string()]);
        // A session deleted, then started again under the same token: written, not deleted.
        a.absorb(Change {
            state: Some("s3".into()),
            sessions: SessionsChange {
                upsert: vec![("t2".into(), "c".into())],
                ..Default::default()
            },
            ..Default::default()
        });
        assert_eq!(a.state.as_deref(), Some("s3"));
        assert!(a.sessions.delete.is_empty());
        assert_eq!(a.sessions.upsert.len(), 2);
    }

    #[test]
    fn a_cap_drops_what_was_pending_and_a_reset_replaces_everything() {
        let mut a = LogChange {
            dropped_through: 2,
            append: rows(&[5, 6, 7]),
            ..Default::default()
        };
        a.absorb(LogChange {
            dropped_through: 6,
            append: rows(&[8]),
            ..Default::default()
        });
        assert_eq!((a.dropped_through, a.append.clone()), (6, rows(&[7, 8])));
        a.absorb(LogChange {
            rewrite: true,
            append: rows(&[1]),
            ..Default::default()
        });
        assert!(a.rewrite);
        assert_eq!((a.dropped_through, a.append), (0, rows(&[1])));
        let mut s = SessionsChange {
            upsert: vec![("t".into(), "x".into())],
            ..Default::default()
        };
        s.absorb(SessionsChange {
            rewrite: true,
            ..Default::default()
        });
        assert!(s.rewrite && s.upsert.is_empty());
    }
}
