//! The drivers: how a client step reaches the client under test.
//!
//! - [`process::ProcessDriver`]: the driver protocol (docs/kit.md) — the client is a command,
//!   run once per step with the task on stdin and its result read from stdout;
//! - [`builtin::BuiltinDriver`]: the kit's own reference client, in Rust, in this process (the
//!   JSON browser the screen-level steps use, speaking the same actions);
//! - [`attended::AttendedDriver`]: a person does the step in a browser; the kit prints what to
//!   do, waits until the journal shows it done (or a key press) and asks for what was read.
//!
//! Every driver answers the same [`Run`], and every check treats them alike.

pub mod attended;
pub mod builtin;
pub mod process;

use super::protocol::{Outcome, Task};
use super::sim::Simulator;
use futures::future::BoxFuture;

/// What one client step gave.
#[derive(Debug, Clone)]
pub struct Run {
    /// The client's result, or why there is none (a crash: a non-zero exit, a time-out,
    /// stdout that is not a result).
    pub outcome: Result<Outcome, String>,
    /// What the client wrote on stderr (the built-in client: its trace).
    pub stderr: String,
    /// Wall time of the step, in seconds.
    pub seconds: f64,
}

impl Run {
    /// The status for people: `done`, `rejected`, `failed` or `crash`.
    pub fn status(&self) -> &'static str {
        match &self.outcome {
            Ok(o) => o.status(),
            Err(_) => "crash",
        }
    }
}

/// Where a step runs: the simulator and workspace, and how far the journal went before it (for
/// a driver that watches the journal).
pub struct StepContext<'a> {
    pub sim: &'a Simulator,
    pub ws: &'a str,
    pub journal_before: usize,
}

/// A way to run the client under test.
pub trait Driver: Send + Sync {
    /// For the report: `python3 adapter.py`, `the built-in client`, `attended`.
    fn describe(&self) -> String;

    /// Runs one task.
    fn run<'a>(&'a self, task: &'a Task, cx: StepContext<'a>) -> BoxFuture<'a, Run>;

    /// Whether a person drives the client: the outputs are then what the person typed when
    /// asked (the IDs and numbers a mail or a screen prints once, not tables), and the messages
    /// of a refusal are not asked; the checks of what is not asked rest on the journal and the
    /// record.
    fn attended(&self) -> bool {
        false
    }
}
