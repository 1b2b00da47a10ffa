//! 回線サービス・論理端末情報 入力 (一般NACCS): one line and its logical terminals, reached by
//! 「新規に回線・論理端末を追加する」 (or 「修正」) on 回線・論理端末 入力, which it returns to.
//!
//! No manual prints this screen. Its fields are the columns M003 prints for the lists it fills
//! (申込情報(回線) and 申込情報(論理端末), M003:l.575-583) and the guidance's 「回線サービスに関する
//! 情報(工事希望日、処理方式、回線種別、回線設置場所等)」 and 「回線工事に関する項目(工事事務担当者、
//! 工事立会者)」 (M003:l.236-238); the ルータ番号 is the line's place in the list, given by NSS; the
//! options are inferred (docs/decisions.md, issue 12, Q22).

use crate::application::new::{LineRequest, LineSite, Witness, WorksPerson};
use crate::domain::format::Date8;
use crate::domain::lists::{
    ACCESS_SPEEDS, AccessSpeed, BACKUP_KINDS, BackupKind, DEVICE_KINDS, DeviceKind,
    LINE_CONNECTIONS, LINE_KINDS, LINE_OPTIONS, LINE_TYPES, LineConnection, LineKind, LineOption,
    LineType, MAINTENANCE_HOURS, MaintenanceHours, NECESSITY, Necessity, SHARED_USE, SYSTEM_KINDS,
    SharedUse, SystemKind,
};
use crate::procedures::common::{self, NO_HYPHEN, SAME_AS_OFFICE};
use crate::procedures::fields::{self, ScreenForm};
use crate::procedures::{Cx, Step};
use crate::screen::form::FormInput;
use crate::screen::spec::{
    self, FieldErrors, FieldSpec, Fmt, Input, Opt, Req, RowSpec, SectionSpec, Values,
};
use crate::screen::{Arrow, Block, Button, Screen};

/// The screen's title: M003 names it 「回線サービス・論理端末情報入力画面」 (l.568).
pub const TITLE: &str = "回線サービス・論理端末情報 入力";

const SITE_OTHER: Req = Req::When("site", "other");

pub const SERVICE: SectionSpec = SectionSpec {
    heading: "回線サービスに関する項目",
    lines: &["利用する回線サービスの情報を入力してください。"],
    rows: &[
        RowSpec {
            label: "区分",
            fields: &[FieldSpec::text("system").input(Input::Radio(SYSTEM_KINDS))],
            notes: &[],
        },
        RowSpec {
            label: "接続方式",
            fields: &[FieldSpec::text("connection").input(Input::Radio(LINE_CONNECTIONS))],
            notes: &[],
        },
        RowSpec {
            label: "EDIFACTの要否",
            fields: &[FieldSpec::radio("edifact", NECESSITY, "no")],
            notes: &[],
        },
        RowSpec {
            label: "接続種別",
            fields: &[FieldSpec::radio("kind", LINE_KINDS, "main")],
            notes: &[],
        },
        RowSpec {
            label: "アクセス速度",
            fields: &[FieldSpec::text("speed").input(Input::Radio(ACCESS_SPEEDS))],
            notes: &[],
        },
        RowSpec {
            label: "回線種別",
            fields: &[FieldSpec::text("line_type").input(Input::Radio(LINE_TYPES))],
            notes: &[],
        },
        RowSpec {
            label: "屋内配線工事",
            fields: &[FieldSpec::radio("indoor_wiring", NECESSITY, "no")],
            notes: &[],
        },
        RowSpec {
            label: "保守時間帯",
            fields: &[FieldSpec::radio(
                "maintenance",
                MAINTENANCE_HOURS,
                "weekdays",
            )],
            notes: &[],
        },
        RowSpec {
            label: "工事希望日",
            fields: &[FieldSpec::text("works_wish")
                .fmt(Fmt::Date8)
                .example("例) 20230401")],
            notes: &["※回線工事を行う場合、実際の工事日は別途弊社よりご連絡後に決定となります。"],
        },
        RowSpec {
            label: "設置場所",
            fields: &[
                FieldSpec::radio("site", SAME_AS_OFFICE, "same"),
                FieldSpec::text("site_place")
                    .part("その他")
                    .fmt(Fmt::Zenkaku)
                    .max(100)
                    .req(SITE_OTHER),
            ],
            notes: &[
                "回線を設置する場所が事業所と異なる場合は、「その他」を選択し、設置場所を入力してください。",
            ],
        },
        RowSpec {
            label: "オプション",
            fields: &[FieldSpec::radio("option", LINE_OPTIONS, "none")],
            notes: &[],
        },
        RowSpec {
            label: "他事業所と共用",
            fields: &[FieldSpec::radio("shared", SHARED_USE, "no")],
            notes: &[],
        },
    ],
};

