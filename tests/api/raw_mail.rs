//! Every raw mail (`GET …/mails/{id}/raw`), read back with an independent RFC 5322/MIME parser,
//! shows what the API lists for it: subject, sender, recipients, date, Message-ID and text.

use crate::support::TestApp;
use mail_parser::MessageParser;
use serde_json::{Value, json};

/// `Name <addr>` for every mailbox of an address header, as a mail client shows them.
fn mailboxes(address: Option<&mail_parser::Address<'_>>) -> Vec<String> {
    address
        .map(|a| {
            a.iter()
                .map(|m| format!("{} <{}>", m.name().unwrap_or(""), m.address().unwrap_or("")))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn every_raw_mail_decodes_to_its_api_entry() {
    let app = TestApp::spawn().await;
    let (status, v) = app
        .post_api(
            "workspaces",
            json!({"id": "raw", "seed": 2018, "fixture": "approved"}),
        )
        .await;
    assert_eq!(status, 201, "{v}");
    let mails = app.mails("raw").await;
    assert_eq!(mails.len(), 5);
    for mail in &mails {
        let r = app
            .api
            .get(format!(
                "{}/_sim/api/workspaces/raw/mails/{}/raw",
                app.address, mail["id"]
            ))
            .send()
            .await
            .unwrap();
        assert_eq!(r.headers()["content-type"], "message/rfc822");
        let raw = r.bytes().await.unwrap();
        let m = MessageParser::default().parse(&raw[..]).expect("a message");
        let s = |v: &Value| v.as_str().unwrap().to_string();
        assert_eq!(m.subject(), Some(s(&mail["subject"]).as_str()));
        assert_eq!(mailboxes(m.from()), [s(&mail["from"])]);
        let to: Vec<String> = mail["to"].as_array().unwrap().iter().map(s).collect();
        assert_eq!(mailboxes(m.to()), to);
        assert_eq!(
            m.body_text(0).as_deref(),
            Some(s(&mail["text"]).replace('\n', "\r\n").as_str())
        );
        let date = m.date().expect("a Date");
        let sent = chrono::DateTime::parse_from_rfc3339(&s(&mail["sent_at"])).unwrap();
        assert_eq!(date.to_timestamp(), sent.timestamp());
        assert_eq!(
            format!("<{}>", m.message_id().unwrap()),
            s(&mail["message_id"])
        );
    }
}
