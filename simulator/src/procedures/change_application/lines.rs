//! 回線・論理端末 入力 of a change: the items 「一般NACCS回線の登録情報(追加・変更・廃止)」 and
//! 「一般NACCS端末の登録情報(追加・変更・削除)」 (M001 l.190). The manuals print no screen of their
//! own for them: this is the new application's 回線・論理端末 入力 (M003:l.551-625, its lists
//! 申込情報(回線) / 申込情報(論理端末) and 「新規に回線・論理端末を追加する」) with the office's
//! contract above them — 契約情報(回線) with 「変更」 / 「廃止」 on each line, 契約情報(論理端末) —
//! as the other change screens show the contract (M001 STEP3 l.153; docs/decisions.md, issue 10
//! 「一般NACCS回線・端末」). No システム構成図, 機器共用先 or check box: those are a new office's
//! (M003:l.585-621).

use super::line_detail;
use super::{before, contract_screen, draft, not_office};
use crate::application::Slot;
use crate::application::change::{ChangeDraft, ContractBefore, ContractTerminal, LineTarget};
use crate::application::change_lines::{LinesChange, added_router, terminals_on};
use crate::domain::customers::ContractLine;
use crate::procedures::new_application::lines::{
    LINE_COLUMNS, TERMINAL_COLUMNS, TITLE as NEW_TITLE, line_row, list_table, terminal_row,
};
use crate::procedures::portal::contract::{
    LINE_COLUMNS as CONTRACT_COLUMNS, line_row as contract_row,
};
use crate::procedures::{Cx, Step};
use crate::screen::form::FormInput;
use crate::screen::spec::FieldErrors;
use crate::screen::{Block, Button, Cell, Screen};

pub const ID: &str = "change_application.lines";

/// The screen's title: the new application's.
pub const TITLE: &str = NEW_TITLE;

/// The columns of 契約情報(論理端末) (契約情報 参照's 論理端末 table without the 事業所コード).
const CONTRACT_TERMINAL_COLUMNS: [&str; 5] = [
    "ルータ番号",
    "区分",
    "利用機種区分",
    "パッケージソフト区分",
    "論理端末名",
];

/// Whether the change moves the office (M001 l.219): its 所在地 as entered differs from the
/// contract's.
pub fn moving(
    office: Option<&crate::application::new::OfficeDetails>,
    before: &ContractBefore,
) -> bool {
    matches!((office, before.office.as_ref()), (Some(a), Some(b)) if a.address != b.address)
}

fn moving_draft(d: &ChangeDraft, before: &ContractBefore) -> bool {
    match &d.office {
        Slot::Parsed(o) => moving(Some(o), before),
        _ => false,
    }
}

fn cells(row: Vec<String>) -> Vec<Cell> {
    row.into_iter().map(Cell::from).collect()
}

fn button(op: String, label: &'static str) -> Cell {
    Cell::Button(Button::new("op", op, label))
}

/// A retired line in the columns of 申込情報(回線): what the contract holds of it, 「-」 for the
/// rest.
fn retired_line(l: &ContractLine) -> Vec<String> {
    let dash = || "-".to_string();
    vec![
        "廃止".to_string(),
        l.system.short().to_string(),
        l.connection.clone(),
        if l.edifact { "要" } else { "否" }.to_string(),
        l.kind.clone(),
        l.access.clone(),
        dash(),
        dash(),
        l.router.to_string(),
        dash(),
        l.site.clone(),
        if l.shared { "○" } else { "×" }.to_string(),
    ]
}

/// The terminals of a retired line in the columns of 申込情報(論理端末).
fn retired_terminals(l: &ContractLine, on: &[&ContractTerminal]) -> Vec<String> {
    vec![
        "廃止".to_string(),
        l.router.to_string(),
        l.system.short().to_string(),
        on.first().map_or("-".to_string(), |t| t.model.clone()),
        "-".to_string(),
        on.len().to_string(),
    ]
}

