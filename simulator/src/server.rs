//! Starting the simulator: the state with its default workspace, and the serving loop.

use crate::http::{AppState, router};
use crate::store::{MemoryStore, Store};
use crate::workspace::{DEFAULT_ID, Workspace, WorkspaceSpec};
use axum::serve::ListenerExt;
use std::future::Future;
use std::sync::Arc;
use tokio::net::TcpListener;

/// The state of a fresh simulator: the store with its seeded `default` workspace.
pub fn new_state(seed: u64, public_base: &str) -> Arc<AppState> {
    let store = MemoryStore::new();
    store
        .create(Workspace::new(
            DEFAULT_ID,
            WorkspaceSpec {
                seed,
                now: None,
                fixture: None,
            },
        ))
        .expect("a new store has no default workspace yet");
    Arc::new(AppState::new(Arc::new(store), public_base))
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
