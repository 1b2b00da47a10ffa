//! The rules of using what another office has — its equipment (機器共用, M002) or its
//! 利用者コード (他事業所の利用者コードを共用する, M003) — that need the workspace's offices.
//!
//! Plain functions over the offices' contracts. The screens call them where they parse
//! (論理端末・証明書 入力, 回線・論理端末 入力, 利用者コード 入力), and the registration of an
//! application calls them again through `center::checks`, since the offices may have changed in
//! between: one copy of each rule, two callers.
//!
//! The messages are not printed by the manuals; they are written in the NSS style and never
//! name another company (a lookup must not tell who holds a code).

use crate::domain::customers::Contract;

/// An office of the workspace: its 事業所コード and its contract.
pub type OfficeRef<'a> = (&'a str, &'a Contract);

/// The applying office as the rules need it: 事業所・企業 入力's 企業名 and 住所.
#[derive(Debug, Clone, Copy)]
pub struct Applicant<'a> {
    pub company: &'a str,
    /// 郵便番号, 住所(都道府県), 住所(市区町村), 住所(その他).
    pub address: [&'a str; 4],
}

/// How the office named as 事業所コード(機器共用先) is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SharingKind {
    /// 機器共用: an office of the same company at the same address (M002 l.5-21).
    Equipment,
    /// 共同利用: an office of another company (M002 l.10 「※他企業間は共同利用となります。」);
    /// its application needs the 委任状 (M003 l.759).
    JointUse,
}

impl SharingKind {
    /// 申込分類(特殊) as 申込内容 参照 prints it (M001 l.518: 共同利用 共用 付替 地位の承継).
    pub fn label(self) -> &'static str {
        match self {
            SharingKind::Equipment => "共用",
            SharingKind::JointUse => "共同利用",
        }
    }
}

/// The office whose equipment an application uses.
#[derive(Debug, Clone, Copy)]
pub struct Owner<'a> {
    pub code: &'a str,
    pub contract: &'a Contract,
    pub kind: SharingKind,
}

/// Why another office's equipment or 利用者コード cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SharingError {
    #[error("no office {0}")]
    OwnerUnknown(String),
    #[error("office {0} has no terminals of its own")]
    OwnerWithoutEquipment(String),
    #[error("office {code} is not at the applicant's address")]
    OwnerOtherAddress { code: String, address: String },
    #[error("office {0} belongs to another company and no 委任状 is attached")]
    JointUseWithoutProxy(String),
    #[error("no office holds user code {0}")]
    SharedCodeUnknown(String),
    #[error("user code {0} belongs to another company")]
    SharedCodeOtherCompany(String),
    #[error("user codes {0} and {1} belong to different offices")]
    CodesOfSeveralOffices(String, String),
}

impl SharingError {
    /// The message the screens show.
    pub fn japanese(&self) -> String {
        match self {
            SharingError::OwnerUnknown(code) => format!(
                "事業所コード(機器共用先)「{code}」の事業所は登録されていません。機器所有事業所の事業所コードを入力してください。"
            ),
            SharingError::OwnerWithoutEquipment(code) => format!(
                "事業所コード(機器共用先)「{code}」の事業所は論理端末・回線を契約していないため、機器共用先に指定できません。機器所有事業所の事業所コードを入力してください。"
            ),
            // M002 l.19: 「機器共用依頼事業所の住所は、機器所有事業所と同一住所となります。」
            SharingError::OwnerOtherAddress { code, address } => format!(
                "機器共用依頼事業所の住所は、機器所有事業所と同一住所となります。事業所・企業 入力の住所を、機器所有事業所「{code}」の住所（{address}）と同じにしてください。"
            ),
            // M002 l.16-17 and l.10; M003 l.759 (the 委任状).
            SharingError::JointUseWithoutProxy(code) => format!(
                "事業所コード(機器共用先)「{code}」は申込の企業の事業所ではありません。機器共用は同一企業内でのみ可能です。他の企業の機器を利用する共同利用の申込には、「委任状(子事業所の役職印押印済みのもの)」を添付してください。"
            ),
            SharingError::SharedCodeUnknown(code) => format!(
                "利用者コード「{code}」は登録されていません。共用する他事業所の利用者コードを入力してください。"
            ),
            SharingError::SharedCodeOtherCompany(code) => format!(
                "利用者コード「{code}」は申込の企業の事業所の利用者コードではないため、共用できません。他事業所の利用者コードの共用は、同一企業内でのみ可能です。"
            ),
            // M003 l.415.
            SharingError::CodesOfSeveralOffices(a, b) => format!(
                "複数の事業所の利用者コードを一度に申込をすることはできません（利用者コード「{a}」と「{b}」は別の事業所の利用者コードです）。事業所ごとに申込を行ってください。"
            ),
        }
    }
}

/// Two company names are the same company when they are the same text, spaces aside.
pub fn same_company(a: &str, b: &str) -> bool {
    squeeze(a) == squeeze(b)
}

