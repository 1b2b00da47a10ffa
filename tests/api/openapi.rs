//! The OpenAPI document at `/_sim/api/openapi.json`: valid JSON, and every call it documents
//! exists (answers something other than the API's "no such call" and 405).

use crate::support::TestApp;
use serde_json::{Value, json};

#[tokio::test]
async fn every_documented_call_exists() {
    let app = TestApp::spawn().await;
    let doc = app.get_api("openapi.json").await;
    assert_eq!(doc["openapi"], "3.1.0");
    app.post_api(
        "workspaces",
        json!({"id": "o", "seed": 1, "fixture": "approved"}),
    )
    .await;
    app.post_api("workspaces", json!({"id": "gone"})).await;
    let apps = app.get_api("workspaces/o/applications").await;
    let number = apps[0]["reception_number"].as_str().unwrap().to_string();
    let paths = doc["paths"].as_object().expect("paths");
    let mut calls = 0;
    for (path, item) in paths {
        for (method, op) in item.as_object().unwrap() {
            if method == "parameters" {
                continue;
            }
            let ws = if method == "delete" { "gone" } else { "o" };
            let url = format!(
                "{}/_sim/api{}",
                app.address,
                path.replace("{id}", ws)
                    .replace("{number}", &number)
                    .replace("{mail_id}", "1")
                    .replace("{hook_id}", "1")
            );
            let example: Value =
                op["requestBody"]["content"]["application/json"]["example"].clone();
            let req = match method.as_str() {
                "get" => app.api.get(&url),
                "delete" => app.api.delete(&url),
                "post" => app.api.post(&url).json(if example.is_null() {
                    &Value::Null
                } else {
                    &example
                }),
                "put" => app.api.put(&url).json(&example),
                other => panic!("unexpected method {other} for {path}"),
            };
            let r = req.send().await.unwrap();
            let status = r.status().as_u16();
            let text = r.text().await.unwrap();
            assert_ne!(status, 405, "{method} {path}");
            assert!(
                !text.contains("no such API call"),
                "{method} {path} is documented but not routed: {status} {text}"
            );
            assert!(status < 500, "{method} {path}: {status}");
            calls += 1;
        }
    }
    assert_eq!(calls, 25, "documented calls");
}
