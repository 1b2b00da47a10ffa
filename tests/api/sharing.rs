//! Equipment sharing (M002 機器共用): the manual's outputs as snapshots, and the rules over the
//! workspace's offices refused with their messages — on the screen where they parse and again
//! at registration — with nothing stored and every other value kept.

use crate::support::kit_data::kit;
use crate::support::{Browser, TestApp};
use serde_json::{Value, json};

pub(crate) fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    s.set_prepend_module_to_snapshot(false);
    s
}

/// M002's timeline: registration on the 利用契約関係申込締切日 of its 利用開始日 2018/11/06.
const M002_NOW: &str = "2018-10-22T10:00:00+09:00";

/// A browser logged in with a new 仮ログインID of manual `manual`'s applicant, on the screen
/// titled `until` with every earlier screen filled from the kit.
pub(crate) async fn at(app: &TestApp, ws: &str, manual: &str, until: &str) -> Browser {
    let mut b = app.browser(ws);
    let (id, pw) = b.kit_temp_account(app, ws, manual).await;
    b.login(&id, &pw).await;
    b.kit_application(manual, Some(until)).await;
    b
}

/// Types into a text field of the current screen document, as a person does before pressing a
/// button that sends the whole form.
pub(crate) fn type_into(b: &mut Browser, label: &str, value: &str) {
    let name = b.field(label).expect("field")["name"].clone();
    for f in b.screen["forms"][0]["fields"].as_array_mut().unwrap() {
        if f["name"] == name {
            f["value"] = Value::String(value.to_string());
        }
    }
}

pub(crate) fn field_value(b: &Browser, label: &str) -> String {
    b.field(label)
        .and_then(|f| f["value"].as_str().map(str::to_string))
        .unwrap_or_else(|| panic!("no field {label} on {}", b.id()))
}

pub(crate) async fn applications(app: &TestApp, ws: &str) -> Vec<Value> {
    app.get_api(&format!("workspaces/{ws}/applications"))
        .await
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// Every leaf of a kit input is what the stored application's `entered` holds at the same path
/// (docs/kit.md, "The record"): check boxes as sets, lists of objects in order, files by name and
/// size.
pub(crate) fn assert_entered(stored: &Value, input: &Value) {
    fn walk(expected: &Value, recorded: &Value, path: &str) {
        match expected {
            Value::Object(m) if m.contains_key("base64") => {
                use base64::Engine as _;
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(m["base64"].as_str().unwrap_or(""))
                    .unwrap_or_default();
                assert_eq!(recorded["ファイル名"], m["ファイル名"], "{path}");
                assert_eq!(recorded["サイズ"], bytes.len(), "{path}");
            }
            Value::Object(m) => {
                for (k, v) in m {
                    walk(v, &recorded[k], &format!("{path} / {k}"));
                }
            }
            Value::Array(items) if items.iter().all(Value::is_string) => {
                let mut want: Vec<&Value> = items.iter().collect();
                let mut got: Vec<&Value> =
                    recorded.as_array().map_or(vec![], |a| a.iter().collect());
                want.sort_by_key(|v| v.to_string());
                got.sort_by_key(|v| v.to_string());
                assert_eq!(want, got, "{path}");
            }
            Value::Array(items) => {
                let got = recorded.as_array().cloned().unwrap_or_default();
                assert_eq!(items.len(), got.len(), "{path}");
                for (i, (e, r)) in items.iter().zip(&got).enumerate() {
                    walk(e, r, &format!("{path}[{i}]"));
                }
            }
            v => assert_eq!(recorded, v, "{path}"),
        }
    }
    walk(input, &stored["entered"], "entered");
}

#[tokio::test]
async fn manual_002_outputs() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(2018, M002_NOW).await;
    let mut b = app.browser(&ws);
    let (id, pw) = b.kit_temp_account(&app, &ws, "002").await;
    b.login(&id, &pw).await;
    b.kit_application("002", None).await;
    let number = applications(&app, &ws).await[0]["reception_number"]
        .as_str()
        .unwrap()
        .to_string();
    app.advance(&ws, "PT24H").await;
    let (status, answer) = app
        .post_api(
            &format!("workspaces/{ws}/applications/{number}/review"),
            json!({"decision": "approve"}),
        )
        .await;
    assert_eq!(status, 200, "{answer}");
    // Nothing to certify: the center says so, and no 作業完了 mail goes out (audit M-20).
    let (status, answer) = app
        .post_api(
            &format!("workspaces/{ws}/applications/{number}/review"),
            json!({"decision": "issue_certificates"}),
        )
        .await;
    assert_eq!(status, 409, "{answer}");
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
    assert_eq!(stored["issued"]["ids"]["sharing_office"], "NAC001");
    assert_eq!(stored["issued"]["ids"]["terminals"], json!([]));
    // The record in the kit's input shape equals the kit's data, leaf by leaf.
    assert_entered(&stored, &kit("002")["file_application"]);

    // ID通知内容 as the applicant opens it the day after approval.
    let mut b = app.browser(&ws);
    b.login(&id, &pw).await;
    b.open(&format!("menu/applications/id-notice?no={number}"))
        .await;
    assert_eq!(b.id(), "applications.id_notice");
    let notice = b.screen.clone();
    let text = |m: &Value| m["text"].as_str().unwrap().to_string();
    settings().bind(|| {
        insta::assert_snapshot!("m002_mail_application_received_text", text(&mails[1]));
        insta::assert_snapshot!("m002_mail_application_confirmed_text", text(&mails[2]));
        insta::assert_json_snapshot!("m002_mails", mails);
        insta::assert_json_snapshot!("m002_application", stored);
        insta::assert_json_snapshot!("m002_id_notice_screen", notice);
    });
}

