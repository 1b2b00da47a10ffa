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
    // The システム設定申込締切日 of approved 利用申込 (docs/decisions.md "Issue 13", Q1). After the
    // review: an approval due before the deadline's end is counted first.
    crate::center::deadline::cancel_overdue(ws, public_base);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::application::ApplicationStatus;
    use crate::clock::Clock;
    use crate::workspace::{ReviewPolicy, WorkspaceSpec};

    /// A stored state the API no longer accepts (a delay or a clock far beyond the bounds) is
    /// caught up with, not a panic: one damaged workspace must not fail every page.
    #[test]
    fn out_of_range_stored_states_do_not_panic() {
        let spec = WorkspaceSpec {
            seed: 1,
            now: None,
            fixture: Some("registered".into()),
        };
        for (delay_seconds, clock) in [
            (
                i64::MAX,
                Clock::Following {
                    offset_seconds: i64::MAX,
                },
            ),
            (
                i64::MIN,
                Clock::Following {
                    offset_seconds: i64::MIN,
                },
            ),
            (8_640_000_000_000, Clock::Following { offset_seconds: 0 }),
        ] {
            let mut ws = crate::fixtures::fresh("w", spec.clone(), "http://x/");
            ws.state.review_policy = ReviewPolicy::Auto { delay_seconds };
            ws.state.clock = clock;
            catch_up(&mut ws, "http://x/");
            assert_eq!(ws.state.applications[0].status, ApplicationStatus::Received);
        }
    }
}
