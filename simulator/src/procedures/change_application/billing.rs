//! 請求先 入力 of the change: the new application's sections (M000 【22】) for the items of
//! 「請求先の変更」 chosen (M001 l.195: 請求書送付先, 請求先担当者, 支払の方法), pre-filled with the
//! 請求先 last applied for (Part 3 Q8).

use super::{before, chosen, draft, nav_buttons, not_office, overlay};
use crate::application::Slot;
use crate::application::change::{ChangeItem, ChangeItems, ContractBefore};
use crate::application::new::Billing;
use crate::procedures::fields::{self, ScreenForm, slot_values};
use crate::procedures::new_application::billing::{BULK_SECTION, CONTACT, LOCATION, PAYMENT};
use crate::procedures::{Cx, Step, common};
use crate::screen::form::FormInput;
use crate::screen::spec::{self, FieldErrors, SectionSpec, Values};
use crate::screen::{Block, Screen, Text};

/// The screen's title: the new application's.
pub const TITLE: &str = "請求先 入力";

/// The sections of the chosen items, in screen order: 請求書送付先 is where the bill goes, by
/// 一括請求 or to the 請求先所在地.
pub fn shown(items: &ChangeItems) -> Vec<&'static SectionSpec> {
    let mut out: Vec<&'static SectionSpec> = Vec::new();
    for (item, sections) in [
        (ChangeItem::BillingAddress, &[&BULK_SECTION, &LOCATION][..]),
        (ChangeItem::BillingContact, &[&CONTACT][..]),
        (ChangeItem::Payment, &[&PAYMENT][..]),
    ] {
        if items.has(item) {
            out.extend_from_slice(sections);
        }
    }
    out
}

/// The 請求先 the change starts from: the one last applied for, else the screen's defaults
/// (一括請求 希望しない, 所在地 事業所に同じ, 請求先担当者 管理責任者に同じ, 口座振替): the seeded
/// customers' contracts do not record theirs (docs/decisions.md, issue 10).
pub fn before_values(before: &ContractBefore) -> Values {
    before
        .billing
        .as_ref()
        .map(ScreenForm::to_values)
        .unwrap_or_default()
}

fn values(before: &ContractBefore, items: &ChangeItems, slot: &Slot<Billing>) -> Values {
    let mut v = before_values(before);
    if !matches!(slot, Slot::Empty) {
        overlay(&mut v, &slot_values(slot), &shown(items));
    }
    v
}

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let mut s = Screen::new("change_application.billing", TITLE);
    s.intro = [
        "現在の契約内容が表示されていますので、請求先の情報を変更してください。",
        "変更の必要のない項目については、上書きしないようご注意ください。",
        "入力完了後に、「次へ進む」ボタンをクリックしてください。",
    ]
    .map(Text::from)
    .to_vec();
    let (Some(before), Some(items)) = (before(cx), chosen(cx)) else {
        s.errors.push(super::OFFICE_ONLY.into());
        return s;
    };
    let buttons = nav_buttons(cx);
    s.form = Some(common::form(cx, buttons));
    let sections = shown(&items);
    let values = values(&before, &items, &draft(cx).billing);
    s.errors = spec::error_list(&sections, errors);
    for sec in sections {
        s.blocks
            .push(Block::Section(spec::build(sec, &values, errors)));
    }
    s
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    let (Some(before), Some(items)) = (before(cx), chosen(cx)) else {
        return not_office();
    };
    let sections = shown(&items);
    let mut values = values(&before, &items, &draft(cx).billing);
    for sec in &sections {
        spec::read(sec, form, &mut values);
    }
    let reflected =
        (form.op() == "reflect_billing").then(|| common::reflect_postal(&mut values, "billing_"));
    let (slot, errors) = fields::slot_from::<Billing>(values, &());
    draft(cx).billing = slot;
    match reflected {
        Some(None) => Step::Refresh,
        Some(Some((field, msg))) => Step::Stay(FieldErrors::from([(field, msg)])),
        None => super::step(cx, form.op(), errors),
    }
}
