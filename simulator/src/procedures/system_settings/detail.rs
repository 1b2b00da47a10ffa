//! システム設定申込内容 参照 (M004 ③④, l.119-181; the 2025 screen l.463-487): 申込概要,
//! 申込担当者情報, システム設定情報, after approval the initialised passwords (for 3 business days
//! from the 確認完了 mail), 進行状況; under 内容確認 the filer's 「システム設定申込を修正する」 and
//! 「システム設定申込を取り下げる」.

use super::view;
use crate::application::draft::SystemSettingsDraft;
use crate::application::settings::{NaccsRegistration, SettingsApplicant};
use crate::application::{Application, ApplicationStatus, Draft, Slot, SystemSettingsApplication};
use crate::procedures::portal::{item_table, nav, progress_table, viewed};
use crate::procedures::{Cx, Step, common};
use crate::screen::form::FormInput;
use crate::screen::spec::FieldErrors;
use crate::screen::{Arrow, Block, Button, Cell, Link, Screen, Table, Text};
use crate::services::applications;

pub const TITLE: &str = "システム設定申込内容 参照";

/// How a password past its viewing period prints (as on ID通知内容).
pub const MASK: &str = "********";

fn summary(a: &Application, s: &SystemSettingsApplication) -> Block {
    let (timing, wish) = view::reflection_cells(&s.registration);
    item_table(
        "申込概要",
        "内容",
        vec![
            ("受付番号", a.reception_number.clone()),
            ("ステータス", a.status.label().to_string()),
            ("申込日時", crate::clock::format_minute(a.submitted_at)),
            (
                "NACCS登録日",
                a.naccs_registration
                    .as_ref()
                    .map(|r| crate::clock::format_date(r.registered_on))
                    .unwrap_or_default(),
            ),
            ("NACCS反映タイミング", timing),
            ("NACCS登録希望日", wish),
            (
                "備考",
                s.registration
                    .remarks
                    .as_ref()
                    .map_or("", |r| r.as_str())
                    .to_string(),
            ),
        ],
    )
}

/// The initialised passwords: in clear for 3 business days from the 確認完了 mail, masked after
/// (M004 l.460; docs/decisions.md "Issue 13", Q26).
fn reissued(reg: &NaccsRegistration, today: chrono::NaiveDate) -> Block {
    let shown = crate::center::settings::passwords_visible(reg, today);
    Block::Table(Table {
        caption: "再発行パスワード".into(),
        columns: ["処理方式", "利用者コード", "識別番号", "パスワード"]
            .map(Text::from)
            .to_vec(),
        rows: reg
            .reissued
            .iter()
            .map(|p| {
                vec![
                    Cell::from(p.method.short()),
                    Cell::from(p.user_code.clone()),
                    Cell::from(p.ident.clone()),
                    Cell::from(if shown {
                        p.password.clone()
                    } else {
                        MASK.to_string()
                    }),
                ]
            })
            .collect(),
    })
}

pub fn view(cx: &mut Cx, _errors: &FieldErrors) -> Screen {
    let mut s = Screen::new("system_settings.detail", TITLE);
    s.blocks.push(nav(cx));
    let back = Block::Links(vec![Link::new(
        "←一覧表示に戻る",
        cx.url("menu/applications"),
    )]);
    let Some((a, content)) = viewed(cx).and_then(|a| {
        let c = a.content.as_settings()?.clone();
        Some((a, c))
    }) else {
        s.errors.push("指定された申込は存在しません。".to_string());
        s.blocks.push(back);
        return s;
    };
    s.blocks
        .push(Block::Text(vec!["システム設定情報申込内容".into()]));
    s.blocks.push(summary(&a, &content));
    s.blocks.push(view::applicant_block(
        "申込担当者情報",
        &content.applicant,
        "所属部署名",
    ));
    let codes = cx
        .ws
        .state
        .offices
        .get(&content.office_code)
        .map(|o| crate::center::settings::office_codes(&o.contract))
        .unwrap_or_default();
    s.blocks.push(Block::Heading {
        text: "システム設定情報".into(),
        buttons: Vec::new(),
    });
    s.blocks.extend(view::settings_blocks(&content, &codes));
    if let Some(reg) = a
        .naccs_registration
        .as_ref()
        .filter(|r| !r.reissued.is_empty())
    {
        s.blocks.push(reissued(reg, cx.now.date_naive()));
    }
    s.blocks.push(progress_table(&a));
    if a.status != ApplicationStatus::Received {
        s.blocks
            .push(Block::Text(vec!["通知内容をご確認ください。".into()]));
    }
    s.blocks.push(back);
    // 修正 and 取下げ belong to the filer (M004 l.166-181).
    if a.status == ApplicationStatus::Clarification
        && cx.session.filer().is_some_and(|f| a.filed_by(&f))
    {
        let mut withdraw = Button::new("op", "withdraw", "システム設定申込を取り下げる");
        withdraw.confirm = Some("システム設定申込を取り下げます。よろしいですか？".into());
        s.form = Some(common::form(
            cx,
            vec![
                Button::new("op", "amend", "システム設定申込を修正する").arrow(Arrow::Forward),
                withdraw,
            ],
        ));
    }
    s
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    let Some(a) = viewed(cx) else {
        return Step::Refresh;
    };
    let (Some(filer), Some(content)) = (
        cx.session.filer().filter(|f| a.filed_by(f)),
        a.content.as_settings(),
    ) else {
        return Step::Refresh;
    };
    if a.status != ApplicationStatus::Clarification {
        return Step::Refresh;
    }
    match form.op() {
        // 修正 (M004 ⑤–⑨): the screens re-open with what was registered.
        "amend" => {
            cx.session.draft = Some(Draft::SystemSettings(Box::new(amendment(
                content,
                &a.reception_number,
            ))));
            Step::Go("system_settings.applicant")
        }
        "withdraw" => match applications::withdraw(cx.ws, cx.now, &filer, &a.reception_number) {
            Ok(()) => Step::Refresh,
            Err(e) => Step::Stay(FieldErrors::from([("_withdraw".to_string(), e.japanese())])),
        },
        _ => Step::Refresh,
    }
}

/// The draft of a 修正: every screen holds what was registered.
fn amendment(content: &SystemSettingsApplication, number: &str) -> SystemSettingsDraft {
    SystemSettingsDraft {
        office_code: content.office_code.clone(),
        applicant: Slot::Parsed(SettingsApplicant(content.applicant.clone())),
        codes: content.codes.clone(),
        detail: None,
        registration: Slot::Parsed(content.registration.clone()),
        amends: Some(number.to_string()),
    }
}
