//! Time-driven rules in one place: everything that falls due on a workspace's clock.
//!
//! A workspace's clock moves without anybody sending a request (it follows real time, or the
//! API moves it), so what falls due is fired lazily: [`catch_up`] runs first on every access to
//! a workspace, through `AppState::with_workspace` (`crate::state`), which is the only way
//! handlers reach a workspace. No screen, page or API call can therefore see a workspace that is
//! behind its clock. A rule added here fires everywhere at once.

use crate::workspace::Workspace;

/// Fires every time-driven rule whose moment has come on the workspace clock, stamped at the
/// instant it was due. `public_base` is the workspace's absolute base URL, for the mails sent.
pub fn catch_up(ws: &mut Workspace, public_base: &str) {
    // The NACCS center's automatic review (審査終了 and the certificates), when the workspace
    // has the automatic policy on.
    crate::center::run_due(ws, public_base);
}
