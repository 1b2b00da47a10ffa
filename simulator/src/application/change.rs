//! The change application (変更申込, M001 手順④ 「netNACCS端末の追加申込」, procedures.md §5): an
//! office that already has a contract asks to change it. What each of its screens contributes,
//! the change items of 変更内容 入力 as ONE table each, and the contract as it stood when the
//! change was filed (変更前), which the confirmation, 申込内容 参照 and the review print beside
//! what is applied for.
//!
//! The items other than the netNACCS terminals have no screens of their own in the manuals
//! (Part 3 Q8, docs/decisions.md): they reuse the new application's typed values
//! ([`OfficeDetails`], [`FeePlan`], [`Billing`]), pre-filled from the contract.

use super::new::{Billing, IdentSetting, Mailboxes, OfficeDetails, UserCodeRequest};
use super::person::Person;
use super::record::Attachment;
use crate::domain::customers;
use crate::domain::format::{Date8, PositiveCount, Text240};
use crate::domain::lists::{Choice, CustomsOffice, FeePlan, ProcessingMethod, SystemKind};
use serde::{Deserialize, Serialize};

macro_rules! items {
    ($table:ident: $( $variant:ident = ($code:literal, $label:literal, $short:literal) ),+ $(,)?) => {
        pub const $table: &[Choice] = &[ $( Choice { code: $code, label: $label, short: $short } ),+ ];
    };
}

// 契約変更に関する項目 (M001 l.188-195): one table per printed row; `short` is the 契約変更内容
// flag of 申込内容 参照 the item sets (M001 l.519-520; the mapping is Part 3 Q9,
// docs/decisions.md).
items!(OFFICE_ITEMS:
    CompanyOffice = ("company_office", "企業名、事業所名、所在地等", "企業 事業所"),
    Contractor = ("contractor", "契約者名、契約者の役職", "契約者"),
    HeadOffice = ("head_office", "本社情報(所在地、電話番号等)", "企業"),
    Manager = ("manager", "システム管理責任者の情報(電話番号、緊急連絡用FAX番号)", "管理責任者 緊急連絡用FAX番号"),
);
items!(USER_ITEMS:
    Industry = ("industry", "利用業種(追加・変更・削除)", "利用者コード"),
    UserCode = ("user_code", "利用者コード(追加・変更・削除)", "利用者コード"),
    Ident = ("ident", "識別番号(追加・削除)", "識別番号"),
);
items!(NET_ITEMS:
    NetTerminals = ("net_terminals", "netNACCS端末の登録情報(追加・変更・削除)", "端末(net)"),
);
items!(GENERAL_ITEMS:
    GeneralLine = ("general_line", "一般NACCS回線の登録情報(追加・変更・廃止)", "回線"),
    GeneralTerminal = ("general_terminal", "一般NACCS端末の登録情報(追加・変更・削除)", "端末(一般)"),
    Mailbox = ("mailbox", "一般NACCSのメールボックス数(追加・廃止)", "メールボックス"),
);
items!(PLAN_ITEMS:
    Plan = ("plan", "料金プラン(AプランまたはBプランの選択)", "料金プラン"),
);
items!(STATS_ITEMS:
    Statistics = ("statistics", "管理統計資料(有料分・無料分)", "管理統計資料"),
);
// M001 l.194 prints 「保証管理資料保存サービス」, an OCR misreading of 保税管理資料保存サービス
// (M000 【18】, M003 l.397).
items!(STORAGE_ITEMS:
    Storage = ("storage", "保税管理資料保存サービス(要・不要)", "保存サービス"),
);
items!(BILLING_ITEMS:
    BillingAddress = ("billing_address", "請求書送付先", "請求先"),
    BillingContact = ("billing_contact", "請求先担当者", "請求先"),
    Payment = ("payment", "支払の方法(口座振替・銀行振込)", "請求先"),
);

// その他の契約変更 (M001 l.199-201); `short` is the 申込分類(特殊) it prints (M001 l.518), empty
// for 契約解除, which makes the application a 解約申込 (申込分類, l.517).
items!(OTHER_ITEMS:
    Sharing = ("sharing", "共用(追加・解除)", "共用"),
    JointUse = ("joint_use", "共同利用(追加・解除)", "共同利用"),
    JointUseNewOffice = ("joint_use_new_office", "共同利用(新規事業所)", "共同利用"),
    Transfer = ("transfer", "事業所間の登録情報の移動(付替)", "付替"),
    Succession = ("succession", "地位の承継", "地位の承継"),
    Termination = ("termination", "契約解除、事業所廃止", ""),
);

