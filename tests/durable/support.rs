//! Simulators over a durable store in a temporary directory, in process, that can be restarted.

#![allow(dead_code)]

use crate::client::Transport;
use nss_simulator::state::AppState;
use nss_simulator::store::{SqliteStore, SyncMode};
use nss_simulator::{Settings, open_state_with};
use serde_json::Value;
use std::path::Path;
use std::sync::Arc;

/// The public base URL of every test simulator (mails do not depend on a port).
pub const PUBLIC_BASE: &str = "http://127.0.0.1:8080/";

/// A state over the store in `dir`.
pub fn durable(dir: &Path, settings: Settings) -> Arc<AppState> {
    let store = SqliteStore::open(dir, SyncMode::Normal).expect("the store opens");
    open_state_with(Arc::new(store), 0, PUBLIC_BASE, settings).expect("the state opens")
}

/// A state in memory.
pub fn ephemeral(settings: Settings) -> Arc<AppState> {
    let store = nss_simulator::store::MemoryStore::new();
    open_state_with(Arc::new(store), 0, PUBLIC_BASE, settings).expect("the state opens")
}

/// The whole app over `state`, in process.
pub fn local(state: &Arc<AppState>) -> Transport {
    Transport::Local(nss_simulator::app(Arc::clone(state)))
}

/// Everything the API tells of a workspace, and every mail as sent (RFC 5322 bytes).
pub async fn view(t: &Transport, ws: &str) -> Value {
    let mut out = serde_json::Map::new();
    for part in [
        "",
        "/clock",
        "/mails",
        "/journal",
        "/applications",
        "/review-policy",
        // Seeds the customers if nothing had (the same on both sides of every comparison):
        // stored as "seeded" while unchanged, whole once changed.
        "/offices",
    ] {
        let a = t
            .api("GET", &format!("workspaces/{ws}{part}"), Value::Null)
            .await
            .expect("the API answers");
        assert_eq!(a.status, 200, "GET {ws}{part}: {}", a.text());
        out.insert(part.to_string(), a.json().expect("JSON"));
    }
    // A clock that follows real time reads differently a moment later: its reading is left out.
    if out["/clock"]["frozen"] == false {
        for part in ["", "/clock"] {
            if let Some(o) = out.get_mut(part).and_then(Value::as_object_mut) {
                o.remove("now");
            }
        }
    }
    let mails = out["/mails"].as_array().cloned().unwrap_or_default();
    let mut raw = Vec::new();
    for m in mails {
        let a = t
            .get(&format!("/_sim/api/workspaces/{ws}/mails/{}/raw", m["id"]))
            .await
            .expect("raw mail");
        raw.push(Value::String(a.text()));
    }
    out.insert("raw".into(), Value::Array(raw));
    Value::Object(out)
}
