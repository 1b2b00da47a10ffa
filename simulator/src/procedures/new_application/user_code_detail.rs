//! 利用者コード 入力, the detail (M000 【18】, M003 ⑪): system kind (or the shared code), the
//! 識別番号 settings added with 「設定する」, and the 管理統計資料 choices of a new code.
//!
//! A shared code is entered as M003 prints it (M003:l.439-501): 利用者コード and 「他事業所と共有
//! あり」, no システム区分 and no 管理統計資料 — the code keeps what it has — and the way back is
//! 「利用者コードの一覧入力に戻る」.

use crate::application::draft::{NewApplicationDraft, UserCodeDetailDraft};
use crate::application::new::{CodeChoice, Connection, IdentSetting, UserCodeRequest};
use crate::center::checks;
use crate::domain::lists::{
    self, INDUSTRIES, Industry, NECESSITY, Necessity, PROCESSING_METHODS, ProcessingMethod,
    SYSTEM_KINDS, SystemKind,
};
use crate::domain::sharing::{self, OfficeRef};
use crate::procedures::common;
use crate::procedures::fields::{self, ScreenForm};
use crate::procedures::{Cx, Step};
use crate::screen::form::FormInput;
use crate::screen::spec::{
    self, FieldErrors, FieldSpec, Fmt, Input, Req, RowSpec, SectionSpec, Values,
};
use crate::screen::{Arrow, Block, Button, Cell, Screen, Table, Text};
use crate::workspace::Workspace;

pub const SYSTEM: SectionSpec = SectionSpec {
    heading: "利用者コードに関する項目",
    lines: &[
        "新規に利用者コードを追加する場合は、システム区分を選択してください。",
        // M000 【18】 (l.1125): both 業種 named, although the check boxes (M003's list) have no
        // 「貿易会社（輸出入者）」.
        "「輸出入者（貿易管理サブシステム利用）」、「貿易会社（輸出入者）」の方は、海上・航空共用を選択してください。",
    ],
    rows: &[RowSpec {
        label: "システム区分",
        fields: &[FieldSpec::text("system").input(Input::Radio(SYSTEM_KINDS))],
        notes: &[],
    }],
};

pub const SHARED: SectionSpec = SectionSpec {
    heading: "利用者コードに関する項目",
    lines: &["他事業所の利用者コードを共有する場合は、利用者コードを入力してください。"],
    rows: &[RowSpec {
        label: "利用者コード",
        fields: &[FieldSpec::text("shared_code")
            .fmt(Fmt::UserCode)
            .example("例) 2ANAC")],
        notes: &[],
    }],
};

/// 「他事業所と共有 あり」 under the shared code (M003:l.452): printed, not entered.
fn shared_mark() -> Table {
    super::view::printed_values(vec![("他事業所と共有".into(), "あり".into())])
}

/// The 識別番号 inputs: read on 「設定する」 only.
pub const IDENT: SectionSpec = SectionSpec {
    heading: "識別番号に関する項目",
    lines: &[
        "利用者コードの情報を入力し、「設定する」ボタンをクリックしてください。",
        "設定した利用者コードの情報は、「設定した利用者コード情報」に反映されます。",
        "識別番号については、こちらをご参照ください。",
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
            notes: &[
                "シングルサインオン「要」を選択すると、同じ枠内の業種は複数選択することができます。",
                "※ただし、「自社通関」「輸出入者(貿易管理システム利用)」「機長代行」は除外。",
            ],
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
            // M000 【18】, M003:l.484: no note beside 識別番号数.
            notes: &[],
        },
    ],
};

pub const STATS: SectionSpec = SectionSpec {
    heading: "管理統計資料に関する項目",
    lines: &[
        "管理統計資料の情報を入力します。",
        // M000 【18】 (l.1161): a reference, 「こちら」 linked to bbs/ in HTML.
        "管理統計資料については、こちらをご参照ください。",
    ],
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

/// The sections of the detail: 利用者コードに関する項目 (new or shared), 識別番号に関する項目, and
/// for a new code 管理統計資料に関する項目.
pub fn sections(shared: bool) -> Vec<&'static SectionSpec> {
    if shared {
        vec![&SHARED, &IDENT]
    } else {
        vec![&SYSTEM, &IDENT, &STATS]
    }
}

