//! The NACCS center: the review of applications (審査), what approval issues, the certificate
//! step, the clarification loop and the automatic review policy (procedures.md §4, §9).
//! Plain functions over a workspace; the API, the operator console and the applicant's screens
//! all come here.

pub mod change;
pub mod checks;
pub mod deadline;
mod issue;
pub mod parties;
pub mod settings;

use crate::application::{
    Application, ApplicationContent, ApplicationStatus, Decision, IssuedRecord, NewApplication,
    ReviewEntry,
};
use crate::clock::Instant;
use crate::domain::calendar::schedule;
use crate::domain::sharing::SharingKind;
use crate::events::{self, Event};
use crate::mail;
use crate::outbox;
use crate::workspace::news::{self, NewsItem};
use crate::workspace::office::Office;
use crate::workspace::{ReviewPolicy, Workspace};

/// Why the center cannot do what was asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    #[error("no application {0}")]
    NotFound(String),
    #[error("application {number} is {status}: only 申込中 applications can be reviewed")]
    NotUnderReview {
        number: String,
        status: &'static str,
    },
    #[error("application {0} is not approved: certificates are issued after approval")]
    NotApproved(String),
    #[error("certificates of application {0} are already issued")]
    AlreadyIssued(String),
    #[error("a clarification needs a message for the applicant")]
    EmptyMessage,
    #[error("a correction of application {0} must be of the same kind")]
    KindMismatch(String),
    #[error("office {0} does not exist")]
    NoOffice(String),
    #[error("application {0} issues no terminal: there is no digital certificate to issue")]
    NoCertificates(String),
}

impl ReviewError {
    /// The same, in Japanese, for the operator console.
    pub fn japanese(&self) -> String {
        match self {
            ReviewError::NotFound(n) => format!("申込「{n}」は存在しません。"),
            ReviewError::NotUnderReview { number, status } => {
                format!(
                    "申込「{number}」のステータスは「{status}」です。審査できるのは申込中の申込だけです。"
                )
            }
            ReviewError::NotApproved(n) => {
                format!(
                    "申込「{n}」は審査終了していません。デジタル証明書は審査終了後に発行します。"
                )
            }
            ReviewError::AlreadyIssued(n) => {
                format!("申込「{n}」のデジタル証明書は発行済みです。")
            }
            ReviewError::EmptyMessage => "確認事項の内容を入力してください。".to_string(),
            ReviewError::KindMismatch(n) => {
                format!("申込「{n}」と異なる種類の申込内容では修正できません。")
            }
            ReviewError::NoOffice(c) => format!("事業所コード「{c}」の事業所は存在しません。"),
            ReviewError::NoCertificates(n) => {
                format!(
                    "申込「{n}」では論理端末を追加していないため、発行するデジタル証明書はありません。"
                )
            }
        }
    }
}

pub(crate) fn find<'a>(
    ws: &'a mut Workspace,
    number: &str,
) -> Result<&'a mut Application, ReviewError> {
    ws.application_mut(number)
        .ok_or_else(|| ReviewError::NotFound(number.to_string()))
}

fn under_review(app: &Application) -> Result<(), ReviewError> {
    if app.status == ApplicationStatus::Received {
        Ok(())
    } else {
        Err(ReviewError::NotUnderReview {
            number: app.reception_number.clone(),
            status: app.status.label(),
        })
    }
}

/// The start date approval gives a 利用申込: the wish if the schedule allows it from the
/// registration date, else the next feasible start date (procedures.md §8). None for the kinds
/// without a 利用開始日.
pub fn start_date_for(app: &Application) -> Option<chrono::NaiveDate> {
    let registered = app.submitted_at.date_naive();
    match &app.content {
        ApplicationContent::New(n) => Some(schedule::feasible_start(registered, n.start_wish())),
        ApplicationContent::Change(c) => Some(schedule::feasible_start(registered, c.start_wish())),
        ApplicationContent::SystemSettings(_) => None,
    }
}

/// 審査終了: what approval does depends on the kind of application.
pub fn approve(
    ws: &mut Workspace,
    number: &str,
    now: Instant,
    public_base: &str,
) -> Result<(), ReviewError> {
    let app = find(ws, number)?;
    under_review(app)?;
    match app.content.clone() {
        ApplicationContent::New(content) => approve_new(ws, number, &content, now, public_base),
        ApplicationContent::Change(content) => {
            change::approve(ws, number, &content, now, public_base)
        }
        ApplicationContent::SystemSettings(content) => {
            settings::approve(ws, number, &content, now, public_base)
        }
    }
}

