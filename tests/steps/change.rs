//! The change application (M001 手順④, issue 10): logging in as one of the workspace's offices
//! (NAC001 of the manual), M001's change filed in one step for backgrounds, and what the office
//! then finds in ID通知内容 and 契約情報.

use super::{NssWorld, Q, app, rows};
use cucumber::{given, then, when};
use serde_json::Value;

/// The 事業所パスワード of a seeded office: what the office knows (the simulator API lists the
/// offices with their credentials for tests and trainers).
async fn office_password(w: &NssWorld, code: &str) -> String {
    let offices = app()
        .await
        .get_api(&format!("workspaces/{}/offices", w.ws()))
        .await;
    offices
        .as_array()
        .into_iter()
        .flatten()
        .find(|o| o["office_code"] == code)
        .and_then(|o| o["password"].as_str())
        .unwrap_or_else(|| panic!("事業所コード「{code}」の事業所がありません"))
        .to_string()
}

/// Logs in as an office in a new browser; the credentials are kept for later logins
/// (「別のブラウザで、控えた事業所コードと事業所パスワードでログインする」).
#[given(expr = "事業所コード{q}と事業所パスワードでログインしている")]
#[when(expr = "事業所コード{q}と事業所パスワードでログインする")]
async fn office_login(w: &mut NssWorld, code: Q) {
    let password = office_password(w, &code.0).await;
    w.office = Some((code.0.clone(), password.clone()));
    w.new_browser().await;
    w.open("login/nsscoapp/").await;
    w.pending = vec![
        ("ログインID".into(), code.0),
        ("パスワード".into(), password),
    ];
    w.press("ログイン").await;
}

/// M001 ①–⑧ with the manual's data: 契約情報 参照 → 「契約情報を変更する」 → ガイダンス →
/// netNACCS端末 and 20131205 → 申込担当者 as pre-filled → 2 海上 netNACCS terminals → 登録.
#[given("マニュアルのデータで変更申込を登録している")]
#[when("マニュアルのデータで変更申込を登録する")]
async fn register_change(w: &mut NssWorld) {
    w.open("menu/contract").await;
    w.press("契約情報を変更する").await;
    w.press("申込内容選択へ進む").await;
    w.pending = vec![
        (
            "端末の変更 (netNACCS)".into(),
            "netNACCS端末の登録情報(追加・変更・削除)".into(),
        ),
        ("利用開始希望日".into(), "20131205".into()),
    ];
    w.press("申込担当者の入力へ進む").await;
    w.press("次へ進む").await;
    w.pending = vec![("論理端末追加数 (netNACCS) 海上".into(), "2".into())];
    w.press("次へ進む").await;
    assert_eq!(
        w.screen().id(),
        "change_application.confirm",
        "エラー: {:?}",
        w.screen().errors()
    );
    w.press("申込内容を登録する").await;
    assert_eq!(
        w.screen().id(),
        "change_application.complete",
        "エラー: {:?}",
        w.screen().errors()
    );
}

/// A screen the scenario has not been shown, opened by its address (a bookmark).
#[when("変更申込ガイダンスのURLを直接開く")]
async fn open_guidance(w: &mut NssWorld) {
    w.open("change/guidance").await;
}

#[then(regex = r"^メール本文に「(.+)」と書かれていない$")]
async fn mail_does_not_say(w: &mut NssWorld, text: String) {
    let mail = w.mail.as_ref().expect("まだメールを見ていません");
    let body = mail["text"].as_str().unwrap_or("");
    assert!(
        !body.contains(&text),
        "メール本文に「{text}」があります:\n{body}"
    );
}

/// The terminals approval issued to the scenario's application (the API's `issued.ids`).
async fn issued_terminals(w: &mut NssWorld) -> Vec<Value> {
    let number = w.reception_number().await;
    let a = app()
        .await
        .get_api(&format!("workspaces/{}/applications/{number}", w.ws()))
        .await;
    a["issued"]["ids"]["terminals"]
        .as_array()
        .cloned()
        .unwrap_or_else(|| panic!("申込はまだ審査終了していません: {}", a["status_label"]))
}

/// The terminals added by the change, each a row 「区分 利用機種区分 パッケージソフト区分 論理端末名
/// …」 of the table, with its 事業所コード; `count` of them.
#[then(regex = r"^「(.+)」の表に追加した(\d+)台の論理端末がある$")]
async fn added_terminals_listed(w: &mut NssWorld, caption: String, count: usize) {
    let issued = issued_terminals(w).await;
    assert_eq!(issued.len(), count, "払い出された論理端末: {issued:?}");
    let shown = rows(&w.table(&caption));
    for t in &issued {
        let name = t["name"].as_str().unwrap_or("");
        let row = shown
            .iter()
            .find(|r| r.iter().any(|c| c == name))
            .unwrap_or_else(|| {
                panic!("表「{caption}」に論理端末「{name}」がありません: {shown:?}")
            });
        assert_eq!(row[..3], ["海上", "net", "net"], "{row:?}");
        assert_eq!(row.last().map(String::as_str), Some("NAC001"), "{row:?}");
    }
}

#[then("論理端末名は5桁の数字と「W」である")]
async fn terminal_names(w: &mut NssWorld) {
    for t in issued_terminals(w).await {
        let name = t["name"].as_str().unwrap_or("");
        assert!(
            name.len() == 6 && name[..5].bytes().all(|b| b.is_ascii_digit()) && name.ends_with('W'),
            "論理端末名「{name}」"
        );
    }
}

/// M001 l.167-168: a button printed more than once (「申込内容選択へ進む >」 above and below the
/// guidance's steps).
#[then(regex = r"^「(.+)」ボタンが(\d+)つある$")]
async fn buttons_counted(w: &mut NssWorld, label: String, count: usize) {
    let buttons = &w.screen().screen["forms"][0]["buttons"];
    let n = buttons
        .as_array()
        .into_iter()
        .flatten()
        .filter(|b| b["label"] == label.as_str())
        .count();
    assert_eq!(n, count, "ボタン「{label}」: {buttons}");
}

/// The change filed after the application that created the office (an office created in the
/// scenario, such as M003's SAI002): the latest application is approved and is the scenario's
/// application from then on.
#[when("NACCSセンターが変更申込を承認する")]
async fn approve_latest_change(w: &mut NssWorld) {
    let apps = app()
        .await
        .get_api(&format!("workspaces/{}/applications", w.ws()))
        .await;
    let number = apps
        .as_array()
        .into_iter()
        .flatten()
        .filter(|a| a["kind_code"] == "change")
        .filter_map(|a| a["reception_number"].as_str())
        .max()
        .expect("変更申込がありません")
        .to_string();
    w.reception = Some(number.clone());
    let (status, answer) = app()
        .await
        .post_api(
            &format!("workspaces/{}/applications/{number}/review", w.ws()),
            serde_json::json!({"decision": "approve"}),
        )
        .await;
    assert_eq!(status, 200, "審査終了できません: {answer}");
}
