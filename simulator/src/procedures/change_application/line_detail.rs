//! 回線サービス・論理端末情報 入力 of a change: the new application's screen
//! (`new_application::line_detail`, its sections and rules), for a new line or for a line of the
//! contract, which opens pre-filled with what the contract holds of it and the number of its
//! terminals (M001 STEP3 l.153; docs/decisions.md, issue 10 「一般NACCS回線・端末」).

use super::{before, draft, not_office};
use crate::application::change::{ChangeLineDetail, ContractTerminal, LineTarget};
use crate::application::change_lines::{ChangedLine, terminals_on};
use crate::application::new::LineRequest;
use crate::domain::customers::ContractLine;
use crate::domain::lists::{ACCESS_SPEEDS, DEVICE_KINDS, LINE_CONNECTIONS, LINE_KINDS, LINE_TYPES};
use crate::procedures::fields::{self, ScreenForm};
use crate::procedures::new_application::line_detail::{self as new, LineContext, SECTIONS};
use crate::procedures::{Cx, Step};
use crate::screen::Screen;
use crate::screen::form::FormInput;
use crate::screen::spec::{self, FieldErrors, Opt, Values};

pub const ID: &str = "change_application.line_detail";

/// The code of the option printed `label`.
fn code_of(opts: &[Opt], label: &str) -> Option<&'static str> {
    opts.iter().find(|o| o.label == label).map(|o| o.code)
}

/// The screen's first values for the contract's `line`: what the contract holds of it (区分,
/// 接続方式, 接続種別, アクセス速度・回線種別, 設置場所, EDIFACT, 共用), its terminals' 利用機器区分
/// and number; the rest (工事希望日, 工事事務担当者, …) is the screen's defaults, to be entered.
pub fn contract_values(line: &ContractLine, terminals: &[&ContractTerminal]) -> Values {
    let mut v = Values::new();
    fields::set(&mut v, "system", line.system.code());
    let mut set = |k: &str, code: Option<&str>| {
        if let Some(c) = code {
            fields::set(&mut v, k, c);
        }
    };
    set("connection", code_of(LINE_CONNECTIONS, &line.connection));
    set("kind", code_of(LINE_KINDS, &line.kind));
    if let Some(speed) = ACCESS_SPEEDS
        .iter()
        .find(|o| line.access.starts_with(&format!("{} ", o.label)))
    {
        set("speed", Some(speed.code));
        let rest = &line.access[speed.label.len() + 1..];
        set("line_type", code_of(LINE_TYPES, rest));
    }
    set("edifact", Some(if line.edifact { "yes" } else { "no" }));
    set("shared", Some(if line.shared { "yes" } else { "no" }));
    if line.site == "事業所に同じ" {
        set("site", Some("same"));
    } else {
        set("site", Some("other"));
        fields::set(&mut v, "site_place", &line.site);
    }
    if let Some(t) = terminals.first() {
        let device = DEVICE_KINDS.iter().find(|o| o.short == t.model);
        if let Some(d) = device {
            fields::set(&mut v, "device", d.code);
        }
    }
    if !terminals.is_empty() {
        fields::set(&mut v, "terminals", &terminals.len().to_string());
    }
    v
}

/// Opens the screen for `target`: a line entered before shows what was entered; a contract's
/// line not yet changed shows the contract.
pub fn open(cx: &mut Cx, target: LineTarget) -> Step {
    let Some(before) = before(cx) else {
        return not_office();
    };
    let lines = draft(cx).lines.clone().unwrap_or_default();
    let raw = match target {
        LineTarget::Added(Some(i)) => match lines.added.get(i) {
            Some(l) => l.to_values(),
            None => return Step::Refresh,
        },
        LineTarget::Added(None) => Values::new(),
        LineTarget::Contract(router) => match (
            lines.changed_line(router),
            before.lines.iter().find(|l| l.router == router),
        ) {
            (_, None) => return Step::Refresh,
            (Some(l), _) => l.to_values(),
            (None, Some(l)) => contract_values(l, &terminals_on(&before.terminals, router)),
        },
    };
    draft(cx).line_detail = Some(ChangeLineDetail { target, raw });
    Step::Go(ID)
}

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let raw = draft(cx)
        .line_detail
        .as_ref()
        .map(|d| d.raw.clone())
        .unwrap_or_default();
    new::screen(cx, ID, &raw, errors)
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    if super::office_code(cx).is_none() {
        return not_office();
    }
    let today = cx.now.date_naive();
    let d = draft(cx);
    let Some(detail) = d.line_detail.as_mut() else {
        return Step::Go(super::lines::ID);
    };
    for sec in SECTIONS {
        spec::read(sec, form, &mut detail.raw);
    }
    match form.op() {
        "back" => {
            d.line_detail = None;
            Step::Go(super::lines::ID)
        }
        "apply" => match LineRequest::parse(&detail.raw, &LineContext { today }) {
            Ok(line) => {
                let target = detail.target;
                d.line_detail = None;
                let lines = d.lines.get_or_insert_with(Default::default);
                match target {
                    LineTarget::Added(Some(i)) if i < lines.added.len() => lines.added[i] = line,
                    LineTarget::Added(_) => lines.added.push(line),
                    LineTarget::Contract(router) => {
                        lines.retired.retain(|r| *r != router);
                        match lines.changed.iter_mut().find(|c| c.router == router) {
                            Some(c) => c.line = line,
                            None => lines.changed.push(ChangedLine { router, line }),
                        }
                        lines.changed.sort_by_key(|c| c.router);
                    }
                }
                Step::Go(super::lines::ID)
            }
            Err(errors) => Step::Stay(errors),
        },
        _ => Step::Refresh,
    }
}
