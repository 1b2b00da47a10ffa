//! English names as NACCS takes them: the 名称 of a システム設定申込 (M002 3.1, M004), typed in
//! half-width upper-case letters, digits, spaces and a few signs.
//!
//! Every English value the manuals print keeps to that set: 「NACCS SYSTEM CO.,LTD.」,
//! 「HONSHA」, 「KAWASAKI SHI SAIWAI KU」, 「HORIKAWA CYO 999」, 「I.KONSAI」 (M002 l.886-906),
//! 「NACCS TRADE COMPANY」, 「TOKYO TO MINATO KU KOUNAN 10-100-1 NACCS BLD. 20F」, 「J.YAMADA」
//! (M004 l.201-206). No manual prints the rule itself; the set (A–Z, 0–9, space and
//! `. , - ( ) & ' /`) is docs/decisions.md "Issue 13", 「英字の文字種」.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The signs an English name may hold besides letters, digits and spaces.
pub const SIGNS: &str = ".,-()&'/";

/// Why a value is not an English name NACCS takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnglishError {
    /// Nothing was entered.
    Required,
    /// A character outside the set (lower case, full width, kana, other signs).
    Characters,
    /// More than `max` characters.
    TooLong { max: usize },
}

impl EnglishError {
    /// The screen's message for the field called `label`.
    pub fn message(self, label: &str) -> String {
        match self {
            EnglishError::Required => format!("{label}を入力してください。"),
            EnglishError::Characters => format!(
                "{label}は半角英大文字、半角数字、空白および記号（. , - ( ) & ' /）で入力してください。"
            ),
            EnglishError::TooLong { max } => format!("{label}は{max}文字以内で入力してください。"),
        }
    }
}

/// Whether NACCS takes `c` in an English name.
pub fn is_allowed(c: char) -> bool {
    c.is_ascii_uppercase() || c.is_ascii_digit() || c == ' ' || SIGNS.contains(c)
}

/// A non-empty English name or address line of at most `N` characters. A stored value is
/// checked again when read back, like the `format` types.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EnglishText<const N: usize>(String);

