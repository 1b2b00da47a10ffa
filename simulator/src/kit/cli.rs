//! `nss-simulator kit …`: the conformance kit's command line (docs/kit.md, "Running the kit").

use super::driver::Driver;
use super::driver::attended::AttendedDriver;
use super::driver::builtin::BuiltinDriver;
use super::driver::process::ProcessDriver;
use super::protocol::TIMEOUT_SECONDS;
use super::run::{self, Options};
use clap::Parser;
use std::path::PathBuf;

/// Runs the conformance kit's client scenarios against a client of the NSS.
///
/// Each scenario's result is printed as it ends, then the line `N passed, N failed`. The exit
/// status is 0 only if every scenario passed, 1 if one failed, 2 if the run could not start.
#[derive(Debug, Parser)]
#[command(name = "nss-simulator kit", version)]
pub struct Args {
    /// The client under test, a command run once per client step with the task on stdin
    /// (docs/kit.md): `--client "python3 my_adapter.py"`. Without it (and without --attended)
    /// the kit's built-in Rust reference client runs the steps.
    #[arg(long, value_name = "COMMAND", conflicts_with = "attended")]
    pub client: Option<String>,
    /// A person does each client step in a browser: the kit prints what to do and where, waits
    /// until the journal shows it done (or Enter), asks for what the step reports, and checks.
    #[arg(long)]
    pub attended: bool,
    /// A simulator already running (`http://127.0.0.1:8080`); without it the kit starts one in
    /// this process on 127.0.0.1 (a free port), in memory.
    #[arg(long, value_name = "URL")]
    pub target: Option<String>,
    /// Only the scenarios with these tags (ANDed with @client): `@m000`, `"@m000 or @m004"`.
    #[arg(long, value_name = "EXPR")]
    pub tags: Option<String>,
    /// Only the scenarios whose name matches this regular expression.
    #[arg(long, value_name = "REGEX")]
    pub name: Option<String>,
    /// Write JUnit XML to this file.
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,
    /// Write an HTML page per scenario (and index.html) into this directory.
    #[arg(long, value_name = "DIR")]
    pub report: Option<PathBuf>,
    /// Read the features (and their snapshots) from this directory instead of those built in.
    #[arg(long, value_name = "DIR")]
    pub features: Option<PathBuf>,
    /// Write the snapshots that are missing or differ into --features DIR instead of failing
    /// (review them before committing them).
    #[arg(long, requires = "features")]
    pub update_snapshots: bool,
    /// How many scenarios run at once (default: all; attended: 1).
    #[arg(long, value_name = "N")]
    pub concurrency: Option<usize>,
    /// How long the client may take over one step (the task's `timeout_seconds`); past it the
    /// client is killed and the step is a crash.
    #[arg(long, value_name = "SECONDS", default_value_t = TIMEOUT_SECONDS,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,
}

impl Args {
    /// The run's options.
    pub fn options(self) -> Result<Options, String> {
        let driver: Box<dyn Driver> = match (&self.client, self.attended) {
            (Some(command), _) => Box::new(ProcessDriver::new(command)?),
            (None, true) => Box::new(AttendedDriver::default()),
            (None, false) => Box::new(BuiltinDriver),
        };
        let concurrency = if self.attended {
            Some(1)
        } else {
            self.concurrency
        };
        Ok(Options {
            driver,
            target: self.target,
            tags: self.tags,
            name: self.name,
            features: self.features,
            junit: self.junit,
            report: self.report,
            update_snapshots: self.update_snapshots,
            concurrency,
            timeout_seconds: self.timeout,
            quiet: false,
        })
    }
}

/// `nss-simulator kit ARGS…`: the exit status.
pub async fn main(args: impl IntoIterator<Item = String>) -> i32 {
    let args =
        match Args::try_parse_from(std::iter::once("nss-simulator kit".to_string()).chain(args)) {
            Ok(a) => a,
            Err(e) => {
                let code = if e.use_stderr() { 2 } else { 0 };
                let _ = e.print();
                return code;
            }
        };
    let options = match args.options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    match run::run(options).await {
        Ok(outcome) => {
            for e in &outcome.parse_errors {
                eprintln!("error: {e}");
            }
            println!("{}", outcome.summary());
            if outcome.ok() { 0 } else { 1 }
        }
        Err(e) => {
            eprintln!("error: {e}");
            2
        }
    }
}
