//! Procedure P2 — the new application (新規利用申込, M000 【14】–【完了】, procedures.md §3).
//! Screens in order: guidance → applicant → office → user codes (list, detail) → terminals
//! (netNACCS) or lines (list, detail) and mailboxes (一般NACCS, M003) → plan → billing → confirm →
//! complete.

pub mod applicant;
pub mod attachments;
pub mod billing;
pub mod complete;
pub mod confirm;
pub mod guidance;
pub mod line_detail;
pub mod lines;
pub mod mailbox;
pub mod office;
pub mod plan;
pub mod record;
pub mod terminals;
pub mod user_code_detail;
pub mod user_codes;
pub mod view;

use super::fields::{self, ScreenForm, slot_values};
use super::registry::{Procedure, ScreenDef};
use super::{Cx, Step, common};
use crate::application::draft::NewApplicationDraft;
use crate::application::new::Connection;
use crate::application::{Draft, Slot};
use crate::screen::form::FormInput;
use crate::screen::frame::{APPLICATION_TABS, PROGRESS_STEPS};
use crate::screen::spec::{self, SectionSpec};
use crate::workspace::session::Session;

/// The screens of the new application, in order (the progress bar continues 仮ログイン登録's).
pub const PROCEDURE: Procedure = Procedure {
    id: "new_application",
    name: "P2 新規利用申込",
    progress: &PROGRESS_STEPS,
    tabs: &APPLICATION_TABS,
    screens: &[
        ScreenDef::step(
            "new_application.guidance",
            "app/guidance",
            "M000 【14】",
            guidance::view,
            guidance::submit,
        )
        .progress(2),
        ScreenDef::step(
            "new_application.applicant",
            "app/applicant",
            "M000 【15】",
            applicant::view,
            applicant::submit,
        )
        .progress(2)
        .tab("申込担当者"),
        ScreenDef::step(
            "new_application.office",
            "app/office",
            "M000 【16】",
            office::view,
            office::submit,
        )
        .progress(2)
        .tab("事業所・企業"),
        ScreenDef::step(
            "new_application.user_codes",
            "app/users",
            "M000 【17】【19】",
            user_codes::view,
            user_codes::submit,
        )
        .progress(2)
        .tab("利用者"),
        ScreenDef::step(
            "new_application.user_code_detail",
            "app/users/detail",
            "M000 【18】, M003 他事業所の利用者コードを共用する",
            user_code_detail::view,
            user_code_detail::submit,
        )
        .progress(2)
        .tab("利用者")
        .sub(),
        ScreenDef::step(
            "new_application.terminals",
            "app/terminals",
            "M000 【20】, M002 ⑦",
            terminals::view,
            terminals::submit,
        )
        .progress(2)
        .tab("論理端末・証明書")
        .applies(is_net),
        ScreenDef::step(
            "new_application.lines",
            "app/lines",
            "M003 回線・論理端末 入力",
            lines::view,
            lines::submit,
        )
        .progress(2)
        .tab("回線・論理端末")
        .applies(is_general),
        ScreenDef::step(
            "new_application.line_detail",
            "app/lines/detail",
            "M003 回線サービス・論理端末情報入力画面 (not printed)",
            line_detail::view,
            line_detail::submit,
        )
        .progress(2)
        .tab("回線・論理端末")
        .sub(),
        ScreenDef::step(
            "new_application.mailbox",
            "app/mailbox",
            "M003 メールボックス 入力",
            mailbox::view,
            mailbox::submit,
        )
        .progress(2)
        .tab("メールボックス")
        .applies(is_general),
        ScreenDef::step(
            "new_application.plan",
            "app/plan",
            "M000 【21】, M003 料金プラン 入力 (一般NACCS)",
            plan::view,
            plan::submit,
        )
        .progress(2)
        .tab("料金プラン"),
        ScreenDef::step(
            "new_application.billing",
            "app/billing",
            "M000 【22】",
            billing::view,
            billing::submit,
        )
        .progress(2)
        .tab("請求先"),
        ScreenDef::step(
            "new_application.confirm",
            "app/confirm",
            "M000 【23】【24】",
            confirm::view,
            confirm::submit,
        )
        .progress(2),
        ScreenDef::step(
            "new_application.complete",
            "app/complete",
            "M000 【完了】",
            complete::view,
            complete::submit,
        )
        .progress(3),
    ],
};

/// The path of a draft: 一般NACCS once 「一般NACCSを利用する」 was pressed (M003), netNACCS
/// otherwise (M000, M002).
fn is_general(d: &Draft) -> bool {
    matches!(d, Draft::NewApplication(a) if a.connection == Some(Connection::General))
}

fn is_net(d: &Draft) -> bool {
    !is_general(d)
}

/// The session's new application, read-only: for a screen's rules that read the workspace and
/// the draft at once (`Cx::new_draft` borrows the whole context).
pub fn draft_of(session: &Session) -> Option<&NewApplicationDraft> {
    match &session.draft {
        Some(crate::application::Draft::NewApplication(d)) => Some(d),
        _ => None,
    }
}

/// The shared submit of a plain input screen: read its sections over what the slot holds, keep
/// the typed value if it passes the screen's rules (else the input as typed), then
/// 前に戻る / 一時保存 / 次へ進む (refused with the errors while they do not pass).
pub fn input_submit<T: ScreenForm>(
    cx: &mut Cx,
    form: &FormInput,
    sections: &[&SectionSpec],
    slot: fn(&mut NewApplicationDraft) -> &mut Slot<T>,
    context: &T::Context<'_>,
) -> Step {
    let mut values = slot_values(slot(cx.new_draft())).into_owned();
    for s in sections {
        spec::read(s, form, &mut values);
    }
    let (parsed, errors) = fields::slot_from::<T>(values, context);
    *slot(cx.new_draft()) = parsed;
    match form.op() {
        "back" => Step::Back,
        "save" => common::save_and_logout(cx),
        "next" if errors.is_empty() => Step::Next,
        "next" => Step::Stay(errors),
        _ => Step::Refresh,
    }
}
