//! # NSS Simulator
//!
//! A local, faithful NACCS Support System (NSS, NACCSサポートシステム): every screen, rule and
//! mail of the official manuals, for developers testing integrations, QA running Gherkin
//! scenarios and trainers running helpdesk training.
//!
//! ## Layout
//!
//! - [`server`] — starting the simulator; [`http`] — the router: NSS screens (HTML or JSON by
//!   `Accept`), [`api`] (`/_sim/api/`) and [`pages`] (`/_sim/`, the mailbox).
//! - [`procedures`] — procedures as state machines over screens; one module per procedure, one
//!   file per screen with its `view` and `submit`.
//! - [`screen`] — the screen model, rendered to HTML and to JSON from the same value, and the
//!   declarative input sections (`screen::spec`) the screens are built from.
//! - [`domain`] — the rules as plain code: formats, lists, calendar and schedule, postal codes, IDs.
//! - [`workspace`] — all state, per workspace, serde-serialisable; [`store`] — the one storage
//!   boundary; [`clock`] and [`rng`] — the workspace clock and seeded generator.
//! - [`mail`] — mail kinds, templates and RFC 5322; [`outbox`] — sending them into a workspace.
//! - [`events`] — what happened (mails, reviews, deadlines), recorded for webhooks;
//!   [`outbound`] — the SMTP relay, the webhooks and the background task that delivers both.
//! - [`journal`] — the record of every NSS request.

pub mod api;
pub mod center;
pub mod clock;
pub mod domain;
pub mod events;
pub mod fixtures;
pub mod http;
pub mod journal;
pub mod mail;
pub mod outbound;
pub mod outbox;
pub mod pages;
pub mod procedures;
pub mod rng;
pub mod screen;
pub mod server;
pub mod store;
pub mod workspace;

pub use server::{new_state, run};
