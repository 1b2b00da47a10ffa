//! The checks of a client step (docs/kit.md, "What the kit checks"): the record against the
//! input ([`record`]), the conduct in the journal ([`conduct`]), the manuals' formats
//! ([`format`]) and the snapshots shipped with the kit ([`snapshot`]). The report checks (the
//! outputs against the truth) are the scenario's `ならば` steps.

pub mod conduct;
pub mod format;
pub mod record;
pub mod snapshot;
