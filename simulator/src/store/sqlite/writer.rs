//! The writer: one thread owns the database connection and commits the changes requests hand
//! it, many per transaction (group commit).
//!
//! Requests never touch the disk: they change a workspace in memory, queue the change and go on
//! (their answer waits for the change's [`Commit`], see `store::commit`). The thread takes what
//! is queued — while it commits one batch the next one gathers — and commits it as one
//! transaction, so that the cost of a commit is shared by every request of the batch. The queue
//! is first-in first-out, so a workspace's changes are committed in the order they were made.
//!
//! A batch that fails is rolled back and its changes tried one by one, so that one bad change
//! does not fail the others. A workspace whose change failed is *stale*: memory is ahead of the
//! file. Its later changes are refused (they build on the lost one) until the store reloads it
//! from the file ([`Job::Reload`]).

use super::load::{self, Loaded};
use super::sql_error;
use crate::store::StoreError;
use crate::store::commit::{Commit, CommitFailure};
use rusqlite::{Connection, params};
use std::collections::HashSet;
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Mutex, PoisonError};

/// What a request changed in one workspace, serialised.
#[derive(Debug, Default)]
pub struct Change {
    /// The workspace's id when it is new (its row is inserted).
    pub create: Option<String>,
    /// The durable aggregate without its offices, when it changed.
    pub state: Option<String>,
    /// The parts of the aggregate stored apart (`diff::PARTS`) that changed: (name, JSON).
    pub parts: Vec<(String, String)>,
    pub mails: LogChange,
    pub journal: LogChange,
    pub sessions: SessionsChange,
}

/// What changed in an append-only log.
#[derive(Debug, Default)]
pub struct LogChange {
    /// The log was replaced (a reset): every stored row goes first.
    pub rewrite: bool,
    /// The rows with `seq <=` this were dropped by the cap (0: none).
    pub dropped_through: u64,
    /// New rows: (seq, JSON).
    pub append: Vec<(u64, String)>,
}

/// What changed among the sessions.
#[derive(Debug, Default)]
pub struct SessionsChange {
    /// The map was replaced (a reset): every stored session goes first.
    pub rewrite: bool,
    /// New or changed sessions: (token, JSON).
    pub upsert: Vec<(String, String)>,
    pub delete: Vec<String>,
}

impl Change {
    pub fn is_empty(&self) -> bool {
        self.create.is_none()
            && self.state.is_none()
            && self.parts.is_empty()
            && !self.mails.rewrite
            && self.mails.dropped_through == 0
            && self.mails.append.is_empty()
            && !self.journal.rewrite
            && self.journal.dropped_through == 0
            && self.journal.append.is_empty()
            && !self.sessions.rewrite
            && self.sessions.upsert.is_empty()
            && self.sessions.delete.is_empty()
    }
}

/// What the thread is asked to do.
pub enum Job {
    /// Commit a change of workspace `key`.
    Write {
        key: i64,
        change: Change,
        commit: Arc<Commit>,
    },
    /// Remove workspace `key` and all its rows.
    Delete { key: i64, commit: Arc<Commit> },
    /// Read workspace `key` back from the file (after a failed change), and accept its
    /// changes again.
    Reload {
        key: i64,
        reply: Sender<Result<Option<Loaded>, StoreError>>,
    },
    /// Answer once everything queued before is committed.
    Flush(Sender<()>),
}

impl Job {
    fn key(&self) -> Option<i64> {
        match self {
            Job::Write { key, .. } | Job::Delete { key, .. } | Job::Reload { key, .. } => {
                Some(*key)
            }
            Job::Flush(_) => None,
        }
    }
}

/// The most changes committed in one transaction: bounds the time one batch holds the next.
const MAX_BATCH: usize = 1024;

