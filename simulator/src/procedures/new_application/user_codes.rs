//! 利用者コード 入力, the list (M000 【17】【19】).

use crate::application::draft::{NewApplicationDraft, UserCodeDetailDraft};
use crate::application::new::UserCodeRequest;
use crate::center::checks;
use crate::domain::lists::Necessity;
use crate::domain::sharing;
use crate::procedures::common::{self, nav_buttons};
use crate::procedures::fields::ScreenForm;
use crate::procedures::{Cx, Step};
use crate::screen::form::FormInput;
use crate::screen::spec::{self, FieldErrors, FieldSpec, Input, RowSpec, SectionSpec, Values};
use crate::screen::{Block, Button, Cell, Screen, Table, Text};
use crate::workspace::Workspace;

/// The screen's title as printed.
pub const TITLE: &str = "利用者コード 入力";

/// 「利用者コードに関する項目」: the heading and its explanation; the list below it is the table
/// 申込情報, and the check box under it stands in this section too.
pub const CODES: SectionSpec = SectionSpec {
    heading: "利用者コードに関する項目",
    lines: &[
        "自社システム利用のお客様以外は、必ず利用者コードを登録してください。",
        "NACCSを利用するために必要な「利用者コード」を登録します。",
        "新規に利用者コードを追加する場合は、「新規に利用者コードを追加する」ボタンをクリックしてください。",
        "他事業所の利用者コードを共用する場合は、「他事業所の利用者コードを共用する」ボタンをクリックしてください。",
        // M003:l.389-390 (2023), newer than M000 【17】.
        "(他事業所の利用者コードの共用には、制限がありますので事前にご確認ください。)",
        "利用者コード情報入力画面で詳細情報を入力すると、「申込情報」に反映されます。",
    ],
    rows: &[],
};

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

/// The printed rows of 申込情報, one per 識別番号 setting (M000 【19】: 追加 共用 貿サブ net 追加1 1 × × × —).
pub fn rows(codes: &[UserCodeRequest]) -> Vec<Vec<String>> {
    let mark = |n: Necessity| n.short().to_string();
    let mut out = Vec::new();
    for (i, row) in codes.iter().enumerate() {
        let code = match row.code.shared_code() {
            Some(c) => c.as_str().to_string(),
            None => format!("追加{}", i + 1),
        };
        for setting in &row.settings {
            let industries = setting
                .industries
                .iter()
                .map(|i| i.short())
                .collect::<Vec<_>>()
                .join("・");
            // A shared code: 区分 blank, 「-」 for what it keeps of its own, 他事業所と共用 「o」
            // (M003:l.540 「追加 (blank) 通関 双方向 CP999 1 - - - o」).
            let shared = row.code.shared_code().is_some();
            let own = |n: Necessity| if shared { "-".to_string() } else { mark(n) };
            out.push(vec![
                "追加".to_string(),
                row.code
                    .system()
                    .map_or(String::new(), |s| s.short().to_string()),
                industries,
                setting.method.short().to_string(),
                code.clone(),
                setting.count.to_string(),
                own(row.stats_paid),
                own(row.stats_free),
                own(row.storage),
                if shared { "○" } else { "—" }.to_string(),
            ]);
        }
    }
    out
}

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let mut s = Screen::new("new_application.user_codes", TITLE);
    s.intro = vec![
        "利用者コードを入力してください。".into(),
        "入力完了後に「次へ進む」ボタンをクリックしてください。".into(),
    ];
    s.form = Some(common::form(cx, nav_buttons()));
    let draft = &*cx.new_draft();
    s.errors = spec::error_list(&[&TRANSFER], errors);
    s.blocks
        .push(Block::Section(spec::build(&CODES, &Values::new(), errors)));
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
                && row.code.shared_code().is_none()
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
    let transfer = Values::from([(
        "users_transfer".to_string(),
        if draft.users_transfer { "1" } else { "" }.to_string(),
    )]);
    s.blocks
        .push(Block::Section(spec::build(&TRANSFER, &transfer, errors)));
    s
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    let draft = cx.new_draft();
    let mut transfer = Values::new();
    spec::read(&TRANSFER, form, &mut transfer);
    draft.users_transfer = transfer.get("users_transfer").is_some_and(|v| v == "1");
    let op = form.op();
    if let Some(i) = op
        .strip_prefix("edit:")
        .and_then(|i| i.parse::<usize>().ok())
    {
        let Some(row) = draft.user_codes.get(i) else {
            return Step::Refresh;
        };
        draft.detail = Some(UserCodeDetailDraft {
            editing: Some(i),
            shared: row.code.shared_code().is_some(),
            raw: row.to_values(),
            settings: row.settings.clone(),
        });
        return Step::Go("new_application.user_code_detail");
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
            draft.detail = Some(UserCodeDetailDraft {
                shared: op == "add_shared",
                ..Default::default()
            });
            Step::Go("new_application.user_code_detail")
        }
        "back" => Step::Back,
        "save" => common::save_and_logout(cx),
        "next" => {
            if let Err(e) = check(draft.user_codes.len(), draft.users_transfer) {
                return Step::Stay(e);
            }
            cx.ws.seed_customers();
            let refused = super::draft_of(cx.session)
                .and_then(|d| rules(cx.ws, d).err())
                .map(|msg| FieldErrors::from([("_codes".to_string(), msg)]));
            match refused {
                Some(e) => Step::Stay(e),
                None => Step::Next,
            }
        }
        _ => Step::Refresh,
    }
}

/// The rules over the rows that the path or the workspace may have changed since each row was
/// set (the user went back and chose the other path, an office's codes changed): every 処理方式
/// on the chosen path, every shared code the company's and of one office (M003:l.355-357,
/// l.406-415).
pub fn rules(ws: &Workspace, d: &NewApplicationDraft) -> Result<(), String> {
    if let Some(connection) = d.connection
        && let Some(m) = d
            .user_codes
            .iter()
            .flat_map(|r| r.settings.iter().map(|s| s.method))
            .find(|m| !connection.allows(*m))
    {
        return Err(connection.refusal(m));
    }
    let codes: Vec<&str> = d
        .user_codes
        .iter()
        .filter_map(|r| r.code.shared_code().map(|c| c.as_str()))
        .collect();
    let company = d.office.parsed().map(|o| o.company.as_str());
    sharing::shared_codes_of_one_office(&checks::offices(ws), &codes, company)
        .map_err(|e| e.japanese())
}

/// M000 【17】: a user code is required unless the IDs come from elsewhere.
pub fn check(codes: usize, transfer: bool) -> Result<(), FieldErrors> {
    if codes == 0 && !transfer {
        return Err(FieldErrors::from([(
            "users_transfer".to_string(),
            "利用者コードを1件以上登録するか、「利用者IDは他事業所より付け替え、または別途申し込みします。」にチェックを入れてください。".to_string(),
        )]));
    }
    Ok(())
}
