//! The SMTP relay (issue 16): every mail also goes to an SMTP server as the exact bytes of
//! `GET …/mails/{id}/raw`; a server that is down or refuses never touches the NSS screens, and
//! the failure shows with its reason, retried up to the bound.

use crate::support::smtp::SmtpSink;
use crate::support::{TestApp, eventually};
use mail_parser::MessageParser;
use nss_simulator::outbound::OutboundConfig;
use nss_simulator::outbound::smtp::SmtpSettings;
use serde_json::{Value, json};

const NOW: &str = "2018-11-27T16:30:00+09:00";

/// The mails of `ws` once every one has a delivery that is no longer pending.
async fn settled_mails(app: &TestApp, ws: &str, count: usize) -> Vec<Value> {
    eventually(&format!("{count} settled deliveries in {ws}"), || async {
        let mails = app.mails(ws).await;
        let settled = mails.len() == count
            && mails.iter().all(|m| {
                m["delivery"]["status"]
                    .as_str()
                    .is_some_and(|s| s != "pending")
            });
        settled.then_some(mails)
    })
    .await
}

#[tokio::test]
async fn manual_000_mails_reach_the_smtp_server_byte_for_byte() {
    let app = TestApp::spawn().await;
    app.fast_outbound();
    let sink = SmtpSink::start(&[]).await;
    let ws = app.workspace_named("smtp", 2018, NOW).await;
    let (status, v) = app
        .put_api(&format!("workspaces/{ws}/smtp"), json!({"url": sink.url}))
        .await;
    assert_eq!(status, 200, "{v}");

    app.registered_application(&ws).await;

    let mails = settled_mails(&app, &ws, 2).await;
    let received = sink.received();
    assert_eq!(received.len(), 2);
    let subjects = [
        "【NSS】仮アカウント登録完了のお知らせ",
        "【NACCS】利用申込受付完了のお知らせ",
    ];
    for ((mail, got), subject) in mails.iter().zip(&received).zip(subjects) {
        assert_eq!(mail["delivery"]["status"], "delivered", "{mail}");
        assert_eq!(mail["delivery"]["attempts"], 1);
        // Byte for byte what the mailbox serves.
        let raw = app.raw_mail(&ws, &mail["id"]).await;
        assert_eq!(
            String::from_utf8_lossy(&got.data),
            String::from_utf8_lossy(&raw)
        );
        assert_eq!(got.mail_from, "NACCS@mail.nss-nac6.naccs.jp");
        assert_eq!(got.rcpt_to, ["qqfcbj@meti.go.jp"]);
        let parsed = MessageParser::default().parse(&got.data[..]).unwrap();
        assert!(
            parsed.subject().unwrap().starts_with(subject),
            "{:?}",
            parsed.subject()
        );
    }
    // The relay's summary.
    let smtp = app.get_api(&format!("workspaces/{ws}/smtp")).await;
    assert_eq!(smtp["url"], sink.url.as_str());
    assert_eq!(
        smtp["deliveries"],
        json!({"pending": 0, "delivered": 2, "failed": 0})
    );
}

#[tokio::test]
async fn the_simulator_wide_relay_rewrites_every_recipient() {
    let app = TestApp::spawn().await;
    app.fast_outbound();
    let sink = SmtpSink::start(&[]).await;
    let mut config = app.state.outbound.config();
    config.smtp = Some(SmtpSettings::parse(&sink.url, Some("catch-all@example.jp")).unwrap());
    app.state.outbound.configure(OutboundConfig { ..config });
    // A workspace created afterwards starts with the relay (--smtp, --smtp-to).
    let ws = app.workspace_named("catch", 2018, NOW).await;
    let smtp = app.get_api(&format!("workspaces/{ws}/smtp")).await;
    assert_eq!(smtp["to"], "catch-all@example.jp");

    let mut b = app.browser(&ws);
    b.register_temp_account(&app, &ws).await;

    let mails = settled_mails(&app, &ws, 1).await;
    assert_eq!(
        mails[0]["delivery"]["recipients"],
        json!(["catch-all@example.jp"])
    );
    let got = &sink.received()[0];
    assert_eq!(got.rcpt_to, ["catch-all@example.jp"]);
    // Only the envelope changes: the message still says who it was for.
    assert_eq!(got.data, app.raw_mail(&ws, &mails[0]["id"]).await);
}

