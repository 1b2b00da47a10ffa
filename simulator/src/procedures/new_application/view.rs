//! How a new application prints, read-only: the tables of 申込内容 確認 (M000 【23】【24】), which
//! 申込内容 参照 (M001 2.③) prints again for a registered application. One renderer for both.
//!
//! The tables are the input screens' own sections printed as 「項目 / 申込情報」 rows, from the
//! values each screen would show, with the 「…に同じ」 choices resolved into the values they
//! stand for (M000 【23】 prints the copied address and person).

use super::{applicant, billing, lines, mailbox, office, plan, user_codes};
use crate::application::new::{
    Billing, BillingContact, BillingLocation, Connection, HeadOffice, Manager, OfficeDetails,
};
use crate::application::{Address, NewApplication, Person};
use crate::procedures::fields::{self, ScreenForm};
use crate::screen::spec::{self, PartStyle, Values};
use crate::screen::{Block, Cell, Table, Text};

/// A 「項目 / 申込情報」 table.
pub fn table(caption: &'static str, rows: Vec<Vec<Cell>>) -> Block {
    Block::Table(Table {
        caption: caption.into(),
        columns: spec::summary_columns(),
        rows,
    })
}

/// Values printed, not entered, in an input screen's section (「システム区分 海上・航空共用」 of
/// 論理端末・証明書 入力, 「他事業所と共有 あり」 of a shared user code): a 「項目 / 内容」 table.
pub fn printed_values(rows: Vec<(Text, Text)>) -> Table {
    Table {
        caption: "".into(),
        columns: ["項目", "内容"].map(Text::from).to_vec(),
        rows: rows
            .into_iter()
            .map(|(k, v)| vec![Cell::Text(k), Cell::Text(v)])
            .collect(),
    }
}

/// 事業所・企業 as printed: 本社 「事業所に同じ」 and 管理責任者 「申込担当者と同じ」 resolved.
pub fn office_values(app: &NewApplication) -> Values {
    resolved_office_values(&app.office, &app.applicant.person)
}

/// 事業所・企業 as printed, `applicant` being the 申込担当者 「申込担当者と同じ」 names (the change
/// application prints it too).
pub fn resolved_office_values(o: &OfficeDetails, applicant: &Person) -> Values {
    let mut v = o.to_values();
    if let HeadOffice::SameAsOffice = o.head_office {
        fields::address_values(&mut v, "hq_", &o.address);
        fields::set(&mut v, "hq_tel", o.tel.as_str());
        fields::set_opt(&mut v, "hq_fax", &o.fax);
    }
    // 管理責任者 「申込担当者と同じ」 or 「事業所に同じ」: the person it stands for.
    if !matches!(o.manager, Manager::Other(_)) {
        fields::person_values(&mut v, "manager_", "manager_email", &o.manager(applicant));
    }
    v
}

/// 請求先 as printed: 所在地 「事業所に同じ」 and 請求先担当者 「管理責任者に同じ」 resolved.
pub fn billing_values(app: &NewApplication) -> Values {
    resolved_billing_values(&app.billing, &app.office.address, &app.manager())
}

/// 請求先 as printed, 「事業所に同じ」 being `office` and 「管理責任者に同じ」 `manager` (the change
/// application prints it too).
pub fn resolved_billing_values(b: &Billing, office: &Address, manager: &Person) -> Values {
    let mut v = b.to_values();
    if let BillingLocation::SameAsOffice = b.location {
        fields::address_values(&mut v, "billing_", office);
    }
    if let BillingContact::SameAsManager = b.contact {
        fields::person_values(&mut v, "contact_", "contact_email1", manager);
    }
    v
}

/// 申込担当者情報: the person and the 申込理由.
pub fn applicant_blocks(app: &NewApplication) -> Vec<Block> {
    let v = app.applicant.to_values();
    vec![
        table(
            applicant::PERSON.heading,
            spec::summary_rows(&applicant::PERSON, &v, PartStyle::Joined),
        ),
        table(
            applicant::CONTRACT.heading,
            spec::summary_rows(&applicant::CONTRACT, &v, PartStyle::Joined),
        ),
    ]
}

