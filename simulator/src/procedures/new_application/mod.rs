//! Procedure P2 — the new application (新規利用申込, M000 【14】–【完了】, procedures.md §3).
//! Screens in order: guidance → applicant → office → user codes (list, detail) → terminals →
//! plan → billing → confirm → complete.

pub mod applicant;
pub mod billing;
pub mod complete;
pub mod confirm;
pub mod guidance;
pub mod office;
pub mod plan;
pub mod terminals;
pub mod user_code_detail;
pub mod user_codes;

use crate::procedures::{Cx, Step, common};
use crate::screen::form::FormInput;
use crate::screen::spec::{self, FieldErrors, SectionSpec, Values};
use crate::workspace::application::ApplicationDraft;
use crate::workspace::session::At;

/// The shared submit of a plain input screen: read the sections into the draft's values, then
/// 前に戻る / 一時保存 / 次へ進む (validated by `check`).
pub fn input_submit(
    cx: &mut Cx,
    form: &FormInput,
    sections: &[&SectionSpec],
    values: fn(&mut ApplicationDraft) -> &mut Values,
    check: fn(&mut Cx, &mut FieldErrors),
    back: At,
    next: At,
) -> Step {
    {
        let v = values(common::draft(cx));
        for s in sections {
            spec::read(s, form, v);
        }
    }
    match form.op() {
        "back" => Step::Go(back),
        "save" => common::save_and_logout(cx),
        "next" => {
            let mut errors = FieldErrors::new();
            {
                let v = values(common::draft(cx));
                for s in sections {
                    spec::validate(s, v, &mut errors);
                }
            }
            check(cx, &mut errors);
            if errors.is_empty() {
                Step::Go(next)
            } else {
                Step::Stay(errors)
            }
        }
        _ => Step::Refresh,
    }
}

/// No rule beyond the sections' own.
pub fn no_check(_cx: &mut Cx, _errors: &mut FieldErrors) {}
