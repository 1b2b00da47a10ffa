//! 契約情報 参照 (M001 1.②): the office's contract, with its tabs; the netNACCS tab lists the
//! user IDs and terminals.

use super::{current_tab, item_table, nav};
use crate::application::change::ChangeEntry;
use crate::application::new::Connection;
use crate::domain::customers::Contract;
use crate::domain::issuance::{IssuedTerminal, IssuedUserId};
use crate::domain::lists::Necessity;
use crate::procedures::{Cx, Step, change_application, common};
use crate::screen::form::FormInput;
use crate::screen::{Arrow, Block, Button, Cell, Screen, Table, Tabs, Text};
use crate::workspace::office::Office;
use crate::workspace::session::Login;
use std::collections::HashMap;

/// Whether a 利用者ID is the path's: netNACCS, or 一般NACCS (`Connection::allows`).
fn of_path(u: &IssuedUserId, connection: Connection) -> bool {
    connection.allows(u.method)
}

fn industries(u: &IssuedUserId) -> String {
    u.industries
        .iter()
        .map(|i| i.short())
        .collect::<Vec<_>>()
        .join("・")
}

/// The netNACCS tab: the netNACCS 利用者IDs with their 管理統計資料 (`options`), the terminals
/// (with a 機器共用 office's, the owner's it uses, under the owner's 事業所コード:
/// docs/decisions.md, issue 11, Q10) and the plan.
fn net_tab(
    s: &mut Screen,
    p: &Contract,
    owner_terminals: &[IssuedTerminal],
    options: &HashMap<String, [Necessity; 3]>,
) {
    let ids: Vec<&IssuedUserId> = p
        .issued
        .user_ids
        .iter()
        .filter(|u| of_path(u, Connection::NetNaccs))
        .collect();
    let terminals: Vec<&IssuedTerminal> = p
        .issued
        .terminals
        .iter()
        .filter(|t| t.router.is_none())
        .chain(owner_terminals.iter())
        .collect();
    if ids.is_empty() && terminals.is_empty() && p.general.is_some() {
        s.blocks
            .push(Block::Text(vec!["契約情報はありません。".into()]));
        return;
    }
    s.blocks.push(Block::Table(Table {
        caption: "利用者ID".into(),
        // M001 l.124-129 (audit M-03): 利用者ID spans 利用者コード, 識別番号 and パスワード;
        // 管理統計資料 spans 有料分 and 無料分 (OCR 「有効分」「無効分」).
        columns: [
            "区分",
            "業種",
            "処理方式",
            "利用者コード",
            "識別番号",
            "パスワード",
            "管理統計資料(有料分)",
            "管理統計資料(無料分)",
            "保税管理資料保存サービス",
            "他事業所と共用",
            "利用開始日",
            "利用終了日",
        ]
        .map(Text::from)
        .to_vec(),
        rows: ids
            .iter()
            .map(|u| {
                let [paid, free, storage] = options
                    .get(u.user_code.as_str())
                    .map_or(["-"; 3], |o| o.map(Necessity::short));
                vec![
                    // The 利用者コード's own システム区分 (audit M-16).
                    Cell::from(u.system.short()),
                    Cell::from(industries(u)),
                    Cell::from(u.method.short()),
                    Cell::from(u.user_code.clone()),
                    Cell::from(u.ident.clone()),
                    // Contract pages never print passwords (only ID通知内容 does, for a while).
                    Cell::from(super::id_notice::MASK),
                    Cell::from(paid),
                    Cell::from(free),
                    Cell::from(storage),
                    Cell::from(if u.shared { "あり" } else { "—" }),
                    Cell::from(crate::clock::format_date(p.start_date)),
                    // A contract runs until it is ended: no 利用終了日.
                    Cell::from("-"),
                ]
            })
            .collect(),
    }));
    s.blocks.push(Block::Table(Table {
        caption: "論理端末".into(),
        columns: [
            "区分",
            "利用機種区分",
            "パッケージソフト区分",
            "論理端末名",
            "事業所コード",
        ]
        .map(Text::from)
        .to_vec(),
        rows: terminals
            .iter()
            .map(|t| {
                vec![
                    Cell::from(t.system.short()),
                    Cell::from(t.model.clone()),
                    Cell::from(t.package.clone()),
                    Cell::from(t.name.clone()),
                    Cell::from(t.office_code.clone()),
                ]
            })
            .collect(),
    }));
    if p.general.is_none() {
        s.blocks.push(kv(
            "料金プラン",
            vec![("適用料金 (netNACCS)", p.plan.label().to_string())],
        ));
    }
}

