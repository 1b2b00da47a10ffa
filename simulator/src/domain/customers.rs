//! Existing NACCS customers a workspace starts with, so that the procedures for existing
//! offices (change application M001, 機器共用 M002, Cyberport M003, system settings M004) have
//! real counterparts: companies, offices, people, contracts (利用者IDs, terminals, plan) and
//! monthly invoices.
//!
//! Two kinds:
//! - [`fixed_offices`]: the manuals' own examples, the same in every workspace but for drawn
//!   secrets (passwords, 認証コード2/3) and usage amounts: ナックスシステム株式会社 本社 NAC001 with
//!   terminal 99999W (M001, M002), its 機器共用 office NAC002 (M002), and サイバーポート株式会社
//!   holding the 利用者コード CP999 (M003);
//! - [`seeded_offices`]: made-up companies from the tables in `fixtures/customers/` (names and
//!   company-name parts with their katakana readings, real addresses with Japan Post's
//!   readings; see its README.md), with contracts issued by [`issuance`] itself so that their
//!   IDs have exactly the shapes approval gives.
//!
//! Everything is drawn from the [`SimRng`] passed in, so a seed gives the same customers on
//! every machine. A workspace should pass a generator of its own stream
//! (`SimRng::new(seed, n)`) so that seeding does not shift the IDs issued later. No `fake`
//! crate: its Japanese locale has neither readings nor Japanese addresses, and these tables
//! cover what the screens need.

use std::collections::HashSet;
use std::sync::OnceLock;

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::calendar::schedule;
use crate::domain::calendar::{
    add_business_days, first_business_day_of_month, previous_business_day_on_or_before,
};
use crate::domain::issuance::{
    self, IdentRequest, IssueRequest, Issued, IssuedTerminal, IssuedUserId, UserCodeRequest,
};
use crate::domain::lists::{CustomsOffice, FeePlan, Industry, ProcessingMethod, SystemKind};
use crate::rng::SimRng;

/// A person of an office: 契約者, 管理責任者 or 申込担当者 (the form's fields; those the form
/// does not ask for a role are empty, e.g. the 契約者's phone).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub last_name: String,
    pub first_name: String,
    pub last_name_kana: String,
    pub first_name_kana: String,
    /// 所属部署名.
    pub department: String,
    /// 役職名.
    pub title: String,
    pub tel: String,
    pub fax: String,
    pub email: String,
}

/// One month's bill (請求金額の参照).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invoice {
    /// The month billed, as its first day.
    pub month: NaiveDate,
    /// What is paid: [`Invoice::basic_yen`] + [`Invoice::usage_yen`] + [`Invoice::tax_yen`].
    pub amount_yen: u64,
    /// When the amount was fixed (新着情報 「前月分の請求額が確定しました。」).
    pub issued_on: NaiveDate,
    /// 支払期限.
    pub due_on: NaiveDate,
    pub paid: bool,
    /// プランA's 基本料金: 5,000円 per terminal (M002 ⑧); 0 with プランB.
    pub basic_yen: u64,
    /// 従量料金.
    pub usage_yen: u64,
    /// 消費税 on basic and usage (the fees are quoted 税抜き, M002 ⑧).
    pub tax_yen: u64,
}

/// An office with a NACCS contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contract {
    pub company: String,
    pub company_kana: String,
    pub office_name: String,
    pub office_kana: String,
    pub postal: String,
    pub prefecture: String,
    pub city: String,
    /// 住所(その他): town, block numbers and building, full-width.
    pub street: String,
    /// 住所(フリガナ) of the whole address.
    pub address_kana: String,
    pub tel: String,
    pub fax: String,
    pub customs: CustomsOffice,
    pub contractor: Person,
    pub manager: Person,
    pub issued: Issued,
    /// 適用料金: netNACCS's, or 一般NACCS's when `general` is set (one plan per application,
    /// M000 【21】, M003 料金プラン 入力).
    pub plan: FeePlan,
    pub start_date: NaiveDate,
    /// The last 12 months' bills, oldest first.
    pub invoices: Vec<Invoice>,
    /// The 一般NACCS contract (lines and mailboxes) of an office approved on the 一般NACCS path
    /// (M003); none for netNACCS offices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub general: Option<GeneralContract>,
}

/// The 一般NACCS part of a contract: the lines with their ルータ番号, and the mailboxes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GeneralContract {
    pub lines: Vec<ContractLine>,
    /// メールボックス数 (SMTP/POP3).
    pub mailboxes_smtp_pop3: u32,
    /// メールボックス数 (EDIFACT).
    pub mailboxes_edifact: u32,
}

/// A 一般NACCS line of a contract, as 契約情報 参照 lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractLine {
    /// ルータ番号.
    pub router: u32,
    /// 区分.
    pub system: SystemKind,
    /// 接続方式, 接続種別, アクセス速度・回線種別, 設置場所 as printed.
    pub connection: String,
    pub kind: String,
    pub access: String,
    pub site: String,
    /// EDIFACTの要否.
    pub edifact: bool,
    /// 他事業所と共用.
    pub shared: bool,
}

/// プランA's 基本料金 per terminal and month, before tax (M002 ⑧: 「1端末ごと月額5,000円
/// （税抜き）」; procedures.md §11).
pub const BASIC_FEE_PER_TERMINAL_YEN: u64 = 5_000;

/// The customers every workspace has: [`fixed_offices`] then `count` [`seeded_offices`],
/// all their identifiers distinct.
pub fn customers(rng: &mut SimRng, today: NaiveDate, count: usize) -> Vec<Contract> {
    let mut out = fixed_offices(rng, today);
    out.extend(seeded_offices(rng, today, count));
    out
}

// ---------------------------------------------------------------------------
// The manuals' own examples
// ---------------------------------------------------------------------------

