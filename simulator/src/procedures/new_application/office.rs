//! 事業所・企業 入力 (M000 【16】 (1)–(5)): start date, office, contractor, head office, the
//! person responsible and the emergency FAX numbers; ends with the netNACCS / 一般NACCS choice.

use crate::domain::format::Date8;
use crate::domain::lists::CUSTOMS_OFFICES;
use crate::procedures::common::{
    self, COMPANY_NOTE, NO_HYPHEN, SAME_AS_OFFICE, back_button, save_button,
};
use crate::procedures::{Cx, Step};
use crate::screen::form::FormInput;
use crate::screen::spec::{
    self, FieldErrors, FieldSpec, Fmt, Input, Opt, Req, RowSpec, SectionSpec, Values,
};
use crate::screen::{Block, Button, Link, Screen};
use crate::workspace::application::Connection;
use crate::workspace::session::At;

pub const START: SectionSpec = SectionSpec {
    heading: "利用開始日に関する項目",
    lines: &["スケジュール表のシステム登録日(利用開始日)を入力してください。"],
    rows: &[RowSpec {
        label: "利用開始希望日",
        fields: &[FieldSpec::text("start_wish")
            .fmt(Fmt::Date8)
            .example("例) 20181204")],
        notes: &[],
    }],
};

const OFFICE_ADDRESS: [RowSpec; 5] = crate::address_rows!("office_", "reflect_office", Req::Always);

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
const HQ_ADDRESS: [RowSpec; 5] = crate::address_rows!("hq_", "reflect_hq", HQ_OTHER);

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

/// 担当者 of 管理責任者 (M000 【16】(5): 「申込担当者と同じ」 spares the input).
pub const MANAGER_SOURCE: &[Opt] = &[
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
    lines: &["NACCSを利用する上でのパスワード等を管理する管理責任者の情報を入力してください。"],
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

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let mut s = Screen::new("new_application.office", "事業所・企業 入力");
    s.intro = vec![
        "NACCSを利用する事業所及び契約者等の情報を入力してください。".into(),
        "入力完了後に「netNACCSを利用する」または「一般NACCSを利用する」ボタンをクリックしてください。".into(),
    ];
    // The form first: the draft is then borrowed from the session, not copied.
    let form = common::form(
        cx,
        vec![
            back_button(),
            save_button(),
            Button::new("op", "net", "netNACCSを利用する"),
            Button::new("op", "general", "一般NACCSを利用する"),
        ],
    );
    let schedule = cx.url("bbs/");
    let values = &common::draft(cx).office;
    s.errors = spec::error_list(&SECTIONS, errors);
    for (i, sec) in SECTIONS.iter().enumerate() {
        s.blocks
            .push(Block::Section(spec::build(sec, values, errors)));
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
    s.form = Some(form);
    s
}

/// The rules across fields of the screen.
pub fn check(
    values: &Values,
    applicant: &Values,
    today: chrono::NaiveDate,
    errors: &mut FieldErrors,
) {
    // The wish must be a real date after today and within the published horizon; whether it
    // is a start date is not an input error: the review moves it (procedures.md §8).
    let wish = values.get("start_wish").map(String::as_str).unwrap_or("");
    if !errors.contains_key("start_wish")
        && let Ok(d) = Date8::parse(wish)
    {
        let d = d.date();
        if d <= today {
            errors.insert(
                "start_wish".into(),
                "利用開始希望日には、本日より後の日付を入力してください。".into(),
            );
        } else if d > today + chrono::Duration::days(365) {
            errors.insert(
                "start_wish".into(),
                "利用開始希望日には、1年以内の日付を入力してください。".into(),
            );
        }
    }
    // M000 【16】(5): at least one emergency FAX, and FAX1 must point at a number that exists.
    let get = |v: &Values, k: &str| v.get(k).cloned().unwrap_or_default();
    let source = get(values, "fax1_source");
    let manager_fax = if get(values, "manager_source") == "other" {
        get(values, "manager_fax")
    } else {
        get(applicant, "fax")
    };
    let missing = match source.as_str() {
        "manager" => manager_fax.is_empty().then_some("管理責任者のFAX番号が登録されていないため、緊急連絡用FAX番号1に「管理責任者に同じ」は選択できません。"),
        "office" => get(values, "office_fax").is_empty().then_some("事業所のFAX番号が登録されていないため、緊急連絡用FAX番号1に「事業所に同じ」は選択できません。"),
        _ => None,
    };
    if let Some(msg) = missing {
        errors
            .entry("fax1_source".into())
            .or_insert_with(|| msg.into());
    }
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    let today = cx.now.date_naive();
    let applicant = common::draft(cx).applicant.clone();
    let draft = common::draft(cx);
    for s in SECTIONS {
        spec::read(s, form, &mut draft.office);
    }
    let op = form.op();
    match op {
        "back" => Step::Go(At::AppApplicant),
        "save" => common::save_and_logout(cx),
        "reflect_office" | "reflect_hq" => {
            let prefix = if op == "reflect_office" {
                "office_"
            } else {
                "hq_"
            };
            match common::reflect_postal(&mut draft.office, prefix) {
                None => Step::Refresh,
                Some((field, msg)) => Step::Stay(FieldErrors::from([(field, msg)])),
            }
        }
        "net" | "general" => {
            let mut errors = FieldErrors::new();
            for s in SECTIONS {
                spec::validate(s, &draft.office, &mut errors);
            }
            check(&draft.office, &applicant, today, &mut errors);
            if !errors.is_empty() {
                return Step::Stay(errors);
            }
            if op == "general" {
                // The 一般NACCS path (回線・論理端末, メールボックス, M003) is not simulated yet:
                // say so on the screen instead of pretending.
                return Step::Stay(FieldErrors::from([(
                    "_connection".to_string(),
                    "このシミュレータでは、一般NACCSの新規利用申込にはまだ対応していません。「netNACCSを利用する」を選択してください。".to_string(),
                )]));
            }
            draft.connection = Some(Connection::NetNaccs);
            Step::Go(At::AppUsers)
        }
        _ => Step::Refresh,
    }
}
