//! メールボックス 入力 (一般NACCS, M003:l.639-659): the number of mailboxes for SMTP/POP3 and for
//! EDIFACT, only for those who use them (「SMTP/POP3およびEDIFACTを利用される方のみ、メールボック
//! スの個数を入力してください。」; the OCR reads SFTP, M000:l.666 and M003:l.239 read SMTP). Both
//! are optional: Cyberport enters none (M003:l.627).

use super::input_submit;
use crate::application::new::Mailboxes;
use crate::procedures::common::nav_buttons;
use crate::procedures::fields::{self, ScreenForm, slot_values};
use crate::procedures::{Cx, Step, common};
use crate::screen::form::FormInput;
use crate::screen::spec::{self, FieldErrors, FieldSpec, Fmt, RowSpec, SectionSpec, Values};
use crate::screen::{Block, Screen};

/// The screen's title as printed.
pub const TITLE: &str = "メールボックス 入力";

pub const MAILBOXES: SectionSpec = SectionSpec {
    heading: "メールボックスに関する項目",
    lines: &["SMTP/POP3およびEDIFACTを利用される方のみ、メールボックスの個数を入力してください。"],
    rows: &[
        RowSpec {
            label: "メールボックス数 (SMTP/POP3)",
            fields: &[FieldSpec::text("mailboxes_smtp_pop3")
                .fmt(Fmt::Count)
                .unit("個")
                .optional()],
            notes: &[],
        },
        RowSpec {
            label: "メールボックス数 (EDIFACT)",
            fields: &[FieldSpec::text("mailboxes_edifact")
                .fmt(Fmt::Count)
                .unit("個")
                .optional()],
            notes: &[],
        },
    ],
};

impl ScreenForm for Mailboxes {
    type Context<'a> = ();

    fn to_values(&self) -> Values {
        let mut v = Values::new();
        fields::set_opt(&mut v, "mailboxes_smtp_pop3", &self.smtp_pop3);
        fields::set_opt(&mut v, "mailboxes_edifact", &self.edifact);
        v
    }

    fn parse(values: &Values, _: &()) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        spec::validate(&MAILBOXES, values, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Mailboxes {
            smtp_pop3: fields::opt(values, "mailboxes_smtp_pop3")?,
            edifact: fields::opt(values, "mailboxes_edifact")?,
        })
    }
}

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let mut s = Screen::new("new_application.mailbox", TITLE);
    s.intro = vec![
        "メールボックスの情報を入力してください。".into(),
        "入力完了後に、「次へ進む」ボタンをクリックしてください。".into(),
    ];
    s.form = Some(common::form(cx, nav_buttons()));
    let values = slot_values(&cx.new_draft().mailboxes);
    s.errors = spec::error_list(&[&MAILBOXES], errors);
    s.blocks
        .push(Block::Section(spec::build(&MAILBOXES, &values, errors)));
    s
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    input_submit(cx, form, &[&MAILBOXES], |d| &mut d.mailboxes, &())
}
