//! 申込内容 参照 (利用申込詳細, M001 2.③, M004): the application with its tabs, its 進行状況,
//! and, under clarification, 修正 and 取下げ.

use super::documents::{self, Document};
use super::{current_tab, item_table, nav, progress_table, viewed};
use crate::application::draft::NewApplicationDraft;
use crate::application::new::Connection;
use crate::application::{Application, ApplicationContent, ApplicationStatus, Draft, Slot};
use crate::center::checks;
use crate::procedures::change_application::{self, view as change_view};
use crate::procedures::new_application::{confirm, view as new_view};
use crate::procedures::{Cx, Step, common};
use crate::screen::form::FormInput;
use crate::screen::{Arrow, Block, Button, Link, Screen, Tabs};
use crate::services::applications;

/// The tabs of 申込内容 参照 (procedures.md §4).
pub const TABS: [&str; 6] = [
    "利用申込",
    "事業所",
    "netNACCS",
    "一般NACCS",
    "回線申込",
    "請求先",
];

/// The breadcrumb of 申込内容 参照 (M001 l.502).
pub const BREADCRUMB: &str = "申込情報一覧 > 利用申込詳細";

/// 申込分類(特殊) of a new application (M001 l.518: 共同利用 共用 付替 地位の承継): 共用 for a
/// 機器共用 office (M002), 共同利用 when the equipment is another company's (docs/decisions.md,
/// issue 11, Q9). A change prints its own.
fn new_special(cx: &mut Cx, a: &Application) -> Option<&'static str> {
    cx.ws.seed_customers();
    match &a.content {
        ApplicationContent::New(n) => checks::special_kind(cx.ws, n).map(|k| k.label()),
        _ => None,
    }
}

fn summary(a: &Application, new_special: Option<&str>) -> Block {
    let issued = a.issued.as_ref();
    let remarks = match &a.content {
        ApplicationContent::New(n) => n.remarks.as_ref().map_or("", |r| r.as_str()),
        ApplicationContent::Change(c) => c.remarks.as_ref().map_or("", |r| r.as_str()),
        ApplicationContent::SystemSettings(s) => {
            s.registration.remarks.as_ref().map_or("", |r| r.as_str())
        }
    }
    .to_string();
    // M001 l.517-520: a change prints its 申込分類, 申込分類(特殊) and 契約変更内容.
    let (class, special, flags) = match &a.content {
        ApplicationContent::Change(c) => (
            c.classification().to_string(),
            c.specials().join(" "),
            c.flags().join(" "),
        ),
        _ => (
            a.kind().label().to_string(),
            new_special.unwrap_or_default().to_string(),
            String::new(),
        ),
    };
    let dash = |v: String| if v.is_empty() { "-".to_string() } else { v };
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
            ("利用開始希望日", a.wished_start().unwrap_or("").to_string()),
            // M002 l.800, 813-822: the 確定 利用開始日 is read here once the review ended; it may
            // differ from the 利用開始希望日 (audit M-05).
            (
                "利用開始日",
                issued
                    .map(|i| crate::clock::format_date(i.start_date))
                    .unwrap_or_else(|| "-".into()),
            ),
            ("契約満了希望日", "-".into()),
            ("申込分類", class),
            ("申込分類(特殊)", dash(special)),
            ("契約変更内容", dash(flags)),
            ("備考", remarks),
        ],
    )
}

