//! The reference lists of the NSS screens: 業種, 処理方式, システム区分, 管轄税関,
//! 料金プラン, 振込先銀行, 支払方法 and 否/要.
//!
//! Each list is ONE table (a `choice_list!` invocation) so that a wrong label
//! is corrected in one place. Every entry has
//! - `code`: a stable ASCII identifier, the HTML form value and the stored /
//!   serialized form (never shown to users);
//! - `label`: the text the input screen prints beside the radio button or
//!   check box;
//! - `short`: the abbreviation the list and confirmation tables print (M000
//!   【19】 「追加 共用 貿サブ net …」). Where no manual shows one it is inferred
//!   and said so next to the entry.
//!
//! Screens turn a list into options with the `&[Choice]` constant (e.g.
//! [`INDUSTRIES`]); code that keeps a selection uses the typed enum (e.g.
//! [`Industry`]), which serializes as its `code`.

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One option of a `<select>`, radio group or check-box group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Choice {
    /// Stable ASCII form value and storage key.
    pub code: &'static str,
    /// The text of the input screen.
    pub label: &'static str,
    /// The abbreviation of list and confirmation tables.
    pub short: &'static str,
}

/// The entry of `list` whose form value is `code`. Works for every list:
/// `find(INDUSTRIES, "customs_broker")`.
pub fn find(list: &'static [Choice], code: &str) -> Option<&'static Choice> {
    list.iter().find(|c| c.code == code)
}

/// Declares a typed enum and its `&[Choice]` table from one list of rows, so
/// the variant order, the codes and the labels cannot drift apart.
macro_rules! choice_list {
    (
        $(#[$meta:meta])*
        pub enum $name:ident in $table:ident {
            $( $(#[$vmeta:meta])* $variant:ident = ($code:literal, $label:literal, $short:literal), )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        #[doc = concat!("The options of [`", stringify!($name), "`], in screen order.")]
        pub const $table: &[Choice] = &[
            $( Choice { code: $code, label: $label, short: $short }, )+
        ];

        impl $name {
            /// Every value, in screen order (the order of the table).
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )+ ];

            /// This value's row of the table.
            pub fn choice(self) -> &'static Choice {
                // The enum and the table come from the same rows, in the
                // same order: the discriminant is the row index.
                &$table[self as usize]
            }

            pub fn code(self) -> &'static str {
                self.choice().code
            }

            pub fn label(self) -> &'static str {
                self.choice().label
            }

            pub fn short(self) -> &'static str {
                self.choice().short
            }

            /// The value whose form value is `code`; `None` for anything a
            /// tampered or stale form could send.
            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }
        }

        /// Shown as the input screen's label.
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.label())
            }
        }

        /// Stored as the stable code, never as the (correctable) label.
        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.code())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let code = String::deserialize(deserializer)?;
                Self::from_code(&code).ok_or_else(|| {
                    serde::de::Error::custom(format!(
                        concat!("unknown ", stringify!($name), " code: {}"),
                        code
                    ))
                })
            }
        }
    };
}

