//! A registered change application as its input screens show it, keyed as a conformance-kit
//! input (docs/kit.md, "Inputs" and `file_change_application`): by screen title, section heading
//! and printed label, choices by their labels, files as lists. The kit compares a client's input
//! with it field by field (`GET /_sim/api/workspaces/{id}/applications/{n}` `entered`).

use super::{applicant, billing, confirm, items, mailbox, office, terminals, user_codes};
use crate::application::change::ChangeApplication;
use crate::application::new::OfficeDetails;
use crate::procedures::fields::{self, ScreenForm};
use crate::procedures::new_application::confirm::ATTACH;
use crate::procedures::new_application::mailbox::MAILBOXES;
use crate::procedures::new_application::{
    line_detail, plan, record as new_record, user_code_detail,
};
use crate::screen::spec::{SectionSpec, Values};
use serde_json::{Map, Value, json};

fn screen(sections: &[&SectionSpec], values: &Values) -> Value {
    let mut out = Map::new();
    fields::entered(sections, values, &mut out);
    Value::Object(out)
}

/// 論理端末 入力: the additions, and a row per terminal of the contract (「99999W 区分の変更」,
/// 「99999W 論理端末の廃止」).
fn terminals(c: &ChangeApplication) -> Option<Value> {
    let t = c.terminals.as_ref()?;
    let values = t.to_values();
    let Value::Object(mut out) = screen(&[&terminals::ADD], &values) else {
        return None;
    };
    let mut rows = Map::new();
    for term in &c.before.net_terminals() {
        let kind = t
            .reclassify
            .iter()
            .find(|r| r.name == term.name)
            .map_or(term.system, |r| r.to);
        // 区分の変更 prints 海上 / 航空 / 共用 (M001 l.293).
        rows.insert(
            format!("{} {}", term.name, terminals::RECLASSIFY_PART),
            Value::String(kind.short().into()),
        );
        let retired: Vec<Value> = if t.retire.contains(&term.name) {
            vec![Value::String(terminals::RETIRE_TEXT.into())]
        } else {
            Vec::new()
        };
        rows.insert(
            format!("{} {}", term.name, terminals::RETIRE_PART),
            Value::Array(retired),
        );
    }
    out.insert(terminals::CHANGE_HEADING.into(), Value::Object(rows));
    Some(Value::Object(out))
}

/// The key of 利用者コード 入力's list in a kit input, and of each entry's 申込内容.
pub const CODE_ROWS: &str = "申込情報(利用者コード)";
pub const CODE_KIND: &str = "申込内容";
pub const CODE: &str = "利用者コード";

/// 利用者コード 入力: the codes the change adds (「追加」, as the new application records them),
/// changes (「変更」: the code, and its 識別番号 settings and 管理統計資料 as they are to be) and
/// deletes (「削除」: the code); codes left as they are are not listed (docs/kit.md).
fn codes(c: &ChangeApplication) -> Option<Value> {
    let change = c.user_codes.as_ref()?;
    let before = &c.before.user_codes;
    let mut rows = Vec::new();
    for row in &change.codes {
        let Value::Object(mut entry) = new_record::user_code(&row.request) else {
            continue;
        };
        match before
            .iter()
            .find(|b| b.code.is_some() && b.code == row.code)
        {
            None => {
                entry.insert(CODE_KIND.into(), "追加".into());
            }
            Some(b) if b != row => {
                // The code's own section is printed, not entered.
                entry.remove("ボタン");
                entry.remove(user_code_detail::SYSTEM.heading);
                entry.insert(CODE_KIND.into(), "変更".into());
                entry.insert(CODE.into(), row.code.clone().unwrap_or_default().into());
            }
            Some(_) => continue,
        }
        rows.push(Value::Object(entry));
    }
    for gone in change.deleted(before) {
        rows.push(json!({CODE_KIND: "削除", CODE: gone.code.clone().unwrap_or_default()}));
    }
    let mut out = Map::new();
    out.insert(CODE_ROWS.into(), Value::Array(rows));
    Some(Value::Object(out))
}

/// 回線・論理端末 入力: one object per line applied for, keyed as 回線サービス・論理端末情報 入力
/// prints it (as the new application records them), with its 申込内容 and, for a contract's line,
/// its ルータ番号 (「廃止」: the ルータ番号 only).
fn lines(c: &ChangeApplication) -> Option<Value> {
    let change = c.lines.as_ref()?;
    let mut rows = Vec::new();
    for l in &change.changed {
        let mut entry = screen_map(&l.line);
        entry.insert(CODE_KIND.into(), "変更".into());
        entry.insert(ROUTER.into(), l.router.into());
        rows.push(Value::Object(entry));
    }
    for r in &change.retired {
        rows.push(json!({CODE_KIND: "廃止", ROUTER: r}));
    }
    for l in &change.added {
        let mut entry = screen_map(l);
        entry.insert(CODE_KIND.into(), "追加".into());
        rows.push(Value::Object(entry));
    }
    Some(json!({LINE_ROWS: rows}))
}

/// The key of 回線・論理端末 入力's list in a kit input, and of a contract line's ルータ番号.
pub const LINE_ROWS: &str = "申込情報(回線)";
pub const ROUTER: &str = "ルータ番号";

fn screen_map(l: &crate::application::new::LineRequest) -> Map<String, Value> {
    let mut out = Map::new();
    fields::entered(&line_detail::SECTIONS, &l.to_values(), &mut out);
    out
}

fn office(c: &ChangeApplication, d: &OfficeDetails) -> Value {
    let sections: Vec<&SectionSpec> = office::shown(&c.items);
    screen(&sections, &d.to_values())
}

/// The change, as its input screens show it.
pub fn entered(c: &ChangeApplication) -> Value {
    let mut out = Map::new();
    out.insert(
        items::TITLE.into(),
        screen(&items::SECTIONS, &c.items.to_values()),
    );
    out.insert(
        applicant::TITLE.into(),
        screen(&[&applicant::PERSON], &c.applicant.to_values()),
    );
    if let Some(d) = &c.office {
        out.insert(office::TITLE.into(), office(c, d));
    }
    if let Some(t) = terminals(c) {
        out.insert(terminals::TITLE.into(), t);
    }
    if let Some(u) = codes(c) {
        out.insert(user_codes::TITLE.into(), u);
    }
    if let Some(l) = lines(c) {
        out.insert(super::lines::TITLE.into(), l);
    }
    if let Some(m) = &c.mailboxes {
        out.insert(mailbox::TITLE.into(), screen(&[&MAILBOXES], &m.to_values()));
    }
    if let Some(p) = c.plan {
        out.insert(plan::TITLE.into(), screen(&[&plan::PLAN], &p.to_values()));
    }
    if let Some(b) = &c.billing {
        out.insert(
            billing::TITLE.into(),
            screen(&billing::shown(&c.items), &b.to_values()),
        );
    }
    let Value::Object(mut confirm) = screen(&[&confirm::REMARKS], &c.remarks.to_values()) else {
        return Value::Object(out);
    };
    confirm.insert(
        ATTACH.heading.into(),
        json!({"添付ファイル": c.attachments.iter().map(|a| json!({"ファイル名": a.name, "サイズ": a.size})).collect::<Vec<_>>()}),
    );
    out.insert(confirm::TITLE.into(), Value::Object(confirm));
    Value::Object(out)
}
