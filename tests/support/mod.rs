//! One test harness for the integration tests and the cucumber World alike: the real app on
//! port 0, a workspace per test, and a "browser" that reads screens as JSON and fills fields by
//! their printed labels, as an automation would (contract §4).

#![allow(dead_code)]

pub mod kit_data;
pub mod smtp;

use nss_simulator::state::AppState;
use reqwest::header::{ACCEPT, HeaderMap, HeaderValue};
use serde_json::{Value, json};
use std::sync::Arc;

/// The public base URL mails link to in tests: fixed, so that mails do not depend on the port.
pub const PUBLIC_BASE: &str = "http://127.0.0.1:8080/";

/// The running simulator.
pub struct TestApp {
    /// `http://127.0.0.1:PORT` (no trailing slash).
    pub address: String,
    pub state: Arc<AppState>,
    pub api: reqwest::Client,
}

impl TestApp {
    /// Starts the real app on a free port.
    pub async fn spawn() -> TestApp {
        let state = nss_simulator::new_state(0, PUBLIC_BASE).expect("a fresh in-memory state");
        Self::spawn_on(state).await
    }

    /// Starts the real app on a free port over a state built by the test (another store).
    pub async fn spawn_on(state: Arc<AppState>) -> TestApp {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind port 0");
        let address = format!("http://{}", listener.local_addr().expect("local address"));
        let serving = Arc::clone(&state);
        tokio::spawn(async move {
            nss_simulator::run(listener, serving, std::future::pending())
                .await
                .expect("server runs");
        });
        TestApp {
            address,
            state,
            api: reqwest::Client::new(),
        }
    }

    /// Creates a workspace with `seed` and its clock frozen at `now` (RFC 3339).
    pub async fn workspace(&self, seed: u64, now: &str) -> String {
        let r = self
            .api
            .post(format!("{}/_sim/api/workspaces", self.address))
            .json(&json!({"seed": seed, "now": now}))
            .send()
            .await
            .expect("create workspace");
        assert_eq!(r.status(), 201, "workspace creation");
        let v: Value = r.json().await.expect("json");
        v["id"].as_str().expect("id").to_string()
    }

    /// GET an API path (relative to `/_sim/api/`) as JSON.
    pub async fn get_api(&self, path: &str) -> Value {
        let r = self
            .api
            .get(format!("{}/_sim/api/{path}", self.address))
            .send()
            .await
            .expect("api get");
        assert!(r.status().is_success(), "GET {path}: {}", r.status());
        r.json().await.expect("json")
    }

