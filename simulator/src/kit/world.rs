//! The World of a client scenario: its workspace, every client step it ran (task, result,
//! journal, problems), and the run's context (the simulator, the driver, the features).
//!
//! A client step is a `もし` step: the kit builds the task, the driver runs the client under
//! test, and the step fails at once on a crash or on a conduct problem in the journal. The
//! `ならば` steps then check the report and the record. A `前提` that needs a registration is
//! done by the kit itself with the built-in client, so that each client step is verified on its
//! own (docs/kit.md, "The credentials are the truth").

use super::check::conduct::{self, Catalogue};
use super::driver::builtin;
use super::driver::{Driver, Run, StepContext};
use super::features::Source;
use super::protocol::{Outcome, Task};
use super::sim::Simulator;
use serde_json::{Map, Value};
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

/// What a run shares with every scenario.
pub struct Context {
    pub sim: Simulator,
    pub driver: Box<dyn Driver>,
    pub catalogue: Catalogue,
    /// Where the features and snapshots come from.
    pub source: Source,
    /// `--update-snapshots`.
    pub update_snapshots: bool,
    /// The `timeout_seconds` of every task (`--timeout`).
    pub timeout_seconds: u64,
    /// The scenarios' reports, pushed as each scenario ends.
    pub reports: Mutex<Vec<ScenarioLog>>,
}

/// The context of the run in progress (one run at a time per process: `run::run` holds the
/// lock while it sets this).
static CURRENT: Mutex<Option<Arc<Context>>> = Mutex::new(None);

/// Makes `cx` the context of the scenarios about to run.
pub fn set_current(cx: Option<Arc<Context>>) {
    *CURRENT.lock().unwrap_or_else(PoisonError::into_inner) = cx;
}

/// One client step as it happened.
#[derive(Debug, Clone)]
pub struct ClientStep {
    pub task: Task,
    pub run: Run,
    /// The journal entries of this step (the client's requests).
    pub journal: Vec<Value>,
    /// The conduct problems and the crash, if any.
    pub problems: Vec<String>,
}

/// Everything the report keeps of a scenario (besides its result, which the writer has).
#[derive(Debug, Clone, Default)]
pub struct ScenarioLog {
    /// The feature's path (`client/m000_new_application.feature`) and the scenario's line.
    pub feature: String,
    pub line: usize,
    pub ws: Option<String>,
    pub steps: Vec<ClientStep>,
    /// What the kit did itself (`前提` done with the built-in client).
    pub kit_steps: Vec<String>,
    /// The workspace's mails at the end.
    pub mails: Vec<Value>,
    /// The workspace's whole journal at the end.
    pub journal: Vec<Value>,
}

#[derive(cucumber::World)]
#[world(init = Self::init)]
pub struct KitWorld {
    pub kit: Arc<Context>,
    pub log: ScenarioLog,
    /// The input the scenario's application must hold (what was filed, with corrections laid
    /// over it).
    pub filed: Option<Value>,
    /// The 申込受付番号 of the scenario's application: the last one a step registered, or the
    /// fixture's 利用申込.
    pub number: Option<String>,
    /// The office the scenario's applicant works for, when a step names it (a change, a
    /// システム設定申込); otherwise the office approval issued.
    pub office: Option<String>,
}

impl fmt::Debug for KitWorld {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KitWorld")
            .field("ws", &self.log.ws)
            .field("steps", &self.log.steps.len())
            .finish()
    }
}

impl KitWorld {
    fn init() -> Self {
        let kit = CURRENT
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
            .expect("the kit's scenarios run inside kit::run");
        KitWorld {
            kit,
            log: ScenarioLog::default(),
            filed: None,
            number: None,
            office: None,
        }
    }

    pub fn sim(&self) -> &Simulator {
        &self.kit.sim
    }

    /// The workspace id (a background must have created it).
    pub fn ws(&self) -> &str {
        self.log
            .ws
            .as_deref()
            .expect("no workspace: start with 「前提 …のワークスペースがある」")
    }

    /// A task of `action` for this scenario's workspace, the mail read at `address`.
    pub fn task(&self, action: &str, address: &str) -> Task {
        let mut task = Task::new(action, &self.sim().nss(self.ws()), address);
        task.timeout_seconds = self.kit.timeout_seconds;
        task
    }

    /// Runs the client under test on `task` and checks its conduct in the journal. `saves`:
    /// the 一時保存 the task asks for. Panics (the step fails) on a crash or a conduct problem,
    /// after keeping the step for the report.
    pub async fn client_step(&mut self, task: Task) -> &ClientStep {
        let saves = usize::from(task.option_str("一時保存").is_some());
        let known = self.sim().applications(self.ws()).await.len();
        let before = self.sim().journal(self.ws()).await.len();
        let cx = StepContext {
            sim: self.sim(),
            ws: self.ws(),
            journal_before: before,
        };
        let run = self.kit.driver.run(&task, cx).await;
        let journal: Vec<Value> = self
            .sim()
            .journal(self.ws())
            .await
            .into_iter()
            .skip(before)
            .collect();
        self.note_new_application(known).await;
        let mut problems = Vec::new();
        if let Err(crash) = &run.outcome {
            let stderr = tail(&run.stderr, 1500);
            problems.push(format!("client crash: {crash}; stderr:\n{stderr}"));
        }
        problems.extend(conduct::problems(&journal, &self.kit.catalogue, saves));
        self.log.steps.push(ClientStep {
            task,
            run,
            journal,
            problems: problems.clone(),
        });
        if !problems.is_empty() {
            let step = self.last();
            panic!(
                "{} ({}): {}",
                step.task.action,
                self.kit.driver.describe(),
                problems.join("\n")
            );
        }
        self.last()
    }

