//! What every handler shares: the store, the public URL, and the one way to reach a workspace.
//!
//! The NSS screens (`http`), the simulator API (`api`) and the operator pages (`pages`) all
//! take an `Arc<AppState>`. They reach a workspace only through [`AppState::with_workspace`],
//! which locks it and first brings it up to its clock ([`crate::catch_up`]), so that no handler
//! can forget the time-driven rules.

use crate::limits::Limits;
use crate::store::{Store, StoreError};
use crate::workspace::{DEFAULT_ID, Workspace};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// What every handler shares.
pub struct AppState {
    /// Where the workspaces live; private, so that every access goes through the accessors
    /// below.
    store: Arc<dyn Store>,
    /// The absolute URL mails and API answers point at, ending in `/` (`http://127.0.0.1:8080/`).
    pub public_base: String,
    /// The number of the next workspace created without an id (`ws1`, `ws2`…).
    next_workspace: AtomicU64,
    /// SMTP relay and webhook settings for every workspace (`--smtp`, `--webhook`).
    pub outbound: crate::outbound::Outbound,
    /// The bounds in force (`crate::limits`).
    pub limits: Limits,
    /// The token the simulator API and the operator pages require (`--api-token`); None: open.
    pub api_token: Option<String>,
    /// Workspaces with a time to live: (the time to live, the last request), real time.
    idle: Mutex<HashMap<String, (Duration, Instant)>>,
}

/// The prefix of the ids given to workspaces created without one.
const AUTO_ID_PREFIX: &str = "ws";

