//! Procedure P4 — the change application (変更申込, M001 手順④ 「netNACCS端末の追加申込」,
//! procedures.md §5). An office logged in with its 事業所コード changes its contract:
//! 変更申込ガイダンス (from the menu's 「契約内容の変更」 or 契約情報 参照's 「契約情報を変更する」) →
//! 変更内容 入力 → 申込担当者 入力 → the input screens of the chosen items (事業所・企業, 利用者コード,
//! 論理端末, 回線・論理端末, メールボックス, 料金プラン, 請求先) → 変更申込 確認 → NACCS変更申込 完了.
//!
//! Only 論理端末 入力 is printed by the manuals (M001 ⑥); the other items reuse the new
//! application's sections and typed values, pre-filled with the contract (Part 3 Q8,
//! docs/decisions.md).

pub mod applicant;
pub mod billing;
pub mod complete;
pub mod confirm;
pub mod guidance;
pub mod items;
pub mod line_detail;
pub mod lines;
pub mod mailbox;
pub mod office;
pub mod plan;
pub mod record;
pub mod terminals;
pub mod user_code_detail;
pub mod user_codes;
pub mod view;

use super::fields::{self, ScreenForm, slot_values};
use super::registry::{Procedure, ScreenDef, ShownAs};
use super::{Cx, Step, common};
use crate::application::change::{
    BILLING_SCREEN_ITEMS, ChangeApplication, ChangeDraft, ChangeEntry, ChangeItem, ChangeItems,
    ContractBefore, OFFICE_SCREEN_ITEMS, USER_CODE_SCREEN_ITEMS,
};
use crate::application::{Draft, Slot};
use crate::screen::form::FormInput;
use crate::screen::spec::{self, FieldErrors, SectionSpec};
use crate::workspace::session::Login;

/// The items of 回線・論理端末 入力.
const LINE_SCREEN_ITEMS: [ChangeItem; 2] = [ChangeItem::GeneralLine, ChangeItem::GeneralTerminal];

/// The id of the guidance, where every entry point leads.
pub const GUIDANCE: &str = "change_application.guidance";

fn has_item(d: &Draft, items: &[ChangeItem]) -> bool {
    matches!(d, Draft::Change(c) if c.items.parsed().is_some_and(|i| i.any(items)))
}

