//! Appending to the change log: each request appends its own change, under one lock, before
//! its answer leaves.
//!
//! A change is encoded outside the lock; under it, it is appended to the change log's newest
//! generation (copied into the file's memory map, see [`ChangeLog::append`]) and merged into the
//! net changes not folded yet ([`Pending`]), so the log and the net changes always agree, in the
//! order the changes were made. The copy puts the bytes in the kernel's page cache, which a
//! killed process cannot take back: with
//! `--sync normal` the change is stored when `append` returns, and the request does not wait
//! for anything. With `--sync full` each change must also reach the disk: a syncer thread
//! flushes the log for every change appended since its last flush (one `fdatasync` for many
//! requests), and each request's answer waits for its [`Commit`] (see `store::commit`).
//!
//! Appending inline replaced a writer thread that took every change from a queue: on the
//! project's two-core machine, handing each request's change to another thread and waking the
//! request when it was written cost more (in context switches) than writing it.

use super::change::Change;
use super::changelog::ChangeLog;
use super::pending::Pending;
use super::schema::SyncMode;
use crate::store::commit::{Commit, CommitFailure};
use std::collections::HashSet;
use std::fs::File;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, PoisonError, TryLockError};

/// What one change does to the net changes (what its records say).
// Nearly every change is a write: boxing it would add an allocation per request to spare the
// rare deletion a few bytes.
#[allow(clippy::large_enum_variant)]
pub enum Op {
    Write(i64, Change),
    Delete(i64),
}

impl Op {
    fn apply(self, pending: &mut Pending) {
        match self {
            Op::Write(key, change) => pending.write(key, change),
            Op::Delete(key) => pending.delete(key),
        }
    }
}

/// For the syncer: the file a change was appended to, and its commit.
type SyncJob = (Arc<File>, Arc<Commit>);

/// A change waiting for the thread that holds the lock.
struct Queued {
    records: Vec<u8>,
    op: Op,
    commit: Arc<Commit>,
}

/// The change log being appended to, and what it holds that is not folded yet.
pub struct Appender {
    inner: Mutex<Inner>,
    queue: Mutex<Vec<Queued>>,
    /// Workspaces whose queued change could not be appended (shared with the store, which
    /// reads them back on their next access).
    stale: Arc<Mutex<HashSet<i64>>>,
    /// The commit of every change acknowledged at once.
    done: Arc<Commit>,
    /// The newest generation's length in bytes (read without the lock by the folder).
    len: AtomicU64,
    /// `--sync full`: the syncer thread's queue.
    syncer: Option<Mutex<Sender<SyncJob>>>,
    /// Appends still to fail as a full disk would (tests' fault injection).
    fail_appends: AtomicUsize,
}

struct Inner {
    log: ChangeLog,
    pending: Pending,
}

impl Appender {
    pub fn new(
        log: ChangeLog,
        sync: SyncMode,
        stale: Arc<Mutex<HashSet<i64>>>,
    ) -> std::io::Result<Self> {
        let syncer = match sync {
            SyncMode::Normal => None,
            SyncMode::Full => {
                let (tx, rx) = mpsc::channel();
                std::thread::Builder::new()
                    .name("nss-store-syncer".into())
                    .spawn(move || sync_loop(rx))?;
                Some(Mutex::new(tx))
            }
        };
        Ok(Appender {
            queue: Mutex::new(Vec::new()),
            stale,
            done: Commit::done(),
            len: AtomicU64::new(log.len()),
            inner: Mutex::new(Inner {
                log,
                pending: Pending::default(),
            }),
            syncer,
            fail_appends: AtomicUsize::new(0),
        })
    }

