//! # NSS Simulator
//!
//! A local, faithful NACCS Support System (NSS, NACCSサポートシステム): every screen, rule and
//! mail of the official manuals, for developers testing integrations, QA running Gherkin
//! scenarios and trainers running helpdesk training.
//!
//! docs/architecture.md explains the layers, walks one request from the socket to the store and
//! back, and says what adding a screen or a procedure takes.
//!
//! ## Layout
//!
//! - [`server`] — starting the simulator; [`http`] — the router: NSS screens (HTML or JSON by
//!   `Accept`), [`api`] (`/_sim/api/`) and [`pages`] (`/_sim/`, the mailbox).
//! - [`state`] — what every handler shares, and `AppState::with_workspace`, the one way to reach
//!   a workspace: it locks it and first fires what fell due on its clock ([`catch_up`]).
//! - [`services`] — what screens, fixtures, the API and the pages all do to a workspace
//!   (registering accounts, filing, amending and withdrawing applications, creating and resetting
//!   workspaces, the review policy), with typed errors each caller words in its own language.
//! - [`application`] — what is applied for, typed: people, each kind of application, the
//!   registered record with its review history, drafts; [`flow`] — a screen id as a position.
//! - [`center`] — the NACCS center: review, approval by kind, clarification, the automatic policy.
//! - [`procedures`] — procedures as state machines over screens: the registry (every
//!   procedure's table of screens), the engine, one module per procedure, one file per screen
//!   with its `view` and `submit`.
//! - [`screen`] — the screen model, rendered to HTML and to JSON from the same value, and the
//!   declarative input sections (`screen::spec`) the screens are built from, reading the posted
//!   form (`screen::form`).
//! - [`domain`] — the rules as plain code: formats, lists, calendar and schedule, postal codes, IDs.
//! - [`workspace`] — all state, per workspace, serde-serialisable; [`store`] — the one storage
//!   boundary, whose operations can fail (`StoreError`); [`clock`] and [`rng`] — the workspace
//!   clock, bounded to the years of the holiday calendar, and the seeded generator.
//! - [`mail`] — mail kinds, templates and RFC 5322; [`outbox`] — sending them into a workspace.
//! - [`events`] — what happened (mails, reviews, deadlines), recorded for webhooks;
//!   [`outbound`] — the SMTP relay, the webhooks and the background task that delivers both.
//! - [`journal`] — the record of every NSS request.
//! - `kit` (feature `kit`, on by default) — the conformance kit that verifies a client of the
//!   NSS against this simulator (`nss-simulator kit`, docs/kit.md).

pub mod api;
pub mod application;
pub mod catch_up;
pub mod center;
pub mod clock;
pub mod domain;
pub mod events;
pub mod fixtures;
pub mod flow;
pub mod http;
pub mod journal;
#[cfg(feature = "kit")]
pub mod kit;
pub mod limits;
pub mod mail;
pub mod outbound;
pub mod outbox;
pub mod pages;
pub mod procedures;
pub mod rng;
pub mod screen;
pub mod server;
pub mod services;
pub mod state;
pub mod store;
pub mod workspace;

pub use server::{Settings, app, new_state, open_state, open_state_with, run};
