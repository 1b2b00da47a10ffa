//! Who the mails of an application go to, by kind: the 申込担当者 it names and the office's
//! 管理責任者 — from the application itself for a 新規申込 (its 事業所・企業 names the
//! 管理責任者), from the contract a 変更申込 was filed against (`center::change`), from the
//! office's contract for a システム設定申込 (M004 完了: 「…申込担当者および管理責任者宛てに
//! 送信しました」).

use crate::application::ApplicationContent;
use crate::domain::customers;
use crate::mail::Recipient;
use crate::outbox;
use crate::workspace::Workspace;

/// The 管理責任者 of an office as a recipient (its contract's person).
pub fn office_manager(ws: &Workspace, office_code: &str) -> Option<Recipient> {
    let c = &ws.state.offices.get(office_code)?.contract;
    Some(contract_recipient(&c.manager, &c.company))
}

fn contract_recipient(p: &customers::Person, company: &str) -> Recipient {
    Recipient {
        company: company.to_string(),
        department: Some(p.department.clone()).filter(|d| !d.is_empty()),
        name: [p.last_name.as_str(), " ", p.first_name.as_str()].concat(),
        email: p.email.clone(),
    }
}

/// The 申込担当者 of an application.
pub fn applicant(content: &ApplicationContent) -> Recipient {
    match content {
        ApplicationContent::New(n) => {
            outbox::recipient(&n.applicant.person, n.office.company.as_str())
        }
        ApplicationContent::Change(c) => super::change::applicant(c),
        ApplicationContent::SystemSettings(s) => outbox::recipient(&s.applicant, &s.company),
    }
}

/// The 管理責任者 of an application (None for an office that no longer exists).
pub fn manager(ws: &Workspace, content: &ApplicationContent) -> Option<Recipient> {
    match content {
        ApplicationContent::New(n) => {
            Some(outbox::recipient(&n.manager(), n.office.company.as_str()))
        }
        // While it is reviewed: the 管理責任者 of the contract it was filed against.
        ApplicationContent::Change(c) => Some(super::change::manager(c, false)),
        ApplicationContent::SystemSettings(s) => office_manager(ws, &s.office_code),
    }
}

/// The 管理責任者 the デジタル証明書発行完了 mail goes to (M001 3.①), after approval: the
/// application's, or the one an approved change names. None for a システム設定申込 (no
/// terminals, no certificates).
pub fn certificates_manager(content: &ApplicationContent) -> Option<Recipient> {
    match content {
        ApplicationContent::New(n) => {
            Some(outbox::recipient(&n.manager(), n.office.company.as_str()))
        }
        ApplicationContent::Change(c) => Some(super::change::manager(c, true)),
        ApplicationContent::SystemSettings(_) => None,
    }
}

/// 申込担当者 and 管理責任者 (the mail module sends one mail per distinct address).
pub fn applicant_and_manager(ws: &Workspace, content: &ApplicationContent) -> Vec<Recipient> {
    std::iter::once(applicant(content))
        .chain(manager(ws, content))
        .collect()
}
