//! The システム設定申込締切日 (docs/decisions.md "Issue 13", Q1): an approved 利用申込 for which
//! the office it created registered no システム設定申込 by the end of the システム設定申込締切日
//! printed on its ID通知内容 (the schedule row of its 利用開始日: M000 【16】(1), M001 l.569) is
//! cancelled — 「システム設定申込が期日までに終わらない場合、お申込はキャンセルとなります」 (M003
//! l.253; M002 l.128-129, 792-796). The same date is printed in the ID通知内容, the 確認完了 mail
//! and the 無効 mail.
//!
//! Fired by `crate::catch_up` on every access to the workspace, stamped at the instant the
//! deadline ended (00:00 of the next day), whatever request comes next.

use super::find;
use crate::application::{Application, ApplicationStatus, Decision, Filer, ReviewEntry};
use crate::clock::Instant;
use crate::mail;
use crate::outbox;
use crate::workspace::Workspace;
use crate::workspace::news::{self, NewsItem};
use chrono::TimeZone;

/// When the システム設定申込締切日 of an approved 利用申込 ends: 00:00 (JST) of the next day.
pub fn deadline_end(app: &Application) -> Option<Instant> {
    let issued = app.issued.as_ref()?;
    let next = issued.settings_deadline.succ_opt()?;
    crate::clock::jst()
        .from_local_datetime(&next.and_hms_opt(0, 0, 0)?)
        .single()
}

/// Whether the office `code` registered a システム設定申込 before `end` that still stands (a
/// withdrawn one does not count: 取下げ ends it).
fn settings_filed(ws: &Workspace, code: &str, end: Instant) -> bool {
    let filer = Filer::Office(code.to_string());
    ws.state.applications.iter().any(|a| {
        a.content.as_settings().is_some()
            && a.filed_by(&filer)
            && a.submitted_at < end
            && a.status != ApplicationStatus::Withdrawn
    })
}

/// The approved 利用申込 whose deadline has ended at `now` without a システム設定申込, with that
/// end. Only an approval that issued 利用者コード needs one: without a code there is nothing to
/// set.
fn overdue(ws: &Workspace, now: Instant) -> Vec<(String, Instant)> {
    ws.state
        .applications
        .iter()
        .filter(|a| a.status == ApplicationStatus::Approved && a.creates_office())
        .filter_map(|a| {
            let issued = a.issued.as_ref()?;
            let end = deadline_end(a)?;
            let due = end <= now
                && !issued.ids.user_ids.is_empty()
                && !settings_filed(ws, &issued.ids.office_code, end);
            due.then(|| (a.reception_number.clone(), end))
        })
        .collect()
}

/// Cancels every approved 利用申込 whose システム設定申込締切日 ended without a システム設定申込:
/// ステータス 無効, a 進行状況 row, a 新着情報 line, the 無効 mail to 申込担当者 and 管理責任者,
/// and the office it created can no longer log in (its IDs never reach NACCS).
pub fn cancel_overdue(ws: &mut Workspace, public_base: &str) {
    let now = ws.now();
    for (number, at) in overdue(ws, now) {
        if let Err(e) = cancel(ws, &number, at, public_base) {
            tracing::warn!(error = %e, "cancellation not applied");
        }
    }
}

