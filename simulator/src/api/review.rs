//! The NACCS center through the API: review decisions, the certificate step, the review
//! policy and the offices (contract §5, extended).

use super::ApiError;
use super::extract::{ApiBody, ApiPath};
use super::workspaces::{application_json, with_ws};
use crate::center::{self, ReviewError};
use crate::clock;
use crate::services::review_policy::{self, MAX_AUTO_DELAY_SECONDS, PolicyError};
use crate::state::AppState;
use crate::workspace::ReviewPolicy;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};
use std::sync::Arc;

type St = State<Arc<AppState>>;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewRequest {
    /// approve | clarify | issue_certificates
    pub decision: String,
    pub message: Option<String>,
}

fn to_api(e: ReviewError) -> ApiError {
    match e {
        ReviewError::NotFound(_) => ApiError::new(
            StatusCode::NOT_FOUND,
            "application_not_found",
            e.to_string(),
        ),
        ReviewError::EmptyMessage => ApiError::bad_request(e.to_string()),
        _ => ApiError::new(StatusCode::CONFLICT, "invalid_state", e.to_string()),
    }
}

pub async fn review(
    State(st): St,
    ApiPath((id, number)): ApiPath<(String, String)>,
    ApiBody(bytes): ApiBody,
) -> Result<Json<Value>, ApiError> {
    let req: ReviewRequest = serde_json::from_slice(&bytes).map_err(|e| {
        ApiError::bad_request(format!(
            "invalid JSON body: {e}; send {{\"decision\": \"approve\"}}"
        ))
    })?;
    let base = st.base_url(&id);
    with_ws(&st, &id, |ws| {
        let now = ws.now();
        match req.decision.as_str() {
            "approve" => center::approve(ws, &number, now, &base),
            "clarify" => center::clarify(ws, &number, req.message.as_deref().unwrap_or(""), now, &base),
            "issue_certificates" => center::issue_certificates(ws, &number, now, &base),
            other => {
                return Err(ApiError::bad_request(format!(
                    "decision {other:?}: use approve, clarify (with a message) or issue_certificates"
                )));
            }
        }
        .map_err(to_api)?;
        ws.application(&number)
            .map(application_json)
            .map(Json)
            .ok_or_else(|| to_api(ReviewError::NotFound(number.clone())))
    })?
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyRequest {
    /// manual | auto
    pub mode: String,
    /// ISO 8601 duration after registration (auto only), default PT0S.
    pub delay: Option<String>,
}

fn policy_json(p: ReviewPolicy) -> Value {
    match p {
        ReviewPolicy::Manual => json!({"mode": "manual"}),
        ReviewPolicy::Auto { delay_seconds } => {
            json!({"mode": "auto", "delay": format!("PT{delay_seconds}S")})
        }
    }
}

pub async fn get_policy(
    State(st): St,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Value>, ApiError> {
    with_ws(&st, &id, |ws| Json(policy_json(ws.state.review_policy)))
}

pub async fn set_policy(
    State(st): St,
    ApiPath(id): ApiPath<String>,
    ApiBody(bytes): ApiBody,
) -> Result<Json<Value>, ApiError> {
    let req: PolicyRequest = serde_json::from_slice(&bytes).map_err(|e| {
        ApiError::bad_request(format!(
            "invalid JSON body: {e}; send {{\"mode\": \"auto\", \"delay\": \"PT1H\"}}"
        ))
    })?;
    let policy = match req.mode.as_str() {
        "manual" => ReviewPolicy::Manual,
        "auto" => {
            let (text, delay) = match &req.delay {
                Some(d) => (
                    d.as_str(),
                    clock::parse_iso_duration(d).ok_or_else(|| {
                        ApiError::bad_request(format!(
                            "delay {d:?} is not a non-negative ISO 8601 duration"
                        ))
                    })?,
                ),
                None => ("PT0S", chrono::Duration::zero()),
            };
            review_policy::automatic(delay.num_seconds()).map_err(|e| match e {
                PolicyError::Negative => ApiError::bad_request(format!(
                    "delay {text:?} is not a non-negative ISO 8601 duration"
                )),
                PolicyError::TooLong => ApiError::bad_request(format!(
                    "delay {text:?} is longer than the longest automatic review delay, P366D ({MAX_AUTO_DELAY_SECONDS} s)"
                )),
            })?
        }
        other => {
            return Err(ApiError::bad_request(format!(
                "mode {other:?}: use manual or auto"
            )));
        }
    };
    with_ws(&st, &id, |ws| {
        ws.state.review_policy = policy;
        Json(policy_json(policy))
    })
}

/// Every office that can log in, with its credentials (for tests and trainers).
pub async fn offices(State(st): St, ApiPath(id): ApiPath<String>) -> Result<Json<Value>, ApiError> {
    with_ws(&st, &id, |ws| {
        ws.seed_customers();
        Json(json!(
            ws.state
                .offices
                .values()
                .map(|o| json!({
                    "office_code": o.code,
                    "password": o.password,
                    "company": o.contract.company,
                    "office_name": o.contract.office_name,
                    "application": o.application,
                    "profile": o.contract,
                }))
                .collect::<Vec<_>>()
        ))
    })
}
