//! What the client reported, against the truth (the mail the NSS sent, the application it
//! registered, what the center issued) and the manuals' formats. A report check that fails
//! names the output, what the client said and what is true.

use super::Q;
use crate::kit::check::format;
use crate::kit::protocol::Outcome;
use crate::kit::world::KitWorld;
use cucumber::then;
use serde_json::Value;

/// How ID通知内容 prints a password whose viewing period is over.
const MASK: &str = "********";

fn text(v: &Value) -> String {
    v.as_str().map_or_else(|| v.to_string(), str::to_string)
}

/// An output of the latest step that must equal `truth` (unchecked when a person was not asked
/// for it, in attended mode).
fn reported_equals(w: &KitWorld, key: &str, truth: &str, source: &str) {
    if let Some(v) = w.reported(key) {
        check_eq!(
            text(&v),
            truth,
            "{key}: the client reported {v}, {source} 「{truth}」"
        );
    }
}

/// The year of the workspace clock at the application (for the formats that start with it).
async fn year(w: &KitWorld) -> i32 {
    let clock = w
        .sim()
        .get_api(&format!("workspaces/{}/clock", w.ws()))
        .await;
    clock["now"]
        .as_str()
        .and_then(|n| n.get(..4))
        .and_then(|y| y.parse().ok())
        .expect("the workspace clock reads as RFC 3339")
}

// ---------------------------------------------------------------------------------------------
// register_temp_account

#[then("クライアントは仮ログインIDと仮パスワードをメールのとおりに報告する")]
async fn temp_credentials_as_mailed(w: &mut KitWorld) {
    w.done_outputs();
    let (id, password) = w
        .temp_credentials()
        .await
        .expect("the NSS sent no 仮アカウント mail");
    reported_equals(w, "仮ログインID", &id, "the mail says");
    reported_equals(w, "仮パスワード", &password, "the mail says");
}