choice_list! {
    /// 業種 (procedures.md §3.4; M000 【18】, M003 利用者コード 入力).
    ///
    /// The OCR of the screens garbles several labels (混載業 → 造船業/濃乾業,
    /// 機用品業 → 船務品業, NVOCC → NACCS/IWCC, CY → CV); they are resolved to
    /// the NACCS 業種 names, in M003's check-box order. Short forms: 「通関」
    /// (M002 ⑤, M003), 「混載」 (M002 「混載1ANAC」) and 「貿サブ」 (M000 【19】)
    /// are printed by the manuals; the others are inferred in the same style
    /// (the noun without 業/会社 where that stays unambiguous).
    pub enum Industry in INDUSTRIES {
        CustomsBroker = ("customs_broker", "通関業", "通関"),
        Consolidator = ("consolidator", "混載業", "混載"),
        // Inferred short form.
        AircraftSupplies = ("aircraft_supplies", "機用品業", "機用品"),
        // Inferred short form: kept whole, 「自社」 alone would say nothing.
        InHouseCustoms = ("in_house_customs", "自社通関", "自社通関"),
        // Inferred short form.
        Airline = ("airline", "航空会社", "航空会社"),
        // Inferred short form.
        CaptainAgent = ("captain_agent", "機長代行", "機長代行"),
        // Inferred short form.
        Shipping = ("shipping", "海運業", "海運"),
        // Inferred short form.
        Trader = ("trader", "輸出入者", "輸出入者"),
        // Inferred short form.
        AirCargoAgent = ("air_cargo_agent", "航空貨物代理店", "航空代理店"),
        Nvocc = ("nvocc", "NVOCC", "NVOCC"),
        TradeControlTrader = ("trade_control_trader", "輸出入者（貿易管理サブシステム利用）", "貿サブ"),
        // Inferred short form.
        BondedWarehouse = ("bonded_warehouse", "保税蔵置場", "蔵置場"),
        ContainerYard = ("container_yard", "CY", "CY"),
        // Inferred short form.
        ShippingLine = ("shipping_line", "船会社", "船会社"),
        // Inferred short form.
        ShipAgent = ("ship_agent", "船舶代理店", "船舶代理店"),
        // Inferred short form.
        Insurer = ("insurer", "損害保険会社", "損保"),
        Other = ("other", "その他", "その他"),
    }
}

impl Industry {
    /// Whether this 業種 stands alone even with シングルサインオン 要.
    ///
    /// M003: 「シングルサインオン「要」を選択すると、同じ枠内の業種は複数選択する
    /// ことができます。※ただし、「自社通関」「輸出入者(貿易管理システム利用)」
    /// 「機長代行」は除外。」
    pub fn excluded_from_single_sign_on(self) -> bool {
        matches!(
            self,
            Self::InHouseCustoms | Self::TradeControlTrader | Self::CaptainAgent
        )
    }

    /// Whether 管理統計資料（無料分） may be 要 for this 業種.
    ///
    /// M000 【18】 prints the list, but its OCR is garbled (「無料分の選択ができる
    /// 業種は「通関業」、「船務代理店」、「航空会社」、…」, eight names). Read
    /// against M002's examples (輸出入者 and 自社通関 may choose it) and the free
    /// documents themselves (一括納付 and 口座使用明細: those who pay duties and
    /// tonnage dues through NACCS), the eight are taken as below. Correct
    /// this one list if a clean copy shows otherwise.
    pub fn may_choose_free_statistics(self) -> bool {
        matches!(
            self,
            Self::CustomsBroker
                | Self::InHouseCustoms
                | Self::Airline
                | Self::CaptainAgent
                | Self::Shipping
                | Self::Trader
                | Self::ShippingLine
                | Self::ShipAgent
        )
    }

    /// Whether 保税管理資料保存サービス may be 要 for this 業種: only CY,
    /// 保税蔵置場, 航空会社 and 機用品業 (procedures.md §11; M000 【18】 says the
    /// same through OCR noise).
    pub fn may_choose_storage_service(self) -> bool {
        matches!(
            self,
            Self::AircraftSupplies | Self::Airline | Self::BondedWarehouse | Self::ContainerYard
        )
    }
}

/// 「「通関業」、「自社通関」…」 for a message, in screen order.
pub fn quoted_labels(pick: impl Fn(Industry) -> bool) -> String {
    Industry::ALL
        .iter()
        .copied()
        .filter(|i| pick(*i))
        .map(|i| format!("「{}」", i.label()))
        .collect::<Vec<_>>()
        .join("、")
}

