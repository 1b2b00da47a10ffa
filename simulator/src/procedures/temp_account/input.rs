//! 申込担当者 入力 of 仮ログイン登録 (M000 【6】). Its rows are shared with 申込担当者 入力 of the
//! new application (M000 【15】), which shows the same person pre-filled.

use crate::application::TempApplicant;
use crate::procedures::common::{COMPANY_NOTE, NO_HYPHEN};
use crate::procedures::fields::{self, ScreenForm, slot_values};
use crate::procedures::{Cx, Step, common};
use crate::screen::form::FormInput;
use crate::screen::spec::{self, FieldErrors, FieldSpec, Fmt, RowSpec, SectionSpec, Values};
use crate::screen::{Arrow, Block, Button, Screen};

/// The screen's title as printed.
pub const TITLE: &str = "申込担当者 入力";

pub const COMPANY: RowSpec = RowSpec {
    label: "企業名",
    fields: &[FieldSpec::text("company")
        .fmt(Fmt::Zenkaku)
        .max(60)
        .example("例) ナックス商事株式会社")],
    notes: COMPANY_NOTE,
};
pub const COMPANY_KANA: RowSpec = RowSpec {
    label: "企業名(フリガナ)",
    fields: &[FieldSpec::text("company_kana")
        .fmt(Fmt::Katakana)
        .max(100)
        .example("例) ナックスショウジカブシキガイシャ")],
    notes: &[],
};
pub const NAME: [RowSpec; 2] = crate::name_rows!("", crate::screen::spec::Req::Always);
pub const DEPARTMENT: RowSpec = RowSpec {
    label: "所属部署名",
    fields: &[FieldSpec::text("department")
        .fmt(Fmt::Zenkaku)
        .optional()
        .max(40)
        .example("例) 第一営業部営業第9課")],
    notes: &[],
};
pub const JOB_TITLE: RowSpec = RowSpec {
    label: "役職名",
    fields: &[FieldSpec::text("title")
        .fmt(Fmt::Zenkaku)
        .optional()
        .max(40)
        .example("例) 課長")],
    notes: &[],
};
pub const TEL: RowSpec = RowSpec {
    label: "電話番号",
    fields: &[FieldSpec::text("tel")
        .fmt(Fmt::Phone)
        .example("例) 0301234567")],
    notes: NO_HYPHEN,
};
pub const FAX: RowSpec = RowSpec {
    label: "FAX番号",
    fields: &[FieldSpec::text("fax")
        .fmt(Fmt::Fax)
        .optional()
        .example("例) 0398765432")],
    notes: NO_HYPHEN,
};
const EMAIL_FIELDS: &[FieldSpec] = &[
    FieldSpec::text("email")
        .part("登録用")
        .fmt(Fmt::Email)
        .example("例) taro.tsukan@naccs.jp"),
    FieldSpec::text("email_confirm")
        .part("確認用")
        .fmt(Fmt::Email)
        .example("例) taro.tsukan@naccs.jp"),
];
const EMAIL: RowSpec = RowSpec {
    label: "E-mailアドレス",
    fields: EMAIL_FIELDS,
    // M003 l.112 prints 「確認のため、…」 beside 確認用 (also M000 l.734, M001 l.241).
    notes: &[
        "確認のため、同じE-mailアドレスをご入力ください。",
        "仮ログインID・パスワードの通知先として登録します。",
    ],
};

/// 「申込担当者に関する項目」 of 仮ログイン登録.
pub const SECTION: SectionSpec = SectionSpec {
    heading: "申込担当者に関する項目",
    lines: &["弊社へ利用申込を行う担当者の情報を入力します。"],
    rows: &[
        COMPANY,
        COMPANY_KANA,
        NAME[0],
        NAME[1],
        DEPARTMENT,
        JOB_TITLE,
        TEL,
        FAX,
        EMAIL,
    ],
};

/// The pair rule of E-mail addresses: 確認用 must repeat 登録用.
pub fn check_email_pair(values: &Values, errors: &mut FieldErrors) {
    let get = |k: &str| values.get(k).map(String::as_str).unwrap_or("");
    if !errors.contains_key("email")
        && !errors.contains_key("email_confirm")
        && crate::domain::format::check_email_pair(get("email"), get("email_confirm")).is_err()
    {
        errors.insert(
            "email_confirm".to_string(),
            crate::domain::format::FormatError::Mismatch.message("E-mailアドレス"),
        );
    }
}

/// The values of a 申込担当者 section (氏名, 所属部署名, 役職名, 電話番号, FAX番号 and the
/// E-mail pair), the shape every procedure's 申込担当者 入力 shares.
pub fn person_section_values(person: &crate::application::Person) -> Values {
    let mut v = Values::new();
    fields::person_values(&mut v, "", "email", person);
    fields::set(&mut v, "email_confirm", person.email.as_str());
    v
}

/// The person of a 申込担当者 section, read with the section's own rules and the E-mail pair's.
pub fn person_section_parse(
    section: &SectionSpec,
    values: &Values,
) -> Result<crate::application::Person, FieldErrors> {
    let mut errors = FieldErrors::new();
    spec::validate(section, values, &mut errors);
    check_email_pair(values, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    fields::person_from(values, "", "email")
}

impl ScreenForm for TempApplicant {
    type Context<'a> = ();

    fn to_values(&self) -> Values {
        let mut v = Values::new();
        fields::set(&mut v, "company", self.company.as_str());
        fields::set(&mut v, "company_kana", self.company_kana.as_str());
        fields::person_values(&mut v, "", "email", &self.person);
        fields::set(&mut v, "email_confirm", self.person.email.as_str());
        v
    }

    fn parse(values: &Values, _: &()) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        spec::validate(&SECTION, values, &mut errors);
        check_email_pair(values, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(TempApplicant {
            company: fields::get(values, "company")?,
            company_kana: fields::get(values, "company_kana")?,
            person: fields::person_from(values, "", "email")?,
        })
    }
}

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let mut s = Screen::new("temp_account.input", TITLE);
    // M003 l.96–97 (2023), newer than M000 【6】's single line.
    s.intro = vec![
        "申込担当者の情報を入力してください。".into(),
        "入力完了後、「申込内容確認へ進む」ボタンをクリックしてください。".into(),
    ];
    s.errors = spec::error_list(&[&SECTION], errors);
    s.form = Some(common::form(
        cx,
        vec![
            // M003 l.114 (2023); M000 【6】 printed 「< 利用規定ガイダンスに戻る」.
            Button::new("op", "back", "利用手順ガイドに戻る").arrow(Arrow::Back),
            Button::new("op", "next", "申込内容確認へ進む").arrow(Arrow::Forward),
        ],
    ));
    let values = slot_values(&cx.temp_draft().applicant);
    s.blocks
        .push(Block::Section(spec::build(&SECTION, &values, errors)));
    s
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    let mut values = slot_values(&cx.temp_draft().applicant).into_owned();
    spec::read(&SECTION, form, &mut values);
    let (slot, errors) = fields::slot_from::<TempApplicant>(values, &());
    cx.temp_draft().applicant = slot;
    match form.op() {
        "back" => Step::Back,
        "next" if errors.is_empty() => Step::Next,
        "next" => Step::Stay(errors),
        _ => Step::Refresh,
    }
}
