//! How a change application prints, read-only: the tables of 変更申込 確認 (M001 ⑦), which
//! 申込内容 参照 (M001 2.③) prints again for a registered change. 契約情報 (the contract) beside
//! 申込情報 (what is applied for) for the terminals, as M001 l.309-320 prints them, and 変更前 /
//! 変更後 for the other items (M001 STEP3 l.155 「変更前・変更後の情報を対照して確認できます。」).

use super::{applicant, billing, office, terminals, user_codes};
use crate::application::Person;
use crate::application::change::{
    ChangeApplicant, ChangeApplication, ChangeItems, CodeRow, ContractBefore, ContractTerminal,
    ITEM_GROUPS, TerminalChange, TerminalKind, UserCodeChange,
};
use crate::application::new::{Billing, Mailboxes, OfficeDetails};
use crate::domain::lists::{FeePlan, SystemKind};
use crate::procedures::fields::ScreenForm;
use crate::procedures::new_application::mailbox::MAILBOXES;
use crate::procedures::new_application::plan::PLAN;
use crate::procedures::new_application::view::{
    manager_choice, resolved_billing_values, resolved_office_values, table,
};
use crate::screen::spec::{self, PartStyle, SectionSpec, Values};
use crate::screen::{Block, Cell, Table, Text};

/// 「変更内容」: the items chosen on 変更内容 入力 and the 利用開始希望日.
pub fn items_table(items: &ChangeItems) -> Block {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for (label, _, _) in ITEM_GROUPS {
        let chosen: Vec<&str> = items
            .items
            .iter()
            .filter(|i| i.group() == label)
            .map(|i| i.label())
            .collect();
        if !chosen.is_empty() {
            rows.push(vec![Cell::from(label), Cell::from(chosen.join("、"))]);
        }
    }
    let others = if items.others.is_empty() {
        "なし".to_string()
    } else {
        let labels: Vec<&str> = items.others.iter().map(|o| o.label()).collect();
        format!("あり（{}）", labels.join("、"))
    };
    rows.push(vec![Cell::from("その他の契約変更"), Cell::from(others)]);
    rows.push(vec![
        Cell::from("利用開始希望日"),
        Cell::from(items.start_wish.as_str().to_string()),
    ]);
    table("変更内容", rows)
}

/// 「申込担当者に関する項目」.
pub fn applicant_table(a: &ChangeApplicant) -> Block {
    table(
        applicant::PERSON.heading,
        spec::summary_rows(&applicant::PERSON, &a.to_values(), PartStyle::Joined),
    )
}

/// 契約情報 and 申込情報 of the netNACCS terminals (M001 l.309-320): the contract's terminals,
/// then one 申込情報 row per addition (申込内容 「追加」, the number added, no 論理端末名 yet), per
/// 区分の変更 (「変更」, the new 区分) and per 廃止 (「廃止」).
pub fn terminal_tables(current: &[ContractTerminal], t: &TerminalChange) -> Vec<Block> {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for kind in TerminalKind::ALL {
        for system in SystemKind::ALL {
            let n = t.additions(kind).of(*system);
            if n > 0 {
                let short = kind.method().short();
                rows.push(vec![
                    Cell::from("追加"),
                    Cell::from(system.short()),
                    Cell::from(short),
                    Cell::from(short),
                    Cell::from(""),
                    Cell::from(n.to_string()),
                ]);
            }
        }
    }
    let find = |name: &str| current.iter().find(|c| c.name == name);
    for r in &t.reclassify {
        let (model, package) = find(&r.name).map_or((String::new(), String::new()), |c| {
            (c.model.clone(), c.package.clone())
        });
        rows.push(vec![
            Cell::from("変更"),
            Cell::from(r.to.short()),
            Cell::from(model),
            Cell::from(package),
            Cell::from(r.name.clone()),
            Cell::from(""),
        ]);
    }
    for name in &t.retire {
        if let Some(c) = find(name) {
            rows.push(vec![
                Cell::from("廃止"),
                Cell::from(c.system.short()),
                Cell::from(c.model.clone()),
                Cell::from(c.package.clone()),
                Cell::from(c.name.clone()),
                Cell::from(""),
            ]);
        }
    }
    vec![
        Block::Table(terminals::contract_table(current)),
        Block::Table(Table {
            caption: "申込情報".into(),
            // M001 l.316-317: 論理端末 spans 論理端末名 and 端末追加数.
            columns: [
                "申込内容",
                "区分",
                "利用機器区分",
                "パッケージソフト区分",
                "論理端末名",
                "端末追加数",
            ]
            .map(Text::from)
            .to_vec(),
            rows,
        }),
    ]
}

/// 利用者コード情報: 契約情報 (変更前, the codes as they stand) above 申込情報 (変更後, each code
/// 「追加」, 「変更」 or 「削除」), as the terminals print them (M001 l.309-320).
pub fn user_code_tables(before: &[CodeRow], change: &UserCodeChange) -> Vec<Block> {
    vec![
        Block::Table(user_codes::contract_table(before)),
        Block::Table(user_codes::request_table(before, change, false)),
    ]
}

/// メールボックス情報: 変更前 / 変更後.
pub fn mailbox_block(before: &Mailboxes, after: &Mailboxes) -> Block {
    compare(&MAILBOXES, &before.to_values(), &after.to_values())
}

