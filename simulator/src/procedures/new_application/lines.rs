//! 回線・論理端末 入力 (一般NACCS, M003:l.551-625): the lines with their logical terminals (each
//! entered on 回線サービス・論理端末情報 入力), 事業所コード(機器共用先), the システム構成図 with its
//! STEP1–3, and the check box for those who apply for no line here.

use super::attachments;
use crate::application::draft::{LineDetailDraft, NewApplicationDraft};
use crate::application::new::{LineChoices, LineRequest, LineSite};
use crate::center::checks;
use crate::domain::sharing::{self, Applicant, OfficeRef};
use crate::procedures::common::{self, nav_buttons};
use crate::procedures::fields::{self, ScreenForm, slot_values};
use crate::procedures::{Cx, Step};
use crate::screen::form::FormInput;
use crate::screen::spec::{self, FieldErrors, FieldSpec, Fmt, Input, RowSpec, SectionSpec, Values};
use crate::screen::{Block, Button, Cell, Screen, Table, Text};
use crate::workspace::Workspace;

/// The screen's title as printed.
pub const TITLE: &str = "回線・論理端末 入力";

/// Where STEP1's diagram template is served (`http::router`).
pub const TEMPLATE_PATH: &str = "/_static/system-diagram-template.csv";

/// STEP1's template (「画面からシステム構成図をダウンロードして作成ください。」, M003:l.602-603):
/// the real one is a drawing form the manuals do not show; this one asks for the same facts the
/// lists hold, as a CSV a spreadsheet opens (UTF-8 with a byte-order mark).
pub const TEMPLATE: &str = "\u{FEFF}システム構成図（ひな形）\r
企業名,\r
事業所名,\r
作成日,\r
\r
回線・ルータ\r
ルータ番号,区分,接続方式,接続種別,アクセス速度,回線種別,設置場所\r
1,,,,,,\r
\r
論理端末・サーバ\r
ルータ番号,利用機器区分,バックアップ区分,台数,設置場所\r
1,,,,\r
\r
構成図\r
回線・ルータ・論理端末（サーバ）の接続を図示してください。\r
";

/// 「回線・論理端末に関する項目」: its explanation; the lists below it are 申込情報(回線) and
/// 申込情報(論理端末).
pub const LINES: SectionSpec = SectionSpec {
    heading: "回線・論理端末に関する項目",
    lines: &[
        "NACCSを利用するために必要な回線・論理端末を登録します。",
        "「新規に回線・論理端末を追加する」ボタンをクリックして、利用する回線サービスおよび論理端末の台数を入力してください。",
        "回線サービス・論理端末情報入力画面で詳細情報を入力すると、「申込情報」に反映されます。",
    ],
    rows: &[],
};

pub const SHARING: SectionSpec = SectionSpec {
    heading: "機器共用に関する項目",
    lines: &[
        "既に他の事業所で利用している回線・論理端末のご利用を希望する場合は、当該事業所の事業所コードを入力してください。",
        "機器共用を依頼する場合、回線・論理端末に関する項目の入力は不要です。",
        "機器共用は同一企業内でのみ可能です。",
    ],
    rows: &[RowSpec {
        label: "事業所コード(機器共用先)",
        fields: &[FieldSpec::text("sharing_office")
            .fmt(Fmt::OfficeCode)
            .optional()
            .example("例) NACCS1")],
        notes: &["機器共用を申し込みの際は、事前にNACCSセンターにお問い合わせを行ってください。"],
    }],
};

pub const DIAGRAM: SectionSpec = SectionSpec {
    heading: "システム構成図に関する項目",
    lines: &[
        // Then `attachments::DIAGRAM_STEPS`.
        "新規申込の場合は「システム構成図」のご提出が必要です。",
    ],
    rows: &[RowSpec {
        label: "システム構成図",
        fields: &[FieldSpec::text("diagram")
            .input(Input::File)
            .optional()
            .button("attach_diagram", "システム構成図を添付する")],
        notes: &[],
    }],
};

