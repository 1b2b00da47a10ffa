//! Manual 000 end to end through the JSON rendering.

use crate::support::TestApp;

#[tokio::test]
async fn manual_000_completes_through_json() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(42, "2018-11-27T16:30:00+09:00").await;
    let mut b = app.browser(&ws);
    let (id, pw) = b.register_temp_account(&app, &ws).await;
    b.login(&id, &pw).await;
    b.fill_application().await;
    b.press("申込内容を登録する", &[]).await;
    assert_eq!(
        b.id(),
        "new_application.complete",
        "errors {:?}",
        b.errors()
    );
    let apps = app.get_api(&format!("workspaces/{ws}/applications")).await;
    assert_eq!(apps.as_array().unwrap().len(), 1);
    let number = apps[0]["reception_number"].as_str().unwrap();
    assert!(
        b.text().contains(&format!("申込受付番号「{number}」")),
        "{}",
        b.text()
    );
    let mails = app.mails(&ws).await;
    assert_eq!(mails.len(), 2);
    println!("{}", mails[1]["text"].as_str().unwrap());
}