/// The manuals' examples as existing customers:
///
/// - ナックスシステム株式会社 本社, 企業略称 NAC, 事業所コード NAC001, 請求先コード 9999999
///   (M001 and M002 ID通知内容), one netNACCS terminal 99999W with 端末アクセスキー 9999999999999
///   and 認証コード1 NAC999W (M001 契約情報, where 「現在の契約端末台数 = 1台」), 利用者コード 1ANAC
///   (M002). The address is M002's (川崎市幸区堀川町９９９ ナックスタワー１階, 管轄税関 横浜) with
///   the real 〒2120013 of 堀川町 for M002's placeholder 9990000, which Japan Post does not know;
///   the 契約者 南楠 太郎 is M002 ③-3's (OCR kanji, reading ナックス タロウ as printed); the
///   管理責任者 is 通関 花子, M001 ⑤'s 申込担当者, so M001's pre-filled values match. M001 prints
///   東京税関 on its ID通知内容 for an anonymous 「---商事」: M002's 横浜 is kept, which is also
///   the customs office of 川崎.
/// - its 機器共用 office NAC002 (M002: same company, same address, 利用者IDs only, 1B beside the
///   owner's 1A, no terminals), 管理責任者 保税 花子 of M002 ③-4.
/// - サイバーポート株式会社 本社 (M003), the netNACCS user that holds 利用者コード CP999 with the
///   通関士IDs AA1 and BB1 of M003's table, so that the Cyberport application (共用 CP999,
///   SMTP双方向) gets YA1 and YB1 as M003 shows. Its 略称 SAI is what
///   [`issuance::company_abbreviation`] gives for its reading. 港湾 太郎 (M003) is its
///   管理責任者, with a valid address for M003's 「cyberport@jp」; the 契約者 is made up.
///
/// Identifiers (略称, codes, terminal names, access keys, 請求先コード) are literals, so that
/// [`seeded_offices`] can avoid them whatever the generator; passwords, 認証コード2/3 and usage
/// amounts are drawn. The start dates lie 5, 1 and 3 years before `today`.
pub fn fixed_offices(rng: &mut SimRng, today: NaiveDate) -> Vec<Contract> {
    let nac_company = "ナックスシステム株式会社";
    let nac_kana = "ナックスシステムカブシキカイシャ";
    let contractor = person(
        ("南楠", "太郎"),
        ("ナックス", "タロウ"),
        "",
        "代表取締役社長",
        ("", "", ""),
    );
    let nac001_issued = Issued {
        company_abbr: "NAC".into(),
        office_code: "NAC001".into(),
        office_password: issuance::office_password(rng),
        billing_code: "9999999".into(),
        user_ids: vec![
            fixed_id(
                rng,
                Industry::CustomsBroker,
                "1ANAC",
                "A0A",
                SystemKind::Sea,
            ),
            fixed_id(rng, Industry::Consolidator, "1ANAC", "A0B", SystemKind::Sea),
        ],
        terminals: vec![fixed_terminal(
            rng,
            "NAC",
            "NAC001",
            "99999W",
            "9999999999999",
        )],
        sharing_office: None,
    };
    let nac001 = fixed_office(
        rng,
        today,
        FixedOffice {
            company: nac_company,
            company_kana: nac_kana,
            office_name: "本社",
            office_kana: "ホンシャ",
            postal: "2120013",
            prefecture: "神奈川県",
            city: "川崎市幸区",
            street: "堀川町９９９　ナックスタワー１階",
            address_kana: "カナガワケンカワサキシサイワイクホリカワチョウ９９９　ナックスタワー１カイ",
            tel: "0312345678",
            fax: "0398765432",
            customs: CustomsOffice::Yokohama,
            contractor: contractor.clone(),
            manager: person(
                ("通関", "花子"),
                ("ツウカン", "ハナコ"),
                "第一通関部　通関課",
                "係長",
                ("0312345678", "0398765432", "tuukan-hanako@naccs.co.jp"),
            ),
            issued: nac001_issued,
            plan: FeePlan::BasicPlusUsage,
            years_ago: 5,
        },
    );
    let nac002_issued = Issued {
        company_abbr: "NAC".into(),
        office_code: "NAC002".into(),
        office_password: issuance::office_password(rng),
        billing_code: "9999998".into(),
        user_ids: vec![fixed_id(
            rng,
            Industry::CustomsBroker,
            "1BNAC",
            "A0A",
            SystemKind::Sea,
        )],
        terminals: Vec::new(),
        sharing_office: Some("NAC001".into()),
    };
    let nac002 = fixed_office(
        rng,
        today,
        FixedOffice {
            company: nac_company,
            company_kana: nac_kana,
            office_name: "通関事業所",
            office_kana: "ツウカンジギョウショ",
            postal: &nac001.postal,
            prefecture: &nac001.prefecture,
            city: &nac001.city,
            street: &nac001.street,
            address_kana: &nac001.address_kana,
            tel: "0355559999",
            fax: "0388881111",
            customs: CustomsOffice::Yokohama,
            contractor,
            manager: person(
                ("保税", "花子"),
                ("ホゼイ", "ハナコ"),
                "営業一課",
                "課長",
                ("0355559999", "0388881111", "Hozei.hanako@naccs.co.jp"),
            ),
            issued: nac002_issued,
            plan: FeePlan::UsageOnly,
            years_ago: 1,
        },
    );
    let sai_issued = Issued {
        company_abbr: "SAI".into(),
        office_code: "SAI001".into(),
        office_password: issuance::office_password(rng),
        billing_code: "9999997".into(),
        user_ids: ["A0A", "AA1", "BB1"]
            .into_iter()
            .map(|ident| {
                fixed_id(
                    rng,
                    Industry::CustomsBroker,
                    "CP999",
                    ident,
                    SystemKind::Sea,
                )
            })
            .collect(),
        terminals: vec![
            fixed_terminal(rng, "SAI", "SAI001", "77777W", "7777777777777"),
            fixed_terminal(rng, "SAI", "SAI001", "66666W", "6666666666666"),
        ],
        sharing_office: None,
    };
    let sai001 = fixed_office(
        rng,
        today,
        FixedOffice {
            company: "サイバーポート株式会社",
            company_kana: "サイバーポートカブシキガイシャ",
            office_name: "本社",
            office_kana: "ホンシャ",
            postal: "1050003",
            prefecture: "東京都",
            city: "港区",
            street: "西新橋１－２－３",
            address_kana: "トウキョウトミナトクニシシンバシ１－２－３",
            tel: "0301234567",
            fax: "0398765432",
            customs: CustomsOffice::Tokyo,
            contractor: person(
                ("港湾", "一郎"),
                ("コウワン", "イチロウ"),
                "",
                "代表取締役社長",
                ("", "", ""),
            ),
            manager: person(
                ("港湾", "太郎"),
                ("コウワン", "タロウ"),
                "港湾部",
                "部長",
                ("0301234567", "0398765432", "cyberport@cyberport.co.jp"),
            ),
            issued: sai_issued,
            plan: FeePlan::UsageOnly,
            years_ago: 3,
        },
    );
    vec![nac001, nac002, sai001]
}

struct FixedOffice<'a> {
    company: &'a str,
    company_kana: &'a str,
    office_name: &'a str,
    office_kana: &'a str,
    postal: &'a str,
    prefecture: &'a str,
    city: &'a str,
    street: &'a str,
    address_kana: &'a str,
    tel: &'a str,
    fax: &'a str,
    customs: CustomsOffice,
    contractor: Person,
    manager: Person,
    issued: Issued,
    plan: FeePlan,
    years_ago: u64,
}

