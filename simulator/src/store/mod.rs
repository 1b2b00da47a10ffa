//! The storage boundary: every workspace lives behind `Store`, so that a durable store can
//! replace the in-memory one without touching the screens.

mod memory;

pub use memory::MemoryStore;

use crate::workspace::Workspace;

/// Why a store refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    #[error("a workspace with id {0} already exists")]
    Exists(String),
}

/// Where workspaces are kept. Implementations lock per workspace: a request to one workspace
/// never waits for another.
pub trait Store: Send + Sync {
    /// Adds a new workspace.
    fn create(&self, workspace: Workspace) -> Result<(), StoreError>;
    /// The ids of every workspace, sorted.
    fn ids(&self) -> Vec<String>;
    /// Removes a workspace; false if there was none.
    fn delete(&self, id: &str) -> bool;
    /// Runs `f` with exclusive access to the workspace; false if there is none. A durable store
    /// persists the workspace after `f` returns.
    fn with(&self, id: &str, f: &mut dyn FnMut(&mut Workspace)) -> bool;
}

/// Runs `f` on the workspace and returns its result, or None when there is no such workspace.
pub fn update<R>(store: &dyn Store, id: &str, f: impl FnOnce(&mut Workspace) -> R) -> Option<R> {
    let mut f = Some(f);
    let mut out = None;
    store.with(id, &mut |ws| {
        if let Some(f) = f.take() {
            out = Some(f(ws));
        }
    });
    out
}
