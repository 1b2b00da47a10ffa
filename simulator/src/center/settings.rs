//! The center and システム設定 (M004, M002 3.1): what NACCS holds for an office's 利用者コード
//! (the English 名称), the approval of a システム設定申込 (NACCS登録日, the initialised
//! passwords, the 確認完了 mail) and how long the passwords stay readable.

use super::{ReviewError, find, parties};
use crate::application::settings::{EnglishNames, NaccsRegistration, Reflection, ReissuedPassword};
use crate::application::{ApplicationStatus, Decision, ReviewEntry, SystemSettingsApplication};
use crate::clock::Instant;
use crate::domain::calendar::{add_business_days, next_business_day_on_or_after};
use crate::domain::customers::Contract;
use crate::domain::english::EnglishText;
use crate::domain::format::PostalCode;
use crate::domain::issuance;
use crate::domain::lists::{Industry, ProcessingMethod, SystemKind};
use crate::mail;
use crate::outbox;
use crate::workspace::Workspace;
use crate::workspace::news::{self, NewsItem};
use std::collections::BTreeMap;

/// One 利用者コード of an office as 利用者コード 選択 and システム設定情報 入力 list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeCode {
    pub code: String,
    /// 区分 / システム区分.
    pub system: SystemKind,
    /// 業種, in contract order without repeats.
    pub industries: Vec<Industry>,
    /// 処理方式, in contract order without repeats.
    pub methods: Vec<ProcessingMethod>,
    /// The 利用者ID of the code: (処理方式, 識別番号), as 利用者ID一覧 lists them (M004 ⑦).
    pub ids: Vec<(ProcessingMethod, String)>,
}

/// The office's own 利用者コード, in contract order. A code shared from another office
/// (他事業所と共用) is that office's to set, and is left out.
pub fn office_codes(contract: &Contract) -> Vec<OfficeCode> {
    let mut out: Vec<OfficeCode> = Vec::new();
    for u in contract.issued.user_ids.iter().filter(|u| !u.shared) {
        let i = match out.iter().position(|c| c.code == u.user_code) {
            Some(i) => i,
            None => {
                out.push(OfficeCode {
                    code: u.user_code.clone(),
                    system: u.system,
                    industries: Vec::new(),
                    methods: Vec::new(),
                    ids: Vec::new(),
                });
                out.len() - 1
            }
        };
        let c = &mut out[i];
        for ind in &u.industries {
            if !c.industries.contains(ind) {
                c.industries.push(*ind);
            }
        }
        if !c.methods.contains(&u.method) {
            c.methods.push(u.method);
        }
        c.ids.push((u.method, u.ident.clone()));
    }
    out
}

/// The English 名称 the manuals print for their example offices, as NACCS holds them before any
/// システム設定申込 of the workspace: ナックスシステム株式会社 本社 (NAC001) as M002 3.1 enters it
/// (with the real 〒 of 堀川町 for the placeholder 9990000, like the seeded contract), its
/// 機器共用 office NAC002 and サイバーポート株式会社 本社 (M003) in the same style. Other offices
/// start without: a new office registers them with its first システム設定申込.
fn example_names(office_code: &str, contract: &Contract) -> Option<EnglishNames> {
    let (company, office, postal, address, manager): (&str, &str, &str, &[&str], &str) =
        match (office_code, contract.company.as_str()) {
            ("NAC001", "ナックスシステム株式会社") => (
                "NACCS SYSTEM CO.,LTD.",
                "HONSHA",
                "2120013",
                &["KANAGAWA KEN", "KAWASAKI SHI SAIWAI KU", "HORIKAWA CYO 999"],
                "I.KONSAI",
            ),
            ("NAC002", "ナックスシステム株式会社") => (
                "NACCS SYSTEM CO.,LTD.",
                "TSUKAN JIGYOSHO",
                "2120013",
                &["KANAGAWA KEN", "KAWASAKI SHI SAIWAI KU", "HORIKAWA CYO 999"],
                "H.HOZEI",
            ),
            ("SAI001", "サイバーポート株式会社") => (
                "CYBERPORT CO.,LTD.",
                "HONSHA",
                "1050003",
                &["TOKYO TO", "MINATO KU", "NISHISHIMBASHI 1-2-3"],
                "T.KOWAN",
            ),
            _ => return None,
        };
    Some(EnglishNames {
        company: EnglishText::parse(company).ok()?,
        office: EnglishText::parse(office).ok()?,
        postal: PostalCode::parse(postal).ok()?,
        address: address
            .iter()
            .map(|l| EnglishText::parse(l).ok())
            .collect::<Option<Vec<_>>>()?,
        manager: EnglishText::parse(manager).ok()?,
    })
}

