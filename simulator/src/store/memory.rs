//! The in-memory store: a map of workspaces, each behind its own mutex.

use super::{Store, StoreError};
use crate::workspace::Workspace;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError, RwLock};

/// Workspaces in memory. The map lock is held only to find a workspace, never while one is
/// being worked on; each workspace has its own lock.
#[derive(Default)]
pub struct MemoryStore {
    workspaces: RwLock<HashMap<String, Arc<Mutex<Workspace>>>>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }
}

impl Store for MemoryStore {
    fn create(&self, workspace: Workspace) -> Result<(), StoreError> {
        let mut map = self
            .workspaces
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        if map.contains_key(&workspace.id) {
            return Err(StoreError::Exists(workspace.id));
        }
        map.insert(workspace.id.clone(), Arc::new(Mutex::new(workspace)));
        Ok(())
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
        self.workspaces
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(id)
            .map(drop)
            .ok_or_else(|| StoreError::NotFound(id.to_string()))
    }

    fn with(&self, id: &str, f: &mut dyn FnMut(&mut Workspace)) -> Result<(), StoreError> {
        let cell = {
            let map = self
                .workspaces
                .read()
                .unwrap_or_else(PoisonError::into_inner);
            match map.get(id) {
                Some(cell) => Arc::clone(cell),
                None => return Err(StoreError::NotFound(id.to_string())),
            }
        };
        // A panic inside a handler must not lock everybody out of the workspace after. What the
        // request changed before it panicked stays: this store has no rollback.
        let mut ws = cell.lock().unwrap_or_else(PoisonError::into_inner);
        f(&mut ws);
        Ok(())
    }
}
