//! The NACCS center (M001 2.–3., M002 3., M004, procedures.md §4 and §9): its review through the
//! simulator API (審査終了, 確認事項, デジタル証明書, the automatic policy), and what the applicant then
//! sees — 新着情報, 申込内容 参照, ID通知内容 — and the login with the issued 事業所コード.

use super::{NssWorld, Q, app, rows};
use cucumber::{given, then, when};
use serde_json::{Value, json};

/// How ID通知内容 prints a password whose viewing period is over.
const MASK: &str = "********";

/// The scenario's application as the simulator API reports it now.
async fn application(w: &mut NssWorld) -> Value {
    let number = w.reception_number().await;
    app()
        .await
        .get_api(&format!("workspaces/{}/applications/{number}", w.ws()))
        .await
}

/// What approval issued to the scenario's application (the API's `issued.ids`).
async fn issued_ids(w: &mut NssWorld) -> Value {
    let a = application(w).await;
    assert!(
        a["issued"].is_object(),
        "申込はまだ審査終了していません: {}",
        a["status_label"]
    );
    a["issued"]["ids"].clone()
}

/// A review decision through the simulator API: (HTTP status, answer).
async fn review(w: &mut NssWorld, body: Value) -> (u16, Value) {
    let number = w.reception_number().await;
    app()
        .await
        .post_api(
            &format!("workspaces/{}/applications/{number}/review", w.ws()),
            body,
        )
        .await
}

// ---------------------------------------------------------------------------------------------
// The center's decisions

#[given("NACCSセンターが利用申込を承認した")]
#[when("NACCSセンターが利用申込を承認する")]
async fn approve(w: &mut NssWorld) {
    let (status, answer) = review(w, json!({"decision": "approve"})).await;
    assert_eq!(status, 200, "審査終了できません: {answer}");
    assert_eq!(answer["status_label"], "審査終了", "{answer}");
}

#[given(regex = r"^NACCSセンターが利用申込について確認事項「(.+)」を送った$")]
#[when(regex = r"^NACCSセンターが利用申込について確認事項「(.+)」を送る$")]
async fn clarify(w: &mut NssWorld, message: String) {
    let (status, answer) = review(w, json!({"decision": "clarify", "message": message})).await;
    assert_eq!(status, 200, "確認事項を送れません: {answer}");
    assert_eq!(answer["status_label"], "内容確認", "{answer}");
}

#[given("NACCSセンターがデジタル証明書を発行した")]
#[when("NACCSセンターがデジタル証明書を発行する")]
async fn issue_certificates(w: &mut NssWorld) {
    let (status, answer) = review(w, json!({"decision": "issue_certificates"})).await;
    assert_eq!(status, 200, "デジタル証明書を発行できません: {answer}");
}

#[then("NACCSセンターはこの利用申込を承認できない")]
async fn cannot_approve(w: &mut NssWorld) {
    let (status, answer) = review(w, json!({"decision": "approve"})).await;
    assert_eq!(status, 409, "審査終了できてしまいます: {answer}");
    assert_eq!(answer["error"], "invalid_state", "{answer}");
}

/// The automatic policy: every application is approved (and its certificates issued) once the
/// delay after its registration has passed on the workspace clock.
#[given(regex = r"^NACCSセンターは利用申込を登録の(\d+)時間後に自動で承認する$")]
async fn auto_policy(w: &mut NssWorld, hours: u32) {
    let path = format!("workspaces/{}/review-policy", w.ws());
    let (status, answer) = app()
        .await
        .post_api(
            &path,
            json!({"mode": "auto", "delay": format!("PT{hours}H")}),
        )
        .await;
    assert_eq!(status, 200, "{answer}");
    let policy = app().await.get_api(&path).await;
    assert_eq!(policy["mode"], "auto", "{policy}");
}

// ---------------------------------------------------------------------------------------------
// The applicant's screens

/// 新着情報 (and 申込内容の確認) link each application as 「詳細【受付番号】」.
#[given("申込受付番号の「詳細」リンクをクリックする")]
#[when("申込受付番号の「詳細」リンクをクリックする")]
async fn open_detail(w: &mut NssWorld) {
    let number = w.reception_number().await;
    w.follow(&format!("詳細【{number}】")).await;
}

/// The applicant reads 事業所コード and 事業所パスワード off ID通知内容 (logged in with the
/// temporary ID, from the menu's 新着情報) and keeps them.
#[given("ID通知内容の事業所コードと事業所パスワードを控えている")]
async fn note_office_credentials(w: &mut NssWorld) {
    w.new_browser().await;
    w.login_with_mailed_credentials().await;
    assert_eq!(w.screen().id(), "menu.main", "{:?}", w.screen().errors());
    open_detail(w).await;
    w.follow("ID通知内容").await;
    note_from_screen(w).await;
}

#[when("ID通知内容の事業所コードと事業所パスワードを控える")]
async fn note_from_screen(w: &mut NssWorld) {
    let table = rows(&w.table("ID通知内容"));
    let get = |k: &str| {
        table
            .iter()
            .find(|r| r[0] == k)
            .map(|r| r[1].clone())
            .unwrap_or_else(|| panic!("ID通知内容に「{k}」がありません: {table:?}"))
    };
    let (code, password) = (get("事業所コード"), get("事業所パスワード"));
    assert_ne!(password, MASK, "事業所パスワードが伏せられています");
    w.office = Some((code, password));
}

