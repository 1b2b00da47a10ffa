//! Every reader of a workspace sees it caught up with its clock: after the clock moved past an
//! automatic review's delay, the first page that looks (not only the API or the NSS screens)
//! shows the review's result.

use crate::support::TestApp;
use serde_json::json;

const CONFIRMED: &str = "【NACCS】利用申込確認完了のお知らせ";

/// A workspace with manual 000's application registered (the `registered` preset, 16:30), the
/// automatic policy with a one-hour delay, and its clock moved one hour on: the review is due,
/// and nothing has looked at the workspace since the clock moved.
async fn review_due(app: &TestApp, ws: &str) {
    let (s, _) = app
        .post_api("workspaces", json!({"id": ws, "fixture": "registered"}))
        .await;
    assert_eq!(s, 201);
    let (s, _) = app
        .post_api(
            &format!("workspaces/{ws}/review-policy"),
            json!({"mode": "auto", "delay": "PT1H"}),
        )
        .await;
    assert_eq!(s, 200);
    app.advance(ws, "PT1H").await;
}

#[tokio::test]
async fn the_mailbox_is_the_first_to_look_and_shows_the_review() {
    let app = TestApp::spawn().await;
    review_due(&app, "m").await;
    let page = app.page("/_sim/mail/m/").await;
    assert!(page.contains(CONFIRMED), "{page}");
    // The mail's own page too (its id is the API's).
    let mails = app.mails("m").await;
    let confirmed = mails
        .iter()
        .find(|m| m["subject"] == CONFIRMED)
        .expect("the 確認完了 mail");
    assert_eq!(confirmed["sent_at"], "2018-11-27T17:30:00+09:00");
}

#[tokio::test]
async fn a_mail_page_is_the_first_to_look_and_finds_the_review_mail() {
    let app = TestApp::spawn().await;
    // Same seed, same preset, same clock: the mail ids of a twin workspace tell which id the
    // review's mail gets, without looking at this one first.
    review_due(&app, "twin").await;
    let id = app
        .mails("twin")
        .await
        .iter()
        .find(|m| m["subject"] == CONFIRMED)
        .expect("the 確認完了 mail")["id"]
        .clone();
    review_due(&app, "one").await;
    let page = app.page(&format!("/_sim/mail/one/{id}")).await;
    assert!(page.contains(CONFIRMED), "{page}");
}

#[tokio::test]
async fn the_dashboard_is_the_first_to_look_and_counts_the_review_mails() {
    let app = TestApp::spawn().await;
    review_due(&app, "d").await;
    let page = app.page("/_sim/").await;
    let count = app.mails("d").await.len();
    assert!(
        count > 2,
        "registration sent 2 mails, the review more: {count}"
    );
    assert!(
        page.contains(&format!("<a href=\"/_sim/mail/d/\">{count}通</a>")),
        "{page}"
    );
}