/// The rows of 契約変更に関する項目 as printed: the row label, the form field and its items.
pub const ITEM_GROUPS: [(&str, &str, &[Choice]); 8] = [
    ("本社・事業所の変更", "change_office", OFFICE_ITEMS),
    ("利用業種・利用者コード等の変更", "change_users", USER_ITEMS),
    ("端末の変更 (netNACCS)", "change_net", NET_ITEMS),
    (
        "回線・端末等の変更 (一般NACCS)",
        "change_general",
        GENERAL_ITEMS,
    ),
    ("料金プランの変更", "change_plan", PLAN_ITEMS),
    ("管理統計資料の変更", "change_stats", STATS_ITEMS),
    (
        "保税管理資料保存サービスの変更",
        "change_storage",
        STORAGE_ITEMS,
    ),
    ("請求先の変更", "change_billing", BILLING_ITEMS),
];

/// One check box of 契約変更に関する項目, by its code in [`ITEM_GROUPS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeItem {
    CompanyOffice,
    Contractor,
    HeadOffice,
    Manager,
    Industry,
    UserCode,
    Ident,
    NetTerminals,
    GeneralLine,
    GeneralTerminal,
    Mailbox,
    Plan,
    Statistics,
    Storage,
    BillingAddress,
    BillingContact,
    Payment,
}

impl ChangeItem {
    /// Every item, in screen order.
    pub const ALL: [ChangeItem; 17] = [
        ChangeItem::CompanyOffice,
        ChangeItem::Contractor,
        ChangeItem::HeadOffice,
        ChangeItem::Manager,
        ChangeItem::Industry,
        ChangeItem::UserCode,
        ChangeItem::Ident,
        ChangeItem::NetTerminals,
        ChangeItem::GeneralLine,
        ChangeItem::GeneralTerminal,
        ChangeItem::Mailbox,
        ChangeItem::Plan,
        ChangeItem::Statistics,
        ChangeItem::Storage,
        ChangeItem::BillingAddress,
        ChangeItem::BillingContact,
        ChangeItem::Payment,
    ];

    /// Its row of [`ITEM_GROUPS`]: the discriminant is the index over the rows' items.
    pub fn choice(self) -> &'static Choice {
        ITEM_GROUPS
            .iter()
            .flat_map(|(_, _, items)| items.iter())
            .nth(self as usize)
            .expect("ALL and ITEM_GROUPS have the same items in the same order")
    }

    pub fn code(self) -> &'static str {
        self.choice().code
    }

    /// The check box's text as printed.
    pub fn label(self) -> &'static str {
        self.choice().label
    }

    /// The item whose form value is `code`.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|i| i.code() == code)
    }

    /// The row label of 契約変更に関する項目 the item stands in.
    pub fn group(self) -> &'static str {
        ITEM_GROUPS
            .iter()
            .find(|(_, _, items)| items.iter().any(|c| c.code == self.code()))
            .map_or("", |(label, _, _)| label)
    }

    /// The 契約変更内容 flags of 申込内容 参照 the item sets (Part 3 Q9).
    pub fn flags(self) -> impl Iterator<Item = &'static str> {
        self.choice().short.split(' ')
    }
}

/// One check box of その他の契約変更 (M001 l.199-201).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OtherChange {
    Sharing,
    JointUse,
    JointUseNewOffice,
    Transfer,
    Succession,
    Termination,
}

impl OtherChange {
    pub const ALL: [OtherChange; 6] = [
        OtherChange::Sharing,
        OtherChange::JointUse,
        OtherChange::JointUseNewOffice,
        OtherChange::Transfer,
        OtherChange::Succession,
        OtherChange::Termination,
    ];

    pub fn choice(self) -> &'static Choice {
        &OTHER_ITEMS[self as usize]
    }

    pub fn code(self) -> &'static str {
        self.choice().code
    }

    pub fn label(self) -> &'static str {
        self.choice().label
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|i| i.code() == code)
    }

    /// The 申込分類(特殊) it prints (M001 l.518), if any.
    pub fn special(self) -> Option<&'static str> {
        Some(self.choice().short).filter(|s| !s.is_empty())
    }
}