fn cancel(
    ws: &mut Workspace,
    number: &str,
    at: Instant,
    public_base: &str,
) -> Result<(), super::ReviewError> {
    let (ctx, office_code, kind) = {
        let app = find(ws, number)?;
        let Some(issued) = app.issued.clone() else {
            return Err(super::ReviewError::NotApproved(number.to_string()));
        };
        let Some(n) = app.content.as_new() else {
            return Err(super::ReviewError::NotApproved(number.to_string()));
        };
        let company = n.office.company.as_str();
        let ctx = mail::ApplicationCancelled {
            to: vec![
                outbox::recipient(&n.applicant.person, company),
                outbox::recipient(&n.manager(), company),
            ],
            received_on: app.submitted_at.date_naive(),
            reception_number: number.to_string(),
            start_date: issued.start_date,
            system_settings_deadline: issued.settings_deadline,
            login_url: outbox::login_url(public_base),
        };
        app.status = ApplicationStatus::Cancelled;
        app.review.push(ReviewEntry {
            at,
            decision: Decision::Cancel,
            item: format!("{} 無効", app.kind().work_item()),
            message: Some(news::APPLICATION_CANCELLED.to_string()),
        });
        (ctx, issued.ids.office_code, app.kind())
    };
    crate::events::emit(
        ws,
        at,
        crate::events::Event::settings_deadline_passed(number, at),
    );
    crate::events::emit(
        ws,
        at,
        crate::events::Event::reviewed(number, ApplicationStatus::Approved),
    );
    ws.state.offices.remove(&office_code);
    ws.state.news.push(NewsItem {
        at,
        kind: kind.news_kind().into(),
        reception_number: Some(number.to_string()),
        text: news::APPLICATION_CANCELLED.into(),
    });
    outbox::send(ws, at, &ctx);
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::application::{ApplicationStatus, Filer};
    use crate::clock::{self, Clock};
    use crate::workspace::{Workspace, WorkspaceSpec};

    const BASE: &str = "http://x/";

    /// M000's application approved, the clock one business day before its deadline (12/14).
    fn before_deadline() -> (Workspace, String) {
        let spec = WorkspaceSpec {
            seed: 5,
            now: None,
            fixture: Some("settings-deadline-tomorrow".into()),
        };
        let ws = crate::fixtures::fresh("t", spec, BASE);
        let number = ws.state.applications[0].reception_number.clone();
        (ws, number)
    }

    fn at(s: &str) -> clock::Instant {
        clock::parse_rfc3339(s).unwrap()
    }

    fn move_to(ws: &mut Workspace, s: &str) {
        ws.state.clock = Clock::Frozen { at: at(s) };
        crate::catch_up::catch_up(ws, BASE);
    }

    #[test]
    fn a_settings_application_filed_in_time_keeps_it_even_under_review() {
        let (mut ws, number) = before_deadline();
        let settings =
            crate::fixtures::file_settings(&mut ws, &number, at("2018-12-14T23:59:00+09:00"), BASE);
        move_to(&mut ws, "2019-01-10T10:00:00+09:00");
        assert_eq!(ws.state.applications[0].status, ApplicationStatus::Approved);
        assert_eq!(
            ws.application(&settings).unwrap().status,
            ApplicationStatus::Received
        );
    }

    #[test]
    fn a_withdrawn_one_does_not_count_and_the_rule_fires_once() {
        let (mut ws, number) = before_deadline();
        let settings =
            crate::fixtures::file_settings(&mut ws, &number, at("2018-12-13T10:00:00+09:00"), BASE);
        let office = Filer::Office(
            ws.state.applications[0]
                .issued
                .as_ref()
                .unwrap()
                .ids
                .office_code
                .clone(),
        );
        let now = at("2018-12-13T11:00:00+09:00");
        crate::center::clarify(&mut ws, &settings, "確認", now, BASE).unwrap();
        crate::services::applications::withdraw(&mut ws, now, &office, &settings).unwrap();
        move_to(&mut ws, "2018-12-14T23:59:59+09:00");
        assert_eq!(ws.state.applications[0].status, ApplicationStatus::Approved);
        let mails = ws.mails.len();
        move_to(&mut ws, "2018-12-15T00:00:00+09:00");
        let a = &ws.state.applications[0];
        assert_eq!(a.status, ApplicationStatus::Cancelled);
        assert_eq!(ws.mails.len(), mails + 1);
        assert!(!ws.state.offices.contains_key(office.id()));
        move_to(&mut ws, "2018-12-20T00:00:00+09:00");
        assert_eq!(ws.mails.len(), mails + 1, "fires once");
        assert_eq!(
            ws.state
                .news
                .iter()
                .filter(|n| n.text == crate::workspace::news::APPLICATION_CANCELLED)
                .count(),
            1
        );
    }

    #[test]
    fn an_office_files_its_own_settings_only() {
        let (mut ws, number) = before_deadline();
        let settings =
            crate::fixtures::file_settings(&mut ws, &number, at("2018-12-13T10:00:00+09:00"), BASE);
        let content = ws.application(&settings).unwrap().content.clone();
        let now = at("2018-12-13T10:00:00+09:00");
        let temp = ws.state.applications[0].filer.clone();
        for filer in [Filer::Office("NAC001".into()), temp] {
            let refused =
                crate::services::applications::file(&mut ws, now, BASE, filer, content.clone());
            assert!(
                matches!(
                    refused,
                    Err(crate::services::applications::FilingError::WrongFiler(..))
                ),
                "{refused:?}"
            );
        }
        assert_eq!(ws.state.applications.len(), 2);
    }
}
