//! Snapshots of the manual 000 outputs: both mails (text and RFC 5322), the stored application
//! and the JSON of 申込内容 確認. Deterministic through seed and frozen clock.

use crate::support::TestApp;
use serde_json::Value;

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    s.set_prepend_module_to_snapshot(false);
    s
}

/// The confirm screen's JSON without the per-render flow token (its value is random per session
/// by design; its shape is asserted instead).
fn without_flow_token(mut screen: Value) -> Value {
    let fields = screen["forms"][0]["fields"].as_array_mut().expect("fields");
    let token = fields
        .iter_mut()
        .find(|f| f["name"] == "_flow")
        .expect("a flow token");
    let v = token["value"].as_str().expect("token string");
    assert_eq!(v.len(), 32, "flow tokens are 32 hex characters");
    assert!(v.bytes().all(|b| b.is_ascii_hexdigit()));
    token["value"] = Value::String("[flow token]".into());
    screen
}

#[tokio::test]
async fn manual_000_outputs() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(2018, "2018-11-27T16:30:00+09:00").await;
    let mut b = app.browser(&ws);
    let (id, pw) = b.register_temp_account(&app, &ws).await;
    app.advance(&ws, "PT16H48M").await; // M000 【14】: logged in 2018/11/28 09:18
    b.login(&id, &pw).await;
    b.fill_application().await;
    let confirm = without_flow_token(b.screen.clone());
    b.press("申込内容を登録する", &[]).await;
    assert_eq!(b.id(), "new_application.complete");

    let mails = app.mails(&ws).await;
    assert_eq!(mails.len(), 2);
    let raw = |n: u64| {
        let url = format!("{}/_sim/api/workspaces/{ws}/mails/{n}/raw", app.address);
        let client = app.api.clone();
        async move { client.get(url).send().await.unwrap().text().await.unwrap() }
    };
    let apps = app.get_api(&format!("workspaces/{ws}/applications")).await;
    settings().bind(|| {
        insta::assert_snapshot!(
            "m000_mail_temp_account_text",
            mails[0]["text"].as_str().unwrap()
        );
        insta::assert_snapshot!(
            "m000_mail_application_received_text",
            mails[1]["text"].as_str().unwrap()
        );
        insta::assert_json_snapshot!("m000_mails", mails);
        insta::assert_json_snapshot!("m000_application", apps[0]);
        insta::assert_json_snapshot!("m000_confirm_screen", confirm);
    });
    let raw1 = raw(1).await;
    let raw2 = raw(2).await;
    settings().bind(|| {
        insta::assert_snapshot!("m000_mail_temp_account_raw", raw1);
        insta::assert_snapshot!("m000_mail_application_received_raw", raw2);
    });
}

/// The NACCS center's outputs (issue 3): every mail of the review — 利用申込確認完了, 預金口座振替依頼書,
/// デジタル証明書発行完了, the clarification request — and the ID通知内容 screen, from the fixture
/// presets (manual 000's data, seed 2018, the manual's timeline).
#[tokio::test]
async fn center_outputs() {
    let app = TestApp::spawn().await;
    for (id, fixture) in [("approved", "approved"), ("clarify", "clarification")] {
        let (status, v) = app
            .post_api(
                "workspaces",
                serde_json::json!({"id": id, "seed": 2018, "fixture": fixture}),
            )
            .await;
        assert_eq!(status, 201, "{v}");
    }
    let approved = app.mails("approved").await;
    let kinds: Vec<&str> = approved
        .iter()
        .map(|m| m["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.len(), 5, "{kinds:?}");
    let clarify = app.mails("clarify").await;
    assert_eq!(clarify.len(), 3);
    let text = |m: &Value| m["text"].as_str().unwrap().to_string();
    let raw_confirmed = app
        .api
        .get(format!(
            "{}/_sim/api/workspaces/approved/mails/{}/raw",
            app.address, approved[2]["id"]
        ))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();

    // ID通知内容 as the applicant opens it on the day the certificates were issued.
    let mut b = app.browser("approved");
    let (id, pw) = crate::support::temp_credentials(&approved[0]);
    b.login(&id, &pw).await;
    let apps = app.get_api("workspaces/approved/applications").await;
    let number = apps[0]["reception_number"].as_str().unwrap();
    b.open(&format!("menu/applications/id-notice?no={number}"))
        .await;
    assert_eq!(b.id(), "applications.id_notice");
    let notice = b.screen.clone();

    settings().bind(|| {
        insta::assert_snapshot!("center_mail_application_confirmed_text", text(&approved[2]));
        insta::assert_snapshot!("center_mail_application_confirmed_raw", raw_confirmed);
        insta::assert_snapshot!("center_mail_account_transfer_text", text(&approved[3]));
        insta::assert_snapshot!("center_mail_certificate_issued_text", text(&approved[4]));
        insta::assert_snapshot!("center_mail_clarification_text", text(&clarify[2]));
        insta::assert_json_snapshot!("center_mails_approved", approved);
        insta::assert_json_snapshot!("center_id_notice_screen", notice);
        insta::assert_json_snapshot!("center_application_approved", apps[0]);
    });
}