impl<const N: usize> EnglishText<N> {
    /// Parses a typed value: surrounding spaces are dropped (a web form's), inner runs of
    /// spaces kept as typed.
    pub fn parse(raw: &str) -> Result<Self, EnglishError> {
        let v = raw.trim_matches(|c: char| c.is_ascii_whitespace());
        if v.is_empty() {
            return Err(EnglishError::Required);
        }
        if !v.chars().all(is_allowed) {
            return Err(EnglishError::Characters);
        }
        if v.chars().count() > N {
            return Err(EnglishError::TooLong { max: N });
        }
        Ok(EnglishText(v.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<const N: usize> Serialize for EnglishText<N> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de, const N: usize> Deserialize<'de> for EnglishText<N> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Self::parse(&raw).map_err(|e| serde::de::Error::custom(e.message("English text")))
    }
}

/// The 47 都道府県 in English as the manuals write them (「KANAGAWA KEN」 M002 l.898, 「TOKYO TO」
/// M004 l.203): the reading, then TO / DO / FU / KEN as a word of its own (北海道 is one word).
const PREFECTURES: [(&str, &str); 47] = [
    ("北海道", "HOKKAIDO"),
    ("青森県", "AOMORI KEN"),
    ("岩手県", "IWATE KEN"),
    ("宮城県", "MIYAGI KEN"),
    ("秋田県", "AKITA KEN"),
    ("山形県", "YAMAGATA KEN"),
    ("福島県", "FUKUSHIMA KEN"),
    ("茨城県", "IBARAKI KEN"),
    ("栃木県", "TOCHIGI KEN"),
    ("群馬県", "GUNMA KEN"),
    ("埼玉県", "SAITAMA KEN"),
    ("千葉県", "CHIBA KEN"),
    ("東京都", "TOKYO TO"),
    ("神奈川県", "KANAGAWA KEN"),
    ("新潟県", "NIIGATA KEN"),
    ("富山県", "TOYAMA KEN"),
    ("石川県", "ISHIKAWA KEN"),
    ("福井県", "FUKUI KEN"),
    ("山梨県", "YAMANASHI KEN"),
    ("長野県", "NAGANO KEN"),
    ("岐阜県", "GIFU KEN"),
    ("静岡県", "SHIZUOKA KEN"),
    ("愛知県", "AICHI KEN"),
    ("三重県", "MIE KEN"),
    ("滋賀県", "SHIGA KEN"),
    ("京都府", "KYOTO FU"),
    ("大阪府", "OSAKA FU"),
    ("兵庫県", "HYOGO KEN"),
    ("奈良県", "NARA KEN"),
    ("和歌山県", "WAKAYAMA KEN"),
    ("鳥取県", "TOTTORI KEN"),
    ("島根県", "SHIMANE KEN"),
    ("岡山県", "OKAYAMA KEN"),
    ("広島県", "HIROSHIMA KEN"),
    ("山口県", "YAMAGUCHI KEN"),
    ("徳島県", "TOKUSHIMA KEN"),
    ("香川県", "KAGAWA KEN"),
    ("愛媛県", "EHIME KEN"),
    ("高知県", "KOCHI KEN"),
    ("福岡県", "FUKUOKA KEN"),
    ("佐賀県", "SAGA KEN"),
    ("長崎県", "NAGASAKI KEN"),
    ("熊本県", "KUMAMOTO KEN"),
    ("大分県", "OITA KEN"),
    ("宮崎県", "MIYAZAKI KEN"),
    ("鹿児島県", "KAGOSHIMA KEN"),
    ("沖縄県", "OKINAWA KEN"),
];

/// The English of a 都道府県 (what 「反映」 can fill from a 郵便番号: the simulator's postal table
/// has no readings of cities and towns, docs/decisions.md "Issue 13", 「英字住所の反映」).
pub fn prefecture(name: &str) -> Option<&'static str> {
    PREFECTURES
        .iter()
        .find(|(ja, _)| *ja == name)
        .map(|(_, en)| *en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manuals_values_are_taken() {
        for v in [
            "NACCS SYSTEM CO.,LTD.",
            "HONSHA",
            "KAWASAKI SHI SAIWAI KU",
            "HORIKAWA CYO 999",
            "I.KONSAI",
            "NACCS TRADE COMPANY",
            "TOKYO TO MINATO KU KOUNAN 10-100-1 NACCS BLD. 20F",
            "J.YAMADA",
            "A & B (JAPAN) CO.,LTD. O'HARA 1/2",
        ] {
            assert_eq!(EnglishText::<70>::parse(v).unwrap().as_str(), v);
        }
        assert_eq!(
            EnglishText::<70>::parse("  HONSHA ").unwrap().as_str(),
            "HONSHA"
        );
    }

    #[test]
    fn prefectures_in_english() {
        assert_eq!(prefecture("神奈川県"), Some("KANAGAWA KEN"));
        assert_eq!(prefecture("東京都"), Some("TOKYO TO"));
        assert_eq!(prefecture("北海道"), Some("HOKKAIDO"));
        assert_eq!(prefecture("大阪府"), Some("OSAKA FU"));
        assert_eq!(prefecture("川崎市"), None);
        for (_, en) in PREFECTURES {
            assert!(EnglishText::<35>::parse(en).is_ok(), "{en}");
        }
    }

    #[test]
    fn what_naccs_does_not_take_is_refused() {
        for v in [
            "Naccs System",
            "ＮＡＣＣＳ",
            "ナックス",
            "NACCS@SYSTEM",
            "NACCS_SYSTEM",
            "TAB\tHERE",
        ] {
            assert_eq!(
                EnglishText::<70>::parse(v),
                Err(EnglishError::Characters),
                "{v}"
            );
        }
        assert_eq!(EnglishText::<70>::parse("  "), Err(EnglishError::Required));
        assert_eq!(
            EnglishText::<35>::parse(&"A".repeat(36)),
            Err(EnglishError::TooLong { max: 35 })
        );
        assert!(serde_json::from_str::<EnglishText<35>>("\"honsha\"").is_err());
        assert_eq!(
            EnglishError::Characters.message("企業名(英)"),
            "企業名(英)は半角英大文字、半角数字、空白および記号（. , - ( ) & ' /）で入力してください。"
        );
    }
}
