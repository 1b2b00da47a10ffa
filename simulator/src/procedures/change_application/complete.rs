//! NACCS変更申込 完了 (M001 ⑧, l.332-357).

use crate::procedures::{Cx, Step};
use crate::screen::form::FormInput;
use crate::screen::{Block, Link, Screen};

/// The screen's title as printed (l.334).
pub const TITLE: &str = "NACCS変更申込 完了";

pub fn view(cx: &mut Cx, _errors: &crate::screen::spec::FieldErrors) -> Screen {
    let mut s = Screen::new("change_application.complete", TITLE);
    // The number registration answered (kept with the session for this screen).
    let number = cx.session.viewing.clone().unwrap_or_default();
    s.blocks.push(Block::Message(vec![
        "利用申込の受付が完了しました。".into(),
    ]));
    // 「申込担当宛先」 as M001 l.338 and l.343 print it.
    s.blocks.push(Block::Text(vec![
        "利用申込受付完了のメールを申込担当宛先に送信しましたので、ご確認ください。".into(),
        "お問い合わせの際は、こちらの番号をお伝え下さい".into(),
        format!("申込受付番号「{number}」").into(),
        "弊社にて利用申込内容の審査を行い、審査完了後に申込担当宛先にて通知します。".into(),
        "申込内容に確認事項がある場合は、ご連絡を差し上げます。".into(),
        "※入力いただいたE-mailアドレスにメールが届かない場合は、迷惑フィルターの設定やメールの振り分け設定をご確認ください。".into(),
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
