//! Starting the simulator: the state with its default workspace, and the serving loop.

use crate::http::{guard, router};
use crate::limits::Limits;
use crate::state::AppState;
use crate::store::{MemoryStore, Store, StoreError};
use crate::workspace::{DEFAULT_ID, Workspace, WorkspaceSpec};
use axum::Router;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::serve::ListenerExt;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;

/// What a simulator is started with besides its store.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub limits: Limits,
    /// The token of the simulator API and the operator pages (None: open, loopback only).
    pub api_token: Option<String>,
}

/// The state of a fresh simulator: an in-memory store with its seeded `default` workspace.
pub fn new_state(seed: u64, public_base: &str) -> Result<Arc<AppState>, StoreError> {
    open_state(Arc::new(MemoryStore::new()), seed, public_base)
}

/// The state over `store`, with its `default` workspace: created with `seed` when the store has
/// none, kept as it is when it has one (a durable store brings it back after a restart, with
/// the seed it was created with).
pub fn open_state(
    store: Arc<dyn Store>,
    seed: u64,
    public_base: &str,
) -> Result<Arc<AppState>, StoreError> {
    open_state_with(store, seed, public_base, Settings::default())
}

/// [`open_state`] with other bounds or an API token.
pub fn open_state_with(
    store: Arc<dyn Store>,
    seed: u64,
    public_base: &str,
    settings: Settings,
) -> Result<Arc<AppState>, StoreError> {
    if !store.ids()?.iter().any(|id| id == DEFAULT_ID) {
        let spec = WorkspaceSpec {
            seed,
            now: None,
            fixture: None,
        };
        match store.create(Workspace::new(DEFAULT_ID, spec)) {
            // Created meanwhile by another process sharing the store: use that one.
            Ok(()) | Err(StoreError::Exists(_)) => {}
            Err(e) => return Err(e),
        }
        store.flush()?;
    }
    Ok(Arc::new(
        AppState::open(store, public_base)?
            .with_limits(settings.limits)
            .with_api_token(settings.api_token),
    ))
}

/// The whole application: the router inside the guards (`http::guard`: the API token, the
/// body bound, answers held until stored) and a panic catcher that answers 500 instead of
/// dropping the connection.
pub fn app(state: Arc<AppState>) -> Router {
    router(Arc::clone(&state))
        .layer(from_fn(guard::durable))
        .layer(from_fn_with_state(Arc::clone(&state), guard::body_size))
        .layer(from_fn_with_state(state, guard::access))
        .layer(tower_http::catch_panic::CatchPanicLayer::new())
}

/// How often idle workspaces with a time to live are looked for.
const REAP_EVERY: Duration = Duration::from_secs(10);

/// Serves `state` on `listener` until `shutdown` completes, then waits for the store to have
/// written everything.
pub async fn run(
    listener: TcpListener,
    state: Arc<AppState>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // Delivers mails over SMTP and events to webhooks, outside every request (outbound/).
    let dispatcher = crate::outbound::dispatcher::spawn(Arc::clone(&state));
    let app = app(Arc::clone(&state));
    // Every answer is one write: send it at once rather than let Nagle's algorithm hold a
    // segment back for the peer's delayed acknowledgement.
    let listener = listener.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!(error = %e, "TCP_NODELAY not set");
        }
    });
    let reaper = {
        let state = Arc::clone(&state);
        tokio::spawn(async move {
            let mut every = tokio::time::interval(REAP_EVERY);
            every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                every.tick().await;
                let state = Arc::clone(&state);
                let _ =
                    tokio::task::spawn_blocking(move || state.reap_idle(std::time::Instant::now()))
                        .await;
            }
        })
    };
    let served = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await;
    reaper.abort();
    dispatcher.abort();
    let flushed = tokio::task::spawn_blocking(move || state.flush()).await;
    if let Ok(Err(e)) = flushed {
        tracing::error!(error = %e, "the store could not write everything at shutdown");
    }
    served
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_store_that_has_a_default_workspace_keeps_it() {
        let store = MemoryStore::new();
        let spec = WorkspaceSpec {
            seed: 7,
            now: None,
            fixture: None,
        };
        store.create(Workspace::new(DEFAULT_ID, spec)).unwrap();
        let st = open_state(Arc::new(store), 0, "http://127.0.0.1:8080/").unwrap();
        let seed = st
            .with_workspace(DEFAULT_ID, |ws| ws.state.spec.seed)
            .unwrap();
        assert_eq!(seed, 7, "reused, not replaced with seed 0");
        assert_eq!(st.workspace_ids().unwrap(), [DEFAULT_ID]);
    }

    #[test]
    fn a_new_store_gets_a_default_workspace_with_the_seed() {
        let st = new_state(3, "http://127.0.0.1:8080").unwrap();
        assert_eq!(st.public_base, "http://127.0.0.1:8080/");
        let seed = st
            .with_workspace(DEFAULT_ID, |ws| ws.state.spec.seed)
            .unwrap();
        assert_eq!(seed, 3);
    }
}
