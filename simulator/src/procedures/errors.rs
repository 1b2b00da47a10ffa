//! Error screens.

use crate::screen::{Block, Link, Screen};

/// The manual's message for a back button, a second tab or a stale form (M000 【参考】).
pub const UNEXPECTED_OPERATION: &str = "予期しない操作がなされた為、エラーが発生しました。大変お手数ですが、再度ログインしてください。";

/// 「予期しない操作」: the session is over; input not kept with 一時保存 is lost.
pub fn unexpected_operation(base: &str) -> Screen {
    let mut s = Screen::new("error.unexpected_operation", "エラー");
    // M000 【参考】 prints the message without a heading (E1); 「エラー」 stays the page's title.
    s.untitled = true;
    s.errors.push(UNEXPECTED_OPERATION.to_string());
    s.blocks.push(Block::Links(vec![Link::new(
        "ログインページに戻る",
        format!("{base}login/nsscoapp/"),
    )]));
    s
}

/// A page that does not exist.
pub fn not_found(base: &str) -> Screen {
    let mut s = Screen::new("error.not_found", "ページが見つかりません");
    s.status = 404;
    s.errors
        .push("指定されたページは存在しません。".to_string());
    s.blocks.push(Block::Links(vec![Link::new(
        "ログインページに戻る",
        format!("{base}login/nsscoapp/"),
    )]));
    s
}
