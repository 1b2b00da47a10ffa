//! The engine: sessions, flow tokens, routing and the journal. It knows screens only through the
//! procedure registry.

use super::registry::{self, Reach, ScreenDef};
use super::{Body, CookieAction, Cx, Method, NssRequest, Reply, Step, bbs, errors, login};
use crate::clock::Instant;
use crate::journal::{JournalEntry, Outcome};
use crate::screen::Screen;
use crate::screen::spec::FieldErrors;
use crate::workspace::Workspace;
use crate::workspace::session::Session;

/// Handles one NSS request against a locked workspace (already caught up with its clock) and
/// journals it.
pub fn handle(ws: &mut Workspace, req: &NssRequest) -> Reply {
    let now = ws.now();
    let routed = route(ws, req, now);
    ws.journal.push(JournalEntry {
        at: now,
        method: match req.method {
            Method::Get => "GET".into(),
            Method::Post => "POST".into(),
        },
        path: req.path.to_string(),
        screen: routed.asked,
        button: (req.method == Method::Post)
            .then(|| req.form.op().to_string())
            .filter(|s| !s.is_empty()),
        outcome: routed.outcome,
        next_screen: routed.next_screen,
        status: routed.status,
    });
    routed.reply
}

/// An answer with what the journal records of it.
pub struct Routed {
    pub reply: Reply,
    /// The screen the request was made on or asked for.
    pub asked: Option<String>,
    pub outcome: Outcome,
    /// The screen the user ends up on.
    pub next_screen: Option<String>,
    pub status: u16,
}

/// Answers a screen.
pub fn screen_reply(
    screen: Screen,
    cookie: CookieAction,
    outcome: Outcome,
    asked: Option<String>,
) -> Routed {
    let next_screen = Some(screen.id.to_string());
    let status = screen.status;
    Routed {
        reply: Reply {
            body: Body::Screen(Box::new(screen)),
            cookie,
        },
        asked,
        outcome,
        next_screen,
        status,
    }
}

/// Answers 303 to an absolute path.
pub fn redirect_reply(
    to_path: String,
    next: Option<&str>,
    cookie: CookieAction,
    asked: Option<String>,
) -> Routed {
    Routed {
        reply: Reply {
            body: Body::Redirect(to_path),
            cookie,
        },
        asked,
        outcome: Outcome::Ok,
        next_screen: next.map(str::to_string),
        status: 303,
    }
}

fn find_session(ws: &Workspace, cookies: &[String]) -> Option<String> {
    cookies
        .iter()
        .find(|t| ws.sessions.contains_key(t.as_str()))
        .cloned()
}

