//! The change items of 変更内容 入力 beyond the netNACCS terminals (issue 10, M001 l.188-195):
//! 利用業種 / 利用者コード / 識別番号 / 管理統計資料 / 保税管理資料保存サービス through the new
//! application's 利用者コード 入力 pre-filled with the contract, 変更前 / 変更後 on the
//! confirmation, and what approval does with them; the first netNACCS of an office (M001 l.215)
//! end to end; the rules between the items.

use crate::change::{
    NET_ITEM, applications, buttons, cell, newest_number, office_password, review, table, to_items,
};
use crate::support::{Browser, TestApp};
use serde_json::{Value, json};

/// M003's data: SAI002 is created by the 一般NACCS application of 2023-02-27 (SMTP双方向 IDs
/// under CP999, lines, no netNACCS).
const M003_NOW: &str = "2023-02-27T15:48:00+09:00";
const M003_WISH: (&str, &str) = ("利用開始希望日", "20230315");
const USERS: &str = "利用業種・利用者コード等の変更";
const PLAN_ITEM: (&str, &str) = ("料金プランの変更", "料金プラン(AプランまたはBプランの選択)");

/// Presses the button whose value is `op` (one of several buttons printed alike: 修正, 取消).
async fn press_op(b: &mut Browser, op: &str) {
    let (action, pairs) = b.snapshot_form(op);
    b.post(&action, &pairs).await;
}

/// An office logged in, on its menu.
/// 「設定する」 on a code's detail: one setting of 業種, 処理方式 and 識別番号数.
async fn set(b: &mut Browser, industry: &str, method: &str, count: &str) {
    b.press(
        "設定する",
        &[
            ("業種", industry),
            ("処理方式", method),
            ("識別番号数", count),
        ],
    )
    .await;
}

async fn office(app: &TestApp, ws: &str, code: &str) -> Browser {
    let pw = office_password(app, ws, code).await;
    let mut b = app.browser(ws);
    b.login(code, &pw).await;
    assert_eq!(b.id(), "menu.main", "{:?}", b.errors());
    b
}

/// M003's application filed and approved: SAI002 exists, an office without netNACCS.
async fn sai002(app: &TestApp) -> String {
    let ws = app.workspace(2023, M003_NOW).await;
    let mut b = app.browser(&ws);
    let (id, pw) = b.kit_temp_account(app, &ws, "003").await;
    b.login(&id, &pw).await;
    b.kit_application("003", None).await;
    let number = newest_number(app, &ws).await;
    app.advance(&ws, "PT24H").await;
    let (status, answer) = review(app, &ws, &number, json!({"decision": "approve"})).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["issued"]["ids"]["office_code"], "SAI002");
    ws
}

