//! Workspaces as the trainer and the API manage them: create (with a seed, a frozen clock or a
//! fixture preset), summarise, list and reset.

use crate::clock::{self, Instant};
use crate::fixtures;
use crate::state::AppState;
use crate::store::StoreError;
use crate::workspace::{Workspace, WorkspaceSpec};

/// A workspace to create, as asked (the API's JSON body, the dashboard's form). Everything is
/// optional: no id takes the next `wsN`, no clock follows real time.
#[derive(Debug, Clone, Default)]
pub struct NewWorkspace {
    pub id: Option<String>,
    pub seed: Option<u64>,
    /// The instant the clock is frozen at, RFC 3339.
    pub now: Option<String>,
    /// A fixture preset ([`fixtures::PRESETS`]); it sets its own clock.
    pub fixture: Option<String>,
    /// Deleted after this long without a request (ISO 8601 duration, real time).
    pub ttl: Option<String>,
}

/// Why a workspace was not created. The `Display` text is the API's `detail`; the dashboard
/// says each case in Japanese.
#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    #[error("now: {0:?} is not an RFC 3339 time such as 2018-11-27T16:30:00+09:00")]
    InvalidNow(String),
    #[error(
        "now: {0:?} is outside the range a workspace clock can show ({range}, the years of the holiday calendar)",
        range = clock::range_text()
    )]
    NowOutOfRange(String),
    #[error("unknown fixture {0:?}; presets: {names}", names = preset_names())]
    UnknownFixture(String),
    #[error(
        "a fixture sets its own clock (the manual's timeline): create without \"now\", then move the clock with …/clock"
    )]
    FixtureWithNow,
    #[error("id {0:?}: use 1–64 letters, digits, - or _")]
    InvalidId(String),
    #[error(
        "ttl: {0:?} is not a duration between one minute and a year such as PT2H or P7D (ISO 8601)"
    )]
    InvalidTtl(String),
    #[error(
        "this simulator keeps at most {0} workspaces: delete some (DELETE /_sim/api/workspaces/{{id}}) or start it with a higher --max-workspaces"
    )]
    TooMany(usize),
    /// The store refused: `StoreError::Exists` when the id is taken.
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn preset_names() -> String {
    let names: Vec<&str> = fixtures::PRESETS.iter().map(|(n, _)| *n).collect();
    names.join(", ")
}

/// What the API's workspace answers and the dashboard's rows show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub id: String,
    /// Where its NSS is served (contract §3).
    pub base_url: String,
    pub seed: u64,
    pub now: Instant,
    pub frozen: bool,
    pub fixture: Option<String>,
    pub mails: usize,
    pub applications: usize,
    /// Mails and journal entries dropped by their caps (`crate::limits`).
    pub mails_dropped: u64,
    pub journal: usize,
    pub journal_dropped: u64,
    /// Seconds without a request after which it is deleted.
    pub ttl_seconds: Option<u64>,
}

/// The summary of a workspace the caller holds.
pub fn summary(st: &AppState, ws: &Workspace) -> Summary {
    Summary {
        id: ws.id.clone(),
        base_url: st.base_url(&ws.id),
        seed: ws.state.spec.seed,
        now: ws.now(),
        frozen: ws.state.clock.is_frozen(),
        fixture: ws.state.spec.fixture.clone(),
        mails: ws.mails.len(),
        applications: ws.state.applications.len(),
        mails_dropped: ws.mails.dropped(),
        journal: ws.journal.len(),
        journal_dropped: ws.journal.dropped(),
        ttl_seconds: ws.state.idle_ttl_seconds,
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Creates a workspace as asked and answers its summary.
pub fn create(st: &AppState, req: NewWorkspace) -> Result<Summary, CreateError> {
    let now = match req.now {
        Some(s) => match clock::parse_rfc3339(&s) {
            None => return Err(CreateError::InvalidNow(s)),
            Some(t) if !clock::in_range(t) => return Err(CreateError::NowOutOfRange(s)),
            Some(t) => Some(t),
        },
        None => None,
    };
    if let Some(f) = &req.fixture {
        if !fixtures::exists(f) {
            return Err(CreateError::UnknownFixture(f.clone()));
        }
        if now.is_some() {
            return Err(CreateError::FixtureWithNow);
        }
    }
    let ttl = match req.ttl {
        Some(s) => match clock::parse_iso_duration(&s)
            .map(|d| d.num_seconds())
            .filter(|n| (60..=366 * 24 * 3600).contains(n))
        {
            Some(n) => Some(n as u64),
            None => return Err(CreateError::InvalidTtl(s)),
        },
        None => None,
    };
    if st.workspace_count()? >= st.limits.workspaces {
        return Err(CreateError::TooMany(st.limits.workspaces));
    }
    let chosen = match req.id {
        Some(id) if valid_id(&id) => Some(id),
        Some(id) => return Err(CreateError::InvalidId(id)),
        None => None,
    };
    let spec = WorkspaceSpec {
        seed: req.seed.unwrap_or(0),
        now,
        fixture: req.fixture,
    };
    loop {
        let id = chosen.clone().unwrap_or_else(|| st.next_auto_id());
        // Built for its id: the mails a fixture replays link to the workspace's own base URL.
        let mut ws = fixtures::fresh(&id, spec.clone(), &st.base_url(&id));
        ws.state.idle_ttl_seconds = ttl;
        let answer = summary(st, &ws);
        match st.insert_workspace(ws) {
            Ok(()) => return Ok(answer),
            // An automatic id somebody took by name: the next one. The counter only grows and
            // the store is finite, so this ends.
            Err(StoreError::Exists(_)) if chosen.is_none() => continue,
            Err(e) => return Err(e.into()),
        }
    }
}

/// The summary of workspace `id`.
pub fn read(st: &AppState, id: &str) -> Result<Summary, StoreError> {
    st.with_workspace(id, |ws| summary(st, ws))
}

/// Every workspace's summary, by id. A workspace deleted while the list is read is left out; so
/// is one the store cannot read (logged), so that one damaged workspace does not hide the others.
pub fn list(st: &AppState) -> Result<Vec<Summary>, StoreError> {
    let mut all = Vec::new();
    for id in st.workspace_ids()? {
        match read(st, &id) {
            Ok(s) => all.push(s),
            Err(StoreError::NotFound(_)) => {}
            Err(e) => {
                tracing::error!(workspace = %id, error = %e, "workspace left out of the list")
            }
        }
    }
    Ok(all)
}

/// Puts workspace `id` back in the state right after its creation (the preset replayed, if
/// any) and answers its summary.
///
/// The event log and the outbound settings stay: event ids are never reused, and the SMTP relay
/// and webhooks a pipeline set up survive the reset between its tests.
pub fn reset(st: &AppState, id: &str) -> Result<Summary, StoreError> {
    let base = st.base_url(id);
    st.with_workspace(id, |ws| {
        // The time to live is how the workspace is kept, not part of its NSS: it stays.
        let ttl = ws.state.idle_ttl_seconds;
        let mut events = std::mem::take(&mut ws.state.events);
        let outbound = std::mem::take(&mut ws.state.outbound).after_reset();
        *ws = fixtures::fresh(&ws.id, ws.state.spec.clone(), &base);
        // A replayed fixture's events follow the old ones.
        events.append(std::mem::take(&mut ws.state.events));
        ws.state.events = events;
        ws.state.outbound = outbound;
        ws.state.idle_ttl_seconds = ttl;
        summary(st, ws)
    })
}
