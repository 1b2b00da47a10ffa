//! 申込内容 参照 (利用申込詳細, M001 2.③, M004): the application with its tabs, its 進行状況,
//! and, under clarification, 修正 and 取下げ.

use super::{current_tab, item_table, nav, tab_links, viewed};
use crate::procedures::new_application::confirm;
use crate::procedures::{Cx, Step, common};
use crate::screen::form::FormInput;
use crate::screen::{Arrow, Block, Button, Cell, Link, Screen, Table, Text};
use crate::workspace::application::{Application, ApplicationStatus};
use crate::workspace::session::At;

/// The tabs of 申込内容 参照 (procedures.md §4).
pub const TABS: [&str; 6] = [
    "利用申込",
    "事業所",
    "netNACCS",
    "一般NACCS",
    "回線申込",
    "請求先",
];

fn summary(a: &Application) -> Block {
    let issued = a.issued.as_ref();
    let remarks = a
        .content
        .remarks
        .get("remarks")
        .cloned()
        .unwrap_or_default();
    item_table(
        "申込内容",
        "申込情報",
        vec![
            ("受付番号", a.reception_number.clone()),
            ("ステータス", a.status.label().to_string()),
            (
                "申込日",
                crate::clock::format_date(a.submitted_at.date_naive()),
            ),
            (
                "審査終了日",
                issued
                    .map(|i| crate::clock::format_date(i.approved_at.date_naive()))
                    .unwrap_or_else(|| "-".into()),
            ),
            ("利用開始希望日", a.wished_start.clone()),
            ("契約満了希望日", "-".into()),
            ("申込分類", a.kind.clone()),
            ("申込分類(特殊)", "-".into()),
            ("契約変更内容", "-".into()),
            ("備考", remarks),
        ],
    )
}

fn progress(a: &Application) -> Table {
    Table {
        caption: "進行状況".into(),
        columns: ["作業項目", "作業日", "通知内容"].map(Text::from).to_vec(),
        rows: a
            .review
            .iter()
            .map(|r| {
                vec![
                    Cell::from(r.item.clone()),
                    Cell::from(crate::clock::format_minute(r.at)),
                    Cell::from(r.message.clone().unwrap_or_default()),
                ]
            })
            .collect(),
    }
}

pub fn view(cx: &mut Cx) -> Screen {
    let mut s = Screen::new("applications.detail", "申込内容 参照");
    s.blocks.push(nav(cx));
    let Some(a) = viewed(cx) else {
        s.errors.push("指定された申込は存在しません。".to_string());
        s.blocks.push(Block::Links(vec![Link::new(
            "←一覧表示に戻る",
            cx.url("menu/applications"),
        )]));
        return s;
    };
    s.intro = vec!["申込情報詳細を表示します。".into()];
    let tab = current_tab(cx, &TABS);
    s.blocks.push(tab_links(&TABS, &tab, |t| {
        cx.url(&format!(
            "menu/applications/detail?no={}&tab={t}",
            a.reception_number
        ))
    }));
    match tab.as_str() {
        "事業所" => {
            s.blocks.extend(confirm::applicant_blocks(&a.content));
            s.blocks.extend(confirm::office_blocks(&a.content));
        }
        "netNACCS" => {
            s.blocks.extend(confirm::user_code_blocks(&a.content));
            s.blocks.extend(confirm::terminal_tables(&a.content));
            s.blocks.extend(confirm::plan_blocks(&a.content));
        }
        "請求先" => s.blocks.extend(confirm::billing_blocks(&a.content)),
        "一般NACCS" | "回線申込" => s
            .blocks
            .push(Block::Text(vec!["申込内容はありません。".into()])),
        _ => {
            s.blocks.push(summary(&a));
            if a.feasible_start
                .is_some_and(|d| d.format("%Y%m%d").to_string() != a.wished_start)
            {
                s.blocks.push(Block::Text(vec![confirm::SHORT_LEAD.into()]));
            }
            s.blocks.push(Block::Table(progress(&a)));
        }
    }
    let mut links = vec![Link::new("←一覧表示に戻る", cx.url("menu/applications"))];
    if a.issued.is_some() {
        links.push(Link::new(
            "ID通知内容",
            cx.url(&format!(
                "menu/applications/id-notice?no={}",
                a.reception_number
            )),
        ));
    }
    s.blocks.push(Block::Links(links));
    if a.status == ApplicationStatus::Clarification && cx.session.temp_id().is_some() {
        let mut withdraw = Button::new("op", "withdraw", "利用申込を取り下げる");
        withdraw.confirm = Some("利用申込を取り下げます。よろしいですか？".into());
        s.form = Some(common::form(
            cx,
            vec![
                Button::new("op", "amend", "利用申込を修正する").arrow(Arrow::Forward),
                withdraw,
            ],
        ));
    }
    s
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    let Some(a) = viewed(cx) else {
        return Step::Refresh;
    };
    if a.status != ApplicationStatus::Clarification || cx.session.temp_id().is_none() {
        return Step::Refresh;
    }
    match form.op() {
        // 修正: the application's screens re-open pre-filled; registering sends it back to review.
        "amend" => {
            cx.session.draft = Some(a.content.clone());
            cx.session.amending = Some(a.reception_number.clone());
            Step::Go(At::AppApplicant)
        }
        "withdraw" => {
            let _ = crate::center::withdraw(cx.ws, &a.reception_number, cx.now);
            Step::Refresh
        }
        _ => Step::Refresh,
    }
}
