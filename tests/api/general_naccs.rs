//! The 一般NACCS branch (M003): manual 003's outputs as snapshots, and its bad input — a shared
//! 利用者コード that does not exist or is another company's, a new line without its diagram, a
//! file that is not one or too large, a mailbox count that is not a whole number — refused with
//! a message, nothing stored, everything else kept.

use super::sharing::{applications, at, field_value, settings, type_into};
use crate::support::TestApp;
use crate::support::kit_data::kit;
use serde_json::{Value, json};

/// M003's day (the screenshots' 2023/02/27).
const M003_NOW: &str = "2023-02-27T15:48:00+09:00";

#[tokio::test]
async fn manual_003_outputs() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(2023, M003_NOW).await;
    let mut b = app.browser(&ws);
    let (id, pw) = b.kit_temp_account(&app, &ws, "003").await;
    b.login(&id, &pw).await;
    b.kit_application("003", None).await;
    let number = applications(&app, &ws).await[0]["reception_number"]
        .as_str()
        .unwrap()
        .to_string();
    app.advance(&ws, "PT24H").await;
    let review = format!("workspaces/{ws}/applications/{number}/review");
    let (status, answer) = app.post_api(&review, json!({"decision": "approve"})).await;
    assert_eq!(status, 200, "{answer}");
    let (status, _) = app
        .post_api(&review, json!({"decision": "issue_certificates"}))
        .await;
    assert_eq!(status, 409, "no terminal, no certificate");
    let mails = app.mails(&ws).await;
    let kinds: Vec<&str> = mails.iter().filter_map(|m| m["kind"].as_str()).collect();
    assert_eq!(
        kinds,
        [
            "temp_account_registered",
            "application_received",
            "application_confirmed",
            "account_transfer_form"
        ]
    );
    let stored = app
        .get_api(&format!("workspaces/{ws}/applications/{number}"))
        .await;
    let ids = &stored["issued"]["ids"];
    assert_eq!(ids["office_code"], "SAI002");
    assert_eq!(
        ids["user_ids"],
        json!([{
            "ident": "YA1", "industries": ["customs_broker"], "method": "smtp_bidirectional",
            "password": ids["user_ids"][0]["password"], "shared": true, "system": "sea",
            "user_code": "CP999"
        }])
    );
    assert_eq!(ids["terminals"], json!([]));
    super::sharing::assert_entered(&stored, &kit("003")["file_application"]);

    // The printed 申込書 carries the 一般NACCS path's sections, not 論理端末・証明書.
    let form = b
        .client
        .get(format!(
            "{}{}menu/applications/document?no={number}&doc=application",
            b.origin, b.base
        ))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for wanted in [
        "申込情報(回線)",
        "メールボックスに関する項目",
        "適用料金 (一般NACCS)",
        "CP999",
    ] {
        assert!(form.contains(wanted), "{wanted} not in the 申込書");
    }
    assert!(!form.contains("webNACCSに関する項目"));
    b.open(&format!("menu/applications/id-notice?no={number}"))
        .await;
    assert_eq!(b.id(), "applications.id_notice");
    let notice = b.screen.clone();
    let text = |m: &Value| m["text"].as_str().unwrap().to_string();
    settings().bind(|| {
        insta::assert_snapshot!("m003_mail_application_received_text", text(&mails[1]));
        insta::assert_snapshot!("m003_mail_application_confirmed_text", text(&mails[2]));
        insta::assert_json_snapshot!("m003_mails", mails);
        insta::assert_json_snapshot!("m003_application", stored);
        insta::assert_json_snapshot!("m003_id_notice_screen", notice);
    });
}

