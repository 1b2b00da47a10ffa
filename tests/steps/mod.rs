//! The cucumber World of the QA kit and its step definitions (in Japanese, as the features).
//!
//! One simulator serves every scenario; each scenario gets its own workspace (its own seed,
//! clock, sessions and mails), so scenarios run concurrently without seeing each other.
//!
//! Steps by area: [`workspace`] (workspace and clock), [`screens`] (pages, input, buttons and what
//! a screen shows), [`mail`] (mails and the simulator API), [`flows`] (whole stretches of the
//! manual's procedure, for backgrounds), [`center`] (the NACCS center's review and what the
//! applicant sees after it), [`settings`] (システム設定申込, presets, office logins), [`sharing`]
//! (機器共用 M002 and Cyberport / 一般NACCS M003 with the kit's data files, multipart uploads).

mod center;
mod change;
mod flows;
mod mail;
mod screens;
mod settings;
mod sharing;
mod workspace;

use nss_simulator::kit::{Browser, Simulator as TestApp};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use tokio::sync::OnceCell;

/// The one simulator of the run.
static APP: OnceCell<TestApp> = OnceCell::const_new();

/// The shared simulator, started on first use.
pub async fn app() -> &'static TestApp {
    APP.get_or_init(TestApp::spawn).await
}

/// A value printed in 「…」 (cucumber expression `{q}`): the text between the brackets.
/// Messages that themselves contain 「…」 are matched by regex steps instead.
#[derive(Debug, Clone, Default, cucumber::Parameter)]
#[param(name = "q", regex = "「[^」]*」")]
pub struct Q(pub String);

impl FromStr for Q {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.strip_prefix('「')
            .and_then(|s| s.strip_suffix('」'))
            .map(|s| Q(s.to_string()))
            .ok_or_else(|| format!("not in 「」: {s}"))
    }
}

/// The state of one scenario: its workspace, the browser of the person following the manual,
/// and what the scenario has seen so far.
#[derive(Default, cucumber::World)]
pub struct NssWorld {
    /// The workspace id.
    pub ws: Option<String>,
    /// The browser (cookies, last screen).
    pub browser: Option<Browser>,
    /// Values typed on the current screen and not yet sent (label → value).
    pub pending: Vec<(String, String)>,
    /// The values sent with the last button press, as the browser sent them.
    pub typed: Vec<(String, String)>,
    /// The screen id before the last button press.
    pub before: String,
    /// The screens the browser showed before, newest last (the back button shows them again).
    pub history: Vec<Value>,
    /// The last form sent, as `Browser::snapshot_form` gives it (for a repeated submission).
    pub last_sent: Option<(String, Vec<(String, String)>)>,
    /// Screen title → the path it was last seen at (its form action), in this scenario.
    pub urls: BTreeMap<String, String>,
    /// The mail the scenario looks at.
    pub mail: Option<Value>,
    /// The temporary login ID and password of the scenario.
    pub credentials: Option<(String, String)>,
    /// The reception number of the scenario's application (from the simulator API).
    pub reception: Option<String>,
    /// The 事業所コード and 事業所パスワード the applicant noted from ID通知内容.
    pub office: Option<(String, String)>,
}

impl fmt::Debug for NssWorld {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NssWorld")
            .field("ws", &self.ws)
            .field("screen", &self.browser.as_ref().map(|b| b.id().to_string()))
            .field("errors", &self.browser.as_ref().map(Browser::errors))
            .field("pending", &self.pending)
            .field("credentials", &self.credentials)
            .finish()
    }
}

/// Written in a step's text or table where the scenario's 申込受付番号 goes (it depends on the
/// seed and the day, so features do not spell it).
pub const RECEPTION: &str = "＜申込受付番号＞";

impl NssWorld {
    /// The one application registered in the workspace, as the simulator API reports it (its
    /// reception number is remembered for 「＜申込受付番号＞」).
    pub async fn only_application(&mut self) -> Value {
        let apps = app()
            .await
            .get_api(&format!("workspaces/{}/applications", self.ws()))
            .await;
        let apps = apps.as_array().cloned().unwrap_or_default();
        assert_eq!(apps.len(), 1, "申込の件数: {apps:?}");
        let number = apps[0]["reception_number"]
            .as_str()
            .expect("reception_number")
            .to_string();
        self.reception = Some(number);
        apps[0].clone()
    }

