//! Workspaces, their clock, mails, journal and applications.

use super::ApiError;
use crate::clock::{self, Instant};
use crate::http::AppState;
use crate::store;
use crate::workspace::{Workspace, WorkspaceSpec};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::Ordering;

type St = State<Arc<AppState>>;

/// Parses a JSON body; an empty body is `{}`. Bad JSON is a 400 that says why.
fn body<T: for<'de> Deserialize<'de> + Default>(bytes: &Bytes) -> Result<T, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    serde_json::from_slice(bytes)
        .map_err(|e| ApiError::bad_request(format!("invalid JSON body: {e}")))
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateRequest {
    pub id: Option<String>,
    pub seed: Option<u64>,
    pub now: Option<String>,
    pub fixture: Option<String>,
}

fn summary(st: &AppState, ws: &Workspace) -> Value {
    json!({
        "id": ws.id,
        "base_url": st.base_url(&ws.id),
        "seed": ws.spec.seed,
        "now": clock::to_rfc3339(ws.now()),
        "clock": if ws.clock.is_frozen() { "frozen" } else { "following" },
        "fixture": ws.spec.fixture,
    })
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

pub async fn create(State(st): St, bytes: Bytes) -> Result<Response, ApiError> {
    let req: CreateRequest = body(&bytes)?;
    let answer = create_workspace(&st, req)?;
    Ok((StatusCode::CREATED, Json(answer)).into_response())
}

/// Creates a workspace as asked (the API and the trainer's dashboard) and answers its summary.
pub fn create_workspace(st: &AppState, req: CreateRequest) -> Result<Value, ApiError> {
    let now = match &req.now {
        Some(s) => Some(clock::parse_rfc3339(s).ok_or_else(|| {
            ApiError::bad_request(format!(
                "now: {s:?} is not an RFC 3339 time such as 2018-11-27T16:30:00+09:00"
            ))
        })?),
        None => None,
    };
    if let Some(f) = &req.fixture {
        if !crate::fixtures::exists(f) {
            let names: Vec<&str> = crate::fixtures::PRESETS.iter().map(|(n, _)| *n).collect();
            return Err(ApiError::bad_request(format!(
                "unknown fixture {f:?}; presets: {}",
                names.join(", ")
            )));
        }
        if now.is_some() {
            return Err(ApiError::bad_request(
                "a fixture sets its own clock (the manual's timeline): create without \"now\", then move the clock with …/clock",
            ));
        }
    }
    let id = match req.id {
        Some(id) if valid_id(&id) => id,
        Some(id) => {
            return Err(ApiError::bad_request(format!(
                "id {id:?}: use 1–64 letters, digits, - or _"
            )));
        }
        None => format!("ws{}", st.next_workspace.fetch_add(1, Ordering::Relaxed)),
    };
    let spec = WorkspaceSpec {
        seed: req.seed.unwrap_or(0),
        now,
        fixture: req.fixture,
    };
    let ws = crate::fixtures::fresh(&id, spec, &st.base_url(&id));
    let answer = summary(st, &ws);
    st.store
        .create(ws)
        .map_err(|e| ApiError::new(StatusCode::CONFLICT, "workspace_exists", e.to_string()))?;
    Ok(answer)
}

/// Back to the state right after creation (the preset replayed, if any).
/// The event log and the outbound settings stay: event ids are never reused, and the SMTP
/// relay and webhooks a pipeline set up survive the reset between its tests.
pub fn reset_workspace(st: &AppState, ws: &mut Workspace) {
    let mut events = std::mem::take(&mut ws.events);
    let outbound = std::mem::take(&mut ws.outbound).after_reset();
    *ws = crate::fixtures::fresh(&ws.id, ws.spec.clone(), &st.base_url(&ws.id));
    // A replayed fixture's events follow the old ones.
    events.append(std::mem::take(&mut ws.events));
    ws.events = events;
    ws.outbound = outbound;
}

pub async fn list(State(st): St) -> Json<Value> {
    let all: Vec<Value> = st
        .store
        .ids()
        .iter()
        .filter_map(|id| store::update(st.store.as_ref(), id, |ws| summary(&st, ws)))
        .collect();
    Json(json!(all))
}

/// Runs `f` on the workspace, after letting an automatic NACCS center answer what is due.
pub fn with_ws<R>(
    st: &AppState,
    id: &str,
    f: impl FnOnce(&mut Workspace) -> R,
) -> Result<R, ApiError> {
    let base = st.base_url(id);
    store::update(st.store.as_ref(), id, |ws| {
        crate::center::run_due(ws, &base);
        f(ws)
    })
    .ok_or_else(|| ApiError::no_workspace(id))
}

pub async fn read(State(st): St, Path(id): Path<String>) -> Result<Json<Value>, ApiError> {
    with_ws(&st, &id, |ws| Json(summary(&st, ws)))
}

pub async fn delete(State(st): St, Path(id): Path<String>) -> Result<StatusCode, ApiError> {
    if st.store.delete(&id) {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::no_workspace(&id))
    }
}

pub async fn reset(State(st): St, Path(id): Path<String>) -> Result<Json<Value>, ApiError> {
    with_ws(&st, &id, |ws| {
        reset_workspace(&st, ws);
        Json(summary(&st, ws))
    })
}