/// The shared 利用者コード (M003 ⑪): refused at 「この内容で設定する」 when unknown or another
/// company's; the code typed and the 識別番号 settings stay; nothing is registered.
#[tokio::test]
async fn a_shared_code_must_exist_and_be_the_companys() {
    let app = TestApp::spawn().await;
    let cases = [
        ("ZZ999", "利用者コード「ZZ999」は登録されていません。"),
        (
            "1anac",
            "利用者コード「1ANAC」は申込の企業の事業所の利用者コードではないため",
        ),
        ("CP-99", "利用者コードは半角英数字5桁で入力してください。"),
    ];
    for (i, (code, message)) in cases.iter().enumerate() {
        let ws = app.workspace(60 + i as u64, M003_NOW).await;
        let mut b = at(&app, &ws, "003", "利用者コード 入力").await;
        b.press("他事業所の利用者コードを共用する", &[]).await;
        b.press(
            "設定する",
            &[
                ("業種", "通関業"),
                ("処理方式", "SMTP双方向"),
                ("識別番号数", "2"),
            ],
        )
        .await;
        assert!(b.errors().is_empty(), "{:?}", b.errors());
        b.press("この内容で設定する", &[("利用者コード", code)])
            .await;
        assert_eq!(b.id(), "new_application.user_code_detail", "{code}");
        assert!(
            b.errors().iter().any(|e| e.contains(message)),
            "{code}: {:?}",
            b.errors()
        );
        assert_eq!(field_value(&b, "利用者コード"), *code);
        let settings = &b.screen["tables"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["caption"] == "設定した利用者コード情報")
            .unwrap()["rows"];
        assert_eq!(settings, &json!([["通関", "双方向", "2", "取消"]]));
        assert!(applications(&app, &ws).await.is_empty());
    }
}

/// Registration checks the shared code again: CP999 gone from the workspace after the detail
/// accepted it is refused at 「申込内容を登録する」, and nothing is stored.
#[tokio::test]
async fn the_shared_code_is_checked_again_at_registration() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(70, M003_NOW).await;
    let mut b = at(&app, &ws, "003", "申込内容 確認").await;
    app.state
        .with_workspace(&ws, |w| {
            let sai = w.state.offices.get_mut("SAI001").expect("SAI001");
            sai.contract.issued.user_ids.clear();
        })
        .unwrap();
    b.press("申込内容を登録する", &[]).await;
    assert_eq!(b.id(), "new_application.confirm");
    assert!(
        b.errors()
            .iter()
            .any(|e| e.contains("利用者コード「CP999」は登録されていません。")),
        "{:?}",
        b.errors()
    );
    assert!(applications(&app, &ws).await.is_empty());
}

/// A line on the 一般NACCS path as a test adds it (回線サービス・論理端末情報 入力).
async fn add_line(b: &mut crate::support::Browser) {
    b.press("新規に回線・論理端末を追加する", &[]).await;
    b.press(
        "この内容で設定する",
        &[
            ("区分", "海上"),
            ("接続方式", "IP-VPN"),
            ("アクセス速度", "100Mbps"),
            ("回線種別", "光回線（ベストエフォート）"),
            ("工事希望日", "20230307"),
            ("利用機器区分", "インタラクティブ端末"),
            ("論理端末数", "2"),
            ("工事事務担当者 氏名 姓", "港湾"),
            ("工事事務担当者 氏名 名", "次郎"),
            ("工事事務担当者 電話番号", "0301234568"),
        ],
    )
    .await;
    assert_eq!(b.id(), "new_application.lines", "{:?}", b.errors());
}

