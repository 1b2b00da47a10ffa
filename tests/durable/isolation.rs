//! Isolation at scale: 1,000 workspaces used at once, each by an applicant with a company name
//! and an e-mail address of their own; no value of one shows in another's screens, mails,
//! journal, pages or API answers — before and after a restart of the durable store.

use crate::client::{self, Nss, Transport};
use crate::support::{durable, local};
use futures::StreamExt;
use nss_simulator::Settings;
use regex::Regex;
use serde_json::Value;

const WORKSPACES: usize = 1000;

/// Every answer a trainer or a test could read about workspace `ws`.
async fn everything(t: &Transport, ws: &str) -> Vec<String> {
    let mut out = Vec::new();
    for api in ["", "/mails", "/journal", "/applications", "/clock"] {
        let a = t
            .api("GET", &format!("workspaces/{ws}{api}"), Value::Null)
            .await
            .unwrap();
        assert_eq!(a.status, 200, "{ws}{api}");
        out.push(a.text());
    }
    for page in [
        format!("/_sim/mail/{ws}/"),
        format!("/_sim/journal/{ws}/"),
        format!("/_sim/console/{ws}/"),
        format!("/_sim/mail/{ws}/1"),
    ] {
        let a = t.get(&page).await.unwrap();
        assert_eq!(a.status, 200, "{page}");
        out.push(a.text());
    }
    out
}

/// Asserts that the answers of applicant `n`'s workspace `ws` name nobody else.
fn only_own(n: usize, ws: &str, answers: &[String], patterns: &[Regex; 3]) {
    let [email, company, base] = patterns;
    let mut seen_own = false;
    for text in answers {
        for c in email.captures_iter(text) {
            assert_eq!(
                c[1].parse::<usize>().unwrap(),
                n,
                "{ws} shows another's e-mail"
            );
            seen_own = true;
        }
        for c in company.captures_iter(text) {
            assert_eq!(&c[1], client::wide(n), "{ws} shows another's company");
        }
        for c in base.captures_iter(text) {
            assert_eq!(&c[1], ws, "{ws} links to another workspace");
        }
    }
    assert!(seen_own, "{ws} shows its own applicant");
}

async fn check_all(t: &Transport, ids: &[(usize, String)]) {
    let patterns = [
        Regex::new(r"u(\d+)@example\.jp").unwrap(),
        Regex::new("電子化推進室([０-９]+)").unwrap(),
        Regex::new(r"/w/([A-Za-z0-9_-]+)/").unwrap(),
    ];
    futures::stream::iter(ids)
        .for_each_concurrent(64, |(n, ws)| {
            let patterns = &patterns;
            async move {
                let answers = everything(t, ws).await;
                only_own(*n, ws, &answers, patterns);
            }
        })
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_workspaces_used_at_once_never_show_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let st = durable(dir.path(), Settings::default());
    let t = local(&st);
    let mut tasks = Vec::new();
    for n in 0..WORKSPACES {
        let t = t.clone();
        tasks.push(tokio::spawn(async move {
            let ws = t.workspace(client::new_workspace(n as u64 % 7)).await?;
            let mut b = Nss::new(&t, &ws);
            client::temp_account(&mut b, n).await?;
            // The screen the applicant sees at the end names them only.
            let shown = b.screen.to_string();
            Ok::<_, String>((n, ws, shown))
        }));
    }
    let mut ids = Vec::new();
    let email = Regex::new(r"u(\d+)@example\.jp").unwrap();
    for task in tasks {
        let (n, ws, shown) = task.await.unwrap().unwrap();
        for c in email.captures_iter(&shown) {
            assert_eq!(c[1].parse::<usize>().unwrap(), n);
        }
        ids.push((n, ws));
    }
    check_all(&t, &ids).await;
    drop(t);
    drop(st);
    let st = durable(dir.path(), Settings::default());
    let t = local(&st);
    check_all(&t, &ids).await;
}