pub fn view(cx: &mut Cx, _errors: &crate::screen::spec::FieldErrors) -> Screen {
    let mut s = Screen::new("applications.detail", "申込内容 参照");
    s.blocks.push(nav(cx));
    let Some(a) = viewed(cx).filter(|a| a.content.as_settings().is_none()) else {
        s.errors.push("指定された申込は存在しません。".to_string());
        s.blocks.push(Block::Links(vec![Link::new(
            "←一覧表示に戻る",
            cx.url("menu/applications"),
        )]));
        return s;
    };
    // M001 l.502-508: the breadcrumb 「申込情報一覧 > 利用申込詳細」, the sub-heading 「利用申込」
    // over the intro (audit M-11).
    s.blocks.push(Block::Text(vec![BREADCRUMB.into()]));
    s.intro = vec!["利用申込".into(), "申込情報詳細を表示します。".into()];
    let tab = current_tab(cx, &TABS);
    s.tabs = Tabs::links(&TABS, &tab, |t| {
        cx.url(&format!(
            "menu/applications/detail?no={}&tab={t}",
            a.reception_number
        ))
    });
    s.blocks.push(Block::TabBar);
    // The 利用申込 tab prints the summary and the 進行状況; the others the content.
    let body = match &a.content {
        ApplicationContent::Change(c) => change_view::detail_tab(&tab, c),
        ApplicationContent::New(n) => (tab != TABS[0]).then(|| new_tab(&tab, n)),
        // Shown on システム設定申込内容 参照 (system_settings::detail), never here.
        ApplicationContent::SystemSettings(_) => None,
    };
    match body {
        Some(blocks) => s.blocks.extend(blocks),
        None => {
            let special = new_special(cx, &a);
            s.blocks.push(summary(&a, special));
            if a.feasible_start
                .is_some_and(|d| Some(d.format("%Y%m%d").to_string().as_str()) != a.wished_start())
            {
                s.blocks.push(Block::Text(vec![confirm::SHORT_LEAD.into()]));
            }
            s.blocks.push(progress_table(&a));
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
    // M001 l.439-445, M002 l.800-802: the documents; the 承認通知 from the 利用開始日 only.
    links.push(Link::new(
        "申込書を出力する",
        cx.url(&Document::Application.href(&a)),
    ));
    let refusal = documents::approval_refusal(&a, cx.now.date_naive());
    if refusal.is_none() {
        links.push(Link::new(
            "承認通知を出力する",
            cx.url(&Document::Approval.href(&a)),
        ));
    }
    s.blocks.push(Block::Links(links));
    if let Some(why) = refusal.filter(|_| a.issued.is_some()) {
        s.blocks.push(Block::Text(vec![why.into()]));
    }
    // 修正 and 取下げ belong to the filer, whoever it is (M004: an office login too).
    if a.status == ApplicationStatus::Clarification && files(cx, &a) {
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

/// A tab of a new application (M001 l.510), the 利用申込 tab aside.
fn new_tab(tab: &str, content: &crate::application::NewApplication) -> Vec<Block> {
    let mut blocks = Vec::new();
    match tab {
        "事業所" => {
            blocks.extend(new_view::applicant_blocks(content));
            blocks.extend(new_view::office_blocks(content));
        }
        // The application's path fills its tab; the other path's says there is nothing.
        "netNACCS" if content.connection == Connection::NetNaccs => {
            blocks.extend(new_view::user_code_blocks(content));
            blocks.extend(new_view::terminal_tables(content));
            blocks.extend(new_view::plan_blocks(content));
        }
        "一般NACCS" if content.connection == Connection::General => {
            blocks.extend(new_view::user_code_blocks(content));
            blocks.extend(new_view::mailbox_blocks(content));
            blocks.extend(new_view::plan_blocks(content));
        }
        "回線申込" if content.connection == Connection::General => {
            blocks.extend(new_view::line_tables(content));
        }
        "請求先" => blocks.extend(new_view::billing_blocks(content)),
        _ => blocks.push(Block::Text(vec!["申込内容はありません。".into()])),
    }
    blocks
}

/// Whether the session's login filed the application.
fn files(cx: &Cx, a: &Application) -> bool {
    cx.session.filer().is_some_and(|f| a.filed_by(&f))
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    let Some(a) = viewed(cx) else {
        return Step::Refresh;
    };
    let Some(filer) = cx.session.filer().filter(|f| a.filed_by(f)) else {
        return Step::Refresh;
    };
    if a.status != ApplicationStatus::Clarification {
        return Step::Refresh;
    }
    match (form.op(), &a.content) {
        // 修正: the application's screens re-open pre-filled; registering sends it back to review.
        ("amend", ApplicationContent::New(content)) => {
            cx.session.draft = Some(Draft::NewApplication(Box::new(amendment(
                content,
                &a.reception_number,
            ))));
            Step::Go("new_application.applicant")
        }
        // A change re-opens at its guidance, whose back button returns here (M001 l.173).
        ("amend", ApplicationContent::Change(content)) => {
            cx.session.draft = Some(Draft::Change(Box::new(change_application::amendment(
                content,
                &a.reception_number,
            ))));
            Step::Go(change_application::GUIDANCE)
        }
        ("withdraw", _) => {
            match applications::withdraw(cx.ws, cx.now, &filer, &a.reception_number) {
                Ok(()) => Step::Refresh,
                Err(e) => Step::Stay(crate::screen::spec::FieldErrors::from([(
                    "_withdraw".to_string(),
                    e.japanese(),
                )])),
            }
        }
        _ => Step::Refresh,
    }
}

/// The draft of a 修正: every screen holds what was registered.
fn amendment(content: &crate::application::NewApplication, number: &str) -> NewApplicationDraft {
    NewApplicationDraft {
        applicant: Slot::Parsed(content.applicant.clone()),
        office: Slot::Parsed(content.office.clone()),
        connection: Some(content.connection),
        user_codes: content.user_codes.codes.clone(),
        users_transfer: content.user_codes.transfer,
        detail: None,
        // Each path's own screens hold what was registered; the other path's start empty.
        terminals: match content.connection {
            Connection::NetNaccs => Slot::Parsed(content.terminals.clone()),
            Connection::General => Slot::Empty,
        },
        lines: content.lines.rows.clone(),
        line_detail: None,
        line_choices: match content.connection {
            Connection::General => Slot::Parsed(content.lines.choices.clone()),
            Connection::NetNaccs => Slot::Empty,
        },
        mailboxes: match content.connection {
            Connection::General => Slot::Parsed(content.mailboxes.clone()),
            Connection::NetNaccs => Slot::Empty,
        },
        diagram: content.diagram.clone(),
        plan: Slot::Parsed(content.plan),
        billing: Slot::Parsed(content.billing.clone()),
        remarks: Slot::Parsed(content.remarks.clone()),
        attachments: content.attachments.clone(),
        amends: Some(number.to_string()),
    }
}
