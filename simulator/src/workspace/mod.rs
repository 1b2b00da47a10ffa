//! A workspace: one isolated NSS with its own seed, clock, accounts, sessions, applications,
//! mails and journal. Everything here is serde-serialisable so that a durable store can keep it.

pub mod application;
pub mod news;
pub mod office;
pub mod session;
pub mod temp_account;

use crate::clock::{Clock, Instant};
use crate::domain::ids;
use crate::journal::JournalEntry;
use crate::mail::Mail;
use crate::rng::SimRng;
use application::Application;
use news::NewsItem;
use office::Office;
use serde::{Deserialize, Serialize};
use session::Session;
use std::collections::BTreeMap;
use temp_account::TempAccount;

/// The id of the workspace served at the root.
pub const DEFAULT_ID: &str = "default";

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
    pub temp_login: u32,
    pub reception: u32,
    pub mail: u32,
}

/// The whole state of one simulated NSS.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Workspace {
    /// The URL-safe id (`default`, or the one chosen at creation).
    pub id: String,
    /// What it was created with.
    pub spec: WorkspaceSpec,
    /// The workspace clock.
    pub clock: Clock,
    /// IDs, passwords, reception numbers, message ids.
    pub rng: SimRng,
    /// Session and flow tokens: a separate stream, so that how many pages somebody opened
    /// never shifts the IDs the next registration gets.
    pub token_rng: SimRng,
    pub counters: Counters,
    /// 仮ログインID → its account.
    pub temp_accounts: BTreeMap<String, TempAccount>,
    /// Session token → session.
    pub sessions: BTreeMap<String, Session>,
    /// Registered applications, oldest first.
    pub applications: Vec<Application>,
    /// Every mail sent, oldest first.
    pub mails: Vec<Mail>,
    /// Every NSS request, in order.
    pub journal: Vec<JournalEntry>,
    /// 事業所コード → office: seeded customers and approved applications.
    pub offices: BTreeMap<String, Office>,
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
}

/// How many generated customers a workspace has besides the manuals' own examples.
pub const SEEDED_CUSTOMERS: usize = 12;

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
            created_on: clock.now().date_naive(),
            customers_seeded: false,
            clock,
            rng,
            token_rng: SimRng::new(spec.seed, 1),
            counters,
            temp_accounts: BTreeMap::new(),
            sessions: BTreeMap::new(),
            applications: Vec::new(),
            mails: Vec::new(),
            journal: Vec::new(),
            offices: BTreeMap::new(),
            news: Vec::new(),
            review_policy: ReviewPolicy::Manual,
            events: Default::default(),
            outbound: Default::default(),
            spec,
        }
    }

    /// Puts the seeded customers (the manuals' examples NAC001, NAC002, SAI001 and
    /// [`SEEDED_CUSTOMERS`] generated ones) into `offices`. They come from their own RNG stream
    /// and the creation date, so they are the same whenever this first runs; it runs when
    /// something needs them (an office login, an approval, the API), which keeps a workspace
    /// that never meets them small and quick to create.
    pub fn seed_customers(&mut self) {
        if self.customers_seeded {
            return;
        }
        self.customers_seeded = true;
        let mut rng = SimRng::new(self.spec.seed, 2);
        for profile in
            crate::domain::customers::customers(&mut rng, self.created_on, SEEDED_CUSTOMERS)
        {
            let code = profile.issued.office_code.clone();
            self.offices.entry(code.clone()).or_insert(Office {
                code,
                password: profile.issued.office_password.clone(),
                profile,
                application: None,
            });
        }
    }

    /// The current instant on the workspace clock.
    pub fn now(&self) -> Instant {
        self.clock.now()
    }

    /// A new opaque token for sessions and forms.
    pub fn new_token(&mut self) -> String {
        self.token_rng.hex(32)
    }

    /// The application with this reception number.
    pub fn application(&self, reception_number: &str) -> Option<&Application> {
        self.applications
            .iter()
            .find(|a| a.reception_number == reception_number)
    }
}