fn fixed_office(rng: &mut SimRng, today: NaiveDate, f: FixedOffice<'_>) -> Contract {
    let start_date = start_on_or_after(today - Days::new(365 * f.years_ago));
    let invoices = invoices(rng, f.plan, &f.issued, start_date, today);
    Contract {
        company: f.company.into(),
        company_kana: f.company_kana.into(),
        office_name: f.office_name.into(),
        office_kana: f.office_kana.into(),
        postal: f.postal.into(),
        prefecture: f.prefecture.into(),
        city: f.city.into(),
        street: f.street.into(),
        address_kana: f.address_kana.into(),
        tel: f.tel.into(),
        fax: f.fax.into(),
        customs: f.customs,
        contractor: f.contractor,
        manager: f.manager,
        issued: f.issued,
        plan: f.plan,
        start_date,
        invoices,
        general: None,
    }
}

fn fixed_id(
    rng: &mut SimRng,
    industry: Industry,
    user_code: &str,
    ident: &str,
    system: SystemKind,
) -> IssuedUserId {
    IssuedUserId {
        industries: vec![industry],
        method: ProcessingMethod::NetNaccs,
        user_code: user_code.into(),
        ident: ident.into(),
        password: issuance::user_id_password(rng),
        system,
        shared: false,
    }
}

fn fixed_terminal(
    rng: &mut SimRng,
    abbr: &str,
    office_code: &str,
    name: &str,
    access_key: &str,
) -> IssuedTerminal {
    IssuedTerminal {
        system: SystemKind::Sea,
        model: "net".into(),
        package: "net".into(),
        name: name.into(),
        access_key: access_key.into(),
        auth_codes: [
            issuance::auth_code_1(abbr, name),
            rng.upper_alnum(6),
            rng.upper_alnum(5),
        ],
        office_code: office_code.into(),
        router: None,
    }
}

fn person(
    (last_name, first_name): (&str, &str),
    (last_kana, first_kana): (&str, &str),
    department: &str,
    title: &str,
    (tel, fax, email): (&str, &str, &str),
) -> Person {
    Person {
        last_name: last_name.into(),
        first_name: first_name.into(),
        last_name_kana: last_kana.into(),
        first_name_kana: first_kana.into(),
        department: department.into(),
        title: title.into(),
        tel: tel.into(),
        fax: fax.into(),
        email: email.into(),
    }
}

// ---------------------------------------------------------------------------
// Made-up customers
// ---------------------------------------------------------------------------

/// `count` offices of made-up companies: names and readings from the fixture tables, real
/// addresses with Japan Post's readings and their 管轄税関, contracts issued by [`issuance`]
/// (1–2 利用者コード, 1–3 識別番号 per 業種, 1–5 netNACCS terminals, now and then an ebMS terminal
/// or a webNACCS certificate), a start date 2 months to 10 years back and the bills of the last
/// 12 months. About one company in five has a second office: a branch elsewhere with its own
/// terminals, or a 機器共用 office at the same address without any (M002).
///
/// 輸出入者（貿易管理サブシステム利用） companies get V1 codes, 従量のみ and no bills: METI pays
/// their use (M000 【21】). Nothing collides with [`fixed_offices`] or within the result.
pub fn seeded_offices(rng: &mut SimRng, today: NaiveDate, count: usize) -> Vec<Contract> {
    let t = tables();
    let fixed = fixed_offices(&mut SimRng::new(0, 0), today);
    let mut used: HashSet<String> = fixed.iter().flat_map(|o| o.issued.used_values()).collect();
    let mut companies: HashSet<String> = fixed.iter().map(|o| o.company.clone()).collect();
    let mut out: Vec<Contract> = Vec::new();
    while out.len() < count {
        let company = new_company(rng, t, &mut companies);
        let head = new_office(rng, today, t, &company, OfficeKind::Head, &mut used);
        let second = out.len() + 1 < count && rng.below(5) == 0;
        out.push(head);
        if second {
            let owner = out.last().cloned();
            let kind = match owner {
                Some(owner) if rng.below(2) == 0 => OfficeKind::Sharing(Box::new(owner)),
                Some(owner) => OfficeKind::Branch(Box::new(owner)),
                None => OfficeKind::Head,
            };
            out.push(new_office(rng, today, t, &company, kind, &mut used));
        }
    }
    out
}

struct Company {
    name: String,
    kana: String,
    domain: String,
    industries: Vec<Industry>,
    contractor: Person,
}

enum OfficeKind {
    Head,
    /// Another office of the company, elsewhere, with its own terminals.
    Branch(Box<Contract>),
    /// A 機器共用 office using this office's terminals: same address (M002).
    Sharing(Box<Contract>),
}

fn pick<'a, T>(rng: &mut SimRng, items: &'a [T]) -> &'a T {
    &items[rng.below(items.len() as u64) as usize]
}

fn new_company(rng: &mut SimRng, t: &Tables, names: &mut HashSet<String>) -> Company {
    // Company names repeat in real life too; after many tries a repeat is accepted rather
    // than looping forever on a table that has run out of combinations.
    let mut attempt = 0;
    loop {
        attempt += 1;
        let head = pick(rng, &t.heads);
        let trade = pick(rng, &t.trades);
        let (name, kana) = match rng.below(20) {
            0..=13 => (
                format!("{}{}株式会社", head.kanji, trade.kanji),
                format!("{}{}カブシキガイシャ", head.kana, trade.kana),
            ),
            14..=17 => (
                format!("株式会社{}{}", head.kanji, trade.kanji),
                format!("カブシキガイシャ{}{}", head.kana, trade.kana),
            ),
            18 => (
                format!("{}{}有限会社", head.kanji, trade.kanji),
                format!("{}{}ユウゲンガイシャ", head.kana, trade.kana),
            ),
            _ => (
                format!("{}{}合同会社", head.kanji, trade.kanji),
                format!("{}{}ゴウドウガイシャ", head.kana, trade.kana),
            ),
        };
        if !names.insert(name.clone()) && attempt < 200 {
            continue;
        }
        let domain = format!("{}-{}.co.jp", head.ascii, trade.ascii);
        let title = if name.contains("合同会社") {
            "代表社員"
        } else {
            *pick(rng, &["代表取締役社長", "代表取締役", "取締役社長"])
        };
        let (family, given) = (pick(rng, &t.family), pick(rng, &t.given));
        let contractor = person(
            (family.kanji, given.kanji),
            (family.kana, given.kana),
            "",
            title,
            ("", "", ""),
        );
        return Company {
            name,
            kana,
            domain,
            industries: trade.industries.clone(),
            contractor,
        };
    }
}

