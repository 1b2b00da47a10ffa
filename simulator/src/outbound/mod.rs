//! What leaves the simulator: mails relayed to a real SMTP server, and events posted to webhooks.
//!
//! Nothing here runs inside an NSS request. A request only records — a mail in the mailbox, an
//! event in the event log ([`crate::events`]) — and rings a bell; the [`dispatcher`], a
//! background task, picks up what is due, delivers it with the workspace lock released, and
//! records the outcome. A server that is down or refuses therefore never slows down or fails a
//! screen: the failure is kept, shown with its reason, retried with back-off ([`retry`]) and
//! given up after a bound.
//!
//! # Layout
//!
//! - `mod.rs` — [`OutboundState`], the part of a workspace that says where its mails and events
//!   go and how far delivery got (serde data, so that a durable store keeps the queue);
//!   [`Outbound`], the simulator-wide settings (`--smtp`, `--webhook`) and retry policy.
//! - `smtp.rs` — the SMTP relay: settings, the per-mail delivery records, sending with lettre.
//! - `webhooks.rs` — registered URLs, their cursor in the event log, signing and posting.
//! - `retry.rs` — the back-off and its bound.
//! - `dispatcher.rs` — the task that delivers.
//!
//! # Times
//!
//! Delivery times (`next_attempt_at`, `delivered_at`, the webhook log) are real UTC time, not
//! the workspace clock: they say when the outside world was reached, and a frozen workspace
//! clock must not stop retries. They are outside what "same seed, same requests, same bytes"
//! covers, and they appear in the API only once a workspace has an SMTP server or a webhook.

pub mod dispatcher;
pub mod retry;
pub mod smtp;
pub mod webhooks;

use crate::workspace::Workspace;
use retry::RetryPolicy;
use serde::{Deserialize, Serialize};
use smtp::SmtpSettings;
use std::sync::{PoisonError, RwLock};
use std::time::Duration;
use tokio::sync::Notify;

/// Where a workspace's mails and events go, and how far delivery got.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct OutboundState {
    /// Whether the simulator-wide settings were applied to this workspace (once, the first time
    /// the dispatcher or the API meets it). A workspace's own settings win from then on.
    #[serde(default)]
    pub adopted: bool,
    /// The SMTP relay and its delivery queue.
    #[serde(default)]
    pub smtp: smtp::SmtpState,
    /// The registered webhooks and their delivery logs.
    #[serde(default)]
    pub webhooks: webhooks::WebhookState,
}

impl OutboundState {
    /// Whether anything leaves this workspace.
    pub fn has_targets(&self) -> bool {
        self.smtp.settings.is_some() || !self.webhooks.hooks.is_empty()
    }

    /// What a reset keeps: the settings and the webhooks with their cursors and logs (the event
    /// log is kept too, so that event ids are never reused). The mails start again from 1, so
    /// the mail delivery records go with the mails they were about.
    pub fn after_reset(mut self) -> Self {
        self.smtp.deliveries.clear();
        self.smtp.mail_cursor = 0;
        self
    }
}

/// The simulator-wide side: default targets for every workspace, and the retry policy.
#[derive(Debug, Default)]
pub struct Outbound {
    config: RwLock<OutboundConfig>,
}

/// Settings given at start-up (`--smtp`, `--smtp-to`, `--webhook`, `--webhook-secret`).
#[derive(Debug, Clone, Default)]
pub struct OutboundConfig {
    /// The SMTP relay every workspace starts with.
    pub smtp: Option<SmtpSettings>,
    /// Webhook URLs every workspace starts with.
    pub webhooks: Vec<String>,
    /// Their secret; None gives each workspace's copy its own generated secret.
    pub webhook_secret: Option<String>,
    /// Back-off, bound and timeout of every delivery.
    pub retry: RetryPolicy,
    /// How often the dispatcher looks for work nobody rang for (workspaces created since, and
    /// retries that came due).
    pub scan_interval: Duration,
}

impl OutboundConfig {
    /// No targets, the default retry policy, a scan every second.
    pub fn new() -> Self {
        OutboundConfig {
            scan_interval: Duration::from_secs(1),
            ..OutboundConfig::default()
        }
    }
}

impl Outbound {
    pub fn new(config: OutboundConfig) -> Self {
        Outbound {
            config: RwLock::new(config),
        }
    }

    /// Replaces the settings (start-up, tests). Workspaces that already adopted the old
    /// defaults keep them.
    pub fn configure(&self, config: OutboundConfig) {
        *self.config.write().unwrap_or_else(PoisonError::into_inner) = config;
        ring();
    }

    /// The current settings.
    pub fn config(&self) -> OutboundConfig {
        self.config
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Applies the simulator-wide targets to a workspace that has not had them yet.
    pub fn adopt(&self, ws: &mut Workspace) {
        if ws.state.outbound.adopted {
            return;
        }
        ws.state.outbound.adopted = true;
        let config = self.config();
        if ws.state.outbound.smtp.settings.is_none() {
            ws.state.outbound.smtp.settings = config.smtp;
        }
        for url in &config.webhooks {
            // Every event since the workspace was created: the simulator-wide receiver sees a
            // fixture's history too.
            webhooks::register(
                ws,
                url,
                config.webhook_secret.clone(),
                webhooks::Origin::Simulator,
                0,
            );
        }
    }
}

/// The dispatcher's bell. One for the process: `events::emit` has no handle on the app state,
/// and a ring meant for another simulator in the same process (tests) only makes a dispatcher
/// look once more and find nothing.
static BELL: Notify = Notify::const_new();

/// Tells the dispatcher there may be something to deliver.
pub fn ring() {
    BELL.notify_one();
}

/// Rings when the workspace may have something to deliver: it has a target, or it has not met
/// the simulator-wide ones yet. A workspace without targets (the benchmark's) never rings.
pub fn ring_if_needed(ws: &Workspace) {
    if !ws.state.outbound.adopted || ws.state.outbound.has_targets() {
        ring();
    }
}

/// Waits for the next ring.
pub(crate) async fn rung() {
    BELL.notified().await;
}