/// The シングルサインオン rule of the 業種 check boxes (procedures.md §3.4,
/// M002 ⑤, M003): with SSO 否 exactly one 業種; with 要 several may share one
/// 利用者ID, but 自社通関, 輸出入者（貿易管理サブシステム利用） and 機長代行 never
/// combine with another.
///
/// M003 also says only 業種 of 「同じ枠内」 (the same box) combine; the
/// manuals do not show the boxes, so that part is not checked here. One 業種
/// with SSO 要 is accepted: nothing is contradictory about it. A 業種 sent
/// twice (a tampered form) counts once.
pub fn check_industry_selection(sso: bool, selected: &[Industry]) -> Result<(), String> {
    let distinct: BTreeSet<Industry> = selected.iter().copied().collect();
    if distinct.is_empty() {
        return Err("業種を選択してください。".to_owned());
    }
    if distinct.len() == 1 {
        return Ok(());
    }
    if !sso {
        return Err("シングルサインオン「否」の場合は、業種を1つのみ選択してください。".to_owned());
    }
    match distinct.iter().find(|i| i.excluded_from_single_sign_on()) {
        Some(alone) => Err(format!(
            "「{}」は、他の業種と組み合わせて選択することはできません。",
            alone.label()
        )),
        None => Ok(()),
    }
}

/// The 管理統計資料に関する項目 rules of one 利用者コード row (M000 【18】):
/// 管理統計資料（無料分） only for the 業種 of [`Industry::may_choose_free_statistics`];
/// 保税管理資料保存サービス only for those of
/// [`Industry::may_choose_storage_service`], and only together with
/// 管理統計資料（有料分） 要 (「管理統計資料（有料分）で「要」の選択が必要です。」).
/// With SSO, one qualifying 業種 among those selected is enough.
pub fn check_statistics_selection(
    selected: &[Industry],
    paid: bool,
    free: bool,
    storage: bool,
) -> Result<(), String> {
    if free && !selected.iter().any(|i| i.may_choose_free_statistics()) {
        return Err(format!(
            "管理統計資料（無料分）の選択ができる業種は{}です。",
            quoted_labels(Industry::may_choose_free_statistics)
        ));
    }
    if storage && !selected.iter().any(|i| i.may_choose_storage_service()) {
        return Err(format!(
            "保税管理資料保存サービスの選択ができる業種は{}です。",
            quoted_labels(Industry::may_choose_storage_service)
        ));
    }
    if storage && !paid {
        return Err(
            "保税管理資料保存サービスを選択する場合は、管理統計資料（有料分）で「要」を選択してください。"
                .to_owned(),
        );
    }
    Ok(())
}

choice_list! {
    /// 処理方式 of a 利用者ID.
    ///
    /// Printed by the manuals: netNACCS (short 「net」, M000 【18】【19】, M002 ⑤),
    /// インタラクティブ (「インタ」) and インタ・POP3併用 (M004 ⑦ パスワード初期化),
    /// SMTP双方向 (short 「双方向」, M003). The mail method SMTP/POP3 (M003
    /// メールボックス数 (SMTP/POP3)), ebMS (M000 【20】 論理端末数 (eBMS:自社システム用))
    /// and webNACCS (【20】 デジタル証明書数 (webNACCS)) appear on other screens;
    /// their labels and short forms here are inferred.
    pub enum ProcessingMethod in PROCESSING_METHODS {
        Interactive = ("interactive", "インタラクティブ", "インタ"),
        NetNaccs = ("netnaccs", "netNACCS", "net"),
        InteractivePop3 = ("interactive_pop3", "インタ・POP3併用", "インタ・POP3併用"),
        // Inferred label and short form.
        Mail = ("mail", "SMTP/POP3", "メール"),
        SmtpBidirectional = ("smtp_bidirectional", "SMTP双方向", "双方向"),
        // Inferred label and short form. The label is spelt as M000 【20】 (2018) prints
        // 「論理端末数 (eBMS:自社システム用)」 on the same application; the short form, printed
        // for issued terminals on the change screens, keeps M001's (2013) 「ebMS」.
        Ebms = ("ebms", "eBMS", "ebMS"),
        // Inferred label and short form.
        WebNaccs = ("webnaccs", "webNACCS", "web"),
    }
}

choice_list! {
    /// システム区分 (M000 【18】; 区分 in the tables: 「共用」 in M000 【19】,
    /// 「海上」 in M002 ⑥). 貿易管理サブシステム users choose 海上・航空共用.
    pub enum SystemKind in SYSTEM_KINDS {
        Sea = ("sea", "海上", "海上"),
        Air = ("air", "航空", "航空"),
        SeaAndAir = ("sea_and_air", "海上・航空共用", "共用"),
    }
}

