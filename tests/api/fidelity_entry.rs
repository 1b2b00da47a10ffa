//! Issue 15, the entry area (docs/fidelity.md, "Entry"): the NSS電子申請情報ページ `bbs/`,
//! 仮ログイン登録, the login page, 新規利用申込ガイダンス, the 予期しない操作 error, the two mails of
//! manual 000, the trailing-slash redirects and the reference links. Each assertion names its row.

use crate::html::HtmlBrowser;
use crate::support::TestApp;
use serde_json::Value;

const NOW: &str = "2018-11-27T16:30:00+09:00";

fn labels(doc: &Value, key: &str) -> Vec<String> {
    doc[key]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|l| l["label"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The href of the HTML page's reference link whose text is `anchor`.
fn reference_href(page: &str, anchor: &str) -> Option<String> {
    let doc = scraper::Html::parse_document(page);
    let sel = scraper::Selector::parse("a.reference").unwrap();
    doc.select(&sel)
        .find(|a| a.text().collect::<String>() == anchor)
        .and_then(|a| a.value().attr("href").map(str::to_string))
}

fn has_h1(page: &str) -> bool {
    let doc = scraper::Html::parse_document(page);
    doc.select(&scraper::Selector::parse("h1").unwrap())
        .next()
        .is_some()
}

#[tokio::test]
async fn the_board_page_is_printed_as_the_manual_shows_it() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(1, NOW).await;
    let mut b = app.browser(&ws);
    let doc = b.open("bbs/").await.clone();
    let texts = b.texts();
    // B1: the board's menu bar, not an invented breadcrumb.
    assert_eq!(
        texts[0],
        "TOP ｜ NACCSのご利用方法 ｜ 申込手続（NSS） ｜ NACCS業務仕様・関連資料 ｜ よくある問合せ ｜ 関連リンクを表示する▼"
    );
    assert!(!texts.iter().any(|t| t.contains("NACCS掲示板 >")));
    // B5: the manual's order of the links.
    assert_eq!(
        labels(&doc, "links"),
        ["NSSログインはこちら", "変更申込", "新規申込"]
    );
    // B2: a 申込手順書 beside 変更申込 and beside 新規申込 (plain text: the PDFs are not served).
    assert_eq!(texts.iter().filter(|t| *t == "申込手順書").count(), 2);
    // B3, B4: the manuals section and the notices.
    for line in [
        "1 NSS操作マニュアル",
        "1-1 NSSのクライアント環境・禁止事項(650KBytes)",
        "1-4 NSSの詳細な操作方法(2MBytes)",
        "2 お知らせ",
        "・NSSに登録された「緊急連絡用FAX番号」等の確認のお願い (2017.1.13)",
        "・NSSログインID等の発送について(661KBytes)",
    ] {
        assert!(texts.iter().any(|t| t == line), "missing {line}");
    }
    // B6: the example names the dates of the first row still open for a 利用申込 (on 11/27 the
    // first row's 11月26日 has passed).
    let rows = b.rows("NACCSのご利用に関するスケジュール表");
    assert_eq!(rows[0][0], "11月26日(月)");
    assert_eq!(rows[1], ["12月3日(月)", "12月10日(月)", "12月18日(火)"]);
    assert_eq!(
        texts.last().unwrap(),
        "例) 12月3日(月)までに、利用契約申込みすると12月18日(火)がシステム利用開始日になります。"
    );
}

#[tokio::test]
async fn page_urls_without_their_trailing_slash_redirect() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(1, NOW).await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    // Also in this area, M000 audit §4.5.
    for (path, to) in [
        ("bbs", "bbs/"),
        ("login/nsscoapp", "login/nsscoapp/"),
        ("apply", "apply/"),
        ("login/nsscoapp?saved=1", "login/nsscoapp/?saved=1"),
    ] {
        let r = client
            .get(format!("{}/w/{ws}/{path}", app.address))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 303, "{path}");
        assert_eq!(
            r.headers()["location"].to_str().unwrap(),
            format!("/w/{ws}/{to}"),
            "{path}"
        );
    }
    // The journal names the page asked for.
    let journal = app.journal(&ws).await;
    let bbs = journal
        .iter()
        .find(|j| j["path"] == "bbs")
        .expect("the request without the slash in the journal");
    assert_eq!(bbs["screen"], "bbs.index");
    assert_eq!(bbs["status"], 303);
    // Followed, they land on the page.
    let mut b = app.browser(&ws);
    b.open("bbs").await;
    assert_eq!(b.id(), "bbs.index");
    b.open("login/nsscoapp").await;
    assert_eq!(b.id(), "login.form");
}

