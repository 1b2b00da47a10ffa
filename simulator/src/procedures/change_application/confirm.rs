//! 変更申込 確認 (M001 ⑦, caption 「変更申込確認画面」 l.307): every part of the change
//! read-only, each with its 「…入力に戻る」 button (M001 STEP3 l.155); netNACCS情報 with
//! 契約情報 beside 申込情報 (l.309-320), 変更前 / 変更後 for the other items; 変更申込の備考 and
//! 添付ファイル (l.322-326); 「申込内容を登録する」.

use super::{before, draft, office_code, terminals, user_codes, view};
use crate::application::change::{
    BILLING_SCREEN_ITEMS, ChangeApplication, ChangeDraft, ChangeItem, ContractBefore,
    OFFICE_SCREEN_ITEMS, TerminalChange, USER_CODE_SCREEN_ITEMS,
};
use crate::application::{ApplicationContent, Attachment, Draft};
use crate::procedures::fields::{ScreenForm, slot_values};
use crate::procedures::new_application::attachments::table as attachment_table;
use crate::procedures::new_application::confirm::{
    ATTACH, SHORT_LEAD, remarks_and_files, wish_is_feasible,
};
use crate::procedures::new_application::office::check_start_wish;
use crate::procedures::{Cx, Step, common};
use crate::screen::form::FormInput;
use crate::screen::spec::{self, FieldErrors, FieldSpec, Input, RowSpec, SectionSpec};
use crate::screen::{Arrow, Block, Button, Screen, Text};
use crate::services::applications;

/// The screen's title (caption 「変更申込確認画面」, l.307; Part 3 Q7).
pub const TITLE: &str = "変更申込 確認";

/// 「変更申込の備考」 (l.322-324): the 利用申込の備考's field (240 characters) under the change's
/// heading.
pub const REMARKS: SectionSpec = SectionSpec {
    heading: "変更申込の備考",
    lines: &[],
    rows: &[RowSpec {
        label: "備考",
        fields: &[FieldSpec::text("remarks")
            .input(Input::Textarea)
            .optional()
            .max(240)],
        notes: &["(240文字以内)"],
    }],
};

/// The change the draft makes against the contract as it stands, or the first screen that
/// still needs input. The rules that depend on the day or on the contract are checked again:
/// registration may come days after the screens, and the contract may have changed.
pub fn complete(
    d: &ChangeDraft,
    before: ContractBefore,
    cx: &Cx,
    today: chrono::NaiveDate,
) -> Result<ChangeApplication, &'static str> {
    let items = d.items.parsed().ok_or("change_application.items")?;
    if check_start_wish(items.start_wish.as_str(), today).is_some() {
        return Err("change_application.items");
    }
    let applicant = d.applicant.parsed().ok_or("change_application.applicant")?;
    let office = if items.any(&OFFICE_SCREEN_ITEMS) {
        Some(
            d.office
                .parsed()
                .ok_or("change_application.office")?
                .clone(),
        )
    } else {
        None
    };
    let codes = if items.any(&USER_CODE_SCREEN_ITEMS) {
        let change = d
            .user_codes
            .as_ref()
            .ok_or("change_application.user_codes")?;
        let uses_net = cx
            .ws
            .state
            .offices
            .get(&before.office_code)
            .is_some_and(|o| crate::center::change::uses_net(&o.contract));
        user_codes::check(items, &before.user_codes, change, uses_net)
            .map_err(|_| "change_application.user_codes")?;
        Some(change.clone())
    } else {
        None
    };
    let mailboxes = if items.has(ChangeItem::Mailbox) {
        let m = d.mailboxes.parsed().ok_or("change_application.mailbox")?;
        if *m == before.mailboxes || !before.general {
            return Err("change_application.mailbox");
        }
        Some(m.clone())
    } else {
        None
    };
    let lines = if items.any(&[ChangeItem::GeneralLine, ChangeItem::GeneralTerminal]) {
        let mut change = d.lines.clone().ok_or(super::lines::ID)?;
        change.retain_known(&before.lines);
        let moving = super::lines::moving(office.as_ref(), &before);
        if !before.general
            || change
                .check(items, &before.lines, &before.terminals, moving)
                .is_err()
        {
            return Err(super::lines::ID);
        }
        Some(change)
    } else {
        None
    };
    let terminals = if items.has(ChangeItem::NetTerminals) {
        let t = d.terminals.parsed().ok_or("change_application.terminals")?;
        let net = before.net_terminals();
        let context = terminals::context(cx, &net);
        Some(
            TerminalChange::parse(&t.to_values(), &context)
                .map_err(|_| "change_application.terminals")?,
        )
    } else {
        None
    };
    let plan = if items.has(ChangeItem::Plan) {
        Some(*d.plan.parsed().ok_or("change_application.plan")?)
    } else {
        None
    };
    let billing = if items.any(&BILLING_SCREEN_ITEMS) {
        Some(
            d.billing
                .parsed()
                .ok_or("change_application.billing")?
                .clone(),
        )
    } else {
        None
    };
    Ok(ChangeApplication {
        items: items.clone(),
        applicant: applicant.clone(),
        office,
        terminals,
        plan,
        billing,
        user_codes: codes,
        mailboxes,
        lines,
        remarks: d.remarks.parsed().cloned().flatten(),
        attachments: d.attachments.clone(),
        before,
    })
}