/// 変更内容 入力 (M001 ④): the items to change — from the box above, or from
/// 「その他の契約変更」, never both (M001 l.197) — and the 利用開始希望日.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeItems {
    /// 契約変更に関する項目, in screen order.
    pub items: Vec<ChangeItem>,
    /// その他の契約変更 「あり」 and its items (empty for 「なし」).
    pub others: Vec<OtherChange>,
    /// 利用開始希望日.
    pub start_wish: Date8,
}

impl ChangeItems {
    pub fn has(&self, item: ChangeItem) -> bool {
        self.items.contains(&item)
    }

    /// Whether any of `items` is chosen.
    pub fn any(&self, items: &[ChangeItem]) -> bool {
        items.iter().any(|i| self.has(*i))
    }
}

/// The items that open 事業所・企業 入力.
pub const OFFICE_SCREEN_ITEMS: [ChangeItem; 4] = [
    ChangeItem::CompanyOffice,
    ChangeItem::Contractor,
    ChangeItem::HeadOffice,
    ChangeItem::Manager,
];

/// The items that open 利用者コード 入力 (the new application's list and detail, M000 【17】【18】).
pub const USER_CODE_SCREEN_ITEMS: [ChangeItem; 5] = [
    ChangeItem::Industry,
    ChangeItem::UserCode,
    ChangeItem::Ident,
    ChangeItem::Statistics,
    ChangeItem::Storage,
];

/// The items that open 請求先 入力.
pub const BILLING_SCREEN_ITEMS: [ChangeItem; 3] = [
    ChangeItem::BillingAddress,
    ChangeItem::BillingContact,
    ChangeItem::Payment,
];

/// 申込担当者 入力 of a change (M001 ⑤): the person only, no 申込理由.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeApplicant(pub Person);

/// The three kinds of 論理端末 the rows of 論理端末の追加に関する項目 add (M001 l.279-282).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TerminalKind {
    Net,
    Web,
    Ebms,
}

impl TerminalKind {
    pub const ALL: [TerminalKind; 3] = [TerminalKind::Net, TerminalKind::Web, TerminalKind::Ebms];

    /// What it is issued as: 利用機種区分 / パッケージソフト区分 「net」 for netNACCS (M001); a
    /// webNACCS row adds webNACCS digital certificates, issued like the new application's
    /// デジタル証明書数 (webNACCS) (Part 3 Q35, docs/decisions.md).
    pub fn method(self) -> ProcessingMethod {
        match self {
            TerminalKind::Net => ProcessingMethod::NetNaccs,
            TerminalKind::Web => ProcessingMethod::WebNaccs,
            TerminalKind::Ebms => ProcessingMethod::Ebms,
        }
    }
}

/// One row of 論理端末の追加に関する項目: how many to add per システム区分 (海上 | 航空 |
/// 海上・航空共用), each 任意.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TerminalCounts {
    pub sea: Option<PositiveCount>,
    pub air: Option<PositiveCount>,
    pub both: Option<PositiveCount>,
}

impl TerminalCounts {
    /// The number to add of a システム区分 (0 when left empty).
    pub fn of(&self, system: SystemKind) -> u32 {
        let c = match system {
            SystemKind::Sea => &self.sea,
            SystemKind::Air => &self.air,
            SystemKind::SeaAndAir => &self.both,
        };
        c.as_ref().map_or(0, PositiveCount::value)
    }

    pub fn total(&self) -> u32 {
        SystemKind::ALL.iter().map(|s| self.of(*s)).sum()
    }
}

/// 区分の変更 of a listed terminal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reclassification {
    /// 論理端末名.
    pub name: String,
    /// The 区分 it had.
    pub from: SystemKind,
    /// The 区分 chosen.
    pub to: SystemKind,
}

/// 論理端末 入力 of a change (M001 ⑥): the number to add — not the contract's new total, M001
/// l.295-296 「※ 契約合計台数ではありません」 — and the changes to the listed terminals.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TerminalChange {
    /// 論理端末追加数 (netNACCS).
    pub net: TerminalCounts,
    /// 論理端末追加数 (webNACCS).
    pub web: TerminalCounts,
    /// 論理端末追加数 (ebMS).
    pub ebms: TerminalCounts,
    /// 区分の変更, in the contract's order.
    pub reclassify: Vec<Reclassification>,
    /// 論理端末の廃止: the names, in the contract's order.
    pub retire: Vec<String>,
}

