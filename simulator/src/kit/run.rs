//! One run of the kit: the simulator (in process or `--target`), the driver, the client
//! scenarios filtered by tag and name, run by cucumber with the kit's writer; then the summary
//! line, the JUnit file and the HTML report.

use super::check::conduct::Catalogue;
use super::driver::Driver;
use super::features::{Source, SourceParser};
use super::report;
use super::sim::Simulator;
use super::world::{self, Context, KitWorld, ScenarioLog};
use super::writer::{Collector, ScenarioResult, path_of};
use cucumber::World as _;
use cucumber::gherkin::tagexpr::TagOperation;
use cucumber::tag::Ext as _;
use futures::FutureExt as _;
use std::path::PathBuf;
use std::str::FromStr as _;
use std::sync::{Arc, Mutex, PoisonError};

/// The tag every scenario the kit runs has.
pub const CLIENT_TAG: &str = "@client";

/// What to run and where to write.
pub struct Options {
    pub driver: Box<dyn Driver>,
    /// A running simulator (`http://127.0.0.1:8080`); `None` starts one in this process.
    pub target: Option<String>,
    /// A tag expression ANDed with `@client` (`@m000`, `@m000 and not @m004`).
    pub tags: Option<String>,
    /// A regular expression the scenario's name must match.
    pub name: Option<String>,
    /// The features directory (`None`: those embedded in the binary).
    pub features: Option<PathBuf>,
    pub junit: Option<PathBuf>,
    /// The directory of the HTML report.
    pub report: Option<PathBuf>,
    pub update_snapshots: bool,
    /// How many scenarios run at once (attended mode: one).
    pub concurrency: Option<usize>,
    /// How long a client may take over one step.
    pub timeout_seconds: u64,
    /// Print nothing per scenario (the caller reads the results).
    pub quiet: bool,
}

/// What a run gave.
pub struct Outcome {
    pub results: Vec<ScenarioResult>,
    pub parse_errors: Vec<String>,
    /// The scenario logs, in the order of `results`.
    pub logs: Vec<ScenarioLog>,
}

impl Outcome {
    pub fn passed(&self) -> usize {
        self.results.iter().filter(|r| r.passed()).count()
    }

    pub fn failed(&self) -> usize {
        self.results.len() - self.passed()
    }

    /// Whether every scenario passed, at least one ran, and every feature parsed.
    pub fn ok(&self) -> bool {
        self.failed() == 0 && self.passed() > 0 && self.parse_errors.is_empty()
    }

    /// `N passed, N failed`.
    pub fn summary(&self) -> String {
        format!("{} passed, {} failed", self.passed(), self.failed())
    }
}

/// One kit run at a time per process: the scenarios find their context in a static.
static RUNNING: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Runs the client scenarios; `Err` when the run cannot start (the target does not answer, the
/// tag expression does not parse, the features cannot be read).
pub async fn run(o: Options) -> Result<Outcome, String> {
    let filter_tags = match &o.tags {
        Some(t) => format!("{CLIENT_TAG} and ({t})"),
        None => CLIENT_TAG.to_string(),
    };
    let tags = TagOperation::from_str(&filter_tags)
        .map_err(|e| format!("--tags {:?}: {e}", o.tags.as_deref().unwrap_or("")))?;
    let name = o
        .name
        .as_deref()
        .map(regex::Regex::new)
        .transpose()
        .map_err(|e| format!("--name: {e}"))?;
    let source = match &o.features {
        Some(dir) if dir.is_dir() => Source::Dir(dir.clone()),
        Some(dir) => return Err(format!("--features {}: not a directory", dir.display())),
        None => Source::Embedded,
    };
    if o.update_snapshots && matches!(source, Source::Embedded) {
        return Err("--update-snapshots writes into --features DIR: give it".to_string());
    }
    let sim = match &o.target {
        Some(url) => {
            let sim = Simulator::connect(url);
            sim.check()
                .await
                .map_err(|e| format!("--target {url}: {e}"))?;
            sim
        }
        None => Simulator::spawn_here()
            .await
            .map_err(|e| format!("cannot start the simulator: {e}"))?,
    };
    let catalogue = Catalogue::from_screens(&sim.get_api("screens").await);
    let context = Arc::new(Context {
        sim,
        driver: o.driver,
        catalogue,
        source: source.clone(),
        update_snapshots: o.update_snapshots,
        timeout_seconds: o.timeout_seconds,
        reports: Mutex::new(Vec::new()),
    });

    let _one_at_a_time = RUNNING.lock().await;
    world::set_current(Some(Arc::clone(&context)));
    let mut opts: cucumber::cli::Opts<
        cucumber::cli::Empty,
        cucumber::runner::basic::Cli,
        cucumber::cli::Empty,
    > = cucumber::cli::Opts::default();
    opts.runner.concurrency = o.concurrency;
    let keep = Arc::clone(&context);
    let collector = KitWorld::cucumber::<&str>()
        .with_parser(SourceParser)
        .with_writer(Collector::new(o.quiet))
        .with_cli(opts)
        .before(|feature, _, scenario, w| {
            w.log.feature = path_of(feature);
            w.log.line = scenario.position.line;
            async {}.boxed_local()
        })
        .after(move |_, _, _, _, w: Option<&mut KitWorld>| {
            let keep = Arc::clone(&keep);
            async move {
                if let Some(w) = w {
                    if let Some(ws) = w.log.ws.clone() {
                        w.log.mails = keep.sim.mails(&ws).await;
                        w.log.journal = keep.sim.journal(&ws).await;
                    }
                    keep.reports
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .push(std::mem::take(&mut w.log));
                }
            }
            .boxed_local()
        })
        .filter_run(source, move |feature, rule, scenario| {
            let all = feature
                .tags
                .iter()
                .chain(rule.iter().flat_map(|r| &r.tags))
                .chain(scenario.tags.iter());
            tags.eval(all) && name.as_ref().is_none_or(|n| n.is_match(&scenario.name))
        })
        .await;
    world::set_current(None);

    let mut logs = std::mem::take(
        &mut *context
            .reports
            .lock()
            .unwrap_or_else(PoisonError::into_inner),
    );
    // The report and the JUnit file list the scenarios in the features' order (the console
    // printed them as they ended).
    let mut results = collector.results;
    results.sort_by(|a, b| (&a.feature, a.line).cmp(&(&b.feature, b.line)));
    let logs = results
        .iter()
        .map(|r| {
            logs.iter()
                .position(|l| l.feature == r.feature && l.line == r.line)
                .map(|i| logs.swap_remove(i))
                .unwrap_or_default()
        })
        .collect();
    let outcome = Outcome {
        results,
        parse_errors: collector.parse_errors,
        logs,
    };
    if let Some(path) = &o.junit {
        report::junit::write(path, &outcome)
            .map_err(|e| format!("--junit {}: {e}", path.display()))?;
    }
    if let Some(dir) = &o.report {
        report::html::write(
            dir,
            &outcome,
            &context.driver.describe(),
            &context.catalogue,
        )
        .map_err(|e| format!("--report {}: {e}", dir.display()))?;
    }
    Ok(outcome)
}
