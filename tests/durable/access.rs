//! With a token, the simulator API and the operator pages require it; the NSS screens do not.
//! Session tokens are not derived from the seed.

use crate::client::{self, Nss};
use crate::support::{ephemeral, local};
use base64::Engine;
use nss_simulator::Settings;
use serde_json::Value;

#[tokio::test]
async fn the_api_and_the_pages_require_the_token_and_the_nss_does_not() {
    let st = ephemeral(Settings {
        api_token: Some("s3cret".into()),
        ..Settings::default()
    });
    let t = local(&st);
    let a = t.api("GET", "workspaces", Value::Null).await.unwrap();
    assert_eq!(a.status, 401);
    assert_eq!(a.json().unwrap()["error"], "unauthorized");
    assert!(a.headers.contains_key("www-authenticate"));
    let a = t.get("/_sim/").await.unwrap();
    assert_eq!(a.status, 401);
    assert!(a.text().contains("認証が必要です"));
    let bearer = [("authorization", "Bearer s3cret".to_string())];
    let a = t
        .send("GET", "/_sim/api/workspaces", &bearer, Vec::new())
        .await
        .unwrap();
    assert_eq!(a.status, 200);
    let basic = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode("trainer:s3cret")
    );
    let a = t
        .send("GET", "/_sim/", &[("authorization", basic)], Vec::new())
        .await
        .unwrap();
    assert_eq!(a.status, 200);
    // The NSS screens, as NSS has them.
    let mut b = Nss::new(&t, "default");
    b.base = "/".into();
    b.open("login/nsscoapp/").await.unwrap();
    assert_eq!((b.status, b.id()), (200, "login.form"));
    assert_eq!(t.get("/_health").await.unwrap().status, 200);
}

#[tokio::test]
async fn session_tokens_differ_for_the_same_seed_and_requests() {
    let mut cookies = Vec::new();
    for _ in 0..2 {
        let st = ephemeral(Settings::default());
        let t = local(&st);
        let ws = t.workspace(client::new_workspace(42)).await.unwrap();
        let mut b = Nss::new(&t, &ws);
        b.open("apply/").await.unwrap();
        let flow = b.form("システム利用規程に同意する", &[]).unwrap();
        cookies.push((b.cookie.clone().unwrap(), flow));
    }
    assert_ne!(cookies[0].0, cookies[1].0, "session tokens are not seeded");
    assert_eq!(
        cookies[0].1, cookies[1].1,
        "the forms (flow tokens) still are"
    );
    assert_eq!(cookies[0].0.len(), 32);
}
