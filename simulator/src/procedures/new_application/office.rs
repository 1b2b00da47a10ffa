//! 事業所・企業 入力 (M000 【16】 (1)–(5)): start date, office, contractor, head office, the
//! person responsible and the emergency FAX numbers; ends with the netNACCS / 一般NACCS choice.

use crate::application::Slot;
use crate::application::new::{
    Connection, Contractor, EmergencyFax1, HeadOffice, Manager, OfficeDetails,
};
use crate::domain::format::Date8;
use crate::domain::lists::{CUSTOMS_OFFICES, CustomsOffice};
use crate::procedures::common::{
    self, COMPANY_NOTE, NO_HYPHEN, SAME_AS_OFFICE, back_button, save_button,
};
use crate::procedures::fields::{self, ScreenForm, slot_values};
use crate::procedures::{Cx, Step};
use crate::screen::form::FormInput;
use crate::screen::spec::{
    self, FieldErrors, FieldSpec, Fmt, Input, Opt, Req, RowSpec, SectionSpec, Values,
};
use crate::screen::{Block, Button, Link, Screen};

/// The screen's title as printed.
pub const TITLE: &str = "事業所・企業 入力";

pub const START: SectionSpec = SectionSpec {
    heading: "利用開始日に関する項目",
    // M000 l.779, 841; M003 l.330: the sentence as printed; 「こちら」 is the schedule link below.
    lines: &[
        "スケジュール表のシステム登録日(利用開始日)を入力してください。(こちらをご参照ください。)",
    ],
    rows: &[RowSpec {
        label: "利用開始希望日",
        fields: &[FieldSpec::text("start_wish")
            .fmt(Fmt::Date8)
            .example("例) 20181204")],
        notes: &[],
    }],
};

const OFFICE_BASE: [RowSpec; 5] = crate::address_rows!("office_", "reflect_office", Req::Always);

/// The note beside this screen's 郵便番号 (M000 l.869-871 and 918-920: the hyphen note, then
/// 「…住所が出力されます。」; the 本社 capture's 「密着されます」 is an OCR misreading of the same
/// sentence; 請求先 入力 prints 「反映されます」, l.1433).
const POSTAL_NOTE: &[&str] = &[
    NO_HYPHEN[0],
    "郵便番号を入力し「反映」ボタンをクリックすると、住所が出力されます。",
];

/// 事業所's address rows with the screen's own note and examples (M000 l.857-858; the
/// reading's 「8階 303号」 read 「8カイ 303ゴウ」 and 「シナガワツク」 「シナガワク」: OCR, see
/// docs/decisions.md, issue 15, O8).
const OFFICE_ADDRESS: [RowSpec; 5] = [
    RowSpec {
        notes: POSTAL_NOTE,
        ..OFFICE_BASE[0]
    },
    OFFICE_BASE[1],
    OFFICE_BASE[2],
    RowSpec {
        fields: &[OFFICE_BASE[3].fields[0].example("例) 大崎1-2-8 ABCビル 8階 303号")],
        ..OFFICE_BASE[3]
    },
    RowSpec {
        fields: &[OFFICE_BASE[4].fields[0]
            .example("例) トウキョウシナガワクオオサキ1-2-8 エービーシービル 8カイ 303ゴウ")],
        ..OFFICE_BASE[4]
    },
];

