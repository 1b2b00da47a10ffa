//! The change application (issue 10, M001 手順④): NAC001 adds two 海上 netNACCS terminals from
//! 契約情報 参照 through to ID通知内容 and 契約情報; the bad input of every new screen is refused
//! with nothing stored; a temporary ID may not file a change; 修正, 取下げ and 一時保存 of a
//! change; the other change items with 変更前 / 変更後 and what approval does with them.

pub(crate) use crate::support::screen::{buttons, cell, table};
use crate::support::screen::{follow, link};
use crate::support::{Browser, TestApp};
use nss_simulator::application::{ApplicationContent, Filer};
use serde_json::{Value, json};

/// M001's data: the change is filed on 2013-11-20 for 20131205, which the schedule moves to
/// 20131210 (M001 l.516, 535).
pub(crate) const NOW: &str = "2013-11-20T10:00:00+09:00";
pub(crate) const NET_ITEM: (&str, &str) = (
    "端末の変更 (netNACCS)",
    "netNACCS端末の登録情報(追加・変更・削除)",
);
pub(crate) const WISH: (&str, &str) = ("利用開始希望日", "20131205");
pub(crate) const ADD_SEA: &str = "論理端末追加数 (netNACCS) 海上";

/// The 事業所パスワード of a seeded office (the API lists them for tests and trainers).
pub(crate) async fn office_password(app: &TestApp, ws: &str, code: &str) -> String {
    let offices = app.get_api(&format!("workspaces/{ws}/offices")).await;
    offices
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["office_code"] == code)
        .unwrap_or_else(|| panic!("no office {code}"))["password"]
        .as_str()
        .unwrap()
        .to_string()
}

/// NAC001 logged in, on its menu.
pub(crate) async fn nac001(app: &TestApp, ws: &str) -> Browser {
    let pw = office_password(app, ws, "NAC001").await;
    let mut b = app.browser(ws);
    b.login("NAC001", &pw).await;
    assert_eq!(b.id(), "menu.main", "{:?}", b.errors());
    b
}

/// From 契約情報 参照 to 変更内容 入力 (M001 ①–③).
pub(crate) async fn to_items(b: &mut Browser) {
    b.open("menu/contract?tab=netNACCS").await;
    b.press("契約情報を変更する", &[]).await;
    assert_eq!(b.id(), "change_application.guidance");
    b.press("申込内容選択へ進む", &[]).await;
    assert_eq!(b.id(), "change_application.items");
}

/// Up to 論理端末 入力 with M001's choice (④⑤).
pub(crate) async fn to_terminals(b: &mut Browser) {
    to_items(b).await;
    b.press("申込担当者の入力へ進む", &[NET_ITEM, WISH]).await;
    assert_eq!(b.id(), "change_application.applicant", "{:?}", b.errors());
    b.press("次へ進む", &[]).await;
    assert_eq!(b.id(), "change_application.terminals", "{:?}", b.errors());
}

/// The 申込受付番号 of the workspace's newest application (the list is in filing order).
pub(crate) async fn newest_number(app: &TestApp, ws: &str) -> String {
    applications(app, ws).await.last().unwrap()["reception_number"]
        .as_str()
        .unwrap()
        .to_string()
}

/// The center's answer to application `number` (`{"decision": …}`).
pub(crate) async fn review(app: &TestApp, ws: &str, number: &str, body: Value) -> (u16, Value) {
    app.post_api(
        &format!("workspaces/{ws}/applications/{number}/review"),
        body,
    )
    .await
}

