//! Procedure P7 — システム設定申込 (M004, M002 3.1, procedures.md §9), filed by an office from
//! メインメニュー 「システム設定の申込」: ガイダンス → 申込担当者 入力 → 利用者コード 選択 (with
//! システム設定情報 入力 per 利用者コード) → システム設定申込内容 確認 → 完了; and its
//! システム設定申込内容 参照 with 進行状況, 修正 and 取下げ.
//!
//! Breadcrumb of the manual: 「システム設定申込ガイダンス > 申込担当者入力 > 利用者コード選択」
//! (M004 l.193); progress 「1 申込担当者の入力 2 システム設定情報の登録 3 入力内容の確認 4 申請完了」
//! (l.335, 423).

pub mod applicant;
pub mod code;
pub mod codes;
pub mod complete;
pub mod confirm;
pub mod detail;
pub mod guidance;
pub mod record;
pub mod view;

use super::registry::{Procedure, ScreenDef, ShownAs};

/// The progress bar (M004 l.335, 423).
pub const PROGRESS: [&str; 4] = [
    "申込担当者の入力",
    "システム設定情報の登録",
    "入力内容の確認",
    "申請完了",
];

/// The screens of the システム設定申込, in order.
pub const PROCEDURE: Procedure = Procedure {
    id: "system_settings",
    name: "P7 システム設定申込",
    progress: &PROGRESS,
    tabs: &[],
    screens: &[
        // A page: メインメニュー 「システム設定の申込」 is a link to it (M004 l.95).
        ScreenDef::page(
            "system_settings.guidance",
            "settings/guidance",
            "M004 (システム設定申込ガイダンス), M002 3.1",
            guidance::view,
        )
        .with_submit(guidance::submit)
        .shown_as(ShownAs::Office),
        ScreenDef::step(
            "system_settings.applicant",
            "settings/applicant",
            "M004 ⑤",
            applicant::view,
            applicant::submit,
        )
        .progress(0)
        .shown_as(ShownAs::Office),
        ScreenDef::step(
            "system_settings.codes",
            "settings/codes",
            "M004 ⑥⑧",
            codes::view,
            codes::submit,
        )
        .progress(1)
        .shown_as(ShownAs::Office),
        ScreenDef::step(
            "system_settings.code",
            "settings/codes/detail",
            "M004 ⑦, M002 3.1",
            code::view,
            code::submit,
        )
        .progress(1)
        .sub()
        .shown_as(ShownAs::Office),
        ScreenDef::step(
            "system_settings.confirm",
            "settings/confirm",
            "M004 ⑨",
            confirm::view,
            confirm::submit,
        )
        .progress(2)
        .shown_as(ShownAs::Office),
        ScreenDef::step(
            "system_settings.complete",
            "settings/complete",
            "M004 ⑩",
            complete::view,
            complete::submit,
        )
        .progress(3)
        .shown_as(ShownAs::Office),
        ScreenDef::page(
            "system_settings.detail",
            "menu/settings/detail",
            "M004 ③④, l.463-487",
            detail::view,
        )
        .with_submit(detail::submit)
        .shown_as(ShownAs::Office),
    ],
};

/// The office a session files for: the login's 事業所コード.
pub fn office_code(cx: &super::Cx) -> Option<String> {
    match &cx.session.login {
        Some(crate::workspace::session::Login::Office(code)) => Some(code.clone()),
        _ => None,
    }
}
