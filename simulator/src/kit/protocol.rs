//! The driver protocol, version 1 (docs/kit.md): the task the kit gives a client for one step,
//! and the result the client answers.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The protocol version this kit speaks.
pub const PROTOCOL: u32 = 1;

/// How long a client may take over one task, unless the scenario says otherwise.
pub const TIMEOUT_SECONDS: u64 = 30;

/// One client step: what to do, where, with which input (docs/kit.md, "The task").
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Task {
    pub protocol: u32,
    pub action: String,
    /// The NSS base URL of the scenario's workspace, `http://HOST:PORT/w/{id}/`.
    pub nss: String,
    pub mailbox: Mailbox,
    /// `{"ログインID", "パスワード"}`, or `{}` for an action that starts logged out.
    pub login: Map<String, Value>,
    pub input: Value,
    pub options: Value,
    pub timeout_seconds: u64,
}

/// Where the client reads its mail.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Mailbox {
    /// `GET`: every mail of the workspace, oldest first.
    pub list: String,
    /// The RFC 5322 message of one mail, `{id}` replaced by its id.
    pub raw: String,
    /// The applicant's address: the mail addressed to it is the client's.
    pub address: String,
}

impl Task {
    /// A task of this protocol version for the workspace whose NSS base URL is `nss` (the
    /// mailbox is the same simulator's).
    pub fn new(action: &str, nss: &str, address: &str) -> Task {
        let origin = nss.split("/w/").next().unwrap_or(nss);
        let ws = nss
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or_default();
        let list = format!("{origin}/_sim/api/workspaces/{ws}/mails");
        Task {
            protocol: PROTOCOL,
            action: action.to_string(),
            nss: nss.to_string(),
            mailbox: Mailbox {
                raw: format!("{list}/{{id}}/raw"),
                list,
                address: address.to_string(),
            },
            login: Map::new(),
            input: Value::Object(Map::new()),
            options: Value::Object(Map::new()),
            timeout_seconds: TIMEOUT_SECONDS,
        }
    }

    /// The task with these credentials (the truth: what the simulator issued).
    pub fn login(mut self, id: &str, password: &str) -> Task {
        self.login
            .insert("ログインID".into(), Value::String(id.into()));
        self.login
            .insert("パスワード".into(), Value::String(password.into()));
        self
    }

    /// The task with this input.
    pub fn input(mut self, input: Value) -> Task {
        self.input = input;
        self
    }

    /// The task with this option set.
    pub fn option(mut self, key: &str, value: Value) -> Task {
        if let Value::Object(o) = &mut self.options {
            o.insert(key.to_string(), value);
        }
        self
    }

    /// A string option (`一時保存`), if given.
    pub fn option_str(&self, key: &str) -> Option<&str> {
        self.options.get(key).and_then(Value::as_str)
    }
}

/// What the client answers (docs/kit.md, "The result").
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum Outcome {
    /// The action was carried out to its end.
    Done {
        #[serde(default)]
        outputs: Map<String, Value>,
    },
    /// A screen refused the input: its title and its errors, exactly and in order.
    Rejected {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        screen: Option<String>,
        #[serde(default)]
        messages: Vec<String>,
    },
    /// The action could not be carried out.
    Failed {
        #[serde(default)]
        reason: String,
        #[serde(default)]
        messages: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        screen: Option<String>,
    },
}

impl Outcome {
    /// `done`, `rejected` or `failed`.
    pub fn status(&self) -> &'static str {
        match self {
            Outcome::Done { .. } => "done",
            Outcome::Rejected { .. } => "rejected",
            Outcome::Failed { .. } => "failed",
        }
    }

    /// The outputs of a `done` result (empty otherwise).
    pub fn outputs(&self) -> Map<String, Value> {
        match self {
            Outcome::Done { outputs } => outputs.clone(),
            _ => Map::new(),
        }
    }

    /// The screen's messages a `rejected` or `failed` result carries.
    pub fn messages(&self) -> &[String] {
        match self {
            Outcome::Done { .. } => &[],
            Outcome::Rejected { messages, .. } | Outcome::Failed { messages, .. } => messages,
        }
    }

    /// One line for people: the status and what comes with it.
    pub fn summary(&self) -> String {
        match self {
            Outcome::Done { outputs } => {
                let mut s = serde_json::to_string(outputs).unwrap_or_default();
                if s.chars().count() > 300 {
                    s = s.chars().take(300).collect::<String>() + "…";
                }
                format!("done {s}")
            }
            Outcome::Rejected { screen, messages } => format!(
                "rejected on 「{}」: {messages:?}",
                screen.as_deref().unwrap_or("?")
            ),
            Outcome::Failed {
                reason, messages, ..
            } => format!("failed ({reason}) {messages:?}"),
        }
    }

    /// Reads a client's stdout: one JSON object with a known `status`, or what is wrong with it.
    pub fn parse(stdout: &str) -> Result<Outcome, String> {
        let shown = || {
            let s: String = stdout.trim().chars().take(200).collect();
            format!("{s:?}")
        };
        let doc: Value = serde_json::from_str(stdout.trim())
            .map_err(|e| format!("stdout is not JSON ({e}): {}", shown()))?;
        if !doc.is_object() {
            return Err(format!("stdout is not a JSON object: {}", shown()));
        }
        serde_json::from_value(doc)
            .map_err(|e| format!("stdout is not a result ({e}): {}", shown()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_task_points_the_mailbox_at_its_workspace() {
        let t = Task::new("read_news", "http://127.0.0.1:8080/w/k1/", "a@b.jp").login("1", "P");
        let doc = serde_json::to_value(&t).unwrap();
        assert_eq!(
            doc["mailbox"],
            json!({
                "list": "http://127.0.0.1:8080/_sim/api/workspaces/k1/mails",
                "raw": "http://127.0.0.1:8080/_sim/api/workspaces/k1/mails/{id}/raw",
                "address": "a@b.jp"
            })
        );
        assert_eq!(doc["login"], json!({"ログインID": "1", "パスワード": "P"}));
        assert_eq!(doc["protocol"], 1);
    }

    #[test]
    fn results_are_read_by_status_and_anything_else_is_a_crash() {
        let done = Outcome::parse(
            r#"{"status": "done", "outputs": {"申込受付番号": "1830304A"}, "extra": 1}"#,
        );
        assert_eq!(done.unwrap().outputs()["申込受付番号"], "1830304A");
        let rejected =
            Outcome::parse(r#"{"status":"rejected","screen":"申込担当者 入力","messages":["x"]}"#)
                .unwrap();
        assert_eq!(rejected.messages(), ["x"]);
        assert_eq!(
            Outcome::parse(r#"{"status":"failed"}"#).unwrap().status(),
            "failed"
        );
        for bad in ["", "ok", "[1]", r#"{"status":"fine"}"#, r#"{"outputs":{}}"#] {
            assert!(Outcome::parse(bad).is_err(), "{bad}");
        }
    }
}