#[tokio::test]
async fn the_first_netnaccs_of_an_office_end_to_end() {
    let app = TestApp::spawn().await;
    let ws = sai002(&app).await;
    let mut b = office(&app, &ws, "SAI002").await;
    b.open("menu/contract?tab=netNACCS").await;
    assert!(b.rows("論理端末").is_empty());
    to_items(&mut b).await;

    // M001 l.215: terminals alone are refused for an office without netNACCS.
    b.press("申込担当者の入力へ進む", &[NET_ITEM, M003_WISH])
        .await;
    assert_eq!(b.id(), "change_application.items");
    assert!(
        b.errors()
            .iter()
            .any(|e| e.contains("「識別番号」と「料金プラン」も同時に")),
        "{:?}",
        b.errors()
    );
    b.press(
        "申込担当者の入力へ進む",
        &[
            (USERS, "識別番号(追加・削除)"),
            NET_ITEM,
            PLAN_ITEM,
            M003_WISH,
        ],
    )
    .await;
    assert_eq!(b.id(), "change_application.applicant", "{:?}", b.errors());
    b.press("次へ進む", &[]).await;

    // 利用者コード 入力 with the contract's code: CP999, shared from SAI001, one SMTP双方向 ID.
    assert_eq!(b.id(), "change_application.user_codes", "{:?}", b.errors());
    assert_eq!(b.title(), "利用者コード 入力");
    let contract = table(&b.screen, "契約情報(利用者コード)");
    assert_eq!(contract.len(), 1, "{contract:?}");
    assert_eq!(contract[0][3], "CP999");
    assert_eq!(contract[0][8], "○");
    // Nothing changed: refused.
    b.press("次へ進む", &[]).await;
    assert_eq!(b.id(), "change_application.user_codes");
    assert_eq!(b.errors(), ["利用者コードの変更内容を入力してください。"]);
    // A SMTP双方向 識別番号 is not the first netNACCS: refused at 次へ進む.
    b.press("修正", &[]).await;
    assert_eq!(b.id(), "change_application.user_code_detail");
    assert_eq!(table(&b.screen, "")[0], ["利用者コード", "CP999"]);
    set(&mut b, "通関業", "SMTP双方向", "1").await;
    b.press("この内容で設定する", &[]).await;
    b.press("次へ進む", &[]).await;
    assert_eq!(b.id(), "change_application.user_codes");
    assert!(
        b.errors()[0].contains("処理方式「netNACCS」の識別番号を追加してください"),
        "{:?}",
        b.errors()
    );
    // The SMTP setting taken back, a netNACCS one set instead.
    b.press("修正", &[]).await;
    let settings = table(&b.screen, "設定した利用者コード情報");
    assert_eq!(settings.len(), 2, "{settings:?}");
    press_op(&mut b, "cancel:1").await;
    // Bad input on the detail: a count that is not a whole number.
    set(&mut b, "通関業", "netNACCS", "1.5").await;
    assert!(!b.errors().is_empty());
    set(&mut b, "通関業", "netNACCS", "1").await;
    assert_eq!(table(&b.screen, "設定した利用者コード情報").len(), 2);
    b.press("この内容で設定する", &[]).await;
    let request = table(&b.screen, "申込情報(利用者コード)");
    assert_eq!(request.len(), 2, "{request:?}");
    assert_eq!(request[0][0], "変更");
    assert_eq!(request[1][3], "net");
    b.press("次へ進む", &[]).await;

    // 論理端末 入力 (no terminal yet), then 料金プラン 入力.
    assert_eq!(b.id(), "change_application.terminals", "{:?}", b.errors());
    b.press("次へ進む", &[(crate::change::ADD_SEA, "1")]).await;
    assert_eq!(b.id(), "change_application.plan", "{:?}", b.errors());
    b.press("次へ進む", &[("適用料金 (netNACCS)", "基本+従量")])
        .await;
    assert_eq!(b.id(), "change_application.confirm", "{:?}", b.errors());
    // 変更前 / 変更後 of the codes.
    assert_eq!(table(&b.screen, "契約情報(利用者コード)"), contract);
    let without_buttons: Vec<Vec<String>> = request.iter().map(|r| r[..10].to_vec()).collect();
    assert_eq!(table(&b.screen, "申込情報(利用者コード)"), without_buttons);
    b.press("申込内容を登録する", &[]).await;
    assert_eq!(b.title(), "NACCS変更申込 完了", "{:?}", b.errors());
    let number = newest_number(&app, &ws).await;
    let stored = app
        .get_api(&format!("workspaces/{ws}/applications/{number}"))
        .await;
    let change = &stored["content"];
    assert_eq!(
        change["user_codes"]["codes"][0]["request"]["settings"][1]["method"], "netnaccs",
        "{stored}"
    );
    b.open(&format!("menu/applications/detail?no={number}"))
        .await;
    assert_eq!(
        cell(&b.screen, "申込内容", "契約変更内容"),
        "料金プラン 識別番号 端末(net)"
    );

    // Approved: one netNACCS ID under CP999 with its password, one terminal.
    app.advance(&ws, "P1D").await;
    let (status, answer) = review(&app, &ws, &number, json!({"decision": "approve"})).await;
    assert_eq!(status, 200, "{answer}");
    let ids = answer["issued"]["ids"]["user_ids"].as_array().unwrap();
    assert_eq!(ids.len(), 1, "{answer}");
    assert_eq!(ids[0]["method"], "netnaccs");
    assert_eq!(ids[0]["user_code"], "CP999");
    assert_eq!(ids[0]["password"].as_str().unwrap().len(), 8);
    assert_eq!(
        answer["issued"]["ids"]["terminals"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // The stored change: 変更内容, the codes before and as applied for, the ID issued.
    let stored = app
        .get_api(&format!("workspaces/{ws}/applications/{number}"))
        .await;
    crate::change::snapshot_settings().bind(|| {
        insta::assert_json_snapshot!("m001_change_first_netnaccs", stored);
    });

    // 契約情報 参照: the new ID beside the SMTP one, the terminal, the plan.
    b.open("menu/contract?tab=netNACCS").await;
    // The netNACCS tab lists the netNACCS ID (the SMTP双方向 one is 一般NACCS), with the
    // 管理統計資料 M003's application gave the code.
    let users = table(&b.screen, "利用者ID");
    assert_eq!(users.len(), 1, "{users:?}");
    assert_eq!(users[0][..5], ["海上", "通関", "net", "CP999", "A0B"]);
    assert_eq!(users[0][6..9], ["×", "×", "×"]);
    assert_eq!(table(&b.screen, "論理端末").len(), 1);
    // ID通知内容: the ID issued, 申込結果 counts one 識別番号 added.
    b.open(&format!("menu/applications/detail?no={number}"))
        .await;
    let href = b.link("ID通知内容").expect("ID通知内容");
    let rel = href.strip_prefix(b.base.as_str()).unwrap().to_string();
    b.open(&rel).await;
    let ids = table(&b.screen, "利用者ID");
    assert_eq!(ids.len(), 1);
    assert_eq!(ids[0][1], "netNACCS");
    assert_eq!(ids[0][2], "CP999");
    assert!(table(&b.screen, "").contains(&vec![
        "識別番号数".to_string(),
        "1".into(),
        "0".into(),
        "0".into()
    ]));
    let offices = app.get_api(&format!("workspaces/{ws}/offices")).await;
    let sai = offices
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["office_code"] == "SAI002")
        .unwrap();
    assert_eq!(sai["profile"]["plan"], "plan_a", "{sai}");
}

/// NAC001: 利用業種 and 管理統計資料 changed, a 識別番号 refused without its item, a new code
/// added, and what 契約情報 shows after approval.
#[tokio::test]
async fn user_codes_industries_and_statistics_of_nac001() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(42, crate::change::NOW).await;
    let mut b = office(&app, &ws, "NAC001").await;
    to_items(&mut b).await;
    b.press(
        "申込担当者の入力へ進む",
        &[
            (USERS, "利用業種(追加・変更・削除)"),
            ("管理統計資料の変更", "管理統計資料(有料分・無料分)"),
            crate::change::WISH,
        ],
    )
    .await;
    b.press("次へ進む", &[]).await;
    assert_eq!(b.id(), "change_application.user_codes", "{:?}", b.errors());
    assert_eq!(
        table(&b.screen, "契約情報(利用者コード)"),
        [
            ["海上", "通関", "net", "1ANAC", "1", "×", "×", "×", "—"],
            ["海上", "混載", "net", "1ANAC", "1", "×", "×", "×", "—"]
        ]
    );
    // 1ANAC: 混載業 becomes 海運業 (same count: a 利用業種 change), 管理統計資料（無料分） 要.
    b.press("修正", &[]).await;
    assert_eq!(b.id(), "change_application.user_code_detail");
    // The code's システム区分 is printed, not asked.
    assert!(b.field("システム区分").is_none());
    press_op(&mut b, "cancel:1").await;
    set(&mut b, "海運業", "netNACCS", "1").await;
    b.press("この内容で設定する", &[("管理統計資料（無料分）", "要")])
        .await;
    assert_eq!(b.id(), "change_application.user_codes", "{:?}", b.errors());
    // A second 識別番号 needs 識別番号(追加・削除): refused with the item to choose.
    b.press("修正", &[]).await;
    set(&mut b, "通関業", "netNACCS", "1").await;
    b.press("この内容で設定する", &[]).await;
    b.press("次へ進む", &[]).await;
    assert_eq!(
        b.errors(),
        [
            "識別番号の追加・削除を行う場合は、変更内容入力で「識別番号(追加・削除)」を選択してください。"
        ]
    );
    b.press("修正", &[]).await;
    press_op(&mut b, "cancel:2").await;
    b.press("この内容で設定する", &[]).await;
    // A new code needs 利用者コード(追加・変更・削除).
    b.press("新規に利用者コードを追加する", &[]).await;
    b.press(
        "設定する",
        &[
            ("システム区分", "航空"),
            ("業種", "航空会社"),
            ("処理方式", "netNACCS"),
            ("識別番号数", "2"),
        ],
    )
    .await;
    // Bad input: 保税管理資料保存サービス without 管理統計資料（有料分）.
    b.press("この内容で設定する", &[("保税管理資料保存サービス", "要")])
        .await;
    assert_eq!(b.id(), "change_application.user_code_detail");
    assert!(b.errors()[0].contains("管理統計資料（有料分）で「要」"));
    b.press("この内容で設定する", &[("保税管理資料保存サービス", "否")])
        .await;
    b.press("次へ進む", &[]).await;
    assert!(b.errors()[0].contains("「利用者コード(追加・変更・削除)」を選択"));
    // Nothing is stored from the refusals.
    assert!(applications(&app, &ws).await.is_empty());
    // The new code deleted again (its row is the third line).
    press_op(&mut b, "delete:1").await;
    assert_eq!(table(&b.screen, "申込情報(利用者コード)").len(), 2);
    b.press("次へ進む", &[]).await;
    assert_eq!(b.id(), "change_application.confirm", "{:?}", b.errors());
    let after = table(&b.screen, "申込情報(利用者コード)");
    assert_eq!(
        after,
        [
            [
                "変更", "海上", "通関", "net", "1ANAC", "1", "×", "○", "×", "—"
            ],
            [
                "変更", "海上", "海運", "net", "1ANAC", "1", "×", "○", "×", "—"
            ]
        ]
    );
    b.press("申込内容を登録する", &[]).await;
    let number = newest_number(&app, &ws).await;
    b.open(&format!("menu/applications/detail?no={number}"))
        .await;
    assert_eq!(
        cell(&b.screen, "申込内容", "契約変更内容"),
        "利用者コード 管理統計資料"
    );
    let (status, answer) = review(&app, &ws, &number, json!({"decision": "approve"})).await;
    assert_eq!(status, 200, "{answer}");
    // The 業種 changed on the same ID: nothing issued.
    assert_eq!(answer["issued"]["ids"]["user_ids"], json!([]));
    b.open("menu/contract?tab=netNACCS").await;
    let users = table(&b.screen, "利用者ID");
    assert_eq!(users.len(), 2, "{users:?}");
    assert!(
        users.iter().all(|r| r.contains(&"○".to_string())),
        "{users:?}"
    );
    let offices = app.get_api(&format!("workspaces/{ws}/offices")).await;
    let nac = offices
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["office_code"] == "NAC001")
        .unwrap();
    let industries: Vec<&Value> = nac["profile"]["issued"]["user_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| &u["industries"][0])
        .collect();
    assert_eq!(industries, [&json!("customs_broker"), &json!("shipping")]);
    assert_eq!(
        nac["profile"]["issued"]["user_ids"][1]["ident"], "A0B",
        "the ID kept"
    );
}