impl TerminalChange {
    /// The additions of a kind.
    pub fn additions(&self, kind: TerminalKind) -> &TerminalCounts {
        match kind {
            TerminalKind::Net => &self.net,
            TerminalKind::Web => &self.web,
            TerminalKind::Ebms => &self.ebms,
        }
    }

    /// How many terminals are added in all.
    pub fn added(&self) -> u32 {
        TerminalKind::ALL
            .iter()
            .map(|k| self.additions(*k).total())
            .sum()
    }

    /// Whether it changes anything at all.
    pub fn is_empty(&self) -> bool {
        self.added() == 0 && self.reclassify.is_empty() && self.retire.is_empty()
    }
}

/// A terminal of the contract as 契約情報 lists it (M001 l.289-293, 311-314): no secrets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractTerminal {
    /// 区分.
    pub system: SystemKind,
    /// 利用機器区分.
    pub model: String,
    /// パッケージソフト区分.
    pub package: String,
    /// 論理端末名.
    pub name: String,
    /// ルータ番号 of the 一般NACCS line the terminal is on; none for netNACCS terminals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub router: Option<u32>,
}

/// The contract when the change was filed (変更前): what the confirmation, 申込内容 参照 and the
/// ID通知内容 print beside what is applied for, and who the mails go to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractBefore {
    /// 事業所コード (the filer).
    pub office_code: String,
    /// 企業略称.
    pub company_abbr: String,
    pub company: String,
    pub office_name: String,
    /// 管轄税関.
    pub customs: CustomsOffice,
    /// 請求先コード.
    pub billing_code: String,
    /// The 管理責任者, who gets the mails with the 申込担当者 (M001 l.357, 369, 449).
    pub manager: customers::Person,
    /// 契約情報 of 論理端末 入力 and 変更申込 確認 (M001 l.289-293, 311-314).
    pub terminals: Vec<ContractTerminal>,
    /// 事業所・企業 as the contract holds it, when it reads as the screen's typed value.
    pub office: Option<OfficeDetails>,
    pub plan: FeePlan,
    /// 請求先 as last applied for, when known.
    pub billing: Option<Billing>,
    /// The office's 利用者コード as 利用者コード 入力 of a change lists them (the 識別番号 grouped
    /// by 業種 and 処理方式; 管理統計資料 as last applied for).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub user_codes: Vec<CodeRow>,
    /// Whether the office has a 一般NACCS contract (lines or mailboxes), and its lines: an office
    /// that moves changes its lines too (M001 l.219).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub general: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub has_lines: bool,
    /// The 一般NACCS lines of the contract (回線・論理端末 入力 of a change lists them; their
    /// terminals are the `terminals` with a ルータ番号).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<customers::ContractLine>,
    /// メールボックス数 of the 一般NACCS contract (none: empty).
    #[serde(default, skip_serializing_if = "Mailboxes::is_empty")]
    pub mailboxes: Mailboxes,
}

impl ContractBefore {
    /// The netNACCS terminals (論理端末 入力 of M001 ⑥ lists these; the 一般NACCS ones, on a line,
    /// are 回線・論理端末 入力's).
    pub fn net_terminals(&self) -> Vec<ContractTerminal> {
        self.terminals
            .iter()
            .filter(|t| t.router.is_none())
            .cloned()
            .collect()
    }
}

/// One 利用者コード of a change's 利用者コード 入力: the contract's code it is (`None` for a new
/// code, 申込内容 「追加」) and the code as it is to be — the new application's row (M000 【18】【19】):
/// システム区分, the 識別番号 settings (業種 / 処理方式 / 識別番号数, the number the code is to
/// have, not the number to add) and 管理統計資料 / 保税管理資料保存サービス (Part 3 Q8,
/// docs/decisions.md, issue 10 「利用者コード等の変更」).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeRow {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    pub request: UserCodeRequest,
}

impl CodeRow {
    /// How many 識別番号 of each 処理方式 the row has.
    fn per_method(&self) -> Vec<(ProcessingMethod, u32)> {
        let mut out: Vec<(ProcessingMethod, u32)> = Vec::new();
        for s in &self.request.settings {
            match out.iter_mut().find(|(m, _)| *m == s.method) {
                Some((_, n)) => *n += s.count.value(),
                None => out.push((s.method, s.count.value())),
            }
        }
        out.sort_by_key(|(m, _)| m.code());
        out
    }