    /// Appends `records` (`op` encoded with `changelog::encode_*`) and applies `op` to the net
    /// changes. Answers the commit the request's answer waits for: done at once with
    /// `--sync normal` when this thread appended it itself.
    ///
    /// The lock is never waited for: when another thread holds it (in the middle of its own
    /// append), the change is queued and that thread appends it with its own — or the next
    /// one that takes the lock, which always appends what is queued before its own change (so a
    /// workspace's changes, made one after the other under its lock, are appended in order).
    /// Waiting for the lock instead cost a sleep and a wake-up of the thread for a large share
    /// of the requests on two cores.
    pub fn append(&self, records: Vec<u8>, op: Op) -> std::io::Result<Arc<Commit>> {
        if self
            .fail_appends
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| n.checked_sub(1))
            .is_ok()
        {
            return Err(std::io::Error::from(std::io::ErrorKind::StorageFull));
        }
        let own = match self.inner.try_lock() {
            Ok(mut g) => self.write(&mut g, Some((records, op))),
            Err(TryLockError::Poisoned(p)) => self.write(&mut p.into_inner(), Some((records, op))),
            Err(TryLockError::WouldBlock) => {
                let commit = Commit::new();
                self.queue
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(Queued {
                        records,
                        op,
                        commit: Arc::clone(&commit),
                    });
                Ok(commit)
            }
        };
        self.drain();
        own
    }

    /// Appends what is queued, unless another thread holds the lock (it drains after it lets
    /// go of it: every queued change is appended by somebody).
    fn drain(&self) {
        loop {
            if self
                .queue
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .is_empty()
            {
                return;
            }
            match self.inner.try_lock() {
                Ok(mut g) => {
                    let _ = self.write(&mut g, None);
                }
                Err(TryLockError::Poisoned(p)) => {
                    let _ = self.write(&mut p.into_inner(), None);
                }
                Err(TryLockError::WouldBlock) => return,
            }
        }
    }

    /// Under the lock: appends what is queued and then `own`, as one append; applies them to
    /// the net changes and completes the queued ones' commits.
    fn write(&self, g: &mut Inner, own: Option<(Vec<u8>, Op)>) -> std::io::Result<Arc<Commit>> {
        let queued =
            std::mem::take(&mut *self.queue.lock().unwrap_or_else(PoisonError::into_inner));
        let appended = if queued.is_empty() {
            g.log.append(own.as_ref().map_or(&[][..], |(r, _)| r))
        } else {
            let mut buf = Vec::new();
            for q in &queued {
                buf.extend_from_slice(&q.records);
            }
            if let Some((r, _)) = &own {
                buf.extend_from_slice(r);
            }
            g.log.append(&buf)
        };
        if let Err(e) = appended {
            let failure = CommitFailure {
                temporary: false,
                message: format!("the change log could not be written: {e}"),
            };
            let mut stale = self.stale.lock().unwrap_or_else(PoisonError::into_inner);
            for q in queued {
                // Memory is ahead of what is stored: read back on the workspace's next access.
                if let Op::Write(key, _) = q.op {
                    stale.insert(key);
                }
                q.commit.complete(Err(failure.clone()));
            }
            return Err(e);
        }
        self.len.store(g.log.len(), Ordering::Relaxed);
        for q in queued {
            q.op.apply(&mut g.pending);
            self.acknowledge(g, q.commit);
        }
        match own {
            Some((_, op)) => {
                op.apply(&mut g.pending);
                if self.syncer.is_none() {
                    return Ok(Arc::clone(&self.done));
                }
                let commit = Commit::new();
                self.acknowledge(g, Arc::clone(&commit));
                Ok(commit)
            }
            None => Ok(Arc::clone(&self.done)),
        }
    }

    /// An appended change's commit: completed now, or by the syncer once the log is on the disk.
    fn acknowledge(&self, g: &Inner, commit: Arc<Commit>) {
        let Some(syncer) = &self.syncer else {
            commit.complete(Ok(()));
            return;
        };
        let sent = syncer
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .send((g.log.file(), Arc::clone(&commit)));
        if sent.is_err() {
            commit.complete(Err(CommitFailure {
                temporary: false,
                message: "the store's syncer has stopped".into(),
            }));
        }
    }

    /// The newest generation's length in bytes.
    pub fn len(&self) -> u64 {
        self.len.load(Ordering::Relaxed)
    }

    /// For the folder: starts the next generation and answers the previous one's number with
    /// the net changes of every generation up to it; None if nothing was appended since the
    /// last time.
    pub fn take(&self) -> std::io::Result<Option<(u64, Pending)>> {
        let taken = self.rotate();
        // Changes queued while this held the lock: appended now (to the next generation), as
        // no appending thread is left to do it.
        self.drain();
        taken
    }

    fn rotate(&self) -> std::io::Result<Option<(u64, Pending)>> {
        let mut g = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        if !g.log.has_records() {
            return Ok(None);
        }
        let generation = g.log.generation();
        g.log.rotate()?;
        self.len.store(g.log.len(), Ordering::Relaxed);
        Ok(Some((generation, std::mem::take(&mut g.pending))))
    }

    /// See `SqliteStore::fail_appends`.
    pub fn fail_appends(&self, n: usize) {
        self.fail_appends.store(n, Ordering::Release);
    }
}

