//! The center's side of a change application (変更申込, M001): what it knows of an office's
//! contract (the 変更前 a change is filed against), and what approval changes in it — the
//! terminals issued, re-classified and retired, the 一般NACCS lines with theirs, the office,
//! contractor, 管理責任者 and plan —
//! with the 利用開始日 from the schedule, the mails and the 新着情報 line.

use super::{ReviewError, find, issue};
use crate::application::change::{
    ChangeApplication, ChangeItem, CodeRow, ContractBefore, ContractTerminal, TerminalKind,
    UserCodeChange,
};
use crate::application::change_lines::{LinesChange, added_router, terminals_on};
use crate::application::new::{
    Billing, BillingContact, CodeChoice, Contractor, EmergencyFax1, HeadOffice, IdentSetting,
    Manager, OfficeDetails, Payment, UserCodeRequest,
};
use crate::application::{
    Address, ApplicationContent, ApplicationStatus, Decision, IssuedRecord, Person, PersonName,
    ReviewEntry,
};
use crate::clock::Instant;
use crate::domain::calendar::schedule;
use crate::domain::customers::{self, Contract};
use crate::domain::format::{self, Date8, FormField};
use crate::domain::issuance::{self, IdentRequest, Issued, IssuedUserId};
use crate::domain::lists::{Necessity, ProcessingMethod, SystemKind};
use crate::mail::{self, Recipient};
use crate::outbox;
use crate::workspace::Workspace;
use crate::workspace::news::{self, NewsItem};
use std::collections::{HashMap, HashSet};

/// The contract of office `code` as a change is filed against it (変更前), with what the
/// applications of the office add to it: the details the contract does not keep (本社, the
/// emergency FAX numbers, 請求先) from the last approved application that gave them.
pub fn before(ws: &Workspace, code: &str) -> Option<ContractBefore> {
    let office = ws.state.offices.get(code)?;
    let c = &office.contract;
    Some(ContractBefore {
        office_code: code.to_string(),
        company_abbr: c.issued.company_abbr.clone(),
        company: c.company.clone(),
        office_name: c.office_name.clone(),
        customs: c.customs,
        billing_code: c.issued.billing_code.clone(),
        manager: c.manager.clone(),
        terminals: c
            .issued
            .terminals
            .iter()
            .map(|t| ContractTerminal {
                system: t.system,
                model: t.model.clone(),
                package: t.package.clone(),
                name: t.name.clone(),
                router: t.router,
            })
            .collect(),
        office: office_details(ws, code, c),
        plan: c.plan,
        billing: known_billing(ws, code),
        user_codes: code_rows(ws, code, c),
        general: c.general.is_some(),
        has_lines: c.general.as_ref().is_some_and(|g| !g.lines.is_empty()),
        lines: c
            .general
            .as_ref()
            .map_or_else(Vec::new, |g| g.lines.clone()),
        mailboxes: c.general.as_ref().map_or_else(Default::default, |g| {
            crate::application::new::Mailboxes {
                smtp_pop3: (g.mailboxes_smtp_pop3 > 0)
                    .then(|| parse(&g.mailboxes_smtp_pop3.to_string()))
                    .flatten(),
                edifact: (g.mailboxes_edifact > 0)
                    .then(|| parse(&g.mailboxes_edifact.to_string()))
                    .flatten(),
            }
        }),
    })
}

