//! システム設定申込 (issue 13) through HTTP: the bad-input rules of its screens (refused with the
//! message, nothing stored, values kept — including what a browser's maxlength would stop), the
//! cancellation on the システム設定申込締切日 whatever request comes next, and snapshots of every
//! mail it sends and of a stored システム設定申込.

use crate::support::{Browser, TestApp};
use serde_json::{Value, json};

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    s.set_prepend_module_to_snapshot(false);
    s
}

/// M004's 申込担当者 (l.391-397).
const APPLICANT: &[(&str, &str)] = &[
    ("氏名 名", "太郎"),
    ("氏名(フリガナ) 名", "タロウ"),
    ("所属部署名", "第一営業部営業第三課"),
    ("役職名", "課長"),
    ("電話番号", "0301234567"),
    ("FAX番号", "0398765432"),
    ("E-mailアドレス 登録用", "taro.tsukan@naccs.jp"),
    ("E-mailアドレス 確認用", "taro.tsukan@naccs.jp"),
];

async fn office_password(app: &TestApp, ws: &str, code: &str) -> String {
    let offices = app.get_api(&format!("workspaces/{ws}/offices")).await;
    offices
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["office_code"] == code)
        .and_then(|o| o["password"].as_str())
        .expect("the office")
        .to_string()
}

/// NAC001 logged in on 2021-02-02 11:15 (M004's day), standing on 利用者コード 選択.
async fn at_codes(app: &TestApp, ws: &str) -> Browser {
    app.workspace_named(ws, 2021, "2021-02-02T11:15:00+09:00")
        .await;
    let password = office_password(app, ws, "NAC001").await;
    let mut b = app.browser(ws);
    b.login("NAC001", &password).await;
    assert_eq!(b.id(), "menu.main");
    b.open("settings/guidance").await;
    b.press("次へ進む", &[]).await;
    b.press("システム設定申込の入力へ進む", APPLICANT).await;
    assert_eq!(b.id(), "system_settings.codes", "{:?}", b.errors());
    b
}

fn field(b: &Browser, label: &str) -> Value {
    b.field(label)
        .unwrap_or_else(|| panic!("no field {label} on {}", b.id()))
}

fn error_of(b: &Browser, label: &str) -> String {
    field(b, label)["error"].as_str().unwrap_or("").to_string()
}

fn value_of(b: &Browser, label: &str) -> String {
    field(b, label)["value"].as_str().unwrap_or("").to_string()
}