pub const TERMINALS: SectionSpec = SectionSpec {
    heading: "論理端末に関する項目",
    lines: &["回線に接続する論理端末の情報を入力してください。"],
    rows: &[
        RowSpec {
            label: "利用機器区分",
            fields: &[FieldSpec::text("device").input(Input::Radio(DEVICE_KINDS))],
            notes: &[],
        },
        RowSpec {
            label: "バックアップ区分",
            fields: &[FieldSpec::radio("backup", BACKUP_KINDS, "normal")],
            notes: &[],
        },
        RowSpec {
            label: "論理端末数",
            fields: &[FieldSpec::text("terminals").fmt(Fmt::Count).unit("台")],
            notes: &[],
        },
    ],
};

/// 工事立会者 (inferred): the 工事事務担当者, or another person.
pub const WITNESS_SOURCE: &[Opt] = &[
    Opt {
        code: "contact",
        label: "工事事務担当者に同じ",
        short: "工事事務担当者に同じ",
    },
    Opt {
        code: "other",
        label: "その他(下欄に入力してください)",
        short: "その他",
    },
];

const WITNESS_OTHER: Req = Req::When("witness", "other");

pub const WORKS: SectionSpec = SectionSpec {
    heading: "回線工事に関する項目",
    lines: &["回線工事の日程調整等のため、工事事務担当者および工事立会者を入力してください。"],
    rows: &[
        RowSpec {
            label: "工事事務担当者 氏名",
            fields: &[
                FieldSpec::text("works_last")
                    .part("姓")
                    .fmt(Fmt::Zenkaku)
                    .max(20),
                FieldSpec::text("works_first")
                    .part("名")
                    .fmt(Fmt::Zenkaku)
                    .max(20),
            ],
            notes: &[],
        },
        RowSpec {
            label: "工事事務担当者 電話番号",
            fields: &[FieldSpec::text("works_tel")
                .fmt(Fmt::Phone)
                .example("例) 0301234567")],
            notes: NO_HYPHEN,
        },
        RowSpec {
            label: "工事立会者",
            fields: &[FieldSpec::radio("witness", WITNESS_SOURCE, "contact")],
            notes: &[],
        },
        RowSpec {
            label: "工事立会者 氏名",
            fields: &[
                FieldSpec::text("witness_last")
                    .part("姓")
                    .fmt(Fmt::Zenkaku)
                    .max(20)
                    .req(WITNESS_OTHER),
                FieldSpec::text("witness_first")
                    .part("名")
                    .fmt(Fmt::Zenkaku)
                    .max(20)
                    .req(WITNESS_OTHER),
            ],
            notes: &[],
        },
        RowSpec {
            label: "工事立会者 電話番号",
            fields: &[FieldSpec::text("witness_tel")
                .fmt(Fmt::Phone)
                .req(WITNESS_OTHER)
                .example("例) 0301234567")],
            notes: NO_HYPHEN,
        },
    ],
};

pub const SECTIONS: [&SectionSpec; 3] = [&SERVICE, &TERMINALS, &WORKS];

/// What the rules need besides the values: today on the workspace clock.
pub struct LineContext {
    pub today: chrono::NaiveDate,
}

impl ScreenForm for LineRequest {
    type Context<'a> = LineContext;

    fn to_values(&self) -> Values {
        let mut v = Values::new();
        for (k, code) in [
            ("system", self.system.code()),
            ("connection", self.connection.code()),
            ("edifact", self.edifact.code()),
            ("kind", self.kind.code()),
            ("speed", self.speed.code()),
            ("line_type", self.line_type.code()),
            ("indoor_wiring", self.indoor_wiring.code()),
            ("maintenance", self.maintenance.code()),
            ("option", self.option.code()),
            ("shared", self.shared.code()),
            ("device", self.device.code()),
            ("backup", self.backup.code()),
        ] {
            fields::set(&mut v, k, code);
        }
        fields::set(&mut v, "works_wish", self.works_wish.as_str());
        match &self.site {
            LineSite::SameAsOffice => fields::set(&mut v, "site", "same"),
            LineSite::Other(place) => {
                fields::set(&mut v, "site", "other");
                fields::set(&mut v, "site_place", place.as_str());
            }
        }
        fields::set(&mut v, "terminals", self.terminals.as_str());
        fields::set(&mut v, "works_last", self.works_contact.last.as_str());
        fields::set(&mut v, "works_first", self.works_contact.first.as_str());
        fields::set(&mut v, "works_tel", self.works_contact.tel.as_str());
        match &self.witness {
            Witness::SameAsContact => fields::set(&mut v, "witness", "contact"),
            Witness::Other(p) => {
                fields::set(&mut v, "witness", "other");
                fields::set(&mut v, "witness_last", p.last.as_str());
                fields::set(&mut v, "witness_first", p.first.as_str());
                fields::set(&mut v, "witness_tel", p.tel.as_str());
            }
        }
        v
    }

