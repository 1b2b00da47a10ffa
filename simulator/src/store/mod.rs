//! The storage boundary: every workspace lives behind `Store`, so that a durable store can
//! replace the in-memory one without touching the screens.
//!
//! Every operation can fail: a durable store meets full disks, corrupt rows, a database another
//! process holds and files written by a newer simulator. Callers answer those failures (an
//! error screen, a JSON error, a message at start-up); nothing panics on them. Handlers do not
//! call the store directly: they go through `AppState::with_workspace` (`crate::state`), which
//! also brings the workspace up to its clock (`crate::catch_up`).

pub mod commit;
mod memory;
mod sqlite;

pub use memory::MemoryStore;
pub use sqlite::{SqliteStore, SyncMode, schema};

use crate::workspace::Workspace;

/// Why a store refused or failed. The `Display` text is for logs and the API's `detail`
/// (English); screens and pages say it in Japanese themselves.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// `create` with an id that is taken.
    #[error("a workspace with id {0} already exists")]
    Exists(String),
    /// No workspace with this id.
    #[error("no workspace {0}")]
    NotFound(String),
    /// Reading or writing the storage failed (disk full, permissions, a vanished directory).
    #[error("the workspace store could not be read or written: {0}")]
    Io(#[from] std::io::Error),
    /// Stored data that does not read back as a workspace (`id` is None when it is the store
    /// itself, not one workspace, that is damaged).
    #[error("{} is corrupt: {detail}", match id { Some(id) => format!("stored workspace {id}"), None => "the workspace store".to_string() })]
    Corrupt { id: Option<String>, detail: String },
    /// Another process or connection holds the storage; trying again later may work.
    #[error("the workspace store is locked by another process: {0}")]
    Locked(String),
    /// The storage was written by a newer simulator, whose schema this one cannot read.
    #[error(
        "the workspace store has schema version {found}; this simulator reads versions up to {supported}"
    )]
    UnsupportedVersion { found: u32, supported: u32 },
    /// Any other failure of the storage engine.
    #[error("the workspace store failed: {0}")]
    Backend(String),
}

impl StoreError {
    /// True when the same call may succeed later without anybody changing anything (the
    /// storage was busy): HTTP answers it with 503 rather than 500.
    pub fn is_temporary(&self) -> bool {
        matches!(self, StoreError::Locked(_))
    }
}

/// Where workspaces are kept. Implementations lock per workspace: a request to one workspace
/// never waits for another.
pub trait Store: Send + Sync {
    /// Adds a new workspace; `Exists` if its id is taken.
    fn create(&self, workspace: Workspace) -> Result<(), StoreError>;
    /// The ids of every workspace, sorted.
    fn ids(&self) -> Result<Vec<String>, StoreError>;
    /// Removes a workspace; `NotFound` if there was none.
    fn delete(&self, id: &str) -> Result<(), StoreError>;
    /// Runs `f` with exclusive access to the workspace; `NotFound` if there is none. A durable
    /// store persists the workspace after `f` returns, as one unit.
    fn with(&self, id: &str, f: &mut dyn FnMut(&mut Workspace)) -> Result<(), StoreError>;
    /// How many workspaces there are.
    fn count(&self) -> Result<usize, StoreError> {
        Ok(self.ids()?.len())
    }
    /// Returns once every change made so far is in the store's final form (a durable store has
    /// folded its change log into its tables); at shutdown and in tests.
    fn flush(&self) -> Result<(), StoreError> {
        Ok(())
    }
}
