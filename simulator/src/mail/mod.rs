//! The mails NSS sends: the kinds and their subjects, the bodies, and the
//! RFC 5322 message the simulator's mailbox serves.
//!
//! Pure code: nothing here sends, stores or reads anything. A procedure builds
//! a typed context (one struct per kind, in [`contexts`]), [`compose`] turns it
//! into a [`Mail`] — the stored record the simulator API lists — and
//! [`rfc5322::render`] turns a stored [`Mail`] into the message served at
//! `…/mails/{id}/raw` (contract §5).
//!
//! # Layout
//!
//! - `mod.rs` — [`MailKind`] with THE table of subjects, [`Recipient`],
//!   [`Mail`], the [`MailContext`] trait and [`compose`].
//! - `contexts.rs` — one context struct per kind: the data its text needs.
//! - `templates.rs` — the minijinja environment, built once from the texts in
//!   `templates/*.txt` (one body per kind, the shared blocks in `_common.txt`).
//! - `rfc5322.rs` — what goes into the RFC 5322 / MIME message; the writing
//!   (encoded-words, folding) is the `mail-builder` crate's.
//!
//! # Fidelity
//!
//! The texts are the manuals' (procedures.md §10): the sender, the address
//! lines 「{企業名} {部署}」「{氏名} 様」, the opening 「輸出入・港湾関連情報処理センター
//! 株式会社（NACCSセンター）です。」, the kind's text, 「<ご利用にあたっての留意事項>」 and
//! the helpdesk block. The manuals are OCR'd screenshots: where one rendering
//! of a mail is garbled, the template follows another rendering of the same
//! text, and says so next to the line. Mails the manuals never print are
//! written in the same style and marked as inferred.

pub mod contexts;
pub mod rfc5322;
mod templates;

#[cfg(test)]
mod tests;

use std::fmt;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

pub use contexts::{
    AccountTransferForm, ApplicationCancelled, ApplicationConfirmed, ApplicationReceived,
    CertificateIssued, ClarificationRequested, SystemSettingsConfirmed, SystemSettingsReceived,
    TempAccountRegistered,
};
pub use rfc5322::render;

/// The sender of every NSS mail, as the mail header shows it in M000 【10】
/// (「NACCSサポートシステム（自動送信） <NACCS@mail.nss-nac6.naccs.jp>」; M003's
/// rendering of the same header garbles the domain to `nacccs.jp`).
pub const FROM: &str = "NACCSサポートシステム（自動送信） <NACCS@mail.nss-nac6.naccs.jp>";

/// Every kind of mail NSS sends. The serde name (`snake_case`) is the `kind`
/// of the simulator API's mail document (contract §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MailKind {
    /// 仮アカウント登録完了 — to the 申込担当者 after the 仮ログイン登録 (P1).
    TempAccountRegistered,
    /// 利用申込受付完了 — to the 申込担当者 and 管理責任者 after 「申込内容を登録する」 (P2).
    ApplicationReceived,
    /// 利用申込確認完了 — to the 申込担当者 and 管理責任者 at 審査終了 (P3).
    ApplicationConfirmed,
    /// デジタル証明書発行完了 — to the 管理責任者 after approval (P3).
    CertificateIssued,
    /// 確認依頼 — the center has a question about an application (P7).
    ClarificationRequested,
    /// システム設定申込 受付完了 (P7).
    SystemSettingsReceived,
    /// システム設定申込 確認完了 (P7).
    SystemSettingsConfirmed,
    /// 利用申込 無効 — no システム設定申込 by the システム設定申込締切日 of the 利用開始日.
    ApplicationCancelled,
    /// 預金口座振替依頼書 — to the 請求先担当者 when paying by 口座振替 without 同一口座振替.
    AccountTransferForm,
}

impl MailKind {
    /// Every kind, in the order of the procedures.
    pub const ALL: [MailKind; 9] = [
        MailKind::TempAccountRegistered,
        MailKind::ApplicationReceived,
        MailKind::ApplicationConfirmed,
        MailKind::CertificateIssued,
        MailKind::ClarificationRequested,
        MailKind::SystemSettingsReceived,
        MailKind::SystemSettingsConfirmed,
        MailKind::ApplicationCancelled,
        MailKind::AccountTransferForm,
    ];