pub(crate) async fn applications(app: &TestApp, ws: &str) -> Vec<Value> {
    app.get_api(&format!("workspaces/{ws}/applications"))
        .await
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[tokio::test]
async fn manual_001_terminal_addition_end_to_end() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(42, NOW).await;
    let mut b = nac001(&app, &ws).await;

    // ② 契約情報 参照, netNACCS: the current terminal and the button.
    b.open("menu/contract?tab=netNACCS").await;
    assert_eq!(b.id(), "contract.detail");
    assert_eq!(
        table(&b.screen, "論理端末"),
        [["海上", "net", "net", "99999W", "NAC001"]]
    );
    let ids = table(&b.screen, "利用者ID");
    assert_eq!(ids[0].len(), 12, "M-03 columns: {ids:?}");
    assert_eq!(ids[0][0], "海上");
    assert_eq!(ids[0][11], "-");
    assert_eq!(buttons(&b.screen), ["契約情報を変更する"]);

    // ③ ガイダンス, back to where it came from.
    b.press("契約情報を変更する", &[]).await;
    assert_eq!(b.screen["title"], "変更申込ガイダンス");
    // M001 l.167-168: 「申込内容選択へ進む >」 above the steps and at the foot.
    assert_eq!(
        buttons(&b.screen),
        [
            "申込内容選択へ進む",
            "契約情報参照に戻る",
            "申込内容選択へ進む"
        ]
    );
    b.press("申込内容選択へ進む", &[]).await;

    // ④ 変更内容 入力.
    assert_eq!(b.screen["title"], "変更内容 入力");
    assert!(b.text().contains("事業所コード：NAC001"));
    b.press("申込担当者の入力へ進む", &[NET_ITEM, WISH]).await;

    // ⑤ 申込担当者 入力, pre-filled with NAC001's 通関 花子 (M001 l.234-241).
    assert_eq!(b.id(), "change_application.applicant", "{:?}", b.errors());
    let value = |b: &Browser, l: &str| b.field(l).unwrap()["value"].as_str().unwrap().to_string();
    assert_eq!(value(&b, "氏名 姓"), "通関");
    assert_eq!(value(&b, "氏名 名"), "花子");
    assert_eq!(value(&b, "氏名(フリガナ) 姓"), "ツウカン");
    assert_eq!(value(&b, "所属部署名"), "第一通関部　通関課");
    assert_eq!(value(&b, "役職名"), "係長");
    assert_eq!(value(&b, "電話番号"), "0312345678");
    assert_eq!(value(&b, "FAX番号"), "0398765432");
    assert_eq!(
        value(&b, "E-mailアドレス 確認用"),
        "tuukan-hanako@naccs.co.jp"
    );
    assert_eq!(
        buttons(&b.screen),
        ["申込内容選択に戻る", "申込内容を一時保存する", "次へ進む"]
    );
    b.press("次へ進む", &[]).await;

    // ⑥ 論理端末 入力: the number to add; 契約情報 with the current terminal.
    assert_eq!(b.screen["title"], "論理端末 入力");
    assert_eq!(
        table(&b.screen, "契約情報"),
        [["海上", "net", "net", "99999W"]]
    );
    let kind = b.field("99999W 区分の変更").unwrap();
    assert_eq!(kind["type"], "radio");
    let selected: Vec<&str> = kind["options"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["selected"] == true)
        .map(|o| o["label"].as_str().unwrap())
        .collect();
    assert_eq!(selected, ["海上"]);
    b.press("次へ進む", &[(ADD_SEA, "2")]).await;

    // ⑦ 変更申込 確認: 契約情報 beside 申込情報.
    assert_eq!(b.id(), "change_application.confirm", "{:?}", b.errors());
    assert_eq!(
        table(&b.screen, "契約情報"),
        [["海上", "net", "net", "99999W"]]
    );
    assert_eq!(
        table(&b.screen, "申込情報"),
        [["追加", "海上", "net", "net", "", "2"]]
    );
    assert_eq!(
        cell(&b.screen, "変更内容", "端末の変更 (netNACCS)"),
        "netNACCS端末の登録情報(追加・変更・削除)"
    );
    b.press("申込内容を登録する", &[("備考", "")]).await;

    // ⑧ 完了.
    assert_eq!(b.screen["title"], "NACCS変更申込 完了", "{:?}", b.errors());
    let apps = applications(&app, &ws).await;
    assert_eq!(apps.len(), 1);
    let number = apps[0]["reception_number"].as_str().unwrap().to_string();
    assert!(number.starts_with("13") && number.ends_with('A') && number.len() == 8);
    assert!(b.text().contains(&format!("申込受付番号「{number}」")));
    assert_eq!(apps[0]["kind"], "変更申込");
    assert_eq!(apps[0]["filer"], json!({"kind": "office", "id": "NAC001"}));
    assert_eq!(apps[0]["wished_start"], "20131205");
    assert_eq!(apps[0]["feasible_start"], "2013-12-10");
    assert_eq!(
        apps[0]["entered"]["論理端末 入力"]["論理端末の追加に関する項目"][ADD_SEA],
        "2"
    );

    // 受付完了 to the 申込担当者 and the 管理責任者 (one person here: one mail), without the
    // paragraph for 新規申込.
    let mails = app.mails(&ws).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(
        mails[0]["subject"],
        format!("【NACCS】利用申込受付完了のお知らせ（{number},NAC001）")
    );
    let text = mails[0]["text"].as_str().unwrap();
    assert!(text.contains("通関 花子 様"), "{text}");
    assert!(!text.contains("仮ログインID"), "{text}");

    // 申込内容 参照 before the review: 申込分類 変更申込, 契約変更内容 端末(net).
    b.open(&format!("menu/applications/detail?no={number}"))
        .await;
    assert_eq!(cell(&b.screen, "申込内容", "申込分類"), "変更申込");
    assert_eq!(cell(&b.screen, "申込内容", "契約変更内容"), "端末(net)");
    assert_eq!(cell(&b.screen, "申込内容", "ステータス"), "申込中");

    // The center approves the next day; 確認完了, then the certificates.
    app.advance(&ws, "P1D").await;
    let (status, answer) = review(&app, &ws, &number, json!({"decision": "approve"})).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["issued"]["start_date"], "2013-12-10");
    let added = answer["issued"]["ids"]["terminals"].as_array().unwrap();
    assert_eq!(added.len(), 2);
    for t in added {
        let name = t["name"].as_str().unwrap();
        assert!(name.len() == 6 && name.ends_with('W'), "{name}");
        assert_eq!(t["system"], "sea");
        assert_eq!(t["office_code"], "NAC001");
    }
    let (status, _) = review(
        &app,
        &ws,
        &number,
        json!({"decision": "issue_certificates"}),
    )
    .await;
    assert_eq!(status, 200);
    let subjects: Vec<String> = app
        .mails(&ws)
        .await
        .iter()
        .map(|m| m["subject"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        subjects[1..],
        [
            "【NACCS】利用申込確認完了のお知らせ",
            "【NSS】デジタル証明書発行完了のお知らせ"
        ]
    );

    // 新着情報 → 詳細 → ID通知内容 with the two added terminals, the password masked.
    b.open("menu").await;
    let news = table(&b.screen, "新着情報");
    assert_eq!(news[0][1], "利用申込");
    assert_eq!(news[0][2], format!("【{number}】"));
    let detail = link(&b.screen, &format!("詳細【{number}】"));
    follow(&mut b, &detail).await;
    assert_eq!(cell(&b.screen, "申込内容", "ステータス"), "審査終了");
    let notice = link(&b.screen, "ID通知内容");
    follow(&mut b, &notice).await;
    assert_eq!(cell(&b.screen, "ID通知内容", "利用開始日"), "2013/12/10");
    assert_eq!(cell(&b.screen, "ID通知内容", "事業所コード"), "NAC001");
    assert_eq!(
        cell(&b.screen, "ID通知内容", "事業所パスワード"),
        "********"
    );
    assert_eq!(cell(&b.screen, "ID通知内容", "システム区分"), "海上");
    assert_eq!(cell(&b.screen, "ID通知内容", "請求先コード"), "9999999");
    let rows = table(&b.screen, "論理端末名 / デジタル証明書");
    assert_eq!(rows.len(), 2);
    for (row, t) in rows.iter().zip(added) {
        assert_eq!(
            row[..4],
            ["海上", "net", "net", t["name"].as_str().unwrap()]
        );
        assert_eq!(row[5], format!("NAC{}", &t["name"].as_str().unwrap()[2..]));
        assert_eq!(row[8], "NAC001");
    }
    assert!(table(&b.screen, "利用者ID").is_empty());
    let result = table(&b.screen, "");
    assert!(result.contains(&vec![
        "論理端末数".to_string(),
        "2".into(),
        "0".into(),
        "0".into()
    ]));

    // 契約情報 参照: three terminals now.
    b.open("menu/contract?tab=netNACCS").await;
    let terminals = table(&b.screen, "論理端末");
    assert_eq!(terminals.len(), 3);
    assert_eq!(terminals[0][3], "99999W");
}

