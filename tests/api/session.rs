//! Sessions: the stale form, the 48-hour temporary ID, 一時保存 and resume, the journal.

use crate::support::TestApp;

const UNEXPECTED: &str = "予期しない操作がなされた為、エラーが発生しました。大変お手数ですが、再度ログインしてください。";

#[tokio::test]
async fn a_stale_form_ends_the_session() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(1, "2018-11-27T16:30:00+09:00").await;
    let mut b = app.browser(&ws);
    b.open("apply/").await;
    b.press("システム利用規程に同意する", &[]).await;
    // Keep the input form as the browser's back button would show it, then move on.
    let (action, pairs) = b.snapshot_form("back");
    b.press("利用手順ガイドに戻る", &[]).await;
    assert_eq!(b.id(), "temp_account.guidance");
    b.post(&action, &pairs).await;
    assert_eq!(b.id(), "error.unexpected_operation");
    assert_eq!(b.errors(), vec![UNEXPECTED.to_string()]);
    // The session is over: the input screen is gone too; without a session the 仮ログイン登録
    // path starts again at its guidance (issue 15, M000 audit §4.6).
    b.open("apply/input").await;
    assert_eq!(b.id(), "temp_account.guidance");
    let journal = app.get_api(&format!("workspaces/{ws}/journal")).await;
    let outcomes: Vec<&str> = journal
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["outcome"].as_str().unwrap())
        .collect();
    assert!(outcomes.contains(&"unexpected_operation"), "{outcomes:?}");
    assert_eq!(outcomes[outcomes.len() - 2..], ["expired", "ok"]);
}

#[tokio::test]
async fn a_second_tab_makes_the_first_stale() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(1, "2018-11-27T16:30:00+09:00").await;
    let mut b = app.browser(&ws);
    let (id, pw) = b.register_temp_account(&app, &ws).await;
    b.login(&id, &pw).await;
    let (action, pairs) = b.snapshot_form("next");
    // The same session in a second tab goes forward.
    b.press("次へ進む", &[]).await;
    assert_eq!(b.id(), "new_application.applicant");
    // The first tab's form is now stale.
    b.post(&action, &pairs).await;
    assert_eq!(b.id(), "error.unexpected_operation");
}

#[tokio::test]
async fn the_temporary_id_lives_48_hours() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(7, "2018-11-27T16:30:00+09:00").await;
    let mut b = app.browser(&ws);
    let (id, pw) = b.register_temp_account(&app, &ws).await;
    app.advance(&ws, "PT47H").await;
    b.login(&id, &pw).await;
    assert_eq!(b.id(), "new_application.guidance");
    app.advance(&ws, "PT2H").await; // 49 hours
    // The open session dies with the ID…
    b.press("次へ進む", &[]).await;
    assert_eq!(b.id(), "login.form");
    // …and a new login is refused with the reason.
    b.login(&id, &pw).await;
    assert_eq!(b.id(), "login.form");
    assert!(
        b.errors()[0].contains("有効期限（48時間）"),
        "{:?}",
        b.errors()
    );
}

#[tokio::test]
async fn a_registered_application_keeps_the_id_alive() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(7, "2018-11-27T16:30:00+09:00").await;
    let mut b = app.browser(&ws);
    let (id, pw) = b.register_temp_account(&app, &ws).await;
    b.login(&id, &pw).await;
    b.fill_application().await;
    b.press("申込内容を登録する", &[]).await;
    assert_eq!(b.id(), "new_application.complete");
    app.advance(&ws, "PT49H").await;
    b.login(&id, &pw).await;
    assert_eq!(b.id(), "menu.main", "{:?}", b.errors());
}

#[tokio::test]
async fn save_logs_out_and_the_next_login_resumes() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(3, "2018-11-27T16:30:00+09:00").await;
    let mut b = app.browser(&ws);
    let (id, pw) = b.register_temp_account(&app, &ws).await;
    b.login(&id, &pw).await;
    b.press("次へ進む", &[]).await;
    b.press("次へ進む", &[("申込理由", "保存のテスト。")]).await;
    assert_eq!(b.id(), "new_application.office");
    b.press("申込内容を一時保存する", &[("事業所名", "品川事務所")])
        .await;
    assert_eq!(b.id(), "login.form");
    assert!(
        b.screen["notices"][0]
            .as_str()
            .unwrap()
            .contains("一時保存")
    );
    b.login(&id, &pw).await;
    assert_eq!(b.id(), "new_application.office");
    assert_eq!(b.field("事業所名").unwrap()["value"], "品川事務所");
    b.press("前に戻る", &[]).await;
    assert_eq!(b.field("申込理由").unwrap()["value"], "保存のテスト。");
    // 一時保存 does not extend the 48 hours (M002).
    app.advance(&ws, "PT49H").await;
    b.login(&id, &pw).await;
    assert_eq!(b.id(), "login.form");
}

#[tokio::test]
async fn without_save_the_input_is_lost_with_the_session() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(3, "2018-11-27T16:30:00+09:00").await;
    let mut b = app.browser(&ws);
    let (id, pw) = b.register_temp_account(&app, &ws).await;
    b.login(&id, &pw).await;
    b.press("次へ進む", &[]).await;
    b.press("次へ進む", &[("申込理由", "失われる入力。")]).await;
    b.open("logout").await;
    b.login(&id, &pw).await;
    assert_eq!(b.id(), "new_application.guidance");
    b.press("次へ進む", &[]).await;
    assert_eq!(b.field("申込理由").unwrap()["value"], "");
}