/// M003:l.619: the box for those who apply for no line here.
pub const NO_LINES_TEXT: &str =
    "機器共用・共同利用、回線付替を別途申込、または自社システムを利用します。";

pub const NO_LINES: SectionSpec = SectionSpec {
    heading: "",
    lines: &[],
    rows: &[RowSpec {
        label: "",
        fields: &[FieldSpec::text("no_lines")
            .input(Input::Check(NO_LINES_TEXT))
            .optional()],
        notes: &[],
    }],
};

pub const SECTIONS: [&SectionSpec; 3] = [&SHARING, &DIAGRAM, &NO_LINES];

/// The columns of 申込情報(回線) as M003 prints them (l.577-578), before 修正 / 削除.
pub const LINE_COLUMNS: [&str; 12] = [
    "申込内容",
    "区分",
    "接続方式",
    "EDIFACTの要否",
    "接続種別",
    "アクセス速度 回線種別",
    "屋内配線工事",
    "保守時間帯",
    "ルータ番号",
    "工事希望日",
    "設置場所 オプション",
    "他事業所と共用",
];

/// The columns of 申込情報(論理端末) (M003:l.583).
pub const TERMINAL_COLUMNS: [&str; 6] = [
    "申込内容",
    "ルータ番号",
    "区分",
    "利用機器区分",
    "バックアップ区分",
    "論理端末数",
];

/// The printed rows of 申込情報(回線): one per line, its ルータ番号 the line's place in the list.
pub fn line_rows(lines: &[LineRequest]) -> Vec<Vec<String>> {
    (1..)
        .zip(lines)
        .map(|(router, l): (u32, &LineRequest)| line_row("追加", router, l))
        .collect()
}

/// One printed row of 申込情報(回線): 申込内容 `mark` (「追加」 on a new application; a change
/// also prints 「変更」) and the line at ルータ番号 `router`.
pub fn line_row(mark: &str, router: u32, l: &LineRequest) -> Vec<String> {
    let site = match &l.site {
        LineSite::SameAsOffice => "事業所に同じ".to_string(),
        LineSite::Other(place) => place.as_str().to_string(),
    };
    vec![
        mark.to_string(),
        l.system.short().to_string(),
        l.connection.short().to_string(),
        l.edifact.label().to_string(),
        l.kind.short().to_string(),
        format!("{} {}", l.speed.label(), l.line_type.short()),
        l.indoor_wiring.label().to_string(),
        l.maintenance.short().to_string(),
        router.to_string(),
        crate::clock::format_date(l.works_wish.date()),
        format!("{site} {}", l.option.label()),
        l.shared.short().to_string(),
    ]
}

/// The printed rows of 申込情報(論理端末).
pub fn terminal_rows(lines: &[LineRequest]) -> Vec<Vec<String>> {
    (1..)
        .zip(lines)
        .map(|(router, l): (u32, &LineRequest)| terminal_row("追加", router, l))
        .collect()
}

/// One printed row of 申込情報(論理端末): the terminals of the line at ルータ番号 `router`.
pub fn terminal_row(mark: &str, router: u32, l: &LineRequest) -> Vec<String> {
    vec![
        mark.to_string(),
        router.to_string(),
        l.system.short().to_string(),
        l.device.short().to_string(),
        l.backup.label().to_string(),
        l.terminals.to_string(),
    ]
}

/// What the rules of the screen need besides its values.
pub struct LinesContext<'a> {
    /// How many lines 申込情報(回線) lists.
    pub lines: usize,
    /// Whether a システム構成図 is attached.
    pub has_diagram: bool,
    /// The workspace's offices (事業所コード(機器共用先)).
    pub offices: Vec<OfficeRef<'a>>,
    /// 事業所・企業 入力 as accepted.
    pub applicant: Option<Applicant<'a>>,
}

