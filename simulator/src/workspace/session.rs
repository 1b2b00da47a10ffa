//! Browser sessions and where in a procedure each one stands. Sessions are the ephemeral part of
//! a workspace: a store may keep them apart from the durable state.

use crate::application::{Draft, Filer};
use crate::clock::Instant;
use crate::flow::ScreenId;
use serde::{Deserialize, Serialize};

/// Who a session logged in as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Login {
    /// A 仮ログインID (P1), until the day after the 利用開始日.
    Temp(String),
    /// A 事業所コード, from approval on.
    Office(String),
}

impl Login {
    /// The ID typed on the login page.
    pub fn id(&self) -> &str {
        match self {
            Login::Temp(id) | Login::Office(id) => id,
        }
    }

    /// The filer of what this login files.
    pub fn filer(&self) -> Filer {
        match self {
            Login::Temp(id) => Filer::Temp(id.clone()),
            Login::Office(code) => Filer::Office(code.clone()),
        }
    }
}

/// One browser session (a cookie).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// When the session began (printed as 「…からログイン中」 once logged in).
    pub started_at: Instant,
    /// Who the session logged in as; None before login (P1).
    pub login: Option<Login>,
    /// The screen the session stands on. A POST is accepted only for this screen and only with
    /// the current flow token; anything else is the manual's 「予期しない操作」 (M000 【参考】).
    pub at: ScreenId,
    /// The token every form of the current screen carries; renewed at each accepted POST.
    pub flow_token: String,
    /// The procedure being entered; lost with the session unless 一時保存 kept it.
    pub draft: Option<Draft>,
    /// The application a portal page shows (申込内容 参照, ID通知内容).
    #[serde(default)]
    pub viewing: Option<String>,
    /// The tab a portal page shows.
    #[serde(default)]
    pub tab: Option<String>,
}

impl Session {
    /// A session standing on `at`, logged in as `login`.
    pub fn new(
        started_at: Instant,
        login: Option<Login>,
        at: ScreenId,
        flow_token: String,
    ) -> Self {
        Session {
            started_at,
            login,
            at,
            flow_token,
            draft: None,
            viewing: None,
            tab: None,
        }
    }

    /// The 仮ログインID, when logged in with one.
    pub fn temp_id(&self) -> Option<&str> {
        match &self.login {
            Some(Login::Temp(id)) => Some(id),
            _ => None,
        }
    }

    /// The filer this session files as, once logged in.
    pub fn filer(&self) -> Option<Filer> {
        self.login.as_ref().map(Login::filer)
    }
}