/// 事業所情報: start date, office, contractor, head office, person responsible (M000 【23】).
pub fn office_blocks(app: &NewApplication) -> Vec<Block> {
    let v = office_values(app);
    let mut out = vec![table(
        office::START.heading,
        vec![vec![
            Cell::from("利用開始日"),
            Cell::from(crate::clock::format_date(app.start_wish())),
        ]],
    )];
    for sec in [&office::OFFICE, &office::CONTRACTOR] {
        out.push(table(
            sec.heading,
            spec::summary_rows(sec, &v, PartStyle::Joined),
        ));
    }
    let mut head_office = spec::summary_rows_all(&office::HEAD_OFFICE, &v, PartStyle::Joined);
    // M000 【23】 prints the 本社 所在地 choice 「事業所と同じ」, where the input screen and the
    // 請求先 所在地 say 「事業所に同じ」.
    for r in head_office.iter_mut() {
        if matches!(r.as_slice(), [Cell::Text(l), Cell::Text(v)] if l == "所在地" && v == "事業所に同じ")
        {
            r[1] = Cell::from("事業所と同じ");
        }
    }
    out.push(table(office::HEAD_OFFICE.heading, head_office));
    let mut manager = spec::summary_rows_all(&office::MANAGER, &v, PartStyle::Joined);
    manager_line(&mut manager, &v);
    fax1_line(&mut manager, &v);
    out.push(table(office::MANAGER.heading, manager));
    out
}

/// The 担当者 line by the choice's name, 「申込担当者と同じ」 (M000 l.1566) or 「その他」, never the
/// input screen's instruction 「その他(下欄に入力してください)」 (audit m000 §4 item 4).
fn manager_line(rows: &mut [Vec<Cell>], office: &Values) {
    let Some(short) = manager_choice(office) else {
        return;
    };
    for r in rows.iter_mut() {
        if matches!(r.first(), Some(Cell::Text(l)) if l == "担当者") {
            r[1] = Cell::from(short);
        }
    }
}

/// The 管理責任者's 担当者 choice by its printed name (「申込担当者と同じ」, 「事業所と同じ」,
/// 「その他」), for every screen that prints an office's values.
pub fn manager_choice(office: &Values) -> Option<&'static str> {
    let code = fields::raw(office, "manager_source");
    office::MANAGER_SOURCE
        .iter()
        .find(|o| o.code == code)
        .map(|o| o.short)
}

/// Replaces the 緊急連絡用FAX番号1 line with 「事業所と同じ 0335015896」 (M000 【23】).
fn fax1_line(rows: &mut [Vec<Cell>], office: &Values) {
    let (label, number) = match fields::raw(office, "fax1_source") {
        "manager" => ("管理責任者と同じ", fields::raw(office, "manager_fax")),
        "other" => ("", fields::raw(office, "fax1")),
        _ => ("事業所と同じ", fields::raw(office, "office_fax")),
    };
    let text = format!("{label} {number}").trim().to_string();
    for r in rows.iter_mut() {
        if matches!(r.first(), Some(Cell::Text(l)) if l == "緊急連絡用FAX番号1") {
            r[1] = Cell::from(text.clone());
        }
    }
}

/// 利用者コード情報 (M000 【24】).
pub fn user_code_blocks(app: &NewApplication) -> Vec<Block> {
    vec![Block::Table(Table {
        caption: "利用者コードに関する項目".into(),
        columns: user_codes::COLUMNS.iter().map(|&c| Text::from(c)).collect(),
        rows: user_codes::rows(&app.user_codes.codes)
            .into_iter()
            .map(|r| r.into_iter().map(Cell::from).collect())
            .collect(),
    })]
}

/// 料金プラン情報: 適用料金 (netNACCS) or (一般NACCS).
pub fn plan_blocks(app: &NewApplication) -> Vec<Block> {
    let plan = plan::section(Some(app.connection));
    vec![table(
        plan.heading,
        spec::summary_rows(plan, &app.plan.to_values(), PartStyle::Joined),
    )]
}

