//! Procedures as state machines over screens.
//!
//! Every NSS request comes here with the workspace locked ([`engine::handle`]). A session stands
//! on one screen; a GET shows it, a POST is accepted only for that screen with its current flow
//! token (anything else is the manual's 「予期しない操作」 and ends the session), and an accepted
//! POST either stays on the screen with errors or moves the session to another screen (303).
//!
//! Layout: [`registry`] (every procedure's table of screens), [`engine`] (sessions, flow tokens,
//! journal, routing), [`catalogue`] (every screen as it first shows); one module per procedure
//! with a file per screen, each with `view` (the screen model) and `submit` (read the form,
//! parse it into the typed draft, transition).

pub mod bbs;
pub mod catalogue;
pub mod change_application;
pub mod common;
pub mod engine;
pub mod errors;
pub mod fields;
pub mod login;
pub mod new_application;
pub mod portal;
pub mod registry;
pub mod system_settings;
pub mod temp_account;

pub use catalogue::catalogue;
pub use engine::handle;

/// A registered application as its input screens show it, keyed as a conformance-kit input
/// (docs/kit.md): what the kit compares a client's input with.
pub fn entered(app: &crate::application::Application) -> serde_json::Value {
    match &app.content {
        crate::application::ApplicationContent::New(n) => new_application::record::entered(n),
        crate::application::ApplicationContent::Change(c) => change_application::record::entered(c),
        crate::application::ApplicationContent::SystemSettings(s) => {
            system_settings::record::entered(s)
        }
    }
}

use crate::application::Draft;
use crate::clock::Instant;
use crate::screen::Screen;
use crate::screen::form::FormInput;
use crate::screen::spec::FieldErrors;
use crate::workspace::Workspace;
use crate::workspace::session::Session;

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
    /// A printed document (申込書, 承認通知): a whole HTML page and its download name.
    Document {
        html: String,
        filename: String,
    },
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
    /// The workspace, without the session below (which is taken out of it while a screen runs).
    pub ws: &'a mut Workspace,
    /// The session standing on the screen.
    pub session: &'a mut Session,
    /// The workspace clock's reading for this request.
    pub now: Instant,
    /// The workspace's base path (`/` or `/w/{id}/`).
    pub base: &'a str,
    /// The absolute base URL mails link to.
    pub public_base: &'a str,
}

impl Cx<'_> {
    /// An absolute path inside the workspace.
    pub fn url(&self, rel: &str) -> String {
        [self.base, rel].concat()
    }

    /// The new application being entered (created empty if the session has none).
    pub fn new_draft(&mut self) -> &mut crate::application::draft::NewApplicationDraft {
        if !matches!(self.session.draft, Some(Draft::NewApplication(_))) {
            self.session.draft = Some(Draft::NewApplication(Default::default()));
        }
        match self.session.draft.as_mut() {
            Some(Draft::NewApplication(d)) => d,
            _ => unreachable!("set just above"),
        }
    }

    /// The システム設定申込 being entered (created empty, for the login's office, if the session
    /// has none).
    pub fn settings_draft(&mut self) -> &mut crate::application::draft::SystemSettingsDraft {
        if !matches!(self.session.draft, Some(Draft::SystemSettings(_))) {
            let office_code = match &self.session.login {
                Some(crate::workspace::session::Login::Office(code)) => code.clone(),
                _ => String::new(),
            };
            self.session.draft = Some(Draft::SystemSettings(Box::new(
                crate::application::draft::SystemSettingsDraft {
                    office_code,
                    ..Default::default()
                },
            )));
        }
        match self.session.draft.as_mut() {
            Some(Draft::SystemSettings(d)) => d,
            _ => unreachable!("set just above"),
        }
    }

    /// The 仮ログイン登録 being entered (created empty if the session has none).
    pub fn temp_draft(&mut self) -> &mut crate::application::draft::TempAccountDraft {
        if !matches!(self.session.draft, Some(Draft::TempAccount(_))) {
            self.session.draft = Some(Draft::TempAccount(Box::default()));
        }
        match self.session.draft.as_mut() {
            Some(Draft::TempAccount(d)) => d,
            _ => unreachable!("set just above"),
        }
    }
}

/// Where a submit leads.
pub enum Step {
    /// Show the same screen again with these errors (nothing moves).
    Stay(FieldErrors),
    /// Show the same screen again without errors (反映, 設定する …).
    Refresh,
    /// The next step of the procedure's sequence that applies to the draft.
    Next,
    /// The previous step of the sequence that applies to the draft (「前に戻る」).
    Back,
    /// Another screen, by id.
    Go(&'static str),
    /// End the session and go to a path (一時保存, 申込をやめる).
    EndAndGo(String),
}