    /// The latest client step.
    pub fn last(&self) -> &ClientStep {
        self.log
            .steps
            .last()
            .expect("no client step yet: a 「もし 申込担当者が…」 step comes first")
    }

    /// The latest client step's result (its crash has already failed the step).
    pub fn outcome(&self) -> &Outcome {
        self.last()
            .run
            .outcome
            .as_ref()
            .expect("a crashed step fails at once")
    }

    /// The outputs of the latest step, which must be `done`.
    pub fn done_outputs(&self) -> Map<String, Value> {
        match self.outcome() {
            Outcome::Done { outputs } => outputs.clone(),
            other => panic!(
                "{}: expected done, the client reported {}",
                self.last().task.action,
                other.summary()
            ),
        }
    }

    /// One output of the latest step. `None` only in attended mode, where a person is asked
    /// for some outputs and not for tables: the check is then left to the journal and record.
    pub fn reported(&self, key: &str) -> Option<Value> {
        let outputs = self.done_outputs();
        match outputs.get(key) {
            Some(v) => Some(v.clone()),
            None if self.kit.driver.attended() => None,
            None => panic!(
                "{}: the client reported no 「{key}」 (outputs: {})",
                self.last().task.action,
                Value::Object(outputs)
            ),
        }
    }

    /// Makes the application a step registered (the workspace had `known` before it) the
    /// scenario's.
    async fn note_new_application(&mut self, known: usize) {
        let apps = self.sim().applications(self.ws()).await;
        if apps.len() > known
            && let Some(n) = apps.last().and_then(|a| a["reception_number"].as_str())
        {
            self.number = Some(n.to_string());
        }
    }

    /// A step of the kit's own, done with the built-in client (a `前提`): it must succeed.
    pub async fn kit_does(&mut self, task: Task) -> Map<String, Value> {
        let known = self.sim().applications(self.ws()).await.len();
        let (outcome, trace) = builtin::perform(&task).await;
        self.note_new_application(known).await;
        self.log
            .kit_steps
            .push(format!("{}: {}", task.action, outcome.summary()));
        match outcome {
            Outcome::Done { outputs } => outputs,
            other => panic!(
                "the kit could not {} with the built-in client: {}\n{trace}",
                task.action,
                other.summary()
            ),
        }
    }

    /// The 仮ログインID and 仮パスワード the NSS mailed last: the truth.
    pub async fn temp_credentials(&self) -> Option<(String, String)> {
        let mails = self.sim().mails(self.ws()).await;
        let mail = mails
            .iter()
            .rev()
            .find(|m| m["kind"] == "temp_account_registered")?;
        let text = mail["text"].as_str().unwrap_or("");
        Some((
            mail_value(text, "仮ログインID")?,
            mail_value(text, "仮パスワード")?,
        ))
    }

    /// The scenario's application, as the simulator API answers it: the one a step registered
    /// last, the fixture's 利用申込, or else the latest of the workspace.
    pub async fn application(&self) -> Value {
        match &self.number {
            Some(n) => self.sim().application(self.ws(), n).await,
            None => self
                .sim()
                .applications(self.ws())
                .await
                .pop()
                .expect("no application is registered in the workspace"),
        }
    }

    /// The 申込受付番号 of the scenario's application.
    pub async fn reception_number(&self) -> String {
        self.application().await["reception_number"]
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    /// What approval issued to the scenario's application (`issued.ids`).
    pub async fn issued_ids(&self) -> Value {
        let a = self.application().await;
        assert!(
            a["issued"].is_object(),
            "the application is not approved yet: {}",
            a["status_label"]
        );
        a["issued"]["ids"].clone()
    }

    /// The 事業所コード and its current password (the truth, after any change).
    pub async fn office_credentials(&self) -> (String, String) {
        let code = match &self.office {
            Some(code) => code.clone(),
            None => self.issued_ids().await["office_code"]
                .as_str()
                .unwrap_or("")
                .to_string(),
        };
        self.office_login(&code).await
    }

    /// An office's 事業所コード and its current password (the truth).
    pub async fn office_login(&self, code: &str) -> (String, String) {
        let password = self
            .sim()
            .offices(self.ws())
            .await
            .into_iter()
            .find(|o| o["office_code"] == code)
            .and_then(|o| o["password"].as_str().map(str::to_string))
            .unwrap_or_else(|| panic!("no office {code} in the workspace"));
        (code.to_string(), password)
    }
}

/// The value after `key` on a mail line (「仮ログインID：1812881」).
pub fn mail_value(text: &str, key: &str) -> Option<String> {
    text.lines()
        .find_map(|l| l.trim().strip_prefix(key))
        .map(|v| v.trim_start_matches([' ', ':', '：']).trim().to_string())
}

/// The last `n` bytes of a text, cut at a character boundary.
pub fn tail(text: &str, n: usize) -> &str {
    if text.len() <= n {
        return text;
    }
    let mut start = text.len() - n;
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..]
}
