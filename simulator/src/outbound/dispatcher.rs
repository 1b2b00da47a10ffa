//! The background task that delivers: it looks through the workspaces when rung (a new event,
//! new settings) or when a retry falls due, takes out what is due under the workspace lock,
//! delivers it with the lock released, and records the outcome under the lock again.
//!
//! Each delivery runs in its own task, so a server that takes its full timeout delays nothing
//! else. What is in flight is remembered here (not in the workspace): after a restart an
//! unfinished attempt is simply due again.

use super::{rung, smtp, webhooks};
use crate::state::AppState;
use chrono::Utc;
use std::collections::HashSet;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::task::JoinHandle;

/// What one attempt is about: a mail, or a webhook (whose events go one at a time).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Mail { workspace: String, mail_id: u32 },
    Hook { workspace: String, hook_id: u32 },
}

type InFlight = Arc<Mutex<HashSet<Key>>>;

/// Starts the dispatcher for the simulator of `state`; it runs until the handle is aborted.
pub fn spawn(state: Arc<AppState>) -> JoinHandle<()> {
    tokio::spawn(run(state))
}

async fn run(state: Arc<AppState>) {
    let in_flight: InFlight = Arc::default();
    let client = webhooks::client();
    loop {
        let config = state.outbound.config();
        let next_due = dispatch(&state, &in_flight, &client);
        let wait = next_due
            .map(|at| {
                (at - Utc::now())
                    .to_std()
                    .unwrap_or(Duration::ZERO)
                    .min(config.scan_interval)
            })
            .unwrap_or(config.scan_interval);
        tokio::select! {
            () = rung() => {}
            () = tokio::time::sleep(wait) => {}
        }
    }
}

/// One look through every workspace: starts every attempt that is due, returns when the next
/// retry falls due.
fn dispatch(
    state: &Arc<AppState>,
    in_flight: &InFlight,
    client: &reqwest::Client,
) -> Option<chrono::DateTime<Utc>> {
    let now = Utc::now();
    let policy = state.outbound.config().retry;
    let mut next_due: Option<chrono::DateTime<Utc>> = None;
    for id in state.workspace_ids().unwrap_or_default() {
        let busy = |key: Key| {
            in_flight
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .contains(&key)
        };
        let taken = state.with_workspace(&id, |ws| {
            state.outbound.adopt(ws);
            if !ws.state.outbound.has_targets() {
                return None;
            }
            let (mails, next_mail) = smtp::collect(ws, now, &|mail_id| {
                busy(Key::Mail {
                    workspace: id.clone(),
                    mail_id,
                })
            });
            let (hooks, next_hook) = webhooks::collect(ws, now, &|hook_id| {
                busy(Key::Hook {
                    workspace: id.clone(),
                    hook_id,
                })
            });
            Some((mails, hooks, next_mail.into_iter().chain(next_hook).min()))
        });
        let Ok(Some((mails, hooks, next))) = taken else {
            continue;
        };
        next_due = next_due.into_iter().chain(next).min();
        for job in mails {
            let key = Key::Mail {
                workspace: id.clone(),
                mail_id: job.mail_id,
            };
            start(state, in_flight, key, &id, async move {
                let outcome = smtp::send(&job, &policy).await;
                move |ws: &mut crate::workspace::Workspace| {
                    smtp::record(ws, &job, outcome, &policy, Utc::now())
                }
            });
        }
        for job in hooks {
            let key = Key::Hook {
                workspace: id.clone(),
                hook_id: job.hook_id,
            };
            let client = client.clone();
            start(state, in_flight, key, &id, async move {
                let result = webhooks::post(&client, &job, &policy).await;
                move |ws: &mut crate::workspace::Workspace| {
                    webhooks::record(ws, &job, result, &policy, Utc::now())
                }
            });
        }
    }
    next_due
}

/// Runs one attempt in its own task: marks it in flight, delivers, records the outcome in the
/// workspace, and rings so that the next event of a webhook goes out at once.
fn start<R>(
    state: &Arc<AppState>,
    in_flight: &InFlight,
    key: Key,
    workspace: &str,
    attempt: impl Future<Output = R> + Send + 'static,
) where
    R: FnOnce(&mut crate::workspace::Workspace) + Send + 'static,
{
    in_flight
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(key.clone());
    let state = Arc::clone(state);
    let in_flight = Arc::clone(in_flight);
    let workspace = workspace.to_string();
    tokio::spawn(async move {
        let record = attempt.await;
        // A workspace deleted meanwhile has nothing to record into.
        let _ = state.with_workspace(&workspace, record);
        in_flight
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&key);
        super::ring();
    });
}
