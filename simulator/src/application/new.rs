//! The new application (新規利用申込, M000 【14】–【24】, procedures.md §3): what each input screen
//! contributes, and the 「…に同じ」 choices resolved by methods rather than by copying fields.

use super::person::{Address, Person, PersonName};
use super::record::Attachment;
use crate::domain::format::{
    BillingCode, Date8, Email, EmergencyFax, FaxNumber, Katakana, OfficeCode, PhoneNumber,
    PositiveCount, Text240, UserCode, Zenkaku,
};
use crate::domain::lists::{
    AccessSpeed, BackupKind, Bank, CustomsOffice, DeviceKind, FeePlan, Industry, LineConnection,
    LineKind, LineOption, LineType, MaintenanceHours, Necessity, ProcessingMethod, SharedUse,
    SystemKind,
};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// 申込担当者 入力 (M000 【15】): the person, and the 申込理由.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applicant {
    pub person: Person,
    /// 申込理由 (240文字以内).
    pub reason: Text240,
}

/// netNACCS or 一般NACCS, chosen with the button at the foot of 事業所・企業 入力 (M000 【16】(5)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Connection {
    NetNaccs,
    General,
}

impl Connection {
    /// As the screens name it.
    pub fn label(self) -> &'static str {
        match self {
            Connection::NetNaccs => "netNACCS",
            Connection::General => "一般NACCS",
        }
    }

    /// Whether a 処理方式 belongs to this connection: netNACCS, ebMS and webNACCS are netNACCS;
    /// インタラクティブ, インタ・POP3併用, SMTP/POP3 and SMTP双方向 are 一般NACCS (M003 shows SMTP双方向
    /// on the 一般NACCS path only, M003:l.472-481). One application is one of the two
    /// (M003:l.355-357; audit Q21).
    pub fn allows(self, method: ProcessingMethod) -> bool {
        let net = matches!(
            method,
            ProcessingMethod::NetNaccs | ProcessingMethod::Ebms | ProcessingMethod::WebNaccs
        );
        net == (self == Connection::NetNaccs)
    }

    /// Why `method` is refused on this connection's path.
    pub fn refusal(self, method: ProcessingMethod) -> String {
        format!(
            "{}の申込では、処理方式「{}」は選択できません。netNACCSと一般NACCSの両方を利用したい方は、一方の申込手続き完了後に、もう一方を追加する変更申込を行ってください。",
            self.label(),
            method.label()
        )
    }
}

/// 契約者に関する項目: 氏名 and 役職名.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contractor {
    pub name: PersonName,
    pub title: Zenkaku,
}

/// 本社に関する項目: 所在地 「事業所に同じ」 or its own address and numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "location", rename_all = "snake_case")]
pub enum HeadOffice {
    SameAsOffice,
    Other {
        address: Address,
        tel: PhoneNumber,
        fax: Option<FaxNumber>,
    },
}

/// 管理責任者に関する項目: 担当者 「事業所に同じ」, 「申込担当者と同じ」 or another person (M000
/// 【16】(5), l.940, 977-979).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "source", content = "person", rename_all = "snake_case")]
pub enum Manager {
    /// 「事業所に同じ」: the office itself is the person responsible; only the E-mailアドレス is
    /// typed (M000 l.978: 「「E-mailアドレス」欄のみ直接入力ください」), the rest is the office's
    /// ([`OfficeDetails::office_as_person`]).
    SameAsOffice {
        email: Email,
    },
    SameAsApplicant,
    Other(Box<Person>),
}

/// 緊急連絡用FAX番号1: the 管理責任者's FAX, the office's, or another number (M000 【16】(5)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "source", content = "number", rename_all = "snake_case")]
pub enum EmergencyFax1 {
    SameAsManager,
    SameAsOffice,
    Other(EmergencyFax),
}

