//! The simulator API under `/_sim/api/` (contract §5): workspaces, clock, mails, journal,
//! applications and the screens catalogue. JSON in and out; errors as
//! `{"error": "...", "detail": "..."}` with a 4xx status (5xx only when the store fails), also
//! for a wrong method, a path that does not decode and an unreadable body.

mod catalogue;
mod error;
mod extract;
mod outbound;
mod review;
mod workspaces;

pub use error::ApiError;

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};
use std::sync::Arc;

/// The OpenAPI document of this API (contract §5's target), kept beside the routes it describes;
/// `tests/api/openapi.rs` checks that every documented call exists.
const OPENAPI: &str = include_str!("openapi.json");

async fn openapi() -> ([(axum::http::HeaderName, &'static str); 1], &'static str) {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        OPENAPI,
    )
}

pub fn router() -> Router<Arc<AppState>> {
    Router::new()
        .route(
            "/workspaces",
            post(workspaces::create).get(workspaces::list),
        )
        .route(
            "/workspaces/{id}",
            get(workspaces::read).delete(workspaces::delete),
        )
        .route("/workspaces/{id}/reset", post(workspaces::reset))
        .route(
            "/workspaces/{id}/clock",
            get(workspaces::clock).post(workspaces::move_clock),
        )
        .route("/workspaces/{id}/mails", get(workspaces::mails))
        .route(
            "/workspaces/{id}/mails/{mail_id}/raw",
            get(workspaces::raw_mail),
        )
        .route("/workspaces/{id}/journal", get(workspaces::journal))
        .route(
            "/workspaces/{id}/applications",
            get(workspaces::applications),
        )
        .route(
            "/workspaces/{id}/applications/{number}",
            get(workspaces::application),
        )
        .route(
            "/workspaces/{id}/applications/{number}/review",
            post(review::review),
        )
        .route(
            "/workspaces/{id}/review-policy",
            get(review::get_policy).post(review::set_policy),
        )
        .route("/workspaces/{id}/offices", get(review::offices))
        .route(
            "/workspaces/{id}/smtp",
            get(outbound::get_smtp).put(outbound::put_smtp),
        )
        .route(
            "/workspaces/{id}/webhooks",
            get(outbound::list_webhooks).post(outbound::add_webhook),
        )
        .route(
            "/workspaces/{id}/webhooks/{hook_id}",
            axum::routing::delete(outbound::delete_webhook),
        )
        .route("/workspaces/{id}/events", get(outbound::events))
        .route("/screens", get(catalogue::screens))
        .route("/fixtures", get(workspaces::fixtures))
        .route("/openapi.json", get(openapi))
        .fallback(error::no_such_call)
        // After the routes: axum gives the fallback to the routes present when it is called.
        .method_not_allowed_fallback(error::method_not_allowed)
}
