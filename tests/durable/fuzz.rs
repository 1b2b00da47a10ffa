//! A fuzzer of the whole app: seeded, generated requests to every screen (forms read from the
//! JSON screens, then mutated: values, sizes, encodings, extra and missing fields, stale and
//! concurrent double submissions, logins with the mailed credentials), every API call (ids and
//! bodies mutated, wrong methods) and every operator page, plus raw garbage. Every answer must be
//! below 500, HTML must never carry an injected tag unescaped, and no panic may be logged;
//! afterwards every workspace, page and procedure must still work, and a durable store must bring
//! every workspace back exactly after a restart.
//!
//! `cargo test --test durable fuzz` runs a short, fixed-seed round (CI). A long run:
//! `NSS_FUZZ_REQUESTS=1000000 NSS_FUZZ_SEED=7 cargo test --release --test durable fuzz -- --nocapture`.

use crate::client::{self, Answer, Nss, Transport};
use crate::support::{durable, ephemeral, local, view};
use nss_simulator::Settings;
use nss_simulator::limits::Limits;
use rand_core::{RngCore, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Injected into values: if it ever comes back unescaped in HTML, output escaping failed.
const MARKER: &str = "<x-fz a='1'>\"&amp;</x-fz>";
const MARKER_RAW: &str = "<x-fz";

struct Fuzzer {
    t: Transport,
    rng: Xoshiro256PlusPlus,
    workspaces: Vec<String>,
    browsers: Vec<Nss>,
    /// Forms sent before, for stale replays: (action, body).
    old_forms: Vec<(String, Vec<u8>)>,
    paths: Vec<String>,
    requests: usize,
    failures: Vec<String>,
}

impl Fuzzer {
    fn below(&mut self, n: usize) -> usize {
        (self.rng.next_u64() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A value for a field: usually plausible, often hostile.
    fn value(&mut self, current: &str) -> String {
        let long_kana = "あ".repeat(1 + self.below(3000));
        match self.below(16) {
            0..=2 => current.to_string(),
            3 => String::new(),
            4 => MARKER.to_string(),
            5 => long_kana,
            6 => "x".repeat(self.below(70_000)),
            7 => self
                .pick(&[
                    "0",
                    "-1",
                    "1",
                    "5",
                    "99999999999999999999",
                    "1e9",
                    "NaN",
                    "０１２",
                ])
                .to_string(),
            8 => self
                .pick(&[
                    "20181225",
                    "20180229",
                    "99991231",
                    "00000000",
                    "2018-12-25",
                    "１２",
                ])
                .to_string(),
            9 => self
                .pick(&[
                    "1008901",
                    "100-8901",
                    "0000000",
                    "9999999",
                    "１００８９０１",
                ])
                .to_string(),
            10 => "\u{0}\u{1f}\u{7f}\u{202e}𠮷\u{fffd}\u{3000}\r\n\t".to_string(),
            11 => self
                .pick(&["u1@example.jp", "@", "a@b", "qqfcbj@meti.go.jp"])
                .to_string(),
            12 => format!("{current}{MARKER}"),
            13 => "電子化・効率化推進室".to_string(),
            14 => "ｶﾀｶﾅ ﾃｽﾄ".to_string(),
            _ => current.chars().rev().collect(),
        }
    }

    fn check(&mut self, what: &str, a: &Answer) {
        self.requests += 1;
        if a.status >= 500 {
            self.failures
                .push(format!("{what}: {} {}", a.status, truncate(&a.text())));
        }
        let html = a
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|c| c.starts_with("text/html"));
        if html && a.text().contains(MARKER_RAW) {
            self.failures
                .push(format!("{what}: the injected tag came back unescaped"));
        }
    }

    async fn send(
        &mut self,
        what: &str,
        method: &str,
        path: &str,
        h: &[(&str, String)],
        body: Vec<u8>,
    ) {
        match self.t.send(method, path, h, body).await {
            Ok(a) => self.check(what, &a),
            Err(e) => self.failures.push(format!("{what}: no answer: {e}")),
        }
    }

    /// One generated request (or a few, for a double submission).
    async fn step(&mut self) {
        match self.below(20) {
            0..=10 => self.browser_step().await,
            11..=14 => self.api_step().await,
            15..=17 => self.page_step().await,
            _ => self.garbage_step().await,
        }
    }

    async fn browser_step(&mut self) {
        if self.browsers.is_empty() || self.chance(3) {
            let ws = self.pick(&self.workspaces.clone()).clone();
            self.browsers.push(Nss::new(&self.t, &ws));
            if self.browsers.len() > 40 {
                self.browsers.remove(0);
            }
        }
        let i = self.below(self.browsers.len());
        let mut b = std::mem::replace(&mut self.browsers[i], Nss::new(&self.t, "x"));
        let json = self.chance(70);
        let has_form = b.screen["forms"][0].is_object();
        match self.below(10) {
            0 => {
                let rel = self
                    .pick(&[
                        "apply/",
                        "login/nsscoapp/",
                        "bbs/",
                        "logout",
                        "",
                        "apply/rules",
                    ])
                    .to_string();
                self.open(&mut b, &rel, json).await;
            }
            1 => {
                let p = self.pick(&self.paths.clone()).clone();
                self.open(&mut b, &p, json).await;
            }
            2 => self.login(&mut b).await,
            3 if !self.old_forms.is_empty() => {
                let (action, body) = self.pick(&self.old_forms.clone()).clone();
                self.post(&mut b, &action, body, json, false).await;
            }
            _ if has_form => {
                let form = b.screen["forms"][0].clone();
                let buttons = form["buttons"].as_array().cloned().unwrap_or_default();
                let mut pairs: Vec<(String, String)> = Vec::new();
                for f in form["fields"].as_array().into_iter().flatten() {
                    if self.chance(5) {
                        continue;
                    }
                    let name = f["name"].as_str().unwrap_or("").to_string();
                    let options: Vec<String> = f["options"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|o| o["value"].as_str().map(str::to_string))
                        .collect();
                    let current = f["value"].as_str().unwrap_or("").to_string();
                    let v = if !options.is_empty() && self.chance(80) {
                        self.pick(&options).clone()
                    } else {
                        self.value(&current)
                    };
                    // `_flow` is usually kept: the screens' rules are what is fuzzed.
                    let v = if name == "_flow" && self.chance(90) {
                        current
                    } else {
                        v
                    };
                    pairs.push((name, v));
                }
                if self.chance(10) {
                    let extra = self.value("");
                    pairs.push((self.value("op"), extra));
                }
                if let Some(b0) = (!buttons.is_empty()).then(|| self.pick(&buttons).clone()) {
                    pairs.push((
                        b0["name"].as_str().unwrap_or("op").to_string(),
                        b0["value"].as_str().unwrap_or("").to_string(),
                    ));
                }
                let action = form["action"].as_str().unwrap_or("/").to_string();
                let body = if self.chance(10) {
                    self.raw_body(&pairs)
                } else {
                    form_urlencoded::Serializer::new(String::new())
                        .extend_pairs(&pairs)
                        .finish()
                        .into_bytes()
                };
                if self.old_forms.len() < 200 {
                    self.old_forms.push((action.clone(), body.clone()));
                } else {
                    let k = self.below(200);
                    self.old_forms[k] = (action.clone(), body.clone());
                }
                let multipart = self.chance(10);
                let double = self.chance(10);
                if multipart {
                    self.multipart(&b, &action, &pairs, json).await;
                } else {
                    self.post(&mut b, &action, body, json, double).await;
                }
            }
            _ => {
                let links: Vec<String> = b.screen["links"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|l| l["href"].as_str().map(str::to_string))
                    .filter(|h| h.starts_with('/'))
                    .collect();
                if links.is_empty() {
                    self.open(&mut b, "apply/", json).await;
                } else {
                    let to = self.pick(&links).clone();
                    self.request(&mut b, "GET", &to, Vec::new(), json).await;
                }
            }
        }
        self.browsers[i] = b;
    }

    fn raw_body(&mut self, pairs: &[(String, String)]) -> Vec<u8> {
        let mut body = Vec::new();
        for (k, v) in pairs {
            body.extend_from_slice(k.as_bytes());
            body.push(b'=');
            match self.below(4) {
                0 => body.extend_from_slice(b"%ZZ%E3%81%"),
                1 => body.extend_from_slice(&[0xff, 0xfe, b'%', b'8', b'0']),
                2 => body.extend_from_slice(b"a+b%2B%26%3D"),
                _ => body.extend_from_slice(v.as_bytes()),
            }
            body.push(b'&');
        }
        body
    }

    async fn open(&mut self, b: &mut Nss, rel: &str, json: bool) {
        let path = format!("{}{rel}", b.base);
        self.request(b, "GET", &path, Vec::new(), json).await;
    }

    async fn request(&mut self, b: &mut Nss, method: &str, path: &str, body: Vec<u8>, json: bool) {
        let mut h: Vec<(&str, String)> = Vec::new();
        if json {
            h.push(("accept", "application/json".into()));
        }
        if let Some(c) = &b.cookie {
            h.push(("cookie", format!("NSSSESSION={c}")));
        }
        if method == "POST" {
            h.push(("content-type", "application/x-www-form-urlencoded".into()));
        }
        match self.t.send(method, path, &h, body).await {
            Ok(a) => {
                self.check(&format!("{method} {path}"), &a);
                keep_cookie(b, &a);
                let a = if a.status == 303 {
                    let to = a.location().unwrap_or_default();
                    let h: Vec<(&str, String)> = [("accept", "application/json".to_string())]
                        .into_iter()
                        .chain(
                            b.cookie
                                .as_ref()
                                .map(|c| ("cookie", format!("NSSSESSION={c}"))),
                        )
                        .collect();
                    match self.t.send("GET", &to, &h, Vec::new()).await {
                        Ok(a) => {
                            self.check(&format!("GET {to}"), &a);
                            keep_cookie(b, &a);
                            a
                        }
                        Err(e) => return self.failures.push(format!("GET {to}: {e}")),
                    }
                } else {
                    a
                };
                if json || a.status == 200 {
                    b.screen = a.json().unwrap_or(Value::Null);
                }
            }
            Err(e) => self
                .failures
                .push(format!("{method} {path}: no answer: {e}")),
        }
    }

    async fn post(&mut self, b: &mut Nss, action: &str, body: Vec<u8>, json: bool, double: bool) {
        if double {
            // The same form twice at once: one is taken, the other is stale; neither fails.
            let mut h: Vec<(&str, String)> = vec![
                ("accept", "application/json".into()),
                ("content-type", "application/x-www-form-urlencoded".into()),
            ];
            if let Some(c) = &b.cookie {
                h.push(("cookie", format!("NSSSESSION={c}")));
            }
            let (x, y) = futures::join!(
                self.t.send("POST", action, &h, body.clone()),
                self.t.send("POST", action, &h, body)
            );
            for r in [x, y] {
                match r {
                    Ok(a) => {
                        self.check(&format!("double POST {action}"), &a);
                        keep_cookie(b, &a);
                    }
                    Err(e) => self.failures.push(format!("double POST {action}: {e}")),
                }
            }
            self.request(
                b,
                "GET",
                &format!("{}login/nsscoapp/", b.base),
                Vec::new(),
                true,
            )
            .await;
        } else {
            self.request(b, "POST", action, body, json).await;
        }
    }

    async fn multipart(&mut self, b: &Nss, action: &str, pairs: &[(String, String)], json: bool) {
        let boundary = "fzBOUNDARYfz";
        let mut body = Vec::new();
        for (k, v) in pairs {
            body.extend(
                format!(
                    "--{boundary}\r\ncontent-disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
                )
                .into_bytes(),
            );
        }
        if self.chance(50) {
            let size = self.below(30_000);
            body.extend(format!("--{boundary}\r\ncontent-disposition: form-data; name=\"file\"; filename=\"{}.pdf\"\r\n\r\n", self.value("図")).into_bytes());
            body.extend(vec![b'%'; size]);
            body.extend(b"\r\n");
        }
        if self.chance(80) {
            body.extend(format!("--{boundary}--\r\n").into_bytes());
        }
        let mut h: Vec<(&str, String)> = vec![(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )];
        if json {
            h.push(("accept", "application/json".into()));
        }
        if let Some(c) = &b.cookie {
            h.push(("cookie", format!("NSSSESSION={c}")));
        }
        self.send(&format!("multipart {action}"), "POST", action, &h, body)
            .await;
    }

    /// Logs in with the credentials of the workspace's newest temporary-account mail.
    async fn login(&mut self, b: &mut Nss) {
        let ws = b
            .base
            .trim_start_matches("/w/")
            .trim_end_matches('/')
            .to_string();
        let Ok(mails) = self.t.mails(&ws).await else {
            return;
        };
        self.requests += 1;
        let Some((id, pw)) = mails.iter().rev().find_map(client::temp_credentials) else {
            return;
        };
        self.open(b, "login/nsscoapp/", true).await;
        if let Ok((action, body)) = b.form("ログイン", &[("ログインID", &id), ("パスワード", &pw)])
        {
            self.request(b, "POST", &action, body, true).await;
        }
    }

    fn some_ws(&mut self) -> String {
        match self.below(10) {
            0 => self
                .pick(&[
                    "%FF%FE",
                    "..",
                    "a%2Fb",
                    "nope",
                    "default",
                    "%3Cx-fz%20a%3D1%3E",
                    "%E3%81",
                ])
                .to_string(),
            1 => "w".repeat(self.below(300)),
            _ => self.pick(&self.workspaces.clone()).clone(),
        }
    }

    fn some_id(&mut self) -> String {
        self.pick(&[
            "1",
            "2",
            "0",
            "-1",
            "99999999999999999999",
            "abc",
            "%FF",
            "1.5",
            "R0000001",
        ])
        .to_string()
    }

    async fn api_step(&mut self) {
        let ws = self.some_ws();
        let id = self.some_id();
        let durations = [
            "PT48H",
            "P100000000D",
            "PT-1H",
            "P1Y",
            "x",
            "PT0S",
            "-P1D",
            "P9999999999999D",
        ];
        let times = [
            "2018-11-27T16:30:00+09:00",
            "9999-12-31T23:59:59+09:00",
            "0001-01-01T00:00:00Z",
            "yesterday",
            "2018-02-30T00:00:00+09:00",
        ];
        let d = self.pick(&durations).to_string();
        let tm = self.pick(&times).to_string();
        let (method, path, body): (&str, String, Value) = match self.below(16) {
            0 => (
                "POST",
                "workspaces".into(),
                json!({"seed": self.rng.next_u64() % 50, "now": tm}),
            ),
            1 => (
                "POST",
                "workspaces".into(),
                json!({"id": self.value("w"), "fixture": self.pick(&["registered", "approved", "clarification", "nope"]), "ttl": d}),
            ),
            2 => (
                "POST",
                format!("workspaces/{ws}/clock"),
                json!({"advance": d}),
            ),
            3 => (
                "POST",
                format!("workspaces/{ws}/clock"),
                json!({"set": tm, "freeze": true}),
            ),
            4 => (
                "POST",
                format!("workspaces/{ws}/review-policy"),
                json!({"mode": self.pick(&["auto", "manual", "x"]), "delay": d}),
            ),
            5 => (
                "POST",
                format!("workspaces/{ws}/applications/{id}/review"),
                json!({"decision": self.pick(&["approve", "clarify", "issue_certificates", "x"]), "message": self.value("確認")}),
            ),
            6 => ("POST", format!("workspaces/{ws}/reset"), Value::Null),
            7 => (
                "GET",
                format!("workspaces/{ws}/mails/{id}/raw"),
                Value::Null,
            ),
            8 => (
                "GET",
                format!("workspaces/{ws}/applications/{id}"),
                Value::Null,
            ),
            9 => ("PUT", format!("workspaces/{ws}"), json!({})),
            10 => ("DELETE", format!("workspaces/{ws}/clock"), Value::Null),
            11 => (
                "GET",
                self.pick(&["screens", "fixtures", "openapi.json", "workspaces", "nope"])
                    .to_string(),
                Value::Null,
            ),
            _ => (
                "GET",
                format!(
                    "workspaces/{ws}{}",
                    self.pick(&[
                        "",
                        "/mails",
                        "/journal",
                        "/applications",
                        "/clock",
                        "/offices",
                        "/review-policy"
                    ])
                ),
                Value::Null,
            ),
        };
        if self.chance(5) {
            let garbage = self.value("{").into_bytes();
            let h = [("content-type", "application/json".to_string())];
            self.send(
                "api garbage",
                "POST",
                &format!("/_sim/api/{path}"),
                &h,
                garbage,
            )
            .await;
            return;
        }
        match self.t.api(method, &path, body).await {
            Ok(a) => {
                self.check(&format!("{method} /_sim/api/{path}"), &a);
                if method == "POST"
                    && path == "workspaces"
                    && a.status == 201
                    && let Ok(v) = a.json()
                    && let Some(id) = v["id"].as_str()
                {
                    self.workspaces.push(id.to_string());
                }
            }
            Err(e) => self
                .failures
                .push(format!("{method} {path}: no answer: {e}")),
        }
    }

    async fn page_step(&mut self) {
        let ws = self.some_ws();
        let id = self.some_id();
        let form = [(
            "content-type",
            "application/x-www-form-urlencoded".to_string(),
        )];
        let v = self.value("10");
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs([
                ("mode", self.pick(&["auto", "manual", "x"]).to_string()),
                ("minutes", v.clone()),
                (
                    "advance",
                    self.pick(&["PT1H", "P100000000D", "x", "PT-5H"])
                        .to_string(),
                ),
                ("message", v.clone()),
                ("id", v.clone()),
                ("seed", v.clone()),
                ("now", v),
                ("fixture", "registered".into()),
            ])
            .finish()
            .into_bytes();
        let (method, path) = match self.below(12) {
            0 => ("GET", "/_sim/".to_string()),
            1 => ("GET", format!("/_sim/console/{ws}/")),
            2 => ("GET", format!("/_sim/console/{ws}/{id}")),
            3 => ("GET", format!("/_sim/mail/{ws}/")),
            4 => ("GET", format!("/_sim/mail/{ws}/{id}")),
            5 => ("GET", format!("/_sim/journal/{ws}/")),
            6 => ("POST", format!("/_sim/console/{ws}/policy")),
            7 => ("POST", format!("/_sim/console/{ws}/clock")),
            8 => (
                "POST",
                format!(
                    "/_sim/console/{ws}/{id}/{}",
                    self.pick(&["approve", "clarify", "certificates"])
                ),
            ),
            9 => ("POST", "/_sim/workspaces".to_string()),
            10 => ("POST", format!("/_sim/workspaces/{ws}/reset")),
            _ => ("DELETE", "/_sim/".to_string()),
        };
        let body = if method == "POST" { body } else { Vec::new() };
        self.send(&format!("{method} {path}"), method, &path, &form, body)
            .await;
    }

    async fn garbage_step(&mut self) {
        let method = self
            .pick(&["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"])
            .to_string();
        let path = match self.below(8) {
            0 => "/w/%FF%FE/login/nsscoapp/".to_string(),
            1 => format!("/w/{}/%C0%AF", self.some_ws()),
            2 => format!("/{}", "a/".repeat(self.below(200))),
            3 => "/_sim/api/workspaces/%FF/mails".to_string(),
            4 => "/_static/../../etc/passwd".to_string(),
            5 => format!(
                "/w/{}/app/office?no=%FF&tab={}",
                self.some_ws(),
                self.some_id()
            ),
            6 => "/_sim/mail/%E3%81/1".to_string(),
            _ => format!("/w/{}/{}", self.some_ws(), self.pick(&self.paths.clone())),
        };
        let ct = self
            .pick(&[
                "application/x-www-form-urlencoded",
                "multipart/form-data",
                "multipart/form-data; boundary=",
                "text/plain",
                "application/json; charset=utf-16",
            ])
            .to_string();
        let body = (0..self.below(2000))
            .map(|_| (self.rng.next_u32() & 0xff) as u8)
            .collect();
        let h = [
            ("content-type", ct),
            (
                "cookie",
                format!("NSSSESSION={}", self.value("x"))
                    .chars()
                    .filter(|c| c.is_ascii_graphic())
                    .collect(),
            ),
        ];
        self.send(&format!("{method} {path}"), &method, &path, &h, body)
            .await;
    }
}

fn keep_cookie(b: &mut Nss, a: &Answer) {
    for v in a.headers.get_all("set-cookie") {
        let v = v.to_str().unwrap_or("");
        if let Some(rest) = v.strip_prefix("NSSSESSION=") {
            let token = rest.split(';').next().unwrap_or("");
            b.cookie = (!token.is_empty() && !v.contains("Max-Age=0")).then(|| token.to_string());
        }
    }
}

fn truncate(s: &str) -> String {
    s.chars().take(300).collect()
}

/// Counts panics anywhere in the process while the fuzzer runs (a handler's panic is also
/// answered 500 by the app, which the fuzzer sees as well).
fn count_panics() -> Arc<AtomicUsize> {
    let count = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&count);
    // The app runs on this test's thread (in process, a current-thread runtime): panics of the
    // other tests running meanwhile are theirs.
    let here = std::thread::current().id();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() == here {
            seen.fetch_add(1, Ordering::Relaxed);
        }
        previous(info);
    }));
    count
}