/// 事業所・企業 入力 (M000 【16】): the start date, the office, the contractor, the head office,
/// the person responsible and the emergency FAX numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeDetails {
    /// 利用開始希望日.
    pub start_wish: Date8,
    pub company: Zenkaku,
    pub company_kana: Katakana,
    pub office_name: Zenkaku,
    pub office_kana: Katakana,
    pub address: Address,
    pub tel: PhoneNumber,
    pub fax: Option<FaxNumber>,
    /// 管轄税関.
    pub customs: CustomsOffice,
    pub contractor: Contractor,
    pub head_office: HeadOffice,
    pub manager: Manager,
    pub fax1: EmergencyFax1,
    pub fax2: Option<EmergencyFax>,
    pub fax3: Option<EmergencyFax>,
}

/// One row of 設定した利用者コード情報: 業種, 処理方式 and 識別番号数 (M000 【18】 「設定する」).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentSetting {
    /// 業種: one, or several with シングルサインオン 要.
    pub industries: Vec<Industry>,
    pub method: ProcessingMethod,
    /// 識別番号数: how many 利用者IDs.
    pub count: PositiveCount,
}

/// Which 利用者コード a row asks for: a new one of a システム区分, or another office's code to
/// share (M003 「他事業所の利用者コードを共用する」). A shared code keeps the システム区分 it has:
/// M003's detail asks for none (M003:l.445-452) and its list prints the 区分 blank (l.540).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CodeChoice {
    New {
        system: SystemKind,
    },
    Shared {
        code: UserCode,
        /// Entered by earlier versions of the detail screen; no longer asked.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        system: Option<SystemKind>,
    },
}

impl CodeChoice {
    /// The システム区分 entered: a new code's; none for a shared code.
    pub fn system(&self) -> Option<SystemKind> {
        match self {
            CodeChoice::New { system } => Some(*system),
            CodeChoice::Shared { system, .. } => *system,
        }
    }

    pub fn shared_code(&self) -> Option<&UserCode> {
        match self {
            CodeChoice::Shared { code, .. } => Some(code),
            CodeChoice::New { .. } => None,
        }
    }
}

/// One row of 申込情報 on 利用者コード 入力 (M000 【19】).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserCodeRequest {
    pub code: CodeChoice,
    /// シングルサインオン要否.
    pub sso: Necessity,
    pub settings: Vec<IdentSetting>,
    /// 管理統計資料（有料分）.
    pub stats_paid: Necessity,
    /// 管理統計資料（無料分）.
    pub stats_free: Necessity,
    /// 保税管理資料保存サービス.
    pub storage: Necessity,
}

/// 利用者コード 入力 (M000 【17】【19】).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserCodes {
    pub codes: Vec<UserCodeRequest>,
    /// 「利用者IDは他事業所より付け替え、または別途申し込みします。」
    pub transfer: bool,
}

/// 論理端末・証明書 入力 (M000 【20】).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Terminals {
    /// 論理端末数 (netNACCS).
    pub net: Option<PositiveCount>,
    /// 論理端末数 (eBMS:自社システム用).
    pub ebms: Option<PositiveCount>,
    /// デジタル証明書数 (webNACCS).
    pub web_certificates: Option<PositiveCount>,
    /// 事業所コード(機器共用先).
    pub sharing_office: Option<OfficeCode>,
    /// 「機器共用・共同利用、図様添付を希望せず、または自社システムを利用します。」
    pub no_diagram: bool,
}

impl Terminals {
    fn count(c: &Option<PositiveCount>) -> u32 {
        c.as_ref().map_or(0, PositiveCount::value)
    }

    /// 論理端末数 (netNACCS).
    pub fn net_count(&self) -> u32 {
        Self::count(&self.net)
    }

    /// 論理端末数 (eBMS).
    pub fn ebms_count(&self) -> u32 {
        Self::count(&self.ebms)
    }

    /// デジタル証明書数 (webNACCS).
    pub fn web_count(&self) -> u32 {
        Self::count(&self.web_certificates)
    }
}

