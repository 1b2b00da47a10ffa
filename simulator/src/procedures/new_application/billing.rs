//! 請求先 入力 (M000 【22】): 一括請求, the billing address and person, and the payment method.
//! Required even for free use; its defaults are a valid answer (【22】: 「入力不要」 for METI users).

use crate::domain::lists::{BANKS, PAYMENT_METHODS};
use crate::procedures::common::{self, NO_HYPHEN, SAME_AS_OFFICE, nav_buttons};
use crate::procedures::{Cx, Step};
use crate::screen::form::FormInput;
use crate::screen::spec::{
    self, FieldErrors, FieldSpec, Fmt, Input, Opt, Req, RowSpec, SectionSpec, Values,
};
use crate::screen::{Arrow, Block, Button, Screen};
use crate::workspace::session::At;

const YES_NO: &[Opt] = &[
    Opt {
        code: "no",
        label: "希望しない",
        short: "希望しない",
    },
    Opt {
        code: "yes",
        label: "希望する(下欄に入力してください)",
        short: "希望する",
    },
];

const BULK: Req = Req::When("bulk", "yes");
const BULK_OPT: Req = Req::OptionalWhen("bulk", "yes");

pub const BULK_SECTION: SectionSpec = SectionSpec {
    heading: "一括請求に関する項目",
    lines: &[
        "一括請求とは、他の事業所で登録済の請求先に本事業所の請求を含めることです。",
        "一括請求を希望する場合は、「希望する」を選択して一括請求先の情報を入力してください。",
        "一括請求を希望しない場合は、「希望しない」を選択して請求先所在地等の情報を入力してください。",
    ],
    rows: &[
        RowSpec {
            label: "一括請求",
            fields: &[FieldSpec::radio("bulk", YES_NO, "no")],
            notes: &[],
        },
        RowSpec {
            label: "コード",
            fields: &[
                FieldSpec::text("bulk_billing_code")
                    .part("登録請求先コード")
                    .fmt(Fmt::BillingCode)
                    .req(BULK_OPT),
                FieldSpec::text("bulk_office_code")
                    .part("事業所コード")
                    .fmt(Fmt::OfficeCode)
                    .req(BULK_OPT),
            ],
            notes: &[
                "一括請求先の請求書又は利用承諾書を確認のうえ、どちらか一方のコードを入力してください。",
            ],
        },
        RowSpec {
            label: "一括請求先",
            fields: &[
                FieldSpec::text("bulk_company")
                    .part("企業名")
                    .fmt(Fmt::Zenkaku)
                    .req(BULK)
                    .max(60)
                    .example("例) ナックス商事株式会社"),
                FieldSpec::text("bulk_office")
                    .part("事業所名")
                    .fmt(Fmt::Zenkaku)
                    .req(BULK)
                    .max(60)
                    .example("例) 品川事務所"),
            ],
            notes: &[],
        },
    ],
};

const LOC: Req = Req::When("billing_location", "other");
const BILLING_ADDRESS: [RowSpec; 5] = crate::address_rows!("billing_", "reflect_billing", LOC);

pub const LOCATION: SectionSpec = SectionSpec {
    heading: "請求先所在地に関する項目",
    lines: &["利用料金の請求先所在地の情報を入力してください。"],
    rows: &[
        RowSpec {
            label: "所在地",
            fields: &[FieldSpec::radio("billing_location", SAME_AS_OFFICE, "same")],
            notes: &[],
        },
        BILLING_ADDRESS[0],
        BILLING_ADDRESS[1],
        BILLING_ADDRESS[2],
        BILLING_ADDRESS[3],
        BILLING_ADDRESS[4],
    ],
};

const CONTACT_SOURCE: &[Opt] = &[
    Opt {
        code: "manager",
        label: "管理責任者に同じ",
        short: "管理責任者に同じ",
    },
    Opt {
        code: "other",
        label: "その他(下欄に入力してください)",
        short: "その他",
    },
];
const CON: Req = Req::When("contact_source", "other");
const CON_OPT: Req = Req::OptionalWhen("contact_source", "other");
const CONTACT_NAME: [RowSpec; 2] = crate::name_rows!("contact_", CON);