#[then("報告された仮ログインIDは年の下2桁で始まる7桁の数字である")]
async fn temp_id_format(w: &mut KitWorld) {
    let year = year(w).await;
    if let Some(id) = w.reported("仮ログインID") {
        format::temp_login_id(&text(&id), year).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[then("報告された仮パスワードは8文字の英大文字と数字である")]
async fn temp_password_format(w: &mut KitWorld) {
    if let Some(pw) = w.reported("仮パスワード") {
        format::temp_password(&text(&pw)).unwrap_or_else(|e| panic!("{e}"));
    }
}

// ---------------------------------------------------------------------------------------------
// file_application, answer_clarification (修正)

#[then("クライアントは登録された申込受付番号を報告する")]
async fn reception_number_as_registered(w: &mut KitWorld) {
    w.done_outputs();
    let number = w.reception_number().await;
    reported_equals(w, "申込受付番号", &number, "the NSS registered");
}

/// 「A」 for a 利用申込 (新規 or 変更), 「C」 for a システム設定申込.
#[then(regex = r"^報告された申込受付番号は年の下2桁で始まる7桁の数字と「([AC])」である$")]
async fn reception_number_format(w: &mut KitWorld, letter: String) {
    let year = year(w).await;
    let letter = letter.chars().next().unwrap_or('A');
    if let Some(n) = w.reported("申込受付番号") {
        format::reception_number(&text(&n), year, letter).unwrap_or_else(|e| panic!("{e}"));
    }
}

// ---------------------------------------------------------------------------------------------
// Refusals and failures (the hard cases)

/// `rejected` with the screen's message among its messages (a person in attended mode is not
/// asked for the messages).
#[then(regex = r"^クライアントは入力の誤り「(.+)」を報告する$")]
async fn rejected_with(w: &mut KitWorld, message: String) {
    expect_stopped(w, "rejected", &message);
}

/// `failed` with the NSS's message among its messages.
#[then(regex = r"^クライアントは失敗「(.+)」を報告する$")]
async fn failed_with(w: &mut KitWorld, message: String) {
    expect_stopped(w, "failed", &message);
}

fn expect_stopped(w: &KitWorld, status: &str, message: &str) {
    let outcome = w.outcome();
    check_eq!(
        outcome.status(),
        status,
        "{}: expected {status}, the client reported {}",
        w.last().task.action,
        outcome.summary()
    );
    if w.kit.driver.attended() {
        return;
    }
    assert!(
        outcome.messages().iter().any(|m| m == message),
        "{}: the messages lack 「{message}」: {:?}",
        w.last().task.action,
        outcome.messages()
    );
}

// ---------------------------------------------------------------------------------------------
// read_news

/// A line of 新着情報 for the latest application: ID 【申込受付番号】 and this 内容.
#[then(regex = r"^クライアントは新着情報に申込受付番号と「(.+)」の行を報告する$")]
async fn news_line(w: &mut KitWorld, content: String) {
    let number = w.reception_number().await;
    let Some(lines) = w.reported("新着情報") else {
        return;
    };
    let lines = lines
        .as_array()
        .cloned()
        .unwrap_or_else(|| panic!("新着情報: the client reported {lines}, not a list of lines"));
    for line in &lines {
        for key in ["日時", "種別", "ID", "内容"] {
            assert!(
                line.get(key).is_some(),
                "新着情報: a line without 「{key}」: {line}"
            );
        }
    }
    let id = format!("【{number}】");
    assert!(
        lines
            .iter()
            .any(|l| l["ID"] == id.as_str() && l["内容"] == content.as_str()),
        "新着情報: no line 「{id} {content}」 among {}",
        Value::Array(lines.clone())
    );
}

// ---------------------------------------------------------------------------------------------
// read_id_notice (M002 3.④)

/// The reported ID通知内容 as (ID通知内容 object, 利用者ID rows, 論理端末 rows); `None` in
/// attended mode.
fn notice(w: &KitWorld) -> Option<(Value, Vec<Value>, Vec<Value>)> {
    w.done_outputs();
    let notice = w.reported("ID通知内容")?;
    let list = |key: &str| {
        w.reported(key)
            .and_then(|v| v.as_array().cloned())
            .unwrap_or_default()
    };
    Some((
        notice,
        list("利用者ID"),
        list("論理端末名 / デジタル証明書"),
    ))
}

/// Every ID the center issued, and every password in clear (within the viewing period).
#[then("クライアントはID通知内容を払い出されたとおりに報告する")]
async fn id_notice_as_issued(w: &mut KitWorld) {
    let ids = w.issued_ids().await;
    let Some((notice, users, terminals)) = notice(w) else {
        return;
    };
    check_codes(&ids, &notice, &users, &terminals);
    check_eq!(
        notice["事業所パスワード"],
        ids["office_password"],
        "ID通知内容 事業所パスワード: the client reported {}, the NSS issued {}",
        notice["事業所パスワード"],
        ids["office_password"]
    );
    for u in ids["user_ids"].as_array().into_iter().flatten() {
        let row = user_row(&users, u);
        check_eq!(
            row["パスワード"],
            u["password"],
            "利用者ID {}{}: the client reported the password {}, the NSS issued {}",
            u["user_code"],
            u["ident"],
            row["パスワード"],
            u["password"]
        );
    }
}

/// Past the viewing period: the IDs as issued, every password as the screen masks it and never
/// in clear.
#[then("クライアントはID通知内容のパスワードを伏せたまま報告する")]
async fn id_notice_masked(w: &mut KitWorld) {
    let ids = w.issued_ids().await;
    let Some((notice, users, terminals)) = notice(w) else {
        return;
    };
    check_codes(&ids, &notice, &users, &terminals);
    check_eq!(
        text(&notice["事業所パスワード"]),
        MASK,
        "ID通知内容 事業所パスワード: the client reported {} after the viewing period",
        notice["事業所パスワード"]
    );
    for u in ids["user_ids"].as_array().into_iter().flatten() {
        let row = user_row(&users, u);
        check_eq!(
            text(&row["パスワード"]),
            MASK,
            "利用者ID {}{}: the password was reported in clear after the viewing period",
            u["user_code"],
            u["ident"]
        );
    }
}

/// A change's ID通知内容 (M001 3.④): the office's code, the 事業所パスワード masked (a change
/// issues none), and the added terminals with their 端末アクセスキー and 認証コード as issued.
#[then("クライアントは変更申込のID通知内容を払い出されたとおりに報告する")]
async fn change_id_notice(w: &mut KitWorld) {
    let ids = w.issued_ids().await;
    let Some((notice, _, terminals)) = notice(w) else {
        return;
    };
    check_eq!(
        notice["事業所コード"],
        ids["office_code"],
        "ID通知内容 事業所コード: the client reported {}, the NSS issued {}",
        notice["事業所コード"],
        ids["office_code"]
    );
    check_eq!(
        text(&notice["事業所パスワード"]),
        MASK,
        "ID通知内容 事業所パスワード: the client reported {}, the screen masks it (a change issues none)",
        notice["事業所パスワード"]
    );
    let row = |t: &Value| -> Vec<String> {
        [
            "論理端末名",
            "端末アクセスキー",
            "認証コード1",
            "認証コード2",
            "認証コード3",
        ]
        .iter()
        .map(|k| text(&t[*k]))
        .collect()
    };
    let mut reported: Vec<Vec<String>> = terminals.iter().map(row).collect();
    let mut issued: Vec<Vec<String>> = ids["terminals"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|t| {
            let mut r = vec![text(&t["name"]), text(&t["access_key"])];
            r.extend(t["auth_codes"].as_array().into_iter().flatten().map(text));
            r
        })
        .collect();
    reported.sort();
    issued.sort();
    check_eq!(
        reported,
        issued,
        "論理端末名 / デジタル証明書: the client reported {reported:?}, the NSS issued {issued:?}"
    );
}

fn check_codes(ids: &Value, notice: &Value, users: &[Value], terminals: &[Value]) {
    for (key, issued) in [
        ("事業所コード", "office_code"),
        ("企業略称", "company_abbr"),
        ("請求先コード", "billing_code"),
    ] {
        check_eq!(
            notice[key],
            ids[issued],
            "ID通知内容 {key}: the client reported {}, the NSS issued {}",
            notice[key],
            ids[issued]
        );
    }
    let issued_users = ids["user_ids"].as_array().cloned().unwrap_or_default();
    check_eq!(
        users.len(),
        issued_users.len(),
        "利用者ID: the client reported {} rows, the NSS issued {}",
        users.len(),
        issued_users.len()
    );
    let reported: Vec<(String, String)> = terminals
        .iter()
        .map(|t| (text(&t["論理端末名"]), text(&t["端末アクセスキー"])))
        .collect();
    for t in ids["terminals"].as_array().into_iter().flatten() {
        let wanted = (text(&t["name"]), text(&t["access_key"]));
        assert!(
            reported.contains(&wanted),
            "論理端末名: the client did not report {wanted:?}; it reported {reported:?}"
        );
    }
}

fn user_row<'a>(users: &'a [Value], u: &Value) -> &'a Value {
    users
        .iter()
        .find(|r| r["利用者コード"] == u["user_code"] && r["識別番号"] == u["ident"])
        .unwrap_or_else(|| {
            panic!(
                "利用者ID: the client did not report {}{}",
                u["user_code"], u["ident"]
            )
        })
}

