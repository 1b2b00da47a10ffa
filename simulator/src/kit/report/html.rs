//! The HTML report (`--report DIR`): `index.html` lists the scenarios; a page per scenario
//! shows why it failed (every failed step's message: the diffs of the record and of the
//! snapshots, the conduct problems), each client step with its task, its result, the client's
//! stderr and the client's requests as the journal recorded them, what the kit did itself, and
//! the mails of the workspace.

use crate::kit::check::conduct::Catalogue;
use crate::kit::run::Outcome;
use crate::kit::world::{ClientStep, ScenarioLog};
use crate::kit::writer::ScenarioResult;
use maud::{DOCTYPE, Markup, html};
use serde_json::Value;
use std::path::Path;

const STYLE: &str = "body{font-family:sans-serif;margin:1.5em;max-width:80em}\
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top;font-size:90%}\
pre{background:#f6f6f6;padding:.6em;overflow-x:auto;white-space:pre-wrap}\
.pass{color:#176c2f}.fail{color:#b00020}.problem{color:#b00020}section{margin-bottom:2em}";

/// Writes `index.html` and a page per scenario into `dir` (created if needed).
pub fn write(dir: &Path, outcome: &Outcome, driver: &str, cat: &Catalogue) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let empty = ScenarioLog::default();
    for (i, r) in outcome.results.iter().enumerate() {
        let log = outcome.logs.get(i).unwrap_or(&empty);
        std::fs::write(
            dir.join(page_name(i)),
            scenario_page(r, log, driver, cat).into_string(),
        )?;
    }
    std::fs::write(dir.join("index.html"), index(outcome, driver).into_string())
}

fn page_name(i: usize) -> String {
    format!("scenario-{:03}.html", i + 1)
}

fn verdict(r: &ScenarioResult) -> Markup {
    if r.passed() {
        html! { span.pass { "PASS" } }
    } else {
        html! { span.fail { "FAIL" } }
    }
}

fn page(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="ja" {
            head {
                meta charset="utf-8";
                title { (title) }
                style { (STYLE) }
            }
            body { (body) }
        }
    }
}

fn index(outcome: &Outcome, driver: &str) -> Markup {
    page(
        "NSS Simulator kit",
        html! {
            h1 { "NSS Simulator conformance kit" }
            p { "Client: " code { (driver) } ". " (outcome.summary()) "." }
            @for e in &outcome.parse_errors { p.problem { (e) } }
            table {
                tr { th { "" } th { "feature" } th { "scenario" } th { "tags" } th { "time" } }
                @for (i, r) in outcome.results.iter().enumerate() {
                    tr {
                        td { (verdict(r)) }
                        td { (r.feature) ":" (r.line) }
                        td { a href=(page_name(i)) { (r.scenario) } }
                        td { (r.tags.iter().map(|t| format!("@{t}")).collect::<Vec<_>>().join(" ")) }
                        td { (format!("{:.2} s", r.seconds)) }
                    }
                }
            }
        },
    )
}

fn scenario_page(r: &ScenarioResult, log: &ScenarioLog, driver: &str, cat: &Catalogue) -> Markup {
    page(
        &r.scenario,
        html! {
            p { a href="index.html" { "← all scenarios" } }
            h1 { (verdict(r)) " " (r.scenario) }
            p { (r.feature_name) " — " code { (r.feature) ":" (r.line) } }
            p { "Client: " code { (driver) } @if let Some(ws) = &log.ws { ". Workspace " code { (ws) } } "." }
            @if !r.passed() {
                section {
                    h2 { "Why it failed" }
                    @for f in &r.failures { pre.problem { (f) } }
                }
            }
            @if !log.kit_steps.is_empty() {
                section {
                    h2 { "What the kit did itself" }
                    ul { @for s in &log.kit_steps { li { (s) } } }
                }
            }
            @for (n, s) in log.steps.iter().enumerate() { (client_step(n + 1, s, cat)) }
            section {
                h2 { "Mails (" (log.mails.len()) ")" }
                @for m in &log.mails {
                    h3 { (m["subject"].as_str().unwrap_or("")) }
                    p { "To: " (list(&m["to"])) " · " (m["sent_at"].as_str().unwrap_or("")) }
                    pre { (m["text"].as_str().unwrap_or("")) }
                }
            }
            section {
                details {
                    summary { "The workspace's whole journal (" (log.journal.len()) " requests)" }
                    (journal(&log.journal, cat))
                }
            }
        },
    )
}

fn client_step(n: usize, s: &ClientStep, cat: &Catalogue) -> Markup {
    let result = match &s.run.outcome {
        Ok(o) => serde_json::to_string_pretty(o).unwrap_or_default(),
        Err(crash) => format!("client crash: {crash}"),
    };
    html! {
        section {
            h2 { "Client step " (n) ": " code { (s.task.action) } " — " (s.run.status()) " in " (format!("{:.2} s", s.run.seconds)) }
            @if !s.problems.is_empty() {
                @for p in &s.problems { pre.problem { (p) } }
            }
            h3 { "The client's requests (" (s.journal.len()) ")" }
            (journal(&s.journal, cat))
            details {
                summary { "Task" }
                pre { (serde_json::to_string_pretty(&s.task).unwrap_or_default()) }
            }
            h3 { "Result" }
            pre { (result) }
            @if !s.run.stderr.is_empty() {
                details {
                    summary { "stderr" }
                    pre { (s.run.stderr) }
                }
            }
        }
    }
}

fn journal(entries: &[Value], cat: &Catalogue) -> Markup {
    html! {
        table {
            tr { th { "at" } th { "request" } th { "screen" } th { "button" } th { "outcome" } th { "status" } th { "shown next" } }
            @for e in entries {
                @let screen = e["screen"].as_str().unwrap_or("");
                tr {
                    td { (e["at"].as_str().unwrap_or("")) }
                    td { (e["method"].as_str().unwrap_or("")) " " (e["path"].as_str().unwrap_or("")) }
                    td { (cat.title(screen)) }
                    td { (e["button"].as_str().map(|b| cat.button(screen, b)).unwrap_or("")) }
                    td class=(if e["outcome"] == "ok" { "" } else { "problem" }) { (e["outcome"].as_str().unwrap_or("")) }
                    td { (e["status"]) }
                    td { (e["next_screen"].as_str().map(|s| cat.title(s)).unwrap_or("")) }
                }
            }
        }
    }
}

fn list(v: &Value) -> String {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}
