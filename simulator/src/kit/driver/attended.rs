//! Attended mode (Inferno's "wait for the client"): a person does each client step in a
//! browser. For each step the kit prints what to do, where, and with which data; then it waits
//! until the workspace journal shows the step's last screen (or the person presses Enter, e.g.
//! after the NSS refused the input), asks for what the step reports that a person can read off
//! once (the 仮ログインID and 仮パスワード of the mail, the 申込受付番号), and checks as usual.
//!
//! The status is read from the journal: the step's end screen reached is `done`; the last
//! request refused by a screen is `rejected`; anything else is `failed`.

use super::{Driver, Run, StepContext};
use crate::kit::protocol::{Outcome, Task};
use futures::future::BoxFuture;
use serde_json::{Map, Value};
use std::io::Write as _;
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt as _, BufReader, Lines, Stdin};
use tokio::sync::Mutex;

/// How often the journal is read while waiting (real time: a person's pace).
const POLL: Duration = Duration::from_millis(250);
/// How long the kit waits for a person before it gives the step up.
const PATIENCE: Duration = Duration::from_secs(30 * 60);

/// What a person is told for each action, and how the journal shows it finished.
struct Action {
    name: &'static str,
    what: &'static str,
    start: &'static str,
    /// The outputs the person is asked for.
    asked: &'static [&'static str],
    /// The journal entry that ends the step.
    ends: fn(&Value) -> bool,
}

fn shows(e: &Value, screen: &str) -> bool {
    e["status"] == 200 && e["next_screen"] == screen
}

fn posted_ok(e: &Value, screen: &str) -> bool {
    e["method"] == "POST" && e["screen"] == screen && e["outcome"] == "ok"
}

const ACTIONS: &[Action] = &[
    Action {
        name: "register_temp_account",
        what: "仮ログイン登録 (M000 【4】–【11】): 「新規申込」, 同意, 申込担当者 入力, 確認, 登録; then read the mail 【NSS】仮アカウント登録完了のお知らせ",
        start: "bbs/",
        asked: &["仮ログインID", "仮パスワード"],
        ends: |e| shows(e, "temp_account.complete"),
    },
    Action {
        name: "file_application",
        what: "新規利用申込 (M000 【12】–【24】): log in, fill every screen, 「申込内容を登録する」",
        start: "login/nsscoapp/",
        asked: &["申込受付番号"],
        ends: |e| shows(e, "new_application.complete"),
    },
    Action {
        name: "read_news",
        what: "新着情報: log in and read メインメニュー",
        start: "login/nsscoapp/",
        asked: &[],
        ends: |e| shows(e, "menu.main"),
    },
    Action {
        name: "read_id_notice",
        what: "ID通知内容 (M002 3.④): log in, 申込内容の確認, 「詳細」, 「ID通知内容」",
        start: "login/nsscoapp/",
        asked: &[],
        ends: |e| shows(e, "applications.id_notice"),
    },
    Action {
        name: "answer_clarification",
        what: "確認事項への対応 (M004): log in, find the 確認事項 in 新着情報, 「詳細」, then 修正 (walk the screens to 登録) or 取り下げる",
        start: "login/nsscoapp/",
        asked: &[],
        ends: |e| {
            shows(e, "new_application.complete")
                || shows(e, "change_application.complete")
                || posted_ok(e, "applications.detail")
        },
    },
    Action {
        name: "change_password",
        what: "パスワードの変更: log in with the 事業所コード, 「パスワードの変更」, 「パスワードを変更する」",
        start: "login/nsscoapp/",
        asked: &[],
        ends: |e| posted_ok(e, "user.password"),
    },
    Action {
        name: "file_change_application",
        what: "変更申込 (M001 手順④): log in with the 事業所コード, 「契約内容確認」, 「契約情報を変更する」, fill every screen, 「申込内容を登録する」",
        start: "login/nsscoapp/",
        asked: &["申込受付番号"],
        ends: |e| shows(e, "change_application.complete"),
    },
    Action {
        name: "file_system_settings",
        what: "システム設定申込 (M004 ⑤–⑩): log in with the 事業所コード, 「システム設定の申込」, fill every screen, 「システム設定申込を登録する」",
        start: "login/nsscoapp/",
        asked: &["申込受付番号"],
        ends: |e| shows(e, "system_settings.complete"),
    },
    Action {
        name: "answer_system_settings_clarification",
        what: "確認事項への対応 (M004): log in, find the 確認事項 in 新着情報, 「詳細」, then 修正 (walk the screens to 登録) or 取り下げる",
        start: "login/nsscoapp/",
        asked: &[],
        ends: |e| shows(e, "system_settings.complete") || posted_ok(e, "system_settings.detail"),
    },
];

/// A person at a browser, reading the kit's instructions on this terminal.
pub struct AttendedDriver {
    input: Mutex<Lines<BufReader<Stdin>>>,
}

impl Default for AttendedDriver {
    fn default() -> Self {
        AttendedDriver {
            input: Mutex::new(BufReader::new(tokio::io::stdin()).lines()),
        }
    }
}

fn say(text: &str) {
    let mut out = std::io::stdout().lock();
    // The terminal is the person's: if it is gone there is no one to tell.
    let _ = writeln!(out, "{text}");
    let _ = out.flush();
}

