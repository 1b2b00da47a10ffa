//! The database file: opening it, recognising it, its schema version and the migrations.
//!
//! The layout is versioned with SQLite's `user_version`; the file is marked as the simulator's
//! with `application_id`, so that another SQLite file given by mistake is refused instead of
//! being written into. A file of a newer version, a file that is not a database or is damaged,
//! and a file another process holds are each refused with their own [`StoreError`]; nothing is
//! ever reset silently.
//!
//! What is stored of a workspace is JSON (the durable aggregate, each mail, each journal entry,
//! each session): a field added with a serde default to any of them needs no migration. A
//! migration is needed only when the tables change or when a stored shape changes in a way a
//! serde default cannot bridge; each one is a step from version n to n + 1 in [`MIGRATIONS`],
//! run in one transaction at start, and tested from a file written by version 1
//! (`tests/durable/migration.rs`).

use super::sql_error;
use crate::store::StoreError;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::path::Path;
use std::time::Duration;

/// The layout this simulator writes.
pub const VERSION: u32 = 2;

/// `PRAGMA application_id` of the simulator's files ("NSS1" in ASCII).
const APPLICATION_ID: i32 = 0x4E53_5331;

/// The tables of version 1. Workspaces have an integer key, so that the logs' rows are short
/// and a workspace's rows are one range of each table's primary key.
const V1: &str = "
CREATE TABLE workspaces (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL
) STRICT;
CREATE TABLE mails (
    ws INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    mail TEXT NOT NULL,
    PRIMARY KEY (ws, seq)
) STRICT, WITHOUT ROWID;
CREATE TABLE journal (
    ws INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    entry TEXT NOT NULL,
    PRIMARY KEY (ws, seq)
) STRICT, WITHOUT ROWID;
CREATE TABLE sessions (
    ws INTEGER NOT NULL,
    token TEXT NOT NULL,
    session TEXT NOT NULL,
    PRIMARY KEY (ws, token)
) STRICT, WITHOUT ROWID;
";

/// Migrations: `MIGRATIONS[i]` takes a file from version i + 1 to i + 2. A fresh file is created
/// as version 1 and brought up by the same steps, so that every file has gone through them.
const MIGRATIONS: &[fn(&rusqlite::Transaction) -> rusqlite::Result<()>] = &[v1_to_v2];

/// Version 2: the parts of a workspace's aggregate that are written apart from it (its
/// offices: most of the aggregate once the customers are seeded, and changing least; its token
/// stream: moved by nearly every request) in a table of their own, taken out of each stored
/// aggregate; and `meta`, the store's own values (how far the change log was folded into the
/// tables, see `changelog`).
fn v1_to_v2(tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        "
CREATE TABLE parts (
    ws INTEGER NOT NULL,
    name TEXT NOT NULL,
    json TEXT NOT NULL,
    UNIQUE (ws, name)
) STRICT;
INSERT INTO parts (ws, name, json)
    SELECT key, 'offices', json_extract(state, '$.offices') FROM workspaces
    WHERE json_type(state, '$.offices') = 'object';
INSERT INTO parts (ws, name, json)
    SELECT key, 'token_rng', json_extract(state, '$.token_rng') FROM workspaces
    WHERE json_type(state, '$.token_rng') IS NOT NULL;
UPDATE workspaces SET state = json_remove(state, '$.offices', '$.token_rng');
CREATE TABLE meta (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) STRICT;
",
    )
}

/// How hard a stored change tries to survive more than a crash of the process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SyncMode {
    /// A stored request is in the operating system's hands (its change log record, and later the
    /// tables' write-ahead log, are written, not flushed): it survives the simulator being
    /// killed, not a power cut.
    #[default]
    Normal,
    /// Every change is flushed to the disk as well (`fdatasync` of the change log before the
    /// answer, `synchronous = FULL` for the tables): it survives a power cut too.
    Full,
}

/// The name of the database file inside the data directory.
pub const FILE_NAME: &str = "workspaces.sqlite3";

