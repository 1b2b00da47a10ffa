//! メインメニュー: 新着情報 (latest 10) and メニュー一覧 (M001 メニュー画面).

use super::{nav, owns};
use crate::procedures::Cx;
use crate::screen::{Block, Cell, Link, Screen, Table, Text};

/// How many 新着情報 lines the menu shows (M001: 「最新の10件を表示」).
pub const NEWS_LINES: usize = 10;

pub fn view(cx: &mut Cx, _errors: &crate::screen::spec::FieldErrors) -> Screen {
    let mut s = Screen::new("menu.main", "メインメニュー");
    s.blocks.push(nav(cx));
    let Some(login) = cx.session.login.clone() else {
        return s;
    };
    let mut rows = Vec::new();
    let mut links = Vec::new();
    for n in cx.ws.state.news.iter().rev() {
        let Some(number) = &n.reception_number else {
            continue;
        };
        let Some(app) = cx.ws.application(number).filter(|a| owns(&login, a)) else {
            continue;
        };
        if rows.len() == NEWS_LINES {
            break;
        }
        let href = cx.url(&super::detail_path(app));
        rows.push(vec![
            Cell::from(crate::clock::format_minute(n.at)),
            Cell::from(n.kind.clone()),
            Cell::from(format!("【{number}】")),
            Cell::from(n.text.clone()),
            Cell::Link(Link::new("詳細", href.clone())),
        ]);
        links.push(Link::new(format!("詳細【{number}】"), href));
    }
    s.blocks.push(Block::Text(vec![
        "新着情報を表示しています。「詳細」ボタンをクリックし内容をご確認ください。(最新の10件を表示)".into(),
    ]));
    let empty = rows.is_empty();
    s.blocks.push(Block::Table(Table {
        caption: "新着情報".into(),
        columns: ["日時", "種別", "ID", "内容", "操作"]
            .map(Text::from)
            .to_vec(),
        rows,
    }));
    if empty {
        s.blocks
            .push(Block::Text(vec!["新着情報はありません。".into()]));
    }
    links.dedup_by(|a, b| a.href == b.href);
    s.blocks.push(Block::Links(links));
    s.blocks.push(Block::Text(vec![
        "メニュー一覧".into(),
        "申込を行う：契約内容の変更、システム設定の申込、通関士IDの追加、クライアント証明書の再発行".into(),
    ]));
    let mut menu = Vec::new();
    // 申込を行う > 契約内容の変更 (M001 l.105): an office's change application.
    if matches!(login, crate::workspace::session::Login::Office(_)) {
        menu.push(Link::new("契約内容の変更", cx.url("change/guidance")));
        // 申込を行う > システム設定の申込 (M004 l.95, ②: an office files it).
        menu.push(Link::new("システム設定の申込", cx.url("settings/guidance")));
    }
    menu.extend([
        Link::new("契約内容の確認", cx.url("menu/contract")),
        Link::new("申込内容の確認", cx.url("menu/applications")),
        Link::new("パスワードの変更", cx.url("menu/password")),
        Link::new("請求金額の参照", cx.url("menu/invoices")),
    ]);
    s.blocks.push(Block::Links(menu));
    s
}
