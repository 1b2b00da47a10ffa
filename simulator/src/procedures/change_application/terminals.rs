//! 論理端末 入力 of the change (M001 ⑥, l.265-301, caption 「利用申込情報(論理端末)登録画面」):
//! how many terminals to add per システム区分 — the number to add, 「※ 契約合計台数では
//! ありません」 (l.295-296) — and, for each terminal of the contract, 区分の変更 and 論理端末の廃止.

use super::{before, contract_screen, draft, not_office, office_code};
use crate::application::change::{
    ContractTerminal, Reclassification, TerminalChange, TerminalCounts,
};
use crate::domain::lists::{ProcessingMethod, SystemKind};
use crate::procedures::fields::{self, ScreenForm, slot_values};
use crate::procedures::{Cx, Step};
use crate::screen::form::FormInput;
use crate::screen::spec::{self, FieldErrors, FieldSpec, Fmt, Opt, RowSpec, SectionSpec, Values};
use crate::screen::{Block, Cell, Choice, Field, FieldType, Row, Screen, Section, Table, Text};

/// The screen's title as printed (l.269).
pub const TITLE: &str = "論理端末 入力";

macro_rules! add_row {
    ($label:literal, $sea:literal, $air:literal, $both:literal) => {
        RowSpec {
            label: $label,
            fields: &[
                FieldSpec::text($sea)
                    .part("海上")
                    .fmt(Fmt::Count)
                    .unit("個")
                    .optional(),
                FieldSpec::text($air)
                    .part("航空")
                    .fmt(Fmt::Count)
                    .unit("個")
                    .optional(),
                FieldSpec::text($both)
                    .part("海上・航空共用")
                    .fmt(Fmt::Count)
                    .unit("個")
                    .optional(),
            ],
            notes: &[],
        }
    };
}

/// 「論理端末の追加に関する項目」 (l.274-282): a row per kind, a column per システム区分.
pub const ADD: SectionSpec = SectionSpec {
    heading: "論理端末の追加に関する項目",
    lines: &[
        "NACCSを利用するために必要な論理端末の情報を変更します。",
        "システム区分に応じて追加する端末数を入力してください。",
    ],
    rows: &[
        add_row!(
            "論理端末追加数 (netNACCS)",
            "add_net_sea",
            "add_net_air",
            "add_net_both"
        ),
        add_row!(
            "論理端末追加数 (webNACCS)",
            "add_web_sea",
            "add_web_air",
            "add_web_both"
        ),
        add_row!(
            "論理端末追加数 (ebMS)",
            "add_ebms_sea",
            "add_ebms_air",
            "add_ebms_both"
        ),
    ],
};

/// The heading and lines of 「論理端末の変更・廃止に関する項目」 (l.284-287); its rows are the
/// contract's terminals.
pub const CHANGE_HEADING: &str = "論理端末の変更・廃止に関する項目";
const CHANGE_LINES: [&str; 2] = [
    "論理端末のシステム区分を変更する場合は、「区分の変更」でシステム区分を選択してください。",
    "表示されている論理端末を廃止したい場合は、「論理端末の廃止」を選択してください。",
];

/// 区分の変更's options as l.293 prints them: 海上 / 航空 / 共用.
const RECLASSIFY: &[Opt] = &[
    Opt {
        code: "sea",
        label: "海上",
        short: "海上",
    },
    Opt {
        code: "air",
        label: "航空",
        short: "航空",
    },
    Opt {
        code: "sea_and_air",
        label: "共用",
        short: "共用",
    },
];

/// The part labels of a terminal's row.
pub const RECLASSIFY_PART: &str = "区分の変更";
pub const RETIRE_PART: &str = "論理端末の廃止";
/// The text of the 廃止 check box (the manual's box has none; its column says it).
pub const RETIRE_TEXT: &str = "廃止する";

/// The form fields of a terminal's row.
pub fn kind_field(name: &str) -> String {
    format!("kind_{name}")
}

