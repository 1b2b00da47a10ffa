//! 利用者コード 選択 (M004 ⑥⑧, l.197-273, 337-366): 設定情報 — the office's 利用者コード with
//! what NACCS holds and a 「選択」 button each —, 申込情報 — the codes set in this application,
//! 「修正」 and 「削除」 —, and NACCS登録希望日に関する項目; 「システム設定申込確認へ進む」 and
//! 「申込内容を一時保存する」.

use super::code;
use super::view::{CODE_COLUMNS, code_cells};
use crate::application::settings::{Reflection, Registration};
use crate::domain::format::{Date8, Text240};
use crate::procedures::fields::{self, ScreenForm, slot_values};
use crate::procedures::{Cx, Step, common};
use crate::screen::form::FormInput;
use crate::screen::spec::{
    self, FieldErrors, FieldSpec, Fmt, Input, Opt, Req, RowSpec, SectionSpec, Values,
};
use crate::screen::{Arrow, Block, Button, Cell, Screen, Table, Text};

pub const TITLE: &str = "利用者コード 選択";

/// NACCS反映タイミング (M004 l.218).
pub const REFLECTIONS: &[Opt] = &[
    Opt {
        code: "earliest",
        label: "最短の日程で登録を希望",
        short: "最短の日程で登録を希望",
    },
    Opt {
        code: "date",
        label: "日付を指定して登録を希望",
        short: "日付を指定して登録を希望",
    },
];

/// 「NACCS登録希望日に関する項目」 (M004 l.217-224).
pub const REGISTRATION: SectionSpec = SectionSpec {
    heading: "NACCS登録希望日に関する項目",
    lines: &[],
    rows: &[
        RowSpec {
            label: "NACCS反映タイミング",
            fields: &[FieldSpec::text("reflection").input(Input::Radio(REFLECTIONS))],
            notes: &[],
        },
        RowSpec {
            label: "NACCS登録希望日",
            fields: &[FieldSpec::text("wish")
                .fmt(Fmt::Date8)
                .req(Req::When("reflection", "date"))
                .example("例) 20190401")],
            notes: &[],
        },
        RowSpec {
            label: "備考",
            fields: &[FieldSpec::text("remarks")
                .input(Input::Textarea)
                .optional()
                .max(240)],
            notes: &["(240文字以内)"],
        },
    ],
};

/// A NACCS登録希望日 before today (a past day cannot be registered any more).
pub const PAST_WISH: &str = "NACCS登録希望日には本日以降の日付を入力してください。";
/// 「システム設定申込確認へ進む」 with nothing in 申込情報.
pub const NO_CODE: &str = "システム設定を行う利用者コードの「選択」ボタンをクリックし、システム設定情報を登録してください。";

impl ScreenForm for Registration {
    /// Today, on the workspace clock.
    type Context<'a> = chrono::NaiveDate;

    fn to_values(&self) -> Values {
        let mut v = Values::new();
        match &self.reflection {
            Reflection::Earliest => fields::set(&mut v, "reflection", "earliest"),
            Reflection::OnDate(d) => {
                fields::set(&mut v, "reflection", "date");
                fields::set(&mut v, "wish", d.as_str());
            }
        }
        fields::set_opt(&mut v, "remarks", &self.remarks);
        v
    }

