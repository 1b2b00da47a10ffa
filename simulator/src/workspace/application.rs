//! The new application (新規利用申込, procedures.md §3): the draft being entered and the
//! registered application with its review history.

use super::session::At;
use crate::clock::Instant;
use crate::screen::spec::Values;
use serde::{Deserialize, Serialize};

/// netNACCS or 一般NACCS, chosen with the button at the foot of 事業所・企業 入力 (M000 【16】(5)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Connection {
    NetNaccs,
    General,
}

/// One 識別番号 setting of a user code: 業種, 処理方式 and 識別番号数 (M000 【18】 「設定する」).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentSetting {
    /// 業種 codes (one, or several with シングルサインオン 要).
    pub industries: Vec<String>,
    /// 処理方式 code.
    pub method: String,
    /// 識別番号数.
    pub count: u32,
}

/// One row of 申込情報 on 利用者コード 入力: a new code or a shared code of another office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserCodeRow {
    /// 他事業所の利用者コードを共用する (M003) rather than a new code.
    pub shared: bool,
    /// システム区分, 利用者コード (shared), シングルサインオン要否, 管理統計資料, 保税管理資料保存サービス.
    pub values: Values,
    /// The 設定した利用者コード情報 rows.
    pub settings: Vec<IdentSetting>,
}

/// The 利用者コード detail screen while it is open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserCodeDetail {
    /// The row being edited (修正), or None for a new one.
    pub editing: Option<usize>,
    pub shared: bool,
    pub values: Values,
    pub settings: Vec<IdentSetting>,
}

/// An attached file: the simulator keeps its name and size, not its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub name: String,
    pub size: u64,
}

/// Everything entered on the new-application screens, as the user typed it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationDraft {
    /// The screen the draft was left on (resumed there after 一時保存).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<At>,
    /// 申込担当者 入力.
    pub applicant: Values,
    /// 事業所・企業 入力.
    pub office: Values,
    /// The button pressed on 事業所・企業 入力.
    pub connection: Option<Connection>,
    /// 利用者コード 入力: the check box under the list.
    pub users: Values,
    /// 利用者コード 入力: the 申込情報 rows.
    pub user_codes: Vec<UserCodeRow>,
    /// 利用者コード 入力 (detail) while open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<UserCodeDetail>,
    /// 論理端末・証明書 入力.
    pub terminals: Values,
    /// システム構成図 attached on 論理端末・証明書 入力.
    pub diagram: Option<Attachment>,
    /// 料金プラン 入力.
    pub plan: Values,
    /// 請求先 入力.
    pub billing: Values,
    /// 申込内容 確認: 利用申込の備考.
    pub remarks: Values,
    /// 申込内容 確認: 添付ファイル.
    pub attachments: Vec<Attachment>,
}

/// Where an application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationStatus {
    /// Registered, waiting for the NACCS center's review (申込中).
    Received,
    /// The center asked a question (確認事項): the applicant corrects (修正) or withdraws.
    Clarification,
    /// 審査終了: IDs issued.
    Approved,
    /// 取下げ by the applicant.
    Withdrawn,
}

impl ApplicationStatus {
    /// The ステータス as NSS prints it (M004 「内容確認」, M001 「申込中」).
    pub fn label(self) -> &'static str {
        match self {
            ApplicationStatus::Received => "申込中",
            ApplicationStatus::Clarification => "内容確認",
            ApplicationStatus::Approved => "審査終了",
            ApplicationStatus::Withdrawn => "取下げ",
        }
    }
}

/// What approval issued (ID通知内容, procedures.md §4).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IssuedRecord {
    /// 審査終了日時.
    pub approved_at: Instant,
    /// 利用開始日: the wish if feasible, else the next feasible start date (procedures.md §8).
    pub start_date: chrono::NaiveDate,
    /// システム設定申込締切日 of that start date.
    pub settings_deadline: chrono::NaiveDate,
    /// 利用契約関係申込締切日 of that start date (printed as 利用申込書提出締切日).
    pub contract_deadline: chrono::NaiveDate,
    /// IDs, passwords, codes and terminals.
    pub ids: crate::domain::issuance::Issued,
    /// When the digital certificates were issued (デジタル証明書発行完了のお知らせ).
    pub certificates_issued_at: Option<Instant>,
}

/// A registered application.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Application {
    /// 申込受付番号 (1800055A).
    pub reception_number: String,
    /// 申込分類: always 新規申込 for now.
    pub kind: String,
    pub status: ApplicationStatus,
    /// When 「申込内容を登録する」 was accepted.
    pub submitted_at: Instant,
    /// When a 修正 last sent it back to review (the automatic policy counts from here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resubmitted_at: Option<Instant>,
    /// The 仮ログインID it was filed under.
    pub temp_login_id: String,
    /// The 利用開始希望日 (YYYYMMDD as entered).
    pub wished_start: String,
    /// The first start date the schedule allows for the wish (procedures.md §8).
    pub feasible_start: Option<chrono::NaiveDate>,
    /// What was submitted.
    pub content: ApplicationDraft,
    /// 進行状況: the center's answers and the applicant's corrections, oldest first.
    pub review: Vec<ReviewEntry>,
    /// What approval issued.
    #[serde(default)]
    pub issued: Option<IssuedRecord>,
}

/// One line of 進行状況 (M004: 作業項目, 作業日, 通知内容).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReviewEntry {
    pub at: Instant,
    /// approve, clarify, amend, withdraw, certificates.
    pub decision: String,
    /// 作業項目 as printed: 「利用申込 回答(内容確認)」.
    pub item: String,
    /// 通知内容: the center's message.
    pub message: Option<String>,
}
