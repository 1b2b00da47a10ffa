//! `register_temp_account`: 仮ログイン登録 (M000 【4】–【11】), then the 仮ログインID and
//! 仮パスワード read from the mail 【NSS】仮アカウント登録完了のお知らせ.

use super::ActionResult;
use super::client::{Client, Stop};
use super::mail::{MailReader, Message};
use serde_json::{Map, Value};
use std::time::{Duration, Instant};

const TITLE: &str = "申込担当者 入力";
const SUBJECT: &str = "【NSS】仮アカウント登録完了のお知らせ";

pub async fn register_temp_account(client: &mut Client<'_>) -> ActionResult {
    let values = client.input_screen(TITLE)?;
    let mails = MailReader::new(&client.task.mailbox)?;
    let seen = mails.last_id().await?;
    // 【4】 the bulletin board's 「新規申込」; 【5】 the consent to the システム利用規程.
    client.open("bbs/").await?;
    client.follow("新規申込").await?;
    client.expect(&["temp_account.guidance"])?;
    client
        .press("システム利用規程に同意する", &Map::new())
        .await?;
    // 【6】【7】 申込担当者 入力 → 申込内容 確認 → 登録.
    client.expect(&["temp_account.input"])?;
    client.press("申込内容確認へ進む", &values).await?;
    client.expect(&["temp_account.confirm"])?;
    client.press("申込内容を登録する", &Map::new()).await?;
    client.expect(&["temp_account.complete"])?;
    // 【8】【9】 the mail with the 仮ログインID and 仮パスワード; a second is kept for the last
    // look, so that a slow mailbox is not taken for a missing mail.
    let deadline = Instant::now() + client.remaining().saturating_sub(Duration::from_secs(1));
    let mail = mails.wait_for(SUBJECT, seen, deadline).await?;
    credentials(&mail)
}

/// 「仮ログインID：1812881」 and 「仮パスワード：…」 on lines of their own (M000 【9】).
fn credentials(mail: &Message) -> ActionResult {
    let mut out = Map::new();
    for key in ["仮ログインID", "仮パスワード"] {
        let value = mail
            .text
            .lines()
            .find_map(|l| {
                let v = l
                    .trim()
                    .strip_prefix(key)?
                    .strip_prefix(['：', ':'])?
                    .trim();
                (!v.is_empty() && !v.contains(char::is_whitespace)).then(|| v.to_string())
            })
            .ok_or_else(|| {
                Stop::failed(format!("the mail 「{}」 prints no {key}", mail.subject))
            })?;
        out.insert(key.to_string(), Value::String(value));
    }
    Ok(out)
}
