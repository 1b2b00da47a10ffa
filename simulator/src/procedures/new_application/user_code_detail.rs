//! 利用者コード 入力, the detail (M000 【18】, M003): system kind (or the shared code), the
//! 識別番号 settings added with 「設定する」, and the 管理統計資料 choices.

use crate::application::new::{CodeChoice, IdentSetting, UserCodeRequest};
use crate::domain::lists::{
    self, INDUSTRIES, Industry, NECESSITY, Necessity, PROCESSING_METHODS, ProcessingMethod,
    SYSTEM_KINDS, SystemKind,
};
use crate::procedures::common;
use crate::procedures::fields;
use crate::procedures::{Cx, Step};
use crate::screen::form::FormInput;
use crate::screen::spec::{
    self, FieldErrors, FieldSpec, Fmt, Input, Req, RowSpec, SectionSpec, Values,
};
use crate::screen::{Arrow, Block, Button, Cell, Screen, Table, Text};

pub const SYSTEM: SectionSpec = SectionSpec {
    heading: "利用者コードに関する項目",
    lines: &[
        "新規に利用者コードを追加する場合は、システム区分を選択してください。",
        "「輸出入者（貿易管理サブシステム利用）」の方は、海上・航空共用を選択してください。",
    ],
    rows: &[RowSpec {
        label: "システム区分",
        fields: &[FieldSpec::text("system").input(Input::Radio(SYSTEM_KINDS))],
        notes: &[],
    }],
};

pub const SHARED: SectionSpec = SectionSpec {
    heading: "利用者コードに関する項目",
    lines: &["共用する他事業所の利用者コードを入力してください。"],
    rows: &[
        RowSpec {
            label: "利用者コード",
            fields: &[FieldSpec::text("shared_code")
                .fmt(Fmt::UserCode)
                .example("例) CP999")],
            notes: &[],
        },
        RowSpec {
            label: "システム区分",
            fields: &[FieldSpec::text("system").input(Input::Radio(SYSTEM_KINDS))],
            notes: &[],
        },
    ],
};

/// The 識別番号 inputs: read on 「設定する」 only.
pub const IDENT: SectionSpec = SectionSpec {
    heading: "識別番号に関する項目",
    lines: &[
        "利用者コードの情報を入力し、「設定する」ボタンをクリックしてください。",
        "設定した利用者コードの情報は、「設定した利用者コード情報」に反映されます。",
    ],
    rows: &[
        RowSpec {
            label: "シングルサインオン要否",
            fields: &[FieldSpec::radio("sso", NECESSITY, "no")],
            notes: &[],
        },
        RowSpec {
            label: "業種",
            fields: &[FieldSpec::text("industries")
                .input(Input::Checks(INDUSTRIES))
                .req(Req::Deferred)],
            notes: &[],
        },
        RowSpec {
            label: "処理方式",
            fields: &[FieldSpec::text("method")
                .input(Input::Radio(PROCESSING_METHODS))
                .req(Req::Deferred)],
            notes: &[],
        },
        RowSpec {
            label: "識別番号数",
            fields: &[FieldSpec::text("count")
                .fmt(Fmt::Count)
                .unit("個")
                .req(Req::Deferred)
                .button("set", "設定する")],
            notes: &["利用者IDの数を入力してください（パソコンの台数ではありません）。"],
        },
    ],
};

pub const STATS: SectionSpec = SectionSpec {
    heading: "管理統計資料に関する項目",
    lines: &["管理統計資料の情報を入力します。"],
    rows: &[
        RowSpec {
            label: "管理統計資料（有料分）",
            fields: &[FieldSpec::radio("stats_paid", NECESSITY, "no")],
            notes: &[],
        },
        RowSpec {
            label: "管理統計資料（無料分）",
            fields: &[FieldSpec::radio("stats_free", NECESSITY, "no")],
            notes: &[],
        },
        RowSpec {
            label: "保税管理資料保存サービス",
            fields: &[FieldSpec::radio("storage", NECESSITY, "no")],
            notes: &[],
        },
    ],
};

/// The シングルサインオン要否 of 識別番号に関する項目 alone: what a 利用者コード keeps of that
/// section once its settings are listed (the rest is read at 「設定する」).
pub const SSO: SectionSpec = SectionSpec {
    heading: IDENT.heading,
    lines: &[],
    rows: &[IDENT.rows[0]],
};

