//! The API answers every error with its JSON body `{"error", "detail"}` (contract §5), also where
//! axum would answer plain text: a method a call does not take, a path segment that is not
//! UTF-8, a body too large to read. The NSS screens and the operator pages answer an
//! undecodable path with their own Japanese not-found answer.

use crate::support::TestApp;
use reqwest::Method;
use serde_json::{Value, json};

/// Sends a request and returns the status, the content type and the body read as JSON.
async fn call(
    app: &TestApp,
    method: Method,
    path: &str,
    body: Option<Vec<u8>>,
) -> (u16, String, Value) {
    let mut req = app
        .api
        .request(method, format!("{}/_sim/api/{path}", app.address));
    if let Some(body) = body {
        req = req.header("content-type", "application/json").body(body);
    }
    let r = req.send().await.unwrap();
    let status = r.status().as_u16();
    let ctype = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let text = r.text().await.unwrap();
    let v = serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"));
    (status, ctype, v)
}

fn json_error(status: u16, ctype: &str, v: &Value, code: &str) {
    assert!(ctype.starts_with("application/json"), "{ctype}");
    assert_eq!(v["error"], code, "{v}");
    assert!(v["detail"].as_str().is_some_and(|d| !d.is_empty()), "{v}");
    assert!((400..500).contains(&status), "{status} {v}");
}

#[tokio::test]
async fn a_method_a_call_does_not_take_is_a_json_405() {
    let app = TestApp::spawn().await;
    app.workspace_named("m", 1, "2018-11-27T16:30:00+09:00")
        .await;
    for (method, path) in [
        (Method::PUT, "workspaces"),
        (Method::DELETE, "workspaces"),
        (Method::POST, "workspaces/m"),
        (Method::DELETE, "workspaces/m/clock"),
        (Method::PATCH, "workspaces/m/review-policy"),
        (Method::POST, "screens"),
        (Method::GET, "workspaces/m/reset"),
    ] {
        let r = app
            .api
            .request(method.clone(), format!("{}/_sim/api/{path}", app.address))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 405, "{method} {path}");
        assert!(
            r.headers().contains_key("allow"),
            "{method} {path}: Allow kept"
        );
        let (status, ctype, v) = call(&app, method.clone(), path, None).await;
        assert_eq!(status, 405);
        json_error(status, &ctype, &v, "method_not_allowed");
    }
    // The workspace is untouched and the call itself still works.
    assert_eq!(app.get_api("workspaces/m").await["id"], "m");
}

#[tokio::test]
async fn a_path_segment_that_is_not_utf8_is_a_json_400() {
    let app = TestApp::spawn().await;
    app.workspace_named("u", 1, "2018-11-27T16:30:00+09:00")
        .await;
    for (method, path) in [
        (Method::GET, "workspaces/%FF"),
        (Method::DELETE, "workspaces/%C3%28"),
        (Method::GET, "workspaces/%FF/clock"),
        (Method::POST, "workspaces/%FE/reset"),
        (Method::GET, "workspaces/u/mails/%FF/raw"),
        (Method::GET, "workspaces/u/applications/%80"),
        (Method::GET, "workspaces/%FF/review-policy"),
    ] {
        let (status, ctype, v) = call(&app, method.clone(), path, None).await;
        assert_eq!(status, 400, "{method} {path}: {v}");
        json_error(status, &ctype, &v, "bad_request");
    }
    assert_eq!(app.get_api("workspaces/u").await["id"], "u");
}

#[tokio::test]
async fn a_body_too_large_is_a_json_413() {
    let app = TestApp::spawn().await;
    app.workspace_named("b", 1, "2018-11-27T16:30:00+09:00")
        .await;
    // axum's default limit is 2 MiB; a JSON string value of 3 MiB passes it.
    let big = format!(r#"{{"advance": "{}"}}"#, "P".repeat(3 << 20)).into_bytes();
    for path in [
        "workspaces",
        "workspaces/b/clock",
        "workspaces/b/review-policy",
    ] {
        let (status, ctype, v) = call(&app, Method::POST, path, Some(big.clone())).await;
        assert_eq!(status, 413, "{path}: {v}");
        json_error(status, &ctype, &v, "payload_too_large");
    }
    let (s, _) = app
        .post_api("workspaces/b/clock", json!({"advance": "PT1H"}))
        .await;
    assert_eq!(s, 200);
}

#[tokio::test]
async fn screens_and_pages_answer_an_undecodable_path_in_japanese() {
    let app = TestApp::spawn().await;
    for path in [
        "/w/%FF/login/nsscoapp/",
        "/w/%FF/",
        "/%FF/x",
        "/w/ok/%C3%28",
    ] {
        let mut b = app.browser("default");
        b.base = String::new();
        b.open(path).await;
        assert_eq!((b.status, b.id()), (404, "error.not_found"), "{path}");
        assert_eq!(b.errors(), ["指定されたページは存在しません。"], "{path}");
        let html = app.page(path).await;
        assert!(
            html.contains("指定されたページは存在しません。"),
            "{path}: {html}"
        );
    }
    for path in [
        "/_sim/mail/%FF/",
        "/_sim/mail/default/%FF",
        "/_sim/journal/%FF/",
        "/_sim/console/%FF/",
        "/_sim/console/default/%FF",
    ] {
        let r = app
            .api
            .get(format!("{}{path}", app.address))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "{path}");
        let page = r.text().await.unwrap();
        assert!(
            page.contains("指定されたページは存在しません。"),
            "{path}: {page}"
        );
    }
}