/// The office's 利用者コード as the rows of 利用者コード 入力 (M000 【19】's 申込情報, one row per
/// code): its 利用者IDs grouped by code and, within a code, by 業種 and 処理方式; シングル
/// サインオン 要 where a 識別番号 has several 業種; 管理統計資料 and 保税管理資料保存サービス as last
/// applied for (「否」 where no application says: the seeded customers).
pub fn code_rows(ws: &Workspace, code: &str, c: &Contract) -> Vec<CodeRow> {
    let options = code_options(ws, code);
    let mut rows: Vec<CodeRow> = Vec::new();
    for u in &c.issued.user_ids {
        let i = match rows
            .iter()
            .position(|r| r.code.as_deref() == Some(u.user_code.as_str()))
        {
            Some(i) => i,
            None => {
                let [paid, free, storage] = options
                    .get(&u.user_code)
                    .copied()
                    .unwrap_or([Necessity::No; 3]);
                let choice = match (u.shared, parse(&u.user_code)) {
                    (true, Some(shared)) => CodeChoice::Shared {
                        code: shared,
                        system: Some(u.system),
                    },
                    _ => CodeChoice::New { system: u.system },
                };
                rows.push(CodeRow {
                    code: Some(u.user_code.clone()),
                    request: UserCodeRequest {
                        code: choice,
                        sso: Necessity::No,
                        settings: Vec::new(),
                        stats_paid: paid,
                        stats_free: free,
                        storage,
                    },
                });
                rows.len() - 1
            }
        };
        let r = &mut rows[i].request;
        if u.industries.len() > 1 {
            r.sso = Necessity::Yes;
        }
        match r
            .settings
            .iter_mut()
            .find(|s| s.industries == u.industries && s.method == u.method)
        {
            Some(s) => {
                if let Some(n) = parse(&(s.count.value() + 1).to_string()) {
                    s.count = n;
                }
            }
            None => {
                if let Some(one) = parse("1") {
                    r.settings.push(IdentSetting {
                        industries: u.industries.clone(),
                        method: u.method,
                        count: one,
                    });
                }
            }
        }
    }
    rows
}

/// 管理統計資料 (有料分, 無料分) and 保税管理資料保存サービス of each 利用者コード of office `code`: as
/// the application that created the office asked for them, then as each approved change set
/// them, oldest first. The seeded customers' profiles do not hold them: absent.
pub fn code_options(ws: &Workspace, code: &str) -> HashMap<String, [Necessity; 3]> {
    let mut out = HashMap::new();
    let Some(office) = ws.state.offices.get(code) else {
        return out;
    };
    let options = |r: &UserCodeRequest| [r.stats_paid, r.stats_free, r.storage];
    for app in &ws.state.applications {
        let (Some(issued), ApplicationStatus::Approved) = (&app.issued, app.status) else {
            continue;
        };
        // Approval issues the rows in order, each row's new IDs under one code.
        let new_codes = |known: &dyn Fn(&str) -> bool| {
            let mut codes: Vec<&str> = Vec::new();
            for u in &issued.ids.user_ids {
                if !u.shared && !known(&u.user_code) && !codes.contains(&u.user_code.as_str()) {
                    codes.push(&u.user_code);
                }
            }
            codes
        };
        match &app.content {
            ApplicationContent::New(n)
                if office.application.as_deref() == Some(app.reception_number.as_str()) =>
            {
                let mut codes: Vec<&str> = Vec::new();
                for u in &issued.ids.user_ids {
                    if !codes.contains(&u.user_code.as_str()) {
                        codes.push(&u.user_code);
                    }
                }
                let rows = n.user_codes.codes.iter().filter(|r| {
                    r.code.shared_code().is_some() || r.settings.iter().any(|s| s.count.value() > 0)
                });
                for (row, c) in rows.zip(codes) {
                    out.insert(c.to_string(), options(row));
                }
            }
            ApplicationContent::Change(ch) if ch.before.office_code == code => {
                let Some(u) = &ch.user_codes else { continue };
                let known = |c: &str| {
                    ch.before
                        .user_codes
                        .iter()
                        .any(|b| b.code.as_deref() == Some(c))
                };
                // A shared code keeps its owner's: none asked (M003:l.540 prints 「-」).
                for row in u
                    .codes
                    .iter()
                    .filter(|r| r.request.code.shared_code().is_none())
                {
                    if let Some(c) = &row.code {
                        out.insert(c.clone(), options(&row.request));
                    }
                }
                let added = u.codes.iter().filter(|r| r.code.is_none());
                for (row, c) in added.zip(new_codes(&known)) {
                    out.insert(c.to_string(), options(&row.request));
                }
            }
            _ => {}
        }
    }
    out
}