pub const OFFICE: SectionSpec = SectionSpec {
    heading: "事業所に関する項目",
    lines: &["NACCSを利用する事業所の情報を入力してください。"],
    rows: &[
        RowSpec {
            label: "企業名",
            fields: &[FieldSpec::text("company")
                .fmt(Fmt::Zenkaku)
                .max(60)
                .example("例) ナックス商事株式会社")],
            notes: COMPANY_NOTE,
        },
        RowSpec {
            label: "企業名(フリガナ)",
            fields: &[FieldSpec::text("company_kana")
                .fmt(Fmt::Katakana)
                .max(100)
                .example("例) ナックスショウジカブシキガイシャ")],
            notes: &[],
        },
        RowSpec {
            label: "事業所名",
            fields: &[FieldSpec::text("office_name")
                .fmt(Fmt::Zenkaku)
                .max(60)
                .example("例) 本社、品川事務所")],
            notes: &["特に事業所が存在しない場合は、「本社」と入力してください。"],
        },
        RowSpec {
            label: "事業所名(フリガナ)",
            fields: &[FieldSpec::text("office_kana")
                .fmt(Fmt::Katakana)
                .max(100)
                .example("例) ホンシャ、シナガワジムショ")],
            notes: &[],
        },
        OFFICE_ADDRESS[0],
        OFFICE_ADDRESS[1],
        OFFICE_ADDRESS[2],
        OFFICE_ADDRESS[3],
        OFFICE_ADDRESS[4],
        RowSpec {
            label: "電話番号",
            fields: &[FieldSpec::text("office_tel")
                .fmt(Fmt::Phone)
                .example("例) 0301234567")],
            notes: NO_HYPHEN,
        },
        RowSpec {
            label: "FAX番号",
            fields: &[FieldSpec::text("office_fax")
                .fmt(Fmt::Fax)
                .optional()
                .example("例) 0398765432")],
            notes: NO_HYPHEN,
        },
        RowSpec {
            label: "管轄税関",
            fields: &[FieldSpec::text("customs").input(Input::Radio(CUSTOMS_OFFICES))],
            notes: &[],
        },
    ],
};

const CONTRACTOR_NAME: [RowSpec; 2] = crate::name_rows!("contractor_", Req::Always);

pub const CONTRACTOR: SectionSpec = SectionSpec {
    heading: "契約者に関する項目",
    lines: &[
        "契約者に関する情報を入力してください。",
        "※契約権限のある方を入力してください。",
    ],
    rows: &[
        CONTRACTOR_NAME[0],
        CONTRACTOR_NAME[1],
        RowSpec {
            label: "役職名",
            fields: &[FieldSpec::text("contractor_title")
                .fmt(Fmt::Zenkaku)
                .max(40)
                .example("例) 代表取締役社長")],
            notes: &[],
        },
    ],
};

const HQ_OTHER: Req = Req::When("hq_location", "other");
const HQ_BASE: [RowSpec; 5] = crate::address_rows!("hq_", "reflect_hq", HQ_OTHER);

/// 本社's address rows with their own examples (M000 l.912-914, printed as read).
const HQ_ADDRESS: [RowSpec; 5] = [
    RowSpec {
        notes: POSTAL_NOTE,
        ..HQ_BASE[0]
    },
    HQ_BASE[1],
    RowSpec {
        fields: &[HQ_BASE[2].fields[0].example("例) 港区")],
        ..HQ_BASE[2]
    },
    RowSpec {
        fields: &[HQ_BASE[3].fields[0].example("例) 番地1-2-3 DEビル 10階 1001号")],
        ..HQ_BASE[3]
    },
    RowSpec {
        fields: &[HQ_BASE[4].fields[0]
            .example("例) トウキョウトミナトウカサカ1-2-3 ティーイービル 10カイ 1001ゴウ")],
        ..HQ_BASE[4]
    },
];

pub const HEAD_OFFICE: SectionSpec = SectionSpec {
    heading: "本社に関する項目",
    lines: &["本社に関する情報を入力してください。"],
    rows: &[
        RowSpec {
            label: "所在地",
            fields: &[FieldSpec::radio("hq_location", SAME_AS_OFFICE, "same")],
            notes: &[],
        },
        HQ_ADDRESS[0],
        HQ_ADDRESS[1],
        HQ_ADDRESS[2],
        HQ_ADDRESS[3],
        HQ_ADDRESS[4],
        RowSpec {
            label: "電話番号",
            fields: &[FieldSpec::text("hq_tel")
                .fmt(Fmt::Phone)
                .req(HQ_OTHER)
                .example("例) 0301234567")],
            notes: NO_HYPHEN,
        },
        RowSpec {
            label: "FAX番号",
            fields: &[FieldSpec::text("hq_fax")
                .fmt(Fmt::Fax)
                .req(Req::OptionalWhen("hq_location", "other"))
                .example("例) 0398765432")],
            notes: NO_HYPHEN,
        },
    ],
};

