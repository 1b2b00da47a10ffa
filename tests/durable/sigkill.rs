//! Nothing acknowledged is lost: 64 clients run full procedures (P1 and P2 of manual 000, each
//! in a workspace of its own) against a simulator process on a data directory; it is killed with
//! SIGKILL; after a restart, every application whose registration was answered (the 303 to
//! 完了) is there, and every mail a client read before the kill is there byte for byte.
//!
//! CI runs it for a few seconds (`NSS_SIGKILL_SECONDS`, default 3, longer until a first mail is
//! read); a longer run, against the release build: `NSS_SIGKILL_SECONDS=30
//! NSS_SIMULATOR_BIN=target/release/nss-simulator cargo test --test durable sigkill -- --nocapture`.

use crate::client::{self, Nss, Transport};
use serde_json::Value;
use std::io::BufRead;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A simulator process on `dir`; answers it and its origin.
fn start(dir: &std::path::Path) -> (Child, String) {
    // NSS_SIMULATOR_BIN: another build of the simulator (the release one, for a long run).
    let bin = std::env::var("NSS_SIMULATOR_BIN")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_nss-simulator").to_string());
    let mut child = Command::new(bin)
        .args([
            "--listen",
            "127.0.0.1:0",
            "--public-url",
            "http://127.0.0.1:8080/",
            "--data",
        ])
        .arg(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the simulator starts");
    let out = child.stdout.take().expect("stdout");
    let mut out = std::io::BufReader::new(out);
    let mut line = String::new();
    out.read_line(&mut line).expect("the first line");
    // The rest is read and dropped, so that the simulator never writes into a closed pipe.
    std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
    let addr = line
        .trim()
        .strip_prefix("NSS Simulator listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_string();
    (child, format!("http://{addr}"))
}

/// A client that leaves 303s to the browser (which carries the session cookie they set).
fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("an HTTP client")
}

/// What one client was told before the kill.
#[derive(Debug, Default, Clone)]
struct Acked {
    ws: Option<String>,
    registered: bool,
    /// Mail id → the raw message read.
    mails: Vec<(u64, String)>,
    /// Mails the acknowledged steps sent (1 after P1, 2 after P2).
    sent: usize,
}

async fn client_run(t: Transport, n: usize, acked: Arc<Mutex<Vec<Acked>>>) -> Result<(), String> {
    let record = |f: &dyn Fn(&mut Acked)| {
        let mut all = acked.lock().unwrap();
        f(all.last_mut().expect("a record"))
    };
    for round in 0.. {
        acked.lock().unwrap().push(Acked::default());
        let ws = t
            .workspace(client::new_workspace((n * 1000 + round) as u64))
            .await?;
        record(&|a| a.ws = Some(ws.clone()));
        let mut b = Nss::new(&t, &ws);
        let p1 = client::temp_account(&mut b, n).await;
        if p1.is_ok() {
            record(&|a| a.sent = 1);
        }
        p1?;
        let mails = t.mails(&ws).await?;
        for m in &mails {
            let id = m["id"].as_u64().unwrap_or(0);
            let raw = t
                .get(&format!("/_sim/api/workspaces/{ws}/mails/{id}/raw"))
                .await?;
            if raw.status != 200 {
                return Err(format!("raw mail {id}: {}", raw.status));
            }
            let text = raw.text();
            record(&|a| a.mails.push((id, text.clone())));
        }
        let (id, pw) = client::temp_credentials(&mails[0]).ok_or("no credentials")?;
        client::application_to_confirm(&mut b, &id, &pw).await?;
        let registered = b.press("申込内容を登録する", &[]).await;
        if b.first == 303 {
            record(&|a| {
                a.registered = true;
                // 受付完了 (to the 申込担当者, the 管理責任者 in copy).
                a.sent = 2;
            });
        }
        registered?;
    }
    Ok(())
}

#[test]
fn nothing_acknowledged_is_lost_when_the_process_is_killed() {
    let seconds: f64 = std::env::var("NSS_SIGKILL_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3.0);
    let dir = tempfile::tempdir().unwrap();
    let (mut child, origin) = start(dir.path());
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let records: Vec<Arc<Mutex<Vec<Acked>>>> =
        (0..64).map(|_| Arc::new(Mutex::new(Vec::new()))).collect();
    rt.block_on(async {
        let http = no_redirects();
        let mut tasks = Vec::new();
        for (n, r) in records.iter().enumerate() {
            let t = Transport::Tcp(http.clone(), origin.clone());
            tasks.push(tokio::spawn(client_run(t, n, Arc::clone(r))));
        }
        tokio::time::sleep(Duration::from_secs_f64(seconds)).await;
        // On a loaded machine the first acknowledgements may come later than `seconds`: the
        // kill waits for one (a mail read), for at most a minute more.
        let late = tokio::time::Instant::now() + Duration::from_secs(60);
        while tokio::time::Instant::now() < late
            && !records
                .iter()
                .any(|r| r.lock().unwrap().iter().any(|a| !a.mails.is_empty()))
        {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        child.kill().expect("SIGKILL");
        child.wait().unwrap();
        let mut errors = std::collections::BTreeMap::<String, usize>::new();
        for task in tasks {
            if let Ok(Err(e)) = task.await {
                // After the kill every client fails to connect; before it, none should fail.
                let e: String = e.chars().take(160).collect();
                *errors.entry(e).or_default() += 1;
            }
        }
        eprintln!("sigkill: how the clients stopped: {errors:?}");
    });
    let (child, origin) = start(dir.path());
    // Stopped however the checks end (a panicking check must not leave it running).
    struct Stop(Child);
    impl Drop for Stop {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let restarted = Stop(child);
    let t = Transport::Tcp(no_redirects(), origin);
    let (mut registrations, mut mails_read) = (0, 0);
    rt.block_on(async {
        for r in &records {
            let acked = r.lock().unwrap().clone();
            for a in acked {
                let Some(ws) = &a.ws else { continue };
                let apps = t
                    .api("GET", &format!("workspaces/{ws}/applications"), Value::Null)
                    .await
                    .unwrap();
                if a.sent == 0 && apps.status == 404 {
                    // Created but never acknowledged (the creation's answer was lost).
                    continue;
                }
                assert_eq!(apps.status, 200, "workspace {ws} is back");
                let apps = apps.json().unwrap();
                if a.registered {
                    registrations += 1;
                    assert_eq!(apps.as_array().unwrap().len(), 1, "{ws}: the registration");
                }
                let mails = t.mails(ws).await.unwrap();
                assert!(
                    mails.len() >= a.sent,
                    "{ws}: {} mails, {} acknowledged",
                    mails.len(),
                    a.sent
                );
                for (id, raw) in &a.mails {
                    mails_read += 1;
                    let back = t
                        .get(&format!("/_sim/api/workspaces/{ws}/mails/{id}/raw"))
                        .await
                        .unwrap();
                    assert_eq!(&back.text(), raw, "{ws}: mail {id} byte for byte");
                }
            }
        }
    });
    drop(restarted);
    let flows: usize = records.iter().map(|r| r.lock().unwrap().len()).sum();
    eprintln!(
        "sigkill: {flows} workspaces, {registrations} acknowledged registrations and {mails_read} mails read before the kill, all there after the restart"
    );
    assert!(
        mails_read > 0,
        "the run was too short to acknowledge anything"
    );
}
