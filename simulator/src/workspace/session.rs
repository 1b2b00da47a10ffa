//! Browser sessions and where in a procedure each one stands.

use super::application::ApplicationDraft;
use crate::clock::Instant;
use crate::screen::spec::Values;
use serde::{Deserialize, Serialize};

/// The flow screen a session stands on. A POST is accepted only for this screen and only with
/// the current flow token; anything else is the manual's 「予期しない操作」 (M000 【参考】).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum At {
    /// NACCSの利用申込手続き (規程への同意).
    TempGuidance,
    TempInput,
    TempConfirm,
    TempComplete,
    AppGuidance,
    AppApplicant,
    AppOffice,
    AppUsers,
    AppUserDetail,
    AppTerminals,
    AppPlan,
    AppBilling,
    AppConfirm,
    AppComplete,
    /// The logged-in menu (メインメニュー with 新着情報), outside any flow.
    Menu,
    /// 申込内容の確認: the list of applications.
    Applications,
    /// 申込内容 参照 of one application.
    ApplicationDetail,
    /// ID通知内容 of one application.
    IdNotice,
    /// 契約情報 参照.
    Contract,
    /// パスワードの変更.
    Password,
    /// 請求金額の参照.
    Invoices,
}

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
}

/// One browser session (a cookie).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Session {
    /// When the session began (printed as 「…からログイン中」 once logged in).
    pub started_at: Instant,
    /// Who the session logged in as; None before login (P1).
    pub login: Option<Login>,
    /// Where the session stands.
    pub at: At,
    /// The token every form of the current screen carries; renewed at each accepted POST.
    pub flow_token: String,
    /// The 仮ログイン登録 input (P1), until it is registered.
    pub temp_input: Values,
    /// The new application being entered (P2); lost with the session unless 一時保存 kept it.
    pub draft: Option<ApplicationDraft>,
    /// The application a portal page shows (申込内容 参照, ID通知内容) or a 修正 amends.
    #[serde(default)]
    pub viewing: Option<String>,
    /// The tab a portal page shows.
    #[serde(default)]
    pub tab: Option<String>,
    /// Set while the screens of a registered application are re-opened by 修正 (procedures.md §9).
    #[serde(default)]
    pub amending: Option<String>,
}

impl Session {
    /// A session standing on `at`, logged in as `login`.
    pub fn new(started_at: Instant, login: Option<Login>, at: At, flow_token: String) -> Self {
        Session {
            started_at,
            login,
            at,
            flow_token,
            temp_input: Values::new(),
            draft: None,
            viewing: None,
            tab: None,
            amending: None,
        }
    }

    /// The 仮ログインID, when logged in with one.
    pub fn temp_id(&self) -> Option<String> {
        match &self.login {
            Some(Login::Temp(id)) => Some(id.clone()),
            _ => None,
        }
    }
}
