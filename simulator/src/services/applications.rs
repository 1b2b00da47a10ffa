//! Filing, correcting and withdrawing applications (M000 【完了】, M004 修正/取下げ), for every
//! kind and every filer.

use crate::application::{
    Application, ApplicationContent, ApplicationKind, ApplicationStatus, Filer,
};
use crate::center::checks::RuleError;
use crate::center::{self, ReviewError};
use crate::clock::Instant;
use crate::domain::ids;
use crate::mail;
use crate::outbox;
use crate::workspace::Workspace;
use crate::workspace::news::{self, NewsItem};

/// Why an application cannot be filed, corrected or withdrawn.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilingError {
    #[error("{0:?} cannot file a {1:?} application")]
    WrongFiler(Filer, ApplicationKind),
    #[error("temporary ID {0} does not exist")]
    NoAccount(String),
    #[error("temporary ID {0} has already filed application {1}")]
    AlreadyFiled(String, String),
    #[error("application {0} was not filed by {1:?}")]
    NotFiler(String, Filer),
    #[error("office {0} does not exist")]
    NoOffice(String),
    #[error("office {0} has change application {1} under review")]
    ChangePending(String, String),
    #[error(transparent)]
    Review(#[from] ReviewError),
    /// A rule over the workspace's offices (機器共用先, shared 利用者コード, the path's 処理方式)
    /// refuses it.
    #[error(transparent)]
    Rule(#[from] RuleError),
}

impl FilingError {
    /// The same, in Japanese, for the screens.
    pub fn japanese(&self) -> String {
        match self {
            FilingError::WrongFiler(..) => {
                "このログインIDでは、この申込を行うことはできません。".to_string()
            }
            FilingError::NoAccount(_) => "仮ログインIDが存在しません。".to_string(),
            FilingError::AlreadyFiled(_, n) => {
                format!("この仮ログインIDでは、既に利用申込（申込受付番号「{n}」）を登録済みです。")
            }
            FilingError::NotFiler(n, _) => format!("申込「{n}」は存在しません。"),
            FilingError::NoOffice(c) => format!("事業所コード「{c}」の事業所は存在しません。"),
            FilingError::ChangePending(_, n) => format!(
                "この事業所には審査中の変更申込（申込受付番号「{n}」）があります。審査が終了してから、再度変更申込を行ってください。"
            ),
            FilingError::Review(e) => e.japanese(),
            FilingError::Rule(e) => e.japanese(),
        }
    }
}

/// The next 申込受付番号 of `kind` (A or C, procedures.md §3).
fn next_number(ws: &mut Workspace, now: Instant, kind: ApplicationKind) -> String {
    let running = ws.state.counters.reception;
    ws.state.counters.reception = running + 1;
    ids::reception_number(now.date_naive(), running, kind.reception_kind())
}

/// Registers an application filed by `filer`: its 申込受付番号, the stored record, the
/// 受付完了 mail (M000 【完了】, M004 ⑩). Returns the 申込受付番号. Nothing is changed when it is
/// refused.
pub fn file(
    ws: &mut Workspace,
    now: Instant,
    public_base: &str,
    filer: Filer,
    content: ApplicationContent,
) -> Result<String, FilingError> {
    let kind = content.kind();
    // Who files what (procedures.md §3, §5): a 新規申込 — a new office, of a new company or not —
    // always starts with a 仮アカウント (M003 「netNACCSを既にご利用の方も「新規申込」となる」),
    // which files one application; a 変更申込 and a システム設定申込 are filed by the office they
    // are about, logged in with its 事業所コード (M001 1.; M004 l.104-114), never by a 仮ログインID.
    let feasible = match (&filer, &content) {
        (Filer::Office(code), ApplicationContent::Change(app)) => {
            let app = app.as_ref().clone();
            return file_change(ws, now, public_base, code.clone(), app);
        }
        (Filer::Temp(login), ApplicationContent::New(app)) => {
            let account = ws
                .state
                .temp_accounts
                .get(login)
                .ok_or_else(|| FilingError::NoAccount(login.clone()))?;
            if let Some(n) = &account.application {
                return Err(FilingError::AlreadyFiled(login.clone(), n.clone()));
            }
            Some(crate::domain::calendar::schedule::feasible_start(
                now.date_naive(),
                app.start_wish(),
            ))
        }
        (Filer::Office(code), ApplicationContent::SystemSettings(s))
            if s.office_code == *code && ws.state.offices.contains_key(code) =>
        {
            None
        }
        _ => return Err(FilingError::WrongFiler(filer, kind)),
    };
    check_rules(ws, &content)?;
    let number = next_number(ws, now, kind);
    ws.state.applications.push(Application {
        reception_number: number.clone(),
        filer: filer.clone(),
        status: ApplicationStatus::Received,
        submitted_at: now,
        resubmitted_at: None,
        content,
        review: Vec::new(),
        issued: None,
        feasible_start: feasible,
        naccs_registration: None,
    });
    send_received(ws, now, public_base, &number);
    if let Filer::Temp(login) = &filer
        && let Some(account) = ws.state.temp_accounts.get_mut(login)
    {
        account.application = Some(number.clone());
    }
    crate::events::emit(ws, now, crate::events::Event::filed(&number));
    ws.discard_draft(&filer, draft_procedure(kind));
    Ok(number)
}

/// The rules over the workspace's offices, checked again at registration: the screens checked
/// them where they parsed, but the offices may have changed since (`center::checks`).
fn check_rules(ws: &mut Workspace, content: &ApplicationContent) -> Result<(), FilingError> {
    match content {
        ApplicationContent::New(app) => {
            ws.seed_customers();
            match center::checks::refusal(ws, app) {
                Some(e) => Err(FilingError::Rule(e)),
                None => Ok(()),
            }
        }
        // A change's and a システム設定申込's own rules are their screens' and their filing's.
        ApplicationContent::Change(_) | ApplicationContent::SystemSettings(_) => Ok(()),
    }
}

/// The 受付完了 mail of a registered application, by kind, to its 申込担当者 and 管理責任者:
/// 利用申込 (M003) or システム設定申込 (M004 ⑩). Sent at filing and again for a registered 修正
/// (M004 l.32-37: 修正 → 申込受付 → 受付完了メール; docs/decisions.md "Issue 13", Q3), dated the
/// day of that 受付.
fn send_received(ws: &mut Workspace, now: Instant, public_base: &str, number: &str) {
    let Some(app) = ws.application(number) else {
        return;
    };
    let to = center::parties::applicant_and_manager(ws, &app.content);
    let kind = app.kind();
    // The login ID the applicant follows it with: the 仮ログインID, or the 事業所コード of a
    // change (mail::ApplicationReceived).
    let login_id = app.filer.id().to_string();
    let login_url = outbox::login_url(public_base);
    let received_on = now.date_naive();
    let reception_number = number.to_string();
    match kind {
        ApplicationKind::SystemSettings => {
            let ctx = mail::SystemSettingsReceived {
                to,
                received_on,
                reception_number,
                login_url,
            };
            outbox::send(ws, now, &ctx);
        }
        ApplicationKind::New | ApplicationKind::Change => {
            let ctx = mail::ApplicationReceived {
                to,
                received_on,
                reception_number,
                login_url,
                temp_login_id: login_id,
                change: kind == ApplicationKind::Change,
            };
            outbox::send(ws, now, &ctx);
        }
    }
}

/// The filer's 修正 of an application under clarification: the corrected content goes back to
/// review under the same 申込受付番号 (procedures.md §9; docs/decisions.md "Issue 13", Q2), the
/// 受付完了 mail goes out again and 新着情報 says so (Q3). The same for every kind and filer.
pub fn amend(
    ws: &mut Workspace,
    now: Instant,
    public_base: &str,
    filer: &Filer,
    number: &str,
    content: ApplicationContent,
) -> Result<(), FilingError> {
    let kind = owned(ws, filer, number)?.kind();
    check_rules(ws, &content)?;
    center::amend(ws, number, content, now)?;
    send_received(ws, now, public_base, number);
    ws.state.news.push(NewsItem {
        at: now,
        kind: kind.news_kind().into(),
        reception_number: Some(number.to_string()),
        text: news::amended_text(kind).into(),
    });
    ws.discard_draft(filer, draft_procedure(kind));
    Ok(())
}

/// The filer's 取下げ of an application under clarification.
pub fn withdraw(
    ws: &mut Workspace,
    now: Instant,
    filer: &Filer,
    number: &str,
) -> Result<(), FilingError> {
    owned(ws, filer, number)?;
    center::withdraw(ws, number, now)?;
    Ok(())
}

fn owned<'a>(
    ws: &'a Workspace,
    filer: &Filer,
    number: &str,
) -> Result<&'a Application, FilingError> {
    ws.application(number)
        .filter(|a| a.filed_by(filer))
        .ok_or_else(|| FilingError::NotFiler(number.to_string(), filer.clone()))
}

