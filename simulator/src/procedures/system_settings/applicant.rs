//! 申込担当者 入力 of the システム設定申込 (M004 ⑤, l.185-230): the person NACCS contacts about
//! it, whom the 受付完了 and 確認完了 mails go to. Buttons 「システム設定申込の入力へ進む」 and
//! 「申込内容を一時保存する」, and under 修正 「システム設定申込情報参照に戻る」 (l.226-230).

use crate::application::Slot;
use crate::application::settings::SettingsApplicant;
use crate::procedures::fields::{self, ScreenForm, slot_values};
use crate::procedures::temp_account::input::{
    DEPARTMENT, FAX, JOB_TITLE, NAME, TEL, person_section_parse, person_section_values,
};
use crate::procedures::{Cx, Step, common};
use crate::screen::form::FormInput;
use crate::screen::spec::{self, FieldErrors, FieldSpec, Fmt, RowSpec, SectionSpec, Values};
use crate::screen::{Arrow, Block, Button, Screen};

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
    notes: &["システム設定申込完了の通知先として登録します。"],
};

/// 「申込担当者に関する項目」: the rows M004's 参照 prints (l.137-145).
pub const PERSON: SectionSpec = SectionSpec {
    heading: "申込担当者に関する項目",
    lines: &["弊社へシステム設定申込を行う担当者の情報を登録します。"],
    rows: &[NAME[0], NAME[1], DEPARTMENT, JOB_TITLE, TEL, FAX, EMAIL],
};

impl ScreenForm for SettingsApplicant {
    type Context<'a> = ();

    fn to_values(&self) -> Values {
        person_section_values(&self.0)
    }

    fn parse(values: &Values, _: &()) -> Result<Self, FieldErrors> {
        person_section_parse(&PERSON, values).map(SettingsApplicant)
    }
}

/// The first time through, the 申込担当者 is the one of the office's last システム設定申込, or
/// else its 管理責任者 (docs/decisions.md "Issue 13", 「申込担当者の初期値」): shown as input to
/// check, not yet accepted.
pub fn prefill(cx: &mut Cx) {
    let Some(code) = super::office_code(cx) else {
        return;
    };
    if !matches!(cx.settings_draft().applicant, Slot::Empty) {
        return;
    }
    let filer = crate::application::Filer::Office(code.clone());
    let last = cx
        .ws
        .state
        .applications
        .iter()
        .rev()
        .filter(|a| a.filed_by(&filer))
        .find_map(|a| a.content.as_settings())
        .map(|s| SettingsApplicant(s.applicant.clone()).to_values());
    let values = last.or_else(|| {
        let m = &cx.ws.state.offices.get(&code)?.contract.manager;
        Some(Values::from(
            [
                ("last_name", &m.last_name),
                ("first_name", &m.first_name),
                ("last_name_kana", &m.last_name_kana),
                ("first_name_kana", &m.first_name_kana),
                ("department", &m.department),
                ("title", &m.title),
                ("tel", &m.tel),
                ("fax", &m.fax),
                ("email", &m.email),
                ("email_confirm", &m.email),
            ]
            .map(|(k, v)| (k.to_string(), v.clone())),
        ))
    });
    if let Some(values) = values {
        cx.settings_draft().applicant = Slot::Unchecked(values);
    }
}

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let mut s = Screen::new("system_settings.applicant", TITLE);
    s.intro = vec![
        "NACCSセンターが当該システム設定申込に関する確認を行う際の連絡先となります。".into(),
        "申込担当者の情報を入力してください。".into(),
        "入力完了後、「システム設定申込の入力へ進む」ボタンをクリックしてください。".into(),
    ];
    let amending = cx.settings_draft().amends.is_some();
    let back = if amending {
        Button::new("op", "detail", "システム設定申込情報参照に戻る").arrow(Arrow::Back)
    } else {
        common::back_button()
    };
    s.form = Some(common::form(
        cx,
        vec![
            back,
            common::save_button(),
            Button::new("op", "next", "システム設定申込の入力へ進む").arrow(Arrow::Forward),
        ],
    ));
    let values = slot_values(&cx.settings_draft().applicant).into_owned();
    s.errors = spec::error_list(&[&PERSON], errors);
    s.blocks
        .push(Block::Section(spec::build(&PERSON, &values, errors)));
    s
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    let mut values = slot_values(&cx.settings_draft().applicant).into_owned();
    spec::read(&PERSON, form, &mut values);
    let (slot, errors) = fields::slot_from::<SettingsApplicant>(values, &());
    cx.settings_draft().applicant = slot;
    match form.op() {
        "back" => Step::Go("system_settings.guidance"),
        // Under 修正: back to the 参照 of the application, the correction dropped (M004 l.226).
        "detail" => match cx.settings_draft().amends.clone() {
            Some(number) => {
                cx.session.draft = None;
                cx.session.viewing = Some(number);
                Step::Go("system_settings.detail")
            }
            None => Step::Refresh,
        },
        "save" => common::save_and_logout(cx),
        "next" if errors.is_empty() => Step::Next,
        "next" => Step::Stay(errors),
        _ => Step::Refresh,
    }
}
