//! Issue 15, the logged-in NSS (docs/fidelity.md, rows M-01 to M-30 and the issue's "also in this
//! area" items): メインメニュー, 新着情報, the 参照 screens, ID通知内容, 契約情報 参照 and the seeded
//! customers, as the manuals print them. Each assertion cites its audit row.

use crate::center::registered;
use crate::change::nac001;
use crate::support::TestApp;
use crate::support::screen::{cell, columns, follow, link, links, table};
use serde_json::json;

/// M004 l.70, 123: the banner of every logged-in screen.
const BANNER: &str = "ブラウザの戻るボタン、複数のタブ・ウィンドウは使用しないでください。";

/// A date as the manuals print it: `2018/11/28` (no time).
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'/'
        && b[7] == b'/'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// The office NAC001 in a workspace whose clock stands on 2018-11-29 (the `approved` preset's day).
#[tokio::test]
async fn menu_news_and_menu_list_as_printed() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(7, "2018-11-29T10:00:00+09:00").await;
    let mut b = nac001(&app, &ws).await;
    // M-10: the banner on the main menu.
    assert_eq!(b.notices().first().map(String::as_str), Some(BANNER));
    // M-23: the intro with M004's full-width parentheses.
    assert!(b.texts().iter().any(|t| t
        == "新着情報を表示しています。「詳細」ボタンをクリックし内容をご確認ください。（最新の10件を表示）"));
    // M-09: 利用料金 lines for the invoices fixed by the clock, without a 受付番号; M-22: dates only.
    let news = table(&b.screen, "新着情報");
    assert!(!news.is_empty() && news.len() <= 10, "{news:?}");
    assert!(news.iter().all(|r| is_date(&r[0])), "{news:?}");
    let fees: Vec<&Vec<String>> = news.iter().filter(|r| r[1] == "利用料金").collect();
    assert!(!fees.is_empty(), "{news:?}");
    for r in &fees {
        assert_eq!(r[2], "", "M-09: no 受付番号");
        assert_eq!(
            r[3],
            "前月分の請求額が確定しました。請求情報の詳細画面から内容をご確認ください。"
        );
        assert_eq!(r[4], "詳細");
        // M-18: fixed by the workspace clock (2018-11-29), in its world.
        assert!(
            r[0].as_str() <= "2018/11/29" && r[0].starts_with("2018/"),
            "{r:?}"
        );
    }
    // Newest first.
    let mut sorted = news.iter().map(|r| r[0].clone()).collect::<Vec<_>>();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(
        news.iter().map(|r| r[0].clone()).collect::<Vec<_>>(),
        sorted
    );
    // M-18: the bills are those of the workspace's world, fixed by its clock.
    b.open("menu/invoices").await;
    let invoices = table(&b.screen, "請求情報");
    assert!(
        invoices
            .iter()
            .all(|r| r[0].as_str() <= "2018/10" && r[2].as_str() <= "2018/11/29")
    );
    b.open("menu").await;

    // M-08: メニュー一覧 in M004's four groups, every item, the ones not simulated as such.
    let texts = b.texts();
    for heading in [
        "メニュー一覧",
        "申込を行う",
        "契約内容を確認する",
        "ユーザー情報",
        "請求を参照する",
        "通関士IDの追加（シミュレータ未対応）",
        "デジタル証明書の再発行（シミュレータ未対応）",
    ] {
        assert!(texts.iter().any(|t| t == heading), "{heading}: {texts:?}");
    }
    assert!(!b.text().contains("クライアント証明書"));
    let labels = links(&b.screen);
    for item in [
        "契約内容の変更",
        "システム設定の申込",
        "申込内容の確認",
        "契約内容の確認",
        "パスワードの変更",
        "請求金額の参照",
    ] {
        assert!(labels.iter().any(|l| l == item), "{item}: {labels:?}");
    }
    // M-30: the nav bar's items (decided: 「申込実施」 leads to the menu, 🏠 is its icon).
    for item in [
        "申込実施",
        "申込内容確認",
        "契約内容確認",
        "請求内容参照",
        "パスワード変更",
    ] {
        assert!(labels.iter().any(|l| l == item), "{item}");
    }
    // M-10, M-12: 契約情報 参照 with its banner and its tab bar as contract §4 defines it; M-04:
    // 「契約情報を変更する」; M-03: the 利用者ID columns.
    b.open("menu/contract?tab=netNACCS").await;
    assert_eq!(b.notices().first().map(String::as_str), Some(BANNER));
    assert_eq!(b.screen["tabs"]["current"], "netNACCS");
    assert_eq!(
        b.screen["tabs"]["items"],
        json!(["事業所", "netNACCS", "一般NACCS", "請求先"])
    );
    assert!(b.button("契約情報を変更する").is_some());
    let ids = columns(&b.screen, "利用者ID");
    for column in [
        "区分",
        "業種",
        "処理方式",
        "利用者コード",
        "識別番号",
        "パスワード",
        "管理統計資料(有料分)",
        "管理統計資料(無料分)",
        "保税管理資料保存サービス",
        "他事業所と共用",
        "利用開始日",
        "利用終了日",
    ] {
        assert!(ids.iter().any(|c| c == column), "M-03: {column}: {ids:?}");
    }
    // M-10: 請求金額の参照 and パスワードの変更 too.
    for page in ["menu/invoices", "menu/password", "menu/applications"] {
        b.open(page).await;
        assert_eq!(
            b.notices().first().map(String::as_str),
            Some(BANNER),
            "{page}"
        );
    }
}

