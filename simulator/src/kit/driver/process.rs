//! The process driver: the client under test is a command (docs/kit.md, "Running the client").
//! Once per step: the task on stdin, one result on stdout, diagnostics on stderr; a non-zero
//! exit, no answer within the task's `timeout_seconds`, or stdout that is not a result is a
//! client crash, reported with the client's stderr.

use super::{Driver, Run, StepContext};
use crate::kit::protocol::{Outcome, Task};
use futures::future::BoxFuture;
use std::process::Stdio;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

/// The most of a client's stderr kept for the report.
const STDERR_KEPT: usize = 64 * 1024;

/// A client command, split as a shell would split it and run without a shell.
pub struct ProcessDriver {
    program: String,
    args: Vec<String>,
    shown: String,
}

impl ProcessDriver {
    /// `"python3 my_adapter.py --flag"` → the program and its arguments; `Err` when the
    /// string is empty or its quotes do not close.
    pub fn new(command: &str) -> Result<ProcessDriver, String> {
        let words = shlex::split(command)
            .ok_or_else(|| format!("--client {command:?}: unbalanced quotes"))?;
        let (program, args) = words
            .split_first()
            .ok_or_else(|| "--client needs a command".to_string())?;
        Ok(ProcessDriver {
            program: program.clone(),
            args: args.to_vec(),
            shown: command.to_string(),
        })
    }

    async fn exec(&self, task: &Task) -> Run {
        let started = Instant::now();
        let crash = |message: String, stderr: String| Run {
            outcome: Err(message),
            stderr,
            seconds: started.elapsed().as_secs_f64(),
        };
        let mut child = match tokio::process::Command::new(&self.program)
            .args(&self.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
        {
            Ok(child) => child,
            Err(e) => return crash(format!("cannot run {:?}: {e}", self.shown), String::new()),
        };
        // The outputs are read while the client runs (a full pipe would stall it), so that what
        // it wrote is kept even when it has to be killed.
        let stdout = child.stdout.take().map(read_all);
        let stderr = child.stderr.take().map(read_all);
        let input = serde_json::to_vec(task).unwrap_or_default();
        if let Some(mut stdin) = child.stdin.take() {
            // A client that exits without reading its task makes this fail: its exit status
            // and output tell the rest.
            let _ = stdin.write_all(&input).await;
            drop(stdin);
        }
        let limit = Duration::from_secs(task.timeout_seconds.max(1));
        // The client's own time (real time, not the workspace clock).
        let status = tokio::time::timeout(limit, child.wait()).await;
        if status.is_err() {
            // Killed; what it wrote until then is still read (a grandchild holding the pipe
            // open is not waited for long).
            let _ = child.kill().await;
        }
        let stdout = collect(stdout).await;
        let stderr = kept(&collect(stderr).await);
        match status {
            Err(_) => crash(
                format!("no answer within {} s (timeout_seconds)", limit.as_secs()),
                stderr,
            ),
            Ok(Err(e)) => crash(format!("waiting for the client: {e}"), stderr),
            Ok(Ok(status)) if !status.success() => {
                let code = status
                    .code()
                    .map_or_else(|| "a signal".to_string(), |c| c.to_string());
                crash(format!("the client exited with {code}"), stderr)
            }
            Ok(Ok(_)) => match Outcome::parse(&String::from_utf8_lossy(&stdout)) {
                Ok(outcome) => Run {
                    outcome: Ok(outcome),
                    stderr,
                    seconds: started.elapsed().as_secs_f64(),
                },
                Err(e) => crash(e, stderr),
            },
        }
    }
}

/// Reads a pipe to its end in a task of its own.
fn read_all(
    mut pipe: impl tokio::io::AsyncRead + Unpin + Send + 'static,
) -> tokio::task::JoinHandle<Vec<u8>> {
    tokio::spawn(async move {
        let mut bytes = Vec::new();
        // An error ends the reading; what was read is kept.
        let _ = pipe.read_to_end(&mut bytes).await;
        bytes
    })
}

/// What a reader got, waiting at most a moment once the client is gone.
async fn collect(reader: Option<tokio::task::JoinHandle<Vec<u8>>>) -> Vec<u8> {
    let Some(reader) = reader else {
        return Vec::new();
    };
    match tokio::time::timeout(Duration::from_secs(2), reader).await {
        Ok(Ok(bytes)) => bytes,
        _ => Vec::new(),
    }
}

fn kept(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    if text.len() <= STDERR_KEPT {
        return text.into_owned();
    }
    let mut start = text.len() - STDERR_KEPT;
    while !text.is_char_boundary(start) {
        start += 1;
    }
    format!("…{}", &text[start..])
}

impl Driver for ProcessDriver {
    fn describe(&self) -> String {
        self.shown.clone()
    }

    fn run<'a>(&'a self, task: &'a Task, _cx: StepContext<'a>) -> BoxFuture<'a, Run> {
        Box::pin(self.exec(task))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(timeout: u64) -> Task {
        let mut t = Task::new("read_news", "http://127.0.0.1:9/w/k/", "a@b.jp");
        t.timeout_seconds = timeout;
        t
    }

    async fn run(command: &str, timeout: u64) -> Run {
        ProcessDriver::new(command)
            .unwrap()
            .exec(&task(timeout))
            .await
    }

    #[tokio::test]
    async fn a_result_on_stdout_is_the_outcome_and_stderr_is_kept() {
        let r = run(
            r#"sh -c 'cat >/dev/null; echo note >&2; echo "{\"status\": \"done\", \"outputs\": {}}"'"#,
            10,
        )
        .await;
        assert_eq!(r.outcome.unwrap().status(), "done");
        assert_eq!(r.stderr, "note\n");
    }

    #[tokio::test]
    async fn the_client_reads_the_task_on_stdin() {
        let r = run(
            r#"sh -c 'grep -q "\"action\":\"read_news\"" && echo "{\"status\":\"failed\",\"reason\":\"x\"}"'"#,
            10,
        )
        .await;
        assert_eq!(r.outcome.unwrap().status(), "failed");
    }

    #[tokio::test]
    async fn a_crash_is_a_non_zero_exit_a_time_out_or_no_result() {
        let exit = run("sh -c 'cat >/dev/null; echo boom >&2; exit 3'", 10).await;
        assert_eq!(exit.outcome.unwrap_err(), "the client exited with 3");
        assert_eq!(exit.stderr, "boom\n");
        let slow = run("sh -c 'echo started >&2; exec sleep 5'", 1).await;
        assert!(slow.outcome.unwrap_err().contains("no answer within 1 s"));
        assert_eq!(
            slow.stderr, "started\n",
            "what a killed client wrote is kept"
        );
        let prose = run("sh -c 'cat >/dev/null; echo hello'", 10).await;
        assert!(prose.outcome.unwrap_err().starts_with("stdout is not JSON"));
        let missing = run("/nonexistent/client", 10).await;
        assert!(missing.outcome.unwrap_err().starts_with("cannot run"));
    }

    #[test]
    fn the_command_is_split_as_a_shell_would() {
        let d = ProcessDriver::new(r#"python3 "my adapter.py" --flag"#).unwrap();
        assert_eq!(d.program, "python3");
        assert_eq!(d.args, ["my adapter.py", "--flag"]);
        assert!(ProcessDriver::new("").is_err());
        assert!(ProcessDriver::new("python3 'open").is_err());
    }
}
