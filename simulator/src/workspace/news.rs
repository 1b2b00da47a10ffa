//! 新着情報: the notices of the logged-in menu (M001 メニュー画面, procedures.md §4).

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

/// 「利用申込の審査を終了しました。通知内容をご確認ください。」 (M001).
pub const APPLICATION_APPROVED: &str = "利用申込の審査を終了しました。通知内容をご確認ください。";
/// 「利用申込内容に確認事項があります。…」 (M001).
pub const APPLICATION_CLARIFY: &str = "利用申込内容に確認事項があります。通知内容をご確認の上、申込内容の修正、または取下げを行ってください。";
/// 「前月分の請求額が確定しました。…」 (M001).
pub const INVOICE_FIXED: &str =
    "前月分の請求額が確定しました。請求情報の詳細画面から内容をご確認ください。";
/// 「口座振替申込専用紙を送付しました。…」 (M001).
pub const TRANSFER_FORM_SENT: &str = "口座振替申込専用紙を送付しました。受領しましたら、必要事項を記入しNACCSセンターに郵送してください。";
