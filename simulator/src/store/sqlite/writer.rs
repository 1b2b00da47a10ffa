//! The writer: one thread appends the changes requests hand it to the change log, many per
//! `write` (group commit), and hands them to the folder about once a second.
//!
//! Requests never touch the disk: they change a workspace in memory, queue the change and go on
//! (their answer waits for the change's [`Commit`], see `store::commit`). The thread takes what
//! is queued — while it appends one batch the next one gathers — and appends it to the change
//! log ([`changelog`]) in one `write`, so that the cost is shared by every request of the batch;
//! each change is then acknowledged and added to the net changes not folded yet ([`Pending`]).
//! The queue is first-in first-out, so a workspace's changes are logged in the order they were
//! made. About once a second (or when the log has grown large) the writer starts the next
//! generation of the log and hands the net changes of the previous one to the folder thread,
//! which writes them into the tables ([`super::fold`]) while the writer goes on appending.
//!
//! A batch whose append fails (a full disk) is not acknowledged, and each workspace of it is
//! *stale*: memory is ahead of what is stored. Its later changes are refused (they build on the
//! lost one) until the store reloads it ([`Job::Reload`]: everything logged before is folded,
//! then the workspace is read back from the tables).

use super::change::Change;
use super::changelog::{self, ChangeLog};
use super::fold::{Task, Then};
use super::load::Loaded;
use super::pending::Pending;
use crate::store::StoreError;
use crate::store::commit::{Commit, CommitFailure};
use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// What the thread is asked to do.
pub enum Job {
    /// Log a change of workspace `key`.
    Write {
        key: i64,
        change: Change,
        commit: Arc<Commit>,
    },
    /// Remove workspace `key` and all its rows.
    Delete { key: i64, commit: Arc<Commit> },
    /// Read workspace `key` back from the tables (after a failed change), and accept its
    /// changes again.
    Reload {
        key: i64,
        reply: Sender<Result<Option<Loaded>, StoreError>>,
    },
    /// Answer once everything queued before is in the tables.
    Flush(Sender<Result<(), StoreError>>),
}

/// The most changes appended in one `write`: bounds the time one batch holds the next.
const MAX_BATCH: usize = 1024;

/// How often the net changes are handed to the folder.
const FOLD_EVERY: Duration = Duration::from_secs(1);

/// A log this long is handed over sooner (bounds the memory the net changes take).
const FOLD_AT_BYTES: u64 = 32 << 20;

/// The threads' shared parts.
pub struct Writer {
    pub log: ChangeLog,
    pub folder: Sender<Task>,
    /// Set while the folder works on a hand-over; a periodic one waits for it.
    pub folder_busy: Arc<AtomicBool>,
    /// The same, shared with the store, which reloads them on their next access.
    pub stale: Arc<Mutex<HashSet<i64>>>,
    /// Appends still to fail as a full disk would (tests' fault injection, see
    /// `SqliteStore::fail_appends`).
    pub fail_appends: Arc<AtomicUsize>,
}

