//! One applicant at one browser window: navigation, the login, and how a screen's answer is
//! read (errors on the screen just submitted are a refusal; anything else that shows errors
//! ends the action).

use super::fill;
use crate::kit::browser::{Browser, BrowserError, Upload};
use crate::kit::protocol::{Outcome, Task};
use serde_json::{Map, Value};
use std::time::{Duration, Instant};

pub const LOGIN_PAGE: &str = "login/nsscoapp/";
pub const LOGIN_SCREEN: &str = "login.form";
pub const MENU: &str = "menu.main";
/// The screen of the manual's 「予期しない操作」 (contract §4).
const UNEXPECTED_OPERATION: &str = "error.unexpected_operation";

/// Why an action stopped before its end: the `rejected` and `failed` results.
#[derive(Debug, Clone, PartialEq)]
pub enum Stop {
    /// The screen just submitted refused the input.
    Rejected {
        screen: String,
        messages: Vec<String>,
    },
    /// The action could not be carried out.
    Failed {
        reason: String,
        messages: Vec<String>,
        screen: Option<String>,
    },
}

impl Stop {
    pub fn failed(reason: impl Into<String>) -> Stop {
        Stop::Failed {
            reason: reason.into(),
            messages: Vec::new(),
            screen: None,
        }
    }

    /// The result written for it.
    pub fn into_outcome(self) -> Outcome {
        match self {
            Stop::Rejected { screen, messages } => Outcome::Rejected {
                screen: Some(screen),
                messages,
            },
            Stop::Failed {
                reason,
                messages,
                screen,
            } => Outcome::Failed {
                reason,
                messages,
                screen,
            },
        }
    }
}

impl From<BrowserError> for Stop {
    fn from(e: BrowserError) -> Stop {
        Stop::Failed {
            reason: e.message,
            messages: Vec::new(),
            screen: e.screen,
        }
    }
}

/// The client of one task.
pub struct Client<'t> {
    pub task: &'t Task,
    pub browser: Browser,
    trace: Vec<String>,
    deadline: Instant,
}

