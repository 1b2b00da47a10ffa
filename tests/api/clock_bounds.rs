//! The clock can no longer break a workspace (issue 8, issue 14's fuzzer findings): instants
//! outside the years of the holiday calendar and automatic review delays beyond 366 days are
//! refused with a 400 that says why, nothing changes, and the workspace, the list of workspaces
//! and the trainer's pages still answer afterwards.

use crate::support::TestApp;
use serde_json::{Value, json};

/// Everything that answered 500 for everybody after the fuzzer's clock move still answers.
async fn still_served(app: &TestApp, ws: &str) {
    for path in [
        format!("/_sim/api/workspaces/{ws}"),
        format!("/_sim/api/workspaces/{ws}/clock"),
        format!("/_sim/api/workspaces/{ws}/applications"),
        "/_sim/api/workspaces".to_string(),
        "/_sim/".to_string(),
        format!("/_sim/mail/{ws}/"),
        format!("/_sim/journal/{ws}/"),
        format!("/_sim/console/{ws}/"),
        format!("/w/{ws}/login/nsscoapp/"),
    ] {
        let r = app
            .api
            .get(format!("{}{path}", app.address))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "GET {path}");
    }
    let (s, _) = app
        .post_api(&format!("workspaces/{ws}/reset"), json!({}))
        .await;
    assert_eq!(s, 200, "reset");
}

fn refused(status: u16, e: &Value, mentions: &str) {
    assert_eq!(status, 400, "{e}");
    assert_eq!(e["error"], "bad_request", "{e}");
    let detail = e["detail"].as_str().unwrap_or_default();
    assert!(
        detail.contains(mentions)
            && detail.contains("2000-01-01T00:00:00+09:00 to 2060-12-31T23:59:59+09:00"),
        "{detail}"
    );
}

#[tokio::test]
async fn clock_moves_out_of_range_are_refused_and_change_nothing() {
    let app = TestApp::spawn().await;
    // One clock following real time (the fuzzer's case), one frozen near the last instant.
    let (s, _) = app.post_api("workspaces", json!({"id": "f"})).await;
    assert_eq!(s, 201);
    app.workspace_named("z", 1, "2060-12-31T23:00:00+09:00")
        .await;
    for ws in ["f", "z"] {
        let path = format!("workspaces/{ws}/clock");
        let before = app.get_api(&path).await;
        for (body, mentions) in [
            (
                json!({"advance": "P100000000D"}),
                "advance: \"P100000000D\"",
            ),
            (
                json!({"advance": "-P100000000D"}),
                "advance: \"-P100000000D\"",
            ),
            (json!({"advance": "P36600D"}), "advance: \"P36600D\""),
            (json!({"set": "2061-01-01T00:00:00+09:00"}), "set: \"2061"),
            (json!({"set": "1999-12-31T23:59:59+09:00"}), "set: \"1999"),
            (json!({"set": "9999-12-31T23:59:59Z"}), "set: \"9999"),
            // All or nothing: the freeze is not kept when the move is refused.
            (json!({"freeze": true, "advance": "P100000000D"}), "advance"),
        ] {
            let (s, e) = app.post_api(&path, body.clone()).await;
            refused(s, &e, mentions);
            let now = app.get_api(&path).await;
            assert_eq!(now["frozen"], before["frozen"], "{body}");
            if before["frozen"] == true {
                assert_eq!(now, before, "{body}");
            } else {
                assert_eq!(
                    now["now"].as_str().unwrap()[..4],
                    before["now"].as_str().unwrap()[..4],
                    "{body}"
                );
            }
        }
        still_served(&app, ws).await;
    }
    // The bounds themselves are shown.
    let (s, c) = app
        .post_api(
            "workspaces/z/clock",
            json!({"set": "2060-12-31T23:59:59+09:00"}),
        )
        .await;
    assert_eq!(
        (s, c["now"].as_str()),
        (200, Some("2060-12-31T23:59:59+09:00"))
    );
    let (s, _) = app
        .post_api("workspaces/z/clock", json!({"advance": "PT1S"}))
        .await;
    assert_eq!(s, 400);
    let (s, c) = app
        .post_api(
            "workspaces/z/clock",
            json!({"set": "2000-01-01T00:00:00+09:00"}),
        )
        .await;
    assert_eq!(
        (s, c["now"].as_str()),
        (200, Some("2000-01-01T00:00:00+09:00"))
    );
}

