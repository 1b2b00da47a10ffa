//! Procedures as state machines over screens.
//!
//! Every NSS request comes here with the workspace locked. A session stands on one flow screen
//! (`At`); a GET shows it, a POST is accepted only for that screen with its current flow token
//! (anything else is the manual's 「予期しない操作」 and ends the session), and an accepted POST
//! either stays on the screen with errors or moves the session to the next screen (303).
//!
//! Layout: one module per procedure, one file per screen, each with `view` (the screen model)
//! and `submit` (read the form, validate, transition).

pub mod bbs;
pub mod common;
pub mod errors;
pub mod login;
pub mod new_application;
pub mod portal;
pub mod temp_account;

use crate::clock::Instant;
use crate::journal::{JournalEntry, Outcome};
use crate::screen::Screen;
use crate::screen::form::FormInput;
use crate::screen::spec::FieldErrors;
use crate::workspace::Workspace;
use crate::workspace::session::{At, Session};

/// The HTTP method of an NSS request (NSS uses no others).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
}

/// An NSS request as the procedures see it.
pub struct NssRequest<'a> {
    pub method: Method,
    /// The path relative to the workspace base, without the leading slash (`app/office`).
    pub path: &'a str,
    /// The query string, if any.
    pub query: &'a str,
    pub form: FormInput,
    /// Session tokens found in the request's cookies.
    pub cookies: Vec<String>,
    /// The workspace's base path (`/` or `/w/{id}/`).
    pub base: &'a str,
    /// The absolute base URL the mails link to (`http://127.0.0.1:8080/`).
    pub public_base: &'a str,
}

/// What to answer.
pub enum Body {
    Screen(Box<Screen>),
    /// 303 See Other to this absolute path.
    Redirect(String),
}

/// What to do with the session cookie.
pub enum CookieAction {
    Keep,
    Set(String),
    Clear,
}

/// The procedures' answer.
pub struct Reply {
    pub body: Body,
    pub cookie: CookieAction,
}

/// Context of one screen's view and submit.
pub struct Cx<'a> {
    pub ws: &'a mut Workspace,
    pub session: &'a mut Session,
    pub now: Instant,
    pub base: &'a str,
    pub public_base: &'a str,
}

impl Cx<'_> {
    /// An absolute path inside the workspace.
    pub fn url(&self, rel: &str) -> String {
        format!("{}{}", self.base, rel)
    }
}

/// Where a submit leads.
pub enum Step {
    /// Show the same screen again with these errors (nothing moves).
    Stay(FieldErrors),
    /// Show the same screen again without errors (反映, 設定する …).
    Refresh,
    /// Move to another screen.
    Go(At),
    /// End the session and go to a path (一時保存, 申込をやめる).
    EndAndGo(String),
}

/// The flow screens: where each one lives and what it is.
pub const FLOW: &[(At, &str, &str)] = &[
    (At::TempGuidance, "apply/", "temp_account.guidance"),
    (At::TempInput, "apply/input", "temp_account.input"),
    (At::TempConfirm, "apply/confirm", "temp_account.confirm"),
    (At::TempComplete, "apply/complete", "temp_account.complete"),
    (At::AppGuidance, "app/guidance", "new_application.guidance"),
    (
        At::AppApplicant,
        "app/applicant",
        "new_application.applicant",
    ),
    (At::AppOffice, "app/office", "new_application.office"),
    (At::AppUsers, "app/users", "new_application.user_codes"),
    (
        At::AppUserDetail,
        "app/users/detail",
        "new_application.user_code_detail",
    ),
    (
        At::AppTerminals,
        "app/terminals",
        "new_application.terminals",
    ),
    (At::AppPlan, "app/plan", "new_application.plan"),
    (At::AppBilling, "app/billing", "new_application.billing"),
    (At::AppConfirm, "app/confirm", "new_application.confirm"),
    (At::AppComplete, "app/complete", "new_application.complete"),
    (At::Menu, "menu", "menu.main"),
    (At::Applications, "menu/applications", "applications.list"),
    (
        At::ApplicationDetail,
        "menu/applications/detail",
        "applications.detail",
    ),
    (
        At::IdNotice,
        "menu/applications/id-notice",
        "applications.id_notice",
    ),
    (At::Contract, "menu/contract", "contract.detail"),
    (At::Password, "menu/password", "user.password"),
    (At::Invoices, "menu/invoices", "invoices.list"),
];

