//! The screen-level scenarios under `features/` (tagged `@simulator`), which verify the simulator
//! itself, run against the real simulator by `cargo test` (`cargo test --test features`). The
//! client scenarios (`@client`, `features/client/`) are the conformance kit's: `nss-simulator kit`
//! runs them, and `tests/kit.rs` runs it.
//!
//! One simulator serves the whole run; every scenario creates its own workspace with a fixed
//! seed and a frozen clock, so scenarios run concurrently and never wait for real time.
//! The last line printed is `N passed, N failed` (and `, N skipped` when some were skipped);
//! the run exits non-zero when a scenario failed or was skipped, or nothing ran.
//!
//! Options of cucumber's command line work after `--`, e.g.
//! `cargo test --test features -- --name 一時保存` or `-- --tags @m004`; they narrow the
//! `@simulator` scenarios.

#[path = "steps/mod.rs"]
mod steps;

use cucumber::World as _;
use cucumber::cli::{self, Parser as _};
use cucumber::tag::Ext as _;
use cucumber::writer::Stats as _;
use cucumber::{parser, runner, writer};
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    // `cargo test <filter>` hands its filter (and libtest flags) to every test binary; they are
    // not cucumber options, so the kit then runs whole.
    type Opts = cli::Opts<parser::basic::Cli, runner::basic::Cli, writer::basic::Cli>;
    let mut opts = match Opts::try_parse() {
        Ok(opts) => opts,
        Err(e) if e.use_stderr() => {
            eprintln!("features: ignoring arguments that are not cucumber options");
            Opts::default()
        }
        Err(e) => e.exit(),
    };
    // Cucumber applies --name or --tags instead of the run's filter: both are taken here and
    // applied within the `@simulator` scenarios.
    let (name, tags) = (opts.re_filter.take(), opts.tags_filter.take());
    let features = concat!(env!("CARGO_MANIFEST_DIR"), "/features");
    let writer = steps::NssWorld::cucumber()
        .with_cli(opts)
        .filter_run(features, move |feature, rule, scenario| {
            let all = || {
                feature
                    .tags
                    .iter()
                    .chain(rule.iter().flat_map(|r| &r.tags))
                    .chain(scenario.tags.iter())
            };
            all().any(|t| t == "simulator")
                && tags.as_ref().is_none_or(|t| t.eval(all()))
                && name.as_ref().is_none_or(|n| n.is_match(&scenario.name))
        })
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
