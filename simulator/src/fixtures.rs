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
        "審査終了済み・システム設定申込も審査終了（2018/12/04）で利用開始日が明日（時計は 2018/12/24 10:00）",
    ),
    (
        "settings-deadline-tomorrow",
        "審査終了済みでシステム設定申込は未登録、システム設定申込締切日 2018/12/14 の前営業日（時計は 2018/12/13 10:00）",
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

/// The instant at which preset `name` leaves its clock.
fn final_instant(name: &str) -> Instant {
    at(match name {
        "registered" => "2018-11-27T16:30:00+09:00",
        "clarification" => "2018-11-28T10:00:00+09:00",
        "approved" => "2018-11-29T10:00:00+09:00",
        "settings-deadline-tomorrow" => "2018-12-13T10:00:00+09:00",
        _ => "2018-12-24T10:00:00+09:00",
    })
}

/// Puts a fresh workspace into the state of preset `name`. Returns false for an unknown name
/// (nothing is changed then).
pub fn apply(ws: &mut Workspace, name: &str, public_base: &str) -> bool {
    if !exists(name) {
        return false;
    }
    let data = manual000();
    // The preset's world is the manual's 2018: the seeded customers' contracts and invoices are
    // dated from the day its clock stops, not from the day the workspace was created (audit
    // M-18). They are seeded on first need (an approval, a login), always after this.
    if !ws.state.customers_seeded {
        ws.state.created_on = final_instant(name).date_naive();
    }
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
        "approved" | "start-tomorrow" | "settings-deadline-tomorrow" => {
            center::approve(ws, &number, review, public_base)
                .expect("a registered application can be approved");
            let certificates = at("2018-11-29T10:00:00+09:00");
            center::issue_certificates(ws, &number, certificates, public_base)
                .expect("an approved application gets its certificates");
            last = match name {
                "approved" => certificates,
                "settings-deadline-tomorrow" => at("2018-12-13T10:00:00+09:00"),
                _ => {
                    // Past the システム設定申込締切日 (12/14) the application stands only with
                    // its システム設定申込 (docs/decisions.md "Issue 13", Q1).
                    let filed = at("2018-12-03T10:00:00+09:00");
                    let settings = file_settings(ws, &number, filed, public_base);
                    center::approve(ws, &settings, at("2018-12-04T10:00:00+09:00"), public_base)
                        .expect("a registered システム設定申込 can be approved");
                    at("2018-12-24T10:00:00+09:00")
                }
            };
        }
        _ => {}
    }
    debug_assert_eq!(last, final_instant(name));
    ws.state.clock = clock::Clock::Frozen { at: last };
    true
}

/// The 名称 of M000's office (電子化・効率化推進室 本社, 霞が関1-3-1), in English as M002 3.1 writes
/// its own (the reading of the 企業名; 「I.KONSAI」 for 混載 一郎: 貿易 太郎 → T.BOEKI).
const MANUAL000_NAMES: (&str, &str, &str, [&str; 3], &str) = (
    "DENSHIKA KORITSUKA SUISHINSHITSU",
    "HONSHA",
    "1008901",
    ["TOKYO TO", "CHIYODA KU", "KASUMIGASEKI 1-3-1"],
    "T.BOEKI",
);

/// The office of approved application `number` files the 名称 of each of its 利用者コード at
/// `when` (M002 3.1), its 申込担当者 M000's. Returns the …C 申込受付番号.
pub(crate) fn file_settings(
    ws: &mut Workspace,
    number: &str,
    when: Instant,
    public_base: &str,
) -> String {
    use crate::application::settings::{CodeSetting, EnglishNames, Reflection, Registration};
    use crate::domain::english::EnglishText;
    use crate::domain::format::{PostalCode, UserCode};
    let app = ws.application(number).expect("the approved application");
    let office_code = app
        .issued
        .as_ref()
        .expect("approved")
        .ids
        .office_code
        .clone();
    let applicant = app
        .content
        .as_new()
        .expect("a 利用申込")
        .applicant
        .person
        .clone();
    let office = ws.state.offices.get(&office_code).expect("its office");
    let company = office.contract.company.clone();
    let (c, o, postal, address, manager) = MANUAL000_NAMES;
    let names = EnglishNames {
        company: EnglishText::parse(c).expect("valid"),
        office: EnglishText::parse(o).expect("valid"),
        postal: PostalCode::parse(postal).expect("valid"),
        address: address
            .iter()
            .map(|l| EnglishText::parse(l).expect("valid"))
            .collect(),
        manager: EnglishText::parse(manager).expect("valid"),
    };
    let codes = center::settings::office_codes(&office.contract)
        .into_iter()
        .map(|code| CodeSetting {
            user_code: UserCode::parse(&code.code).expect("an issued code"),
            names: names.clone(),
            all_offices: true,
            reset: None,
        })
        .collect();
    let content = crate::application::SystemSettingsApplication {
        office_code: office_code.clone(),
        company,
        applicant,
        codes,
        registration: Registration {
            reflection: Reflection::Earliest,
            remarks: None,
        },
    };
    applications::file(
        ws,
        when,
        public_base,
        Filer::Office(office_code),
        ApplicationContent::SystemSettings(Box::new(content)),
    )
    .expect("the office files its システム設定申込")
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
            let settings = usize::from(*name == "start-tomorrow");
            assert_eq!(ws.state.applications.len(), 1 + settings, "{name}");
            assert_eq!(ws.state.temp_accounts.len(), 1, "{name}");
        }
    }

    /// The start-tomorrow preset stands past its システム設定申込締切日 with its システム設定申込
    /// approved; settings-deadline-tomorrow one business day before the deadline without one, and
    /// the clock passing the deadline cancels it.
    #[test]
    fn presets_around_the_settings_deadline() {
        let mut ws = preset("start-tomorrow", 1);
        crate::catch_up::catch_up(&mut ws, "http://x/");
        assert_eq!(ws.state.applications[0].status, ApplicationStatus::Approved);
        let settings = &ws.state.applications[1];
        assert!(settings.reception_number.ends_with('C'));
        assert_eq!(settings.status, ApplicationStatus::Approved);

        let mut ws = preset("settings-deadline-tomorrow", 1);
        let a = &ws.state.applications[0];
        let deadline = a.issued.as_ref().unwrap().settings_deadline;
        assert_eq!(deadline.to_string(), "2018-12-14");
        assert_eq!(
            crate::domain::calendar::add_business_days(ws.now().date_naive(), 1),
            deadline
        );
        crate::catch_up::catch_up(&mut ws, "http://x/");
        assert_eq!(ws.state.applications[0].status, ApplicationStatus::Approved);
        ws.state.clock = clock::Clock::Frozen {
            at: at("2018-12-15T00:00:00+09:00"),
        };
        crate::catch_up::catch_up(&mut ws, "http://x/");
        assert_eq!(
            ws.state.applications[0].status,
            ApplicationStatus::Cancelled
        );
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