/// M-09: an office with no invoice says so; a temporary ID sees the office-only items as text.
#[tokio::test]
async fn temporary_id_menu() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(3, "2018-11-27T16:30:00+09:00").await;
    let (mut b, id, pw, _) = registered(&app, &ws).await;
    b.login(&id, &pw).await;
    assert_eq!(b.id(), "menu.main");
    assert!(b.texts().iter().any(|t| t == "新着情報はありません。"));
    let texts = b.texts();
    for item in [
        "契約内容の変更（事業所コードでログインすると利用できます）",
        "システム設定の申込（事業所コードでログインすると利用できます）",
    ] {
        assert!(texts.iter().any(|t| t == item), "M-08: {item}: {texts:?}");
    }
    assert!(!links(&b.screen).iter().any(|l| l == "契約内容の変更"));
}

/// From 審査終了 to ID通知内容 with the temporary ID (M002 3.②–④).
#[tokio::test]
async fn reference_screens_after_approval() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(2018, "2018-11-27T16:30:00+09:00").await;
    let (mut b, id, pw, number) = registered(&app, &ws).await;
    app.advance(&ws, "PT17H30M").await; // 2018-11-28 10:00
    let (status, answer) = app
        .review(&ws, &number, json!({"decision": "approve"}))
        .await;
    assert_eq!(status, 200, "{answer}");
    b.login(&id, &pw).await;
    assert_eq!(b.notices().first().map(String::as_str), Some(BANNER));
    // M-06 (M002 l.771) and M-22: the 審査終了 line, dated.
    let news = table(&b.screen, "新着情報");
    assert!(
        news.iter().any(|r| r[0] == "2018/11/28"
            && r[1] == "利用申込"
            && r[2] == format!("【{number}】")
            && r[3] == "利用申込の審査が終了しました。通知内容を確認してください。"),
        "{news:?}"
    );
    // The 口座振替 line is a 利用料金 line: no 受付番号 (M001 l.100), its 詳細 the application.
    assert!(news.iter().any(|r| r[1] == "利用料金"
        && r[2].is_empty()
        && r[3].starts_with("口座振替申込専用紙を送付しました。")));
    let detail = link(&b.screen, &format!("詳細【{number}】"));
    follow(&mut b, &detail).await;
    assert_eq!(b.id(), "applications.detail");
    // M-10: the banner without a form.
    assert!(b.button_labels().is_empty());
    assert_eq!(b.notices().first().map(String::as_str), Some(BANNER));
    // M-11: breadcrumb and sub-heading.
    let texts = b.texts();
    assert!(
        texts.iter().any(|t| t == "申込情報一覧 > 利用申込詳細"),
        "{texts:?}"
    );
    assert!(texts.iter().any(|t| t == "利用申込"), "{texts:?}");
    // M-12: the tab bar, contract §4.
    assert_eq!(b.screen["tabs"]["current"], "利用申込");
    assert_eq!(b.screen["tabs"]["items"][5], "請求先");
    // M-05: the 確定 利用開始日 beside the 利用開始希望日.
    assert_eq!(cell(&b.screen, "申込内容", "利用開始希望日"), "20181225");
    assert_eq!(cell(&b.screen, "申込内容", "利用開始日"), "2018/12/25");
    // M-13: 進行状況 starts with the submission, dates only.
    let progress = table(&b.screen, "進行状況");
    assert_eq!(progress[0], ["利用申込", "2018/11/27", ""]);
    assert_eq!(progress[1][1], "2018/11/28");
    // M-01: the documents; the 承認通知 not before the 利用開始日.
    let labels = links(&b.screen);
    assert!(labels.iter().any(|l| l == "申込書を出力する"));
    assert!(!labels.iter().any(|l| l == "承認通知を出力する"));

    let notice = link(&b.screen, "ID通知内容");
    follow(&mut b, &notice).await;
    assert_eq!(b.id(), "applications.id_notice");
    // M-21: the heading; M-10: the banner.
    assert_eq!(b.screen["title"], "ID発行内容 参照");
    assert_eq!(b.notices().first().map(String::as_str), Some(BANNER));
    // M-25: the dates as M002 prints them.
    assert_eq!(cell(&b.screen, "ID通知内容", "利用開始日"), "2018/12/25");
    assert_eq!(
        cell(&b.screen, "申込結果", "システム設定申込締切日"),
        "2018/12/14"
    );
    // M-14: the manual's lines under the terminal table.
    let texts = b.texts();
    assert!(texts.iter().any(|t| t
        == "端末ごとにデジタル証明書を取得し、NACCSパッケージソフトをインストールしてください。"));
    assert!(texts.iter().any(|t| t.starts_with(
        "※「パッケージソフト初期導入手順書」を参照してください <http://www.naccscenter.com/use/ps/>"
    )));
    assert_eq!(
        columns(&b.screen, "論理端末名 / デジタル証明書")
            .last()
            .unwrap(),
        "事業所コード"
    );
}

