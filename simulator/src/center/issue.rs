//! From a registered application to what approval issues: the issuance request, the values
//! already taken in the workspace, the contract the approval creates, and who is told.

use crate::application::{NewApplication, Person};
use crate::domain::customers::{self, Contract};
use crate::domain::issuance::{IdentRequest, IssueRequest, Issued, UserCodeRequest};
use crate::domain::lists::SystemKind;
use crate::mail::Recipient;
use crate::outbox;
use crate::workspace::Workspace;
use std::collections::HashSet;

/// What the application asks to be issued.
pub fn request(content: &NewApplication) -> IssueRequest {
    let user_codes: Vec<UserCodeRequest> = content
        .user_codes
        .codes
        .iter()
        .map(|row| UserCodeRequest {
            system: row.code.system(),
            settings: row
                .settings
                .iter()
                .map(|s| IdentRequest {
                    industries: s.industries.clone(),
                    method: s.method,
                    count: s.count.value(),
                })
                .collect(),
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
        manager: contract_person(content.manager()),
        issued: ids.clone(),
        plan: content.plan,
        start_date: start,
        invoices: Vec::new(),
    }
}

/// 申込担当者 and 管理責任者 (the mail module sends one mail per distinct address).
pub fn applicant_and_manager(content: &NewApplication) -> Vec<Recipient> {
    let company = content.office.company.as_str();
    vec![
        outbox::recipient(&content.applicant.person, company),
        outbox::recipient(content.manager(), company),
    ]
}

/// The 請求先担当者 (E-mailアドレス1).
pub fn billing_contact(content: &NewApplication) -> Recipient {
    outbox::recipient(content.billing_contact().0, content.office.company.as_str())
}
