//! 仮ログインID・パスワード登録 完了 (M000 【9】).

use crate::procedures::{Cx, Step, common};
use crate::screen::form::FormInput;
use crate::screen::{Arrow, Block, Button, Screen, Text};

pub fn view(cx: &mut Cx, _errors: &crate::screen::spec::FieldErrors) -> Screen {
    let mut s = Screen::new("temp_account.complete", "仮ログインID・パスワード登録 完了");
    s.blocks.push(Block::Message(vec![
        "利用申込用の仮ログインID・パスワードを送信しました。".into(),
    ]));
    s.blocks.push(Block::Text(
        [
            // M003 l.168 (2023); M000 【9】 began 「記載された仮ログインID・パスワードを用いて…」.
            "本画面は閉じて頂き、E-mailに記載された仮ログインID・パスワードを用いて、48時間以内にNACCSの利用申込を行ってください。",
            "48時間以内に申込みが実施されない場合、仮ログインID・パスワードは無効となります。",
            "※入力いただいたE-mailアドレスにメールが届かない場合は、迷惑フィルターの設定やメールの振り分け設定をご確認のうえ、再申込みをお願いします。",
        ]
        .map(Text::from)
        .to_vec(),
    ));
    // M003's capture shows no button; M000 【9】【11】 print 「× 画面を閉じる」, kept as the way
    // out of the anonymous session (docs/decisions.md, Issue 15 — entry, N-09).
    s.form = Some(common::form(
        cx,
        vec![Button::new("op", "close", "画面を閉じる").arrow(Arrow::Close)],
    ));
    s
}

/// 「× 画面を閉じる」 closes the window in a browser; here it ends the anonymous session and
/// shows the login page, where the mailed ID is used next (M000 【12】【13】).
pub fn submit(_cx: &mut Cx, _form: &FormInput) -> Step {
    Step::EndAndGo("login/nsscoapp/".to_string())
}
