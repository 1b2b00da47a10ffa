//! 変更内容 入力 (M001 ④, caption 「変更内容入力画面」 l.179): the items to change, 「その他の
//! 契約変更」 and the 利用開始希望日.

use super::{draft, not_office, office_code};
use crate::application::change::{ChangeItem, ChangeItems, ITEM_GROUPS, OTHER_ITEMS, OtherChange};
use crate::procedures::fields::{self, ScreenForm, slot_values};
use crate::procedures::new_application::office::check_start_wish;
use crate::procedures::{Cx, Step, common};
use crate::screen::form::FormInput;
use crate::screen::spec::{
    self, FieldErrors, FieldSpec, Fmt, Input, Opt, Req, RowSpec, SectionSpec, Values,
};
use crate::screen::{Arrow, Block, Button, Link, Screen, Text};

/// The screen's title (the manual prints only the caption 「変更内容入力画面」; titles follow the
/// 「… 入力」 of every input screen, Part 3 Q7).
pub const TITLE: &str = "変更内容 入力";

macro_rules! group_row {
    ($i:expr) => {
        RowSpec {
            label: ITEM_GROUPS[$i].0,
            // Neither required nor 任意 one by one: the screen's rule wants at least one item.
            fields: &[FieldSpec::text(ITEM_GROUPS[$i].1)
                .input(Input::Checks(ITEM_GROUPS[$i].2))
                .req(Req::Deferred)],
            notes: &[],
        }
    };
}

/// 「契約変更に関する項目」 (M001 l.184-195).
pub const CHANGE: SectionSpec = SectionSpec {
    heading: "契約変更に関する項目",
    lines: &["変更申込を行う項目を選択してください。"],
    rows: &[
        group_row!(0),
        group_row!(1),
        group_row!(2),
        group_row!(3),
        group_row!(4),
        group_row!(5),
        group_row!(6),
        group_row!(7),
    ],
};

/// M001 l.197, printed between the two boxes; also the message of the rule it states.
pub const NOT_BOTH: &str = "上記の変更と下記の「その他の契約変更」とを、同時に行うことはできません。両方の変更を行いたい場合は、再度変更申込を行っていただきます。";

/// M001 l.215.
pub const FIRST_NET: &str = "当該事業所で初めてnetNACCSをお申込み頂く際には、「識別番号」と「料金プラン」も同時にチェックして下さい。";

const YES_NO: &[Opt] = &[
    Opt {
        code: "yes",
        label: "あり",
        short: "あり",
    },
    Opt {
        code: "no",
        label: "なし",
        short: "なし",
    },
];

/// 「その他の契約変更」 (M001 l.199-201): one row 「内容」 with the radio あり / なし and the
/// check boxes (the part label 「変更項目」 is the simulator's, to tell the two inputs apart).
pub const OTHER: SectionSpec = SectionSpec {
    heading: "その他の契約変更",
    lines: &[],
    rows: &[RowSpec {
        label: "内容",
        fields: &[
            FieldSpec::radio("other", YES_NO, "no"),
            FieldSpec::text("other_items")
                .part("変更項目")
                .input(Input::Checks(OTHER_ITEMS))
                .req(Req::Deferred),
        ],
        notes: &[],
    }],
};

/// 「利用開始日に関する項目」 (M001 l.204-210).
pub const START: SectionSpec = SectionSpec {
    heading: "利用開始日に関する項目",
    lines: &[
        "利用開始日については「こちら」をご参照ください。",
        "NACCSの利用開始希望日を選択して入力してください。",
    ],
    rows: &[RowSpec {
        label: "利用開始希望日",
        fields: &[FieldSpec::text("start_wish")
            .fmt(Fmt::Date8)
            .example("(例) 20120311")],
        notes: &[],
    }],
};

pub const SECTIONS: [&SectionSpec; 3] = [&CHANGE, &OTHER, &START];

/// What the screen's rules need besides its values.
pub struct ItemsContext {
    pub today: chrono::NaiveDate,
    /// Whether the office uses netNACCS already (M001 l.215).
    pub uses_net: bool,
    /// The 機器共用先 whose terminals the office uses, if it is a 機器共用依頼事業所 (M002).
    pub sharing_office: Option<String>,
    /// Whether the office has a 一般NACCS contract (its mailboxes can change).
    pub general: bool,
}

