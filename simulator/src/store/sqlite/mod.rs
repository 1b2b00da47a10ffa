//! The durable store: workspaces kept in an SQLite database in a data directory.
//!
//! Every workspace lives in memory, as in [`MemoryStore`](super::MemoryStore), and is written
//! through: after each access the store works out what changed ([`diff`]), encodes it as one
//! record and appends it to the change log ([`appender`], [`changelog`]) before the request's
//! answer leaves — one `write`, no wait for the disk. About once a second the folder thread
//! ([`fold`]) writes the net changes ([`pending`]) into the database's tables, in one
//! transaction, and removes the log's folded generation. With `--sync full` the HTTP layer holds
//! each answer until the log is flushed to the disk ([`super::commit`]). At start the logs a
//! stopped process left are folded and the whole database is read back ([`load`]), so that a
//! restart brings back every workspace exactly, and checked ([`schema`]): a newer, damaged or
//! busy file is refused with its reason.
//!
//! The data directory holds the database (`workspaces.sqlite3` with its `-wal` and `-shm`
//! files), the change log (`changes.<generation>.log`, usually one file) and a lock file that
//! keeps a second simulator from opening the same directory.

mod appender;
mod change;
mod changelog;
mod diff;
mod fold;
mod load;
mod pending;
pub mod schema;

pub use schema::SyncMode;

use super::commit::{self, Commit};
use super::{Store, StoreError};
use crate::workspace::Workspace;
use appender::{Appender, Op};
use diff::Marks;
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::thread::JoinHandle;

/// The lock file's name inside the data directory.
const LOCK_FILE: &str = "nss-simulator.lock";

/// Workspaces in memory, written through to an SQLite file.
pub struct SqliteStore {
    workspaces: RwLock<HashMap<String, Arc<Mutex<Entry>>>>,
    next_key: AtomicI64,
    appender: Arc<Appender>,
    /// The folder's requests (None once the store is dropped).
    folder_requests: Mutex<Option<Sender<fold::Request>>>,
    folder: Mutex<Option<JoinHandle<()>>>,
    /// Keys whose last change failed: read back from the file on their next access.
    stale: Arc<Mutex<HashSet<i64>>>,
    dir: PathBuf,
    /// Held (locked) as long as the store is open.
    _lock: File,
}

struct Entry {
    key: i64,
    /// The workspace, or why it does not read back from the file.
    workspace: Result<Workspace, String>,
    marks: Marks,
    /// The commit of the last change appended (done at once unless `--sync full`).
    last: Arc<Commit>,
    /// Deleted while a request still held it: that request finds nothing.
    deleted: bool,
}

/// Maps an SQLite error to the store's.
pub(crate) fn sql_error(e: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode as C;
    let message = e.to_string();
    match e.sqlite_error_code() {
        Some(C::DatabaseBusy | C::DatabaseLocked) => StoreError::Locked(message),
        Some(C::NotADatabase | C::DatabaseCorrupt) => StoreError::Corrupt {
            id: None,
            detail: message,
        },
        Some(
            C::DiskFull
            | C::CannotOpen
            | C::ReadOnly
            | C::PermissionDenied
            | C::SystemIoFailure
            | C::NoLargeFileSupport,
        ) => StoreError::Io(std::io::Error::other(message)),
        _ => StoreError::Backend(message),
    }
}

impl SqliteStore {
    /// Opens the store in `dir` (created if missing): takes the directory's lock, opens and
    /// checks the database, folds the change logs left, reads every workspace back and starts the
    /// folder.
    pub fn open(dir: &Path, sync: SyncMode) -> Result<Self, StoreError> {
        std::fs::create_dir_all(dir).map_err(|e| {
            StoreError::Io(std::io::Error::new(
                e.kind(),
                format!("cannot create the data directory {}: {e}", dir.display()),
            ))
        })?;
        let lock = lock(dir)?;
        let mut conn = schema::open(dir, sync)?;
        let generation = changelog::recover(dir, &mut conn)?;
        let loaded = load::all(&conn)?;
        let mut map = HashMap::new();
        let mut highest = 0;
        for l in loaded {
            highest = highest.max(l.key);
            if let Err(detail) = &l.workspace {
                tracing::error!(workspace = %l.id, %detail, "a stored workspace does not read back; it answers an error until it is deleted");
            }
            let mut entry = Entry {
                key: l.key,
                workspace: l.workspace,
                marks: Marks::default(),
                last: Commit::done(),
                deleted: false,
            };
            if let Ok(ws) = &mut entry.workspace {
                // What was just read is what is stored.
                diff::diff(ws, &mut entry.marks, true)
                    .map_err(|e| StoreError::Backend(e.to_string()))?;
            }
            map.insert(l.id, Arc::new(Mutex::new(entry)));
        }
        let log = changelog::ChangeLog::create(dir, generation, sync).map_err(|e| {
            StoreError::Io(std::io::Error::new(
                e.kind(),
                format!("cannot start the change log in {}: {e}", dir.display()),
            ))
        })?;
        let stale = Arc::new(Mutex::new(HashSet::new()));
        let appender =
            Arc::new(Appender::new(log, sync, Arc::clone(&stale)).map_err(StoreError::Io)?);
        let (requests, folder_rx) = mpsc::channel();
        let folder = {
            let (dir, appender) = (dir.to_path_buf(), Arc::clone(&appender));
            std::thread::Builder::new()
                .name("nss-store-folder".into())
                .spawn(move || fold::run(conn, appender, folder_rx, dir))
                .map_err(StoreError::Io)?
        };
        Ok(SqliteStore {
            workspaces: RwLock::new(map),
            next_key: AtomicI64::new(highest + 1),
            appender,
            folder_requests: Mutex::new(Some(requests)),
            folder: Mutex::new(Some(folder)),
            stale,
            dir: dir.to_path_buf(),
            _lock: lock,
        })
    }

