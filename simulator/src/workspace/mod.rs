//! A workspace: one isolated NSS with its own seed, clock, accounts, sessions, applications,
//! mails and journal. Everything here is serde-serialisable so that a durable store can keep it.
//!
//! It is kept in three parts with different lives, so that a durable store can write one request
//! as one small transaction:
//! - [`WorkspaceState`], the durable aggregate (with a schema version): what the NSS and the
//!   NACCS center know — clock, generators, counters, accounts, applications, offices, news;
//! - the append-only logs [`Workspace::mails`] and [`Workspace::journal`]: only ever pushed to, so
//!   a store appends the new rows instead of rewriting the history;
//! - the [`Workspace::sessions`] of browsers: short-lived, recreated by logging in again.

pub mod log;
pub mod news;
pub mod office;
pub mod session;
pub mod sessions;
pub mod temp_account;
pub mod tracked;

use crate::application::{Application, Filer, SavedDraft};
use crate::clock::{Clock, Instant};
use crate::domain::ids;
use crate::journal::JournalEntry;
use crate::mail::Mail;
use crate::rng::SimRng;
use log::Log;
use news::NewsItem;
use office::Office;
use serde::{Deserialize, Serialize};
use sessions::Sessions;
use std::collections::BTreeMap;
use temp_account::TempAccount;
use tracked::Tracked;

/// The id of the workspace served at the root.
pub const DEFAULT_ID: &str = "default";

/// The version of [`WorkspaceState`]'s serialised shape. A durable store refuses a newer one and
/// migrates an older one.
pub const SCHEMA_VERSION: u32 = 1;

/// What a workspace was created with; `reset` goes back to exactly this.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceSpec {
    /// The seed of every generated value.
    pub seed: u64,
    /// The instant the clock was frozen at, if any (otherwise it follows real time).
    pub now: Option<Instant>,
    /// A named fixture preset the workspace was created from.
    pub fixture: Option<String>,
}

/// Running numbers, continued from a seeded start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counters {
    /// The running part of the next 仮ログインID.
    pub temp_login: u32,
    /// The running part of the next 申込受付番号.
    pub reception: u32,
    /// The number of the last mail sent (mail ids are 1, 2, …).
    pub mail: u32,
}

/// Who plays the NACCS center.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum ReviewPolicy {
    /// A person (the operator console or the API) decides.
    Manual,
    /// Approve, and issue the certificates, `delay_seconds` after registration on the workspace
    /// clock, so that unattended integration tests progress.
    Auto { delay_seconds: i64 },
}