/// The English 名称 NACCS holds now for each 利用者コード of the office: the examples' own,
/// then every approved システム設定申込 in the order of its approval. A 企業名(英) set with
/// 「同一企業の全事業所情報を変更します。」 holds for every office of the same 企業名.
pub fn registered_names(ws: &Workspace, office_code: &str) -> BTreeMap<String, EnglishNames> {
    let mut out = BTreeMap::new();
    let Some(office) = ws.state.offices.get(office_code) else {
        return out;
    };
    let codes = office_codes(&office.contract);
    if let Some(names) = example_names(office_code, &office.contract) {
        for c in &codes {
            out.insert(c.code.clone(), names.clone());
        }
    }
    let mut approved: Vec<(&Instant, &SystemSettingsApplication)> = ws
        .state
        .applications
        .iter()
        .filter_map(|a| {
            Some((
                &a.naccs_registration.as_ref()?.confirmed_at,
                a.content.as_settings()?,
            ))
        })
        .collect();
    approved.sort_by_key(|(at, _)| **at);
    for (_, s) in approved {
        let same_company = s.company == office.contract.company;
        for setting in &s.codes {
            if s.office_code == office_code
                && codes.iter().any(|c| c.code == setting.user_code.as_str())
            {
                out.insert(
                    setting.user_code.as_str().to_string(),
                    setting.names.clone(),
                );
            }
            if setting.all_offices && same_company {
                for names in out.values_mut() {
                    names.company = setting.names.company.clone();
                }
            }
        }
    }
    out
}

/// NACCS登録日 (M004 申込概要): the NACCS登録希望日 when it has not passed at approval; for
/// 「最短の日程で登録を希望」, or a wish already past, the next business day after the approval.
/// No registration calendar is printed, and M004's own example is registered on a Sunday
/// (2025/10/12, l.480): a wished date is kept whatever its weekday (docs/decisions.md
/// "Issue 13", Q25).
pub fn registration_date(
    reflection: &Reflection,
    approved_on: chrono::NaiveDate,
) -> chrono::NaiveDate {
    let earliest = add_business_days(approved_on, 1);
    match reflection {
        Reflection::OnDate(d) if d.date() >= approved_on => d.date(),
        _ => earliest,
    }
}

/// The initialised passwords are readable 「本メール受信日から3営業日」 (M004 l.460): the day of
/// the 確認完了 mail counts as the first when it is a business day (else the next business day
/// does), and they are masked from the day after the third (docs/decisions.md "Issue 13", Q26).
pub fn passwords_visible(reg: &NaccsRegistration, today: chrono::NaiveDate) -> bool {
    let first = next_business_day_on_or_after(reg.confirmed_at.date_naive());
    let last = add_business_days(first, 2);
    reg.confirmed_at.date_naive() <= today && today <= last
}

/// The 通知内容 of 「システム設定申込 回答(審査終了)」 when passwords were initialised (M004 l.485
/// prints its start, 「■パスワードにつきましては～」; the rest is inferred).
pub const PASSWORD_NOTICE: &str = "■パスワードにつきましては、本画面の「再発行パスワード」をご確認ください。確認可能期間は確認完了メール受信日から3営業日です。再発行したパスワードはそのまま使用せず、必ずNACCSの「利用者情報登録(URY)」業務にて変更してください。";