/// A text compared as an address: without spaces (half- and full-width), with full-width ASCII
/// read as ASCII and the dashes users type in block numbers read as 「-」, so that
/// 「堀川町９９９　ナックスタワー１階」 and 「堀川町999 ナックスタワー1階」 are one address.
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '－' | '‐' | '−' | '–' | '—' | '―' => '-',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// Whether the contract stands at `address` (郵便番号 and 住所 alike).
pub fn same_address(contract: &Contract, address: &[&str; 4]) -> bool {
    let theirs = [
        contract.postal.as_str(),
        contract.prefecture.as_str(),
        contract.city.as_str(),
        contract.street.as_str(),
    ];
    squeeze(theirs[0]) == squeeze(address[0])
        && squeeze(&theirs[1..].concat()) == squeeze(&address[1..].concat())
}

/// 機器共用 within the applicant's company, 共同利用 with another's (M002 l.5-10).
pub fn kind_of(owner: &Contract, company: &str) -> SharingKind {
    if same_company(&owner.company, company) {
        SharingKind::Equipment
    } else {
        SharingKind::JointUse
    }
}

fn find<'a>(offices: &[OfficeRef<'a>], code: &str) -> Option<OfficeRef<'a>> {
    let code = code.trim().to_ascii_uppercase();
    offices.iter().copied().find(|(c, _)| *c == code)
}

/// 事業所コード(機器共用先) (M002 ⑦, M003 回線・論理端末 入力): the office must exist and own
/// equipment (its terminals, M002 l.22-24: 「機器所有事業所が契約している…端末」). An office of the
/// applicant's company must stand at the applicant's address (M002 l.19); an office of another
/// company makes the application a 共同利用 (M002 l.10), whose 委任状 [`joint_use_proxy`]
/// checks at registration. `applicant` is `None` while 事業所・企業 入力 has not been accepted:
/// only existence is checked then.
pub fn equipment_owner<'a>(
    offices: &[OfficeRef<'a>],
    code: &str,
    applicant: Option<&Applicant>,
) -> Result<Owner<'a>, SharingError> {
    let (code, contract) =
        find(offices, code).ok_or_else(|| SharingError::OwnerUnknown(code.trim().to_string()))?;
    if contract.issued.terminals.is_empty() {
        return Err(SharingError::OwnerWithoutEquipment(code.to_string()));
    }
    let kind = applicant.map_or(SharingKind::Equipment, |a| kind_of(contract, a.company));
    if let (SharingKind::Equipment, Some(a)) = (kind, applicant)
        && !same_address(contract, &a.address)
    {
        return Err(SharingError::OwnerOtherAddress {
            code: code.to_string(),
            address: format!(
                "〒{} {}{}{}",
                contract.postal, contract.prefecture, contract.city, contract.street
            ),
        });
    }
    Ok(Owner {
        code,
        contract,
        kind,
    })
}

/// 共同利用 needs the 委任状 attached on 申込内容 確認 (M003 l.759: 「共同利用の申込を行うお客様
/// は、「委任状(子事業所の役職印押印済みのもの)」を添付してください。」). The simulator keeps no
/// file contents, so any attached file stands for it.
pub fn joint_use_proxy(owner: &Owner, attachments: usize) -> Result<(), SharingError> {
    if owner.kind == SharingKind::JointUse && attachments == 0 {
        Err(SharingError::JointUseWithoutProxy(owner.code.to_string()))
    } else {
        Ok(())
    }
}

/// The office that holds `code` as its own (not itself sharing it); failing that, any office
/// that uses it.
fn holder<'a>(offices: &[OfficeRef<'a>], code: &str) -> Option<OfficeRef<'a>> {
    let holds = |c: &Contract, own: bool| {
        c.issued
            .user_ids
            .iter()
            .any(|u| u.user_code == code && (!own || !u.shared))
    };
    offices
        .iter()
        .copied()
        .find(|(_, c)| holds(c, true))
        .or_else(|| offices.iter().copied().find(|(_, c)| holds(c, false)))
}

/// 他事業所の利用者コードを共用する (M003 l.406-409): the code must exist in the workspace and
/// belong to an office of the applicant's company (共用 is within a company; between companies
/// it is 共同利用, M001 その他の契約変更). Returns the 事業所コード of the office holding it.
/// Without an accepted 事業所・企業 入力 only existence is checked.
pub fn shared_code<'a>(
    offices: &[OfficeRef<'a>],
    code: &str,
    company: Option<&str>,
) -> Result<&'a str, SharingError> {
    let code = code.trim().to_ascii_uppercase();
    let (office, contract) =
        holder(offices, &code).ok_or_else(|| SharingError::SharedCodeUnknown(code.clone()))?;
    match company {
        Some(company) if !same_company(&contract.company, company) => {
            Err(SharingError::SharedCodeOtherCompany(code))
        }
        _ => Ok(office),
    }
}