/// The screens of the change application, in order. Neither a progress bar nor a tab bar is
/// printed on its screens (M001 ③–⑧; Part 3 Q7).
pub const PROCEDURE: Procedure = Procedure {
    id: "change_application",
    name: "P4 変更申込",
    progress: &[],
    tabs: &[],
    screens: &[
        // A page: the menu's 「契約内容の変更」 is a link to it (M001 メニュー一覧).
        ScreenDef::page(GUIDANCE, "change/guidance", "M001 1.③", guidance::view)
            .with_submit(guidance::submit)
            .shown_as(ShownAs::Office),
        ScreenDef::step(
            "change_application.items",
            "change/items",
            "M001 1.④",
            items::view,
            items::submit,
        )
        .shown_as(ShownAs::Office),
        ScreenDef::step(
            "change_application.applicant",
            "change/applicant",
            "M001 1.⑤",
            applicant::view,
            applicant::submit,
        )
        .shown_as(ShownAs::Office),
        ScreenDef::step(
            "change_application.office",
            "change/office",
            "M001 STEP3, M000 【16】",
            office::view,
            office::submit,
        )
        .applies(|d| has_item(d, &OFFICE_SCREEN_ITEMS))
        .shown_as(ShownAs::Office),
        // 利用業種 / 利用者コード / 識別番号 / 管理統計資料 / 保税管理資料保存サービス: the new
        // application's 利用者コード 入力 (Part 3 Q8, docs/decisions.md).
        ScreenDef::step(
            "change_application.user_codes",
            "change/users",
            "M001 STEP3, M000 【17】【19】",
            user_codes::view,
            user_codes::submit,
        )
        .applies(|d| has_item(d, &USER_CODE_SCREEN_ITEMS))
        .shown_as(ShownAs::Office),
        ScreenDef::step(
            "change_application.user_code_detail",
            "change/users/detail",
            "M001 STEP3, M000 【18】",
            user_code_detail::view,
            user_code_detail::submit,
        )
        .applies(|d| has_item(d, &USER_CODE_SCREEN_ITEMS))
        .sub()
        .shown_as(ShownAs::Office),
        ScreenDef::step(
            "change_application.terminals",
            "change/terminals",
            "M001 1.⑥",
            terminals::view,
            terminals::submit,
        )
        .applies(|d| has_item(d, &[ChangeItem::NetTerminals]))
        .shown_as(ShownAs::Office),
        // 一般NACCS回線 / 一般NACCS端末: the new application's 回線・論理端末 入力 and its
        // 回線サービス・論理端末情報 入力 (Part 3 Q8, docs/decisions.md).
        ScreenDef::step(
            lines::ID,
            "change/lines",
            "M001 STEP3, M003 回線・論理端末 入力",
            lines::view,
            lines::submit,
        )
        .applies(|d| has_item(d, &LINE_SCREEN_ITEMS))
        .shown_as(ShownAs::Office),
        ScreenDef::step(
            line_detail::ID,
            "change/lines/detail",
            "M001 STEP3, M003 回線サービス・論理端末情報 入力",
            line_detail::view,
            line_detail::submit,
        )
        .applies(|d| has_item(d, &LINE_SCREEN_ITEMS))
        .sub()
        .shown_as(ShownAs::Office),
        ScreenDef::step(
            "change_application.mailbox",
            "change/mailbox",
            "M001 STEP3, M003 メールボックス 入力",
            mailbox::view,
            mailbox::submit,
        )
        .applies(|d| has_item(d, &[ChangeItem::Mailbox]))
        .shown_as(ShownAs::Office),
        ScreenDef::step(
            "change_application.plan",
            "change/plan",
            "M001 STEP3, M000 【21】",
            plan::view,
            plan::submit,
        )
        .applies(|d| has_item(d, &[ChangeItem::Plan]))
        .shown_as(ShownAs::Office),
        ScreenDef::step(
            "change_application.billing",
            "change/billing",
            "M001 STEP3, M000 【22】",
            billing::view,
            billing::submit,
        )
        .applies(|d| has_item(d, &BILLING_SCREEN_ITEMS))
        .shown_as(ShownAs::Office),
        ScreenDef::step(
            "change_application.confirm",
            "change/confirm",
            "M001 1.⑦",
            confirm::view,
            confirm::submit,
        )
        .shown_as(ShownAs::Office),
        ScreenDef::step(
            "change_application.complete",
            "change/complete",
            "M001 1.⑧",
            complete::view,
            complete::submit,
        )
        .shown_as(ShownAs::Office),
    ],
};

/// Shown instead of a change screen to a login that is not an office's.
pub const OFFICE_ONLY: &str =
    "変更申込は、事業所コードと事業所パスワードでログインして行ってください。";

/// The 事業所コード of the session's login, if it is an office's.
pub fn office_code(cx: &Cx) -> Option<String> {
    match &cx.session.login {
        Some(Login::Office(code)) => Some(code.clone()),
        _ => None,
    }
}

/// The contract the session's office changes (変更前), as it stands now.
pub fn before(cx: &Cx) -> Option<ContractBefore> {
    crate::center::change::before(cx.ws, &office_code(cx)?)
}

/// The change being entered (an empty one if the session has none).
pub fn draft<'a>(cx: &'a mut Cx) -> &'a mut ChangeDraft {
    if !matches!(cx.session.draft, Some(Draft::Change(_))) {
        cx.session.draft = Some(Draft::Change(Box::default()));
    }
    match cx.session.draft.as_mut() {
        Some(Draft::Change(d)) => d,
        _ => unreachable!("set just above"),
    }
}