#[tokio::test]
async fn the_menu_entry_and_the_way_back() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(42, NOW).await;
    let mut b = nac001(&app, &ws).await;
    let href = link(&b.screen, "契約内容の変更");
    follow(&mut b, &href).await;
    assert_eq!(b.id(), "change_application.guidance");
    assert_eq!(
        buttons(&b.screen),
        ["申込内容選択へ進む", "メニューに戻る", "申込内容選択へ進む"]
    );
    b.press("メニューに戻る", &[]).await;
    assert_eq!(b.id(), "menu.main");
    // Back from 変更内容 入力 to the guidance, and a stale form is 予期しない操作.
    follow(&mut b, &href).await;
    b.press("申込内容選択へ進む", &[]).await;
    let stale = b.snapshot_form("next");
    b.press("変更申込ガイダンスに戻る", &[]).await;
    assert_eq!(b.id(), "change_application.guidance");
    b.post(&stale.0, &stale.1).await;
    assert_eq!(b.id(), "error.unexpected_operation");
}

#[tokio::test]
async fn a_temporary_id_may_not_file_a_change() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(42, NOW).await;
    let mut b = app.browser(&ws);
    let (id, pw) = b.register_temp_account(&app, &ws).await;
    b.login(&id, &pw).await;
    // No entry in its menu, and the guidance refuses it (no form to go on with).
    b.open("menu").await;
    assert!(
        b.screen["links"]
            .as_array()
            .unwrap()
            .iter()
            .all(|l| l["label"] != "契約内容の変更")
    );
    b.open("change/guidance").await;
    assert_eq!(b.id(), "change_application.guidance");
    assert_eq!(
        b.errors(),
        ["変更申込は、事業所コードと事業所パスワードでログインして行ってください。"]
    );
    assert!(b.screen["forms"].as_array().is_none_or(Vec::is_empty));
    // The service refuses it whatever the screens: a change filed by a 仮ログインID.
    let mut wsp = nss_simulator::workspace::Workspace::new(
        "t",
        nss_simulator::workspace::WorkspaceSpec {
            seed: 1,
            now: None,
            fixture: None,
        },
    );
    wsp.seed_customers();
    let before = nss_simulator::center::change::before(&wsp, "NAC001").unwrap();
    let person = nss_simulator::center::change::person(&before.manager).unwrap();
    let change = nss_simulator::application::ChangeApplication {
        items: nss_simulator::application::change::ChangeItems {
            items: vec![nss_simulator::application::change::ChangeItem::NetTerminals],
            others: Vec::new(),
            start_wish: nss_simulator::domain::format::Date8::parse("20131205").unwrap(),
        },
        applicant: nss_simulator::application::change::ChangeApplicant(person),
        office: None,
        terminals: Some(Default::default()),
        plan: None,
        billing: None,
        user_codes: None,
        mailboxes: None,
        lines: None,
        remarks: None,
        attachments: Vec::new(),
        before,
    };
    let now = wsp.now();
    let content = ApplicationContent::Change(Box::new(change.clone()));
    let refused = nss_simulator::services::applications::file(
        &mut wsp,
        now,
        "http://x/",
        Filer::Temp("1234567".into()),
        content.clone(),
    );
    assert!(refused.is_err());
    assert_eq!(
        refused.unwrap_err().japanese(),
        "このログインIDでは、この申込を行うことはできません。"
    );
    // Nor another office's change.
    assert!(
        nss_simulator::services::applications::file(
            &mut wsp,
            now,
            "http://x/",
            Filer::Office("NAC002".into()),
            content.clone(),
        )
        .is_err()
    );
    assert!(wsp.state.applications.is_empty() && wsp.mails.is_empty());
    // The office itself may; a second change waits for the first one's review.
    let filed = nss_simulator::services::applications::file(
        &mut wsp,
        now,
        "http://x/",
        Filer::Office("NAC001".into()),
        content.clone(),
    )
    .unwrap();
    let second = nss_simulator::services::applications::file(
        &mut wsp,
        now,
        "http://x/",
        Filer::Office("NAC001".into()),
        content,
    )
    .unwrap_err();
    assert!(second.japanese().contains(&filed), "{}", second.japanese());
    assert_eq!(wsp.state.applications.len(), 1);
}

