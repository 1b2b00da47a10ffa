//! `file_application`: 新規利用申込 (M000 【12】–【24】 and 完了), with 一時保存 and resuming when
//! the task asks for it; and the walk through the application's input screens that 修正 (M004)
//! shares.

use super::ActionResult;
use super::client::{Client, LOGIN_SCREEN, MENU, Stop};
use super::fill::{self, BUTTON_KEY};
use serde_json::{Map, Value};
use std::collections::BTreeSet;

const GUIDANCE: &str = "new_application.guidance";
const COMPLETE: &str = "new_application.complete";
const CONFIRM: &str = "new_application.confirm";
const USER_CODES: &str = "new_application.user_codes";
const USER_CODE_DETAIL: &str = "new_application.user_code_detail";
const LINES: &str = "new_application.lines";
const LINE_DETAIL: &str = "new_application.line_detail";
/// 回線・論理端末 入力: the list of lines, each entered on 回線サービス・論理端末情報 入力 (M003).
const LINE_ROWS: &str = "申込情報(回線)";
const NEW_LINE: &str = "新規に回線・論理端末を追加する";
/// The column that tells the list of lines from the list of attached files on the same screen.
const LINE_COLUMN: &str = "接続方式";
const SAVE: &str = "申込内容を一時保存する";
/// 利用者コード 入力: the list's table and the detail's table of 識別番号 settings (M000 【17】【18】).
const ROWS: &str = "申込情報";
const SETTINGS: &str = "設定した利用者コード情報";
const IDENT: &str = "識別番号に関する項目";
const NEW_CODE: &str = "新規に利用者コードを追加する";
const MAX_SCREENS: usize = 40;

/// A procedure's input screens: the button that leaves each forward, and its 完了.
pub struct Sequence {
    pub forward: &'static [(&'static str, &'static str)],
    pub complete: &'static str,
}

/// The new application (M000 【15】–【24】; 回線・論理端末 and メールボックス on the 一般NACCS path,
/// M003). On 事業所・企業 入力 the input's 「ボタン」 chooses between netNACCS and 一般NACCS
/// (【16】(5)).
pub const NEW_APPLICATION: Sequence = Sequence {
    forward: FORWARD,
    complete: COMPLETE,
};

/// The button that leaves each input screen forward, in the manual's order.
const FORWARD: &[(&str, &str)] = &[
    ("new_application.applicant", "次へ進む"),
    ("new_application.office", "netNACCSを利用する"),
    (USER_CODES, "次へ進む"),
    ("new_application.terminals", "次へ進む"),
    (LINES, "次へ進む"),
    ("new_application.mailbox", "次へ進む"),
    ("new_application.plan", "次へ進む"),
    ("new_application.billing", "申込内容確認へ進む"),
    (CONFIRM, "申込内容を登録する"),
];

pub async fn file_application(client: &mut Client<'_>) -> ActionResult {
    client.login().await?;
    if client.browser.id() == MENU {
        return Err(client.fail("this ログインID has already registered its application"));
    }
    // 【14】 the guidance comes first; a login after 一時保存 resumes on the saved screen.
    if client.browser.id() == GUIDANCE {
        client.press("次へ進む", &Map::new()).await?;
    }
    let input = client.task.input.clone();
    let save_at = client.task.option_str("一時保存").map(str::to_string);
    walk(client, &input, save_at, None, &NEW_APPLICATION).await?;
    let mut out = Map::new();
    out.insert(
        "申込受付番号".into(),
        Value::String(reception_number(client)?),
    );
    Ok(out)
}

/// From the current input screen to the sequence's 完了 (or, with `stop_at`, to that screen):
/// each screen the NSS shows is filled with the object of the same title in `screens` (screens
/// without one are left as they are) and left by its forward button. `save_at`: the title of the
/// screen to leave by 「申込内容を一時保存する」 once, logging in again afterwards.
pub async fn walk(
    client: &mut Client<'_>,
    screens: &Value,
    mut save_at: Option<String>,
    stop_at: Option<&str>,
    sequence: &Sequence,
) -> Result<(), Stop> {
    let mut filled: BTreeSet<String> = BTreeSet::new();
    for _ in 0..MAX_SCREENS {
        let id = client.browser.id().to_string();
        if id == sequence.complete || stop_at == Some(id.as_str()) {
            return Ok(());
        }
        let Some((_, forward)) = sequence.forward.iter().find(|(s, _)| *s == id) else {
            return Err(Stop::Failed {
                reason: format!("unexpected screen {}", client.browser.described()),
                messages: client.browser.errors(),
                screen: Some(client.browser.title().to_string()),
            });
        };
        let title = client.browser.title().to_string();
        let given = screens[&title].as_object().cloned().unwrap_or_default();
        let button = given
            .get(BUTTON_KEY)
            .and_then(Value::as_str)
            .unwrap_or(forward)
            .to_string();
        // A screen resumed after 一時保存 keeps what was entered: it is only left.
        let mut values = if filled.contains(&title) {
            Map::new()
        } else {
            given
        };
        values.remove(BUTTON_KEY);
        filled.insert(title.clone());
        if save_at.as_deref() == Some(title.as_str()) {
            save_at = None;
            fill_screen(client, values, SAVE).await?;
            resume(client, &title).await?;
            continue;
        }
        fill_screen(client, values, &button).await?;
    }
    Err(Stop::failed(format!(
        "still not at 完了 after {MAX_SCREENS} screens"
    )))
}

