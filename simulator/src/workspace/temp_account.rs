//! 仮アカウント: the temporary login of procedure P1 (procedures.md §2).

use crate::application::TempApplicant;
use crate::clock::Instant;
use chrono::Duration;
use serde::{Deserialize, Serialize};

/// How long a temporary ID lives unless an application is registered (M000 【9】【10】).
pub const LIFETIME_HOURS: i64 = 48;

/// A temporary account and what hangs off it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TempAccount {
    /// 仮ログインID (7 digits).
    pub login_id: String,
    /// 仮パスワード (8 upper-case alphanumerics).
    pub password: String,
    /// When it was issued.
    pub issued_at: Instant,
    /// The 申込担当者 entered on 仮ログイン登録, with the company.
    pub applicant: TempApplicant,
    /// The reception number once the application is registered.
    pub application: Option<String>,
}

/// Why a temporary ID does not let its owner in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TempLoginRefusal {
    /// 48 hours passed without a registered application (一時保存 does not extend it, M002).
    Expired,
}

impl TempAccount {
    /// The instant the ID dies if nothing is registered.
    pub fn expires_at(&self) -> Instant {
        self.issued_at + Duration::hours(LIFETIME_HOURS)
    }

    /// Whether the ID may log in at `now`. After registration it keeps working to follow the
    /// application (M002 ④); the end of that (the day after the 利用開始日) comes with the
    /// review, which sets the start date.
    pub fn check(&self, now: Instant) -> Result<(), TempLoginRefusal> {
        if self.application.is_some() || now < self.expires_at() {
            Ok(())
        } else {
            Err(TempLoginRefusal::Expired)
        }
    }
}