/// M-18: the seeded customers live in the workspace's world: a 2018 preset, or a clock put in 2018
/// before they were met, shows 2018 contracts and invoices.
#[tokio::test]
async fn seeded_customers_follow_the_workspace_clock() {
    let app = TestApp::spawn().await;
    let (status, created) = app
        .post_api(
            "workspaces",
            json!({"id": "m18", "seed": 5, "fixture": "approved"}),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    let by_preset = app.get_api("workspaces/m18/offices").await;
    let ws = app.workspace(5, "2026-11-23T10:00:00+09:00").await;
    app.set_clock(&ws, "2018-11-29T10:00:00+09:00").await;
    let by_clock = app.get_api(&format!("workspaces/{ws}/offices")).await;
    for offices in [&by_preset, &by_clock] {
        let offices = offices.as_array().unwrap();
        assert!(offices.len() > 3);
        // The seeded ones (an office born of the preset's approval starts on its 利用開始日).
        for o in offices.iter().filter(|o| o["application"].is_null()) {
            let p = &o["profile"];
            let start = p["start_date"].as_str().unwrap();
            assert!(start <= "2018-11-29", "{} starts {start}", o["office_code"]);
            for i in p["invoices"].as_array().unwrap() {
                let month = i["month"].as_str().unwrap();
                assert!(month < "2018-11-01", "{} bills {month}", o["office_code"]);
            }
        }
        let nac002 = offices
            .iter()
            .find(|o| o["office_code"] == "NAC002")
            .unwrap();
        assert!(
            nac002["profile"]["invoices"]
                .as_array()
                .unwrap()
                .iter()
                .any(|i| i["month"] == "2018-10-01"),
            "the last month fixed by 2018-11-29 is billed"
        );
    }
}

/// M-08, M-10 in HTML: the banner over the heading, the groups in M004's order with their items.
#[tokio::test]
async fn menu_in_html() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(7, "2018-11-29T10:00:00+09:00").await;
    let offices = app.get_api(&format!("workspaces/{ws}/offices")).await;
    let pw = offices
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["office_code"] == "NAC001")
        .unwrap()["password"]
        .as_str()
        .unwrap()
        .to_string();
    let mut h = crate::html::HtmlBrowser::new(&app, &ws);
    h.open("login/nsscoapp/").await;
    h.press("ログイン", &[("login_id", "NAC001"), ("password", &pw)])
        .await;
    assert_eq!(h.screen(), "menu.main");
    let page = h.page.clone();
    let at = |s: &str| {
        page.find(s)
            .unwrap_or_else(|| panic!("{s} not on the page"))
    };
    assert!(at(&format!("<p class=\"notice\">{BANNER}</p>")) < at("<h1>メインメニュー</h1>"));
    let order = [
        "申込を行う",
        ">契約内容の変更<",
        ">システム設定の申込<",
        ">申込内容の確認<",
        "通関士IDの追加（シミュレータ未対応）",
        "デジタル証明書の再発行（シミュレータ未対応）",
        "契約内容を確認する",
        ">契約内容の確認<",
        "ユーザー情報",
        ">パスワードの変更<",
        "請求を参照する",
        ">請求金額の参照<",
    ];
    let positions: Vec<usize> = order.iter().map(|s| at(s)).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
}

