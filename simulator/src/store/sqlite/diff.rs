//! What a request changed in a workspace, against what the store last appended of it.
//!
//! The aggregate is serialised only when it was borrowed mutably, and written only when its
//! serialisation differs from the last one written (compared by hash); its [`PARTS`] likewise,
//! each apart from the rest; the logs give the entries
//! pushed since; the sessions give the touched tokens, each written only if it differs. So a
//! screen GET writes one journal row, and usually nothing else.

use super::change::{Change, LogChange};
use crate::workspace::Workspace;
use crate::workspace::log::Log;
use serde::Serialize;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// What was last appended of one workspace.
#[derive(Debug, Default)]
pub struct Marks {
    state: u64,
    parts: [u64; PARTS.len()],
    mails: LogMark,
    journal: LogMark,
    sessions_origin: u64,
    sessions: HashMap<String, u64>,
}

#[derive(Debug, Default)]
struct LogMark {
    origin: u64,
    total: u64,
    dropped: u64,
}

/// The parts of the aggregate stored apart from it (`parts` rows), in this order.
pub const PARTS: [&str; 2] = ["offices", "token_rng"];

/// The `offices` part of a workspace whose offices are the seeded customers, unchanged.
pub const SEEDED_OFFICES: &str = "\"seeded\"";

fn hash(bytes: &str) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// The change since `marks` (empty if none), and `marks` moved to the workspace as it is now.
/// `create` is the id of a workspace not stored yet: everything of it is written.
pub fn diff(
    ws: &mut Workspace,
    marks: &mut Marks,
    create: bool,
) -> Result<Change, serde_json::Error> {
    let mut c = Change::default();
    if create {
        c.create = Some(ws.id.clone());
        *marks = Marks::default();
    }
    // The parts first, through a borrow that does not mark the aggregate: they are serialised
    // apart, and only when they were borrowed mutably themselves.
    let st = ws.state.untracked_mut();
    let parts_changed = [st.offices.take_changed(), st.token_rng.take_changed()];
    if ws.state.take_changed() || create {
        let json = serde_json::to_string(&*ws.state)?;
        let h = hash(&json);
        if h != marks.state || create {
            marks.state = h;
            c.state = Some(json);
        }
    }
    for (i, name) in PARTS.iter().enumerate() {
        if !(parts_changed[i] || create) {
            continue;
        }
        let json = match i {
            // Seeded customers nothing has changed since: the fact, not the ≈ 55 KB (the load
            // seeds them again, from the same seed and creation date).
            0 if ws.offices_as_seeded() => SEEDED_OFFICES.to_string(),
            0 => serde_json::to_string(&*ws.state.offices)?,
            _ => serde_json::to_string(&*ws.state.token_rng)?,
        };
        let h = hash(&json);
        if h != marks.parts[i] || create {
            marks.parts[i] = h;
            c.parts.push((name.to_string(), json));
        }
    }
    c.mails = log(&ws.mails, &mut marks.mails)?;
    c.journal = log(&ws.journal, &mut marks.journal)?;
    let touched = ws.sessions.take_touched();
    let s = &mut c.sessions;
    if ws.sessions.origin() != marks.sessions_origin {
        s.rewrite = true;
        marks.sessions_origin = ws.sessions.origin();
        marks.sessions.clear();
        for (token, session) in &ws.sessions {
            let json = serde_json::to_string(session)?;
            marks.sessions.insert(token.clone(), hash(&json));
            s.upsert.push((token.clone(), json));
        }
        return Ok(c);
    }
    for token in touched {
        match ws.sessions.get(&token) {
            Some(session) => {
                let json = serde_json::to_string(session)?;
                let h = hash(&json);
                if marks.sessions.get(&token) != Some(&h) {
                    marks.sessions.insert(token.clone(), h);
                    s.upsert.push((token, json));
                }
            }
            None => {
                if marks.sessions.remove(&token).is_some() {
                    s.delete.push(token);
                }
            }
        }
    }
    Ok(c)
}