/// The 一般NACCS tab (M003): the 一般NACCS 利用者IDs — a shared code's marked 他事業所と共用 ○
/// (M003:l.540) —, the lines, their terminals, the mailboxes and the plan.
fn general_tab(s: &mut Screen, p: &Contract) {
    let ids: Vec<&IssuedUserId> = p
        .issued
        .user_ids
        .iter()
        .filter(|u| of_path(u, Connection::General))
        .collect();
    let Some(general) = &p.general else {
        if ids.is_empty() {
            s.blocks
                .push(Block::Text(vec!["契約情報はありません。".into()]));
            return;
        }
        return general_ids(s, p, &ids);
    };
    general_ids(s, p, &ids);
    s.blocks.push(Block::Table(Table {
        caption: "回線".into(),
        columns: LINE_COLUMNS.map(Text::from).to_vec(),
        rows: general
            .lines
            .iter()
            .map(|l| line_row(l).into_iter().map(Cell::from).collect())
            .collect(),
    }));
    s.blocks.push(Block::Table(Table {
        caption: "論理端末".into(),
        columns: [
            "ルータ番号",
            "区分",
            "利用機種区分",
            "パッケージソフト区分",
            "論理端末名",
            "事業所コード",
        ]
        .map(Text::from)
        .to_vec(),
        rows: p
            .issued
            .terminals
            .iter()
            .filter_map(|t| {
                let router = t.router?;
                Some(vec![
                    Cell::from(router.to_string()),
                    Cell::from(t.system.short()),
                    Cell::from(t.model.clone()),
                    Cell::from(t.package.clone()),
                    Cell::from(t.name.clone()),
                    Cell::from(t.office_code.clone()),
                ])
            })
            .collect(),
    }));
    s.blocks.push(kv(
        "メールボックス",
        vec![
            (
                "メールボックス数 (SMTP/POP3)",
                general.mailboxes_smtp_pop3.to_string(),
            ),
            (
                "メールボックス数 (EDIFACT)",
                general.mailboxes_edifact.to_string(),
            ),
        ],
    ));
    s.blocks.push(kv(
        "料金プラン",
        vec![("適用料金 (一般NACCS)", p.plan.label().to_string())],
    ));
}

fn general_ids(s: &mut Screen, p: &Contract, ids: &[&IssuedUserId]) {
    s.blocks.push(Block::Table(Table {
        caption: "利用者ID".into(),
        columns: [
            "区分",
            "業種",
            "処理方式",
            "利用者コード",
            "識別番号",
            "パスワード",
            "他事業所と共用",
            "利用開始日",
        ]
        .map(Text::from)
        .to_vec(),
        rows: ids
            .iter()
            .map(|u| {
                vec![
                    Cell::from(u.system.short()),
                    Cell::from(industries(u)),
                    Cell::from(u.method.short()),
                    Cell::from(u.user_code.clone()),
                    Cell::from(u.ident.clone()),
                    Cell::from(super::id_notice::MASK),
                    Cell::from(if u.shared { "○" } else { "×" }),
                    Cell::from(crate::clock::format_date(p.start_date)),
                ]
            })
            .collect(),
    }));
}

/// The tabs of 契約情報 参照.
pub const TABS: [&str; 4] = ["事業所", "netNACCS", "一般NACCS", "請求先"];

fn kv(caption: &'static str, rows: Vec<(&'static str, String)>) -> Block {
    item_table(caption, "契約情報", rows)
}

