//! A registered new application as its input screens show it, keyed as a conformance-kit input
//! (docs/kit.md, "Inputs"): by screen title, section heading and printed label, choices by their
//! labels, 利用者コード and files as lists. The kit compares a client's input with it field by
//! field (`GET /_sim/api/workspaces/{id}/applications/{n}` `entered`).

use super::{
    applicant, billing, confirm, line_detail, lines, mailbox, office, plan, terminals,
    user_code_detail, user_codes,
};
use crate::application::new::{CodeChoice, Connection, UserCodeRequest};
use crate::application::{Attachment, NewApplication};
use crate::procedures::fields::{self, ScreenForm};
use crate::screen::spec::Values;
use serde_json::{Map, Value, json};

/// The key of the button that chooses between paths (docs/kit.md).
const BUTTON: &str = "ボタン";

fn screen(sections: &[&crate::screen::spec::SectionSpec], values: &Values) -> Map<String, Value> {
    let mut out = Map::new();
    fields::entered(sections, values, &mut out);
    out
}

fn files(files: &[&Attachment]) -> Value {
    Value::Array(
        files
            .iter()
            .map(|a| json!({"ファイル名": a.name, "サイズ": a.size}))
            .collect(),
    )
}

pub fn user_code(row: &UserCodeRequest) -> Value {
    let shared = matches!(row.code, CodeChoice::Shared { .. });
    let values = row.to_values();
    // A shared code's detail has no 管理統計資料 (M003 ⑪); SSO is kept once per code.
    let sections: &[&crate::screen::spec::SectionSpec] = if shared {
        &[&user_code_detail::SHARED, &user_code_detail::SSO]
    } else {
        &[
            &user_code_detail::SYSTEM,
            &user_code_detail::SSO,
            &user_code_detail::STATS,
        ]
    };
    let mut out = screen(sections, &values);
    out.insert(
        BUTTON.into(),
        Value::String(
            if shared {
                "他事業所の利用者コードを共用する"
            } else {
                "新規に利用者コードを追加する"
            }
            .into(),
        ),
    );
    out.insert(
        "設定した利用者コード情報".into(),
        Value::Array(
            row.settings
                .iter()
                .map(|s| {
                    json!({
                        "業種": s.industries.iter().map(|i| i.label()).collect::<Vec<_>>(),
                        "処理方式": s.method.label(),
                        "識別番号数": s.count.to_string(),
                    })
                })
                .collect(),
        ),
    );
    Value::Object(out)
}

/// The システム構成図 files under the diagram's heading of a screen object.
fn with_diagram(screen: &mut Map<String, Value>, heading: &str, diagram: &[&Attachment]) {
    if let Some(Value::Object(m)) = screen.get_mut(heading) {
        m.insert("システム構成図".into(), files(diagram));
    } else {
        screen.insert(heading.into(), json!({"システム構成図": files(diagram)}));
    }
}

/// The application, as its input screens show it.
pub fn entered(app: &NewApplication) -> Value {
    let mut out = Map::new();
    out.insert(
        applicant::TITLE.into(),
        Value::Object(screen(
            &[&applicant::PERSON, &applicant::CONTRACT],
            &app.applicant.to_values(),
        )),
    );
    let mut o = screen(&office::SECTIONS, &app.office.to_values());
    o.insert(
        BUTTON.into(),
        Value::String(
            match app.connection {
                Connection::NetNaccs => "netNACCSを利用する",
                Connection::General => "一般NACCSを利用する",
            }
            .into(),
        ),
    );
    out.insert(office::TITLE.into(), Value::Object(o));
    let transfer = Values::from([(
        "users_transfer".to_string(),
        if app.user_codes.transfer { "1" } else { "" }.to_string(),
    )]);
    let mut u = screen(&[&user_codes::CODES, &user_codes::TRANSFER], &transfer);
    u.insert(
        "申込情報".into(),
        Value::Array(app.user_codes.codes.iter().map(user_code).collect()),
    );
    out.insert(user_codes::TITLE.into(), Value::Object(u));
    let diagram: Vec<&Attachment> = app.diagram.iter().collect();
    match app.connection {
        Connection::NetNaccs => {
            let mut t = screen(&terminals::SECTIONS, &app.terminals.to_values());
            with_diagram(&mut t, terminals::DIAGRAM.heading, &diagram);
            out.insert(terminals::TITLE.into(), Value::Object(t));
        }
        Connection::General => {
            let mut l = screen(&lines::SECTIONS, &app.lines.choices.to_values());
            with_diagram(&mut l, lines::DIAGRAM.heading, &diagram);
            // One object per line, keyed as 回線サービス・論理端末情報 入力 prints it.
            l.insert(
                "申込情報(回線)".into(),
                Value::Array(
                    app.lines
                        .rows
                        .iter()
                        .map(|row| Value::Object(screen(&line_detail::SECTIONS, &row.to_values())))
                        .collect(),
                ),
            );
            out.insert(lines::TITLE.into(), Value::Object(l));
            out.insert(
                mailbox::TITLE.into(),
                Value::Object(screen(&[&mailbox::MAILBOXES], &app.mailboxes.to_values())),
            );
        }
    }
    out.insert(
        plan::TITLE.into(),
        Value::Object(screen(
            &[plan::section(Some(app.connection))],
            &app.plan.to_values(),
        )),
    );
    out.insert(
        billing::TITLE.into(),
        Value::Object(screen(&billing::SECTIONS, &app.billing.to_values())),
    );
    let mut c = screen(&[&confirm::REMARKS], &app.remarks.to_values());
    let attachments: Vec<&Attachment> = app.attachments.iter().collect();
    c.insert(
        confirm::ATTACH.heading.into(),
        json!({"添付ファイル": files(&attachments)}),
    );
    out.insert(confirm::TITLE.into(), Value::Object(c));
    Value::Object(out)
}
