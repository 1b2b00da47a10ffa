//! The NSS login page (M000 【13】) and login with a temporary ID.

use super::{CookieAction, NssRequest, Routed, redirect_reply, screen_reply};
use crate::clock::Instant;
use crate::journal::Outcome;
use crate::screen::{Block, Button, Field, FieldType, Form, Link, Row, Screen, Section};
use crate::workspace::Workspace;
use crate::workspace::session::{At, Session};

const INTRO: &[&str] = &[
    "NACCSサポートシステムは、",
    "NACCSを利用するための各種利用申込手続き、",
    "システム設定、料金請求、登録情報の照会等を電子的に行うシステムです。",
];

/// The login page, with errors and the login ID entered so far.
pub fn view(base: &str, errors: &[String], login_id: &str, saved: bool) -> Screen {
    let mut s = Screen::new("login.form", "ログイン");
    s.intro = INTRO.iter().map(|l| l.to_string()).collect();
    s.errors = errors.to_vec();
    if saved {
        s.notices.push("申込内容を一時保存しました。".to_string());
    }
    let mut id = Field::text("login_id", login_id);
    id.required = true;
    id.max_length = Some(20);
    let mut pw = Field::text("password", "");
    pw.kind = FieldType::Password;
    pw.required = true;
    pw.max_length = Some(20);
    s.blocks.push(Block::Section(Section {
        heading: String::new(),
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
    let Some(account) = ws
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
    if account.check(now).is_err() {
        return screen_reply(
            view(req.base, &[TEMP_EXPIRED.to_string()], &login_id, false),
            CookieAction::Keep,
            Outcome::Expired,
            asked,
        );
    }
    // Where the login lands: the menu once the application is registered, the saved screen
    // after 一時保存, the guidance otherwise (M000 【14】).
    let (at, draft) = if account.application.is_some() {
        (At::Menu, None)
    } else if let Some(d) = &account.saved_draft {
        (d.at.unwrap_or(At::AppGuidance), Some(d.clone()))
    } else {
        (At::AppGuidance, None)
    };
    // A new login replaces the sessions of the same browser.
    for t in &req.cookies {
        ws.sessions.remove(t);
    }
    let token = ws.new_token();
    let flow_token = ws.new_token();
    ws.sessions.insert(
        token.clone(),
        Session {
            started_at: now,
            login: Some(login_id),
            at,
            flow_token,
            temp_input: Default::default(),
            draft,
        },
    );
    redirect_reply(
        format!("{}{}", req.base, super::path_of(at)),
        Some(super::screen_id_of(at)),
        CookieAction::Set(token),
        asked,
    )
}
