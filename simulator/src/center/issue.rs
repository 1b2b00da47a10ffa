//! From a registered application to what approval issues: the issuance request, the values
//! already taken in the workspace, the contract the approval creates, and who is told.

use crate::application::new::Connection;
use crate::application::{NewApplication, Person};
use crate::domain::customers::{self, Contract, GeneralContract};
use crate::domain::issuance::{
    self, IdentRequest, IssueRequest, Issued, IssuedTerminal, UserCodeRequest,
};
use crate::domain::lists::{ProcessingMethod, SystemKind};
use crate::mail::Recipient;
use crate::outbox;
use crate::workspace::Workspace;
use std::collections::HashSet;

/// What the application asks to be issued. `shared_system` gives the システム区分 of an existing
/// 利用者コード: a shared code keeps its own (M003 asks for none).
pub fn request(
    content: &NewApplication,
    shared_system: &dyn Fn(&str) -> Option<SystemKind>,
) -> IssueRequest {
    let user_codes: Vec<UserCodeRequest> = content
        .user_codes
        .codes
        .iter()
        .map(|row| UserCodeRequest {
            system: row
                .code
                .system()
                .or_else(|| {
                    row.code
                        .shared_code()
                        .and_then(|c| shared_system(c.as_str()))
                })
                .or_else(|| content.first_system())
                .unwrap_or(SystemKind::SeaAndAir),
            settings: ident_requests(&row.settings),
            shared_code: row.code.shared_code().map(|c| c.as_str().to_string()),
        })
        .collect();
    let t = &content.terminals;
    IssueRequest {
        company_kana: content.office.company_kana.as_str().to_string(),
        // Without a 利用者コード (IDs moved from another office) the terminals are 海上・航空共用,
        // the システム区分 the screen asks 貿易管理 users to choose (M000 【18】).
        system: content.first_system().unwrap_or(SystemKind::SeaAndAir),
        user_codes,
        terminals_net: t.net_count(),
        terminals_ebms: t.ebms_count(),
        certificates_web: t.web_count(),
        sharing_office: t.sharing_office.as_ref().map(|c| c.as_str().to_string()),
    }
}

/// The システム区分 of an existing 利用者コード, from the office holding it.
pub fn system_of_code(ws: &Workspace, code: &str) -> Option<SystemKind> {
    ws.state
        .offices
        .values()
        .flat_map(|o| o.contract.issued.user_ids.iter())
        .find(|u| u.user_code == code && !u.shared)
        .map(|u| u.system)
}

/// The logical terminals of the 一般NACCS lines (申込情報(論理端末), M003:l.581-583): a name and
/// an access key each like every terminal, the 利用機器区分 as 利用機種区分, 「一般」 as パッケージ
/// ソフト区分 (inferred), and the line's ルータ番号. None for a 機器共用 office (M002 l.20-21).
pub fn line_terminals(
    rng: &mut crate::rng::SimRng,
    content: &NewApplication,
    ids: &Issued,
    taken: &dyn Fn(&str) -> bool,
) -> Vec<IssuedTerminal> {
    if content.connection != Connection::General || content.sharing_office().is_some() {
        return Vec::new();
    }
    let mut issued: HashSet<String> = ids.used_values().into_iter().collect();
    let mut out = Vec::new();
    for (router, line) in (1u32..).zip(&content.lines.rows) {
        let fresh = terminals_of_line(
            rng,
            &ids.company_abbr,
            &ids.office_code,
            router,
            line,
            line.terminals.value(),
            &|v: &str| taken(v) || issued.contains(v),
        );
        for t in &fresh {
            issued.insert(t.name.clone());
            issued.insert(t.access_key.clone());
        }
        out.extend(fresh);
    }
    out
}

/// `count` terminals for the 一般NACCS `line` at ルータ番号 `router`, as approval issues them
/// (interactive, the line's 区分 and 利用機器区分, パッケージソフト区分 「一般」): a new
/// application's lines and a change's (docs/decisions.md, issue 10).
pub fn terminals_of_line(
    rng: &mut crate::rng::SimRng,
    abbr: &str,
    office_code: &str,
    router: u32,
    line: &crate::application::new::LineRequest,
    count: u32,
    taken: &dyn Fn(&str) -> bool,
) -> Vec<IssuedTerminal> {
    let mut out = issuance::issue_terminals(
        rng,
        abbr,
        office_code,
        line.system,
        ProcessingMethod::Interactive,
        count,
        taken,
    );
    for t in &mut out {
        t.model = line.device.short().to_string();
        t.package = "一般".to_string();
        t.router = Some(router);
    }
    out
}