/// 設置場所 of a line: the office's address, or another place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "location", content = "place", rename_all = "snake_case")]
pub enum LineSite {
    SameAsOffice,
    Other(Zenkaku),
}

/// A person of the line works: 氏名 and 電話番号.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorksPerson {
    pub last: Zenkaku,
    pub first: Zenkaku,
    pub tel: PhoneNumber,
}

impl WorksPerson {
    pub fn full(&self) -> String {
        [self.last.as_str(), " ", self.first.as_str()].concat()
    }
}

/// 工事立会者: the 工事事務担当者, or another person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "source", content = "person", rename_all = "snake_case")]
pub enum Witness {
    SameAsContact,
    Other(WorksPerson),
}

/// One line with its logical terminals, as 回線サービス・論理端末情報 入力 enters it: a row of
/// 申込情報(回線) and one of 申込情報(論理端末) on 回線・論理端末 入力 (M003:l.575-583; the
/// screen is not printed: docs/decisions.md, issue 12, Q22).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineRequest {
    /// 区分 (システム区分) of the line and its terminals.
    pub system: SystemKind,
    /// 接続方式.
    pub connection: LineConnection,
    /// EDIFACTの要否.
    pub edifact: Necessity,
    /// 接続種別.
    pub kind: LineKind,
    /// アクセス速度.
    pub speed: AccessSpeed,
    /// 回線種別.
    pub line_type: LineType,
    /// 屋内配線工事.
    pub indoor_wiring: Necessity,
    /// 保守時間帯.
    pub maintenance: MaintenanceHours,
    /// 工事希望日.
    pub works_wish: Date8,
    /// 設置場所.
    pub site: LineSite,
    /// オプション.
    pub option: LineOption,
    /// 他事業所と共用.
    pub shared: SharedUse,
    /// 利用機器区分 of the terminals.
    pub device: DeviceKind,
    /// バックアップ区分.
    pub backup: BackupKind,
    /// 論理端末数.
    pub terminals: PositiveCount,
    /// 工事事務担当者.
    pub works_contact: WorksPerson,
    /// 工事立会者.
    pub witness: Witness,
}

/// 回線・論理端末 入力's own inputs: 事業所コード(機器共用先) and the check box (M003:l.585-621).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineChoices {
    /// 事業所コード(機器共用先).
    pub sharing_office: Option<OfficeCode>,
    /// 「機器共用・共同利用、回線付替を別途申込、または自社システムを利用します。」
    pub no_lines: bool,
}

/// 回線・論理端末 入力 (一般NACCS, M003): the lines, and the screen's own inputs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineServices {
    pub rows: Vec<LineRequest>,
    #[serde(flatten)]
    pub choices: LineChoices,
}

/// メールボックス 入力 (一般NACCS, M003:l.639-649): only for SMTP/POP3 and EDIFACT users.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mailboxes {
    /// メールボックス数 (SMTP/POP3).
    pub smtp_pop3: Option<PositiveCount>,
    /// メールボックス数 (EDIFACT).
    pub edifact: Option<PositiveCount>,
}

impl LineServices {
    /// Nothing entered (the netNACCS path).
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

impl Mailboxes {
    /// Nothing entered (the netNACCS path, or no mailbox).
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Every mailbox asked for.
    pub fn total(&self) -> u32 {
        [&self.smtp_pop3, &self.edifact]
            .into_iter()
            .flatten()
            .map(PositiveCount::value)
            .sum()
    }
}

/// 登録請求先コード or 事業所コード: 「どちらか一方のコードを入力してください」 (M000 【22】).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "code", rename_all = "snake_case")]
pub enum BillingRef {
    BillingCode(BillingCode),
    OfficeCode(OfficeCode),
}

/// Another office's billing this office joins: 一括請求先 or 同一口座振替先.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtherBilling {
    pub code: BillingRef,
    pub company: Zenkaku,
    pub office: Zenkaku,
}

