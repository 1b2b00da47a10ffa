//! How a システム設定申込 prints, read-only: the tables of システム設定申込内容 確認 (M004 ⑨),
//! which システム設定申込内容 参照 (M004 ③④) prints again for a registered application.

use super::applicant::PERSON;
use super::codes::REGISTRATION;
use crate::application::SystemSettingsApplication;
use crate::application::settings::{
    CodeSetting, EnglishNames, Reflection, Registration, SettingsApplicant,
};
use crate::center::settings::OfficeCode;
use crate::procedures::fields::ScreenForm;
use crate::screen::spec::{self, PartStyle};
use crate::screen::{Block, Cell, Table, Text};

/// The columns M004's 設定情報 and 申込情報 share (l.201, 350, 392).
pub const CODE_COLUMNS: [&str; 7] = [
    "利用者コード",
    "企業名(英)",
    "事業所名(英)",
    "事業所所在地(英)",
    "業務責任者名(英)",
    "区分",
    "業種",
];

fn industries(code: Option<&OfficeCode>) -> String {
    code.map(|c| {
        c.industries
            .iter()
            .map(|i| i.short())
            .collect::<Vec<_>>()
            .join("・")
    })
    .unwrap_or_default()
}

fn name_cells(code: &str, names: Option<&EnglishNames>, info: Option<&OfficeCode>) -> Vec<Cell> {
    let n = |f: fn(&EnglishNames) -> String| names.map(f).unwrap_or_default();
    vec![
        Cell::from(code.to_string()),
        Cell::from(n(|n| n.company.as_str().to_string())),
        Cell::from(n(|n| n.office.as_str().to_string())),
        Cell::from(n(EnglishNames::address_line)),
        Cell::from(n(|n| n.manager.as_str().to_string())),
        Cell::from(info.map(|c| c.system.short()).unwrap_or("").to_string()),
        Cell::from(industries(info)),
    ]
}

/// A row of 設定情報: a code of the office with what NACCS holds for it.
pub fn code_cells(code: &OfficeCode, names: Option<&EnglishNames>) -> Vec<Cell> {
    name_cells(&code.code, names, Some(code))
}

/// A row of 申込情報: a code as this application sets it.
pub fn setting_cells(setting: &CodeSetting, info: Option<&OfficeCode>) -> Vec<Cell> {
    name_cells(setting.user_code.as_str(), Some(&setting.names), info)
}

/// その他の情報 of a row (M004 l.403-405 prints a 「詳細」 button there; the simulator prints what
/// the detail holds: docs/decisions.md "Issue 13", 「その他の情報」).
pub fn other_info(setting: &CodeSetting) -> String {
    let mut parts = Vec::new();
    if let Some(r) = &setting.reset {
        let ids: Vec<&str> = r.ids.iter().map(|i| i.ident.as_str()).collect();
        parts.push(format!("パスワード初期化（{}）", ids.join("、")));
    }
    if setting.all_offices {
        parts.push("企業名(英)を同一企業の全事業所に反映".to_string());
    }
    if parts.is_empty() {
        "-".to_string()
    } else {
        parts.join(" ")
    }
}

/// システム設定情報 / 申込情報 with その他の情報 (M004 l.401-405, 151-155), and, for the codes
/// whose passwords are initialised, the IDs and the reason.
pub fn settings_blocks(app: &SystemSettingsApplication, codes: &[OfficeCode]) -> Vec<Block> {
    let mut columns: Vec<Text> = CODE_COLUMNS.iter().map(|&c| Text::from(c)).collect();
    columns.push("その他の情報".into());
    let rows = app
        .codes
        .iter()
        .map(|s| {
            let info = codes.iter().find(|c| c.code == s.user_code.as_str());
            let mut cells = setting_cells(s, info);
            cells.push(Cell::from(other_info(s)));
            cells
        })
        .collect();
    let mut out = vec![Block::Table(Table {
        caption: "申込情報".into(),
        columns,
        rows,
    })];
    let resets: Vec<Vec<Cell>> = app
        .codes
        .iter()
        .filter_map(|s| {
            let r = s.reset.as_ref()?;
            let ids = r
                .ids
                .iter()
                .map(|i| super::code::id_label(i.method, s.user_code.as_str(), &i.ident))
                .collect::<Vec<_>>()
                .join("、");
            Some(vec![
                Cell::from(s.user_code.as_str().to_string()),
                Cell::from(ids),
                Cell::from(r.reason.as_str().to_string()),
            ])
        })
        .collect();
    if !resets.is_empty() {
        out.push(Block::Table(Table {
            caption: "パスワード初期化情報".into(),
            columns: [
                "利用者コード",
                "初期化を希望する利用者ID",
                "パスワード初期化の希望理由",
            ]
            .map(Text::from)
            .to_vec(),
            rows: resets,
        }));
    }
    out
}

/// The printed NACCS反映タイミング and NACCS登録希望日 (「2021/02/12」, M004 l.133).
pub fn reflection_cells(r: &Registration) -> (String, String) {
    match &r.reflection {
        Reflection::Earliest => ("最短の日程で登録を希望".to_string(), String::new()),
        Reflection::OnDate(d) => (
            "日付を指定して登録を希望".to_string(),
            crate::clock::format_date(d.date()),
        ),
    }
}

fn item_table(caption: &'static str, rows: Vec<Vec<Cell>>) -> Block {
    Block::Table(Table {
        caption: caption.into(),
        columns: spec::summary_columns(),
        rows,
    })
}

/// NACCS登録希望日に関する項目 of the 確認 (M004 l.380-386).
pub fn registration_block(r: &Registration) -> Block {
    item_table(
        REGISTRATION.heading,
        spec::summary_rows(&REGISTRATION, &r.to_values(), PartStyle::Joined),
    )
}

/// 申込担当者情報 (M004 l.391-397 and 137-145: 氏名 and フリガナ joined, 所属部課名 on the 確認).
pub fn applicant_block(
    caption: &'static str,
    p: &crate::application::Person,
    department: &'static str,
) -> Block {
    let v = SettingsApplicant(p.clone()).to_values();
    let mut rows = spec::summary_rows(&PERSON, &v, PartStyle::Joined);
    for r in rows.iter_mut() {
        if matches!(r.first(), Some(Cell::Text(l)) if l == "所属部署名") {
            r[0] = Cell::from(department);
        }
    }
    item_table(caption, rows)
}
