//! 一般NACCS回線 and 一般NACCS端末 of a change (issue 10, M001 l.190): the new application's
//! 回線・論理端末 入力 and 回線サービス・論理端末情報 入力 pre-filled with the contract's lines,
//! 変更 / 廃止 / 追加, the rules between the items, M001 l.219's move, and what approval does.

use crate::change::{applications, cell, newest_number, office_password, review, table, to_items};
use crate::support::{Browser, TestApp};
use serde_json::json;

const M003_NOW: &str = "2023-02-27T15:48:00+09:00";
const WISH: (&str, &str) = ("利用開始希望日", "20230315");
const GENERAL: &str = "回線・端末等の変更 (一般NACCS)";
const LINE_ITEM: (&str, &str) = (GENERAL, "一般NACCS回線の登録情報(追加・変更・廃止)");
/// Both items (check boxes of one row are typed as their labels joined by 「、」).
const BOTH_ITEMS: (&str, &str) = (
    GENERAL,
    "一般NACCS回線の登録情報(追加・変更・廃止)、一般NACCS端末の登録情報(追加・変更・削除)",
);

/// Presses the button whose value is `op` (one of several buttons printed alike).
async fn press_op(b: &mut Browser, op: &str) {
    let (action, pairs) = b.snapshot_form(op);
    b.post(&action, &pairs).await;
}

/// The kit's 一般NACCS data set (M003's application with one line of two interactive
/// terminals) filed and approved: SAI002 exists with line 1 and its two terminals.
async fn sai002_with_line(app: &TestApp) -> String {
    let ws = app.workspace(2023, M003_NOW).await;
    let mut b = app.browser(&ws);
    let (id, pw) = b.kit_temp_account(app, &ws, "003").await;
    b.login(&id, &pw).await;
    let data =
        nss_simulator::kit::data::set("general_lines").expect("general_lines")["file_application"]
            .clone();
    b.press("次へ進む", &[]).await;
    b.kit_walk(&data, Some("回線・論理端末 入力")).await;
    // The diagram the set lists (the test browser adds the set's lines, not its files).
    b.press_with_file(
        "システム構成図を添付する",
        "システム構成図",
        Some(("システム構成図.csv", b"x".to_vec())),
    )
    .await;
    b.kit_walk(&data, None).await;
    assert_eq!(b.id(), "new_application.complete", "{:?}", b.errors());
    let number = newest_number(app, &ws).await;
    app.advance(&ws, "PT24H").await;
    let (status, answer) = review(app, &ws, &number, json!({"decision": "approve"})).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["issued"]["ids"]["office_code"], "SAI002");
    ws
}

async fn sai002(app: &TestApp, ws: &str) -> Browser {
    let pw = office_password(app, ws, "SAI002").await;
    let mut b = app.browser(ws);
    b.login("SAI002", &pw).await;
    assert_eq!(b.id(), "menu.main", "{:?}", b.errors());
    b
}

/// From the menu to 回線・論理端末 入力 with `items` chosen.
async fn to_lines(b: &mut Browser, items: &[(&str, &str)]) {
    to_items(b).await;
    let mut values = items.to_vec();
    values.push(WISH);
    b.press("申込担当者の入力へ進む", &values).await;
    b.press("次へ進む", &[]).await;
    assert_eq!(b.id(), "change_application.lines", "{:?}", b.errors());
}

/// The fields 回線サービス・論理端末情報 入力 asks that the contract does not hold.
const WORKS: [(&str, &str); 4] = [
    ("工事希望日", "20230310"),
    ("工事事務担当者 氏名 姓", "港湾"),
    ("工事事務担当者 氏名 名", "次郎"),
    ("工事事務担当者 電話番号", "0301234568"),
];

async fn add_line(b: &mut Browser) {
    b.press("新規に回線・論理端末を追加する", &[]).await;
    assert_eq!(b.id(), "change_application.line_detail");
    let mut values = vec![
        ("区分", "航空"),
        ("接続方式", "IP-VPN"),
        ("アクセス速度", "100Mbps"),
        ("回線種別", "光回線（ベストエフォート）"),
        ("利用機器区分", "インタラクティブ端末"),
        ("論理端末数", "2"),
    ];
    values.extend(WORKS);
    b.press("この内容で設定する", &values).await;
    assert_eq!(b.id(), "change_application.lines", "{:?}", b.errors());
}

fn field_value(b: &Browser, label: &str) -> String {
    b.field(label)
        .and_then(|f| f["value"].as_str().map(str::to_string))
        .unwrap_or_default()
}

