//! 論理端末・証明書 入力 (M000 【20】): terminals, webNACCS certificates, equipment sharing and
//! the system diagram.

use crate::procedures::common::{self, nav_buttons};
use crate::procedures::{Cx, Step};
use crate::screen::form::FormInput;
use crate::screen::spec::{self, FieldErrors, FieldSpec, Fmt, Input, RowSpec, SectionSpec, Values};
use crate::screen::{Block, Button, Cell, Screen, Table, Text};
use crate::workspace::application::Attachment;
use crate::workspace::session::At;

pub const TERMINALS: SectionSpec = SectionSpec {
    heading: "論理端末に関する項目",
    lines: &[
        "NACCSを利用するために必要な論理端末の情報を登録します。必要な論理端末数を入力してください。",
        "※当該論理端末用のデジタル証明書も併せて発行いたします。",
    ],
    rows: &[
        RowSpec {
            label: "論理端末数 (netNACCS)",
            fields: &[FieldSpec::text("terminals_net")
                .fmt(Fmt::Count)
                .unit("台")
                .optional()],
            notes: &["利用するパソコンの台数を入力してください。"],
        },
        RowSpec {
            label: "論理端末数 (eBMS:自社システム用)",
            fields: &[FieldSpec::text("terminals_ebms")
                .fmt(Fmt::Count)
                .unit("台")
                .optional()],
            notes: &[],
        },
    ],
};

pub const WEB: SectionSpec = SectionSpec {
    heading: "webNACCSに関する項目",
    lines: &[
        "webNACCSのみを利用するために必要なデジタル証明書の情報を登録します。必要なデジタル証明書数を入力してください。",
    ],
    rows: &[RowSpec {
        label: "デジタル証明書数 (webNACCS)",
        fields: &[FieldSpec::text("certificates_web")
            .fmt(Fmt::Count)
            .unit("枚")
            .optional()],
        notes: &[],
    }],
};

pub const SHARING: SectionSpec = SectionSpec {
    heading: "機器共用に関する項目",
    lines: &[
        "既に他の事業所で利用している論理端末のご利用を希望する場合は、当該事業所の事業所コードを入力してください。",
        "機器共用を申請する場合、論理端末に関する項目、デジタル証明書に関する項目の入力は不要です。",
        "機器共用は同一企業内でのみ可能です。",
    ],
    rows: &[RowSpec {
        label: "事業所コード(機器共用先)",
        fields: &[FieldSpec::text("sharing_office")
            .fmt(Fmt::OfficeCode)
            .optional()
            .example("例) NACCS1")],
        notes: &["機器共用を申し込む際は、事前にNACCSセンターにお問い合わせを行ってください。"],
    }],
};