#[tokio::test]
async fn an_unreachable_server_leaves_the_screens_alone_and_gives_up_visibly() {
    let app = TestApp::spawn().await;
    app.fast_outbound();
    // A port nobody listens on: connections are refused.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("smtp://{}", closed.local_addr().unwrap());
    drop(closed);
    let ws = app.workspace_named("down", 2018, NOW).await;
    app.put_api(&format!("workspaces/{ws}/smtp"), json!({"url": url}))
        .await;

    // The registration completes as if nothing were wrong, and the mail is in the mailbox.
    let mut b = app.browser(&ws);
    let (id, _) = b.register_temp_account(&app, &ws).await;
    assert_eq!(b.id(), "temp_account.complete");
    assert_eq!(id.len(), 7);

    let mails = settled_mails(&app, &ws, 1).await;
    let d = &mails[0]["delivery"];
    assert_eq!(d["status"], "failed", "{d}");
    assert_eq!(d["attempts"], 3, "the bound of fast_outbound");
    let error = d["last_error"].as_str().unwrap();
    assert!(error.starts_with("gave up after 3 attempts: "), "{error}");
    assert!(error.to_lowercase().contains("refused"), "{error}");
    // The trainer sees it in the mailbox.
    let page = app.page(&format!("/_sim/mail/{ws}/")).await;
    assert!(page.contains("配送失敗"), "{page}");
    assert!(page.contains("gave up after 3 attempts"), "{page}");
}

#[tokio::test]
async fn a_refused_recipient_fails_at_once_with_the_servers_reason() {
    let app = TestApp::spawn().await;
    app.fast_outbound();
    let sink = SmtpSink::start(&["qqfcbj@meti.go.jp"]).await;
    let ws = app.workspace_named("refused", 2018, NOW).await;
    app.put_api(&format!("workspaces/{ws}/smtp"), json!({"url": sink.url}))
        .await;

    let mut b = app.browser(&ws);
    b.register_temp_account(&app, &ws).await;
    assert_eq!(b.id(), "temp_account.complete");

    let mails = settled_mails(&app, &ws, 1).await;
    let d = &mails[0]["delivery"];
    assert_eq!(d["status"], "failed", "{d}");
    // A permanent refusal (5xx) is not retried.
    assert_eq!(d["attempts"], 1);
    assert!(d["last_error"].as_str().unwrap().contains("550"), "{d}");
    assert!(sink.received().is_empty());
    let page = app.page(&format!("/_sim/mail/{ws}/1")).await;
    assert!(page.contains("配送失敗") && page.contains("550"), "{page}");
}

#[tokio::test]
async fn bad_settings_are_refused_and_passwords_never_shown() {
    let app = TestApp::spawn().await;
    let ws = app.workspace_named("settings", 1, NOW).await;
    for bad in [
        json!({"url": "http://127.0.0.1:1025"}),
        json!({"url": "smtp://127.0.0.1:1025", "to": "not an address"}),
        json!({"server": "x"}),
        json!("smtp://x"),
    ] {
        let (status, v) = app
            .put_api(&format!("workspaces/{ws}/smtp"), bad.clone())
            .await;
        assert_eq!(status, 400, "{bad}: {v}");
        assert!(v["detail"].as_str().is_some_and(|d| !d.is_empty()), "{v}");
    }
    let (status, v) = app
        .put_api(
            &format!("workspaces/{ws}/smtp"),
            json!({"url": "smtp://nss:s%40cret@127.0.0.1:1025?tls=required"}),
        )
        .await;
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["url"], "smtp://nss:***@127.0.0.1:1025?tls=required");
    let (_, off) = app
        .put_api(&format!("workspaces/{ws}/smtp"), json!({"url": null}))
        .await;
    assert_eq!(off["url"], Value::Null);
    assert_eq!(off["deliveries"]["pending"], 0);
    let (status, _) = app
        .put_api("workspaces/nope/smtp", json!({"url": null}))
        .await;
    assert_eq!(status, 404);
}
