//! A registered application: its kind, who filed it, its typed content, where it stands, the
//! NACCS center's answers (進行状況) and what approval issued.

use super::new::NewApplication;
use super::settings::{NaccsRegistration, SystemSettingsApplication};
use crate::clock::Instant;
use crate::domain::ids::ReceptionKind;
use serde::{Deserialize, Serialize};

/// 申込分類 (M001 申込内容 参照: 新規申込, 変更申込; M004: システム設定申込).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationKind {
    /// 新規利用申込 (M000, M002, M003), filed with a 仮ログインID.
    New,
    /// 変更申込 (M001), filed by an office.
    Change,
    /// システム設定申込 (M004), filed by an office.
    SystemSettings,
}

impl ApplicationKind {
    /// 申込分類 as NSS prints it.
    pub fn label(self) -> &'static str {
        match self {
            ApplicationKind::New => "新規申込",
            ApplicationKind::Change => "変更申込",
            ApplicationKind::SystemSettings => "システム設定申込",
        }
    }

    /// The letter of its 申込受付番号: A for 利用申込 (new or change), C for システム設定
    /// (M004: 2101910C).
    pub fn reception_kind(self) -> ReceptionKind {
        match self {
            ApplicationKind::New | ApplicationKind::Change => ReceptionKind::Application,
            ApplicationKind::SystemSettings => ReceptionKind::SystemSettings,
        }
    }

    /// The 作業項目 prefix of 進行状況 and the 種別 of 新着情報: 「利用申込」 (M001) or
    /// 「システム設定申込」 (M004).
    pub fn work_item(self) -> &'static str {
        match self {
            ApplicationKind::New | ApplicationKind::Change => "利用申込",
            ApplicationKind::SystemSettings => "システム設定申込",
        }
    }

    /// 新着情報 種別 (M004: 「システム設定」).
    pub fn news_kind(self) -> &'static str {
        match self {
            ApplicationKind::New | ApplicationKind::Change => "利用申込",
            ApplicationKind::SystemSettings => "システム設定",
        }
    }
}

/// Who filed an application and follows it in NSS.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Filer {
    /// A 仮ログインID (新規申込).
    Temp(String),
    /// A 事業所コード (変更申込, システム設定申込).
    Office(String),
}

impl Filer {
    /// The login ID.
    pub fn id(&self) -> &str {
        match self {
            Filer::Temp(id) | Filer::Office(id) => id,
        }
    }
}

/// What was applied for, by kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ApplicationContent {
    New(Box<NewApplication>),
    /// 変更申込 (M001).
    Change(Box<super::change::ChangeApplication>),
    SystemSettings(Box<SystemSettingsApplication>),
}

impl ApplicationContent {
    pub fn kind(&self) -> ApplicationKind {
        match self {
            ApplicationContent::New(_) => ApplicationKind::New,
            ApplicationContent::Change(_) => ApplicationKind::Change,
            ApplicationContent::SystemSettings(_) => ApplicationKind::SystemSettings,
        }
    }

    /// The new application, if this is one.
    pub fn as_new(&self) -> Option<&NewApplication> {
        match self {
            ApplicationContent::New(n) => Some(n),
            _ => None,
        }
    }

    /// The change application, if this is one.
    pub fn as_change(&self) -> Option<&super::change::ChangeApplication> {
        match self {
            ApplicationContent::Change(c) => Some(c),
            _ => None,
        }
    }

    /// The システム設定申込, if this is one.
    pub fn as_settings(&self) -> Option<&SystemSettingsApplication> {
        match self {
            ApplicationContent::SystemSettings(s) => Some(s),
            _ => None,
        }
    }
}

/// An attached file: the simulator keeps its name and size, not its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub name: String,
    pub size: u64,
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
    /// 無効: an approved 利用申込 whose システム設定申込 was not registered by its
    /// システム設定申込締切日 (docs/decisions.md "Issue 13", Q1).
    Cancelled,
}

impl ApplicationStatus {
    /// The ステータス as NSS prints it (M004 「内容確認」, M001 「申込中」).
    pub fn label(self) -> &'static str {
        match self {
            ApplicationStatus::Received => "申込中",
            ApplicationStatus::Clarification => "内容確認",
            ApplicationStatus::Approved => "審査終了",
            ApplicationStatus::Withdrawn => "取下げ",
            ApplicationStatus::Cancelled => "無効",
        }
    }
}

/// What happened, in one line of 進行状況.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// 審査終了.
    Approve,
    /// 確認事項.
    Clarify,
    /// The applicant's 修正.
    Amend,
    /// The applicant's 取下げ.
    Withdraw,
    /// デジタル証明書発行.
    Certificates,
    /// 無効: the システム設定申込締切日 passed without a システム設定申込.
    Cancel,
}

/// One line of 進行状況 (M004: 作業項目, 作業日, 通知内容).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReviewEntry {
    /// When it happened, on the workspace clock.
    pub at: Instant,
    pub decision: Decision,
    /// 作業項目 as printed: 「利用申込 回答(内容確認)」.
    pub item: String,
    /// 通知内容: the center's message.
    pub message: Option<String>,
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
    pub filer: Filer,
    pub status: ApplicationStatus,
    /// When 「申込内容を登録する」 was accepted.
    pub submitted_at: Instant,
    /// When a 修正 last sent it back to review (the automatic policy counts from here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resubmitted_at: Option<Instant>,
    /// What was submitted (its kind is the application's kind).
    pub content: ApplicationContent,
    /// 進行状況: the center's answers and the applicant's corrections, oldest first.
    pub review: Vec<ReviewEntry>,
    /// What approval issued.
    #[serde(default)]
    pub issued: Option<IssuedRecord>,
    /// The first start date the schedule allowed for the wish at registration (procedures.md §8).
    pub feasible_start: Option<chrono::NaiveDate>,
    /// What the approval of a システム設定申込 registered in NACCS (NACCS登録日, passwords).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub naccs_registration: Option<NaccsRegistration>,
}

impl Application {
    pub fn kind(&self) -> ApplicationKind {
        self.content.kind()
    }

    /// The 利用開始希望日 as entered (YYYYMMDD), for the kinds that have one.
    pub fn wished_start(&self) -> Option<&str> {
        match &self.content {
            ApplicationContent::New(n) => Some(n.office.start_wish.as_str()),
            ApplicationContent::Change(c) => Some(c.items.start_wish.as_str()),
            ApplicationContent::SystemSettings(_) => None,
        }
    }

    /// The 企業名 the application is for.
    pub fn company(&self) -> &str {
        match &self.content {
            ApplicationContent::New(n) => n.office.company.as_str(),
            ApplicationContent::Change(c) => c.before.company.as_str(),
            ApplicationContent::SystemSettings(s) => &s.company,
        }
    }

    /// Whether its approval creates an office (a 新規申込), which then owes its システム設定申込
    /// (docs/decisions.md, Issue 13, Q1).
    pub fn creates_office(&self) -> bool {
        matches!(self.content, ApplicationContent::New(_))
    }

    /// Whether `filer` filed it (and so may follow, correct or withdraw it).
    pub fn filed_by(&self, filer: &Filer) -> bool {
        self.filer == *filer
    }
}
