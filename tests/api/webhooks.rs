//! Webhooks (issue 16) against wiremock stand-ins: every event posted once, in order, signed;
//! a 500 retried; a receiver that times out or redirects forever given up after the bound and
//! shown; the NSS screens never waiting for any of it.

use crate::support::{TestApp, eventually};
use hmac::{Hmac, KeyInit, Mac};
use nss_simulator::outbound::OutboundConfig;
use serde_json::{Value, json};
use sha2::Sha256;
use std::time::Duration;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const NOW: &str = "2018-11-27T16:30:00+09:00";

/// Registers a webhook through the API and returns its answer.
async fn add_webhook(app: &TestApp, ws: &str, body: Value) -> Value {
    let r = app
        .api
        .post(format!("{}/_sim/api/workspaces/{ws}/webhooks", app.address))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    r.json().await.unwrap()
}

/// The requests the stand-in got on `route`, as parsed JSON bodies with their request.
async fn posts(server: &MockServer, route: &str) -> Vec<(Value, Request)> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|r| r.url.path() == route)
        .map(|r| (serde_json::from_slice(&r.body).expect("a JSON body"), r))
        .collect()
}

fn header<'a>(r: &'a Request, name: &str) -> &'a str {
    r.headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("no {name} header"))
}

/// What a receiver does: HMAC-SHA256 of the body with the shared secret, compared in constant
/// time.
fn signature_ok(secret: &str, r: &Request) -> bool {
    let given = header(r, "X-NSS-Signature");
    let Some(hex) = given.strip_prefix("sha256=") else {
        return false;
    };
    let bytes: Vec<u8> = (0..hex.len())
        .step_by(2)
        .filter_map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect();
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(&r.body);
    mac.verify_slice(&bytes).is_ok()
}

/// The hook's log once its last entry satisfies `done`.
async fn log_until(
    app: &TestApp,
    ws: &str,
    hook: usize,
    done: impl Fn(&[Value]) -> bool,
) -> Vec<Value> {
    eventually(&format!("webhook {hook} log of {ws}"), || async {
        let hooks = app.get_api(&format!("workspaces/{ws}/webhooks")).await;
        let log = hooks[hook]["log"].as_array().cloned().unwrap_or_default();
        done(&log).then_some(log)
    })
    .await
}

#[tokio::test]
async fn every_event_reaches_the_webhook_once_in_order_and_signed() {
    let app = TestApp::spawn().await;
    app.fast_outbound();
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/nss"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let ws = app.workspace_named("hooks", 2018, NOW).await;
    let hook = add_webhook(&app, &ws, json!({"url": format!("{}/nss", server.uri())})).await;
    let secret = hook["secret"].as_str().unwrap().to_string();
    assert_eq!(secret.len(), 32, "a generated secret");

    // Registration (2 mails), then the center approves (2 mails: manual 000 pays by 口座振替)
    // and issues the certificates.
    app.registered_application(&ws).await;
    let number = app.get_api(&format!("workspaces/{ws}/applications")).await[0]["reception_number"]
        .as_str()
        .unwrap()
        .to_string();
    for decision in ["approve", "issue_certificates"] {
        let (status, v) = app
            .post_api(
                &format!("workspaces/{ws}/applications/{number}/review"),
                json!({"decision": decision}),
            )
            .await;
        assert_eq!(status, 200, "{v}");
    }

    let events = app.get_api(&format!("workspaces/{ws}/events")).await;
    let events = events.as_array().unwrap().clone();
    let types: Vec<&str> = events.iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert_eq!(
        types,
        [
            "mail.sent",
            "mail.sent",
            "application.filed",
            "application.reviewed",
            "application.status_changed",
            "mail.sent",
            "mail.sent",
            "application.reviewed",
            "mail.sent",
        ]
    );
    let kinds: Vec<&str> = events
        .iter()
        .filter_map(|e| e["data"]["kind"].as_str())
        .collect();
    assert_eq!(
        kinds,
        [
            "temp_account_registered",
            "application_received",
            "new",
            "application_confirmed",
            "account_transfer_form",
            "certificate_issued"
        ]
    );
    assert_eq!(events[2]["data"]["filer"]["kind"], "temp");
    assert_eq!(events[4]["data"]["label"], "審査終了");
    assert_eq!(events[3]["data"]["decision"], "approve");

    let got = eventually("every event posted", || async {
        let got = posts(&server, "/nss").await;
        (got.len() >= events.len()).then_some(got)
    })
    .await;
    assert_eq!(got.len(), events.len(), "no duplicate");
    for ((body, request), event) in got.iter().zip(&events) {
        // The body is the event as GET …/events lists it, with the workspace.
        let mut expected = event.clone();
        expected["workspace"] = json!(ws);
        assert_eq!(body, &expected);
        assert_eq!(header(request, "X-NSS-Event-Id"), event["id"].to_string());
        assert_eq!(
            header(request, "X-NSS-Event-Type"),
            event["type"].as_str().unwrap()
        );
        assert_eq!(header(request, "X-NSS-Delivery-Attempt"), "1");
        assert!(
            signature_ok(&secret, request),
            "signature of event {}",
            event["id"]
        );
        assert!(!signature_ok("another secret", request));
    }
    let hooks = app.get_api(&format!("workspaces/{ws}/webhooks")).await;
    assert_eq!(hooks[0]["delivered_through"], events.last().unwrap()["id"]);
    assert_eq!(hooks[0]["waiting"], 0);
}