/// The approved applications about office `code`, newest first: its changes and the new
/// application that created it.
fn history<'a>(
    ws: &'a Workspace,
    code: &'a str,
) -> impl Iterator<Item = &'a ApplicationContent> + 'a {
    let created_by = ws
        .state
        .offices
        .get(code)
        .and_then(|o| o.application.clone());
    ws.state
        .applications
        .iter()
        .rev()
        .filter(|a| a.status == ApplicationStatus::Approved)
        .filter(move |a| match &a.content {
            ApplicationContent::Change(c) => c.before.office_code == code,
            ApplicationContent::New(_) => created_by.as_deref() == Some(&a.reception_number),
            ApplicationContent::SystemSettings(_) => false,
        })
        .map(|a| &a.content)
}

/// 事業所・企業 as the contract stands: the contract's own fields, with 本社 and the emergency
/// FAX numbers of the last approved application that gave them (a 管理責任者 「申込担当者と同じ」
/// is resolved to the person it named, who is not the change's 申込担当者).
fn office_details(ws: &Workspace, code: &str, c: &Contract) -> Option<OfficeDetails> {
    let mut d = from_contract(c)?;
    let known = history(ws, code).find_map(|content| match content {
        ApplicationContent::Change(ch) => ch.office.clone(),
        ApplicationContent::New(n) => Some(n.office.clone()),
        ApplicationContent::SystemSettings(_) => None,
    });
    if let Some(k) = known {
        d.head_office = k.head_office;
        d.fax1 = match k.fax1 {
            // The office's FAX may have changed since; the choice still names a number only if
            // one exists, else the number it pointed at is kept.
            EmergencyFax1::SameAsManager if manager_fax(&d).is_none() => d.fax1.clone(),
            EmergencyFax1::SameAsOffice if d.fax.is_none() => d.fax1.clone(),
            f => f,
        };
        d.fax2 = k.fax2;
        d.fax3 = k.fax3;
    }
    Some(d)
}

/// 請求先 as last applied for (a change's, else the new application's), if any.
fn known_billing(ws: &Workspace, code: &str) -> Option<Billing> {
    history(ws, code).find_map(|content| match content {
        ApplicationContent::Change(ch) => ch.billing.clone(),
        ApplicationContent::New(n) => Some(n.billing.clone()),
        ApplicationContent::SystemSettings(_) => None,
    })
}

/// The 申込担当者 the office last applied with (M001 ⑤ pre-fills it; Part 3 Q34): its latest
/// change, else the new application that created it.
pub fn last_applicant(ws: &Workspace, code: &str) -> Option<Person> {
    let created_by = ws
        .state
        .offices
        .get(code)
        .and_then(|o| o.application.clone());
    ws.state
        .applications
        .iter()
        .rev()
        .find_map(|a| match &a.content {
            ApplicationContent::Change(c) if c.before.office_code == code => {
                Some(c.applicant.0.clone())
            }
            ApplicationContent::New(n) if created_by.as_deref() == Some(&a.reception_number) => {
                Some(n.applicant.person.clone())
            }
            _ => None,
        })
}

fn parse<T: FormField>(v: &str) -> Option<T> {
    T::parse(v).ok()
}

fn opt<T: FormField>(v: &str) -> Option<Option<T>> {
    format::optional(v).ok()
}

/// A person of the contract as the screens' typed value (None if a value would not pass).
pub fn person(p: &customers::Person) -> Option<Person> {
    Some(Person {
        name: PersonName {
            last: parse(&p.last_name)?,
            first: parse(&p.first_name)?,
            last_kana: parse(&p.last_name_kana)?,
            first_kana: parse(&p.first_name_kana)?,
        },
        department: opt(&p.department)?,
        title: opt(&p.title)?,
        tel: parse(&p.tel)?,
        fax: opt(&p.fax)?,
        email: parse(&p.email)?,
    })
}

