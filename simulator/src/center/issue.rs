//! From a registered application to what approval issues: the issuance request, the values
//! already taken in the workspace, and the office profile the approval creates.

use crate::domain::customers::{Person, SeedOffice};
use crate::domain::issuance::{IdentRequest, IssueRequest, Issued, UserCodeRequest};
use crate::domain::lists::{CustomsOffice, FeePlan, Industry, ProcessingMethod, SystemKind};
use crate::mail::Recipient;
use crate::outbox;
use crate::screen::spec::Values;
use crate::workspace::Workspace;
use crate::workspace::application::ApplicationDraft;
use std::collections::HashSet;

fn get(v: &Values, k: &str) -> String {
    v.get(k).cloned().unwrap_or_default()
}

fn count(v: &Values, k: &str) -> u32 {
    v.get(k).and_then(|n| n.trim().parse().ok()).unwrap_or(0)
}

/// What the application asks to be issued.
pub fn request(content: &ApplicationDraft) -> IssueRequest {
    let user_codes: Vec<UserCodeRequest> = content
        .user_codes
        .iter()
        .map(|row| UserCodeRequest {
            system: SystemKind::from_code(&get(&row.values, "system"))
                .unwrap_or(SystemKind::SeaAndAir),
            settings: row
                .settings
                .iter()
                .map(|s| IdentRequest {
                    industries: s
                        .industries
                        .iter()
                        .filter_map(|c| Industry::from_code(c))
                        .collect(),
                    method: ProcessingMethod::from_code(&s.method)
                        .unwrap_or(ProcessingMethod::NetNaccs),
                    count: s.count,
                })
                .collect(),
            shared_code: row
                .shared
                .then(|| get(&row.values, "shared_code").to_ascii_uppercase()),
        })
        .collect();
    let sharing = get(&content.terminals, "sharing_office")
        .trim()
        .to_ascii_uppercase();
    IssueRequest {
        company_kana: get(&content.office, "company_kana"),
        system: user_codes
            .first()
            .map(|u| u.system)
            .unwrap_or(SystemKind::SeaAndAir),
        user_codes,
        terminals_net: count(&content.terminals, "terminals_net"),
        terminals_ebms: count(&content.terminals, "terminals_ebms"),
        certificates_web: count(&content.terminals, "certificates_web"),
        sharing_office: (!sharing.is_empty()).then_some(sharing),
    }
}

/// Every abbreviation, office code, user code and terminal name already used in the workspace.
pub fn taken(ws: &Workspace) -> HashSet<String> {
    ws.offices
        .values()
        .flat_map(|o| o.profile.issued.used_values())
        .collect()
}

/// The 企業略称 of the company, when one of its offices already has a contract (M001 STEP3:
/// a new office of a known company keeps its 略称).
pub fn known_abbreviation(ws: &Workspace, content: &ApplicationDraft) -> Option<String> {
    let company = get(&content.office, "company");
    ws.offices
        .values()
        .find(|o| o.profile.company == company)
        .map(|o| o.profile.issued.company_abbr.clone())
}

fn person(v: &Values, prefix: &str) -> Person {
    let g = |k: &str| get(v, &format!("{prefix}{k}"));
    Person {
        last_name: g("last_name"),
        first_name: g("first_name"),
        last_name_kana: g("last_name_kana"),
        first_name_kana: g("first_name_kana"),
        department: g("department"),
        title: g("title"),
        tel: g("tel"),
        fax: g("fax"),
        email: g("email"),
    }
}

/// The contract an approval creates, in the shape of the seeded customers.
pub fn profile(content: &ApplicationDraft, ids: &Issued, start: chrono::NaiveDate) -> SeedOffice {
    let o = &content.office;
    SeedOffice {
        company: get(o, "company"),
        company_kana: get(o, "company_kana"),
        office_name: get(o, "office_name"),
        office_kana: get(o, "office_kana"),
        postal: get(o, "office_postal"),
        prefecture: get(o, "office_prefecture"),
        city: get(o, "office_city"),
        street: get(o, "office_street"),
        address_kana: get(o, "office_address_kana"),
        tel: get(o, "office_tel"),
        fax: get(o, "office_fax"),
        customs: CustomsOffice::from_code(&get(o, "customs")).unwrap_or(CustomsOffice::Unknown),
        contractor: person(o, "contractor_"),
        manager: person(o, "manager_"),
        issued: ids.clone(),
        plan: FeePlan::from_code(&get(&content.plan, "plan")).unwrap_or(FeePlan::UsageOnly),
        start_date: start,
        invoices: Vec::new(),
    }
}

/// 申込担当者 and 管理責任者 (the mail module sends one mail per distinct address).
pub fn applicant_and_manager(content: &ApplicationDraft) -> Vec<Recipient> {
    let company = get(&content.office, "company");
    vec![
        outbox::recipient(&content.applicant, &company, ""),
        outbox::recipient(&content.office, &company, "manager_"),
    ]
}

/// The 請求先担当者 (E-mailアドレス1).
pub fn billing_contact(content: &ApplicationDraft) -> Recipient {
    let company = get(&content.office, "company");
    let mut r = outbox::recipient(&content.billing, &company, "contact_");
    r.email = get(&content.billing, "contact_email1");
    r
}