/// 担当者 of 管理責任者, in the manual's order (M000 【16】(5), l.940 and 989: 「申込担当者と同じ」
/// spares the input, 「事業所に同じ」 leaves only the E-mailアドレス to type, l.977-979; the
/// confirmation prints 「…と同じ」 as for 本社 and 緊急連絡用FAX番号1, l.1549, 1574).
pub const MANAGER_SOURCE: &[Opt] = &[
    Opt {
        code: "office",
        label: "事業所に同じ",
        short: "事業所と同じ",
    },
    Opt {
        code: "applicant",
        label: "申込担当者と同じ",
        short: "申込担当者と同じ",
    },
    Opt {
        code: "other",
        label: "その他(下欄に入力してください)",
        short: "その他",
    },
];

/// 緊急連絡用FAX番号1 (M000 【16】(5)).
pub const FAX1_SOURCE: &[Opt] = &[
    Opt {
        code: "manager",
        label: "管理責任者に同じ",
        short: "管理責任者と同じ",
    },
    Opt {
        code: "office",
        label: "事業所に同じ",
        short: "事業所と同じ",
    },
    Opt {
        code: "other",
        label: "その他(下欄に入力してください)",
        short: "その他",
    },
];

const MGR: Req = Req::When("manager_source", "other");
const MGR_OPT: Req = Req::OptionalWhen("manager_source", "other");
const MANAGER_NAME: [RowSpec; 2] = crate::name_rows!("manager_", MGR);

pub const MANAGER: SectionSpec = SectionSpec {
    heading: "管理責任者に関する項目",
    // M000 l.938 and 987, both captures alike.
    lines: &["NACCSを利用する場合やパスワードを管理する管理責任者の情報を入力してください。"],
    rows: &[
        RowSpec {
            label: "担当者",
            fields: &[FieldSpec::radio(
                "manager_source",
                MANAGER_SOURCE,
                "applicant",
            )],
            notes: &[],
        },
        MANAGER_NAME[0],
        MANAGER_NAME[1],
        RowSpec {
            label: "所属部署名",
            fields: &[FieldSpec::text("manager_department")
                .fmt(Fmt::Zenkaku)
                .req(MGR_OPT)
                .max(40)
                .example("例) 第一営業部営業第9課")],
            notes: &[],
        },
        RowSpec {
            label: "役職名",
            fields: &[FieldSpec::text("manager_title")
                .fmt(Fmt::Zenkaku)
                .req(MGR_OPT)
                .max(40)
                .example("例) 課長")],
            notes: &[],
        },
        RowSpec {
            label: "電話番号",
            fields: &[FieldSpec::text("manager_tel")
                .fmt(Fmt::Phone)
                .req(MGR)
                .example("例) 0301234567")],
            notes: NO_HYPHEN,
        },
        RowSpec {
            label: "FAX番号",
            fields: &[FieldSpec::text("manager_fax")
                .fmt(Fmt::Fax)
                .req(MGR_OPT)
                .example("例) 0398765432")],
            notes: NO_HYPHEN,
        },
        RowSpec {
            label: "E-mailアドレス",
            fields: &[FieldSpec::text("manager_email")
                .fmt(Fmt::Email)
                .req(MGR)
                .example("例) taro.tsukan@naccs.jp")],
            notes: &["利用申込完了の通知先として登録します。"],
        },
        RowSpec {
            label: "緊急連絡用FAX番号1",
            fields: &[
                FieldSpec::radio("fax1_source", FAX1_SOURCE, "office"),
                FieldSpec::text("fax1")
                    .part("その他")
                    .fmt(Fmt::EmergencyFax)
                    .req(Req::When("fax1_source", "other")),
            ],
            notes: &[
                "緊急連絡用のFAX番号は3つまで登録できます。",
                "※システム障害発生の際の緊急連絡先となります。",
            ],
        },
        RowSpec {
            label: "緊急連絡用FAX番号2",
            fields: &[FieldSpec::text("fax2").fmt(Fmt::EmergencyFax).optional()],
            notes: NO_HYPHEN,
        },
        RowSpec {
            label: "緊急連絡用FAX番号3",
            fields: &[FieldSpec::text("fax3").fmt(Fmt::EmergencyFax).optional()],
            notes: &["FAX番号をお持ちでない場合は、「0000000000」（0を10桁）を入力してください。"],
        },
    ],
};