/// The contract's fields as 事業所・企業 入力's typed value: 本社 「事業所に同じ」 and the
/// 管理責任者 as a person of its own; 緊急連絡用FAX番号1 the 管理責任者's FAX, else the office's,
/// else 「0000000000」 (M002 ③-4: the number of an office without FAX). The 利用開始希望日 is the
/// contract's 利用開始日: a change replaces it with its own.
fn from_contract(c: &Contract) -> Option<OfficeDetails> {
    let manager = person(&c.manager)?;
    let fax = opt(&c.fax)?;
    let fax1 = if manager.fax.is_some() {
        EmergencyFax1::SameAsManager
    } else if fax.is_some() {
        EmergencyFax1::SameAsOffice
    } else {
        EmergencyFax1::Other(parse("0000000000")?)
    };
    Some(OfficeDetails {
        start_wish: Date8::parse(&c.start_date.format("%Y%m%d").to_string()).ok()?,
        company: parse(&c.company)?,
        company_kana: parse(&c.company_kana)?,
        office_name: parse(&c.office_name)?,
        office_kana: parse(&c.office_kana)?,
        address: Address {
            postal: parse(&c.postal)?,
            prefecture: parse(&c.prefecture)?,
            city: parse(&c.city)?,
            street: parse(&c.street)?,
            kana: parse(&c.address_kana)?,
        },
        tel: parse(&c.tel)?,
        fax,
        customs: c.customs,
        contractor: Contractor {
            name: PersonName {
                last: parse(&c.contractor.last_name)?,
                first: parse(&c.contractor.first_name)?,
                last_kana: parse(&c.contractor.last_name_kana)?,
                first_kana: parse(&c.contractor.first_name_kana)?,
            },
            title: parse(&c.contractor.title)?,
        },
        head_office: HeadOffice::SameAsOffice,
        manager: Manager::Other(Box::new(manager)),
        fax1,
        fax2: None,
        fax3: None,
    })
}

fn manager_fax(d: &OfficeDetails) -> Option<&str> {
    match &d.manager {
        Manager::Other(p) => p.fax.as_ref().map(|f| f.as_str()),
        Manager::SameAsOffice { .. } => d.fax.as_ref().map(|f| f.as_str()),
        Manager::SameAsApplicant => None,
    }
}

/// The 管理責任者 the change names: the one entered on 事業所・企業 入力 (「申込担当者と同じ」 is
/// the change's 申込担当者), else the contract's.
fn manager_of(c: &ChangeApplication) -> Recipient {
    match c.office.as_ref() {
        Some(o) => outbox::recipient(&o.manager(&c.applicant.0), company_of(c)),
        None => contract_recipient(&c.before.manager, &c.before.company),
    }
}

fn company_of(c: &ChangeApplication) -> &str {
    c.office
        .as_ref()
        .map_or(c.before.company.as_str(), |o| o.company.as_str())
}

/// A person of the contract as a mail recipient.
fn contract_recipient(p: &customers::Person, company: &str) -> Recipient {
    Recipient {
        company: company.to_string(),
        department: Some(p.department.clone()).filter(|d| !d.is_empty()),
        name: format!("{} {}", p.last_name, p.first_name),
        email: p.email.clone(),
    }
}

/// The 申込担当者 of a change.
pub fn applicant(c: &ChangeApplication) -> Recipient {
    outbox::recipient(&c.applicant.0, &c.before.company)
}

/// The 管理責任者 of a change: the contract's when it was filed (the mails of the review go to
/// the person responsible the NACCS center knows), or the one the approved change names.
pub fn manager(c: &ChangeApplication, approved: bool) -> Recipient {
    if approved {
        manager_of(c)
    } else {
        contract_recipient(&c.before.manager, &c.before.company)
    }
}

/// 申込担当者 and 管理責任者 (one mail per distinct address).
pub fn applicant_and_manager(c: &ChangeApplication, approved: bool) -> Vec<Recipient> {
    vec![applicant(c), manager(c, approved)]
}

/// Every value issued in the workspace so far, retired terminals included (an issued name is
/// never issued again).
fn taken(ws: &Workspace) -> HashSet<String> {
    let mut taken = issue::taken(ws);
    for a in &ws.state.applications {
        if let Some(i) = &a.issued {
            taken.extend(i.ids.used_values());
        }
    }
    taken
}

