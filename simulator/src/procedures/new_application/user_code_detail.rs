//! 利用者コード 入力, the detail (M000 【18】, M003): system kind (or the shared code), the
//! 識別番号 settings added with 「設定する」, and the 管理統計資料 choices.

use crate::domain::lists::{
    self, INDUSTRIES, Industry, NECESSITY, PROCESSING_METHODS, SYSTEM_KINDS,
};
use crate::procedures::common;
use crate::procedures::{Cx, Step};
use crate::screen::form::FormInput;
use crate::screen::spec::{self, FieldErrors, FieldSpec, Fmt, Input, Req, RowSpec, SectionSpec};
use crate::screen::{Arrow, Block, Button, Cell, Screen, Table, Text};
use crate::workspace::application::{IdentSetting, UserCodeRow};
use crate::workspace::session::At;

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

fn code_section(shared: bool) -> &'static SectionSpec {
    if shared { &SHARED } else { &SYSTEM }
}

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let mut s = Screen::new("new_application.user_code_detail", "利用者コード 入力");
    s.intro = vec![
        "利用者コードの情報を入力してください。".into(),
        "利用者コードに関する項目および識別番号に関する項目を入力し「設定する」ボタンをクリックすると、「設定した利用者コード情報」に反映されます。".into(),
        "入力完了後に、「この内容で設定する」ボタンをクリックしてください。".into(),
    ];
    let detail =
        common::draft(cx)
            .detail
            .clone()
            .unwrap_or(crate::workspace::application::UserCodeDetail {
                editing: None,
                shared: false,
                values: Default::default(),
                settings: Vec::new(),
            });
    let code = code_section(detail.shared);
    s.errors = spec::error_list(&[code, &IDENT, &STATS], errors);
    s.blocks
        .push(Block::Section(spec::build(code, &detail.values, errors)));
    s.blocks
        .push(Block::Section(spec::build(&IDENT, &detail.values, errors)));
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
                            .filter_map(|c| Industry::from_code(c))
                            .map(|x| x.short())
                            .collect::<Vec<_>>()
                            .join("・"),
                    ),
                    Cell::from(
                        lists::ProcessingMethod::from_code(&st.method)
                            .map(|m| m.short())
                            .unwrap_or(""),
                    ),
                    Cell::from(st.count.to_string()),
                    Cell::Button(Button::new("op", format!("cancel:{i}"), "取消")),
                ]
            })
            .collect(),
    }));
    s.blocks
        .push(Block::Section(spec::build(&STATS, &detail.values, errors)));
    s.form = Some(common::form(
        cx,
        vec![
            common::back_button(),
            Button::new("op", "apply", "この内容で設定する").arrow(Arrow::Forward),
        ],
    ));
    s
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    let draft = common::draft(cx);
    let Some(detail) = draft.detail.as_mut() else {
        return Step::Go(At::AppUsers);
    };
    for sec in [code_section(detail.shared), &IDENT, &STATS] {
        spec::read(sec, form, &mut detail.values);
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
            Step::Go(At::AppUsers)
        }
        "set" => {
            let mut errors = FieldErrors::new();
            let v = &detail.values;
            let get = |k: &str| v.get(k).cloned().unwrap_or_default();
            let industries: Vec<Industry> = get("industries")
                .split(',')
                .filter_map(Industry::from_code)
                .collect();
            if industries.is_empty() {
                errors.insert("industries".into(), "業種を選択してください。".into());
            } else if let Err(msg) =
                lists::check_industry_selection(get("sso") == "yes", &industries)
            {
                errors.insert("industries".into(), msg);
            }
            if get("method").is_empty() {
                errors.insert("method".into(), "処理方式を選択してください。".into());
            }
            spec::validate(&COUNT_ONLY, v, &mut errors);
            if !errors.is_empty() {
                return Step::Stay(errors);
            }
            let count = get("count").trim().parse::<u32>().unwrap_or(1);
            detail.settings.push(IdentSetting {
                industries: industries.iter().map(|i| i.code().to_string()).collect(),
                method: get("method"),
                count,
            });
            for k in ["industries", "method", "count"] {
                detail.values.remove(k);
            }
            Step::Refresh
        }
        "apply" => {
            let mut errors = FieldErrors::new();
            spec::validate(code_section(detail.shared), &detail.values, &mut errors);
            spec::validate(&STATS, &detail.values, &mut errors);
            if detail.settings.is_empty() {
                errors.insert(
                    "count".into(),
                    "識別番号に関する項目を入力し、「設定する」ボタンをクリックしてください。"
                        .into(),
                );
            }
            let v = &detail.values;
            let get = |k: &str| v.get(k).map(String::as_str) == Some("yes");
            let all: Vec<Industry> = detail
                .settings
                .iter()
                .flat_map(|s| s.industries.iter().filter_map(|c| Industry::from_code(c)))
                .collect();
            if let Err(msg) = lists::check_statistics_selection(
                &all,
                get("stats_paid"),
                get("stats_free"),
                get("storage"),
            ) {
                errors.insert("storage".into(), msg);
            }
            if !errors.is_empty() {
                return Step::Stay(errors);
            }
            let mut values = detail.values.clone();
            for k in ["industries", "method", "count"] {
                values.remove(k);
            }
            let row = UserCodeRow {
                shared: detail.shared,
                values,
                settings: detail.settings.clone(),
            };
            match detail.editing {
                Some(i) if i < draft.user_codes.len() => draft.user_codes[i] = row,
                _ => draft.user_codes.push(row),
            }
            draft.detail = None;
            Step::Go(At::AppUsers)
        }
        _ => Step::Refresh,
    }
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