#[tokio::test]
async fn a_workspace_is_not_created_with_a_clock_out_of_range() {
    let app = TestApp::spawn().await;
    for now in ["2061-01-01T00:00:00+09:00", "1970-01-01T00:00:00Z"] {
        let (s, e) = app
            .post_api("workspaces", json!({"id": "late", "now": now}))
            .await;
        refused(s, &e, &format!("now: \"{now}\""));
    }
    let r = app
        .api
        .get(format!("{}/_sim/api/workspaces/late", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404, "nothing was created");
    // The trainer's form says it in Japanese.
    let r = app
        .api
        .post(format!("{}/_sim/workspaces", app.address))
        .form(&[("id", "late"), ("now", "2100-01-01T00:00:00+09:00")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let page = r.text().await.unwrap();
    assert!(
        page.contains("時計は2000/01/01 00:00から2060/12/31 23:59までの範囲で設定してください。"),
        "{page}"
    );
    assert!(!app.page("/_sim/").await.contains(">late<"));
}

#[tokio::test]
async fn the_console_clock_form_refuses_out_of_range_in_japanese() {
    let app = TestApp::spawn().await;
    app.workspace_named("c", 1, "2060-12-28T10:00:00+09:00")
        .await;
    let web = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    for advance in ["P7D", "P100000000D", "-P100000000D"] {
        let r = web
            .post(format!("{}/_sim/console/c/clock", app.address))
            .form(&[("advance", advance)])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400, "{advance}");
        let page = r.text().await.unwrap();
        assert!(
            page.contains(
                "時計は2000/01/01 00:00から2060/12/31 23:59までの範囲で設定してください。"
            ),
            "{page}"
        );
        assert_eq!(
            app.get_api("workspaces/c/clock").await["now"],
            "2060-12-28T10:00:00+09:00"
        );
    }
    let r = web
        .post(format!("{}/_sim/console/c/clock", app.address))
        .form(&[("advance", "P1D")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    still_served(&app, "c").await;
}

#[tokio::test]
async fn an_automatic_review_delay_beyond_366_days_is_refused() {
    let app = TestApp::spawn().await;
    let (s, _) = app
        .post_api("workspaces", json!({"id": "p", "fixture": "registered"}))
        .await;
    assert_eq!(s, 201);
    let path = "workspaces/p/review-policy";
    for delay in ["P100000000D", "P367D", "PT31622401S"] {
        let (s, e) = app
            .post_api(path, json!({"mode": "auto", "delay": delay}))
            .await;
        assert_eq!((s, e["error"].as_str()), (400, Some("bad_request")), "{e}");
        let detail = e["detail"].as_str().unwrap();
        assert!(
            detail.contains(&format!("delay {delay:?}")) && detail.contains("P366D"),
            "{detail}"
        );
        assert_eq!(app.get_api(path).await, json!({"mode": "manual"}));
    }
    let (s, e) = app
        .post_api(path, json!({"mode": "auto", "delay": "-PT1H"}))
        .await;
    assert_eq!(
        (s, e["detail"].as_str()),
        (
            400,
            Some("delay \"-PT1H\" is not a non-negative ISO 8601 duration")
        )
    );
    let (s, p) = app
        .post_api(path, json!({"mode": "auto", "delay": "P366D"}))
        .await;
    assert_eq!(
        (s, p),
        (200, json!({"mode": "auto", "delay": "PT31622400S"}))
    );
    // The console's form says it in Japanese and keeps the policy.
    let r = app
        .api
        .post(format!("{}/_sim/console/p/policy", app.address))
        .form(&[("mode", "auto"), ("minutes", "99999999999")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let page = r.text().await.unwrap();
    assert!(
        page.contains("自動承認までの時間は0から527040までの整数（分）で入力してください。"),
        "{page}"
    );
    assert_eq!(
        app.get_api(path).await,
        json!({"mode": "auto", "delay": "PT31622400S"})
    );
    still_served(&app, "p").await;
}
