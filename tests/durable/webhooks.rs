//! Webhooks across a restart (issue 16): an event a receiver acknowledged before the simulator
//! stopped is never posted again by the simulator that starts on the same data directory, and
//! the events that came after the restart follow in order, each once.

use crate::client::{self, Nss, Transport};
use crate::support::{durable, local};
use nss_simulator::Settings;
use nss_simulator::outbound::OutboundConfig;
use nss_simulator::outbound::retry::RetryPolicy;
use nss_simulator::state::AppState;
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Duration;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A durable simulator whose dispatcher runs and retries quickly.
fn started(dir: &std::path::Path) -> (Arc<AppState>, tokio::task::JoinHandle<()>) {
    let st = durable(dir, Settings::default());
    st.outbound.configure(OutboundConfig {
        retry: RetryPolicy {
            first_delay: Duration::from_millis(20),
            max_delay: Duration::from_millis(100),
            max_attempts: 3,
            timeout: Duration::from_secs(5),
        },
        scan_interval: Duration::from_millis(20),
        ..OutboundConfig::new()
    });
    let dispatcher = nss_simulator::outbound::dispatcher::spawn(Arc::clone(&st));
    (st, dispatcher)
}

/// Polls until `probe` answers, for at most 10 s of real time (deliveries are real-time work).
async fn eventually<T, F, Fut>(what: &str, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(v) = probe().await {
            return v;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "still waiting after 10 s: {what}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

async fn get(t: &Transport, path: &str) -> Value {
    let a = t.api("GET", path, Value::Null).await.expect("the API");
    assert_eq!(a.status, 200, "GET {path}: {}", a.text());
    a.json().expect("JSON")
}

/// The ids of the workspace's events, once its webhook has delivered every one of them.
async fn all_delivered(t: &Transport, ws: &str) -> Vec<u64> {
    eventually("every event delivered", || async {
        let events = get(t, &format!("workspaces/{ws}/events")).await;
        let ids: Vec<u64> = events
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_u64().unwrap())
            .collect();
        let hooks = get(t, &format!("workspaces/{ws}/webhooks")).await;
        let done = !ids.is_empty()
            && hooks[0]["waiting"] == 0
            && hooks[0]["delivered_through"] == json!(ids.last());
        done.then_some(ids)
    })
    .await
}

/// The event ids the receiver got, in the order it got them.
async fn received(server: &MockServer) -> Vec<u64> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .map(|r| {
            let body: Value = serde_json::from_slice(&r.body).expect("a JSON body");
            body["id"].as_u64().expect("an event id")
        })
        .collect()
}

/// Stops a simulator: its dispatcher first, then every handle on the store, so that its folder
/// finishes and unlocks the directory.
async fn stop(st: Arc<AppState>, t: Transport, dispatcher: tokio::task::JoinHandle<()>) {
    dispatcher.abort();
    let _ = dispatcher.await;
    drop(t);
    // A delivery task drops its handle just after recording its outcome.
    eventually("the delivery tasks gone", || {
        let alone = Arc::strong_count(&st) == 1;
        async move { alone.then_some(()) }
    })
    .await;
    drop(st);
}

#[tokio::test]
async fn an_acknowledged_event_is_not_posted_again_after_a_restart() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let dir = tempfile::tempdir().unwrap();

    let (st, dispatcher) = started(dir.path());
    let t = local(&st);
    t.workspace(json!({"id": "hooks", "seed": 7, "now": client::NOW}))
        .await
        .expect("workspace");
    let a = t
        .api(
            "POST",
            "workspaces/hooks/webhooks",
            json!({"url": server.uri(), "secret": "s3cret"}),
        )
        .await
        .unwrap();
    assert_eq!(a.status, 201, "{}", a.text());
    // Manual 000's P1: the 仮アカウント登録完了 mail is an event.
    client::temp_account(&mut Nss::new(&t, "hooks"), 1)
        .await
        .expect("P1");
    let before = all_delivered(&t, "hooks").await;
    assert_eq!(received(&server).await, before, "each event once, in order");
    stop(st, t, dispatcher).await;

    let (st, dispatcher) = started(dir.path());
    let t = local(&st);
    let hooks = get(&t, "workspaces/hooks/webhooks").await;
    assert_eq!(
        hooks[0]["delivered_through"],
        json!(before.last()),
        "the cursor survived the restart"
    );
    // Something new after the restart: a second registration. The dispatcher goes through the
    // events in order, so once the last one is delivered any repeat of an old one would have
    // been posted before it.
    client::temp_account(&mut Nss::new(&t, "hooks"), 2)
        .await
        .expect("P1 again");
    let after = all_delivered(&t, "hooks").await;
    assert!(after.len() > before.len(), "new events after the restart");
    assert_eq!(&after[..before.len()], &before[..]);
    assert_eq!(
        received(&server).await,
        after,
        "every event posted exactly once across the restart"
    );
    let log = get(&t, "workspaces/hooks/webhooks").await[0]["log"].clone();
    assert!(
        log.as_array()
            .unwrap()
            .iter()
            .all(|a| a["outcome"] == "delivered"),
        "{log}"
    );
    stop(st, t, dispatcher).await;
}