async fn run(t: Transport, seed: u64, requests: usize) -> Fuzzer {
    let catalogue = t
        .api("GET", "screens", Value::Null)
        .await
        .unwrap()
        .json()
        .unwrap();
    let paths: Vec<String> = catalogue
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["path"].as_str().map(str::to_string))
        .collect();
    assert!(paths.len() > 10, "the catalogue lists the screens");
    let mut f = Fuzzer {
        t: t.clone(),
        rng: Xoshiro256PlusPlus::seed_from_u64(seed),
        workspaces: vec!["default".into()],
        browsers: Vec::new(),
        old_forms: Vec::new(),
        paths,
        requests: 0,
        failures: Vec::new(),
    };
    for (i, fixture) in ["registered", "clarification", "approved"]
        .iter()
        .enumerate()
    {
        let id = t
            .workspace(json!({"id": format!("fx{i}"), "fixture": fixture}))
            .await
            .unwrap();
        f.workspaces.push(id);
    }
    for n in 0..3 {
        let ws = t.workspace(client::new_workspace(n)).await.unwrap();
        let mut b = Nss::new(&t, &ws);
        client::temp_account(&mut b, n as usize).await.unwrap();
        f.workspaces.push(ws);
    }
    let started = std::time::Instant::now();
    while f.requests < requests && f.failures.len() < 20 {
        f.step().await;
        if f.requests % 100_000 < 2 && f.requests > 2 {
            eprintln!(
                "fuzz: {} requests, {:.0} s",
                f.requests,
                started.elapsed().as_secs_f64()
            );
        }
    }
    eprintln!(
        "fuzz: seed {seed}, {} requests in {:.1} s, {} workspaces, {} failures",
        f.requests,
        started.elapsed().as_secs_f64(),
        f.workspaces.len(),
        f.failures.len()
    );
    f
}