/// 一般NACCSのメールボックス数 (M001 l.191): メールボックス 入力 pre-filled with the contract's
/// numbers, 変更前 / 変更後, the contract's numbers after approval; and M001 l.219: an office on
/// lines that moves is told to change its lines too.
#[tokio::test]
async fn mailboxes_and_a_move_with_lines() {
    let app = TestApp::spawn().await;
    let ws = sai002(&app).await;
    let mut b = office(&app, &ws, "SAI002").await;
    to_items(&mut b).await;
    b.press(
        "申込担当者の入力へ進む",
        &[
            (
                "回線・端末等の変更 (一般NACCS)",
                "一般NACCSのメールボックス数(追加・廃止)",
            ),
            M003_WISH,
        ],
    )
    .await;
    b.press("次へ進む", &[]).await;
    assert_eq!(b.id(), "change_application.mailbox", "{:?}", b.errors());
    assert_eq!(b.title(), "メールボックス 入力");
    // The contract's numbers (none), unchanged: refused; not a whole number: refused.
    b.press("次へ進む", &[]).await;
    assert_eq!(
        b.errors(),
        ["メールボックス数が現在の契約内容から変更されていません。"]
    );
    b.press("次へ進む", &[("メールボックス数 (SMTP/POP3)", "1.5")])
        .await;
    assert_eq!(b.id(), "change_application.mailbox");
    assert!(!b.errors().is_empty());
    b.press("次へ進む", &[("メールボックス数 (SMTP/POP3)", "2")])
        .await;
    assert_eq!(b.id(), "change_application.confirm", "{:?}", b.errors());
    let rows = table(&b.screen, "メールボックスに関する項目");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0][0], "メールボックス数 (SMTP/POP3)");
    assert_eq!(rows[0][1], "");
    assert!(rows[0][2].starts_with('2'), "{rows:?}");
    b.press("申込内容を登録する", &[]).await;
    let number = newest_number(&app, &ws).await;
    b.open(&format!("menu/applications/detail?no={number}"))
        .await;
    assert_eq!(
        cell(&b.screen, "申込内容", "契約変更内容"),
        "メールボックス"
    );
    let (status, answer) = review(&app, &ws, &number, json!({"decision": "approve"})).await;
    assert_eq!(status, 200, "{answer}");
    b.open("menu/contract?tab=一般NACCS").await;
    assert_eq!(
        cell(&b.screen, "メールボックス", "メールボックス数 (SMTP/POP3)"),
        "2"
    );

    // M001 l.219: SAI002 on a line moves without choosing 一般NACCS回線.
    app.state
        .with_workspace(&ws, |w| {
            let sai = w.state.offices.get_mut("SAI002").expect("SAI002");
            let general = sai.contract.general.as_mut().expect("一般NACCS");
            general
                .lines
                .push(nss_simulator::domain::customers::ContractLine {
                    router: 1,
                    system: nss_simulator::domain::lists::SystemKind::Sea,
                    connection: "IP-VPN".into(),
                    kind: "ベストエフォート".into(),
                    access: "1Mbps 光".into(),
                    site: "事業所に同じ".into(),
                    edifact: false,
                    shared: false,
                });
        })
        .unwrap();
    let filed = applications(&app, &ws).await.len();
    to_items(&mut b).await;
    b.press(
        "申込担当者の入力へ進む",
        &[
            ("本社・事業所の変更", "企業名、事業所名、所在地等"),
            M003_WISH,
        ],
    )
    .await;
    b.press("次へ進む", &[]).await;
    assert_eq!(b.id(), "change_application.office", "{:?}", b.errors());
    b.press("次へ進む", &[("住所(その他)", "西新橋９－９－９")])
        .await;
    assert_eq!(b.id(), "change_application.office");
    assert_eq!(
        b.errors(),
        [
            "回線を利用している事業所が移転する場合は、「一般NACCS回線の登録情報」も選択し、回線設置場所も変更してください。"
        ]
    );
    // Another change of the office (its name) is not a move.
    b.press(
        "次へ進む",
        &[
            ("住所(その他)", "西新橋１－２－３"),
            ("事業所名", "CP利用者２"),
        ],
    )
    .await;
    assert_eq!(b.id(), "change_application.confirm", "{:?}", b.errors());
    assert_eq!(applications(&app, &ws).await.len(), filed);
}