choice_list! {
    /// 管轄税関 radio of 事業所・企業 入力 (M000 【16】(2), whose OCR prints 「国境」
    /// for 函館). Tables print the same words.
    pub enum CustomsOffice in CUSTOMS_OFFICES {
        Hakodate = ("hakodate", "函館", "函館"),
        Tokyo = ("tokyo", "東京", "東京"),
        Yokohama = ("yokohama", "横浜", "横浜"),
        Nagoya = ("nagoya", "名古屋", "名古屋"),
        Osaka = ("osaka", "大阪", "大阪"),
        Kobe = ("kobe", "神戸", "神戸"),
        Moji = ("moji", "門司", "門司"),
        Nagasaki = ("nagasaki", "長崎", "長崎"),
        // The customs office is 沖縄地区税関 (procedures.md §11); the radio
        // prints 沖縄.
        Okinawa = ("okinawa", "沖縄", "沖縄"),
        Unknown = ("unknown", "不明", "不明"),
    }
}

choice_list! {
    /// 適用料金 (料金プラン 入力, M000 【21】; M002 ⑧: 「「基本＋従量」：プランＡ
    /// 「従量のみ」：プランＢ」). 貿易管理サブシステム users choose 従量のみ.
    pub enum FeePlan in FEE_PLANS {
        BasicPlusUsage = ("plan_a", "基本+従量", "プランA"),
        UsageOnly = ("plan_b", "従量のみ", "プランB"),
    }
}

choice_list! {
    /// 支払方法 (請求先 入力, M000 【22】). Short forms inferred.
    pub enum PaymentMethod in PAYMENT_METHODS {
        AccountTransfer = ("account_transfer", "口座振替を希望する", "口座振替"),
        BankTransfer = ("bank_transfer", "銀行振込を希望する", "銀行振込"),
    }
}

choice_list! {
    /// 振込先銀行 for 銀行振込 (M000 【22】: 「振込先銀行は左記の3行のいずれかへ」;
    /// its OCR prints 三井住友銀行 twice, the second is 三菱UFJ銀行).
    pub enum Bank in BANKS {
        Smbc = ("smbc", "三井住友銀行", "三井住友銀行"),
        Mufg = ("mufg", "三菱UFJ銀行", "三菱UFJ銀行"),
        Mizuho = ("mizuho", "みずほ銀行", "みずほ銀行"),
    }
}

choice_list! {
    /// 否 / 要 radios: シングルサインオン要否, 管理統計資料（有料分）（無料分）,
    /// 保税管理資料保存サービス (M000 【18】, whose OCR prints 是 for 要). The
    /// 申込情報 table marks them × / ○ (M000 【19】 「× × ×」, M002 ⑥ 「○ ○ × ×」).
    pub enum Necessity in NECESSITY {
        No = ("no", "否", "×"),
        Yes = ("yes", "要", "○"),
    }
}

impl Necessity {
    pub fn is_yes(self) -> bool {
        self == Self::Yes
    }
}

impl From<bool> for Necessity {
    fn from(yes: bool) -> Self {
        if yes { Self::Yes } else { Self::No }
    }
}

// ---------------------------------------------------------------------------------------------
// 回線サービス・論理端末情報 入力 (一般NACCS). No manual prints this screen: M003 prints only the
// columns of the list it fills (申込情報(回線): 区分, 接続方式, EDIFACTの要否, 接続種別, アクセス
// 速度・回線種別, 屋内配線工事, 保守時間帯, ルータ番号, 工事希望日, 設置場所・オプション, 他事業所と
// 共用; 申込情報(論理端末): ルータ番号, 区分, 利用機器区分, バックアップ区分, 論理端末数; M003:l.577-
// 583), and the guidance names 工事希望日, 処理方式, 回線種別, 回線設置場所 and the 工事事務担当者 /
// 工事立会者 (M003:l.236-238). The options below are inferred: docs/decisions.md, issue 12, Q22.