pub const SECURITY: SectionSpec = SectionSpec {
    heading: "",
    lines: &["※ 管理責任者には、ウイルス対策などのセキュリティ対策を講じていただきます。"],
    rows: &[RowSpec {
        label: "",
        fields: &[FieldSpec::text("security_ack").input(Input::Check("上記を確認しました。"))],
        notes: &[],
    }],
};

pub const SECTIONS: [&SectionSpec; 6] = [
    &START,
    &OFFICE,
    &CONTRACTOR,
    &HEAD_OFFICE,
    &MANAGER,
    &SECURITY,
];

/// What the rules of 事業所・企業 入力 need besides its own values.
pub struct OfficeContext {
    /// The 申込担当者's FAX番号 as entered (管理責任者 「申込担当者と同じ」 points at it).
    pub applicant_fax: String,
    /// Today on the workspace clock (the 利用開始希望日 must be later).
    pub today: chrono::NaiveDate,
}

impl ScreenForm for OfficeDetails {
    type Context<'a> = OfficeContext;

    fn to_values(&self) -> Values {
        let mut v = Values::new();
        fields::set(&mut v, "start_wish", self.start_wish.as_str());
        fields::set(&mut v, "company", self.company.as_str());
        fields::set(&mut v, "company_kana", self.company_kana.as_str());
        fields::set(&mut v, "office_name", self.office_name.as_str());
        fields::set(&mut v, "office_kana", self.office_kana.as_str());
        fields::address_values(&mut v, "office_", &self.address);
        fields::set(&mut v, "office_tel", self.tel.as_str());
        fields::set_opt(&mut v, "office_fax", &self.fax);
        fields::set(&mut v, "customs", self.customs.code());
        fields::name_values(&mut v, "contractor_", &self.contractor.name);
        fields::set(&mut v, "contractor_title", self.contractor.title.as_str());
        match &self.head_office {
            HeadOffice::SameAsOffice => fields::set(&mut v, "hq_location", "same"),
            HeadOffice::Other { address, tel, fax } => {
                fields::set(&mut v, "hq_location", "other");
                fields::address_values(&mut v, "hq_", address);
                fields::set(&mut v, "hq_tel", tel.as_str());
                fields::set_opt(&mut v, "hq_fax", fax);
            }
        }
        match &self.manager {
            Manager::SameAsOffice { email } => {
                fields::set(&mut v, "manager_source", "office");
                fields::set(&mut v, "manager_email", email.as_str());
            }
            Manager::SameAsApplicant => fields::set(&mut v, "manager_source", "applicant"),
            Manager::Other(p) => {
                fields::set(&mut v, "manager_source", "other");
                fields::person_values(&mut v, "manager_", "manager_email", p);
            }
        }
        match &self.fax1 {
            EmergencyFax1::SameAsManager => fields::set(&mut v, "fax1_source", "manager"),
            EmergencyFax1::SameAsOffice => fields::set(&mut v, "fax1_source", "office"),
            EmergencyFax1::Other(n) => {
                fields::set(&mut v, "fax1_source", "other");
                fields::set(&mut v, "fax1", n.as_str());
            }
        }
        fields::set_opt(&mut v, "fax2", &self.fax2);
        fields::set_opt(&mut v, "fax3", &self.fax3);
        // Accepted only with 「上記を確認しました。」 ticked (M000 【16】(5)).
        fields::set(&mut v, "security_ack", "1");
        v
    }

