//! `change_password`: パスワードの変更 (M001 メニュー一覧 ユーザー情報), logged in with the
//! 事業所コード.

use super::ActionResult;
use super::client::{Client, MENU};
use serde_json::{Map, Value};

const TITLE: &str = "パスワードの変更";
const CHANGED: &str = "パスワードを変更しました。";

pub async fn change_password(client: &mut Client<'_>) -> ActionResult {
    let values = client.input_screen(TITLE)?;
    client.login().await?;
    client.expect(&[MENU])?;
    client.follow(TITLE).await?;
    client.expect(&["user.password"])?;
    client.press("パスワードを変更する", &values).await?;
    if !client.browser.notices().iter().any(|n| n == CHANGED) {
        return Err(super::Stop::Failed {
            reason: format!("「{TITLE}」 did not say 「{CHANGED}」"),
            messages: client.browser.notices(),
            screen: Some(client.browser.title().to_string()),
        });
    }
    let mut out = Map::new();
    out.insert("メッセージ".into(), Value::String(CHANGED.into()));
    Ok(out)
}