/// Opens (creating it if need be) the database in `dir`, checks what it is and brings it to
/// [`VERSION`].
pub fn open(dir: &Path, sync: SyncMode) -> Result<Connection, StoreError> {
    let path = dir.join(FILE_NAME);
    let conn = Connection::open_with_flags(
        &path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| described(&path, e))?;
    // Another process in the middle of a write: wait a little, then say it is locked.
    conn.busy_timeout(Duration::from_secs(2))
        .map_err(|e| described(&path, e))?;
    let (app_id, version) = identity(&conn).map_err(|e| described(&path, e))?;
    let fresh = app_id == 0 && version == 0 && table_count(&conn)? == 0;
    if !fresh && app_id != APPLICATION_ID {
        return Err(StoreError::Corrupt {
            id: None,
            detail: format!(
                "{} is an SQLite database of another program (application_id {app_id:#x}), not the simulator's",
                path.display()
            ),
        });
    }
    if version > VERSION {
        return Err(StoreError::UnsupportedVersion {
            found: version,
            supported: VERSION,
        });
    }
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .map_err(|e| described(&path, e))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Backend(format!(
            "{}: the write-ahead log could not be turned on (journal mode {mode})",
            path.display()
        )));
    }
    let synchronous = match sync {
        SyncMode::Normal => "NORMAL",
        SyncMode::Full => "FULL",
    };
    conn.execute_batch(&format!("PRAGMA synchronous = {synchronous};"))
        .map_err(|e| described(&path, e))?;
    if !fresh {
        check_integrity(&conn, &path)?;
    }
    upgrade(conn, fresh, version, &path)
}

/// Creates the tables of a fresh file, or runs the migrations from `version`; one transaction,
/// taken at once (a file another process writes is `Locked` here, at start).
fn upgrade(
    mut conn: Connection,
    fresh: bool,
    version: u32,
    path: &Path,
) -> Result<Connection, StoreError> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| described(path, e))?;
    if fresh {
        tx.execute_batch(V1).map_err(|e| described(path, e))?;
        tx.execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID};"))
            .map_err(|e| described(path, e))?;
        set_version(&tx, 1).map_err(|e| described(path, e))?;
    }
    let mut at = if fresh { 1 } else { version.max(1) };
    while at < VERSION {
        let step = MIGRATIONS[(at - 1) as usize];
        step(&tx).map_err(|e| StoreError::Backend(format!("migration {at} → {}: {e}", at + 1)))?;
        at += 1;
        set_version(&tx, at).map_err(|e| described(path, e))?;
    }
    tx.commit().map_err(|e| described(path, e))?;
    Ok(conn)
}

fn set_version(tx: &rusqlite::Transaction, v: u32) -> rusqlite::Result<()> {
    tx.execute_batch(&format!("PRAGMA user_version = {v};"))
}

fn identity(conn: &Connection) -> rusqlite::Result<(i32, u32)> {
    let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let version: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    Ok((app_id, version))
}

fn table_count(conn: &Connection) -> Result<i64, StoreError> {
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .map_err(sql_error)
}

/// SQLite's own quick check of the file's structure: a damaged file is refused at start, not
/// discovered by a request later.
fn check_integrity(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let mut stmt = conn
        .prepare("PRAGMA quick_check(5)")
        .map_err(|e| described(path, e))?;
    let problems: Vec<String> = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .map_err(|e| described(path, e))?
        .collect::<Result<_, _>>()
        .map_err(|e| described(path, e))?;
    if problems.len() == 1 && problems[0] == "ok" {
        Ok(())
    } else {
        Err(StoreError::Corrupt {
            id: None,
            detail: format!("{}: {}", path.display(), problems.join("; ")),
        })
    }
}

/// An SQLite error at start, with the file it is about.
fn described(path: &Path, e: rusqlite::Error) -> StoreError {
    match sql_error(e) {
        StoreError::Corrupt { id, detail } => StoreError::Corrupt {
            id,
            detail: format!("{}: {detail}", path.display()),
        },
        StoreError::Locked(m) => StoreError::Locked(format!("{}: {m}", path.display())),
        StoreError::Io(e) => StoreError::Io(std::io::Error::new(
            e.kind(),
            format!("{}: {e}", path.display()),
        )),
        StoreError::Backend(m) => StoreError::Backend(format!("{}: {m}", path.display())),
        other => other,
    }
}