/// After the run: every workspace's pages and API answers work, and so does a whole P1 in a
/// fuzzed workspace after its reset and in a new one.
async fn everything_still_works(t: &Transport) {
    let list = t.api("GET", "workspaces", Value::Null).await.unwrap();
    assert_eq!(list.status, 200);
    for w in list.json().unwrap().as_array().unwrap() {
        let ws = w["id"].as_str().unwrap();
        view(t, ws).await;
        for page in [
            format!("/_sim/console/{ws}/"),
            format!("/_sim/mail/{ws}/"),
            format!("/_sim/journal/{ws}/"),
        ] {
            assert_eq!(t.get(&page).await.unwrap().status, 200, "{page}");
        }
        let mut b = Nss::new(t, ws);
        if ws == "default" {
            b.base = "/".into();
        }
        b.open("login/nsscoapp/").await.unwrap();
        assert_eq!((b.status, b.id()), (200, "login.form"), "{ws}");
    }
    assert_eq!(t.get("/_sim/").await.unwrap().status, 200);
    let fuzzed = "fx0";
    assert_eq!(
        t.api("POST", &format!("workspaces/{fuzzed}/reset"), Value::Null)
            .await
            .unwrap()
            .status,
        200
    );
    let a = t
        .api(
            "POST",
            &format!("workspaces/{fuzzed}/clock"),
            json!({"set": client::NOW, "freeze": true}),
        )
        .await
        .unwrap();
    assert_eq!(a.status, 200);
    let mut b = Nss::new(t, fuzzed);
    client::temp_account(&mut b, 9)
        .await
        .expect("P1 in a fuzzed workspace after its reset");
    // The fuzzer may have reached the workspace cap: one goes, one comes.
    let gone = t
        .api("DELETE", "workspaces/fx1", Value::Null)
        .await
        .unwrap();
    assert_eq!(gone.status, 204);
    let ws = t.workspace(client::new_workspace(99)).await.unwrap();
    let mut b = Nss::new(t, &ws);
    client::temp_account(&mut b, 10)
        .await
        .expect("P1 in a new workspace");
}

