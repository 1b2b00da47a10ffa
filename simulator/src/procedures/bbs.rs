//! A minimal NACCS掲示板 「申込手続（NSS）」 page (contract §3, M000 【3】【4】): the links into
//! NSS and the schedule table computed from the business-day rule (procedures.md §8).

use crate::domain::calendar::schedule::{TABLE_HEADINGS, published_rows, table_cells};
use crate::screen::{Block, Cell, Link, Screen, Table, Text};
use chrono::NaiveDate;

/// How many rows the board publishes (M000 【16】(1) shows eleven).
pub const ROWS: usize = 11;

/// The page for `today`.
pub fn view(base: &str, today: NaiveDate) -> Screen {
    let mut s = Screen::new("bbs.index", "NSS電子申請情報ページ");
    s.contact = false;
    s.intro = vec!["NACCS掲示板 > 申込手続（NSS）".into()];
    s.blocks.push(Block::Text(vec!["1 NSSについて".into()]));
    s.blocks.push(Block::Links(vec![
        Link::new("NSSログインはこちら", format!("{base}login/nsscoapp/")),
        Link::new("新規申込", format!("{base}apply/")),
        Link::new("変更申込", format!("{base}login/nsscoapp/")),
    ]));
    let rows = published_rows(today, ROWS);
    s.blocks.push(Block::Table(Table {
        caption: "NACCSのご利用に関するスケジュール表".into(),
        columns: TABLE_HEADINGS.iter().map(|&h| Text::from(h)).collect(),
        rows: table_cells(today, &rows)
            .into_iter()
            .map(|cells| cells.into_iter().map(Cell::from).collect())
            .collect(),
    }));
    s.blocks.push(Block::Text(vec![
        "例) 利用契約関係申込締切日までに利用契約申込みすると、同じ行のシステム登録日(利用開始日)がシステム利用開始日になります。".into(),
    ]));
    s
}
