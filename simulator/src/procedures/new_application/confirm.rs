//! 申込内容 確認 (M000 【23】【24】): every section read-only in input order, each with its
//! 「…入力に戻る」 button; 利用申込の備考 and 添付ファイル; 「申込内容を登録する」.

use super::{attachments, lines, office, user_codes, view};
use crate::application::draft::NewApplicationDraft;
use crate::application::new::{Connection, LineServices, Mailboxes, Terminals};
use crate::application::{Attachment, NewApplication};
use crate::center::checks;
use crate::domain::calendar::schedule;
use crate::domain::format::Text240;
use crate::domain::sharing::SharingKind;
use crate::procedures::fields::{self, ScreenForm, slot_values};
use crate::procedures::{Cx, Step, common};
use crate::screen::form::FormInput;
use crate::screen::spec::{self, FieldErrors, FieldSpec, Input, RowSpec, SectionSpec, Values};
use crate::screen::{Arrow, Block, Button, Screen, Text};
use crate::services::applications;

/// The screen's title as printed.
pub const TITLE: &str = "申込内容 確認";

pub const REMARKS: SectionSpec = SectionSpec {
    heading: "利用申込の備考",
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

pub const ATTACH: SectionSpec = SectionSpec {
    heading: "添付ファイル",
    // M003 l.752-760 (2023), newer than M000 【24】.
    lines: &[
        "ファイルを添付する場合には、「ファイルの選択(ファイルを選択)」ボタンをクリックして、ファイルを選択してください。",
        "その際に、「ファイルを添付する」ボタンをクリックして、必ず、添付ファイル名を確認してください。",
        "添付ファイル名が表示されていない場合、添付が行われておりません。",
        "添付ファイルを削除する場合は、「削除」ボタンをクリックしてください。",
        "共同利用の申込を行うお客様は、「委任状(子事業所の役職印押印済みのもの)」を添付してください。",
        "※なお、「委任状」はNACCS掲示板より取得可能です。",
    ],
    rows: &[RowSpec {
        label: "添付ファイル",
        fields: &[FieldSpec::text("attachment")
            .input(Input::File)
            .optional()
            .button("attach", "ファイルを添付する")],
        notes: &[],
    }],
};

/// The short-lead warning (procedures.md §4, printed on 申込内容 参照; shown here as soon as it applies).
pub const SHORT_LEAD: &str = "※「申込日」と「利用開始希望日」の間隔が標準日数より短いため、ご希望の日に対応できない場合がございます。";

impl ScreenForm for Option<Text240> {
    type Context<'a> = ();

    fn to_values(&self) -> Values {
        let mut v = Values::new();
        fields::set_opt(&mut v, "remarks", self);
        v
    }

    fn parse(values: &Values, _: &()) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        spec::validate(&REMARKS, values, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        fields::opt(values, "remarks")
    }
}

fn heading(text: &'static str, op: &'static str, label: &'static str) -> Block {
    Block::Heading {
        text: text.into(),
        buttons: vec![Button::new("op", op, label).arrow(Arrow::Return)],
    }
}

/// Whether the wish can be served from `today`: the first feasible start date, and whether it
/// is the wish itself (procedures.md §8).
pub fn wish_is_feasible(
    wish: chrono::NaiveDate,
    today: chrono::NaiveDate,
) -> (bool, chrono::NaiveDate) {
    let feasible = schedule::feasible_start(today, wish);
    (feasible == wish, feasible)
}

/// The application the draft makes, or the first screen that still needs input. The rules that
/// depend on the day (the 利用開始希望日 after today) are checked again: registration may come
/// days after 事業所・企業 入力.
pub fn complete(
    d: &NewApplicationDraft,
    today: chrono::NaiveDate,
) -> Result<NewApplication, &'static str> {
    let applicant = d.applicant.parsed().ok_or("new_application.applicant")?;
    let office = d.office.parsed().ok_or("new_application.office")?;
    let connection = d.connection.ok_or("new_application.office")?;
    if office::check_start_wish(office.start_wish.as_str(), today).is_some() {
        return Err("new_application.office");
    }
    if user_codes::check(d.user_codes.len(), d.users_transfer).is_err() {
        return Err("new_application.user_codes");
    }
    // The equipment of the path: 論理端末・証明書 (netNACCS) or 回線・論理端末 and メールボックス
    // (一般NACCS); the other path's stays empty.
    let (terminals, lines, mailboxes) = match connection {
        Connection::NetNaccs => (
            d.terminals
                .parsed()
                .ok_or("new_application.terminals")?
                .clone(),
            LineServices::default(),
            Mailboxes::default(),
        ),
        Connection::General => {
            let choices = d.line_choices.parsed().ok_or("new_application.lines")?;
            // The rows may have changed after the screen accepted its inputs.
            lines::structure(
                d.lines.len(),
                choices.sharing_office.is_some(),
                choices.no_lines,
                d.diagram.is_some(),
            )
            .map_err(|_| "new_application.lines")?;
            (
                Terminals::default(),
                LineServices {
                    rows: d.lines.clone(),
                    choices: choices.clone(),
                },
                d.mailboxes
                    .parsed()
                    .ok_or("new_application.mailbox")?
                    .clone(),
            )
        }
    };
    let plan = d.plan.parsed().ok_or("new_application.plan")?;
    let billing = d.billing.parsed().ok_or("new_application.billing")?;
    Ok(NewApplication {
        applicant: applicant.clone(),
        office: office.clone(),
        connection,
        user_codes: crate::application::new::UserCodes {
            codes: d.user_codes.clone(),
            transfer: d.users_transfer,
        },
        terminals,
        lines,
        mailboxes,
        diagram: d.diagram.clone(),
        plan: *plan,
        billing: billing.clone(),
        remarks: d.remarks.parsed().cloned().flatten(),
        attachments: d.attachments.clone(),
    })
}

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let mut s = Screen::new("new_application.confirm", TITLE);
    s.intro = [
        "入力した情報内容を確認してください。",
        "「申込内容を登録する」ボタンをクリックすると、利用申込（新規）が完了します。",
        "情報内容の修正をする場合は、それぞれの項目の「入力に戻る」ボタンをクリックして、各情報入力画面から修正してください。",
        // M003:l.722.
        "入力内容を確認後に、「申込内容を登録する」ボタンをクリックしてください。",
    ]
    .map(Text::from)
    .to_vec();
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
    cx.ws.seed_customers();
    let Some(d) = super::draft_of(cx.session) else {
        return s;
    };
    let app = complete(d, today).ok();
    if let Some(app) = &app
        && !wish_is_feasible(app.start_wish(), today).0
    {
        s.notices.push(SHORT_LEAD.into());
    }
    // 共同利用 (another company's equipment) needs the 委任状 attached here (M003 l.759): said
    // before 「申込内容を登録する」 refuses it.
    if let Some(app) = &app
        && checks::special_kind(cx.ws, app) == Some(SharingKind::JointUse)
        && d.attachments.is_empty()
        && let Some(e) = checks::refusal(cx.ws, app)
    {
        s.notices.push(e.japanese().into());
    }
    s.errors = spec::error_list(&[&REMARKS, &ATTACH], errors);
    type Render = fn(&NewApplication) -> Vec<Block>;
    let general = d.connection == Some(Connection::General);
    let groups: [(&str, &str, &str, Render); 7] = [
        (
            "申込担当者情報",
            "goto_applicant",
            "申込担当者入力に戻る",
            view::applicant_blocks,
        ),
        (
            "事業所情報",
            "goto_office",
            "事業所入力に戻る",
            view::office_blocks,
        ),
        (
            "利用者コード情報",
            "goto_users",
            "利用者コード入力に戻る",
            view::user_code_blocks,
        ),
        if general {
            (
                "回線・論理端末情報",
                "goto_lines",
                "回線・論理端末入力に戻る",
                view::line_tables,
            )
        } else {
            (
                "論理端末・証明書情報",
                "goto_terminals",
                "論理端末・証明書入力に戻る",
                view::terminal_tables,
            )
        },
        (
            "メールボックス情報",
            "goto_mailbox",
            "メールボックス入力に戻る",
            view::mailbox_blocks,
        ),
        (
            "料金プラン情報",
            "goto_plan",
            "料金プラン入力に戻る",
            view::plan_blocks,
        ),
        (
            "請求先情報",
            "goto_billing",
            "請求先入力に戻る",
            view::billing_blocks,
        ),
    ];
    for (text, op, label, render) in groups {
        // メールボックス is a 一般NACCS screen (M003 tab bar; M000 【24】 has no such group).
        if op == "goto_mailbox" && !general {
            continue;
        }
        s.blocks.push(heading(text, op, label));
        if let Some(app) = &app {
            s.blocks.extend(render(app));
        }
    }
    let remarks = slot_values(&d.remarks);
    s.blocks
        .push(Block::Section(spec::build(&REMARKS, &remarks, errors)));
    s.blocks
        .push(Block::Section(spec::build(&ATTACH, &remarks, errors)));
    let files: Vec<&Attachment> = d.attachments.iter().collect();
    s.blocks.push(Block::Table(super::attachments::table(
        "",
        &files,
        "remove_attachment",
    )));
    s
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    let today = cx.now.date_naive();
    let draft = cx.new_draft();
    let remark_errors =
        match remarks_and_files(form, &REMARKS, &mut draft.remarks, &mut draft.attachments) {
            Ok(errors) => errors,
            Err(step) => return step,
        };
    match form.op() {
        "goto_applicant" => Step::Go("new_application.applicant"),
        "goto_office" => Step::Go("new_application.office"),
        "goto_users" => Step::Go("new_application.user_codes"),
        "goto_terminals" => Step::Go("new_application.terminals"),
        "goto_lines" => Step::Go("new_application.lines"),
        "goto_mailbox" => Step::Go("new_application.mailbox"),
        "goto_plan" => Step::Go("new_application.plan"),
        "goto_billing" => Step::Go("new_application.billing"),
        "save" => common::save_and_logout(cx),
        "register" => {
            if !remark_errors.is_empty() {
                return Step::Stay(remark_errors);
            }
            match complete(draft, today) {
                Ok(app) => register(cx, app),
                Err(screen) => Step::Go(screen),
            }
        }
        _ => Step::Refresh,
    }
}