#[tokio::test]
async fn bad_input_is_refused_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(42, NOW).await;
    let mut b = nac001(&app, &ws).await;
    to_items(&mut b).await;

    // 変更内容 入力.
    let refused = |b: &Browser, field: &str, msg: &str| {
        assert_eq!(b.status, 200);
        let f = b.field(field).unwrap_or_else(|| panic!("no field {field}"));
        assert_eq!(f["error"], msg, "{field}: {:?}", b.errors());
        assert!(b.errors().contains(&msg.to_string()), "{:?}", b.errors());
    };
    b.press("申込担当者の入力へ進む", &[WISH]).await;
    assert_eq!(b.id(), "change_application.items");
    refused(
        &b,
        "本社・事業所の変更",
        "変更申込を行う項目を選択してください。",
    );
    b.press(
        "申込担当者の入力へ進む",
        &[
            NET_ITEM,
            WISH,
            ("内容", "あり"),
            ("内容 変更項目", "事業所間の登録情報の移動(付替)"),
        ],
    )
    .await;
    refused(
        &b,
        "内容",
        "上記の変更と下記の「その他の契約変更」とを、同時に行うことはできません。両方の変更を行いたい場合は、再度変更申込を行っていただきます。",
    );
    b.press(
        "申込担当者の入力へ進む",
        &[
            NET_ITEM,
            ("内容", "なし"),
            ("内容 変更項目", ""),
            ("利用開始希望日", "20130101"),
        ],
    )
    .await;
    refused(
        &b,
        "利用開始希望日",
        "利用開始希望日には、本日より後の日付を入力してください。",
    );
    b.press(
        "申込担当者の入力へ進む",
        &[NET_ITEM, ("利用開始希望日", "2013/12/05")],
    )
    .await;
    assert!(b.field("利用開始希望日").unwrap()["error"].is_string());
    b.press(
        "申込担当者の入力へ進む",
        &[
            (
                "回線・端末等の変更 (一般NACCS)",
                "一般NACCSのメールボックス数(追加・廃止)",
            ),
            WISH,
        ],
    )
    .await;
    refused(
        &b,
        "回線・端末等の変更 (一般NACCS)",
        "この事業所は一般NACCSを契約していないため、「一般NACCSのメールボックス数(追加・廃止)」の変更申込はできません。",
    );
    // A tampered check box value is no item.
    let (action, mut pairs) = b.snapshot_form("next");
    pairs.retain(|(k, _)| !k.starts_with("change_"));
    pairs.push(("change_net".into(), "everything".into()));
    b.post(&action, &pairs).await;
    refused(
        &b,
        "本社・事業所の変更",
        "変更申込を行う項目を選択してください。",
    );
    b.press(
        "申込担当者の入力へ進む",
        &[("回線・端末等の変更 (一般NACCS)", ""), NET_ITEM, WISH],
    )
    .await;
    assert_eq!(b.id(), "change_application.applicant", "{:?}", b.errors());

    // 申込担当者 入力.
    b.press(
        "次へ進む",
        &[
            ("電話番号", "03-1234-5678"),
            ("E-mailアドレス 確認用", "other@naccs.co.jp"),
        ],
    )
    .await;
    assert_eq!(b.id(), "change_application.applicant");
    refused(
        &b,
        "電話番号",
        "電話番号は「-」(ハイフン)を入力せずに、数字のみ入力してください。",
    );
    assert!(
        b.errors().iter().any(|e| e.contains("一致しません")),
        "{:?}",
        b.errors()
    );
    b.press(
        "次へ進む",
        &[
            ("電話番号", "0312345678"),
            ("E-mailアドレス 確認用", "tuukan-hanako@naccs.co.jp"),
        ],
    )
    .await;
    assert_eq!(b.id(), "change_application.terminals", "{:?}", b.errors());

    // 論理端末 入力: whole numbers, something to change, not the last terminal.
    for bad in ["1.5", "２", "0", "-1", "a"] {
        b.press("次へ進む", &[(ADD_SEA, bad)]).await;
        assert_eq!(b.id(), "change_application.terminals", "{bad}");
        let e = b.field(ADD_SEA).unwrap()["error"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(
            e.starts_with("論理端末追加数 (netNACCS) 海上は"),
            "{bad}: {e}"
        );
    }
    b.press("次へ進む", &[(ADD_SEA, "")]).await;
    refused(
        &b,
        ADD_SEA,
        "論理端末追加数を入力するか、表示されている論理端末の区分の変更または廃止を選択してください。",
    );
    b.press("次へ進む", &[("99999W 論理端末の廃止", "廃止する")])
        .await;
    refused(
        &b,
        "99999W 論理端末の廃止",
        "netNACCSの利用者IDが登録されているため、すべての論理端末を廃止することはできません。",
    );
    b.press(
        "次へ進む",
        &[
            ("99999W 論理端末の廃止", "廃止する"),
            ("99999W 区分の変更", "航空"),
        ],
    )
    .await;
    refused(
        &b,
        "99999W 論理端末の廃止",
        "論理端末「99999W」は、区分の変更と廃止を同時に選択することはできません。",
    );
    // A tampered 区分 is the contract's.
    let (action, mut pairs) = b.snapshot_form("next");
    pairs.retain(|(k, _)| !k.starts_with("kind_") && !k.starts_with("retire_"));
    pairs.push(("kind_99999W".into(), "space".into()));
    b.post(&action, &pairs).await;
    assert_eq!(b.id(), "change_application.terminals");
    assert!(
        b.errors()[0].starts_with("論理端末追加数を入力するか"),
        "{:?}",
        b.errors()
    );

    // Nothing was stored and no mail was sent by any of it.
    assert!(applications(&app, &ws).await.is_empty());
    assert!(app.mails(&ws).await.is_empty());

    // Retiring the terminal while adding another is a change.
    b.press(
        "次へ進む",
        &[
            ("99999W 論理端末の廃止", "廃止する"),
            ("99999W 区分の変更", "海上"),
            ("論理端末追加数 (netNACCS) 航空", "1"),
        ],
    )
    .await;
    assert_eq!(b.id(), "change_application.confirm", "{:?}", b.errors());
    assert_eq!(
        table(&b.screen, "申込情報"),
        [
            ["追加", "航空", "net", "net", "", "1"],
            ["廃止", "海上", "net", "net", "99999W", ""]
        ]
    );
    // 備考 over 240 characters.
    b.press("申込内容を登録する", &[("備考", &"あ".repeat(241))])
        .await;
    assert_eq!(b.id(), "change_application.confirm");
    assert_eq!(b.errors(), ["備考は240文字以内で入力してください。"]);
    assert!(applications(&app, &ws).await.is_empty());
}