/// The pages of the logged-in NSS: reached by links from anywhere once logged in.
fn is_portal(at: At) -> bool {
    matches!(
        at,
        At::Menu
            | At::Applications
            | At::ApplicationDetail
            | At::IdNotice
            | At::Contract
            | At::Password
            | At::Invoices
    )
}

/// The path of a flow screen.
pub fn path_of(at: At) -> &'static str {
    FLOW.iter()
        .find(|(a, _, _)| *a == at)
        .map(|(_, p, _)| *p)
        .unwrap_or("menu")
}

/// The screen id of a flow screen.
pub fn screen_id_of(at: At) -> &'static str {
    FLOW.iter()
        .find(|(a, _, _)| *a == at)
        .map(|(_, _, id)| *id)
        .unwrap_or("menu.main")
}

fn at_of(path: &str) -> Option<At> {
    FLOW.iter().find(|(_, p, _)| *p == path).map(|(a, _, _)| *a)
}

/// Handles one NSS request against a locked workspace and journals it.
pub fn handle(ws: &mut Workspace, req: &NssRequest) -> Reply {
    // What fell due on the workspace clock (the automatic review) was fired by the store
    // accessor before this ran (`crate::catch_up`).
    let now = ws.now();
    let (reply, screen, outcome, next_screen, status) = route(ws, req, now);
    ws.journal.push(JournalEntry {
        at: now,
        method: match req.method {
            Method::Get => "GET".into(),
            Method::Post => "POST".into(),
        },
        path: req.path.to_string(),
        screen,
        button: (req.method == Method::Post)
            .then(|| req.form.op().to_string())
            .filter(|s| !s.is_empty()),
        outcome,
        next_screen,
        status,
    });
    reply
}

type Routed = (Reply, Option<String>, Outcome, Option<String>, u16);

fn screen_reply(
    screen: Screen,
    cookie: CookieAction,
    outcome: Outcome,
    asked: Option<String>,
) -> Routed {
    let id = screen.id.to_string();
    let status = screen.status;
    (
        Reply {
            body: Body::Screen(Box::new(screen)),
            cookie,
        },
        asked,
        outcome,
        Some(id),
        status,
    )
}

fn redirect_reply(
    to_path: String,
    next: Option<&str>,
    cookie: CookieAction,
    asked: Option<String>,
) -> Routed {
    (
        Reply {
            body: Body::Redirect(to_path),
            cookie,
        },
        asked,
        Outcome::Ok,
        next.map(str::to_string),
        303,
    )
}

fn find_session(ws: &Workspace, cookies: &[String]) -> Option<String> {
    cookies
        .iter()
        .find(|t| ws.sessions.contains_key(t.as_str()))
        .cloned()
}

