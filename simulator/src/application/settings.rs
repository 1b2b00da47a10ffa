//! システム設定申込 (M004, M002 3.1, procedures.md §9): what an office applies for — per
//! 利用者コード the English 名称 NACCS prints and, when asked, the initialisation of passwords —
//! when NACCS should register it, and what the center's approval registered.

use super::person::Person;
use crate::clock::Instant;
use crate::domain::english::EnglishText;
use crate::domain::format::{Date8, PostalCode, Text240, UserCode};
use crate::domain::lists::ProcessingMethod;
use serde::{Deserialize, Serialize};

/// The lengths of the English inputs. No manual prints them: NACCS's name and address items
/// are 70 and 35 characters wide (docs/decisions.md "Issue 13", 「英字の桁数」).
pub const NAME_MAX: usize = 70;
pub const LINE_MAX: usize = 35;

/// The English 名称 of one 利用者コード (M002 3.1 「名称」 tab; the columns 企業名(英),
/// 事業所名(英), 事業所所在地(英), 業務責任者名(英) of M004's 設定情報).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnglishNames {
    /// 企業名(英): 「NACCS SYSTEM CO.,LTD.」.
    pub company: EnglishText<NAME_MAX>,
    /// 事業所名(英): 「HONSHA」.
    pub office: EnglishText<NAME_MAX>,
    /// 郵便番号 of the English address (M002: 9990000 + 「反映」).
    pub postal: PostalCode,
    /// 住所(英), one to three lines: 「KANAGAWA KEN」 「KAWASAKI SHI SAIWAI KU」 「HORIKAWA CYO 999」.
    pub address: Vec<EnglishText<LINE_MAX>>,
    /// 業務責任者名(英), initial and family name: 「I.KONSAI」.
    pub manager: EnglishText<LINE_MAX>,
}

impl EnglishNames {
    /// 事業所所在地(英) on one line, as M004's tables print it.
    pub fn address_line(&self) -> String {
        self.address
            .iter()
            .map(EnglishText::as_str)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// One 利用者ID of a 利用者コード as 利用者ID一覧 lists it (M004 l.301: 「net 1ANAC A0A」).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserIdRef {
    pub method: ProcessingMethod,
    /// 識別番号 (A0A, A01 …).
    pub ident: String,
}

/// パスワード初期化 of some 利用者ID of one 利用者コード (M004 ⑦).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordReset {
    /// The 利用者ID ticked under 「初期化を希望する」, in the list's order.
    pub ids: Vec<UserIdRef>,
    /// パスワード初期化の希望理由 (240文字以内).
    pub reason: Text240,
}

/// What one 利用者コード is set to: a row of 申込情報 (M004 S3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeSetting {
    pub user_code: UserCode,
    pub names: EnglishNames,
    /// 「同一企業の全事業所情報を変更します。」: the 企業名(英) holds for every office of the company
    /// (M002 3.1: required to enter a 企業名(英)).
    pub all_offices: bool,
    /// The passwords to initialise, if any.
    pub reset: Option<PasswordReset>,
}

/// The 申込担当者 of a システム設定申込 as its input screen holds it (M004 S2: the person, no
/// 申込理由). A type of its own, so that each procedure's 申込担当者 screen has its own form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SettingsApplicant(pub Person);

/// NACCS反映タイミング (M004 「NACCS登録希望日に関する項目」).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "timing", content = "date", rename_all = "snake_case")]
pub enum Reflection {
    /// 「最短の日程で登録を希望」.
    Earliest,
    /// 「日付を指定して登録を希望」 with the NACCS登録希望日 (M004: 20210212).
    OnDate(Date8),
}

/// NACCS登録希望日に関する項目: when and the 備考.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    pub reflection: Reflection,
    /// 備考 (240文字以内).
    pub remarks: Option<Text240>,
}

/// A システム設定申込 as registered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SystemSettingsApplication {
    /// The 事業所コード it is filed for.
    pub office_code: String,
    /// The office's 企業名 when it was filed (for the center's lists and the mails).
    pub company: String,
    /// 申込担当者.
    pub applicant: Person,
    /// 申込情報: one row per 利用者コード set.
    pub codes: Vec<CodeSetting>,
    pub registration: Registration,
}

impl SystemSettingsApplication {
    /// Whether it asks for any password to be initialised.
    pub fn resets_passwords(&self) -> bool {
        self.codes.iter().any(|c| c.reset.is_some())
    }
}

/// A password the approval issued again (M004 確認完了: 「今回発行したパスワード」).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReissuedPassword {
    pub method: ProcessingMethod,
    pub user_code: String,
    pub ident: String,
    pub password: String,
}

/// What the center's approval of a システム設定申込 registered in NACCS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NaccsRegistration {
    /// NACCS登録日 (M004 l.480: 2025/10/12).
    pub registered_on: chrono::NaiveDate,
    /// When the 確認完了 mail went out: the passwords are shown for 3 business days from its day.
    pub confirmed_at: Instant,
    /// The initialised passwords.
    pub reissued: Vec<ReissuedPassword>,
}