/// Registers the application (or, under 修正, the correction of a registered one) and shows
/// 完了 with its 申込受付番号. A refusal (the filer may not file it) is shown on this screen.
fn register(cx: &mut Cx, app: NewApplication) -> Step {
    let Some(filer) = cx.session.filer() else {
        return Step::Stay(not_registered("ログインしていません。"));
    };
    let amends = match &cx.session.draft {
        Some(crate::application::Draft::NewApplication(d)) => d.amends.clone(),
        _ => None,
    };
    let content = crate::application::ApplicationContent::New(Box::new(app));
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

/// The 備考 and 添付ファイル part of a post to a 申込内容 確認, the same on a new application's and
/// a change's (`remarks_section` is the screen's heading of it): the 備考 is read into its slot;
/// 「削除」 of a file and 「ファイルを添付する」 are done here. `Err` with the answer when one
/// of those answers the post; else the 備考's errors, for 「…を登録する」 to show.
pub fn remarks_and_files(
    form: &FormInput,
    remarks_section: &SectionSpec,
    remarks: &mut crate::application::Slot<Option<Text240>>,
    files: &mut Vec<Attachment>,
) -> Result<FieldErrors, Step> {
    let mut values = slot_values(remarks).into_owned();
    spec::read(remarks_section, form, &mut values);
    let (slot, errors) = fields::slot_from::<Option<Text240>>(values, &());
    *remarks = slot;
    let op = form.op();
    if let Some(i) = op
        .strip_prefix("remove_attachment:")
        .and_then(|i| i.parse::<usize>().ok())
    {
        if i < files.len() {
            files.remove(i);
        }
        return Err(Step::Refresh);
    }
    if op == "attach" {
        // What a file must be: docs/decisions.md, issue 11, "Attachments".
        return Err(match attachments::upload_more(files, form, "attachment") {
            Ok(file) => {
                files.push(file);
                Step::Refresh
            }
            Err(msg) => Step::Stay(attachment_refused(msg)),
        });
    }
    Ok(errors)
}

fn attachment_refused(msg: &str) -> FieldErrors {
    FieldErrors::from([("attachment".to_string(), msg.to_string())])
}

fn not_registered(msg: &str) -> FieldErrors {
    FieldErrors::from([("_register".to_string(), msg.to_string())])
}