fn route(ws: &mut Workspace, req: &NssRequest, now: Instant) -> Routed {
    let token = find_session(ws, &req.cookies);
    match (req.method, req.path) {
        (Method::Get, "") => redirect_reply(
            format!("{}login/nsscoapp/", req.base),
            Some("login.form"),
            CookieAction::Keep,
            None,
        ),
        (Method::Get, "login/nsscoapp/") => {
            let saved = req.query.contains("saved=1");
            screen_reply(
                login::view(req.base, &[], "", saved),
                CookieAction::Keep,
                Outcome::Ok,
                Some("login.form".into()),
            )
        }
        (Method::Post, "login/nsscoapp/") => login::submit(ws, req, now),
        (Method::Get, "logout") => {
            if let Some(t) = &token {
                ws.sessions.remove(t);
            }
            redirect_reply(
                format!("{}login/nsscoapp/", req.base),
                Some("login.form"),
                CookieAction::Clear,
                None,
            )
        }
        (Method::Get, "bbs/") => screen_reply(
            bbs::view(req.base, now.date_naive()),
            CookieAction::Keep,
            Outcome::Ok,
            Some("bbs.index".into()),
        ),
        (Method::Get, "apply/rules") => screen_reply(
            temp_account::rules::view(req.base),
            CookieAction::Keep,
            Outcome::Ok,
            Some("temp_account.rules".into()),
        ),
        (Method::Get, "apply/") => {
            // Starting a new application always starts a fresh anonymous session.
            if let Some(t) = &token {
                ws.sessions.remove(t);
            }
            let new_token = ws.new_token();
            let flow_token = ws.new_token();
            ws.sessions.insert(
                new_token.clone(),
                Session::new(now, None, At::TempGuidance, flow_token),
            );
            let screen = show(ws, &new_token, now, req, &FieldErrors::new());
            screen_reply(
                screen,
                CookieAction::Set(new_token),
                Outcome::Ok,
                Some("temp_account.guidance".into()),
            )
        }
        (method, path) => match at_of(path) {
            Some(at) => {
                if method == Method::Get && is_portal(at) {
                    // A link inside the logged-in NSS moves the session there (M001 nav bar).
                    if let Some(s) = token.as_ref().and_then(|t| ws.sessions.get_mut(t.as_str()))
                        && s.login.is_some()
                    {
                        s.at = at;
                        let q = crate::screen::form::parse_urlencoded(req.query.as_bytes());
                        let param =
                            |k: &str| q.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
                        if let Some(no) = param("no") {
                            s.viewing = Some(no);
                        }
                        s.tab = param("tab");
                    }
                }
                flow_request(ws, req, now, token, at, method)
            }
            None => screen_reply(
                errors::not_found(req.base),
                CookieAction::Keep,
                Outcome::NotFound,
                None,
            ),
        },
    }
}

/// A request to a flow screen.
fn flow_request(
    ws: &mut Workspace,
    req: &NssRequest,
    now: Instant,
    token: Option<String>,
    at: At,
    method: Method,
) -> Routed {
    let asked = Some(screen_id_of(at).to_string());
    let Some(token) = token else {
        // No session: the cookie expired, was dropped, or this is a bookmark.
        return screen_reply(
            login::expired(req.base),
            CookieAction::Clear,
            Outcome::Expired,
            asked,
        );
    };
    // A logged-in session whose temporary ID died (48 hours, M000 【9】) is over.
    if let Some(who) = ws.sessions.get(&token).and_then(|s| s.login.clone())
        && !login::alive(ws, &who, now)
    {
        ws.sessions.remove(&token);
        return screen_reply(
            login::expired(req.base),
            CookieAction::Clear,
            Outcome::Expired,
            asked,
        );
    }
    let session = &ws.sessions[&token];
    let stale = session.at != at
        || (method == Method::Post && req.form.get("_flow") != Some(session.flow_token.as_str()));
    if stale {
        ws.sessions.remove(&token);
        return screen_reply(
            errors::unexpected_operation(req.base),
            CookieAction::Clear,
            Outcome::UnexpectedOperation,
            asked,
        );
    }
    if method == Method::Get {
        let screen = show(ws, &token, now, req, &FieldErrors::new());
        return screen_reply(screen, CookieAction::Keep, Outcome::Ok, asked);
    }
    // An accepted POST: the form it came from is now stale.
    let fresh = ws.new_token();
    let Some(mut session) = ws.sessions.remove(&token) else {
        return screen_reply(
            login::expired(req.base),
            CookieAction::Clear,
            Outcome::Expired,
            asked,
        );
    };
    session.flow_token = fresh;
    let step = {
        let mut cx = Cx {
            ws,
            session: &mut session,
            now,
            base: req.base,
            public_base: req.public_base,
        };
        submit(&mut cx, at, &req.form)
    };
    match step {
        Step::Stay(errors) => {
            ws.sessions.insert(token.clone(), session);
            let screen = show(ws, &token, now, req, &errors);
            let outcome = if errors.is_empty() {
                Outcome::Ok
            } else {
                Outcome::ValidationError
            };
            screen_reply(screen, CookieAction::Keep, outcome, asked)
        }
        Step::Refresh => {
            ws.sessions.insert(token.clone(), session);
            let screen = show(ws, &token, now, req, &FieldErrors::new());
            screen_reply(screen, CookieAction::Keep, Outcome::Ok, asked)
        }
        Step::Go(next) => {
            session.at = next;
            ws.sessions.insert(token, session);
            redirect_reply(
                format!("{}{}", req.base, path_of(next)),
                Some(screen_id_of(next)),
                CookieAction::Keep,
                asked,
            )
        }
        Step::EndAndGo(path) => redirect_reply(
            format!("{}{}", req.base, path),
            None,
            CookieAction::Clear,
            asked,
        ),
    }
}