/// A 「項目 / 変更前 / 変更後」 table of a section: its printed rows before and after, the rows
/// empty on both sides left out.
pub fn compare(section: &SectionSpec, before: &Values, after: &Values) -> Block {
    let b = spec::summary_rows_all(section, before, PartStyle::Joined);
    let a = spec::summary_rows_all(section, after, PartStyle::Joined);
    let text = |c: Option<&Cell>| match c {
        Some(Cell::Text(t)) => t.to_string(),
        _ => String::new(),
    };
    let rows = b
        .iter()
        .zip(a.iter())
        .filter_map(|(b, a)| {
            let (before, after) = (text(b.get(1)), text(a.get(1)));
            (!before.is_empty() || !after.is_empty()).then(|| {
                vec![
                    Cell::from(text(a.first())),
                    Cell::from(before),
                    Cell::from(after),
                ]
            })
        })
        .collect();
    Block::Table(Table {
        caption: section.heading.into(),
        columns: ["項目", "変更前", "変更後"].map(Text::from).to_vec(),
        rows,
    })
}

/// The office after the change: as entered, or the contract's.
fn office_after(c: &ChangeApplication) -> Option<&OfficeDetails> {
    c.office.as_ref().or(c.before.office.as_ref())
}

/// 事業所情報: 変更前 / 変更後 of the sections of the chosen items.
pub fn office_blocks(c: &ChangeApplication) -> Vec<Block> {
    let (Some(before), Some(after)) = (c.before.office.as_ref(), c.office.as_ref()) else {
        return Vec::new();
    };
    let applicant = &c.applicant.0;
    let b = resolved_office_values(before, applicant);
    let a = resolved_office_values(after, applicant);
    office::shown(&c.items)
        .into_iter()
        .filter(|s| !s.heading.is_empty())
        .map(|s| {
            let mut block = compare(s, &b, &a);
            // 担当者 by the choice's name, never the input's instruction (as 申込内容 確認).
            if let Block::Table(t) = &mut block {
                for r in t.rows.iter_mut() {
                    if matches!(r.first(), Some(Cell::Text(l)) if l == "担当者") {
                        for (cell, values) in r.iter_mut().skip(1).zip([&b, &a]) {
                            if let Some(short) = manager_choice(values) {
                                *cell = Cell::from(short);
                            }
                        }
                    }
                }
            }
            block
        })
        .collect()
}

/// 料金プラン情報: 変更前 / 変更後.
pub fn plan_blocks(before: FeePlan, after: FeePlan) -> Vec<Block> {
    vec![compare(&PLAN, &before.to_values(), &after.to_values())]
}

/// 請求先 as printed for an office and 管理責任者.
fn billing_values(
    b: Option<&Billing>,
    before: &ContractBefore,
    o: Option<&OfficeDetails>,
    applicant: &Person,
) -> Values {
    let defaults = billing::before_values(before);
    let (Some(o), Some(b)) = (o, b) else {
        return defaults;
    };
    resolved_billing_values(b, &o.address, &o.manager(applicant))
}

/// 請求先情報: 変更前 / 変更後 of the sections of the chosen items.
pub fn billing_blocks(c: &ChangeApplication) -> Vec<Block> {
    let applicant = &c.applicant.0;
    let before = billing_values(
        c.before.billing.as_ref(),
        &c.before,
        c.before.office.as_ref(),
        applicant,
    );
    let after = billing_values(c.billing.as_ref(), &c.before, office_after(c), applicant);
    billing::shown(&c.items)
        .into_iter()
        .map(|s| compare(s, &before, &after))
        .collect()
}

/// The blocks of a tab of 申込内容 参照 for a change (M001 l.510: 利用申込 · 事業所 · netNACCS ·
/// 一般NACCS · 回線申込 · 請求先); `None` for the 利用申込 tab, which the page prints itself.
pub fn detail_tab(tab: &str, c: &ChangeApplication) -> Option<Vec<Block>> {
    let mut out = Vec::new();
    match tab {
        "事業所" => {
            out.push(applicant_table(&c.applicant));
            out.extend(office_blocks(c));
        }
        "netNACCS" => {
            if let Some(u) = &c.user_codes {
                out.push(Block::Heading {
                    text: "利用者コード情報".into(),
                    buttons: Vec::new(),
                });
                out.extend(user_code_tables(&c.before.user_codes, u));
            }
            if let Some(t) = &c.terminals {
                out.push(Block::Heading {
                    text: "netNACCS情報".into(),
                    buttons: Vec::new(),
                });
                out.extend(terminal_tables(&c.before.net_terminals(), t));
            }
            if let Some(p) = c.plan {
                out.extend(plan_blocks(c.before.plan, p));
            }
        }
        "請求先" => out.extend(billing_blocks(c)),
        "一般NACCS" => {
            if let Some(m) = &c.mailboxes {
                out.push(mailbox_block(&c.before.mailboxes, m));
            }
        }
        "回線申込" => {
            if let Some(l) = &c.lines {
                out.extend(super::lines::tables(&c.before, l, false));
            }
        }
        _ => return None,
    }
    if out.is_empty() {
        out.push(Block::Text(vec!["申込内容はありません。".into()]));
    }
    Some(out)
}
