//! The stored application in the conformance kit's input shape (`entered`, docs/kit.md): the
//! kit's copy of manual 000's data must be found in it, leaf by leaf.

use crate::support::TestApp;
use serde_json::{Value, json};

/// Every leaf of `expected` that `recorded` does not hold, as 「path: expected …, recorded …」.
fn differences(expected: &Value, recorded: &Value, path: &str, out: &mut Vec<String>) {
    match (expected, recorded) {
        (Value::Object(e), Value::Object(r)) => {
            for (k, v) in e {
                let p = format!("{path} / {k}");
                match r.get(k) {
                    Some(rv) => differences(v, rv, &p, out),
                    None => out.push(format!("{p}: expected {v}, not in the record")),
                }
            }
        }
        (Value::Array(e), Value::Array(r)) if e.len() == r.len() => {
            for (i, (ev, rv)) in e.iter().zip(r).enumerate() {
                differences(ev, rv, &format!("{path}[{}]", i + 1), out);
            }
        }
        (e, r) if e == r => {}
        (e, r) => out.push(format!("{path}: expected {e}, recorded {r}")),
    }
}

#[tokio::test]
async fn the_registered_application_holds_the_kit_data_of_manual_000() {
    let app = TestApp::spawn().await;
    let (status, _) = app
        .post_api(
            "workspaces",
            json!({"id": "k", "seed": 3, "fixture": "registered"}),
        )
        .await;
    assert_eq!(status, 201);
    let apps = app.get_api("workspaces/k/applications").await;
    let entered = &apps[0]["entered"];
    let kit: Value =
        serde_json::from_str(include_str!("../../fixtures/kit/manual000.json")).unwrap();
    let mut diffs = Vec::new();
    differences(&kit["file_application"], entered, "", &mut diffs);
    assert!(diffs.is_empty(), "{diffs:#?}\nentered: {entered:#}");
    // And it could fail: a value the manual does not give is seen.
    let mut wrong = kit["file_application"].clone();
    wrong["事業所・企業 入力"]["本社に関する項目"]["所在地"] =
        json!("その他(下欄に入力してください)");
    let mut diffs = Vec::new();
    differences(&wrong, entered, "", &mut diffs);
    assert_eq!(
        diffs,
        [
            " / 事業所・企業 入力 / 本社に関する項目 / 所在地: expected \"その他(下欄に入力してください)\", recorded \"事業所に同じ\""
        ]
    );
}