/// SAI002's line 1 re-entered with three terminals and another 設置場所, a line added: the
/// confirmation, 申込内容 参照, the stored application, approval, 契約情報 参照 and ID通知内容.
/// The 追加 / 変更 / 削除 counts of the ID通知内容 of application `number`, opened from its 参照.
async fn id_notice_counts(b: &mut Browser, number: &str) -> Vec<Vec<String>> {
    b.open(&format!("menu/applications/detail?no={number}"))
        .await;
    let href = b.link("ID通知内容").expect("ID通知内容");
    let rel = href.strip_prefix(b.base.as_str()).unwrap().to_string();
    b.open(&rel).await;
    table(&b.screen, "")
}

#[tokio::test]
async fn lines_changed_and_added_end_to_end() {
    let app = TestApp::spawn().await;
    let ws = sai002_with_line(&app).await;
    let mut b = sai002(&app, &ws).await;
    to_lines(&mut b, &[BOTH_ITEMS]).await;
    assert_eq!(b.title(), "回線・論理端末 入力");
    let contract = table(&b.screen, "契約情報(回線)");
    assert_eq!(contract.len(), 1, "{contract:?}");
    assert_eq!(contract[0][..3], ["1", "海上", "IP-VPN"]);
    let terminals = table(&b.screen, "契約情報(論理端末)");
    assert_eq!(terminals.len(), 2);
    assert_eq!(terminals[0][..4], ["1", "海上", "インタ", "一般"]);
    assert!(table(&b.screen, "申込情報(回線)").is_empty());
    // Nothing changed: refused.
    b.press("次へ進む", &[]).await;
    assert_eq!(b.errors(), ["回線・論理端末の変更内容を入力してください。"]);

    // 変更: pre-filled with the contract's line.
    press_op(&mut b, "change_line:1").await;
    assert_eq!(b.id(), "change_application.line_detail", "{:?}", b.errors());
    assert_eq!(b.title(), "回線サービス・論理端末情報 入力");
    assert_eq!(field_value(&b, "論理端末数"), "2");
    assert_eq!(field_value(&b, "アクセス速度"), "100m");
    // A bad count is refused as on the new application.
    b.press("この内容で設定する", &[("論理端末数", "1.5")])
        .await;
    assert_eq!(b.id(), "change_application.line_detail");
    assert!(!b.errors().is_empty());
    let mut values = vec![
        ("論理端末数", "3"),
        ("設置場所", "その他(下欄に入力してください)"),
        ("設置場所 その他", "東京都港区西新橋１－２－３"),
    ];
    values.extend(WORKS);
    b.press("この内容で設定する", &values).await;
    assert_eq!(b.id(), "change_application.lines", "{:?}", b.errors());
    add_line(&mut b).await;
    let lines = table(&b.screen, "申込情報(回線)");
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[0][0], "変更");
    assert_eq!(lines[0][8], "1");
    assert_eq!(lines[1][0], "追加");
    assert_eq!(lines[1][8], "2");
    let terms = table(&b.screen, "申込情報(論理端末)");
    assert_eq!(terms[0], ["変更", "1", "海上", "インタ", "通常", "3"]);
    assert_eq!(terms[1], ["追加", "2", "航空", "インタ", "通常", "2"]);

    b.press("次へ進む", &[]).await;
    assert_eq!(b.id(), "change_application.confirm", "{:?}", b.errors());
    assert_eq!(table(&b.screen, "契約情報(回線)").len(), 1);
    assert_eq!(table(&b.screen, "申込情報(回線)").len(), 2);
    b.press("申込内容を登録する", &[]).await;
    assert_eq!(b.title(), "NACCS変更申込 完了", "{:?}", b.errors());
    let number = newest_number(&app, &ws).await;
    b.open(&format!("menu/applications/detail?no={number}"))
        .await;
    assert_eq!(
        cell(&b.screen, "申込内容", "契約変更内容"),
        "回線 端末(一般)"
    );
    b.open(&format!(
        "menu/applications/detail?no={number}&tab=回線申込"
    ))
    .await;
    assert_eq!(table(&b.screen, "申込情報(回線)").len(), 2);

    app.advance(&ws, "P1D").await;
    let (status, answer) = review(&app, &ws, &number, json!({"decision": "approve"})).await;
    assert_eq!(status, 200, "{answer}");
    let issued = answer["issued"]["ids"]["terminals"].as_array().unwrap();
    // One more on line 1, two on the new line 2.
    let routers: Vec<u64> = issued
        .iter()
        .map(|t| t["router"].as_u64().unwrap())
        .collect();
    assert_eq!(routers, [1, 2, 2], "{answer}");
    let stored = app
        .get_api(&format!("workspaces/{ws}/applications/{number}"))
        .await;
    crate::change::snapshot_settings().bind(|| {
        insta::assert_json_snapshot!("m001_change_general_lines", stored);
    });

    // 契約情報 参照: the new 設置場所, the added line, five terminals.
    b.open("menu/contract?tab=一般NACCS").await;
    let lines = table(&b.screen, "回線");
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[0][5], "東京都港区西新橋１－２－３");
    assert_eq!(lines[1][..2], ["2", "航空"]);
    let terminals = table(&b.screen, "論理端末");
    assert_eq!(terminals.len(), 5, "{terminals:?}");
    assert_eq!(terminals.iter().filter(|t| t[0] == "2").count(), 2);
    // ID通知内容: the three terminals issued; 回線数 1 added, 1 changed.
    let counts = id_notice_counts(&mut b, &number).await;
    for row in [["回線数", "1", "1", "0"], ["論理端末数", "3", "0", "0"]] {
        assert!(
            counts.contains(&row.map(String::from).to_vec()),
            "{counts:?}"
        );
    }
}

