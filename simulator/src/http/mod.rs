//! The HTTP surface: NSS screens (HTML or JSON by `Accept`), the simulator API and the
//! operator pages. Handlers read the request, lock one workspace for the state change, and
//! render after the lock is released. Only `server` mounts this router; the API and the pages
//! share `crate::state::AppState`, not this module.

mod form;
pub mod guard;
mod nss;

use crate::state::AppState;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use std::sync::Arc;

/// The whole application router. Bodies are bounded by the state's limits: a form with an
/// attachment may be larger than anything else (`Limits::multipart_bytes`).
pub fn router(state: Arc<AppState>) -> Router {
    let limits = state.limits;
    let nss = Router::new()
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
        .layer(DefaultBodyLimit::max(limits.multipart_bytes()));
    Router::new()
        .route("/_static/nss.css", get(stylesheet))
        .route(
            crate::procedures::new_application::lines::TEMPLATE_PATH,
            get(diagram_template),
        )
        .route("/_health", get(|| async { "ok" }))
        .route("/favicon.ico", get(favicon))
        .nest("/_sim/api", crate::api::router())
        .merge(crate::pages::router())
        .layer(DefaultBodyLimit::max(limits.body_bytes))
        .merge(nss)
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

/// The システム構成図 template of 回線・論理端末 入力's STEP1 (M003), as a download.
async fn diagram_template() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                // 「システム構成図.csv」, RFC 6266 / 5987.
                "attachment; filename=\"system-diagram.csv\"; filename*=UTF-8''%E3%82%B7%E3%82%B9%E3%83%86%E3%83%A0%E6%A7%8B%E6%88%90%E5%9B%B3.csv",
            ),
        ],
        crate::procedures::new_application::lines::TEMPLATE,
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