/// 審査終了 of a 新規申込: issues the IDs, creates the office, tells the applicant (新着情報,
/// mails).
fn approve_new(
    ws: &mut Workspace,
    number: &str,
    content: &NewApplication,
    now: Instant,
    public_base: &str,
) -> Result<(), ReviewError> {
    let (start, submitted_on, kind) = {
        let app = find(ws, number)?;
        let registered = app.submitted_at.date_naive();
        (
            schedule::feasible_start(registered, content.start_wish()),
            registered,
            app.kind(),
        )
    };
    let row = schedule::row_for_start(start);
    ws.seed_customers();
    let request = issue::request(content, &|code| issue::system_of_code(ws, code));
    let joint_use = checks::special_kind(ws, content) == Some(SharingKind::JointUse);
    let ids = {
        let taken = issue::taken(ws);
        // A 機器共用 office takes its owner's 略称 (same company); a 共同利用 office of a new
        // company must not: it gets its own (M002 l.10).
        let abbr = issue::known_abbreviation(ws, content).or_else(|| {
            joint_use.then(|| {
                crate::domain::issuance::company_abbreviation(
                    &mut ws.state.rng,
                    content.office.company_kana.as_str(),
                    &|v: &str| taken.contains(v),
                )
            })
        });
        let mut ids = crate::domain::issuance::issue_for_company(
            &mut ws.state.rng,
            &request,
            abbr.as_deref(),
            &|v: &str| taken.contains(v),
        );
        let lines = issue::line_terminals(&mut ws.state.rng, content, &ids, &|v: &str| {
            taken.contains(v)
        });
        ids.terminals.extend(lines);
        ids
    };
    let office = Office {
        code: ids.office_code.clone(),
        password: ids.office_password.clone(),
        contract: issue::contract(content, &ids, start),
        application: Some(number.to_string()),
    };
    ws.state.offices.insert(office.code.clone(), office);
    {
        let a = find(ws, number)?;
        a.status = ApplicationStatus::Approved;
        a.issued = Some(IssuedRecord {
            approved_at: now,
            start_date: start,
            settings_deadline: row.settings_deadline,
            contract_deadline: row.contract_deadline,
            ids,
            certificates_issued_at: None,
        });
        a.review.push(ReviewEntry {
            at: now,
            decision: Decision::Approve,
            item: format!("{} 回答(審査終了)", kind.work_item()),
            message: None,
        });
    }
    events::emit(
        ws,
        now,
        Event::reviewed(number, ApplicationStatus::Received),
    );
    ws.state.news.push(NewsItem {
        at: now,
        kind: kind.news_kind().into(),
        reception_number: Some(number.to_string()),
        text: news::approved_text(kind).into(),
    });
    let ctx = mail::ApplicationConfirmed {
        to: issue::applicant_and_manager(content),
        received_on: submitted_on,
        reception_number: number.to_string(),
        login_url: outbox::login_url(public_base),
        system_settings_deadline: Some(row.settings_deadline),
    };
    outbox::send(ws, now, &ctx);
    // 口座振替 without 同一口座振替: the form is posted to the 請求先担当者 (procedures.md §10).
    if content.needs_transfer_form() {
        let ctx = mail::AccountTransferForm {
            to: issue::billing_contact(content),
            received_on: submitted_on,
            reception_number: number.to_string(),
        };
        outbox::send(ws, now, &ctx);
        ws.state.news.push(NewsItem {
            at: now,
            kind: "利用料金".into(),
            reception_number: Some(number.to_string()),
            text: news::TRANSFER_FORM_SENT.into(),
        });
    }
    Ok(())
}

/// 確認事項: the center asks; the applicant corrects (修正) or withdraws (取下げ). The same for
/// every kind (M004): 進行状況 「{作業項目} 回答(内容確認)」 with the message, the 確認依頼 mail to
/// the 申込担当者, the kind's 新着情報 line.
pub fn clarify(
    ws: &mut Workspace,
    number: &str,
    message: &str,
    now: Instant,
    public_base: &str,
) -> Result<(), ReviewError> {
    let message = message.trim();
    if message.is_empty() {
        return Err(ReviewError::EmptyMessage);
    }
    let app = find(ws, number)?;
    under_review(app)?;
    let kind = app.kind();
    app.status = ApplicationStatus::Clarification;
    app.review.push(ReviewEntry {
        at: now,
        decision: Decision::Clarify,
        item: format!("{} 回答(内容確認)", kind.work_item()),
        message: Some(message.to_string()),
    });
    let ctx = mail::ClarificationRequested {
        to: parties::applicant(&app.content),
        received_on: app.submitted_at.date_naive(),
        reception_number: number.to_string(),
        login_url: outbox::login_url(public_base),
    };
    ws.state.news.push(NewsItem {
        at: now,
        kind: kind.news_kind().into(),
        reception_number: Some(number.to_string()),
        text: news::clarify_text(kind).into(),
    });
    events::emit(
        ws,
        now,
        Event::reviewed(number, ApplicationStatus::Received),
    );
    outbox::send(ws, now, &ctx);
    Ok(())
}