/// The rules: each kind of change needs its item; not every line may go while terminals are on
/// them; a retired line goes with its terminals on approval; tampered buttons change nothing.
#[tokio::test]
async fn retirement_and_the_items_rules() {
    let app = TestApp::spawn().await;
    let ws = sai002_with_line(&app).await;
    let mut b = sai002(&app, &ws).await;
    to_lines(&mut b, &[LINE_ITEM]).await;
    // A terminal count changed with only 回線 chosen.
    press_op(&mut b, "change_line:1").await;
    let mut values = vec![("論理端末数", "1")];
    values.extend(WORKS);
    b.press("この内容で設定する", &values).await;
    b.press("次へ進む", &[]).await;
    assert_eq!(b.id(), "change_application.lines");
    assert_eq!(
        b.errors(),
        [
            "論理端末の追加・変更・削除を行う場合は、変更内容入力で「一般NACCS端末の登録情報(追加・変更・削除)」を選択してください。"
        ]
    );
    // 廃止 replaces the change; the only line with terminals cannot go.
    press_op(&mut b, "retire_line:1").await;
    let lines = table(&b.screen, "申込情報(回線)");
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0][0], "廃止");
    // Tampered buttons: no 500, nothing changes.
    for op in [
        "retire_line:9",
        "change_line:9",
        "edit_added:3",
        "undo_added:x",
    ] {
        press_op(&mut b, op).await;
        assert_eq!(b.status, 200, "{op}");
        assert_eq!(b.id(), "change_application.lines", "{op}");
        assert_eq!(table(&b.screen, "申込情報(回線)"), lines, "{op}");
    }
    b.press("次へ進む", &[]).await;
    assert_eq!(
        b.errors(),
        ["一般NACCSの論理端末が登録されているため、すべての回線を廃止することはできません。"]
    );
    // With a new line, line 1 may go (its terminals with it): 端末 is needed too.
    add_line(&mut b).await;
    b.press("次へ進む", &[]).await;
    assert!(
        b.errors()[0].contains("一般NACCS端末の登録情報"),
        "{:?}",
        b.errors()
    );
    b.press("前に戻る", &[]).await;
    b.press("申込内容選択に戻る", &[]).await;
    assert_eq!(b.id(), "change_application.items", "{:?}", b.errors());
    b.press("申込担当者の入力へ進む", &[BOTH_ITEMS, WISH]).await;
    b.press("次へ進む", &[]).await;
    assert_eq!(b.id(), "change_application.lines");
    b.press("次へ進む", &[]).await;
    assert_eq!(b.id(), "change_application.confirm", "{:?}", b.errors());
    b.press("申込内容を登録する", &[]).await;
    let number = newest_number(&app, &ws).await;
    app.advance(&ws, "P1D").await;
    let (status, answer) = review(&app, &ws, &number, json!({"decision": "approve"})).await;
    assert_eq!(status, 200, "{answer}");
    b.open("menu/contract?tab=一般NACCS").await;
    let lines = table(&b.screen, "回線");
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0][..2], ["2", "航空"]);
    let terminals = table(&b.screen, "論理端末");
    assert_eq!(terminals.len(), 2, "{terminals:?}");
    assert!(terminals.iter().all(|t| t[0] == "2"));
    // ID通知内容 counts: a line added and one retired; two terminals added, two deleted.
    let counts = id_notice_counts(&mut b, &number).await;
    for row in [["回線数", "1", "0", "1"], ["論理端末数", "2", "0", "2"]] {
        assert!(
            counts.contains(&row.map(String::from).to_vec()),
            "{counts:?}"
        );
    }
}

