//! システム設定情報 入力 of one 利用者コード (M004 ⑦ 「システム設定情報入力画面」 l.275-323, M002
//! 3.1 l.877-928): the code it sets (設定対象利用者コード), its English 名称 (M002's 「名称」 tab)
//! and the パスワード初期化 of its 利用者ID (M004 ⑦); 「この内容で設定する」 puts it into
//! 申込情報 of 利用者コード 選択, 「利用者コードの選択に戻る」 drops it.
//!
//! Both parts are on one screen: M004's correction (l.379-405) changes the 名称 of the codes of an
//! application whose per-code screen shows the password part, so one code's setting holds both
//! (docs/decisions.md "Issue 13", Q24).

use crate::application::draft::CodeDetailDraft;
use crate::application::settings::{
    CodeSetting, EnglishNames, LINE_MAX, NAME_MAX, PasswordReset, UserIdRef,
};
use crate::center::settings::OfficeCode;
use crate::domain::english::{self, EnglishText};
use crate::domain::format::{PostalCode, Text240, UserCode};
use crate::domain::lists::Industry;
use crate::procedures::fields::{self, ScreenForm};
use crate::procedures::{Cx, Step, common};
use crate::screen::form::FormInput;
use crate::screen::spec::{self, FieldErrors, FieldSpec, Fmt, Input, RowSpec, SectionSpec, Values};
use crate::screen::{
    Arrow, Block, Button, Cell, Choice, Field, FieldType, Row, Screen, Section, Table, Text,
};

pub const TITLE: &str = "システム設定情報 入力";

/// An English input: free text checked by `domain::english`, its hint printed like the others.
const fn english(name: &'static str, max: usize) -> FieldSpec {
    let mut f = FieldSpec::text(name).max(max);
    f.hint = Some("(半角英数字)");
    f
}

/// The 名称 inputs (M002 3.1): 企業名(英) with 「同一企業の全事業所情報を変更します。」, 事業所名(英),
/// 郵便番号 + 「反映」, three lines of 住所(英), 業務責任者名(英).
pub const NAMES: SectionSpec = SectionSpec {
    heading: "名称に関する項目",
    lines: &[
        "名称等の英文入力は必須です。",
        "入力ガイドを参照の上入力してください。",
    ],
    rows: &[
        RowSpec {
            label: "企業名(英)",
            fields: &[english("company_en", NAME_MAX).example("例) NACCS SYSTEM CO.,LTD.")],
            notes: &[],
        },
        RowSpec {
            label: "",
            fields: &[FieldSpec::text("all_offices")
                .input(Input::Check(ALL_OFFICES))
                .optional()],
            notes: &["企業名（英）を入力する場合は、チェックが必要です。"],
        },
        RowSpec {
            label: "事業所名(英)",
            fields: &[english("office_en", NAME_MAX).example("例) HONSHA")],
            notes: &[],
        },
        RowSpec {
            label: "郵便番号",
            fields: &[FieldSpec::text("postal_en")
                .fmt(Fmt::Postal)
                .example("例) 9990000")
                .button("reflect", "反映")],
            notes: &["郵便番号を入力し「反映」ボタンを押下すると、下の住所欄に自動反映されます"],
        },
        RowSpec {
            label: "住所(英)",
            fields: &[
                english("address_en1", LINE_MAX)
                    .part("1行目")
                    .example("例) KANAGAWA KEN"),
                english("address_en2", LINE_MAX)
                    .part("2行目")
                    .optional()
                    .example("例) KAWASAKI SHI SAIWAI KU"),
                english("address_en3", LINE_MAX)
                    .part("3行目")
                    .optional()
                    .example("例) HORIKAWA CYO 999"),
            ],
            notes: &[],
        },
        RowSpec {
            label: "業務責任者名(英)",
            fields: &[english("manager_en", LINE_MAX).example("例) I.KONSAI")],
            notes: &[],
        },
    ],
};

/// 「同一企業の全事業所情報を変更します。」 (M002 l.925).
pub const ALL_OFFICES: &str = "同一企業の全事業所情報を変更します。";

