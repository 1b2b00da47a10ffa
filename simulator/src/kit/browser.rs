//! A browser that speaks JSON (contract §4): it keeps cookies, follows 303s, remembers the last
//! screen document, and fills fields and presses buttons by their printed labels, as a person
//! reads the screen.
//!
//! Each action comes twice: `try_…` answers a [`BrowserError`] (the built-in client turns it into
//! a `failed` result), and the plain name panics with that message (for steps and tests, where a
//! panic is how a check fails).

use reqwest::header::{ACCEPT, HeaderMap, HeaderValue};
use serde_json::Value;
use std::fmt;

/// What went wrong in the browser: the server could not be reached or answered something that
/// is not a screen, or the screen has no such field, option, button or link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrowserError {
    /// What happened, in English with the screen's labels.
    pub message: String,
    /// The title of the screen it happened on, if one was shown.
    pub screen: Option<String>,
}

impl fmt::Display for BrowserError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for BrowserError {}

/// A file attached with a 「…を添付する」 button: (form field name, file name, bytes).
#[derive(Debug, Clone)]
pub struct Upload {
    pub field: String,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// One browser window: its cookies and the screen it shows.
pub struct Browser {
    /// The window's HTTP client (its cookie jar is the session), for requests the browser
    /// does not make itself (an HTML page with the same session).
    pub client: reqwest::Client,
    /// `http://HOST:PORT`.
    pub origin: String,
    /// The workspace base path (`/w/{id}/`).
    pub base: String,
    /// The last screen document.
    pub screen: Value,
    /// The last HTTP status.
    pub status: u16,
}

type Result<T> = std::result::Result<T, BrowserError>;

impl Browser {
    /// A new window (no cookies) on the workspace `ws` of the simulator at `origin`
    /// (`http://HOST:PORT`).
    pub fn new(origin: &str, ws: &str) -> Browser {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        Browser {
            client: reqwest::Client::builder()
                .cookie_store(true)
                .default_headers(headers)
                .build()
                .expect("an HTTP client with a cookie store"),
            origin: origin.trim_end_matches('/').to_string(),
            base: format!("/w/{ws}/"),
            screen: Value::Null,
            status: 0,
        }
    }

    /// A new window on the NSS base URL of a task (`http://HOST:PORT/w/{id}/`).
    pub fn for_nss(nss: &str) -> Result<Browser> {
        let bad = || BrowserError {
            message: format!("「{nss}」 is not an NSS base URL (http://HOST:PORT/w/ID/)"),
            screen: None,
        };
        let (scheme, rest) = nss.split_once("://").ok_or_else(bad)?;
        let (host, path) = rest.split_once('/').ok_or_else(bad)?;
        let ws = path
            .strip_prefix("w/")
            .map(|p| p.trim_end_matches('/'))
            .filter(|w| !w.is_empty() && !w.contains('/'))
            .ok_or_else(bad)?;
        Ok(Browser::new(&format!("{scheme}://{host}"), ws))
    }

    fn error(&self, message: String) -> BrowserError {
        BrowserError {
            message,
            screen: self.screen["title"].as_str().map(str::to_string),
        }
    }

    // -----------------------------------------------------------------------------------------
    // Requests

    /// Opens a path relative to the workspace base.
    pub async fn try_open(&mut self, rel: &str) -> Result<&Value> {
        let url = format!("{}{}{rel}", self.origin, self.base);
        let r = self.client.get(&url).send().await;
        self.take(&url, r).await
    }

    /// Opens a path relative to the workspace base (panics on failure).
    pub async fn open(&mut self, rel: &str) -> &Value {
        must(self.try_open(rel).await)
    }

    /// Follows the link printed `label` on the current screen.
    pub async fn try_follow(&mut self, label: &str) -> Result<&Value> {
        let href = self
            .link(label)
            .ok_or_else(|| self.error(format!("「{}」 has no link 「{label}」", self.title())))?;
        let url = if href.starts_with("http://") || href.starts_with("https://") {
            href
        } else if href.starts_with('/') {
            format!("{}{href}", self.origin)
        } else {
            format!("{}{}{href}", self.origin, self.base)
        };
        let r = self.client.get(&url).send().await;
        self.take(&url, r).await
    }