    fn parse(values: &Values, cx: &OfficeContext) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        for s in SECTIONS {
            spec::validate(s, values, &mut errors);
        }
        check_office_manager_email(values, &mut errors);
        name_manager_section(&mut errors);
        check(values, &cx.applicant_fax, cx.today, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        let is = |k: &str, v: &str| fields::raw(values, k) == v;
        Ok(OfficeDetails {
            start_wish: fields::get(values, "start_wish")?,
            company: fields::get(values, "company")?,
            company_kana: fields::get(values, "company_kana")?,
            office_name: fields::get(values, "office_name")?,
            office_kana: fields::get(values, "office_kana")?,
            address: fields::address_from(values, "office_")?,
            tel: fields::get(values, "office_tel")?,
            fax: fields::opt(values, "office_fax")?,
            customs: fields::choice(values, "customs", CustomsOffice::from_code)?,
            contractor: Contractor {
                name: fields::name_from(values, "contractor_")?,
                title: fields::get(values, "contractor_title")?,
            },
            head_office: if is("hq_location", "other") {
                HeadOffice::Other {
                    address: fields::address_from(values, "hq_")?,
                    tel: fields::get(values, "hq_tel")?,
                    fax: fields::opt(values, "hq_fax")?,
                }
            } else {
                HeadOffice::SameAsOffice
            },
            manager: match fields::raw(values, "manager_source") {
                "other" => Manager::Other(Box::new(fields::person_from(
                    values,
                    "manager_",
                    "manager_email",
                )?)),
                "office" => Manager::SameAsOffice {
                    email: fields::get(values, "manager_email")?,
                },
                _ => Manager::SameAsApplicant,
            },
            fax1: match fields::raw(values, "fax1_source") {
                "manager" => EmergencyFax1::SameAsManager,
                "other" => EmergencyFax1::Other(fields::get(values, "fax1")?),
                _ => EmergencyFax1::SameAsOffice,
            },
            fax2: fields::opt(values, "fax2")?,
            fax3: fields::opt(values, "fax3")?,
        })
    }
}

/// 「事業所に同じ」: the E-mailアドレス is the one input left (M000 l.978), required and checked
/// like the person's (its row is only required with 「その他」).
fn check_office_manager_email(values: &Values, errors: &mut FieldErrors) {
    if fields::raw(values, "manager_source") != "office" {
        return;
    }
    use crate::domain::format::{Email, check_max_chars};
    let value = fields::raw(values, "manager_email");
    // The row's own rule: an address of at most 60 characters (`Fmt::Email`).
    if let Err(e) = Email::parse(value).and_then(|_| check_max_chars(value, 60)) {
        errors.insert("manager_email".into(), e.message("E-mailアドレス"));
    }
}

/// The messages of the 管理責任者's own inputs say whose they are: 「管理責任者の氏名 姓を入力して
/// ください。」, not the 「氏名 姓を入力してください。」 of the 契約者 (audit m000 §4 item 8), in the
/// screen's own style (「管理責任者のFAX番号が登録されていないため…」, `check`).
fn name_manager_section(errors: &mut FieldErrors) {
    for (name, msg) in errors.iter_mut() {
        if name.starts_with("manager_") && name != "manager_source" {
            msg.insert_str(0, "管理責任者の");
        }
    }
}

/// The context of the screen's rules, from the session's draft.
pub fn context(cx: &mut Cx) -> OfficeContext {
    let today = cx.now.date_naive();
    let applicant_fax = match &cx.new_draft().applicant {
        Slot::Parsed(a) => a.person.fax.as_ref().map_or("", |f| f.as_str()).to_string(),
        Slot::Unchecked(raw) => fields::raw(raw, "fax").to_string(),
        Slot::Empty => String::new(),
    };
    OfficeContext {
        applicant_fax,
        today,
    }
}

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let mut s = Screen::new("new_application.office", TITLE);
    s.intro = vec![
        "NACCSを利用する事業所及び契約者等の情報を入力してください。".into(),
        // M000 l.837 and M003 l.326: with the comma (the first capture, l.775, lost it).
        "入力完了後に、「netNACCSを利用する」または「一般NACCSを利用する」ボタンをクリックしてください。".into(),
    ];
    s.form = Some(common::form(
        cx,
        vec![
            back_button(),
            save_button(),
            Button::new("op", "net", "netNACCSを利用する"),
            Button::new("op", "general", "一般NACCSを利用する"),
        ],
    ));
    let schedule = cx.url("bbs/");
    let values = slot_values(&cx.new_draft().office);
    s.errors = spec::error_list(&SECTIONS, errors);
    for (i, sec) in SECTIONS.iter().enumerate() {
        s.blocks
            .push(Block::Section(spec::build(sec, &values, errors)));
        if i == 0 {
            s.blocks.push(Block::Links(vec![Link::new(
                "NACCSのご利用に関するスケジュール表",
                schedule.clone(),
            )]));
        }
    }
    s.blocks.push(Block::Text(vec![
        "1.netNACCSを利用したい方は、「netNACCSを利用する」ボタンをクリックしてください。".into(),
        "2.一般NACCSを利用したい方は、「一般NACCSを利用する」ボタンをクリックしてください。".into(),
        "1および2の両方を利用したい方は、1の申込手続き完了後に、2を追加する変更申込を行ってください。".into(),
    ]));
    s
}