/// Builds the screen the session stands on.
fn show(
    ws: &mut Workspace,
    token: &str,
    now: Instant,
    req: &NssRequest,
    errors: &FieldErrors,
) -> Screen {
    let Some(mut session) = ws.sessions.remove(token) else {
        return login::expired(req.base);
    };
    let screen = {
        let mut cx = Cx {
            ws,
            session: &mut session,
            now,
            base: req.base,
            public_base: req.public_base,
        };
        let mut screen = view(&mut cx, errors);
        common::frame(&mut screen, &cx);
        screen
    };
    ws.sessions.insert(token.to_string(), session);
    screen
}

fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    use new_application as app;
    match cx.session.at {
        At::TempGuidance => temp_account::guidance::view(cx),
        At::TempInput => temp_account::input::view(cx, errors),
        At::TempConfirm => temp_account::confirm::view(cx),
        At::TempComplete => temp_account::complete::view(cx),
        At::AppGuidance => app::guidance::view(cx),
        At::AppApplicant => app::applicant::view(cx, errors),
        At::AppOffice => app::office::view(cx, errors),
        At::AppUsers => app::user_codes::view(cx, errors),
        At::AppUserDetail => app::user_code_detail::view(cx, errors),
        At::AppTerminals => app::terminals::view(cx, errors),
        At::AppPlan => app::plan::view(cx, errors),
        At::AppBilling => app::billing::view(cx, errors),
        At::AppConfirm => app::confirm::view(cx, errors),
        At::AppComplete => app::complete::view(cx),
        At::Menu => portal::menu::view(cx),
        At::Applications => portal::applications::view(cx),
        At::ApplicationDetail => portal::detail::view(cx),
        At::IdNotice => portal::id_notice::view(cx),
        At::Contract => portal::contract::view(cx),
        At::Password => portal::password::view(cx, errors),
        At::Invoices => portal::invoices::view(cx),
    }
}

fn submit(cx: &mut Cx, at: At, form: &FormInput) -> Step {
    use new_application as app;
    match at {
        At::TempGuidance => temp_account::guidance::submit(cx, form),
        At::TempInput => temp_account::input::submit(cx, form),
        At::TempConfirm => temp_account::confirm::submit(cx, form),
        At::TempComplete => temp_account::complete::submit(cx, form),
        At::AppGuidance => app::guidance::submit(cx, form),
        At::AppApplicant => app::applicant::submit(cx, form),
        At::AppOffice => app::office::submit(cx, form),
        At::AppUsers => app::user_codes::submit(cx, form),
        At::AppUserDetail => app::user_code_detail::submit(cx, form),
        At::AppTerminals => app::terminals::submit(cx, form),
        At::AppPlan => app::plan::submit(cx, form),
        At::AppBilling => app::billing::submit(cx, form),
        At::AppConfirm => app::confirm::submit(cx, form),
        At::AppComplete => app::complete::submit(cx, form),
        At::ApplicationDetail => portal::detail::submit(cx, form),
        At::Password => portal::password::submit(cx, form),
        At::Menu | At::Applications | At::IdNotice | At::Contract | At::Invoices => Step::Refresh,
    }
}