const DEPARTMENTS: &[&str] = &[
    "業務部",
    "通関部",
    "営業部",
    "物流部",
    "総務部",
    "管理部",
    "輸入課",
    "輸出課",
    "通関課",
    "業務課",
    "情報システム部",
    "国際物流部",
    "海外事業部",
    "貿易部",
];
const MANAGER_TITLES: &[&str] = &["部長", "次長", "課長", "係長", "主任", "室長"];
const BRANCH_SUFFIXES: &[(&str, &str)] = &[
    ("営業所", "エイギョウショ"),
    ("支店", "シテン"),
    ("事業所", "ジギョウショ"),
    ("物流センター", "ブツリュウセンター"),
];
const SHARING_SUFFIXES: &[(&str, &str)] = &[
    ("通関事業所", "ツウカンジギョウショ"),
    ("業務センター", "ギョウムセンター"),
    ("輸入事業所", "ユニュウジギョウショ"),
];
const BUILDINGS: &[(&str, &str)] = &[
    ("第一ビル", "ダイイチビル"),
    ("第二ビル", "ダイニビル"),
    ("中央ビル", "チュウオウビル"),
    ("港ビル", "ミナトビル"),
    ("国際ビル", "コクサイビル"),
    ("海岸ビル", "カイガンビル"),
    ("物流センター", "ブツリュウセンター"),
    ("ポートビル", "ポートビル"),
    ("センタービル", "センタービル"),
    ("貿易ビル", "ボウエキビル"),
];

fn new_office(
    rng: &mut SimRng,
    today: NaiveDate,
    t: &Tables,
    company: &Company,
    kind: OfficeKind,
    used: &mut HashSet<String>,
) -> Contract {
    // Where: a fixture address, or the owner's for 機器共用.
    let (row, postal, prefecture, city, street, address_kana, customs) = match &kind {
        OfficeKind::Sharing(owner) => (
            t.addresses
                .iter()
                .find(|a| a.code == owner.postal)
                .unwrap_or(&t.addresses[0]),
            owner.postal.clone(),
            owner.prefecture.clone(),
            owner.city.clone(),
            owner.street.clone(),
            owner.address_kana.clone(),
            owner.customs,
        ),
        OfficeKind::Head | OfficeKind::Branch(_) => {
            let row = loop {
                let row = pick(rng, &t.addresses);
                match &kind {
                    OfficeKind::Branch(owner) if row.code == owner.postal => continue,
                    _ => break row,
                }
            };
            let (street, street_kana) = street(rng, row);
            (
                row,
                row.code.to_string(),
                row.prefecture.to_string(),
                row.city.to_string(),
                street,
                format!("{}{}{}", row.prefecture_kana, row.city_kana, street_kana),
                row.customs,
            )
        }
    };
    let (office_name, office_kana) = match &kind {
        OfficeKind::Head => ("本社".to_string(), "ホンシャ".to_string()),
        OfficeKind::Branch(_) => {
            let (s, k) = pick(rng, BRANCH_SUFFIXES);
            (
                format!("{}{s}", row.place),
                format!("{}{k}", row.place_kana),
            )
        }
        OfficeKind::Sharing(_) => {
            let (s, k) = pick(rng, SHARING_SUFFIXES);
            (
                format!("{}{s}", row.place),
                format!("{}{k}", row.place_kana),
            )
        }
    };
    let tel = phone(rng, row.area_code);
    let fax = loop {
        let fax = phone(rng, row.area_code);
        if fax != tel {
            break fax;
        }
    };
    let manager = {
        let (family, given) = (pick(rng, &t.family), pick(rng, &t.given));
        let email = format!(
            "{}.{}@{}",
            issuance::romanize(given.kana),
            issuance::romanize(family.kana),
            company.domain
        );
        let direct = phone(rng, row.area_code);
        person(
            (family.kanji, given.kanji),
            (family.kana, given.kana),
            pick::<&str>(rng, DEPARTMENTS),
            pick::<&str>(rng, MANAGER_TITLES),
            (direct.as_str(), fax.as_str(), email.as_str()),
        )
    };

    // The contract, issued as approval would issue it.
    let trade_control = company.industries.contains(&Industry::TradeControlTrader);
    let user_codes = contract_rows(rng, &company.industries);
    let system = user_codes
        .first()
        .map(|u| u.system)
        .unwrap_or(SystemKind::Sea);
    let (terminals_net, terminals_ebms, certificates_web) = match &kind {
        OfficeKind::Sharing(_) => (0, 0, 0),
        _ if trade_control => (rng.between(1, 2) as u32, 0, 0),
        _ => (
            rng.between(1, 5) as u32,
            u32::from(rng.below(10) == 0),
            u32::from(rng.below(10) == 0),
        ),
    };
    let owner_code = match &kind {
        OfficeKind::Sharing(owner) => Some(owner.issued.office_code.clone()),
        _ => None,
    };
    let company_abbr = match &kind {
        OfficeKind::Branch(owner) | OfficeKind::Sharing(owner) => {
            Some(owner.issued.company_abbr.clone())
        }
        OfficeKind::Head => None,
    };
    let req = IssueRequest {
        company_kana: company.kana.clone(),
        user_codes,
        terminals_net,
        terminals_ebms,
        certificates_web,
        sharing_office: owner_code,
        system,
    };
    let issued = {
        let taken = |v: &str| used.contains(v);
        issuance::issue_for_company(rng, &req, company_abbr.as_deref(), &taken)
    };
    used.extend(issued.used_values());

    // M000 【21】: 貿易管理サブシステム users choose 従量のみ; a 機器共用 office has no terminal
    // a 基本料金 could be charged for.
    let plan = if trade_control || matches!(kind, OfficeKind::Sharing(_)) {
        FeePlan::UsageOnly
    } else if rng.below(2) == 0 {
        FeePlan::BasicPlusUsage
    } else {
        FeePlan::UsageOnly
    };
    let start_date = match &kind {
        OfficeKind::Head => start_on_or_after(today - Days::new(rng.between(60, 3_650))),
        // Later offices of a company start after its first one.
        OfficeKind::Branch(owner) | OfficeKind::Sharing(owner) => {
            let span = (today - owner.start_date).num_days().max(61) as u64;
            start_on_or_after(today - Days::new(rng.between(45, span - 15)))
        }
    };
    let invoices = invoices(rng, plan, &issued, start_date, today);
    Contract {
        company: company.name.clone(),
        company_kana: company.kana.clone(),
        office_name,
        office_kana,
        postal,
        prefecture,
        city,
        street,
        address_kana,
        tel,
        fax,
        customs,
        contractor: company.contractor.clone(),
        manager,
        issued,
        plan,
        start_date,
        invoices,
        general: None,
    }
}

