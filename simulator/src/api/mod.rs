//! The simulator API under `/_sim/api/` (contract §5): workspaces, clock, mails, journal,
//! applications and the screens catalogue. JSON in and out; errors as
//! `{"error": "...", "detail": "..."}` with a 4xx status.

mod catalogue;
mod error;
mod review;
pub mod workspaces;

pub use error::ApiError;

use crate::http::AppState;
use axum::Router;
use axum::routing::{get, post};
use std::sync::Arc;

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
        .route("/screens", get(catalogue::screens))
        .route("/fixtures", get(workspaces::fixtures))
        .fallback(error::no_such_call)
}
