//! Fixture presets: workspaces created in a named state (contract §5 `"fixture"`), so that a test
//! or a training session starts where it needs to be instead of walking the screens first.
//!
//! A preset replays manual 000's own data (`fixtures/presets/manual000.json`) through the same
//! registration and review functions the screens and the console use, at fixed instants of the
//! manual's timeline; the clock stays frozen at the preset's last instant. Same seed, same preset
//! ⇒ the same IDs, mails and reception numbers, and `reset` replays it.

use crate::application::{ApplicationContent, Filer, NewApplication, TempApplicant};
use crate::center;
use crate::clock::{self, Instant};
use crate::services::{accounts, applications};
use crate::workspace::Workspace;
use serde::Deserialize;
use std::sync::OnceLock;

/// The presets, with what each leaves behind (listed by the API and the trainer's pages).
pub const PRESETS: &[(&str, &str)] = &[
    (
        "registered",
        "マニュアル000の利用申込を登録済み（申込中、2018/11/27 16:30）",
    ),
    (
        "clarification",
        "利用申込に確認事項あり（2018/11/28 10:00 にNACCSセンターが確認依頼）",
    ),
    (
        "approved",
        "審査終了・デジタル証明書発行済み（利用開始日 2018/12/25、時計は 2018/11/29 10:00）",
    ),
    (
        "start-tomorrow",
        "審査終了済みで利用開始日が明日（時計は 2018/12/24 10:00）",
    ),
];

/// The message of the `clarification` preset's 確認依頼.
pub const CLARIFICATION_MESSAGE: &str =
    "事業所の電話番号とFAX番号が同一の番号になっていないかご確認ください。";

#[derive(Deserialize)]
struct Manual000 {
    temp_account: TempApplicant,
    application: NewApplication,
}

fn manual000() -> &'static Manual000 {
    static DATA: OnceLock<Manual000> = OnceLock::new();
    DATA.get_or_init(|| {
        serde_json::from_str(include_str!("../../fixtures/presets/manual000.json"))
            .expect("fixtures/presets/manual000.json is valid (checked by a unit test)")
    })
}

/// Whether `name` is a preset.
pub fn exists(name: &str) -> bool {
    PRESETS.iter().any(|(n, _)| *n == name)
}

fn at(s: &str) -> Instant {
    clock::parse_rfc3339(s).expect("preset instants are valid")
}

/// A new workspace for `spec`, in the state of its preset if it names one: what creation and
/// `reset` give.
pub fn fresh(id: &str, spec: crate::workspace::WorkspaceSpec, public_base: &str) -> Workspace {
    let fixture = spec.fixture.clone();
    let mut ws = Workspace::new(id, spec);
    if let Some(name) = fixture {
        apply(&mut ws, &name, public_base);
    }
    ws
}

/// Puts a fresh workspace into the state of preset `name`. Returns false for an unknown name
/// (nothing is changed then).
pub fn apply(ws: &mut Workspace, name: &str, public_base: &str) -> bool {
    if !exists(name) {
        return false;
    }
    let data = manual000();
    // M000: the temporary account and the application, 2018-11-27 16:30, wish 20181225.
    let registered = at("2018-11-27T16:30:00+09:00");
    let login =
        accounts::register_temp_account(ws, registered, public_base, data.temp_account.clone());
    let number = applications::file(
        ws,
        registered,
        public_base,
        Filer::Temp(login),
        ApplicationContent::New(Box::new(data.application.clone())),
    )
    .expect("a fresh temporary ID files its application");
    let mut last = registered;
    let review = at("2018-11-28T10:00:00+09:00");
    match name {
        "clarification" => {
            center::clarify(ws, &number, CLARIFICATION_MESSAGE, review, public_base)
                .expect("a registered application can be clarified");
            last = review;
        }
        "approved" | "start-tomorrow" => {
            center::approve(ws, &number, review, public_base)
                .expect("a registered application can be approved");
            let certificates = at("2018-11-29T10:00:00+09:00");
            center::issue_certificates(ws, &number, certificates, public_base)
                .expect("an approved application gets its certificates");
            last = if name == "approved" {
                certificates
            } else {
                at("2018-12-24T10:00:00+09:00")
            };
        }
        _ => {}
    }
    ws.state.clock = clock::Clock::Frozen { at: last };
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::application::ApplicationStatus;
    use crate::workspace::WorkspaceSpec;

    fn preset(name: &str, seed: u64) -> Workspace {
        let spec = WorkspaceSpec {
            seed,
            now: None,
            fixture: Some(name.into()),
        };
        let mut ws = Workspace::new("t", spec);
        assert!(apply(&mut ws, name, "http://127.0.0.1:8080/"));
        ws
    }

    #[test]
    fn every_preset_applies() {
        for (name, _) in PRESETS {
            let ws = preset(name, 7);
            assert_eq!(ws.state.applications.len(), 1, "{name}");
            assert_eq!(ws.state.temp_accounts.len(), 1, "{name}");
        }
    }

    #[test]
    fn states_are_as_named() {
        let status = |n: &str| preset(n, 1).state.applications[0].status;
        assert_eq!(status("registered"), ApplicationStatus::Received);
        assert_eq!(status("clarification"), ApplicationStatus::Clarification);
        assert_eq!(status("approved"), ApplicationStatus::Approved);
        let ws = preset("start-tomorrow", 1);
        let issued = ws.state.applications[0].issued.as_ref().unwrap();
        assert_eq!(
            issued.start_date,
            ws.now().date_naive() + chrono::Duration::days(1)
        );
        assert!(issued.certificates_issued_at.is_some());
    }

    #[test]
    fn same_seed_same_ids_other_seed_other_ids() {
        let ids = |seed| {
            preset("approved", seed).state.applications[0]
                .issued
                .clone()
                .unwrap()
                .ids
        };
        assert_eq!(ids(3), ids(3));
        assert_ne!(ids(3).office_password, ids(4).office_password);
    }

    #[test]
    fn unknown_preset_changes_nothing() {
        let mut ws = Workspace::new(
            "t",
            WorkspaceSpec {
                seed: 0,
                now: None,
                fixture: None,
            },
        );
        assert!(!apply(&mut ws, "nope", "http://x/"));
        assert!(ws.state.applications.is_empty() && ws.mails.is_empty());
    }
}