/// 請求先所在地: 「事業所に同じ」 or another address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "location", content = "address", rename_all = "snake_case")]
pub enum BillingLocation {
    SameAsOffice,
    Other(Address),
}

/// The 請求先担当者 as entered: a person with up to five addresses (E-mailアドレス1–5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillingContactPerson {
    /// The person; `email` is E-mailアドレス1.
    pub person: Person,
    /// E-mailアドレス2–5, as entered (任意).
    pub more_emails: [Option<crate::domain::format::Email>; 4],
}

/// 請求先担当者: 「管理責任者に同じ」 or another person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "source", content = "person", rename_all = "snake_case")]
pub enum BillingContact {
    SameAsManager,
    Other(Box<BillingContactPerson>),
}

/// 支払方法に関する項目 (M000 【22】).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum Payment {
    /// 口座振替, with or without 同一口座振替.
    AccountTransfer { same_account: Option<OtherBilling> },
    /// 銀行振込 to one of the three banks.
    BankTransfer { bank: Bank },
}

/// 請求先 入力 (M000 【22】).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Billing {
    /// 一括請求 「希望する」 and its 一括請求先.
    pub bulk: Option<OtherBilling>,
    pub location: BillingLocation,
    pub contact: BillingContact,
    pub payment: Payment,
}

/// A complete new application, as 「申込内容を登録する」 registers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewApplication {
    pub applicant: Applicant,
    /// 事業所・企業 入力.
    pub office: OfficeDetails,
    pub connection: Connection,
    pub user_codes: UserCodes,
    /// 論理端末・証明書 入力 (netNACCS); default on the 一般NACCS path.
    pub terminals: Terminals,
    /// 回線・論理端末 入力 (一般NACCS); default (and not stored) on the netNACCS path.
    #[serde(default, skip_serializing_if = "LineServices::is_empty")]
    pub lines: LineServices,
    /// メールボックス 入力 (一般NACCS).
    #[serde(default, skip_serializing_if = "Mailboxes::is_empty")]
    pub mailboxes: Mailboxes,
    /// システム構成図 attached on 論理端末・証明書 入力 or 回線・論理端末 入力.
    pub diagram: Option<Attachment>,
    pub plan: FeePlan,
    pub billing: Billing,
    /// 利用申込の備考 (任意).
    pub remarks: Option<Text240>,
    /// 添付ファイル of 申込内容 確認.
    pub attachments: Vec<Attachment>,
}

/// The head office resolved: its address and numbers.
pub struct HeadOfficeResolved<'a> {
    pub address: &'a Address,
    pub tel: &'a PhoneNumber,
    pub fax: Option<&'a FaxNumber>,
}