fn diagram_rows(b: &crate::support::Browser) -> usize {
    b.screen["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["columns"][0] == "添付ファイル名")
        .map_or(0, |t| t["rows"].as_array().unwrap().len())
}

/// A new line needs its システム構成図 (M003:l.599); files that are not files or are too large are
/// refused; the 機器共用先 typed stays; nothing is registered.
#[tokio::test]
async fn a_new_line_needs_its_diagram_and_bad_files_are_refused() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(71, M003_NOW).await;
    let mut b = at(&app, &ws, "003", "回線・論理端末 入力").await;
    add_line(&mut b).await;
    b.press("次へ進む", &[]).await;
    assert_eq!(b.id(), "new_application.lines");
    assert_eq!(
        b.field("システム構成図").unwrap()["error"],
        "新規申込の場合は「システム構成図」のご提出が必要です。STEP1～STEP3に従い、システム構成図を添付してください。"
    );
    let cases: &[(Option<(&str, usize)>, &str)] = &[
        (None, "添付するファイルを選択してください。"),
        (Some(("構成図.xlsx", 0)), "添付するファイルの内容が空です。"),
        (
            Some(("構成図.xlsx", 1024 * 1024 + 1)),
            "上限（1MB）を超えています",
        ),
        (
            Some(("構成図.xlsx", 3 * 1024 * 1024)),
            "上限（1MB）を超えています",
        ),
    ];
    for (file, message) in cases {
        type_into(&mut b, "事業所コード(機器共用先)", "SAI001");
        b.press_with_file(
            "システム構成図を添付する",
            "システム構成図",
            file.map(|(n, size)| (n, vec![1u8; size])),
        )
        .await;
        assert_eq!(b.id(), "new_application.lines");
        assert!(
            b.errors().iter().any(|e| e.contains(message)),
            "{file:?}: {:?}",
            b.errors()
        );
        assert_eq!(diagram_rows(&b), 0, "{file:?}");
    }
    // The line stays listed; with the diagram the screen is left.
    assert_eq!(
        b.screen["tables"].as_array().unwrap()[0]["rows"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    b.press_with_file(
        "システム構成図を添付する",
        "システム構成図",
        Some(("構成図.xlsx", vec![1u8; 2048])),
    )
    .await;
    assert!(b.errors().is_empty(), "{:?}", b.errors());
    assert_eq!(diagram_rows(&b), 1);
    b.press("次へ進む", &[("事業所コード(機器共用先)", "")])
        .await;
    assert_eq!(b.id(), "new_application.mailbox", "{:?}", b.errors());
    assert!(applications(&app, &ws).await.is_empty());
}

/// メールボックス数 (M003:l.646-649): whole numbers only; the other count typed stays.
#[tokio::test]
async fn a_mailbox_count_must_be_a_whole_number() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(72, M003_NOW).await;
    let mut b = at(&app, &ws, "003", "メールボックス 入力").await;
    let label = "メールボックス数 (SMTP/POP3)";
    let cases = [
        (
            "1.5",
            "メールボックス数 (SMTP/POP3)は半角数字で入力してください。",
        ),
        (
            "-1",
            "メールボックス数 (SMTP/POP3)は半角数字で入力してください。",
        ),
        (
            "２",
            "メールボックス数 (SMTP/POP3)は半角数字で入力してください。",
        ),
        (
            "abc",
            "メールボックス数 (SMTP/POP3)は半角数字で入力してください。",
        ),
        (
            "0",
            "メールボックス数 (SMTP/POP3)は1～999の範囲で半角数字で入力してください。",
        ),
        (
            "1000",
            "メールボックス数 (SMTP/POP3)は1～999の範囲で半角数字で入力してください。",
        ),
    ];
    for (value, message) in cases {
        b.press(
            "次へ進む",
            &[(label, value), ("メールボックス数 (EDIFACT)", "3")],
        )
        .await;
        assert_eq!(b.id(), "new_application.mailbox", "{value}");
        assert_eq!(
            b.field(label).unwrap()["error"].as_str(),
            Some(message),
            "{value}"
        );
        assert_eq!(field_value(&b, label), value);
        assert_eq!(field_value(&b, "メールボックス数 (EDIFACT)"), "3");
    }
    b.press("次へ進む", &[(label, "2")]).await;
    assert_eq!(b.id(), "new_application.plan");
    assert!(applications(&app, &ws).await.is_empty());
}

/// STEP1's template downloads as a CSV attachment.
#[tokio::test]
async fn the_diagram_template_downloads() {
    let app = TestApp::spawn().await;
    let r = app
        .api
        .get(format!(
            "{}/_static/system-diagram-template.csv",
            app.address
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment;")
    );
    let text = r.text().await.unwrap();
    assert!(
        text.starts_with("\u{FEFF}システム構成図（ひな形）"),
        "{text}"
    );
    assert!(text.contains("ルータ番号,区分,接続方式"));
}
