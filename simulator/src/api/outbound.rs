//! The SMTP relay, the webhooks and the event log of a workspace (contract §5, extended):
//! `GET/PUT …/smtp`, `GET/POST …/webhooks`, `DELETE …/webhooks/{hook_id}`, `GET …/events`.

use super::ApiError;
use super::workspaces::with_ws;
use crate::outbound::smtp::{DeliveryStatus, MailDelivery, SmtpSettings};
use crate::outbound::webhooks::{self, Origin, Webhook};
use crate::state::AppState;
use crate::workspace::Workspace;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};
use std::sync::Arc;

type St = State<Arc<AppState>>;

fn parse<T: for<'de> Deserialize<'de>>(bytes: &Bytes, example: &str) -> Result<T, ApiError> {
    serde_json::from_slice(bytes)
        .map_err(|e| ApiError::bad_request(format!("invalid JSON body: {e}; send {example}")))
}

/// Runs `f` on the workspace after it met the simulator-wide settings.
fn with_adopted<R>(
    st: &AppState,
    id: &str,
    f: impl FnOnce(&mut Workspace) -> R,
) -> Result<R, ApiError> {
    with_ws(st, id, |ws| {
        st.outbound.adopt(ws);
        f(ws)
    })
}

/// The `delivery` of a mail entry in `GET …/mails`.
pub fn delivery_json(d: &MailDelivery) -> Value {
    json!({
        "status": d.status,
        "recipients": d.recipients,
        "attempts": d.attempts,
        "last_error": d.last_error,
        "next_attempt_at": d.next_attempt_at,
        "delivered_at": d.delivered_at,
        "server": d.server,
    })
}

fn smtp_json(ws: &Workspace) -> Value {
    let smtp = &ws.state.outbound.smtp;
    let count = |s: DeliveryStatus| smtp.deliveries.iter().filter(|d| d.status == s).count();
    json!({
        "url": smtp.settings.as_ref().map(SmtpSettings::redacted_url),
        "to": smtp.settings.as_ref().and_then(|s| s.to.clone()),
        "deliveries": {
            "pending": count(DeliveryStatus::Pending),
            "delivered": count(DeliveryStatus::Delivered),
            "failed": count(DeliveryStatus::Failed),
        },
    })
}

pub async fn get_smtp(State(st): St, Path(id): Path<String>) -> Result<Json<Value>, ApiError> {
    with_adopted(&st, &id, |ws| Json(smtp_json(ws)))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpRequest {
    /// None turns the relay off.
    pub url: Option<String>,
    pub to: Option<String>,
}

pub async fn put_smtp(
    State(st): St,
    Path(id): Path<String>,
    bytes: Bytes,
) -> Result<Json<Value>, ApiError> {
    let req: SmtpRequest = parse(
        &bytes,
        r#"{"url": "smtp://127.0.0.1:1025", "to": null} (or {"url": null} to turn it off)"#,
    )?;
    let settings = match &req.url {
        Some(url) => {
            Some(SmtpSettings::parse(url, req.to.as_deref()).map_err(ApiError::bad_request)?)
        }
        None => None,
    };
    let answer = with_adopted(&st, &id, |ws| {
        let last_mail = ws.mails.last().map_or(0, |m| m.id);
        ws.state.outbound.smtp.set(settings, last_mail);
        Json(smtp_json(ws))
    })?;
    crate::outbound::ring();
    Ok(answer)
}

fn webhook_json(ws: &Workspace, hook: &Webhook) -> Value {
    json!({
        "id": hook.id,
        "url": hook.url,
        "secret": hook.secret,
        "origin": hook.origin,
        "delivered_through": hook.cursor,
        "waiting": ws.state.events.after(hook.cursor).count(),
        "attempts": hook.attempts,
        "next_attempt_at": hook.next_attempt_at,
        "log": hook.log,
    })
}

pub async fn list_webhooks(State(st): St, Path(id): Path<String>) -> Result<Json<Value>, ApiError> {
    with_adopted(&st, &id, |ws| {
        Json(json!(
            ws.state
                .outbound
                .webhooks
                .hooks
                .iter()
                .map(|h| webhook_json(ws, h))
                .collect::<Vec<_>>()
        ))
    })
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookRequest {
    pub url: String,
    /// The HMAC key; generated when absent.
    pub secret: Option<String>,
}

pub async fn add_webhook(
    State(st): St,
    Path(id): Path<String>,
    bytes: Bytes,
) -> Result<Response, ApiError> {
    let req: WebhookRequest = parse(
        &bytes,
        r#"{"url": "http://127.0.0.1:9000/nss", "secret": "…"} (secret optional)"#,
    )?;
    let url = webhooks::check_url(&req.url).map_err(ApiError::bad_request)?;
    if req.secret.as_deref().is_some_and(str::is_empty) {
        return Err(ApiError::bad_request(
            "secret: give a non-empty secret, or leave it out to have one generated",
        ));
    }
    let answer = with_adopted(&st, &id, |ws| {
        // Events from now on: what happened before is in GET …/events.
        let from = ws.state.events.last_id;
        let hook = webhooks::register(ws, &url, req.secret, Origin::Api, from).clone();
        webhook_json(ws, &hook)
    })?;
    crate::outbound::ring();
    Ok((StatusCode::CREATED, Json(answer)).into_response())
}

pub async fn delete_webhook(
    State(st): St,
    Path((id, hook_id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let removed = with_adopted(&st, &id, |ws| {
        let hooks = &mut ws.state.outbound.webhooks.hooks;
        let before = hooks.len();
        hooks.retain(|h| h.id.to_string() != hook_id);
        hooks.len() < before
    })?;
    if removed {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "webhook_not_found",
            format!("no webhook {hook_id}; list them with GET …/webhooks"),
        ))
    }
}

/// The events kept (the newest `--max-events`), with how many of the oldest were dropped in
/// `X-Sim-Dropped` and the cap in `X-Sim-Cap`, as `GET …/mails` and `…/journal` do.
pub async fn events(
    State(st): St,
    Path(id): Path<String>,
) -> Result<axum::response::Response, ApiError> {
    let cap = st.limits.events;
    with_ws(&st, &id, |ws| {
        let events = &ws.state.events;
        super::workspaces::capped(json!(events.records), events.dropped, cap)
    })
}
