//! The printed documents of 申込内容 参照 (M001 l.43-47, 438-445; M002 l.800-802, 817, 931-937):
//! 申込書 always, 承認通知 / 利用承諾書 from the 利用開始日, only for the login that owns the
//! application, as print-ready HTML.

use crate::support::screen::links;
use crate::support::{Browser, TestApp, temp_credentials};
use serde_json::{Value, json};

/// GETs a path relative to the workspace base without following the answer into `b.screen`:
/// (status, Content-Type, Content-Disposition, body).
async fn download(b: &Browser, rel: &str) -> (u16, String, String, String) {
    let r = b
        .client
        .get(format!("{}{}{rel}", b.origin, b.base))
        .send()
        .await
        .expect("GET");
    let header = |name: &str| {
        r.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    let (ctype, disposition) = (header("content-type"), header("content-disposition"));
    (
        r.status().as_u16(),
        ctype,
        disposition,
        r.text().await.expect("body"),
    )
}

fn doc(number: &str, which: &str) -> String {
    format!("menu/applications/document?no={number}&doc={which}")
}

async fn approved(app: &TestApp, ws: &str, fixture: &str) -> (String, Value) {
    let (s, _) = app
        .post_api(
            "workspaces",
            json!({"id": ws, "seed": 5, "fixture": fixture}),
        )
        .await;
    assert_eq!(s, 201);
    let apps = app.get_api(&format!("workspaces/{ws}/applications")).await;
    let a = apps
        .as_array()
        .unwrap()
        .iter()
        .find(|a| {
            a["kind"] != "system_settings" && a["reception_number"].as_str().unwrap().ends_with('A')
        })
        .cloned()
        .expect("the 利用申込");
    (a["reception_number"].as_str().unwrap().to_string(), a)
}

#[tokio::test]
async fn the_application_form_downloads_for_its_filer_with_the_manual_values() {
    let app = TestApp::spawn().await;
    let (number, _) = approved(&app, "d", "approved").await;
    let (id, pw) = temp_credentials(&app.mails("d").await[0]);
    let mut b = app.browser("d");
    b.login(&id, &pw).await;
    b.open(&format!("menu/applications/detail?no={number}"))
        .await;
    assert_eq!(b.id(), "applications.detail");
    let shown = links(&b.screen);
    assert!(shown.contains(&"申込書を出力する".to_string()), "{shown:?}");
    // 11/29 is before the 利用開始日 12/25: no 承認通知, and the page says why.
    assert!(
        !shown.contains(&"承認通知を出力する".to_string()),
        "{shown:?}"
    );
    assert!(
        b.text()
            .contains("承認通知は利用開始日（2018/12/25）以降に出力できます。")
    );

    let (status, ctype, disposition, html) = download(&b, &doc(&number, "application")).await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(ctype, "text/html; charset=utf-8");
    assert_eq!(
        disposition,
        format!("inline; filename=\"{number}-application.html\"")
    );
    for value in [
        "<h1>システムサービス利用申込書</h1>",
        "size: A4",
        "@media print",
        number.as_str(),
        "電子化・効率化推進室",
        "本社",
        "貿易",
        "経産",
        "代表取締役社長",
        "20181225",
        "2018/11/27",
        "2018/11/28",
        "2018/12/25",
        "経済産業省に、輸出許可申請や輸入承認申請等を行うため。",
        "輸出入・港湾関連情報処理センター株式会社",
    ] {
        assert!(html.contains(value), "{value} not in {html}");
    }

    // The 承認通知 before the 利用開始日: refused, saying why.
    b.open(&doc(&number, "approval")).await;
    assert_eq!(b.status, 403);
    assert_eq!(b.id(), "error.document");
    assert_eq!(
        b.errors(),
        vec!["承認通知は利用開始日（2018/12/25）以降に出力できます。".to_string()]
    );
    // The download did not move the session: 申込内容 参照 still answers.
    b.open(&format!("menu/applications/detail?no={number}"))
        .await;
    assert_eq!(b.id(), "applications.detail");
}

#[tokio::test]
async fn the_approval_prints_from_the_start_date_on() {
    let app = TestApp::spawn().await;
    // 12/24, the システム設定申込 approved: the office stands on its 利用開始日 12/25.
    let (number, a) = approved(&app, "s", "start-tomorrow").await;
    let ids = &a["issued"]["ids"];
    let (code, office_pw) = (
        ids["office_code"].as_str().unwrap(),
        ids["office_password"].as_str().unwrap(),
    );
    for (at, printable) in [
        ("2018-12-24T23:59:00+09:00", false),
        ("2018-12-25T00:00:00+09:00", true),
    ] {
        let (s, _) = app.post_api("workspaces/s/clock", json!({"set": at})).await;
        assert_eq!(s, 200);
        let mut b = app.browser("s");
        b.login(code, office_pw).await;
        assert_eq!(b.id(), "menu.main", "{at}");
        b.open(&format!("menu/applications/detail?no={number}"))
            .await;
        assert_eq!(
            links(&b.screen).contains(&"承認通知を出力する".to_string()),
            printable,
            "{at}"
        );
        let (status, _, _, html) = download(&b, &doc(&number, "approval")).await;
        if printable {
            assert_eq!(status, 200, "{html}");
            for value in [
                "<h1>システムサービス利用承諾書</h1>",
                "電子化・効率化推進室 本社 御中",
                number.as_str(),
                "2018/12/25",
                code,
                ids["billing_code"].as_str().unwrap(),
            ] {
                assert!(html.contains(value), "{value} not in {html}");
            }
            // Passwords belong to ID通知内容, never to paper.
            assert!(!html.contains(office_pw));
        } else {
            assert_eq!(status, 403, "{at}");
        }
    }
}

#[tokio::test]
async fn another_login_or_no_login_gets_no_document() {
    let app = TestApp::spawn().await;
    let (number, _) = approved(&app, "o", "approved").await;
    // A second 仮ログインID of the same workspace, which filed nothing.
    let mut other = app.browser("o");
    let (id, pw) = other.register_temp_account(&app, "o").await;
    other.login(&id, &pw).await;
    assert_eq!(other.id(), "new_application.guidance");
    for which in ["application", "approval", "nonsense"] {
        other.open(&doc(&number, which)).await;
        assert_eq!(other.status, 404, "{which}");
        assert_eq!(
            other.errors(),
            vec!["指定された申込は存在しません。".to_string()]
        );
    }
    // No session at all: the login page's expiry screen.
    let mut anonymous = app.browser("o");
    anonymous.open(&doc(&number, "application")).await;
    assert_eq!(anonymous.id(), "login.form");
    assert!(anonymous.errors()[0].contains("セッションの有効期限が切れた"));
}

#[tokio::test]
async fn user_text_is_escaped() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(1, "2018-11-01T10:00:00+09:00").await;
    let mut b = app.browser(&ws);
    let (id, pw) = b.register_temp_account(&app, &ws).await;
    b.login(&id, &pw).await;
    b.fill_application().await;
    b.press(
        "申込内容を登録する",
        &[("備考", "<script>alert(1)</script>&")],
    )
    .await;
    assert_eq!(b.id(), "new_application.complete", "{:?}", b.errors());
    let apps = app.get_api(&format!("workspaces/{ws}/applications")).await;
    let number = apps[0]["reception_number"].as_str().unwrap().to_string();
    let (status, _, _, html) = download(&b, &doc(&number, "application")).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;"),
        "{html}"
    );
    assert!(!html.contains("<script>"));
}

