//! Procedure P1 — the temporary account (仮ログイン登録, M000 【5】–【11】, procedures.md §2).

pub mod complete;
pub mod confirm;
pub mod guidance;
pub mod input;
pub mod rules;

use super::registry::{Procedure, ScreenDef, ShownAs};
use crate::screen::frame::PROGRESS_STEPS;

/// The screens of 仮ログイン登録, in order. The progress bar is the one the new application
/// continues (M000 【6】ff).
pub const PROCEDURE: Procedure = Procedure {
    id: "temp_account",
    name: "P1 仮ログイン登録",
    progress: &PROGRESS_STEPS,
    tabs: &[],
    screens: &[
        ScreenDef::step(
            "temp_account.guidance",
            "apply/",
            "M000 【5】",
            guidance::view,
            guidance::submit,
        )
        .shown_as(ShownAs::Anonymous),
        ScreenDef::step(
            "temp_account.input",
            "apply/input",
            "M000 【6】",
            input::view,
            input::submit,
        )
        .progress(0)
        .shown_as(ShownAs::Anonymous),
        ScreenDef::step(
            "temp_account.confirm",
            "apply/confirm",
            "M000 【7】【8】",
            confirm::view,
            confirm::submit,
        )
        .progress(0)
        .shown_as(ShownAs::Anonymous),
        ScreenDef::step(
            "temp_account.complete",
            "apply/complete",
            "M000 【9】",
            complete::view,
            complete::submit,
        )
        .progress(1)
        .shown_as(ShownAs::Anonymous),
    ],
};
