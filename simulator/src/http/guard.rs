//! What every request passes through before and after its handler (`server::app` puts these
//! layers around the router):
//!
//! - [`access`]: bound to anything but the loopback, the simulator API and the operator pages
//!   (`/_sim/`) require the token given at start; the NSS screens stay as NSS has them.
//! - [`body_size`]: a body announced larger than the bound is refused before it is read (413).
//! - [`durable`]: the answer leaves only once every change it made or shows is stored
//!   (`store::commit`); a change that could not be stored turns the answer into the store's
//!   error, so that nothing is acknowledged that a crash could take back.
//!
//! Each refusal is said the way its surface speaks: the API's JSON error, a Japanese page for the
//! operator pages, a Japanese NSS screen (HTML or JSON by `Accept`) for the NSS.

use super::nss;
use crate::api::ApiError;
use crate::limits::bytes_text;
use crate::state::AppState;
use crate::store::StoreError;
use crate::store::commit;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// Which surface a request is for, and how it wants its answer.
#[derive(Debug, Clone)]
enum Surface {
    /// `/_sim/api/…`: JSON errors.
    Api,
    /// The other `/_sim/…` pages: Japanese HTML.
    Page,
    /// An NSS screen: a Japanese screen, as JSON when asked for.
    Nss { json: bool, base: String },
    /// Static files and the health check.
    Other,
}

fn surface(req: &Request) -> Surface {
    let path = req.uri().path();
    if path.starts_with("/_sim/api/") || path == "/_sim/api" {
        Surface::Api
    } else if path.starts_with("/_sim/") || path == "/_sim" {
        Surface::Page
    } else if path.starts_with("/_static/") || path == "/_health" || path == "/favicon.ico" {
        Surface::Other
    } else {
        let base = match path.strip_prefix("/w/") {
            Some(rest) => match rest.split_once('/') {
                Some((ws, _)) => ["/w/", ws, "/"].concat(),
                None => "/".to_string(),
            },
            None => "/".to_string(),
        };
        Surface::Nss {
            json: nss::wants_json(req.headers()),
            base,
        }
    }
}

/// The simulator API and the operator pages behind the token, when there is one.
pub async fn access(State(st): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let Some(token) = st.api_token.as_deref() else {
        return next.run(req).await;
    };
    let s = surface(&req);
    if !matches!(s, Surface::Api | Surface::Page) || authorised(req.headers(), token) {
        return next.run(req).await;
    }
    let mut r = match s {
        Surface::Api => ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "this simulator's API requires its token: send `Authorization: Bearer <token>` (the token given with --api-token or NSS_SIM_API_TOKEN)",
        )
        .into_response(),
        _ => (
            StatusCode::UNAUTHORIZED,
            crate::pages::page(
                "認証が必要です",
                maud::html! { p { "管理画面を開くには、シミュレータの起動時に指定したトークンをパスワードとして入力してください。" } },
            ),
        )
            .into_response(),
    };
    // Browsers ask for the token as a password; API clients send it as a bearer token.
    r.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Basic realm=\"NSS Simulator\", charset=\"UTF-8\""),
    );
    r
}

/// `Authorization: Bearer <token>`, or Basic with the token as password (any user name).
fn authorised(headers: &HeaderMap, token: &str) -> bool {
    use base64::Engine;
    headers
        .get_all(header::AUTHORIZATION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| {
            let (scheme, rest) = v.trim().split_once(' ').unwrap_or((v, ""));
            let rest = rest.trim();
            if scheme.eq_ignore_ascii_case("bearer") {
                same(rest.as_bytes(), token.as_bytes())
            } else if scheme.eq_ignore_ascii_case("basic") {
                base64::engine::general_purpose::STANDARD
                    .decode(rest)
                    .ok()
                    .and_then(|raw| {
                        let colon = raw.iter().position(|b| *b == b':')?;
                        Some(same(&raw[colon + 1..], token.as_bytes()))
                    })
                    .unwrap_or(false)
            } else {
                false
            }
        })
}

/// Compares in a time that does not depend on where the first difference is.
fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A body announced (`Content-Length`) larger than the bound is refused unread. A body sent in
/// chunks is bounded where it is read (the NSS form reader, the API's body, the pages' forms).
pub async fn body_size(State(st): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let announced = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let s = surface(&req);
    let limit = match s {
        // A screen may take an attachment.
        Surface::Nss { .. } => st.limits.multipart_bytes(),
        _ => st.limits.body_bytes,
    };
    match announced {
        Some(n) if n > limit as u64 => too_large(&s, limit),
        _ => next.run(req).await,
    }
}

/// The answer to a body beyond `limit` bytes, in the surface's own words.
fn too_large(s: &Surface, limit: usize) -> Response {
    let limit = bytes_text(limit);
    match s {
        Surface::Nss { json, base } => nss::refuse_too_large(
            &format!("送信されたデータが大きすぎます（上限 {limit}）。"),
            base,
            *json,
        ),
        Surface::Api | Surface::Other => ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            format!("the body is larger than this simulator takes ({limit}; --max-body)"),
        )
        .into_response(),
        Surface::Page => (
            StatusCode::PAYLOAD_TOO_LARGE,
            crate::pages::page(
                "送信データが大きすぎます",
                maud::html! { p.error { "送信されたデータが大きすぎます（上限 " (limit) "）。" } p { a href="/_sim/" { "ワークスペース一覧に戻る" } } },
            ),
        )
            .into_response(),
    }
}

/// Holds the answer until what it depends on is stored; answers the store's error instead if
/// that failed.
pub async fn durable(req: Request, next: Next) -> Response {
    let s = surface(&req);
    let (response, pending) = commit::scope(next.run(req)).await;
    if pending.is_empty() {
        return response;
    }
    match commit::wait_all(&pending).await {
        Ok(()) => response,
        Err(failure) => {
            let e = StoreError::from(failure);
            match s {
                Surface::Api | Surface::Other => ApiError::from(e).into_response(),
                Surface::Page => crate::pages::store_failed(&e),
                Surface::Nss { json, base } => nss::refuse_store_failed(&e, &base, json),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    fn headers(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::AUTHORIZATION, HeaderValue::from_str(value).unwrap());
        h
    }

    #[test]
    fn the_token_is_taken_as_bearer_or_as_a_basic_password() {
        let basic = |user_pass: &str| {
            format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(user_pass)
            )
        };
        assert!(authorised(&headers("Bearer s3cret"), "s3cret"));
        assert!(authorised(&headers("bearer  s3cret "), "s3cret"));
        assert!(authorised(&headers(&basic("trainer:s3cret")), "s3cret"));
        assert!(authorised(&headers(&basic(":s3cret")), "s3cret"));
        assert!(!authorised(&headers("Bearer s3cre"), "s3cret"));
        assert!(!authorised(&headers("Bearer s3cretx"), "s3cret"));
        assert!(!authorised(&headers(&basic("s3cret:")), "s3cret"));
        assert!(!authorised(&headers("Basic !!!"), "s3cret"));
        assert!(!authorised(&HeaderMap::new(), "s3cret"));
    }
}
