//! 申込内容 確認 (M000 【23】【24】): every section read-only in input order, each with its
//! 「…入力に戻る」 button; 利用申込の備考 and 添付ファイル; 「申込内容を登録する」.

use super::{applicant, billing, office, plan, terminals, user_codes};
use crate::domain::calendar::schedule;
use crate::domain::format::Date8;
use crate::domain::ids::{self, ReceptionKind};
use crate::mail;
use crate::procedures::{Cx, Step, common};
use crate::screen::form::FormInput;
use crate::screen::spec::{
    self, FieldErrors, FieldSpec, Input, PartStyle, RowSpec, SectionSpec, Values,
};
use crate::screen::{Arrow, Block, Button, Cell, Screen, Table, Text};
use crate::workspace::application::{Application, ApplicationDraft, ApplicationStatus, Attachment};
use crate::workspace::session::At;

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
    lines: &[
        "ファイルを添付する場合には、「参照」ボタンをクリックして、ファイルを選択してください。",
        "その際に、「ファイルを添付する」ボタンをクリックすると、添付ファイル名が表示されます。",
        "添付ファイルを削除する場合は、「削除」ボタンをクリックしてください。",
        "共同利用の申込を行うお客様は、「委任状」の写しを添付してください。",
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

fn table(caption: &'static str, rows: Vec<Vec<Cell>>) -> Block {
    Block::Table(Table {
        caption: caption.into(),
        columns: spec::summary_columns(),
        rows,
    })
}

fn heading(text: &'static str, op: &'static str, label: &'static str) -> Block {
    Block::Heading {
        text: text.into(),
        buttons: vec![Button::new("op", op, label).arrow(Arrow::Return)],
    }
}

/// 本社 fields copied from the 事業所 ones when 本社 所在地 is 「事業所に同じ」: (to, from).
const HQ_FROM_OFFICE: [(&str, &str); 7] = [
    ("hq_postal", "office_postal"),
    ("hq_prefecture", "office_prefecture"),
    ("hq_city", "office_city"),
    ("hq_street", "office_street"),
    ("hq_address_kana", "office_address_kana"),
    ("hq_tel", "office_tel"),
    ("hq_fax", "office_fax"),
];

/// 管理責任者 fields copied from the 申込担当者 when 「申込担当者と同じ」: (to, from).
const MANAGER_FROM_APPLICANT: [(&str, &str); 9] = [
    ("manager_last_name", "last_name"),
    ("manager_first_name", "first_name"),
    ("manager_last_name_kana", "last_name_kana"),
    ("manager_first_name_kana", "first_name_kana"),
    ("manager_department", "department"),
    ("manager_title", "title"),
    ("manager_tel", "tel"),
    ("manager_fax", "fax"),
    ("manager_email", "email"),
];

/// 請求先 fields copied from the 事業所 when 請求先 所在地 is 「事業所に同じ」: (to, from).
const BILLING_FROM_OFFICE: [(&str, &str); 5] = [
    ("billing_postal", "office_postal"),
    ("billing_prefecture", "office_prefecture"),
    ("billing_city", "office_city"),
    ("billing_street", "office_street"),
    ("billing_address_kana", "office_address_kana"),
];

/// 請求先 連絡先 fields copied from the 管理責任者 when 「管理責任者と同じ」: (to, from).
const CONTACT_FROM_MANAGER: [(&str, &str); 9] = [
    ("contact_last_name", "manager_last_name"),
    ("contact_first_name", "manager_first_name"),
    ("contact_last_name_kana", "manager_last_name_kana"),
    ("contact_first_name_kana", "manager_first_name_kana"),
    ("contact_department", "manager_department"),
    ("contact_title", "manager_title"),
    ("contact_tel", "manager_tel"),
    ("contact_fax", "manager_fax"),
    ("contact_email1", "manager_email"),
];

/// Sets `values[to]` to `from[key]` (empty when missing) for each (to, key) pair. The keys are
/// constants, so an existing entry is overwritten in place rather than re-keyed (these run on
/// every 申込内容 確認).
fn copy_fields(values: &mut Values, from: &Values, pairs: &[(&str, &str)]) {
    for &(to, key) in pairs {
        let value = from.get(key).map_or("", String::as_str);
        match values.get_mut(to) {
            Some(v) => value.clone_into(v),
            None => {
                values.insert(to.to_string(), value.to_string());
            }
        }
    }
}

/// 事業所・企業 as it will be registered: 「事業所に同じ」 and 「申込担当者と同じ」 resolved.
pub fn effective_office(d: &ApplicationDraft) -> Values {
    let mut v = d.office.clone();
    if v.get("hq_location").is_none_or(|x| x == "same") {
        copy_fields(&mut v, &d.office, &HQ_FROM_OFFICE);
    }
    if v.get("manager_source").is_none_or(|x| x == "applicant") {
        copy_fields(&mut v, &d.applicant, &MANAGER_FROM_APPLICANT);
    }
    v
}

/// 請求先 as it will be registered.
pub fn effective_billing(d: &ApplicationDraft, office: &Values) -> Values {
    let mut v = d.billing.clone();
    if v.get("billing_location").is_none_or(|x| x == "same") {
        copy_fields(&mut v, office, &BILLING_FROM_OFFICE);
    }
    if v.get("contact_source").is_none_or(|x| x == "manager") {
        copy_fields(&mut v, office, &CONTACT_FROM_MANAGER);
    }
    v
}

/// Replaces the 緊急連絡用FAX番号1 line with 「事業所と同じ 0335015896」 (M000 【23】).
fn fax1_line(rows: &mut [Vec<Cell>], office: &Values) {
    let source = office
        .get("fax1_source")
        .map(String::as_str)
        .unwrap_or("office");
    let (label, number) = match source {
        "manager" => ("管理責任者と同じ", office.get("manager_fax")),
        "office" => ("事業所と同じ", office.get("office_fax")),
        _ => ("", office.get("fax1")),
    };
    let text = format!("{label} {}", number.cloned().unwrap_or_default())
        .trim()
        .to_string();
    for r in rows.iter_mut() {
        if matches!(r.first(), Some(Cell::Text(l)) if l == "緊急連絡用FAX番号1") {
            r[1] = Cell::from(text.clone());
        }
    }
}

/// Whether the wish can be served: a start date whose contract deadline is not past.
pub fn wish_is_feasible(
    office: &Values,
    today: chrono::NaiveDate,
) -> Option<(bool, chrono::NaiveDate)> {
    let wish = Date8::parse(office.get("start_wish")?).ok()?.date();
    let feasible = schedule::feasible_start(today, wish);
    Some((feasible == wish, feasible))
}

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let mut s = Screen::new("new_application.confirm", "申込内容 確認");
    s.intro = [
        "入力した情報内容を確認してください。",
        "「申込内容を登録する」ボタンをクリックすると、利用申込（新規）が完了します。",
        "情報内容の修正をする場合は、それぞれの項目の「入力に戻る」ボタンをクリックして、各情報入力画面から修正してください。",
    ]
    .map(Text::from)
    .to_vec();
    let today = cx.now.date_naive();
    // The form first: the draft is then borrowed from the session, not copied.
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
    let d = &*common::draft(cx);
    if let Some((false, _)) = wish_is_feasible(&d.office, today) {
        s.notices.push(SHORT_LEAD.into());
    }
    s.errors = spec::error_list(&[&REMARKS, &ATTACH], errors);

    // Resolved once for both groups that print it.
    let office_v = effective_office(d);
    let groups = [
        (
            "申込担当者情報",
            "goto_applicant",
            "申込担当者入力に戻る",
            applicant_blocks(d),
        ),
        (
            "事業所情報",
            "goto_office",
            "事業所入力に戻る",
            office_tables(&office_v),
        ),
        (
            "利用者コード情報",
            "goto_users",
            "利用者コード入力に戻る",
            user_code_blocks(d),
        ),
        (
            "論理端末・証明書情報",
            "goto_terminals",
            "論理端末・証明書入力に戻る",
            terminal_tables(d),
        ),
        (
            "料金プラン情報",
            "goto_plan",
            "料金プラン入力に戻る",
            plan_blocks(d),
        ),
        (
            "請求先情報",
            "goto_billing",
            "請求先入力に戻る",
            billing_tables(&effective_billing(d, &office_v)),
        ),
    ];
    for (text, op, label, blocks) in groups {
        s.blocks.push(heading(text, op, label));
        s.blocks.extend(blocks);
    }

    s.blocks
        .push(Block::Section(spec::build(&REMARKS, &d.remarks, errors)));
    s.blocks
        .push(Block::Section(spec::build(&ATTACH, &d.remarks, errors)));
    let files: Vec<&Attachment> = d.attachments.iter().collect();
    s.blocks.push(Block::Table(terminals::attachment_table(
        "",
        &files,
        "remove_attachment",
    )));
    s.form = Some(form);
    s
}