/// The thread's loop: until every sender is gone, take a batch, commit it, report.
pub fn run(mut conn: Connection, jobs: Receiver<Job>, stale: Arc<Mutex<HashSet<i64>>>) {
    let mut w = Writer {
        stale_here: HashSet::new(),
        stale,
    };
    while let Ok(first) = jobs.recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match jobs.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        w.batch(&mut conn, batch);
    }
    // Every sender is gone (the store was dropped): the WAL is folded into the file.
    let _ = conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);");
}

struct Writer {
    /// Workspaces whose changes are refused until reloaded.
    stale_here: HashSet<i64>,
    /// The same, shared with the store, which reloads them on their next access.
    stale: Arc<Mutex<HashSet<i64>>>,
}

impl Writer {
    fn batch(&mut self, conn: &mut Connection, batch: Vec<Job>) {
        // Reloads and flushes in the middle of a batch cut it: what precedes them is committed
        // first (a reload reads the file; a flush answers only once what precedes is stored).
        let mut pending: Vec<Job> = Vec::new();
        for job in batch {
            match job {
                Job::Write { .. } | Job::Delete { .. } => pending.push(job),
                Job::Reload { key, reply } => {
                    self.commit(conn, std::mem::take(&mut pending));
                    self.stale_here.remove(&key);
                    let _ = reply.send(load::one(conn, key));
                }
                Job::Flush(reply) => {
                    self.commit(conn, std::mem::take(&mut pending));
                    let _ = reply.send(());
                }
            }
        }
        self.commit(conn, pending);
    }

    /// Commits `jobs` as one transaction; on failure, one by one.
    fn commit(&mut self, conn: &mut Connection, jobs: Vec<Job>) {
        if jobs.is_empty() {
            return;
        }
        let (live, refused): (Vec<Job>, Vec<Job>) = jobs
            .into_iter()
            .partition(|j| !matches!(j, Job::Write { key, .. } if self.stale_here.contains(key)));
        for job in refused {
            complete(&job, Err(stale_failure()));
        }
        match transaction(conn, &live) {
            Ok(()) => live.iter().for_each(|j| complete(j, Ok(()))),
            Err(_) if live.len() > 1 => {
                for job in live {
                    if job.key().is_some_and(|k| self.stale_here.contains(&k))
                        && matches!(job, Job::Write { .. })
                    {
                        complete(&job, Err(stale_failure()));
                        continue;
                    }
                    let outcome = transaction(conn, std::slice::from_ref(&job));
                    self.report(&job, outcome);
                }
            }
            Err(e) => {
                if let Some(job) = live.into_iter().next() {
                    self.report(&job, Err(e));
                }
            }
        }
    }

    fn report(&mut self, job: &Job, outcome: Result<(), StoreError>) {
        match outcome {
            Ok(()) => complete(job, Ok(())),
            Err(e) => {
                tracing::error!(error = %e, "a change of a workspace could not be stored");
                if let Job::Write { key, .. } = job {
                    self.stale_here.insert(*key);
                    self.stale
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .insert(*key);
                }
                complete(
                    job,
                    Err(CommitFailure {
                        temporary: e.is_temporary(),
                        message: e.to_string(),
                    }),
                );
            }
        }
    }
}

fn stale_failure() -> CommitFailure {
    CommitFailure {
        temporary: true,
        message: "an earlier change of this workspace could not be stored; it is read again from the file".into(),
    }
}

fn complete(job: &Job, outcome: Result<(), CommitFailure>) {
    match job {
        Job::Write { commit, .. } | Job::Delete { commit, .. } => commit.complete(outcome),
        Job::Reload { .. } | Job::Flush(_) => {}
    }
}

/// One transaction over `jobs` (writes and deletes only).
fn transaction(conn: &mut Connection, jobs: &[Job]) -> Result<(), StoreError> {
    let tx = conn.transaction().map_err(sql_error)?;
    for job in jobs {
        match job {
            Job::Write { key, change, .. } => write(&tx, *key, change),
            Job::Delete { key, .. } => delete(&tx, *key),
            Job::Reload { .. } | Job::Flush(_) => Ok(()),
        }
        .map_err(sql_error)?;
    }
    tx.commit().map_err(sql_error)
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