pub fn context<'a>(ws: &'a Workspace, draft: &'a NewApplicationDraft) -> LinesContext<'a> {
    LinesContext {
        lines: draft.lines.len(),
        has_diagram: draft.diagram.is_some(),
        offices: checks::offices(ws),
        applicant: draft.office.parsed().map(checks::applicant),
    }
}

/// The rules of the screen that need no workspace: lines, a 機器共用先 or the box; a new line
/// with its diagram (M003:l.599 「新規申込の場合は「システム構成図」のご提出が必要です。」); a
/// 機器共用先 with no line (M003:l.594); a 機器共用先 with its diagram or the box (as on
/// 論理端末・証明書 入力, docs/decisions.md, issue 11, Q4 and issue 12, Q33). Registration
/// checks them again (the draft's lines may change after the screen).
pub fn structure(
    lines: usize,
    sharing: bool,
    no_lines: bool,
    has_diagram: bool,
) -> Result<(), (&'static str, &'static str)> {
    if sharing && lines > 0 {
        return Err((
            "sharing_office",
            "機器共用を依頼する場合、回線・論理端末に関する項目の入力は不要です。",
        ));
    }
    if lines > 0 && no_lines {
        return Err((
            "no_lines",
            "回線・論理端末を追加した場合は、「機器共用・共同利用、回線付替を別途申込、または自社システムを利用します。」のチェックを外してください。",
        ));
    }
    if lines == 0 && !sharing && !no_lines {
        return Err((
            "no_lines",
            "「新規に回線・論理端末を追加する」ボタンで回線・論理端末を追加するか、事業所コード(機器共用先)を入力するか、「機器共用・共同利用、回線付替を別途申込、または自社システムを利用します。」にチェックを入れてください。",
        ));
    }
    if lines > 0 && !has_diagram {
        return Err((
            "diagram",
            "新規申込の場合は「システム構成図」のご提出が必要です。STEP1～STEP3に従い、システム構成図を添付してください。",
        ));
    }
    if sharing && !has_diagram && !no_lines {
        return Err((
            "no_lines",
            "システム構成図を添付するか、「機器共用・共同利用、回線付替を別途申込、または自社システムを利用します。」にチェックを入れてください。",
        ));
    }
    Ok(())
}

impl ScreenForm for LineChoices {
    type Context<'a> = LinesContext<'a>;

    fn to_values(&self) -> Values {
        let mut v = Values::new();
        fields::set_opt(&mut v, "sharing_office", &self.sharing_office);
        fields::set(&mut v, "no_lines", if self.no_lines { "1" } else { "" });
        v
    }

    fn parse(values: &Values, cx: &LinesContext<'_>) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        for sec in SECTIONS {
            spec::validate(sec, values, &mut errors);
        }
        let owner = fields::raw(values, "sharing_office").trim();
        let no_lines = fields::raw(values, "no_lines") == "1";
        if let Err((field, msg)) = structure(cx.lines, !owner.is_empty(), no_lines, cx.has_diagram)
        {
            errors.entry(field.to_string()).or_insert(msg.to_string());
        }
        // The owner, as on 論理端末・証明書 入力 (M003:l.587-595; M002 l.16-21).
        if !owner.is_empty()
            && !errors.contains_key("sharing_office")
            && let Err(e) = sharing::equipment_owner(&cx.offices, owner, cx.applicant.as_ref())
        {
            errors.insert("sharing_office".into(), e.japanese());
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(LineChoices {
            sharing_office: fields::opt(values, "sharing_office")?,
            no_lines,
        })
    }
}