/// 申込担当者情報: the person and the 申込理由.
pub fn applicant_blocks(d: &ApplicationDraft) -> Vec<Block> {
    vec![
        table(
            applicant::PERSON.heading,
            spec::summary_rows(&applicant::PERSON, &d.applicant, PartStyle::Joined),
        ),
        table(
            applicant::CONTRACT.heading,
            spec::summary_rows(&applicant::CONTRACT, &d.applicant, PartStyle::Joined),
        ),
    ]
}

/// 事業所情報: start date, office, contractor, head office, person responsible (M000 【23】).
pub fn office_blocks(d: &ApplicationDraft) -> Vec<Block> {
    office_tables(&effective_office(d))
}

/// The tables of `office_blocks`, from the resolved 事業所・企業 values.
fn office_tables(office_v: &Values) -> Vec<Block> {
    let start = Date8::parse(office_v.get("start_wish").map(String::as_str).unwrap_or(""))
        .map(|d| crate::clock::format_date(d.date()))
        .unwrap_or_default();
    let mut out = vec![table(
        office::START.heading,
        vec![vec![Cell::from("利用開始日"), Cell::from(start)]],
    )];
    for sec in [&office::OFFICE, &office::CONTRACTOR] {
        out.push(table(
            sec.heading,
            spec::summary_rows(sec, office_v, PartStyle::Joined),
        ));
    }
    // 「事業所に同じ」 and 「申込担当者と同じ」 print the copied values (M000 【23】).
    let mut head_office = spec::summary_rows_all(&office::HEAD_OFFICE, office_v, PartStyle::Joined);
    // M000 【23】 prints the 本社 所在地 choice 「事業所と同じ」, where the input screen and the
    // 請求先 所在地 say 「事業所に同じ」.
    for r in head_office.iter_mut() {
        if matches!(r.as_slice(), [Cell::Text(l), Cell::Text(v)] if l == "所在地" && v == "事業所に同じ")
        {
            r[1] = Cell::from("事業所と同じ");
        }
    }
    out.push(table(office::HEAD_OFFICE.heading, head_office));
    let mut manager = spec::summary_rows_all(&office::MANAGER, office_v, PartStyle::Joined);
    fax1_line(&mut manager, office_v);
    out.push(table(office::MANAGER.heading, manager));
    out
}