fn log<T: Serialize>(log: &Log<T>, mark: &mut LogMark) -> Result<LogChange, serde_json::Error> {
    let mut c = LogChange::default();
    let after = if log.origin() != mark.origin {
        c.rewrite = true;
        0
    } else {
        if log.dropped() > mark.dropped {
            c.dropped_through = log.dropped();
        }
        mark.total
    };
    for (seq, entry) in log.since(after) {
        c.append.push((seq, serde_json::to_string(entry)?));
    }
    *mark = LogMark {
        origin: log.origin(),
        total: log.total(),
        dropped: log.dropped(),
    };
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::WorkspaceSpec;

    fn ws() -> Workspace {
        let spec = WorkspaceSpec {
            seed: 1,
            now: None,
            fixture: None,
        };
        Workspace::new("w", spec)
    }

    #[test]
    fn a_new_workspace_is_written_whole_then_only_what_changes() {
        let mut w = ws();
        let mut m = Marks::default();
        let c = diff(&mut w, &mut m, true).unwrap();
        assert_eq!(c.create.as_deref(), Some("w"));
        assert!(c.state.is_some() && c.mails.rewrite && c.journal.rewrite && c.sessions.rewrite);
        assert_eq!(part(&c, "offices"), Some("{}"), "the offices apart");
        assert!(part(&c, "token_rng").is_some());
        assert!(
            !c.state.as_deref().unwrap().contains("\"offices\""),
            "and not in the aggregate"
        );
        assert!(
            diff(&mut w, &mut m, false).unwrap().is_empty(),
            "nothing new"
        );
        // Borrowed mutably without a change: serialised, compared, not written.
        let _ = &mut w.state.counters;
        assert!(diff(&mut w, &mut m, false).unwrap().is_empty());
        w.state.counters.mail += 1;
        let c = diff(&mut w, &mut m, false).unwrap();
        assert!(c.state.is_some() && c.mails.append.is_empty());
        assert!(c.parts.is_empty(), "the parts were not touched");
        // Seeding the customers changes the offices (and the flag in the aggregate); calling it
        // again changes nothing, and is not even serialised as a change of the offices.
        w.seed_customers();
        let c = diff(&mut w, &mut m, false).unwrap();
        assert_eq!(
            part(&c, "offices"),
            Some(SEEDED_OFFICES),
            "the seeded customers as such, not their ≈ 55 KB"
        );
        assert!(c.state.is_some(), "customers_seeded");
        w.seed_customers();
        assert!(!w.state.untracked_mut().offices.take_changed());
        assert!(diff(&mut w, &mut m, false).unwrap().is_empty());
        // An office's change writes the offices and not the rest.
        w.state
            .offices
            .get_mut("NAC001")
            .unwrap()
            .password
            .push('x');
        let c = diff(&mut w, &mut m, false).unwrap();
        assert!(part(&c, "offices").is_some_and(|o| o.contains("NAC001") && o != SEEDED_OFFICES));
        assert!(c.state.is_none());
        // Once changed, the offices stay written whole (a borrow that changes nothing is
        // written whole as well, and then compared).
        let _ = w.state.offices.get_mut("NAC001");
        let c = diff(&mut w, &mut m, false).unwrap();
        assert!(c.parts.is_empty(), "the same offices as written");
        assert!(!w.offices_as_seeded());
        // A flow token moves the token stream, and only that is written.
        let _ = w.new_token();
        let c = diff(&mut w, &mut m, false).unwrap();
        assert!(c.state.is_none() && c.parts.len() == 1 && part(&c, "token_rng").is_some());
    }

    fn part<'c>(c: &'c Change, name: &str) -> Option<&'c str> {
        c.parts
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, j)| j.as_str())
    }

    #[test]
    fn logs_give_their_new_and_dropped_entries_and_a_reset_rewrites() {
        let mut w = ws();
        let mut m = Marks::default();
        diff(&mut w, &mut m, true).unwrap();
        let entry = |n: u16| crate::journal::JournalEntry {
            at: w_now(),
            method: "GET".into(),
            path: format!("p{n}"),
            screen: None,
            button: None,
            outcome: crate::journal::Outcome::Ok,
            next_screen: None,
            status: n,
        };
        for n in 1..=5 {
            w.journal.push(entry(n));
        }
        w.journal.trim(3);
        let c = diff(&mut w, &mut m, false).unwrap();
        let seqs: Vec<u64> = c.journal.append.iter().map(|(s, _)| *s).collect();
        assert_eq!((seqs, c.journal.dropped_through), (vec![3, 4, 5], 2));
        w.journal.push(entry(6));
        let c = diff(&mut w, &mut m, false).unwrap();
        assert_eq!(c.journal.append.len(), 1);
        assert_eq!(c.journal.dropped_through, 0, "within the cap");
        w.journal = Log::new();
        assert!(diff(&mut w, &mut m, false).unwrap().journal.rewrite);
    }

    fn w_now() -> crate::clock::Instant {
        crate::clock::parse_rfc3339("2018-11-27T16:30:00+09:00").unwrap()
    }
}
