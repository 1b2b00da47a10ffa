//! Drafts: what a session has entered in a procedure that is not registered yet, kept with the
//! session and, after 「申込内容を一時保存する」, with the filer (M000 【参考】).
//!
//! Each input screen fills one [`Slot`]: empty, the typed value its form parsed into, or — when
//! the user left the screen without its input passing the screen's rules (前に戻る, 一時保存,
//! 反映) — the raw input exactly as typed, so that the screen shows it again and nothing typed is
//! lost. Raw input is read by the screen that owns it and by nothing else.

use super::new::{
    Applicant, Billing, Connection, IdentSetting, LineChoices, LineRequest, Mailboxes,
    OfficeDetails, Terminals, UserCodeRequest,
};
use super::person::TempApplicant;
use super::record::{Attachment, Filer};
use super::settings::{CodeSetting, Registration, SettingsApplicant};
use crate::domain::format::Text240;
use crate::domain::lists::FeePlan;
use crate::flow::ScreenId;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A screen's input as typed, by form field name: only while it does not pass the screen's rules.
pub type RawInput = BTreeMap<String, String>;

/// What one input screen has contributed to a draft.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", content = "value", rename_all = "snake_case")]
pub enum Slot<T> {
    /// Never submitted.
    #[default]
    Empty,
    /// Left without passing the screen's rules: the input as typed.
    Unchecked(RawInput),
    /// Accepted by the screen's rules.
    Parsed(T),
}

impl<T> Slot<T> {
    /// The typed value, once the screen accepted it.
    pub fn parsed(&self) -> Option<&T> {
        match self {
            Slot::Parsed(v) => Some(v),
            _ => None,
        }
    }

    /// The raw input of a screen left unchecked.
    pub fn raw(&self) -> Option<&RawInput> {
        match self {
            Slot::Unchecked(r) => Some(r),
            _ => None,
        }
    }
}

/// 仮ログイン登録 (M000 【6】【7】): the 申込担当者 being entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TempAccountDraft {
    pub applicant: Slot<TempApplicant>,
}

/// 利用者コード 入力 (detail) while it is open (M000 【18】).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserCodeDetailDraft {
    /// The row being edited (修正), or None for a new one.
    pub editing: Option<usize>,
    /// 「他事業所の利用者コードを共用する」 rather than a new code.
    pub shared: bool,
    /// The inputs of the detail screen as typed (a sub-form that is read as a whole at
    /// 「この内容で設定する」).
    pub raw: RawInput,
    /// 設定した利用者コード情報 so far.
    pub settings: Vec<IdentSetting>,
}

/// 回線サービス・論理端末情報 入力 while it is open (一般NACCS).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineDetailDraft {
    /// The row being edited (修正), or None for a new one.
    pub editing: Option<usize>,
    /// The inputs as typed (read as a whole at 「この内容で設定する」).
    pub raw: RawInput,
}

/// The new application being entered (M000 【14】–【24】).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewApplicationDraft {
    pub applicant: Slot<Applicant>,
    pub office: Slot<OfficeDetails>,
    /// The button pressed on 事業所・企業 入力.
    pub connection: Option<Connection>,
    /// 申込情報 of 利用者コード 入力.
    pub user_codes: Vec<UserCodeRequest>,
    /// 「利用者IDは他事業所より付け替え、または別途申し込みします。」
    pub users_transfer: bool,
    /// 利用者コード 入力 (detail) while open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<UserCodeDetailDraft>,
    pub terminals: Slot<Terminals>,
    /// 申込情報(回線) of 回線・論理端末 入力 (一般NACCS, M003).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<LineRequest>,
    /// 回線サービス・論理端末情報 入力 while open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line_detail: Option<LineDetailDraft>,
    /// 回線・論理端末 入力's own inputs (機器共用先, the check box).
    #[serde(default)]
    pub line_choices: Slot<LineChoices>,
    /// メールボックス 入力 (一般NACCS).
    #[serde(default)]
    pub mailboxes: Slot<Mailboxes>,
    /// システム構成図 attached on 論理端末・証明書 入力 or 回線・論理端末 入力.
    pub diagram: Option<Attachment>,
    pub plan: Slot<FeePlan>,
    pub billing: Slot<Billing>,
    /// 利用申込の備考 of 申込内容 確認.
    pub remarks: Slot<Option<Text240>>,
    /// 添付ファイル of 申込内容 確認.
    pub attachments: Vec<Attachment>,
    /// The application a 修正 corrects (procedures.md §9): registering sends it back to review
    /// under its own 申込受付番号.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amends: Option<String>,
}

/// システム設定情報 入力 of one 利用者コード while it is open (M004 ⑦, M002 3.1).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeDetailDraft {
    /// The 利用者コード being set.
    pub user_code: String,
    /// The row of 申込情報 being corrected (「修正」), or None for a code chosen with 「選択」.
    pub editing: Option<usize>,
    /// The inputs as typed (read as a whole at 「この内容で設定する」).
    pub raw: RawInput,
}

/// The システム設定申込 being entered (M004 S2–S5).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SystemSettingsDraft {
    /// The 事業所コード it is entered for (the login's).
    pub office_code: String,
    pub applicant: Slot<SettingsApplicant>,
    /// 申込情報 of 利用者コード 選択.
    pub codes: Vec<CodeSetting>,
    /// システム設定情報 入力 while open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<CodeDetailDraft>,
    /// NACCS登録希望日に関する項目 of 利用者コード 選択.
    pub registration: Slot<Registration>,
    /// The application a 修正 corrects: registering sends it back to review under its own
    /// 申込受付番号 (docs/decisions.md "Issue 13", Q2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amends: Option<String>,
}

/// The draft of a session, by procedure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "procedure", rename_all = "snake_case")]
pub enum Draft {
    TempAccount(Box<TempAccountDraft>),
    NewApplication(Box<NewApplicationDraft>),
    /// 変更申込 (M001).
    Change(Box<super::change::ChangeDraft>),
    SystemSettings(Box<SystemSettingsDraft>),
}

/// A draft kept by 「申込内容を一時保存する」: resumed on the screen it was left on at the
/// filer's next login. One per filer and procedure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedDraft {
    pub filer: Filer,
    /// The screen to resume on.
    pub at: ScreenId,
    pub draft: Draft,
}
