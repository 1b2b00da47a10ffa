//! Webhooks: URLs that receive each event of a workspace ([`crate::events`]) as a JSON `POST`.
//!
//! # Delivery
//!
//! Each webhook has a cursor in the workspace's event log: the id of the last event it is done
//! with. Events go out one at a time, in id order; the next one waits until the previous one
//! was answered with a 2xx or given up. An event is given up after the retry bound (the log
//! says so, the event stays in `GET …/events`), and the webhook goes on with the next one. The
//! cursor is part of the workspace, so a simulator restarted from a durable store resumes
//! after the last event a receiver acknowledged and never posts an acknowledged id again.
//!
//! # What the receiver gets
//!
//! The body is the event as `GET …/events` lists it, plus the workspace id:
//! `{"workspace": "t1", "id": 3, "at": "2018-11-28T09:18:00+09:00", "type": "mail.sent",
//! "data": {…}}`, with the headers
//!
//! - `X-NSS-Event-Id`, `X-NSS-Event-Type`, `X-NSS-Workspace`;
//! - `X-NSS-Delivery-Attempt`: 1 for the first attempt;
//! - `X-NSS-Signature: sha256=<hex>`: HMAC-SHA256 of the exact body bytes with the webhook's
//!   secret as the key. A receiver recomputes it over the body it read and compares in
//!   constant time.
//!
//! Redirects are followed up to [`MAX_REDIRECTS`] times; a URL that redirects forever fails
//! like one that answers 500.

use super::retry::RetryPolicy;
use crate::events::EventRecord;
use crate::workspace::Workspace;
use chrono::{DateTime, Utc};
use hmac::{Hmac, KeyInit, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

/// Redirects followed before an attempt fails.
pub const MAX_REDIRECTS: usize = 5;

/// Log entries kept per webhook; older ones are dropped (the events themselves stay).
pub const LOG_LIMIT: usize = 200;

/// The webhooks of one workspace.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct WebhookState {
    pub hooks: Vec<Webhook>,
    /// The id of the last webhook registered (ids are never reused).
    pub last_id: u32,
}

/// Who registered a webhook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// `POST …/webhooks`.
    Api,
    /// `--webhook` at start-up.
    Simulator,
}

/// One registered URL.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Webhook {
    pub id: u32,
    pub url: String,
    /// The HMAC key of `X-NSS-Signature`.
    pub secret: String,
    pub origin: Origin,
    /// The last event id this webhook is done with (delivered or given up).
    pub cursor: u64,
    /// Failed attempts at the event after the cursor.
    pub attempts: u32,
    /// When the next attempt is due (real time), after a failure.
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// The latest attempts, oldest first (at most [`LOG_LIMIT`]).
    pub log: Vec<Attempt>,
}

/// One attempt at posting an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempt {
    pub event_id: u64,
    pub event_type: String,
    /// When the attempt ended (real time).
    pub at: DateTime<Utc>,
    /// 1 for the first attempt at this event.
    pub attempt: u32,
    /// The HTTP status, when there was an answer.
    pub status: Option<u16>,
    pub outcome: Outcome,
    /// What went wrong: the status line, a timeout, too many redirects, a refused connection.
    pub error: Option<String>,
}

/// What an attempt came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Answered with a 2xx: the cursor moved past the event.
    Delivered,
    /// Failed; another attempt is due at `next_attempt_at`.
    Retrying,
    /// Failed for the last time: the cursor moved past the event without delivering it.
    GaveUp,
}

impl Outcome {
    /// In Japanese, for the trainer's page.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Delivered => "配信済み",
            Outcome::Retrying => "再送待ち",
            Outcome::GaveUp => "配信失敗",
        }
    }
}

/// Registers a webhook that starts after event `cursor`; a missing secret is generated from the
/// workspace's token stream (the IDs and numbers the workspace issues do not shift).
pub fn register<'w>(
    ws: &'w mut Workspace,
    url: &str,
    secret: Option<String>,
    origin: Origin,
    cursor: u64,
) -> &'w Webhook {
    let secret = secret.unwrap_or_else(|| ws.new_token());
    let state = &mut ws.state.outbound.webhooks;
    state.last_id += 1;
    state.hooks.push(Webhook {
        id: state.last_id,
        url: url.to_string(),
        secret,
        origin,
        cursor,
        attempts: 0,
        next_attempt_at: None,
        log: Vec::new(),
    });
    state.hooks.last().expect("just pushed")
}

/// Checks a webhook URL: absolute http(s) with a host.
pub fn check_url(url: &str) -> Result<String, String> {
    let parsed = reqwest::Url::parse(url.trim())
        .map_err(|e| format!("{url:?} is not a URL ({e}): use http://host:port/path"))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(format!(
            "{url:?}: use an http:// or https:// URL with a host"
        ));
    }
    Ok(parsed.to_string())
}

/// One attempt, taken out of the workspace for the dispatcher.
#[derive(Debug, Clone)]
pub struct WebhookJob {
    pub hook_id: u32,
    pub url: String,
    pub secret: String,
    pub event_id: u64,
    pub event_type: String,
    pub workspace: String,
    /// 1 for the first attempt at this event.
    pub attempt: u32,
    /// The JSON body, signed as it is.
    pub body: String,
}

/// The JSON a receiver gets.
#[derive(Serialize)]
struct Body<'a> {
    workspace: &'a str,
    #[serde(flatten)]
    event: &'a EventRecord,
}