pub fn retire_field(name: &str) -> String {
    format!("retire_{name}")
}

/// What the rules of the screen need besides its values.
pub struct TerminalsContext<'a> {
    /// The contract's terminals.
    pub current: &'a [ContractTerminal],
    /// Whether the office has netNACCS 利用者IDs.
    pub net_users: bool,
    /// The offices that use this office's terminals (機器共用).
    pub sharers: Vec<String>,
}

fn counts(values: &Values, kind: &str) -> Result<TerminalCounts, FieldErrors> {
    Ok(TerminalCounts {
        sea: fields::opt(values, &format!("add_{kind}_sea"))?,
        air: fields::opt(values, &format!("add_{kind}_air"))?,
        both: fields::opt(values, &format!("add_{kind}_both"))?,
    })
}

fn set_counts(v: &mut Values, kind: &str, c: &TerminalCounts) {
    fields::set_opt(v, &format!("add_{kind}_sea"), &c.sea);
    fields::set_opt(v, &format!("add_{kind}_air"), &c.air);
    fields::set_opt(v, &format!("add_{kind}_both"), &c.both);
}

/// The 区分 a terminal's row shows: as chosen, else the contract's.
fn chosen_kind(values: &Values, t: &ContractTerminal) -> SystemKind {
    values
        .get(&kind_field(&t.name))
        .and_then(|c| SystemKind::from_code(c))
        .unwrap_or(t.system)
}

fn retired(values: &Values, t: &ContractTerminal) -> bool {
    fields::raw(values, &retire_field(&t.name)) == "1"
}

impl ScreenForm for TerminalChange {
    type Context<'a> = TerminalsContext<'a>;

    fn to_values(&self) -> Values {
        let mut v = Values::new();
        set_counts(&mut v, "net", &self.net);
        set_counts(&mut v, "web", &self.web);
        set_counts(&mut v, "ebms", &self.ebms);
        for r in &self.reclassify {
            fields::set(&mut v, &kind_field(&r.name), r.to.code());
        }
        for name in &self.retire {
            fields::set(&mut v, &retire_field(name), "1");
        }
        v
    }

    fn parse(values: &Values, cx: &TerminalsContext<'_>) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        spec::validate(&ADD, values, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        let change = TerminalChange {
            net: counts(values, "net")?,
            web: counts(values, "web")?,
            ebms: counts(values, "ebms")?,
            reclassify: cx
                .current
                .iter()
                .filter(|t| chosen_kind(values, t) != t.system)
                .map(|t| Reclassification {
                    name: t.name.clone(),
                    from: t.system,
                    to: chosen_kind(values, t),
                })
                .collect(),
            retire: cx
                .current
                .iter()
                .filter(|t| retired(values, t))
                .map(|t| t.name.clone())
                .collect(),
        };
        check(&change, cx, &mut errors);
        if errors.is_empty() {
            Ok(change)
        } else {
            Err(errors)
        }
    }
}

/// The rules across fields (the manual prints none; docs/decisions.md, issue 10).
pub fn check(c: &TerminalChange, cx: &TerminalsContext<'_>, errors: &mut FieldErrors) {
    if c.is_empty() {
        errors.insert(
            "add_net_sea".into(),
            "論理端末追加数を入力するか、表示されている論理端末の区分の変更または廃止を選択してください。".into(),
        );
        return;
    }
    for r in &c.reclassify {
        if c.retire.contains(&r.name) {
            errors.insert(
                retire_field(&r.name),
                format!(
                    "論理端末「{}」は、区分の変更と廃止を同時に選択することはできません。",
                    r.name
                ),
            );
        }
    }
    // Every netNACCS terminal retired and none added: the office's netNACCS users (and the
    // offices that share its terminals, M002) would have none to log on with.
    let net = ProcessingMethod::NetNaccs.short();
    let is_net = |t: &&ContractTerminal| t.model == net;
    let before = cx.current.iter().filter(is_net).count();
    let kept = cx
        .current
        .iter()
        .filter(is_net)
        .filter(|t| !c.retire.contains(&t.name))
        .count();
    if before > 0 && kept == 0 && c.net.total() == 0 {
        let field = retire_field(&c.retire[0]);
        if cx.net_users {
            errors.entry(field).or_insert_with(|| {
                "netNACCSの利用者IDが登録されているため、すべての論理端末を廃止することはできません。".into()
            });
        } else if let Some(sharer) = cx.sharers.first() {
            errors.entry(field).or_insert_with(|| {
                format!(
                    "事業所コード「{sharer}」の事業所がこの事業所の論理端末を機器共用しているため、すべての論理端末を廃止することはできません。"
                )
            });
        }
    }
}

