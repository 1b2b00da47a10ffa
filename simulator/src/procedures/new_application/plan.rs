//! 料金プラン 入力 (M000 【21】). 貿易管理サブシステム use is free: its users choose 従量のみ.

use super::input_submit;
use crate::domain::lists::{FEE_PLANS, FeePlan};
use crate::procedures::common::nav_buttons;
use crate::procedures::fields::{self, ScreenForm, slot_values};
use crate::procedures::{Cx, Step, common};
use crate::screen::form::FormInput;
use crate::screen::spec::{self, FieldErrors, FieldSpec, Input, RowSpec, SectionSpec, Values};
use crate::screen::{Block, Screen};

/// The screen's title as printed.
pub const TITLE: &str = "料金プラン 入力";

pub const PLAN: SectionSpec = SectionSpec {
    heading: "料金プランに関する項目",
    lines: &["料金プランについては、NACCS掲示板をご参照ください。"],
    rows: &[RowSpec {
        label: "適用料金 (netNACCS)",
        fields: &[FieldSpec::text("plan").input(Input::Radio(FEE_PLANS))],
        notes: &[],
    }],
};

impl ScreenForm for FeePlan {
    type Context<'a> = ();

    fn to_values(&self) -> Values {
        Values::from([("plan".to_string(), self.code().to_string())])
    }

    fn parse(values: &Values, _: &()) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        spec::validate(&PLAN, values, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        fields::choice(values, "plan", FeePlan::from_code)
    }
}

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let mut s = Screen::new("new_application.plan", TITLE);
    s.intro = vec![
        "料金プランを入力してください。".into(),
        "入力完了後に、「次へ進む」ボタンをクリックしてください。".into(),
    ];
    s.form = Some(common::form(cx, nav_buttons()));
    let values = slot_values(&cx.new_draft().plan);
    s.errors = spec::error_list(&[&PLAN], errors);
    s.blocks
        .push(Block::Section(spec::build(&PLAN, &values, errors)));
    s
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    input_submit(cx, form, &[&PLAN], |d| &mut d.plan, &())
}
