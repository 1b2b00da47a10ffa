//! 申込担当者 入力 of 仮ログイン登録 (M000 【6】). Its rows are shared with 申込担当者 入力 of the
//! new application (M000 【15】), which shows the same person pre-filled.

use crate::procedures::common::{COMPANY_NOTE, NO_HYPHEN};
use crate::procedures::{Cx, Step, common};
use crate::screen::form::FormInput;
use crate::screen::spec::{self, FieldErrors, FieldSpec, Fmt, RowSpec, SectionSpec, Values};
use crate::screen::{Arrow, Block, Button, Screen};
use crate::workspace::session::At;

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
pub const TITLE: RowSpec = RowSpec {
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
    notes: &["仮ログインID・パスワードの通知先として登録します。"],
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
        TITLE,
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

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let mut s = Screen::new("temp_account.input", "申込担当者 入力");
    s.intro = vec!["入力完了後に「申込内容確認へ進む」ボタンをクリックしてください。".into()];
    s.errors = spec::error_list(&[&SECTION], errors);
    s.blocks.push(Block::Section(spec::build(
        &SECTION,
        &cx.session.temp_input,
        errors,
    )));
    s.form = Some(common::form(
        cx,
        vec![
            Button::new("op", "back", "利用規定ガイダンスに戻る").arrow(Arrow::Back),
            Button::new("op", "next", "申込内容確認へ進む").arrow(Arrow::Forward),
        ],
    ));
    s
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    spec::read(&SECTION, form, &mut cx.session.temp_input);
    match form.op() {
        "back" => Step::Go(At::TempGuidance),
        "next" => {
            let mut errors = FieldErrors::new();
            spec::validate(&SECTION, &cx.session.temp_input, &mut errors);
            check_email_pair(&cx.session.temp_input, &mut errors);
            if errors.is_empty() {
                Step::Go(At::TempConfirm)
            } else {
                Step::Stay(errors)
            }
        }
        _ => Step::Refresh,
    }
}