#[tokio::test]
async fn save_and_resume_at_the_next_office_login() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(42, NOW).await;
    let mut b = nac001(&app, &ws).await;
    to_terminals(&mut b).await;
    b.press("申込内容を一時保存する", &[(ADD_SEA, "2")]).await;
    assert_eq!(b.id(), "login.form");
    assert_eq!(b.screen["notices"][0], "申込内容を一時保存しました。");
    let mut again = nac001_resumed(&app, &ws).await;
    assert_eq!(again.id(), "change_application.terminals");
    assert_eq!(again.field(ADD_SEA).unwrap()["value"], "2");
    again.press("次へ進む", &[]).await;
    again.press("申込内容を登録する", &[]).await;
    assert_eq!(again.id(), "change_application.complete");
    // The saved draft is gone with the registration: the next login lands on the menu.
    let pw = office_password(&app, &ws, "NAC001").await;
    let mut third = app.browser(&ws);
    third.login("NAC001", &pw).await;
    assert_eq!(third.id(), "menu.main");
}

async fn nac001_resumed(app: &TestApp, ws: &str) -> Browser {
    let pw = office_password(app, ws, "NAC001").await;
    let mut b = app.browser(ws);
    b.login("NAC001", &pw).await;
    b
}

#[tokio::test]
async fn clarify_amend_and_withdraw_a_change() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(42, NOW).await;
    let mut b = nac001(&app, &ws).await;
    to_terminals(&mut b).await;
    b.press("次へ進む", &[(ADD_SEA, "2")]).await;
    b.press("申込内容を登録する", &[]).await;
    let number = newest_number(&app, &ws).await;
    let path = format!("workspaces/{ws}/applications/{number}/review");
    let (status, _) = app
        .post_api(
            &path,
            json!({"decision": "clarify", "message": "追加台数を3台に訂正してください。"}),
        )
        .await;
    assert_eq!(status, 200);
    let mails = app.mails(&ws).await;
    assert_eq!(
        mails.last().unwrap()["subject"],
        "【NACCS】申込内容確認依頼のお知らせ"
    );
    assert!(
        mails.last().unwrap()["to"][0]
            .as_str()
            .unwrap()
            .contains("tuukan-hanako@naccs.co.jp")
    );

    // The office sees it in 新着情報 and answers with 修正: the change re-opens at its guidance.
    b.open("menu").await;
    let news = table(&b.screen, "新着情報");
    assert!(news[0][3].starts_with("利用申込内容に確認事項があります。"));
    b.open(&format!("menu/applications/detail?no={number}"))
        .await;
    assert!(buttons(&b.screen).contains(&"利用申込を修正する".to_string()));
    b.press("利用申込を修正する", &[]).await;
    assert_eq!(b.id(), "change_application.guidance");
    assert_eq!(
        buttons(&b.screen),
        [
            "申込内容選択へ進む",
            "申込情報参照に戻る",
            "申込内容選択へ進む"
        ]
    );
    b.press("申込内容選択へ進む", &[]).await;
    b.press("申込担当者の入力へ進む", &[]).await;
    assert!(buttons(&b.screen).contains(&"申込情報参照に戻る".to_string()));
    b.press("次へ進む", &[]).await;
    assert_eq!(b.field(ADD_SEA).unwrap()["value"], "2");
    b.press("次へ進む", &[(ADD_SEA, "3")]).await;
    b.press("申込内容を登録する", &[]).await;
    assert_eq!(b.id(), "change_application.complete", "{:?}", b.errors());
    assert!(b.text().contains(&format!("申込受付番号「{number}」")));
    let apps = applications(&app, &ws).await;
    assert_eq!(apps.len(), 1);
    assert_eq!(apps[0]["status"], "received");
    assert_eq!(apps[0]["content"]["terminals"]["net"]["sea"], 3);

    // Asked again, the office withdraws.
    app.post_api(
        &path,
        json!({"decision": "clarify", "message": "再確認です。"}),
    )
    .await;
    b.open(&format!("menu/applications/detail?no={number}"))
        .await;
    b.press("利用申込を取り下げる", &[]).await;
    assert_eq!(cell(&b.screen, "申込内容", "ステータス"), "取下げ");
    // Withdrawn, it changes nothing: the contract keeps its one terminal.
    b.open("menu/contract?tab=netNACCS").await;
    assert_eq!(table(&b.screen, "論理端末").len(), 1);
}