    /// Posts raw pairs to an absolute path (for stale-form and hand-made requests).
    pub async fn try_post(&mut self, action: &str, pairs: &[(String, String)]) -> Result<&Value> {
        let url = format!("{}{action}", self.origin);
        let r = self.client.post(&url).form(pairs).send().await;
        self.take(&url, r).await
    }

    /// Posts raw pairs to an absolute path (panics on failure).
    pub async fn post(&mut self, action: &str, pairs: &[(String, String)]) -> &Value {
        must(self.try_post(action, pairs).await)
    }

    /// Submits the current screen's form with `pairs` (the button's pair included) and `files`,
    /// as multipart when the form says so.
    pub async fn try_submit(
        &mut self,
        pairs: Vec<(String, String)>,
        files: Vec<Upload>,
    ) -> Result<&Value> {
        let form = self.form()?.clone();
        let action = form["action"].as_str().unwrap_or("");
        let url = format!("{}{action}", self.origin);
        let multipart = form["enctype"] == "multipart/form-data" || !files.is_empty();
        let request = if multipart {
            let mut parts = reqwest::multipart::Form::new();
            for (k, v) in pairs {
                parts = parts.text(k, v);
            }
            for f in files {
                let part = reqwest::multipart::Part::bytes(f.bytes).file_name(f.file_name);
                parts = parts.part(f.field, part);
            }
            self.client.post(&url).multipart(parts)
        } else {
            self.client.post(&url).form(&pairs)
        };
        let r = request.send().await;
        self.take(&url, r).await
    }

    async fn take(&mut self, url: &str, r: reqwest::Result<reqwest::Response>) -> Result<&Value> {
        let r = r.map_err(|e| self.error(format!("{url}: {e}")))?;
        self.status = r.status().as_u16();
        let text = r
            .text()
            .await
            .map_err(|e| self.error(format!("{url}: {e}")))?;
        self.screen = serde_json::from_str(&text).map_err(|e| BrowserError {
            message: format!(
                "{url} answered {} with no screen ({e}): {text:.200}",
                self.status
            ),
            screen: None,
        })?;
        Ok(&self.screen)
    }

    /// Presses the button printed `button` after filling `values` (label → value, the label
    /// optionally `section / label`). Radios and selects take an option label; check boxes take
    /// option labels joined by 「、」 ("" unchecks).
    pub async fn try_press(&mut self, button: &str, values: &[(&str, &str)]) -> Result<&Value> {
        let mut pairs = current_values(self.form()?);
        for (label, value) in values {
            let f = self.field(label).ok_or_else(|| {
                self.error(format!(
                    "「{}」 has no field 「{label}」; fields: {:?}",
                    self.title(),
                    labels(&self.screen["forms"][0])
                ))
            })?;
            let chosen: Vec<String> = match f["type"].as_str() {
                Some("radio") | Some("select") => vec![self.option(&f, value)?],
                Some("checkbox") => {
                    // A whole option label first (labels may contain 「、」), else a list.
                    let parts: Vec<&str> = if option_value(&f, value).is_some() {
                        vec![value]
                    } else {
                        value.split('、').filter(|p| !p.is_empty()).collect()
                    };
                    parts
                        .into_iter()
                        .map(|p| self.option(&f, p))
                        .collect::<Result<_>>()?
                }
                _ => vec![value.to_string()],
            };
            set_field(&mut pairs, &f, chosen);
        }
        pairs.push(self.button_pair(button)?);
        self.try_submit(pairs, Vec::new()).await
    }

    /// Presses a button after filling values (panics on failure).
    pub async fn press(&mut self, button: &str, values: &[(&str, &str)]) -> &Value {
        must(self.try_press(button, values).await)
    }

    /// The value of the option printed `label` of a choice field.
    pub fn option(&self, field: &Value, label: &str) -> Result<String> {
        option_value(field, label).ok_or_else(|| {
            let printed: Vec<&str> = field["options"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|o| o["label"].as_str())
                .collect();
            self.error(format!(
                "「{}」 has no option 「{label}」 (options: {})",
                field["label"].as_str().unwrap_or(""),
                printed.join("、")
            ))
        })
    }

