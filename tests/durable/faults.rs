//! A store that cannot be used is refused at start with its reason — a newer version, a damaged
//! file, another program's database, a directory or file another process holds — and nothing is
//! changed in it; a workspace whose row does not read back answers an error, the others work; a
//! change that cannot be committed is never acknowledged, and the workspace goes back to what
//! was stored.

use crate::client::{self, Nss};
use crate::support::{durable, local};
use nss_simulator::Settings;
use nss_simulator::store::{SqliteStore, Store, StoreError, SyncMode, schema};
use serde_json::Value;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;

fn db(dir: &Path) -> std::path::PathBuf {
    dir.join(schema::FILE_NAME)
}

fn open(dir: &Path) -> Result<SqliteStore, StoreError> {
    SqliteStore::open(dir, SyncMode::Normal)
}

/// A store with one workspace, closed.
fn stored(dir: &Path) {
    let store = open(dir).unwrap();
    let spec = nss_simulator::workspace::WorkspaceSpec {
        seed: 1,
        now: None,
        fixture: None,
    };
    store
        .create(nss_simulator::workspace::Workspace::new("w", spec))
        .unwrap();
}

#[test]
fn a_newer_version_is_refused_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    stored(dir.path());
    rusqlite::Connection::open(db(dir.path()))
        .unwrap()
        .execute_batch("PRAGMA user_version = 99;")
        .unwrap();
    let bytes = std::fs::read(db(dir.path())).unwrap();
    match open(dir.path()) {
        Err(StoreError::UnsupportedVersion {
            found: 99,
            supported,
        }) => {
            assert_eq!(supported, schema::VERSION)
        }
        Err(e) => panic!("refused for another reason: {e}"),
        Ok(_) => panic!("a newer file was opened"),
    }
    assert_eq!(
        std::fs::read(db(dir.path())).unwrap(),
        bytes,
        "nothing changed"
    );
}

#[test]
fn a_damaged_file_or_another_programs_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(db(dir.path()), vec![0x5a; 8192]).unwrap();
    assert!(matches!(
        open(dir.path()),
        Err(StoreError::Corrupt { id: None, .. })
    ));
    assert_eq!(std::fs::read(db(dir.path())).unwrap(), vec![0x5a; 8192]);

    let other = tempfile::tempdir().unwrap();
    rusqlite::Connection::open(db(other.path()))
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    match open(other.path()) {
        Err(StoreError::Corrupt { detail, .. }) => assert!(detail.contains("another program")),
        Err(e) => panic!("refused for another reason: {e}"),
        Ok(_) => panic!("another program's database was opened"),
    }

    // A file cut short: SQLite's structure check finds it at start.
    let cut = tempfile::tempdir().unwrap();
    {
        let store = open(cut.path()).unwrap();
        for i in 0..200 {
            let spec = nss_simulator::workspace::WorkspaceSpec {
                seed: i,
                now: None,
                fixture: Some("approved".into()),
            };
            let ws = nss_simulator::fixtures::fresh(&format!("w{i}"), spec, "http://x/");
            store.create(ws).unwrap();
        }
    }
    let full = std::fs::read(db(cut.path())).unwrap();
    std::fs::write(db(cut.path()), &full[..full.len() / 2]).unwrap();
    assert!(
        matches!(open(cut.path()), Err(StoreError::Corrupt { .. })),
        "a truncated file is refused"
    );

    // A change log that is not one (another header), and an older generation damaged in the
    // middle (only the newest can be cut short by a crash): refused, and left as they are.
    let logs = tempfile::tempdir().unwrap();
    stored(logs.path());
    let name = |g: u64| logs.path().join(format!("changes.{g:020}.log"));
    std::fs::write(name(90), b"NOTALOG!\x5a\x00\x00\x00\x00\x00\x00\x00").unwrap();
    match open(logs.path()) {
        Err(StoreError::Corrupt { detail, .. }) => assert!(detail.contains("header"), "{detail}"),
        Err(e) => panic!("refused for another reason: {e}"),
        Ok(_) => panic!("a foreign change log was read"),
    }
    let mut older = b"NSSCLOG1".to_vec();
    older.extend_from_slice(&90u64.to_le_bytes());
    older.extend_from_slice(&[5, 0, 0, 0, 1, 2, 3, 4, 9, 9, 9, 9, 9]);
    std::fs::write(name(90), &older).unwrap();
    let mut newest = b"NSSCLOG1".to_vec();
    newest.extend_from_slice(&91u64.to_le_bytes());
    std::fs::write(name(91), &newest).unwrap();
    match open(logs.path()) {
        Err(StoreError::Corrupt { detail, .. }) => assert!(detail.contains("damaged"), "{detail}"),
        Err(e) => panic!("refused for another reason: {e}"),
        Ok(_) => panic!("a damaged change log was read"),
    }
    assert_eq!(std::fs::read(name(90)).unwrap(), older);
    // The same bytes as the newest generation: a record cut short by a crash, dropped.
    std::fs::remove_file(name(91)).unwrap();
    assert_eq!(open(logs.path()).unwrap().ids().unwrap(), ["w"]);
    assert!(!name(90).exists(), "folded and removed");
}