/// 契約情報: the contract's terminals as l.289-293 and l.311-314 list them.
pub fn contract_table(current: &[ContractTerminal]) -> Table {
    Table {
        caption: "契約情報".into(),
        columns: ["区分", "利用機器区分", "パッケージソフト区分", "論理端末名"]
            .map(Text::from)
            .to_vec(),
        rows: current
            .iter()
            .map(|t| {
                vec![
                    Cell::from(t.system.short()),
                    Cell::from(t.model.clone()),
                    Cell::from(t.package.clone()),
                    Cell::from(t.name.clone()),
                ]
            })
            .collect(),
    }
}

/// 「論理端末の変更・廃止に関する項目」: a row per terminal with its 区分の変更 radio (preset to
/// its 区分, l.293) and its 廃止 check box.
fn change_section(current: &[ContractTerminal], values: &Values, errors: &FieldErrors) -> Section {
    let mut lines: Vec<Text> = CHANGE_LINES.iter().map(|&l| Text::from(l)).collect();
    if current.is_empty() {
        lines.push("現在の契約に論理端末はありません。".into());
    }
    Section {
        heading: CHANGE_HEADING.into(),
        lines,
        rows: current
            .iter()
            .map(|t| {
                let kind = chosen_kind(values, t);
                let kind_name = kind_field(&t.name);
                let retire_name = retire_field(&t.name);
                let mut radio = Field::text(kind_name.clone(), kind.code());
                radio.part = Some(RECLASSIFY_PART.into());
                radio.kind = FieldType::Radio;
                radio.options = RECLASSIFY
                    .iter()
                    .map(|o| Choice {
                        value: o.code.into(),
                        label: o.label.into(),
                        selected: o.code == kind.code(),
                    })
                    .collect();
                radio.error = errors.get(&kind_name).cloned();
                let mut check = Field::text(retire_name.clone(), "");
                check.part = Some(RETIRE_PART.into());
                check.kind = FieldType::Checkbox;
                check.options = vec![Choice {
                    value: "1".into(),
                    label: RETIRE_TEXT.into(),
                    selected: retired(values, t),
                }];
                check.error = errors.get(&retire_name).cloned();
                Row {
                    label: t.name.clone().into(),
                    optional: false,
                    fields: vec![radio, check],
                    notes: Vec::new(),
                }
            })
            .collect(),
    }
}

/// Reads the rows of the contract's terminals from a posted form: a 区分 the radio offers, and
/// the check box (anything else a tampered form sends is ignored).
fn read_changes(current: &[ContractTerminal], form: &FormInput, values: &mut Values) {
    for t in current {
        let kind = form
            .get(&kind_field(&t.name))
            .filter(|c| RECLASSIFY.iter().any(|o| o.code == *c))
            .unwrap_or(t.system.code());
        values.insert(kind_field(&t.name), kind.to_string());
        let retire = if form.all(&retire_field(&t.name)).contains(&"1") {
            "1"
        } else {
            ""
        };
        values.insert(retire_field(&t.name), retire.to_string());
    }
}

