//! Reading a JSON screen document (contract §4) in the tests: its tables, buttons and links.

use super::Browser;
use serde_json::Value;

/// The rows of the table printed with `caption`, as strings.
pub fn table(screen: &Value, caption: &str) -> Vec<Vec<String>> {
    screen["tables"]
        .as_array()
        .and_then(|ts| ts.iter().find(|t| t["caption"] == caption))
        .unwrap_or_else(|| panic!("no table {caption} on {}", screen["screen"]))["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r.as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap_or_default().to_string())
                .collect()
        })
        .collect()
}

/// The column heads of the table printed with `caption`.
pub fn columns(screen: &Value, caption: &str) -> Vec<String> {
    screen["tables"]
        .as_array()
        .and_then(|ts| ts.iter().find(|t| t["caption"] == caption))
        .unwrap_or_else(|| panic!("no table {caption}"))["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap_or_default().to_string())
        .collect()
}

/// The value of the two-column row `label` of table `caption`.
pub fn cell(screen: &Value, caption: &str, label: &str) -> String {
    table(screen, caption)
        .into_iter()
        .find(|r| r[0] == label)
        .unwrap_or_else(|| panic!("no row {label} in {caption}"))[1]
        .clone()
}

/// The labels of the first form's buttons.
pub fn buttons(screen: &Value) -> Vec<String> {
    screen["forms"][0]["buttons"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|b| b["label"].as_str().unwrap().to_string())
        .collect()
}

/// The labels of the screen's links.
pub fn links(screen: &Value) -> Vec<String> {
    screen["links"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|l| l["label"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// The target of the link `label`.
pub fn link(screen: &Value, label: &str) -> String {
    screen["links"]
        .as_array()
        .and_then(|ls| ls.iter().find(|l| l["label"] == label))
        .unwrap_or_else(|| panic!("no link {label} on {}", screen["screen"]))["href"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Opens a link's target (an absolute path inside the browser's workspace).
pub async fn follow(b: &mut Browser, href: &str) {
    let rel = href.strip_prefix(b.base.as_str()).expect("inside");
    b.open(rel).await;
}
