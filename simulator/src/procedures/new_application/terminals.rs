//! 論理端末・証明書 入力 (M000 【20】): terminals, webNACCS certificates, equipment sharing and
//! the system diagram.

use super::attachments;
use crate::application::draft::NewApplicationDraft;
use crate::application::new::Terminals;
use crate::center::checks;
use crate::domain::sharing::{self, Applicant, OfficeRef};
use crate::procedures::common::{self, nav_buttons};
use crate::procedures::fields::{self, ScreenForm, slot_values};
use crate::procedures::{Cx, Step};
use crate::screen::form::FormInput;
use crate::screen::spec::{self, FieldErrors, FieldSpec, Fmt, Input, RowSpec, SectionSpec, Values};
use crate::screen::{Block, Screen, Section};
use crate::workspace::Workspace;

/// The screen's title as printed.
pub const TITLE: &str = "論理端末・証明書 入力";

pub const TERMINALS: SectionSpec = SectionSpec {
    heading: "論理端末に関する項目",
    lines: &[
        "NACCSを利用するために必要な論理端末の情報を登録します。必要な論理端末数を入力してください。",
        "※当該論理端末用のデジタル証明書も併せて発行いたします。",
        // M000 【20】 (l.1298): a reference, 「こちら」 linked to bbs/ in HTML.
        "※論理端末については、こちらをご覧ください。",
    ],
    rows: &[
        RowSpec {
            label: "論理端末数 (netNACCS)",
            fields: &[FieldSpec::text("terminals_net")
                .fmt(Fmt::Count)
                .unit("台")
                .optional()],
            // M000 【20】 (l.1304-1306), as printed.
            notes: &["netNACCSの利用者コードを取得する際に通知する台数を入力してください。"],
        },
        RowSpec {
            label: "論理端末数 (eBMS:自社システム用)",
            fields: &[FieldSpec::text("terminals_ebms")
                .fmt(Fmt::Count)
                .unit("台")
                .optional()],
            notes: &["eBMSの利用者コードを取得する際に通知する台数を入力してください。"],
        },
    ],
};

pub const WEB: SectionSpec = SectionSpec {
    heading: "webNACCSに関する項目",
    lines: &[
        "webNACCSのみを利用するために必要なデジタル証明書の情報を登録します。必要なデジタル証明書数を入力してください。",
        // M000 【20】 (l.1311), as printed: no cleaner capture of this line exists.
        "※webNACCSのデジタル証明書もwebNACCSも利用いただけます。",
    ],
    rows: &[RowSpec {
        label: "デジタル証明書数 (webNACCS)",
        fields: &[FieldSpec::text("certificates_web")
            .fmt(Fmt::Count)
            // M000 【20】 (l.1313-1316): certificates are counted in 冊.
            .unit("冊")
            .optional()],
        notes: &[
            "webNACCSの利用者コードを取得する際に通知するデジタル証明書の冊数を入力してください。",
        ],
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
        // M000 【20】 (l.1322): 「こちら」 linked to bbs/ in HTML.
        notes: &[
            "機器共用を申し込む際は、事前にNACCSセンターにお問い合わせを行ってください。(お問い合わせ先はこちら)",
        ],
    }],
};