/// 審査終了 of a change: issues the added terminals (論理端末名, 端末アクセスキー, 認証コード), applies
/// the change to the contract, fixes the 利用開始日 from the schedule and tells the office
/// (新着情報, 確認完了 to the 申込担当者 and the 管理責任者; 口座振替 form when the change asks for
/// it). The change takes effect in the contract on approval (docs/decisions.md, issue 10).
pub fn approve(
    ws: &mut Workspace,
    number: &str,
    content: &ChangeApplication,
    now: Instant,
    public_base: &str,
) -> Result<(), ReviewError> {
    let code = content.before.office_code.clone();
    ws.seed_customers();
    let Some(office) = ws.state.offices.get(&code).cloned() else {
        return Err(ReviewError::NoOffice(code));
    };
    let (start, submitted_on, kind) = {
        let app = find(ws, number)?;
        let registered = app.submitted_at.date_naive();
        (
            schedule::feasible_start(registered, content.start_wish()),
            registered,
            app.kind(),
        )
    };
    let row = schedule::row_for_start(start);
    let abbr = office.contract.issued.company_abbr.clone();
    let mut added = Vec::new();
    if let Some(t) = &content.terminals {
        let mut used = taken(ws);
        for kind in TerminalKind::ALL {
            for system in SystemKind::ALL {
                let count = t.additions(kind).of(*system);
                if count == 0 {
                    continue;
                }
                let issued = issuance::issue_terminals(
                    &mut ws.state.rng,
                    &abbr,
                    &code,
                    *system,
                    kind.method(),
                    count,
                    &|v: &str| used.contains(v),
                );
                for i in &issued {
                    used.insert(i.name.clone());
                    used.insert(i.access_key.clone());
                }
                added.extend(issued);
            }
        }
    }
    if let Some(l) = &content.lines {
        added.extend(issue_line_terminals(ws, &code, &abbr, content, l, &added));
    }
    let new_ids = match &content.user_codes {
        Some(u) => apply_user_codes(ws, &code, &abbr, u, &content.before.user_codes),
        None => Vec::new(),
    };
    apply(ws, &code, content, &added);
    {
        let a = find(ws, number)?;
        a.status = ApplicationStatus::Approved;
        a.issued = Some(IssuedRecord {
            approved_at: now,
            start_date: start,
            settings_deadline: row.settings_deadline,
            contract_deadline: row.contract_deadline,
            ids: Issued {
                company_abbr: abbr,
                office_code: code.clone(),
                // A change issues no 事業所パスワード: ID通知内容 prints it masked (M001 l.538).
                office_password: String::new(),
                billing_code: office.contract.issued.billing_code.clone(),
                user_ids: new_ids,
                terminals: added,
                sharing_office: office.contract.issued.sharing_office.clone(),
            },
            certificates_issued_at: None,
        });
        a.review.push(ReviewEntry {
            at: now,
            decision: Decision::Approve,
            item: format!("{} 回答(審査終了)", kind.work_item()),
            message: None,
        });
    }
    crate::events::emit(
        ws,
        now,
        crate::events::Event::reviewed(number, ApplicationStatus::Received),
    );
    ws.state.news.push(NewsItem {
        at: now,
        kind: kind.news_kind().into(),
        reception_number: Some(number.to_string()),
        text: news::APPLICATION_APPROVED.into(),
    });
    let ctx = mail::ApplicationConfirmed {
        to: applicant_and_manager(content, true),
        received_on: submitted_on,
        reception_number: number.to_string(),
        login_url: outbox::login_url(public_base),
        // Terminals, office, plan and 請求先 need no システム設定申込 (Part 3 Q1 does not arise).
        system_settings_deadline: None,
    };
    outbox::send(ws, now, &ctx);
    // 口座振替 without 同一口座振替 chosen by this change: the form is posted to the 請求先担当者
    // (procedures.md §10), as for a new application.
    if let Some(b) = &content.billing
        && content.items.has(ChangeItem::Payment)
        && matches!(b.payment, Payment::AccountTransfer { same_account: None })
    {
        let to = match &b.contact {
            BillingContact::Other(p) => outbox::recipient(&p.person, company_of(content)),
            BillingContact::SameAsManager => manager_of(content),
        };
        let ctx = mail::AccountTransferForm {
            to,
            received_on: submitted_on,
            reception_number: number.to_string(),
        };
        outbox::send(ws, now, &ctx);
        ws.state.news.push(NewsItem {
            at: now,
            kind: "利用料金".into(),
            reception_number: Some(number.to_string()),
            text: news::TRANSFER_FORM_SENT.into(),
        });
    }
    Ok(())
}

