//! Axum's extractors with the API's JSON error instead of axum's plain-text rejection: a path
//! segment that does not decode (an id that is not UTF-8) and a body that cannot be read (too
//! large) answer `{"error", "detail"}` like every other API error (contract §5).

use super::ApiError;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

/// The path parameters of an API call.
pub struct ApiPath<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(t)) => Ok(ApiPath(t)),
            Err(e) if e.status().is_client_error() => Err(ApiError::new(
                e.status(),
                "bad_request",
                format!(
                    "the path does not read: {}; path segments are UTF-8 (workspace ids are letters, digits, - and _)",
                    e.body_text()
                ),
            )),
            Err(e) => Err(ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                e.body_text(),
            )),
        }
    }
}

/// The raw body of an API call (parsed as JSON by the handler, which says what it expects).
pub struct ApiBody(pub Bytes);

impl<S> FromRequest<S> for ApiBody
where
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        match Bytes::from_request(req, state).await {
            Ok(bytes) => Ok(ApiBody(bytes)),
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(ApiError::new(
                e.status(),
                "payload_too_large",
                format!("the body is too large: {}", e.body_text()),
            )),
            Err(e) => Err(ApiError::new(
                if e.status().is_client_error() {
                    e.status()
                } else {
                    StatusCode::BAD_REQUEST
                },
                "bad_request",
                format!("the body could not be read: {}", e.body_text()),
            )),
        }
    }
}
