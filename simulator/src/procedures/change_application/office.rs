//! 事業所・企業 入力 of the change: the new application's sections (M000 【16】) for the items of
//! 「本社・事業所の変更」 chosen (M001 l.188), pre-filled with the contract. M001 prints no screen
//! for them (Part 3 Q8, docs/decisions.md).

use super::{before, chosen, draft, nav_buttons, not_office, overlay};
use crate::application::Slot;
use crate::application::change::{ChangeItem, ChangeItems, ContractBefore};
use crate::application::new::OfficeDetails;
use crate::procedures::fields::{self, ScreenForm, slot_values};
use crate::procedures::new_application::office::{
    CONTRACTOR, HEAD_OFFICE, MANAGER, OFFICE, OfficeContext, SECURITY,
};
use crate::procedures::{Cx, Step, common};
use crate::screen::form::FormInput;
use crate::screen::spec::{self, FieldErrors, SectionSpec, Values};
use crate::screen::{Block, Screen, Text};

/// The screen's title: the new application's (M000 【16】).
pub const TITLE: &str = "事業所・企業 入力";

/// M001 l.219, printed under the items of 変更内容 入力; the refusal of a move without it.
pub const MOVING_WITH_LINES: &str = "回線を利用している事業所が移転する場合は、「一般NACCS回線の登録情報」も選択し、回線設置場所も変更してください。";

/// The sections of the chosen items, in screen order.
pub fn shown(items: &ChangeItems) -> Vec<&'static SectionSpec> {
    let mut out: Vec<&'static SectionSpec> = Vec::new();
    for (item, sections) in [
        (ChangeItem::CompanyOffice, &[&OFFICE][..]),
        (ChangeItem::Contractor, &[&CONTRACTOR][..]),
        (ChangeItem::HeadOffice, &[&HEAD_OFFICE][..]),
        // A new 管理責任者 takes on the security measures (M000 【16】(5)).
        (ChangeItem::Manager, &[&MANAGER, &SECURITY][..]),
    ] {
        if items.has(item) {
            out.extend_from_slice(sections);
        }
    }
    out
}

/// The contract's values with the change's 利用開始希望日 (the screen's own 利用開始日 section is
/// 変更内容 入力's) and 「上記を確認しました。」 for a 管理責任者 that does not change.
fn base(before: &ContractBefore, items: &ChangeItems) -> Values {
    let mut v = before
        .office
        .as_ref()
        .map(ScreenForm::to_values)
        .unwrap_or_default();
    fields::set(&mut v, "start_wish", items.start_wish.as_str());
    fields::set(&mut v, "security_ack", "1");
    v
}

/// The values the screen shows: the contract's, with what was typed in the shown sections.
fn values(before: &ContractBefore, items: &ChangeItems, slot: &Slot<OfficeDetails>) -> Values {
    let mut v = base(before, items);
    if !matches!(slot, Slot::Empty) {
        overlay(&mut v, &slot_values(slot), &shown(items));
    }
    v
}

/// The context of the rules: the change's 申込担当者 is who 「申込担当者と同じ」 names.
fn context(cx: &mut Cx) -> OfficeContext {
    let applicant_fax = match &draft(cx).applicant {
        Slot::Parsed(a) => a.0.fax.as_ref().map_or("", |f| f.as_str()).to_string(),
        Slot::Unchecked(raw) => fields::raw(raw, "fax").to_string(),
        Slot::Empty => String::new(),
    };
    OfficeContext {
        applicant_fax,
        today: cx.now.date_naive(),
    }
}

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let mut s = Screen::new("change_application.office", TITLE);
    s.intro = [
        "現在の契約内容が表示されていますので、変更する項目を上書きしてください。",
        "変更の必要のない項目については、上書きしないようご注意ください。",
        "入力完了後に、「次へ進む」ボタンをクリックしてください。",
    ]
    .map(Text::from)
    .to_vec();
    let (Some(before), Some(items)) = (before(cx), chosen(cx)) else {
        s.errors.push(super::OFFICE_ONLY.into());
        return s;
    };
    if items.has(ChangeItem::CompanyOffice) {
        s.intro.push(
            "企業情報の変更を行う場合には、同一企業略称の全事業所の情報を変更します。".into(),
        );
    }
    let buttons = nav_buttons(cx);
    s.form = Some(common::form(cx, buttons));
    let sections = shown(&items);
    let values = values(&before, &items, &draft(cx).office);
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
    let context = context(cx);
    let sections = shown(&items);
    let mut values = values(&before, &items, &draft(cx).office);
    for sec in &sections {
        spec::read(sec, form, &mut values);
    }
    let op = form.op();
    let reflected = match op {
        "reflect_office" => Some(common::reflect_postal(&mut values, "office_")),
        "reflect_hq" => Some(common::reflect_postal(&mut values, "hq_")),
        _ => None,
    };
    let (slot, mut errors) = fields::slot_from::<OfficeDetails>(values, &context);
    // M001 l.219: an office on lines that moves changes its lines' 設置場所 too.
    if let (Slot::Parsed(after), Some(now)) = (&slot, before.office.as_ref())
        && before.has_lines
        && after.address != now.address
        && !items.has(ChangeItem::GeneralLine)
    {
        errors
            .entry("office_postal".to_string())
            .or_insert_with(|| MOVING_WITH_LINES.to_string());
    }
    draft(cx).office = slot;
    match reflected {
        Some(None) => Step::Refresh,
        Some(Some((field, msg))) => Step::Stay(FieldErrors::from([(field, msg)])),
        None => super::step(cx, op, errors),
    }
}
