//! 料金プラン 入力 (M000 【21】). 貿易管理サブシステム use is free: its users choose 従量のみ.

use super::input_submit;
use crate::domain::lists::FEE_PLANS;
use crate::procedures::common::{self, nav_buttons};
use crate::procedures::{Cx, Step};
use crate::screen::form::FormInput;
use crate::screen::spec::{self, FieldErrors, FieldSpec, Input, RowSpec, SectionSpec};
use crate::screen::{Block, Screen};
use crate::workspace::session::At;

pub const PLAN: SectionSpec = SectionSpec {
    heading: "料金プランに関する項目",
    lines: &["料金プランについては、NACCS掲示板をご参照ください。"],
    rows: &[RowSpec {
        label: "適用料金 (netNACCS)",
        fields: &[FieldSpec::text("plan").input(Input::Radio(FEE_PLANS))],
        notes: &[],
    }],
};

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let mut s = Screen::new("new_application.plan", "料金プラン 入力");
    s.intro = vec![
        "料金プランを入力してください。".into(),
        "入力完了後に、「次へ進む」ボタンをクリックしてください。".into(),
    ];
    // The form first: the draft is then borrowed from the session, not copied.
    let form = common::form(cx, nav_buttons());
    let values = &common::draft(cx).plan;
    s.errors = spec::error_list(&[&PLAN], errors);
    s.blocks
        .push(Block::Section(spec::build(&PLAN, values, errors)));
    s.form = Some(form);
    s
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    input_submit(
        cx,
        form,
        &[&PLAN],
        |d| &mut d.plan,
        super::no_check,
        At::AppTerminals,
        At::AppBilling,
    )
}