/// 利用者コード情報 (M000 【24】).
pub fn user_code_blocks(d: &ApplicationDraft) -> Vec<Block> {
    vec![Block::Table(Table {
        caption: "利用者コードに関する項目".into(),
        columns: user_codes::COLUMNS.iter().map(|&c| Text::from(c)).collect(),
        rows: user_codes::rows(&d.user_codes)
            .into_iter()
            .map(|r| r.into_iter().map(Cell::from).collect())
            .collect(),
    })]
}

/// 料金プラン情報.
pub fn plan_blocks(d: &ApplicationDraft) -> Vec<Block> {
    vec![table(
        plan::PLAN.heading,
        spec::summary_rows(&plan::PLAN, &d.plan, PartStyle::Joined),
    )]
}

/// 請求先情報.
pub fn billing_blocks(d: &ApplicationDraft) -> Vec<Block> {
    billing_tables(&effective_billing(d, &effective_office(d)))
}

/// The tables of `billing_blocks`, from the resolved 請求先 values.
fn billing_tables(billing_v: &Values) -> Vec<Block> {
    billing::SECTIONS
        .iter()
        .map(|sec| {
            let rows = if sec.heading == billing::LOCATION.heading
                || sec.heading == billing::CONTACT.heading
            {
                spec::summary_rows_all(sec, billing_v, PartStyle::Joined)
            } else {
                spec::summary_rows(sec, billing_v, PartStyle::Joined)
            };
            table(sec.heading, rows)
        })
        .collect()
}

