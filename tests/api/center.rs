//! The NACCS center (issue 3): review through the API, the mails it causes, the logged-in NSS
//! with 新着情報, 申込内容 参照 and ID通知内容, and the login with the issued 事業所コード.

use crate::support::{Browser, TestApp};
use serde_json::{Value, json};

/// Registers manual 000's application (2018-11-27 16:30, wish 20181225) and returns the browser
/// (logged in, on 完了), the temporary credentials and the reception number.
pub async fn registered(app: &TestApp, ws: &str) -> (Browser, String, String, String) {
    let mut b = app.browser(ws);
    let (id, pw) = b.register_temp_account(app, ws).await;
    b.login(&id, &pw).await;
    b.fill_application().await;
    b.press("申込内容を登録する", &[]).await;
    assert_eq!(b.id(), "new_application.complete");
    let apps = app.get_api(&format!("workspaces/{ws}/applications")).await;
    let number = apps[0]["reception_number"].as_str().unwrap().to_string();
    (b, id, pw, number)
}

#[tokio::test]
async fn explore() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(2018, "2018-11-27T16:30:00+09:00").await;
    let (mut b, id, pw, number) = registered(&app, &ws).await;
    app.advance(&ws, "P1D").await;
    let (st, v) = app
        .post_api(
            &format!("workspaces/{ws}/applications/{number}/review"),
            json!({"decision": "approve"}),
        )
        .await;
    println!("REVIEW {st} {v:#}");
    for m in app.mails(&ws).await {
        println!(
            "MAIL {} {}\n{}",
            m["to"],
            m["subject"],
            m["text"].as_str().unwrap()
        );
    }
    b.login(&id, &pw).await;
    println!("MENU {:#}", b.screen);
    b.open(&format!("menu/applications/detail?no={number}"))
        .await;
    println!("DETAIL {:#}", b.screen);
    b.open("menu/applications/id-notice").await;
    println!("IDN {:#}", b.screen);
    let _: &Value = &b.screen;
}