/// 審査終了 of a システム設定申込: initialises the passwords asked for (new ones on the office's
/// contract), fixes the NACCS登録日, and tells the applicant (進行状況, 新着情報 「システム設定申込内容の
/// 審査が完了しました。…」, the 確認完了 mail to 申込担当者 and 管理責任者, M004 l.448-461).
pub fn approve(
    ws: &mut Workspace,
    number: &str,
    content: &SystemSettingsApplication,
    now: Instant,
    public_base: &str,
) -> Result<(), ReviewError> {
    let mut reissued = Vec::new();
    for setting in &content.codes {
        let Some(reset) = &setting.reset else {
            continue;
        };
        for id in &reset.ids {
            let ident = &id.ident;
            let password = issuance::user_id_password(&mut ws.state.rng);
            let Some(u) =
                ws.state
                    .offices
                    .get_mut(&content.office_code)
                    .and_then(|o| {
                        o.contract.issued.user_ids.iter_mut().find(|u| {
                            u.user_code == setting.user_code.as_str() && u.ident == *ident
                        })
                    })
            else {
                continue;
            };
            u.password = password.clone();
            reissued.push(ReissuedPassword {
                method: u.method,
                user_code: u.user_code.clone(),
                ident: u.ident.clone(),
                password,
            });
        }
    }
    let to = parties::applicant_and_manager(
        ws,
        &crate::application::ApplicationContent::SystemSettings(Box::new(content.clone())),
    );
    let received_on = {
        let a = find(ws, number)?;
        a.status = ApplicationStatus::Approved;
        a.naccs_registration = Some(NaccsRegistration {
            registered_on: registration_date(&content.registration.reflection, now.date_naive()),
            confirmed_at: now,
            reissued: reissued.clone(),
        });
        a.review.push(ReviewEntry {
            at: now,
            decision: Decision::Approve,
            item: format!("{} 回答(審査終了)", a.kind().work_item()),
            message: (!reissued.is_empty()).then(|| PASSWORD_NOTICE.to_string()),
        });
        a.submitted_at.date_naive()
    };
    crate::events::emit(
        ws,
        now,
        crate::events::Event::reviewed(number, ApplicationStatus::Received),
    );
    ws.state.news.push(NewsItem {
        at: now,
        kind: crate::application::ApplicationKind::SystemSettings
            .news_kind()
            .into(),
        reception_number: Some(number.to_string()),
        text: news::SETTINGS_APPROVED.into(),
    });
    let ctx = mail::SystemSettingsConfirmed {
        to,
        received_on,
        reception_number: number.to_string(),
        login_url: outbox::login_url(public_base),
        password_reissued: !reissued.is_empty(),
    };
    outbox::send(ws, now, &ctx);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::format::Date8;

    fn d(s: &str) -> chrono::NaiveDate {
        chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_registration_date_is_the_wish_or_the_next_business_day() {
        // Approved Tue 2021-02-02 (M004): wish 2021/02/12 kept; 最短 → Wed 02/03.
        let wish = Reflection::OnDate(Date8::parse("20210212").unwrap());
        assert_eq!(registration_date(&wish, d("2021-02-02")), d("2021-02-12"));
        assert_eq!(
            registration_date(&Reflection::Earliest, d("2021-02-02")),
            d("2021-02-03")
        );
        // A Sunday wish is kept (M004 l.480: 2025/10/12).
        let sunday = Reflection::OnDate(Date8::parse("20251012").unwrap());
        assert_eq!(registration_date(&sunday, d("2025-07-24")), d("2025-10-12"));
        // A wish past at approval: the next business day (Fri 2021-02-12 → Mon 02/15).
        assert_eq!(registration_date(&wish, d("2021-02-13")), d("2021-02-15"));
    }

    #[test]
    fn passwords_are_readable_for_three_business_days_from_the_mail() {
        let reg = |day: &str| NaccsRegistration {
            registered_on: d(day),
            confirmed_at: crate::clock::parse_rfc3339(&format!("{day}T15:00:00+09:00")).unwrap(),
            reissued: Vec::new(),
        };
        // Thu 2025-07-24 (M004): Thu, Fri, Mon; masked from Tue 07/29.
        let r = reg("2025-07-24");
        for (day, shown) in [
            ("2025-07-23", false),
            ("2025-07-24", true),
            ("2025-07-28", true),
            ("2025-07-29", false),
        ] {
            assert_eq!(passwords_visible(&r, d(day)), shown, "{day}");
        }
        // A mail on Saturday 2021-02-06: Mon 02/08, Tue 02/09, Wed 02/10 (02/11 is a holiday).
        let r = reg("2021-02-06");
        assert!(passwords_visible(&r, d("2021-02-10")));
        assert!(!passwords_visible(&r, d("2021-02-11")));
    }
}
