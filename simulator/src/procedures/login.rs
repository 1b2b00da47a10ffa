//! The NSS login page (M000 【13】) and login with a temporary ID.

use super::engine::{Routed, redirect_reply, screen_reply};
use super::registry::{self, ScreenDef};
use super::{CookieAction, NssRequest};
use crate::application::{Draft, Filer};
use crate::clock::Instant;
use crate::journal::Outcome;
use crate::screen::{Block, Button, Field, FieldType, Form, Link, Row, Screen, Section, Text};
use crate::workspace::Workspace;
use crate::workspace::session::{Login, Session};

/// The logged-in menu (メインメニュー), where an office and a registered applicant land.
const MENU: &str = "menu.main";
/// Where a temporary ID starts its new application (M000 【14】).
const GUIDANCE: &str = "new_application.guidance";

const INTRO: &[&str] = &[
    "NACCSサポートシステムは、",
    "NACCSを利用するための各種利用申込手続き、",
    "システム設定、料金請求、登録情報の照会等を電子的に行うシステムです。",
];

/// The login page, with errors and the login ID entered so far.
pub fn view(base: &str, errors: &[String], login_id: &str, saved: bool) -> Screen {
    let mut s = Screen::new("login.form", "ログイン");
    // M000 【13】 prints no heading above the intro (L1); the title names the page.
    s.untitled = true;
    s.intro = INTRO.iter().map(|&l| Text::from(l)).collect();
    s.errors = errors.to_vec();
    if saved {
        s.notices.push("申込内容を一時保存しました。".into());
    }
    let mut id = Field::text("login_id", login_id);
    id.required = true;
    id.max_length = Some(20);
    let mut pw = Field::text("password", "");
    pw.kind = FieldType::Password;
    pw.required = true;
    pw.max_length = Some(20);
    s.blocks.push(Block::Section(Section {
        heading: Text::default(),
        lines: Vec::new(),
        rows: vec![
            Row {
                label: "ログインID".into(),
                fields: vec![id],
                ..Default::default()
            },
            Row {
                label: "パスワード".into(),
                fields: vec![pw],
                ..Default::default()
            },
        ],
    }));
    s.blocks.push(Block::Links(vec![
        Link::new(
            "※ログインID・パスワードを忘れた方はこちら",
            format!("{base}bbs/"),
        ),
        Link::new(
            "※ログインIDをお持ちでない方はこちら",
            format!("{base}apply/"),
        ),
    ]));
    s.form = Some(Form {
        action: format!("{base}login/nsscoapp/"),
        hidden: Vec::new(),
        multipart: false,
        buttons: vec![Button::new("op", "login", "ログイン")],
    });
    s
}

/// The login page after the session or the temporary ID ran out.
pub fn expired(base: &str) -> Screen {
    view(base, &[EXPIRED.to_string()], "", false)
}

/// Shown when a session is gone or a temporary ID passed its 48 hours.
pub const EXPIRED: &str = "セッションの有効期限が切れたか、仮ログインIDの有効期限が切れています。再度ログインしてください。";
const WRONG: &str = "ログインIDまたはパスワードが正しくありません。";
const TEMP_AFTER_START: &str = "仮ログインID、パスワードは利用開始日の翌日から使用できません。事業所コードと事業所パスワードでログインしてください。";
/// An issued 事業所コード whose 利用申込 was cancelled for a missing システム設定申込
/// (docs/decisions.md "Issue 13", Q1): said as such rather than as a wrong password.
const CANCELLED: &str = "この事業所コードの利用申込は、システム設定申込締切日までにシステム設定申込が行われなかったため無効となりました。仮ログインIDでログインし、申込内容をご確認ください。";
/// The procedures whose saved drafts an office resumes at login.
const OFFICE_PROCEDURES: [&str; 2] = ["change_application", "system_settings"];
const TEMP_EXPIRED: &str = "仮ログインIDの有効期限（48時間）が切れています。お手数ですが、再度、仮アカウントの登録を行ってください。";