/// `--sync full`: flushes the log for every change queued since the last flush, then completes
/// their commits. (`fdatasync` writes back the pages stored through the log's memory map as
/// well: on Linux they are the file's page cache.)
fn sync_loop(rx: Receiver<SyncJob>) {
    while let Ok(first) = rx.recv() {
        let mut batch = vec![first];
        batch.extend(rx.try_iter());
        // Every generation the batch appended to (usually one; two across a rotation).
        let mut files: Vec<Arc<File>> = Vec::new();
        for (f, _) in &batch {
            if !files.iter().any(|g| Arc::ptr_eq(g, f)) {
                files.push(Arc::clone(f));
            }
        }
        let outcome = files
            .iter()
            .try_for_each(|f| f.sync_data())
            .map_err(|e| CommitFailure {
                temporary: false,
                message: format!("the change log could not be flushed to the disk: {e}"),
            });
        for (_, commit) in batch {
            commit.complete(outcome.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::sqlite::changelog;

    fn appender(dir: &std::path::Path) -> Appender {
        let log = ChangeLog::create(dir, 1, SyncMode::Normal).unwrap();
        Appender::new(log, SyncMode::Normal, Arc::default()).unwrap()
    }

    fn op(key: i64) -> (Vec<u8>, Op) {
        let change = Change {
            state: Some(format!("s{key}")),
            ..Default::default()
        };
        let mut records = Vec::new();
        changelog::encode_write(&mut records, key, &change).unwrap();
        (records, Op::Write(key, change))
    }

    #[test]
    fn a_change_made_while_the_lock_is_held_is_queued_and_appended_by_the_next_holder() {
        let dir = tempfile::tempdir().unwrap();
        let a = appender(dir.path());
        let (r, o) = op(1);
        assert!(matches!(a.append(r, o).unwrap().outcome(), Some(Ok(()))));
        let held = a.inner.lock().unwrap();
        let (r, o) = op(2);
        let queued = a.append(r, o).unwrap();
        assert_eq!(queued.outcome(), None, "not appended yet");
        drop(held);
        // The next change appends the queued one first.
        let (r, o) = op(3);
        a.append(r, o).unwrap();
        assert_eq!(queued.outcome(), Some(Ok(())));
        let (_, pending) = a.take().unwrap().unwrap();
        let keys: Vec<i64> = pending.ordered().map(|(k, _)| k).collect();
        assert_eq!(keys, [1, 2, 3]);
    }

    #[test]
    fn the_folder_appends_what_was_queued_while_it_held_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let a = appender(dir.path());
        let held = a.inner.lock().unwrap();
        let (r, o) = op(7);
        let queued = a.append(r, o).unwrap();
        drop(held);
        assert_eq!(queued.outcome(), None);
        assert!(a.take().unwrap().is_none(), "nothing was appended before");
        assert_eq!(
            queued.outcome(),
            Some(Ok(())),
            "appended by the folder's take"
        );
        let (generation, pending) = a.take().unwrap().unwrap();
        assert_eq!((generation, pending.len()), (1, 1));
    }

    #[test]
    fn a_queued_change_that_cannot_be_appended_fails_and_its_workspace_is_stale() {
        let dir = tempfile::tempdir().unwrap();
        let a = appender(dir.path());
        let held = a.inner.lock().unwrap();
        let (r, o) = op(4);
        let queued = a.append(r, o).unwrap();
        drop(held);
        // The next write fails: the log's file is swapped for a read-only handle of it.
        {
            let mut g = a.inner.lock().unwrap();
            let path = changelog::path(dir.path(), g.log.generation());
            g.log
                .replace_file_for_test(std::fs::File::open(path).unwrap());
        }
        a.drain();
        assert!(matches!(queued.outcome(), Some(Err(_))));
        assert!(a.stale.lock().unwrap().contains(&4));
    }
}