/// The 一般NACCS part of the contract: lines and mailboxes as applied for.
fn general_contract(content: &NewApplication) -> Option<GeneralContract> {
    if content.connection != Connection::General {
        return None;
    }
    Some(GeneralContract {
        lines: (1u32..)
            .zip(&content.lines.rows)
            .map(|(router, l)| l.contract_line(router))
            .collect(),
        mailboxes_smtp_pop3: content
            .mailboxes
            .smtp_pop3
            .as_ref()
            .map_or(0, |n| n.value()),
        mailboxes_edifact: content.mailboxes.edifact.as_ref().map_or(0, |n| n.value()),
    })
}

/// Every abbreviation, office code, user code and terminal name already used in the workspace.
pub fn taken(ws: &Workspace) -> HashSet<String> {
    ws.state
        .offices
        .values()
        .flat_map(|o| o.contract.issued.used_values())
        .collect()
}

/// The 企業略称 of the company, when one of its offices already has a contract (M001 STEP3:
/// a new office of a known company keeps its 略称).
pub fn known_abbreviation(ws: &Workspace, content: &NewApplication) -> Option<String> {
    let company = content.office.company.as_str();
    ws.state
        .offices
        .values()
        .find(|o| o.contract.company == company)
        .map(|o| o.contract.issued.company_abbr.clone())
}

pub(super) fn contract_person(p: &Person) -> customers::Person {
    let s = |v: Option<&crate::domain::format::Zenkaku>| v.map_or("", |v| v.as_str()).to_string();
    customers::Person {
        last_name: p.name.last.as_str().to_string(),
        first_name: p.name.first.as_str().to_string(),
        last_name_kana: p.name.last_kana.as_str().to_string(),
        first_name_kana: p.name.first_kana.as_str().to_string(),
        department: s(p.department.as_ref()),
        title: s(p.title.as_ref()),
        tel: p.tel.as_str().to_string(),
        fax: p.fax.as_ref().map_or("", |f| f.as_str()).to_string(),
        email: p.email.as_str().to_string(),
    }
}

/// The contract an approval creates, in the shape of the seeded customers.
pub fn contract(content: &NewApplication, ids: &Issued, start: chrono::NaiveDate) -> Contract {
    let o = &content.office;
    let c = &o.contractor;
    Contract {
        company: o.company.as_str().to_string(),
        company_kana: o.company_kana.as_str().to_string(),
        office_name: o.office_name.as_str().to_string(),
        office_kana: o.office_kana.as_str().to_string(),
        postal: o.address.postal.as_str().to_string(),
        prefecture: o.address.prefecture.as_str().to_string(),
        city: o.address.city.as_str().to_string(),
        street: o.address.street.as_str().to_string(),
        address_kana: o.address.kana.as_str().to_string(),
        tel: o.tel.as_str().to_string(),
        fax: o.fax.as_ref().map_or("", |f| f.as_str()).to_string(),
        customs: o.customs,
        contractor: customers::Person {
            last_name: c.name.last.as_str().to_string(),
            first_name: c.name.first.as_str().to_string(),
            last_name_kana: c.name.last_kana.as_str().to_string(),
            first_name_kana: c.name.first_kana.as_str().to_string(),
            department: String::new(),
            title: c.title.as_str().to_string(),
            tel: String::new(),
            fax: String::new(),
            email: String::new(),
        },
        manager: contract_person(&content.manager()),
        issued: ids.clone(),
        plan: content.plan,
        start_date: start,
        invoices: Vec::new(),
        general: general_contract(content),
    }
}

/// 申込担当者 and 管理責任者 (the mail module sends one mail per distinct address).
pub fn applicant_and_manager(content: &NewApplication) -> Vec<Recipient> {
    let company = content.office.company.as_str();
    vec![
        outbox::recipient(&content.applicant.person, company),
        outbox::recipient(&content.manager(), company),
    ]
}

/// The 請求先担当者 (E-mailアドレス1).
pub fn billing_contact(content: &NewApplication) -> Recipient {
    outbox::recipient(
        &content.billing_contact().0,
        content.office.company.as_str(),
    )
}

/// What the issuance asks of a code's settings (業種, 処理方式 and how many 識別番号 each): the
/// same for a new application's codes and a change's.
pub(crate) fn ident_requests(
    settings: &[crate::application::new::IdentSetting],
) -> Vec<IdentRequest> {
    settings
        .iter()
        .map(|s| IdentRequest {
            industries: s.industries.clone(),
            method: s.method,
            count: s.count.value(),
        })
        .collect()
}