/// The durable aggregate of a workspace.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WorkspaceState {
    /// [`SCHEMA_VERSION`] when written.
    pub schema_version: u32,
    /// What it was created with.
    pub spec: WorkspaceSpec,
    /// The workspace clock.
    pub clock: Clock,
    /// IDs, passwords, reception numbers, message ids.
    pub rng: SimRng,
    /// Session and flow tokens: a separate stream, so that how many pages somebody opened
    /// never shifts the IDs the next registration gets. Drawn from by nearly every request (each
    /// page has a new flow token), so tracked on its own and stored apart, like the offices:
    /// a request that only draws a token does not rewrite the aggregate.
    #[serde(default = "placeholder_token_rng", skip_serializing)]
    pub token_rng: Tracked<SimRng>,
    pub counters: Counters,
    /// 仮ログインID → its account.
    pub temp_accounts: BTreeMap<String, TempAccount>,
    /// Drafts kept with 「申込内容を一時保存する」, one per filer and procedure.
    #[serde(default)]
    pub saved_drafts: Vec<SavedDraft>,
    /// Registered applications, oldest first.
    pub applications: Vec<Application>,
    /// 事業所コード → office: seeded customers and approved applications. The largest part of
    /// the aggregate once the customers are seeded (≈ 60 KB) and the one that changes least:
    /// tracked on its own and stored apart (never serialised with the rest), so that a request
    /// that changes an application does not rewrite every office.
    #[serde(default, skip_serializing)]
    pub offices: Tracked<BTreeMap<String, Office>>,
    /// `offices.borrows()` right after the seeded customers went into an empty `offices`: while
    /// it is still the count, the offices are exactly what [`Workspace::seed_customers`] gives
    /// for this seed and creation date, and a store keeps that fact instead of ≈ 55 KB of them.
    #[serde(skip)]
    pub offices_seeded_at: Option<u64>,
    /// 新着情報 lines, oldest first.
    pub news: Vec<NewsItem>,
    /// How the NACCS center answers new applications.
    pub review_policy: ReviewPolicy,
    /// The date the workspace was created on (its clock), from which the seeded customers'
    /// contracts and bills are dated.
    pub created_on: chrono::NaiveDate,
    /// Whether the seeded customers are in `offices` yet (see [`Workspace::seed_customers`]).
    #[serde(default)]
    pub customers_seeded: bool,
    /// What happened, for webhooks and `GET …/events` (append-only; ids survive a reset).
    #[serde(default)]
    pub events: crate::events::EventLog,
    /// Where mails and events go outside the simulator, and how far delivery got.
    #[serde(default)]
    pub outbound: crate::outbound::OutboundState,
    /// Seconds without a request after which the workspace is deleted (set at creation through
    /// the API; None: kept until deleted).
    #[serde(default)]
    pub idle_ttl_seconds: Option<u64>,
}

/// What an aggregate read without its token stream holds until the store sets the stored one.
fn placeholder_token_rng() -> Tracked<SimRng> {
    Tracked::new(SimRng::new(0, 1))
}

/// The whole state of one simulated NSS.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Workspace {
    /// The URL-safe id (`default`, or the one chosen at creation).
    pub id: String,
    /// The durable aggregate; it knows when it was borrowed mutably, so that a durable store
    /// writes it only after a request that may have changed it.
    pub state: Tracked<WorkspaceState>,
    /// Every mail sent, oldest first (append-only; the oldest are dropped beyond the cap).
    pub mails: Log<Mail>,
    /// Every NSS request, in order (append-only; the oldest are dropped beyond the cap).
    pub journal: Log<JournalEntry>,
    /// Session token → session (short-lived; the touched ones are written).
    pub sessions: Sessions,
}

/// How many generated customers a workspace has besides the manuals' own examples.
pub const SEEDED_CUSTOMERS: usize = 12;

impl Workspace {
    /// A fresh workspace for `spec`.
    pub fn new(id: &str, spec: WorkspaceSpec) -> Self {
        let mut rng = SimRng::new(spec.seed, 0);
        let counters = Counters {
            temp_login: ids::initial_running_number(&mut rng),
            reception: ids::initial_running_number(&mut rng),
            mail: 0,
        };
        let clock = match spec.now {
            Some(at) => Clock::Frozen { at },
            None => Clock::default(),
        };
        Workspace {
            id: id.to_string(),
            state: Tracked::new(WorkspaceState {
                schema_version: SCHEMA_VERSION,
                created_on: clock.now().date_naive(),
                customers_seeded: false,
                clock,
                rng,
                token_rng: Tracked::new(SimRng::new(spec.seed, 1)),
                counters,
                temp_accounts: BTreeMap::new(),
                saved_drafts: Vec::new(),
                applications: Vec::new(),
                offices: Tracked::new(BTreeMap::new()),
                offices_seeded_at: None,
                news: Vec::new(),
                review_policy: ReviewPolicy::Manual,
                events: Default::default(),
                outbound: Default::default(),
                idle_ttl_seconds: None,
                spec,
            }),
            mails: Log::new(),
            journal: Log::new(),
            sessions: Sessions::new(),
        }
    }