/// The value of `name` in a query string.
fn query_param(query: &str, name: &str) -> Option<String> {
    crate::screen::form::parse_urlencoded(query.as_bytes())
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v)
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
        // The manuals print these URLs with their trailing slash (M000 【12】 「…/login/nsscoapp/」,
        // M003 「…/dfw/web/」); typed without it they lead to the same page, as a web server's
        // directory redirect does. The query string is kept.
        (Method::Get, path @ ("bbs" | "login/nsscoapp" | "apply")) => {
            let screen = match path {
                "bbs" => "bbs.index",
                "login/nsscoapp" => "login.form",
                _ => super::temp_account::PROCEDURE.screens[0].id,
            };
            redirect_reply(
                with_query(format!("{}{path}/", req.base), req.query),
                Some(screen),
                CookieAction::Keep,
                Some(screen.to_string()),
            )
        }
        (Method::Get, "login/nsscoapp/") => {
            let saved = query_param(req.query, "saved").as_deref() == Some("1");
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
            super::temp_account::rules::view(req.base),
            CookieAction::Keep,
            Outcome::Ok,
            Some("temp_account.rules".into()),
        ),
        (Method::Get, "apply/") => {
            // Starting a new application always starts a fresh anonymous session.
            if let Some(t) = &token {
                ws.sessions.remove(t);
            }
            let first = &super::temp_account::PROCEDURE.screens[0];
            let new_token = ws.new_session_token();
            let flow_token = ws.new_token();
            ws.sessions.insert(
                new_token.clone(),
                Session::new(now, None, first.screen_id(), flow_token),
            );
            let screen = show(ws, &new_token, now, req, &FieldErrors::new());
            screen_reply(
                screen,
                CookieAction::Set(new_token),
                Outcome::Ok,
                Some(first.id.into()),
            )
        }
        // 申込書 / 承認通知 (M001 2.③): a download beside the screens; the session stays where it is.
        (Method::Get, super::portal::documents::PATH) => {
            super::portal::documents::download(ws, req, now, token.as_deref())
        }
        (method, path) => match registry::at_path(path) {
            Some(def) => {
                if method == Method::Get && def.reach == Reach::Page {
                    // A link inside the logged-in NSS moves the session there (M001 nav bar).
                    if let Some(s) = token.as_ref().and_then(|t| ws.sessions.get_mut(t.as_str()))
                        && s.login.is_some()
                    {
                        s.at = def.screen_id();
                        if let Some(no) = query_param(req.query, "no") {
                            s.viewing = Some(no);
                        }
                        s.tab = query_param(req.query, "tab");
                    }
                }
                flow_request(ws, req, now, token, def, method)
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

/// `url` with the request's query string, if any.
fn with_query(url: String, query: &str) -> String {
    if query.is_empty() {
        url
    } else {
        format!("{url}?{query}")
    }
}

/// A request to a screen of the registry.
fn flow_request(
    ws: &mut Workspace,
    req: &NssRequest,
    now: Instant,
    token: Option<String>,
    def: &'static ScreenDef,
    method: Method,
) -> Routed {
    let asked = Some(def.id.to_string());
    let expired = |asked| {
        screen_reply(
            login::expired(req.base),
            CookieAction::Clear,
            Outcome::Expired,
            asked,
        )
    };
    // No session: the cookie expired, was dropped, or this is a bookmark. On the 仮ログイン登録
    // screens nobody has logged in, so the login page's 「セッションの有効期限が切れたか、仮ログイン
    // IDの…」 would mislead: the visitor starts 仮ログイン登録 again at its first screen.
    let restart = |asked| {
        let mut r = redirect_reply(
            format!("{}apply/", req.base),
            Some(super::temp_account::PROCEDURE.screens[0].id),
            CookieAction::Clear,
            asked,
        );
        r.outcome = Outcome::Expired;
        r
    };
    let Some(token) = token.filter(|t| ws.sessions.contains_key(t.as_str())) else {
        return if def.shown_as == super::registry::ShownAs::Anonymous {
            restart(asked)
        } else {
            expired(asked)
        };
    };
    let Some(session) = ws.sessions.get(&token) else {
        return expired(asked);
    };
    // A logged-in session whose temporary ID died (48 hours, M000 【9】) is over.
    if let Some(who) = session.login.clone()
        && !login::alive(ws, &who, now)
    {
        ws.sessions.remove(&token);
        return expired(asked);
    }
    let Some(session) = ws.sessions.get(&token) else {
        return expired(asked);
    };
    let stale = session.at != def.id
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
        return expired(asked);
    };
    session.flow_token = fresh;
    let step = match def.submit {
        Some(submit) => in_cx(ws, &mut session, now, req, |cx| submit(cx, &req.form)),
        None => Step::Refresh,
    };
    let next = match step {
        Step::Next | Step::Back => {
            registry::neighbour(def.id, session.draft.as_ref(), matches!(step, Step::Next))
        }
        Step::Go(id) => registry::screen(id),
        _ => None,
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
        Step::EndAndGo(path) => redirect_reply(
            format!("{}{}", req.base, path),
            None,
            CookieAction::Clear,
            asked,
        ),
        Step::Refresh | Step::Next | Step::Back | Step::Go(_) => match next {
            Some(next) => {
                session.at = next.screen_id();
                ws.sessions.insert(token, session);
                redirect_reply(
                    format!("{}{}", req.base, next.path),
                    Some(next.id),
                    CookieAction::Keep,
                    asked,
                )
            }
            // 反映, 設定する … and a move with nowhere to go: the same screen again.
            None => {
                ws.sessions.insert(token.clone(), session);
                let screen = show(ws, &token, now, req, &FieldErrors::new());
                screen_reply(screen, CookieAction::Keep, Outcome::Ok, asked)
            }
        },
    }
}

/// Builds the screen the session stands on, framed.
fn show(
    ws: &mut Workspace,
    token: &str,
    now: Instant,
    req: &NssRequest,
    errors: &FieldErrors,
) -> Screen {
    let Some(mut session) = ws.sessions.lend(token) else {
        return login::expired(req.base);
    };
    // Most screens only read the session: compared after, it is written only if it changed.
    let before = session.clone();
    let screen = in_cx(ws, &mut session, now, req, |cx| render(cx, errors));
    ws.sessions.put_back(token, session, &before);
    screen
}

/// Runs `f` with the context of a screen: the workspace and the session taken out of it.
fn in_cx<R>(
    ws: &mut Workspace,
    session: &mut Session,
    now: Instant,
    req: &NssRequest,
    f: impl FnOnce(&mut Cx) -> R,
) -> R {
    f(&mut Cx {
        ws,
        session,
        now,
        base: req.base,
        public_base: req.public_base,
    })
}

/// The screen of the session's position, framed (the catalogue uses it too).
pub fn render(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    match registry::screen(cx.session.at.as_str()) {
        Some(def) => {
            let mut screen = (def.view)(cx, errors);
            super::common::frame(&mut screen, cx, def);
            screen
        }
        // A position no screen has (a session kept from an older build): the menu's login page.
        None => login::expired(cx.base),
    }
}