    /// The reception number of the scenario's one application, from the simulator API.
    pub async fn reception_number(&mut self) -> String {
        if self.reception.is_none() {
            self.only_application().await;
        }
        self.reception.clone().expect("set by only_application")
    }

    /// `text` with 「＜申込受付番号＞」 replaced by the scenario's reception number.
    pub async fn expand(&mut self, text: &str) -> String {
        if text.contains(RECEPTION) {
            let number = self.reception_number().await;
            text.replace(RECEPTION, &number)
        } else {
            text.to_string()
        }
    }

    /// The workspace id (a background must have created it).
    pub fn ws(&self) -> &str {
        self.ws
            .as_deref()
            .expect("no workspace: start with 「前提 …のワークスペースがある」")
    }

    /// The browser.
    pub fn b(&mut self) -> &mut Browser {
        self.browser
            .as_mut()
            .expect("no browser: start with 「前提 …のワークスペースがある」")
    }

    /// The browser, read-only.
    pub fn screen(&self) -> &Browser {
        self.browser.as_ref().expect("no browser")
    }

    /// A fresh browser (no cookies) on the workspace, e.g. another PC or after closing the window.
    pub async fn new_browser(&mut self) {
        let b = app().await.browser(self.ws());
        self.browser = Some(b);
        self.history.clear();
        self.pending.clear();
    }

    /// Opens a path relative to the workspace base.
    pub async fn open(&mut self, rel: &str) {
        let current = self.screen().screen.clone();
        if !current.is_null() {
            self.history.push(current);
        }
        self.b().open(rel).await;
        self.remember_url();
    }

    /// Follows a link of the current screen by its printed label.
    pub async fn follow(&mut self, label: &str) {
        let b = self.screen();
        let links = b.screen["links"].as_array().cloned().unwrap_or_default();
        let href = links
            .iter()
            .find(|l| l["label"] == label)
            .and_then(|l| l["href"].as_str())
            .unwrap_or_else(|| panic!("画面 {} にリンク「{label}」がありません: {links:?}", b.id()))
            .to_string();
        let rel = href
            .strip_prefix(b.base.as_str())
            .unwrap_or_else(|| panic!("リンク先 {href} はワークスペース {} の外です", b.base))
            .to_string();
        self.open(&rel).await;
    }

    /// Presses a button of the current screen after filling the pending values, as a browser
    /// would send them: text inputs cut at their `maxlength`, like an `<input maxlength>`.
    pub async fn press(&mut self, button: &str) {
        let pending = std::mem::take(&mut self.pending);
        let b = self.browser.as_mut().expect("no browser");
        let mut typed: Vec<(String, String)> = Vec::new();
        for (label, value) in pending {
            let field = b
                .field(&label)
                .unwrap_or_else(|| panic!("画面 {} に項目「{label}」がありません", b.id()));
            match field["type"].as_str() {
                Some("text" | "password" | "textarea") => {
                    let max = field["max_length"]
                        .as_u64()
                        .map_or(usize::MAX, |m| m as usize);
                    typed.push((label, value.chars().take(max).collect()));
                }
                // Nothing chosen: a radio group left as the screen first showed it.
                Some("radio" | "select") if value.is_empty() => deselect(b, &field),
                _ => typed.push((label, value)),
            }
        }
        let value = b.screen["forms"][0]["buttons"]
            .as_array()
            .and_then(|bs| bs.iter().find(|x| x["label"] == button))
            .and_then(|x| x["value"].as_str())
            .unwrap_or_else(|| panic!("画面 {} にボタン「{button}」がありません", b.id()))
            .to_string();
        self.last_sent = Some(b.snapshot_form(&value));
        self.before = b.id().to_string();
        self.history.push(b.screen.clone());
        let pairs: Vec<(&str, &str)> = typed
            .iter()
            .map(|(l, v)| (l.as_str(), v.as_str()))
            .collect();
        b.press(button, &pairs).await;
        self.typed = typed;
        self.remember_url();
    }

