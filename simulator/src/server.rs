//! Starting the simulator: the state with its default workspace, and the serving loop.

use crate::http::router;
use crate::state::AppState;
use crate::store::{MemoryStore, Store, StoreError};
use crate::workspace::{DEFAULT_ID, Workspace, WorkspaceSpec};
use axum::serve::ListenerExt;
use std::future::Future;
use std::sync::Arc;
use tokio::net::TcpListener;

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
    }
    Ok(Arc::new(AppState::open(store, public_base)?))
}

/// Serves `state` on `listener` until `shutdown` completes.
pub async fn run(
    listener: TcpListener,
    state: Arc<AppState>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // Delivers mails over SMTP and events to webhooks, outside every request (outbound/).
    let dispatcher = crate::outbound::dispatcher::spawn(Arc::clone(&state));
    let app = router(state).layer(tower_http::catch_panic::CatchPanicLayer::new());
    // Every answer is one write: send it at once rather than let Nagle's algorithm hold a
    // segment back for the peer's delayed acknowledgement.
    let listener = listener.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!(error = %e, "TCP_NODELAY not set");
        }
    });
    let served = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await;
    dispatcher.abort();
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
