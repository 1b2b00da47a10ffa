//! The fold: writing the net changes of the change log into the tables, in one transaction,
//! by the thread that owns the database connection.
//!
//! About once a second (sooner when the log grows large, and when asked) the folder takes the
//! net changes from the [`Appender`] (which starts the log's next generation), writes them,
//! records in `meta` that the generation is folded (in the same transaction) and then removes
//! the generation's file. A fold that fails is kept and tried again with the next one: its
//! generation's file stays until it succeeds, so nothing of it is lost, and a restart folds it
//! from the file ([`super::changelog::recover`]).

use super::appender::Appender;
use super::change::{Change, LogChange};
use super::load::{self, Loaded};
use super::pending::{Net, Pending};
use super::{changelog, sql_error};
use crate::store::StoreError;
use rusqlite::{Connection, params};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// How often the net changes are folded.
const FOLD_EVERY: Duration = Duration::from_secs(1);

/// A log this long is folded sooner (bounds the memory the net changes take).
const FOLD_AT_BYTES: u64 = 32 << 20;

/// How often the folder looks at the log's length.
const TICK: Duration = Duration::from_millis(100);

/// What the store asks of the folder (besides folding on its own).
pub enum Request {
    /// Fold, then read workspace `key` back from the tables (after a failed change).
    Reload {
        key: i64,
        reply: Sender<Result<Option<Loaded>, StoreError>>,
    },
    /// Fold, and answer once everything appended before is in the tables.
    Flush(Sender<Result<(), StoreError>>),
}

/// The folder's loop: until the store is gone, fold when due or asked; then a last fold and a
/// checkpoint.
pub fn run(conn: Connection, appender: Arc<Appender>, requests: Receiver<Request>, dir: PathBuf) {
    let mut f = Folder {
        conn,
        appender,
        dir,
        failed: None,
    };
    let mut folded_at = Instant::now();
    loop {
        let request = match requests.recv_timeout(TICK) {
            Ok(r) => Some(r),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => break,
        };
        let due = folded_at.elapsed() >= FOLD_EVERY || f.appender.len() >= FOLD_AT_BYTES;
        if request.is_none() && !due {
            continue;
        }
        let outcome = f.fold();
        folded_at = Instant::now();
        match request {
            None => {}
            Some(Request::Reload { key, reply }) => {
                let _ = reply.send(outcome.and_then(|()| load::one(&f.conn, key)));
            }
            Some(Request::Flush(reply)) => {
                let _ = reply.send(outcome);
            }
        }
    }
    // The store is gone: what was appended goes to the tables (or, if they refuse it, stays
    // in its file for the next start), and the write-ahead log into the database file.
    let _ = f.fold();
    let _ = f.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);");
}

struct Folder {
    conn: Connection,
    appender: Arc<Appender>,
    dir: PathBuf,
    /// A fold the tables refused: its generation and net changes, tried again with the next.
    failed: Option<(u64, Pending)>,
}

impl Folder {
    fn fold(&mut self) -> Result<(), StoreError> {
        let taken = self.appender.take().map_err(|e| {
            tracing::error!(error = %e, "the change log's next generation could not be started");
            StoreError::Io(e)
        })?;
        let (generation, pending) = match (self.failed.take(), taken) {
            (None, None) => return Ok(()),
            (Some(earlier), None) => earlier,
            (None, Some(now)) => now,
            (Some((_, mut earlier)), Some((generation, now))) => {
                earlier.absorb(now);
                (generation, earlier)
            }
        };
        match fold(&mut self.conn, &pending, generation) {
            Ok(()) => {
                changelog::remove_through(&self.dir, generation);
                Ok(())
            }
            Err(e) => {
                tracing::error!(error = %e, generation, workspaces = pending.len(),
                    "the change log could not be folded into the database; it is kept and tried again");
                self.failed = Some((generation, pending));
                Err(e)
            }
        }
    }
}

/// Writes `pending` and records `generation` as folded, as one transaction.
pub fn fold(conn: &mut Connection, pending: &Pending, generation: u64) -> Result<(), StoreError> {
    let tx = conn.transaction().map_err(sql_error)?;
    // Deletions first: keys are never reused, so a deleted workspace has nothing after its
    // deletion, and a workspace created under the id of one deleted meanwhile (appended by
    // another thread, in either order) finds the id free.
    for (key, net) in pending.ordered() {
        if let Net::Delete = net {
            delete(&tx, key).map_err(sql_error)?;
        }
    }
    for (key, net) in pending.ordered() {
        if let Net::Write(change) = net {
            write(&tx, key, change).map_err(sql_error)?;
        }
    }
    tx.prepare_cached(
        "INSERT INTO meta (name, value) VALUES ('folded_log', ?1)
         ON CONFLICT (name) DO UPDATE SET value = excluded.value",
    )
    .and_then(|mut s| s.execute([generation as i64]))
    .map_err(sql_error)?;
    tx.commit().map_err(sql_error)
}