/// 事業所コード(機器共用先) on 論理端末・証明書 入力 (M002 ⑦): each wrong value refused with its
/// message, the rest of the screen kept, nothing registered.
#[tokio::test]
async fn the_owner_office_is_checked_where_it_is_entered() {
    let app = TestApp::spawn().await;
    let box_label = "機器共用・共同利用、図様添付を希望せず、または自社システムを利用します。";
    let cases: &[(&str, &str, &str)] = &[
        ("ZZZ999", "", "「ZZZ999」の事業所は登録されていません。"),
        (
            "NAC01",
            "",
            "事業所コード(機器共用先)は半角英数字6桁で入力してください。",
        ),
        (
            "NAC-01",
            "",
            "事業所コード(機器共用先)は半角英数字6桁で入力してください。",
        ),
        ("NAC002", "", "論理端末・回線を契約していないため"),
        (
            "NAC001",
            "2",
            "機器共用を申請する場合、論理端末に関する項目",
        ),
    ];
    for (i, (owner, terminals, message)) in cases.iter().enumerate() {
        let ws = app.workspace(40 + i as u64, M002_NOW).await;
        let mut b = at(&app, &ws, "002", "論理端末・証明書 入力").await;
        b.press(
            "次へ進む",
            &[
                ("事業所コード(機器共用先)", owner),
                ("論理端末数 (netNACCS)", terminals),
                (box_label, box_label),
            ],
        )
        .await;
        assert_eq!(b.id(), "new_application.terminals", "{owner}");
        let error = b.field("事業所コード(機器共用先)").unwrap()["error"]
            .as_str()
            .unwrap_or("")
            .to_string();
        assert!(error.contains(message), "{owner}: {error}");
        assert_eq!(field_value(&b, "事業所コード(機器共用先)"), *owner);
        assert_eq!(field_value(&b, "論理端末数 (netNACCS)"), *terminals);
        assert!(applications(&app, &ws).await.is_empty());
    }
}

/// The rules run again at 「申込内容を登録する」: an owner that lost its terminals after
/// 論理端末・証明書 入力 accepted it is refused there, and nothing is stored.
#[tokio::test]
async fn the_owner_is_checked_again_at_registration() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(7, M002_NOW).await;
    let mut b = at(&app, &ws, "002", "申込内容 確認").await;
    app.state
        .with_workspace(&ws, |w| {
            let owner = w.state.offices.get_mut("NAC001").expect("NAC001");
            owner.contract.issued.terminals.clear();
        })
        .unwrap();
    b.press("申込内容を登録する", &[("備考", "通関業許可XX月XX日予定")])
        .await;
    assert_eq!(b.id(), "new_application.confirm");
    assert!(
        b.errors()
            .iter()
            .any(|e| e.contains("「NAC001」の事業所は論理端末・回線を契約していない")),
        "{:?}",
        b.errors()
    );
    assert_eq!(field_value(&b, "備考"), "通関業許可XX月XX日予定");
    assert!(applications(&app, &ws).await.is_empty());
    assert!(
        app.mails(&ws)
            .await
            .iter()
            .all(|m| m["kind"] != "application_received")
    );
}