/// A workspace list without the readings of clocks that follow real time (they move on).
fn without_running_clocks(mut list: Value) -> Value {
    for w in list.as_array_mut().into_iter().flatten() {
        if w["clock"] == "following"
            && let Some(o) = w.as_object_mut()
        {
            o.remove("now");
        }
    }
    list
}

fn settings() -> Settings {
    // Bounds small enough for the fuzzer to reach them.
    Settings {
        limits: Limits {
            journal_entries: 300,
            mails: 50,
            events: 100,
            sessions: 30,
            workspaces: 200,
            body_bytes: 64 << 10,
            attachment_bytes: 20_000,
        },
        api_token: None,
    }
}

#[tokio::test]
async fn fuzz_every_screen_call_and_page() {
    let requests: usize = std::env::var("NSS_FUZZ_REQUESTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(4000);
    let seed: u64 = std::env::var("NSS_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let panics = count_panics();
    let st = ephemeral(settings());
    let t = local(&st);
    let f = run(t.clone(), seed, requests).await;
    assert!(
        f.failures.is_empty(),
        "{} failures:\n{}",
        f.failures.len(),
        f.failures.join("\n")
    );
    everything_still_works(&t).await;
    assert_eq!(panics.load(Ordering::Relaxed), 0, "a panic was logged");
}

#[tokio::test]
async fn fuzz_a_durable_store_and_restart_it_exactly() {
    let requests: usize = std::env::var("NSS_FUZZ_REQUESTS")
        .ok()
        .and_then(|s| s.parse::<usize>().ok())
        .map_or(2000, |n| n / 4);
    let dir = tempfile::tempdir().unwrap();
    let st = durable(dir.path(), settings());
    let t = local(&st);
    let f = run(t.clone(), 2, requests).await;
    assert!(
        f.failures.is_empty(),
        "{} failures:\n{}",
        f.failures.len(),
        f.failures.join("\n")
    );
    let list = t
        .api("GET", "workspaces", Value::Null)
        .await
        .unwrap()
        .json()
        .unwrap();
    let mut before = Vec::new();
    for w in list.as_array().unwrap() {
        let ws = w["id"].as_str().unwrap().to_string();
        before.push((ws.clone(), view(&t, &ws).await));
    }
    drop(f);
    drop(t);
    drop(st);
    let st = durable(dir.path(), settings());
    let t = local(&st);
    let after = t
        .api("GET", "workspaces", Value::Null)
        .await
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(
        without_running_clocks(after),
        without_running_clocks(list),
        "the same workspaces"
    );
    for (ws, v) in before {
        assert_eq!(view(&t, &ws).await, v, "{ws} after the restart");
    }
    everything_still_works(&t).await;
}
