//! 料金プラン 入力 (M000 【21】). 貿易管理サブシステム use is free: its users choose 従量のみ.

use super::input_submit;
use crate::application::new::Connection;
use crate::domain::lists::{FEE_PLANS, FeePlan};
use crate::procedures::common::nav_buttons;
use crate::procedures::fields::{self, ScreenForm, slot_values};
use crate::procedures::{Cx, Step, common};
use crate::screen::form::FormInput;
use crate::screen::spec::{self, FieldErrors, FieldSpec, Input, RowSpec, SectionSpec, Values};
use crate::screen::{Block, Screen};

/// The screen's title as printed.
pub const TITLE: &str = "料金プラン 入力";

/// 料金プラン 入力 of the 一般NACCS path (M003:l.675-689). Its label is printed 「通用料金 (一般
/// NACCS)」 by the OCR; 「適用料金」 as netNACCS's (docs/decisions.md, issue 12, Q23).
pub const PLAN_GENERAL: SectionSpec = SectionSpec {
    heading: "料金プランに関する項目",
    lines: &["料金プランについては、こちらをご覧ください。"],
    rows: &[RowSpec {
        label: "適用料金 (一般NACCS)",
        fields: &[FieldSpec::text("plan").input(Input::Radio(FEE_PLANS))],
        notes: &[],
    }],
};

/// The plan's section on the application's path.
pub fn section(connection: Option<Connection>) -> &'static SectionSpec {
    match connection {
        Some(Connection::General) => &PLAN_GENERAL,
        _ => &PLAN,
    }
}

pub const PLAN: SectionSpec = SectionSpec {
    heading: "料金プランに関する項目",
    // M000 【21】 (l.1371), the netNACCS path's wording; 「こちら」 links to bbs/ in HTML.
    lines: &["料金プランについては、こちらをご参照ください。"],
    rows: &[RowSpec {
        label: "適用料金 (netNACCS)",
        fields: &[FieldSpec::text("plan").input(Input::Radio(FEE_PLANS))],
        notes: &[],
    }],
};

impl ScreenForm for FeePlan {
    /// The path (netNACCS or 一般NACCS): the field's label.
    type Context<'a> = Option<Connection>;

    fn to_values(&self) -> Values {
        Values::from([("plan".to_string(), self.code().to_string())])
    }

    fn parse(values: &Values, connection: &Option<Connection>) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        spec::validate(section(*connection), values, &mut errors);
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
    let draft = cx.new_draft();
    let plan = section(draft.connection);
    let values = slot_values(&draft.plan);
    s.errors = spec::error_list(&[plan], errors);
    s.blocks
        .push(Block::Section(spec::build(plan, &values, errors)));
    s
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    let connection = cx.new_draft().connection;
    input_submit(
        cx,
        form,
        &[section(connection)],
        |d| &mut d.plan,
        &connection,
    )
}
