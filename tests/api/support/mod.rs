//! The harness of the API tests: the kit's simulator handle and JSON browser
//! (`nss_simulator::kit`), with the in-process simulator's state for the tests that configure it
//! (the outbound relay). The manual's data is the kit's (`fixtures/kit/manual000.json`).

pub mod screen;
pub mod smtp;

/// The manuals' data of the kit, walked screen by screen (`nss_simulator::kit::manual`).
pub mod kit_data {
    pub use nss_simulator::kit::manual::kit;
}

pub use nss_simulator::kit::Browser;
pub use nss_simulator::kit::manual::{self, temp_credentials};
pub use nss_simulator::kit::sim::PUBLIC_BASE;

use nss_simulator::kit::Simulator;
use nss_simulator::state::AppState;
use serde_json::Value;
use std::ops::Deref;
use std::sync::Arc;

/// The real app on a free port of this process: the kit's [`Simulator`] (every API helper and
/// `browser`), and its state.
pub struct TestApp {
    sim: Simulator,
    pub state: Arc<AppState>,
}

impl Deref for TestApp {
    type Target = Simulator;

    fn deref(&self) -> &Simulator {
        &self.sim
    }
}

impl TestApp {
    /// Starts the real app on a free port, in memory, the mails linking to [`PUBLIC_BASE`].
    pub async fn spawn() -> TestApp {
        let state = nss_simulator::new_state(0, PUBLIC_BASE).expect("a fresh in-memory state");
        Self::spawn_on(state).await
    }

    /// Starts the real app on a free port over a state built by the test (another store).
    pub async fn spawn_on(state: Arc<AppState>) -> TestApp {
        let sim = Simulator::spawn_on(Arc::clone(&state)).await;
        TestApp { sim, state }
    }

    /// Retries fast and gives up soon, so that the delivery tests see retries and their bound
    /// in milliseconds: 3 attempts, 20 ms then 40 ms apart, a scan every 20 ms. An attempt may
    /// take 5 s, so that a loaded machine does not turn a slow answer into a retry.
    pub fn fast_outbound(&self) {
        self.fast_outbound_with_timeout(std::time::Duration::from_secs(5));
    }

    /// [`TestApp::fast_outbound`] with another time limit per attempt.
    pub fn fast_outbound_with_timeout(&self, timeout: std::time::Duration) {
        use nss_simulator::outbound::OutboundConfig;
        use nss_simulator::outbound::retry::RetryPolicy;
        use std::time::Duration;
        self.state.outbound.configure(OutboundConfig {
            retry: RetryPolicy {
                first_delay: Duration::from_millis(20),
                max_delay: Duration::from_millis(100),
                max_attempts: 3,
                timeout,
            },
            scan_interval: Duration::from_millis(20),
            ..OutboundConfig::new()
        });
    }

    /// PUT JSON to an API path.
    pub async fn put_api(&self, path: &str, body: Value) -> (u16, Value) {
        let r = self
            .api
            .put(format!("{}/_sim/api/{path}", self.address))
            .json(&body)
            .send()
            .await
            .expect("api put");
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    /// The raw RFC 5322 message of a mail, as `GET …/mails/{id}/raw` serves it.
    pub async fn raw_mail(&self, ws: &str, id: &Value) -> Vec<u8> {
        self.api
            .get(format!(
                "{}/_sim/api/workspaces/{ws}/mails/{id}/raw",
                self.address
            ))
            .send()
            .await
            .expect("raw")
            .bytes()
            .await
            .expect("body")
            .to_vec()
    }
}

/// Polls `probe` until it returns Some, for deliveries that happen in the background (real
/// time: an outside server answers when it answers). Fails the test after 10 s.
pub async fn eventually<T, F, Fut>(what: &str, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        if let Some(v) = probe().await {
            return v;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "still waiting after 10 s: {what}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
}