    /// The 業種 / 処理方式 settings without their counts, in a comparable order.
    fn keys(&self) -> Vec<(Vec<&'static str>, &'static str)> {
        let mut out: Vec<_> = self.request.settings.iter().map(key).collect();
        out.sort();
        out.dedup();
        out
    }
}

/// A setting's 業種 (in a comparable order) and 処理方式.
fn key(s: &IdentSetting) -> (Vec<&'static str>, &'static str) {
    let mut i: Vec<&'static str> = s.industries.iter().map(|x| x.code()).collect();
    i.sort_unstable();
    (i, s.method.code())
}

impl CodeRow {
    /// How many of its 識別番号 are in settings the other row does not have (a 業種 change).
    fn moved_from(&self, other: &CodeRow) -> usize {
        let theirs = other.keys();
        self.request
            .settings
            .iter()
            .filter(|s| !theirs.contains(&key(s)))
            .map(|s| s.count.value() as usize)
            .sum()
    }
}

/// What a 利用者コード 入力 of a change does against the contract, by the item of 変更内容 入力
/// that allows it (M001 l.189, 193-194).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CodeDiff {
    /// Codes added or deleted: 利用者コード(追加・変更・削除).
    pub codes: bool,
    /// 識別番号 added or deleted (a 処理方式's count changes): 識別番号(追加・削除).
    pub idents: bool,
    /// The 業種 of existing 識別番号 changed (same counts): 利用業種(追加・変更・削除).
    pub industries: bool,
    /// 管理統計資料(有料分・無料分) changed.
    pub statistics: bool,
    /// 保税管理資料保存サービス changed.
    pub storage: bool,
}

impl CodeDiff {
    pub fn is_empty(&self) -> bool {
        *self == CodeDiff::default()
    }
}

/// 利用者コード 入力 of a change: every 利用者コード of the office as it is to be; a code of the
/// contract left out is deleted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserCodeChange {
    pub codes: Vec<CodeRow>,
}

impl UserCodeChange {
    /// The contract's codes the change deletes.
    pub fn deleted<'a>(&self, before: &'a [CodeRow]) -> Vec<&'a CodeRow> {
        before
            .iter()
            .filter(|b| {
                !self
                    .codes
                    .iter()
                    .any(|r| r.code.is_some() && r.code == b.code)
            })
            .collect()
    }

    /// What the change does against `before` (the contract's codes).
    pub fn diff(&self, before: &[CodeRow]) -> CodeDiff {
        let mut d = CodeDiff {
            codes: !self.deleted(before).is_empty() || self.codes.iter().any(|r| r.code.is_none()),
            ..Default::default()
        };
        for row in &self.codes {
            let Some(b) = before
                .iter()
                .find(|b| b.code.is_some() && b.code == row.code)
            else {
                continue;
            };
            if row.per_method() != b.per_method() {
                d.idents = true;
            } else if row.keys() != b.keys() {
                d.industries = true;
            }
            let (r, o) = (&row.request, &b.request);
            d.statistics |= r.stats_paid != o.stats_paid || r.stats_free != o.stats_free;
            d.storage |= r.storage != o.storage;
        }
        d
    }

    /// 申込結果's counts (追加, 変更, 削除) of 利用者コード数 and 識別番号数 (M001 l.560-566).
    pub fn counts(&self, before: &[CodeRow]) -> ([usize; 3], [usize; 3]) {
        let total = |r: &CodeRow| {
            r.per_method()
                .iter()
                .map(|(_, n)| *n as usize)
                .sum::<usize>()
        };
        let mut codes = [0; 3];
        let mut idents = [0; 3];
        for row in &self.codes {
            match before
                .iter()
                .find(|b| b.code.is_some() && b.code == row.code)
            {
                None => {
                    codes[0] += 1;
                    idents[0] += total(row);
                }
                Some(b) => {
                    if row != b {
                        codes[1] += 1;
                    }
                    for (m, n) in row.per_method() {
                        let was = b
                            .per_method()
                            .iter()
                            .find(|(x, _)| *x == m)
                            .map_or(0, |(_, c)| *c);
                        idents[0] += n.saturating_sub(was) as usize;
                    }
                    for (m, was) in b.per_method() {
                        let n = row
                            .per_method()
                            .iter()
                            .find(|(x, _)| *x == m)
                            .map_or(0, |(_, c)| *c);
                        idents[2] += was.saturating_sub(n) as usize;
                    }
                    if row.per_method() == b.per_method() {
                        idents[1] += row.moved_from(b);
                    }
                }
            }
        }
        for b in self.deleted(before) {
            codes[2] += 1;
            idents[2] += total(b);
        }
        (codes, idents)
    }
}

