//! 申込担当者 入力 of the new application (M000 【15】): the person from 仮ログイン登録, and the
//! 申込理由.

use super::input_submit;
use crate::application::new::Applicant;
use crate::procedures::common::nav_buttons;
use crate::procedures::fields::{self, ScreenForm, slot_values};
use crate::procedures::temp_account::input::{
    DEPARTMENT, FAX, JOB_TITLE, NAME, TEL, check_email_pair, person_section_values,
};
use crate::procedures::{Cx, Step, common};
use crate::screen::form::FormInput;
use crate::screen::spec::{self, FieldErrors, FieldSpec, Fmt, Input, RowSpec, SectionSpec, Values};
use crate::screen::{Arrow, Block, Button, Screen, Text};

/// The screen's title as printed.
pub const TITLE: &str = "申込担当者 入力";

const EMAIL: RowSpec = RowSpec {
    label: "E-mailアドレス",
    fields: &[
        FieldSpec::text("email")
            .part("登録用")
            .fmt(Fmt::Email)
            .example("例) taro.tsukan@naccs.jp"),
        FieldSpec::text("email_confirm")
            .part("確認用")
            .fmt(Fmt::Email)
            .example("例) taro.tsukan@naccs.jp"),
    ],
    // M000 l.734: the 確認用 input's own line.
    notes: &[
        "利用申込完了の通知先として登録します。",
        "確認のため、同じE-mailアドレスを入力してください。",
    ],
};

/// 「申込担当者に関する項目」.
pub const PERSON: SectionSpec = SectionSpec {
    heading: "申込担当者に関する項目",
    lines: &["弊社へ利用申込を行う担当者の情報を登録します。"],
    rows: &[NAME[0], NAME[1], DEPARTMENT, JOB_TITLE, TEL, FAX, EMAIL],
};

/// 「利用契約に関する項目」.
pub const CONTRACT: SectionSpec = SectionSpec {
    heading: "利用契約に関する項目",
    // M000 l.744, M003 l.293: the pointer to the examples, and no example on the screen (the
    // manual's (例1)/(例2), l.753-757, are its own explanation).
    lines: &["申込理由の記載例については、こちらをご参照ください。"],
    rows: &[RowSpec {
        label: "申込理由",
        fields: &[FieldSpec::text("reason").input(Input::Textarea).max(240)],
        notes: &["(240文字以内)"],
    }],
};

impl ScreenForm for Applicant {
    type Context<'a> = ();

    fn to_values(&self) -> Values {
        let mut v = person_section_values(&self.person);
        fields::set(&mut v, "reason", self.reason.as_str());
        v
    }

    fn parse(values: &Values, _: &()) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        for s in [&PERSON, &CONTRACT] {
            spec::validate(s, values, &mut errors);
        }
        check_email_pair(values, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Applicant {
            person: fields::person_from(values, "", "email")?,
            reason: fields::get(values, "reason")?,
        })
    }
}

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let mut s = Screen::new("new_application.applicant", TITLE);
    s.intro = [
        "NACCSセンターが当該利用申込に関する確認を行う際の連絡先となります。",
        "申込担当者の情報を入力してください。",
        "入力完了後、「次へ進む」ボタンをクリックしてください。",
        "※仮ログインID・パスワード申請時の申込担当者情報を出力しています。",
        "仮ログインID・パスワード申請時と情報が変わっている場合は、その箇所を上書きしてください。",
    ]
    .map(Text::from)
    .to_vec();
    // Under 修正 the way back leads to the application's 参照, as the manuals print it for a
    // change (M001 l.173, 252) and a システム設定申込 (M004 l.226) (audit M-15).
    let mut buttons = nav_buttons();
    if cx.new_draft().amends.is_some() {
        buttons[0] = Button::new("op", "detail", "申込情報参照に戻る").arrow(Arrow::Back);
    }
    s.form = Some(common::form(cx, buttons));
    let values = slot_values(&cx.new_draft().applicant);
    s.errors = spec::error_list(&[&PERSON, &CONTRACT], errors);
    s.blocks
        .push(Block::Section(spec::build(&PERSON, &values, errors)));
    s.blocks
        .push(Block::Section(spec::build(&CONTRACT, &values, errors)));
    s
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    if form.op() == "detail" {
        // Back to the 参照 of the application under 修正, the correction dropped.
        return match cx.new_draft().amends.clone() {
            Some(number) => {
                cx.session.draft = None;
                cx.session.viewing = Some(number);
                Step::Go("applications.detail")
            }
            None => Step::Refresh,
        };
    }
    input_submit(cx, form, &[&PERSON, &CONTRACT], |d| &mut d.applicant, &())
}
