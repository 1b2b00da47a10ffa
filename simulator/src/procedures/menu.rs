//! The menu reached after login once an application is registered, and by 「←メニューに戻る」.
//! The full logged-in NSS (新着情報, 申込内容 参照, ID通知内容 …) comes with the review.

use super::Cx;
use crate::screen::{Block, Cell, Screen, Table};

pub fn view(cx: &mut Cx) -> Screen {
    let mut s = Screen::new("menu.main", "メインメニュー");
    let login = cx.session.login.clone().unwrap_or_default();
    let rows: Vec<Vec<Cell>> = cx
        .ws
        .applications
        .iter()
        .filter(|a| a.temp_login_id == login)
        .map(|a| {
            vec![
                Cell::from(a.reception_number.clone()),
                Cell::from(a.kind.clone()),
                Cell::from(crate::clock::format_minute(a.submitted_at)),
                Cell::from(a.status.label()),
            ]
        })
        .collect();
    s.blocks.push(Block::Table(Table {
        caption: "申込内容の確認".to_string(),
        columns: ["受付番号", "申込分類", "申込日", "ステータス"]
            .map(String::from)
            .to_vec(),
        rows,
    }));
    if cx.ws.applications.iter().all(|a| a.temp_login_id != login) {
        s.blocks.push(Block::Text(vec![
            "登録済みの申込はありません。".to_string(),
        ]));
    }
    s
}