/// 利用者コード rows for a company of these 業種 (the first is its usual one): one code, or
/// now and then two; 1–3 識別番号 per 業種, netNACCS, SSO 否 (one 業種 per row).
fn contract_rows(rng: &mut SimRng, industries: &[Industry]) -> Vec<UserCodeRequest> {
    let Some(main) = industries.first().copied() else {
        return Vec::new();
    };
    let mut chosen = vec![main];
    if let Some(other) = industries.get(1).copied()
        && rng.below(5) < 2
    {
        chosen.push(other);
    }
    let setting = |rng: &mut SimRng, industry: Industry| IdentRequest {
        industries: vec![industry],
        method: ProcessingMethod::NetNaccs,
        // Mostly one: M002 「基本は「1」で問題御座いません。」
        count: [1, 1, 1, 2, 2, 3][rng.below(6) as usize],
    };
    let system = system_for(rng, main);
    // A 貿易管理サブシステム row always has a code of its own: its codes are V1 codes
    // (procedures.md §11), never shared with other 業種.
    let separate = chosen.contains(&Industry::TradeControlTrader) || rng.below(3) == 0;
    if chosen.len() == 2 && separate {
        // 業種毎に利用者コードを分ける (M002: 通関1ANAC, 混載1BNAC).
        chosen
            .into_iter()
            .map(|industry| UserCodeRequest {
                system: system_for(rng, industry),
                settings: vec![setting(rng, industry)],
                shared_code: None,
            })
            .collect()
    } else {
        let settings = chosen.into_iter().map(|i| setting(rng, i)).collect();
        vec![UserCodeRequest {
            system,
            settings,
            shared_code: None,
        }]
    }
}

/// The システム区分 a company of this 業種 would choose.
fn system_for(rng: &mut SimRng, industry: Industry) -> SystemKind {
    use Industry::*;
    match industry {
        Shipping | ShipAgent | ShippingLine | ContainerYard | Insurer => SystemKind::Sea,
        AirCargoAgent | AircraftSupplies | Airline | CaptainAgent => SystemKind::Air,
        // M000 【18】: 貿易管理サブシステム users choose 海上・航空共用.
        TradeControlTrader => SystemKind::SeaAndAir,
        BondedWarehouse => *pick(rng, &[SystemKind::Sea, SystemKind::Air]),
        _ => *pick(
            rng,
            &[
                SystemKind::Sea,
                SystemKind::Sea,
                SystemKind::Air,
                SystemKind::SeaAndAir,
                SystemKind::SeaAndAir,
            ],
        ),
    }
}

/// 住所(その他) and its reading: the town, block numbers (丁目－番－号 where the town has 丁目,
/// else 番地－号) and, for half the offices, a building and floor; all full-width, as the
/// (全角) field and M002's 「堀川町９９９ ナックスタワー１階」 write it.
fn street(rng: &mut SimRng, row: &AddressRow) -> (String, String) {
    let blocks = if row.max_chome > 0 {
        format!(
            "{}－{}－{}",
            rng.between(1, u64::from(row.max_chome)),
            rng.between(1, 20),
            rng.between(1, 30)
        )
    } else {
        format!("{}－{}", rng.between(1, 300), rng.between(1, 20))
    };
    let blocks = full_width(&blocks);
    let (building, building_kana) = if rng.below(2) == 0 {
        let (b, k) = pick(rng, BUILDINGS);
        let floor = full_width(&rng.between(1, 12).to_string());
        (format!("　{b}{floor}階"), format!("　{k}{floor}カイ"))
    } else {
        (String::new(), String::new())
    };
    (
        format!("{}{blocks}{building}", row.town),
        format!("{}{blocks}{building_kana}", row.town_kana),
    )
}

/// ASCII digits and hyphens to their full-width forms (the others are kept).
fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
            '-' => '－',
            _ => c,
        })
        .collect()
}

/// A 10-digit number in `area` (03 + 8 digits, 0476 + 6 …); the local part does not start
/// with 0 or 1, as Japanese subscriber numbers do not.
fn phone(rng: &mut SimRng, area: &str) -> String {
    let rest = 10usize.saturating_sub(area.len()).max(1);
    format!(
        "{area}{}{}",
        rng.between(2, 9),
        rng.string_from(b"0123456789", rest - 1)
    )
}

/// The first published start date on or after `d` (procedures.md §8).
fn start_on_or_after(d: NaiveDate) -> NaiveDate {
    schedule::start_dates_from(d).next().unwrap_or(d)
}

// ---------------------------------------------------------------------------
// Invoices
// ---------------------------------------------------------------------------

/// 消費税 in percent for a month's fees: 10% from October 2019, 8% from April 2014, else 5%.
pub fn consumption_tax_percent(month: NaiveDate) -> u64 {
    let from = |y, m| NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(NaiveDate::MIN);
    if month >= from(2019, 10) {
        10
    } else if month >= from(2014, 4) {
        8
    } else {
        5
    }
}

/// The bill of `month` for `terminals` terminals and `usage_yen` of usage, unpaid.
///
/// The dates are inferred (the manuals do not show an invoice): the amount is fixed on the 5th
/// business day of the next month (新着情報 「前月分の請求額が確定しました。」), and due on that
/// month's last business day. プランA charges the whole month's 基本料金 even in the month the
/// contract starts.
pub fn monthly_invoice(month: NaiveDate, plan: FeePlan, terminals: u64, usage_yen: u64) -> Invoice {
    let month = month.with_day(1).unwrap_or(month);
    let next = month.checked_add_months(Months::new(1)).unwrap_or(month);
    let issued_on = add_business_days(first_business_day_of_month(next), 4);
    let last_day = next
        .checked_add_months(Months::new(1))
        .and_then(|m| m.pred_opt())
        .unwrap_or(next);
    let due_on = previous_business_day_on_or_before(last_day);
    let basic_yen = match plan {
        FeePlan::BasicPlusUsage => BASIC_FEE_PER_TERMINAL_YEN * terminals,
        FeePlan::UsageOnly => 0,
    };
    let tax_yen = (basic_yen + usage_yen) * consumption_tax_percent(month) / 100;
    Invoice {
        month,
        amount_yen: basic_yen + usage_yen + tax_yen,
        issued_on,
        due_on,
        paid: false,
        basic_yen,
        usage_yen,
        tax_yen,
    }
}