#[tokio::test]
async fn office_plan_and_billing_changes_show_before_and_after_and_apply() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(42, NOW).await;
    let mut b = nac001(&app, &ws).await;
    to_items(&mut b).await;
    b.press(
        "申込担当者の入力へ進む",
        &[
            ("本社・事業所の変更", "企業名、事業所名、所在地等"),
            ("料金プランの変更", "料金プラン(AプランまたはBプランの選択)"),
            ("請求先の変更", "請求先担当者"),
            WISH,
        ],
    )
    .await;
    b.press("次へ進む", &[]).await;
    // 事業所・企業 入力 with the contract's values, only the chosen section.
    assert_eq!(b.id(), "change_application.office", "{:?}", b.errors());
    assert_eq!(
        b.field("企業名").unwrap()["value"],
        "ナックスシステム株式会社"
    );
    assert!(b.field("契約者に関する項目 / 役職名").is_none());
    b.press("次へ進む", &[("企業名", "ナックスシステムズ株式会社")])
        .await;
    // 料金プラン 入力 with the contract's plan.
    assert_eq!(b.id(), "change_application.plan", "{:?}", b.errors());
    b.press("次へ進む", &[("適用料金 (netNACCS)", "従量のみ")])
        .await;
    // 請求先 入力, only 請求先担当者.
    assert_eq!(b.id(), "change_application.billing", "{:?}", b.errors());
    assert!(b.field("支払方法").is_none());
    b.press("次へ進む", &[]).await;
    assert_eq!(b.id(), "change_application.confirm", "{:?}", b.errors());
    let office = table(&b.screen, "事業所に関する項目");
    assert!(office.contains(&vec![
        "企業名".to_string(),
        "ナックスシステム株式会社".into(),
        "ナックスシステムズ株式会社".into()
    ]));
    assert_eq!(
        table(&b.screen, "料金プランに関する項目"),
        [["適用料金 (netNACCS)", "基本+従量", "従量のみ"]]
    );
    b.press("申込内容を登録する", &[]).await;
    let number = newest_number(&app, &ws).await;
    b.open(&format!("menu/applications/detail?no={number}"))
        .await;
    assert_eq!(
        cell(&b.screen, "申込内容", "契約変更内容"),
        "企業 事業所 料金プラン 請求先"
    );
    let (status, answer) = review(&app, &ws, &number, json!({"decision": "approve"})).await;
    assert_eq!(status, 200, "{answer}");
    // No terminal added: no certificate to issue.
    let (status, _) = review(
        &app,
        &ws,
        &number,
        json!({"decision": "issue_certificates"}),
    )
    .await;
    assert_eq!(status, 409);
    // The 企業名 changes for every office of the 略称 NAC (M001 l.159); the plan for NAC001.
    let offices = app.get_api(&format!("workspaces/{ws}/offices")).await;
    for o in offices.as_array().unwrap() {
        if o["profile"]["issued"]["company_abbr"] == "NAC" {
            assert_eq!(
                o["company"], "ナックスシステムズ株式会社",
                "{}",
                o["office_code"]
            );
        }
        if o["office_code"] == "NAC001" {
            assert_eq!(o["profile"]["plan"], "plan_b");
        }
    }
}

pub(crate) fn snapshot_settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    s.set_prepend_module_to_snapshot(false);
    s
}

