//! One context per kind of mail: the data its text needs, and who gets it.
//!
//! Adding a kind: add the variant and its subject to [`MailKind`], a template
//! `templates/{kind}.txt` registered in `templates.rs`, and a struct here
//! implementing [`MailContext`]. Every public field is a template variable;
//! dates are [`NaiveDate`]s, printed by the templates' `jdate` filter.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{MailContext, MailKind, Recipient};

/// 【NSS】仮アカウント登録完了のお知らせ — M000 【10】, M002 ⑤.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TempAccountRegistered {
    /// The 申込担当者 of the 仮ログイン登録.
    pub to: Recipient,
    /// 仮ログインID, 7 digits (1812881).
    pub temp_login_id: String,
    /// 仮パスワード, 8 upper-case alphanumerics (7TDE8NP7).
    pub temp_password: String,
    /// The NSS login page of the simulator's workspace (in real life
    /// `https://nss.nac6.naccs.jp/login/nsscoapp/`).
    pub login_url: String,
}

impl MailContext for TempAccountRegistered {
    fn kind(&self) -> MailKind {
        MailKind::TempAccountRegistered
    }
    fn to(&self) -> Vec<&Recipient> {
        vec![&self.to]
    }
}

/// 【NACCS】利用申込受付完了のお知らせ（…） — M003 (2023), the mail after
/// 「申込内容を登録する」 of a 新規申込 (M000 【完了】, M002 ⑪) or a 変更申込 (M001 ⑧).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationReceived {
    /// The 申込担当者 and the 管理責任者 (the same address only once).
    pub to: Vec<Recipient>,
    /// 申込受付年月日.
    pub received_on: NaiveDate,
    /// 申込受付番号 (2015927A).
    pub reception_number: String,
    /// The NSS login page of the simulator's workspace.
    pub login_url: String,
    /// The login ID the applicant follows the application with: the
    /// 仮ログインID of a 新規申込 (for a 変更申込, the 事業所コード). Shown in
    /// the subject only (see [`ApplicationReceived::subject_suffix`]).
    pub temp_login_id: String,
    /// A 変更申込 (M001 ⑧): the paragraph 「●新規申込（事業所追加含む）のお客様へ」 about the
    /// 仮ログインID does not apply to an office logged in with its 事業所コード, and is left out
    /// (Part 3 Q15, docs/decisions.md).
    #[serde(default)]
    pub change: bool,
}

impl MailContext for ApplicationReceived {
    fn kind(&self) -> MailKind {
        MailKind::ApplicationReceived
    }
    fn to(&self) -> Vec<&Recipient> {
        self.to.iter().collect()
    }
    /// M003 prints the subject 「【NACCS】利用申込受付完了のお知らせ (XXXXXX,XXXXXX)」 with
    /// both values masked. Inferred: the two identifiers of an application at
    /// that moment, its 申込受付番号 and the login ID it is followed with. The
    /// parentheses are full-width like every other （…） of the mails: M003's
    /// OCR turns those into 「 (…)」 as well (「株式会社 (NACCS センター) です」).
    fn subject_suffix(&self) -> Option<String> {
        Some(format!(
            "（{},{}）",
            self.reception_number.trim(),
            self.temp_login_id.trim()
        ))
    }
}

/// 【NACCS】利用申込確認完了のお知らせ — M002 3.① (2018), M001 2.① (2013).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationConfirmed {
    /// The 申込担当者 and the 管理責任者.
    pub to: Vec<Recipient>,
    /// 申込受付年月日.
    pub received_on: NaiveDate,
    /// 申込受付番号.
    pub reception_number: String,
    /// The NSS login page of the simulator's workspace.
    pub login_url: String,
    /// システム設定申込締切日, when the application needs a システム設定申込
    /// (NACCS 掲示板 FAQ: the deadline is told by mail at 審査終了).
    pub system_settings_deadline: Option<NaiveDate>,
}

impl MailContext for ApplicationConfirmed {
    fn kind(&self) -> MailKind {
        MailKind::ApplicationConfirmed
    }
    fn to(&self) -> Vec<&Recipient> {
        self.to.iter().collect()
    }
}

