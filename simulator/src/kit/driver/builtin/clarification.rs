//! `answer_clarification` (M004): find the 確認事項 in 新着情報, read the center's message in
//! 進行状況, then 「利用申込を修正する」 with the given corrections, or 「利用申込を取り下げる」.

use super::ActionResult;
use super::application::{NEW_APPLICATION, reception_number, walk};
use super::change;
use super::client::{Client, MENU, Stop};
use super::fill::BUTTON_KEY;
use super::portal::{NEWS, open_application_at};
use serde_json::{Map, Value};

/// The words of one kind's 確認事項 (M004 ②③): the 新着情報 line the center leaves, the
/// 進行状況 row that carries its message in 通知内容, the two buttons, and the 参照 screen.
pub struct Clarification {
    pub news: &'static str,
    pub answer: &'static str,
    pub amend: &'static str,
    pub withdraw: &'static str,
    pub detail: &'static str,
}

/// A 利用申込's (new or change).
const APPLICATION: Clarification = Clarification {
    news: "利用申込内容に確認事項があります。",
    answer: "利用申込 回答(内容確認)",
    amend: "利用申込を修正する",
    withdraw: "利用申込を取り下げる",
    detail: "applications.detail",
};

/// The shared first half of every answer: the task's choice checked, the login, the 確認事項
/// found in 新着情報, the center's message read in 進行状況 (answered as 「通知内容」), and the
/// choice pressed. Answers whether the choice was the 修正.
pub async fn open_and_choose(
    client: &mut Client<'_>,
    number: &str,
    kind: &Clarification,
    out: &mut Map<String, Value>,
) -> Result<bool, Stop> {
    let choice = client.task.input[BUTTON_KEY]
        .as_str()
        .unwrap_or("")
        .to_string();
    if choice != kind.amend && choice != kind.withdraw {
        return Err(Stop::failed(format!(
            "「{BUTTON_KEY}」 must be 「{}」 or 「{}」, not {choice:?}",
            kind.amend, kind.withdraw
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
                .is_some_and(|c| c.starts_with(kind.news))
    });
    if !asked {
        return Err(client.fail(format!("新着情報 shows no 確認事項 for {number}")));
    }
    open_application_at(client, number, kind.detail).await?;
    let answers: Vec<Value> = client
        .browser
        .records("進行状況", &[])
        .into_iter()
        .filter(|r| r.get("作業項目").and_then(Value::as_str) == Some(kind.answer))
        .filter_map(|r| r.get("通知内容").cloned())
        .collect();
    let Some(message) = answers.last().cloned() else {
        return Err(client.fail(format!("進行状況 of {number} shows no 「{}」", kind.answer)));
    };
    out.insert("通知内容".into(), message);
    client.press(&choice, &Map::new()).await?;
    Ok(choice == kind.amend)
}

pub async fn answer_clarification(client: &mut Client<'_>) -> ActionResult {
    let number = client.input_str("申込受付番号")?;
    let mut out = Map::new();
    let amend = open_and_choose(client, &number, &APPLICATION, &mut out).await?;
    let corrections = client.task.input["修正"].clone();
    if amend && client.browser.id() == change::GUIDANCE {
        // A change (M001) re-opens at its guidance; then its screens, pre-filled.
        client.press("申込内容選択へ進む", &Map::new()).await?;
        walk(client, &corrections, None, None, &change::CHANGE).await?;
        out.insert(
            "申込受付番号".into(),
            Value::String(reception_number(client)?),
        );
    } else if amend {
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