/// 「パスワード初期化に関する項目」 (M004 l.290-298); the 利用者ID一覧 check boxes follow it.
pub const RESET: SectionSpec = SectionSpec {
    heading: "パスワード初期化に関する項目",
    lines: &[
        "パスワードを初期化します。",
        "現在の契約内容が表示されていますので、初期化する利用者IDのみ選択してください。",
        "なお、同一利用者コード(例:1ANAC)のIDであればパスワード初期化(URY)ができるようになっています。複数IDを所有している場合は他のIDに初期化をご依頼ください。",
        "パスワード初期化に関する情報を入力してください。",
        "システム管理者が、紛失、漏洩またはその恐れがあると判断した場合に限り、利用者ID等に係るパスワードを初期化するための項目です。",
    ],
    rows: &[],
};

/// The check boxes of 利用者ID一覧 (their options are the code's IDs).
pub const RESET_IDS: &str = "reset_ids";
/// The label of the check boxes: the column M004 prints over them (l.299).
pub const RESET_IDS_LABEL: &str = "初期化を希望する";

/// パスワード初期化の希望理由 (M004 l.313-317).
pub const REASON: SectionSpec = SectionSpec {
    heading: "",
    lines: &["パスワード初期化を希望する理由を入力してください。"],
    rows: &[RowSpec {
        label: "パスワード初期化の希望理由",
        fields: &[FieldSpec::text("reset_reason")
            .input(Input::Textarea)
            .optional()
            .max(240)],
        notes: &["(240文字以内)"],
    }],
};

/// 「※通関業（自社通関は除く）別途、通関士用の利用者ID（通関士ID）を申込みする必要があります。」
/// (M002 l.921-923), for a 通関業 code.
pub const BROKER_NOTE: &str =
    "※通関業（自社通関は除く）別途、通関士用の利用者ID（通関士ID）を申込みする必要があります。";

/// What parsing a code's setting needs: the code, what NACCS holds now.
pub struct CodeContext<'a> {
    pub code: &'a OfficeCode,
    /// The 名称 NACCS holds for the code.
    pub current: Option<&'a EnglishNames>,
    /// The 企業名(英) NACCS holds for the company (this office's or another's).
    pub company_en: Option<&'a str>,
}

/// The option label of one 利用者ID: its 利用者ID一覧 row, 「net 1ANAC A0A」 (M004 l.301-311).
pub fn id_label(method: crate::domain::lists::ProcessingMethod, code: &str, ident: &str) -> String {
    format!("{} {code} {ident}", method.short())
}

fn english_field<const N: usize>(
    values: &Values,
    name: &str,
    label: &str,
    errors: &mut FieldErrors,
) -> Option<EnglishText<N>> {
    match EnglishText::<N>::parse(fields::raw(values, name)) {
        Ok(t) => Some(t),
        Err(e) => {
            errors
                .entry(name.to_string())
                .or_insert_with(|| e.message(label));
            None
        }
    }
}

fn optional_line(
    values: &Values,
    name: &str,
    label: &str,
    errors: &mut FieldErrors,
) -> Option<EnglishText<LINE_MAX>> {
    if fields::raw(values, name).trim().is_empty() {
        return None;
    }
    english_field(values, name, label, errors)
}

impl ScreenForm for CodeSetting {
    type Context<'a> = CodeContext<'a>;

    fn to_values(&self) -> Values {
        let mut v = names_values(&self.names);
        fields::set(
            &mut v,
            "all_offices",
            if self.all_offices { "1" } else { "" },
        );
        if let Some(r) = &self.reset {
            let idents: Vec<&str> = r.ids.iter().map(|i| i.ident.as_str()).collect();
            fields::set(&mut v, RESET_IDS, &idents.join(","));
            fields::set(&mut v, "reset_reason", r.reason.as_str());
        }
        v
    }