/// The 論理端末・証明書情報 tables (M000 【24】: 追加 共用 net net 5).
pub fn terminal_tables(d: &ApplicationDraft) -> Vec<Block> {
    let t = &d.terminals;
    let get = |k: &str| t.get(k).cloned().unwrap_or_default();
    let system = d
        .user_codes
        .first()
        .and_then(|r| r.values.get("system"))
        .and_then(|c| crate::domain::lists::SystemKind::from_code(c))
        .map(|s| s.short())
        .unwrap_or("");
    let mut terminal_rows = Vec::new();
    for (key, kind) in [("terminals_net", "net"), ("terminals_ebms", "eBMS")] {
        let n = get(key);
        if !n.trim().is_empty() {
            terminal_rows.push(vec![
                Cell::from("追加"),
                Cell::from(system),
                Cell::from(kind),
                Cell::from(kind),
                Cell::from(n.trim().to_string()),
            ]);
        }
    }
    let web = get("certificates_web");
    vec![
        Block::Table(Table {
            caption: "論理端末に関する項目".into(),
            // M000 【24】 heads this column 利用端末区分; ID通知内容 and 契約情報 (M001) say 利用機種区分.
            columns: [
                "申込内容",
                "区分",
                "利用端末区分",
                "パッケージソフト区分",
                "論理端末数",
            ]
            .map(Text::from)
            .to_vec(),
            rows: terminal_rows,
        }),
        Block::Table(Table {
            caption: "webNACCSに関する項目".into(),
            columns: ["申込内容", "デジタル証明書数"].map(Text::from).to_vec(),
            rows: if web.trim().is_empty() {
                vec![]
            } else {
                vec![vec![Cell::from("追加"), Cell::from(web.trim().to_string())]]
            },
        }),
        Block::Table(Table {
            caption: "機器共用に関する項目".into(),
            columns: vec!["事業所コード(機器共用先)".into()],
            rows: {
                let code = get("sharing_office");
                if code.trim().is_empty() {
                    vec![]
                } else {
                    vec![vec![Cell::from(code.trim().to_ascii_uppercase())]]
                }
            },
        }),
        Block::Table(Table {
            caption: "システム構成図に関する項目".into(),
            columns: ["添付ファイル名", "ファイルサイズ"]
                .map(Text::from)
                .to_vec(),
            rows: d
                .diagram
                .iter()
                .map(|f| {
                    vec![
                        Cell::from(f.name.clone()),
                        Cell::from(format!("{} バイト", f.size)),
                    ]
                })
                .collect(),
        }),
    ]
}

/// Every rule of every screen again, so that nothing invalid is registered whatever was posted.
/// Returns the first screen that does not pass.
fn first_invalid(d: &ApplicationDraft, today: chrono::NaiveDate) -> Option<At> {
    let mut e = FieldErrors::new();
    for s in [&applicant::PERSON, &applicant::CONTRACT] {
        spec::validate(s, &d.applicant, &mut e);
    }
    crate::procedures::temp_account::input::check_email_pair(&d.applicant, &mut e);
    if !e.is_empty() {
        return Some(At::AppApplicant);
    }
    for s in office::SECTIONS {
        spec::validate(s, &d.office, &mut e);
    }
    office::check(&d.office, &d.applicant, today, &mut e);
    if !e.is_empty() || d.connection.is_none() {
        return Some(At::AppOffice);
    }
    if d.user_codes.is_empty() && d.users.get("users_transfer").is_none_or(|v| v != "1") {
        return Some(At::AppUsers);
    }
    for s in [&terminals::TERMINALS, &terminals::WEB, &terminals::SHARING] {
        spec::validate(s, &d.terminals, &mut e);
    }
    terminals::check(&d.terminals, d.diagram.is_some(), &mut e);
    if !e.is_empty() {
        return Some(At::AppTerminals);
    }
    spec::validate(&plan::PLAN, &d.plan, &mut e);
    if !e.is_empty() {
        return Some(At::AppPlan);
    }
    for s in billing::SECTIONS {
        spec::validate(s, &d.billing, &mut e);
    }
    billing::check(&d.billing, &mut e);
    if !e.is_empty() {
        return Some(At::AppBilling);
    }
    None
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    let today = cx.now.date_naive();
    let draft = common::draft(cx);
    spec::read(&REMARKS, form, &mut draft.remarks);
    let op = form.op();
    if let Some(i) = op
        .strip_prefix("remove_attachment:")
        .and_then(|i| i.parse::<usize>().ok())
    {
        if i < draft.attachments.len() {
            draft.attachments.remove(i);
        }
        return Step::Refresh;
    }
    match op {
        "goto_applicant" => Step::Go(At::AppApplicant),
        "goto_office" => Step::Go(At::AppOffice),
        "goto_users" => Step::Go(At::AppUsers),
        "goto_terminals" => Step::Go(At::AppTerminals),
        "goto_plan" => Step::Go(At::AppPlan),
        "goto_billing" => Step::Go(At::AppBilling),
        "save" => common::save_and_logout(cx),
        "attach" => match form.file("attachment") {
            Some(f) => {
                draft.attachments.push(Attachment {
                    name: f.filename.clone(),
                    size: f.size,
                });
                Step::Refresh
            }
            None => Step::Stay(FieldErrors::from([(
                "attachment".to_string(),
                "添付するファイルを選択してください。".to_string(),
            )])),
        },
        "register" => {
            let mut errors = FieldErrors::new();
            spec::validate(&REMARKS, &draft.remarks, &mut errors);
            if !errors.is_empty() {
                return Step::Stay(errors);
            }
            if let Some(at) = first_invalid(draft, today) {
                return Step::Go(at);
            }
            register(cx);
            Step::Go(At::AppComplete)
        }
        _ => Step::Refresh,
    }
}