impl AppState {
    /// The state over `store`. Auto ids continue after the highest `wsN` the store already holds
    /// (a durable store brings its workspaces back after a restart).
    pub fn open(store: Arc<dyn Store>, public_base: &str) -> Result<Self, StoreError> {
        let mut public_base = public_base.to_string();
        if !public_base.ends_with('/') {
            public_base.push('/');
        }
        let highest = store
            .ids()?
            .iter()
            .filter_map(|id| id.strip_prefix(AUTO_ID_PREFIX)?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        // Workspaces given a time to live are idle from now on (a restart counts as a use).
        let now = Instant::now();
        let mut idle = HashMap::new();
        for id in store.ids()? {
            let mut ttl = None;
            match store.with(&id, &mut |ws| ttl = ws.state.idle_ttl_seconds) {
                Ok(()) | Err(StoreError::NotFound(_)) => {}
                // A workspace that does not read back is answered as such, never deleted.
                Err(e) => tracing::warn!(workspace = %id, error = %e, "time to live not read"),
            }
            if let Some(ttl) = ttl {
                idle.insert(id, (Duration::from_secs(ttl), now));
            }
        }
        Ok(AppState {
            store,
            public_base,
            next_workspace: AtomicU64::new(highest.saturating_add(1)),
            outbound: crate::outbound::Outbound::new(crate::outbound::OutboundConfig::new()),
            limits: Limits::default(),
            api_token: None,
            idle: Mutex::new(idle),
        })
    }

    /// The same state with other bounds.
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The same state with the simulator API and the operator pages behind `token`.
    pub fn with_api_token(mut self, token: Option<String>) -> Self {
        self.api_token = token.filter(|t| !t.is_empty());
        self
    }

    /// The base URL of a workspace (contract §3).
    pub fn base_url(&self, id: &str) -> String {
        if id == DEFAULT_ID {
            self.public_base.clone()
        } else {
            [&self.public_base, "w/", id, "/"].concat()
        }
    }

    /// Runs `f` on the workspace `id`, locked, after firing whatever fell due on its clock
    /// ([`crate::catch_up::catch_up`]). `NotFound` when there is no such workspace; any other
    /// error is the store's.
    pub fn with_workspace<R>(
        &self,
        id: &str,
        f: impl FnOnce(&mut Workspace) -> R,
    ) -> Result<R, StoreError> {
        let base = self.base_url(id);
        let limits = self.limits;
        let mut f = Some(f);
        let mut out = None;
        let mut ttl = None;
        self.store.with(id, &mut |ws| {
            if let Some(f) = f.take() {
                crate::catch_up::catch_up(ws, &base);
                out = Some(f(ws));
                bound(ws, &limits);
                ttl = ws.state.idle_ttl_seconds;
            }
        })?;
        if let Some(ttl) = ttl {
            self.idle
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .insert(id.to_string(), (Duration::from_secs(ttl), Instant::now()));
        }
        // A store that answers Ok without running `f` is broken; say so rather than panic.
        out.ok_or_else(|| StoreError::Backend(format!("the store did not run the access to {id}")))
    }

    /// How many workspaces there are.
    pub fn workspace_count(&self) -> Result<usize, StoreError> {
        self.store.count()
    }

    /// Returns once every change so far is stored (shutdown, tests).
    pub fn flush(&self) -> Result<(), StoreError> {
        self.store.flush()
    }

    /// Deletes the workspaces with a time to live that had no request for that long at `now`;
    /// answers their ids.
    pub fn reap_idle(&self, now: Instant) -> Vec<String> {
        let due: Vec<String> = {
            let idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
            idle.iter()
                .filter(|(_, (ttl, last))| now.saturating_duration_since(*last) >= *ttl)
                .map(|(id, _)| id.clone())
                .collect()
        };
        let mut reaped = Vec::new();
        for id in due {
            self.idle
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .remove(&id);
            match self.store.delete(&id) {
                Ok(()) => {
                    tracing::info!(workspace = %id, "deleted after its time to live without a request");
                    reaped.push(id);
                }
                Err(StoreError::NotFound(_)) => {}
                Err(e) => tracing::warn!(workspace = %id, error = %e, "idle workspace not deleted"),
            }
        }
        reaped
    }

    /// The ids of every workspace, sorted.
    pub fn workspace_ids(&self) -> Result<Vec<String>, StoreError> {
        self.store.ids()
    }

    /// Adds a new workspace; `Exists` if its id is taken.
    pub fn insert_workspace(&self, workspace: Workspace) -> Result<(), StoreError> {
        let (id, ttl) = (workspace.id.clone(), workspace.state.idle_ttl_seconds);
        self.store.create(workspace)?;
        if let Some(ttl) = ttl {
            self.idle
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .insert(id, (Duration::from_secs(ttl), Instant::now()));
        }
        Ok(())
    }

    /// Removes a workspace; `NotFound` if there was none.
    pub fn delete_workspace(&self, id: &str) -> Result<(), StoreError> {
        self.idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(id);
        self.store.delete(id)
    }

    /// A new id for a workspace created without one. It may still be taken by a workspace
    /// created with that id explicitly: the caller asks again when the store says `Exists`.
    pub fn next_auto_id(&self) -> String {
        let n = self.next_workspace.fetch_add(1, Ordering::Relaxed);
        format!("{AUTO_ID_PREFIX}{n}")
    }
}

/// Keeps a workspace within the bounds: the oldest journal entries, mails and events beyond
/// their caps are dropped (the logs count them), and the oldest sessions beyond theirs end.
fn bound(ws: &mut Workspace, limits: &Limits) {
    ws.journal.trim(limits.journal_entries);
    ws.mails.trim(limits.mails);
    // Checked through a shared borrow first: borrowing the state mutably makes a durable store
    // write it, which only a trim should.
    if ws.state.events.over(limits.events) {
        ws.state.events.trim(limits.events);
    }
    let over = ws.sessions.len().saturating_sub(limits.sessions);
    if over > 0 {
        // Oldest first; sessions started at the same instant (a frozen clock starts every
        // session at the same one) in the order of their tokens, so that which session ends
        // does not depend on a map's order.
        let mut by_age: Vec<(crate::clock::Instant, String)> = ws
            .sessions
            .iter()
            .map(|(token, s)| (s.started_at, token.clone()))
            .collect();
        by_age.sort_unstable();
        for (_, token) in by_age.into_iter().take(over) {
            ws.sessions.remove(&token);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::application::ApplicationStatus;
    use crate::services::workspaces::{self, NewWorkspace};
    use crate::store::MemoryStore;
    use crate::workspace::{ReviewPolicy, WorkspaceSpec};

    const BASE: &str = "http://127.0.0.1:8080/";

    fn spec(fixture: Option<&str>) -> WorkspaceSpec {
        WorkspaceSpec {
            seed: 1,
            now: None,
            fixture: fixture.map(str::to_string),
        }
    }

    #[test]
    fn every_access_first_fires_what_fell_due() {
        let store = MemoryStore::new();
        let mut ws = crate::fixtures::fresh("w", spec(Some("registered")), BASE);
        ws.state.review_policy = ReviewPolicy::Auto {
            delay_seconds: 3600,
        };
        // Moved behind the store's back, as a following clock moves by itself.
        ws.state.clock.advance(chrono::Duration::hours(1)).unwrap();
        store.create(ws).unwrap();
        let st = AppState::open(Arc::new(store), BASE).unwrap();
        let (status, mails) = st
            .with_workspace("w", |ws| (ws.state.applications[0].status, ws.mails.len()))
            .unwrap();
        assert_eq!(status, ApplicationStatus::Approved);
        assert!(mails > 2, "the review's mails are sent: {mails}");
    }

    #[test]
    fn sessions_beyond_the_cap_end_oldest_first_ties_by_token() {
        let mut ws = Workspace::new("w", spec(None));
        let t0 = ws.now();
        let later = t0 + chrono::Duration::minutes(1);
        let session = |at| {
            crate::workspace::session::Session::new(
                at,
                None,
                crate::flow::ScreenId::new("login.form"),
                "f".into(),
            )
        };
        // Inserted in an order that is neither the tokens' nor the ages'.
        for (token, at) in [("d", t0), ("a", later), ("c", t0), ("b", t0)] {
            ws.sessions.insert(token.into(), session(at));
        }
        let limits = Limits {
            sessions: 2,
            ..Limits::default()
        };
        bound(&mut ws, &limits);
        let kept: Vec<&str> = ws.sessions.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(kept, ["a", "d"], "b and c (the oldest, by token) ended");
    }

    #[test]
    fn events_beyond_the_cap_are_dropped_and_the_state_is_left_alone_otherwise() {
        let mut ws = crate::fixtures::fresh("w", spec(Some("registered")), BASE);
        let limits = Limits {
            events: 3,
            ..Limits::default()
        };
        ws.state.take_changed();
        bound(&mut ws, &limits);
        assert!(
            !ws.state.take_changed(),
            "within the cap: not borrowed mutably"
        );
        let number = ws.state.applications[0].reception_number.clone();
        let now = ws.now();
        crate::center::clarify(&mut ws, &number, "FAX番号をご確認ください。", now, "/").unwrap();
        ws.state.take_changed();
        bound(&mut ws, &limits);
        assert!(ws.state.take_changed());
        let ev = &ws.state.events;
        assert_eq!((ev.records.len(), ev.dropped, ev.last_id), (3, 3, 6));
    }

    #[test]
    fn a_missing_workspace_is_not_found() {
        let st = AppState::open(Arc::new(MemoryStore::new()), BASE).unwrap();
        assert!(matches!(
            st.with_workspace("nope", |_| ()),
            Err(StoreError::NotFound(id)) if id == "nope"
        ));
        assert!(matches!(
            st.delete_workspace("nope"),
            Err(StoreError::NotFound(_))
        ));
    }

    #[test]
    fn auto_ids_continue_after_the_stored_ones_and_skip_taken_ids() {
        let store = MemoryStore::new();
        for id in ["default", "ws1", "ws3", "wsx", "ws"] {
            store.create(Workspace::new(id, spec(None))).unwrap();
        }
        let st = AppState::open(Arc::new(store), BASE).unwrap();
        let create = |id: Option<&str>| {
            workspaces::create(
                &st,
                NewWorkspace {
                    id: id.map(str::to_string),
                    ..NewWorkspace::default()
                },
            )
            .map(|s| s.id)
        };
        assert_eq!(create(None).unwrap(), "ws4");
        assert_eq!(create(Some("ws5")).unwrap(), "ws5");
        assert_eq!(create(None).unwrap(), "ws6", "ws5 was taken by name");
        assert!(matches!(
            create(Some("ws6")),
            Err(workspaces::CreateError::Store(StoreError::Exists(_)))
        ));
    }
}
