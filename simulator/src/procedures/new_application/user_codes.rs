//! 利用者コード 入力, the list (M000 【17】【19】).

use crate::domain::lists::{Industry, Necessity, ProcessingMethod, SystemKind};
use crate::procedures::common::{self, nav_buttons};
use crate::procedures::{Cx, Step};
use crate::screen::form::FormInput;
use crate::screen::spec::{self, FieldErrors, FieldSpec, Input, RowSpec, SectionSpec};
use crate::screen::{Block, Button, Cell, Screen, Section, Table, Text};
use crate::workspace::application::{UserCodeDetail, UserCodeRow};
use crate::workspace::session::At;

pub const TRANSFER: SectionSpec = SectionSpec {
    heading: "",
    lines: &[],
    rows: &[RowSpec {
        label: "",
        fields: &[FieldSpec::text("users_transfer")
            .input(Input::Check(
                "利用者IDは他事業所より付け替え、または別途申し込みします。",
            ))
            .optional()],
        notes: &[],
    }],
};

/// The columns of 申込情報 (M000 【19】).
pub const COLUMNS: [&str; 10] = [
    "申込内容",
    "区分",
    "業種",
    "処理方式",
    "利用者コード",
    "識別番号数",
    "管理統計資料(有料分)",
    "管理統計資料(無料分)",
    "保税管理資料保存サービス",
    "他事業所と共用",
];

fn mark(code: Option<&String>) -> &'static str {
    Necessity::from_code(code.map(String::as_str).unwrap_or("no"))
        .unwrap_or(Necessity::No)
        .short()
}

/// The printed rows of 申込情報, one per 識別番号 setting (M000 【19】: 追加 共用 貿サブ net 追加1 1 × × × —).
pub fn rows(codes: &[UserCodeRow]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for (i, row) in codes.iter().enumerate() {
        let v = &row.values;
        let system = SystemKind::from_code(v.get("system").map(String::as_str).unwrap_or(""))
            .map(|s| s.short())
            .unwrap_or("");
        let code = if row.shared {
            v.get("shared_code").cloned().unwrap_or_default()
        } else {
            format!("追加{}", i + 1)
        };
        for setting in &row.settings {
            let industries = setting
                .industries
                .iter()
                .filter_map(|c| Industry::from_code(c))
                .map(|i| i.short())
                .collect::<Vec<_>>()
                .join("・");
            let method = ProcessingMethod::from_code(&setting.method)
                .map(|m| m.short())
                .unwrap_or("");
            out.push(vec![
                "追加".to_string(),
                system.to_string(),
                industries,
                method.to_string(),
                code.clone(),
                setting.count.to_string(),
                mark(v.get("stats_paid")).to_string(),
                mark(v.get("stats_free")).to_string(),
                mark(v.get("storage")).to_string(),
                if row.shared {
                    "あり".to_string()
                } else {
                    "—".to_string()
                },
            ]);
        }
    }
    out
}

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let mut s = Screen::new("new_application.user_codes", "利用者コード 入力");
    s.intro = vec![
        "利用者コードを入力してください。".into(),
        "入力完了後に「次へ進む」ボタンをクリックしてください。".into(),
    ];
    // The form first: the draft is then borrowed from the session, not copied.
    let form = common::form(cx, nav_buttons());
    let draft = &*common::draft(cx);
    s.errors = spec::error_list(&[&TRANSFER], errors);
    s.blocks.push(Block::Section(Section {
        heading: "利用者コードに関する項目".into(),
        lines: [
            "自社システム利用のお客様以外は、必ず利用者コードを登録してください。",
            "NACCSを利用するために必要な「利用者コード」を登録します。",
            "新規に利用者コードを追加する場合は、「新規に利用者コードを追加する」ボタンをクリックしてください。",
            "他事業所の利用者コードを共用する場合は、「他事業所の利用者コードを共用する」ボタンをクリックしてください。",
            "(他事業所の利用者コードの共用には、制限があります。詳細は「利用規約」をご確認ください。)",
        ]
        .map(Text::from)
        .to_vec(),
        rows: Vec::new(),
    }));
    s.blocks.push(Block::Buttons(vec![
        Button::new("op", "add_new", "新規に利用者コードを追加する"),
        Button::new("op", "add_shared", "他事業所の利用者コードを共用する"),
    ]));
    s.blocks.push(Block::Text(vec![
        "申込情報を修正する場合は、「修正」ボタンをクリックして登録画面で修正してください。".into(),
        "申込情報を削除する場合は、「削除」ボタンをクリックして登録内容を削除してください。".into(),
    ]));
    let mut columns: Vec<Text> = COLUMNS.iter().map(|&c| Text::from(c)).collect();
    columns.extend(["修正".into(), "削除".into()]);
    // One printed line per setting; the buttons act on the user code the line belongs to.
    let mut table_rows = Vec::new();
    for (i, row) in draft.user_codes.iter().enumerate() {
        for line in rows(std::slice::from_ref(row)) {
            let mut cells: Vec<Cell> = line.into_iter().map(Cell::from).collect();
            if let Cell::Text(code) = &mut cells[4]
                && !row.shared
            {
                *code = format!("追加{}", i + 1).into();
            }
            cells.push(Cell::Button(Button::new("op", format!("edit:{i}"), "修正")));
            cells.push(Cell::Button(Button::new(
                "op",
                format!("delete:{i}"),
                "削除",
            )));
            table_rows.push(cells);
        }
    }
    s.blocks.push(Block::Table(Table {
        caption: "申込情報".into(),
        columns,
        rows: table_rows,
    }));
    s.blocks
        .push(Block::Section(spec::build(&TRANSFER, &draft.users, errors)));
    s.form = Some(form);
    s
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    let draft = common::draft(cx);
    spec::read(&TRANSFER, form, &mut draft.users);
    let op = form.op();
    if let Some(i) = op
        .strip_prefix("edit:")
        .and_then(|i| i.parse::<usize>().ok())
    {
        let Some(row) = draft.user_codes.get(i).cloned() else {
            return Step::Refresh;
        };
        draft.detail = Some(UserCodeDetail {
            editing: Some(i),
            shared: row.shared,
            values: row.values,
            settings: row.settings,
        });
        return Step::Go(At::AppUserDetail);
    }
    if let Some(i) = op
        .strip_prefix("delete:")
        .and_then(|i| i.parse::<usize>().ok())
    {
        if i < draft.user_codes.len() {
            draft.user_codes.remove(i);
        }
        return Step::Refresh;
    }
    match op {
        "add_new" | "add_shared" => {
            draft.detail = Some(UserCodeDetail {
                editing: None,
                shared: op == "add_shared",
                values: Default::default(),
                settings: Vec::new(),
            });
            Step::Go(At::AppUserDetail)
        }
        "back" => Step::Go(At::AppOffice),
        "save" => common::save_and_logout(cx),
        "next" => {
            // M000 【17】: a user code is required unless the IDs come from elsewhere.
            if draft.user_codes.is_empty()
                && draft.users.get("users_transfer").is_none_or(|v| v != "1")
            {
                return Step::Stay(FieldErrors::from([(
                    "users_transfer".to_string(),
                    "利用者コードを1件以上登録するか、「利用者IDは他事業所より付け替え、または別途申し込みします。」にチェックを入れてください。".to_string(),
                )]));
            }
            Step::Go(At::AppTerminals)
        }
        _ => Step::Refresh,
    }
}