/// 契約情報(回線), 契約情報(論理端末), 申込情報(回線) and 申込情報(論理端末): the contract as it
/// stands, then what is applied for (「変更」 / 「廃止」 rows in the contract's order, then the
/// 「追加」 ones); with `buttons`, the screen's 変更 / 廃止 / 修正 / 取消.
pub fn tables(before: &ContractBefore, change: &LinesChange, buttons: bool) -> Vec<Block> {
    let mut contract_columns = CONTRACT_COLUMNS.to_vec();
    if buttons {
        contract_columns.extend(["変更", "廃止"]);
    }
    let contract_lines = before
        .lines
        .iter()
        .map(|l| {
            let mut row = cells(contract_row(l));
            if buttons {
                row.push(button(format!("change_line:{}", l.router), "変更"));
                row.push(button(format!("retire_line:{}", l.router), "廃止"));
            }
            row
        })
        .collect();
    let contract_terminals = before
        .terminals
        .iter()
        .filter_map(|t| {
            Some(cells(vec![
                t.router?.to_string(),
                t.system.short().to_string(),
                t.model.clone(),
                t.package.clone(),
                t.name.clone(),
            ]))
        })
        .collect();
    let mut line_columns = LINE_COLUMNS.to_vec();
    if buttons {
        line_columns.extend(["修正", "取消"]);
    }
    let (mut lines, mut terminals) = (Vec::new(), Vec::new());
    for l in &before.lines {
        let r = l.router;
        let (line, term, edit) = if let Some(c) = change.changed_line(r) {
            (line_row("変更", r, c), terminal_row("変更", r, c), true)
        } else if change.retired.contains(&r) {
            let on = terminals_on(&before.terminals, r);
            (retired_line(l), retired_terminals(l, &on), false)
        } else {
            continue;
        };
        let mut row = cells(line);
        if buttons {
            row.push(if edit {
                button(format!("change_line:{r}"), "修正")
            } else {
                Cell::from("")
            });
            row.push(button(format!("undo_line:{r}"), "取消"));
        }
        lines.push(row);
        terminals.push(cells(term));
    }
    for (i, l) in change.added.iter().enumerate() {
        let r = added_router(&before.lines, i);
        let mut row = cells(line_row("追加", r, l));
        if buttons {
            row.push(button(format!("edit_added:{i}"), "修正"));
            row.push(button(format!("undo_added:{i}"), "取消"));
        }
        lines.push(row);
        terminals.push(cells(terminal_row("追加", r, l)));
    }
    vec![
        list_table("契約情報(回線)", &contract_columns, contract_lines),
        list_table(
            "契約情報(論理端末)",
            &CONTRACT_TERMINAL_COLUMNS,
            contract_terminals,
        ),
        list_table("申込情報(回線)", &line_columns, lines),
        list_table("申込情報(論理端末)", &TERMINAL_COLUMNS, terminals),
    ]
}

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let intro = [
        "現在の契約内容が表示されていますので、回線・論理端末を変更してください。",
        "契約中の回線を変更する場合は「変更」ボタン（論理端末数は変更後の台数を入力してください）、廃止する場合は「廃止」ボタン（回線に接続している論理端末も削除されます）、新規に回線・論理端末を追加する場合は「新規に回線・論理端末を追加する」ボタンをクリックしてください。",
        "入力完了後に「次へ進む」ボタンをクリックしてください。",
    ];
    let (mut s, before) = contract_screen(cx, ID, TITLE, &intro);
    let Some(before) = before else {
        return s;
    };
    s.errors = errors.values().cloned().collect();
    let change = draft(cx).lines.get_or_insert_with(Default::default).clone();
    s.blocks.push(Block::Heading {
        text: "回線・論理端末に関する項目".into(),
        buttons: Vec::new(),
    });
    let mut tables = tables(&before, &change, true);
    let requested = tables.split_off(2);
    s.blocks.extend(tables);
    s.blocks.push(Block::Buttons(vec![Button::new(
        "op",
        "add_line",
        "新規に回線・論理端末を追加する",
    )]));
    s.blocks.push(Block::Text(vec![
        "申込情報を修正する場合は、「修正」ボタンをクリックして登録画面で修正してください。".into(),
        "申込情報を取り消す場合は、「取消」ボタンをクリックしてください。".into(),
    ]));
    s.blocks.extend(requested);
    s.blocks.push(Block::Text(vec![
        "※回線工事を行う場合、実際の工事日は別途弊社よりご連絡後に決定となります。".into(),
    ]));
    s
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    let Some(before) = before(cx) else {
        return not_office();
    };
    let op = form.op();
    let arg = |prefix: &str| op.strip_prefix(prefix).and_then(|i| i.parse::<u32>().ok());
    if let Some(r) = arg("change_line:") {
        return line_detail::open(cx, LineTarget::Contract(r));
    }
    if let Some(i) = arg("edit_added:") {
        return line_detail::open(cx, LineTarget::Added(Some(i as usize)));
    }
    let d = draft(cx);
    let lines = d.lines.get_or_insert_with(Default::default);
    if let Some(r) = arg("retire_line:") {
        lines.changed.retain(|c| c.router != r);
        lines.retired.push(r);
        lines.retain_known(&before.lines);
        return Step::Refresh;
    }
    if let Some(r) = arg("undo_line:") {
        lines.changed.retain(|c| c.router != r);
        lines.retired.retain(|x| *x != r);
        return Step::Refresh;
    }
    if let Some(i) = arg("undo_added:") {
        if (i as usize) < lines.added.len() {
            lines.added.remove(i as usize);
        }
        return Step::Refresh;
    }
    match op {
        "add_line" => line_detail::open(cx, LineTarget::Added(None)),
        "next" => {
            let moving = moving_draft(d, &before);
            let change = d.lines.clone().unwrap_or_default();
            let Some(items) = super::chosen(cx) else {
                return Step::Go("change_application.items");
            };
            match change.check(&items, &before.lines, &before.terminals, moving) {
                Ok(()) => Step::Next,
                Err(msg) => Step::Stay(FieldErrors::from([("_lines".to_string(), msg)])),
            }
        }
        op => super::step(cx, op, FieldErrors::new()),
    }
}