impl OfficeDetails {
    /// 本社: the office's own address and numbers when 「事業所に同じ」.
    pub fn head_office(&self) -> HeadOfficeResolved<'_> {
        match &self.head_office {
            HeadOffice::SameAsOffice => HeadOfficeResolved {
                address: &self.address,
                tel: &self.tel,
                fax: self.fax.as_ref(),
            },
            HeadOffice::Other { address, tel, fax } => HeadOfficeResolved {
                address,
                tel,
                fax: fax.as_ref(),
            },
        }
    }

    /// 管理責任者: the 申込担当者 when 「申込担当者と同じ」, the office when 「事業所に同じ」.
    pub fn manager<'a>(&'a self, applicant: &'a Person) -> Cow<'a, Person> {
        match &self.manager {
            Manager::SameAsOffice { email } => Cow::Owned(self.office_as_person(email)),
            Manager::SameAsApplicant => Cow::Borrowed(applicant),
            Manager::Other(p) => Cow::Borrowed(p),
        }
    }

    /// The office as its own 管理責任者 (「事業所に同じ」): M000 greys out every input but the
    /// E-mailアドレス (l.977-979) and prints nothing of what is registered, so the office's 企業名
    /// and 事業所名 stand for the name (氏名 姓 / 名, and their readings), its 電話番号 and FAX番号
    /// for the person's (docs/decisions.md, issue 15, O13).
    pub fn office_as_person(&self, email: &Email) -> Person {
        Person {
            name: PersonName {
                last: self.company.clone(),
                first: self.office_name.clone(),
                last_kana: self.company_kana.clone(),
                first_kana: self.office_kana.clone(),
            },
            department: None,
            title: None,
            tel: self.tel.clone(),
            fax: self.fax.clone(),
            email: email.clone(),
        }
    }

    /// The 管理責任者's FAX番号.
    pub fn manager_fax<'a>(&'a self, applicant: &'a Person) -> Option<&'a FaxNumber> {
        match &self.manager {
            Manager::SameAsOffice { .. } => self.fax.as_ref(),
            Manager::SameAsApplicant => applicant.fax.as_ref(),
            Manager::Other(p) => p.fax.as_ref(),
        }
    }

    /// 緊急連絡用FAX番号1 as a number, when the source it points at has one.
    pub fn fax1_number<'a>(&'a self, applicant: &'a Person) -> Option<&'a str> {
        match &self.fax1 {
            EmergencyFax1::SameAsManager => self.manager_fax(applicant).map(|f| f.as_str()),
            EmergencyFax1::SameAsOffice => self.fax.as_ref().map(|f| f.as_str()),
            EmergencyFax1::Other(n) => Some(n.as_str()),
        }
    }
}

impl NewApplication {
    /// 管理責任者, resolved.
    pub fn manager(&self) -> Cow<'_, Person> {
        self.office.manager(&self.applicant.person)
    }

    /// 請求先所在地, resolved.
    pub fn billing_address(&self) -> &Address {
        match &self.billing.location {
            BillingLocation::SameAsOffice => &self.office.address,
            BillingLocation::Other(a) => a,
        }
    }

    /// 請求先担当者, resolved, and their E-mailアドレス2–5.
    pub fn billing_contact(&self) -> (Cow<'_, Person>, &[Option<crate::domain::format::Email>]) {
        match &self.billing.contact {
            BillingContact::SameAsManager => (self.manager(), &[]),
            BillingContact::Other(c) => (Cow::Borrowed(&c.person), &c.more_emails),
        }
    }

    /// The 利用開始希望日.
    pub fn start_wish(&self) -> chrono::NaiveDate {
        self.office.start_wish.date()
    }

    /// 口座振替 without 同一口座振替: the NACCS center posts the 預金口座振替依頼書 (M000 【22】).
    pub fn needs_transfer_form(&self) -> bool {
        matches!(
            self.billing.payment,
            Payment::AccountTransfer { same_account: None }
        )
    }

    /// The システム区分 of the first 利用者コード that has one (printed as the terminals' 区分,
    /// M000 【24】).
    pub fn first_system(&self) -> Option<SystemKind> {
        self.user_codes.codes.iter().find_map(|c| c.code.system())
    }

    /// 事業所コード(機器共用先): the office whose equipment this one uses (M002 ⑦; on the
    /// 一般NACCS path, 回線・論理端末 入力).
    pub fn sharing_office(&self) -> Option<&OfficeCode> {
        match self.connection {
            Connection::NetNaccs => self.terminals.sharing_office.as_ref(),
            Connection::General => self.lines.choices.sharing_office.as_ref(),
        }
    }

    /// Every 処理方式 of the 利用者コード rows, with the row.
    pub fn methods(&self) -> impl Iterator<Item = ProcessingMethod> + '_ {
        self.user_codes
            .codes
            .iter()
            .flat_map(|c| c.settings.iter().map(|s| s.method))
    }

    /// The 利用者コード shared from other offices (M003), in order.
    pub fn shared_codes(&self) -> Vec<&str> {
        self.user_codes
            .codes
            .iter()
            .filter_map(|c| c.code.shared_code().map(UserCode::as_str))
            .collect()
    }
}
