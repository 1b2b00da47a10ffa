//! `GET /_sim/api/screens`: every screen with its title, fields, buttons, procedure and manual step.

use crate::procedures::{FLOW, MANUAL_STEPS, catalogue};
use axum::Json;
use serde_json::{Value, json};

pub async fn screens() -> Json<Value> {
    let all: Vec<Value> = catalogue()
        .iter()
        .map(|s| {
            let doc: Value =
                serde_json::from_str(&crate::screen::json::to_json(s)).unwrap_or(Value::Null);
            let (procedure, manual) = MANUAL_STEPS
                .iter()
                .find(|(id, _, _)| *id == s.id)
                .map(|(_, p, m)| (*p, *m))
                .unwrap_or(("", ""));
            let path = FLOW
                .iter()
                .find(|(_, _, id)| *id == s.id)
                .map(|(_, p, _)| *p);
            json!({
                "id": s.id,
                "title": s.title,
                "procedure": procedure,
                "manual": manual,
                "path": path,
                "fields": doc["forms"].get(0).map(|f| f["fields"].clone()).unwrap_or(json!([])),
                "buttons": doc["forms"].get(0).map(|f| f["buttons"].clone()).unwrap_or(json!([])),
            })
        })
        .collect();
    Json(json!(all))
}