#[test]
fn a_directory_in_use_is_refused_until_it_is_free() {
    let dir = tempfile::tempdir().unwrap();
    let first = open(dir.path()).unwrap();
    assert!(matches!(open(dir.path()), Err(StoreError::Locked(_))));
    drop(first);
    let again = open(dir.path()).unwrap();
    drop(again);
    // Another program in the middle of a write to the file.
    let other = rusqlite::Connection::open(db(dir.path())).unwrap();
    other.execute_batch("BEGIN IMMEDIATE;").unwrap();
    assert!(matches!(open(dir.path()), Err(StoreError::Locked(_))));
    other.execute_batch("ROLLBACK;").unwrap();
    open(dir.path()).unwrap();
}

#[test]
fn a_workspace_that_does_not_read_back_answers_an_error_and_the_others_work() {
    let dir = tempfile::tempdir().unwrap();
    stored(dir.path());
    {
        let store = open(dir.path()).unwrap();
        let spec = nss_simulator::workspace::WorkspaceSpec {
            seed: 2,
            now: None,
            fixture: None,
        };
        store
            .create(nss_simulator::workspace::Workspace::new("bad", spec))
            .unwrap();
    }
    rusqlite::Connection::open(db(dir.path()))
        .unwrap()
        .execute(
            "UPDATE workspaces SET state = '{\"not\": 1' WHERE id = 'bad'",
            [],
        )
        .unwrap();
    let store = open(dir.path()).unwrap();
    assert!(matches!(
        store.with("bad", &mut |_| {}),
        Err(StoreError::Corrupt { id: Some(id), .. }) if id == "bad"
    ));
    store.with("w", &mut |_| {}).unwrap();
    store.delete("bad").unwrap();
    store.flush().unwrap();
    drop(store);
    assert_eq!(open(dir.path()).unwrap().ids().unwrap(), ["w"]);
}

/// A store of `dir` shared with an app state over it (the test keeps the store's own handle).
fn durable_with_store(dir: &Path) -> (Arc<SqliteStore>, Arc<nss_simulator::state::AppState>) {
    let store = Arc::new(open(dir).unwrap());
    let st = nss_simulator::open_state_with(
        Arc::clone(&store) as Arc<dyn Store>,
        0,
        crate::support::PUBLIC_BASE,
        Settings::default(),
    )
    .unwrap();
    (store, st)
}

/// A durable store in `dir` with one workspace whose temporary account is registered (P1):
/// the store's handle, the app state, its transport, the workspace's id and the browser.
async fn after_p1(
    dir: &Path,
) -> (
    Arc<SqliteStore>,
    Arc<nss_simulator::state::AppState>,
    crate::client::Transport,
    String,
    Nss,
) {
    let (store, st) = durable_with_store(dir);
    let t = local(&st);
    let ws = t.workspace(client::new_workspace(1)).await.unwrap();
    let mut b = Nss::new(&t, &ws);
    client::temp_account(&mut b, 1).await.unwrap();
    (store, st, t, ws, b)
}

async fn journal(t: &crate::client::Transport, ws: &str) -> Value {
    t.api("GET", &format!("workspaces/{ws}/journal"), Value::Null)
        .await
        .unwrap()
        .json()
        .unwrap()
}

#[tokio::test]
async fn a_change_that_is_not_stored_is_not_acknowledged_and_is_taken_back() {
    let dir = tempfile::tempdir().unwrap();
    let (store, st, t, ws, mut b) = after_p1(dir.path()).await;
    let before = journal(&t, &ws).await;
    // The change log refuses the next two appends, as a full disk would.
    store.fail_appends(2);
    for json in [true, false] {
        let headers: Vec<(&str, String)> = if json {
            vec![("accept", "application/json".into())]
        } else {
            vec![]
        };
        let a = t
            .send("GET", &format!("/w/{ws}/poison"), &headers, Vec::new())
            .await
            .unwrap();
        assert_eq!(a.status, 500, "an unstored change is not answered as done");
        assert!(
            a.text().contains("システムでエラーが発生したため"),
            "{}",
            a.text()
        );
    }
    // Read back from what is stored: the failed requests left nothing, later ones work.
    assert_eq!(journal(&t, &ws).await, before);
    b.open("login/nsscoapp/").await.unwrap();
    assert_eq!(b.status, 200);
    let after = journal(&t, &ws).await;
    assert_eq!(
        after.as_array().unwrap().len(),
        before.as_array().unwrap().len() + 1
    );
    drop((b, t, st));
    drop(Arc::into_inner(store).expect("the only handle left"));
    let st = durable(dir.path(), Settings::default());
    assert_eq!(
        journal(&local(&st), &ws).await,
        after,
        "and so after a restart"
    );
}

