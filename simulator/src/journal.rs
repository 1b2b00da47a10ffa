//! The journal: every NSS request of a workspace with its outcome (contract §5).

use crate::clock::Instant;
use serde::{Deserialize, Serialize};

/// How a request ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Ok,
    ValidationError,
    UnexpectedOperation,
    Expired,
    NotFound,
}

/// One NSS request. Only the pressed button is recorded of a form, so secrets never reach it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JournalEntry {
    pub at: Instant,
    pub method: String,
    /// The path relative to the workspace base (`app/office`).
    pub path: String,
    /// The screen the request was made on (for a POST) or asked for (GET).
    pub screen: Option<String>,
    /// The `op` value of the pressed button.
    pub button: Option<String>,
    pub outcome: Outcome,
    /// The screen the user ends up on.
    pub next_screen: Option<String>,
    pub status: u16,
}