/// M001 l.219 end to end: SAI002 moves; with 一般NACCS回線 chosen the office screen passes and
/// 回線・論理端末 入力 asks for the line's new 設置場所.
#[tokio::test]
async fn a_move_changes_the_lines() {
    let app = TestApp::spawn().await;
    let ws = sai002_with_line(&app).await;
    let mut b = sai002(&app, &ws).await;
    to_items(&mut b).await;
    b.press(
        "申込担当者の入力へ進む",
        &[
            ("本社・事業所の変更", "企業名、事業所名、所在地等"),
            LINE_ITEM,
            WISH,
        ],
    )
    .await;
    b.press("次へ進む", &[]).await;
    assert_eq!(b.id(), "change_application.office", "{:?}", b.errors());
    b.press("次へ進む", &[("住所(その他)", "西新橋９－９－９")])
        .await;
    assert_eq!(b.id(), "change_application.lines", "{:?}", b.errors());
    b.press("次へ進む", &[]).await;
    assert_eq!(b.errors(), ["回線・論理端末の変更内容を入力してください。"]);
    add_line(&mut b).await;
    b.press("次へ進む", &[]).await;
    assert!(b.errors()[0].contains("一般NACCS端末"), "{:?}", b.errors());
    press_op(&mut b, "undo_added:0").await;
    assert!(table(&b.screen, "申込情報(回線)").is_empty());
    // Line 1 re-entered (same 論理端末数: a line change only).
    press_op(&mut b, "change_line:1").await;
    b.press("この内容で設定する", &WORKS).await;
    assert_eq!(b.id(), "change_application.lines", "{:?}", b.errors());
    b.press("次へ進む", &[]).await;
    assert_eq!(b.id(), "change_application.confirm", "{:?}", b.errors());
    let filed = applications(&app, &ws).await.len();
    b.press("申込内容を登録する", &[]).await;
    assert_eq!(applications(&app, &ws).await.len(), filed + 1);
}

/// An office without 一般NACCS (NAC001) cannot choose the lines or their terminals.
#[tokio::test]
async fn a_netnaccs_office_has_no_lines_to_change() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(42, crate::change::NOW).await;
    let mut b = crate::change::nac001(&app, &ws).await;
    to_items(&mut b).await;
    b.press(
        "申込担当者の入力へ進む",
        &[LINE_ITEM, ("利用開始希望日", "20131205")],
    )
    .await;
    assert_eq!(b.id(), "change_application.items");
    assert_eq!(
        b.errors(),
        [
            "この事業所は一般NACCSを契約していないため、「一般NACCS回線の登録情報(追加・変更・廃止)」の変更申込はできません。"
        ]
    );
}

/// 回線・論理端末 入力 and its detail of a change render as HTML (a browser's view).
#[tokio::test]
async fn the_line_screens_render_as_html() {
    let app = TestApp::spawn().await;
    let ws = sai002_with_line(&app).await;
    let pw = office_password(&app, &ws, "SAI002").await;
    let mut h = crate::html::HtmlBrowser::new(&app, &ws);
    h.open("login/nsscoapp/").await;
    h.press("ログイン", &[("login_id", "SAI002"), ("password", &pw)])
        .await;
    h.open("menu/contract?tab=netNACCS").await;
    h.press("契約情報を変更する", &[]).await;
    h.press("申込内容選択へ進む", &[]).await;
    h.press(
        "申込担当者の入力へ進む",
        &[
            ("change_general", "general_line"),
            ("start_wish", "20230315"),
        ],
    )
    .await;
    h.press("次へ進む", &[]).await;
    assert_eq!(h.status, 200);
    assert_eq!(h.screen(), "change_application.lines", "{}", h.page);
    assert!(h.page.contains("契約情報(回線)"));
    assert!(h.page.contains("申込情報(論理端末)"));
    h.press("変更", &[]).await;
    assert_eq!(h.status, 200);
    assert_eq!(h.screen(), "change_application.line_detail");
    assert!(h.page.contains("回線サービスに関する項目"));
}
