//! Procedure P1 — the temporary account (仮ログイン登録, M000 【5】–【11】, procedures.md §2).

pub mod complete;
pub mod confirm;
pub mod guidance;
pub mod input;
pub mod rules;