async fn applications(app: &TestApp, ws: &str) -> Vec<Value> {
    app.get_api(&format!("workspaces/{ws}/applications"))
        .await
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// Bad input on システム設定情報 入力 and 利用者コード 選択: refused with its message on the same
/// screen, the values shown again as typed, nothing registered.
#[tokio::test]
async fn bad_input_is_refused_with_a_message_and_the_values_kept() {
    let app = TestApp::spawn().await;
    let mut b = at_codes(&app, "bad").await;
    b.press("選択", &[]).await;
    assert_eq!(b.id(), "system_settings.code");

    // A reason over 240 characters (posted as a client would, past the input's maxlength).
    let long = "あ".repeat(241);
    b.press(
        "この内容で設定する",
        &[
            ("初期化を希望する", "net 1ANAC A0A"),
            ("パスワード初期化の希望理由", long.as_str()),
        ],
    )
    .await;
    assert_eq!(b.id(), "system_settings.code");
    assert_eq!(
        error_of(&b, "パスワード初期化の希望理由"),
        "パスワード初期化の希望理由は240文字以内で入力してください。"
    );
    assert_eq!(value_of(&b, "パスワード初期化の希望理由"), long);
    let ids = field(&b, "初期化を希望する");
    let ticked: Vec<&str> = ids["options"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["selected"] == true)
        .filter_map(|o| o["label"].as_str())
        .collect();
    assert_eq!(ticked, ["net 1ANAC A0A"]);

    // No ID ticked for the initialisation asked for.
    b.press(
        "この内容で設定する",
        &[
            ("初期化を希望する", ""),
            ("パスワード初期化の希望理由", "パスワードを失念したため。"),
        ],
    )
    .await;
    assert_eq!(
        error_of(&b, "初期化を希望する"),
        "パスワードを初期化する利用者IDを選択してください。"
    );
    assert_eq!(
        value_of(&b, "パスワード初期化の希望理由"),
        "パスワードを失念したため。"
    );

    // Characters NACCS does not take: full width, lower case, kana, other signs.
    for (label, typed) in [
        ("企業名(英)", "ＮＡＣＣＳ SYSTEM"),
        ("事業所名(英)", "Honsha"),
        ("住所(英) 2行目", "カワサキ"),
        ("業務責任者名(英)", "I_KONSAI"),
    ] {
        b.press("この内容で設定する", &[(label, typed)]).await;
        assert_eq!(b.id(), "system_settings.code", "{label}");
        assert_eq!(
            error_of(&b, label),
            format!(
                "{label}は半角英大文字、半角数字、空白および記号（. , - ( ) & ' /）で入力してください。"
            ),
        );
        assert_eq!(value_of(&b, label), typed);
        let fixed = match label {
            "企業名(英)" => "NACCS SYSTEM CO.,LTD.",
            "事業所名(英)" => "HONSHA",
            "住所(英) 2行目" => "KAWASAKI SHI SAIWAI KU",
            _ => "I.KONSAI",
        };
        b.press(
            "この内容で設定する",
            &[(label, fixed), ("初期化を希望する", "net 1ANAC A0A")],
        )
        .await;
        assert_eq!(b.id(), "system_settings.codes", "{label}: {:?}", b.errors());
        b.press("修正", &[]).await;
    }
    b.press("この内容で設定する", &[]).await;
    assert_eq!(b.id(), "system_settings.codes");

    // NACCS登録希望日: not a date, not a calendar date, past; the 備考 stays as typed.
    for (wish, message) in [
        (
            "2021/2/12",
            "NACCS登録希望日は半角数字8桁（YYYYMMDD）で正しい日付を入力してください。",
        ),
        (
            "20210231",
            "NACCS登録希望日は半角数字8桁（YYYYMMDD）で正しい日付を入力してください。",
        ),
        (
            "20210201",
            "NACCS登録希望日には本日以降の日付を入力してください。",
        ),
    ] {
        b.press(
            "システム設定申込確認へ進む",
            &[
                ("NACCS反映タイミング", "日付を指定して登録を希望"),
                ("NACCS登録希望日", wish),
                ("備考", "業務責任者の交代"),
            ],
        )
        .await;
        assert_eq!(b.id(), "system_settings.codes", "{wish}");
        assert_eq!(error_of(&b, "NACCS登録希望日"), message, "{wish}");
        assert_eq!(value_of(&b, "NACCS登録希望日"), wish);
        assert_eq!(value_of(&b, "備考"), "業務責任者の交代");
    }
    // A 備考 over 240 characters.
    b.press(
        "システム設定申込確認へ進む",
        &[("NACCS登録希望日", "20210202"), ("備考", long.as_str())],
    )
    .await;
    assert_eq!(
        error_of(&b, "備考"),
        "備考は240文字以内で入力してください。"
    );
    assert!(applications(&app, "bad").await.is_empty());
    assert!(app.mails("bad").await.is_empty());

    // Today is a NACCS登録希望日 that has not passed.
    b.press(
        "システム設定申込確認へ進む",
        &[("NACCS登録希望日", "20210202"), ("備考", "")],
    )
    .await;
    assert_eq!(b.id(), "system_settings.confirm", "{:?}", b.errors());
    assert!(applications(&app, "bad").await.is_empty());
}

/// A tampered form: an ID of another code, or of none, is not initialised; a 利用者コード the
/// office does not have cannot be selected.
#[tokio::test]
async fn what_the_office_does_not_hold_cannot_be_set() {
    let app = TestApp::spawn().await;
    let mut b = at_codes(&app, "tamper").await;
    let (action, mut pairs) = b.snapshot_form("select:CP999");
    pairs.retain(|(k, _)| k != "op");
    pairs.push(("op".into(), "select:CP999".into()));
    b.post(&action, &pairs).await;
    assert_eq!(b.id(), "system_settings.codes");
    b.press("選択", &[]).await;
    let (action, mut pairs) = b.snapshot_form("set");
    pairs.retain(|(k, _)| k != "reset_reason");
    pairs.extend([
        ("reset_ids".to_string(), "AA1".to_string()),
        ("reset_ids".to_string(), "A0B".to_string()),
        ("reset_reason".to_string(), "漏洩のおそれ".to_string()),
    ]);
    b.post(&action, &pairs).await;
    assert_eq!(b.id(), "system_settings.codes", "{:?}", b.errors());
    b.press(
        "システム設定申込確認へ進む",
        &[("NACCS反映タイミング", "最短の日程で登録を希望")],
    )
    .await;
    b.press("システム設定申込を登録する", &[]).await;
    assert_eq!(b.id(), "system_settings.complete");
    let apps = applications(&app, "tamper").await;
    let ids = &apps[0]["content"]["codes"][0]["reset"]["ids"];
    assert_eq!(ids, &json!([{"method": "netnaccs", "ident": "A0B"}]));
}

async fn preset(app: &TestApp, id: &str) {
    let (status, v) = app
        .post_api(
            "workspaces",
            json!({"id": id, "seed": 2018, "fixture": "settings-deadline-tomorrow"}),
        )
        .await;
    assert_eq!(status, 201, "{v}");
}

/// The システム設定申込締切日 (2018/12/14) ends at 00:00 on 12/15: whatever request comes first
/// after the clock passed it — the mailbox, the applications, an NSS page, the journal — finds the
/// 利用申込 cancelled, stamped at the deadline's end, with one mail.
#[tokio::test]
async fn the_deadline_cancels_whatever_request_comes_next() {
    let app = TestApp::spawn().await;
    for (i, first) in ["mails", "applications", "nss", "journal"]
        .iter()
        .enumerate()
    {
        let ws = format!("d{i}");
        preset(&app, &ws).await;
        let (s, _) = app
            .post_api(
                &format!("workspaces/{ws}/clock"),
                json!({"set": "2018-12-14T23:59:59+09:00"}),
            )
            .await;
        assert_eq!(s, 200);
        assert_eq!(applications(&app, &ws).await[0]["status_label"], "審査終了");
        let (s, _) = app
            .post_api(
                &format!("workspaces/{ws}/clock"),
                json!({"set": "2018-12-20T10:00:00+09:00"}),
            )
            .await;
        assert_eq!(s, 200);
        match *first {
            "mails" => {
                let mails = app.mails(&ws).await;
                assert_eq!(mails.last().unwrap()["kind"], "application_cancelled");
            }
            "applications" => {
                assert_eq!(applications(&app, &ws).await[0]["status_label"], "無効");
            }
            "nss" => {
                let mut b = app.browser(&ws);
                b.open("login/nsscoapp/").await;
                assert_eq!(b.id(), "login.form");
            }
            _ => {
                app.get_api(&format!("workspaces/{ws}/journal")).await;
            }
        }
        let a = &applications(&app, &ws).await[0];
        assert_eq!(a["status_label"], "無効", "{first}");
        let last = a["review"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(last["item"], "利用申込 無効");
        assert_eq!(last["at"], "2018-12-15T00:00:00+09:00", "{first}");
        let mails = app.mails(&ws).await;
        let cancelled: Vec<&Value> = mails
            .iter()
            .filter(|m| m["kind"] == "application_cancelled")
            .collect();
        assert_eq!(cancelled.len(), 1, "{first}");
        assert_eq!(cancelled[0]["sent_at"], "2018-12-15T00:00:00+09:00");
        // Told outward (webhooks, GET …/events): the deadline, then the review and the status.
        let events = app.get_api(&format!("workspaces/{ws}/events")).await;
        let types: Vec<&str> = events
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["data"]["reception_number"] == a["reception_number"])
            .filter(|e| e["at"] == "2018-12-15T00:00:00+09:00")
            .map(|e| e["type"].as_str().unwrap())
            .collect();
        assert_eq!(
            types,
            [
                "deadline.fired",
                "application.reviewed",
                "application.status_changed"
            ],
            "{first}: {events}"
        );
        // The office it created no longer logs in.
        let offices = app.get_api(&format!("workspaces/{ws}/offices")).await;
        let code = a["issued"]["ids"]["office_code"].as_str().unwrap();
        assert!(
            !offices
                .as_array()
                .unwrap()
                .iter()
                .any(|o| o["office_code"] == code)
        );
    }
}

/// Every mail of the システム設定申込 (受付完了, 確認依頼, 受付完了 again after the 修正,
/// 確認完了 with the password notice), the 無効 mail of the deadline, and the stored
/// システム設定申込 after approval.
#[tokio::test]
async fn m004_outputs() {
    let app = TestApp::spawn().await;
    let mut b = at_codes(&app, "snap").await;
    b.press("選択", &[]).await;
    b.press(
        "この内容で設定する",
        &[
            ("初期化を希望する", "net 1ANAC A0A"),
            (
                "パスワード初期化の希望理由",
                "利用者IDのパスワードが漏洩したおそれがあるため。",
            ),
        ],
    )
    .await;
    b.press(
        "システム設定申込確認へ進む",
        &[
            ("NACCS反映タイミング", "日付を指定して登録を希望"),
            ("NACCS登録希望日", "20210212"),
        ],
    )
    .await;
    b.press("システム設定申込を登録する", &[]).await;
    assert_eq!(b.id(), "system_settings.complete");
    let number = applications(&app, "snap").await[0]["reception_number"]
        .as_str()
        .unwrap()
        .to_string();
    let review = |body: Value| {
        let app = &app;
        let path = format!("workspaces/snap/applications/{number}/review");
        async move {
            let (s, v) = app.post_api(&path, body).await;
            assert_eq!(s, 200, "{v}");
        }
    };
    review(
        json!({"decision": "clarify", "message": "こちらのパスワード初期化は承る事が出来ません。"}),
    )
    .await;
    b.open(&format!("menu/settings/detail?no={number}")).await;
    b.press("システム設定申込を修正する", &[]).await;
    b.press("システム設定申込の入力へ進む", &[]).await;
    b.press("修正", &[]).await;
    b.press(
        "この内容で設定する",
        &[
            ("初期化を希望する", "net 1ANAC A0B"),
            ("業務責任者名(英)", "T.YAMADA"),
        ],
    )
    .await;
    b.press("システム設定申込確認へ進む", &[]).await;
    b.press("システム設定申込を登録する", &[]).await;
    assert_eq!(b.id(), "system_settings.complete", "{:?}", b.errors());
    app.advance("snap", "PT2H").await;
    review(json!({"decision": "approve"})).await;
    let mails = app.mails("snap").await;
    let kinds: Vec<&str> = mails.iter().map(|m| m["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        [
            "system_settings_received",
            "clarification_requested",
            "system_settings_received",
            "system_settings_confirmed"
        ]
    );
    let raw_confirmed = app
        .api
        .get(format!(
            "{}/_sim/api/workspaces/snap/mails/{}/raw",
            app.address, mails[3]["id"]
        ))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let stored = applications(&app, "snap").await[0].clone();
    assert_eq!(stored["naccs_registration"]["registered_on"], "2021-02-12");

    preset(&app, "cancel").await;
    app.post_api(
        "workspaces/cancel/clock",
        json!({"set": "2018-12-15T00:00:00+09:00"}),
    )
    .await;
    let cancelled = app.mails("cancel").await.last().cloned().unwrap();
    assert_eq!(cancelled["kind"], "application_cancelled");

    let text = |m: &Value| m["text"].as_str().unwrap().to_string();
    settings().bind(|| {
        insta::assert_snapshot!("m004_mail_settings_received_text", text(&mails[0]));
        insta::assert_snapshot!("m004_mail_settings_clarification_text", text(&mails[1]));
        insta::assert_snapshot!("m004_mail_settings_received_again_text", text(&mails[2]));
        insta::assert_snapshot!("m004_mail_settings_confirmed_text", text(&mails[3]));
        insta::assert_snapshot!("m004_mail_settings_confirmed_raw", raw_confirmed);
        insta::assert_snapshot!("m004_mail_application_cancelled_text", text(&cancelled));
        insta::assert_json_snapshot!("m004_mails", mails);
        insta::assert_json_snapshot!("m004_application", stored);
    });
}