    /// Notes the path of the screen now shown (its form posts to where it lives).
    fn remember_url(&mut self) {
        let b = self.screen();
        if let Some(action) = b.screen["forms"][0]["action"].as_str() {
            let rel = action
                .strip_prefix(b.base.as_str())
                .unwrap_or(action)
                .to_string();
            let title = b.screen["title"].as_str().unwrap_or("").to_string();
            self.urls.insert(title, rel);
        }
    }

    /// Logs in on the NSS login page with the scenario's temporary ID and password.
    pub async fn login_with_mailed_credentials(&mut self) {
        let (id, password) = self.credentials().await;
        self.open("login/nsscoapp/").await;
        self.pending = vec![("ログインID".into(), id), ("パスワード".into(), password)];
        self.press("ログイン").await;
    }

    /// The temporary ID and password, read from the temporary-account mail.
    pub async fn credentials(&mut self) -> (String, String) {
        if let Some(c) = &self.credentials {
            return c.clone();
        }
        let mails = app().await.mails(self.ws()).await;
        let mail = mails
            .iter()
            .rev()
            .find(|m| m["kind"] == "temp_account_registered")
            .expect("仮アカウント登録完了のお知らせが届いていません");
        let text = mail["text"].as_str().unwrap_or("");
        let c = (
            mail_value(text, "仮ログインID"),
            mail_value(text, "仮パスワード"),
        );
        self.credentials = Some(c.clone());
        c
    }

    /// The table of the current screen with this caption.
    pub fn table(&self, caption: &str) -> Value {
        let b = self.screen();
        let tables = b.screen["tables"].as_array().cloned().unwrap_or_default();
        tables
            .iter()
            .find(|t| t["caption"] == caption)
            .cloned()
            .unwrap_or_else(|| {
                let captions: Vec<&str> = tables
                    .iter()
                    .filter_map(|t| t["caption"].as_str())
                    .collect();
                panic!(
                    "画面 {} に表「{caption}」がありません。表: {captions:?}",
                    b.id()
                )
            })
    }

    /// The field printed with `label` on the current screen.
    pub fn field(&self, label: &str) -> Value {
        let b = self.screen();
        b.field(label)
            .unwrap_or_else(|| panic!("画面 {} に項目「{label}」がありません", b.id()))
    }
}

/// Clears the selection of a radio group or select on the current screen document.
fn deselect(b: &mut Browser, field: &Value) {
    let fields = b.screen["forms"][0]["fields"]
        .as_array_mut()
        .expect("fields");
    for f in fields.iter_mut().filter(|f| f["name"] == field["name"]) {
        for o in f["options"].as_array_mut().into_iter().flatten() {
            o["selected"] = Value::Bool(false);
        }
    }
}

/// What a field shows: the text, or the labels of the selected options joined by 「、」.
pub fn shown_value(field: &Value) -> String {
    match field["type"].as_str() {
        Some("radio" | "checkbox" | "select") => field["options"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|o| o["selected"] == true)
            .filter_map(|o| o["label"].as_str())
            .collect::<Vec<_>>()
            .join("、"),
        _ => field["value"].as_str().unwrap_or("").to_string(),
    }
}

/// The value after `key` on a mail line (「仮ログインID：1812881」).
pub fn mail_value(text: &str, key: &str) -> String {
    text.lines()
        .find_map(|l| l.trim().strip_prefix(key))
        .map(|v| v.trim_start_matches([' ', ':', '：']).trim().to_string())
        .unwrap_or_else(|| panic!("メールに「{key}」がありません:\n{text}"))
}

/// The rows of a table as text cells.
pub fn rows(table: &Value) -> Vec<Vec<String>> {
    table["rows"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| {
            r.as_array()
                .into_iter()
                .flatten()
                .map(|c| c.as_str().unwrap_or("").to_string())
                .collect()
        })
        .collect()
}

/// The rows of a Gherkin data table, without its header row.
pub fn data_rows(step: &cucumber::gherkin::Step) -> Vec<Vec<String>> {
    let table = step
        .table
        .as_ref()
        .expect("この手順にはデータテーブルが必要です");
    table.rows.iter().skip(1).cloned().collect()
}