/// Where each screen comes from in the manuals (for the screens catalogue).
pub const MANUAL_STEPS: &[(&str, &str, &str)] = &[
    ("login.form", "P1/P2", "M000 【13】"),
    ("bbs.index", "P1", "M000 【3】【4】【16】(1)"),
    ("temp_account.guidance", "P1 仮ログイン登録", "M000 【5】"),
    ("temp_account.input", "P1 仮ログイン登録", "M000 【6】"),
    (
        "temp_account.confirm",
        "P1 仮ログイン登録",
        "M000 【7】【8】",
    ),
    ("temp_account.complete", "P1 仮ログイン登録", "M000 【9】"),
    ("new_application.guidance", "P2 新規利用申込", "M000 【14】"),
    (
        "new_application.applicant",
        "P2 新規利用申込",
        "M000 【15】",
    ),
    ("new_application.office", "P2 新規利用申込", "M000 【16】"),
    (
        "new_application.user_codes",
        "P2 新規利用申込",
        "M000 【17】【19】",
    ),
    (
        "new_application.user_code_detail",
        "P2 新規利用申込",
        "M000 【18】",
    ),
    (
        "new_application.terminals",
        "P2 新規利用申込",
        "M000 【20】",
    ),
    ("new_application.plan", "P2 新規利用申込", "M000 【21】"),
    ("new_application.billing", "P2 新規利用申込", "M000 【22】"),
    (
        "new_application.confirm",
        "P2 新規利用申込",
        "M000 【23】【24】",
    ),
    (
        "new_application.complete",
        "P2 新規利用申込",
        "M000 【完了】",
    ),
    ("menu.main", "P3 ログイン後のNSS", "M001 1.①"),
    ("applications.list", "P3 ログイン後のNSS", "M001 2.②"),
    (
        "applications.detail",
        "P3 ログイン後のNSS",
        "M001 2.③, M004",
    ),
    (
        "applications.id_notice",
        "P3 ログイン後のNSS",
        "M001 3.④, M002 3.",
    ),
    ("contract.detail", "P3 ログイン後のNSS", "M001 1.②"),
    ("user.password", "P3 ログイン後のNSS", "procedures.md §4"),
    ("invoices.list", "P3 ログイン後のNSS", "procedures.md §4"),
    ("error.unexpected_operation", "common", "M000 【参考】"),
];

/// Every screen as it first shows, for the catalogue (contract §5 `GET /_sim/api/screens`).
pub fn catalogue() -> Vec<Screen> {
    let now = crate::clock::jst_instant(2018, 11, 27, 9, 0);
    let mut ws = Workspace::new(
        "catalogue",
        crate::workspace::WorkspaceSpec {
            seed: 0,
            now: Some(now),
            fixture: None,
        },
    );
    let mut out = vec![
        login::view("/", &[], "", false),
        bbs::view("/", now.date_naive()),
    ];
    // The contract, password and invoice screens show their fields to an office login only:
    // the catalogue shows them as the manuals' NAC001 sees them.
    ws.seed_customers();
    for (at, _, _) in FLOW {
        let login = match at {
            At::TempGuidance | At::TempInput | At::TempConfirm | At::TempComplete => None,
            At::Contract | At::Password | At::Invoices => Some(
                crate::workspace::session::Login::Office("NAC001".to_string()),
            ),
            _ => Some(crate::workspace::session::Login::Temp(
                "1800000".to_string(),
            )),
        };
        let mut session = Session::new(now, login, *at, String::new());
        session.draft = Some(Default::default());
        let mut cx = Cx {
            ws: &mut ws,
            session: &mut session,
            now,
            base: "/",
            public_base: "http://localhost/",
        };
        let mut screen = view(&mut cx, &FieldErrors::new());
        common::frame(&mut screen, &cx);
        out.push(screen);
    }
    out.push(errors::unexpected_operation("/"));
    out
}