fn office(w: &NssWorld) -> (String, String) {
    w.office
        .clone()
        .expect("まだ事業所コードと事業所パスワードを控えていません")
}

#[when("別のブラウザで、控えた事業所コードと事業所パスワードでログインする")]
async fn office_login(w: &mut NssWorld) {
    let (code, password) = office(w);
    w.new_browser().await;
    w.open("login/nsscoapp/").await;
    w.pending = vec![("ログインID".into(), code), ("パスワード".into(), password)];
    w.press("ログイン").await;
}

#[when(expr = "別のブラウザで、控えた事業所コードとパスワード{q}でログインする")]
async fn office_login_with(w: &mut NssWorld, password: Q) {
    let (code, _) = office(w);
    w.new_browser().await;
    w.open("login/nsscoapp/").await;
    w.pending = vec![
        ("ログインID".into(), code),
        ("パスワード".into(), password.0),
    ];
    w.press("ログイン").await;
}

#[then("控えた事業所コードでログイン中である")]
async fn office_session(w: &mut NssWorld) {
    let (code, _) = office(w);
    assert_eq!(
        w.screen().screen["session"]["login_id"].as_str(),
        Some(code.as_str()),
        "{}",
        w.screen().screen["session"]
    );
}

/// ID通知内容 prints what approval issued: the 事業所コード, and the passwords in clear.
#[then("ID通知内容に払い出された事業所コードとパスワードが表示されている")]
async fn passwords_shown(w: &mut NssWorld) {
    let ids = issued_ids(w).await;
    let notice = rows(&w.table("ID通知内容"));
    let value = |k: &str| notice.iter().find(|r| r[0] == k).map(|r| r[1].as_str());
    assert_eq!(value("事業所コード"), ids["office_code"].as_str());
    assert_eq!(value("事業所パスワード"), ids["office_password"].as_str());
    assert_eq!(value("企業略称"), ids["company_abbr"].as_str());
    assert_eq!(value("請求先コード"), ids["billing_code"].as_str());
    let users = rows(&w.table("利用者ID"));
    let issued = ids["user_ids"].as_array().cloned().unwrap_or_default();
    assert_eq!(users.len(), issued.len(), "利用者ID: {users:?}");
    for (row, u) in users.iter().zip(&issued) {
        assert_eq!(row[2], u["user_code"].as_str().unwrap_or(""), "{row:?}");
        assert_eq!(row[3], u["ident"].as_str().unwrap_or(""), "{row:?}");
        assert_eq!(row[4], u["password"].as_str().unwrap_or(""), "{row:?}");
    }
}

/// Past the viewing period every password prints as 「********」; the codes stay.
#[then("ID通知内容のパスワードは伏せられている")]
async fn passwords_masked(w: &mut NssWorld) {
    let ids = issued_ids(w).await;
    let notice = rows(&w.table("ID通知内容"));
    let value = |k: &str| notice.iter().find(|r| r[0] == k).map(|r| r[1].as_str());
    assert_eq!(value("事業所コード"), ids["office_code"].as_str());
    assert_eq!(value("事業所パスワード"), Some(MASK));
    let users = rows(&w.table("利用者ID"));
    assert!(!users.is_empty(), "利用者IDの表が空です");
    for row in &users {
        assert_eq!(row[4], MASK, "利用者IDのパスワード: {row:?}");
    }
    let text = w.screen().screen.to_string();
    assert!(
        !text.contains(ids["office_password"].as_str().unwrap_or("-")),
        "事業所パスワードが画面のどこかに出ています"
    );
}

/// The 認証コード1–3 of every 論理端末: 「-」 before the certificates, the issued codes after.
#[then("論理端末の認証コードはまだ表示されていない")]
async fn auth_codes_hidden(w: &mut NssWorld) {
    let terminals = rows(&w.table("論理端末名 / デジタル証明書"));
    assert!(!terminals.is_empty(), "論理端末がありません");
    for row in &terminals {
        assert_eq!(row[5..8], ["-", "-", "-"], "認証コード: {row:?}");
    }
}

#[then("論理端末の認証コードが表示されている")]
async fn auth_codes_shown(w: &mut NssWorld) {
    let ids = issued_ids(w).await;
    let issued = ids["terminals"].as_array().cloned().unwrap_or_default();
    let terminals = rows(&w.table("論理端末名 / デジタル証明書"));
    assert_eq!(terminals.len(), issued.len(), "{terminals:?}");
    for (row, t) in terminals.iter().zip(&issued) {
        assert_eq!(row[3], t["name"].as_str().unwrap_or(""), "論理端末名");
        assert_eq!(
            row[4],
            t["access_key"].as_str().unwrap_or(""),
            "端末アクセスキー"
        );
        let codes: Vec<&str> = t["auth_codes"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(codes.len(), 3, "{t}");
        assert!(codes.iter().all(|c| !c.is_empty() && *c != "-"), "{t}");
        assert_eq!(row[5..8], codes[..], "認証コード: {row:?}");
    }
}

#[then(expr = "シミュレータAPIの申込のステータスは{q}である")]
async fn api_status(w: &mut NssWorld, label: Q) {
    let a = application(w).await;
    assert_eq!(a["status_label"].as_str(), Some(label.0.as_str()), "{a}");
}
