//! The simulator under the kit: one started in this process on a free port, or one already
//! running elsewhere (`--target URL`), reached only through HTTP — the NSS under `/w/{id}/` and
//! the simulator API under `/_sim/api/` (contract §3, §5) — so that both behave the same.
//!
//! The API helpers are for steps and tests: a failure panics with the request and the answer,
//! which is how a step fails (cucumber reports the message; libtest too).

use super::browser::Browser;
use crate::state::AppState;
use serde_json::{Value, json};
use std::sync::Arc;

/// The public base URL mails link to in the integration tests: fixed, so that the mails (and
/// their snapshots) do not depend on the port.
pub const PUBLIC_BASE: &str = "http://127.0.0.1:8080/";

/// A running simulator.
pub struct Simulator {
    /// `http://HOST:PORT` (no trailing slash).
    pub address: String,
    /// The HTTP client of the kit's side (the simulator API).
    pub api: reqwest::Client,
}

impl Simulator {
    /// Starts the real app in this process on a free port of 127.0.0.1, in memory, with the
    /// mails linking to [`PUBLIC_BASE`].
    pub async fn spawn() -> Simulator {
        let state = crate::new_state(0, PUBLIC_BASE).expect("a fresh in-memory state");
        Self::spawn_on(state).await
    }

    /// Starts the real app in this process on a free port, over a state built by the caller
    /// (another store, or another public base).
    pub async fn spawn_on(state: Arc<AppState>) -> Simulator {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let address = format!("http://{}", listener.local_addr().expect("local address"));
        Self::serve(listener, state, address)
    }