    fn parse(values: &Values, today: &chrono::NaiveDate) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        spec::validate(&REGISTRATION, values, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        let reflection = match fields::raw(values, "reflection") {
            "date" => {
                let d: Date8 = fields::get(values, "wish")?;
                if d.date() < *today {
                    return Err(FieldErrors::from([("wish".into(), PAST_WISH.into())]));
                }
                Reflection::OnDate(d)
            }
            _ => Reflection::Earliest,
        };
        Ok(Registration {
            reflection,
            remarks: fields::opt::<Text240>(values, "remarks")?,
        })
    }
}

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let mut s = Screen::new("system_settings.codes", TITLE);
    s.intro = vec![
        "「設定情報」に利用者コード一覧が表示されていますので、パスワード初期化を行う利用者コードの「選択」ボタンをクリックしてください。入力完了後に、「システム設定申込確認へ進む」ボタンをクリックしてください。".into(),
    ];
    s.form = Some(common::form(
        cx,
        vec![
            common::back_button(),
            common::save_button(),
            Button::new("op", "next", "システム設定申込確認へ進む").arrow(Arrow::Forward),
        ],
    ));
    s.errors = spec::error_list(&[&REGISTRATION], errors);
    let office_code = super::office_code(cx).unwrap_or_default();
    let registered = crate::center::settings::registered_names(cx.ws, &office_code);
    let codes = cx
        .ws
        .state
        .offices
        .get(&office_code)
        .map(|o| crate::center::settings::office_codes(&o.contract))
        .unwrap_or_default();
    let mut columns: Vec<Text> = CODE_COLUMNS.iter().map(|&c| Text::from(c)).collect();
    columns.push("パスワード初期化の登録".into());
    s.blocks.push(Block::Table(Table {
        caption: "設定情報".into(),
        columns,
        rows: codes
            .iter()
            .map(|c| {
                let mut cells = code_cells(c, registered.get(&c.code));
                cells.push(Cell::Button(Button::new(
                    "op",
                    format!("select:{}", c.code),
                    "選択",
                )));
                cells
            })
            .collect(),
    }));
    s.blocks.push(Block::Text(vec![
        "申込情報を修正する場合は、「修正」ボタンをクリックしてください。".into(),
    ]));
    let draft = cx.settings_draft().clone();
    let mut columns: Vec<Text> = CODE_COLUMNS.iter().map(|&c| Text::from(c)).collect();
    columns.extend(["修正".into(), "削除".into()]);
    s.blocks.push(Block::Table(Table {
        caption: "申込情報".into(),
        columns,
        rows: draft
            .codes
            .iter()
            .enumerate()
            .map(|(i, setting)| {
                let info = codes.iter().find(|c| c.code == setting.user_code.as_str());
                let mut cells = super::view::setting_cells(setting, info);
                cells.push(Cell::Button(Button::new("op", format!("edit:{i}"), "修正")));
                cells.push(Cell::Button(Button::new(
                    "op",
                    format!("delete:{i}"),
                    "削除",
                )));
                cells
            })
            .collect(),
    }));
    let values = slot_values(&draft.registration);
    s.blocks
        .push(Block::Section(spec::build(&REGISTRATION, &values, errors)));
    s
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    let today = cx.now.date_naive();
    let draft = cx.settings_draft();
    let mut values = slot_values(&draft.registration).into_owned();
    spec::read(&REGISTRATION, form, &mut values);
    let (slot, mut errors) = fields::slot_from::<Registration>(values, &today);
    draft.registration = slot;
    let op = form.op();
    if let Some(code) = op.strip_prefix("select:") {
        return open(cx, code.to_string());
    }
    if let Some(i) = op
        .strip_prefix("edit:")
        .and_then(|i| i.parse::<usize>().ok())
    {
        let Some(code) = draft.codes.get(i).map(|c| c.user_code.as_str().to_string()) else {
            return Step::Refresh;
        };
        return open(cx, code);
    }
    if let Some(i) = op
        .strip_prefix("delete:")
        .and_then(|i| i.parse::<usize>().ok())
    {
        if i < draft.codes.len() {
            draft.codes.remove(i);
        }
        return Step::Refresh;
    }
    match op {
        "back" => Step::Back,
        "save" => common::save_and_logout(cx),
        "next" => {
            if draft.codes.is_empty() {
                errors.insert("_codes".into(), NO_CODE.into());
            }
            if errors.is_empty() {
                Step::Next
            } else {
                Step::Stay(errors)
            }
        }
        _ => Step::Refresh,
    }
}

/// 「選択」 or 「修正」: システム設定情報 入力 of the code.
fn open(cx: &mut Cx, user_code: String) -> Step {
    match code::open(cx, &user_code) {
        Some(detail) => {
            cx.settings_draft().detail = Some(detail);
            Step::Go("system_settings.code")
        }
        None => Step::Refresh,
    }
}