/// The generation of the change log folded last (0: none).
pub fn folded(conn: &Connection) -> Result<u64, StoreError> {
    use rusqlite::OptionalExtension;
    let v: Option<i64> = conn
        .query_row(
            "SELECT value FROM meta WHERE name = 'folded_log'",
            [],
            |r| r.get(0),
        )
        .optional()
        .map_err(sql_error)?;
    Ok(v.unwrap_or(0).max(0) as u64)
}

fn write(tx: &rusqlite::Transaction, key: i64, c: &Change) -> rusqlite::Result<()> {
    match (&c.create, &c.state) {
        (Some(id), Some(state)) => {
            tx.prepare_cached("INSERT INTO workspaces (key, id, state) VALUES (?1, ?2, ?3)")?
                .execute(params![key, id, state])?;
        }
        (None, Some(state)) => {
            tx.prepare_cached("UPDATE workspaces SET state = ?2 WHERE key = ?1")?
                .execute(params![key, state])?;
        }
        (Some(_), None) => {
            return Err(rusqlite::Error::InvalidParameterName(
                "a new workspace without its state".into(),
            ));
        }
        (None, None) => {}
    }
    for (name, json) in &c.parts {
        tx.prepare_cached(
            "INSERT INTO parts (ws, name, json) VALUES (?1, ?2, ?3)
             ON CONFLICT (ws, name) DO UPDATE SET json = excluded.json",
        )?
        .execute(params![key, name, json])?;
    }
    log(tx, &MAILS, key, &c.mails)?;
    log(tx, &JOURNAL, key, &c.journal)?;
    let s = &c.sessions;
    if s.rewrite {
        tx.prepare_cached("DELETE FROM sessions WHERE ws = ?1")?
            .execute([key])?;
    }
    for token in &s.delete {
        tx.prepare_cached("DELETE FROM sessions WHERE ws = ?1 AND token = ?2")?
            .execute(params![key, token])?;
    }
    for (token, json) in &s.upsert {
        tx.prepare_cached(
            "INSERT INTO sessions (ws, token, session) VALUES (?1, ?2, ?3)
             ON CONFLICT (ws, token) DO UPDATE SET session = excluded.session",
        )?
        .execute(params![key, token, json])?;
    }
    Ok(())
}

/// The statements of one log table.
struct LogTable {
    clear: &'static str,
    drop_through: &'static str,
    insert: &'static str,
}

const MAILS: LogTable = LogTable {
    clear: "DELETE FROM mails WHERE ws = ?1",
    drop_through: "DELETE FROM mails WHERE ws = ?1 AND seq <= ?2",
    insert: "INSERT OR REPLACE INTO mails (ws, seq, mail) VALUES (?1, ?2, ?3)",
};

const JOURNAL: LogTable = LogTable {
    clear: "DELETE FROM journal WHERE ws = ?1",
    drop_through: "DELETE FROM journal WHERE ws = ?1 AND seq <= ?2",
    insert: "INSERT OR REPLACE INTO journal (ws, seq, entry) VALUES (?1, ?2, ?3)",
};

fn log(tx: &rusqlite::Transaction, t: &LogTable, key: i64, c: &LogChange) -> rusqlite::Result<()> {
    if c.rewrite {
        tx.prepare_cached(t.clear)?.execute([key])?;
    } else if c.dropped_through > 0 {
        tx.prepare_cached(t.drop_through)?
            .execute(params![key, c.dropped_through as i64])?;
    }
    for (seq, json) in &c.append {
        tx.prepare_cached(t.insert)?
            .execute(params![key, *seq as i64, json])?;
    }
    Ok(())
}

fn delete(tx: &rusqlite::Transaction, key: i64) -> rusqlite::Result<()> {
    for clear in [
        MAILS.clear,
        JOURNAL.clear,
        "DELETE FROM sessions WHERE ws = ?1",
        "DELETE FROM parts WHERE ws = ?1",
    ] {
        tx.prepare_cached(clear)?.execute([key])?;
    }
    tx.prepare_cached("DELETE FROM workspaces WHERE key = ?1")?
        .execute([key])?;
    Ok(())
}