    /// POST JSON to an API path.
    pub async fn post_api(&self, path: &str, body: Value) -> (u16, Value) {
        let r = self
            .api
            .post(format!("{}/_sim/api/{path}", self.address))
            .json(&body)
            .send()
            .await
            .expect("api post");
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    /// The body of a GET of an absolute path (`/_sim/…` pages), as text.
    pub async fn page(&self, path: &str) -> String {
        self.api
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("GET")
            .text()
            .await
            .expect("body")
    }

    /// Manual 000 walked to 完了 in a new browser: returns it (logged in) and the temporary
    /// credentials.
    pub async fn registered_application(&self, ws: &str) -> (Browser, String, String) {
        let mut b = self.browser(ws);
        let (id, pw) = b.register_temp_account(self, ws).await;
        b.login(&id, &pw).await;
        b.fill_application().await;
        b.press("申込内容を登録する", &[]).await;
        assert_eq!(b.id(), "new_application.complete");
        (b, id, pw)
    }

    /// Moves a workspace clock by an ISO 8601 duration.
    pub async fn advance(&self, ws: &str, by: &str) {
        let (status, _) = self
            .post_api(&format!("workspaces/{ws}/clock"), json!({"advance": by}))
            .await;
        assert_eq!(status, 200);
    }

    /// The mails of a workspace.
    pub async fn mails(&self, ws: &str) -> Vec<Value> {
        self.get_api(&format!("workspaces/{ws}/mails"))
            .await
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// A new browser on the workspace.
    pub fn browser(&self, ws: &str) -> Browser {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        Browser {
            client: reqwest::Client::builder()
                .cookie_store(true)
                .default_headers(headers)
                .build()
                .expect("client"),
            origin: self.address.clone(),
            base: format!("/w/{ws}/"),
            screen: Value::Null,
            status: 0,
        }
    }
}

/// A browser that speaks JSON: it keeps cookies, follows 303s and remembers the last screen.
pub struct Browser {
    pub client: reqwest::Client,
    /// `http://127.0.0.1:PORT`.
    pub origin: String,
    /// The workspace base path (`/w/{id}/`).
    pub base: String,
    /// The last screen document.
    pub screen: Value,
    /// The last HTTP status.
    pub status: u16,
}

impl Browser {
    /// Opens a path relative to the workspace base.
    pub async fn open(&mut self, rel: &str) -> &Value {
        let r = self
            .client
            .get(format!("{}{}{rel}", self.origin, self.base))
            .send()
            .await
            .expect("GET");
        self.take(r).await
    }

    async fn take(&mut self, r: reqwest::Response) -> &Value {
        self.status = r.status().as_u16();
        let text = r.text().await.expect("body");
        self.screen =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"));
        &self.screen
    }

    pub fn id(&self) -> &str {
        self.screen["screen"].as_str().unwrap_or("")
    }

    pub fn errors(&self) -> Vec<String> {
        self.screen["errors"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// All fields of the screen's form.
    pub fn fields(&self) -> Vec<Value> {
        self.screen["forms"][0]["fields"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// The field printed with `label` (full label, e.g. 「氏名 姓」), optionally within a section.
    pub fn field(&self, label: &str) -> Option<Value> {
        let (section, label) = match label.split_once(" / ") {
            Some((s, l)) => (Some(s), l),
            None => (None, label),
        };
        self.fields().into_iter().find(|f| {
            f["label"] == label && section.is_none_or(|s| f["section"].as_str() == Some(s))
        })
    }

    /// Every text of the screen (intro, paragraphs, messages) joined.
    pub fn text(&self) -> String {
        self.screen["texts"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|t| t.as_str())
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_default()
    }

    /// Presses the button printed `button` after filling `values` (label → value). Radios and
    /// selects take an option label; check boxes take option labels joined by 「、」 ("" unchecks).
    pub async fn press(&mut self, button: &str, values: &[(&str, &str)]) -> &Value {
        let form = self.screen["forms"][0].clone();
        assert!(form.is_object(), "screen {} has no form", self.id());
        let mut pairs = current_values(&form);
        for (label, value) in values {
            let f = self.field(label).unwrap_or_else(|| {
                panic!(
                    "screen {} has no field {label}; fields: {:?}",
                    self.id(),
                    labels(&form)
                )
            });
            let name = f["name"].as_str().expect("name").to_string();
            pairs.retain(|(k, _)| *k != name);
            match f["type"].as_str() {
                Some("radio") | Some("select") => {
                    let v = option_value(&f, value)
                        .unwrap_or_else(|| panic!("{label}: no option {value}"));
                    pairs.push((name, v));
                }
                Some("checkbox") => {
                    // A whole option label first (labels may contain 「、」), else a list.
                    let parts: Vec<&str> = if option_value(&f, value).is_some() {
                        vec![value]
                    } else {
                        value.split('、').filter(|p| !p.is_empty()).collect()
                    };
                    for part in parts {
                        let v = option_value(&f, part)
                            .unwrap_or_else(|| panic!("{label}: no option {part}"));
                        pairs.push((name.clone(), v));
                    }
                }
                _ => pairs.push((name, value.to_string())),
            }
        }
        let b = form["buttons"]
            .as_array()
            .and_then(|bs| bs.iter().find(|b| b["label"] == *button))
            .unwrap_or_else(|| panic!("screen {} has no button {button}", self.id()))
            .clone();
        pairs.push((
            b["name"].as_str().unwrap_or("op").to_string(),
            b["value"].as_str().unwrap_or("").to_string(),
        ));
        self.post(form["action"].as_str().expect("action"), &pairs)
            .await
    }

    /// Posts raw pairs to an absolute path (for stale-form and hand-made requests).
    pub async fn post(&mut self, action: &str, pairs: &[(String, String)]) -> &Value {
        let r = self
            .client
            .post(format!("{}{action}", self.origin))
            .form(pairs)
            .send()
            .await
            .expect("POST");
        self.take(r).await
    }

    /// The pairs the current form would send as it stands, plus a button (for replaying a stale form).
    pub fn snapshot_form(&self, button_value: &str) -> (String, Vec<(String, String)>) {
        let form = &self.screen["forms"][0];
        let mut pairs = current_values(form);
        pairs.push(("op".to_string(), button_value.to_string()));
        (form["action"].as_str().unwrap_or("").to_string(), pairs)
    }
}

fn labels(form: &Value) -> Vec<String> {
    form["fields"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| {
                    format!(
                        "{} / {}",
                        f["section"].as_str().unwrap_or(""),
                        f["label"].as_str().unwrap_or("")
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn option_value(f: &Value, wanted: &str) -> Option<String> {
    f["options"]
        .as_array()?
        .iter()
        .find(|o| o["label"] == wanted || o["value"] == wanted)
        .and_then(|o| o["value"].as_str().map(str::to_string))
}

/// What a browser would send for the form as rendered: text values, selected options, hidden fields.
pub fn current_values(form: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for f in form["fields"].as_array().into_iter().flatten() {
        let name = f["name"].as_str().unwrap_or("").to_string();
        match f["type"].as_str() {
            Some("radio") | Some("checkbox") | Some("select") => {
                for o in f["options"].as_array().into_iter().flatten() {
                    if o["selected"] == true {
                        out.push((name.clone(), o["value"].as_str().unwrap_or("").to_string()));
                    }
                }
            }
            Some("file") => {}
            _ => out.push((name, f["value"].as_str().unwrap_or("").to_string())),
        }
    }
    out
}

/// (仮ログインID, 仮パスワード) read from a 【NSS】仮アカウント登録完了のお知らせ mail (as the API lists it).
pub fn temp_credentials(mail: &Value) -> (String, String) {
    let text = mail["text"].as_str().expect("a mail text");
    let grab = |key: &str| {
        text.lines()
            .find_map(|l| {
                l.split_once(key)
                    .map(|(_, v)| v.trim_start_matches([' ', ':', '：']).trim().to_string())
            })
            .unwrap_or_else(|| panic!("no {key} in mail:\n{text}"))
    };
    (grab("仮ログインID"), grab("仮パスワード"))
}

/// The manual 000 data (M000 【6】–【24】), as the applicant types it.
pub mod manual000 {
    pub const TEMP_INPUT: &[(&str, &str)] = &[
        ("企業名", "電子化・効率化推進室"),
        ("企業名(フリガナ)", "デンシカ・コウリツカスイシンシツ"),
        ("氏名 姓", "貿易"),
        ("氏名 名", "太郎"),
        ("氏名(フリガナ) 姓", "ボウエキ"),
        ("氏名(フリガナ) 名", "タロウ"),
        ("電話番号", "0335010953"),
        ("E-mailアドレス 登録用", "qqfcbj@meti.go.jp"),
        ("E-mailアドレス 確認用", "qqfcbj@meti.go.jp"),
    ];
    pub const REASON: &str = "経済産業省に、輸出許可申請や輸入承認申請等を行うため。";
    pub const OFFICE: &[(&str, &str)] = &[
        ("利用開始希望日", "20181225"),
        ("事業所名", "本社"),
        ("事業所名(フリガナ)", "ホンシャ"),
        ("郵便番号", "1008901"),
        ("住所(その他)", "霞が関１丁目３－１"),
        ("住所(フリガナ)", "カスミガセキ１－３－１"),
        ("電話番号", "0335010953"),
        ("FAX番号", "0335015896"),
        ("管轄税関", "東京"),
        ("契約者に関する項目 / 氏名 姓", "経産"),
        ("契約者に関する項目 / 氏名 名", "一郎"),
        ("契約者に関する項目 / 氏名(フリガナ) 姓", "ケイサン"),
        ("契約者に関する項目 / 氏名(フリガナ) 名", "イチロウ"),
        ("契約者に関する項目 / 役職名", "代表取締役社長"),
        ("上記を確認しました。", "上記を確認しました。"),
    ];
}

impl Browser {
    /// P1 with the manual's data: returns (仮ログインID, 仮パスワード) read from the mail.
    pub async fn register_temp_account(&mut self, app: &TestApp, ws: &str) -> (String, String) {
        self.open("apply/").await;
        self.press("システム利用規程に同意する", &[]).await;
        self.press("申込内容確認へ進む", manual000::TEMP_INPUT)
            .await;
        assert_eq!(
            self.id(),
            "temp_account.confirm",
            "errors: {:?}",
            self.errors()
        );
        self.press("申込内容を登録する", &[]).await;
        assert_eq!(self.id(), "temp_account.complete");
        let mails = app.mails(ws).await;
        temp_credentials(mails.last().expect("the temporary-account mail"))
    }

    /// Logs in on the NSS login page.
    pub async fn login(&mut self, id: &str, password: &str) -> &Value {
        self.open("login/nsscoapp/").await;
        self.press("ログイン", &[("ログインID", id), ("パスワード", password)])
            .await
    }

    /// P2 with the manual's data, from the guidance to the confirm screen.
    pub async fn fill_application(&mut self) {
        assert_eq!(self.id(), "new_application.guidance");
        self.press("次へ進む", &[]).await;
        self.press("次へ進む", &[("申込理由", manual000::REASON)])
            .await;
        assert_eq!(
            self.id(),
            "new_application.office",
            "errors: {:?}",
            self.errors()
        );
        self.press("反映", &[("郵便番号", "1008901")]).await;
        self.press("netNACCSを利用する", manual000::OFFICE).await;
        assert_eq!(
            self.id(),
            "new_application.user_codes",
            "errors: {:?}",
            self.errors()
        );
        self.press("新規に利用者コードを追加する", &[]).await;
        self.press(
            "設定する",
            &[
                ("システム区分", "海上・航空共用"),
                ("業種", "輸出入者（貿易管理サブシステム利用）"),
                ("処理方式", "netNACCS"),
                ("識別番号数", "1"),
            ],
        )
        .await;
        assert!(self.errors().is_empty(), "{:?}", self.errors());
        self.press("この内容で設定する", &[]).await;
        assert_eq!(
            self.id(),
            "new_application.user_codes",
            "errors: {:?}",
            self.errors()
        );
        self.press("次へ進む", &[]).await;
        self.press(
            "次へ進む",
            &[
                ("論理端末数 (netNACCS)", "5"),
                (
                    "機器共用・共同利用、図様添付を希望せず、または自社システムを利用します。",
                    "機器共用・共同利用、図様添付を希望せず、または自社システムを利用します。",
                ),
            ],
        )
        .await;
        assert_eq!(
            self.id(),
            "new_application.plan",
            "errors: {:?}",
            self.errors()
        );
        self.press("次へ進む", &[("適用料金 (netNACCS)", "従量のみ")])
            .await;
        self.press("申込内容確認へ進む", &[]).await;
        assert_eq!(
            self.id(),
            "new_application.confirm",
            "errors: {:?}",
            self.errors()
        );
    }
}

impl TestApp {
    /// Creates a workspace with a chosen id.
    pub async fn workspace_named(&self, id: &str, seed: u64, now: &str) -> String {
        let (status, v) = self
            .post_api("workspaces", json!({"id": id, "seed": seed, "now": now}))
            .await;
        assert_eq!(status, 201, "workspace creation: {v}");
        id.to_string()
    }
}

impl TestApp {
    /// Retries fast and gives up soon, so that the delivery tests see retries and their bound
    /// in milliseconds: 3 attempts, 20 ms then 40 ms apart, a scan every 20 ms. An attempt may
    /// take 5 s, so that a loaded machine does not turn a slow answer into a retry.
    pub fn fast_outbound(&self) {
        self.fast_outbound_with_timeout(std::time::Duration::from_secs(5));
    }

    /// [`TestApp::fast_outbound`] with another time limit per attempt.
    pub fn fast_outbound_with_timeout(&self, timeout: std::time::Duration) {
        use nss_simulator::outbound::OutboundConfig;
        use nss_simulator::outbound::retry::RetryPolicy;
        use std::time::Duration;
        self.state.outbound.configure(OutboundConfig {
            retry: RetryPolicy {
                first_delay: Duration::from_millis(20),
                max_delay: Duration::from_millis(100),
                max_attempts: 3,
                timeout,
            },
            scan_interval: Duration::from_millis(20),
            ..OutboundConfig::new()
        });
    }

    /// PUT JSON to an API path.
    pub async fn put_api(&self, path: &str, body: Value) -> (u16, Value) {
        let r = self
            .api
            .put(format!("{}/_sim/api/{path}", self.address))
            .json(&body)
            .send()
            .await
            .expect("api put");
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    /// The raw RFC 5322 message of a mail, as `GET …/mails/{id}/raw` serves it.
    pub async fn raw_mail(&self, ws: &str, id: &Value) -> Vec<u8> {
        self.api
            .get(format!(
                "{}/_sim/api/workspaces/{ws}/mails/{id}/raw",
                self.address
            ))
            .send()
            .await
            .expect("raw")
            .bytes()
            .await
            .expect("body")
            .to_vec()
    }
}

/// Polls `probe` until it returns Some, for deliveries that happen in the background (real
/// time: an outside server answers when it answers). Fails the test after 10 s.
pub async fn eventually<T, F, Fut>(what: &str, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        if let Some(v) = probe().await {
            return v;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "still waiting after 10 s: {what}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
}
