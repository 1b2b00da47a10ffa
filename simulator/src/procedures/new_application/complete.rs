//! NACCS利用申込 完了 (M000 【完了】).

use crate::procedures::{Cx, Step};
use crate::screen::form::FormInput;
use crate::screen::{Block, Link, Screen};

pub fn view(cx: &mut Cx) -> Screen {
    let mut s = Screen::new("new_application.complete", "NACCS利用申込 完了");
    let number = cx
        .session
        .temp_id()
        .as_ref()
        .and_then(|l| cx.ws.temp_accounts.get(l))
        .and_then(|a| a.application.clone())
        .unwrap_or_default();
    s.blocks.push(Block::Message(vec![
        "利用申込の受付が完了しました。".into(),
    ]));
    s.blocks.push(Block::Text(vec![
        "利用申込受付完了のメールを申込担当者宛てに送信しましたので、ご確認ください。".into(),
        format!("申込受付番号「{number}」").into(),
        "弊社にて利用申込内容の審査を行い、審査完了後に申込担当者宛てに通知します。".into(),
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