/// The items of a 一般NACCS contract: an office without one has no lines, terminals or
/// mailboxes of 一般NACCS to change (M003:l.551-659; docs/decisions.md, issue 10).
const GENERAL_ONLY: [ChangeItem; 3] = [
    ChangeItem::GeneralLine,
    ChangeItem::GeneralTerminal,
    ChangeItem::Mailbox,
];

impl ScreenForm for ChangeItems {
    type Context<'a> = ItemsContext;

    fn to_values(&self) -> Values {
        let mut v = Values::new();
        for (label, field, _) in ITEM_GROUPS {
            let codes: Vec<&str> = self
                .items
                .iter()
                .filter(|i| i.group() == label)
                .map(|i| i.code())
                .collect();
            fields::set(&mut v, field, &codes.join(","));
        }
        fields::set(
            &mut v,
            "other",
            if self.others.is_empty() { "no" } else { "yes" },
        );
        let others: Vec<&str> = self.others.iter().map(|o| o.code()).collect();
        fields::set(&mut v, "other_items", &others.join(","));
        fields::set(&mut v, "start_wish", self.start_wish.as_str());
        v
    }

    fn parse(values: &Values, cx: &ItemsContext) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        for s in SECTIONS {
            spec::validate(s, values, &mut errors);
        }
        let items: Vec<ChangeItem> = ChangeItem::ALL
            .into_iter()
            .filter(|i| {
                fields::raw(values, field_of(*i))
                    .split(',')
                    .any(|c| c == i.code())
            })
            .collect();
        let others: Vec<OtherChange> = fields::raw(values, "other_items")
            .split(',')
            .filter_map(OtherChange::from_code)
            .collect();
        let other = fields::raw(values, "other") == "yes";
        check(&items, other, &others, cx, &mut errors);
        if !errors.contains_key("start_wish")
            && let Some(msg) = check_start_wish(fields::raw(values, "start_wish"), cx.today)
        {
            errors.insert("start_wish".into(), msg.into());
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ChangeItems {
            items,
            others: if other { others } else { Vec::new() },
            start_wish: fields::get(values, "start_wish")?,
        })
    }
}

/// The form field of an item's row.
fn field_of(item: ChangeItem) -> &'static str {
    ITEM_GROUPS
        .iter()
        .find(|(label, _, _)| *label == item.group())
        .map_or("", |(_, f, _)| f)
}

