//! The NACCS center (issue 3): review through the API and the console, the mails it causes, the
//! logged-in NSS with 新着情報, 申込内容 参照 and ID通知内容, the login with the issued
//! 事業所コード, the password window, fixture presets and the automatic review policy.

use crate::html::HtmlBrowser;
use crate::support::screen::{cell, follow, link, table};
use crate::support::{Browser, TestApp, temp_credentials};
use serde_json::{Value, json};

/// Registers manual 000's application (2018-11-27 16:30, wish 20181225) and returns the browser
/// (logged in, on 完了), the temporary credentials and the reception number.
pub async fn registered(app: &TestApp, ws: &str) -> (Browser, String, String, String) {
    let (b, id, pw) = app.registered_application(ws).await;
    let apps = app.get_api(&format!("workspaces/{ws}/applications")).await;
    let number = apps[0]["reception_number"].as_str().unwrap().to_string();
    (b, id, pw, number)
}

async fn review(app: &TestApp, ws: &str, number: &str, body: Value) -> (u16, Value) {
    app.post_api(
        &format!("workspaces/{ws}/applications/{number}/review"),
        body,
    )
    .await
}

fn subjects(mails: &[Value]) -> Vec<String> {
    mails
        .iter()
        .map(|m| m["subject"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn review_to_office_login_through_json() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(2018, "2018-11-27T16:30:00+09:00").await;
    let (mut b, id, pw, number) = registered(&app, &ws).await;

    // Before the answer: the menu has nothing new, ID通知内容 is not there yet.
    b.login(&id, &pw).await;
    assert_eq!(b.id(), "menu.main");
    assert!(table(&b.screen, "新着情報").is_empty());

    app.advance(&ws, "PT17H30M").await; // 2018-11-28 10:00
    let (status, answer) = review(&app, &ws, &number, json!({"decision": "approve"})).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["status"], "approved");
    assert_eq!(answer["issued"]["start_date"], "2018-12-25");
    assert_eq!(answer["issued"]["settings_deadline"], "2018-12-14");
    let office_code = answer["issued"]["ids"]["office_code"]
        .as_str()
        .unwrap()
        .to_string();
    let office_pw = answer["issued"]["ids"]["office_password"]
        .as_str()
        .unwrap()
        .to_string();
    let abbr = answer["issued"]["ids"]["company_abbr"].as_str().unwrap();
    assert_eq!(abbr.len(), 3);
    assert_eq!(office_code, format!("{abbr}001"));
    let user_code = answer["issued"]["ids"]["user_ids"][0]["user_code"]
        .as_str()
        .unwrap();
    assert!(
        user_code.starts_with("V1") && user_code.len() == 5,
        "{user_code}"
    );

    // Mails: 利用申込確認完了 (applicant = manager here: one mail) and the 口座振替 form.
    let mails = app.mails(&ws).await;
    assert_eq!(
        subjects(&mails)[2..],
        [
            "【NACCS】利用申込確認完了のお知らせ",
            "預金口座振替依頼書についてのお知らせ"
        ]
    );
    assert!(
        mails[2]["text"]
            .as_str()
            .unwrap()
            .contains("システム設定申込締切日：2018年12月14日")
    );

    // The temporary ID's menu: 新着情報 → 詳細 → 申込内容 参照 → ID通知内容.
    b.open("menu").await;
    let news = table(&b.screen, "新着情報");
    assert!(news.iter().any(|r| r[1] == "利用申込"
        && r[2] == format!("【{number}】")
        && r[3] == "利用申込の審査が終了しました。通知内容を確認してください。"));
    let detail = link(&b.screen, &format!("詳細【{number}】"));
    follow(&mut b, &detail).await;
    assert_eq!(b.id(), "applications.detail");
    assert_eq!(cell(&b.screen, "申込内容", "ステータス"), "審査終了");
    assert_eq!(cell(&b.screen, "申込内容", "審査終了日"), "2018/11/28");
    let notice = link(&b.screen, "ID通知内容");
    follow(&mut b, &notice).await;
    assert_eq!(b.id(), "applications.id_notice");
    assert_eq!(cell(&b.screen, "ID通知内容", "利用開始日"), "2018/12/25");
    assert_eq!(cell(&b.screen, "ID通知内容", "事業所コード"), office_code);
    assert_eq!(cell(&b.screen, "ID通知内容", "事業所パスワード"), office_pw);
    assert_eq!(
        cell(&b.screen, "申込結果", "システム設定申込締切日"),
        "2018/12/14"
    );
    assert!(
        b.text()
            .contains("認証コードは、デジタル証明書の発行後に表示されます。")
    );

    // The certificate step: mail to the 管理責任者, 認証コード shown.
    let (status, _) = review(
        &app,
        &ws,
        &number,
        json!({"decision": "issue_certificates"}),
    )
    .await;
    assert_eq!(status, 200);
    let mails = app.mails(&ws).await;
    assert_eq!(
        subjects(&mails).last().unwrap(),
        "【NSS】デジタル証明書発行完了のお知らせ"
    );
    b.open(&notice[b.base.len()..]).await;
    let terminals = table(&b.screen, "論理端末名 / デジタル証明書");
    assert_eq!(terminals.len(), 5);
    assert!(
        terminals
            .iter()
            .all(|t| t[5].starts_with(abbr) && t[6] != "-")
    );

    // The issued office code logs in, from then on.
    let mut office = app.browser(&ws);
    office.login(&office_code, "wrong").await;
    assert_eq!(office.id(), "login.form");
    assert_eq!(
        office.errors(),
        ["ログインIDまたはパスワードが正しくありません。"]
    );
    office.login(&office_code, &office_pw).await;
    assert_eq!(office.id(), "menu.main");
    assert_eq!(office.screen["session"]["login_id"], office_code.as_str());
    assert!(!table(&office.screen, "新着情報").is_empty());
    office.open("menu/contract").await;
    assert_eq!(office.id(), "contract.detail");

    // The trainer's journal page shows what happened, the refused password included.
    let journal = app.page(&format!("/_sim/journal/{ws}/")).await;
    assert!(journal.contains("menu/contract") && journal.contains("入力エラー"));
}

#[tokio::test]
async fn review_to_office_login_through_html_forms() {
    let app = TestApp::spawn().await;
    let ws = app
        .workspace_named("html", 2018, "2018-11-27T16:30:00+09:00")
        .await;
    let (_, id, pw, number) = registered(&app, &ws).await;

    // The trainer approves on the console (plain forms, 303 back to the detail).
    let console = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let list = console
        .get(format!("{}/_sim/console/html/", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(list.status(), 200);
    let page = list.text().await.unwrap();
    assert!(page.contains(&number) && page.contains("申込中"), "{page}");
    let empty = console
        .post(format!(
            "{}/_sim/console/html/{number}/clarify",
            app.address
        ))
        .form(&[("message", "  ")])
        .send()
        .await
        .unwrap();
    assert_eq!(empty.status(), 409);
    assert!(
        empty
            .text()
            .await
            .unwrap()
            .contains("確認事項の内容を入力してください。")
    );
    let approved = console
        .post(format!(
            "{}/_sim/console/html/{number}/approve",
            app.address
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(approved.status(), 303);
    let detail = app.page(&format!("/_sim/console/html/{number}")).await;
    assert!(detail.contains("審査終了"));

    // The applicant, in HTML: temp login → 新着情報 → 詳細 → ID通知内容 → office login.
    let mut b = HtmlBrowser::new(&app, "html");
    b.open("login/nsscoapp/").await;
    b.press("ログイン", &[("login_id", &id), ("password", &pw)])
        .await;
    assert_eq!(b.screen(), "menu.main");
    assert!(
        b.page
            .contains("利用申込の審査が終了しました。通知内容を確認してください。")
    );
    b.open(&format!("menu/applications/detail?no={number}"))
        .await;
    assert_eq!(b.screen(), "applications.detail");
    b.open(&format!("menu/applications/id-notice?no={number}"))
        .await;
    assert_eq!(b.screen(), "applications.id_notice");
    let apps = app.get_api("workspaces/html/applications").await;
    let ids = &apps[0]["issued"]["ids"];
    let (code, office_pw) = (
        ids["office_code"].as_str().unwrap(),
        ids["office_password"].as_str().unwrap(),
    );
    assert!(b.page.contains(code) && b.page.contains(office_pw));
    let mut o = HtmlBrowser::new(&app, "html");
    o.open("login/nsscoapp/").await;
    o.press("ログイン", &[("login_id", code), ("password", office_pw)])
        .await;
    assert_eq!(o.screen(), "menu.main");
    assert!(o.page.contains("電子化・効率化推進室") && o.page.contains("からログイン中"));
}

/// M000's application, registered 2018-11-27 wishing 20181225: start 2018-12-25; passwords shown
/// through 2 business days after it (12/27) and masked from 12/28. From the preset whose office
/// filed its システム設定申込 before the deadline (12/14), so that the application stands.
#[tokio::test]
async fn password_window_around_start_plus_two_business_days() {
    let app = TestApp::spawn().await;
    let (status, _) = app
        .post_api(
            "workspaces",
            json!({"id": "pw", "seed": 9, "fixture": "start-tomorrow"}),
        )
        .await;
    assert_eq!(status, 201);
    let apps = app.get_api("workspaces/pw/applications").await;
    let a = &apps[0];
    assert_eq!(a["issued"]["start_date"], "2018-12-25");
    let number = a["reception_number"].as_str().unwrap();
    let ids = &a["issued"]["ids"];
    let (code, office_pw) = (
        ids["office_code"].as_str().unwrap(),
        ids["office_password"].as_str().unwrap(),
    );
    let user_pw = ids["user_ids"][0]["password"].as_str().unwrap();
    let notice = format!("menu/applications/id-notice?no={number}");
    for (day, shown) in [
        ("2018-12-25T09:00:00+09:00", true),
        ("2018-12-27T23:59:00+09:00", true),
        ("2018-12-28T00:00:00+09:00", false),
        ("2019-01-10T09:00:00+09:00", false),
    ] {
        let (s, _) = app
            .post_api("workspaces/pw/clock", json!({"set": day}))
            .await;
        assert_eq!(s, 200);
        let mut b = app.browser("pw");
        b.login(code, office_pw).await;
        assert_eq!(b.id(), "menu.main", "{day}");
        b.open(&notice).await;
        let pw_cell = cell(&b.screen, "ID通知内容", "事業所パスワード");
        let user_pw_cell = table(&b.screen, "利用者ID")[0][4].clone();
        if shown {
            assert_eq!(
                (pw_cell.as_str(), user_pw_cell.as_str()),
                (office_pw, user_pw),
                "{day}"
            );
        } else {
            assert_eq!(pw_cell, "********", "{day}");
            assert_eq!(user_pw_cell, "********", "{day}");
        }
    }
}

/// The temporary ID works through the 利用開始日 (12/25) and not from the day after (M002 ④:
/// 「仮ログインID、パスワードは利用開始日の翌日から使用不可」), and says why not.
#[tokio::test]
async fn temporary_id_through_the_start_date() {
    let app = TestApp::spawn().await;
    app.post_api(
        "workspaces",
        json!({"id": "t", "seed": 9, "fixture": "start-tomorrow"}),
    )
    .await;
    let (id, pw) = temp_credentials(&app.mails("t").await[0]);
    for (at, works) in [
        ("2018-12-25T23:59:00+09:00", true),
        ("2018-12-26T00:00:00+09:00", false),
    ] {
        app.post_api("workspaces/t/clock", json!({"set": at})).await;
        let mut b = app.browser("t");
        b.login(&id, &pw).await;
        if works {
            assert_eq!(b.id(), "menu.main", "{at}");
        } else {
            assert_eq!(b.id(), "login.form", "{at}");
            assert!(b.errors()[0].contains("事業所コードと事業所パスワードでログインしてください"));
        }
    }
}

#[tokio::test]
async fn same_seed_same_issued_ids_other_seed_other_ids() {
    let app = TestApp::spawn().await;
    let mut issued = Vec::new();
    for (id, seed) in [("a", 11), ("b", 11), ("c", 12)] {
        let (s, _) = app
            .post_api(
                "workspaces",
                json!({"id": id, "seed": seed, "fixture": "approved"}),
            )
            .await;
        assert_eq!(s, 201);
        let apps = app.get_api(&format!("workspaces/{id}/applications")).await;
        issued.push(apps[0]["issued"]["ids"].clone());
    }
    assert_eq!(issued[0], issued[1]);
    assert_ne!(issued[0]["office_password"], issued[2]["office_password"]);
    assert_ne!(issued[0]["terminals"], issued[2]["terminals"]);
}

#[tokio::test]
async fn clarification_then_amend_goes_back_to_review() {
    let app = TestApp::spawn().await;
    app.post_api(
        "workspaces",
        json!({"id": "c", "seed": 3, "fixture": "clarification"}),
    )
    .await;
    let apps = app.get_api("workspaces/c/applications").await;
    assert_eq!(apps[0]["status"], "clarification");
    let number = apps[0]["reception_number"].as_str().unwrap().to_string();
    let mails = app.mails("c").await;
    let request = mails.last().unwrap();
    assert!(request["text"].as_str().unwrap().contains(&number));

    // A review is refused while the applicant has the word.
    let (status, e) = review(&app, "c", &number, json!({"decision": "approve"})).await;
    assert_eq!(status, 409, "{e}");

    let mut b = app.browser("c");
    let (id, pw) = temp_credentials(&mails[0]);
    b.login(&id, &pw).await;
    assert!(
        table(&b.screen, "新着情報")
            .iter()
            .any(|r| r[3].starts_with("利用申込内容に確認事項があります。"))
    );
    b.open(&format!("menu/applications/detail?no={number}"))
        .await;
    let progress = table(&b.screen, "進行状況");
    assert!(
        progress
            .iter()
            .any(|r| r[2] == nss_simulator::fixtures::CLARIFICATION_MESSAGE)
    );
    b.press("利用申込を修正する", &[]).await;
    assert_eq!(b.id(), "new_application.applicant");
    assert_eq!(b.field("氏名 姓").unwrap()["value"], "貿易");
    b.press("次へ進む", &[]).await;
    assert_eq!(b.id(), "new_application.office");
    b.press("netNACCSを利用する", &[("FAX番号", "0335015897")])
        .await;
    // On to the confirm screen with what is already there.
    for _ in 0..3 {
        b.press("次へ進む", &[]).await;
    }
    b.press("申込内容確認へ進む", &[]).await;
    assert_eq!(b.id(), "new_application.confirm", "{:?}", b.errors());
    b.press("申込内容を登録する", &[]).await;
    let apps = app.get_api("workspaces/c/applications").await;
    assert_eq!(
        apps.as_array().unwrap().len(),
        1,
        "a 修正 is not a new application"
    );
    assert_eq!(apps[0]["status"], "received");
    assert_eq!(apps[0]["content"]["office"]["fax"], "0335015897");
    let (status, _) = review(&app, "c", &number, json!({"decision": "approve"})).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn automatic_review_answers_when_the_clock_moves() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(5, "2018-11-27T16:30:00+09:00").await;
    let (s, p) = app
        .post_api(
            &format!("workspaces/{ws}/review-policy"),
            json!({"mode": "auto", "delay": "PT1H"}),
        )
        .await;
    assert_eq!((s, p), (200, json!({"mode": "auto", "delay": "PT3600S"})));
    registered(&app, &ws).await;
    app.advance(&ws, "PT59M").await;
    let apps = app.get_api(&format!("workspaces/{ws}/applications")).await;
    assert_eq!(apps[0]["status"], "received");
    app.advance(&ws, "PT1M").await;
    let apps = app.get_api(&format!("workspaces/{ws}/applications")).await;
    assert_eq!(apps[0]["status"], "approved");
    assert_eq!(
        apps[0]["issued"]["approved_at"],
        "2018-11-27T17:30:00+09:00"
    );
    assert!(
        subjects(&app.mails(&ws).await)
            .contains(&"【NSS】デジタル証明書発行完了のお知らせ".to_string())
    );
}

#[tokio::test]
async fn fixtures_are_listed_checked_and_replayed_by_reset() {
    let app = TestApp::spawn().await;
    let list = app.get_api("fixtures").await;
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "registered",
            "clarification",
            "approved",
            "start-tomorrow",
            "settings-deadline-tomorrow"
        ]
    );
    let (s, e) = app.post_api("workspaces", json!({"fixture": "nope"})).await;
    assert_eq!((s, e["error"].as_str()), (400, Some("bad_request")));
    let (s, _) = app
        .post_api(
            "workspaces",
            json!({"fixture": "approved", "now": "2020-01-01T00:00:00+09:00"}),
        )
        .await;
    assert_eq!(s, 400);
    let (s, w) = app
        .post_api("workspaces", json!({"id": "r", "fixture": "approved"}))
        .await;
    assert_eq!(s, 201);
    assert_eq!(w["now"], "2018-11-29T10:00:00+09:00");
    let before = app.get_api("workspaces/r/applications").await;
    app.advance("r", "P30D").await;
    let (s, _) = app.post_api("workspaces/r/reset", json!({})).await;
    assert_eq!(s, 200);
    assert_eq!(app.get_api("workspaces/r/applications").await, before);
    assert_eq!(
        app.get_api("workspaces/r/clock").await["now"],
        "2018-11-29T10:00:00+09:00"
    );
}

#[tokio::test]
async fn seeded_customers_include_the_manuals_examples() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(1, "2026-11-23T10:00:00+09:00").await;
    let offices = app.get_api(&format!("workspaces/{ws}/offices")).await;
    let offices = offices.as_array().unwrap();
    assert!(offices.len() > 3);
    let find = |code: &str| offices.iter().find(|o| o["office_code"] == code).cloned();
    let nac = find("NAC001").expect("NAC001");
    assert_eq!(nac["company"], "ナックスシステム株式会社");
    assert!(
        nac["profile"]["issued"]["terminals"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["name"] == "99999W")
    );
    assert!(offices.iter().any(|o| {
        o["profile"]["issued"]["user_ids"]
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["user_code"] == "CP999")
    }));
    // NAC001 logs in and sees its contract and bills.
    let mut b = app.browser(&ws);
    b.login("NAC001", nac["password"].as_str().unwrap()).await;
    assert_eq!(b.id(), "menu.main");
    b.open("menu/contract?tab=netNACCS").await;
    assert!(b.screen.to_string().contains("99999W"));
    b.open("menu/invoices").await;
    assert_eq!(b.id(), "invoices.list");
    // Same seed, same customers.
    let other = app.workspace(1, "2026-11-23T10:00:00+09:00").await;
    let again = app.get_api(&format!("workspaces/{other}/offices")).await;
    assert_eq!(again.as_array().unwrap(), offices);
}

/// パスワードの変更: the NSS login password of an office; the old one stops working.
#[tokio::test]
async fn office_password_change() {
    let app = TestApp::spawn().await;
    app.post_api(
        "workspaces",
        json!({"id": "p", "seed": 4, "fixture": "approved"}),
    )
    .await;
    let apps = app.get_api("workspaces/p/applications").await;
    let ids = &apps[0]["issued"]["ids"];
    let code = ids["office_code"].as_str().unwrap();
    let old = ids["office_password"].as_str().unwrap();
    let mut b = app.browser("p");
    b.login(code, old).await;
    b.open("menu/password").await;
    assert_eq!(b.id(), "user.password");
    b.press(
        "パスワードを変更する",
        &[
            ("現在のパスワード", "WRONG123"),
            ("新しいパスワード", "Naccs2018x"),
            ("新しいパスワード(確認用)", "Naccs2018x"),
        ],
    )
    .await;
    assert_eq!(b.errors(), ["現在のパスワードが正しくありません。"]);
    b.press(
        "パスワードを変更する",
        &[
            ("現在のパスワード", old),
            ("新しいパスワード", "Naccs2018x"),
            ("新しいパスワード(確認用)", "Naccs2018y"),
        ],
    )
    .await;
    assert_eq!(
        b.errors(),
        ["新しいパスワード(確認用)が新しいパスワードと一致しません。"]
    );
    b.press(
        "パスワードを変更する",
        &[
            ("現在のパスワード", old),
            ("新しいパスワード", "Naccs2018x"),
            ("新しいパスワード(確認用)", "Naccs2018x"),
        ],
    )
    .await;
    assert!(b.errors().is_empty());
    assert!(
        b.screen["notices"]
            .as_array()
            .unwrap()
            .contains(&json!("パスワードを変更しました。")),
        "{}",
        b.screen["notices"]
    );
    let mut again = app.browser("p");
    again.login(code, old).await;
    assert_eq!(again.id(), "login.form");
    again.login(code, "Naccs2018x").await;
    assert_eq!(again.id(), "menu.main");
}

/// The trainer's dashboard: create a workspace from a preset with a plain form, refuse bad input
/// in Japanese, reset it.
#[tokio::test]
async fn dashboard_creates_and_resets_workspaces() {
    let app = TestApp::spawn().await;
    let web = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let post = |path: &str, form: Vec<(&'static str, &'static str)>| {
        web.post(format!("{}{path}", app.address))
            .form(&form)
            .send()
    };
    let r = post(
        "/_sim/workspaces",
        vec![
            ("id", "class1"),
            ("seed", "3"),
            ("now", ""),
            ("fixture", "clarification"),
        ],
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 303);
    let page = app.page("/_sim/").await;
    assert!(
        page.contains("class1") && page.contains("clarification"),
        "{page}"
    );
    let apps = app.get_api("workspaces/class1/applications").await;
    assert_eq!(apps[0]["status"], "clarification");

    let bad = post("/_sim/workspaces", vec![("seed", "abc")])
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
    assert!(
        bad.text()
            .await
            .unwrap()
            .contains("シード「abc」は0以上の整数で入力してください。")
    );
    let twice = post("/_sim/workspaces", vec![("id", "class1")])
        .await
        .unwrap();
    assert_eq!(twice.status(), 400);
    assert!(
        twice
            .text()
            .await
            .unwrap()
            .contains("ワークスペース「class1」は既に存在します。")
    );

    app.advance("class1", "P3D").await;
    let r = post("/_sim/workspaces/class1/reset", vec![]).await.unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(
        app.get_api("workspaces/class1/clock").await["now"],
        "2018-11-28T10:00:00+09:00"
    );
}

/// What the center writes reaches the applicant's HTML escaped; another applicant never sees
/// the application; bad review calls are 4xx with a reason, never 5xx.
#[tokio::test]
async fn center_input_is_escaped_owned_and_checked() {
    let app = TestApp::spawn().await;
    app.post_api(
        "workspaces",
        json!({"id": "x", "seed": 8, "fixture": "registered"}),
    )
    .await;
    let number = app.get_api("workspaces/x/applications").await[0]["reception_number"]
        .as_str()
        .unwrap()
        .to_string();
    let path = format!("workspaces/x/applications/{number}/review");
    for (body, status) in [
        (json!({"decision": "approve!"}), 400),
        (json!({"decision": "clarify"}), 400),
        (json!({"decision": "clarify", "message": "   "}), 400),
        (json!({"decision": "issue_certificates"}), 409),
        (json!({"decision": "approve", "extra": 1}), 400),
    ] {
        let (s, e) = app.post_api(&path, body.clone()).await;
        assert_eq!(s, status, "{body} → {e}");
        assert!(e["detail"].as_str().is_some_and(|d| !d.is_empty()), "{e}");
    }
    let raw = app
        .api
        .post(format!("{}/_sim/api/{path}", app.address))
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status(), 400);
    let (s, _) = app
        .post_api(
            "workspaces/x/applications/9999999Z/review",
            json!({"decision": "approve"}),
        )
        .await;
    assert_eq!(s, 404);

    // A hostile clarification message is printed as text.
    let message = "<script>alert('x')</script>電話番号&FAX";
    let (s, _) = app
        .post_api(&path, json!({"decision": "clarify", "message": message}))
        .await;
    assert_eq!(s, 200);
    let (id, pw) = temp_credentials(&app.mails("x").await[0]);
    let mut html = HtmlBrowser::new(&app, "x");
    html.open("login/nsscoapp/").await;
    html.press("ログイン", &[("login_id", &id), ("password", &pw)])
        .await;
    html.open(&format!("menu/applications/detail?no={number}"))
        .await;
    assert!(!html.page.contains("<script>alert"), "unescaped");
    assert!(
        html.page
            .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;電話番号&amp;FAX")
            || html
                .page
                .contains("&lt;script&gt;alert('x')&lt;/script&gt;電話番号&amp;FAX")
    );
    let console = app.page(&format!("/_sim/console/x/{number}")).await;
    assert!(!console.contains("<script>alert"));

    // Another applicant (a second temporary account) cannot open it, nor can garbage.
    let mut other = app.browser("x");
    let (oid, opw) = other.register_temp_account(&app, "x").await;
    other.login(&oid, &opw).await;
    for q in [number.as_str(), "", "%00", "<b>", "9999999Z"] {
        other
            .open(&format!("menu/applications/detail?no={q}"))
            .await;
        assert_eq!(other.status, 200, "{q}");
        assert_eq!(other.errors(), ["指定された申込は存在しません。"], "{q}");
        other
            .open(&format!("menu/applications/id-notice?no={q}"))
            .await;
        assert_eq!(other.status, 200, "{q}");
        assert!(
            !other.screen.to_string().contains("事業所パスワード"),
            "{q}"
        );
    }
}