/// From the guidance of a logged-in 仮ログインID to 申込内容 確認, filled with `screens` (the
/// screen-level tests start from there).
pub async fn walk_to_confirm(client: &mut Client<'_>, screens: &Value) -> Result<(), Stop> {
    client.expect(&[GUIDANCE])?;
    client.press("次へ進む", &Map::new()).await?;
    walk(client, screens, None, Some(CONFIRM), &NEW_APPLICATION).await
}

async fn fill_screen(
    client: &mut Client<'_>,
    mut values: Map<String, Value>,
    button: &str,
) -> Result<(), Stop> {
    if client.browser.id() == USER_CODES
        && let Some(rows) = values.remove(ROWS)
    {
        set_user_codes(client, &rows).await?;
    }
    if client.browser.id() == super::change::USER_CODES
        && let Some(rows) = values.remove(super::change::CODE_ROWS)
    {
        super::change::set_code_changes(client, &rows).await?;
    }
    if client.browser.id() == LINES
        && let Some(rows) = values.remove(LINE_ROWS)
    {
        set_lines(client, &rows).await?;
    }
    let values = fill::attach(client, values).await?;
    client.press(button, &values).await
}

/// M000 一時保存: the draft is saved and the session ends; the next login (in a new window, as
/// on another day) resumes on the saved screen.
pub async fn resume(client: &mut Client<'_>, title: &str) -> Result<(), Stop> {
    client.expect(&[LOGIN_SCREEN])?;
    client.new_window()?;
    client.login().await?;
    if client.browser.title() != title {
        return Err(client.fail(format!(
            "the login after 一時保存 showed 「{}」, not 「{title}」",
            client.browser.title()
        )));
    }
    Ok(())
}

/// 利用者コード 入力 (M000 【17】–【19】): the rows of 申込情報 become exactly `rows`.
async fn set_user_codes(client: &mut Client<'_>, rows: &Value) -> Result<(), Stop> {
    let rows = rows
        .as_array()
        .ok_or_else(|| Stop::failed(format!("「{ROWS}」 is a list of 利用者コード objects")))?;
    for _ in 0..client.browser.rows(ROWS).len() {
        client.press("削除", &Map::new()).await?;
    }
    for row in rows {
        let row = row
            .as_object()
            .ok_or_else(|| Stop::failed(format!("a 利用者コード of 「{ROWS}」 is an object")))?;
        add_user_code(client, row.clone()).await?;
    }
    Ok(())
}

/// One 利用者コード: the list's button, then every 識別番号 setting with 「設定する」 (【18】),
/// then 「この内容で設定する」 (【19】).
async fn add_user_code(client: &mut Client<'_>, mut row: Map<String, Value>) -> Result<(), Stop> {
    let opener = row
        .remove(BUTTON_KEY)
        .and_then(|b| b.as_str().map(str::to_string))
        .unwrap_or_else(|| NEW_CODE.to_string());
    client.press(&opener, &Map::new()).await?;
    client.expect(&[USER_CODE_DETAIL])?;
    fill_user_code(client, row, USER_CODES).await
}

/// The detail of a 利用者コード (【18】), open: every 識別番号 setting of `row` with 「設定する」,
/// then 「この内容で設定する」, which leads back to the list `list` (the change's 利用者コード
/// 入力 uses it too).
pub async fn fill_user_code(
    client: &mut Client<'_>,
    mut row: Map<String, Value>,
    list: &str,
) -> Result<(), Stop> {
    let settings = row.remove(SETTINGS).unwrap_or(Value::Array(Vec::new()));
    let ident = row
        .remove(IDENT)
        .and_then(|i| i.as_object().cloned())
        .unwrap_or_default();
    for setting in settings.as_array().into_iter().flatten() {
        let mut merged = ident.clone();
        merged.extend(setting.as_object().cloned().unwrap_or_default());
        let mut values = row.clone();
        values.insert(IDENT.into(), Value::Object(merged));
        client.press("設定する", &values).await?;
    }
    let mut values = row;
    values.insert(IDENT.into(), Value::Object(ident));
    client.press("この内容で設定する", &values).await?;
    client.expect(&[list])
}

/// 回線・論理端末 入力 (M003): the rows of 申込情報(回線) become exactly `rows`, each entered on
/// 回線サービス・論理端末情報 入力 and set with 「この内容で設定する」.
async fn set_lines(client: &mut Client<'_>, rows: &Value) -> Result<(), Stop> {
    let rows = rows
        .as_array()
        .ok_or_else(|| Stop::failed(format!("「{LINE_ROWS}」 is a list of 回線 objects")))?;
    client.clear_list(LINE_COLUMN).await?;
    for row in rows {
        let row = row
            .as_object()
            .ok_or_else(|| Stop::failed(format!("a 回線 of 「{LINE_ROWS}」 is an object")))?;
        client.press(NEW_LINE, &Map::new()).await?;
        client.expect(&[LINE_DETAIL])?;
        client.press("この内容で設定する", row).await?;
        client.expect(&[LINES])?;
    }
    Ok(())
}

/// 完了: 申込受付番号「1830304A」.
pub fn reception_number(client: &Client<'_>) -> Result<String, Stop> {
    client
        .browser
        .texts()
        .iter()
        .find_map(|t| {
            let (_, rest) = t.split_once("申込受付番号「")?;
            rest.split_once('」').map(|(n, _)| n.to_string())
        })
        .ok_or_else(|| client.fail("完了 shows no 申込受付番号"))
}