/// The procedure whose saved draft a filed application replaces.
fn draft_procedure(kind: ApplicationKind) -> &'static str {
    match kind {
        ApplicationKind::New => "new_application",
        ApplicationKind::Change => "change_application",
        ApplicationKind::SystemSettings => "system_settings",
    }
}

/// Registers a 変更申込 of office `code` (M001 ⑦⑧): the office exists and is the one the change
/// was entered for; one change of an office is reviewed at a time (two changes under review
/// could both retire the same terminal: the second one waits, docs/decisions.md); 受付完了 to the
/// 申込担当者 and the 管理責任者 (M001 l.357).
fn file_change(
    ws: &mut Workspace,
    now: Instant,
    public_base: &str,
    code: String,
    app: crate::application::ChangeApplication,
) -> Result<String, FilingError> {
    let filer = Filer::Office(code.clone());
    if !ws.state.offices.contains_key(&code) {
        return Err(FilingError::NoOffice(code));
    }
    if app.before.office_code != code {
        return Err(FilingError::WrongFiler(filer, ApplicationKind::Change));
    }
    if let Some(pending) = ws.state.applications.iter().find(|a| {
        a.kind() == ApplicationKind::Change
            && a.filed_by(&filer)
            && matches!(
                a.status,
                ApplicationStatus::Received | ApplicationStatus::Clarification
            )
    }) {
        return Err(FilingError::ChangePending(
            code,
            pending.reception_number.clone(),
        ));
    }
    let number = next_number(ws, now, ApplicationKind::Change);
    let feasible =
        crate::domain::calendar::schedule::feasible_start(now.date_naive(), app.start_wish());
    let ctx = mail::ApplicationReceived {
        to: center::change::applicant_and_manager(&app, false),
        received_on: now.date_naive(),
        reception_number: number.clone(),
        login_url: outbox::login_url(public_base),
        temp_login_id: code.clone(),
        change: true,
    };
    outbox::send(ws, now, &ctx);
    ws.state.applications.push(Application {
        reception_number: number.clone(),
        filer: filer.clone(),
        status: ApplicationStatus::Received,
        submitted_at: now,
        resubmitted_at: None,
        content: ApplicationContent::Change(Box::new(app)),
        review: Vec::new(),
        issued: None,
        feasible_start: Some(feasible),
        naccs_registration: None,
    });
    crate::events::emit(ws, now, crate::events::Event::filed(&number));
    ws.discard_draft(&filer, draft_procedure(ApplicationKind::Change));
    Ok(number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::WorkspaceSpec;

    const BASE: &str = "http://127.0.0.1:8080/";

    /// A workspace with manual 000's application registered, and that application's content.
    fn registered() -> (Workspace, Application) {
        let spec = WorkspaceSpec {
            seed: 5,
            now: None,
            fixture: Some("registered".into()),
        };
        let ws = crate::fixtures::fresh("t", spec, BASE);
        let app = ws.state.applications[0].clone();
        (ws, app)
    }

    #[test]
    fn a_new_application_needs_a_temporary_id_that_has_not_filed_yet() {
        let (mut ws, app) = registered();
        let now = ws.now();
        let before = (
            ws.state.applications.len(),
            ws.mails.len(),
            ws.state.counters.clone(),
        );
        let office = Filer::Office("NAC001".into());
        assert_eq!(
            file(&mut ws, now, BASE, office.clone(), app.content.clone()),
            Err(FilingError::WrongFiler(office, ApplicationKind::New))
        );
        let ghost = Filer::Temp("1899999".into());
        assert_eq!(
            file(&mut ws, now, BASE, ghost, app.content.clone()),
            Err(FilingError::NoAccount("1899999".into()))
        );
        assert!(matches!(
            file(&mut ws, now, BASE, app.filer.clone(), app.content.clone()),
            Err(FilingError::AlreadyFiled(..))
        ));
        // Nothing of a refused filing is kept: no number drawn, no mail, no application.
        assert_eq!(
            (
                ws.state.applications.len(),
                ws.mails.len(),
                ws.state.counters.clone()
            ),
            before
        );
    }

    #[test]
    fn only_the_filer_corrects_or_withdraws() {
        let (mut ws, app) = registered();
        let now = ws.now();
        let number = app.reception_number.clone();
        crate::center::clarify(&mut ws, &number, "確認事項", now, BASE).unwrap();
        let other = Filer::Temp("1899999".into());
        assert!(matches!(
            withdraw(&mut ws, now, &other, &number),
            Err(FilingError::NotFiler(..))
        ));
        assert!(matches!(
            amend(&mut ws, now, BASE, &other, &number, app.content.clone()),
            Err(FilingError::NotFiler(..))
        ));
        assert_eq!(
            ws.application(&number).unwrap().status,
            ApplicationStatus::Clarification
        );
        withdraw(&mut ws, now, &app.filer, &number).unwrap();
        assert_eq!(
            ws.application(&number).unwrap().status,
            ApplicationStatus::Withdrawn
        );
        // A withdrawn application cannot be corrected any more.
        assert!(matches!(
            amend(&mut ws, now, BASE, &app.filer, &number, app.content),
            Err(FilingError::Review(_))
        ));
    }
}
