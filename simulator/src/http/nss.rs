//! NSS requests: find the workspace, read the form and cookies, run the procedures with the
//! workspace locked, then render HTML or JSON outside the lock.

use crate::procedures::{self, Body, CookieAction, Method, NssRequest};
use crate::screen::form::FormInput;
use crate::screen::{Screen, html, json};
use crate::state::AppState;
use crate::store::StoreError;
use crate::workspace::DEFAULT_ID;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// The session cookie's name.
pub const COOKIE: &str = "NSSSESSION";

pub async fn default_root(State(st): State<Arc<AppState>>, req: Request) -> Response {
    serve(st, DEFAULT_ID.to_string(), String::new(), req).await
}

pub async fn default_path(
    State(st): State<Arc<AppState>>,
    path: Result<Path<String>, PathRejection>,
    req: Request,
) -> Response {
    match path {
        Ok(Path(path)) => serve(st, DEFAULT_ID.to_string(), path, req).await,
        Err(_) => undecodable(&req),
    }
}

pub async fn workspace_root(
    State(st): State<Arc<AppState>>,
    ws: Result<Path<String>, PathRejection>,
    req: Request,
) -> Response {
    match ws {
        Ok(Path(ws)) => serve(st, ws, String::new(), req).await,
        Err(_) => undecodable(&req),
    }
}

pub async fn workspace_path(
    State(st): State<Arc<AppState>>,
    parts: Result<Path<(String, String)>, PathRejection>,
    req: Request,
) -> Response {
    match parts {
        Ok(Path((ws, path))) => serve(st, ws, path, req).await,
        Err(_) => undecodable(&req),
    }
}

/// A path that does not decode (not UTF-8) names no page: the not-found screen, in the format
/// asked, rather than axum's plain-text 400.
fn undecodable(req: &Request) -> Response {
    let screen = crate::procedures::errors::not_found("/");
    render(&screen, "/", wants_json(req.headers()), None)
}

pub(super) fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("application/json"))
}

fn session_cookies(headers: &HeaderMap) -> Vec<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .filter(|(k, _)| *k == COOKIE)
        .map(|(_, v)| v.to_string())
        .collect()
}

async fn serve(st: Arc<AppState>, ws_id: String, path: String, req: Request) -> Response {
    let json = wants_json(req.headers());
    let cookies = session_cookies(req.headers());
    let query = req.uri().query().unwrap_or("").to_string();
    let method = if req.method() == axum::http::Method::POST {
        Method::Post
    } else {
        Method::Get
    };
    let base = if ws_id == DEFAULT_ID {
        "/".to_string()
    } else {
        ["/w/", &ws_id, "/"].concat()
    };
    let public_base = st.base_url(&ws_id);
    let form = if method == Method::Post {
        match super::form::read(req, &st.limits).await {
            Ok(form) => form,
            Err(refused) => return refuse_form(&refused, &base, json),
        }
    } else {
        FormInput::default()
    };
    let nss_req = NssRequest {
        method,
        path: &path,
        query: &query,
        form,
        cookies,
        base: &base,
        public_base: &public_base,
    };
    let reply = match st.with_workspace(&ws_id, |ws| procedures::handle(ws, &nss_req)) {
        Ok(reply) => reply,
        Err(StoreError::NotFound(_)) => {
            let mut s = Screen::new("error.no_workspace", "ワークスペースが見つかりません");
            s.status = 404;
            s.errors
                .push(format!("ワークスペース「{ws_id}」は存在しません。"));
            return render(&s, "/", json, None);
        }
        Err(e) => return render(&store_failed(&e), &base, json, None),
    };
    let cookie = match reply.cookie {
        CookieAction::Keep => None,
        CookieAction::Set(token) => Some(format!(
            "{COOKIE}={token}; Path={base}; HttpOnly; SameSite=Lax"
        )),
        CookieAction::Clear => Some(format!(
            "{COOKIE}=; Path={base}; Max-Age=0; HttpOnly; SameSite=Lax"
        )),
    };
    match reply.body {
        Body::Screen(screen) => render(&screen, &base, json, cookie),
        Body::Redirect(to) => {
            let mut r = (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response();
            add_cookie(&mut r, cookie);
            r
        }
        Body::Document { html, filename } => {
            let disposition = format!("inline; filename=\"{filename}\"");
            let mut r = (
                StatusCode::OK,
                [
                    (header::CONTENT_TYPE, "text/html; charset=utf-8".to_string()),
                    (header::CACHE_CONTROL, "no-store".to_string()),
                    (header::CONTENT_DISPOSITION, disposition),
                ],
                html,
            )
                .into_response();
            add_cookie(&mut r, cookie);
            r
        }
    }
}

/// The screen of a store that failed: the request may not have been kept, and the user is asked
/// to try again later. The cause goes to the log, not to the screen.
fn store_failed(e: &StoreError) -> Screen {
    tracing::error!(error = %e, "the workspace store failed");
    let mut s = Screen::new("error.store", "エラー");
    s.status = if e.is_temporary() { 503 } else { 500 };
    s.errors.push(
        "システムでエラーが発生したため、処理を完了できませんでした。しばらくしてから、もう一度操作してください。"
            .to_string(),
    );
    s
}

/// The answer to a form beyond the bounds (413): nothing of it reached the workspace, and the
/// session stays where it was (the browser's back button returns to the form).
fn refuse_form(refused: &super::form::Refused, base: &str, json: bool) -> Response {
    use super::form::Refused;
    use crate::limits::bytes_text;
    let message = match refused {
        Refused::Body { limit } => {
            format!(
                "送信されたデータが大きすぎます（上限 {}）。",
                bytes_text(*limit)
            )
        }
        Refused::Attachment { filename, limit } => format!(
            "添付ファイル「{filename}」のサイズが上限（{}）を超えています。",
            bytes_text(*limit)
        ),
    };
    refuse_too_large(&message, base, json)
}

/// The screen of a request refused for its size (413), with `message`.
pub(super) fn refuse_too_large(message: &str, base: &str, json: bool) -> Response {
    let mut s = Screen::new("error.too_large", "エラー");
    s.status = 413;
    s.errors.push(message.to_string());
    s.blocks
        .push(crate::screen::Block::Links(vec![crate::screen::Link::new(
            "ログインページに戻る",
            format!("{base}login/nsscoapp/"),
        )]));
    render(&s, base, json, None)
}

/// The screen of a store that failed, as an answer (the HTTP layer's guard uses it when a
/// change could not be committed after the handler ran).
pub(super) fn refuse_store_failed(e: &StoreError, base: &str, json: bool) -> Response {
    render(&store_failed(e), base, json, None)
}

fn add_cookie(r: &mut Response, cookie: Option<String>) {
    if let Some(c) = cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        r.headers_mut().append(header::SET_COOKIE, c);
    }
}

/// Renders a screen as JSON or HTML. Pages are never cached: the back button must ask again.
fn render(screen: &Screen, base: &str, json: bool, cookie: Option<String>) -> Response {
    let status = StatusCode::from_u16(screen.status).unwrap_or(StatusCode::OK);
    let (ctype, body) = if json {
        ("application/json; charset=utf-8", json::to_json(screen))
    } else {
        ("text/html; charset=utf-8", html::to_html(screen, base))
    };
    let mut r = (
        status,
        [
            (header::CONTENT_TYPE, ctype),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response();
    r.headers_mut()
        .insert(header::VARY, HeaderValue::from_static("Accept"));
    add_cookie(&mut r, cookie);
    r
}