/// M-15: a 修正 of a 利用申込 offers the way back to its 参照 on 申込担当者 入力 (as M001 l.173, 252
/// print it for a change and M004 l.226 for a システム設定申込), the correction dropped.
#[tokio::test]
async fn an_amendment_leads_back_to_the_applications_reference() {
    let app = TestApp::spawn().await;
    app.post_api(
        "workspaces",
        json!({"id": "c", "seed": 3, "fixture": "clarification"}),
    )
    .await;
    let number = app.get_api("workspaces/c/applications").await[0]["reception_number"]
        .as_str()
        .unwrap()
        .to_string();
    let mails = app.mails("c").await;
    let (id, pw) = crate::support::temp_credentials(&mails[0]);
    let mut b = app.browser("c");
    b.login(&id, &pw).await;
    b.open(&format!("menu/applications/detail?no={number}"))
        .await;
    b.press("利用申込を修正する", &[]).await;
    assert_eq!(b.id(), "new_application.applicant");
    let labels = crate::change::buttons(&b.screen);
    assert!(
        labels.contains(&"申込情報参照に戻る".to_string()),
        "{labels:?}"
    );
    assert!(!labels.contains(&"前に戻る".to_string()), "{labels:?}");
    // Back to the 参照, what was typed dropped, the application untouched.
    b.press("申込情報参照に戻る", &[("氏名 姓", "修正中")])
        .await;
    assert_eq!(b.id(), "applications.detail");
    assert!(
        b.screen.to_string().contains(&number),
        "the same application"
    );
    b.press("利用申込を修正する", &[]).await;
    assert_eq!(b.field("氏名 姓").unwrap()["value"], "貿易");
    // A new application's own 申込担当者 入力 keeps 前に戻る.
    let ws = app.workspace(5, "2018-11-27T16:30:00+09:00").await;
    let mut b = app.browser(&ws);
    let (id, pw) = b.register_temp_account(&app, &ws).await;
    b.login(&id, &pw).await;
    b.press("次へ進む", &[]).await;
    assert_eq!(b.id(), "new_application.applicant");
    let labels = crate::change::buttons(&b.screen);
    assert!(labels.contains(&"前に戻る".to_string()), "{labels:?}");
    assert!(!labels.contains(&"申込情報参照に戻る".to_string()));
}
