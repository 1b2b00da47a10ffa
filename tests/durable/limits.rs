//! The bounds: the journal, the mailbox and the event list keep their newest entries and say
//! how many were dropped; sessions beyond their cap end; bodies, attachments and workspaces beyond theirs are
//! refused with a 4xx that names the bound; an idle workspace with a time to live goes.

use crate::client::{self, Nss};
use crate::support::{ephemeral, local};
use nss_simulator::Settings;
use nss_simulator::limits::Limits;
use serde_json::{Value, json};
use std::time::{Duration, Instant};

fn small() -> Settings {
    Settings {
        limits: Limits {
            journal_entries: 5,
            mails: 2,
            events: 2,
            sessions: 3,
            workspaces: 4,
            body_bytes: 4096,
            attachment_bytes: 10_000,
        },
        api_token: None,
    }
}

#[tokio::test]
async fn logs_keep_their_newest_entries_and_say_how_many_went() {
    let st = ephemeral(small());
    let t = local(&st);
    let ws = t.workspace(client::new_workspace(1)).await.unwrap();
    let mut b = Nss::new(&t, &ws);
    for _ in 0..9 {
        b.open("bbs/").await.unwrap();
    }
    let a = t
        .api("GET", &format!("workspaces/{ws}/journal"), Value::Null)
        .await
        .unwrap();
    assert_eq!(a.json().unwrap().as_array().unwrap().len(), 5);
    assert_eq!(a.headers["x-sim-dropped"], "4");
    assert_eq!(a.headers["x-sim-cap"], "5");
    for n in 0..2 {
        let mut b = Nss::new(&t, &ws);
        client::temp_account(&mut b, n).await.unwrap();
    }
    let mut b = Nss::new(&t, &ws);
    client::temp_account(&mut b, 3).await.unwrap();
    let mails = t.mails(&ws).await.unwrap();
    let ids: Vec<u64> = mails.iter().map(|m| m["id"].as_u64().unwrap()).collect();
    assert_eq!(ids, [2, 3], "the newest two");
    let summary = t
        .api("GET", &format!("workspaces/{ws}"), Value::Null)
        .await
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(summary["mails"], json!({"kept": 2, "dropped": 1}));
    // One mail.sent event per mail: the newest two kept, ids never renumbered.
    let a = t
        .api("GET", &format!("workspaces/{ws}/events"), Value::Null)
        .await
        .unwrap();
    let ids: Vec<u64> = a
        .json()
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, [2, 3]);
    assert_eq!(a.headers["x-sim-dropped"], "1");
    assert_eq!(a.headers["x-sim-cap"], "2");
    let gone = t
        .get(&format!("/_sim/api/workspaces/{ws}/mails/1/raw"))
        .await
        .unwrap();
    assert_eq!(gone.status, 404);
    assert!(gone.text().contains("newest 2 mails"), "{}", gone.text());
    let page = t.get(&format!("/_sim/mail/{ws}/")).await.unwrap().text();
    assert!(page.contains("古いメール1通は削除されました"), "{page}");
    let page = t.get(&format!("/_sim/journal/{ws}/")).await.unwrap().text();
    assert!(page.contains("上限（5件）を超えたため"), "{page}");
}

#[tokio::test]
async fn the_oldest_sessions_end_beyond_the_cap() {
    let st = ephemeral(small());
    let t = local(&st);
    let ws = t.workspace(client::new_workspace(1)).await.unwrap();
    let mut browsers = Vec::new();
    for _ in 0..5 {
        let mut b = Nss::new(&t, &ws);
        b.open("apply/").await.unwrap();
        browsers.push(b);
    }
    let count = st.with_workspace(&ws, |w| w.sessions.len()).unwrap();
    assert_eq!(count, 3);
}

#[tokio::test]
async fn bodies_and_attachments_beyond_the_bounds_are_refused_with_413() {
    let st = ephemeral(small());
    let t = local(&st);
    let ws = t.workspace(client::new_workspace(1)).await.unwrap();
    let big = vec![b'a'; 20_000];
    // An NSS form, announced and chunked alike (in process the length is not announced).
    let a = t
        .send(
            "POST",
            &format!("/w/{ws}/apply/input"),
            &[
                ("content-type", "application/x-www-form-urlencoded".into()),
                ("accept", "application/json".into()),
            ],
            [b"x=".as_slice(), &big].concat(),
        )
        .await
        .unwrap();
    assert_eq!(a.status, 413);
    assert_eq!(a.json().unwrap()["screen"], "error.too_large");
    assert!(a.text().contains("上限 4 KiB"), "{}", a.text());
    // The API.
    let a = t
        .send(
            "POST",
            "/_sim/api/workspaces",
            &[("content-type", "application/json".into())],
            big.clone(),
        )
        .await
        .unwrap();
    assert_eq!(a.status, 413);
    assert_eq!(a.json().unwrap()["error"], "payload_too_large");
    // An attachment beyond its own bound, within the body's.
    let boundary = "XyZ";
    let mut body = format!(
        "--{boundary}\r\ncontent-disposition: form-data; name=\"op\"\r\n\r\nupload\r\n--{boundary}\r\ncontent-disposition: form-data; name=\"file\"; filename=\"図.pdf\"\r\ncontent-type: application/pdf\r\n\r\n"
    )
    .into_bytes();
    body.extend(vec![b'%'; 12_000]);
    body.extend(format!("\r\n--{boundary}--\r\n").into_bytes());
    let a = t
        .send(
            "POST",
            &format!("/w/{ws}/app/terminals"),
            &[(
                "content-type",
                format!("multipart/form-data; boundary={boundary}"),
            )],
            body,
        )
        .await
        .unwrap();
    assert_eq!(a.status, 413);
    let html = a.text();
    assert!(
        html.contains("添付ファイル「図.pdf」のサイズが上限（10000 B）を超えています"),
        "{html}"
    );
}