/// The rule on the 利用開始希望日 that depends on the day: after today, within a year. Checked
/// again at registration, which may come days later.
pub fn check_start_wish(wish: &str, today: chrono::NaiveDate) -> Option<&'static str> {
    // The wish must be a real date after today and within the published horizon; whether it
    // is a start date is not an input error: the review moves it (procedures.md §8).
    let d = Date8::parse(wish).ok()?.date();
    if d <= today {
        Some("利用開始希望日には、本日より後の日付を入力してください。")
    } else if d > today + chrono::Duration::days(365) {
        Some("利用開始希望日には、1年以内の日付を入力してください。")
    } else {
        None
    }
}

/// The rules across fields of the screen.
pub fn check(
    values: &Values,
    applicant_fax: &str,
    today: chrono::NaiveDate,
    errors: &mut FieldErrors,
) {
    if !errors.contains_key("start_wish")
        && let Some(msg) = check_start_wish(fields::raw(values, "start_wish"), today)
    {
        errors.insert("start_wish".into(), msg.into());
    }
    // M000 【16】(5): at least one emergency FAX, and FAX1 must point at a number that exists.
    let get = |k: &str| fields::raw(values, k);
    let manager_fax = match get("manager_source") {
        "other" => get("manager_fax"),
        "office" => get("office_fax"),
        _ => applicant_fax,
    };
    let missing = match get("fax1_source") {
        "manager" => manager_fax.is_empty().then_some("管理責任者のFAX番号が登録されていないため、緊急連絡用FAX番号1に「管理責任者に同じ」は選択できません。"),
        "office" => get("office_fax").is_empty().then_some("事業所のFAX番号が登録されていないため、緊急連絡用FAX番号1に「事業所に同じ」は選択できません。"),
        _ => None,
    };
    if let Some(msg) = missing {
        errors
            .entry("fax1_source".into())
            .or_insert_with(|| msg.into());
    }
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    let context = context(cx);
    let mut values = slot_values(&cx.new_draft().office).into_owned();
    for s in SECTIONS {
        spec::read(s, form, &mut values);
    }
    let op = form.op();
    let reflected = match op {
        "reflect_office" => Some(common::reflect_postal(&mut values, "office_")),
        "reflect_hq" => Some(common::reflect_postal(&mut values, "hq_")),
        _ => None,
    };
    let (slot, errors) = fields::slot_from::<OfficeDetails>(values, &context);
    let draft = cx.new_draft();
    draft.office = slot;
    match (op, reflected) {
        (_, Some(None)) => Step::Refresh,
        (_, Some(Some((field, msg)))) => Step::Stay(FieldErrors::from([(field, msg)])),
        ("back", _) => Step::Back,
        ("save", _) => common::save_and_logout(cx),
        ("net" | "general", _) if !errors.is_empty() => Step::Stay(errors),
        // The path of the rest of the application: 論理端末・証明書 (netNACCS), or 回線・論理端末
        // and メールボックス (一般NACCS, M003) — the registry's `applies`.
        ("net", _) => {
            draft.connection = Some(Connection::NetNaccs);
            Step::Next
        }
        ("general", _) => {
            draft.connection = Some(Connection::General);
            Step::Next
        }
        _ => Step::Refresh,
    }
}