impl<'t> Client<'t> {
    pub fn new(task: &'t Task) -> Result<Client<'t>, Stop> {
        let browser = Browser::for_nss(&task.nss)?;
        Ok(Client::with_browser(task, browser))
    }

    /// A client that goes on in a browser window already open.
    pub fn with_browser(task: &'t Task, browser: Browser) -> Client<'t> {
        Client {
            task,
            browser,
            trace: Vec::new(),
            deadline: Instant::now() + Duration::from_secs(task.timeout_seconds.max(1)),
        }
    }

    /// What the client did, one line per request (the built-in client's stderr).
    pub fn trace(&self) -> String {
        self.trace.join("\n")
    }

    pub fn log(&mut self, line: String) {
        self.trace.push(line);
    }

    /// Time left before the task's time-out.
    pub fn remaining(&self) -> Duration {
        self.deadline.saturating_duration_since(Instant::now())
    }

    /// A fresh window without cookies (another PC, or the next day).
    pub fn new_window(&mut self) -> Result<(), Stop> {
        self.browser = Browser::for_nss(&self.task.nss)?;
        Ok(())
    }

    // -- navigation --------------------------------------------------------------------------

    /// Opens a page of the NSS by its address relative to the base URL.
    pub async fn open(&mut self, rel: &str) -> Result<(), Stop> {
        self.browser.try_open(rel).await?;
        self.log(format!("GET {rel} → {}", self.browser.described()));
        self.arrive(None)
    }

    /// Clicks the link printed `label`.
    pub async fn follow(&mut self, label: &str) -> Result<(), Stop> {
        self.browser.try_follow(label).await?;
        self.log(format!("link 「{label}」 → {}", self.browser.described()));
        self.arrive(None)
    }

    /// Fills `values` (a screen object of the task input: section → label → value) into the
    /// current form and presses the button printed `label`.
    pub async fn press(&mut self, label: &str, values: &Map<String, Value>) -> Result<(), Stop> {
        let pairs = fill::pairs(&self.browser, values)?;
        self.submit(label, pairs, Vec::new()).await
    }

    /// Presses the `index`-th button printed `label` (a table's rows each have theirs, in the
    /// screen's order) after filling `values`.
    pub async fn press_nth(
        &mut self,
        label: &str,
        index: usize,
        values: &Map<String, Value>,
    ) -> Result<(), Stop> {
        let mut pairs = fill::pairs(&self.browser, values)?;
        let buttons = self.browser.buttons(label);
        let b = buttons.get(index).ok_or_else(|| {
            self.fail(format!(
                "「{}」 has no button 「{label}」 number {}",
                self.browser.title(),
                index + 1
            ))
        })?;
        pairs.push((
            b["name"].as_str().unwrap_or("op").to_string(),
            b["value"].as_str().unwrap_or("").to_string(),
        ));
        self.send(label, pairs, Vec::new()).await
    }

    /// Removes every row of the list that has the column `column` with the rows' own 「削除」,
    /// not those of another list on the screen. The form's buttons are every button of the body
    /// in display order (contract §4), so the n-th 「削除」 cell over the tables is the n-th
    /// 「削除」 of the form.
    pub async fn clear_list(&mut self, column: &str) -> Result<(), Stop> {
        for _ in 0..50 {
            let Some(index) = self.first_cell_button(column, "削除") else {
                return Ok(());
            };
            self.press_nth("削除", index, &Map::new()).await?;
        }
        Err(self.fail(format!(
            "the rows of the list 「{column}」 are not removed by 「削除」"
        )))
    }

    /// The form index (among the buttons printed `label`) of the first such button in a cell
    /// of the first table with the column `column`.
    fn first_cell_button(&self, column: &str, label: &str) -> Option<usize> {
        let mut before = 0;
        for t in self.browser.screen["tables"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let cells = crate::kit::browser::rows(t)
                .iter()
                .flatten()
                .filter(|c| *c == label)
                .count();
            let has_column = t["columns"]
                .as_array()
                .is_some_and(|cs| cs.iter().any(|c| c == column));
            if has_column {
                return (cells > 0).then_some(before);
            }
            before += cells;
        }
        None
    }

    /// Presses the button printed `label` sending `pairs` (the rendered form, changed) and
    /// `files`.
    pub async fn submit(
        &mut self,
        label: &str,
        mut pairs: Vec<(String, String)>,
        files: Vec<Upload>,
    ) -> Result<(), Stop> {
        pairs.push(self.browser.button_pair(label)?);
        self.send(label, pairs, files).await
    }

    /// Submits the form with `pairs` (the pressed button's among them).
    async fn send(
        &mut self,
        label: &str,
        pairs: Vec<(String, String)>,
        files: Vec<Upload>,
    ) -> Result<(), Stop> {
        let on = self.browser.id().to_string();
        let shown = self.browser.described();
        self.browser.try_submit(pairs, files).await?;
        self.log(format!(
            "press 「{label}」 on {shown} → {}",
            self.browser.described()
        ));
        self.arrive(Some(&on))
    }

    /// Takes the screen a request led to: errors on the screen just submitted are the screen
    /// refusing the input (rejected); anything else that shows errors (「予期しない操作」, an
    /// ended session, a refused login) fails the action.
    fn arrive(&mut self, pressed_on: Option<&str>) -> Result<(), Stop> {
        let errors = self.browser.errors();
        if errors.is_empty() {
            return Ok(());
        }
        let (id, title) = (self.browser.id(), self.browser.title().to_string());
        let failed = |reason: String| Stop::Failed {
            reason,
            messages: errors.clone(),
            screen: Some(title.clone()),
        };
        if pressed_on == Some(id) && id != LOGIN_SCREEN {
            return Err(Stop::Rejected {
                screen: title,
                messages: errors,
            });
        }
        if id == UNEXPECTED_OPERATION {
            return Err(failed("予期しない操作 (the NSS ended the session)".into()));
        }
        if id == LOGIN_SCREEN && pressed_on == Some(LOGIN_SCREEN) {
            return Err(failed("login refused".into()));
        }
        Err(failed(format!("the NSS showed 「{title}」 with errors")))
    }

    /// Logs in on the NSS login page (M000 【12】【13】) with the task's credentials.
    pub async fn login(&mut self) -> Result<(), Stop> {
        let get = |k: &str| self.task.login.get(k).and_then(Value::as_str).unwrap_or("");
        let (id, password) = (get("ログインID").to_string(), get("パスワード").to_string());
        if id.is_empty() || password.is_empty() {
            return Err(Stop::failed("the task gives no ログインID and パスワード"));
        }
        self.open(LOGIN_PAGE).await?;
        let mut pairs = crate::kit::browser::current_values(self.browser.form()?);
        for (label, value) in [("ログインID", id), ("パスワード", password)] {
            let f = self
                .browser
                .field_in(None, label)
                .ok_or_else(|| Stop::failed(format!("the login page has no 「{label}」")))?;
            crate::kit::browser::set_field(&mut pairs, &f, vec![value]);
        }
        self.submit("ログイン", pairs, Vec::new()).await
    }

    /// The current screen must be one of `ids`.
    pub fn expect(&self, ids: &[&str]) -> Result<(), Stop> {
        if ids.contains(&self.browser.id()) {
            return Ok(());
        }
        Err(Stop::Failed {
            reason: format!(
                "expected {}, the NSS showed {}",
                ids.join(" or "),
                self.browser.described()
            ),
            messages: self.browser.errors(),
            screen: Some(self.browser.title().to_string()),
        })
    }

    /// A failure on the current screen.
    pub fn fail(&self, reason: impl Into<String>) -> Stop {
        Stop::Failed {
            reason: reason.into(),
            messages: Vec::new(),
            screen: Some(self.browser.title().to_string()),
        }
    }

    /// The input's string under `key` (`申込受付番号`).
    pub fn input_str(&self, key: &str) -> Result<String, Stop> {
        self.task.input[key]
            .as_str()
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .ok_or_else(|| Stop::failed(format!("the input has no {key}")))
    }

    /// The input's object for the screen titled `title`.
    pub fn input_screen(&self, title: &str) -> Result<Map<String, Value>, Stop> {
        self.task.input[title]
            .as_object()
            .cloned()
            .ok_or_else(|| Stop::failed(format!("the input has no 「{title}」")))
    }
}
