//! 新着情報: the notices of the logged-in menu (M001 メニュー画面, procedures.md §4).

use crate::application::ApplicationKind;
use crate::clock::Instant;
use serde::{Deserialize, Serialize};

/// One 新着情報 line.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NewsItem {
    pub at: Instant,
    /// 種別: 利用申込, システム設定, 利用料金, 証明書再発行.
    pub kind: String,
    /// The 【受付番号】 the line is about (its 「詳細」 opens it).
    pub reception_number: Option<String>,
    /// The text as NSS prints it.
    pub text: String,
}

/// 「利用申込の審査が終了しました。通知内容を確認してください。」: M002 (2018, l.771) and M001's own
/// later screenshot (l.409, a change application) print it so; M001's first screenshot (l.96, 2013)
/// printed 「…を終了しました。通知内容をご確認ください。」. The newer manual wins (audit M-06).
pub const APPLICATION_APPROVED: &str = "利用申込の審査が終了しました。通知内容を確認してください。";
/// 「利用申込内容に確認事項があります。…取り下げを行ってください。」: M004 (2020–21, l.90-91) prints
/// 「取り下げ」 on every line, where M001 (2013) printed 「取下げ」; the newer manual wins (M-07).
pub const APPLICATION_CLARIFY: &str = "利用申込内容に確認事項があります。通知内容をご確認の上、申込内容の修正、または取り下げを行ってください。";
/// 「システム設定申込内容に確認事項があります。…」 (M004 l.82, 88-89).
pub const SETTINGS_CLARIFY: &str = "システム設定申込内容に確認事項があります。通知内容をご確認の上、申込内容の修正、または取り下げを行ってください。";
/// 「システム設定申込内容の審査が完了しました。通知内容をご確認ください。」 (M004 l.83-84).
pub const SETTINGS_APPROVED: &str =
    "システム設定申込内容の審査が完了しました。通知内容をご確認ください。";
/// Inferred (docs/decisions.md "Issue 13", Q3): a registered 修正 is a new 申込受付 (M004
/// l.32-37), told like the center's answers.
pub const APPLICATION_AMENDED: &str = "利用申込内容の修正を受け付けました。";
pub const SETTINGS_AMENDED: &str = "システム設定申込内容の修正を受け付けました。";
/// Inferred (docs/decisions.md "Issue 13", Q1): the 無効 of a 利用申込 without システム設定申込.
pub const APPLICATION_CANCELLED: &str = "システム設定申込締切日までにシステム設定申込が行われなかったため、利用申込は無効となりました。";

/// The 新着情報 text of the center's 確認事項, by kind (M004).
pub fn clarify_text(kind: ApplicationKind) -> &'static str {
    match kind {
        ApplicationKind::SystemSettings => SETTINGS_CLARIFY,
        ApplicationKind::New | ApplicationKind::Change => APPLICATION_CLARIFY,
    }
}

/// The 新着情報 text of 審査終了, by kind.
pub fn approved_text(kind: ApplicationKind) -> &'static str {
    match kind {
        ApplicationKind::SystemSettings => SETTINGS_APPROVED,
        ApplicationKind::New | ApplicationKind::Change => APPLICATION_APPROVED,
    }
}

/// The 新着情報 text of a registered 修正, by kind.
pub fn amended_text(kind: ApplicationKind) -> &'static str {
    match kind {
        ApplicationKind::SystemSettings => SETTINGS_AMENDED,
        ApplicationKind::New | ApplicationKind::Change => APPLICATION_AMENDED,
    }
}
/// 「前月分の請求額が確定しました。…」 (M001).
pub const INVOICE_FIXED: &str =
    "前月分の請求額が確定しました。請求情報の詳細画面から内容をご確認ください。";
/// 「口座振替申込専用紙を送付しました。…」 (M001).
pub const TRANSFER_FORM_SENT: &str = "口座振替申込専用紙を送付しました。受領しましたら、必要事項を記入しNACCSセンターに郵送してください。";