    fn parse(values: &Values, cx: &LineContext) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        for sec in SECTIONS {
            spec::validate(sec, values, &mut errors);
        }
        // 工事希望日: a day to come.
        if !errors.contains_key("works_wish")
            && Date8::parse(fields::raw(values, "works_wish")).is_ok_and(|d| d.date() <= cx.today)
        {
            errors.insert(
                "works_wish".into(),
                "工事希望日には、本日より後の日付を入力してください。".into(),
            );
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let person = |last: &str, first: &str, tel: &str| -> Result<WorksPerson, FieldErrors> {
            Ok(WorksPerson {
                last: fields::get(values, last)?,
                first: fields::get(values, first)?,
                tel: fields::get(values, tel)?,
            })
        };
        let is = |k: &str, v: &str| fields::raw(values, k) == v;
        Ok(LineRequest {
            system: fields::choice(values, "system", SystemKind::from_code)?,
            connection: fields::choice(values, "connection", LineConnection::from_code)?,
            edifact: fields::choice(values, "edifact", Necessity::from_code)?,
            kind: fields::choice(values, "kind", LineKind::from_code)?,
            speed: fields::choice(values, "speed", AccessSpeed::from_code)?,
            line_type: fields::choice(values, "line_type", LineType::from_code)?,
            indoor_wiring: fields::choice(values, "indoor_wiring", Necessity::from_code)?,
            maintenance: fields::choice(values, "maintenance", MaintenanceHours::from_code)?,
            works_wish: fields::get(values, "works_wish")?,
            site: if is("site", "other") {
                LineSite::Other(fields::get(values, "site_place")?)
            } else {
                LineSite::SameAsOffice
            },
            option: fields::choice(values, "option", LineOption::from_code)?,
            shared: fields::choice(values, "shared", SharedUse::from_code)?,
            device: fields::choice(values, "device", DeviceKind::from_code)?,
            backup: fields::choice(values, "backup", BackupKind::from_code)?,
            terminals: fields::get(values, "terminals")?,
            works_contact: person("works_last", "works_first", "works_tel")?,
            witness: if is("witness", "other") {
                Witness::Other(person("witness_last", "witness_first", "witness_tel")?)
            } else {
                Witness::SameAsContact
            },
        })
    }
}

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let raw = cx
        .new_draft()
        .line_detail
        .as_ref()
        .map(|d| d.raw.clone())
        .unwrap_or_default();
    screen(cx, "new_application.line_detail", &raw, errors)
}

/// The screen with `raw` in its fields, under `id`: the new application's, and a change's
/// (M001 STEP3; docs/decisions.md, issue 10 「一般NACCS回線・端末」).
pub fn screen(cx: &mut Cx, id: &'static str, raw: &Values, errors: &FieldErrors) -> Screen {
    let mut s = Screen::new(id, TITLE);
    s.intro = vec![
        "回線サービスおよび論理端末の情報を入力してください。".into(),
        "入力完了後に、「この内容で設定する」ボタンをクリックしてください。".into(),
    ];
    s.form = Some(common::form(
        cx,
        vec![
            Button::new("op", "back", "回線・論理端末の一覧入力に戻る").arrow(Arrow::Back),
            Button::new("op", "apply", "この内容で設定する").arrow(Arrow::Forward),
        ],
    ));
    s.errors = spec::error_list(&SECTIONS, errors);
    for sec in SECTIONS {
        s.blocks.push(Block::Section(spec::build(sec, raw, errors)));
    }
    s
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    let today = cx.now.date_naive();
    let draft = cx.new_draft();
    let Some(detail) = draft.line_detail.as_mut() else {
        return Step::Go("new_application.lines");
    };
    for sec in SECTIONS {
        spec::read(sec, form, &mut detail.raw);
    }
    match form.op() {
        "back" => {
            draft.line_detail = None;
            Step::Go("new_application.lines")
        }
        "apply" => match LineRequest::parse(&detail.raw, &LineContext { today }) {
            Ok(line) => {
                match detail.editing {
                    Some(i) if i < draft.lines.len() => draft.lines[i] = line,
                    _ => draft.lines.push(line),
                }
                draft.line_detail = None;
                Step::Go("new_application.lines")
            }
            Err(errors) => Step::Stay(errors),
        },
        _ => Step::Refresh,
    }
}