#[tokio::test]
async fn the_reference_sentences_link_to_the_board_in_html_only() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(1, NOW).await;
    // G1: the sentence as printed; in HTML the page name is a link to bbs/.
    let mut h = HtmlBrowser::new(&app, &ws);
    h.open("apply/").await;
    assert_eq!(
        reference_href(&h.page, "NSS電子申請情報ページ").as_deref(),
        Some(format!("/w/{ws}/bbs/").as_str())
    );
    let mut b = app.browser(&ws);
    let doc = b.open("apply/").await.clone();
    let texts = b.texts();
    assert!(texts.contains(
        &"システム利用規程をご確認いただき、利用契約手続き(電子申請)を行ってください。(詳しい説明はNSS電子申請情報ページ)".to_string()
    ));
    // JSON adds no link for it: the links stay the page's own.
    assert_eq!(labels(&doc, "links"), ["《システム利用規程》"]);
    // G3 printed; G2 (print and post the form) is not (procedures.md §11).
    assert!(
        texts.contains(
            &"※ 回線利用の場合には、別途回線工事日程等の調整が必要になります。".to_string()
        )
    );
    assert!(!b.text().contains("郵送"));
}

#[tokio::test]
async fn temporary_account_screens_follow_the_newest_captures() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(1, NOW).await;
    let mut b = app.browser(&ws);
    b.open("apply/").await;
    b.press("システム利用規程に同意する", &[]).await;
    // N-07: M003's intro, back button and the 確認用 note.
    assert_eq!(
        b.texts()[..2],
        [
            "申込担当者の情報を入力してください。",
            "入力完了後、「申込内容確認へ進む」ボタンをクリックしてください。"
        ]
    );
    assert!(b.button("利用手順ガイドに戻る").is_some());
    assert!(b.button("利用規定ガイダンスに戻る").is_none());
    let email = b.field("E-mailアドレス 登録用").expect("the e-mail field");
    let notes: Vec<&str> = email["notes"]
        .as_array()
        .map(|n| n.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    assert!(
        notes.contains(&"確認のため、同じE-mailアドレスをご入力ください。"),
        "{email}"
    );
    // I3: one example per 氏名 row, on its last input.
    assert!(b.field("氏名 姓").unwrap()["example"].is_null());
    assert_eq!(b.field("氏名 名").unwrap()["example"], "例) 通関 太郎");
    assert_eq!(
        b.field("氏名(フリガナ) 名").unwrap()["example"],
        "例) ツウカン タロウ"
    );

    let mut b = app.browser(&ws);
    b.open("apply/").await;
    b.press("システム利用規程に同意する", &[]).await;
    let typed = crate::support::manual::pairs("register_temp_account", "申込担当者 入力");
    let typed: Vec<(&str, &str)> = typed
        .iter()
        .map(|(l, v)| (l.as_str(), v.as_str()))
        .collect();
    b.press("申込内容確認へ進む", &typed).await;
    assert_eq!(b.id(), "temp_account.confirm");
    // C1, N-08: the confirm screen's 「所属部課名」.
    let rows = b.rows("申込担当者に関する項目");
    assert!(rows.iter().any(|r| r[0] == "所属部課名"), "{rows:?}");
    assert!(!rows.iter().any(|r| r[0] == "所属部署名"), "{rows:?}");
    b.press("申込内容を登録する", &[]).await;
    assert_eq!(b.id(), "temp_account.complete");
    // N-09: M003's text.
    assert!(b.texts().contains(
        &"本画面は閉じて頂き、E-mailに記載された仮ログインID・パスワードを用いて、48時間以内にNACCSの利用申込を行ってください。".to_string()
    ));
}

#[tokio::test]
async fn the_name_rows_print_the_hint_once_in_html() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(1, NOW).await;
    let mut h = HtmlBrowser::new(&app, &ws);
    h.open("apply/").await;
    h.press("システム利用規程に同意する", &[]).await;
    let doc = scraper::Html::parse_document(&h.page);
    let rows = scraper::Selector::parse("tr").unwrap();
    let hint = scraper::Selector::parse("span.hint").unwrap();
    let th = scraper::Selector::parse("th").unwrap();
    let row = |label: &str| {
        doc.select(&rows)
            .find(|r| {
                r.select(&th)
                    .next()
                    .is_some_and(|t| t.text().collect::<String>() == label)
            })
            .unwrap_or_else(|| panic!("no row {label}"))
    };
    // I3: 「姓: [ ] 名: [ ] (全角) 例) 通関 太郎」.
    assert_eq!(row("氏名").select(&hint).count(), 1);
    assert_eq!(row("氏名(フリガナ)").select(&hint).count(), 1);
    // Inputs with their own example keep their own hint (E-mailアドレス 登録用/確認用).
    assert_eq!(row("E-mailアドレス").select(&hint).count(), 2);
}

