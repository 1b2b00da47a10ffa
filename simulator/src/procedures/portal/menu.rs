//! メインメニュー: 新着情報 (latest 10) and メニュー一覧 (M001 メニュー画面, M004 l.66-96).

use super::{nav, owns};
use crate::clock::{Instant, format_date, jst};
use crate::procedures::Cx;
use crate::screen::{Block, Cell, Link, Screen, Table, Text};
use crate::workspace::news;
use crate::workspace::session::Login;

/// How many 新着情報 lines the menu shows (M001: 「最新の10件を表示」).
pub const NEWS_LINES: usize = 10;

/// The intro of 新着情報 as M004 prints it (l.80, 2021): full-width parentheses, where M001 (l.90,
/// 2013) printed half-width ones; the newer manual wins (audit M-23).
pub const NEWS_INTRO: &str = "新着情報を表示しています。「詳細」ボタンをクリックし内容をご確認ください。（最新の10件を表示）";

/// The 種別 of the lines about fees (M001 l.98-100): printed without a 受付番号.
const FEES: &str = "利用料金";

/// What the simulator prints beside a メニュー一覧 item it does not simulate.
pub const NOT_SIMULATED: &str = "（シミュレータ未対応）";
/// What it prints beside an item only an office login (事業所コード) can use.
pub const OFFICE_ONLY: &str = "（事業所コードでログインすると利用できます）";

/// One 新着情報 line before it is printed.
struct Line {
    at: Instant,
    kind: Text,
    /// The 【受付番号】 printed in the ID column (none for 利用料金, M001 l.98-100).
    id: Option<String>,
    text: Text,
    /// Where 「詳細」 leads, and the label of the screen-level link JSON clients follow.
    href: String,
    link: Option<String>,
}

pub fn view(cx: &mut Cx, _errors: &crate::screen::spec::FieldErrors) -> Screen {
    let mut s = Screen::new("menu.main", "メインメニュー");
    s.blocks.push(nav(cx));
    let Some(login) = cx.session.login.clone() else {
        return s;
    };
    let mut lines = application_lines(cx, &login);
    lines.extend(invoice_lines(cx, &login));
    // Newest first; a stable sort keeps the stored order of lines of the same instant.
    lines.sort_by_key(|l| std::cmp::Reverse(l.at));
    lines.truncate(NEWS_LINES);
    let mut rows = Vec::new();
    let mut links = Vec::new();
    for l in lines {
        // M004 l.82-91 (2021, newest; M001 l.92-99 too): 日時 is printed as a date (audit M-22).
        rows.push(vec![
            Cell::from(format_date(l.at.with_timezone(&jst()).date_naive())),
            Cell::Text(l.kind),
            Cell::from(l.id.map(|n| format!("【{n}】")).unwrap_or_default()),
            Cell::Text(l.text),
            Cell::Link(Link::new("詳細", l.href.clone())),
        ]);
        if let Some(label) = l.link {
            links.push(Link::new(label, l.href));
        }
    }
    s.blocks.push(Block::Text(vec![NEWS_INTRO.into()]));
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
    menu_list(cx, &login, &mut s.blocks);
    s
}

/// The lines the center and the applications left (審査終了, 確認事項, 修正, 無効, 口座振替…), of
/// the applications the user may see.
fn application_lines(cx: &Cx, login: &Login) -> Vec<Line> {
    let mut out = Vec::new();
    for n in &cx.ws.state.news {
        let Some(number) = &n.reception_number else {
            continue;
        };
        let Some(app) = cx.ws.application(number).filter(|a| owns(login, a)) else {
            continue;
        };
        let fees = n.kind == FEES;
        out.push(Line {
            at: n.at,
            kind: n.kind.clone().into(),
            // M001 l.100: 「口座振替申込専用紙を送付しました。」 is printed without a 受付番号; its
            // 「詳細」 still opens the application it is about.
            id: (!fees).then(|| number.clone()),
            text: n.text.clone().into(),
            href: cx.url(&super::detail_path(app)),
            link: Some(format!("詳細【{number}】")),
        });
    }
    out
}

