//! The field-by-field comparison of a task's input with the stored application (docs/kit.md,
//! "The record"). The simulator API answers the stored application in the input's own shape
//! (`GET …/applications/{n}` → `entered`): the values each input screen shows when re-opened,
//! keyed by screen title, section and label, choices by label, 利用者コード and files as lists
//! (files as `{ファイル名, サイズ}`).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_json::{Value, json};

/// Every leaf of `expected` (a task's input) that `recorded` does not hold, as
/// 「screen / section / label: expected …, recorded …」. Fields the input leaves out are not
/// compared (the record's snapshot covers them). Check boxes compare as sets, lists of objects
/// by position, files by ファイル名 and size.
pub fn compare(expected: &Value, recorded: &Value) -> Vec<String> {
    let mut out = Vec::new();
    walk(expected, Some(recorded), &mut Vec::new(), &mut out);
    out
}

fn walk(expected: &Value, recorded: Option<&Value>, path: &mut Vec<String>, out: &mut Vec<String>) {
    let at = path.join(" / ");
    let Some(recorded) = recorded else {
        out.push(format!(
            "{at}: expected {}, not in the record",
            show(expected)
        ));
        return;
    };
    match (expected, recorded) {
        (Value::Object(e), Value::Object(r)) => {
            for (k, v) in e {
                path.push(k.clone());
                walk(v, r.get(k), path, out);
                path.pop();
            }
        }
        (Value::Array(e), Value::Array(r)) if strings(e) && strings(r) => {
            let (mut e, mut r) = (e.clone(), r.clone());
            e.sort_by_key(Value::to_string);
            r.sort_by_key(Value::to_string);
            if e != r {
                out.push(format!(
                    "{at}: expected {}, recorded {}",
                    show(expected),
                    show(recorded)
                ));
            }
        }
        (Value::Array(e), Value::Array(r)) => {
            if e.len() != r.len() {
                out.push(format!(
                    "{at}: expected {} entries, recorded {}",
                    e.len(),
                    r.len()
                ));
                return;
            }
            let last = path.pop().unwrap_or_default();
            for (i, (ev, rv)) in e.iter().zip(r).enumerate() {
                path.push(format!("{last}[{}]", i + 1));
                let ev = if is_file(ev) {
                    as_recorded(ev)
                } else {
                    ev.clone()
                };
                walk(&ev, Some(rv), path, out);
                path.pop();
            }
            path.push(last);
        }
        (e, r) if e == r => {}
        (e, r) => out.push(format!("{at}: expected {}, recorded {}", show(e), show(r))),
    }
}

fn strings(values: &[Value]) -> bool {
    values.iter().all(Value::is_string)
}

fn is_file(v: &Value) -> bool {
    v.get("base64").is_some()
}

/// An attached file as the record keeps it: its name and size (the NSS keeps no bytes).
fn as_recorded(doc: &Value) -> Value {
    let size = doc["base64"]
        .as_str()
        .and_then(|b| BASE64.decode(b).ok())
        .map_or(-1, |bytes| bytes.len() as i64);
    json!({"ファイル名": doc["ファイル名"], "サイズ": size})
}

/// A value as the manuals quote it: strings in 「」, anything else as JSON.
pub fn show(v: &Value) -> String {
    match v {
        Value::String(s) => format!("「{s}」"),
        Value::Array(a) if strings(a) => {
            let items: Vec<String> = a.iter().map(show).collect();
            format!("[{}]", items.join(", "))
        }
        other => other.to_string(),
    }
}

/// `base` with `changes` laid over it, object by object (the record after a 修正).
pub fn merged(base: &Value, changes: &Value) -> Value {
    match (base, changes) {
        (Value::Object(b), Value::Object(c)) => {
            let mut out = b.clone();
            for (k, v) in c {
                let next = out.get(k).map_or_else(|| v.clone(), |old| merged(old, v));
                out.insert(k.clone(), next);
            }
            Value::Object(out)
        }
        (_, c) => c.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_difference_is_named_by_the_screens_labels() {
        let expected =
            json!({"事業所・企業 入力": {"本社に関する項目": {"所在地": "事業所に同じ"}}});
        let recorded = json!({"事業所・企業 入力": {"本社に関する項目": {"所在地": "その他(下欄に入力してください)"}}});
        assert_eq!(
            compare(&expected, &recorded),
            [
                "事業所・企業 入力 / 本社に関する項目 / 所在地: expected 「事業所に同じ」, recorded 「その他(下欄に入力してください)」"
            ]
        );
        assert!(compare(&expected, &expected).is_empty());
    }

    #[test]
    fn check_boxes_are_sets_lists_are_by_position_and_files_by_name_and_size() {
        let expected = json!({"s": {
            "業種": ["b", "a"],
            "申込情報": [{"x": "1"}, {"x": "2"}],
            "添付": [{"ファイル名": "f.pdf", "base64": "AAEC"}]
        }});
        let recorded = json!({"s": {
            "業種": ["a", "b"],
            "申込情報": [{"x": "1"}, {"x": "3"}],
            "添付": [{"ファイル名": "f.pdf", "サイズ": 3}]
        }});
        assert_eq!(
            compare(&expected, &recorded),
            ["s / 申込情報[2] / x: expected 「2」, recorded 「3」"]
        );
        let missing = compare(&json!({"s": {"FAX番号": "1"}}), &json!({"s": {}}));
        assert_eq!(missing, ["s / FAX番号: expected 「1」, not in the record"]);
        let short = compare(&json!({"l": [{"a": "1"}]}), &json!({"l": []}));
        assert_eq!(short, ["l: expected 1 entries, recorded 0"]);
    }

    #[test]
    fn corrections_lay_over_the_input() {
        let base = json!({"a": {"b": "1", "c": "2"}, "d": "3"});
        let m = merged(&base, &json!({"a": {"b": "9"}}));
        assert_eq!(m, json!({"a": {"b": "9", "c": "2"}, "d": "3"}));
    }
}