/// A login attempt.
pub(super) fn submit(ws: &mut Workspace, req: &NssRequest, now: Instant) -> Routed {
    let asked = Some("login.form".to_string());
    let login_id = req.form.get("login_id").unwrap_or("").trim().to_string();
    let password = req.form.get("password").unwrap_or("");
    let mut errors = Vec::new();
    if login_id.is_empty() {
        errors.push("ログインIDを入力してください。".to_string());
    }
    if password.is_empty() {
        errors.push("パスワードを入力してください。".to_string());
    }
    if !errors.is_empty() {
        return screen_reply(
            view(req.base, &errors, &login_id, false),
            CookieAction::Keep,
            Outcome::ValidationError,
            asked,
        );
    }
    // An issued 事業所コード logs in with its 事業所パスワード from approval on (M001); anything
    // else must be a 仮ログインID (M000 【13】).
    // Seeded customers are materialised on their first login only: a temporary ID (7 digits)
    // is never an office code (略称 + 3 digits), and most workspaces never meet a customer.
    if !ws.state.temp_accounts.contains_key(&login_id) {
        ws.seed_customers();
    }
    if let Some(office) = ws.state.offices.get(&login_id) {
        if office.password != password {
            return screen_reply(
                view(req.base, &[WRONG.to_string()], &login_id, false),
                CookieAction::Keep,
                Outcome::ValidationError,
                asked,
            );
        }
        // A change or a システム設定申込 the office saved with 一時保存 resumes on its screen
        // (M000 【参考】, M001, M004 l.230): the one saved last.
        let filer = Filer::Office(login_id.clone());
        let (at, draft) = match ws
            .state
            .saved_drafts
            .iter()
            .rev()
            .find(|d| {
                d.filer == filer
                    && OFFICE_PROCEDURES.contains(&d.at.as_str().split('.').next().unwrap_or(""))
            })
            .and_then(|d| Some((registry::screen(d.at.as_str())?.id, d.draft.clone())))
        {
            Some((at, draft)) => (at, Some(draft)),
            None => (MENU, None),
        };
        return start_session(ws, req, now, Login::Office(login_id), at, draft, asked);
    }
    if cancelled_office(ws, &login_id, password) {
        return screen_reply(
            view(req.base, &[CANCELLED.to_string()], &login_id, false),
            CookieAction::Keep,
            Outcome::ValidationError,
            asked,
        );
    }
    let Some(account) = ws
        .state
        .temp_accounts
        .get(&login_id)
        .filter(|a| a.password == password)
    else {
        return screen_reply(
            view(req.base, &[WRONG.to_string()], &login_id, false),
            CookieAction::Keep,
            Outcome::ValidationError,
            asked,
        );
    };
    if !temp_alive(ws, &login_id, now) {
        let msg = if account.application.is_some() {
            TEMP_AFTER_START
        } else {
            TEMP_EXPIRED
        };
        return screen_reply(
            view(req.base, &[msg.to_string()], &login_id, false),
            CookieAction::Keep,
            Outcome::Expired,
            asked,
        );
    }
    // Where the login lands: the menu once the application is registered, the saved screen
    // after 一時保存, the guidance otherwise (M000 【14】).
    let filer = Filer::Temp(login_id.clone());
    let (at, draft) = if account.application.is_some() {
        (MENU, None)
    } else if let Some(saved) = ws.saved_draft(&filer, "new_application") {
        match registry::screen(saved.at.as_str()) {
            Some(def) => (def.id, Some(saved.draft.clone())),
            None => (GUIDANCE, None),
        }
    } else {
        (GUIDANCE, None)
    };
    start_session(ws, req, now, Login::Temp(login_id), at, draft, asked)
}

/// Whether `code` and `password` are the 事業所コード and 事業所パスワード a cancelled 利用申込
/// had issued.
fn cancelled_office(ws: &Workspace, code: &str, password: &str) -> bool {
    ws.state.applications.iter().any(|a| {
        a.status == crate::application::ApplicationStatus::Cancelled
            && a.issued
                .as_ref()
                .is_some_and(|i| i.ids.office_code == code && i.ids.office_password == password)
    })
}

/// Opens a session for `who` on `at`, replacing the sessions of the same browser.
fn start_session(
    ws: &mut Workspace,
    req: &NssRequest,
    now: Instant,
    who: Login,
    at: &'static str,
    draft: Option<Draft>,
    asked: Option<String>,
) -> Routed {
    let Some(def): Option<&ScreenDef> = registry::screen(at) else {
        return screen_reply(
            view(req.base, &[EXPIRED.to_string()], "", false),
            CookieAction::Keep,
            Outcome::Expired,
            asked,
        );
    };
    for t in &req.cookies {
        ws.sessions.remove(t);
    }
    let token = ws.new_session_token();
    let flow_token = ws.new_token();
    let mut session = Session::new(now, Some(who), def.screen_id(), flow_token);
    session.draft = draft;
    ws.sessions.insert(token.clone(), session);
    redirect_reply(
        format!("{}{}", req.base, def.path),
        Some(def.id),
        CookieAction::Set(token),
        asked,
    )
}

/// Whether a logged-in session may go on at `now`: a temporary ID within its life
/// (procedures.md §2), an office that exists.
pub fn alive(ws: &Workspace, who: &Login, now: Instant) -> bool {
    match who {
        Login::Temp(id) => temp_alive(ws, id, now),
        Login::Office(code) => ws.state.offices.contains_key(code),
    }
}

/// A temporary ID works for 48 hours, or, once its application is registered, through the
/// 利用開始日 the approval gave: M002 ④ 「仮ログインID、パスワードは利用開始日の翌日から使用不可」.
pub fn temp_alive(ws: &Workspace, id: &str, now: Instant) -> bool {
    let Some(account) = ws.state.temp_accounts.get(id) else {
        return false;
    };
    let issued = account
        .application
        .as_ref()
        .and_then(|n| ws.application(n))
        .and_then(|a| a.issued.as_ref());
    match issued {
        Some(i) => now.date_naive() <= i.start_date,
        None => account.check(now).is_ok(),
    }
}
