//! Filling a screen from a screen object of the task input (docs/kit.md, "Inputs"): a nested
//! object is a section heading, anything else a field printed under no heading; values by the
//! field's type; files attached with the screen's 「…を添付する」 button.

use super::client::{Client, Stop};
use crate::kit::browser::{Browser, Upload, current_values, set_field};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_json::{Map, Value};

/// The key of a screen object (or a 利用者コード object) naming the button to press where the
/// screen offers a choice of buttons (docs/kit.md, "Buttons that are choices").
pub const BUTTON_KEY: &str = "ボタン";

/// (section, label, value) for every field of a screen object.
pub fn entries(values: &Map<String, Value>) -> Vec<(Option<&str>, &str, &Value)> {
    let mut out = Vec::new();
    for (key, value) in values {
        if key == BUTTON_KEY {
            continue;
        }
        match value {
            Value::Object(section) => out.extend(
                section
                    .iter()
                    .map(|(l, v)| (Some(key.as_str()), l.as_str(), v)),
            ),
            _ => out.push((None, key.as_str(), value)),
        }
    }
    out
}

/// The pairs the current form sends with `values` set the way a person sets them.
pub fn pairs(b: &Browser, values: &Map<String, Value>) -> Result<Vec<(String, String)>, Stop> {
    let mut pairs = current_values(b.form()?);
    for (section, label, value) in entries(values) {
        let f = b.field_in(section, label).ok_or_else(|| {
            let at = section.map_or(label.to_string(), |s| format!("{s} / {label}"));
            Stop::Failed {
                reason: format!("「{}」 has no field 「{at}」", b.title()),
                messages: Vec::new(),
                screen: Some(b.title().to_string()),
            }
        })?;
        let chosen = field_values(b, &f, value)?;
        set_field(&mut pairs, &f, chosen);
    }
    Ok(pairs)
}

/// What one field sends for `value` (docs/kit.md, "Values").
fn field_values(b: &Browser, f: &Value, value: &Value) -> Result<Vec<String>, Stop> {
    let label = f["label"].as_str().unwrap_or("");
    let wrong = |wanted: &str| Stop::failed(format!("「{label}」 takes {wanted}, not {value}"));
    match f["type"].as_str() {
        Some("radio" | "select") => {
            let option = value.as_str().ok_or_else(|| wrong("one option label"))?;
            Ok(vec![b.option(f, option)?])
        }
        Some("checkbox") => {
            let options = value
                .as_array()
                .ok_or_else(|| wrong("a list of option labels"))?;
            options
                .iter()
                .map(|o| {
                    let o = o.as_str().ok_or_else(|| wrong("a list of option labels"))?;
                    Ok(b.option(f, o)?)
                })
                .collect()
        }
        Some("file") => Err(Stop::failed(format!(
            "「{label}」 is a file: it is attached with its own button"
        ))),
        _ => Ok(vec![
            value.as_str().ok_or_else(|| wrong("a string"))?.to_string(),
        ]),
    }
}

/// The column of the list of attached files.
const FILES_COLUMN: &str = "添付ファイル名";

/// Makes the files of every file field in `values` the files attached: those listed are removed
/// with their own 「削除」 (not those of another list on the screen, such as the lines of
/// 回線・論理端末 入力), then each file is attached with one press of the 「…を添付する」 button.
/// Returns `values` without the file fields.
pub async fn attach(
    client: &mut Client<'_>,
    values: Map<String, Value>,
) -> Result<Map<String, Value>, Stop> {
    let mut rest = Map::new();
    for (key, value) in values {
        let Value::Object(section) = value else {
            rest.insert(key, value);
            continue;
        };
        let mut kept = Map::new();
        for (label, v) in section {
            let Some(f) = client
                .browser
                .field_in(Some(&key), &label)
                .filter(|f| f["type"] == "file")
            else {
                kept.insert(label, v);
                continue;
            };
            let files = v
                .as_array()
                .ok_or_else(|| Stop::failed(format!("「{label}」 takes a list of files")))?;
            client.clear_list(FILES_COLUMN).await?;
            for doc in files {
                attach_file(client, &f, doc).await?;
            }
        }
        rest.insert(key, Value::Object(kept));
    }
    Ok(rest)
}

async fn attach_file(client: &mut Client<'_>, field: &Value, doc: &Value) -> Result<(), Stop> {
    let label = field["label"].as_str().unwrap_or("");
    let bad = || {
        Stop::failed(format!(
            "「{label}」: a file is {{\"ファイル名\", \"base64\"}}, not {doc}"
        ))
    };
    let name = doc["ファイル名"].as_str().ok_or_else(bad)?;
    let bytes = doc["base64"]
        .as_str()
        .and_then(|b| BASE64.decode(b).ok())
        .ok_or_else(bad)?;
    let button = client
        .browser
        .button_labels()
        .into_iter()
        .find(|l| l.ends_with("添付する"))
        .ok_or_else(|| client.fail("no 「…を添付する」 button"))?;
    let upload = Upload {
        field: field["name"].as_str().unwrap_or("").to_string(),
        file_name: name.to_string(),
        bytes,
    };
    let pairs = current_values(client.browser.form()?);
    client.submit(&button, pairs, vec![upload]).await
}

/// A screen object as `(label, value)` pairs for [`Browser::press`]: labels as
/// `section / label`, check boxes joined by 「、」 (for the screen-level steps, which type
/// the same data field by field).
pub fn screen_pairs(screen: &Value) -> Vec<(String, String)> {
    let Some(values) = screen.as_object() else {
        return Vec::new();
    };
    entries(values)
        .into_iter()
        .filter_map(|(section, label, value)| {
            let label = section.map_or(label.to_string(), |s| format!("{s} / {label}"));
            let value = match value {
                Value::String(s) => s.clone(),
                Value::Array(a) if a.iter().all(Value::is_string) => a
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join("、"),
                _ => return None,
            };
            Some((label, value))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_screen_object_reads_as_sections_and_loose_fields() {
        let screen = json!({
            "事業所に関する項目": {"事業所名": "本社"},
            "上記を確認しました。": ["上記を確認しました。"],
            "ボタン": "netNACCSを利用する",
            "添付": {"files": [{"ファイル名": "a"}]}
        });
        let pairs = screen_pairs(&screen);
        assert_eq!(
            pairs,
            [
                (
                    "上記を確認しました。".to_string(),
                    "上記を確認しました。".to_string()
                ),
                (
                    "事業所に関する項目 / 事業所名".to_string(),
                    "本社".to_string()
                ),
            ]
        );
    }
}