pub fn view(cx: &mut Cx, _errors: &crate::screen::spec::FieldErrors) -> Screen {
    let mut s = Screen::new("contract.detail", "契約情報 参照");
    s.blocks.push(nav(cx));
    let Some(Login::Office(code)) = cx.session.login.clone() else {
        s.blocks.push(Block::Text(vec![
            "契約情報はありません。審査終了後、事業所コードでログインすると参照できます。".into(),
        ]));
        return s;
    };
    let Some(office) = cx.ws.state.offices.get(&code).cloned() else {
        return s;
    };
    let p = &office.contract;
    let tab = current_tab(cx, &TABS);
    s.intro = vec!["契約情報を表示します。".into()];
    s.tabs = Tabs::links(&TABS, &tab, |t| cx.url(&format!("menu/contract?tab={t}")));
    s.blocks.push(Block::TabBar);
    let person = |x: &crate::domain::customers::Person| format!("{} {}", x.last_name, x.first_name);
    let owner_terminals = super::id_notice::shared_terminals(cx, &p.issued);
    match tab.as_str() {
        "netNACCS" => {
            let options = code_options(cx, &office);
            net_tab(&mut s, p, &owner_terminals, &options);
        }
        "一般NACCS" => general_tab(&mut s, p),
        "請求先" => s.blocks.push(kv(
            "請求先",
            vec![
                ("請求先コード", p.issued.billing_code.clone()),
                ("請求先担当者", person(&p.manager)),
                ("E-mailアドレス", p.manager.email.clone()),
            ],
        )),
        _ => {
            s.blocks.push(kv(
                "事業所",
                vec![
                    ("企業名", p.company.clone()),
                    ("企業名(フリガナ)", p.company_kana.clone()),
                    ("企業略称", p.issued.company_abbr.clone()),
                    ("事業所名", p.office_name.clone()),
                    ("事業所名(フリガナ)", p.office_kana.clone()),
                    ("事業所コード", office.code.clone()),
                    ("郵便番号", p.postal.clone()),
                    ("住所", format!("{}{}{}", p.prefecture, p.city, p.street)),
                    ("電話番号", p.tel.clone()),
                    ("FAX番号", p.fax.clone()),
                    ("管轄税関", p.customs.label().to_string()),
                    ("利用開始日", crate::clock::format_date(p.start_date)),
                ]
                .into_iter()
                .chain(
                    p.issued
                        .sharing_office
                        .clone()
                        .map(|owner| ("事業所コード(機器共用先)", owner)),
                )
                .collect(),
            ));
            s.blocks.push(kv(
                "契約者",
                vec![
                    ("氏名", person(&p.contractor)),
                    ("役職名", p.contractor.title.clone()),
                ],
            ));
            s.blocks.push(kv(
                "管理責任者",
                vec![
                    ("氏名", person(&p.manager)),
                    ("電話番号", p.manager.tel.clone()),
                    ("E-mailアドレス", p.manager.email.clone()),
                ],
            ));
        }
    }
    // M001 l.118, 122: 「契約情報を変更する」 at the foot of the page opens the change application.
    s.form = Some(common::form(
        cx,
        vec![Button::new("op", "change", "契約情報を変更する").arrow(Arrow::Forward)],
    ));
    s
}

/// 「契約情報を変更する」: a change application of this office, from its guidance (M001 ②③).
pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    if form.op() != "change" || !matches!(cx.session.login, Some(Login::Office(_))) {
        return Step::Refresh;
    }
    change_application::start(cx, ChangeEntry::Contract);
    Step::Go(change_application::GUIDANCE)
}

/// 管理統計資料 (有料分, 無料分) and 保税管理資料保存サービス of each 利用者コード: as the application that
/// created the office asked for them, then as approved changes set them (the seeded customers'
/// profiles do not hold them: 「-」).
fn code_options(cx: &Cx, office: &Office) -> HashMap<String, [Necessity; 3]> {
    crate::center::change::code_options(cx.ws, &office.code)
}

/// The columns of the 回線 table of 契約情報 参照 (一般NACCS).
pub const LINE_COLUMNS: [&str; 8] = [
    "ルータ番号",
    "区分",
    "接続方式",
    "接続種別",
    "アクセス速度 回線種別",
    "設置場所",
    "EDIFACTの要否",
    "他事業所と共用",
];

/// A contract's line as the 回線 table prints it (also 契約情報(回線) of a change).
pub fn line_row(l: &crate::domain::customers::ContractLine) -> Vec<String> {
    vec![
        l.router.to_string(),
        l.system.short().to_string(),
        l.connection.clone(),
        l.kind.clone(),
        l.access.clone(),
        l.site.clone(),
        if l.edifact { "要" } else { "否" }.to_string(),
        if l.shared { "○" } else { "×" }.to_string(),
    ]
}