    fn parse(values: &Values, cx: &CodeContext<'_>) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        spec::validate(&NAMES, values, &mut errors);
        spec::validate(&REASON, values, &mut errors);
        // The characters NACCS takes (domain::english), once a value is there.
        let company = english_field::<NAME_MAX>(values, "company_en", "企業名(英)", &mut errors);
        let office = english_field::<NAME_MAX>(values, "office_en", "事業所名(英)", &mut errors);
        let line1 = english_field::<LINE_MAX>(values, "address_en1", "住所(英) 1行目", &mut errors);
        let line2 = optional_line(values, "address_en2", "住所(英) 2行目", &mut errors);
        let line3 = optional_line(values, "address_en3", "住所(英) 3行目", &mut errors);
        let manager =
            english_field::<LINE_MAX>(values, "manager_en", "業務責任者名(英)", &mut errors);
        let all_offices = fields::raw(values, "all_offices") == "1";
        // M002 l.925-926: a 企業名(英) NACCS does not hold yet for the company needs the box.
        if let Some(c) = &company
            && cx.company_en != Some(c.as_str())
            && !all_offices
        {
            errors.insert(
                "all_offices".into(),
                format!(
                    "企業名（英）を入力する場合は、「{ALL_OFFICES}」にチェックを入れてください。"
                ),
            );
        }
        // Ticked IDs in the list's order; anything the code does not have is dropped.
        let ticked: Vec<&str> = fields::raw(values, RESET_IDS).split(',').collect();
        let idents: Vec<UserIdRef> = cx
            .code
            .ids
            .iter()
            .filter(|(_, id)| ticked.contains(&id.as_str()))
            .map(|(method, ident)| UserIdRef {
                method: *method,
                ident: ident.clone(),
            })
            .collect();
        let reason = fields::raw(values, "reset_reason");
        // M004 ⑦: a reason is given for the IDs ticked, and IDs for a reason.
        if idents.is_empty() && !reason.trim().is_empty() {
            errors.insert(RESET_IDS.into(), NO_ID.into());
        }
        if !idents.is_empty() && reason.trim().is_empty() {
            errors
                .entry("reset_reason".into())
                .or_insert_with(|| "パスワード初期化の希望理由を入力してください。".into());
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let postal: PostalCode = fields::get(values, "postal_en")?;
        let (Some(company), Some(office), Some(line1), Some(manager)) =
            (company, office, line1, manager)
        else {
            return Err(errors);
        };
        let names = EnglishNames {
            company,
            office,
            postal,
            address: std::iter::once(line1).chain(line2).chain(line3).collect(),
            manager,
        };
        let reset = if idents.is_empty() {
            None
        } else {
            Some(PasswordReset {
                ids: idents,
                reason: Text240::parse(reason).map_err(|e| {
                    FieldErrors::from([(
                        "reset_reason".into(),
                        e.message("パスワード初期化の希望理由"),
                    )])
                })?,
            })
        };
        // Nothing to set: the 名称 NACCS holds, no ID ticked.
        if reset.is_none() && cx.current == Some(&names) && !all_offices {
            return Err(FieldErrors::from([(RESET_IDS.into(), NOTHING.into())]));
        }
        Ok(CodeSetting {
            user_code: UserCode::parse(&cx.code.code)
                .map_err(|e| FieldErrors::from([("_code".into(), e.message("利用者コード"))]))?,
            names,
            all_offices,
            reset,
        })
    }
}

/// The reason was given and no ID ticked.
pub const NO_ID: &str = "パスワードを初期化する利用者IDを選択してください。";
/// Neither a 名称 changed nor an ID ticked.
pub const NOTHING: &str = "名称等を変更するか、パスワードを初期化する利用者IDを選択してください。";

/// The 名称 inputs showing `n`.
pub fn names_values(n: &EnglishNames) -> Values {
    let mut v = Values::new();
    fields::set(&mut v, "company_en", n.company.as_str());
    fields::set(&mut v, "office_en", n.office.as_str());
    fields::set(&mut v, "postal_en", n.postal.as_str());
    for (i, name) in ["address_en1", "address_en2", "address_en3"]
        .iter()
        .enumerate()
    {
        fields::set(&mut v, name, n.address.get(i).map_or("", |l| l.as_str()));
    }
    fields::set(&mut v, "manager_en", n.manager.as_str());
    v
}

/// The office's code being set, and what NACCS holds for it and its company.
struct Target {
    code: OfficeCode,
    current: Option<EnglishNames>,
    company_en: Option<String>,
}

fn target(cx: &Cx, user_code: &str) -> Option<Target> {
    let office_code = super::office_code(cx)?;
    let office = cx.ws.state.offices.get(&office_code)?;
    let code = crate::center::settings::office_codes(&office.contract)
        .into_iter()
        .find(|c| c.code == user_code)?;
    let registered = crate::center::settings::registered_names(cx.ws, &office_code);
    let current = registered.get(user_code).cloned();
    let company = office.contract.company.clone();
    // The company's 企業名(英): this office's, or that of another office of the company.
    let company_en = current
        .as_ref()
        .map(|n| n.company.as_str().to_string())
        .or_else(|| {
            cx.ws
                .state
                .offices
                .values()
                .filter(|o| o.contract.company == company && o.code != office_code)
                .find_map(|o| {
                    crate::center::settings::registered_names(cx.ws, &o.code)
                        .into_values()
                        .next()
                        .map(|n| n.company.as_str().to_string())
                })
        });
    Some(Target {
        code,
        current,
        company_en,
    })
}

/// 利用者ID一覧: one check box per 利用者ID of the code (M004 l.301-311).
fn id_section(code: &OfficeCode, values: &Values, errors: &FieldErrors) -> Section {
    let ticked: Vec<&str> = fields::raw(values, RESET_IDS).split(',').collect();
    let mut field = Field::text(RESET_IDS, "");
    field.kind = FieldType::Checkbox;
    field.options = code
        .ids
        .iter()
        .map(|(m, ident)| Choice {
            value: ident.clone().into(),
            label: id_label(*m, &code.code, ident).into(),
            selected: ticked.contains(&ident.as_str()),
        })
        .collect();
    field.error = errors.get(RESET_IDS).cloned();
    Section {
        heading: Text::default(),
        lines: vec![
            "利用者ID一覧".into(),
            "パスワードを初期化する利用者IDを選択してください。".into(),
        ],
        rows: vec![Row {
            label: RESET_IDS_LABEL.into(),
            optional: true,
            fields: vec![field],
            notes: Vec::new(),
        }],
    }
}

fn item_rows(rows: Vec<(&'static str, String)>) -> Vec<Vec<Cell>> {
    rows.into_iter()
        .map(|(k, v)| vec![Cell::from(k), Cell::from(v)])
        .collect()
}

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let mut s = Screen::new("system_settings.code", TITLE);
    s.intro = vec![
        "利用者コードのシステム設定情報を入力してください。".into(),
        "入力完了後、「この内容で設定する」ボタンをクリックしてください。".into(),
    ];
    s.form = Some(common::form(
        cx,
        vec![
            Button::new("op", "back", "利用者コードの選択に戻る").arrow(Arrow::Back),
            Button::new("op", "set", "この内容で設定する").arrow(Arrow::Forward),
        ],
    ));
    // Standing here without a code chosen (the screens catalogue): the office's first code.
    if cx.settings_draft().detail.is_none() {
        let first = super::office_code(cx)
            .and_then(|o| cx.ws.state.offices.get(&o))
            .and_then(|o| {
                crate::center::settings::office_codes(&o.contract)
                    .into_iter()
                    .next()
            });
        if let Some(first) = first {
            let opened = open(cx, &first.code);
            cx.settings_draft().detail = opened;
        }
    }
    let Some(detail) = cx.settings_draft().detail.clone() else {
        s.errors
            .push("設定する利用者コードが選択されていません。".into());
        return s;
    };
    let Some(t) = target(cx, &detail.user_code) else {
        s.errors.push(format!(
            "利用者コード「{}」は存在しません。",
            detail.user_code
        ));
        return s;
    };
    let values = detail.raw;
    s.errors = spec::error_list(&[&NAMES, &REASON], errors);
    let c = &t.code;
    s.blocks.push(Block::Table(Table {
        caption: "設定対象利用者コード".into(),
        columns: vec!["項目".into(), "内容".into()],
        rows: item_rows(vec![
            ("利用者コード", c.code.clone()),
            ("システム区分", c.system.label().to_string()),
            (
                "業種",
                c.industries
                    .iter()
                    .map(|i| i.label())
                    .collect::<Vec<_>>()
                    .join("、"),
            ),
            (
                "処理方式",
                c.methods
                    .iter()
                    .map(|m| m.label())
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
        ]),
    }));
    if let Some(office) = super::office_code(cx).and_then(|o| cx.ws.state.offices.get(&o)) {
        let k = &office.contract;
        s.blocks.push(Block::Table(Table {
            caption: "事業所情報".into(),
            columns: vec!["項目".into(), "内容".into()],
            rows: item_rows(vec![
                ("企業名", k.company.clone()),
                ("事業所名", k.office_name.clone()),
                ("住所", [k.prefecture.as_str(), &k.city, &k.street].concat()),
            ]),
        }));
    }
    s.blocks
        .push(Block::Section(spec::build(&NAMES, &values, errors)));
    if c.industries.contains(&Industry::CustomsBroker) {
        s.blocks.push(Block::Text(vec![BROKER_NOTE.into()]));
    }
    s.blocks
        .push(Block::Section(spec::build(&RESET, &values, errors)));
    s.blocks
        .push(Block::Section(id_section(c, &values, errors)));
    s.blocks
        .push(Block::Section(spec::build(&REASON, &values, errors)));
    s
}

/// Reads the screen's inputs over what the detail holds.
fn read(raw: &mut Values, form: &FormInput, code: &OfficeCode) {
    spec::read(&NAMES, form, raw);
    spec::read(&REASON, form, raw);
    let ticked: Vec<&str> = form
        .all(RESET_IDS)
        .into_iter()
        .filter(|v| code.ids.iter().any(|(_, id)| id == v))
        .collect();
    raw.insert(RESET_IDS.into(), ticked.join(","));
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    let Some(mut detail) = cx.settings_draft().detail.clone() else {
        return Step::Go("system_settings.codes");
    };
    let Some(t) = target(cx, &detail.user_code) else {
        cx.settings_draft().detail = None;
        return Step::Go("system_settings.codes");
    };
    read(&mut detail.raw, form, &t.code);
    let step = match form.op() {
        "back" => {
            cx.settings_draft().detail = None;
            return Step::Go("system_settings.codes");
        }
        "reflect" => reflect(&mut detail.raw),
        "set" => {
            let ctx = CodeContext {
                code: &t.code,
                current: t.current.as_ref(),
                company_en: t.company_en.as_deref(),
            };
            match CodeSetting::parse(&detail.raw, &ctx) {
                Ok(setting) => {
                    let draft = cx.settings_draft();
                    match detail.editing.filter(|i| *i < draft.codes.len()) {
                        Some(i) => draft.codes[i] = setting,
                        None => draft.codes.push(setting),
                    }
                    draft.detail = None;
                    return Step::Go("system_settings.codes");
                }
                Err(e) => Step::Stay(e),
            }
        }
        _ => Step::Refresh,
    };
    cx.settings_draft().detail = Some(detail);
    step
}

/// 「反映」: the 都道府県 of the 郵便番号, in English, into 住所(英) 1行目 (the rest is typed: the
/// postal table has no readings of cities and towns).
fn reflect(raw: &mut Values) -> Step {
    let code = fields::raw(raw, "postal_en").to_string();
    let found = PostalCode::parse(&code)
        .map_err(|e| e.message("郵便番号"))
        .and_then(|c| {
            crate::domain::postal::lookup(c.as_str())
                .and_then(|a| english::prefecture(a.prefecture))
                .ok_or_else(|| "入力された郵便番号に該当する住所が見つかりません。".to_string())
        });
    match found {
        Ok(pref) => {
            raw.insert("address_en1".into(), pref.to_string());
            Step::Refresh
        }
        Err(msg) => Step::Stay(FieldErrors::from([("postal_en".into(), msg)])),
    }
}

/// The detail opened for `code`: the row of 申込情報 that sets it, or else what NACCS holds (or,
/// for a code without 名称 yet, the office's 郵便番号 to start from).
pub fn open(cx: &mut Cx, user_code: &str) -> Option<CodeDetailDraft> {
    let t = target(cx, user_code)?;
    let draft = cx.settings_draft();
    if let Some(i) = draft
        .codes
        .iter()
        .position(|c| c.user_code.as_str() == user_code)
    {
        return Some(CodeDetailDraft {
            user_code: user_code.to_string(),
            editing: Some(i),
            raw: draft.codes[i].to_values(),
        });
    }
    let raw = match &t.current {
        Some(n) => names_values(n),
        None => {
            let mut v = Values::new();
            if let Some(o) = super::office_code(cx).and_then(|o| cx.ws.state.offices.get(&o)) {
                fields::set(&mut v, "postal_en", &o.contract.postal);
            }
            v
        }
    };
    Some(CodeDetailDraft {
        user_code: user_code.to_string(),
        editing: None,
        raw,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lists::{ProcessingMethod, SystemKind};

    fn code() -> OfficeCode {
        OfficeCode {
            code: "1ANAC".into(),
            system: SystemKind::SeaAndAir,
            industries: vec![Industry::CustomsBroker],
            methods: vec![ProcessingMethod::NetNaccs, ProcessingMethod::Interactive],
            ids: vec![
                (ProcessingMethod::NetNaccs, "A0A".into()),
                (ProcessingMethod::NetNaccs, "A0B".into()),
                (ProcessingMethod::Interactive, "A01".into()),
            ],
        }
    }

    fn values(pairs: &[(&str, &str)]) -> Values {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn names() -> Values {
        values(&[
            ("company_en", "NACCS TRADE COMPANY"),
            ("office_en", "TOKYO OFFICE"),
            ("postal_en", "1080075"),
            ("address_en1", "TOKYO TO MINATO KU KOUNAN 10-100-1"),
            ("address_en2", "NACCS BLD. 20F"),
            ("manager_en", "J.YAMADA"),
        ])
    }

    #[test]
    fn names_and_a_reset_make_a_setting() {
        let c = code();
        let mut v = names();
        v.insert(RESET_IDS.into(), "A0A,A01,ZZZ".into());
        v.insert("reset_reason".into(), "紛失したため".into());
        let ctx = CodeContext {
            code: &c,
            current: None,
            company_en: Some("NACCS TRADE COMPANY"),
        };
        let s = CodeSetting::parse(&v, &ctx).unwrap();
        assert_eq!(s.user_code.as_str(), "1ANAC");
        assert_eq!(
            s.names.address_line(),
            "TOKYO TO MINATO KU KOUNAN 10-100-1 NACCS BLD. 20F"
        );
        // An ID the code does not have is dropped.
        let ids: Vec<String> = s.reset.unwrap().ids.into_iter().map(|i| i.ident).collect();
        assert_eq!(ids, ["A0A", "A01"]);
        assert!(!s.all_offices);
    }

    #[test]
    fn bad_input_is_refused_with_its_message() {
        let c = code();
        let ctx = CodeContext {
            code: &c,
            current: None,
            company_en: Some("NACCS TRADE COMPANY"),
        };
        let refused = |v: &Values| CodeSetting::parse(v, &ctx).unwrap_err();
        // A reason but no ID ticked.
        let mut v = names();
        v.insert("reset_reason".into(), "漏洩のおそれ".into());
        assert_eq!(refused(&v)[RESET_IDS], NO_ID);
        // IDs ticked without a reason.
        let mut v = names();
        v.insert(RESET_IDS.into(), "A0A".into());
        assert_eq!(
            refused(&v)["reset_reason"],
            "パスワード初期化の希望理由を入力してください。"
        );
        // A reason over 240 characters.
        let mut v = names();
        v.insert(RESET_IDS.into(), "A0A".into());
        v.insert("reset_reason".into(), "あ".repeat(241));
        assert_eq!(
            refused(&v)["reset_reason"],
            "パスワード初期化の希望理由は240文字以内で入力してください。"
        );
        // Characters NACCS does not take.
        let mut v = names();
        v.insert("office_en".into(), "Tokyo Office".into());
        v.insert("manager_en".into(), "山田".into());
        let e = refused(&v);
        assert!(
            e["office_en"].starts_with("事業所名(英)は半角英大文字"),
            "{e:?}"
        );
        assert!(
            e["manager_en"].starts_with("業務責任者名(英)は半角英大文字"),
            "{e:?}"
        );
        // A new 企業名(英) without 「同一企業の全事業所情報を変更します。」.
        let mut v = names();
        v.insert("company_en".into(), "NACCS TRADING CO.,LTD.".into());
        assert!(refused(&v)["all_offices"].contains(ALL_OFFICES));
        v.insert("all_offices".into(), "1".into());
        assert!(CodeSetting::parse(&v, &ctx).unwrap().all_offices);
    }

    #[test]
    fn nothing_to_set_is_refused() {
        let c = code();
        let ctx0 = CodeContext {
            code: &c,
            current: None,
            company_en: Some("NACCS TRADE COMPANY"),
        };
        let current = CodeSetting::parse(&names(), &ctx0).unwrap().names;
        let ctx = CodeContext {
            current: Some(&current),
            ..ctx0
        };
        assert_eq!(
            CodeSetting::parse(&names(), &ctx).unwrap_err()[RESET_IDS],
            NOTHING
        );
        let mut v = names();
        v.insert("manager_en".into(), "T.YAMADA".into());
        assert!(CodeSetting::parse(&v, &ctx).is_ok());
    }
}
