//! 請求先 入力 (M000 【22】): 一括請求, the billing address and person, and the payment method.
//! Required even for free use; its defaults are a valid answer (【22】: 「入力不要」 for METI users).

use crate::application::new::{
    Billing, BillingContact, BillingContactPerson, BillingLocation, BillingRef, OtherBilling,
    Payment,
};
use crate::domain::lists::{BANKS, Bank, PAYMENT_METHODS};
use crate::procedures::common::{self, NO_HYPHEN, SAME_AS_OFFICE, nav_buttons};
use crate::procedures::fields::{self, ScreenForm, slot_values};
use crate::procedures::{Cx, Step};
use crate::screen::form::FormInput;
use crate::screen::spec::{
    self, FieldErrors, FieldSpec, Fmt, Opt, Req, RowSpec, SectionSpec, Values,
};
use crate::screen::{Arrow, Block, Button, Screen};

/// The screen's title as printed.
pub const TITLE: &str = "請求先 入力";

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

/// The note beside 一括請求先 and 同一口座振替先 (M000 【22】 l.1416-1418, l.1477-1479; its
/// example as the cleaner capture of the same note prints it, l.251).
const CORPORATE_NOTE: &[&str] = &[
    "法人の場合は、法人名も含めて入力してください。",
    "例) 〇〇〇〇株式会社、有限会社△△△△",
    "個人企業の場合は、屋号または商号を入力してください。",
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
            notes: CORPORATE_NOTE,
        },
    ],
};

const LOC: Req = Req::When("billing_location", "other");
const BILLING_ADDRESS: [RowSpec; 5] = crate::address_rows!("billing_", "reflect_billing", LOC);
/// 住所(その他) with the example 請求先 入力 prints (M000 【22】 l.1428: no 「3階」).
const BILLING_STREET: [FieldSpec; 1] =
    [BILLING_ADDRESS[3].fields[0].example("例) 大崎1-2-3 ABCビル 302号")];

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
        RowSpec {
            fields: &BILLING_STREET,
            ..BILLING_ADDRESS[3]
        },
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
/// 請求先担当者's name examples (M000 【22】 l.1442-1443): 鈴木 太郎, not 通関 太郎.
const CONTACT_NAMES: [FieldSpec; 2] = [
    CONTACT_NAME[0].fields[0].example("例) 鈴木"),
    CONTACT_NAME[0].fields[1].example("例) 太郎"),
];
const CONTACT_KANA: [FieldSpec; 2] = [
    CONTACT_NAME[1].fields[0].example("例) スズキ"),
    CONTACT_NAME[1].fields[1].example("例) タロウ"),
];

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
        RowSpec {
            fields: &CONTACT_NAMES,
            ..CONTACT_NAME[0]
        },
        RowSpec {
            fields: &CONTACT_KANA,
            ..CONTACT_NAME[1]
        },
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
            // The examples of E-mailアドレス1–5 as M000 【22】 prints them (l.1448-1452).
            fields: &[FieldSpec::text("contact_email1")
                .fmt(Fmt::Email)
                .req(CON)
                .example("例) goru.yashuta@naccs.jp")],
            notes: &[],
        },
        RowSpec {
            label: "E-mailアドレス2",
            fields: &[FieldSpec::text("contact_email2")
                .fmt(Fmt::Email)
                .req(CON_OPT)
                .example("例) jiro.kai@naccs.jp")],
            notes: &[],
        },
        RowSpec {
            label: "E-mailアドレス3",
            fields: &[FieldSpec::text("contact_email3")
                .fmt(Fmt::Email)
                .req(CON_OPT)
                .example("例) saburo.konai@naccs.jp")],
            notes: &[],
        },
        RowSpec {
            label: "E-mailアドレス4",
            fields: &[FieldSpec::text("contact_email4")
                .fmt(Fmt::Email)
                .req(CON_OPT)
                .example("例) siro.kou@naccs.jp")],
            notes: &[],
        },
        RowSpec {
            label: "E-mailアドレス5",
            fields: &[FieldSpec::text("contact_email5")
                .fmt(Fmt::Email)
                .req(CON_OPT)
                .example("例) taro.tokai@naccs.jp")],
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
                    .max(60)
                    .example("例) ナックス商事株式会社"),
                FieldSpec::text("same_office")
                    .part("事業所名")
                    .fmt(Fmt::Zenkaku)
                    .req(SAME)
                    .max(60)
                    .example("例) 品川事務所"),
            ],
            notes: CORPORATE_NOTE,
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
    let mut s = Screen::new("new_application.billing", TITLE);
    s.intro = vec![
        "利用料金の請求先と支払方法に関する情報を入力してください。".into(),
        "入力完了後に「申込内容確認へ進む」ボタンをクリックしてください。".into(),
        "※無料業務のみのご利用であっても、請求先情報の入力は必須です。".into(),
    ];
    let mut buttons = nav_buttons();
    buttons[2] = Button::new("op", "next", "申込内容確認へ進む").arrow(Arrow::Forward);
    s.form = Some(common::form(cx, buttons));
    let values = slot_values(&cx.new_draft().billing);
    s.errors = spec::error_list(&SECTIONS, errors);
    for sec in SECTIONS {
        s.blocks
            .push(Block::Section(spec::build(sec, &values, errors)));
    }
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

