//! The built-in reference client: the kit's JSON browser doing each action of the driver
//! protocol the way the manuals say, in this process. It passes every client scenario, like the
//! Python reference adapter (`examples/clients/python/`), and it is the starting point for a
//! client written in Rust: one file per action, every field found by the section and label the
//! screen prints, every button and link by its printed label.
//!
//! It reads its mail as an external client does, from the raw RFC 5322 messages of the mailbox
//! API, and uses nothing else of the simulator API.

mod application;
mod change;
mod clarification;
mod client;
mod fill;
mod mail;
mod password;
mod portal;
mod register;
mod settings;

pub use application::walk_to_confirm;
pub use client::{Client, Stop};
pub use fill::screen_pairs;
pub use mail::{Message, parse_message};

use super::{Driver, Run, StepContext};
use crate::kit::protocol::{Outcome, PROTOCOL, Task};
use futures::future::BoxFuture;
use serde_json::{Map, Value};
use std::time::Instant;

/// An action: the task's client in, the outputs or why it stopped out.
type ActionResult = Result<Map<String, Value>, Stop>;

/// The actions of the driver protocol this client implements, by name.
pub const ACTIONS: &[&str] = &[
    "register_temp_account",
    "file_application",
    "read_news",
    "read_id_notice",
    "answer_clarification",
    "change_password",
    "file_change_application",
    "file_system_settings",
    "answer_system_settings_clarification",
];

async fn dispatch(client: &mut Client<'_>) -> ActionResult {
    match client.task.action.as_str() {
        "register_temp_account" => register::register_temp_account(client).await,
        "file_application" => application::file_application(client).await,
        "read_news" => portal::read_news(client).await,
        "read_id_notice" => portal::read_id_notice(client).await,
        "answer_clarification" => clarification::answer_clarification(client).await,
        "change_password" => password::change_password(client).await,
        "file_change_application" => change::file_change_application(client).await,
        "file_system_settings" => settings::file_system_settings(client).await,
        "answer_system_settings_clarification" => {
            settings::answer_system_settings_clarification(client).await
        }
        other => Err(Stop::failed(format!("unsupported action {other:?}"))),
    }
}

/// Carries out one task: the result, and the client's trace (its stderr).
pub async fn perform(task: &Task) -> (Outcome, String) {
    if task.protocol != PROTOCOL {
        let reason = format!("unsupported protocol {}", task.protocol);
        return (Stop::failed(reason).into_outcome(), String::new());
    }
    let mut client = match Client::new(task) {
        Ok(c) => c,
        Err(stop) => return (stop.into_outcome(), String::new()),
    };
    let outcome = match dispatch(&mut client).await {
        Ok(outputs) => Outcome::Done { outputs },
        Err(stop) => stop.into_outcome(),
    };
    (outcome, client.trace())
}

/// The built-in client as a driver.
pub struct BuiltinDriver;

impl Driver for BuiltinDriver {
    fn describe(&self) -> String {
        "the built-in client".to_string()
    }

    fn run<'a>(&'a self, task: &'a Task, _cx: StepContext<'a>) -> BoxFuture<'a, Run> {
        Box::pin(async move {
            let started = Instant::now();
            let (outcome, stderr) = perform(task).await;
            Run {
                outcome: Ok(outcome),
                stderr,
                seconds: started.elapsed().as_secs_f64(),
            }
        })
    }
}