/// 回線・論理端末情報 (一般NACCS): 申込情報(回線), 申込情報(論理端末), 機器共用, システム構成図 —
/// the lists of 回線・論理端末 入力 (M003:l.575-617) without their buttons.
pub fn line_tables(app: &NewApplication) -> Vec<Block> {
    let cells = |rows: Vec<Vec<String>>| -> Vec<Vec<Cell>> {
        rows.into_iter()
            .map(|r| r.into_iter().map(Cell::from).collect())
            .collect()
    };
    let choices = &app.lines.choices;
    vec![
        Block::Table(Table {
            caption: "申込情報(回線)".into(),
            columns: lines::LINE_COLUMNS.map(Text::from).to_vec(),
            rows: cells(lines::line_rows(&app.lines.rows)),
        }),
        Block::Table(Table {
            caption: "申込情報(論理端末)".into(),
            columns: lines::TERMINAL_COLUMNS.map(Text::from).to_vec(),
            rows: cells(lines::terminal_rows(&app.lines.rows)),
        }),
        Block::Table(Table {
            caption: lines::SHARING.heading.into(),
            columns: vec!["事業所コード(機器共用先)".into()],
            rows: choices
                .sharing_office
                .iter()
                .map(|c| vec![Cell::from(c.as_str().to_string())])
                .collect(),
        }),
        diagram_table(app),
    ]
}

/// The equipment of the application's path: 論理端末・証明書 (netNACCS), or 回線・論理端末 and
/// メールボックス (一般NACCS) — for the pages that print an application whole.
pub fn equipment_blocks(app: &NewApplication) -> Vec<Block> {
    match app.connection {
        Connection::NetNaccs => terminal_tables(app),
        Connection::General => {
            let mut blocks = line_tables(app);
            blocks.extend(mailbox_blocks(app));
            blocks
        }
    }
}

/// メールボックス情報 (一般NACCS).
pub fn mailbox_blocks(app: &NewApplication) -> Vec<Block> {
    vec![table(
        mailbox::MAILBOXES.heading,
        spec::summary_rows(
            &mailbox::MAILBOXES,
            &app.mailboxes.to_values(),
            PartStyle::Joined,
        ),
    )]
}

/// システム構成図に関する項目: the attached diagram.
fn diagram_table(app: &NewApplication) -> Block {
    Block::Table(Table {
        caption: "システム構成図に関する項目".into(),
        columns: ["添付ファイル名", "ファイルサイズ"]
            .map(Text::from)
            .to_vec(),
        rows: app
            .diagram
            .iter()
            .map(|f| {
                vec![
                    Cell::from(f.name.clone()),
                    Cell::from(format!("{} バイト", f.size)),
                ]
            })
            .collect(),
    })
}

/// 請求先情報.
pub fn billing_blocks(app: &NewApplication) -> Vec<Block> {
    let v = billing_values(app);
    billing::SECTIONS
        .iter()
        .map(|sec| {
            let rows = if sec.heading == billing::LOCATION.heading
                || sec.heading == billing::CONTACT.heading
            {
                spec::summary_rows_all(sec, &v, PartStyle::Joined)
            } else {
                spec::summary_rows(sec, &v, PartStyle::Joined)
            };
            table(sec.heading, rows.into_iter().map(summary_label).collect())
        })
        .collect()
}

/// A row of 請求先情報 under the label the confirmation prints: 「同一口座振替」 for the input's
/// 「同一口座振替の利用」 (M000 【24】 l.1668).
fn summary_label(mut row: Vec<Cell>) -> Vec<Cell> {
    if let Some(Cell::Text(label)) = row.first_mut()
        && label == "同一口座振替の利用"
    {
        *label = "同一口座振替".into();
    }
    row
}

/// The 論理端末・証明書情報 tables (M000 【24】: 追加 共用 net net 5).
pub fn terminal_tables(app: &NewApplication) -> Vec<Block> {
    let t = &app.terminals;
    let system = app.first_system().map_or("", |s| s.short());
    let mut terminal_rows = Vec::new();
    for (count, kind) in [(&t.net, "net"), (&t.ebms, "eBMS")] {
        if let Some(n) = count {
            terminal_rows.push(vec![
                Cell::from("追加"),
                Cell::from(system),
                Cell::from(kind),
                Cell::from(kind),
                Cell::from(n.to_string()),
            ]);
        }
    }
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
            rows: t
                .web_certificates
                .iter()
                .map(|n| vec![Cell::from("追加"), Cell::from(n.to_string())])
                .collect(),
        }),
        Block::Table(Table {
            caption: "機器共用に関する項目".into(),
            columns: vec!["事業所コード(機器共用先)".into()],
            rows: t
                .sharing_office
                .iter()
                .map(|c| vec![Cell::from(c.as_str().to_string())])
                .collect(),
        }),
        diagram_table(app),
    ]
}