pub const DIAGRAM: SectionSpec = SectionSpec {
    heading: "システム構成図に関する項目",
    lines: &[
        "既に他の事業所で利用している論理端末のご利用を希望する場合は、回線・論理端末の配置図である「システム構成図」のご提出が必要です。",
        "「参照」ボタンでファイルを選択し、「システム構成図を添付する」ボタンをクリックすると、添付ファイル名が表示されます。",
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

pub const NO_DIAGRAM: SectionSpec = SectionSpec {
    heading: "",
    lines: &[],
    rows: &[RowSpec {
        label: "",
        fields: &[FieldSpec::text("no_diagram")
            .input(Input::Check(
                "機器共用・共同利用、図様添付を希望せず、または自社システムを利用します。",
            ))
            .optional()],
        notes: &[],
    }],
};

const SECTIONS: [&SectionSpec; 5] = [&TERMINALS, &WEB, &SHARING, &DIAGRAM, &NO_DIAGRAM];

/// The attached-file table (システム構成図, 添付ファイル): name, size and a delete button.
pub fn attachment_table(caption: &'static str, files: &[&Attachment], delete_op: &str) -> Table {
    Table {
        caption: caption.into(),
        columns: ["添付ファイル名", "ファイルサイズ", "削除"]
            .map(Text::from)
            .to_vec(),
        rows: files
            .iter()
            .enumerate()
            .map(|(i, f)| {
                vec![
                    Cell::from(f.name.clone()),
                    Cell::from(format!("{} バイト", f.size)),
                    Cell::Button(Button::new("op", format!("{delete_op}:{i}"), "削除")),
                ]
            })
            .collect(),
    }
}

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let mut s = Screen::new("new_application.terminals", "論理端末・証明書 入力");
    s.intro = vec![
        "論理端末またはデジタル証明書の情報を入力してください。".into(),
        "入力完了後に「次へ進む」ボタンをクリックしてください。".into(),
    ];
    // The form first: the draft is then borrowed from the session, not copied.
    let mut form = common::form(cx, nav_buttons());
    form.multipart = true;
    let draft = &*common::draft(cx);
    s.errors = spec::error_list(&SECTIONS, errors);
    for sec in &SECTIONS[..4] {
        s.blocks
            .push(Block::Section(spec::build(sec, &draft.terminals, errors)));
    }
    let files: Vec<&Attachment> = draft.diagram.iter().collect();
    s.blocks
        .push(Block::Table(attachment_table("", &files, "remove_diagram")));
    s.blocks.push(Block::Section(spec::build(
        &NO_DIAGRAM,
        &draft.terminals,
        errors,
    )));
    s.form = Some(form);
    s
}

fn count(values: &Values, k: &str) -> u32 {
    values
        .get(k)
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0)
}

/// The rules across fields (M000 【20】).
pub fn check(values: &Values, has_diagram: bool, errors: &mut FieldErrors) {
    let total = count(values, "terminals_net")
        + count(values, "terminals_ebms")
        + count(values, "certificates_web");
    let sharing = values
        .get("sharing_office")
        .is_some_and(|v| !v.trim().is_empty());
    if sharing && total > 0 {
        errors.insert(
            "sharing_office".into(),
            "機器共用を申請する場合、論理端末に関する項目、デジタル証明書に関する項目の入力は不要です。".into(),
        );
    } else if sharing && !has_diagram {
        errors.insert(
            "diagram".into(),
            "機器共用を申請する場合は、システム構成図を添付してください。".into(),
        );
    } else if !sharing && total == 0 {
        errors.insert(
            "terminals_net".into(),
            "論理端末数、デジタル証明書数、または事業所コード(機器共用先)のいずれかを入力してください。".into(),
        );
    }
    if !has_diagram
        && values.get("no_diagram").is_none_or(|v| v != "1")
        && !errors.contains_key("diagram")
    {
        errors.insert(
            "no_diagram".into(),
            "システム構成図を添付するか、「機器共用・共同利用、図様添付を希望せず、または自社システムを利用します。」にチェックを入れてください。".into(),
        );
    }
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    let draft = common::draft(cx);
    for sec in SECTIONS {
        spec::read(sec, form, &mut draft.terminals);
    }
    let op = form.op();
    if op.starts_with("remove_diagram:") {
        draft.diagram = None;
        return Step::Refresh;
    }
    match op {
        "attach_diagram" => match form.file("diagram") {
            Some(f) => {
                draft.diagram = Some(Attachment {
                    name: f.filename.clone(),
                    size: f.size,
                });
                Step::Refresh
            }
            None => Step::Stay(FieldErrors::from([(
                "diagram".to_string(),
                "添付するファイルを選択してください。".to_string(),
            )])),
        },
        "back" => Step::Go(At::AppUsers),
        "save" => common::save_and_logout(cx),
        "next" => {
            let mut errors = FieldErrors::new();
            for sec in SECTIONS {
                spec::validate(sec, &draft.terminals, &mut errors);
            }
            check(&draft.terminals, draft.diagram.is_some(), &mut errors);
            if errors.is_empty() {
                Step::Go(At::AppPlan)
            } else {
                Step::Stay(errors)
            }
        }
        _ => Step::Refresh,
    }
}