/// What the rules of the detail need besides its values: the path (netNACCS or 一般NACCS), the
/// workspace's offices and the applicant's company (a shared code), the other rows' shared codes
/// (one office per application), and the settings made with 「設定する」.
pub struct DetailContext<'a> {
    pub shared: bool,
    pub settings: &'a [IdentSetting],
    pub connection: Option<Connection>,
    pub offices: Vec<OfficeRef<'a>>,
    pub company: Option<&'a str>,
    pub other_shared: Vec<&'a str>,
}

/// The context of the detail from the workspace and the session's draft.
pub fn context<'a>(ws: &'a Workspace, draft: &'a NewApplicationDraft) -> DetailContext<'a> {
    let detail = draft.detail.as_ref();
    let editing = detail.and_then(|d| d.editing);
    DetailContext {
        shared: detail.is_some_and(|d| d.shared),
        settings: detail.map_or(&[], |d| d.settings.as_slice()),
        connection: draft.connection,
        offices: checks::offices(ws),
        company: draft.office.parsed().map(|o| o.company.as_str()),
        other_shared: draft
            .user_codes
            .iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != editing)
            .filter_map(|(_, r)| r.code.shared_code().map(|c| c.as_str()))
            .collect(),
    }
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
            // M003:l.499 (2023); M000 【18】 prints no way back.
            Button::new("op", "back", "利用者コードの一覧入力に戻る").arrow(Arrow::Back),
            Button::new("op", "apply", "この内容で設定する").arrow(Arrow::Forward),
        ],
    ));
    let detail = cx.new_draft().detail.clone().unwrap_or_default();
    let sections = sections(detail.shared);
    s.errors = spec::error_list(&sections, errors);
    s.blocks.push(Block::Section(spec::build(
        sections[0],
        &detail.raw,
        errors,
    )));
    if detail.shared {
        s.blocks.push(Block::Table(shared_mark()));
    }
    s.blocks
        .push(Block::Section(spec::build(&IDENT, &detail.raw, errors)));
    s.blocks.push(Block::Text(vec![
        "設定した利用者コードの情報を取り消す場合は、「取消」ボタンをクリックしてください。".into(),
    ]));
    s.blocks
        .push(Block::Table(settings_table(&detail.settings)));
    if !detail.shared {
        s.blocks
            .push(Block::Section(spec::build(&STATS, &detail.raw, errors)));
        s.blocks.push(Block::Text(
            statistics_notes().into_iter().map(Text::from).collect(),
        ));
    }
    s
}