pub const DIAGRAM: SectionSpec = SectionSpec {
    heading: "システム構成図に関する項目",
    lines: &[
        // M000 【20】 (l.1331; its OCR 「図様」 read as 回線); then `attachments::DIAGRAM_STEPS`.
        "既に他の事業所で利用している論理端末のご利用を希望する場合は、回線・論理端末の配置図である「システム構成図」のご提出が必要です。",
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

pub const SECTIONS: [&SectionSpec; 5] = [&TERMINALS, &WEB, &SHARING, &DIAGRAM, &NO_DIAGRAM];

/// What the rules of the screen need besides its values.
pub struct TerminalsContext<'a> {
    /// Whether a システム構成図 is attached.
    pub has_diagram: bool,
    /// The workspace's offices (事業所コード(機器共用先), M002 ⑦).
    pub offices: Vec<OfficeRef<'a>>,
    /// 事業所・企業 入力 as accepted: the 企業名 and 住所 the owner must share.
    pub applicant: Option<Applicant<'a>>,
}

/// The context of the screen's rules: the workspace's offices (the seeded customers among them)
/// and the draft's 事業所・企業 入力.
pub fn context<'a>(ws: &'a Workspace, draft: &'a NewApplicationDraft) -> TerminalsContext<'a> {
    TerminalsContext {
        has_diagram: draft.diagram.is_some(),
        offices: checks::offices(ws),
        applicant: draft.office.parsed().map(checks::applicant),
    }
}

impl ScreenForm for Terminals {
    type Context<'a> = TerminalsContext<'a>;

    fn to_values(&self) -> Values {
        let mut v = Values::new();
        fields::set_opt(&mut v, "terminals_net", &self.net);
        fields::set_opt(&mut v, "terminals_ebms", &self.ebms);
        fields::set_opt(&mut v, "certificates_web", &self.web_certificates);
        fields::set_opt(&mut v, "sharing_office", &self.sharing_office);
        fields::set(&mut v, "no_diagram", if self.no_diagram { "1" } else { "" });
        v
    }

    fn parse(values: &Values, cx: &TerminalsContext<'_>) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        for sec in SECTIONS {
            spec::validate(sec, values, &mut errors);
        }
        check(values, cx, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Terminals {
            net: fields::opt(values, "terminals_net")?,
            ebms: fields::opt(values, "terminals_ebms")?,
            web_certificates: fields::opt(values, "certificates_web")?,
            sharing_office: fields::opt(values, "sharing_office")?,
            no_diagram: fields::raw(values, "no_diagram") == "1",
        })
    }
}

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let mut s = Screen::new("new_application.terminals", TITLE);
    s.intro = vec![
        "論理端末またはデジタル証明書の情報を入力してください。".into(),
        "入力完了後に「次へ進む」ボタンをクリックしてください。".into(),
    ];
    let mut form = common::form(cx, nav_buttons());
    form.multipart = true;
    s.form = Some(form);
    let draft = &*cx.new_draft();
    let values = slot_values(&draft.terminals);
    s.errors = spec::error_list(&SECTIONS, errors);
    // 論理端末に関する項目 prints the システム区分 of the user codes above its inputs (M000 【20】
    // l.1300 「システム区分 海上・航空共用」): a printed value, not an input.
    let mut terminals = spec::build(&TERMINALS, &values, errors);
    let rows = std::mem::take(&mut terminals.rows);
    s.blocks.push(Block::Section(terminals));
    s.blocks
        .push(Block::Table(super::view::printed_values(vec![(
            "システム区分".into(),
            system_kind(draft).into(),
        )])));
    s.blocks.push(Block::Section(Section {
        rows,
        ..Section::default()
    }));
    for sec in [&WEB, &SHARING] {
        s.blocks
            .push(Block::Section(spec::build(sec, &values, errors)));
    }
    s.blocks.extend(attachments::diagram_blocks(
        &DIAGRAM,
        &values,
        errors,
        draft.diagram.as_ref(),
    ));
    s.blocks
        .push(Block::Section(spec::build(&NO_DIAGRAM, &values, errors)));
    s
}

/// The システム区分 the terminals are for: the new user codes' (the first one's, as the 区分 of
/// 申込内容 確認 prints it), empty while none is set.
fn system_kind(draft: &NewApplicationDraft) -> &'static str {
    draft
        .user_codes
        .iter()
        .find_map(|r| r.code.system())
        .map_or("", |s| s.label())
}

fn count(values: &Values, k: &str) -> u32 {
    values
        .get(k)
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0)
}

/// The rules across fields (M000 【20】, M002 ⑦).
pub fn check(values: &Values, cx: &TerminalsContext<'_>, errors: &mut FieldErrors) {
    let total = count(values, "terminals_net")
        + count(values, "terminals_ebms")
        + count(values, "certificates_web");
    let owner = fields::raw(values, "sharing_office").trim();
    if !owner.is_empty() && total > 0 {
        // M002 l.20-21: 「機器共用依頼事業所は、利用者IDのみ契約することとなります。端末、回線は
        // 契約できません。」
        errors.insert(
            "sharing_office".into(),
            "機器共用を申請する場合、論理端末に関する項目、デジタル証明書に関する項目の入力は不要です。".into(),
        );
    } else if owner.is_empty() && total == 0 {
        errors.insert(
            "terminals_net".into(),
            "論理端末数、デジタル証明書数、または事業所コード(機器共用先)のいずれかを入力してください。".into(),
        );
    }
    // The owner: exists, owns equipment, same company and address (M002 l.16-21), once the code
    // has its format.
    if !owner.is_empty()
        && !errors.contains_key("sharing_office")
        && let Err(e) = sharing::equipment_owner(&cx.offices, owner, cx.applicant.as_ref())
    {
        errors.insert("sharing_office".into(), e.japanese());
    }
    // A diagram, or the box. The box is printed for exactly the cases that need none —
    // 機器共用・共同利用 and 自社システム — so a 機器共用先 with the box ticked needs no diagram,
    // as M002 ⑦ walks it (decision: docs/decisions.md, issue 11, Q4).
    if !cx.has_diagram && fields::raw(values, "no_diagram") != "1" {
        errors.insert(
            "no_diagram".into(),
            "システム構成図を添付するか、「機器共用・共同利用、図様添付を希望せず、または自社システムを利用します。」にチェックを入れてください。".into(),
        );
    }
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
    let mut values = slot_values(&draft.terminals).into_owned();
    for sec in SECTIONS {
        spec::read(sec, form, &mut values);
    }
    cx.ws.seed_customers();
    let (slot, errors) = {
        let Some(draft) = super::draft_of(cx.session) else {
            return Step::Refresh;
        };
        fields::slot_from::<Terminals>(values, &context(cx.ws, draft))
    };
    cx.new_draft().terminals = slot;
    match form.op() {
        "back" => Step::Back,
        "save" => common::save_and_logout(cx),
        "next" if errors.is_empty() => Step::Next,
        "next" => Step::Stay(errors),
        _ => Step::Refresh,
    }
}