    /// Fault injection for tests: the next `n` appends to the change log fail as on a full
    /// disk (their changes are not acknowledged), as nothing else can make a local file refuse
    /// a write on demand.
    #[doc(hidden)]
    pub fn fail_appends(&self, n: usize) {
        self.appender.fail_appends(n);
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Asks the folder something and waits for its answer (a rare path: a flush, a reload).
    fn ask<T>(
        &self,
        request: impl FnOnce(Sender<Result<T, StoreError>>) -> fold::Request,
    ) -> Result<T, StoreError> {
        let stopped = || StoreError::Backend("the store's folder has stopped".to_string());
        let (reply, answer) = mpsc::channel();
        let sent = self
            .folder_requests
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
            .is_some_and(|tx| tx.send(request(reply)).is_ok());
        if !sent {
            return Err(stopped());
        }
        answer.recv().map_err(|_| stopped())?
    }

    /// Appends `records` (what `op` does, encoded) to the change log.
    fn append(&self, records: Vec<u8>, op: Op) -> Result<Arc<Commit>, StoreError> {
        self.appender.append(records, op).map_err(|e| {
            tracing::error!(error = %e, "a change of a workspace could not be stored");
            StoreError::Io(std::io::Error::new(
                e.kind(),
                format!("the change log could not be written: {e}"),
            ))
        })
    }

    fn entry(&self, id: &str) -> Result<Arc<Mutex<Entry>>, StoreError> {
        self.workspaces
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(id)
            .cloned()
            .ok_or_else(|| StoreError::NotFound(id.to_string()))
    }

    /// Appends what changed in `entry`'s workspace to the change log (nothing if nothing
    /// changed).
    fn write_through(&self, id: &str, entry: &mut Entry, create: bool) -> Result<(), StoreError> {
        let Ok(ws) = &mut entry.workspace else {
            return Ok(());
        };
        let change = match diff::diff(ws, &mut entry.marks, create) {
            Ok(c) => c,
            Err(e) => {
                // Memory is now ahead of what can be written: read it back on the next access.
                self.mark_stale(entry.key);
                return Err(StoreError::Backend(format!(
                    "workspace {id} could not be serialised: {e}"
                )));
            }
        };
        if !change.is_empty() {
            let key = entry.key;
            let mut records = Vec::new();
            let appended = changelog::encode_write(&mut records, key, &change)
                .map_err(|e| {
                    StoreError::Backend(format!("workspace {id} could not be encoded: {e}"))
                })
                .and_then(|()| self.append(records, Op::Write(key, change)));
            match appended {
                Ok(commit) => entry.last = commit,
                Err(e) => {
                    // Memory is now ahead of what is stored: read it back on the next access.
                    self.mark_stale(key);
                    return Err(e);
                }
            }
        }
        commit::note(&entry.last);
        Ok(())
    }

    fn mark_stale(&self, key: i64) {
        self.stale
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(key);
    }

    /// Reads `entry` back from the file if its last change failed.
    fn refresh(&self, id: &str, entry: &mut Entry) -> Result<(), StoreError> {
        if !self
            .stale
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .contains(&entry.key)
        {
            return Ok(());
        }
        // A rare path (after a failed write): this thread waits for a fold and one read.
        let key = entry.key;
        let loaded = self.ask(|reply| fold::Request::Reload { key, reply })?;
        self.stale
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&entry.key);
        let Some(loaded) = loaded else {
            return Err(StoreError::NotFound(id.to_string()));
        };
        entry.marks = Marks::default();
        entry.workspace = loaded.workspace;
        entry.last = Commit::done();
        if let Ok(ws) = &mut entry.workspace {
            diff::diff(ws, &mut entry.marks, true)
                .map_err(|e| StoreError::Backend(e.to_string()))?;
        }
        Ok(())
    }
}

