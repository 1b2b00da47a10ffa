//! Workspaces, their clock, mails, journal and applications.

use super::ApiError;
use super::extract::{ApiBody, ApiPath};
use crate::clock::{self, Instant};
use crate::services::workspaces::{self, NewWorkspace, Summary};
use crate::state::AppState;
use crate::workspace::Workspace;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};
use std::sync::Arc;

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
    pub ttl: Option<String>,
}

/// The API's view of a workspace.
fn summary_json(s: &Summary) -> Value {
    json!({
        "id": s.id,
        "base_url": s.base_url,
        "seed": s.seed,
        "now": clock::to_rfc3339(s.now),
        "clock": if s.frozen { "frozen" } else { "following" },
        "fixture": s.fixture,
        "ttl_seconds": s.ttl_seconds,
        "mails": {"kept": s.mails, "dropped": s.mails_dropped},
        "journal": {"kept": s.journal, "dropped": s.journal_dropped},
    })
}

pub async fn create(State(st): St, ApiBody(bytes): ApiBody) -> Result<Response, ApiError> {
    let req: CreateRequest = body(&bytes)?;
    let created = workspaces::create(
        &st,
        NewWorkspace {
            id: req.id,
            seed: req.seed,
            now: req.now,
            fixture: req.fixture,
            ttl: req.ttl,
        },
    )?;
    Ok((StatusCode::CREATED, Json(summary_json(&created))).into_response())
}

pub async fn list(State(st): St) -> Result<Json<Value>, ApiError> {
    let all: Vec<Value> = workspaces::list(&st)?.iter().map(summary_json).collect();
    Ok(Json(json!(all)))
}

/// Runs `f` on the workspace (caught up with its clock), or answers why not.
pub fn with_ws<R>(
    st: &AppState,
    id: &str,
    f: impl FnOnce(&mut Workspace) -> R,
) -> Result<R, ApiError> {
    Ok(st.with_workspace(id, f)?)
}

pub async fn read(State(st): St, ApiPath(id): ApiPath<String>) -> Result<Json<Value>, ApiError> {
    Ok(Json(summary_json(&workspaces::read(&st, &id)?)))
}

pub async fn delete(State(st): St, ApiPath(id): ApiPath<String>) -> Result<StatusCode, ApiError> {
    st.delete_workspace(&id)?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn reset(State(st): St, ApiPath(id): ApiPath<String>) -> Result<Json<Value>, ApiError> {
    Ok(Json(summary_json(&workspaces::reset(&st, &id)?)))
}

fn clock_json(ws: &Workspace) -> Value {
    json!({"now": clock::to_rfc3339(ws.now()), "frozen": ws.state.clock.is_frozen()})
}

pub async fn clock(State(st): St, ApiPath(id): ApiPath<String>) -> Result<Json<Value>, ApiError> {
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
    ApiPath(id): ApiPath<String>,
    ApiBody(bytes): ApiBody,
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
    let out_of_range = |what: &str| {
        ApiError::bad_request(format!(
            "{what} is outside the range a workspace clock can show ({}, the years of the holiday calendar); the clock was not moved",
            clock::range_text()
        ))
    };
    with_ws(&st, &id, |ws| {
        // Worked on a copy: a refused step leaves the clock as it was.
        let mut moved = ws.state.clock;
        if req.follow_real_time == Some(true) {
            moved.follow_real_time();
        }
        if req.freeze == Some(true) {
            moved.freeze();
        }
        if let (Some(t), Some(s)) = (set, &req.set) {
            moved
                .set(t)
                .map_err(|_| out_of_range(&format!("set: {s:?}")))?;
        }
        if let (Some(d), Some(s)) = (advance, &req.advance) {
            moved.advance(d).map_err(|_| {
                out_of_range(&format!("advance: {s:?} moves the clock to a time that"))
            })?;
        }
        ws.state.clock = moved;
        ws.redate_unseeded_customers();
        Ok(Json(clock_json(ws)))
    })?
}

/// The answer of a capped log: the entries, and how many of the oldest were dropped
/// (`X-Sim-Dropped`, with `X-Sim-Cap`), so that a client knows the list is not the whole history.
pub(crate) fn capped(list: Value, dropped: u64, cap: usize) -> Response {
    let mut r = Json(list).into_response();
    let h = r.headers_mut();
    h.insert("x-sim-dropped", axum::http::HeaderValue::from(dropped));
    h.insert("x-sim-cap", axum::http::HeaderValue::from(cap as u64));
    r
}

pub async fn mails(State(st): St, ApiPath(id): ApiPath<String>) -> Result<Response, ApiError> {
    let cap = st.limits.mails;
    with_ws(&st, &id, |ws| {
        capped(
            json!(
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
                        if let Some(d) = ws.state.outbound.smtp.delivery(m.id) {
                            entry["delivery"] = super::outbound::delivery_json(d);
                        }
                        entry
                    })
                    .collect::<Vec<_>>()
            ),
            ws.mails.dropped(),
            cap,
        )
    })
}

pub async fn raw_mail(
    State(st): St,
    ApiPath((id, mail_id)): ApiPath<(String, String)>,
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
            format!(
                "no mail {mail_id}; list them with GET …/mails (a workspace keeps its newest {} mails)",
                st.limits.mails
            ),
        )
    })?;
    Ok((
        [(header::CONTENT_TYPE, "message/rfc822")],
        crate::mail::render(&mail),
    )
        .into_response())
}

pub async fn journal(State(st): St, ApiPath(id): ApiPath<String>) -> Result<Response, ApiError> {
    let cap = st.limits.journal_entries;
    with_ws(&st, &id, |ws| {
        capped(
            json!(
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
            ),
            ws.journal.dropped(),
            cap,
        )
    })
}

/// The API view of an application.
pub fn application_json(a: &crate::application::Application) -> Value {
    let temp_login_id = match &a.filer {
        crate::application::Filer::Temp(id) => Some(id.as_str()),
        crate::application::Filer::Office(_) => None,
    };
    let mut v = json!({
        "reception_number": a.reception_number,
        "kind": a.kind().label(),
        "kind_code": a.kind(),
        "filer": a.filer,
        "status": a.status,
        "status_label": a.status.label(),
        "submitted_at": clock::to_rfc3339(a.submitted_at),
        "temp_login_id": temp_login_id,
        "wished_start": a.wished_start(),
        "feasible_start": a.feasible_start,
        "content": a.content,
        "entered": crate::procedures::entered(a),
        "review": a.review,
        "issued": a.issued,
    });
    // What the approval of a システム設定申込 registered (NACCS登録日, reissued passwords).
    if let Some(r) = &a.naccs_registration {
        v["naccs_registration"] = json!(r);
    }
    v
}

pub async fn applications(
    State(st): St,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Value>, ApiError> {
    with_ws(&st, &id, |ws| {
        Json(json!(
            ws.state
                .applications
                .iter()
                .map(application_json)
                .collect::<Vec<_>>()
        ))
    })
}

pub async fn application(
    State(st): St,
    ApiPath((id, number)): ApiPath<(String, String)>,
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