choice_list! {
    /// 接続方式 of a 一般NACCS line (inferred).
    pub enum LineConnection in LINE_CONNECTIONS {
        IpVpn = ("ip_vpn", "IP-VPN", "IP-VPN"),
        InternetVpn = ("internet_vpn", "インターネットVPN", "インターネットVPN"),
    }
}

choice_list! {
    /// 接続種別: the main line or its backup (inferred).
    pub enum LineKind in LINE_KINDS {
        Main = ("main", "主回線", "主回線"),
        Backup = ("backup", "副回線（バックアップ）", "副回線"),
    }
}

choice_list! {
    /// アクセス速度 (inferred).
    pub enum AccessSpeed in ACCESS_SPEEDS {
        M10 = ("10m", "10Mbps", "10M"),
        M100 = ("100m", "100Mbps", "100M"),
        G1 = ("1g", "1Gbps", "1G"),
    }
}

choice_list! {
    /// 回線種別 (inferred).
    pub enum LineType in LINE_TYPES {
        FiberBestEffort = ("fiber_best_effort", "光回線（ベストエフォート）", "光ベストエフォート"),
        FiberGuaranteed = ("fiber_guaranteed", "光回線（帯域確保）", "光帯域確保"),
    }
}

choice_list! {
    /// 保守時間帯 (inferred).
    pub enum MaintenanceHours in MAINTENANCE_HOURS {
        Weekdays = ("weekdays", "平日 9:00～17:00", "平日"),
        Always = ("always", "24時間365日", "24時間"),
    }
}

choice_list! {
    /// オプション of the line's 設置場所 (inferred).
    pub enum LineOption in LINE_OPTIONS {
        Nothing = ("none", "なし", "なし"),
        DualRouter = ("dual_router", "ルータ二重化", "ルータ二重化"),
    }
}

choice_list! {
    /// 利用機器区分 of the line's logical terminals: interactive terminals or the servers of the
    /// company's own system (M003:l.203 「サーバ台数(自社システム)」; labels inferred).
    pub enum DeviceKind in DEVICE_KINDS {
        Interactive = ("interactive", "インタラクティブ端末", "インタ"),
        Server = ("server", "サーバ（自社システム）", "サーバ"),
    }
}

choice_list! {
    /// バックアップ区分 of the logical terminals (inferred).
    pub enum BackupKind in BACKUP_KINDS {
        Normal = ("normal", "通常", "通常"),
        Backup = ("backup", "バックアップ用", "バックアップ"),
    }
}