/// What an approved 利用者コード 入力 does to the office's 利用者IDs, returning the ones it issued
/// (with their passwords, for ID通知内容): a new code is issued with its 識別番号 as a new
/// application issues them; a code of the contract gets the 識別番号 its settings add, loses
/// those they no longer count, and a 識別番号 whose 業種 changed keeps its ID (the 業種 is moved
/// to an ID of the same 処理方式 that the change would otherwise retire); a code left out is
/// deleted with its IDs (docs/decisions.md, issue 10 「利用者コード等の変更」).
fn apply_user_codes(
    ws: &mut Workspace,
    code: &str,
    abbr: &str,
    change: &UserCodeChange,
    before: &[CodeRow],
) -> Vec<IssuedUserId> {
    let mut used = taken(ws);
    let Some(office) = ws.state.offices.get(code) else {
        return Vec::new();
    };
    let mut ids = office.contract.issued.user_ids.clone();
    for gone in change.deleted(before) {
        ids.retain(|u| Some(u.user_code.as_str()) != gone.code.as_deref());
    }
    let mut issued: Vec<IssuedUserId> = Vec::new();
    for row in &change.codes {
        let system = row.request.code.system().unwrap_or(SystemKind::SeaAndAir);
        let mut wanted: Vec<IdentRequest> = Vec::new();
        if let Some(c) = &row.code {
            // The code's IDs, kept where a setting still counts them.
            let mine: Vec<usize> = (0..ids.len()).filter(|i| &ids[*i].user_code == c).collect();
            let mut keep: Vec<bool> = vec![false; mine.len()];
            let mut short: Vec<(&IdentSetting, u32)> = Vec::new();
            for s in &row.request.settings {
                let mut n = s.count.value();
                for (k, i) in mine.iter().enumerate() {
                    let u = &ids[*i];
                    if n > 0 && !keep[k] && u.industries == s.industries && u.method == s.method {
                        keep[k] = true;
                        n -= 1;
                    }
                }
                if n > 0 {
                    short.push((s, n));
                }
            }
            // 業種 changed: an ID the settings no longer count takes the new 業種.
            for (s, n) in short.iter_mut() {
                for (k, i) in mine.iter().enumerate() {
                    if *n > 0 && !keep[k] && ids[*i].method == s.method {
                        keep[k] = true;
                        ids[*i].industries = s.industries.clone();
                        *n -= 1;
                    }
                }
            }
            let retired: Vec<usize> = mine
                .iter()
                .zip(&keep)
                .filter(|(_, k)| !**k)
                .map(|(i, _)| *i)
                .collect();
            let shared = mine.first().is_some_and(|i| ids[*i].shared);
            wanted.extend(
                short
                    .iter()
                    .filter(|(_, n)| *n > 0)
                    .map(|(s, n)| IdentRequest {
                        industries: s.industries.clone(),
                        method: s.method,
                        count: *n,
                    }),
            );
            let mut k = 0;
            ids.retain(|_| {
                k += 1;
                !retired.contains(&(k - 1))
            });
            if wanted.is_empty() {
                continue;
            }
            let req = issuance::UserCodeRequest {
                system,
                settings: wanted,
                shared_code: Some(c.clone()),
            };
            let mut fresh = issuance::issue_user_ids(&mut ws.state.rng, abbr, &req, &|v: &str| {
                used.contains(v)
            });
            for u in &mut fresh {
                u.shared = shared;
            }
            issued.extend(fresh.iter().cloned());
            for u in &fresh {
                used.insert(u.user_id());
            }
            ids.extend(fresh);
        } else {
            let req = issuance::UserCodeRequest {
                system,
                settings: issue::ident_requests(&row.request.settings),
                shared_code: None,
            };
            let fresh = issuance::issue_user_ids(&mut ws.state.rng, abbr, &req, &|v: &str| {
                used.contains(v)
            });
            for u in &fresh {
                used.insert(u.user_code.clone());
                used.insert(u.user_id());
            }
            issued.extend(fresh.iter().cloned());
            ids.extend(fresh);
        }
    }
    if let Some(office) = ws.state.offices.get_mut(code) {
        office.contract.issued.user_ids = ids;
    }
    issued
}