    /// THE table of subjects (procedures.md §10). A context may append a
    /// suffix ([`MailContext::subject_suffix`]); the stem is always this.
    pub fn subject(self) -> &'static str {
        match self {
            // M000 【10】 (2018 screenshot) and M002 ⑤.
            MailKind::TempAccountRegistered => "【NSS】仮アカウント登録完了のお知らせ",
            // M003 (2023 screenshot): 「【NACCS】利用申込受付完了のお知らせ (XXXXXX,XXXXXX)」;
            // the masked suffix is added by `ApplicationReceived::subject_suffix`.
            MailKind::ApplicationReceived => "【NACCS】利用申込受付完了のお知らせ",
            // M002 3.① (2018) prints 【NACCS】; M001 2.① (2013) printed 【NSS】. The
            // newer manual wins, as do M003's 【NACCS】 subjects of the same flow.
            MailKind::ApplicationConfirmed => "【NACCS】利用申込確認完了のお知らせ",
            // M001 3.① (2013), the only manual that shows this mail.
            MailKind::CertificateIssued => "【NSS】デジタル証明書発行完了のお知らせ",
            // Inferred: M004 shows the body of the 「確認依頼メール」, not its
            // subject; written like the other application mails.
            MailKind::ClarificationRequested => "【NACCS】申込内容確認依頼のお知らせ",
            // Inferred from M004 ⑩'s screen 「システム設定申込受付完了のメールを…送信しました」.
            MailKind::SystemSettingsReceived => "【NACCS】システム設定申込受付完了のお知らせ",
            // Inferred from M004's 「確認完了メール」 and the 利用申込確認完了 subject.
            MailKind::SystemSettingsConfirmed => "【NACCS】システム設定申込確認完了のお知らせ",
            // Inferred: the NACCS 掲示板 notice of 2019-04-02 says the 無効 is told by
            // mail but does not print it.
            MailKind::ApplicationCancelled => "【NACCS】利用申込無効のお知らせ",
            // M002 ⑨ names the mail 「預金口座振替依頼書についてのお知らせ」 (no 【…】
            // prefix is printed, so none is invented).
            MailKind::AccountTransferForm => "預金口座振替依頼書についてのお知らせ",
        }
    }

    /// The serde name, e.g. `temp_account_registered`.
    pub fn as_str(self) -> &'static str {
        match self {
            MailKind::TempAccountRegistered => "temp_account_registered",
            MailKind::ApplicationReceived => "application_received",
            MailKind::ApplicationConfirmed => "application_confirmed",
            MailKind::CertificateIssued => "certificate_issued",
            MailKind::ClarificationRequested => "clarification_requested",
            MailKind::SystemSettingsReceived => "system_settings_received",
            MailKind::SystemSettingsConfirmed => "system_settings_confirmed",
            MailKind::ApplicationCancelled => "application_cancelled",
            MailKind::AccountTransferForm => "account_transfer_form",
        }
    }
}

impl fmt::Display for MailKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A person a mail is addressed to, as NSS knows them from the application
/// (申込担当者, 管理責任者, 請求先担当者).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipient {
    /// 企業名 — the first address line of the body.
    pub company: String,
    /// 所属部署名 (optional on every NSS form) — follows the company on the
    /// same line, as in M001/M002 「〇〇株式会社 ××事業所 △△部」 and M003
    /// 「サイバーポート株式会社 港湾部」.
    pub department: Option<String>,
    /// 氏名, 姓 and 名 separated by a space: 「貿易 太郎」.
    pub name: String,
    /// The E-mailアドレス entered on the form (ASCII, 半角英数字).
    pub email: String,
}

impl Recipient {
    /// The RFC 5322 address as stored in [`Mail::to`]: `貿易 太郎 <qqfcbj@meti.go.jp>`,
    /// unencoded (encoding happens in [`rfc5322::render`]). Line breaks in the
    /// name are replaced with spaces: they are never part of a name and would
    /// otherwise end the header.
    pub fn mailbox(&self) -> String {
        let name: String = self
            .name
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let name = name.trim();
        if name.is_empty() {
            format!("<{}>", self.email.trim())
        } else {
            format!("{name} <{}>", self.email.trim())
        }
    }
}