/// Tampered buttons of 利用者コード 入力 and its detail are no 500 and change nothing.
#[tokio::test]
async fn tampered_operations_of_the_code_screens() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(42, crate::change::NOW).await;
    let mut b = office(&app, &ws, "NAC001").await;
    to_items(&mut b).await;
    b.press(
        "申込担当者の入力へ進む",
        &[(USERS, "識別番号(追加・削除)"), crate::change::WISH],
    )
    .await;
    b.press("次へ進む", &[]).await;
    assert_eq!(b.id(), "change_application.user_codes", "{:?}", b.errors());
    let before = table(&b.screen, "申込情報(利用者コード)");
    for op in [
        "edit:99",
        "delete:99",
        "restore:99",
        "delete:x",
        "edit:-1",
        "bogus",
    ] {
        press_op(&mut b, op).await;
        assert_eq!(b.status, 200, "{op}");
        assert_eq!(b.id(), "change_application.user_codes", "{op}");
        assert_eq!(table(&b.screen, "申込情報(利用者コード)"), before, "{op}");
    }
    // Opened out of turn: the 予期しない操作 error, as every screen.
    let mut other = office(&app, &ws, "NAC001").await;
    other.open("change/users/detail").await;
    assert_eq!(other.id(), "error.unexpected_operation");
    // The detail's tampered buttons.
    b.press("修正", &[]).await;
    assert_eq!(b.id(), "change_application.user_code_detail");
    for op in ["cancel:7", "cancel:x", "bogus"] {
        press_op(&mut b, op).await;
        assert_eq!(b.status, 200, "{op}");
        assert_eq!(
            table(&b.screen, "設定した利用者コード情報").len(),
            2,
            "{op}"
        );
    }
    // 「この内容で設定する」 without a setting: the new application's message.
    for _ in 0..2 {
        press_op(&mut b, "cancel:0").await;
    }
    b.press("この内容で設定する", &[]).await;
    assert_eq!(b.id(), "change_application.user_code_detail");
    assert!(
        b.errors()
            .iter()
            .any(|e| e.contains("「設定する」ボタンをクリックしてください")),
        "{:?}",
        b.errors()
    );
    b.press("利用者コードの一覧入力に戻る", &[]).await;
    assert_eq!(table(&b.screen, "申込情報(利用者コード)"), before);
    assert!(applications(&app, &ws).await.is_empty());
}