/// The 一般NACCS terminals an approved 回線・論理端末 入力 issues (after `issued`, the netNACCS ones
/// of the same change): the raise of a contract line's 論理端末数 and every terminal of an added
/// line, as a new application's lines get them (docs/decisions.md, issue 10 「一般NACCS回線・
/// 端末」).
fn issue_line_terminals(
    ws: &mut Workspace,
    code: &str,
    abbr: &str,
    content: &ChangeApplication,
    change: &LinesChange,
    issued: &[issuance::IssuedTerminal],
) -> Vec<issuance::IssuedTerminal> {
    let mut used = taken(ws);
    for i in issued {
        used.insert(i.name.clone());
        used.insert(i.access_key.clone());
    }
    let before = &content.before;
    let wanted = change
        .changed
        .iter()
        .map(|c| {
            let had = terminals_on(&before.terminals, c.router).len() as u32;
            (
                c.router,
                &c.line,
                c.line.terminals.value().saturating_sub(had),
            )
        })
        .chain(
            change
                .added
                .iter()
                .enumerate()
                .map(|(i, l)| (added_router(&before.lines, i), l, l.terminals.value())),
        );
    let mut out = Vec::new();
    for (router, line, count) in wanted.collect::<Vec<_>>() {
        if count == 0 {
            continue;
        }
        let fresh = issue::terminals_of_line(
            &mut ws.state.rng,
            abbr,
            code,
            router,
            line,
            count,
            &|v: &str| used.contains(v),
        );
        for t in &fresh {
            used.insert(t.name.clone());
            used.insert(t.access_key.clone());
        }
        out.extend(fresh);
    }
    out
}

/// What 回線・論理端末 入力 does to the contract: retired lines go with their terminals; a changed
/// line takes what was entered, keeps its first terminals up to its new 論理端末数 (with its
/// 区分 and 利用機器区分) and loses the others; added lines follow the contract's.
fn apply_lines(c: &mut Contract, content: &ChangeApplication, l: &LinesChange) {
    let Some(g) = c.general.as_mut() else {
        return;
    };
    g.lines.retain(|x| !l.retired.contains(&x.router));
    c.issued
        .terminals
        .retain(|t| t.router.is_none_or(|r| !l.retired.contains(&r)));
    for ch in &l.changed {
        if let Some(x) = g.lines.iter_mut().find(|x| x.router == ch.router) {
            *x = ch.line.contract_line(ch.router);
        }
        let keep = ch.line.terminals.value() as usize;
        let mut seen = 0;
        c.issued.terminals.retain(|t| {
            if t.router != Some(ch.router) {
                return true;
            }
            seen += 1;
            seen <= keep
        });
        for t in c
            .issued
            .terminals
            .iter_mut()
            .filter(|t| t.router == Some(ch.router))
        {
            t.system = ch.line.system;
            t.model = ch.line.device.short().to_string();
        }
    }
    for (i, line) in l.added.iter().enumerate() {
        g.lines
            .push(line.contract_line(added_router(&content.before.lines, i)));
    }
}

