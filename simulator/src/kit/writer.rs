//! The kit's cucumber writer: one line per scenario as it ends (`PASS`/`FAIL`, the feature and
//! the scenario, the failed step and its message), and every result kept for the summary line,
//! the JUnit file and the HTML report.

use cucumber::event::{self, Cucumber, Feature, Hook, RetryableScenario, Rule, Scenario, Step};
use cucumber::gherkin;
use cucumber::{Event, Writer, parser};
use std::collections::HashMap;
use std::io::Write as _;
use std::time::Instant;

/// How one scenario ended.
#[derive(Debug, Clone)]
pub struct ScenarioResult {
    /// The feature's path (`client/m000_new_application.feature`) and name.
    pub feature: String,
    pub feature_name: String,
    pub scenario: String,
    pub line: usize,
    pub tags: Vec<String>,
    /// Each failure: the step (`もし 申込担当者が…`) and the message.
    pub failures: Vec<String>,
    pub seconds: f64,
}

impl ScenarioResult {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Collects the results and prints each as it comes.
pub struct Collector {
    started: HashMap<(String, usize), Instant>,
    failures: HashMap<(String, usize), Vec<String>>,
    /// The scenarios, in the order they ended.
    pub results: Vec<ScenarioResult>,
    /// Features that did not parse.
    pub parse_errors: Vec<String>,
    /// Whether to print each scenario as it ends.
    pub quiet: bool,
}

impl Collector {
    pub fn new(quiet: bool) -> Collector {
        Collector {
            started: HashMap::new(),
            failures: HashMap::new(),
            results: Vec::new(),
            parse_errors: Vec::new(),
            quiet,
        }
    }

    fn key(feature: &gherkin::Feature, scenario: &gherkin::Scenario) -> (String, usize) {
        (path_of(feature), scenario.position.line)
    }

    fn scenario<W>(
        &mut self,
        feature: &gherkin::Feature,
        rule: Option<&gherkin::Rule>,
        scenario: &gherkin::Scenario,
        ev: &Scenario<W>,
    ) {
        let key = Self::key(feature, scenario);
        match ev {
            Scenario::Started => {
                self.started.insert(key, Instant::now());
            }
            Scenario::Step(step, Step::Failed(_, _, _, err))
            | Scenario::Background(step, Step::Failed(_, _, _, err)) => {
                let line = format!(
                    "{} {}: {}",
                    step.keyword.trim(),
                    step.value,
                    error_text(err)
                );
                self.failures.entry(key).or_default().push(line);
            }
            Scenario::Step(step, Step::Skipped) | Scenario::Background(step, Step::Skipped) => {
                let line = format!(
                    "{} {}: no step of the kit matches this text",
                    step.keyword.trim(),
                    step.value
                );
                self.failures.entry(key).or_default().push(line);
            }
            Scenario::Hook(kind, Hook::Failed(_, info)) => {
                let line = format!("{kind:?} hook: {}", panic_text(info));
                self.failures.entry(key).or_default().push(line);
            }
            Scenario::Finished => {
                let seconds = self
                    .started
                    .remove(&key)
                    .map_or(0.0, |t| t.elapsed().as_secs_f64());
                let mut tags: Vec<String> = feature.tags.clone();
                tags.extend(rule.into_iter().flat_map(|r| r.tags.clone()));
                tags.extend(scenario.tags.clone());
                let result = ScenarioResult {
                    feature: key.0.clone(),
                    feature_name: feature.name.clone(),
                    scenario: scenario.name.clone(),
                    line: key.1,
                    tags,
                    failures: self.failures.remove(&key).unwrap_or_default(),
                    seconds,
                };
                if !self.quiet {
                    print_result(&result);
                }
                self.results.push(result);
            }
            _ => {}
        }
    }
}

/// The feature's path as the kit names it (relative to the features' root).
pub fn path_of(feature: &gherkin::Feature) -> String {
    feature
        .path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| feature.name.clone())
}

fn print_result(r: &ScenarioResult) {
    let mut out = std::io::stdout().lock();
    let verdict = if r.passed() { "PASS" } else { "FAIL" };
    // The terminal may be gone (a closed pipe): the results are still counted and written.
    let _ = writeln!(
        out,
        "{verdict}  {}:{}  {}  ({:.2} s)",
        r.feature, r.line, r.scenario, r.seconds
    );
    for f in &r.failures {
        for (i, line) in f.lines().enumerate() {
            let lead = if i == 0 { "      " } else { "        " };
            let _ = writeln!(out, "{lead}{line}");
        }
    }
    let _ = out.flush();
}

fn error_text(err: &event::StepError) -> String {
    match err {
        event::StepError::Panic(info) => panic_text(info),
        other => other.to_string(),
    }
}

/// The message of a panic (a failed `assert!` or `panic!` of a step).
pub fn panic_text(info: &event::Info) -> String {
    if let Some(s) = info.downcast_ref::<String>() {
        s.clone()
    } else if let Some(s) = info.downcast_ref::<&str>() {
        s.to_string()
    } else {
        "(a panic without a message)".to_string()
    }
}

/// The collector keys every event by its feature and scenario, so it takes them in any order
/// (cucumber runs scenarios concurrently): no reordering is needed, and each scenario is
/// printed the moment it ends.
impl cucumber::writer::Normalized for Collector {}

impl<W: 'static> Writer<W> for Collector {
    type Cli = cucumber::cli::Empty;

    async fn handle_event(&mut self, event: parser::Result<Event<Cucumber<W>>>, _cli: &Self::Cli) {
        let event = match event {
            Ok(e) => e,
            Err(e) => {
                let line = format!("a feature does not parse: {e}");
                if !self.quiet {
                    println!("FAIL  {line}");
                }
                self.parse_errors.push(line);
                return;
            }
        };
        let Cucumber::Feature(feature, ev) = &event.value else {
            return;
        };
        match ev {
            Feature::Scenario(scenario, RetryableScenario { event, .. }) => {
                self.scenario(feature, None, scenario, event);
            }
            Feature::Rule(rule, Rule::Scenario(scenario, RetryableScenario { event, .. })) => {
                self.scenario(feature, Some(rule), scenario, event);
            }
            _ => {}
        }
    }
}
