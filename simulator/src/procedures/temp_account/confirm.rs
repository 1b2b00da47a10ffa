//! 申込内容 確認 of 仮ログイン登録 (M000 【7】【8】): registering issues the temporary ID and
//! password and sends 【NSS】仮アカウント登録完了のお知らせ.

use super::input::SECTION;
use crate::application::Slot;
use crate::procedures::fields::slot_values;
use crate::procedures::{Cx, Step, common};
use crate::screen::form::FormInput;
use crate::screen::spec::{self, PartStyle};
use crate::screen::{Arrow, Block, Button, Cell, Screen, Table, Text};

pub fn view(cx: &mut Cx, _errors: &spec::FieldErrors) -> Screen {
    let mut s = Screen::new("temp_account.confirm", "申込内容 確認");
    s.intro = [
        "申込担当者情報を確認してください。",
        "申込担当者情報に間違いがなければ、「申込内容を登録する」ボタンをクリックしてください。",
        "申込担当者情報を修正したい場合は、「申込担当者の入力に戻る」ボタンをクリックしてください。",
    ]
    .map(Text::from)
    .to_vec();
    s.form = Some(common::form(
        cx,
        vec![
            Button::new("op", "back", "申込担当者の入力に戻る").arrow(Arrow::Return),
            Button::new("op", "register", "申込内容を登録する")
                .arrow(Arrow::Register)
                .confirm_register(),
        ],
    ));
    let values = slot_values(&cx.temp_draft().applicant);
    s.blocks.push(Block::Table(Table {
        caption: SECTION.heading.into(),
        columns: spec::summary_columns(),
        rows: spec::summary_rows(&SECTION, &values, PartStyle::Labelled)
            .into_iter()
            .map(confirm_label)
            .collect(),
    }));
    s
}

/// The confirm screen names the 所属部署名 of the input 「所属部課名」 (M000 l.304 and l.346, M003
/// l.140: every capture of this screen).
const DEPARTMENT_ON_CONFIRM: &str = "所属部課名";

fn confirm_label(mut row: Vec<Cell>) -> Vec<Cell> {
    if let Some(Cell::Text(label)) = row.first_mut()
        && *label == super::input::DEPARTMENT.label
    {
        *label = DEPARTMENT_ON_CONFIRM.into();
    }
    row
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    match form.op() {
        "back" => Step::Back,
        "register" => {
            // Only an input that passed 申込担当者 入力 is registered; a hand-made POST that
            // skipped it is sent back there.
            let Slot::Parsed(applicant) = std::mem::take(&mut cx.temp_draft().applicant) else {
                return Step::Go("temp_account.input");
            };
            crate::services::accounts::register_temp_account(
                cx.ws,
                cx.now,
                cx.public_base,
                applicant,
            );
            Step::Next
        }
        _ => Step::Refresh,
    }
}