/// The items chosen on 変更内容 入力, once accepted.
pub fn chosen(cx: &mut Cx) -> Option<ChangeItems> {
    draft(cx).items.parsed().cloned()
}

/// Starts a change from `entry`: a fresh draft whose screens show the contract (M001 STEP3
/// 「現在の契約情報が表示されますので、変更箇所について変更の入力(上書き)します。」) and the
/// office's last 申込担当者.
pub fn start(cx: &mut Cx, entry: ChangeEntry) {
    let mut d = ChangeDraft {
        entry,
        ..Default::default()
    };
    if let Some(code) = office_code(cx) {
        prefill(cx, &code, &mut d);
    }
    cx.session.draft = Some(Draft::Change(Box::new(d)));
}

/// The input screens' first values, from the contract (unchecked: each screen's rules apply
/// when it is submitted).
fn prefill(cx: &Cx, code: &str, d: &mut ChangeDraft) {
    let Some(before) = crate::center::change::before(cx.ws, code) else {
        return;
    };
    let applicant = crate::center::change::last_applicant(cx.ws, code)
        .or_else(|| crate::center::change::person(&before.manager));
    if let Some(p) = applicant {
        d.applicant = Slot::Unchecked(crate::application::change::ChangeApplicant(p).to_values());
    }
    d.plan = Slot::Unchecked(before.plan.to_values());
    d.billing = Slot::Unchecked(billing::before_values(&before));
}

/// The draft of a 修正: every screen holds what was registered (procedures.md §9).
pub fn amendment(content: &ChangeApplication, number: &str) -> ChangeDraft {
    ChangeDraft {
        entry: ChangeEntry::Amend,
        items: Slot::Parsed(content.items.clone()),
        applicant: Slot::Parsed(content.applicant.clone()),
        office: content.office.clone().map_or(Slot::Empty, Slot::Parsed),
        terminals: content.terminals.clone().map_or(Slot::Empty, Slot::Parsed),
        plan: content.plan.map_or(
            Slot::Unchecked(content.before.plan.to_values()),
            Slot::Parsed,
        ),
        billing: content.billing.clone().map_or(
            Slot::Unchecked(billing::before_values(&content.before)),
            Slot::Parsed,
        ),
        user_codes: content.user_codes.clone(),
        code_detail: None,
        mailboxes: content.mailboxes.clone().map_or(Slot::Empty, Slot::Parsed),
        lines: content.lines.clone(),
        line_detail: None,
        remarks: Slot::Parsed(content.remarks.clone()),
        attachments: content.attachments.clone(),
        amends: Some(number.to_string()),
    }
}

/// The screen's refusal for a session that is not an office's.
pub fn not_office() -> Step {
    Step::Stay(FieldErrors::from([(
        "_office".to_string(),
        OFFICE_ONLY.to_string(),
    )]))
}

/// The shared submit of a plain input screen of the change: read its sections over what the
/// slot holds, keep the typed value if it passes the screen's rules (else the input as typed),
/// then 前に戻る / 一時保存 / 次へ進む (refused with the errors while they do not pass).
pub fn input_submit<T: ScreenForm>(
    cx: &mut Cx,
    form: &FormInput,
    sections: &[&SectionSpec],
    slot: fn(&mut ChangeDraft) -> &mut Slot<T>,
    context: &T::Context<'_>,
) -> Step {
    if office_code(cx).is_none() {
        return not_office();
    }
    let mut values = slot_values(slot(draft(cx))).into_owned();
    for s in sections {
        spec::read(s, form, &mut values);
    }
    let (parsed, errors) = fields::slot_from::<T>(values, context);
    *slot(draft(cx)) = parsed;
    step(cx, form.op(), errors)
}