/// 利用料金 「前月分の請求額が確定しました。…」 (M001 l.98, 415): one line per invoice of the
/// office's contract fixed by the workspace clock, dated the day it was fixed, without a 受付番号;
/// its 「詳細」 opens 請求金額の参照 (audit M-09).
fn invoice_lines(cx: &Cx, login: &Login) -> Vec<Line> {
    let Login::Office(code) = login else {
        return Vec::new();
    };
    let Some(office) = cx.ws.state.offices.get(code) else {
        return Vec::new();
    };
    let today = cx.now.with_timezone(&jst()).date_naive();
    let href = cx.url("menu/invoices");
    office
        .contract
        .invoices
        .iter()
        .filter(|i| i.issued_on <= today)
        .filter_map(|i| {
            let at = i.issued_on.and_hms_opt(0, 0, 0)?.and_local_timezone(jst());
            Some(Line {
                at: at.single()?,
                kind: FEES.into(),
                id: None,
                text: news::INVOICE_FIXED.into(),
                href: href.clone(),
                link: None,
            })
        })
        .collect()
}

/// An item of メニュー一覧.
enum Item {
    /// Simulated: a link.
    Link(&'static str, &'static str),
    /// Simulated for an office login only.
    Office(&'static str, &'static str),
    /// Not simulated: printed with [`NOT_SIMULATED`].
    Missing(&'static str),
}

/// メニュー一覧 as M004 prints it (l.95-96, 2021): four groups, 申込を行う holding 申込内容の確認,
/// item 4 「デジタル証明書の再発行」 (M001 l.102-114, 2013, numbered the groups' items and called it
/// 「クライアント証明書の再発行」; the newer manual wins, audit M-08). M004's 「請求全部の参照」 is
/// the OCR of M001's 「請求金額の参照」.
const MENU: [(&str, &[Item]); 4] = [
    (
        "申込を行う",
        &[
            // M001 l.105: an office's change application.
            Item::Office("契約内容の変更", "change/guidance"),
            // M004 l.95, ②: an office files it.
            Item::Office("システム設定の申込", "settings/guidance"),
            Item::Missing("通関士IDの追加"),
            Item::Missing("デジタル証明書の再発行"),
            Item::Link("申込内容の確認", "menu/applications"),
        ],
    ),
    (
        "契約内容を確認する",
        &[Item::Link("契約内容の確認", "menu/contract")],
    ),
    (
        "ユーザー情報",
        &[Item::Link("パスワードの変更", "menu/password")],
    ),
    (
        "請求を参照する",
        &[Item::Link("請求金額の参照", "menu/invoices")],
    ),
];

/// メニュー一覧: each group's heading, then its items as links; the items the simulator does not
/// offer (or not to this login) follow the group's links as text, with the reason.
fn menu_list(cx: &Cx, login: &Login, blocks: &mut Vec<Block>) {
    let office = matches!(login, Login::Office(_));
    blocks.push(Block::Text(vec!["メニュー一覧".into()]));
    for (heading, items) in MENU {
        blocks.push(Block::Text(vec![heading.into()]));
        let mut links = Vec::new();
        let mut absent: Vec<Text> = Vec::new();
        for item in items {
            match *item {
                Item::Link(label, path) => links.push(Link::new(label, cx.url(path))),
                Item::Office(label, path) if office => links.push(Link::new(label, cx.url(path))),
                Item::Office(label, _) => absent.push(format!("{label}{OFFICE_ONLY}").into()),
                Item::Missing(label) => absent.push(format!("{label}{NOT_SIMULATED}").into()),
            }
        }
        blocks.push(Block::Links(links));
        if !absent.is_empty() {
            blocks.push(Block::Text(absent));
        }
    }
}