/// Takes the data directory's lock file: a second simulator on the same directory is refused.
fn lock(dir: &Path) -> Result<File, StoreError> {
    let path = dir.join(LOCK_FILE);
    let file = File::options()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(&path)
        .map_err(|e| {
            StoreError::Io(std::io::Error::new(
                e.kind(),
                format!("cannot open {}: {e}", path.display()),
            ))
        })?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(StoreError::Locked(format!(
            "the data directory {} is used by another simulator (its lock file {LOCK_FILE} is held)",
            dir.display()
        ))),
        Err(std::fs::TryLockError::Error(e)) => Err(StoreError::Io(std::io::Error::new(
            e.kind(),
            format!("cannot lock {}: {e}", path.display()),
        ))),
    }
}

impl Store for SqliteStore {
    fn create(&self, mut workspace: Workspace) -> Result<(), StoreError> {
        let key = self.next_key.fetch_add(1, Ordering::Relaxed);
        let mut marks = Marks::default();
        let change = diff::diff(&mut workspace, &mut marks, true).map_err(|e| {
            StoreError::Backend(format!("the workspace could not be serialised: {e}"))
        })?;
        let mut records = Vec::new();
        changelog::encode_write(&mut records, key, &change)
            .map_err(|e| StoreError::Backend(format!("the workspace could not be encoded: {e}")))?;
        let id = workspace.id.clone();
        let cell = Arc::new(Mutex::new(Entry {
            key,
            workspace: Ok(workspace),
            marks,
            last: Commit::done(),
            deleted: false,
        }));
        // Held until the creation is appended: a request that finds the workspace in the map
        // meanwhile waits for it, so that its change is appended after the creation. The map's
        // own lock is not held across the append.
        let mut entry = cell.lock().unwrap_or_else(PoisonError::into_inner);
        {
            let mut map = self
                .workspaces
                .write()
                .unwrap_or_else(PoisonError::into_inner);
            if map.contains_key(&id) {
                return Err(StoreError::Exists(id));
            }
            map.insert(id.clone(), Arc::clone(&cell));
        }
        match self.append(records, Op::Write(key, change)) {
            Ok(commit) => {
                commit::note(&commit);
                entry.last = commit;
                Ok(())
            }
            Err(e) => {
                entry.deleted = true;
                drop(entry);
                let mut map = self
                    .workspaces
                    .write()
                    .unwrap_or_else(PoisonError::into_inner);
                if map.get(&id).is_some_and(|c| Arc::ptr_eq(c, &cell)) {
                    map.remove(&id);
                }
                Err(e)
            }
        }
    }

    fn ids(&self) -> Result<Vec<String>, StoreError> {
        let map = self
            .workspaces
            .read()
            .unwrap_or_else(PoisonError::into_inner);
        let mut ids: Vec<String> = map.keys().cloned().collect();
        ids.sort();
        Ok(ids)
    }

    fn count(&self) -> Result<usize, StoreError> {
        Ok(self
            .workspaces
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .len())
    }

    fn delete(&self, id: &str) -> Result<(), StoreError> {
        let cell = self
            .workspaces
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(id)
            .ok_or_else(|| StoreError::NotFound(id.to_string()))?;
        // Waits for a request still working on it; its change is queued before the delete. A
        // request that found it before it left the map and comes after finds it deleted.
        let mut entry = cell.lock().unwrap_or_else(PoisonError::into_inner);
        let key = entry.key;
        let mut records = Vec::new();
        changelog::encode_delete(&mut records, key);
        match self.append(records, Op::Delete(key)) {
            Ok(commit) => {
                entry.deleted = true;
                commit::note(&commit);
                Ok(())
            }
            Err(e) => {
                // Not stored as deleted: it stays, as the file has it.
                drop(entry);
                self.workspaces
                    .write()
                    .unwrap_or_else(PoisonError::into_inner)
                    .entry(id.to_string())
                    .or_insert(cell);
                Err(e)
            }
        }
    }

    fn with(&self, id: &str, f: &mut dyn FnMut(&mut Workspace)) -> Result<(), StoreError> {
        let cell = self.entry(id)?;
        let mut entry = cell.lock().unwrap_or_else(PoisonError::into_inner);
        if entry.deleted {
            return Err(StoreError::NotFound(id.to_string()));
        }
        self.refresh(id, &mut entry)?;
        match &mut entry.workspace {
            Ok(ws) => {
                // A request that panics half-way must not leave half a change behind: the
                // workspace is read back from the file (as it was before the request) on its
                // next access, and the panic goes on to the HTTP layer's handler.
                let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(ws)));
                if let Err(panic) = run {
                    self.mark_stale(entry.key);
                    drop(entry);
                    std::panic::resume_unwind(panic);
                }
            }
            Err(detail) => {
                return Err(StoreError::Corrupt {
                    id: Some(id.to_string()),
                    detail: detail.clone(),
                });
            }
        }
        self.write_through(id, &mut entry, false)
    }

    fn flush(&self) -> Result<(), StoreError> {
        self.ask(fold::Request::Flush)
    }
}

impl Drop for SqliteStore {
    /// Lets the folder fold what was appended, then stops it.
    fn drop(&mut self) {
        self.folder_requests
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(w) = self
            .folder
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
        {
            let _ = w.join();
        }
    }
}