/// One of the two codes the rule above let through.
fn billing_ref(
    values: &Values,
    billing_code: &str,
    office_code: &str,
) -> Result<BillingRef, FieldErrors> {
    match fields::opt(values, billing_code)? {
        Some(code) => Ok(BillingRef::BillingCode(code)),
        None => Ok(BillingRef::OfficeCode(fields::get(values, office_code)?)),
    }
}

fn other_billing(
    values: &Values,
    prefix: &str,
    company: &str,
    office: &str,
) -> Result<OtherBilling, FieldErrors> {
    Ok(OtherBilling {
        code: billing_ref(
            values,
            &[prefix, "billing_code"].concat(),
            &[prefix, "office_code"].concat(),
        )?,
        company: fields::get(values, company)?,
        office: fields::get(values, office)?,
    })
}

fn set_other_billing(v: &mut Values, prefix: &str, company: &str, office: &str, b: &OtherBilling) {
    let (billing_code, office_code) = match &b.code {
        BillingRef::BillingCode(c) => (c.as_str(), ""),
        BillingRef::OfficeCode(c) => ("", c.as_str()),
    };
    fields::set(v, &[prefix, "billing_code"].concat(), billing_code);
    fields::set(v, &[prefix, "office_code"].concat(), office_code);
    fields::set(v, company, b.company.as_str());
    fields::set(v, office, b.office.as_str());
}

impl ScreenForm for Billing {
    type Context<'a> = ();

    fn to_values(&self) -> Values {
        let mut v = Values::new();
        match &self.bulk {
            None => fields::set(&mut v, "bulk", "no"),
            Some(b) => {
                fields::set(&mut v, "bulk", "yes");
                set_other_billing(&mut v, "bulk_", "bulk_company", "bulk_office", b);
            }
        }
        match &self.location {
            BillingLocation::SameAsOffice => fields::set(&mut v, "billing_location", "same"),
            BillingLocation::Other(a) => {
                fields::set(&mut v, "billing_location", "other");
                fields::address_values(&mut v, "billing_", a);
            }
        }
        match &self.contact {
            BillingContact::SameAsManager => fields::set(&mut v, "contact_source", "manager"),
            BillingContact::Other(c) => {
                fields::set(&mut v, "contact_source", "other");
                fields::person_values(&mut v, "contact_", "contact_email1", &c.person);
                for (i, e) in c.more_emails.iter().enumerate() {
                    fields::set_opt(&mut v, &format!("contact_email{}", i + 2), e);
                }
            }
        }
        match &self.payment {
            Payment::AccountTransfer { same_account } => {
                fields::set(&mut v, "payment", "account_transfer");
                match same_account {
                    None => fields::set(&mut v, "same_account", "no"),
                    Some(b) => {
                        fields::set(&mut v, "same_account", "yes");
                        set_other_billing(&mut v, "same_", "same_company", "same_office", b);
                    }
                }
            }
            Payment::BankTransfer { bank } => {
                fields::set(&mut v, "payment", "bank_transfer");
                fields::set(&mut v, "bank", bank.code());
            }
        }
        v
    }

    fn parse(values: &Values, _: &()) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        for sec in SECTIONS {
            spec::validate(sec, values, &mut errors);
        }
        check(values, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        let is = |k: &str, v: &str| fields::raw(values, k) == v;
        Ok(Billing {
            bulk: if is("bulk", "yes") {
                Some(other_billing(
                    values,
                    "bulk_",
                    "bulk_company",
                    "bulk_office",
                )?)
            } else {
                None
            },
            location: if is("billing_location", "other") {
                BillingLocation::Other(fields::address_from(values, "billing_")?)
            } else {
                BillingLocation::SameAsOffice
            },
            contact: if is("contact_source", "other") {
                BillingContact::Other(Box::new(BillingContactPerson {
                    person: fields::person_from(values, "contact_", "contact_email1")?,
                    more_emails: [
                        fields::opt(values, "contact_email2")?,
                        fields::opt(values, "contact_email3")?,
                        fields::opt(values, "contact_email4")?,
                        fields::opt(values, "contact_email5")?,
                    ],
                }))
            } else {
                BillingContact::SameAsManager
            },
            payment: if is("payment", "bank_transfer") {
                Payment::BankTransfer {
                    bank: fields::choice(values, "bank", Bank::from_code)?,
                }
            } else {
                Payment::AccountTransfer {
                    same_account: if is("same_account", "yes") {
                        Some(other_billing(
                            values,
                            "same_",
                            "same_company",
                            "same_office",
                        )?)
                    } else {
                        None
                    },
                }
            },
        })
    }
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    let mut values = slot_values(&cx.new_draft().billing).into_owned();
    for sec in SECTIONS {
        spec::read(sec, form, &mut values);
    }
    let reflected =
        (form.op() == "reflect_billing").then(|| common::reflect_postal(&mut values, "billing_"));
    let (slot, errors) = fields::slot_from::<Billing>(values, &());
    cx.new_draft().billing = slot;
    match (form.op(), reflected) {
        (_, Some(None)) => Step::Refresh,
        (_, Some(Some((field, msg)))) => Step::Stay(FieldErrors::from([(field, msg)])),
        ("back", _) => Step::Back,
        ("save", _) => common::save_and_logout(cx),
        ("next", _) if errors.is_empty() => Step::Next,
        ("next", _) => Step::Stay(errors),
        _ => Step::Refresh,
    }
}