impl AttendedDriver {
    async fn attend(&self, task: &Task, cx: StepContext<'_>) -> Run {
        let started = Instant::now();
        let action = ACTIONS.iter().find(|a| a.name == task.action);
        let origin = task.nss.split("/w/").next().unwrap_or("");
        say(&format!("\n── client step: {}", task.action));
        say(&format!(
            "   {}",
            action.map_or("(an action the kit cannot describe)", |a| a.what)
        ));
        say(&format!(
            "   open:    {}{}",
            task.nss,
            action.map_or("", |a| a.start)
        ));
        say(&format!("   mailbox: {origin}/_sim/mail/{}/", cx.ws));
        if !task.login.is_empty() {
            say(&format!(
                "   login:   {}",
                Value::Object(task.login.clone())
            ));
        }
        say(&format!(
            "   input:   {}",
            serde_json::to_string_pretty(&task.input).unwrap_or_default()
        ));
        if task.options.as_object().is_some_and(|o| !o.is_empty()) {
            say(&format!("   options: {}", task.options));
        }
        say(&format!(
            "   task:    {}",
            serde_json::to_string(task).unwrap_or_default()
        ));
        say(
            "   The kit waits until the journal shows the step done; press Enter when you have stopped (e.g. at an error).",
        );

        let mut input = self.input.lock().await;
        let (ended, entries) = self.wait(action, &cx, &mut input).await;
        let outcome = match ended {
            Ended::Done => {
                let mut outputs = Map::new();
                for key in action.map_or(&[][..], |a| a.asked) {
                    say(&format!("   {key}? "));
                    let line = input.next_line().await.ok().flatten().unwrap_or_default();
                    outputs.insert(key.to_string(), Value::String(line.trim().to_string()));
                }
                if task.action == "change_password" {
                    outputs.insert("メッセージ".into(), "パスワードを変更しました。".into());
                }
                Ok(Outcome::Done { outputs })
            }
            Ended::Stopped => Ok(stopped(&entries)),
            Ended::Gone => Err("no one answered: stdin closed before the step was done".into()),
            Ended::TimedOut => Err(format!(
                "nothing done within {} minutes",
                PATIENCE.as_secs() / 60
            )),
        };
        Run {
            outcome,
            stderr: format!("attended: {} requests", entries.len()),
            seconds: started.elapsed().as_secs_f64(),
        }
    }

    async fn wait(
        &self,
        action: Option<&Action>,
        cx: &StepContext<'_>,
        input: &mut Lines<BufReader<Stdin>>,
    ) -> (Ended, Vec<Value>) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let entries: Vec<Value> = cx
                .sim
                .journal(cx.ws)
                .await
                .into_iter()
                .skip(cx.journal_before)
                .collect();
            if action.is_some_and(|a| entries.iter().any(a.ends)) {
                return (Ended::Done, entries);
            }
            if Instant::now() > deadline {
                return (Ended::TimedOut, entries);
            }
            // `next_line` is cancel-safe: a line half read when the poll wins is kept.
            tokio::select! {
                line = input.next_line() => {
                    let entries = cx.sim.journal(cx.ws).await.into_iter().skip(cx.journal_before).collect();
                    return match line {
                        Ok(Some(_)) => (Ended::Stopped, entries),
                        _ => (Ended::Gone, entries),
                    };
                }
                _ = tokio::time::sleep(POLL) => {}
            }
        }
    }
}

enum Ended {
    Done,
    Stopped,
    Gone,
    TimedOut,
}

/// The result of a step the person stopped: `rejected` when the last form posted was refused
/// by its screen, `failed` otherwise.
fn stopped(entries: &[Value]) -> Outcome {
    let last = entries.iter().rev().find(|e| e["method"] == "POST");
    match last {
        // A refused login fails the action (docs/kit.md, `failed`).
        Some(e) if e["outcome"] == "validation_error" && e["screen"] != "login.form" => {
            Outcome::Rejected {
                screen: e["screen"].as_str().map(str::to_string),
                messages: Vec::new(),
            }
        }
        _ => Outcome::Failed {
            reason: "stopped by the person before the step's end".into(),
            messages: Vec::new(),
            screen: last.and_then(|e| e["next_screen"].as_str().map(str::to_string)),
        },
    }
}

impl Driver for AttendedDriver {
    fn describe(&self) -> String {
        "attended".to_string()
    }

    fn run<'a>(&'a self, task: &'a Task, cx: StepContext<'a>) -> BoxFuture<'a, Run> {
        Box::pin(self.attend(task, cx))
    }

    fn attended(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_stopped_step_is_rejected_after_a_refusal_and_failed_otherwise() {
        let refused = json!({"method": "POST", "screen": "temp_account.input", "outcome": "validation_error", "next_screen": "temp_account.input"});
        assert_eq!(stopped(&[refused]).status(), "rejected");
        let login = json!({"method": "POST", "screen": "login.form", "outcome": "validation_error", "next_screen": "login.form"});
        assert_eq!(stopped(&[login]).status(), "failed");
        assert_eq!(stopped(&[]).status(), "failed");
    }

    #[test]
    fn every_builtin_action_is_described_for_a_person() {
        for name in crate::kit::driver::builtin::ACTIONS {
            assert!(ACTIONS.iter().any(|a| a.name == *name), "{name}");
        }
    }
}
