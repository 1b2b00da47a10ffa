//! The HTTP surface: NSS screens (HTML or JSON by `Accept`), the simulator API and the
//! operator pages. Handlers read the request, lock one workspace for the state change, and
//! render after the lock is released.

pub mod form;
mod nss;

use crate::store::Store;
use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

/// What every handler shares.
pub struct AppState {
    /// Where the workspaces live.
    pub store: Arc<dyn Store>,
    /// The absolute URL mails and API answers point at, ending in `/` (`http://127.0.0.1:8080/`).
    pub public_base: String,
    /// The next number for workspaces created without an id.
    pub next_workspace: AtomicU64,
    /// SMTP relay and webhook settings for every workspace (`--smtp`, `--webhook`).
    pub outbound: crate::outbound::Outbound,
}

impl AppState {
    pub fn new(store: Arc<dyn Store>, public_base: &str) -> Self {
        let mut public_base = public_base.to_string();
        if !public_base.ends_with('/') {
            public_base.push('/');
        }
        AppState {
            store,
            public_base,
            next_workspace: AtomicU64::new(1),
            outbound: crate::outbound::Outbound::new(crate::outbound::OutboundConfig::new()),
        }
    }

    /// The base URL of a workspace (contract §3).
    pub fn base_url(&self, id: &str) -> String {
        if id == crate::workspace::DEFAULT_ID {
            self.public_base.clone()
        } else {
            [&self.public_base, "w/", id, "/"].concat()
        }
    }
}

/// The whole application router.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/_static/nss.css", get(stylesheet))
        .route("/_health", get(|| async { "ok" }))
        .route("/favicon.ico", get(favicon))
        .nest("/_sim/api", crate::api::router())
        .merge(crate::pages::router())
        .route(
            "/w/{ws}/",
            get(nss::workspace_root).post(nss::workspace_root),
        )
        .route(
            "/w/{ws}/{*path}",
            get(nss::workspace_path).post(nss::workspace_path),
        )
        .route("/", get(nss::default_root).post(nss::default_root))
        .route("/{*path}", get(nss::default_path).post(nss::default_path))
        .with_state(state)
}

async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        crate::screen::html::STYLESHEET,
    )
}

/// A small icon, so that browsers do not log a 404 on every page.
async fn favicon() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" fill="#1a4f9c"/><text x="8" y="12" font-size="10" text-anchor="middle" fill="#fff">N</text></svg>"##,
    )
}