/// The 利用者コードに関する項目 of a new or a shared code.
pub fn code_section(shared: bool) -> &'static SectionSpec {
    if shared { &SHARED } else { &SYSTEM }
}

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let mut s = Screen::new("new_application.user_code_detail", "利用者コード 入力");
    s.intro = vec![
        "利用者コードの情報を入力してください。".into(),
        "利用者コードに関する項目および識別番号に関する項目を入力し「設定する」ボタンをクリックすると、「設定した利用者コード情報」に反映されます。".into(),
        "入力完了後に、「この内容で設定する」ボタンをクリックしてください。".into(),
    ];
    s.form = Some(common::form(
        cx,
        vec![
            common::back_button(),
            Button::new("op", "apply", "この内容で設定する").arrow(Arrow::Forward),
        ],
    ));
    let detail = cx.new_draft().detail.clone().unwrap_or_default();
    let code = code_section(detail.shared);
    s.errors = spec::error_list(&[code, &IDENT, &STATS], errors);
    s.blocks
        .push(Block::Section(spec::build(code, &detail.raw, errors)));
    s.blocks
        .push(Block::Section(spec::build(&IDENT, &detail.raw, errors)));
    s.blocks.push(Block::Table(Table {
        caption: "設定した利用者コード情報".into(),
        columns: ["業種", "処理方式", "識別番号数", "取消"]
            .map(Text::from)
            .to_vec(),
        rows: detail
            .settings
            .iter()
            .enumerate()
            .map(|(i, st)| {
                vec![
                    Cell::from(
                        st.industries
                            .iter()
                            .map(|x| x.short())
                            .collect::<Vec<_>>()
                            .join("・"),
                    ),
                    Cell::from(st.method.short()),
                    Cell::from(st.count.to_string()),
                    Cell::Button(Button::new("op", format!("cancel:{i}"), "取消")),
                ]
            })
            .collect(),
    }));
    s.blocks
        .push(Block::Section(spec::build(&STATS, &detail.raw, errors)));
    s
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    let draft = cx.new_draft();
    let Some(detail) = draft.detail.as_mut() else {
        return Step::Go("new_application.user_codes");
    };
    for sec in [code_section(detail.shared), &IDENT, &STATS] {
        spec::read(sec, form, &mut detail.raw);
    }
    let op = form.op();
    if let Some(i) = op
        .strip_prefix("cancel:")
        .and_then(|i| i.parse::<usize>().ok())
    {
        if i < detail.settings.len() {
            detail.settings.remove(i);
        }
        return Step::Refresh;
    }
    match op {
        "back" => {
            draft.detail = None;
            Step::Go("new_application.user_codes")
        }
        "set" => match setting(&detail.raw) {
            Ok(setting) => {
                detail.settings.push(setting);
                for k in ["industries", "method", "count"] {
                    detail.raw.remove(k);
                }
                Step::Refresh
            }
            Err(errors) => Step::Stay(errors),
        },
        "apply" => {
            let row = match request(detail.shared, &detail.raw, &detail.settings) {
                Ok(row) => row,
                Err(errors) => return Step::Stay(errors),
            };
            let editing = detail.editing;
            match editing {
                Some(i) if i < draft.user_codes.len() => draft.user_codes[i] = row,
                _ => draft.user_codes.push(row),
            }
            draft.detail = None;
            Step::Go("new_application.user_codes")
        }
        _ => Step::Refresh,
    }
}

/// 「設定する」: one 業種 / 処理方式 / 識別番号数 setting (M000 【18】).
fn setting(v: &Values) -> Result<IdentSetting, FieldErrors> {
    let mut errors = FieldErrors::new();
    let industries: Vec<Industry> = fields::raw(v, "industries")
        .split(',')
        .filter_map(Industry::from_code)
        .collect();
    if industries.is_empty() {
        errors.insert("industries".into(), "業種を選択してください。".into());
    } else if let Err(msg) =
        lists::check_industry_selection(fields::raw(v, "sso") == "yes", &industries)
    {
        errors.insert("industries".into(), msg);
    }
    let method = ProcessingMethod::from_code(fields::raw(v, "method"));
    if method.is_none() {
        errors.insert("method".into(), "処理方式を選択してください。".into());
    }
    spec::validate(&COUNT_ONLY, v, &mut errors);
    match (method, errors.is_empty()) {
        (Some(method), true) => Ok(IdentSetting {
            industries,
            method,
            count: fields::get(v, "count")?,
        }),
        _ => Err(errors),
    }
}

/// 「この内容で設定する」: the row of 申込情報 (M000 【18】【19】).
fn request(
    shared: bool,
    v: &Values,
    settings: &[IdentSetting],
) -> Result<UserCodeRequest, FieldErrors> {
    let mut errors = FieldErrors::new();
    spec::validate(code_section(shared), v, &mut errors);
    spec::validate(&STATS, v, &mut errors);
    if settings.is_empty() {
        errors.insert(
            "count".into(),
            "識別番号に関する項目を入力し、「設定する」ボタンをクリックしてください。".into(),
        );
    }
    let yes = |k: &str| fields::raw(v, k) == "yes";
    let all: Vec<Industry> = settings
        .iter()
        .flat_map(|s| s.industries.iter().copied())
        .collect();
    if let Err(msg) = lists::check_statistics_selection(
        &all,
        yes("stats_paid"),
        yes("stats_free"),
        yes("storage"),
    ) {
        errors.insert("storage".into(), msg);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let system = fields::choice(v, "system", SystemKind::from_code)?;
    let necessity = |k: &str| Necessity::from_code(fields::raw(v, k)).unwrap_or(Necessity::No);
    Ok(UserCodeRequest {
        code: if shared {
            CodeChoice::Shared {
                code: fields::get(v, "shared_code")?,
                system,
            }
        } else {
            CodeChoice::New { system }
        },
        sso: necessity("sso"),
        settings: settings.to_vec(),
        stats_paid: necessity("stats_paid"),
        stats_free: necessity("stats_free"),
        storage: necessity("storage"),
    })
}

/// 識別番号数 as 「設定する」 requires it.
const COUNT_ONLY: SectionSpec = SectionSpec {
    heading: "",
    lines: &[],
    rows: &[RowSpec {
        label: "識別番号数",
        fields: &[FieldSpec::text("count").fmt(Fmt::Count)],
        notes: &[],
    }],
};