/// Registers the application: reception number, stored application, mails to 申込担当者 and
/// 管理責任者 (M000 【完了】).
fn register(cx: &mut Cx) {
    let Some(login) = cx.session.temp_id() else {
        return;
    };
    let mut content = cx.session.draft.take().unwrap_or_default();
    content.at = None;
    content.detail = None;
    // 修正 of an application under clarification: the same reception number goes back to
    // review with the corrected content (procedures.md §9).
    if let Some(number) = cx.session.amending.take() {
        let office_v = effective_office(&content);
        content.billing = effective_billing(&content, &office_v);
        content.office = office_v;
        if let Err(e) = crate::center::amend(cx.ws, &number, content, cx.now) {
            tracing::warn!(error = %e, "amendment refused");
        }
        return;
    }
    register_application(cx.ws, cx.now, cx.public_base, &login, content);
}

/// Registers a new application filed under the 仮ログインID `login`: reception number, stored
/// application, mail to 申込担当者 and 管理責任者 (M000 【完了】). Returns the 申込受付番号.
/// Fixture presets come here too.
pub fn register_application(
    ws: &mut crate::workspace::Workspace,
    now: crate::clock::Instant,
    public_base: &str,
    login: &str,
    mut content: ApplicationDraft,
) -> String {
    let today = now.date_naive();
    let login = login.to_string();
    let running = ws.counters.reception;
    ws.counters.reception = running + 1;
    let reception_number = ids::reception_number(today, running, ReceptionKind::Application);
    // What NSS keeps is what the confirm screen showed: 「…に同じ」 resolved into the values.
    let office_v = effective_office(&content);
    content.billing = effective_billing(&content, &office_v);
    content.office = office_v.clone();
    let feasible = wish_is_feasible(&office_v, today).map(|(_, d)| d);
    let company = office_v.get("company").cloned().unwrap_or_default();
    let mut to = vec![crate::outbox::recipient(&content.applicant, &company, "")];
    to.push(crate::outbox::recipient(&office_v, &company, "manager_"));
    let ctx = mail::ApplicationReceived {
        to,
        received_on: today,
        reception_number: reception_number.clone(),
        login_url: crate::outbox::login_url(public_base),
        temp_login_id: login.clone(),
    };
    crate::outbox::send(ws, now, &ctx);
    ws.applications.push(Application {
        reception_number: reception_number.clone(),
        kind: "新規申込".to_string(),
        status: ApplicationStatus::Received,
        submitted_at: now,
        resubmitted_at: None,
        temp_login_id: login.clone(),
        wished_start: office_v.get("start_wish").cloned().unwrap_or_default(),
        feasible_start: feasible,
        content,
        review: Vec::new(),
        issued: None,
    });
    if let Some(account) = ws.temp_accounts.get_mut(&login) {
        account.application = Some(reception_number.clone());
        account.saved_draft = None;
    }
    reception_number
}