/// The certificate step after approval: デジタル証明書発行完了のお知らせ to the 管理責任者.
pub fn issue_certificates(
    ws: &mut Workspace,
    number: &str,
    now: Instant,
    public_base: &str,
) -> Result<(), ReviewError> {
    let app = find(ws, number)?;
    // Certificates are per terminal of a 利用申込 (M001 3.①): a システム設定申込 has none.
    let Some(to) = parties::certificates_manager(&app.content) else {
        return Err(ReviewError::NotApproved(number.to_string()));
    };
    let Some(issued) = app.issued.as_mut() else {
        return Err(ReviewError::NotApproved(number.to_string()));
    };
    if issued.certificates_issued_at.is_some() {
        return Err(ReviewError::AlreadyIssued(number.to_string()));
    }
    // Certificates are per terminal: a change that adds none (M001 3.), an office that uses
    // another's equipment (M002 l.20-21) or only a shared 利用者コード (M003) has none to issue,
    // and no mail to send (audit M-20).
    if issued.ids.terminals.is_empty() {
        return Err(ReviewError::NoCertificates(number.to_string()));
    }
    issued.certificates_issued_at = Some(now);
    app.review.push(ReviewEntry {
        at: now,
        decision: Decision::Certificates,
        item: "デジタル証明書発行".into(),
        message: None,
    });
    let ctx = mail::CertificateIssued {
        to,
        received_on: app.submitted_at.date_naive(),
        reception_number: number.to_string(),
        login_url: outbox::login_url(public_base),
        info_page_url: format!("{public_base}bbs/"),
    };
    events::emit(
        ws,
        now,
        Event::reviewed(number, ApplicationStatus::Approved),
    );
    outbox::send(ws, now, &ctx);
    Ok(())
}

/// The applicant's 修正: the corrected content goes back to review.
pub fn amend(
    ws: &mut Workspace,
    number: &str,
    content: ApplicationContent,
    now: Instant,
) -> Result<(), ReviewError> {
    let app = find(ws, number)?;
    if app.status != ApplicationStatus::Clarification {
        return Err(ReviewError::NotUnderReview {
            number: number.to_string(),
            status: app.status.label(),
        });
    }
    if content.kind() != app.kind() {
        return Err(ReviewError::KindMismatch(number.to_string()));
    }
    let kind = app.kind();
    app.content = content;
    app.status = ApplicationStatus::Received;
    app.resubmitted_at = Some(now);
    app.review.push(ReviewEntry {
        at: now,
        decision: Decision::Amend,
        item: format!("{} 修正", kind.work_item()),
        message: None,
    });
    events::emit(
        ws,
        now,
        Event::reviewed(number, ApplicationStatus::Clarification),
    );
    Ok(())
}

/// The applicant's 取下げ.
pub fn withdraw(ws: &mut Workspace, number: &str, now: Instant) -> Result<(), ReviewError> {
    let app = find(ws, number)?;
    if app.status != ApplicationStatus::Clarification {
        return Err(ReviewError::NotUnderReview {
            number: number.to_string(),
            status: app.status.label(),
        });
    }
    app.status = ApplicationStatus::Withdrawn;
    let item = format!("{} 取下げ", app.kind().work_item());
    app.review.push(ReviewEntry {
        at: now,
        decision: Decision::Withdraw,
        item,
        message: None,
    });
    events::emit(
        ws,
        now,
        Event::reviewed(number, ApplicationStatus::Clarification),
    );
    Ok(())
}

/// The automatic policy: approves (and issues the certificates of) every application whose
/// delay has passed on the workspace clock. Runs before each access to the workspace
/// (`crate::catch_up`), so that moving the clock is enough for an unattended test to see the
/// answer.
pub fn run_due(ws: &mut Workspace, public_base: &str) {
    let ReviewPolicy::Auto { delay_seconds } = ws.state.review_policy else {
        return;
    };
    let now = ws.now();
    let due: Vec<(String, Instant, bool)> = ws
        .state
        .applications
        .iter()
        .filter(|a| a.status == ApplicationStatus::Received)
        .filter_map(|a| {
            // Checked: a delay beyond chrono's range (only a stored state could hold one; the
            // API and the console bound it) is never due rather than a panic.
            let due = a
                .resubmitted_at
                .unwrap_or(a.submitted_at)
                .checked_add_signed(chrono::Duration::try_seconds(delay_seconds)?)?;
            // A システム設定申込 issues no certificates.
            let certificates = a.content.as_settings().is_none();
            Some((a.reception_number.clone(), due, certificates))
        })
        .filter(|(_, at, _)| *at <= now)
        .collect();
    for (number, at, certificates) in due {
        // Stamped at the instant the answer was due, not when somebody looked.
        events::emit(ws, at, Event::auto_review_due(&number, at));
        if approve(ws, &number, at, public_base).is_ok() && certificates {
            match issue_certificates(ws, &number, at, public_base) {
                // Nothing to issue: no terminal (a change adding none, a 機器共用 office, a
                // shared 利用者コード only).
                Ok(()) | Err(ReviewError::NoCertificates(_)) => {}
                Err(e) => tracing::warn!(error = %e, "automatic certificates not issued"),
            }
        }
    }
}

/// Passwords of ID通知内容 are shown from the 審査終了日 through 2 business days after the
/// 利用開始日 and masked afterwards (procedures.md §4; M002: review 12/2, start 12/10, shown
/// through 12/12, hidden from 12/13).
pub fn passwords_visible(issued: &IssuedRecord, today: chrono::NaiveDate) -> bool {
    let last = crate::domain::calendar::business_days::add_business_days(issued.start_date, 2);
    issued.approved_at.date_naive() <= today && today <= last
}
