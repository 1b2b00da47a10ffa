//! A store that fails (a damaged or locked database) is answered, never a panic: the NSS screens
//! with a Japanese error screen, the API with its JSON error, the pages with a Japanese page; the
//! other workspaces keep working and the lists leave the failing one out.

use crate::support::{PUBLIC_BASE, TestApp};
use nss_simulator::store::{MemoryStore, Store, StoreError};
use nss_simulator::workspace::Workspace;
use serde_json::Value;
use std::sync::Arc;

/// A memory store in which workspace `broken` reads as corrupt and `busy` as locked by another
/// process, as a durable store's workspaces can.
struct FailingStore(MemoryStore);

fn failure(id: &str) -> Option<StoreError> {
    match id {
        "broken" => Some(StoreError::Corrupt {
            id: Some(id.to_string()),
            detail: "row 3 does not decode".to_string(),
        }),
        "busy" => Some(StoreError::Locked("database is locked".to_string())),
        _ => None,
    }
}

impl Store for FailingStore {
    fn create(&self, workspace: Workspace) -> Result<(), StoreError> {
        self.0.create(workspace)
    }
    fn ids(&self) -> Result<Vec<String>, StoreError> {
        let mut ids = self.0.ids()?;
        ids.extend(["broken".to_string(), "busy".to_string()]);
        ids.sort();
        Ok(ids)
    }
    fn delete(&self, id: &str) -> Result<(), StoreError> {
        failure(id).map_or_else(|| self.0.delete(id), Err)
    }
    fn with(&self, id: &str, f: &mut dyn FnMut(&mut Workspace)) -> Result<(), StoreError> {
        failure(id).map_or_else(|| self.0.with(id, f), Err)
    }
}

async fn spawn() -> TestApp {
    let store = Arc::new(FailingStore(MemoryStore::new()));
    let state = nss_simulator::open_state(store, 0, PUBLIC_BASE).expect("the state opens");
    TestApp::spawn_on(state).await
}

async fn get(app: &TestApp, path: &str) -> (u16, String) {
    let r = app
        .api
        .get(format!("{}{path}", app.address))
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

const SCREEN_MESSAGE: &str = "システムでエラーが発生したため、処理を完了できませんでした。しばらくしてから、もう一度操作してください。";
const PAGE_MESSAGE: &str =
    "ワークスペースを読み書きできませんでした。しばらくしてから、もう一度操作してください。";

#[tokio::test]
async fn nss_screens_answer_a_failing_store_with_a_japanese_error_screen() {
    let app = spawn().await;
    for (ws, status) in [("broken", 500), ("busy", 503)] {
        let mut b = app.browser(ws);
        b.open("login/nsscoapp/").await;
        assert_eq!((b.status, b.id()), (status, "error.store"), "{ws}");
        assert_eq!(b.errors(), [SCREEN_MESSAGE]);
        let (s, html) = get(&app, &format!("/w/{ws}/login/nsscoapp/")).await;
        assert_eq!(s, status);
        assert!(html.contains(SCREEN_MESSAGE), "{html}");
        assert!(!html.contains("row 3"), "the cause is logged, not shown");
    }
    // The default workspace is served as ever.
    let mut b = app.browser("default");
    b.base = "/".to_string();
    b.open("login/nsscoapp/").await;
    assert_eq!((b.status, b.id()), (200, "login.form"));
}

#[tokio::test]
async fn the_api_answers_a_failing_store_with_a_json_error() {
    let app = spawn().await;
    for (ws, status, code, detail) in [
        (
            "broken",
            500,
            "store_failed",
            "stored workspace broken is corrupt",
        ),
        ("busy", 503, "store_busy", "locked by another process"),
    ] {
        for path in ["", "/clock", "/mails", "/applications", "/review-policy"] {
            let (s, body) = get(&app, &format!("/_sim/api/workspaces/{ws}{path}")).await;
            let v: Value = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}"));
            assert_eq!((s, v["error"].as_str()), (status, Some(code)), "{ws}{path}");
            assert!(v["detail"].as_str().unwrap().contains(detail), "{v}");
        }
        let (s, _) = app
            .post_api(&format!("workspaces/{ws}/reset"), serde_json::json!({}))
            .await;
        assert_eq!(s, status);
    }
    // The list leaves them out; everything else works.
    let all = app.get_api("workspaces").await;
    let ids: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["default"]);
    let (s, v) = app.post_api("workspaces", serde_json::json!({})).await;
    assert_eq!((s, v["id"].as_str()), (201, Some("ws1")));
}

#[tokio::test]
async fn pages_answer_a_failing_store_in_japanese() {
    let app = spawn().await;
    for (ws, status) in [("broken", 500), ("busy", 503)] {
        for path in [
            format!("/_sim/mail/{ws}/"),
            format!("/_sim/mail/{ws}/1"),
            format!("/_sim/journal/{ws}/"),
            format!("/_sim/console/{ws}/"),
            format!("/_sim/console/{ws}/1830304A"),
        ] {
            let (s, page) = get(&app, &path).await;
            assert_eq!(s, status, "{path}");
            assert!(page.contains(PAGE_MESSAGE), "{path}: {page}");
        }
    }
    let (s, page) = get(&app, "/_sim/").await;
    assert_eq!(s, 200);
    assert!(
        page.contains("default") && !page.contains(">broken<"),
        "{page}"
    );
}