    /// Puts the seeded customers (the manuals' examples NAC001, NAC002, SAI001 and
    /// [`SEEDED_CUSTOMERS`] generated ones) into `offices`. They come from their own RNG stream
    /// and the creation date, so they are the same whenever this first runs; it runs when
    /// something needs them (an office login, an approval, the API), which keeps a workspace
    /// that never meets them small and quick to create.
    pub fn seed_customers(&mut self) {
        // Read first: a mutable borrow would mark the aggregate changed on every call.
        if self.state.customers_seeded {
            return;
        }
        let st = &mut self.state;
        st.customers_seeded = true;
        let pristine = st.offices.is_empty();
        let mut rng = SimRng::new(st.spec.seed, 2);
        for contract in
            crate::domain::customers::customers(&mut rng, st.created_on, SEEDED_CUSTOMERS)
        {
            let code = contract.issued.office_code.clone();
            st.offices.entry(code.clone()).or_insert(Office {
                code,
                password: contract.issued.office_password.clone(),
                contract,
                application: None,
            });
        }
        if pristine {
            st.offices_seeded_at = Some(st.offices.borrows());
        }
    }

    /// Whether the offices are exactly the seeded customers (nothing changed them since).
    pub fn offices_as_seeded(&self) -> bool {
        self.state.offices_seeded_at == Some(self.state.offices.borrows())
    }

    /// After the clock was set: customers not seeded yet are dated from the clock's day, so that
    /// a workspace put in 2018 before it met them shows 2018 contracts and invoices (audit M-18).
    /// Once seeded they stay as they are: moving the clock does not rewrite history.
    pub fn redate_unseeded_customers(&mut self) {
        if !self.state.customers_seeded {
            let today = self.now().date_naive();
            self.state.created_on = today;
        }
    }

    /// The current instant on the workspace clock.
    pub fn now(&self) -> Instant {
        self.state.clock.now()
    }

    /// A new opaque token for forms (the flow token), from the seeded token stream.
    pub fn new_token(&mut self) -> String {
        // Through the aggregate without marking it: only the token stream changed.
        self.state.untracked_mut().token_rng.hex(32)
    }

    /// A new session token: 128 bits from the operating system, so that nobody who knows the
    /// seed (a trainee can read it on the dashboard) can guess another browser's session. A
    /// seeded token is still drawn and thrown away, so that the flow tokens after it are the
    /// ones the seed always gave (same seed + same requests = same pages).
    pub fn new_session_token(&mut self) -> String {
        let _ = self.new_token();
        crate::rng::os_token()
    }

    /// The application with this reception number.
    pub fn application(&self, reception_number: &str) -> Option<&Application> {
        self.state
            .applications
            .iter()
            .find(|a| a.reception_number == reception_number)
    }

    /// The application with this reception number, to change it.
    pub fn application_mut(&mut self, reception_number: &str) -> Option<&mut Application> {
        self.state
            .applications
            .iter_mut()
            .find(|a| a.reception_number == reception_number)
    }

    /// The draft `filer` saved for `procedure`, if any.
    pub fn saved_draft(&self, filer: &Filer, procedure: &str) -> Option<&SavedDraft> {
        self.state
            .saved_drafts
            .iter()
            .find(|d| d.filer == *filer && d.at.as_str().split('.').next() == Some(procedure))
    }

    /// Keeps `draft` as the filer's saved draft of its procedure (replacing an earlier one).
    pub fn save_draft(&mut self, draft: SavedDraft) {
        let procedure = draft
            .at
            .as_str()
            .split('.')
            .next()
            .unwrap_or("")
            .to_string();
        self.discard_draft(&draft.filer.clone(), &procedure);
        self.state.saved_drafts.push(draft);
    }

    /// Forgets the draft `filer` saved for `procedure`.
    pub fn discard_draft(&mut self, filer: &Filer, procedure: &str) {
        self.state
            .saved_drafts
            .retain(|d| !(d.filer == *filer && d.at.as_str().split('.').next() == Some(procedure)));
    }
}
