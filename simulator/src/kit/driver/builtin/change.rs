//! `file_change_application`: 変更申込 (M001 手順④), logged in with the 事業所コード: メインメニュー
//! 「契約内容確認」 → 契約情報 参照 「契約情報を変更する」 → 変更申込ガイダンス 「申込内容選択へ進む」
//! → each screen of the change the NSS shows, filled from the input object of the same title →
//! 完了; with 一時保存 and resuming when the task asks for it, as `file_application`.

use super::ActionResult;
use super::application::{Sequence, fill_user_code, reception_number, walk};
use super::client::{Client, MENU, Stop};
use super::fill::BUTTON_KEY;
use serde_json::{Map, Value};

const CONTRACT: &str = "contract.detail";
pub const GUIDANCE: &str = "change_application.guidance";
pub const USER_CODES: &str = "change_application.user_codes";
const USER_CODE_DETAIL: &str = "change_application.user_code_detail";
/// The list of 利用者コード 入力 of a change in an input, and its entries' keys (docs/kit.md).
pub const CODE_ROWS: &str = "申込情報(利用者コード)";
const CODE_KIND: &str = "申込内容";
const CODE: &str = "利用者コード";
const SETTINGS_TABLE: &str = "設定した利用者コード情報";

/// The change's screens (M001 ④–⑦; the other change items' screens are the new application's,
/// left by 「次へ進む」).
pub const CHANGE: Sequence = Sequence {
    forward: &[
        ("change_application.items", "申込担当者の入力へ進む"),
        ("change_application.applicant", "次へ進む"),
        ("change_application.office", "次へ進む"),
        ("change_application.user_codes", "次へ進む"),
        ("change_application.terminals", "次へ進む"),
        ("change_application.mailbox", "次へ進む"),
        ("change_application.plan", "次へ進む"),
        ("change_application.billing", "次へ進む"),
        ("change_application.confirm", "申込内容を登録する"),
    ],
    complete: "change_application.complete",
};

pub async fn file_change_application(client: &mut Client<'_>) -> ActionResult {
    client.login().await?;
    let id = client.browser.id().to_string();
    // A login after 一時保存 resumes on the saved screen of the change.
    if !CHANGE.forward.iter().any(|(s, _)| *s == id) {
        if id != MENU {
            return Err(Stop::Failed {
                reason: format!(
                    "the login showed {}, not メインメニュー: a change is filed with the 事業所コード",
                    client.browser.described()
                ),
                messages: client.browser.errors(),
                screen: Some(client.browser.title().to_string()),
            });
        }
        // M001 ①②③.
        client.follow("契約内容確認").await?;
        client.expect(&[CONTRACT])?;
        client.press("契約情報を変更する", &Map::new()).await?;
        client.expect(&[GUIDANCE])?;
        client.press("申込内容選択へ進む", &Map::new()).await?;
    }
    let input = client.task.input.clone();
    let save_at = client.task.option_str("一時保存").map(str::to_string);
    walk(client, &input, save_at, None, &CHANGE).await?;
    let mut out = Map::new();
    out.insert(
        "申込受付番号".into(),
        Value::String(reception_number(client)?),
    );
    Ok(out)
}

/// 利用者コード 入力 of a change: each entry of `rows` is a code to add (申込内容 「追加」, entered
/// as the new application's), to change (「変更」: its 「修正」, then its 識別番号 settings
/// replaced by the entry's and its 管理統計資料 set) or to delete (「削除」); codes not listed are
/// left as the contract has them.
pub async fn set_code_changes(client: &mut Client<'_>, rows: &Value) -> Result<(), Stop> {
    let rows = rows.as_array().ok_or_else(|| {
        Stop::failed(format!("「{CODE_ROWS}」 is a list of 利用者コード objects"))
    })?;
    for row in rows {
        let mut row = row.as_object().cloned().ok_or_else(|| {
            Stop::failed(format!("a 利用者コード of 「{CODE_ROWS}」 is an object"))
        })?;
        let text = |v: Option<Value>| v.and_then(|v| v.as_str().map(str::to_string));
        let kind = text(row.remove(CODE_KIND)).unwrap_or_else(|| "追加".into());
        let code = text(row.remove(CODE)).unwrap_or_default();
        row.remove(BUTTON_KEY);
        match kind.as_str() {
            "追加" => {
                client
                    .press("新規に利用者コードを追加する", &Map::new())
                    .await?;
                client.expect(&[USER_CODE_DETAIL])?;
                fill_user_code(client, row, USER_CODES).await?;
            }
            "変更" => {
                let i = row_button(client, &code, "修正")?;
                client.press_nth("修正", i, &Map::new()).await?;
                client.expect(&[USER_CODE_DETAIL])?;
                for _ in 0..50 {
                    if client.browser.rows(SETTINGS_TABLE).is_empty() {
                        break;
                    }
                    client.press("取消", &Map::new()).await?;
                }
                fill_user_code(client, row, USER_CODES).await?;
            }
            "削除" => {
                let i = row_button(client, &code, "削除")?;
                client.press_nth("削除", i, &Map::new()).await?;
                client.expect(&[USER_CODES])?;
            }
            other => {
                return Err(client.fail(format!(
                    "「{CODE_KIND}」 of a 利用者コード is 追加, 変更 or 削除, not 「{other}」"
                )));
            }
        }
    }
    Ok(())
}

/// Which of the buttons printed `label` is on the first line of `code` in 申込情報(利用者コード)
/// (the list's only table with buttons).
fn row_button(client: &Client<'_>, code: &str, label: &str) -> Result<usize, Stop> {
    let mut n = 0;
    for r in client.browser.rows(CODE_ROWS) {
        let has = r.iter().any(|c| c == label);
        if has && r.get(4).map(String::as_str) == Some(code) {
            return Ok(n);
        }
        if has {
            n += 1;
        }
    }
    Err(client.fail(format!(
        "{CODE_ROWS} lists no 利用者コード 「{code}」 with 「{label}」"
    )))
}