/// Another company's office is 共同利用 (M002 l.10): registration needs the 委任状 (M003 l.759).
#[tokio::test]
async fn joint_use_needs_the_power_of_attorney() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(8, M002_NOW).await;
    let mut b = at(&app, &ws, "002", "論理端末・証明書 入力").await;
    let box_label = "機器共用・共同利用、図様添付を希望せず、または自社システムを利用します。";
    b.press(
        "次へ進む",
        &[
            ("事業所コード(機器共用先)", "SAI001"),
            (box_label, box_label),
        ],
    )
    .await;
    assert_eq!(b.id(), "new_application.plan", "{:?}", b.errors());
    let data = kit("002")["file_application"].clone();
    b.kit_walk(&data, Some("申込内容 確認")).await;
    assert!(
        b.screen["notices"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n.as_str().unwrap().contains("委任状")),
        "{}",
        b.screen["notices"]
    );
    b.press("申込内容を登録する", &[]).await;
    assert_eq!(b.id(), "new_application.confirm");
    assert!(applications(&app, &ws).await.is_empty());
    b.press_with_file(
        "ファイルを添付する",
        "添付ファイル",
        Some(("委任状.pdf", vec![1; 300])),
    )
    .await;
    assert!(b.errors().is_empty(), "{:?}", b.errors());
    b.press("申込内容を登録する", &[]).await;
    assert_eq!(b.id(), "new_application.complete", "{:?}", b.errors());
    let stored = &applications(&app, &ws).await[0];
    assert_eq!(
        stored["content"]["attachments"],
        json!([{"name": "委任状.pdf", "size": 300}])
    );
}

/// Files on 申込内容 確認: a text value posted as the file, an empty file, a file over 1 MiB and
/// a body over the 2 MiB limit are refused; the 備考 typed stays; nothing is attached.
#[tokio::test]
async fn attachments_that_are_not_files_or_too_large_are_refused() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(9, M002_NOW).await;
    let mut b = at(&app, &ws, "002", "申込内容 確認").await;
    let remarks = "通関業許可XX月XX日予定";
    let cases: &[(Option<(&str, usize)>, &str)] = &[
        (None, "添付するファイルを選択してください。"),
        (Some(("", 10)), "添付するファイルを選択してください。"),
        (Some(("委任状.pdf", 0)), "添付するファイルの内容が空です。"),
        (
            Some(("委任状.pdf", 1024 * 1024 + 1)),
            "上限（1MB）を超えています",
        ),
        (
            Some(("委任状.pdf", 3 * 1024 * 1024)),
            "上限（1MB）を超えています",
        ),
    ];
    for (file, message) in cases {
        // Typed into 備考 before choosing the file: sent with the same post.
        type_into(&mut b, "備考", remarks);
        b.press_with_file(
            "ファイルを添付する",
            "添付ファイル",
            file.map(|(n, size)| (n, vec![7u8; size])),
        )
        .await;
        assert_eq!(b.id(), "new_application.confirm");
        assert!(
            b.errors().iter().any(|e| e.contains(message)),
            "{file:?}: {:?}",
            b.errors()
        );
        assert_eq!(field_value(&b, "備考"), remarks, "{file:?}");
        let attached = b.screen["tables"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["caption"] == "")
            .map(|t| t["rows"].as_array().unwrap().len());
        assert_eq!(attached, Some(0), "{file:?}");
    }
    assert!(applications(&app, &ws).await.is_empty());
}

/// The operator console shows the owner office and the results of the rules beside the
/// application.
#[tokio::test]
async fn the_console_shows_the_owner_and_the_checks() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(10, M002_NOW).await;
    let mut b = at(&app, &ws, "002", "申込内容 確認").await;
    b.press("申込内容を登録する", &[]).await;
    let number = applications(&app, &ws).await[0]["reception_number"]
        .as_str()
        .unwrap()
        .to_string();
    let page = app.page(&format!("/_sim/console/{ws}/{number}")).await;
    for wanted in [
        "事業所コード(機器共用先)",
        "チェック結果",
        "機器共用先（存在・機器所有・同一企業・同一住所）",
        "NAC001（ナックスシステム株式会社 本社）: 同一企業・同一住所の機器共用",
    ] {
        assert!(page.contains(wanted), "{wanted} not in the console page");
    }
    // No certificate button for an office without terminals, once approved.
    app.post_api(
        &format!("workspaces/{ws}/applications/{number}/review"),
        json!({"decision": "approve"}),
    )
    .await;
    let page = app.page(&format!("/_sim/console/{ws}/{number}")).await;
    assert!(!page.contains("デジタル証明書を発行する"));
    // A broken rule shows NG with the applicant's message.
    app.state
        .with_workspace(&ws, |w| {
            w.state.offices.get_mut("NAC001").unwrap().contract.street = "堀川町１番地".into();
        })
        .unwrap();
    let page = app.page(&format!("/_sim/console/{ws}/{number}")).await;
    assert!(page.contains("NG"), "{page}");
    assert!(page.contains("機器共用依頼事業所の住所は、機器所有事業所と同一住所となります。"));
}