    /// Starts the real app in this process on a free port, in memory, its mails linking to the
    /// port it really listens on (what a person in attended mode follows).
    pub async fn spawn_here() -> std::io::Result<Simulator> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let address = format!("http://{}", listener.local_addr()?);
        let state = crate::new_state(0, &format!("{address}/")).map_err(std::io::Error::other)?;
        Ok(Self::serve(listener, state, address))
    }

    fn serve(listener: tokio::net::TcpListener, state: Arc<AppState>, address: String) -> Self {
        tokio::spawn(async move {
            if let Err(e) = crate::run(listener, state, std::future::pending()).await {
                tracing::error!(error = %e, "the kit's simulator stopped");
            }
        });
        Simulator {
            address,
            api: reqwest::Client::new(),
        }
    }

    /// A simulator already running at `url` (`http://127.0.0.1:8080`, with or without the
    /// trailing slash). Nothing is checked here: see [`Simulator::check`].
    pub fn connect(url: &str) -> Simulator {
        Simulator {
            address: url.trim_end_matches('/').to_string(),
            api: reqwest::Client::new(),
        }
    }

    /// Whether the simulator answers its API: `Err` says what is wrong, for the command line.
    pub async fn check(&self) -> Result<(), String> {
        let url = format!("{}/_sim/api/screens", self.address);
        let r = self
            .api
            .get(&url)
            .send()
            .await
            .map_err(|e| format!("GET {url}: {e}"))?;
        if !r.status().is_success() {
            return Err(format!("GET {url}: {}", r.status()));
        }
        let doc: Value = r
            .json()
            .await
            .map_err(|e| format!("GET {url}: not the simulator API ({e})"))?;
        if doc.as_array().is_some_and(|a| !a.is_empty()) {
            Ok(())
        } else {
            Err(format!("GET {url}: not the simulator's screen catalogue"))
        }
    }

    /// Creates a workspace with `seed` and its clock frozen at `now` (RFC 3339).
    pub async fn workspace(&self, seed: u64, now: &str) -> String {
        self.create_workspace(json!({"seed": seed, "now": now}))
            .await
    }

    /// Creates a workspace with a chosen id.
    pub async fn workspace_named(&self, id: &str, seed: u64, now: &str) -> String {
        self.create_workspace(json!({"id": id, "seed": seed, "now": now}))
            .await
    }

    /// Creates a workspace from a fixture preset (`GET /_sim/api/fixtures`).
    pub async fn workspace_from(&self, seed: u64, fixture: &str) -> String {
        self.create_workspace(json!({"seed": seed, "fixture": fixture}))
            .await
    }

    async fn create_workspace(&self, body: Value) -> String {
        let (status, v) = self.post_api("workspaces", body.clone()).await;
        assert_eq!(status, 201, "POST /_sim/api/workspaces {body}: {v}");
        v["id"]
            .as_str()
            .expect("the new workspace's id")
            .to_string()
    }

    /// GET an API path (relative to `/_sim/api/`) as JSON.
    pub async fn get_api(&self, path: &str) -> Value {
        let url = format!("{}/_sim/api/{path}", self.address);
        let r = self
            .api
            .get(&url)
            .send()
            .await
            .unwrap_or_else(|e| panic!("GET {url}: {e}"));
        let status = r.status();
        let text = r.text().await.unwrap_or_default();
        assert!(status.is_success(), "GET {url}: {status} {text}");
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("GET {url}: not JSON ({e}): {text}"))
    }

    /// POST JSON to an API path: (HTTP status, answer).
    pub async fn post_api(&self, path: &str, body: Value) -> (u16, Value) {
        let url = format!("{}/_sim/api/{path}", self.address);
        let r = self
            .api
            .post(&url)
            .json(&body)
            .send()
            .await
            .unwrap_or_else(|e| panic!("POST {url}: {e}"));
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    /// The body of a GET of an absolute path (`/_sim/…` pages), as text.
    pub async fn page(&self, path: &str) -> String {
        let url = format!("{}{path}", self.address);
        self.api
            .get(&url)
            .send()
            .await
            .unwrap_or_else(|e| panic!("GET {url}: {e}"))
            .text()
            .await
            .unwrap_or_else(|e| panic!("GET {url}: {e}"))
    }

    /// Moves a workspace clock by an ISO 8601 duration.
    pub async fn advance(&self, ws: &str, by: &str) {
        let (status, answer) = self
            .post_api(&format!("workspaces/{ws}/clock"), json!({"advance": by}))
            .await;
        assert_eq!(status, 200, "moving the clock by {by}: {answer}");
    }

    /// Sets a workspace clock to an instant (RFC 3339).
    pub async fn set_clock(&self, ws: &str, at: &str) {
        let (status, answer) = self
            .post_api(&format!("workspaces/{ws}/clock"), json!({"set": at}))
            .await;
        assert_eq!(status, 200, "setting the clock to {at}: {answer}");
    }

    /// The mails of a workspace, oldest first.
    pub async fn mails(&self, ws: &str) -> Vec<Value> {
        self.list(&format!("workspaces/{ws}/mails")).await
    }

    /// The journal of a workspace, oldest first.
    pub async fn journal(&self, ws: &str) -> Vec<Value> {
        self.list(&format!("workspaces/{ws}/journal")).await
    }

    /// The applications of a workspace, in the order they were registered.
    pub async fn applications(&self, ws: &str) -> Vec<Value> {
        self.list(&format!("workspaces/{ws}/applications")).await
    }

    /// The offices of a workspace (with their current passwords).
    pub async fn offices(&self, ws: &str) -> Vec<Value> {
        self.list(&format!("workspaces/{ws}/offices")).await
    }

    async fn list(&self, path: &str) -> Vec<Value> {
        self.get_api(path)
            .await
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// One application by its 申込受付番号.
    pub async fn application(&self, ws: &str, number: &str) -> Value {
        self.get_api(&format!("workspaces/{ws}/applications/{number}"))
            .await
    }

    /// A decision of the NACCS center on an application (`POST …/review`): (status, answer).
    pub async fn review(&self, ws: &str, number: &str, body: Value) -> (u16, Value) {
        self.post_api(
            &format!("workspaces/{ws}/applications/{number}/review"),
            body,
        )
        .await
    }

    /// The NSS base URL of a workspace (`http://HOST:PORT/w/{id}/`).
    pub fn nss(&self, ws: &str) -> String {
        format!("{}/w/{ws}/", self.address)
    }

    /// A new browser (no cookies) on the workspace.
    pub fn browser(&self, ws: &str) -> Browser {
        Browser::new(&self.address, ws)
    }
}