fn heading(text: &'static str, op: &'static str, label: &'static str) -> Block {
    Block::Heading {
        text: text.into(),
        buttons: vec![Button::new("op", op, label).arrow(Arrow::Return)],
    }
}

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let mut s = Screen::new("change_application.confirm", TITLE);
    s.intro = [
        "入力した情報内容を確認してください。",
        "「申込内容を登録する」ボタンをクリックすると、変更申込が完了します。",
        "情報内容の修正をする場合は、それぞれの項目の「入力に戻る」ボタンをクリックして、各情報入力画面から修正してください。",
    ]
    .map(Text::from)
    .to_vec();
    let Some(before) = before(cx) else {
        s.errors.push(super::OFFICE_ONLY.into());
        return s;
    };
    let today = cx.now.date_naive();
    let mut form = common::form(
        cx,
        vec![
            common::save_button(),
            Button::new("op", "register", "申込内容を登録する")
                .arrow(Arrow::Register)
                .confirm_register(),
        ],
    );
    form.multipart = true;
    s.form = Some(form);
    let d = draft(cx).clone();
    let app = complete(&d, before.clone(), cx, today).ok();
    if let Some(app) = &app
        && !wish_is_feasible(app.start_wish(), today).0
    {
        s.notices.push(SHORT_LEAD.into());
    }
    s.errors = spec::error_list(&[&REMARKS, &ATTACH], errors);
    if let Some(app) = &app {
        s.blocks
            .push(heading("変更内容", "goto_items", "変更内容入力に戻る"));
        s.blocks.push(view::items_table(&app.items));
        s.blocks.push(heading(
            "申込担当者情報",
            "goto_applicant",
            "申込担当者入力に戻る",
        ));
        s.blocks.push(view::applicant_table(&app.applicant));
        if app.office.is_some() {
            s.blocks
                .push(heading("事業所情報", "goto_office", "事業所入力に戻る"));
            s.blocks.extend(view::office_blocks(app));
        }
        if let Some(u) = &app.user_codes {
            s.blocks.push(heading(
                "利用者コード情報",
                "goto_user_codes",
                "利用者コード入力に戻る",
            ));
            s.blocks
                .extend(view::user_code_tables(&before.user_codes, u));
        }
        if let Some(t) = &app.terminals {
            s.blocks.push(heading(
                "netNACCS情報",
                "goto_terminals",
                "論理端末入力に戻る",
            ));
            s.blocks
                .extend(view::terminal_tables(&before.net_terminals(), t));
        }
        if let Some(l) = &app.lines {
            s.blocks.push(heading(
                "一般NACCS回線・論理端末情報",
                "goto_lines",
                "回線・論理端末入力に戻る",
            ));
            s.blocks.extend(super::lines::tables(&app.before, l, false));
        }
        if let Some(m) = &app.mailboxes {
            s.blocks.push(heading(
                "メールボックス情報",
                "goto_mailbox",
                "メールボックス入力に戻る",
            ));
            s.blocks.push(view::mailbox_block(&before.mailboxes, m));
        }
        if let Some(p) = app.plan {
            s.blocks.push(heading(
                "料金プラン情報",
                "goto_plan",
                "料金プラン入力に戻る",
            ));
            s.blocks.extend(view::plan_blocks(before.plan, p));
        }
        if app.billing.is_some() {
            s.blocks
                .push(heading("請求先情報", "goto_billing", "請求先入力に戻る"));
            s.blocks.extend(view::billing_blocks(app));
        }
    }
    let remarks = slot_values(&d.remarks);
    s.blocks
        .push(Block::Section(spec::build(&REMARKS, &remarks, errors)));
    s.blocks
        .push(Block::Section(spec::build(&ATTACH, &remarks, errors)));
    let files: Vec<&Attachment> = d.attachments.iter().collect();
    s.blocks.push(Block::Table(attachment_table(
        "",
        &files,
        "remove_attachment",
    )));
    s
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    let Some(before) = before(cx) else {
        return super::not_office();
    };
    let today = cx.now.date_naive();
    let d = draft(cx);
    // The new application's 備考 and 添付ファイル handling (docs/decisions.md, issue 11).
    let remark_errors = match remarks_and_files(form, &REMARKS, &mut d.remarks, &mut d.attachments)
    {
        Ok(errors) => errors,
        Err(step) => return step,
    };
    match form.op() {
        "goto_items" => Step::Go("change_application.items"),
        "goto_applicant" => Step::Go("change_application.applicant"),
        "goto_office" => Step::Go("change_application.office"),
        "goto_terminals" => Step::Go("change_application.terminals"),
        "goto_user_codes" => Step::Go("change_application.user_codes"),
        "goto_lines" => Step::Go(super::lines::ID),
        "goto_mailbox" => Step::Go("change_application.mailbox"),
        "goto_plan" => Step::Go("change_application.plan"),
        "goto_billing" => Step::Go("change_application.billing"),
        "save" => common::save_and_logout(cx),
        "register" => {
            if !remark_errors.is_empty() {
                return Step::Stay(remark_errors);
            }
            let d = d.clone();
            match complete(&d, before, cx, today) {
                Ok(app) => register(cx, app),
                Err(screen) => Step::Go(screen),
            }
        }
        _ => Step::Refresh,
    }
}

/// Registers the change (or, under 修正, the correction of a registered one) and shows 完了
/// with its 申込受付番号. A refusal (another change under review, a login that may not file it)
/// is shown on this screen; nothing is stored.
fn register(cx: &mut Cx, app: ChangeApplication) -> Step {
    let (Some(filer), Some(_)) = (cx.session.filer(), office_code(cx)) else {
        return super::not_office();
    };
    let amends = match &cx.session.draft {
        Some(Draft::Change(d)) => d.amends.clone(),
        _ => None,
    };
    let content = ApplicationContent::Change(Box::new(app));
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
        Err(e) => Step::Stay(FieldErrors::from([("_register".to_string(), e.japanese())])),
    }
}
