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
    /// The logged-in menu, outside any flow.
    Menu,
}

/// One browser session (a cookie).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Session {
    /// When the session began (printed as 「…からログイン中」 once logged in).
    pub started_at: Instant,
    /// The 仮ログインID the session logged in with; None before login (P1).
    pub login: Option<String>,
    /// Where the session stands.
    pub at: At,
    /// The token every form of the current screen carries; renewed at each accepted POST.
    pub flow_token: String,
    /// The 仮ログイン登録 input (P1), until it is registered.
    pub temp_input: Values,
    /// The new application being entered (P2); lost with the session unless 一時保存 kept it.
    pub draft: Option<ApplicationDraft>,
}
