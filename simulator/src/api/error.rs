//! API errors: a status and a JSON body that says what to do next.

use crate::services::workspaces::CreateError;
use crate::store::StoreError;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub error: &'static str,
    pub detail: String,
}

impl ApiError {
    pub fn new(status: StatusCode, error: &'static str, detail: impl Into<String>) -> Self {
        ApiError {
            status,
            error,
            detail: detail.into(),
        }
    }
    pub fn no_workspace(id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "workspace_not_found",
            format!("no workspace {id}; list them with GET /_sim/api/workspaces"),
        )
    }
    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_request", detail)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(id) => ApiError::no_workspace(&id),
            StoreError::Exists(_) => {
                ApiError::new(StatusCode::CONFLICT, "workspace_exists", e.to_string())
            }
            e if e.is_temporary() => {
                ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "store_busy", e.to_string())
            }
            e => {
                tracing::error!(error = %e, "the workspace store failed");
                ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "store_failed",
                    e.to_string(),
                )
            }
        }
    }
}

impl From<CreateError> for ApiError {
    fn from(e: CreateError) -> Self {
        match e {
            CreateError::Store(e) => e.into(),
            CreateError::TooMany(_) => {
                ApiError::new(StatusCode::CONFLICT, "workspace_limit", e.to_string())
            }
            e => ApiError::bad_request(e.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.status,
            Json(json!({"error": self.error, "detail": self.detail})),
        )
            .into_response()
    }
}

pub async fn no_such_call() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        "no such API call; see /_sim/api/openapi.json or contract §5",
    )
}

/// A known path asked with a method it does not take (axum's `Allow` header is kept).
pub async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "this API call does not take that method; see /_sim/api/openapi.json for the ones it takes",
    )
}