    /// The (name, value) pair the button printed `label` sends.
    pub fn button_pair(&self, label: &str) -> Result<(String, String)> {
        let b = self
            .button(label)
            .ok_or_else(|| self.error(format!("「{}」 has no button 「{label}」", self.title())))?;
        Ok((
            b["name"].as_str().unwrap_or("op").to_string(),
            b["value"].as_str().unwrap_or("").to_string(),
        ))
    }

    /// The pairs the current form would send as it stands, plus a button (for replaying a
    /// stale form).
    pub fn snapshot_form(&self, button_value: &str) -> (String, Vec<(String, String)>) {
        let form = &self.screen["forms"][0];
        let mut pairs = current_values(form);
        pairs.push(("op".to_string(), button_value.to_string()));
        (form["action"].as_str().unwrap_or("").to_string(), pairs)
    }

    // -----------------------------------------------------------------------------------------
    // Reading the screen

    /// The screen id (`new_application.office`).
    pub fn id(&self) -> &str {
        self.screen["screen"].as_str().unwrap_or("")
    }

    /// The title as printed.
    pub fn title(&self) -> &str {
        self.screen["title"].as_str().unwrap_or("")
    }

    fn strings(&self, key: &str) -> Vec<String> {
        self.screen[key]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The screen's error messages, in order.
    pub fn errors(&self) -> Vec<String> {
        self.strings("errors")
    }

    /// The screen's notices (「パスワードを変更しました。」).
    pub fn notices(&self) -> Vec<String> {
        self.strings("notices")
    }

    /// The screen's texts (intro, paragraphs, messages), one per element.
    pub fn texts(&self) -> Vec<String> {
        self.strings("texts")
    }

    /// Every text of the screen joined by line breaks.
    pub fn text(&self) -> String {
        self.texts().join("\n")
    }

    /// The screen's form.
    pub fn form(&self) -> Result<&Value> {
        let form = &self.screen["forms"][0];
        if form.is_object() {
            Ok(form)
        } else {
            Err(self.error(format!("「{}」 has no form", self.title())))
        }
    }

    /// All fields of the screen's form.
    pub fn fields(&self) -> Vec<Value> {
        self.screen["forms"][0]["fields"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// The field printed with `label` (full label, e.g. 「氏名 姓」), optionally preceded by its
    /// section: `契約者に関する項目 / 氏名 姓`.
    pub fn field(&self, label: &str) -> Option<Value> {
        let (section, label) = match label.split_once(" / ") {
            Some((s, l)) => (Some(s), l),
            None => (None, label),
        };
        self.fields().into_iter().find(|f| {
            f["label"] == label && section.is_none_or(|s| f["section"].as_str() == Some(s))
        })
    }

    /// The field printed `label` under exactly the heading `section` (`None`: under none).
    pub fn field_in(&self, section: Option<&str>, label: &str) -> Option<Value> {
        self.fields()
            .into_iter()
            .find(|f| f["label"] == label && f["section"].as_str() == section)
    }

    /// The buttons of the form printed `label`.
    pub fn buttons(&self, label: &str) -> Vec<Value> {
        self.screen["forms"][0]["buttons"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|b| b["label"] == label)
            .cloned()
            .collect()
    }

    /// The first button printed `label`.
    pub fn button(&self, label: &str) -> Option<Value> {
        self.buttons(label).into_iter().next()
    }

    /// The labels of every button of the form.
    pub fn button_labels(&self) -> Vec<String> {
        self.screen["forms"][0]["buttons"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|b| b["label"].as_str().map(str::to_string))
            .collect()
    }

    /// The target of the link printed `label`.
    pub fn link(&self, label: &str) -> Option<String> {
        self.screen["links"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|l| l["label"] == label)
            .and_then(|l| l["href"].as_str().map(str::to_string))
    }

    /// The table with this caption.
    pub fn table(&self, caption: &str) -> Option<Value> {
        self.screen["tables"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|t| t["caption"] == caption)
            .cloned()
    }

    /// The rows of the table with this caption, as text cells (none when there is no table).
    pub fn rows(&self, caption: &str) -> Vec<Vec<String>> {
        self.table(caption).map(|t| rows(&t)).unwrap_or_default()
    }

    /// The rows of a table as objects keyed by its column headings, leaving out the columns
    /// named in `skip` (button columns such as 「操作」).
    pub fn records(&self, caption: &str, skip: &[&str]) -> Vec<serde_json::Map<String, Value>> {
        let Some(t) = self.table(caption) else {
            return Vec::new();
        };
        let columns: Vec<String> = t["columns"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|c| c.as_str().unwrap_or("").to_string())
            .collect();
        rows(&t)
            .into_iter()
            .map(|row| {
                columns
                    .iter()
                    .zip(row)
                    .filter(|(c, _)| !skip.contains(&c.as_str()))
                    .map(|(c, cell)| (c.clone(), Value::String(cell)))
                    .collect()
            })
            .collect()
    }

    /// A two-column 項目 table (項目 | 申込情報 or 内容) as 項目 → value.
    pub fn items(&self, caption: &str) -> serde_json::Map<String, Value> {
        self.rows(caption)
            .into_iter()
            .filter(|r| r.len() >= 2)
            .map(|r| (r[0].clone(), Value::String(r[1].clone())))
            .collect()
    }

    /// `id 「title」` for messages.
    pub fn described(&self) -> String {
        format!("{} 「{}」", self.id(), self.title())
    }
}

fn must<T>(r: Result<T>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

/// The rows of a table document as text cells.
pub fn rows(table: &Value) -> Vec<Vec<String>> {
    table["rows"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| {
            r.as_array()
                .into_iter()
                .flatten()
                .map(|c| c.as_str().unwrap_or("").to_string())
                .collect()
        })
        .collect()
}

fn labels(form: &Value) -> Vec<String> {
    form["fields"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| {
                    format!(
                        "{} / {}",
                        f["section"].as_str().unwrap_or(""),
                        f["label"].as_str().unwrap_or("")
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The value of the option printed `wanted` (or whose value is `wanted`).
fn option_value(f: &Value, wanted: &str) -> Option<String> {
    f["options"]
        .as_array()?
        .iter()
        .find(|o| o["label"] == wanted || o["value"] == wanted)
        .and_then(|o| o["value"].as_str().map(str::to_string))
}

/// `pairs` with the field's previous values replaced by `values` (form values already).
pub fn set_field(pairs: &mut Vec<(String, String)>, field: &Value, values: Vec<String>) {
    let name = field["name"].as_str().unwrap_or("").to_string();
    pairs.retain(|(k, _)| *k != name);
    pairs.extend(values.into_iter().map(|v| (name.clone(), v)));
}

/// What a browser would send for the form as rendered: text values, selected options and
/// hidden fields (the flow token among them); file inputs send nothing.
pub fn current_values(form: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for f in form["fields"].as_array().into_iter().flatten() {
        let name = f["name"].as_str().unwrap_or("").to_string();
        match f["type"].as_str() {
            Some("radio") | Some("checkbox") | Some("select") => {
                for o in f["options"].as_array().into_iter().flatten() {
                    if o["selected"] == true {
                        out.push((name.clone(), o["value"].as_str().unwrap_or("").to_string()));
                    }
                }
            }
            Some("file") => {}
            _ => out.push((name, f["value"].as_str().unwrap_or("").to_string())),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_task_base_url_gives_the_origin_and_the_workspace() {
        let b = Browser::for_nss("http://127.0.0.1:8080/w/k1/").unwrap();
        assert_eq!(b.origin, "http://127.0.0.1:8080");
        assert_eq!(b.base, "/w/k1/");
        for bad in [
            "127.0.0.1/w/k1/",
            "http://h/x/k1/",
            "http://h/w//",
            "http://h/w/a/b/",
        ] {
            assert!(Browser::for_nss(bad).is_err(), "{bad}");
        }
    }
}
