//! システム設定申込内容 確認 (M004 ⑨, l.368-405): NACCS登録希望日に関する項目, 申込担当者情報 and
//! システム設定情報 read-only, each with 「入力に戻る」; 「申込内容を一時的に保存する」 and
//! 「システム設定申込を登録する」.

use super::view;
use crate::application::draft::SystemSettingsDraft;
use crate::application::{ApplicationContent, Draft, SystemSettingsApplication};
use crate::procedures::fields::ScreenForm;
use crate::procedures::{Cx, Step, common};
use crate::screen::form::FormInput;
use crate::screen::spec::FieldErrors;
use crate::screen::{Arrow, Block, Button, Screen, Text};
use crate::services::applications;

pub const TITLE: &str = "システム設定申込内容 確認";

/// The application the draft makes, or the first screen that still needs input. The day rule
/// (a NACCS登録希望日 not in the past) is checked again: registration may come days later.
pub fn complete(
    d: &SystemSettingsDraft,
    company: &str,
    today: chrono::NaiveDate,
) -> Result<SystemSettingsApplication, &'static str> {
    let applicant = d.applicant.parsed().ok_or("system_settings.applicant")?;
    let registration = d.registration.parsed().ok_or("system_settings.codes")?;
    crate::application::settings::Registration::parse(&registration.to_values(), &today)
        .map_err(|_| "system_settings.codes")?;
    if d.codes.is_empty() {
        return Err("system_settings.codes");
    }
    Ok(SystemSettingsApplication {
        office_code: d.office_code.clone(),
        company: company.to_string(),
        applicant: applicant.0.clone(),
        codes: d.codes.clone(),
        registration: registration.clone(),
    })
}

fn heading(text: &'static str, op: &'static str) -> Block {
    Block::Heading {
        text: text.into(),
        buttons: vec![Button::new("op", op, "入力に戻る").arrow(Arrow::Return)],
    }
}

fn company(cx: &Cx) -> String {
    super::office_code(cx)
        .and_then(|c| cx.ws.state.offices.get(&c))
        .map(|o| o.contract.company.clone())
        .unwrap_or_default()
}

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let mut s = Screen::new("system_settings.confirm", TITLE);
    s.intro = [
        "入力した内容を確認してください。",
        "「システム設定申込を登録する」ボタンをクリックすると、システム設定申込が完了します。",
        "入力した内容を修正する場合は、それぞれの項目の「入力に戻る」ボタンをクリックして、各情報入力画面から修正してください。",
        "入力内容を確認後に、「システム設定申込を登録する」ボタンをクリックしてください。",
        "申込を一旦保留する場合は「申込内容を一時的に保存する」ボタンをクリックしてください。",
    ]
    .map(Text::from)
    .to_vec();
    let mut save = common::save_button();
    save.label = "申込内容を一時的に保存する".into();
    s.form = Some(common::form(
        cx,
        vec![
            save,
            Button::new("op", "register", "システム設定申込を登録する")
                .arrow(Arrow::Register)
                .confirm_register(),
        ],
    ));
    s.errors = errors.values().cloned().collect();
    let today = cx.now.date_naive();
    let company = company(cx);
    let codes = super::office_code(cx)
        .and_then(|c| cx.ws.state.offices.get(&c))
        .map(|o| crate::center::settings::office_codes(&o.contract))
        .unwrap_or_default();
    let Ok(app) = complete(cx.settings_draft(), &company, today) else {
        return s;
    };
    s.blocks
        .push(heading("NACCS登録希望日に関する項目", "goto_codes"));
    s.blocks.push(view::registration_block(&app.registration));
    s.blocks.push(heading("申込担当者情報", "goto_applicant"));
    s.blocks.push(view::applicant_block(
        "申込担当者に関する項目",
        &app.applicant,
        "所属部課名",
    ));
    s.blocks.push(heading("システム設定情報", "goto_settings"));
    s.blocks.extend(view::settings_blocks(&app, &codes));
    s
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    match form.op() {
        "goto_applicant" => Step::Go("system_settings.applicant"),
        "goto_codes" | "goto_settings" => Step::Go("system_settings.codes"),
        "save" => common::save_and_logout(cx),
        "register" => {
            let today = cx.now.date_naive();
            let company = company(cx);
            match complete(cx.settings_draft(), &company, today) {
                Ok(app) => register(cx, app),
                Err(screen) => Step::Go(screen),
            }
        }
        _ => Step::Refresh,
    }
}

/// Registers the application (or, under 修正, the correction of a registered one) and shows
/// 完了 with its 申込受付番号. A refusal is shown on this screen.
fn register(cx: &mut Cx, app: SystemSettingsApplication) -> Step {
    let Some(filer) = cx.session.filer() else {
        return Step::Stay(not_registered("ログインしていません。"));
    };
    let amends = match &cx.session.draft {
        Some(Draft::SystemSettings(d)) => d.amends.clone(),
        _ => None,
    };
    let content = ApplicationContent::SystemSettings(Box::new(app));
    let result = match &amends {
        Some(number) => applications::amend(cx.ws, cx.now, cx.public_base, &filer, number, content)
            .map(|()| number.clone()),
        None => applications::file(cx.ws, cx.now, cx.public_base, filer, content),
    };
    match result {
        Ok(number) => {
            cx.session.draft = None;
            cx.session.viewing = Some(number);
            Step::Next
        }
        Err(e) => Step::Stay(not_registered(&e.japanese())),
    }
}

fn not_registered(msg: &str) -> FieldErrors {
    FieldErrors::from([("_register".to_string(), msg.to_string())])
}
