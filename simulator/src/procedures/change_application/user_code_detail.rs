//! 利用者コード 入力 of a change, the detail: the new application's (M000 【18】) — its sections,
//! 「設定する」, 設定した利用者コード情報 with 取消 and 「この内容で設定する」 are that screen's
//! own code. A code of the contract keeps its 利用者コード and システム区分, printed instead of
//! asked; its 識別番号 are listed as settings (業種 / 処理方式 / 識別番号数), so that adding a
//! setting or raising a count adds 識別番号, 取消 or a lower count deletes them, and a setting
//! set again with other 業種 changes the 利用業種 (docs/decisions.md, issue 10).

use super::user_codes::{TITLE, current};
use super::{before, draft, not_office};
use crate::application::new::{CodeChoice, UserCodeRequest};
use crate::procedures::fields::ScreenForm;
use crate::procedures::new_application::user_code_detail::{
    DetailContext, IDENT, STATS, SYSTEM, settings_op, settings_table,
};
use crate::procedures::{Cx, Step, common};
use crate::screen::form::FormInput;
use crate::screen::spec::{self, FieldErrors};
use crate::screen::{Arrow, Block, Button, Cell, Screen, Table, Text};

const LIST: &str = "change_application.user_codes";

/// The contract's code being edited, if the detail is of one.
fn existing(cx: &mut Cx) -> Option<crate::application::change::CodeRow> {
    let before = before(cx)?;
    let i = draft(cx).code_detail.as_ref()?.editing?;
    let row = current(cx, &before).codes.get(i)?.clone();
    row.code.is_some().then_some(row)
}

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let mut s = Screen::new("change_application.user_code_detail", TITLE);
    s.intro = [
        "利用者コードの情報を入力してください。",
        "識別番号に関する項目を入力し「設定する」ボタンをクリックすると、「設定した利用者コード情報」に反映されます。",
        "入力完了後に、「この内容で設定する」ボタンをクリックしてください。",
    ]
    .map(Text::from)
    .to_vec();
    if before(cx).is_none() {
        s.errors.push(super::OFFICE_ONLY.into());
        return s;
    }
    s.form = Some(common::form(
        cx,
        vec![
            Button::new("op", "back", "利用者コードの一覧入力に戻る").arrow(Arrow::Back),
            Button::new("op", "apply", "この内容で設定する").arrow(Arrow::Forward),
        ],
    ));
    let row = existing(cx);
    let detail = draft(cx).code_detail.clone().unwrap_or_default();
    let shown: Vec<&spec::SectionSpec> = match &row {
        Some(_) => vec![&IDENT, &STATS],
        None => vec![&SYSTEM, &IDENT, &STATS],
    };
    s.errors = spec::error_list(&shown, errors);
    match &row {
        Some(r) => {
            s.blocks.push(Block::Heading {
                text: SYSTEM.heading.into(),
                buttons: Vec::new(),
            });
            s.blocks.push(Block::Table(Table {
                caption: "".into(),
                columns: ["項目", "内容"].map(Text::from).to_vec(),
                rows: vec![
                    vec![
                        Cell::from("利用者コード"),
                        Cell::from(r.code.clone().unwrap_or_default()),
                    ],
                    vec![
                        Cell::from("システム区分"),
                        Cell::from(r.request.code.system().map_or("", |s| s.label())),
                    ],
                ],
            }));
        }
        None => s
            .blocks
            .push(Block::Section(spec::build(&SYSTEM, &detail.raw, errors))),
    }
    s.blocks
        .push(Block::Section(spec::build(&IDENT, &detail.raw, errors)));
    s.blocks.push(Block::Text(vec![
        "設定した利用者コードの情報を取り消す場合は、「取消」ボタンをクリックしてください。".into(),
    ]));
    s.blocks
        .push(Block::Table(settings_table(&detail.settings)));
    // A code shared from another office keeps that office's 管理統計資料 (M003:l.540 「-」).
    if !detail.shared {
        s.blocks
            .push(Block::Section(spec::build(&STATS, &detail.raw, errors)));
    }
    s
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    let Some(before) = before(cx) else {
        return not_office();
    };
    let row = existing(cx);
    let Some(detail) = draft(cx).code_detail.as_mut() else {
        return Step::Go(LIST);
    };
    let sections: Vec<&spec::SectionSpec> = match (&row, detail.shared) {
        (Some(_), true) => vec![&IDENT],
        (Some(_), false) => vec![&IDENT, &STATS],
        (None, _) => vec![&SYSTEM, &IDENT, &STATS],
    };
    for sec in sections {
        spec::read(sec, form, &mut detail.raw);
    }
    let op = form.op();
    // Any 処理方式: an office may add netNACCS 識別番号 to a 一般NACCS contract (M001 l.215).
    if let Some(step) = settings_op(detail, op, None) {
        return step;
    }
    match op {
        "back" => {
            draft(cx).code_detail = None;
            Step::Go(LIST)
        }
        "apply" => {
            let mut raw = detail.raw.clone();
            // A code of the contract keeps its システム区分: the screen prints it, the rules
            // read it.
            if let Some(r) = &row
                && let Some(system) = r.request.code.system()
            {
                raw.insert("system".into(), system.code().into());
            }
            let context = DetailContext {
                shared: false,
                settings: &detail.settings,
                connection: None,
                offices: Vec::new(),
                company: None,
                other_shared: Vec::new(),
            };
            let mut parsed = match UserCodeRequest::parse(&raw, &context) {
                Ok(p) => p,
                Err(errors) => return Step::Stay(errors),
            };
            let editing = detail.editing;
            if let Some(r) = &row {
                parsed.code = r.request.code.clone();
                if matches!(r.request.code, CodeChoice::Shared { .. }) {
                    (parsed.stats_paid, parsed.stats_free, parsed.storage) = (
                        r.request.stats_paid,
                        r.request.stats_free,
                        r.request.storage,
                    );
                }
            }
            let change = current(cx, &before);
            match editing {
                Some(i) if i < change.codes.len() => change.codes[i].request = parsed,
                _ => change.codes.push(crate::application::change::CodeRow {
                    code: None,
                    request: parsed,
                }),
            }
            draft(cx).code_detail = None;
            Step::Go(LIST)
        }
        _ => Step::Refresh,
    }
}
