//! システム設定申込 完了 (M004 ⑩, l.413-441).

use crate::procedures::{Cx, Step};
use crate::screen::form::FormInput;
use crate::screen::{Block, Link, Screen};

pub const TITLE: &str = "システム設定申込 完了";

pub fn view(cx: &mut Cx, _errors: &crate::screen::spec::FieldErrors) -> Screen {
    let mut s = Screen::new("system_settings.complete", TITLE);
    // The number registration answered (kept with the session for this screen).
    let number = cx.session.viewing.clone().unwrap_or_default();
    s.blocks.push(Block::Message(vec![
        "システム設定申込の受付が完了しました。".into(),
    ]));
    s.blocks.push(Block::Text(vec![
        "システム設定申込受付完了のメールを申込担当者および管理責任者宛てに送信しましたので、ご確認ください。".into(),
        format!("申込受付番号「{number}」").into(),
        // l.433 is cut after 「迷惑」: completed as the 利用申込 完了 prints it.
        "*入力いただいたE-mailアドレスにメールが届かない場合は、迷惑フィルターの設定やメールの振り分け設定をご確認ください。".into(),
    ]));
    s.blocks.push(Block::Links(vec![Link::new(
        "←メニューに戻る",
        cx.url("menu"),
    )]));
    s
}

pub fn submit(_cx: &mut Cx, _form: &FormInput) -> Step {
    Step::Refresh
}
