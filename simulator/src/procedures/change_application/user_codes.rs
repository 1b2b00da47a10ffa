//! 利用者コード 入力 of a change, the list: the items 利用業種, 利用者コード, 識別番号 (M001 l.189),
//! 管理統計資料 (l.193) and 保税管理資料保存サービス (l.194). The manuals print no screen of their
//! own for them: this is the new application's 利用者コード 入力 (M000 【17】【19】) with the
//! office's codes in it, pre-filled from the contract (M001 STEP3 l.153 「現在の契約情報が表示され
//! ますので、変更箇所について変更の入力(上書き)します。」; docs/decisions.md, issue 10
//! 「利用者コード等の変更」). Each code is 修正 (its 識別番号 and 管理統計資料, on the detail) or
//! 削除; 「新規に利用者コードを追加する」 adds one.

use super::{before, contract_screen, draft, not_office, office_code};
use crate::application::change::{
    ChangeItem, ChangeItems, CodeDiff, CodeRow, ContractBefore, UserCodeChange,
};
use crate::application::draft::UserCodeDetailDraft;
use crate::application::new::CodeChoice;
use crate::domain::lists::ProcessingMethod;
use crate::procedures::fields::ScreenForm;
use crate::procedures::new_application::user_codes::{COLUMNS, TITLE as NEW_TITLE, rows};
use crate::procedures::{Cx, Step};
use crate::screen::form::FormInput;
use crate::screen::spec::FieldErrors;
use crate::screen::{Block, Button, Cell, Screen, Table, Text};

/// The screen's title: the new application's.
pub const TITLE: &str = NEW_TITLE;

/// The rows as entered, filled from the contract the first time.
pub fn current<'a>(cx: &'a mut Cx, before: &ContractBefore) -> &'a mut UserCodeChange {
    draft(cx).user_codes.get_or_insert_with(|| UserCodeChange {
        codes: before.user_codes.clone(),
    })
}

/// The printed lines of one row (one per 識別番号 setting, M000 【19】): the new application's,
/// with 申込内容 「追加」 / 「変更」 / 「削除」 (blank for a code left as it is) and the code itself
/// (「追加n」 for a new one).
fn lines(row: &CodeRow, kind: &str, added: usize) -> Vec<Vec<String>> {
    let mut out = rows(std::slice::from_ref(&row.request));
    for l in &mut out {
        l[0] = kind.to_string();
        l[4] = row.code.clone().unwrap_or_else(|| format!("追加{added}"));
    }
    out
}

/// 契約情報(利用者コード): the office's codes as they stand (M001 prints 契約情報 above 申込情報
/// for the terminals, l.309-320; the same here, captioned with what they list as M003 captions
/// 申込情報(回線) and 申込情報(論理端末), l.581-583, so the confirmation's tables stay apart).
pub fn contract_table(before: &[CodeRow]) -> Table {
    Table {
        caption: "契約情報(利用者コード)".into(),
        columns: COLUMNS[1..].iter().map(|&c| Text::from(c)).collect(),
        rows: before
            .iter()
            .flat_map(|r| lines(r, "", 0))
            .map(|l| l.into_iter().skip(1).map(Cell::from).collect())
            .collect(),
    }
}

/// 申込情報(利用者コード): the codes as they are to be, then the deleted ones; with `buttons`, 修正 / 削除 on
/// each (取消 on a deleted one, which puts it back).
pub fn request_table(before: &[CodeRow], change: &UserCodeChange, buttons: bool) -> Table {
    let mut columns: Vec<Text> = COLUMNS.iter().map(|&c| Text::from(c)).collect();
    if buttons {
        columns.extend(["修正".into(), "削除".into()]);
    }
    let mut out = Vec::new();
    let mut added = 0;
    for (i, row) in change.codes.iter().enumerate() {
        let kind = match before
            .iter()
            .find(|b| b.code.is_some() && b.code == row.code)
        {
            None => {
                added += 1;
                "追加"
            }
            Some(b) if b != row => "変更",
            Some(_) => "",
        };
        for l in lines(row, kind, added) {
            let mut cells: Vec<Cell> = l.into_iter().map(Cell::from).collect();
            if buttons {
                cells.push(Cell::Button(Button::new("op", format!("edit:{i}"), "修正")));
                cells.push(Cell::Button(Button::new(
                    "op",
                    format!("delete:{i}"),
                    "削除",
                )));
            }
            out.push(cells);
        }
    }
    for (i, row) in before.iter().enumerate() {
        if !change.deleted(before).contains(&row) {
            continue;
        }
        for l in lines(row, "削除", 0) {
            let mut cells: Vec<Cell> = l.into_iter().map(Cell::from).collect();
            if buttons {
                cells.push(Cell::from(""));
                cells.push(Cell::Button(Button::new(
                    "op",
                    format!("restore:{i}"),
                    "取消",
                )));
            }
            out.push(cells);
        }
    }
    Table {
        caption: "申込情報(利用者コード)".into(),
        columns,
        rows: out,
    }
}