/// Where 前に戻る / 一時保存 / 次へ進む lead once a screen has read its input.
pub fn step(cx: &mut Cx, op: &str, errors: FieldErrors) -> Step {
    match op {
        "back" => Step::Back,
        "save" => common::save_and_logout(cx),
        "detail" => Step::Go("applications.detail"),
        "next" if errors.is_empty() => Step::Next,
        "next" => Step::Stay(errors),
        _ => Step::Refresh,
    }
}

/// 「< 申込情報参照に戻る」, on the screens of a 修正 (M001 l.173, 252).
pub fn detail_button() -> crate::screen::Button {
    crate::screen::Button::new("op", "detail", "申込情報参照に戻る")
        .arrow(crate::screen::Arrow::Back)
}

/// How every input screen of a change over the office's contract starts: its title and intro,
/// the form with the screen's bottom buttons, and the contract before the change — none, to a
/// login that is not an office's: the screen then carries the refusal and is shown as it is.
pub fn contract_screen(
    cx: &mut Cx,
    id: &'static str,
    title: &'static str,
    intro: &[&'static str],
) -> (crate::screen::Screen, Option<ContractBefore>) {
    let mut s = crate::screen::Screen::new(id, title);
    s.intro = intro.iter().map(|&l| l.into()).collect();
    let Some(before) = before(cx) else {
        s.errors.push(OFFICE_ONLY.into());
        return (s, None);
    };
    let buttons = nav_buttons(cx);
    s.form = Some(common::form(cx, buttons));
    (s, Some(before))
}

/// The bottom buttons of an input screen of the change: 前に戻る, 一時保存, 次へ進む (none of them
/// printed beyond M001's 「次へ進む >」; they are the new application's, Part 3 Q7).
pub fn nav_buttons(cx: &mut Cx) -> Vec<crate::screen::Button> {
    let mut b = common::nav_buttons();
    if draft(cx).entry == ChangeEntry::Amend {
        b.insert(1, detail_button());
    }
    b
}

/// Copies the values of `sections`' fields from `over` onto `base`: a screen that shows only
/// the sections of the chosen items keeps the contract's values for the others, whatever was
/// typed in them before they were unchosen (M001 STEP3 「変更の必要のない項目については、上書き
/// しないようご注意ください。」).
pub fn overlay(
    base: &mut crate::screen::spec::Values,
    over: &crate::screen::spec::Values,
    sections: &[&SectionSpec],
) {
    for s in sections {
        for (_, f) in s.fields() {
            if let Some(v) = over.get(f.name) {
                base.insert(f.name.to_string(), v.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::procedures::registry::neighbour;

    fn sequence(items: &[ChangeItem]) -> Vec<&'static str> {
        let d = Draft::Change(Box::new(ChangeDraft {
            items: Slot::Parsed(ChangeItems {
                items: items.to_vec(),
                others: Vec::new(),
                start_wish: crate::domain::format::Date8::parse("20131205").unwrap(),
            }),
            ..Default::default()
        }));
        let mut at = "change_application.items";
        let mut seen = vec![at];
        while let Some(next) = neighbour(at, Some(&d), true) {
            at = next.id;
            seen.push(at);
        }
        seen
    }

    #[test]
    fn the_screens_of_the_chosen_items_in_order() {
        // M001 ④–⑧.
        assert_eq!(
            sequence(&[ChangeItem::NetTerminals]),
            [
                "change_application.items",
                "change_application.applicant",
                "change_application.terminals",
                "change_application.confirm",
                "change_application.complete"
            ]
        );
        assert_eq!(
            sequence(&[
                ChangeItem::Contractor,
                ChangeItem::NetTerminals,
                ChangeItem::Plan,
                ChangeItem::Payment
            ])[2..6],
            [
                "change_application.office",
                "change_application.terminals",
                "change_application.plan",
                "change_application.billing"
            ]
        );
        // 「その他の契約変更」 has no input screen: 申込担当者 leads to the confirmation.
        assert_eq!(sequence(&[])[2], "change_application.confirm");
    }
}