/// Snapshots of M001's outputs: the four mails of a change (受付完了, 確認依頼, 確認完了,
/// 証明書発行完了), the stored change application (through a 確認事項 answered by 修正) and the
/// ID通知内容. Deterministic through seed and frozen clock.
#[tokio::test]
async fn manual_001_outputs() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(42, NOW).await;
    let mut b = nac001(&app, &ws).await;
    to_terminals(&mut b).await;
    b.press("次へ進む", &[(ADD_SEA, "2")]).await;
    b.press(
        "申込内容を登録する",
        &[("備考", "追加端末は通関課で使用します。")],
    )
    .await;
    assert_eq!(b.id(), "change_application.complete", "{:?}", b.errors());
    let number = newest_number(&app, &ws).await;
    let path = format!("workspaces/{ws}/applications/{number}/review");
    app.advance(&ws, "PT6H").await;
    app.post_api(
        &path,
        json!({"decision": "clarify", "message": "追加する端末の設置場所を備考にご記入ください。"}),
    )
    .await;
    b.open(&format!("menu/applications/detail?no={number}"))
        .await;
    b.press("利用申込を修正する", &[]).await;
    b.press("申込内容選択へ進む", &[]).await;
    b.press("申込担当者の入力へ進む", &[]).await;
    b.press("次へ進む", &[]).await;
    b.press("次へ進む", &[]).await;
    b.press(
        "申込内容を登録する",
        &[("備考", "追加端末は本社1階の通関課に設置します。")],
    )
    .await;
    assert_eq!(b.id(), "change_application.complete", "{:?}", b.errors());
    app.advance(&ws, "PT18H").await; // 2013-11-21 10:00
    app.post_api(&path, json!({"decision": "approve"})).await;
    app.post_api(&path, json!({"decision": "issue_certificates"}))
        .await;
    b.open(&format!("menu/applications/id-notice?no={number}"))
        .await;
    assert_eq!(b.id(), "applications.id_notice");
    let mails = app.mails(&ws).await;
    let text = |kind: &str| {
        mails
            .iter()
            .find(|m| m["kind"] == kind)
            .unwrap_or_else(|| panic!("no {kind} mail"))["text"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let stored = app
        .get_api(&format!("workspaces/{ws}/applications/{number}"))
        .await;
    snapshot_settings().bind(|| {
        insta::assert_snapshot!(
            "m001_mail_application_received_text",
            text("application_received")
        );
        insta::assert_snapshot!(
            "m001_mail_clarification_text",
            text("clarification_requested")
        );
        insta::assert_snapshot!(
            "m001_mail_application_confirmed_text",
            text("application_confirmed")
        );
        insta::assert_snapshot!(
            "m001_mail_certificate_issued_text",
            text("certificate_issued")
        );
        insta::assert_json_snapshot!("m001_change_application", stored);
        insta::assert_json_snapshot!("m001_id_notice_screen", b.screen);
    });
}

/// The operator console lists and reviews a change like a new application (issue 10): the list
/// row, the detail with what the change asks for, 審査終了 and the certificates by its forms.
#[tokio::test]
async fn the_console_reviews_a_change() {
    let app = TestApp::spawn().await;
    let ws = app.workspace_named("chg", 42, NOW).await;
    let mut b = nac001(&app, &ws).await;
    to_terminals(&mut b).await;
    b.press("次へ進む", &[(ADD_SEA, "2")]).await;
    b.press("申込内容を登録する", &[]).await;
    let number = newest_number(&app, &ws).await;
    let list = app.page("/_sim/console/chg/").await;
    assert!(
        list.contains(&number)
            && list.contains("変更申込")
            && list.contains("ナックスシステム株式会社"),
        "{list}"
    );
    let detail = app.page(&format!("/_sim/console/chg/{number}")).await;
    for text in [
        "事業所コード",
        "NAC001",
        "netNACCS端末の登録情報(追加・変更・削除)",
        "論理端末追加数",
        "2013/12/10",
    ] {
        assert!(detail.contains(text), "{text}: {detail}");
    }
    let console = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    for action in ["approve", "certificates"] {
        let r = console
            .post(format!(
                "{}/_sim/console/chg/{number}/{action}",
                app.address
            ))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "{action}");
    }
    let detail = app.page(&format!("/_sim/console/chg/{number}")).await;
    assert!(
        detail.contains("審査終了") && detail.contains("追加した論理端末"),
        "{detail}"
    );
    let issued = app
        .get_api(&format!("workspaces/{ws}/applications/{number}"))
        .await;
    for t in issued["issued"]["ids"]["terminals"].as_array().unwrap() {
        assert!(detail.contains(t["name"].as_str().unwrap()));
    }
}