/// The next event of each webhook that is due at `now` and not `busy`, and when the next retry
/// falls due.
pub fn collect(
    ws: &Workspace,
    now: DateTime<Utc>,
    busy: &dyn Fn(u32) -> bool,
) -> (Vec<WebhookJob>, Option<DateTime<Utc>>) {
    let mut jobs = Vec::new();
    let mut next: Option<DateTime<Utc>> = None;
    for hook in &ws.state.outbound.webhooks.hooks {
        let Some(event) = ws.state.events.after(hook.cursor).next() else {
            continue;
        };
        if let Some(due) = hook.next_attempt_at
            && due > now
        {
            next = Some(next.map_or(due, |n| n.min(due)));
            continue;
        }
        if busy(hook.id) {
            continue;
        }
        let body = serde_json::to_string(&Body {
            workspace: &ws.id,
            event,
        })
        .unwrap_or_default();
        jobs.push(WebhookJob {
            hook_id: hook.id,
            url: hook.url.clone(),
            secret: hook.secret.clone(),
            event_id: event.id,
            event_type: event_type(event),
            workspace: ws.id.clone(),
            attempt: hook.attempts + 1,
            body,
        });
    }
    (jobs, next)
}

/// `mail.sent`, `application.reviewed`…: the `type` of the event's JSON.
fn event_type(event: &EventRecord) -> String {
    serde_json::to_value(&event.data)
        .ok()
        .and_then(|v| v["type"].as_str().map(str::to_string))
        .unwrap_or_default()
}

/// What an attempt came back with: the status of a 2xx, or the status (if any) and why.
pub type PostResult = Result<u16, (Option<u16>, String)>;

/// Records the outcome of an attempt: moves the cursor on success or when giving up, schedules
/// the retry otherwise.
pub fn record(
    ws: &mut Workspace,
    job: &WebhookJob,
    result: PostResult,
    policy: &RetryPolicy,
    now: DateTime<Utc>,
) {
    let Some(hook) = ws
        .state
        .outbound
        .webhooks
        .hooks
        .iter_mut()
        .find(|h| h.id == job.hook_id)
    else {
        return; // deleted meanwhile
    };
    if hook.cursor >= job.event_id {
        return;
    }
    let (status, outcome, error) = match result {
        Ok(status) => {
            hook.cursor = job.event_id;
            hook.attempts = 0;
            hook.next_attempt_at = None;
            (Some(status), Outcome::Delivered, None)
        }
        Err((status, error)) => {
            hook.attempts += 1;
            match policy.delay_after(hook.attempts) {
                Some(delay) => {
                    hook.next_attempt_at = Some(now + delay);
                    (status, Outcome::Retrying, Some(error))
                }
                None => {
                    hook.cursor = job.event_id;
                    hook.attempts = 0;
                    hook.next_attempt_at = None;
                    (status, Outcome::GaveUp, Some(error))
                }
            }
        }
    };
    hook.log.push(Attempt {
        event_id: job.event_id,
        event_type: job.event_type.clone(),
        at: now,
        attempt: job.attempt,
        status,
        outcome,
        error,
    });
    if hook.log.len() > LOG_LIMIT {
        let excess = hook.log.len() - LOG_LIMIT;
        hook.log.drain(..excess);
    }
}

/// `sha256=` and the lower-case hex HMAC-SHA256 of `body` keyed with `secret`.
pub fn signature(secret: &str, body: &[u8]) -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes())
        .expect("HMAC takes a key of any length");
    mac.update(body);
    let digest = mac.finalize().into_bytes();
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256=");
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// The HTTP client of the webhooks: redirects bounded, no cookies.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::limited(MAX_REDIRECTS))
        .user_agent(concat!("nss-simulator/", env!("CARGO_PKG_VERSION")))
        .build()
        .unwrap_or_default()
}

/// One attempt: POSTs the body with its headers and waits at most the policy's timeout.
pub async fn post(client: &reqwest::Client, job: &WebhookJob, policy: &RetryPolicy) -> PostResult {
    let answer = client
        .post(&job.url)
        .timeout(policy.timeout)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header("X-NSS-Event-Id", job.event_id.to_string())
        .header("X-NSS-Event-Type", &job.event_type)
        .header("X-NSS-Workspace", &job.workspace)
        .header("X-NSS-Delivery-Attempt", job.attempt.to_string())
        .header(
            "X-NSS-Signature",
            signature(&job.secret, job.body.as_bytes()),
        )
        .body(job.body.clone())
        .send()
        .await;
    match answer {
        Ok(r) if r.status().is_success() => Ok(r.status().as_u16()),
        Ok(r) => Err((Some(r.status().as_u16()), format!("HTTP {}", r.status()))),
        Err(e) if e.is_timeout() => Err((None, format!("no answer within {:?}", policy.timeout))),
        Err(e) if e.is_redirect() => Err((None, format!("more than {MAX_REDIRECTS} redirects"))),
        Err(e) => Err((None, super::smtp::describe(&e))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_hmac_sha256_in_hex() {
        // RFC 4231 test case 2.
        assert_eq!(
            signature("Jefe", b"what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn urls_are_checked() {
        assert_eq!(
            check_url(" http://127.0.0.1:9000/hook ").as_deref(),
            Ok("http://127.0.0.1:9000/hook")
        );
        for bad in ["", "ftp://x/", "127.0.0.1:9000", "http://"] {
            assert!(check_url(bad).is_err(), "{bad:?}");
        }
    }
}
