//! 申込内容 確認 of 仮ログイン登録 (M000 【7】【8】): registering issues the temporary ID and
//! password and sends 【NSS】仮アカウント登録完了のお知らせ.

use super::input::SECTION;
use crate::domain::ids;
use crate::procedures::{Cx, Step, common};
use crate::screen::form::FormInput;
use crate::screen::spec::{self, PartStyle};
use crate::screen::{Arrow, Block, Button, Screen, Table, Text};
use crate::workspace::session::At;
use crate::workspace::temp_account::TempAccount;

pub fn view(cx: &mut Cx) -> Screen {
    let mut s = Screen::new("temp_account.confirm", "申込内容 確認");
    s.intro = [
        "申込担当者情報を確認してください。",
        "申込担当者情報に間違いがなければ、「申込内容を登録する」ボタンをクリックしてください。",
        "申込担当者情報を修正したい場合は、「申込担当者の入力に戻る」ボタンをクリックしてください。",
    ]
    .map(Text::from)
    .to_vec();
    s.blocks.push(Block::Table(Table {
        caption: SECTION.heading.into(),
        columns: spec::summary_columns(),
        rows: spec::summary_rows(&SECTION, &cx.session.temp_input, PartStyle::Labelled),
    }));
    s.form = Some(common::form(
        cx,
        vec![
            Button::new("op", "back", "申込担当者の入力に戻る").arrow(Arrow::Return),
            Button::new("op", "register", "申込内容を登録する")
                .arrow(Arrow::Register)
                .confirm_register(),
        ],
    ));
    s
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    match form.op() {
        "back" => Step::Go(At::TempInput),
        "register" => {
            // The input was validated on the way here; a hand-made POST that skipped it is
            // sent back to the input screen with its errors rather than registered.
            let mut errors = spec::FieldErrors::new();
            spec::validate(&SECTION, &cx.session.temp_input, &mut errors);
            super::input::check_email_pair(&cx.session.temp_input, &mut errors);
            if !errors.is_empty() {
                return Step::Go(At::TempInput);
            }
            register(cx);
            Step::Go(At::TempComplete)
        }
        _ => Step::Refresh,
    }
}

fn register(cx: &mut Cx) {
    let applicant = std::mem::take(&mut cx.session.temp_input);
    register_account(cx.ws, cx.now, cx.public_base, applicant);
}

/// Issues a 仮ログインID and 仮パスワード for a validated 仮ログイン登録 input, stores the account
/// and sends the mail (M000 【8】【9】). Returns the 仮ログインID. Fixture presets come here too.
pub fn register_account(
    ws: &mut crate::workspace::Workspace,
    now: crate::clock::Instant,
    public_base: &str,
    applicant: spec::Values,
) -> String {
    let today = now.date_naive();
    let running = ws.counters.temp_login;
    ws.counters.temp_login = running + 1;
    let login_id = ids::temp_login_id(today, running);
    let password = ids::temp_password(&mut ws.rng);
    crate::outbox::send_temp_account(ws, now, public_base, &applicant, &login_id, &password);
    ws.temp_accounts.insert(
        login_id.clone(),
        TempAccount {
            login_id: login_id.clone(),
            password,
            issued_at: now,
            applicant,
            saved_draft: None,
            application: None,
        },
    );
    login_id
}
