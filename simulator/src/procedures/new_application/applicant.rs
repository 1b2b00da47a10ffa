//! 申込担当者 入力 of the new application (M000 【15】): the person from 仮ログイン登録, and the
//! 申込理由.

use super::{input_submit, no_check};
use crate::procedures::common::{NO_HYPHEN, nav_buttons};
use crate::procedures::temp_account::input::{DEPARTMENT, FAX, NAME, TEL, TITLE};
use crate::procedures::{Cx, Step, common};
use crate::screen::form::FormInput;
use crate::screen::spec::{self, FieldErrors, FieldSpec, Fmt, Input, RowSpec, SectionSpec};
use crate::screen::{Block, Screen, Text};
use crate::workspace::session::At;

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
    notes: &["利用申込完了の通知先として登録します。"],
};

/// 「申込担当者に関する項目」.
pub const PERSON: SectionSpec = SectionSpec {
    heading: "申込担当者に関する項目",
    lines: &["弊社へ利用申込を行う担当者の情報を登録します。"],
    rows: &[NAME[0], NAME[1], DEPARTMENT, TITLE, TEL, FAX, EMAIL],
};

/// 「利用契約に関する項目」.
pub const CONTRACT: SectionSpec = SectionSpec {
    heading: "利用契約に関する項目",
    lines: &[],
    rows: &[RowSpec {
        label: "申込理由",
        fields: &[FieldSpec::text("reason")
            .input(Input::Textarea)
            .max(240)
            .example("例) 経済産業省に、輸出許可申請や輸入承認申請等を行うため。")],
        notes: &["(240文字以内)"],
    }],
};

#[allow(dead_code)]
const _HYPHEN: &[&str] = NO_HYPHEN;

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let mut s = Screen::new("new_application.applicant", "申込担当者 入力");
    s.intro = [
        "NACCSセンターが当該利用申込に関する確認を行う際の連絡先となります。",
        "申込担当者の情報を入力してください。",
        "入力完了後、「次へ進む」ボタンをクリックしてください。",
        "※仮ログインID・パスワード申請時の申込担当者情報を出力しています。",
        "仮ログインID・パスワード申請時と情報が変わっている場合は、その箇所を上書きしてください。",
    ]
    .map(Text::from)
    .to_vec();
    // The form first: the draft is then borrowed from the session, not copied.
    let form = common::form(cx, nav_buttons());
    let values = &common::draft(cx).applicant;
    s.errors = spec::error_list(&[&PERSON, &CONTRACT], errors);
    s.blocks
        .push(Block::Section(spec::build(&PERSON, values, errors)));
    s.blocks
        .push(Block::Section(spec::build(&CONTRACT, values, errors)));
    s.form = Some(form);
    s
}

fn check(cx: &mut Cx, errors: &mut FieldErrors) {
    crate::procedures::temp_account::input::check_email_pair(&common::draft(cx).applicant, errors);
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    let _ = no_check;
    input_submit(
        cx,
        form,
        &[&PERSON, &CONTRACT],
        |d| &mut d.applicant,
        check,
        At::AppGuidance,
        At::AppOffice,
    )
}