/// What the approved change does to the contracts: terminals added, re-classified and retired;
/// the office, contractor and 管理責任者; the plan. A changed 企業名 changes every office of the
/// same 企業略称 (M001 l.159 「企業情報の変更を行う場合には、同一企業略称の全事業所の情報を変更
/// します。」).
fn apply(
    ws: &mut Workspace,
    code: &str,
    content: &ChangeApplication,
    added: &[issuance::IssuedTerminal],
) {
    let Some(office) = ws.state.offices.get_mut(code) else {
        return;
    };
    let c = &mut office.contract;
    if let Some(t) = &content.terminals {
        for r in &t.reclassify {
            for term in c.issued.terminals.iter_mut().filter(|x| x.name == r.name) {
                term.system = r.to;
            }
        }
        c.issued.terminals.retain(|x| !t.retire.contains(&x.name));
    }
    if let Some(l) = &content.lines {
        apply_lines(c, content, l);
    }
    c.issued.terminals.extend(added.iter().cloned());
    // メールボックス数: the numbers entered are the office's from now on (M001 l.191
    // 「(追加・廃止)」; docs/decisions.md, issue 10).
    if let (Some(m), Some(g)) = (&content.mailboxes, c.general.as_mut()) {
        let n =
            |c: &Option<crate::domain::format::PositiveCount>| c.as_ref().map_or(0, |c| c.value());
        g.mailboxes_smtp_pop3 = n(&m.smtp_pop3);
        g.mailboxes_edifact = n(&m.edifact);
    }
    if let Some(plan) = content.plan {
        c.plan = plan;
    }
    let Some(d) = &content.office else {
        return;
    };
    c.office_name = d.office_name.as_str().into();
    c.office_kana = d.office_kana.as_str().into();
    c.postal = d.address.postal.as_str().into();
    c.prefecture = d.address.prefecture.as_str().into();
    c.city = d.address.city.as_str().into();
    c.street = d.address.street.as_str().into();
    c.address_kana = d.address.kana.as_str().into();
    c.tel = d.tel.as_str().into();
    c.fax = d.fax.as_ref().map_or(String::new(), |f| f.as_str().into());
    c.customs = d.customs;
    let n = &d.contractor.name;
    c.contractor.last_name = n.last.as_str().into();
    c.contractor.first_name = n.first.as_str().into();
    c.contractor.last_name_kana = n.last_kana.as_str().into();
    c.contractor.first_name_kana = n.first_kana.as_str().into();
    c.contractor.title = d.contractor.title.as_str().into();
    c.manager = issue::contract_person(&d.manager(&content.applicant.0));
    let abbr = c.issued.company_abbr.clone();
    let (company, kana) = (d.company.as_str(), d.company_kana.as_str());
    for other in ws.state.offices.values_mut() {
        if other.contract.issued.company_abbr == abbr {
            other.contract.company = company.into();
            other.contract.company_kana = kana.into();
        }
    }
}

/// Whether an office uses netNACCS: a netNACCS 利用者ID or terminal (M001 l.215 「当該事業所で
/// 初めてnetNACCSをお申込み頂く際には…」).
pub fn uses_net(c: &Contract) -> bool {
    c.issued
        .user_ids
        .iter()
        .any(|u| u.method == ProcessingMethod::NetNaccs)
        || c.issued
            .terminals
            .iter()
            .any(|t| t.model == ProcessingMethod::NetNaccs.short())
}

/// Whether the office has netNACCS 利用者IDs, which need a terminal to log on with: its own, or
/// the 機器共用先's.
pub fn has_net_users(c: &Contract) -> bool {
    c.issued
        .user_ids
        .iter()
        .any(|u| u.method == ProcessingMethod::NetNaccs)
}

/// The offices that use office `code`'s terminals (機器共用, M002).
pub fn sharers(ws: &Workspace, code: &str) -> Vec<String> {
    ws.state
        .offices
        .values()
        .filter(|o| o.contract.issued.sharing_office.as_deref() == Some(code))
        .map(|o| o.code.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::WorkspaceSpec;

    fn ws() -> Workspace {
        let mut ws = Workspace::new(
            "t",
            WorkspaceSpec {
                seed: 42,
                now: Some(crate::clock::jst_instant(2013, 11, 20, 10, 0)),
                fixture: None,
            },
        );
        ws.seed_customers();
        ws
    }

    #[test]
    fn the_seeded_contract_reads_as_the_screens_values() {
        let ws = ws();
        for code in ws.state.offices.keys() {
            let b = before(&ws, code).expect("an office");
            assert!(b.office.is_some(), "{code}: the contract does not parse");
            assert!(person(&ws.state.offices[code].contract.manager).is_some());
        }
        let nac = before(&ws, "NAC001").unwrap();
        assert_eq!(nac.terminals.len(), 1);
        assert_eq!(nac.terminals[0].name, "99999W");
        assert_eq!(nac.manager.last_name, "通関");
        assert!(uses_net(&ws.state.offices["NAC001"].contract));
        assert_eq!(sharers(&ws, "NAC001"), ["NAC002"]);
    }
}