/// A complete change application, as 「申込内容を登録する」 registers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeApplication {
    /// 変更内容 入力.
    pub items: ChangeItems,
    /// 申込担当者 入力.
    pub applicant: ChangeApplicant,
    /// 事業所・企業 入力, when an item of 本社・事業所の変更 is chosen.
    pub office: Option<OfficeDetails>,
    /// 論理端末 入力, when netNACCS端末 is chosen.
    pub terminals: Option<TerminalChange>,
    /// 料金プラン 入力, when 料金プラン is chosen.
    pub plan: Option<FeePlan>,
    /// 請求先 入力, when an item of 請求先の変更 is chosen.
    pub billing: Option<Billing>,
    /// 利用者コード 入力, when an item of 利用業種・利用者コード等の変更, 管理統計資料 or 保税管理資料
    /// 保存サービス is chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_codes: Option<UserCodeChange>,
    /// メールボックス 入力 (the numbers the office is to have), when 一般NACCSのメールボックス数 is
    /// chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mailboxes: Option<Mailboxes>,
    /// 回線・論理端末 入力, when 一般NACCS回線 or 一般NACCS端末 is chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lines: Option<super::change_lines::LinesChange>,
    /// 変更申込の備考 (任意).
    pub remarks: Option<Text240>,
    /// 添付ファイル.
    pub attachments: Vec<Attachment>,
    /// The contract when it was filed.
    pub before: ContractBefore,
}

impl ChangeApplication {
    /// The 利用開始希望日.
    pub fn start_wish(&self) -> chrono::NaiveDate {
        self.items.start_wish.date()
    }

    /// 申込分類 (M001 l.517): 解約申込 for 「契約解除、事業所廃止」, else 変更申込.
    pub fn classification(&self) -> &'static str {
        if self.items.others.contains(&OtherChange::Termination) {
            "解約申込"
        } else {
            "変更申込"
        }
    }

    /// 申込分類(特殊) (M001 l.518), deduplicated in printed order.
    pub fn specials(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        for s in self.items.others.iter().filter_map(|o| o.special()) {
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out
    }

    /// 契約変更内容 (M001 l.519-520): the flags of the chosen items, in the printed order.
    pub fn flags(&self) -> Vec<&'static str> {
        const ORDER: [&str; 15] = [
            "企業",
            "事業所",
            "契約者",
            "管理責任者",
            "緊急連絡用FAX番号",
            "料金プラン",
            "請求先",
            "利用者コード",
            "識別番号",
            "管理統計資料",
            "保存サービス",
            "端末(net)",
            "回線",
            "端末(一般)",
            "メールボックス",
        ];
        let set: Vec<&str> = self.items.items.iter().flat_map(|i| i.flags()).collect();
        ORDER.into_iter().filter(|f| set.contains(f)).collect()
    }
}

/// Where the change procedure was entered from: its guidance prints the matching back button
/// (M001 l.171-173; Part 3 Q7).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeEntry {
    /// メニュー 「契約内容の変更」.
    #[default]
    Menu,
    /// 契約情報 参照 「契約情報を変更する」.
    Contract,
    /// 申込内容 参照 「利用申込を修正する」.
    Amend,
}