/// The two notes under 管理統計資料に関する項目 (M000 【18】, l.1169-1171), their 業種 the ones
/// the rules of `lists::check_statistics_selection` allow, so that what the screen says and
/// what it accepts cannot part. The OCR garbles the names and prints the radio's 「要」 as 「是」.
pub fn statistics_notes() -> [String; 2] {
    [
        format!(
            "無料分の選択ができる業種は{}です。",
            lists::quoted_labels(Industry::may_choose_free_statistics)
        ),
        format!(
            "{}の業種は対象としたサービスです。管理統計資料（有料分）で「要」の選択が必要です。",
            lists::quoted_labels(Industry::may_choose_storage_service)
        ),
    ]
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    let draft = cx.new_draft();
    let Some(detail) = draft.detail.as_mut() else {
        return Step::Go("new_application.user_codes");
    };
    for sec in sections(detail.shared) {
        spec::read(sec, form, &mut detail.raw);
    }
    let op = form.op();
    if let Some(step) = settings_op(detail, op, draft.connection) {
        return step;
    }
    match op {
        "back" => {
            draft.detail = None;
            Step::Go("new_application.user_codes")
        }
        "apply" => {
            cx.ws.seed_customers();
            let parsed = {
                let Some(draft) = super::draft_of(cx.session) else {
                    return Step::Refresh;
                };
                let Some(detail) = draft.detail.as_ref() else {
                    return Step::Refresh;
                };
                UserCodeRequest::parse(&detail.raw, &context(cx.ws, draft))
            };
            let row = match parsed {
                Ok(row) => row,
                Err(errors) => return Step::Stay(errors),
            };
            let draft = cx.new_draft();
            let editing = draft.detail.as_ref().and_then(|d| d.editing);
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

/// The detail's buttons on its 識別番号 settings, the same in a new application and a change:
/// 「取消」 of one (`cancel:i`) and 「設定する」 (`set`: the setting typed is checked, added, and
/// its inputs emptied for the next one, M000 【18】). None for any other button.
pub fn settings_op(
    detail: &mut UserCodeDetailDraft,
    op: &str,
    connection: Option<Connection>,
) -> Option<Step> {
    if let Some(i) = op
        .strip_prefix("cancel:")
        .and_then(|i| i.parse::<usize>().ok())
    {
        if i < detail.settings.len() {
            detail.settings.remove(i);
        }
        return Some(Step::Refresh);
    }
    if op != "set" {
        return None;
    }
    Some(match setting(&detail.raw, connection) {
        Ok(setting) => {
            detail.settings.push(setting);
            for k in ["industries", "method", "count"] {
                detail.raw.remove(k);
            }
            Step::Refresh
        }
        Err(errors) => Step::Stay(errors),
    })
}

/// 設定した利用者コード情報, each setting with its 「取消」 (M000 【18】); the change's 利用者コード
/// 入力 prints it too.
pub fn settings_table(settings: &[IdentSetting]) -> Table {
    Table {
        caption: "設定した利用者コード情報".into(),
        columns: ["業種", "処理方式", "識別番号数", "取消"]
            .map(Text::from)
            .to_vec(),
        rows: settings
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
    }
}

/// 「設定する」: one 業種 / 処理方式 / 識別番号数 setting (M000 【18】); the change's 利用者コード
/// 入力 reads it too.
pub fn setting(v: &Values, connection: Option<Connection>) -> Result<IdentSetting, FieldErrors> {
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
    match (method, connection) {
        (None, _) => {
            errors.insert("method".into(), "処理方式を選択してください。".into());
        }
        // netNACCS and 一般NACCS never in one application (M003:l.355-357).
        (Some(m), Some(c)) if !c.allows(m) => {
            errors.insert("method".into(), c.refusal(m));
        }
        _ => {}
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

/// 「この内容で設定する」: the row of 申込情報 (M000 【18】【19】, M003 ⑪).
impl ScreenForm for UserCodeRequest {
    type Context<'a> = DetailContext<'a>;

    fn to_values(&self) -> Values {
        let mut v = Values::new();
        match &self.code {
            CodeChoice::New { system } => fields::set(&mut v, "system", system.code()),
            CodeChoice::Shared { code, .. } => fields::set(&mut v, "shared_code", code.as_str()),
        }
        for (k, n) in [
            ("sso", self.sso),
            ("stats_paid", self.stats_paid),
            ("stats_free", self.stats_free),
            ("storage", self.storage),
        ] {
            fields::set(&mut v, k, n.code());
        }
        v
    }

    fn parse(v: &Values, cx: &DetailContext<'_>) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        for sec in sections(cx.shared) {
            spec::validate(sec, v, &mut errors);
        }
        if cx.settings.is_empty() {
            errors.insert(
                "count".into(),
                "識別番号に関する項目を入力し、「設定する」ボタンをクリックしてください。".into(),
            );
        }
        let yes = |k: &str| fields::raw(v, k) == "yes";
        let all: Vec<Industry> = cx
            .settings
            .iter()
            .flat_map(|s| s.industries.iter().copied())
            .collect();
        if !cx.shared
            && let Err(msg) = lists::check_statistics_selection(
                &all,
                yes("stats_paid"),
                yes("stats_free"),
                yes("storage"),
            )
        {
            errors.insert("storage".into(), msg);
        }
        // The shared code: it exists, it is the company's, and every shared code of the
        // application is one office's (M003:l.406-415) — once it has its format.
        let code = fields::raw(v, "shared_code");
        if cx.shared && !errors.contains_key("shared_code") {
            let mut codes = cx.other_shared.clone();
            codes.push(code);
            if let Err(e) = sharing::shared_codes_of_one_office(&cx.offices, &codes, cx.company) {
                errors.insert("shared_code".into(), e.japanese());
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let necessity = |k: &str| Necessity::from_code(fields::raw(v, k)).unwrap_or(Necessity::No);
        Ok(UserCodeRequest {
            code: if cx.shared {
                CodeChoice::Shared {
                    code: fields::get(v, "shared_code")?,
                    system: None,
                }
            } else {
                CodeChoice::New {
                    system: fields::choice(v, "system", SystemKind::from_code)?,
                }
            },
            sso: necessity("sso"),
            settings: cx.settings.to_vec(),
            // A shared code keeps its own 管理統計資料: none asked (M003:l.540 prints 「-」).
            stats_paid: if cx.shared {
                Necessity::No
            } else {
                necessity("stats_paid")
            },
            stats_free: if cx.shared {
                Necessity::No
            } else {
                necessity("stats_free")
            },
            storage: if cx.shared {
                Necessity::No
            } else {
                necessity("storage")
            },
        })
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
