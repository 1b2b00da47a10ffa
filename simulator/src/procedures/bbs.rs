//! The NACCS掲示板 page 「申込手続（NSS）」, headed NSS電子申請情報ページ (contract §3, M000 【3】【4】):
//! the board's menu bar, the links into NSS, the board's manuals and notices, and the schedule
//! table computed from the business-day rule (procedures.md §8). The board's other pages and its
//! PDF documents are not simulated: they are printed as plain text where the manual prints a link
//! to them (docs/decisions.md, "Issue 15 — entry", B1–B4).

use crate::domain::calendar::schedule::{
    ScheduleRow, TABLE_HEADINGS, published_rows, table_cells, weekday_ja,
};
use crate::screen::{Block, Cell, Link, Screen, Table, Text};
use chrono::{Datelike, NaiveDate};

/// How many rows the board publishes (M000 【16】(1) shows eleven).
pub const ROWS: usize = 11;

/// The board's menu bar (M000 l.124–132), the current page among the others.
const MENU_BAR: &str = "TOP ｜ NACCSのご利用方法 ｜ 申込手続（NSS） ｜ NACCS業務仕様・関連資料 ｜ よくある問合せ ｜ 関連リンクを表示する▼";

/// The procedure manuals printed beside 変更申込 and 新規申込 (M000 l.144, 148).
const PROCEDURE_MANUAL: &str = "申込手順書";

/// 「1 NSS操作マニュアル」 (M000 l.150–155), the numbering as printed.
const MANUALS: &[&str] = &[
    "1 NSS操作マニュアル",
    "1-1 NSSのクライアント環境・禁止事項(650KBytes)",
    "1-2 NACCSをはじめてご利用される方(2MBytes)",
    "1-3 NACCSを既にご利用されている方(2MBytes)",
    "1-4 NSSの詳細な操作方法(2MBytes)",
];

/// 「2 お知らせ」 (M000 l.157–165): the board's notices on the day of the manual's capture.
const NOTICES: &[&str] = &[
    "2 お知らせ",
    "・NACCSサポートシステムのメンテナンス(計画停止)",
    "・NSS更改過渡期における利用契約関係申込みに関する留意事項について (2018.10.5)",
    "・NACCSアクセス回線「ブロードバンド(BB)ADSL」新規及び移設の一部受付停止について (2016.6.16)",
    "・【重要】2016年2月21日より暗号化通信「SSL 3.0」が使用できなくなります (2015.12.21)",
    "・NSSに登録された「緊急連絡用FAX番号」等の確認のお願い (2017.1.13)",
    "・過去のお知らせ",
    "・NSSログインID等の発送について(661KBytes)",
];

/// The page for `today`.
pub fn view(base: &str, today: NaiveDate) -> Screen {
    let mut s = Screen::new("bbs.index", "NSS電子申請情報ページ");
    s.contact = false;
    s.intro = vec![MENU_BAR.into()];
    s.blocks.push(Block::Text(vec!["1 NSSについて".into()]));
    // The manual's order (l.140–148): login, then 変更申込 and 新規申込, each with its 申込手順書.
    s.blocks.push(Block::Links(vec![
        Link::new("NSSログインはこちら", format!("{base}login/nsscoapp/")),
        Link::new("変更申込", format!("{base}login/nsscoapp/")),
    ]));
    s.blocks.push(Block::Text(vec![PROCEDURE_MANUAL.into()]));
    s.blocks.push(Block::Links(vec![Link::new(
        "新規申込",
        format!("{base}apply/"),
    )]));
    s.blocks.push(Block::Text(vec![PROCEDURE_MANUAL.into()]));
    s.blocks.push(Block::Text(lines(MANUALS)));
    s.blocks.push(Block::Text(lines(NOTICES)));
    let rows = published_rows(today, ROWS);
    s.blocks.push(Block::Table(Table {
        caption: "NACCSのご利用に関するスケジュール表".into(),
        columns: TABLE_HEADINGS.iter().map(|&h| Text::from(h)).collect(),
        rows: table_cells(today, &rows)
            .into_iter()
            .map(|cells| cells.into_iter().map(Cell::from).collect())
            .collect(),
    }));
    // The example takes the first row still open for a 利用申込 today.
    if let Some(open) = rows.iter().find(|r| r.contract_deadline >= today) {
        s.blocks.push(Block::Text(vec![example(open).into()]));
    }
    s
}

fn lines(l: &[&'static str]) -> Vec<Text> {
    l.iter().map(|&s| Text::from(s)).collect()
}

/// M000 l.809 「例) 12月7日(金)までに、利用契約申込みすると12月25日(火)がシステム利用開始日になります。」,
/// with the dates of a row of the table (the manual's own dates are not a row of its table).
pub fn example(row: &ScheduleRow) -> String {
    format!(
        "例) {}までに、利用契約申込みすると{}がシステム利用開始日になります。",
        month_day(row.contract_deadline),
        month_day(row.start)
    )
}

/// 「12月7日(金)」.
fn month_day(d: NaiveDate) -> String {
    format!("{}月{}日({})", d.month(), d.day(), weekday_ja(d))
}