#[tokio::test]
async fn a_500_is_retried_and_an_acknowledged_event_never_posted_again() {
    let app = TestApp::spawn().await;
    app.fast_outbound();
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200))
        .with_priority(2)
        .mount(&server)
        .await;
    let ws = app.workspace_named("retry", 2018, NOW).await;
    add_webhook(&app, &ws, json!({"url": server.uri(), "secret": "s3cret"})).await;

    let mut b = app.browser(&ws);
    b.register_temp_account(&app, &ws).await;
    let log = log_until(&app, &ws, 0, |log| {
        log.iter().any(|a| a["outcome"] == "delivered")
    })
    .await;
    assert_eq!(log.len(), 2, "{log:?}");
    assert_eq!(
        (log[0]["outcome"].as_str(), log[0]["status"].as_u64()),
        (Some("retrying"), Some(500))
    );
    assert_eq!(log[0]["error"], "HTTP 500 Internal Server Error");
    assert_eq!(
        (log[1]["outcome"].as_str(), log[1]["attempt"].as_u64()),
        (Some("delivered"), Some(2))
    );

    // A later event goes out after it; the acknowledged one is not posted again.
    let mut b2 = app.browser(&ws);
    b2.register_temp_account(&app, &ws).await;
    log_until(&app, &ws, 0, |log| log.len() == 3).await;
    let got = posts(&server, "/").await;
    let ids: Vec<(u64, &str)> = got
        .iter()
        .map(|(body, r)| {
            (
                body["id"].as_u64().unwrap(),
                header(r, "X-NSS-Delivery-Attempt"),
            )
        })
        .collect();
    assert_eq!(ids, [(1, "1"), (1, "2"), (2, "1")]);
    assert!(got.iter().all(|(_, r)| signature_ok("s3cret", r)));
}

#[tokio::test]
async fn a_receiver_that_times_out_or_redirects_forever_is_given_up_visibly() {
    let app = TestApp::spawn().await;
    app.fast_outbound_with_timeout(Duration::from_millis(300));
    let server = MockServer::start().await;
    Mock::given(path("/slow"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(30)))
        .mount(&server)
        .await;
    Mock::given(path("/loop"))
        .respond_with(
            ResponseTemplate::new(302).insert_header("Location", format!("{}/loop", server.uri())),
        )
        .mount(&server)
        .await;
    let ws = app.workspace_named("bad-hooks", 2018, NOW).await;
    add_webhook(&app, &ws, json!({"url": format!("{}/slow", server.uri())})).await;
    add_webhook(&app, &ws, json!({"url": format!("{}/loop", server.uri())})).await;

    // The screens do not wait for the receivers.
    let started = std::time::Instant::now();
    let mut b = app.browser(&ws);
    b.register_temp_account(&app, &ws).await;
    assert_eq!(b.id(), "temp_account.complete");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );

    let gave_up = |log: &[Value]| log.last().is_some_and(|a| a["outcome"] == "gave_up");
    let slow = log_until(&app, &ws, 0, gave_up).await;
    assert_eq!(slow.len(), 3, "the bound of fast_outbound: {slow:?}");
    assert!(
        slow.iter()
            .all(|a| a["error"].as_str().unwrap().starts_with("no answer within")),
        "{slow:?}"
    );
    let looping = log_until(&app, &ws, 1, gave_up).await;
    assert_eq!(looping.len(), 3, "{looping:?}");
    assert!(
        looping
            .iter()
            .all(|a| a["error"] == "more than 5 redirects"),
        "{looping:?}"
    );
    // The cursor went past the event: nothing waits, and the event is still listed.
    let hooks = app.get_api(&format!("workspaces/{ws}/webhooks")).await;
    assert_eq!(hooks[0]["waiting"], 0);
    assert_eq!(
        app.get_api(&format!("workspaces/{ws}/events"))
            .await
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // The trainer sees it on the mailbox page.
    let page = app.page(&format!("/_sim/mail/{ws}/")).await;
    assert!(
        page.contains("Webhook 配信ログ") && page.contains("配信失敗"),
        "{page}"
    );
    assert!(page.contains("more than 5 redirects"), "{page}");
}

