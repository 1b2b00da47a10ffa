//! Appending to the change log: each request appends its own change, under one lock, before
//! its answer leaves.
//!
//! A change is encoded outside the lock; under it, it is appended to the change log's newest
//! generation with one `write` and merged into the net changes not folded yet ([`Pending`]),
//! so the log and the net changes always agree, in the order the changes were made. The
//! `write` puts the bytes in the kernel's hands, which a killed process cannot take back: with
//! `--sync normal` the change is stored when `append` returns, and the request does not wait
//! for anything. With `--sync full` each change must also reach the disk: a syncer thread
//! flushes the log for every change appended since its last flush (one `fdatasync` for many
//! requests), and each request's answer waits for its [`Commit`] (see `store::commit`).
//!
//! Appending inline replaced a writer thread that took every change from a queue: on the
//! project's two-core machine, handing each request's change to another thread and waking the
//! request when it was written cost more (in context switches) than the `write` itself.

use super::changelog::ChangeLog;
use super::pending::Pending;
use super::schema::SyncMode;
use crate::store::commit::{Commit, CommitFailure};
use std::fs::File;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, PoisonError};

/// The change log being appended to, and what it holds that is not folded yet.
pub struct Appender {
    inner: Mutex<Inner>,
    /// The newest generation's length in bytes (read without the lock by the folder).
    len: AtomicU64,
    /// `--sync full`: the syncer thread's queue.
    syncer: Option<Mutex<Sender<(Arc<File>, Arc<Commit>)>>>,
    /// Appends still to fail as a full disk would (tests' fault injection).
    fail_appends: AtomicUsize,
}

struct Inner {
    log: ChangeLog,
    pending: Pending,
}

impl Appender {
    pub fn new(log: ChangeLog, sync: SyncMode) -> std::io::Result<Self> {
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
            len: AtomicU64::new(log.len()),
            inner: Mutex::new(Inner {
                log,
                pending: Pending::default(),
            }),
            syncer,
            fail_appends: AtomicUsize::new(0),
        })
    }

    /// Appends `records` (encoded with `changelog::encode_*`) and applies the same changes to
    /// the net changes (`apply`). Answers the commit the request's answer waits for: done at
    /// once with `--sync normal`.
    pub fn append(
        &self,
        records: &[u8],
        apply: impl FnOnce(&mut Pending),
    ) -> std::io::Result<Arc<Commit>> {
        if self
            .fail_appends
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| n.checked_sub(1))
            .is_ok()
        {
            return Err(std::io::Error::from(std::io::ErrorKind::StorageFull));
        }
        let mut g = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        g.log.append(records)?;
        self.len.store(g.log.len(), Ordering::Relaxed);
        apply(&mut g.pending);
        let Some(syncer) = &self.syncer else {
            return Ok(Commit::done());
        };
        let commit = Commit::new();
        let file = g.log.file();
        drop(g);
        let sent = syncer
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .send((file, Arc::clone(&commit)));
        if sent.is_err() {
            return Err(std::io::Error::other("the store's syncer has stopped"));
        }
        Ok(commit)
    }

    /// The newest generation's length in bytes.
    pub fn len(&self) -> u64 {
        self.len.load(Ordering::Relaxed)
    }

    /// For the folder: starts the next generation and answers the previous one's number with
    /// the net changes of every generation up to it; None if nothing was appended since the
    /// last time.
    pub fn take(&self) -> std::io::Result<Option<(u64, Pending)>> {
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
/// their commits.
fn sync_loop(rx: Receiver<(Arc<File>, Arc<Commit>)>) {
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