/// A 機器共用 office's ID通知内容 names the office whose terminals it uses (M002).
#[then(regex = r"^報告されたID通知内容の事業所コード\(機器共用先\)は「([^」]+)」である$")]
async fn owner_reported(w: &mut KitWorld, owner: String) {
    if let Some((notice, _, _)) = notice(w) {
        check_eq!(
            text(&notice["事業所コード(機器共用先)"]),
            owner,
            "ID通知内容 事業所コード(機器共用先): the client reported {}, the NSS issued 「{owner}」",
            notice["事業所コード(機器共用先)"]
        );
    }
}

#[then("報告された事業所コードは企業略称と3桁の数字である")]
async fn office_code_format(w: &mut KitWorld) {
    if let Some((notice, _, _)) = notice(w) {
        format::office_code(&text(&notice["事業所コード"]), &text(&notice["企業略称"]))
            .unwrap_or_else(|e| panic!("{e}"));
    }
}

// ---------------------------------------------------------------------------------------------
// answer_clarification

/// The center's message, as 進行状況 prints it in 通知内容.
#[then("クライアントは確認事項の通知内容を報告する")]
async fn clarification_message(w: &mut KitWorld) {
    let a = w.application().await;
    let message = a["review"]
        .as_array()
        .into_iter()
        .flatten()
        .rev()
        .find(|r| r["decision"] == "clarify")
        .and_then(|r| r["message"].as_str())
        .expect("the center asked no 確認事項")
        .to_string();
    w.done_outputs();
    reported_equals(w, "通知内容", &message, "the center wrote");
}

#[then(expr = "クライアントはステータス{q}を報告する")]
async fn status_reported(w: &mut KitWorld, status: Q) {
    w.done_outputs();
    reported_equals(w, "ステータス", &status.0, "申込内容 参照 shows");
}

// ---------------------------------------------------------------------------------------------
// change_password

#[then(expr = "クライアントはメッセージ{q}を報告する")]
async fn message_reported(w: &mut KitWorld, message: Q) {
    w.done_outputs();
    reported_equals(w, "メッセージ", &message.0, "the screen says");
}

/// `failed`, whatever the reason (the NSS shows no message for it).
#[then("クライアントは失敗を報告する")]
async fn failed(w: &mut KitWorld) {
    status_is(w, "failed".to_string()).await;
}

/// The step ended as expected, whatever it reported (for steps whose outputs other checks
/// cover).
#[then(regex = r"^クライアントは(done|rejected|failed)を報告する$")]
async fn status_is(w: &mut KitWorld, status: String) {
    let outcome: &Outcome = w.outcome();
    check_eq!(
        outcome.status(),
        status,
        "{}: expected {status}, the client reported {}",
        w.last().task.action,
        outcome.summary()
    );
}