pub const CONTACT: SectionSpec = SectionSpec {
    heading: "請求先担当者に関する項目",
    lines: &["利用料金の請求先担当者の情報を入力してください。"],
    rows: &[
        RowSpec {
            label: "請求先担当者",
            fields: &[FieldSpec::radio(
                "contact_source",
                CONTACT_SOURCE,
                "manager",
            )],
            notes: &[],
        },
        CONTACT_NAME[0],
        CONTACT_NAME[1],
        RowSpec {
            label: "所属部署名",
            fields: &[FieldSpec::text("contact_department")
                .fmt(Fmt::Zenkaku)
                .req(CON_OPT)
                .max(40)
                .example("例) 経理部経理課")],
            notes: &[],
        },
        RowSpec {
            label: "役職名",
            fields: &[FieldSpec::text("contact_title")
                .fmt(Fmt::Zenkaku)
                .req(CON_OPT)
                .max(40)
                .example("例) 課長")],
            notes: &[],
        },
        RowSpec {
            label: "電話番号",
            fields: &[FieldSpec::text("contact_tel")
                .fmt(Fmt::Phone)
                .req(CON)
                .example("例) 0312345678")],
            notes: NO_HYPHEN,
        },
        RowSpec {
            label: "FAX番号",
            fields: &[FieldSpec::text("contact_fax")
                .fmt(Fmt::Fax)
                .req(CON_OPT)
                .example("例) 0312345678")],
            notes: NO_HYPHEN,
        },
        RowSpec {
            label: "E-mailアドレス1",
            fields: &[FieldSpec::text("contact_email1").fmt(Fmt::Email).req(CON)],
            notes: &[],
        },
        RowSpec {
            label: "E-mailアドレス2",
            fields: &[FieldSpec::text("contact_email2")
                .fmt(Fmt::Email)
                .req(CON_OPT)],
            notes: &[],
        },
        RowSpec {
            label: "E-mailアドレス3",
            fields: &[FieldSpec::text("contact_email3")
                .fmt(Fmt::Email)
                .req(CON_OPT)],
            notes: &[],
        },
        RowSpec {
            label: "E-mailアドレス4",
            fields: &[FieldSpec::text("contact_email4")
                .fmt(Fmt::Email)
                .req(CON_OPT)],
            notes: &[],
        },
        RowSpec {
            label: "E-mailアドレス5",
            fields: &[FieldSpec::text("contact_email5")
                .fmt(Fmt::Email)
                .req(CON_OPT)],
            notes: &["E-mailアドレスは5つまで登録できます。"],
        },
    ],
};

const SAME_ACCOUNT: &[Opt] = &[
    Opt {
        code: "no",
        label: "同一口座振替を希望しない(別途「預金口座振替依頼書」を送付します)",
        short: "同一口座振替を希望しない",
    },
    Opt {
        code: "yes",
        label: "同一口座振替を希望する(同一口座振替先を入力してください)",
        short: "同一口座振替を希望する",
    },
];
const SAME: Req = Req::When("same_account", "yes");
const SAME_OPT: Req = Req::OptionalWhen("same_account", "yes");

pub const PAYMENT: SectionSpec = SectionSpec {
    heading: "支払方法に関する項目",
    lines: &[
        "利用料金の支払方法を選択してください。",
        "口座振替を選択した場合は、同一口座振替の利用を選択してください。",
        "※同一口座振替とは、登録済の口座を支払いに利用することになります。(請求書は事業所ごとに発行します。)",
        "銀行振込を選択した場合は、振込先銀行を選択してください。",
    ],
    rows: &[
        RowSpec {
            label: "支払方法",
            fields: &[FieldSpec::radio(
                "payment",
                PAYMENT_METHODS,
                "account_transfer",
            )],
            notes: &["銀行振込の場合、振込手数料はご利用者様負担となります。"],
        },
        RowSpec {
            label: "同一口座振替の利用",
            fields: &[FieldSpec::radio("same_account", SAME_ACCOUNT, "no")
                .req(Req::When("payment", "account_transfer"))],
            notes: &[],
        },
        RowSpec {
            label: "コード",
            fields: &[
                FieldSpec::text("same_billing_code")
                    .part("登録請求先コード")
                    .fmt(Fmt::BillingCode)
                    .req(SAME_OPT),
                FieldSpec::text("same_office_code")
                    .part("事業所コード")
                    .fmt(Fmt::OfficeCode)
                    .req(SAME_OPT),
            ],
            notes: &[
                "同一口座振替先の請求書又は利用承諾書を確認のうえ、どちらか一方のコードを入力してください。",
            ],
        },
        RowSpec {
            label: "同一口座振替先",
            fields: &[
                FieldSpec::text("same_company")
                    .part("企業名")
                    .fmt(Fmt::Zenkaku)
                    .req(SAME)
                    .max(60),
                FieldSpec::text("same_office")
                    .part("事業所名")
                    .fmt(Fmt::Zenkaku)
                    .req(SAME)
                    .max(60),
            ],
            notes: &[],
        },
        RowSpec {
            label: "振込先銀行",
            fields: &[
                FieldSpec::radio("bank", BANKS, "smbc").req(Req::When("payment", "bank_transfer"))
            ],
            notes: &["振込先銀行は左記の3行のいずれかへお願いします。"],
        },
    ],
};