/// 【NSS】デジタル証明書発行完了のお知らせ — M001 3.①.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateIssued {
    /// The 管理責任者.
    pub to: Recipient,
    /// 申込受付年月日.
    pub received_on: NaiveDate,
    /// 申込受付番号.
    pub reception_number: String,
    /// The NSS login page of the simulator's workspace.
    pub login_url: String,
    /// The 「NSS電子申請情報ページ」 that explains how to obtain a certificate
    /// (in real life on the NACCS site; in the simulator its `bbs/` page).
    pub info_page_url: String,
}

impl MailContext for CertificateIssued {
    fn kind(&self) -> MailKind {
        MailKind::CertificateIssued
    }
    fn to(&self) -> Vec<&Recipient> {
        vec![&self.to]
    }
}

/// 確認依頼 — M004 「確認依頼メール（サンプル）」; for a 利用申込 or a システム設定申込.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClarificationRequested {
    /// The 申込担当者.
    pub to: Recipient,
    /// 申込受付年月日.
    pub received_on: NaiveDate,
    /// 申込受付番号 (2101910C).
    pub reception_number: String,
    /// The NSS login page of the simulator's workspace.
    pub login_url: String,
}

impl MailContext for ClarificationRequested {
    fn kind(&self) -> MailKind {
        MailKind::ClarificationRequested
    }
    fn to(&self) -> Vec<&Recipient> {
        vec![&self.to]
    }
}

/// システム設定申込 受付完了 — M004 ⑩ (the screen announces the mail; its text is inferred).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SystemSettingsReceived {
    /// The 申込担当者 and the 管理責任者.
    pub to: Vec<Recipient>,
    /// 申込受付年月日.
    pub received_on: NaiveDate,
    /// 申込受付番号 (2101932C).
    pub reception_number: String,
    /// The NSS login page of the simulator's workspace.
    pub login_url: String,
}

impl MailContext for SystemSettingsReceived {
    fn kind(&self) -> MailKind {
        MailKind::SystemSettingsReceived
    }
    fn to(&self) -> Vec<&Recipient> {
        self.to.iter().collect()
    }
}

/// システム設定申込 確認完了 — M004 「確認完了メール（サンプル）」.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SystemSettingsConfirmed {
    /// The 申込担当者 and the 管理責任者.
    pub to: Vec<Recipient>,
    /// 申込受付年月日.
    pub received_on: NaiveDate,
    /// 申込受付番号.
    pub reception_number: String,
    /// The NSS login page of the simulator's workspace.
    pub login_url: String,
    /// Whether passwords were (re)issued (パスワード初期化): adds M004's notice
    /// that they can be read for 3 business days and must be changed with URY.
    pub password_reissued: bool,
}

impl MailContext for SystemSettingsConfirmed {
    fn kind(&self) -> MailKind {
        MailKind::SystemSettingsConfirmed
    }
    fn to(&self) -> Vec<&Recipient> {
        self.to.iter().collect()
    }
}

/// 利用申込 無効 — inferred (procedures.md §11: told by mail, never printed). The deadline is the
/// システム設定申込締切日 printed on the ID通知内容 and in the 確認完了 mail (docs/decisions.md
/// "Issue 13", Q1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationCancelled {
    /// The 申込担当者 and the 管理責任者.
    pub to: Vec<Recipient>,
    /// 申込受付年月日 of the cancelled 利用申込.
    pub received_on: NaiveDate,
    /// 申込受付番号 of the cancelled 利用申込.
    pub reception_number: String,
    /// The 利用開始日 the application was approved for.
    pub start_date: NaiveDate,
    /// The システム設定申込締切日 that passed.
    pub system_settings_deadline: NaiveDate,
    /// The NSS login page of the simulator's workspace.
    pub login_url: String,
}

impl MailContext for ApplicationCancelled {
    fn kind(&self) -> MailKind {
        MailKind::ApplicationCancelled
    }
    fn to(&self) -> Vec<&Recipient> {
        self.to.iter().collect()
    }
}

/// 預金口座振替依頼書についてのお知らせ — named in M002 ⑨, text inferred.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountTransferForm {
    /// The 請求先担当者.
    pub to: Recipient,
    /// 申込受付年月日 of the application that chose 口座振替.
    pub received_on: NaiveDate,
    /// 申込受付番号 of that application.
    pub reception_number: String,
}

impl MailContext for AccountTransferForm {
    fn kind(&self) -> MailKind {
        MailKind::AccountTransferForm
    }
    fn to(&self) -> Vec<&Recipient> {
        vec![&self.to]
    }
}
