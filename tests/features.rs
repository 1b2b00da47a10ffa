//! The QA kit: the Japanese Gherkin scenarios under `features/`, run against the real simulator
//! by `cargo test` (`cargo test --test features`).
//!
//! One simulator serves the whole run; every scenario creates its own workspace with a fixed
//! seed and a frozen clock, so scenarios run concurrently and never wait for real time.
//! The last line printed is `N passed, N failed` (and `, N skipped` when some were skipped);
//! the run exits non-zero when a scenario failed or was skipped, or nothing ran.
//!
//! Options of cucumber's command line work after `--`, e.g.
//! `cargo test --test features -- --name 一時保存` or `-- --tags @p1`.

#[path = "support/mod.rs"]
mod support;

#[path = "steps/mod.rs"]
mod steps;

use cucumber::World as _;
use cucumber::cli::{self, Parser as _};
use cucumber::writer::Stats as _;
use cucumber::{parser, runner, writer};
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    // `cargo test <filter>` hands its filter (and libtest flags) to every test binary; they are
    // not cucumber options, so the kit then runs whole.
    type Opts = cli::Opts<parser::basic::Cli, runner::basic::Cli, writer::basic::Cli>;
    let opts = match Opts::try_parse() {
        Ok(opts) => opts,
        Err(e) if e.use_stderr() => {
            eprintln!("features: ignoring arguments that are not cucumber options");
            Opts::default()
        }
        Err(e) => e.exit(),
    };
    let features = concat!(env!("CARGO_MANIFEST_DIR"), "/features");
    let writer = steps::NssWorld::cucumber()
        .with_cli(opts)
        .run(features)
        .await;

    let stats = writer.scenarios_stats();
    let mut line = format!("{} passed, {} failed", stats.passed, stats.failed);
    if stats.skipped > 0 {
        line.push_str(&format!(", {} skipped", stats.skipped));
    }
    if writer.parsing_errors() > 0 || writer.hook_errors() > 0 {
        eprintln!(
            "features: {} parsing errors, {} hook errors",
            writer.parsing_errors(),
            writer.hook_errors()
        );
    }
    println!("{line}");
    let ok = stats.failed == 0
        && stats.skipped == 0
        && stats.passed > 0
        && !writer.execution_has_failed();
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
