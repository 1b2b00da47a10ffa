//! Acknowledging only what is stored: a request's answer waits until every change it made or
//! read is committed.
//!
//! A durable store changes a workspace in memory and stores the change without holding the
//! workspace's lock across the disk. Each change carries a [`Commit`], completed once the change
//! is stored (or failed): at once when the SQLite store's change log was written by the request
//! itself, later when another thread appends it or when `--sync full` waits for the disk.
//! [`note`] records, in the
//! request's scope ([`scope`]), the commit of every workspace the request touched — its own
//! change, or the last pending change of a workspace it only read — and the HTTP layer awaits
//! them all ([`wait_all`]) before the answer leaves: no answer ever shows a state that a crash
//! could still take back. Outside a request's scope (start-up, background tasks, unit tests),
//! [`note`] does nothing.

use std::cell::RefCell;
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};
use tokio::sync::Notify;

/// Why a change was not stored; cloned to every request waiting on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitFailure {
    /// The storage was busy (another process): trying again later may work.
    pub temporary: bool,
    pub message: String,
}

impl From<CommitFailure> for super::StoreError {
    fn from(f: CommitFailure) -> Self {
        if f.temporary {
            super::StoreError::Locked(f.message)
        } else {
            super::StoreError::Backend(f.message)
        }
    }
}

/// The outcome of one change, completed once by whoever stores it, awaited by any number of
/// requests.
#[derive(Debug, Default)]
pub struct Commit {
    outcome: Mutex<Option<Result<(), CommitFailure>>>,
    notify: Notify,
}

impl Commit {
    pub fn new() -> Arc<Self> {
        Arc::new(Commit::default())
    }

    /// An already committed change (nothing to wait for).
    pub fn done() -> Arc<Self> {
        let c = Commit::new();
        c.complete(Ok(()));
        c
    }

    /// Records the outcome (the first one counts) and wakes every waiter.
    pub fn complete(&self, outcome: Result<(), CommitFailure>) {
        let mut slot = self.outcome.lock().unwrap_or_else(PoisonError::into_inner);
        if slot.is_none() {
            *slot = Some(outcome);
        }
        drop(slot);
        self.notify.notify_waiters();
    }

    /// The outcome, if the change is stored (or failed).
    pub fn outcome(&self) -> Option<Result<(), CommitFailure>> {
        self.outcome
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Waits for the outcome.
    pub async fn wait(&self) -> Result<(), CommitFailure> {
        loop {
            let notified = self.notify.notified();
            let mut notified = std::pin::pin!(notified);
            // Registered before the check: a completion between the check and the await wakes it.
            notified.as_mut().enable();
            if let Some(outcome) = self.outcome() {
                return outcome;
            }
            notified.await;
        }
    }
}

tokio::task_local! {
    static PENDING: RefCell<Vec<Arc<Commit>>>;
}

/// Runs `fut` (a request's handling) with a scope in which [`note`] records commits; answers its
/// output and the commits to await.
pub async fn scope<F: Future>(fut: F) -> (F::Output, Vec<Arc<Commit>>) {
    PENDING
        .scope(RefCell::new(Vec::new()), async move {
            let out = fut.await;
            let pending = PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()));
            (out, pending)
        })
        .await
}

/// Records that the current request's answer depends on `commit` (no-op outside a [`scope`], and
/// for a commit already done).
pub fn note(commit: &Arc<Commit>) {
    if matches!(commit.outcome(), Some(Ok(()))) {
        return;
    }
    let _ = PENDING.try_with(|p| {
        let mut p = p.borrow_mut();
        if !p.iter().any(|c| Arc::ptr_eq(c, commit)) {
            p.push(Arc::clone(commit));
        }
    });
}

/// Waits for every commit; the first failure, if any.
pub async fn wait_all(commits: &[Arc<Commit>]) -> Result<(), CommitFailure> {
    for c in commits {
        c.wait().await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_request_waits_for_what_it_noted_and_sees_a_failure() {
        let (a, b) = (Commit::new(), Commit::new());
        let ((), pending) = scope(async {
            note(&a);
            note(&a);
            note(&b);
            note(&Commit::done());
        })
        .await;
        assert_eq!(pending.len(), 2, "each once, the done one not at all");
        let waiter = tokio::spawn(async move { wait_all(&pending).await });
        a.complete(Ok(()));
        let failure = CommitFailure {
            temporary: false,
            message: "disk full".into(),
        };
        b.complete(Err(failure.clone()));
        b.complete(Ok(()));
        assert_eq!(
            waiter.await.unwrap(),
            Err(failure),
            "the first outcome counts"
        );
    }

    #[test]
    fn noting_outside_a_request_does_nothing() {
        note(&Commit::new());
    }
}
