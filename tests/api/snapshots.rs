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
