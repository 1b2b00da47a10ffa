//! JUnit XML (`--junit FILE`): a test suite per feature, a test case per scenario, a failure
//! with every failed step's message, the client's stderr as the case's `system-err`.

use crate::kit::run::Outcome;
use std::fmt::Write as _;
use std::path::Path;

/// Writes the run's results to `path` (its directory is created).
pub fn write(path: &Path, outcome: &Outcome) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, render(outcome))
}

/// The JUnit document of a run.
pub fn render(outcome: &Outcome) -> String {
    let mut features: Vec<&str> = outcome.results.iter().map(|r| r.feature.as_str()).collect();
    features.sort_unstable();
    features.dedup();
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        x,
        "<testsuites name=\"nss-simulator kit\" tests=\"{}\" failures=\"{}\" errors=\"{}\">",
        outcome.results.len(),
        outcome.failed(),
        outcome.parse_errors.len()
    );
    for feature in features {
        let cases: Vec<usize> = (0..outcome.results.len())
            .filter(|&i| outcome.results[i].feature == feature)
            .collect();
        let failures = cases
            .iter()
            .filter(|&&i| !outcome.results[i].passed())
            .count();
        let seconds: f64 = cases.iter().map(|&i| outcome.results[i].seconds).sum();
        let name = &outcome.results[cases[0]].feature_name;
        let _ = writeln!(
            x,
            "  <testsuite name=\"{}\" file=\"{}\" tests=\"{}\" failures=\"{failures}\" time=\"{seconds:.3}\">",
            esc(name),
            esc(feature),
            cases.len()
        );
        for i in cases {
            let r = &outcome.results[i];
            let _ = write!(
                x,
                "    <testcase classname=\"{}\" name=\"{}\" file=\"{}\" line=\"{}\" time=\"{:.3}\"",
                esc(&r.feature_name),
                esc(&r.scenario),
                esc(&r.feature),
                r.line,
                r.seconds
            );
            let stderr: String = outcome
                .logs
                .get(i)
                .map(|l| {
                    l.steps
                        .iter()
                        .filter(|s| !s.run.stderr.is_empty())
                        .map(|s| format!("[{}]\n{}\n", s.task.action, s.run.stderr))
                        .collect()
                })
                .unwrap_or_default();
            if r.passed() && stderr.is_empty() {
                x.push_str("/>\n");
                continue;
            }
            x.push_str(">\n");
            if !r.passed() {
                let first = r.failures[0].lines().next().unwrap_or("");
                let _ = writeln!(
                    x,
                    "      <failure message=\"{}\">{}</failure>",
                    esc(first),
                    esc(&r.failures.join("\n\n"))
                );
            }
            if !stderr.is_empty() {
                let _ = writeln!(x, "      <system-err>{}</system-err>", esc(&stderr));
            }
            x.push_str("    </testcase>\n");
        }
        x.push_str("  </testsuite>\n");
    }
    for e in &outcome.parse_errors {
        let _ = writeln!(
            x,
            "  <testsuite name=\"parsing\" tests=\"1\" errors=\"1\"><testcase name=\"parsing\"><error message=\"{}\"/></testcase></testsuite>",
            esc(e)
        );
    }
    x.push_str("</testsuites>\n");
    x
}

/// XML text and attribute escaping; characters XML 1.0 cannot carry become U+FFFD.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kit::writer::ScenarioResult;

    fn result(scenario: &str, failures: Vec<String>) -> ScenarioResult {
        ScenarioResult {
            feature: "client/a.feature".into(),
            feature_name: "機能A".into(),
            scenario: scenario.into(),
            line: 3,
            tags: vec![],
            failures,
            seconds: 0.5,
        }
    }

    #[test]
    fn a_failure_carries_its_messages_escaped() {
        let outcome = Outcome {
            results: vec![
                result("通る", vec![]),
                result("落ちる", vec!["ならば x: expected <done> & \u{1}".into()]),
            ],
            parse_errors: vec![],
            logs: vec![],
        };
        let xml = render(&outcome);
        assert!(xml.contains("tests=\"2\" failures=\"1\""), "{xml}");
        assert!(
            xml.contains("<testcase classname=\"機能A\" name=\"通る\""),
            "{xml}"
        );
        assert!(
            xml.contains("<failure message=\"ならば x: expected &lt;done&gt; &amp; \u{FFFD}\">"),
            "{xml}"
        );
    }
}