/// Every shared code of one application, each as [`shared_code`] requires, and all held by one
/// office (M003 l.415: 「複数の事業所の利用者コードを一度に申込をすることはできません。」).
pub fn shared_codes_of_one_office(
    offices: &[OfficeRef<'_>],
    codes: &[&str],
    company: Option<&str>,
) -> Result<(), SharingError> {
    let mut first: Option<(&str, &str)> = None;
    for code in codes {
        let office = shared_code(offices, code, company)?;
        match first {
            None => first = Some((code, office)),
            Some((a, o)) if o != office => {
                return Err(SharingError::CodesOfSeveralOffices(
                    a.trim().to_ascii_uppercase(),
                    code.trim().to_ascii_uppercase(),
                ));
            }
            Some(_) => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::customers;
    use crate::rng::SimRng;

    fn seeded() -> Vec<Contract> {
        let today = chrono::NaiveDate::from_ymd_opt(2018, 11, 27).unwrap();
        customers::fixed_offices(&mut SimRng::new(1, 2), today)
    }

    fn refs(c: &[Contract]) -> Vec<OfficeRef<'_>> {
        c.iter()
            .map(|c| (c.issued.office_code.as_str(), c))
            .collect()
    }

    const NAC: &str = "ナックスシステム株式会社";
    // M002 ③-2 at the seeded NAC001 (the real 〒2120013 for M002's placeholder 9990000).
    const SAME: [&str; 4] = [
        "2120013",
        "神奈川県",
        "川崎市幸区",
        "堀川町９９９　ナックスタワー１階",
    ];

    #[test]
    fn the_owner_must_exist_own_equipment_and_share_the_address() {
        let c = seeded();
        let offices = refs(&c);
        let me = Applicant {
            company: NAC,
            address: SAME,
        };
        let owner = equipment_owner(&offices, " nac001 ", Some(&me)).unwrap();
        assert_eq!((owner.code, owner.kind), ("NAC001", SharingKind::Equipment));
        // Spaces and widths do not make another address.
        let typed = Applicant {
            company: "ナックスシステム株式会社 ",
            address: [
                "2120013",
                "神奈川県",
                "川崎市幸区",
                "堀川町999 ナックスタワー1階",
            ],
        };
        assert!(equipment_owner(&offices, "NAC001", Some(&typed)).is_ok());
        assert_eq!(
            equipment_owner(&offices, "ZZZ999", Some(&me)).unwrap_err(),
            SharingError::OwnerUnknown("ZZZ999".into())
        );
        // NAC002 is itself a 機器共用 office: nothing to share.
        assert_eq!(
            equipment_owner(&offices, "NAC002", Some(&me)).unwrap_err(),
            SharingError::OwnerWithoutEquipment("NAC002".into())
        );
        let elsewhere = Applicant {
            company: NAC,
            address: ["1008901", "東京都", "千代田区", "霞が関１丁目３－１"],
        };
        let e = equipment_owner(&offices, "NAC001", Some(&elsewhere)).unwrap_err();
        assert!(matches!(e, SharingError::OwnerOtherAddress { .. }));
        assert!(
            e.japanese().contains("〒2120013 神奈川県川崎市幸区堀川町"),
            "{}",
            e.japanese()
        );
        // Before 事業所・企業 入力 is accepted only existence counts.
        assert!(equipment_owner(&offices, "NAC001", None).is_ok());
    }

    #[test]
    fn another_company_is_joint_use_and_needs_the_proxy() {
        let c = seeded();
        let offices = refs(&c);
        let other = Applicant {
            company: "東海精密機器株式会社",
            address: ["4600008", "愛知県", "名古屋市中区", "栄三丁目１５番３３号"],
        };
        let owner = equipment_owner(&offices, "SAI001", Some(&other)).unwrap();
        assert_eq!(owner.kind, SharingKind::JointUse);
        let e = joint_use_proxy(&owner, 0).unwrap_err();
        assert_eq!(e, SharingError::JointUseWithoutProxy("SAI001".into()));
        assert!(
            !e.japanese().contains("サイバーポート"),
            "never names the other company"
        );
        assert!(joint_use_proxy(&owner, 1).is_ok());
        let same = equipment_owner(
            &offices,
            "NAC001",
            Some(&Applicant {
                company: NAC,
                address: SAME,
            }),
        )
        .unwrap();
        assert!(joint_use_proxy(&same, 0).is_ok());
    }

    #[test]
    fn shared_codes_exist_belong_to_the_company_and_to_one_office() {
        let c = seeded();
        let offices = refs(&c);
        let sai = "サイバーポート株式会社";
        assert_eq!(shared_code(&offices, "cp999", Some(sai)), Ok("SAI001"));
        assert_eq!(
            shared_code(&offices, "ZZ999", Some(sai)),
            Err(SharingError::SharedCodeUnknown("ZZ999".into()))
        );
        assert_eq!(
            shared_code(&offices, "1ANAC", Some(sai)),
            Err(SharingError::SharedCodeOtherCompany("1ANAC".into()))
        );
        assert_eq!(shared_code(&offices, "1ANAC", None), Ok("NAC001"));
        assert!(shared_codes_of_one_office(&offices, &["1ANAC", "1ANAC"], Some(NAC)).is_ok());
        assert_eq!(
            shared_codes_of_one_office(&offices, &["1ANAC", "1BNAC"], Some(NAC)),
            Err(SharingError::CodesOfSeveralOffices(
                "1ANAC".into(),
                "1BNAC".into()
            ))
        );
    }
}