#[tokio::test]
async fn login_and_error_pages_have_no_heading() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(1, NOW).await;
    let mut h = HtmlBrowser::new(&app, &ws);
    // L1: no heading on the login page; its JSON title still names it.
    h.open("login/nsscoapp/").await;
    assert_eq!(h.screen(), "login.form");
    assert!(!has_h1(&h.page));
    let mut b = app.browser(&ws);
    b.open("login/nsscoapp/").await;
    assert_eq!(b.title(), "ログイン");
    // E1: the 予期しない操作 page prints the message without the heading 「エラー」.
    h.open("apply/").await;
    let stale = h.page.clone();
    h.press("システム利用規程に同意する", &[]).await;
    h.page = stale;
    h.press("システム利用規程に同意する", &[]).await;
    assert_eq!(h.screen(), "error.unexpected_operation");
    assert!(!has_h1(&h.page));
    assert!(h.page.contains(
        "予期しない操作がなされた為、エラーが発生しました。大変お手数ですが、再度ログインしてください。"
    ));
}

#[tokio::test]
async fn a_visitor_without_a_session_on_the_temporary_path_starts_it_again() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(1, NOW).await;
    // Also in this area, M000 audit §4.6: no login-expiry message for someone never logged in.
    for path in ["apply/input", "apply/confirm", "apply/complete"] {
        let mut b = app.browser(&ws);
        b.open(path).await;
        assert_eq!(b.id(), "temp_account.guidance", "{path}");
        assert!(b.errors().is_empty(), "{path}: {:?}", b.errors());
    }
    let journal = app.journal(&ws).await;
    assert!(
        journal
            .iter()
            .any(|j| j["path"] == "apply/confirm" && j["outcome"] == "expired"),
        "{journal:?}"
    );
    // A logged-in screen still says the session is over.
    let mut b = app.browser(&ws);
    b.open("app/office").await;
    assert_eq!(b.id(), "login.form");
    assert!(!b.errors().is_empty());
}

#[tokio::test]
async fn the_catalogue_lists_the_rules_page() {
    let app = TestApp::spawn().await;
    let screens = app.get_api("screens").await;
    // Also in this area, M000 audit §4.7.
    let rules = screens
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "temp_account.rules")
        .expect("temp_account.rules in the catalogue");
    assert_eq!(rules["title"], "システム利用規程");
    assert_eq!(rules["manual"], "M000 【5】");
}

#[tokio::test]
async fn new_application_guidance_and_mails_follow_the_newest_captures() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(1, NOW).await;
    let mut b = app.browser(&ws);
    let (id, pw) = b.register_temp_account(&app, &ws).await;
    b.login(&id, &pw).await;
    assert_eq!(b.id(), "new_application.guidance");
    let texts = b.texts();
    // N1, N-06: the reference line (M003) — and in HTML its two names link to bbs/.
    assert!(texts.contains(&"(詳細は「説明」・「NSS電子申請情報」へ)".to_string()));
    // N2, N-06: the STEP2 sub-lists.
    for line in [
        "netNACCS",
        "一般NACCS",
        "使用する論理端末数またはwebNACCS用デジタル証明書数を入力します。",
        "SMTP/POP3およびEDIFACTを利用される方のみ、メールボックス数を入力します。",
        "回線工事に関する項目(工事事務担当者、工事立会者)を入力します。",
    ] {
        assert!(texts.iter().any(|t| t == line), "missing {line}");
    }
    // N3, N-06: STEP4 and STEP5 as M003 prints them; nothing to post.
    assert!(texts.contains(&"STEP4 システム設定申込".to_string()));
    assert!(texts.contains(&"STEP5 契約申込の完了".to_string()));
    assert!(!b.text().contains("郵送"));

    let mut h = HtmlBrowser::new(&app, &ws);
    h.open("login/nsscoapp/").await;
    h.press("ログイン", &[("login_id", &id), ("password", &pw)])
        .await;
    assert_eq!(h.screen(), "new_application.guidance");
    for anchor in ["説明", "NSS電子申請情報"] {
        assert_eq!(
            reference_href(&h.page, anchor).as_deref(),
            Some(format!("/w/{ws}/bbs/").as_str()),
            "{anchor}"
        );
    }

    // The mails once the application is registered.
    let (_, _, _) = app.registered_application(&ws).await;
    let mails = app.mails(&ws).await;
    let text = |kind: &str| {
        mails
            .iter()
            .rev()
            .find(|m| m["kind"] == kind)
            .and_then(|m| m["text"].as_str())
            .unwrap_or_else(|| panic!("no {kind} mail"))
            .to_string()
    };
    // M2 (decided): the colon form mail parsers read stays 「仮ログインID：」.
    let temp = text("temp_account_registered");
    assert!(temp.contains("\n仮ログインID："), "{temp}");
    assert!(temp.contains("\n仮パスワード："), "{temp}");
    assert!(temp.contains("ソリューション事業推進部 利用契約事務課"));
    // M4: the 受付完了 mail ends with M003's helpdesk block.
    let received = text("application_received");
    assert!(
        received
            .ends_with("ヘルプデスク\nTel: 0120-794-550\nE-mail: help@naccs.jp\n受付時間：終日\n"),
        "{received}"
    );
    assert!(!received.contains("利用契約事務課"));
    assert!(!received.contains("Fax"));
}
