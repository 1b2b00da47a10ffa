//! The logged-in NSS (M001 メニュー画面, procedures.md §4): the menu with 新着情報, the list and
//! detail of applications, ID通知内容, the contract, the password and the invoices. Pages are
//! reached by links from the nav bar; only their forms carry flow tokens.

pub mod applications;
pub mod contract;
pub mod detail;
pub mod documents;
pub mod id_notice;
pub mod invoices;
pub mod menu;
pub mod password;

use super::Cx;
use super::registry::{Procedure, ScreenDef, ShownAs};
use crate::application::Application;
use crate::screen::{Block, Cell, Link, Table};
use crate::workspace::Workspace;
use crate::workspace::session::Login;

/// The pages of the logged-in NSS (reached by links; only 申込内容 参照 and パスワードの変更
/// carry forms of their own).
pub const PROCEDURE: Procedure = Procedure {
    id: "portal",
    name: "P3 ログイン後のNSS",
    progress: &[],
    tabs: &[],
    screens: &[
        ScreenDef::page("menu.main", "menu", "M001 1.①", menu::view),
        ScreenDef::page(
            "applications.list",
            "menu/applications",
            "M001 2.②",
            applications::view,
        ),
        ScreenDef::page(
            "applications.detail",
            "menu/applications/detail",
            "M001 2.③, M004",
            detail::view,
        )
        .with_submit(detail::submit),
        ScreenDef::page(
            "applications.id_notice",
            "menu/applications/id-notice",
            "M001 3.④, M002 3.",
            id_notice::view,
        ),
        ScreenDef::page(
            "contract.detail",
            "menu/contract",
            "M001 1.②",
            contract::view,
        )
        .with_submit(contract::submit)
        .shown_as(ShownAs::Office),
        ScreenDef::page(
            "user.password",
            "menu/password",
            "procedures.md §4",
            password::view,
        )
        .with_submit(password::submit)
        .shown_as(ShownAs::Office),
        ScreenDef::page(
            "invoices.list",
            "menu/invoices",
            "procedures.md §4",
            invoices::view,
        )
        .shown_as(ShownAs::Office),
    ],
};

/// The nav bar: 申込実施 | 申込内容確認 | 契約内容確認 | 請求内容参照 | パスワード変更 (M001).
pub fn nav(cx: &Cx) -> Block {
    Block::Links(vec![
        Link::new("申込実施", cx.url("menu")),
        Link::new("申込内容確認", cx.url("menu/applications")),
        Link::new("契約内容確認", cx.url("menu/contract")),
        Link::new("請求内容参照", cx.url("menu/invoices")),
        Link::new("パスワード変更", cx.url("menu/password")),
    ])
}

/// A 「項目 / {value_column}」 table of label–value rows, the shape of every 参照 page's sections
/// (契約情報 参照 prints 「契約情報」, ID通知内容 「内容」, 申込内容 参照 「申込情報」).
pub fn item_table(
    caption: &'static str,
    value_column: &'static str,
    rows: Vec<(&'static str, String)>,
) -> Block {
    Block::Table(Table {
        caption: caption.into(),
        columns: vec!["項目".into(), value_column.into()],
        rows: rows
            .into_iter()
            .map(|(k, v)| vec![Cell::from(k), Cell::from(v)])
            .collect(),
    })
}

/// Where an application's 「詳細」 leads (relative to the workspace base): 申込内容 参照 of a
/// 利用申込, システム設定申込内容 参照 of a システム設定申込 (M004 ③).
pub fn detail_path(app: &Application) -> String {
    let page = match app.kind() {
        crate::application::ApplicationKind::SystemSettings => "menu/settings/detail",
        _ => "menu/applications/detail",
    };
    format!("{page}?no={}", app.reception_number)
}

/// 進行状況 (M004 l.160-164): 作業項目 | 作業日 | 通知内容, from the registration itself
/// (「システム設定申込 2021/02/02」) through every answer, the dates as dates (audit M-13).
pub fn progress_table(app: &Application) -> Block {
    let first = vec![
        Cell::from(app.kind().work_item()),
        Cell::from(crate::clock::format_date(app.submitted_at.date_naive())),
        Cell::from(""),
    ];
    let answers = app.review.iter().map(|r| {
        vec![
            Cell::from(r.item.clone()),
            Cell::from(crate::clock::format_date(r.at.date_naive())),
            Cell::from(r.message.clone().unwrap_or_default()),
        ]
    });
    Block::Table(Table {
        caption: "進行状況".into(),
        columns: vec!["作業項目".into(), "作業日".into(), "通知内容".into()],
        rows: std::iter::once(first).chain(answers).collect(),
    })
}

/// The tab the session asked for (`?tab=`), if it is one of `tabs`, else the first.
pub fn current_tab(cx: &Cx, tabs: &[&str]) -> String {
    cx.session
        .tab
        .clone()
        .filter(|t| tabs.contains(&t.as_str()))
        .unwrap_or_else(|| tabs[0].to_string())
}

/// Whether the logged-in user may see the application: filed by them, or (for an office) the
/// application that created the office.
pub fn owns(login: &Login, app: &Application) -> bool {
    app.filed_by(&login.filer())
        || matches!(login, Login::Office(code) if app
            .issued
            .as_ref()
            .is_some_and(|i| i.ids.office_code == *code))
}

/// The applications of the logged-in user, newest first.
pub fn owned<'a>(ws: &'a Workspace, login: &Login) -> Vec<&'a Application> {
    let mut v: Vec<&Application> = ws
        .state
        .applications
        .iter()
        .filter(|a| owns(login, a))
        .collect();
    v.reverse();
    v
}

/// The application the session views, if the user may see it.
pub fn viewed(cx: &Cx) -> Option<Application> {
    let login = cx.session.login.as_ref()?;
    let number = cx.session.viewing.as_ref()?;
    cx.ws
        .application(number)
        .filter(|a| owns(login, a))
        .cloned()
}
