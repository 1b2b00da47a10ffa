//! `file_system_settings`: the システム設定申込 of an office (M004 ⑤–⑩, M002 3.1), with 一時保存
//! and resuming when the task asks for it; `answer_system_settings_clarification`: its 確認事項
//! (M004 ①–⑩), 「システム設定申込を修正する」 with the given corrections, or
//! 「システム設定申込を取り下げる」.

use super::ActionResult;
use super::application::{reception_number, resume};
use super::clarification::{Clarification, open_and_choose};
use super::client::{Client, MENU, Stop};
use serde_json::{Map, Value};
use std::collections::BTreeSet;

const START: &str = "システム設定の申込";
const GUIDANCE: &str = "system_settings.guidance";
const CODES: &str = "system_settings.codes";
const CODE: &str = "system_settings.code";
const COMPLETE: &str = "system_settings.complete";
const DETAIL: &str = "system_settings.detail";
/// 利用者コード 選択: the office's codes (設定情報, 「選択」) and this application's (申込情報,
/// 「修正」).
const OFFERED: &str = "設定情報";
const ROWS: &str = "申込情報";
const CODE_KEY: &str = "利用者コード";
/// The 一時保存 buttons as the screens print them (システム設定申込内容 確認 says 「一時的に」).
const SAVE: &[&str] = &["申込内容を一時保存する", "申込内容を一時的に保存する"];
const MAX_SCREENS: usize = 20;

/// The button that leaves each screen forward (M004 ⑤⑧⑨).
const FORWARD: &[(&str, &str)] = &[
    ("system_settings.applicant", "システム設定申込の入力へ進む"),
    (CODES, "システム設定申込確認へ進む"),
    ("system_settings.confirm", "システム設定申込を登録する"),
];

/// M004 ②③: the 新着情報 line and the 進行状況 row of the center's 確認事項, its buttons.
const CLARIFICATION: Clarification = Clarification {
    news: "システム設定申込内容に確認事項があります。",
    answer: "システム設定申込 回答(内容確認)",
    amend: "システム設定申込を修正する",
    withdraw: "システム設定申込を取り下げる",
    detail: DETAIL,
};

pub async fn file_system_settings(client: &mut Client<'_>) -> ActionResult {
    client.login().await?;
    // A login after 一時保存 resumes on the saved screen; otherwise メインメニュー.
    if client.browser.id() == MENU {
        if client.browser.link(START).is_none() {
            return Err(client.fail(format!(
                "メインメニュー has no 「{START}」 (a 事業所コード files it)"
            )));
        }
        client.follow(START).await?;
        client.expect(&[GUIDANCE])?;
        client.press("次へ進む", &Map::new()).await?;
    }
    let input = client.task.input.clone();
    let save_at = client.task.option_str("一時保存").map(str::to_string);
    walk(client, &input, save_at, false).await?;
    let mut out = Map::new();
    out.insert(
        "申込受付番号".into(),
        Value::String(reception_number(client)?),
    );
    Ok(out)
}

/// From the current screen to 完了, each screen filled from the input object of its title and
/// left by its forward button (`save_at`: the title of the screen left once by 一時保存).
/// `amend`: the 申込情報 objects correct the rows already there instead of making the list.
async fn walk(
    client: &mut Client<'_>,
    screens: &Value,
    mut save_at: Option<String>,
    amend: bool,
) -> Result<(), Stop> {
    let mut filled: BTreeSet<String> = BTreeSet::new();
    for _ in 0..MAX_SCREENS {
        let id = client.browser.id().to_string();
        if id == COMPLETE {
            return Ok(());
        }
        let Some((_, forward)) = FORWARD.iter().find(|(s, _)| *s == id) else {
            return Err(Stop::Failed {
                reason: format!("unexpected screen {}", client.browser.described()),
                messages: client.browser.errors(),
                screen: Some(client.browser.title().to_string()),
            });
        };
        let title = client.browser.title().to_string();
        let mut values = if filled.contains(&title) {
            Map::new()
        } else {
            screens[&title].as_object().cloned().unwrap_or_default()
        };
        filled.insert(title.clone());
        if id == CODES
            && let Some(rows) = values.remove(ROWS)
        {
            set_codes(client, &rows, amend).await?;
        }
        if save_at.as_deref() == Some(title.as_str()) {
            save_at = None;
            let save = client
                .browser
                .button_labels()
                .into_iter()
                .find(|l| SAVE.contains(&l.as_str()))
                .ok_or_else(|| client.fail(format!("「{title}」 has no 一時保存 button")))?;
            client.press(&save, &values).await?;
            resume(client, &title).await?;
            continue;
        }
        client.press(forward, &values).await?;
    }
    Err(Stop::failed(format!(
        "still not at 完了 after {MAX_SCREENS} screens"
    )))
}

/// The row of `caption` whose 利用者コード is `code`.
fn row_index(client: &Client<'_>, caption: &str, code: &str) -> Option<usize> {
    client
        .browser
        .records(caption, &[])
        .iter()
        .position(|r| r.get(CODE_KEY).and_then(Value::as_str) == Some(code))
}

/// 利用者コード 選択 (M004 ⑥⑦): each object sets one 利用者コード on システム設定情報 入力 — its
/// row's 「修正」 when 申込情報 holds it, else its 「選択」 in 設定情報 — then 「この内容で設定する」.
/// Filing makes 申込情報 exactly `rows` (rows already there are removed first).
async fn set_codes(client: &mut Client<'_>, rows: &Value, amend: bool) -> Result<(), Stop> {
    let rows = rows
        .as_array()
        .ok_or_else(|| Stop::failed(format!("「{ROWS}」 is a list of 利用者コード objects")))?;
    if !amend {
        for _ in 0..client.browser.rows(ROWS).len() {
            client.press("削除", &Map::new()).await?;
        }
    }
    for row in rows {
        let mut row = row
            .as_object()
            .cloned()
            .ok_or_else(|| Stop::failed(format!("an object of 「{ROWS}」 is an object")))?;
        let code = row
            .remove(CODE_KEY)
            .and_then(|c| c.as_str().map(str::to_string))
            .ok_or_else(|| {
                Stop::failed(format!(
                    "each object of 「{ROWS}」 names its 「{CODE_KEY}」"
                ))
            })?;
        client.expect(&[CODES])?;
        if let Some(i) = row_index(client, ROWS, &code) {
            client.press_nth("修正", i, &Map::new()).await?;
        } else {
            let i = row_index(client, OFFERED, &code)
                .ok_or_else(|| client.fail(format!("設定情報 lists no 利用者コード {code}")))?;
            client.press_nth("選択", i, &Map::new()).await?;
        }
        client.expect(&[CODE])?;
        client.press("この内容で設定する", &row).await?;
        client.expect(&[CODES])?;
    }
    Ok(())
}

pub async fn answer_system_settings_clarification(client: &mut Client<'_>) -> ActionResult {
    let number = client.input_str("申込受付番号")?;
    let mut out = Map::new();
    let amend = open_and_choose(client, &number, &CLARIFICATION, &mut out).await?;
    if amend {
        // M004 ⑤–⑨: the screens re-open with what was registered; only the corrections change.
        let corrections = client.task.input["修正"].clone();
        walk(client, &corrections, None, true).await?;
        out.insert(
            "申込受付番号".into(),
            Value::String(reception_number(client)?),
        );
    } else {
        client.expect(&[DETAIL])?;
        let status = client.browser.items("申込概要")["ステータス"].clone();
        out.insert("ステータス".into(), status);
    }
    Ok(out)
}