fn clock_json(ws: &Workspace) -> Value {
    json!({"now": clock::to_rfc3339(ws.now()), "frozen": ws.clock.is_frozen()})
}

pub async fn clock(State(st): St, Path(id): Path<String>) -> Result<Json<Value>, ApiError> {
    with_ws(&st, &id, |ws| Json(clock_json(ws)))
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClockRequest {
    pub advance: Option<String>,
    pub set: Option<String>,
    pub follow_real_time: Option<bool>,
    pub freeze: Option<bool>,
}

pub async fn move_clock(
    State(st): St,
    Path(id): Path<String>,
    bytes: Bytes,
) -> Result<Json<Value>, ApiError> {
    let req: ClockRequest = body(&bytes)?;
    let advance = match &req.advance {
        Some(s) => Some(clock::parse_iso_duration(s).ok_or_else(|| {
            ApiError::bad_request(format!(
                "advance: {s:?} is not an ISO 8601 duration such as PT48H or P1DT2H"
            ))
        })?),
        None => None,
    };
    let set: Option<Instant> = match &req.set {
        Some(s) => Some(clock::parse_rfc3339(s).ok_or_else(|| {
            ApiError::bad_request(format!(
                "set: {s:?} is not an RFC 3339 time such as 2018-11-27T16:30:00+09:00"
            ))
        })?),
        None => None,
    };
    if advance.is_none() && set.is_none() && req.follow_real_time.is_none() && req.freeze.is_none()
    {
        return Err(ApiError::bad_request(
            "give one of advance, set, follow_real_time or freeze",
        ));
    }
    with_ws(&st, &id, |ws| {
        if req.follow_real_time == Some(true) {
            ws.clock.follow_real_time();
        }
        if req.freeze == Some(true) {
            ws.clock = crate::clock::Clock::Frozen { at: ws.now() };
        }
        if let Some(t) = set {
            ws.clock.set(t);
        }
        if let Some(d) = advance {
            ws.clock.advance(d);
        }
        Json(clock_json(ws))
    })
}

pub async fn mails(State(st): St, Path(id): Path<String>) -> Result<Json<Value>, ApiError> {
    with_ws(&st, &id, |ws| {
        Json(json!(
            ws.mails
                .iter()
                .map(|m| {
                    let mut entry = json!({
                        "id": m.id,
                        "from": m.from,
                        "to": m.to,
                        "cc": m.cc,
                        "subject": m.subject,
                        "sent_at": clock::to_rfc3339(m.sent_at),
                        "text": m.text,
                        "kind": m.kind,
                        "message_id": m.message_id,
                    });
                    // Only once the workspace relays over SMTP (outbound/smtp.rs).
                    if let Some(d) = ws.outbound.smtp.delivery(m.id) {
                        entry["delivery"] = super::outbound::delivery_json(d);
                    }
                    entry
                })
                .collect::<Vec<_>>()
        ))
    })
}

pub async fn raw_mail(
    State(st): St,
    Path((id, mail_id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let mail = with_ws(&st, &id, |ws| {
        ws.mails
            .iter()
            .find(|m| m.id.to_string() == mail_id)
            .cloned()
    })?;
    let mail = mail.ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "mail_not_found",
            format!("no mail {mail_id}; list them with GET …/mails"),
        )
    })?;
    Ok((
        [(header::CONTENT_TYPE, "message/rfc822")],
        crate::mail::render(&mail),
    )
        .into_response())
}

pub async fn journal(State(st): St, Path(id): Path<String>) -> Result<Json<Value>, ApiError> {
    with_ws(&st, &id, |ws| {
        Json(json!(
            ws.journal
                .iter()
                .map(|j| json!({
                    "at": clock::to_rfc3339(j.at),
                    "method": j.method,
                    "path": j.path,
                    "screen": j.screen,
                    "button": j.button,
                    "outcome": j.outcome,
                    "next_screen": j.next_screen,
                    "status": j.status,
                }))
                .collect::<Vec<_>>()
        ))
    })
}

/// The API view of an application.
pub fn application_json(a: &crate::workspace::application::Application) -> Value {
    json!({
        "reception_number": a.reception_number,
        "kind": a.kind,
        "status": a.status,
        "status_label": a.status.label(),
        "submitted_at": clock::to_rfc3339(a.submitted_at),
        "temp_login_id": a.temp_login_id,
        "wished_start": a.wished_start,
        "feasible_start": a.feasible_start,
        "content": a.content,
        "review": a.review,
        "issued": a.issued,
    })
}

pub async fn applications(State(st): St, Path(id): Path<String>) -> Result<Json<Value>, ApiError> {
    with_ws(&st, &id, |ws| {
        Json(json!(
            ws.applications
                .iter()
                .map(application_json)
                .collect::<Vec<_>>()
        ))
    })
}

pub async fn application(
    State(st): St,
    Path((id, number)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    with_ws(&st, &id, |ws| ws.application(&number).map(application_json))?
        .map(Json)
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                "application_not_found",
                format!("no application {number}; list them with GET …/applications"),
            )
        })
}

/// The fixture presets a workspace can be created from (`"fixture"` of the creation).
pub async fn fixtures() -> Json<Value> {
    Json(json!(
        crate::fixtures::PRESETS
            .iter()
            .map(|(name, description)| json!({"name": name, "description": description}))
            .collect::<Vec<_>>()
    ))
}