/// The thread's loop: until every sender is gone, take a batch, append it, hand over what is
/// due; at the end, hand over everything and wait for the folder (`folder_thread`).
pub fn run(w: Writer, jobs: Receiver<Job>, folder_thread: std::thread::JoinHandle<()>) {
    let mut s = State {
        w,
        pending: Pending::default(),
        stale_here: HashSet::new(),
        handed_at: Instant::now(),
        buf: Vec::new(),
    };
    loop {
        let wait = FOLD_EVERY
            .saturating_sub(s.handed_at.elapsed())
            .max(Duration::from_millis(1));
        match jobs.recv_timeout(wait) {
            Ok(first) => {
                let mut batch = vec![first];
                while batch.len() < MAX_BATCH {
                    match jobs.try_recv() {
                        Ok(job) => batch.push(job),
                        Err(_) => break,
                    }
                }
                s.batch(batch);
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
        let due = s.handed_at.elapsed() >= FOLD_EVERY || s.w.log.len() >= FOLD_AT_BYTES;
        if due && !s.w.folder_busy.load(Ordering::Acquire) {
            if s.w.log.has_records() {
                s.hand_over(Then::Nothing);
            } else {
                s.handed_at = Instant::now();
            }
        }
    }
    // Every sender is gone (the store was dropped): everything goes to the tables.
    if s.w.log.has_records() {
        s.hand_over(Then::Nothing);
    }
    drop(s);
    let _ = folder_thread.join();
}

struct State {
    w: Writer,
    /// The net changes logged since the last hand-over.
    pending: Pending,
    /// Workspaces whose changes are refused until reloaded.
    stale_here: HashSet<i64>,
    handed_at: Instant,
    /// The records of the batch being gathered.
    buf: Vec<u8>,
}

impl State {
    fn batch(&mut self, batch: Vec<Job>) {
        let mut logged: Vec<Job> = Vec::new();
        for job in batch {
            match job {
                Job::Write { key, .. } if self.stale_here.contains(&key) => {
                    complete(&job, Err(stale_failure()));
                }
                Job::Write {
                    key, ref change, ..
                } => match changelog::encode_write(&mut self.buf, key, change) {
                    Ok(()) => logged.push(job),
                    Err(e) => self.fail(
                        &[job],
                        &format!("the change could not be encoded for the log: {e}"),
                    ),
                },
                Job::Delete { key, .. } => {
                    changelog::encode_delete(&mut self.buf, key);
                    logged.push(job);
                }
                // Reloads and flushes cut a batch: what precedes them is logged and folded first.
                Job::Reload { key, reply } => {
                    self.append(std::mem::take(&mut logged));
                    self.stale_here.remove(&key);
                    self.hand_over(Then::Reload { key, reply });
                }
                Job::Flush(reply) => {
                    self.append(std::mem::take(&mut logged));
                    self.hand_over(Then::Flush(reply));
                }
            }
        }
        self.append(logged);
    }

    /// Appends the gathered records; acknowledges their jobs, or fails them all.
    fn append(&mut self, jobs: Vec<Job>) {
        if jobs.is_empty() {
            return;
        }
        let injected = self
            .w
            .fail_appends
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| n.checked_sub(1))
            .is_ok();
        let appended = if injected {
            Err(std::io::Error::from(std::io::ErrorKind::StorageFull))
        } else {
            self.w.log.append(&self.buf)
        };
        self.buf.clear();
        match appended {
            Ok(()) => {
                for job in jobs {
                    match job {
                        Job::Write {
                            key,
                            change,
                            commit,
                        } => {
                            self.pending.write(key, change);
                            commit.complete(Ok(()));
                        }
                        Job::Delete { key, commit } => {
                            self.pending.delete(key);
                            commit.complete(Ok(()));
                        }
                        Job::Reload { .. } | Job::Flush(_) => {}
                    }
                }
            }
            Err(e) => self.fail(&jobs, &format!("the change log could not be written: {e}")),
        }
    }

    /// Fails `jobs`; their workspaces are stale until reloaded.
    fn fail(&mut self, jobs: &[Job], message: &str) {
        tracing::error!(error = %message, "changes of workspaces could not be stored");
        for job in jobs {
            if let Job::Write { key, .. } = job {
                self.stale_here.insert(*key);
                self.w
                    .stale
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .insert(*key);
            }
            complete(
                job,
                Err(CommitFailure {
                    temporary: false,
                    message: message.to_string(),
                }),
            );
        }
    }

    /// Starts the next generation of the log and hands the net changes to the folder.
    fn hand_over(&mut self, then: Then) {
        let generation = self.w.log.generation();
        if let Err(e) = self.w.log.rotate() {
            // The changes stay logged in this generation, which goes on: nothing is lost, they
            // are handed over with a later generation.
            tracing::error!(error = %e, "the change log's next generation could not be started");
            let failure = || {
                StoreError::Io(std::io::Error::other(format!(
                    "the change log's next generation could not be started: {e}"
                )))
            };
            match then {
                Then::Nothing => {}
                Then::Reload { reply, .. } => {
                    let _ = reply.send(Err(failure()));
                }
                Then::Flush(reply) => {
                    let _ = reply.send(Err(failure()));
                }
            }
            return;
        }
        self.handed_at = Instant::now();
        self.w.folder_busy.store(true, Ordering::Release);
        let task = Task {
            generation,
            pending: std::mem::take(&mut self.pending),
            then,
        };
        if self.w.folder.send(task).is_err() {
            tracing::error!("the store's folder has stopped; the change log keeps the changes");
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