/// The context of the screen's rules, from the office's contract.
pub fn context<'a>(cx: &Cx, current: &'a [ContractTerminal]) -> TerminalsContext<'a> {
    let code = office_code(cx).unwrap_or_default();
    TerminalsContext {
        current,
        net_users: cx
            .ws
            .state
            .offices
            .get(&code)
            .is_some_and(|o| crate::center::change::has_net_users(&o.contract)),
        sharers: crate::center::change::sharers(cx.ws, &code),
    }
}

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let intro = [
        "現在の契約内容が表示されていますので、論理端末の情報を変更してください。",
        "入力完了後に、「次へ進む」ボタンをクリックしてください。",
    ];
    let (mut s, before) = contract_screen(cx, "change_application.terminals", TITLE, &intro);
    let Some(before) = before else {
        return s;
    };
    let values = slot_values(&draft(cx).terminals).into_owned();
    s.errors = spec::error_list(&[&ADD], errors);
    s.blocks
        .push(Block::Section(spec::build(&ADD, &values, errors)));
    s.blocks
        .push(Block::Table(contract_table(&before.net_terminals())));
    s.blocks.push(Block::Section(change_section(
        &before.net_terminals(),
        &values,
        errors,
    )));
    s
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    let Some(before) = before(cx) else {
        return not_office();
    };
    let net = before.net_terminals();
    let context = context(cx, &net);
    let mut values = slot_values(&draft(cx).terminals).into_owned();
    spec::read(&ADD, form, &mut values);
    read_changes(&before.net_terminals(), form, &mut values);
    let (slot, errors) = fields::slot_from::<TerminalChange>(values, &context);
    draft(cx).terminals = slot;
    super::step(cx, form.op(), errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terminal(name: &str, system: SystemKind) -> ContractTerminal {
        ContractTerminal {
            system,
            model: "net".into(),
            package: "net".into(),
            name: name.into(),
            router: None,
        }
    }

    fn parse(pairs: &[(&str, &str)], net_users: bool) -> Result<TerminalChange, FieldErrors> {
        let current = [terminal("99999W", SystemKind::Sea)];
        let values: Values = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        TerminalChange::parse(
            &values,
            &TerminalsContext {
                current: &current,
                net_users,
                sharers: Vec::new(),
            },
        )
    }

    #[test]
    fn the_manuals_two_sea_terminals() {
        let c = parse(&[("add_net_sea", "2"), ("kind_99999W", "sea")], true).unwrap();
        assert_eq!(c.net.of(SystemKind::Sea), 2);
        assert_eq!(c.added(), 2);
        assert!(c.reclassify.is_empty() && c.retire.is_empty());
        assert_eq!(c.to_values()["add_net_sea"], "2");
    }

    #[test]
    fn reclassify_and_retire() {
        let c = parse(&[("kind_99999W", "air")], true).unwrap();
        assert_eq!(c.reclassify[0].to, SystemKind::Air);
        let both = parse(&[("kind_99999W", "air"), ("retire_99999W", "1")], true).unwrap_err();
        assert!(both["retire_99999W"].contains("同時に選択することはできません"));
        // The last netNACCS terminal of an office with netNACCS users stays…
        let all = parse(&[("retire_99999W", "1")], true).unwrap_err();
        assert!(all["retire_99999W"].contains("すべての論理端末を廃止することはできません"));
        // …unless another one is added, or nobody needs it.
        assert!(parse(&[("retire_99999W", "1"), ("add_net_air", "1")], true).is_ok());
        assert!(parse(&[("retire_99999W", "1")], false).is_ok());
    }

    #[test]
    fn counts_are_whole_numbers_and_something_must_change() {
        let none = parse(&[], true).unwrap_err();
        assert!(none["add_net_sea"].starts_with("論理端末追加数を入力するか"));
        for bad in ["1.5", "２", "-1", "a", "0", "1000"] {
            let e = parse(&[("add_net_sea", bad)], true).unwrap_err();
            assert!(
                e["add_net_sea"].starts_with("論理端末追加数 (netNACCS) 海上は"),
                "{bad}: {e:?}"
            );
        }
    }
}