/// 受付完了 and 確認完了 go to the 申込担当者 and the 管理責任者 (M001 l.357, 369); 証明書発行完了
/// to the 管理責任者 only (l.449). Here the 申込担当者 is another person than NAC001's 管理責任者.
#[tokio::test]
async fn the_mails_go_to_the_applicant_and_the_manager() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(42, NOW).await;
    let mut b = nac001(&app, &ws).await;
    to_items(&mut b).await;
    b.press("申込担当者の入力へ進む", &[NET_ITEM, WISH]).await;
    b.press(
        "次へ進む",
        &[
            ("氏名 姓", "混載"),
            ("氏名 名", "一郎"),
            ("氏名(フリガナ) 姓", "コンサイ"),
            ("氏名(フリガナ) 名", "イチロウ"),
            ("E-mailアドレス 登録用", "konsai.ichiro@naccs.co.jp"),
            ("E-mailアドレス 確認用", "konsai.ichiro@naccs.co.jp"),
        ],
    )
    .await;
    b.press("次へ進む", &[(ADD_SEA, "1")]).await;
    b.press("申込内容を登録する", &[]).await;
    assert_eq!(b.id(), "change_application.complete", "{:?}", b.errors());
    let number = newest_number(&app, &ws).await;
    let path = format!("workspaces/{ws}/applications/{number}/review");
    app.post_api(&path, json!({"decision": "approve"})).await;
    app.post_api(&path, json!({"decision": "issue_certificates"}))
        .await;
    let mails = app.mails(&ws).await;
    let to = |i: usize| -> Vec<String> {
        mails[i]["to"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap().to_string())
            .collect()
    };
    let both = [
        "混載 一郎 <konsai.ichiro@naccs.co.jp>",
        "通関 花子 <tuukan-hanako@naccs.co.jp>",
    ];
    assert_eq!(mails[0]["kind"], "application_received");
    assert_eq!(to(0), both);
    assert_eq!(mails[1]["kind"], "application_confirmed");
    assert_eq!(to(1), both);
    assert_eq!(mails[2]["kind"], "certificate_issued");
    assert_eq!(to(2), ["通関 花子 <tuukan-hanako@naccs.co.jp>"]);
    // The office's next change pre-fills the 申込担当者 it last applied with (Part 3 Q34).
    b.open("menu/contract").await;
    b.press("契約情報を変更する", &[]).await;
    b.press("申込内容選択へ進む", &[]).await;
    b.press("申込担当者の入力へ進む", &[NET_ITEM, WISH]).await;
    assert_eq!(b.field("氏名 姓").unwrap()["value"], "混載");
}

/// 「その他の契約変更」 (M001 l.199-201): no input screen; 申込分類(特殊) and, for 契約解除,
/// 申込分類 解約申込 (M001 l.517-518); approval changes nothing the simulator keeps.
#[tokio::test]
async fn the_other_contract_changes() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(42, NOW).await;
    let mut b = nac001(&app, &ws).await;
    to_items(&mut b).await;
    b.press(
        "申込担当者の入力へ進む",
        &[
            ("内容", "あり"),
            // Option values: the label 「契約解除、事業所廃止」 holds the list separator.
            ("内容 変更項目", "joint_use、termination"),
            WISH,
        ],
    )
    .await;
    b.press("次へ進む", &[]).await;
    assert_eq!(b.id(), "change_application.confirm", "{:?}", b.errors());
    assert_eq!(
        cell(&b.screen, "変更内容", "その他の契約変更"),
        "あり（共同利用(追加・解除)、契約解除、事業所廃止）"
    );
    b.press("申込内容を登録する", &[("備考", "委任状を添付します。")])
        .await;
    let number = newest_number(&app, &ws).await;
    b.open(&format!("menu/applications/detail?no={number}"))
        .await;
    assert_eq!(cell(&b.screen, "申込内容", "申込分類"), "解約申込");
    assert_eq!(cell(&b.screen, "申込内容", "申込分類(特殊)"), "共同利用");
    assert_eq!(cell(&b.screen, "申込内容", "契約変更内容"), "-");
    let before = app.get_api(&format!("workspaces/{ws}/offices")).await;
    let (status, _) = review(&app, &ws, &number, json!({"decision": "approve"})).await;
    assert_eq!(status, 200);
    assert_eq!(
        app.get_api(&format!("workspaces/{ws}/offices")).await,
        before
    );
}

/// 変更申込 確認 handles 備考 and 添付ファイル as 申込内容 確認 does (one function): a file over
/// 1 MiB is refused with its message, the 備考 typed stays, nothing is attached; a file within
/// the bound is attached with the 備考 kept.
#[tokio::test]
async fn a_change_confirmation_attaches_files_as_the_new_application_does() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(42, NOW).await;
    let mut b = nac001(&app, &ws).await;
    to_terminals(&mut b).await;
    b.press("次へ進む", &[(ADD_SEA, "2")]).await;
    assert_eq!(b.id(), "change_application.confirm", "{:?}", b.errors());
    let attached = |b: &Browser| table(&b.screen, "").len();

    crate::sharing::type_into(&mut b, "備考", "端末2台の追加");
    b.press_with_file(
        "ファイルを添付する",
        "添付ファイル",
        Some(("構成図.pdf", vec![7u8; 3 * 1024 * 1024])),
    )
    .await;
    assert_eq!(b.id(), "change_application.confirm");
    assert!(
        b.errors()
            .iter()
            .any(|e| e.contains("上限（1MB）を超えています")),
        "{:?}",
        b.errors()
    );
    assert_eq!(crate::sharing::field_value(&b, "備考"), "端末2台の追加");
    assert_eq!(attached(&b), 0);

    b.press_with_file(
        "ファイルを添付する",
        "添付ファイル",
        Some(("構成図.pdf", vec![7u8; 1000])),
    )
    .await;
    assert!(b.errors().is_empty(), "{:?}", b.errors());
    assert_eq!(attached(&b), 1);
    assert_eq!(crate::sharing::field_value(&b, "備考"), "端末2台の追加");
}
