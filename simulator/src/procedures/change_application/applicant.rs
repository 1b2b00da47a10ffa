//! 申込担当者 入力 of the change (M001 ⑤, l.224-257): the office's 申込担当者, pre-filled, to
//! check and overwrite. No 申込理由 (M001 prints none).

use super::{draft, input_submit, office_code};
use crate::application::change::{ChangeApplicant, ChangeEntry};
use crate::procedures::fields::{ScreenForm, slot_values};
use crate::procedures::temp_account::input::{
    DEPARTMENT, FAX, JOB_TITLE, NAME, TEL, person_section_parse, person_section_values,
};
use crate::procedures::{Cx, Step, common};
use crate::screen::form::FormInput;
use crate::screen::spec::{self, FieldErrors, FieldSpec, Fmt, RowSpec, SectionSpec, Values};
use crate::screen::{Arrow, Block, Button, Screen, Text};

/// The screen's title (caption 「申込担当者入力画面」, l.224; the new application's title).
pub const TITLE: &str = "申込担当者 入力";

/// E-mailアドレス with the change's notes (M001 l.241-245).
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
    notes: &[
        "確認のため、同じE-mailアドレスを入力してください。",
        "変更申込完了の通知先として登録します。",
    ],
};

/// 「申込担当者に関する項目」 (M001 l.230-245): the rows of the other 申込担当者 screens
/// (所属部署名 and 役職名 任意 as there, Part 3 Q34).
pub const PERSON: SectionSpec = SectionSpec {
    heading: "申込担当者に関する項目",
    lines: &["弊社へ利用申込を行う担当者の情報を登録します。"],
    rows: &[NAME[0], NAME[1], DEPARTMENT, JOB_TITLE, TEL, FAX, EMAIL],
};

impl ScreenForm for ChangeApplicant {
    type Context<'a> = ();

    fn to_values(&self) -> Values {
        person_section_values(&self.0)
    }

    fn parse(values: &Values, _: &()) -> Result<Self, FieldErrors> {
        person_section_parse(&PERSON, values).map(ChangeApplicant)
    }
}

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let mut s = Screen::new("change_application.applicant", TITLE);
    s.intro = [
        "申込担当者の情報を確認し、変更があれば修正してください。",
        "入力完了後、「次へ進む」ボタンをクリックしてください。",
        "修正が終了しましたら、「申込内容確認へ進む」ボタンをクリックしてください。",
    ]
    .map(Text::from)
    .to_vec();
    if office_code(cx).is_none() {
        s.errors.push(super::OFFICE_ONLY.into());
        return s;
    }
    // M001 l.251-252: 「< 申込内容選択に戻る >」, and 「< 申込情報参照に戻る >」 in a 修正.
    let mut buttons = vec![
        Button::new("op", "back", "申込内容選択に戻る").arrow(Arrow::Back),
        common::save_button(),
        common::next_button(),
    ];
    if draft(cx).entry == ChangeEntry::Amend {
        buttons.insert(1, super::detail_button());
    }
    s.form = Some(common::form(cx, buttons));
    let values = slot_values(&draft(cx).applicant).into_owned();
    s.errors = spec::error_list(&[&PERSON], errors);
    s.blocks
        .push(Block::Section(spec::build(&PERSON, &values, errors)));
    s.blocks.push(Block::Text(
        [
            "申込受付・完了通知等は、「申込担当者」及び「管理責任者」宛にE-mailにてお知らせします。",
            "申込担当者のメールアドレスは、必ずご登録ください。",
            "申込担当者に変更があれば、上書きで修正ください。",
        ]
        .map(Text::from)
        .to_vec(),
    ));
    s
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    input_submit(cx, form, &[&PERSON], |d| &mut d.applicant, &())
}