#[tokio::test]
async fn the_automatic_review_reports_its_deadline_then_its_answer() {
    let app = TestApp::spawn().await;
    let ws = app.workspace_named("auto", 2018, NOW).await;
    let (status, _) = app
        .post_api(
            &format!("workspaces/{ws}/review-policy"),
            json!({"mode": "auto", "delay": "PT1H"}),
        )
        .await;
    assert_eq!(status, 200);
    app.registered_application(&ws).await;
    app.advance(&ws, "PT2H").await;
    let events = app.get_api(&format!("workspaces/{ws}/events")).await;
    let types: Vec<&str> = events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        &types[2..6],
        [
            "application.filed",
            "deadline.fired",
            "application.reviewed",
            "application.status_changed"
        ]
    );
    let fired = &events[3];
    assert_eq!(fired["data"]["deadline"], "auto_review");
    // Stamped when it was due, on the workspace clock.
    assert_eq!(fired["at"], fired["data"]["due_at"]);
    let ids: Vec<u64> = events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, (1..=ids.len() as u64).collect::<Vec<_>>());
}

#[tokio::test]
async fn a_simulator_wide_webhook_gets_every_workspace_with_its_secret() {
    let app = TestApp::spawn().await;
    app.fast_outbound();
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let config = app.state.outbound.config();
    app.state.outbound.configure(OutboundConfig {
        webhooks: vec![format!("{}/all", server.uri())],
        webhook_secret: Some("shared".into()),
        ..config
    });
    // A fixture's history counts: the simulator-wide receiver sees it all.
    let (status, _) = app
        .post_api(
            "workspaces",
            json!({"id": "fx", "seed": 2018, "fixture": "registered"}),
        )
        .await;
    assert_eq!(status, 201);
    let events = app
        .get_api("workspaces/fx/events")
        .await
        .as_array()
        .unwrap()
        .len();
    assert!(events >= 2);
    let got = eventually("the fixture's events", || async {
        let got = posts(&server, "/all").await;
        (got.len() >= events).then_some(got)
    })
    .await;
    assert!(
        got.iter()
            .all(|(body, r)| body["workspace"] == "fx" && signature_ok("shared", r))
    );
    let hooks = app.get_api("workspaces/fx/webhooks").await;
    assert_eq!(hooks[0]["origin"], "simulator");
}

#[tokio::test]
async fn bad_webhook_requests_are_refused_and_deleted_hooks_stop() {
    let app = TestApp::spawn().await;
    let ws = app.workspace_named("api", 1, NOW).await;
    for bad in [
        json!({"url": "ftp://x/"}),
        json!({"url": "not a url"}),
        json!({"url": "http://127.0.0.1:9/", "secret": ""}),
        json!({"href": "http://x/"}),
    ] {
        let (status, v) = app
            .post_api(&format!("workspaces/{ws}/webhooks"), bad.clone())
            .await;
        assert_eq!(status, 400, "{bad}: {v}");
    }
    let hook = add_webhook(&app, &ws, json!({"url": "http://127.0.0.1:9/"})).await;
    let url = format!(
        "{}/_sim/api/workspaces/{ws}/webhooks/{}",
        app.address, hook["id"]
    );
    assert_eq!(app.api.delete(&url).send().await.unwrap().status(), 204);
    assert_eq!(app.api.delete(&url).send().await.unwrap().status(), 404);
    assert_eq!(
        app.get_api(&format!("workspaces/{ws}/webhooks")).await,
        json!([])
    );
}

#[tokio::test]
async fn a_reset_keeps_the_webhooks_and_numbers_the_events_on() {
    let app = TestApp::spawn().await;
    let (status, _) = app
        .post_api(
            "workspaces",
            json!({"id": "rs", "seed": 2018, "fixture": "registered"}),
        )
        .await;
    assert_eq!(status, 201);
    add_webhook(&app, "rs", json!({"url": "http://127.0.0.1:9/"})).await;
    let (status, _) = app
        .put_api("workspaces/rs/smtp", json!({"url": "smtp://127.0.0.1:9"}))
        .await;
    assert_eq!(status, 200);
    let (status, _) = app.post_api("workspaces/rs/reset", json!({})).await;
    assert_eq!(status, 200);
    // The replayed fixture's two mails and its registration are events 4 to 6: no id is used
    // twice.
    let events = app.get_api("workspaces/rs/events").await;
    let ids: Vec<u64> = events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, [1, 2, 3, 4, 5, 6]);
    assert_eq!(app.mails("rs").await.len(), 2, "the mails start again");
    assert_eq!(
        app.get_api("workspaces/rs/webhooks")
            .await
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        app.get_api("workspaces/rs/smtp").await["url"],
        "smtp://127.0.0.1:9"
    );
}