/// An injected failure: SQLite refuses journal rows of paths with `poison` in them.
const POISON: &str = "CREATE TRIGGER poison BEFORE INSERT ON journal
    WHEN NEW.entry LIKE '%poison%' BEGIN SELECT RAISE(ABORT, 'injected failure'); END;";

#[tokio::test]
async fn a_change_the_tables_refuse_is_kept_in_the_change_log_until_they_take_it() {
    let dir = tempfile::tempdir().unwrap();
    let (store, st) = durable_with_store(dir.path());
    let t = local(&st);
    let ws = t.workspace(client::new_workspace(1)).await.unwrap();
    store.flush().unwrap();
    rusqlite::Connection::open(db(dir.path()))
        .unwrap()
        .execute_batch(POISON)
        .unwrap();
    // Logged, so answered: the fold into the tables comes later and fails.
    let a = t
        .send("GET", &format!("/w/{ws}/poison"), &[], Vec::new())
        .await
        .unwrap();
    assert_eq!(a.status, 404, "{}", a.text());
    let logged = journal(&t, &ws).await;
    assert!(logged.to_string().contains("poison"));
    let refused = store.flush().expect_err("the tables refuse the fold");
    assert!(
        refused.to_string().contains("injected failure"),
        "{refused}"
    );
    // Still served from memory, and still in the change log: once the tables take it, it is
    // there, and after a restart too.
    t.send("GET", &format!("/w/{ws}/apply/"), &[], Vec::new())
        .await
        .unwrap();
    rusqlite::Connection::open(db(dir.path()))
        .unwrap()
        .execute_batch("DROP TRIGGER poison;")
        .unwrap();
    store.flush().unwrap();
    let kept = journal(&t, &ws).await;
    assert_eq!(kept.as_array().unwrap().len(), 2);
    drop((t, st));
    drop(Arc::into_inner(store).expect("the only handle left"));
    let st = durable(dir.path(), Settings::default());
    assert_eq!(journal(&local(&st), &ws).await, kept);
}

/// A store killed between two folds (its change log left behind, as SIGKILL leaves it) comes
/// back with every change; the log is folded at start and removed.
#[tokio::test]
async fn the_change_log_a_killed_store_left_is_folded_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let (store, st, t, ws, b) = after_p1(dir.path()).await;
    let before = crate::support::view(&t, &ws).await;
    drop(b);
    // What the process would leave if killed now: the database and the change log as they
    // are (copied while the store is open; the log was appended before every answer).
    let copy = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        if name.starts_with("changes.") || name.starts_with(schema::FILE_NAME) {
            std::fs::copy(entry.path(), copy.path().join(&name)).unwrap();
        }
    }
    assert!(
        std::fs::read_dir(copy.path()).unwrap().any(|e| e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with("changes.")),
        "a change log was left"
    );
    drop((t, st, store));
    let st = durable(copy.path(), Settings::default());
    assert_eq!(crate::support::view(&local(&st), &ws).await, before);
    let logs: Vec<String> = std::fs::read_dir(copy.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("changes."))
        .collect();
    assert_eq!(logs.len(), 1, "only the new generation: {logs:?}");
}

fn simulator() -> Command {
    Command::new(env!("CARGO_BIN_EXE_nss-simulator"))
}

#[test]
fn the_simulator_says_why_it_does_not_start_and_never_panics() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        db(dir.path()),
        b"not a database at all, but long enough to be read",
    )
    .unwrap();
    let out = simulator()
        .args(["--listen", "127.0.0.1:0", "--data"])
        .arg(dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("cannot open the workspaces"), "{err}");
    assert!(err.contains("another --data directory"), "{err}");
    assert!(!err.contains("panicked"), "{err}");

    let out = simulator()
        .args(["--listen", "0.0.0.0:0", "--ephemeral"])
        .env_remove("NSS_SIM_API_TOKEN")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("--api-token"), "{err}");
}
