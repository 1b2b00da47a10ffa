//! A restart brings back every workspace exactly: clock, generators, accounts, the sessions of
//! browsers half-way through a procedure, applications, mails and journal; and what is done
//! after the restart is what the same requests give a simulator that never stopped.

use crate::client::{self, Nss, Transport};
use crate::support::{durable, ephemeral, local, view};
use nss_simulator::Settings;
use serde_json::{Value, json};

/// P1, then P2 up to 申込内容 確認, in workspace `ws` of `t`; answers the browser.
async fn half_way(t: &Transport, ws: &str, n: usize) -> Nss {
    let mut b = Nss::new(t, ws);
    client::temp_account(&mut b, n).await.expect("P1");
    let mails = t.mails(ws).await.expect("mails");
    let (id, pw) = client::temp_credentials(mails.last().expect("a mail")).expect("credentials");
    client::application_to_confirm(&mut b, &id, &pw)
        .await
        .expect("P2 to the confirm screen");
    b
}

/// The same history in both simulators: two workspaces half-way, one from a preset, a clock
/// moved, the automatic review policy set.
async fn history(t: &Transport) -> Nss {
    t.workspace(json!({"id": "a", "seed": 7, "now": client::NOW}))
        .await
        .expect("a");
    t.workspace(json!({"id": "fx", "fixture": "clarification"}))
        .await
        .expect("fx");
    let b = half_way(t, "a", 1).await;
    let a = t
        .api("POST", "workspaces/a/clock", json!({"advance": "PT1H"}))
        .await
        .unwrap();
    assert_eq!(a.status, 200);
    let a = t
        .api(
            "POST",
            "workspaces/fx/review-policy",
            json!({"mode": "auto", "delay": "PT2H"}),
        )
        .await
        .unwrap();
    assert_eq!(a.status, 200, "{}", a.text());
    b
}

#[tokio::test]
async fn a_restart_brings_back_every_workspace_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let st = durable(dir.path(), Settings::default());
    let t = local(&st);
    let mut b = history(&t).await;
    let confirm = b.screen.clone();
    let path = format!("{}app/confirm", b.base);
    let mut before = Vec::new();
    for ws in ["default", "a", "fx"] {
        before.push(view(&t, ws).await);
    }
    // Stopped: every handle on the store goes, which lets its folder finish and unlock the
    // directory.
    b.t = Transport::Tcp(reqwest::Client::new(), String::new());
    drop(t);
    drop(st);

    let st = durable(dir.path(), Settings::default());
    let t = local(&st);
    b.t = t.clone();
    for (ws, before) in ["default", "a", "fx"].iter().zip(&before) {
        assert_eq!(
            &view(&t, ws).await,
            before,
            "workspace {ws} after the restart"
        );
    }
    // The browser's session is back where it stood: the same screen, the same flow token.
    b.request("GET", &path, Vec::new()).await.unwrap();
    assert_eq!(b.id(), "new_application.confirm");
    assert_eq!(b.screen, confirm, "the confirm screen after the restart");
    b.step("申込内容を登録する", &[], "new_application.complete")
        .await
        .expect("registered after the restart");
    // The next values drawn (reception number, passwords, message ids) continue the sequence.
    let mut b2 = Nss::new(&t, "a");
    client::temp_account(&mut b2, 2).await.expect("P1 again");

    // A simulator that never stopped, given the same requests, holds the same workspace.
    let twin_state = ephemeral(Settings::default());
    let twin = local(&twin_state);
    let mut tb = history(&twin).await;
    tb.request("GET", &path, Vec::new()).await.unwrap();
    tb.step("申込内容を登録する", &[], "new_application.complete")
        .await
        .unwrap();
    let mut tb2 = Nss::new(&twin, "a");
    client::temp_account(&mut tb2, 2).await.unwrap();
    let restarted = view(&t, "a").await;
    let never_stopped = view(&twin, "a").await;
    assert_eq!(restarted, never_stopped);
    let apps = restarted["/applications"].as_array().unwrap();
    assert_eq!(apps.len(), 1);
    assert_eq!(
        restarted["/mails"].as_array().unwrap().len(),
        3,
        "P1, 受付完了, P1"
    );
    // The preset workspace's automatic review fired on its clock after the restart alike.
    assert_eq!(view(&t, "fx").await, view(&twin, "fx").await);
}

#[tokio::test]
async fn deleted_and_reset_workspaces_stay_so_and_new_ids_continue() {
    let dir = tempfile::tempdir().unwrap();
    let st = durable(dir.path(), Settings::default());
    let t = local(&st);
    let w1 = t.workspace(client::new_workspace(1)).await.unwrap();
    let w2 = t.workspace(client::new_workspace(2)).await.unwrap();
    let mut b = Nss::new(&t, &w2);
    client::temp_account(&mut b, 3).await.unwrap();
    assert_eq!(t.mails(&w2).await.unwrap().len(), 1);
    let a = t
        .api("DELETE", &format!("workspaces/{w1}"), Value::Null)
        .await
        .unwrap();
    assert_eq!(a.status, 204);
    let a = t
        .api("POST", &format!("workspaces/{w2}/reset"), Value::Null)
        .await
        .unwrap();
    assert_eq!(a.status, 200);
    let reset = view(&t, &w2).await;
    drop(t);
    drop(b);
    drop(st);

    let st = durable(dir.path(), Settings::default());
    let t = local(&st);
    let list = t.api("GET", "workspaces", Value::Null).await.unwrap();
    let ids: Vec<String> = list
        .json()
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["default", w2.as_str()]);
    assert_eq!(view(&t, &w2).await, reset);
    assert!(reset["/mails"].as_array().unwrap().is_empty());
    let w3 = t.workspace(client::new_workspace(3)).await.unwrap();
    assert!(w3 != w1 && w3 != w2, "a new id, not {w3}");
}

/// `--sync full`: every answer waits until its change is flushed to the disk (a syncer thread
/// flushes the change log for many requests at once); the workspaces come back the same.
#[tokio::test]
async fn with_sync_full_the_same_requests_come_back_the_same() {
    use nss_simulator::store::{SqliteStore, SyncMode};
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path(), SyncMode::Full).unwrap();
    let st = nss_simulator::open_state_with(
        std::sync::Arc::new(store),
        0,
        crate::support::PUBLIC_BASE,
        Settings::default(),
    )
    .unwrap();
    let t = local(&st);
    let mut browsers = Vec::new();
    for n in 1..=3 {
        let ws = t.workspace(client::new_workspace(n)).await.unwrap();
        browsers.push((ws.clone(), half_way(&t, &ws, n as usize).await));
    }
    let mut before = Vec::new();
    for (ws, _) in &browsers {
        before.push(view(&t, ws).await);
    }
    drop(browsers);
    drop(t);
    drop(st);
    let st = durable(dir.path(), Settings::default());
    let t = local(&st);
    for (n, before) in before.iter().enumerate() {
        let ws = before[""]["id"].as_str().unwrap();
        assert_eq!(&view(&t, ws).await, before, "workspace {n}");
    }
}