/// The bills of the last 12 months (at most; none before the start month, none not yet
/// issued on `today`), oldest first; those due before `today` are paid. Usage is drawn per
/// billable 利用者ID and month; 貿易管理サブシステム IDs are free (M000 【21】), and an office
/// with nothing to bill gets no bills.
fn invoices(
    rng: &mut SimRng,
    plan: FeePlan,
    issued: &Issued,
    start: NaiveDate,
    today: NaiveDate,
) -> Vec<Invoice> {
    let billable = issued
        .user_ids
        .iter()
        .filter(|u| !u.industries.contains(&Industry::TradeControlTrader))
        .count();
    let terminals = issued.terminals.len() as u64;
    let basic_charged = plan == FeePlan::BasicPlusUsage && terminals > 0;
    if billable == 0 && !basic_charged {
        return Vec::new();
    }
    let bases: Vec<u64> = (0..billable).map(|_| rng.between(1_000, 30_000)).collect();
    let Some(this_month) = today.with_day(1) else {
        return Vec::new();
    };
    let first_month = start.with_day(1).unwrap_or(start);
    let mut months: Vec<NaiveDate> = (1..=13)
        .filter_map(|k| this_month.checked_sub_months(Months::new(k)))
        .filter(|m| *m >= first_month)
        .filter(|m| monthly_invoice(*m, plan, 0, 0).issued_on <= today)
        .take(12)
        .collect();
    months.reverse();
    months
        .into_iter()
        .map(|month| {
            let usage: u64 = bases.iter().map(|b| b * rng.between(60, 140) / 100).sum();
            let mut invoice = monthly_invoice(month, plan, terminals, usage);
            invoice.paid = invoice.due_on < today;
            invoice
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Fixture tables (fixtures/customers/, see its README.md)
// ---------------------------------------------------------------------------

struct Name {
    kanji: &'static str,
    kana: &'static str,
}

struct CompanyPart {
    kanji: &'static str,
    kana: &'static str,
    ascii: &'static str,
    industries: Vec<Industry>,
}

struct AddressRow {
    code: &'static str,
    prefecture: &'static str,
    city: &'static str,
    town: &'static str,
    prefecture_kana: &'static str,
    city_kana: &'static str,
    town_kana: &'static str,
    max_chome: u32,
    place: &'static str,
    place_kana: &'static str,
    area_code: &'static str,
    customs: CustomsOffice,
}

struct Tables {
    family: Vec<Name>,
    given: Vec<Name>,
    heads: Vec<CompanyPart>,
    trades: Vec<CompanyPart>,
    addresses: Vec<AddressRow>,
}

const FAMILY_NAMES: &str = include_str!("../../../fixtures/customers/family_names.tsv");
const GIVEN_NAMES: &str = include_str!("../../../fixtures/customers/given_names.tsv");
const COMPANY_HEADS: &str = include_str!("../../../fixtures/customers/company_heads.tsv");
const COMPANY_TRADES: &str = include_str!("../../../fixtures/customers/company_trades.tsv");
const ADDRESSES: &str = include_str!("../../../fixtures/customers/addresses.tsv");

/// The data lines of a TSV fixture, split on tabs (lines starting with # are comments).
fn records(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

fn names(text: &'static str) -> Vec<Name> {
    records(text)
        .filter_map(|r| match r[..] {
            [kanji, kana] => Some(Name { kanji, kana }),
            _ => None,
        })
        .collect()
}

fn company_parts(text: &'static str) -> Vec<CompanyPart> {
    records(text)
        .filter_map(|r| match r[..] {
            [kanji, kana, ascii] => Some(CompanyPart {
                kanji,
                kana,
                ascii,
                industries: Vec::new(),
            }),
            [kanji, kana, ascii, industries] => Some(CompanyPart {
                kanji,
                kana,
                ascii,
                industries: industries
                    .split(',')
                    .map(Industry::from_code)
                    .collect::<Option<Vec<_>>>()?,
            }),
            _ => None,
        })
        .collect()
}

fn addresses(text: &'static str) -> Vec<AddressRow> {
    records(text)
        .filter_map(|r| match r[..] {
            [
                code,
                prefecture,
                city,
                town,
                prefecture_kana,
                city_kana,
                town_kana,
                max_chome,
                place,
                place_kana,
                area_code,
                customs,
            ] => Some(AddressRow {
                code,
                prefecture,
                city,
                town,
                prefecture_kana,
                city_kana,
                town_kana,
                max_chome: max_chome.parse().ok()?,
                place,
                place_kana,
                area_code,
                customs: CustomsOffice::from_code(customs)?,
            }),
            _ => None,
        })
        .collect()
}

/// The parsed tables. The fixtures are compiled in and every row is checked by the tests, so
/// a malformed row is a build defect: it is skipped rather than failing a workspace.
fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| Tables {
        family: names(FAMILY_NAMES),
        given: names(GIVEN_NAMES),
        heads: company_parts(COMPANY_HEADS),
        trades: company_parts(COMPANY_TRADES),
        addresses: addresses(ADDRESSES),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::format::{
        BillingCode, Email, FaxNumber, IdentNumber, Katakana, OfficeCode, PhoneNumber, PostalCode,
        UserCode, Zenkaku,
    };
    use crate::domain::postal;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 18).unwrap()
    }

    fn all(seed: u64) -> Vec<Contract> {
        customers(&mut SimRng::new(seed, 2), today(), 40)
    }

    #[test]
    fn every_fixture_line_parses() {
        let t = tables();
        let count = |text: &'static str| records(text).count();
        assert_eq!(t.family.len(), count(FAMILY_NAMES));
        assert_eq!(t.given.len(), count(GIVEN_NAMES));
        assert_eq!(t.heads.len(), count(COMPANY_HEADS));
        assert_eq!(t.trades.len(), count(COMPANY_TRADES));
        assert_eq!(t.addresses.len(), count(ADDRESSES));
        assert!(t.family.len() >= 50 && t.given.len() >= 40 && t.addresses.len() >= 40);
        for n in t.family.iter().chain(&t.given) {
            assert!(Zenkaku::parse(n.kanji).is_ok(), "{}", n.kanji);
            assert!(Katakana::parse(n.kana).is_ok(), "{}", n.kana);
            assert!(!issuance::romanize(n.kana).is_empty(), "{}", n.kana);
        }
        for p in t.heads.iter().chain(&t.trades) {
            assert!(Zenkaku::parse(p.kanji).is_ok(), "{}", p.kanji);
            assert!(Katakana::parse(p.kana).is_ok(), "{}", p.kana);
            assert!(
                p.ascii.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{}",
                p.ascii
            );
        }
        assert!(t.trades.iter().all(|p| !p.industries.is_empty()));
    }

    #[test]
    fn fixture_addresses_are_real() {
        for row in &tables().addresses {
            let found = postal::lookup(row.code).unwrap_or_else(|| panic!("{}", row.code));
            assert_eq!(
                (found.prefecture, found.city, found.town),
                (row.prefecture, row.city, row.town),
                "{}",
                row.code
            );
            let kana = format!("{}{}{}", row.prefecture_kana, row.city_kana, row.town_kana);
            assert!(Katakana::parse(&kana).is_ok(), "{kana}");
            assert!(
                Katakana::parse(row.place_kana).is_ok(),
                "{}",
                row.place_kana
            );
            assert!(Zenkaku::parse(row.place).is_ok());
            assert!(row.area_code.starts_with('0') && (2..=5).contains(&row.area_code.len()));
            assert_ne!(row.customs, CustomsOffice::Unknown);
        }
    }

    fn check_person(p: &Person, role: &str) {
        let ctx = format!("{role} {p:?}");
        assert!(Zenkaku::parse(&p.last_name).is_ok(), "{ctx}");
        assert!(Zenkaku::parse(&p.first_name).is_ok(), "{ctx}");
        assert!(Katakana::parse(&p.last_name_kana).is_ok(), "{ctx}");
        assert!(Katakana::parse(&p.first_name_kana).is_ok(), "{ctx}");
        assert!(Zenkaku::parse(&p.title).is_ok(), "{ctx}");
        for (value, ok) in [
            (&p.department, Zenkaku::parse(&p.department).is_ok()),
            (&p.tel, PhoneNumber::parse(&p.tel).is_ok()),
            (&p.fax, FaxNumber::parse(&p.fax).is_ok()),
            (&p.email, Email::parse(&p.email).is_ok()),
        ] {
            assert!(value.is_empty() || ok, "{ctx}: {value}");
        }
    }

    #[test]
    fn every_value_passes_the_screens_formats() {
        for seed in [1, 2, 3] {
            for o in all(seed) {
                let ctx = format!("{} {}", o.company, o.office_name);
                for text in [
                    &o.company,
                    &o.office_name,
                    &o.prefecture,
                    &o.city,
                    &o.street,
                ] {
                    assert!(Zenkaku::parse(text).is_ok(), "{ctx}: {text}");
                }
                for kana in [&o.company_kana, &o.office_kana, &o.address_kana] {
                    assert!(Katakana::parse(kana).is_ok(), "{ctx}: {kana}");
                }
                assert!(PostalCode::parse(&o.postal).is_ok(), "{ctx}");
                let found = postal::lookup(&o.postal).unwrap_or_else(|| panic!("{ctx}"));
                assert_eq!(
                    (found.prefecture, found.city),
                    (o.prefecture.as_str(), o.city.as_str())
                );
                assert!(o.street.starts_with(found.town), "{ctx}: {}", o.street);
                assert!(PhoneNumber::parse(&o.tel).is_ok(), "{ctx}: {}", o.tel);
                assert!(FaxNumber::parse(&o.fax).is_ok(), "{ctx}: {}", o.fax);
                check_person(&o.contractor, "contractor");
                check_person(&o.manager, "manager");
                assert!(!o.manager.email.is_empty() && !o.manager.tel.is_empty());
                let ids = &o.issued;
                let office = OfficeCode::parse(&ids.office_code).unwrap();
                assert_eq!(office.company_abbreviation(), ids.company_abbr);
                assert!(ids.company_abbr.bytes().all(|b| b.is_ascii_uppercase()));
                assert!(BillingCode::parse(&ids.billing_code).is_ok());
                assert!(issuance::is_valid_user_id_password(&ids.office_password));
                assert!(!ids.user_ids.is_empty(), "{ctx}");
                for u in &ids.user_ids {
                    assert!(UserCode::parse(&u.user_code).is_ok(), "{ctx}");
                    assert!(IdentNumber::parse(&u.ident).is_ok(), "{ctx}");
                    assert!(issuance::is_valid_user_id_password(&u.password));
                    // 貿サブ IDs live under V1 codes, and V1 codes hold nothing else.
                    let trade_control = u.industries.contains(&Industry::TradeControlTrader);
                    assert_eq!(trade_control, u.user_code.starts_with("V1"), "{ctx}: {u:?}");
                    if trade_control {
                        assert_eq!(u.system, SystemKind::SeaAndAir);
                        assert!(u.ident.starts_with('F'));
                    }
                }
                for t in &ids.terminals {
                    assert_eq!(t.office_code, ids.office_code);
                    assert_eq!(
                        t.auth_codes[0],
                        issuance::auth_code_1(&ids.company_abbr, &t.name)
                    );
                    assert_eq!(t.access_key.len(), 13);
                }
                assert!(
                    o.start_date < today() && schedule::is_start_date(o.start_date),
                    "{ctx}"
                );
            }
        }
    }

    #[test]
    fn identifiers_are_unique() {
        let offices = all(5);
        assert_eq!(offices.len(), 43);
        let mut office_codes = HashSet::new();
        let mut values = HashSet::new();
        for o in &offices {
            assert!(office_codes.insert(o.issued.office_code.clone()));
            for u in &o.issued.user_ids {
                assert!(values.insert(u.user_id()), "{}", u.user_id());
            }
            for t in &o.issued.terminals {
                assert!(values.insert(t.name.clone()), "{}", t.name);
                assert!(values.insert(t.access_key.clone()));
            }
            assert!(values.insert(o.issued.billing_code.clone()));
        }
        // A 略称 and a 利用者コード belong to one company.
        let mut abbr_company = std::collections::HashMap::new();
        let mut code_company = std::collections::HashMap::new();
        for o in &offices {
            let c = abbr_company
                .entry(o.issued.company_abbr.clone())
                .or_insert(o.company.clone());
            assert_eq!(*c, o.company);
            for u in &o.issued.user_ids {
                let c = code_company
                    .entry(u.user_code.clone())
                    .or_insert(o.issued.office_code.clone());
                assert_eq!(
                    *c, o.issued.office_code,
                    "{} is issued to one office",
                    u.user_code
                );
            }
        }
    }

    #[test]
    fn same_seed_same_customers_other_seed_others() {
        let a = all(7);
        assert_eq!(a, all(7));
        let b = all(8);
        assert_ne!(a, b);
        // The manuals' examples are in both, with their fixed identifiers.
        assert_eq!(a[0].issued.office_code, b[0].issued.office_code);
        assert_ne!(a[0].issued.office_password, b[0].issued.office_password);
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(serde_json::from_str::<Vec<Contract>>(&json).unwrap(), a);
    }

    #[test]
    fn the_manuals_examples_are_there() {
        let offices = fixed_offices(&mut SimRng::new(1, 2), today());
        let nac = &offices[0];
        assert_eq!(nac.company, "ナックスシステム株式会社");
        assert_eq!(nac.issued.company_abbr, "NAC");
        assert_eq!(nac.issued.office_code, "NAC001");
        assert_eq!(nac.issued.billing_code, "9999999");
        assert_eq!(nac.issued.user_ids[0].user_id(), "1ANACA0A");
        let t = &nac.issued.terminals[..];
        assert_eq!(t.len(), 1);
        assert_eq!(
            (t[0].name.as_str(), t[0].auth_codes[0].as_str()),
            ("99999W", "NAC999W")
        );
        assert_eq!(t[0].access_key, "9999999999999");
        assert_eq!((t[0].model.as_str(), t[0].package.as_str()), ("net", "net"));
        assert_eq!(nac.customs, CustomsOffice::Yokohama);
        assert_eq!(nac.manager.email, "tuukan-hanako@naccs.co.jp");

        let sharing = &offices[1];
        assert_eq!(sharing.issued.office_code, "NAC002");
        assert_eq!(sharing.issued.sharing_office.as_deref(), Some("NAC001"));
        assert!(sharing.issued.terminals.is_empty());
        assert_eq!(
            (&sharing.company, &sharing.postal, &sharing.street),
            (&nac.company, &nac.postal, &nac.street)
        );
        assert_eq!(sharing.issued.user_ids[0].user_code, "1BNAC");

        let cp = &offices[2];
        assert_eq!(cp.company, "サイバーポート株式会社");
        let ids: Vec<String> = cp.issued.user_ids.iter().map(|u| u.user_id()).collect();
        assert_eq!(ids, ["CP999A0A", "CP999AA1", "CP999BB1"]);
        assert_eq!(
            cp.issued.company_abbr,
            issuance::company_abbreviation(&mut SimRng::new(0, 0), &cp.company_kana, &|_| false)
        );
        assert_eq!(postal::lookup(&cp.postal).map(|a| a.city), Some("港区"));

        // The Cyberport application, issued against these customers, gets M003's YA1 and YB1.
        let taken: HashSet<String> = offices
            .iter()
            .flat_map(|o| o.issued.used_values())
            .collect();
        let req = IssueRequest {
            company_kana: cp.company_kana.clone(),
            user_codes: vec![UserCodeRequest {
                system: SystemKind::Sea,
                settings: vec![IdentRequest {
                    industries: vec![Industry::CustomsBroker],
                    method: ProcessingMethod::SmtpBidirectional,
                    count: 2,
                }],
                shared_code: Some("CP999".into()),
            }],
            terminals_net: 0,
            terminals_ebms: 0,
            certificates_web: 0,
            sharing_office: None,
            system: SystemKind::Sea,
        };
        let got = issuance::issue(&mut SimRng::new(1, 0), &req, &|v| taken.contains(v));
        let idents: Vec<&str> = got.user_ids.iter().map(|u| u.ident.as_str()).collect();
        assert_eq!(idents, ["YA1", "YB1"]);
        // And M002's 機器共用 application for NAC001 gets the next office and code.
        let req = IssueRequest {
            company_kana: nac.company_kana.clone(),
            user_codes: vec![UserCodeRequest {
                system: SystemKind::Sea,
                settings: vec![IdentRequest {
                    industries: vec![Industry::CustomsBroker],
                    method: ProcessingMethod::NetNaccs,
                    count: 1,
                }],
                shared_code: None,
            }],
            terminals_net: 0,
            terminals_ebms: 0,
            certificates_web: 0,
            sharing_office: Some("NAC001".into()),
            system: SystemKind::Sea,
        };
        let got = issuance::issue(&mut SimRng::new(1, 0), &req, &|v| taken.contains(v));
        assert_eq!(got.office_code, "NAC003");
        assert_eq!(got.user_ids[0].user_id(), "1CNACA0A");
    }

    #[test]
    fn invoices_follow_plan_and_terminals() {
        let mut with_bills = 0;
        for o in all(11) {
            let terminals = o.issued.terminals.len() as u64;
            assert!(o.invoices.len() <= 12);
            let free = o
                .issued
                .user_ids
                .iter()
                .all(|u| u.industries.contains(&Industry::TradeControlTrader));
            if free {
                assert_eq!(o.plan, FeePlan::UsageOnly);
                assert!(o.invoices.is_empty(), "{}", o.company);
            }
            if !o.invoices.is_empty() {
                with_bills += 1;
            }
            for pair in o.invoices.windows(2) {
                assert_eq!(
                    pair[0].month.checked_add_months(Months::new(1)),
                    Some(pair[1].month)
                );
            }
            for i in &o.invoices {
                assert_eq!(i.month.day(), 1);
                assert!(i.month >= o.start_date.with_day(1).unwrap());
                assert!(i.month < today().with_day(1).unwrap());
                let basic = match o.plan {
                    FeePlan::BasicPlusUsage => 5_000 * terminals,
                    FeePlan::UsageOnly => 0,
                };
                assert_eq!(i.basic_yen, basic, "{}", o.company);
                assert_eq!(i.tax_yen, (i.basic_yen + i.usage_yen) / 10);
                assert_eq!(i.amount_yen, i.basic_yen + i.usage_yen + i.tax_yen);
                assert!(i.issued_on > i.month && i.issued_on <= today());
                assert!(i.due_on >= i.issued_on);
                assert_eq!(i.paid, i.due_on < today());
            }
            // A contract older than a year shows a full year.
            if o.start_date < today() - Days::new(400) && !free {
                assert_eq!(o.invoices.len(), 12, "{}", o.company);
            }
        }
        assert!(with_bills > 30);
    }

    #[test]
    fn invoice_dates_and_tax() {
        let may = NaiveDate::from_ymd_opt(2025, 5, 1).unwrap();
        let i = monthly_invoice(may, FeePlan::BasicPlusUsage, 2, 12_345);
        assert_eq!(i.basic_yen, 10_000);
        assert_eq!(i.tax_yen, 2_234);
        assert_eq!(i.amount_yen, 24_579);
        // June 2025: the 2nd is the first business day, the 5th business day is the 6th;
        // the last business day is Monday the 30th.
        assert_eq!(i.issued_on, NaiveDate::from_ymd_opt(2025, 6, 6).unwrap());
        assert_eq!(i.due_on, NaiveDate::from_ymd_opt(2025, 6, 30).unwrap());
        let old = NaiveDate::from_ymd_opt(2018, 12, 1).unwrap();
        assert_eq!(
            monthly_invoice(old, FeePlan::UsageOnly, 3, 1_000).tax_yen,
            80
        );
        assert_eq!(
            consumption_tax_percent(NaiveDate::from_ymd_opt(2014, 3, 1).unwrap()),
            5
        );
    }

    #[test]
    fn companies_with_two_offices() {
        let offices = all(13);
        let mut by_company: std::collections::HashMap<&str, Vec<&Contract>> =
            std::collections::HashMap::new();
        for o in &offices {
            by_company
                .entry(o.issued.company_abbr.as_str())
                .or_default()
                .push(o);
        }
        let pairs: Vec<_> = by_company.values().filter(|v| v.len() > 1).collect();
        assert!(!pairs.is_empty());
        for offices in pairs {
            let owner = offices[0];
            for other in &offices[1..] {
                assert_eq!(other.company, owner.company);
                assert!(other.start_date >= owner.start_date);
                if let Some(shared) = &other.issued.sharing_office {
                    // M002: same company, same address, no terminals.
                    assert_eq!(shared, &owner.issued.office_code);
                    assert_eq!(other.postal, owner.postal);
                    assert_eq!(other.street, owner.street);
                    assert!(other.issued.terminals.is_empty());
                }
            }
        }
    }
}
