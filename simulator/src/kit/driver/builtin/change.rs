//! `file_change_application`: 変更申込 (M001 手順④), logged in with the 事業所コード: メインメニュー
//! 「契約内容確認」 → 契約情報 参照 「契約情報を変更する」 → 変更申込ガイダンス 「申込内容選択へ進む」
//! → each screen of the change the NSS shows, filled from the input object of the same title →
//! 完了; with 一時保存 and resuming when the task asks for it, as `file_application`.

use super::ActionResult;
use super::application::{Sequence, reception_number, walk};
use super::client::{Client, MENU, Stop};
use serde_json::{Map, Value};

const CONTRACT: &str = "contract.detail";
pub const GUIDANCE: &str = "change_application.guidance";

/// The change's screens (M001 ④–⑦; the other change items' screens are the new application's,
/// left by 「次へ進む」).
pub const CHANGE: Sequence = Sequence {
    forward: &[
        ("change_application.items", "申込担当者の入力へ進む"),
        ("change_application.applicant", "次へ進む"),
        ("change_application.office", "次へ進む"),
        ("change_application.terminals", "次へ進む"),
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