/// A change (M001's terminal addition): its 申込書 is the システムサービス利用契約変更申込書 (M001
/// l.46) and its 承認通知 the システムサービス利用契約変更承認通知 (M001 l.43), from its 利用開始日.
#[tokio::test]
async fn a_change_prints_its_own_documents() {
    use crate::change::{ADD_SEA, NOW, nac001, to_terminals};
    let app = TestApp::spawn().await;
    let ws = app.workspace(42, NOW).await;
    let mut b = nac001(&app, &ws).await;
    to_terminals(&mut b).await;
    b.press("次へ進む", &[(ADD_SEA, "2")]).await;
    b.press("申込内容を登録する", &[("備考", "通関課で使用します。")])
        .await;
    assert_eq!(b.id(), "change_application.complete", "{:?}", b.errors());
    let apps = app.get_api(&format!("workspaces/{ws}/applications")).await;
    let number = apps[0]["reception_number"].as_str().unwrap().to_string();

    let (status, _, _, html) = download(&b, &doc(&number, "application")).await;
    assert_eq!(status, 200, "{html}");
    for value in [
        "<h1>システムサービス利用契約変更申込書</h1>",
        number.as_str(),
        "変更申込",
        "20131205",
        "通関 花子",
        "通関課で使用します。",
    ] {
        assert!(html.contains(value), "{value} not in {html}");
    }

    let path = format!("workspaces/{ws}/applications/{number}/review");
    let (s, e) = app.post_api(&path, json!({"decision": "approve"})).await;
    assert_eq!(s, 200, "{e}");
    let start = app
        .get_api(&format!("workspaces/{ws}/applications/{number}"))
        .await["issued"]["start_date"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(start, "2013-12-10");
    let (status, _, _, _) = download(&b, &doc(&number, "approval")).await;
    assert_eq!(status, 403);
    app.post_api(
        &format!("workspaces/{ws}/clock"),
        json!({"set": "2013-12-10T09:00:00+09:00"}),
    )
    .await;
    let mut b = nac001(&app, &ws).await;
    let (status, _, _, html) = download(&b, &doc(&number, "approval")).await;
    assert_eq!(status, 200, "{html}");
    for value in [
        "<h1>システムサービス利用契約変更承認通知</h1>",
        "下記のとおり承認しましたので通知いたします。",
        "NAC001",
        "2013/12/10",
    ] {
        assert!(html.contains(value), "{value} not in {html}");
    }
    b.open(&format!("menu/applications/detail?no={number}"))
        .await;
    assert!(links(&b.screen).contains(&"承認通知を出力する".to_string()));
}

/// A 利用申込 cancelled by the システム設定申込締切日 (12/14) has no 承認通知 on its 利用開始日: its approval
/// no longer stands. Its 申込書 still prints.
#[tokio::test]
async fn a_cancelled_application_has_no_approval() {
    let app = TestApp::spawn().await;
    let (number, _) = approved(&app, "c", "approved").await;
    let (id, pw) = temp_credentials(&app.mails("c").await[0]);
    app.post_api(
        "workspaces/c/clock",
        json!({"set": "2018-12-25T09:00:00+09:00"}),
    )
    .await;
    let mut b = app.browser("c");
    b.login(&id, &pw).await;
    b.open(&doc(&number, "approval")).await;
    assert_eq!(b.status, 403);
    assert_eq!(
        b.errors(),
        vec!["この申込は無効となったため、承認通知は出力できません。".to_string()]
    );
    let (status, _, _, _) = download(&b, &doc(&number, "application")).await;
    assert_eq!(status, 200);
}