/// The change's 利用者コード 入力 and its detail as HTML pages: 200, the title, both tables.
#[tokio::test]
async fn the_code_screens_render_as_html() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(42, crate::change::NOW).await;
    let pw = office_password(&app, &ws, "NAC001").await;
    let mut h = crate::html::HtmlBrowser::new(&app, &ws);
    h.open("login/nsscoapp/").await;
    h.press("ログイン", &[("login_id", "NAC001"), ("password", &pw)])
        .await;
    h.open("menu/contract?tab=netNACCS").await;
    h.press("契約情報を変更する", &[]).await;
    assert_eq!(h.screen(), "change_application.guidance");
    // M001 l.167-168: the forward button above and below the steps.
    assert_eq!(
        h.page.matches("申込内容選択へ進む &gt;</button>").count(),
        2
    );
    h.press("申込内容選択へ進む", &[]).await;
    h.press(
        "申込担当者の入力へ進む",
        &[("change_users", "ident"), ("start_wish", "20131205")],
    )
    .await;
    h.press("次へ進む", &[]).await;
    assert_eq!(h.status, 200);
    assert_eq!(h.screen(), "change_application.user_codes", "{}", h.page);
    assert_eq!(h.title(), "利用者コード 入力");
    assert!(h.page.contains("契約情報(利用者コード)"));
    assert!(h.page.contains("申込情報(利用者コード)"));
    h.press("修正", &[]).await;
    assert_eq!(h.status, 200);
    assert_eq!(h.screen(), "change_application.user_code_detail");
    assert!(h.page.contains("1ANAC"));
    assert!(h.page.contains("設定した利用者コード情報"));
}