/// What the chosen items allow, against what the rows change (docs/decisions.md, issue 10): a
/// change of a kind whose item is not chosen is refused with the item to choose; a change that
/// changes nothing is refused; the first netNACCS of an office adds a netNACCS 識別番号 (M001
/// l.215 「当該事業所で初めてnetNACCSをお申込み頂く際には、「識別番号」と「料金プラン」も同時に
/// チェックして下さい。」).
pub fn check(
    items: &ChangeItems,
    before: &[CodeRow],
    change: &UserCodeChange,
    uses_net: bool,
) -> Result<(), String> {
    let diff = change.diff(before);
    if diff.is_empty() {
        return Err("利用者コードの変更内容を入力してください。".into());
    }
    let CodeDiff {
        codes,
        idents,
        industries,
        statistics,
        storage,
    } = diff;
    let needs: [(bool, &str, &[ChangeItem]); 5] = [
        (codes, "利用者コードの追加・削除", &[ChangeItem::UserCode]),
        (
            idents,
            "識別番号の追加・削除",
            &[ChangeItem::Ident, ChangeItem::UserCode],
        ),
        (
            industries,
            "利用業種の変更",
            &[ChangeItem::Industry, ChangeItem::UserCode],
        ),
        (statistics, "管理統計資料の変更", &[ChangeItem::Statistics]),
        (
            storage,
            "保税管理資料保存サービスの変更",
            &[ChangeItem::Storage],
        ),
    ];
    for (changed, what, allowed) in needs {
        if changed && !items.any(allowed) {
            return Err(format!(
                "{what}を行う場合は、変更内容入力で「{}」を選択してください。",
                allowed[0].label()
            ));
        }
    }
    let net = change
        .codes
        .iter()
        .flat_map(|r| r.request.settings.iter())
        .any(|s| s.method == ProcessingMethod::NetNaccs);
    if items.has(ChangeItem::NetTerminals) && !uses_net && !net {
        return Err(
            "当該事業所で初めてnetNACCSをお申込み頂く際には、処理方式「netNACCS」の識別番号を追加してください。"
                .into(),
        );
    }
    Ok(())
}

/// Whether the session's office uses netNACCS now (M001 l.215).
pub fn uses_net(cx: &Cx) -> bool {
    office_code(cx)
        .and_then(|c| cx.ws.state.offices.get(&c))
        .is_some_and(|o| crate::center::change::uses_net(&o.contract))
}

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let intro = [
        "現在の契約内容が表示されていますので、利用者コードを変更してください。",
        "変更する利用者コードは「修正」ボタン、削除する利用者コードは「削除」ボタン、新規に利用者コードを追加する場合は「新規に利用者コードを追加する」ボタンをクリックしてください。",
        "入力完了後に「次へ進む」ボタンをクリックしてください。",
    ];
    let (mut s, before) = contract_screen(cx, "change_application.user_codes", TITLE, &intro);
    let Some(before) = before else {
        return s;
    };
    s.errors = errors.values().cloned().collect();
    let change = current(cx, &before).clone();
    s.blocks.push(Block::Heading {
        text: "利用者コードに関する項目".into(),
        buttons: Vec::new(),
    });
    s.blocks
        .push(Block::Table(contract_table(&before.user_codes)));
    s.blocks.push(Block::Buttons(vec![Button::new(
        "op",
        "add_new",
        "新規に利用者コードを追加する",
    )]));
    s.blocks.push(Block::Text(vec![
        "申込情報を修正する場合は、「修正」ボタンをクリックして登録画面で修正してください。".into(),
        "申込情報を削除する場合は、「削除」ボタンをクリックして登録内容を削除してください。".into(),
    ]));
    s.blocks.push(Block::Table(request_table(
        &before.user_codes,
        &change,
        true,
    )));
    s
}

/// The draft of the detail for row `i` of the list (or a new code).
fn open_detail(row: Option<(usize, &CodeRow)>) -> UserCodeDetailDraft {
    match row {
        Some((i, r)) => UserCodeDetailDraft {
            editing: Some(i),
            shared: matches!(r.request.code, CodeChoice::Shared { .. }),
            raw: r.request.to_values(),
            settings: r.request.settings.clone(),
        },
        None => UserCodeDetailDraft::default(),
    }
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    let Some(before) = before(cx) else {
        return not_office();
    };
    let op = form.op();
    let index = |prefix: &str| {
        op.strip_prefix(prefix)
            .and_then(|i| i.parse::<usize>().ok())
    };
    let change = current(cx, &before);
    if let Some(i) = index("edit:") {
        let Some(row) = change.codes.get(i) else {
            return Step::Refresh;
        };
        let detail = open_detail(Some((i, row)));
        draft(cx).code_detail = Some(detail);
        return Step::Go("change_application.user_code_detail");
    }
    if let Some(i) = index("delete:") {
        if i < change.codes.len() {
            change.codes.remove(i);
        }
        return Step::Refresh;
    }
    if let Some(i) = index("restore:") {
        // Back in the contract's order, before the codes added.
        if let Some(row) = before.user_codes.get(i)
            && change.deleted(&before.user_codes).contains(&row)
        {
            let at = change
                .codes
                .iter()
                .take_while(|r| {
                    before
                        .user_codes
                        .iter()
                        .position(|b| b.code.is_some() && b.code == r.code)
                        .is_some_and(|p| p < i)
                })
                .count();
            change.codes.insert(at, row.clone());
        }
        return Step::Refresh;
    }
    match op {
        "add_new" => {
            draft(cx).code_detail = Some(open_detail(None));
            Step::Go("change_application.user_code_detail")
        }
        "next" => {
            let change = change.clone();
            let Some(items) = super::chosen(cx) else {
                return Step::Go("change_application.items");
            };
            match check(&items, &before.user_codes, &change, uses_net(cx)) {
                Ok(()) => Step::Next,
                Err(msg) => Step::Stay(FieldErrors::from([("_codes".to_string(), msg)])),
            }
        }
        op => super::step(cx, op, FieldErrors::new()),
    }
}
