//! The writer: one thread owns the database connection and commits the changes requests hand
//! it, many per transaction (group commit).
//!
//! Requests never touch the disk: they change a workspace in memory, queue the change and go on
//! (their answer waits for the change's [`Commit`], see `store::commit`). The thread takes what
//! is queued — while it commits one batch the next one gathers — and commits it as one
//! transaction, so that the cost of a commit is shared by every request of the batch. The queue
//! is first-in first-out, so a workspace's changes are committed in the order they were made.
//!
//! **The shared log and the fold.** A commit does not write each workspace's own rows: it
//! appends the batch's changes to one table shared by every workspace (`pending`, one row per
//! statement to replay, see `schema::V2`), so that a commit of 32 requests of 32 workspaces
//! writes the same few last pages of that table instead of ≈ 80 pages spread over 32
//! workspaces' rows. Every [`FOLD_EVERY`] (or [`FOLD_ROWS`] rows) the thread *folds* the log:
//! one transaction replays its rows, in order, into the per-workspace tables — each
//! workspace's pages then written once per fold, not once per request; of several new states
//! of a workspace only the last — and empties it. A process that dies between two folds leaves
//! rows in the log: the store folds them at its next start, before reading the workspaces
//! ([`fold`]). A change is stored — and its request answered — once its rows are in the log.
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
use std::collections::{HashMap, HashSet};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// What a request changed in one workspace, serialised.
#[derive(Debug, Default)]
pub struct Change {
    /// The workspace's id when it is new (its row is inserted).
    pub create: Option<String>,
    /// The durable aggregate, when it changed.
    pub state: Option<String>,
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
    /// Answer once everything queued before is committed (and folded).
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

/// How often the log is folded into the per-workspace tables while changes come in.
pub const FOLD_EVERY: Duration = Duration::from_secs(1);

/// Rows in the log after which it is folded before [`FOLD_EVERY`] (a burst of large changes).
const FOLD_ROWS: usize = 50_000;

/// After a fold that failed, the next try waits this long (the rows stay in the log).
const FOLD_RETRY: Duration = Duration::from_secs(10);

/// The thread's loop: until every sender is gone, take a batch, commit it, report; fold the
/// log when it is due.
pub fn run(mut conn: Connection, jobs: Receiver<Job>, stale: Arc<Mutex<HashSet<i64>>>) {
    let mut w = Writer {
        stale_here: HashSet::new(),
        stale,
        unfolded: 0,
        fold_due: None,
    };
    loop {
        let first = match w.fold_due {
            None => match jobs.recv() {
                Ok(job) => job,
                Err(_) => break,
            },
            Some(due) => match jobs.recv_timeout(due.saturating_duration_since(Instant::now())) {
                Ok(job) => job,
                Err(RecvTimeoutError::Timeout) => {
                    let _ = w.fold(&mut conn);
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => break,
            },
        };
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match jobs.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        w.batch(&mut conn, batch);
        if w.unfolded >= FOLD_ROWS || w.fold_due.is_some_and(|due| Instant::now() >= due) {
            let _ = w.fold(&mut conn);
        }
    }
    // Every sender is gone (the store was dropped): the log is folded and the WAL into the file.
    let _ = w.fold(&mut conn);
    let _ = conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);");
}

struct Writer {
    /// Workspaces whose changes are refused until reloaded.
    stale_here: HashSet<i64>,
    /// The same, shared with the store, which reloads them on their next access.
    stale: Arc<Mutex<HashSet<i64>>>,
    /// Rows appended to the log since the last fold.
    unfolded: usize,
    /// When the log is to be folded next (None: it is empty).
    fold_due: Option<Instant>,
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
                    // The workspace's tables are read: what the log holds goes into them first.
                    let answer = match self.fold(conn) {
                        Ok(()) => {
                            self.stale_here.remove(&key);
                            load::one(conn, key)
                        }
                        Err(e) => Err(e),
                    };
                    let _ = reply.send(answer);
                }
                Job::Flush(reply) => {
                    self.commit(conn, std::mem::take(&mut pending));
                    let _ = self.fold(conn);
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
            Ok(rows) => {
                self.appended(rows);
                live.iter().for_each(|j| complete(j, Ok(())));
            }
            Err(_) if live.len() > 1 => {
                for job in live {
                    if job.key().is_some_and(|k| self.stale_here.contains(&k))
                        && matches!(job, Job::Write { .. })
                    {
                        complete(&job, Err(stale_failure()));
                        continue;
                    }
                    let outcome = transaction(conn, std::slice::from_ref(&job));
                    if let Ok(rows) = outcome {
                        self.appended(rows);
                    }
                    self.report(&job, outcome.map(drop));
                }
            }
            Err(e) => {
                if let Some(job) = live.into_iter().next() {
                    self.report(&job, Err(e));
                }
            }
        }
    }

    /// Counts rows appended to the log; the first ones since a fold set when it is due.
    fn appended(&mut self, rows: usize) {
        if rows > 0 {
            self.unfolded += rows;
            self.fold_due
                .get_or_insert_with(|| Instant::now() + FOLD_EVERY);
        }
    }

    /// Folds the log (see the module comment). On failure the rows stay in the log — they are
    /// stored, and folded at the next try or the next start — and the next try waits.
    fn fold(&mut self, conn: &mut Connection) -> Result<(), StoreError> {
        match fold(conn) {
            Ok(_) => {
                self.unfolded = 0;
                self.fold_due = None;
                Ok(())
            }
            Err(e) => {
                tracing::error!(error = %e, "the log of changes could not be folded into the workspaces' tables; it is kept and folded again later");
                self.fold_due = Some(Instant::now() + FOLD_RETRY);
                Err(e)
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

/// One transaction over `jobs` (writes and deletes only); answers the rows appended to the log.
fn transaction(conn: &mut Connection, jobs: &[Job]) -> Result<usize, StoreError> {
    let tx = conn.transaction().map_err(sql_error)?;
    let mut rows = 0;
    for job in jobs {
        match job {
            Job::Write { key, change, .. } => append(&tx, *key, change).map(|n| rows += n),
            Job::Delete { key, .. } => delete(&tx, *key),
            Job::Reload { .. } | Job::Flush(_) => Ok(()),
        }
        .map_err(sql_error)?;
    }
    tx.commit().map_err(sql_error)?;
    Ok(rows)
}

/// What a row of the log replays (its `op`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    /// Insert the workspace's row: `tag` its id, `body` its state.
    Create = 0,
    /// Its state is `body`.
    State = 1,
    /// Its mails (journal entries) go: a reset.
    MailsClear = 2,
    JournalClear = 3,
    /// Its mails (journal entries) up to seq `num` go: the cap.
    MailsDrop = 4,
    JournalDrop = 5,
    /// Mail (journal entry) `num` is `body`.
    Mail = 6,
    JournalEntry = 7,
    /// Its sessions go: a reset.
    SessionsClear = 8,
    /// Session `tag` is `body`.
    Session = 9,
    /// Session `tag` ended.
    SessionEnd = 10,
}

impl Op {
    const ALL: [Op; 11] = [
        Op::Create,
        Op::State,
        Op::MailsClear,
        Op::JournalClear,
        Op::MailsDrop,
        Op::JournalDrop,
        Op::Mail,
        Op::JournalEntry,
        Op::SessionsClear,
        Op::Session,
        Op::SessionEnd,
    ];

    fn from_code(code: i64) -> Option<Op> {
        Op::ALL.into_iter().find(|op| *op as i64 == code)
    }
}

/// Appends the rows of change `c` of workspace `key` to the log, in the order they are
/// replayed; answers how many.
fn append(tx: &rusqlite::Transaction, key: i64, c: &Change) -> rusqlite::Result<usize> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO pending (ws, op, num, tag, body) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut rows = 0;
    let mut row = |op: Op, num: u64, tag: Option<&str>, body: Option<&str>| {
        rows += 1;
        stmt.execute(params![key, op as i64, num as i64, tag, body])
            .map(drop)
    };
    match (&c.create, &c.state) {
        (Some(id), Some(state)) => row(Op::Create, 0, Some(id), Some(state))?,
        (None, Some(state)) => row(Op::State, 0, None, Some(state))?,
        (Some(_), None) => {
            return Err(rusqlite::Error::InvalidParameterName(
                "a new workspace without its state".into(),
            ));
        }
        (None, None) => {}
    }
    for (log, clear, drop_through, entry) in [
        (&c.mails, Op::MailsClear, Op::MailsDrop, Op::Mail),
        (
            &c.journal,
            Op::JournalClear,
            Op::JournalDrop,
            Op::JournalEntry,
        ),
    ] {
        // A new workspace has no rows to clear.
        if log.rewrite {
            if c.create.is_none() {
                row(clear, 0, None, None)?;
            }
        } else if log.dropped_through > 0 {
            row(drop_through, log.dropped_through, None, None)?;
        }
        for (seq, json) in &log.append {
            row(entry, *seq, None, Some(json))?;
        }
    }
    let s = &c.sessions;
    if s.rewrite && c.create.is_none() {
        row(Op::SessionsClear, 0, None, None)?;
    }
    for token in &s.delete {
        row(Op::SessionEnd, 0, Some(token), None)?;
    }
    for (token, json) in &s.upsert {
        row(Op::Session, 0, Some(token), Some(json))?;
    }
    Ok(rows)
}

/// One row of the log.
struct Row {
    seq: i64,
    ws: i64,
    op: i64,
    num: i64,
    tag: Option<String>,
    body: Option<String>,
}

/// Replays the log into the per-workspace tables and empties it, as one transaction; answers
/// how many rows it replayed. Of the states a workspace went through, only the last is
/// written. Run by the writer, and at start before the workspaces are read.
pub fn fold(conn: &mut Connection) -> Result<usize, StoreError> {
    let tx = conn.transaction().map_err(sql_error)?;
    let rows: Vec<Row> = {
        let mut stmt = tx
            .prepare_cached("SELECT seq, ws, op, num, tag, body FROM pending ORDER BY seq")
            .map_err(sql_error)?;
        stmt.query_map([], |r| {
            Ok(Row {
                seq: r.get(0)?,
                ws: r.get(1)?,
                op: r.get(2)?,
                num: r.get(3)?,
                tag: r.get(4)?,
                body: r.get(5)?,
            })
        })
        .map_err(sql_error)?
        .collect::<Result<_, _>>()
        .map_err(sql_error)?
    };
    if rows.is_empty() {
        return Ok(0);
    }
    let mut last_state: HashMap<i64, i64> = HashMap::new();
    for r in rows.iter().filter(|r| r.op == Op::State as i64) {
        last_state.insert(r.ws, r.seq);
    }
    for r in &rows {
        if r.op == Op::State as i64 && last_state.get(&r.ws) != Some(&r.seq) {
            continue;
        }
        replay(&tx, r).map_err(|e| match e {
            StoreError::Backend(m) => StoreError::Backend(format!("log row {}: {m}", r.seq)),
            other => other,
        })?;
    }
    tx.prepare_cached("DELETE FROM pending")
        .and_then(|mut s| s.execute([]))
        .map_err(sql_error)?;
    tx.commit().map_err(sql_error)?;
    Ok(rows.len())
}

/// The statement of one row of the log.
fn replay(tx: &rusqlite::Transaction, r: &Row) -> Result<(), StoreError> {
    let op = Op::from_code(r.op).ok_or_else(|| StoreError::Corrupt {
        id: None,
        detail: format!("the log of changes has a row of unknown kind {}", r.op),
    })?;
    let missing = |what: &str| StoreError::Corrupt {
        id: None,
        detail: format!("row {} of the log of changes has no {what}", r.seq),
    };
    let body = || r.body.as_deref().ok_or_else(|| missing("body"));
    let tag = || r.tag.as_deref().ok_or_else(|| missing("tag"));
    let ws = r.ws;
    let run = |sql: &str, p: &[&dyn rusqlite::ToSql]| {
        tx.prepare_cached(sql)
            .and_then(|mut s| s.execute(p))
            .map(drop)
            .map_err(sql_error)
    };
    match op {
        Op::Create => run(
            "INSERT INTO workspaces (key, id, state) VALUES (?1, ?2, ?3)",
            params![ws, tag()?, body()?],
        ),
        Op::State => run(
            "UPDATE workspaces SET state = ?2 WHERE key = ?1",
            params![ws, body()?],
        ),
        Op::MailsClear => run(MAILS.clear, params![ws]),
        Op::JournalClear => run(JOURNAL.clear, params![ws]),
        Op::MailsDrop => run(MAILS.drop_through, params![ws, r.num]),
        Op::JournalDrop => run(JOURNAL.drop_through, params![ws, r.num]),
        Op::Mail => run(MAILS.insert, params![ws, r.num, body()?]),
        Op::JournalEntry => run(JOURNAL.insert, params![ws, r.num, body()?]),
        Op::SessionsClear => run("DELETE FROM sessions WHERE ws = ?1", params![ws]),
        Op::Session => run(
            "INSERT INTO sessions (ws, token, session) VALUES (?1, ?2, ?3)
             ON CONFLICT (ws, token) DO UPDATE SET session = excluded.session",
            params![ws, tag()?, body()?],
        ),
        Op::SessionEnd => run(
            "DELETE FROM sessions WHERE ws = ?1 AND token = ?2",
            params![ws, tag()?],
        ),
    }
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

/// Removes workspace `key`: its rows in the log (not folded yet) and in its tables.
fn delete(tx: &rusqlite::Transaction, key: i64) -> rusqlite::Result<()> {
    for clear in [
        "DELETE FROM pending WHERE ws = ?1",
        MAILS.clear,
        JOURNAL.clear,
        "DELETE FROM sessions WHERE ws = ?1",
    ] {
        tx.prepare_cached(clear)?.execute([key])?;
    }
    tx.prepare_cached("DELETE FROM workspaces WHERE key = ?1")?
        .execute([key])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;
    use crate::store::sqlite::diff::{self, Marks};
    use crate::store::sqlite::{SqliteStore, SyncMode, schema};
    use crate::workspace::{Workspace, WorkspaceSpec};

    fn entry(n: u16) -> crate::journal::JournalEntry {
        crate::journal::JournalEntry {
            at: crate::clock::parse_rfc3339("2018-11-27T16:30:00+09:00").unwrap(),
            method: "GET".into(),
            path: format!("p{n}"),
            screen: None,
            button: None,
            outcome: crate::journal::Outcome::Ok,
            next_screen: None,
            status: 200,
        }
    }

    fn write(key: i64, change: Change) -> Job {
        Job::Write {
            key,
            change,
            commit: Commit::new(),
        }
    }

    fn pending(dir: &std::path::Path) -> i64 {
        Connection::open(dir.join(schema::FILE_NAME))
            .unwrap()
            .query_row("SELECT count(*) FROM pending", [], |r| r.get(0))
            .unwrap()
    }

    /// What a killed process leaves: changes in the log, none folded.
    #[test]
    fn changes_left_in_the_log_are_folded_at_start_the_last_state_winning() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = schema::open(dir.path(), SyncMode::Normal).unwrap();
        let spec = WorkspaceSpec {
            seed: 1,
            now: None,
            fixture: None,
        };
        let (mut a, mut b) = (Workspace::new("a", spec.clone()), Workspace::new("b", spec));
        let (mut ma, mut mb) = (Marks::default(), Marks::default());
        let mut jobs = vec![
            write(1, diff::diff(&mut a, &mut ma, true).unwrap()),
            write(2, diff::diff(&mut b, &mut mb, true).unwrap()),
        ];
        for n in 1..=3 {
            a.journal.push(entry(n));
            a.state.counters.mail += 1;
            jobs.push(write(1, diff::diff(&mut a, &mut ma, false).unwrap()));
        }
        b.journal.push(entry(9));
        jobs.push(write(2, diff::diff(&mut b, &mut mb, false).unwrap()));
        // 2 creations, 3 × (state + entry), 1 entry.
        assert_eq!(transaction(&mut conn, &jobs).unwrap(), 9);
        // Deleting b takes its rows out of the log as well.
        transaction(
            &mut conn,
            &[Job::Delete {
                key: 2,
                commit: Commit::new(),
            }],
        )
        .unwrap();
        drop(conn);
        assert_eq!(pending(dir.path()), 7);
        let store = SqliteStore::open(dir.path(), SyncMode::Normal).unwrap();
        assert_eq!(store.ids().unwrap(), ["a"]);
        store
            .with("a", &mut |w| {
                assert_eq!(w.state.counters.mail, 3, "the last state");
                let paths: Vec<&str> = w.journal.iter().map(|e| e.path.as_str()).collect();
                assert_eq!(paths, ["p1", "p2", "p3"]);
            })
            .unwrap();
        drop(store);
        assert_eq!(pending(dir.path()), 0, "folded at start");
    }

    #[test]
    fn a_row_of_an_unknown_kind_stops_the_fold_and_nothing_is_lost() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = schema::open(dir.path(), SyncMode::Normal).unwrap();
        conn.execute("INSERT INTO pending (ws, op, num) VALUES (1, 99, 0)", [])
            .unwrap();
        assert!(matches!(fold(&mut conn), Err(StoreError::Corrupt { .. })));
        drop(conn);
        assert_eq!(pending(dir.path()), 1, "kept");
        assert!(matches!(
            SqliteStore::open(dir.path(), SyncMode::Normal),
            Err(StoreError::Corrupt { .. })
        ));
    }
}
