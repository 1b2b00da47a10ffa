//! Migration from the first version of the store: a database file written by version 1 of the
//! layout (`fixtures/v1/workspaces.sqlite3`, made by `write_the_version_1_fixture` with the
//! simulator of the commit that introduced the store) opens with this simulator, is brought to
//! the current version, and holds the workspaces it was written with, working.

use crate::client::{self, Nss};
use crate::support::{durable, local, view};
use nss_simulator::Settings;
use nss_simulator::store::schema;
use serde_json::{Value, json};
use std::path::PathBuf;

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/durable/fixtures/v1")
}

/// Writes the fixture again (only ever with a simulator whose layout is version 1):
/// `cargo test --test durable write_the_version_1_fixture -- --ignored`.
#[tokio::test]
#[ignore]
async fn write_the_version_1_fixture() {
    assert_eq!(schema::VERSION, 1, "the fixture is of version 1");
    let dir = tempfile::tempdir().unwrap();
    {
        let st = durable(dir.path(), Settings::default());
        let t = local(&st);
        t.workspace(json!({"id": "m", "seed": 5, "now": client::NOW}))
            .await
            .unwrap();
        let mut b = Nss::new(&t, "m");
        client::temp_account(&mut b, 1).await.unwrap();
        let mails = t.mails("m").await.unwrap();
        let (id, pw) = client::temp_credentials(&mails[0]).unwrap();
        client::application_to_confirm(&mut b, &id, &pw)
            .await
            .unwrap();
        b.step("申込内容を登録する", &[], "new_application.complete")
            .await
            .unwrap();
        // A second browser left half-way, on the confirm screen of P1.
        let mut half = Nss::new(&t, "m");
        half.open("apply/").await.unwrap();
        half.step("システム利用規程に同意する", &[], "temp_account.input")
            .await
            .unwrap();
        t.workspace(json!({"id": "fx", "fixture": "approved"}))
            .await
            .unwrap();
        std::fs::write(
            dir.path().join("expected.json"),
            serde_json::to_string_pretty(&json!({
                "m": view(&t, "m").await,
                "fx": view(&t, "fx").await,
                "half_cookie": half.cookie,
            }))
            .unwrap(),
        )
        .unwrap();
    }
    std::fs::create_dir_all(fixture()).unwrap();
    for f in [schema::FILE_NAME, "expected.json"] {
        std::fs::copy(dir.path().join(f), fixture().join(f)).unwrap();
    }
}

/// What the file holds of a workspace, as the API shows it, leaving out what later versions of
/// the simulator may render differently from the same data (the RFC 5322 rendering, the
/// application's derived views).
fn stored(view: &Value) -> Value {
    let apps: Vec<Value> = view["/applications"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|a| {
            json!([
                a["reception_number"],
                a["status"],
                a["kind_code"],
                a["submitted_at"],
                a["filer"]
            ])
        })
        .collect();
    let mails: Vec<Value> = view["/mails"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|m| {
            json!([
                m["id"],
                m["to"],
                m["subject"],
                m["sent_at"],
                m["text"],
                m["message_id"]
            ])
        })
        .collect();
    json!({
        "summary": [view[""]["id"], view[""]["seed"], view[""]["now"], view[""]["clock"]],
        "clock": view["/clock"],
        "mails": mails,
        "journal": view["/journal"],
        "applications": apps,
    })
}

#[tokio::test]
async fn a_version_1_file_opens_migrated_with_its_workspaces() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture().join(schema::FILE_NAME),
        dir.path().join(schema::FILE_NAME),
    )
    .expect("the version 1 fixture");
    let expected: Value =
        serde_json::from_slice(&std::fs::read(fixture().join("expected.json")).unwrap()).unwrap();
    // Version 1 kept each workspace's offices inside its aggregate; version 2 in a table.
    let v1_offices: Value = rusqlite::Connection::open(fixture().join(schema::FILE_NAME))
        .unwrap()
        .query_row(
            "SELECT json_extract(state, '$.offices') FROM workspaces WHERE id = 'fx'",
            [],
            |r| r.get::<_, String>(0),
        )
        .map(|j| serde_json::from_str(&j).unwrap())
        .unwrap();
    assert!(v1_offices.as_object().is_some_and(|o| o.len() > 10));
    let st = durable(dir.path(), Settings::default());
    let t = local(&st);
    let version: u32 = rusqlite::Connection::open(dir.path().join(schema::FILE_NAME))
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, schema::VERSION, "migrated to the current version");
    for ws in ["m", "fx"] {
        assert_eq!(
            stored(&view(&t, ws).await),
            stored(&expected[ws]),
            "workspace {ws}"
        );
    }
    // Every office of the version 1 aggregate, whole, and out of the migrated aggregate.
    let offices = t
        .api("GET", "workspaces/fx/offices", Value::Null)
        .await
        .unwrap()
        .json()
        .unwrap();
    let profiles: serde_json::Map<String, Value> = offices
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["office_code"].as_str().unwrap().to_string(),
                o["profile"].clone(),
            )
        })
        .collect();
    let v1_profiles: serde_json::Map<String, Value> = v1_offices
        .as_object()
        .unwrap()
        .iter()
        .map(|(code, o)| (code.clone(), o["contract"].clone()))
        .collect();
    assert_eq!(profiles, v1_profiles, "the offices of fx");
    let conn = rusqlite::Connection::open(dir.path().join(schema::FILE_NAME)).unwrap();
    let in_aggregate: i64 = conn
        .query_row(
            "SELECT count(*) FROM workspaces WHERE json_type(state, '$.offices') IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(in_aggregate, 0, "no aggregate keeps its offices");
    // The browser left half-way goes on where it stood.
    let mut half = Nss::new(&t, "m");
    half.cookie = expected["half_cookie"].as_str().map(str::to_string);
    half.open("apply/input").await.unwrap();
    assert_eq!(half.id(), "temp_account.input", "{}", half.screen);
    let input = client::temp_input(2);
    let values: Vec<(&str, &str)> = input
        .iter()
        .map(|(l, v)| (l.as_str(), v.as_str()))
        .collect();
    half.step("申込内容確認へ進む", &values, "temp_account.confirm")
        .await
        .unwrap();
}