/// The change application being entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeDraft {
    pub entry: ChangeEntry,
    pub items: super::Slot<ChangeItems>,
    pub applicant: super::Slot<ChangeApplicant>,
    pub office: super::Slot<OfficeDetails>,
    pub terminals: super::Slot<TerminalChange>,
    pub plan: super::Slot<FeePlan>,
    pub billing: super::Slot<Billing>,
    /// 利用者コード 入力: the rows as entered (`None` until the screen is first shown, which
    /// fills it from the contract).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_codes: Option<UserCodeChange>,
    /// メールボックス 入力.
    #[serde(default)]
    pub mailboxes: super::Slot<Mailboxes>,
    /// The detail of 利用者コード 入力 while it is open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_detail: Option<super::draft::UserCodeDetailDraft>,
    /// 回線・論理端末 入力: the lines as entered (`None` until the screen is first shown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lines: Option<super::change_lines::LinesChange>,
    /// 回線サービス・論理端末情報 入力 while it is open: the line it edits and the inputs as typed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line_detail: Option<ChangeLineDetail>,
    /// 変更申込の備考 of 変更申込 確認.
    pub remarks: super::Slot<Option<Text240>>,
    /// 添付ファイル of 変更申込 確認.
    pub attachments: Vec<Attachment>,
    /// The application a 修正 corrects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amends: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::application::new::CodeChoice;
    use crate::domain::lists::{Industry, Necessity};

    fn row(code: Option<&str>, settings: &[(Industry, u32)], free: Necessity) -> CodeRow {
        CodeRow {
            code: code.map(str::to_string),
            request: UserCodeRequest {
                code: CodeChoice::New {
                    system: SystemKind::Sea,
                },
                sso: Necessity::No,
                settings: settings
                    .iter()
                    .map(|(i, n)| IdentSetting {
                        industries: vec![*i],
                        method: ProcessingMethod::NetNaccs,
                        count: PositiveCount::parse(&n.to_string()).unwrap(),
                    })
                    .collect(),
                stats_paid: Necessity::No,
                stats_free: free,
                storage: Necessity::No,
            },
        }
    }

    #[test]
    fn what_a_code_change_does_and_its_counts() {
        use Industry::{Consolidator, CustomsBroker, Shipping};
        let before = vec![row(
            Some("1ANAC"),
            &[(CustomsBroker, 1), (Consolidator, 1)],
            Necessity::No,
        )];
        let same = UserCodeChange {
            codes: before.clone(),
        };
        assert!(same.diff(&before).is_empty());
        // 混載 → 海運 with the same count: a 業種 change; 無料分 要: a 管理統計資料 change.
        let industry = UserCodeChange {
            codes: vec![row(
                Some("1ANAC"),
                &[(CustomsBroker, 1), (Shipping, 1)],
                Necessity::Yes,
            )],
        };
        let d = industry.diff(&before);
        assert!(d.industries && d.statistics && !d.idents && !d.codes && !d.storage);
        assert_eq!(industry.counts(&before), ([0, 1, 0], [0, 1, 0]));
        // One more 通関業 ID and a new code of 2: 識別番号 and 利用者コード.
        let more = UserCodeChange {
            codes: vec![
                row(
                    Some("1ANAC"),
                    &[(CustomsBroker, 2), (Consolidator, 1)],
                    Necessity::No,
                ),
                row(None, &[(CustomsBroker, 2)], Necessity::No),
            ],
        };
        let d = more.diff(&before);
        assert!(d.idents && d.codes && !d.industries);
        assert_eq!(more.counts(&before), ([1, 1, 0], [3, 0, 0]));
        // 1ANAC deleted.
        let gone = UserCodeChange { codes: Vec::new() };
        assert_eq!(gone.deleted(&before).len(), 1);
        assert!(gone.diff(&before).codes);
        assert_eq!(gone.counts(&before), ([0, 0, 1], [0, 0, 2]));
    }

    #[test]
    fn items_and_their_table_agree() {
        let codes: Vec<&str> = ITEM_GROUPS
            .iter()
            .flat_map(|(_, _, items)| items.iter().map(|c| c.code))
            .collect();
        assert_eq!(codes.len(), ChangeItem::ALL.len());
        for (i, item) in ChangeItem::ALL.iter().enumerate() {
            assert_eq!(item.code(), codes[i]);
            assert_eq!(ChangeItem::from_code(codes[i]), Some(*item));
            // The serde name is the form code: a stored draft reads back whatever the labels.
            assert_eq!(
                serde_json::to_value(item).unwrap(),
                serde_json::Value::String(codes[i].to_string())
            );
        }
        for (i, o) in OtherChange::ALL.iter().enumerate() {
            assert_eq!(o.code(), OTHER_ITEMS[i].code);
            assert_eq!(
                serde_json::to_value(o).unwrap(),
                serde_json::Value::String(o.code().to_string())
            );
        }
        assert_eq!(ChangeItem::NetTerminals.group(), "端末の変更 (netNACCS)");
    }
}

/// Which line 回線サービス・論理端末情報 入力 of a change edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineTarget {
    /// A new line (`Some(i)`: the `i`-th added, being corrected).
    Added(Option<usize>),
    /// The contract's line at this ルータ番号.
    Contract(u32),
}

/// 回線サービス・論理端末情報 入力 of a change while it is open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeLineDetail {
    pub target: LineTarget,
    /// The inputs as typed (read as a whole at 「この内容で設定する」).
    pub raw: super::draft::RawInput,
}
