//! メールボックス 入力 of the change: the new application's screen (M003:l.639-659) for
//! 「一般NACCSのメールボックス数(追加・廃止)」 (M001 l.191), pre-filled with the contract's
//! numbers, which the user overwrites with the numbers the office is to have (M001 STEP3 l.153;
//! empty for none: 廃止). M001 prints no screen for it (Part 3 Q8, docs/decisions.md).

use super::{before, draft, input_submit, nav_buttons, office_code};
use crate::procedures::fields::{ScreenForm, slot_values};
use crate::procedures::new_application::mailbox::{MAILBOXES, TITLE as NEW_TITLE};
use crate::procedures::{Cx, Step, common};
use crate::screen::form::FormInput;
use crate::screen::spec::{self, FieldErrors};
use crate::screen::{Block, Screen, Text};

/// The screen's title: the new application's.
pub const TITLE: &str = NEW_TITLE;

/// Refusal of numbers that are the contract's (the item is chosen to change them).
pub const UNCHANGED: &str = "メールボックス数が現在の契約内容から変更されていません。";

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let mut s = Screen::new("change_application.mailbox", TITLE);
    s.intro = [
        "現在の契約内容が表示されていますので、変更後のメールボックス数を入力してください（すべて廃止する場合は空欄にしてください）。",
        "入力完了後に、「次へ進む」ボタンをクリックしてください。",
    ]
    .map(Text::from)
    .to_vec();
    let Some(before) = before(cx).filter(|_| office_code(cx).is_some()) else {
        s.errors.push(super::OFFICE_ONLY.into());
        return s;
    };
    let buttons = nav_buttons(cx);
    s.form = Some(common::form(cx, buttons));
    let d = draft(cx);
    if matches!(d.mailboxes, crate::application::Slot::Empty) {
        d.mailboxes = crate::application::Slot::Unchecked(before.mailboxes.to_values());
    }
    let values = slot_values(&d.mailboxes).into_owned();
    s.errors = spec::error_list(&[&MAILBOXES], errors);
    s.blocks
        .push(Block::Section(spec::build(&MAILBOXES, &values, errors)));
    s
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    let Some(before) = before(cx) else {
        return super::not_office();
    };
    let step = input_submit(cx, form, &[&MAILBOXES], |d| &mut d.mailboxes, &());
    match (step, draft(cx).mailboxes.parsed()) {
        (Step::Next, Some(m)) if *m == before.mailboxes => Step::Stay(FieldErrors::from([(
            "mailboxes_smtp_pop3".to_string(),
            UNCHANGED.to_string(),
        )])),
        (step, _) => step,
    }
}
