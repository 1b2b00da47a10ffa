//! The logged-in NSS (M001, M002): `read_news` (メインメニュー 新着情報) and `read_id_notice`
//! (申込内容の確認 → 申込内容 参照 → ID通知内容).

use super::ActionResult;
use super::client::{Client, MENU, Stop};
use serde_json::{Map, Value};

pub const NEWS: &str = "新着情報";

/// メインメニュー: the 新着情報 lines as printed (the latest 10), without the 「詳細」 column.
pub async fn read_news(client: &mut Client<'_>) -> ActionResult {
    client.login().await?;
    client.expect(&[MENU])?;
    let lines = client.browser.records(NEWS, &["操作"]);
    let mut out = Map::new();
    out.insert(
        NEWS.into(),
        Value::Array(lines.into_iter().map(Value::Object).collect()),
    );
    Ok(out)
}

/// ID通知内容 (M002 3.④): every table of the screen, by caption.
pub async fn read_id_notice(client: &mut Client<'_>) -> ActionResult {
    let number = client.input_str("申込受付番号")?;
    client.login().await?;
    client.expect(&[MENU])?;
    client.follow("申込内容の確認").await?;
    client.expect(&["applications.list"])?;
    open_application(client, &number).await?;
    if client.browser.link("ID通知内容").is_none() {
        let status = client.browser.items("申込内容")["ステータス"].clone();
        return Err(client.fail(format!(
            "申込内容 参照 of {number} has no ID通知内容 (ステータス: {status})"
        )));
    }
    client.follow("ID通知内容").await?;
    client.expect(&["applications.id_notice"])?;
    Ok(tables(client))
}

/// The 「詳細」 of one application, on 新着情報 or on 申込情報一覧: 申込内容 参照.
pub async fn open_application(client: &mut Client<'_>, number: &str) -> Result<(), Stop> {
    open_application_at(client, number, "applications.detail").await
}

/// The 「詳細」 of one application, leading to the screen `screen` (a システム設定申込's is
/// `system_settings.detail`).
pub async fn open_application_at(
    client: &mut Client<'_>,
    number: &str,
    screen: &str,
) -> Result<(), Stop> {
    let label = format!("詳細【{number}】");
    if client.browser.link(&label).is_none() {
        return Err(client.fail(format!(
            "no 「詳細」 for {number} on 「{}」",
            client.browser.title()
        )));
    }
    client.follow(&label).await?;
    client.expect(&[screen])
}

/// Every captioned table: a 項目 table as 項目 → value, any other as a list of rows keyed by
/// column heading.
fn tables(client: &Client<'_>) -> Map<String, Value> {
    let b = &client.browser;
    let mut out = Map::new();
    for t in b.screen["tables"].as_array().into_iter().flatten() {
        let Some(caption) = t["caption"].as_str().filter(|c| !c.is_empty()) else {
            continue;
        };
        let columns = t["columns"].as_array().cloned().unwrap_or_default();
        let value = if columns.len() == 2 && columns[0] == "項目" {
            Value::Object(b.items(caption))
        } else {
            Value::Array(
                b.records(caption, &[])
                    .into_iter()
                    .map(Value::Object)
                    .collect(),
            )
        };
        out.insert(caption.to_string(), value);
    }
    out
}
