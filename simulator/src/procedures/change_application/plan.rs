//! 料金プラン 入力 of the change: the new application's screen (M000 【21】), pre-filled with the
//! contract's plan (M001 l.192 「料金プラン(AプランまたはBプランの選択)」; Part 3 Q8).

use super::{draft, input_submit, nav_buttons, office_code};
use crate::procedures::fields::slot_values;
use crate::procedures::new_application::plan::PLAN;
use crate::procedures::{Cx, Step, common};
use crate::screen::form::FormInput;
use crate::screen::spec::{self, FieldErrors};
use crate::screen::{Block, Screen, Text};

/// The screen's title: the new application's.
pub const TITLE: &str = "料金プラン 入力";

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let mut s = Screen::new("change_application.plan", TITLE);
    s.intro = [
        "現在の契約内容が表示されていますので、料金プランを変更してください。",
        "入力完了後に、「次へ進む」ボタンをクリックしてください。",
    ]
    .map(Text::from)
    .to_vec();
    if office_code(cx).is_none() {
        s.errors.push(super::OFFICE_ONLY.into());
        return s;
    }
    let buttons = nav_buttons(cx);
    s.form = Some(common::form(cx, buttons));
    let values = slot_values(&draft(cx).plan).into_owned();
    s.errors = spec::error_list(&[&PLAN], errors);
    s.blocks
        .push(Block::Section(spec::build(&PLAN, &values, errors)));
    s
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    // The netNACCS plan (M001 changes netNACCS): the new application's context `None`.
    input_submit(cx, form, &[&PLAN], |d| &mut d.plan, &None)
}
