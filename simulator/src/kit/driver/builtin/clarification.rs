//! `answer_clarification` (M004): find the 確認事項 in 新着情報, read the center's message in
//! 進行状況, then 「利用申込を修正する」 with the given corrections, or 「利用申込を取り下げる」.

use super::ActionResult;
use super::application::{NEW_APPLICATION, reception_number, walk};
use super::change;
use super::client::{Client, MENU};
use super::fill::BUTTON_KEY;
use super::portal::{NEWS, open_application};
use serde_json::{Map, Value};

/// M004 ②: the 新着情報 line the center's 確認事項 leaves.
const CLARIFICATION: &str = "利用申込内容に確認事項があります。";
/// M004 ③: the 進行状況 row that carries the center's message in 通知内容.
const ANSWER: &str = "利用申込 回答(内容確認)";
const AMEND: &str = "利用申込を修正する";
const WITHDRAW: &str = "利用申込を取り下げる";

pub async fn answer_clarification(client: &mut Client<'_>) -> ActionResult {
    let number = client.input_str("申込受付番号")?;
    let choice = client.task.input[BUTTON_KEY]
        .as_str()
        .unwrap_or("")
        .to_string();
    if choice != AMEND && choice != WITHDRAW {
        return Err(super::Stop::failed(format!(
            "「{BUTTON_KEY}」 must be 「{AMEND}」 or 「{WITHDRAW}」, not {choice:?}"
        )));
    }
    client.login().await?;
    client.expect(&[MENU])?;
    let id = format!("【{number}】");
    let asked = client.browser.records(NEWS, &[]).into_iter().any(|line| {
        line.get("ID").and_then(Value::as_str) == Some(id.as_str())
            && line
                .get("内容")
                .and_then(Value::as_str)
                .is_some_and(|c| c.starts_with(CLARIFICATION))
    });
    if !asked {
        return Err(client.fail(format!("新着情報 shows no 確認事項 for {number}")));
    }
    open_application(client, &number).await?;
    let answers: Vec<Value> = client
        .browser
        .records("進行状況", &[])
        .into_iter()
        .filter(|r| r.get("作業項目").and_then(Value::as_str) == Some(ANSWER))
        .filter_map(|r| r.get("通知内容").cloned())
        .collect();
    let Some(message) = answers.last().cloned() else {
        return Err(client.fail(format!("進行状況 of {number} shows no 「{ANSWER}」")));
    };
    let mut out = Map::new();
    out.insert("通知内容".into(), message);
    client.press(&choice, &Map::new()).await?;
    let corrections = client.task.input["修正"].clone();
    if choice == AMEND && client.browser.id() == change::GUIDANCE {
        // A change (M001) re-opens at its guidance; then its screens, pre-filled.
        client.press("申込内容選択へ進む", &Map::new()).await?;
        walk(client, &corrections, None, None, &change::CHANGE).await?;
        out.insert(
            "申込受付番号".into(),
            Value::String(reception_number(client)?),
        );
    } else if choice == AMEND {
        // M004 ④: the application's screens re-open pre-filled; only the corrections change.
        walk(client, &corrections, None, None, &NEW_APPLICATION).await?;
        out.insert(
            "申込受付番号".into(),
            Value::String(reception_number(client)?),
        );
    } else {
        client.expect(&["applications.detail"])?;
        let status = client.browser.items("申込内容")["ステータス"].clone();
        out.insert("ステータス".into(), status);
    }
    Ok(out)
}