/// A change of codes answered with 修正 after a 確認事項: the screens re-open with what was
/// registered, a 識別番号 is added on top, and the corrected change replaces the first.
#[tokio::test]
async fn a_code_change_amended_after_a_clarification() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(42, crate::change::NOW).await;
    let mut b = office(&app, &ws, "NAC001").await;
    to_items(&mut b).await;
    b.press(
        "申込担当者の入力へ進む",
        &[(USERS, "識別番号(追加・削除)"), crate::change::WISH],
    )
    .await;
    b.press("次へ進む", &[]).await;
    b.press("修正", &[]).await;
    set(&mut b, "通関業", "netNACCS", "1").await;
    b.press("この内容で設定する", &[]).await;
    b.press("次へ進む", &[]).await;
    b.press("申込内容を登録する", &[]).await;
    let number = newest_number(&app, &ws).await;
    let (status, _) = review(
        &app,
        &ws,
        &number,
        json!({"decision": "clarify", "message": "識別番号を2つ追加してください。"}),
    )
    .await;
    assert_eq!(status, 200);
    b.open(&format!("menu/applications/detail?no={number}"))
        .await;
    b.press("利用申込を修正する", &[]).await;
    b.press("申込内容選択へ進む", &[]).await;
    b.press("申込担当者の入力へ進む", &[]).await;
    b.press("次へ進む", &[]).await;
    assert_eq!(b.id(), "change_application.user_codes", "{:?}", b.errors());
    // What was registered: three settings on 1ANAC.
    assert_eq!(table(&b.screen, "申込情報(利用者コード)").len(), 3);
    assert!(
        buttons(&b.screen).contains(&"申込情報参照に戻る".to_string()),
        "{:?}",
        buttons(&b.screen)
    );
    b.press("修正", &[]).await;
    set(&mut b, "通関業", "netNACCS", "1").await;
    b.press("この内容で設定する", &[]).await;
    b.press("次へ進む", &[]).await;
    b.press("申込内容を登録する", &[]).await;
    assert_eq!(b.title(), "NACCS変更申込 完了", "{:?}", b.errors());
    assert_eq!(applications(&app, &ws).await.len(), 1);
    let (status, answer) = review(&app, &ws, &number, json!({"decision": "approve"})).await;
    assert_eq!(status, 200, "{answer}");
    let ids: Vec<&str> = answer["issued"]["ids"]["user_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["ident"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 2, "{answer}");
    assert!(ids.iter().all(|i| *i != "A0A" && *i != "A0B"), "{ids:?}");
}
