//! `GET /_sim/api/screens`: every screen with its title, fields, buttons, procedure and manual step.

use crate::procedures::catalogue::{self, catalogue};
use crate::procedures::registry;
use axum::Json;
use serde_json::{Value, json};

pub async fn screens() -> Json<Value> {
    let all: Vec<Value> = catalogue()
        .iter()
        .map(|s| {
            let doc: Value =
                serde_json::from_str(&crate::screen::json::to_json(s)).unwrap_or(Value::Null);
            let (procedure, manual) = catalogue::manual_step(s.id).unwrap_or(("", ""));
            let path = registry::screen(s.id).map(|d| d.path);
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