#[tokio::test]
async fn workspaces_beyond_the_bound_are_refused_and_idle_ones_go() {
    let st = ephemeral(small());
    let t = local(&st);
    // default + 3.
    t.workspace(client::new_workspace(1)).await.unwrap();
    let short = t
        .workspace(json!({"seed": 2, "ttl": "PT1M"}))
        .await
        .unwrap();
    t.workspace(client::new_workspace(3)).await.unwrap();
    let a = t.api("POST", "workspaces", json!({})).await.unwrap();
    assert_eq!(a.status, 409);
    assert_eq!(a.json().unwrap()["error"], "workspace_limit");
    let a = t
        .api("POST", "workspaces", json!({"ttl": "PT1S"}))
        .await
        .unwrap();
    assert_eq!(a.status, 400, "a time to live under a minute");
    let summary = t
        .api("GET", &format!("workspaces/{short}"), Value::Null)
        .await
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(summary["ttl_seconds"], 60);
    // Used now, so not idle yet; a minute later it is.
    assert!(st.reap_idle(Instant::now()).is_empty());
    assert_eq!(
        st.reap_idle(Instant::now() + Duration::from_secs(61)),
        std::slice::from_ref(&short)
    );
    let a = t
        .api("GET", &format!("workspaces/{short}"), Value::Null)
        .await
        .unwrap();
    assert_eq!(a.status, 404);
    assert_eq!(
        t.api("POST", "workspaces", json!({})).await.unwrap().status,
        201
    );
}

/// A multipart post of `pairs` with one file `name` under the field `attachment`.
fn multipart(pairs: &[(String, String)], name: &str) -> (String, Vec<u8>) {
    let boundary = "XyZ";
    let mut body = Vec::new();
    for (k, v) in pairs {
        body.extend(
            format!("--{boundary}\r\ncontent-disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .into_bytes(),
        );
    }
    body.extend(format!("--{boundary}\r\ncontent-disposition: form-data; name=\"attachment\"; filename=\"{name}\"\r\ncontent-type: application/pdf\r\n\r\n%PDF\r\n--{boundary}--\r\n").into_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::test]
async fn an_application_keeps_ten_attachments_and_refuses_the_eleventh_on_the_screen() {
    let st = ephemeral(small());
    let t = local(&st);
    let ws = t.workspace(client::new_workspace(1)).await.unwrap();
    let mut b = Nss::new(&t, &ws);
    client::temp_account(&mut b, 0).await.unwrap();
    let mails = t.mails(&ws).await.unwrap();
    let (id, pw) = client::temp_credentials(&mails[0]).unwrap();
    client::application_to_confirm(&mut b, &id, &pw)
        .await
        .unwrap();
    let mut last = Value::Null;
    for n in 1..=11 {
        let (action, body) = b.form("ファイルを添付する", &[]).unwrap();
        let pairs: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
        let (content_type, body) = multipart(&pairs, &format!("書類{n}.pdf"));
        let a = t
            .send(
                "POST",
                &action,
                &[
                    ("accept", "application/json".into()),
                    (
                        "cookie",
                        format!("NSSSESSION={}", b.cookie.clone().unwrap()),
                    ),
                    ("content-type", content_type),
                ],
                body,
            )
            .await
            .unwrap();
        // Kept: the screen again, its table one row longer; refused: the screen again with
        // its message (as NSS answers a refused input; no API takes attachments).
        if n <= 10 {
            let screen = a.json().unwrap();
            assert_eq!((a.status, &screen["errors"]), (200, &json!([])), "file {n}");
            b.screen = screen;
        } else {
            assert_eq!(a.status, 200);
            last = a.json().unwrap()["errors"].clone();
        }
    }
    let text = last.to_string();
    assert!(
        text.contains("添付ファイルは10件まで添付できます。"),
        "{text}"
    );
    let kept = st
        .with_workspace(&ws, |w| {
            w.sessions
                .values()
                .find_map(|s| match &s.draft {
                    Some(nss_simulator::application::draft::Draft::NewApplication(d)) => {
                        Some(d.attachments.len())
                    }
                    _ => None,
                })
                .unwrap_or(0)
        })
        .unwrap();
    assert_eq!(kept, 10);
}