/// The rules of the items (M001 l.197, 214-215; the rest is docs/decisions.md, issue 10).
fn check(
    items: &[ChangeItem],
    other: bool,
    others: &[OtherChange],
    cx: &ItemsContext,
    errors: &mut FieldErrors,
) {
    let mut add = |k: &str, m: String| {
        errors.entry(k.to_string()).or_insert(m);
    };
    if !other && !others.is_empty() {
        add(
            "other_items",
            "その他の契約変更の内容を選択する場合は、「あり」を選択してください。".into(),
        );
    } else if other && others.is_empty() {
        add(
            "other_items",
            "その他の契約変更の内容を選択してください。".into(),
        );
    }
    if other && !items.is_empty() {
        add("other", NOT_BOTH.into());
    } else if !other && items.is_empty() && others.is_empty() {
        add(
            "change_office",
            "変更申込を行う項目を選択してください。".into(),
        );
    }
    // M001 l.215: the first netNACCS of an office needs its 識別番号 and its plan too (利用者
    // コード 入力 then requires a netNACCS 識別番号 to be added).
    if items.contains(&ChangeItem::NetTerminals)
        && !cx.uses_net
        && !(items.contains(&ChangeItem::Ident) && items.contains(&ChangeItem::Plan))
    {
        add("change_net", FIRST_NET.into());
    }
    // メールボックス, lines and their terminals belong to a 一般NACCS contract (M003:l.551-659): an
    // office without one has none to add or retire (docs/decisions.md, issue 10).
    for item in GENERAL_ONLY {
        if items.contains(&item) && !cx.general {
            add(
                field_of(item),
                format!(
                    "この事業所は一般NACCSを契約していないため、「{}」の変更申込はできません。",
                    item.label()
                ),
            );
        }
    }
    // M002 l.20-21: 「機器共用依頼事業所は、利用者IDのみ契約することとなります。端末、回線は契約
    // できません。」
    if let Some(owner) = &cx.sharing_office
        && items.contains(&ChangeItem::NetTerminals)
    {
        add(
            "change_net",
            format!(
                "この事業所は事業所コード「{owner}」の論理端末を機器共用しているため、論理端末の変更申込はできません。"
            ),
        );
    }
}

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let mut s = Screen::new("change_application.items", TITLE);
    s.intro = [
        "変更申込情報を入力してください。",
        // M001 l.182 is garbled by the OCR (「…確認後、変更対象項目が変更内容入力画面に入ります。」):
        // what the flow does is said instead.
        "入力完了後、「申込担当者の入力へ進む」ボタンを押下し、申込担当者情報を確認後、変更対象項目の入力画面に進んでください。",
    ]
    .map(Text::from)
    .to_vec();
    let Some(code) = office_code(cx) else {
        s.errors.push(super::OFFICE_ONLY.into());
        return s;
    };
    let mut buttons = vec![
        Button::new("op", "back", "変更申込ガイダンスに戻る").arrow(Arrow::Back),
        common::save_button(),
        Button::new("op", "next", "申込担当者の入力へ進む").arrow(Arrow::Forward),
    ];
    if draft(cx).entry == crate::application::change::ChangeEntry::Amend {
        buttons.insert(1, super::detail_button());
    }
    s.form = Some(common::form(cx, buttons));
    let values = slot_values(&draft(cx).items).into_owned();
    s.errors = spec::error_list(&SECTIONS, errors);
    // Part 3 Q6: STEP2 says 「事業所コードを入力し」, the screen shows no such field; the change
    // is for the office logged in, whose code is printed.
    s.blocks
        .push(Block::Text(vec![format!("事業所コード：{code}").into()]));
    s.blocks
        .push(Block::Section(spec::build(&CHANGE, &values, errors)));
    s.blocks.push(Block::Text(vec![NOT_BOTH.into()]));
    s.blocks
        .push(Block::Section(spec::build(&OTHER, &values, errors)));
    s.blocks
        .push(Block::Section(spec::build(&START, &values, errors)));
    s.blocks.push(Block::Links(vec![Link::new(
        "NACCSのご利用に関するスケジュール表",
        cx.url("bbs/"),
    )]));
    s.blocks.push(Block::Text(
        [
            "・ 枠内の申込については、複数選択が可能です。",
            "・ 当該事業所で初めてnetNACCSをお申込み頂く際には、「識別番号」と「料金プラン」も同時にチェックして下さい。",
            "回線を利用している事業所が移転する場合は、「一般NACCS回線の登録情報」も選択し、回線設置場所も変更してください。",
            "※スケジュール以外の日付を指定しますと、ご希望に添えない利用開始日となる場合があります。予めご了承ください。",
        ]
        .map(Text::from)
        .to_vec(),
    ));
    s
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    let Some(code) = office_code(cx) else {
        return not_office();
    };
    let contract = cx.ws.state.offices.get(&code).map(|o| &o.contract);
    let context = ItemsContext {
        today: cx.now.date_naive(),
        uses_net: contract.is_some_and(crate::center::change::uses_net),
        sharing_office: contract.and_then(|c| c.issued.sharing_office.clone()),
        general: contract.is_some_and(|c| c.general.is_some()),
    };
    let mut values = slot_values(&draft(cx).items).into_owned();
    for s in SECTIONS {
        spec::read(s, form, &mut values);
    }
    let (slot, errors) = fields::slot_from::<ChangeItems>(values, &context);
    draft(cx).items = slot;
    match form.op() {
        // The guidance is a page outside the sequence.
        "back" => Step::Go(super::GUIDANCE),
        op => super::step(cx, op, errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pairs: &[(&str, &str)], uses_net: bool) -> Result<ChangeItems, FieldErrors> {
        parse_for(pairs, uses_net, None)
    }

    fn parse_for(
        pairs: &[(&str, &str)],
        uses_net: bool,
        sharing_office: Option<&str>,
    ) -> Result<ChangeItems, FieldErrors> {
        let values: Values = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        ChangeItems::parse(
            &values,
            &ItemsContext {
                today: chrono::NaiveDate::from_ymd_opt(2013, 11, 20).unwrap(),
                uses_net,
                sharing_office: sharing_office.map(str::to_string),
                general: false,
            },
        )
    }

    #[test]
    fn an_office_sharing_terminals_contracts_none() {
        let e = parse_for(
            &[("change_net", "net_terminals"), ("start_wish", "20131205")],
            true,
            Some("NAC001"),
        )
        .unwrap_err();
        assert!(e["change_net"].contains("事業所コード「NAC001」の論理端末を機器共用"));
        assert!(
            parse_for(
                &[("change_plan", "plan"), ("start_wish", "20131205")],
                true,
                Some("NAC001")
            )
            .is_ok()
        );
    }

    #[test]
    fn the_manuals_choice_passes_and_reads_back() {
        let items = parse(
            &[
                ("change_net", "net_terminals"),
                ("other", "no"),
                ("start_wish", "20131205"),
            ],
            true,
        )
        .unwrap();
        assert_eq!(items.items, [ChangeItem::NetTerminals]);
        assert!(items.others.is_empty());
        let again = parse(
            &items
                .to_values()
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect::<Vec<_>>(),
            true,
        )
        .unwrap();
        assert_eq!(again, items);
    }

    #[test]
    fn several_items_at_once_but_never_with_the_other_changes() {
        let ok = parse(
            &[
                ("change_office", "company_office,manager"),
                ("change_net", "net_terminals"),
                ("change_plan", "plan"),
                ("change_billing", "payment"),
                ("start_wish", "20131205"),
            ],
            true,
        )
        .unwrap();
        assert_eq!(ok.items.len(), 5);
        let both = parse(
            &[
                ("change_net", "net_terminals"),
                ("other", "yes"),
                ("other_items", "transfer"),
                ("start_wish", "20131205"),
            ],
            true,
        )
        .unwrap_err();
        assert_eq!(both["other"], NOT_BOTH);
        let others = parse(
            &[
                ("other", "yes"),
                ("other_items", "sharing,termination"),
                ("start_wish", "20131205"),
            ],
            true,
        )
        .unwrap();
        assert_eq!(
            others.others,
            [OtherChange::Sharing, OtherChange::Termination]
        );
    }

    #[test]
    fn refusals() {
        let none = parse(&[("start_wish", "20131205")], true).unwrap_err();
        assert_eq!(
            none["change_office"],
            "変更申込を行う項目を選択してください。"
        );
        let without_yes = parse(
            &[("other_items", "transfer"), ("start_wish", "20131205")],
            true,
        )
        .unwrap_err();
        assert!(without_yes["other_items"].contains("「あり」を選択"));
        let yes_without = parse(&[("other", "yes"), ("start_wish", "20131205")], true).unwrap_err();
        assert_eq!(
            yes_without["other_items"],
            "その他の契約変更の内容を選択してください。"
        );
        let first_net = parse(
            &[("change_net", "net_terminals"), ("start_wish", "20131205")],
            false,
        )
        .unwrap_err();
        assert_eq!(first_net["change_net"], FIRST_NET);
        let past = parse(
            &[("change_net", "net_terminals"), ("start_wish", "20131120")],
            true,
        )
        .unwrap_err();
        assert!(past["start_wish"].contains("本日より後"));
        let bad_date = parse(
            &[("change_net", "net_terminals"), ("start_wish", "2013125")],
            true,
        )
        .unwrap_err();
        assert!(bad_date.contains_key("start_wish"));
        let general = parse(
            &[
                ("change_general", "general_line"),
                ("start_wish", "20131205"),
            ],
            true,
        )
        .unwrap_err();
        assert_eq!(
            general["change_general"],
            "この事業所は一般NACCSを契約していないため、「一般NACCS回線の登録情報(追加・変更・廃止)」の変更申込はできません。"
        );
        let mailbox = parse(
            &[("change_general", "mailbox"), ("start_wish", "20131205")],
            true,
        )
        .unwrap_err();
        assert!(mailbox["change_general"].contains("一般NACCSを契約していない"));
        // A tampered code is no item: nothing chosen.
        let tampered =
            parse(&[("change_net", "bogus"), ("start_wish", "20131205")], true).unwrap_err();
        assert!(tampered.contains_key("change_office"));
    }
}