/// A composed mail: what the simulator stores, lists (`GET …/mails`) and
/// renders (`GET …/mails/{id}/raw`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mail {
    /// The workspace's running mail number.
    pub id: u32,
    /// Which mail this is.
    pub kind: MailKind,
    /// The sender, always [`FROM`].
    pub from: String,
    /// `To` addresses, unencoded, like `貿易 太郎 <qqfcbj@meti.go.jp>`.
    pub to: Vec<String>,
    /// `Cc` addresses, same form; usually empty.
    pub cc: Vec<String>,
    /// The subject: [`MailKind::subject`] plus the context's suffix, if any.
    pub subject: String,
    /// When NSS sent it, on the workspace clock (JST, `+09:00`).
    pub sent_at: DateTime<FixedOffset>,
    /// The body, lines separated by `\n`, ending with a newline.
    pub text: String,
    /// The `Message-ID` with its angle brackets, e.g. `<a1b2@mail.nss-nac6.naccs.jp>`.
    pub message_id: String,
}

/// The data one kind of mail needs. Each context is serialised into its
/// template, so every public field is a template variable.
pub trait MailContext: Serialize {
    /// The kind this context composes.
    fn kind(&self) -> MailKind;
    /// The `To` recipients, in order. Duplicated addresses are dropped by [`compose`].
    fn to(&self) -> Vec<&Recipient>;
    /// The `Cc` recipients; none by default.
    fn cc(&self) -> Vec<&Recipient> {
        Vec::new()
    }
    /// Text appended to [`MailKind::subject`]; none by default.
    fn subject_suffix(&self) -> Option<String> {
        None
    }
}

/// Why a mail could not be composed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailError {
    /// The Message-ID is not `<id-left@id-right>` of printable ASCII, or too
    /// long for one header line.
    InvalidMessageId(String),
    /// The context names nobody to send to.
    NoRecipients(MailKind),
    /// A template failed to render (a bug in a template, caught by the tests).
    Template(String),
}

impl fmt::Display for MailError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MailError::InvalidMessageId(id) => write!(f, "invalid Message-ID: {id:?}"),
            MailError::NoRecipients(kind) => write!(f, "mail {kind} has no recipient"),
            MailError::Template(e) => write!(f, "mail template error: {e}"),
        }
    }
}

impl std::error::Error for MailError {}

/// Composes the mail a context describes.
///
/// `message_id` comes from the caller (the simulator derives it from the
/// workspace's seeded generator, so mails are reproducible); it may be given
/// with or without its angle brackets. Recipients whose address appears
/// earlier (case-insensitively) are dropped, so a 管理責任者 who is also the
/// 申込担当者 gets one copy and one greeting.
pub fn compose<C: MailContext + ?Sized>(
    id: u32,
    ctx: &C,
    sent_at: DateTime<FixedOffset>,
    message_id: &str,
) -> Result<Mail, MailError> {
    let kind = ctx.kind();
    let message_id = rfc5322::normalize_message_id(message_id)
        .ok_or_else(|| MailError::InvalidMessageId(message_id.to_owned()))?;

    let mut seen: Vec<String> = Vec::new();
    let mut keep = |r: &&Recipient| {
        let key = r.email.trim().to_ascii_lowercase();
        if seen.contains(&key) {
            false
        } else {
            seen.push(key);
            true
        }
    };
    let to: Vec<&Recipient> = ctx.to().into_iter().filter(&mut keep).collect();
    let cc: Vec<&Recipient> = ctx.cc().into_iter().filter(&mut keep).collect();
    if to.is_empty() {
        return Err(MailError::NoRecipients(kind));
    }

    let addressees: Vec<&Recipient> = to.iter().chain(cc.iter()).copied().collect();
    let text = templates::render_body(kind, ctx, &addressees)?;

    let subject = match ctx.subject_suffix() {
        Some(suffix) => format!("{}{suffix}", kind.subject()),
        None => kind.subject().to_owned(),
    };

    Ok(Mail {
        id,
        kind,
        from: FROM.to_owned(),
        to: to.iter().map(|r| r.mailbox()).collect(),
        cc: cc.iter().map(|r| r.mailbox()).collect(),
        subject,
        sent_at,
        text,
        message_id,
    })
}