pub const SECTIONS: [&SectionSpec; 4] = [&BULK_SECTION, &LOCATION, &CONTACT, &PAYMENT];

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let mut s = Screen::new("new_application.billing", "請求先 入力");
    s.intro = vec![
        "利用料金の請求先と支払方法に関する情報を入力してください。".into(),
        "入力完了後に「申込内容確認へ進む」ボタンをクリックしてください。".into(),
        "※無料業務のみのご利用であっても、請求先情報の入力は必須です。".into(),
    ];
    // The form first: the draft is then borrowed from the session, not copied.
    let mut buttons = nav_buttons();
    buttons[2] = Button::new("op", "next", "申込内容確認へ進む").arrow(Arrow::Forward);
    let form = common::form(cx, buttons);
    let values = &common::draft(cx).billing;
    s.errors = spec::error_list(&SECTIONS, errors);
    for sec in SECTIONS {
        s.blocks
            .push(Block::Section(spec::build(sec, values, errors)));
    }
    s.form = Some(form);
    s
}

/// Exactly one of two codes (M000 【22】: 「どちらか一方のコードを入力してください」).
fn one_of(values: &Values, a: &str, b: &str, errors: &mut FieldErrors) {
    let filled = |k: &str| values.get(k).is_some_and(|v| !v.trim().is_empty());
    match (filled(a), filled(b)) {
        (false, false) => {
            errors.entry(a.to_string()).or_insert_with(|| {
                "登録請求先コードまたは事業所コードのどちらか一方を入力してください。".into()
            });
        }
        (true, true) => {
            errors.entry(a.to_string()).or_insert_with(|| {
                "登録請求先コードと事業所コードは、どちらか一方のみ入力してください。".into()
            });
        }
        _ => {}
    }
}

pub fn check(values: &Values, errors: &mut FieldErrors) {
    let is = |k: &str, v: &str| values.get(k).is_some_and(|x| x == v);
    if is("bulk", "yes") {
        one_of(values, "bulk_billing_code", "bulk_office_code", errors);
    }
    if is("payment", "bank_transfer") {
        // 同一口座振替 belongs to 口座振替 only: whatever it says is ignored for 銀行振込.
        for k in [
            "same_billing_code",
            "same_office_code",
            "same_company",
            "same_office",
        ] {
            errors.remove(k);
        }
    } else if is("same_account", "yes") {
        one_of(values, "same_billing_code", "same_office_code", errors);
    }
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    let draft = common::draft(cx);
    for sec in SECTIONS {
        spec::read(sec, form, &mut draft.billing);
    }
    match form.op() {
        "reflect_billing" => match common::reflect_postal(&mut draft.billing, "billing_") {
            None => Step::Refresh,
            Some((field, msg)) => Step::Stay(FieldErrors::from([(field, msg)])),
        },
        "back" => Step::Go(At::AppPlan),
        "save" => common::save_and_logout(cx),
        "next" => {
            let mut errors = FieldErrors::new();
            for sec in SECTIONS {
                spec::validate(sec, &draft.billing, &mut errors);
            }
            check(&draft.billing, &mut errors);
            if errors.is_empty() {
                Step::Go(At::AppConfirm)
            } else {
                Step::Stay(errors)
            }
        }
        _ => Step::Refresh,
    }
}

#[allow(dead_code)]
fn _uses(_: Input) {}