choice_list! {
    /// 他事業所と共用 of a line: なし / あり; the lists mark them × / ○ (M003:l.540 「o」).
    pub enum SharedUse in SHARED_USE {
        No = ("no", "なし", "×"),
        Yes = ("yes", "あり", "○"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every list: codes are unique, non-empty ASCII form values; labels and
    /// short forms are non-empty; the enum and the table agree row by row.
    fn check_list<T: Copy + fmt::Debug + PartialEq>(
        table: &'static [Choice],
        all: &[T],
        choice: impl Fn(T) -> &'static Choice,
        from_code: impl Fn(&str) -> Option<T>,
    ) {
        assert_eq!(table.len(), all.len());
        let codes: BTreeSet<&str> = table.iter().map(|c| c.code).collect();
        assert_eq!(codes.len(), table.len(), "duplicate code in {table:?}");
        for (row, value) in table.iter().zip(all) {
            assert!(
                !row.code.is_empty()
                    && row
                        .code
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "bad code {:?}",
                row.code
            );
            assert!(!row.label.is_empty() && !row.short.is_empty(), "{row:?}");
            assert_eq!(choice(*value), row);
            assert_eq!(from_code(row.code), Some(*value));
            assert_eq!(find(table, row.code), Some(row));
        }
        assert_eq!(from_code("no-such-code"), None);
        assert_eq!(find(table, ""), None);
    }

    #[test]
    fn every_list_is_consistent() {
        check_list(
            INDUSTRIES,
            Industry::ALL,
            Industry::choice,
            Industry::from_code,
        );
        check_list(
            PROCESSING_METHODS,
            ProcessingMethod::ALL,
            ProcessingMethod::choice,
            ProcessingMethod::from_code,
        );
        check_list(
            SYSTEM_KINDS,
            SystemKind::ALL,
            SystemKind::choice,
            SystemKind::from_code,
        );
        check_list(
            CUSTOMS_OFFICES,
            CustomsOffice::ALL,
            CustomsOffice::choice,
            CustomsOffice::from_code,
        );
        check_list(FEE_PLANS, FeePlan::ALL, FeePlan::choice, FeePlan::from_code);
        check_list(
            PAYMENT_METHODS,
            PaymentMethod::ALL,
            PaymentMethod::choice,
            PaymentMethod::from_code,
        );
        check_list(BANKS, Bank::ALL, Bank::choice, Bank::from_code);
        check_list(
            NECESSITY,
            Necessity::ALL,
            Necessity::choice,
            Necessity::from_code,
        );
    }

    #[test]
    fn industries_are_the_seventeen_of_the_screen_in_order() {
        let labels: Vec<&str> = INDUSTRIES.iter().map(|c| c.label).collect();
        assert_eq!(
            labels,
            [
                "通関業",
                "混載業",
                "機用品業",
                "自社通関",
                "航空会社",
                "機長代行",
                "海運業",
                "輸出入者",
                "航空貨物代理店",
                "NVOCC",
                "輸出入者（貿易管理サブシステム利用）",
                "保税蔵置場",
                "CY",
                "船会社",
                "船舶代理店",
                "損害保険会社",
                "その他",
            ]
        );
        // The short forms the manuals print.
        assert_eq!(Industry::TradeControlTrader.short(), "貿サブ");
        assert_eq!(Industry::CustomsBroker.short(), "通関");
        assert_eq!(Industry::Consolidator.short(), "混載");
    }

    #[test]
    fn short_forms_printed_by_the_manuals() {
        // M000 【19】: 追加 共用 貿サブ net …; M003: 通関 双方向; M004: インタ.
        assert_eq!(SystemKind::SeaAndAir.short(), "共用");
        assert_eq!(SystemKind::SeaAndAir.label(), "海上・航空共用");
        assert_eq!(ProcessingMethod::NetNaccs.short(), "net");
        assert_eq!(ProcessingMethod::NetNaccs.label(), "netNACCS");
        assert_eq!(ProcessingMethod::SmtpBidirectional.short(), "双方向");
        assert_eq!(ProcessingMethod::Interactive.short(), "インタ");
        assert_eq!(FeePlan::UsageOnly.short(), "プランB");
        assert_eq!(FeePlan::BasicPlusUsage.label(), "基本+従量");
        assert_eq!(Necessity::No.short(), "×");
        assert_eq!(Necessity::from(true), Necessity::Yes);
    }

    #[test]
    fn customs_and_banks_match_the_screens() {
        let customs: Vec<&str> = CUSTOMS_OFFICES.iter().map(|c| c.label).collect();
        assert_eq!(
            customs,
            [
                "函館",
                "東京",
                "横浜",
                "名古屋",
                "大阪",
                "神戸",
                "門司",
                "長崎",
                "沖縄",
                "不明"
            ]
        );
        let banks: Vec<&str> = BANKS.iter().map(|c| c.label).collect();
        assert_eq!(banks, ["三井住友銀行", "三菱UFJ銀行", "みずほ銀行"]);
    }

    #[test]
    fn sso_no_means_exactly_one_industry() {
        use Industry::*;
        assert_eq!(
            check_industry_selection(false, &[TradeControlTrader]),
            Ok(())
        );
        assert_eq!(check_industry_selection(false, &[CustomsBroker]), Ok(()));
        assert_eq!(
            check_industry_selection(false, &[]),
            Err("業種を選択してください。".to_owned())
        );
        assert_eq!(
            check_industry_selection(false, &[CustomsBroker, Consolidator]),
            Err("シングルサインオン「否」の場合は、業種を1つのみ選択してください。".to_owned())
        );
        // The same box twice is still one 業種.
        assert_eq!(
            check_industry_selection(false, &[CustomsBroker, CustomsBroker]),
            Ok(())
        );
    }

    #[test]
    fn sso_yes_allows_several_except_the_three_that_stand_alone() {
        use Industry::*;
        assert_eq!(
            check_industry_selection(true, &[CustomsBroker, Consolidator, Nvocc]),
            Ok(())
        );
        assert_eq!(check_industry_selection(true, &[InHouseCustoms]), Ok(()));
        assert_eq!(
            check_industry_selection(true, &[]),
            Err("業種を選択してください。".to_owned())
        );
        for alone in [InHouseCustoms, TradeControlTrader, CaptainAgent] {
            let got = check_industry_selection(true, &[CustomsBroker, alone]);
            assert_eq!(
                got,
                Err(format!(
                    "「{}」は、他の業種と組み合わせて選択することはできません。",
                    alone.label()
                ))
            );
        }
        let standing_alone: Vec<Industry> = Industry::ALL
            .iter()
            .copied()
            .filter(|i| i.excluded_from_single_sign_on())
            .collect();
        assert_eq!(
            standing_alone,
            [InHouseCustoms, CaptainAgent, TradeControlTrader]
        );
    }

    #[test]
    fn storage_service_only_for_four_industries_and_with_paid_statistics() {
        use Industry::*;
        let storage: Vec<Industry> = Industry::ALL
            .iter()
            .copied()
            .filter(|i| i.may_choose_storage_service())
            .collect();
        assert_eq!(
            storage,
            [AircraftSupplies, Airline, BondedWarehouse, ContainerYard]
        );
        assert_eq!(
            check_statistics_selection(&[ContainerYard], true, false, true),
            Ok(())
        );
        assert_eq!(
            check_statistics_selection(&[CustomsBroker], true, false, true),
            Err(
                "保税管理資料保存サービスの選択ができる業種は「機用品業」、「航空会社」、「保税蔵置場」、「CY」です。"
                    .to_owned()
            )
        );
        assert_eq!(
            check_statistics_selection(&[BondedWarehouse], false, false, true),
            Err(
                "保税管理資料保存サービスを選択する場合は、管理統計資料（有料分）で「要」を選択してください。"
                    .to_owned()
            )
        );
        // With SSO one qualifying 業種 among several is enough.
        assert_eq!(
            check_statistics_selection(&[CustomsBroker, ContainerYard], true, true, true),
            Ok(())
        );
    }

    #[test]
    fn free_statistics_follow_the_table() {
        use Industry::*;
        // M002's examples: 輸出入者 and 自社通関 may choose it; M000: 通関業.
        for ok in [Trader, InHouseCustoms, CustomsBroker] {
            assert_eq!(
                check_statistics_selection(&[ok], false, true, false),
                Ok(()),
                "{ok:?}"
            );
        }
        let err =
            check_statistics_selection(&[TradeControlTrader], false, true, false).unwrap_err();
        assert!(
            err.starts_with("管理統計資料（無料分）の選択ができる業種は「通関業」、"),
            "{err}"
        );
        assert_eq!(
            Industry::ALL
                .iter()
                .filter(|i| i.may_choose_free_statistics())
                .count(),
            8,
            "M000 【18】 names eight 業種"
        );
        // Nothing chosen is always fine.
        assert_eq!(
            check_statistics_selection(&[Other], false, false, false),
            Ok(())
        );
    }

    #[test]
    fn serde_uses_the_stable_code() {
        let json = serde_json::to_string(&[Industry::TradeControlTrader, Industry::Nvocc]).unwrap();
        assert_eq!(json, r#"["trade_control_trader","nvocc"]"#);
        let back: Vec<Industry> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, [Industry::TradeControlTrader, Industry::Nvocc]);
        assert!(serde_json::from_str::<Industry>(r#""貿サブ""#).is_err());
        let plan: FeePlan = serde_json::from_str(r#""plan_b""#).unwrap();
        assert_eq!(plan, FeePlan::UsageOnly);
        assert_eq!(CustomsOffice::Tokyo.to_string(), "東京");
    }
}