pub fn list_table(caption: &'static str, columns: &[&'static str], rows: Vec<Vec<Cell>>) -> Block {
    Block::Table(Table {
        caption: caption.into(),
        columns: columns.iter().map(|&c| Text::from(c)).collect(),
        rows,
    })
}

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let mut s = Screen::new("new_application.lines", TITLE);
    s.intro = vec![
        "回線・論理端末の情報を入力してください。".into(),
        "入力完了後に、「次へ進む」ボタンをクリックしてください。".into(),
    ];
    let mut form = common::form(cx, nav_buttons());
    form.multipart = true;
    s.form = Some(form);
    let draft = &*cx.new_draft();
    let values = slot_values(&draft.line_choices);
    s.errors = spec::error_list(&SECTIONS, errors);
    s.blocks
        .push(Block::Section(spec::build(&LINES, &values, errors)));
    s.blocks.push(Block::Buttons(vec![Button::new(
        "op",
        "add_line",
        "新規に回線・論理端末を追加する",
    )]));
    s.blocks.push(Block::Text(vec![
        "申込情報を修正する場合は、「修正」ボタンをクリックして登録画面で修正してください。".into(),
        "申込情報を削除する場合は、「削除」ボタンをクリックして登録内容を削除してください。".into(),
    ]));
    let mut columns = LINE_COLUMNS.to_vec();
    columns.extend(["修正", "削除"]);
    let rows = line_rows(&draft.lines)
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let mut cells: Vec<Cell> = r.into_iter().map(Cell::from).collect();
            cells.push(Cell::Button(Button::new(
                "op",
                format!("edit_line:{i}"),
                "修正",
            )));
            cells.push(Cell::Button(Button::new(
                "op",
                format!("delete_line:{i}"),
                "削除",
            )));
            cells
        })
        .collect();
    s.blocks.push(list_table("申込情報(回線)", &columns, rows));
    s.blocks.push(Block::Text(vec![
        "※回線工事を行う場合、実際の工事日は別途弊社よりご連絡後に決定となります。".into(),
    ]));
    let rows = terminal_rows(&draft.lines)
        .into_iter()
        .map(|r| r.into_iter().map(Cell::from).collect())
        .collect();
    s.blocks
        .push(list_table("申込情報(論理端末)", &TERMINAL_COLUMNS, rows));
    s.blocks
        .push(Block::Section(spec::build(&SHARING, &values, errors)));
    s.blocks.extend(attachments::diagram_blocks(
        &DIAGRAM,
        &values,
        errors,
        draft.diagram.as_ref(),
    ));
    s.blocks
        .push(Block::Section(spec::build(&NO_LINES, &values, errors)));
    s
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    let draft = cx.new_draft();
    // A file refused (not a file, empty, too large): nothing changes, the screen says why.
    if let Some(Err(msg)) = attachments::diagram_buttons(&mut draft.diagram, form) {
        return Step::Stay(FieldErrors::from([(
            "diagram".to_string(),
            msg.to_string(),
        )]));
    }
    let op = form.op();
    let row_of = |prefix: &str| {
        op.strip_prefix(prefix)
            .and_then(|i| i.parse::<usize>().ok())
    };
    if let Some(i) = row_of("delete_line:")
        && i < draft.lines.len()
    {
        draft.lines.remove(i);
    }
    let mut values = slot_values(&draft.line_choices).into_owned();
    for sec in SECTIONS {
        spec::read(sec, form, &mut values);
    }
    cx.ws.seed_customers();
    let (slot, errors) = {
        let Some(draft) = super::draft_of(cx.session) else {
            return Step::Refresh;
        };
        fields::slot_from::<LineChoices>(values, &context(cx.ws, draft))
    };
    let draft = cx.new_draft();
    draft.line_choices = slot;
    if let Some(i) = row_of("edit_line:")
        && let Some(row) = draft.lines.get(i)
    {
        draft.line_detail = Some(LineDetailDraft {
            editing: Some(i),
            raw: row.to_values(),
        });
        return Step::Go("new_application.line_detail");
    }
    match op {
        "add_line" => {
            draft.line_detail = Some(LineDetailDraft::default());
            Step::Go("new_application.line_detail")
        }
        "back" => Step::Back,
        "save" => common::save_and_logout(cx),
        "next" if errors.is_empty() => Step::Next,
        "next" => Step::Stay(errors),
        _ => Step::Refresh,
    }
}
