//! Input formats of the NSS screens: "parse, don't validate".
//!
//! Every value a user types into an NSS form arrives here as a raw `&str` and
//! leaves either as a newtype that can only hold a valid value, or as a
//! [`FormatError`] that renders the Japanese sentence the screen shows next to
//! the field ([`FormatError::message`]).
//!
//! The rules are those of the hints the screens print beside each field
//! (procedures.md §0 and §1; M000 【6】, 【15】–【22】): (全角), (全角カナ),
//! (半角数字), (半角数字7桁), (半角数字8桁), (半角英数字), (240文字以内) and
//! 「「-」(ハイフン)を入力せずに、数字のみ入力してください。」.
//!
//! Common behaviour of every type:
//! - surrounding ASCII whitespace is trimmed (what a browser user meets when a
//!   copied value carries a stray space or newline); interior spaces are kept,
//!   and full-width spaces are never trimmed because they are part of 全角 text;
//! - an empty value is [`FormatError::Required`]; optional fields go through
//!   [`optional`], which turns an empty value into `Ok(None)`;
//! - `parse(&str)`, `as_str()`, `Display`, and serde as a plain string
//!   (deserializing goes through `parse`, so a stored value keeps the invariant).

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Why a raw form value was refused. Render it with [`FormatError::message`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatError {
    /// Nothing was entered (after trimming).
    Required,
    /// A (全角) field holds half-width or non-Japanese characters.
    NotZenkaku,
    /// A (全角カナ) field holds hiragana, kanji or half-width characters.
    NotKatakana,
    /// A phone, FAX or postal code was entered with hyphens.
    Hyphen,
    /// A (半角数字) field with a fixed number of digits does not hold
    /// `min..=max` ASCII digits.
    DigitLength { min: usize, max: usize },
    /// A (半角数字) count holds something other than ASCII digits.
    NotDigits,
    /// A (半角英数字) code does not hold exactly `len` ASCII letters/digits.
    NotAlphanumeric { len: usize },
    /// More than `max` characters (counted as characters, not bytes).
    TooLong { max: usize },
    /// Not 8 ASCII digits forming a real calendar date.
    InvalidDate,
    /// Not a single, plain ASCII e-mail address.
    EmailSyntax,
    /// The confirmation copy (確認用) differs from the registered one (登録用).
    Mismatch,
    /// A count outside `min..=max`.
    OutOfRange { min: u32, max: u32 },
}

impl FormatError {
    /// The sentence the screen prints for the field called `label`, in the
    /// manuals' style (「…を入力してください。」).
    ///
    /// For [`FormatError::Mismatch`] pass the base label of the pair (e.g.
    /// 「E-mailアドレス」): the message names both copies.
    pub fn message(&self, label: &str) -> String {
        match self {
            Self::Required => format!("{label}を入力してください。"),
            Self::NotZenkaku => format!("{label}は全角で入力してください。"),
            Self::NotKatakana => format!("{label}は全角カナで入力してください。"),
            // M000 【6】/【16】: the hint printed beside every phone/FAX field.
            Self::Hyphen => {
                format!("{label}は「-」(ハイフン)を入力せずに、数字のみ入力してください。")
            }
            Self::DigitLength { min, max } if min == max => {
                format!("{label}は半角数字{min}桁で入力してください。")
            }
            Self::DigitLength { min, max } if *max == min + 1 => {
                format!("{label}は半角数字{min}桁または{max}桁で入力してください。")
            }
            Self::DigitLength { min, max } => {
                format!("{label}は半角数字{min}～{max}桁で入力してください。")
            }
            Self::NotDigits => format!("{label}は半角数字で入力してください。"),
            Self::NotAlphanumeric { len } => {
                format!("{label}は半角英数字{len}桁で入力してください。")
            }
            Self::TooLong { max } => format!("{label}は{max}文字以内で入力してください。"),
            Self::InvalidDate => {
                format!("{label}は半角数字8桁（YYYYMMDD）で正しい日付を入力してください。")
            }
            Self::EmailSyntax => format!("{label}を正しい形式（半角英数字）で入力してください。"),
            Self::Mismatch => format!("{label}（確認用）が{label}（登録用）と一致しません。"),
            Self::OutOfRange { min, max } => {
                format!("{label}は{min}～{max}の範囲で半角数字で入力してください。")
            }
        }
    }
}

/// Without a field label (e.g. a serde error) the value is called 「入力値」.
impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message("入力値"))
    }
}

impl std::error::Error for FormatError {}

/// A type built from one raw form value. Lets [`optional`] work for every kind.
pub trait FormField: Sized {
    /// Parses a raw form value (surrounding ASCII whitespace is ignored).
    fn parse(raw: &str) -> Result<Self, FormatError>;
    /// The value as it is stored and displayed.
    fn as_str(&self) -> &str;
}

/// Trims what a web form would: ASCII whitespace at both ends only.
/// Full-width spaces (U+3000) stay: in a (全角) field they are content.
fn trim(raw: &str) -> &str {
    raw.trim_matches(|c: char| c.is_ascii_whitespace())
}

/// The trimmed value, or [`FormatError::Required`] when nothing is left.
pub fn required(value: &str) -> Result<&str, FormatError> {
    match trim(value) {
        "" => Err(FormatError::Required),
        v => Ok(v),
    }
}

/// For fields marked 「任意」: an empty value is `Ok(None)`, anything else
/// must parse. `let fax = optional::<FaxNumber>(&form.fax)?;`
pub fn optional<T: FormField>(value: &str) -> Result<Option<T>, FormatError> {
    if trim(value).is_empty() {
        Ok(None)
    } else {
        T::parse(value).map(Some)
    }
}

/// The screen's maximum length for a field, counted in characters (a kanji is
/// one character, as the screens' 「240文字以内」 counts it), after trimming.
pub fn check_max_chars(value: &str, max: usize) -> Result<(), FormatError> {
    if trim(value).chars().count() > max {
        Err(FormatError::TooLong { max })
    } else {
        Ok(())
    }
}

/// 登録用 / 確認用 pair rule (M000 【6】, 【15】: 「確認のため、同じE-mailアドレスを
/// 入力してください。」). Compared after trimming, character for character: the
/// point of the second copy is to catch a typo, so no case folding. The error
/// belongs to the 確認用 field.
pub fn check_email_pair(registration: &str, confirmation: &str) -> Result<(), FormatError> {
    if trim(registration) == trim(confirmation) {
        Ok(())
    } else {
        Err(FormatError::Mismatch)
    }
}

/// Implements `FormField`, `Display`, `Serialize` (plain string) and
/// `Deserialize` (through `parse`) for a type with inherent `parse` and
/// `as_str`, so every kind behaves alike.
macro_rules! form_field {
    ($ty:ty) => {
        impl FormField for $ty {
            fn parse(raw: &str) -> Result<Self, FormatError> {
                <$ty>::parse(raw)
            }
            fn as_str(&self) -> &str {
                <$ty>::as_str(self)
            }
        }
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let raw = String::deserialize(deserializer)?;
                <$ty>::parse(&raw).map_err(serde::de::Error::custom)
            }
        }
    };
}

// ---------------------------------------------------------------------------
// Character classes
// ---------------------------------------------------------------------------

/// Whether `c` is a full-width (全角) character a Japanese form accepts.
///
/// The NSS era forms take what Shift_JIS encodes in two bytes (JIS X 0208 and
/// the usual vendor extensions). Rather than a full JIS table, this accepts
/// the Unicode blocks those characters live in and refuses everything a user
/// would call 半角: ASCII, half-width katakana (U+FF61–U+FF9F) and the other
/// half-width forms, controls, and characters no Japanese keyboard produces
/// (accented Latin letters, emoji).
fn is_zenkaku(c: char) -> bool {
    matches!(c,
        // CJK symbols and punctuation: 　、。〃々〆〇「」『』【】〒〜 …
        '\u{3000}'..='\u{303F}'
        // Hiragana, katakana (incl. ・ and ー), katakana phonetic extensions.
        | '\u{3041}'..='\u{309F}'
        | '\u{30A0}'..='\u{30FF}'
        | '\u{31F0}'..='\u{31FF}'
        // Enclosed CJK letters (㈱), CJK compatibility (㎡ ㍻).
        | '\u{3200}'..='\u{33FF}'
        // Kanji: extension A, unified ideographs, compatibility ideographs,
        // and the supplementary planes (names such as 𠮷).
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}'
        // Full-width ASCII variants ！…～ (digits, letters, （）－ etc.).
        | '\u{FF01}'..='\u{FF60}'
        // Full-width signs ￠￡￢￣￤￥￦.
        | '\u{FFE0}'..='\u{FFE6}'
        // JIS X 0208 row 1–8 symbols outside the CJK blocks.
        | '\u{2010}' | '\u{2015}' | '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}'
        | '\u{2020}' | '\u{2021}' | '\u{2025}' | '\u{2026}' | '\u{2030}' | '\u{2032}'
        | '\u{2033}' | '\u{203B}' | '\u{2103}' | '\u{2116}' | '\u{2121}' | '\u{212B}'
        | '\u{2160}'..='\u{217F}' // Roman numerals Ⅰ Ⅱ
        | '\u{2190}'..='\u{22FF}' // arrows, mathematical operators (− ∞ ∴)
        | '\u{2460}'..='\u{24FF}' // ① ②
        | '\u{2500}'..='\u{257F}' // box drawing
        | '\u{25A0}'..='\u{26FF}' // ■ □ ◆ ○ ● ★ ☆ ♪
        // Greek and Cyrillic letters are two-byte characters in JIS X 0208.
        | '\u{0391}'..='\u{03C9}'
        | '\u{0401}' | '\u{0410}'..='\u{044F}' | '\u{0451}'
        // Latin-1 symbols that JIS X 0208 also encodes in two bytes.
        | '§' | '¨' | '°' | '±' | '´' | '¶' | '×' | '÷'
    )
}

/// Whether `c` may appear in a (全角カナ) reading (フリガナ).
///
/// procedures.md §1: full-width katakana, 長音 ー, ・, full-width space, and the
/// full-width digits, letters and hyphen that address readings need
/// (「トウキョウシナガワクオオサキ１－２－３　エービービル　３０２ゴウ」).
/// Full-width （）．／ are kept for company readings such as 「（カ）」.
fn is_katakana(c: char) -> bool {
    matches!(c,
        '\u{30A1}'..='\u{30FA}' // ァ … ヺ
        | 'ー' | '・' | 'ヽ' | 'ヾ' | '　'
        | '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ'
        | '－' | '‐' | '−' | '（' | '）' | '．' | '／'
    )
}

/// Whether `c` is one of the half-width characters a (全角) or (全角カナ) value may hold among
/// its full-width ones: ASCII letters and digits, the space, and the signs of names and
/// addresses (`. , - ( ) & ' /`, the set NACCS takes in English names, `domain::english`).
///
/// The manuals print such values beside the very fields that say (全角) and (全角カナ): 「例) 大崎
/// 1-2-3 ABCビル 3階 302号」, 「例) シナガワクオオサキ1-2-3 エービーシービル 3カイ 302ゴウ」, 「例) 第一営業部
/// 営業第9課」 (M000 l.243, 857-858, 913-914, 1428), M003's 「CP利用者」 (l.312, 349) and M000's own
/// entries 「霞が関1丁目3-1」 / 「カスミガセキ1-3-1」 (l.857-858, 1540-1541). They are kept as typed
/// (docs/decisions.md, issue 15, 「(全角) and (全角カナ)」).
fn is_half_width_inside(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == ' ' || super::english::SIGNS.contains(c)
}

/// Characters users type for a hyphen in a number: ASCII, the IME's
/// full-width ones, and the 長音 that an IME often produces for 「-」.
fn is_hyphen_like(c: char) -> bool {
    matches!(
        c,
        '-' | '－' | '‐' | '‑' | '–' | '—' | '―' | '−' | 'ー' | 'ｰ'
    )
}

fn all_ascii_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

// ---------------------------------------------------------------------------
// Text kinds
// ---------------------------------------------------------------------------

/// A (全角) value: 企業名, 氏名, 事業所名, 住所(市区町村), 住所(その他), 役職名 …
///
/// Full-width text, in which half-width ASCII letters, digits, spaces and the signs of names and
/// addresses are accepted and kept as typed ([`is_half_width_inside`]): the manuals print
/// 「CP利用者」 and 「大崎1-2-3 ABCビル 3階 302号」 in (全角) fields (docs/decisions.md, issue 12
/// Q5, extended by issue 15). A value without any full-width character (「NACCS Shoji」,
/// 「1-2-3」), half-width kana, control characters and what no Japanese keyboard types stay
/// refused.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Zenkaku(String);

impl Zenkaku {
    pub fn parse(raw: &str) -> Result<Self, FormatError> {
        let v = required(raw)?;
        if v.chars().all(|c| is_zenkaku(c) || is_half_width_inside(c)) && v.chars().any(is_zenkaku)
        {
            Ok(Self(v.to_owned()))
        } else {
            Err(FormatError::NotZenkaku)
        }
    }

    /// [`Zenkaku::parse`] plus the screen's maximum length in characters.
    pub fn parse_max(raw: &str, max: usize) -> Result<Self, FormatError> {
        let value = Self::parse(raw)?;
        check_max_chars(&value.0, max)?;
        Ok(value)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}
form_field!(Zenkaku);

/// A (全角カナ) reading: 企業名(フリガナ), 氏名(フリガナ), 住所(フリガナ) …
///
/// Full-width katakana (and the full-width digits, letters and signs of addresses), in which the
/// half-width characters of [`is_half_width_inside`] are accepted and kept as typed, as the
/// manuals print readings (「シナガワクオオサキ1-2-3 エービーシービル 3カイ 302ゴウ」, 「カスミガセキ1-3-1」).
/// At least one character must be full-width; hiragana, kanji and half-width kana are refused.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Katakana(String);

impl Katakana {
    pub fn parse(raw: &str) -> Result<Self, FormatError> {
        let v = required(raw)?;
        if v.chars().all(|c| is_katakana(c) || is_half_width_inside(c))
            && v.chars().any(is_katakana)
        {
            Ok(Self(v.to_owned()))
        } else {
            Err(FormatError::NotKatakana)
        }
    }

    /// [`Katakana::parse`] plus the screen's maximum length in characters.
    pub fn parse_max(raw: &str, max: usize) -> Result<Self, FormatError> {
        let value = Self::parse(raw)?;
        check_max_chars(&value.0, max)?;
        Ok(value)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}
form_field!(Katakana);

/// A free text limited to `N` characters: 申込理由, 備考, 希望理由 (240文字以内,
/// M000 【15】, M004). Any characters, newlines included.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LimitedText<const N: usize>(String);

/// 申込理由, 利用申込の備考, パスワード初期化の希望理由: 「(240文字以内)」.
pub type Text240 = LimitedText<240>;

impl<const N: usize> LimitedText<N> {
    pub const MAX_CHARS: usize = N;

    pub fn parse(raw: &str) -> Result<Self, FormatError> {
        // Browsers submit a textarea's line breaks as CRLF but count them as
        // one character against `maxlength`; storing LF keeps the server's
        // count equal to what the user saw, so 240 typed characters pass.
        let text = required(raw)?.replace("\r\n", "\n").replace('\r', "\n");
        if text.chars().count() > N {
            return Err(FormatError::TooLong { max: N });
        }
        Ok(Self(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<const N: usize> FormField for LimitedText<N> {
    fn parse(raw: &str) -> Result<Self, FormatError> {
        Self::parse(raw)
    }
    fn as_str(&self) -> &str {
        Self::as_str(self)
    }
}

impl<const N: usize> fmt::Display for LimitedText<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<const N: usize> Serialize for LimitedText<N> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de, const N: usize> Deserialize<'de> for LimitedText<N> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Self::parse(&raw).map_err(serde::de::Error::custom)
    }
}

// ---------------------------------------------------------------------------
// Numbers entered as text
// ---------------------------------------------------------------------------

/// Shared rule of the (半角数字) fields that print the hyphen hint: a hyphen gets
/// the hint itself as the message, anything else the digit-count message.
fn hyphenless_digits(raw: &str, min: usize, max: usize) -> Result<&str, FormatError> {
    let v = required(raw)?;
    if v.chars().any(is_hyphen_like) {
        return Err(FormatError::Hyphen);
    }
    if all_ascii_digits(v) && (min..=max).contains(&v.len()) {
        Ok(v)
    } else {
        Err(FormatError::DigitLength { min, max })
    }
}

/// 電話番号 (半角数字): 10 or 11 ASCII digits, no hyphen (M000 【6】 0335010953).
///
/// Japanese numbers are 10 digits (fixed lines, 0120, 0570) or 11 (mobile,
/// 050). No prefix rule is applied: the screens only print the digit hint.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    pub const MIN_DIGITS: usize = 10;
    pub const MAX_DIGITS: usize = 11;

    pub fn parse(raw: &str) -> Result<Self, FormatError> {
        hyphenless_digits(raw, Self::MIN_DIGITS, Self::MAX_DIGITS).map(|v| Self(v.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}
form_field!(PhoneNumber);

/// FAX番号 (半角数字): the same rule as [`PhoneNumber`].
///
/// 「0000000000」 is 10 digits, so a plain FAX field accepts it too: the screens
/// check the format only. Its meaning ("no FAX") matters only for the
/// emergency numbers, see [`EmergencyFax`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FaxNumber(String);

impl FaxNumber {
    pub fn parse(raw: &str) -> Result<Self, FormatError> {
        hyphenless_digits(raw, PhoneNumber::MIN_DIGITS, PhoneNumber::MAX_DIGITS)
            .map(|v| Self(v.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}
form_field!(FaxNumber);

/// 緊急連絡用FAX番号1–3: a FAX number, or 「0000000000」 when the office has
/// none (M002 ③-4: 「FAX番号をお持ちでない場合は、「0000000000」（0を10桁）を
/// 入力してください。」).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EmergencyFax(FaxNumber);

impl EmergencyFax {
    /// M002 ③-4: the value that says "this office has no FAX".
    pub const NO_FAX: &'static str = "0000000000";

    pub fn parse(raw: &str) -> Result<Self, FormatError> {
        FaxNumber::parse(raw).map(Self)
    }

    /// The number, unless it is the 「0000000000」 placeholder.
    pub fn fax(&self) -> Option<&FaxNumber> {
        (self.0.as_str() != Self::NO_FAX).then_some(&self.0)
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}
form_field!(EmergencyFax);

/// 郵便番号 (半角数字7桁, M000 【16】 1008901). The 「反映」 button looks the
/// address up from it; that lookup is not part of the format.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PostalCode(String);

impl PostalCode {
    pub fn parse(raw: &str) -> Result<Self, FormatError> {
        hyphenless_digits(raw, 7, 7).map(|v| Self(v.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}
form_field!(PostalCode);

/// 請求先コード / 登録請求先コード (半角数字7桁, M000 【22】; e.g. 9999999).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BillingCode(String);

impl BillingCode {
    pub fn parse(raw: &str) -> Result<Self, FormatError> {
        let v = required(raw)?;
        // A code has no hyphenated form, so no hyphen hint: the digit message.
        if all_ascii_digits(v) && v.len() == 7 {
            Ok(Self(v.to_owned()))
        } else {
            Err(FormatError::DigitLength { min: 7, max: 7 })
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}
form_field!(BillingCode);

/// A (半角数字) date YYYYMMDD that is a real calendar date: 利用開始希望日
/// (M000 【16】 20181225), NACCS登録希望日 (M004).
///
/// Whether the date is a start date on the schedule, or not in the past, is
/// the schedule's business (procedures.md §8), not the format's.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Date8 {
    text: String,
    date: NaiveDate,
}

impl Date8 {
    pub fn parse(raw: &str) -> Result<Self, FormatError> {
        let v = required(raw)?;
        if !(all_ascii_digits(v) && v.len() == 8) {
            return Err(FormatError::InvalidDate);
        }
        // Safe slicing: eight ASCII digits are eight bytes.
        let num = |r: std::ops::Range<usize>| v[r].parse::<u32>().ok();
        let date = match (num(0..4), num(4..6), num(6..8)) {
            (Some(y), Some(m), Some(d)) => i32::try_from(y)
                .ok()
                .and_then(|y| NaiveDate::from_ymd_opt(y, m, d)),
            _ => None,
        };
        date.map(|date| Self {
            text: v.to_owned(),
            date,
        })
        .ok_or(FormatError::InvalidDate)
    }

    pub fn date(&self) -> NaiveDate {
        self.date
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }
}
form_field!(Date8);

impl From<NaiveDate> for Date8 {
    fn from(date: NaiveDate) -> Self {
        Self {
            text: date.format("%Y%m%d").to_string(),
            date,
        }
    }
}

/// A count typed as (半角数字), accepted in `MIN..=MAX`: 識別番号数, 論理端末数,
/// デジタル証明書数, メールボックス数.
///
/// Leading zeros are accepted and dropped ("01" is 1): the field is a number,
/// and a user who types 01 means one. [`Count::as_str`] gives the canonical
/// decimal.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Count<const MIN: u32, const MAX: u32> {
    value: u32,
    text: String,
}

/// 識別番号数 (M000 【18】 「1」), 論理端末数 (【20】 「5」): at least one.
pub type PositiveCount = Count<1, 999>;

impl<const MIN: u32, const MAX: u32> Count<MIN, MAX> {
    pub fn parse(raw: &str) -> Result<Self, FormatError> {
        let v = required(raw)?;
        if !all_ascii_digits(v) {
            return Err(FormatError::NotDigits);
        }
        let significant = v.trim_start_matches('0');
        // More than 9 significant digits cannot fit any sensible range and
        // would overflow u32: out of range rather than a panic.
        let value = if significant.is_empty() {
            Some(0)
        } else if significant.len() > 9 {
            None
        } else {
            significant.parse::<u32>().ok()
        };
        match value {
            Some(value) if (MIN..=MAX).contains(&value) => Ok(Self {
                value,
                text: value.to_string(),
            }),
            _ => Err(FormatError::OutOfRange { min: MIN, max: MAX }),
        }
    }

    pub fn value(&self) -> u32 {
        self.value
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl<const MIN: u32, const MAX: u32> FormField for Count<MIN, MAX> {
    fn parse(raw: &str) -> Result<Self, FormatError> {
        Self::parse(raw)
    }
    fn as_str(&self) -> &str {
        Self::as_str(self)
    }
}

impl<const MIN: u32, const MAX: u32> fmt::Display for Count<MIN, MAX> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Stored as the number it is (`5`, not `"5"`).
impl<const MIN: u32, const MAX: u32> Serialize for Count<MIN, MAX> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u32(self.value)
    }
}

/// Read from a number, or from the text a form would post; either way through `parse`.
impl<'de, const MIN: u32, const MAX: u32> Deserialize<'de> for Count<MIN, MAX> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Number(u64),
            Text(String),
        }
        let raw = match Raw::deserialize(deserializer)? {
            Raw::Number(n) => n.to_string(),
            Raw::Text(t) => t,
        };
        Self::parse(&raw).map_err(serde::de::Error::custom)
    }
}

// ---------------------------------------------------------------------------
// E-mail
// ---------------------------------------------------------------------------

/// E-mailアドレス (半角英数字; M000 【6】 qqfcbj@meti.go.jp, taro.tsukan@naccs.jp).
///
/// One plain address `local@domain.tld`:
/// - ASCII only, no spaces, exactly one 「@」;
/// - local part 1–64 characters of RFC 5322 atext and dots. Consecutive dots
///   and a dot before 「@」 are accepted because older Japanese mobile
///   addresses (docomo, au) have them and mail to them is delivered;
/// - domain: dot-separated labels of letters, digits and inner hyphens, each
///   1–63 long, the last one alphabetic and at least two letters long. One label
///   is enough: M003 registers its applicant as 「cyberport@jp」 and shows NSS's
///   mail sent to it (M003:l.111, 784; docs/decisions.md, issue 12);
/// - at most [`Email::MAX_CHARS`] characters. The manuals print no limit, so
///   the SMTP path limit of RFC 5321 is used: any address mail can reach fits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub const MAX_CHARS: usize = 254;

    pub fn parse(raw: &str) -> Result<Self, FormatError> {
        let v = required(raw)?;
        if !v.is_ascii() {
            return Err(FormatError::EmailSyntax);
        }
        // ASCII: bytes and characters count alike.
        if v.len() > Self::MAX_CHARS {
            return Err(FormatError::TooLong {
                max: Self::MAX_CHARS,
            });
        }
        let Some((local, domain)) = v.split_once('@') else {
            return Err(FormatError::EmailSyntax);
        };
        if valid_local_part(local) && valid_domain(domain) {
            Ok(Self(v.to_owned()))
        } else {
            Err(FormatError::EmailSyntax)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}
form_field!(Email);

fn valid_local_part(local: &str) -> bool {
    const ATEXT_SYMBOLS: &[u8] = b"!#$%&'*+/=?^_`{|}~-.";
    (1..=64).contains(&local.len())
        && !local.starts_with('.')
        && local
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || ATEXT_SYMBOLS.contains(&b))
}

fn valid_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |l: &&str| {
        (1..=63).contains(&l.len())
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    labels.iter().all(label_ok)
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()))
}

// ---------------------------------------------------------------------------
// Codes
// ---------------------------------------------------------------------------

/// Exactly `len` ASCII letters/digits, normalized to upper case: NACCS codes
/// are printed in capitals (NAC001, 1ANAC, A0A) and a user typing 「nac001」
/// means the same office.
fn alphanumeric_code(raw: &str, len: usize) -> Result<String, FormatError> {
    let v = required(raw)?;
    if v.len() == len && v.bytes().all(|b| b.is_ascii_alphanumeric()) {
        Ok(v.to_ascii_uppercase())
    } else {
        Err(FormatError::NotAlphanumeric { len })
    }
}

/// 事業所コード (半角英数字6桁): 企業略称 (3) + 3, e.g. NAC001, NAC555
/// (M002 ⑦; M000 【20】 事業所コード(機器共用先), 【22】 一括請求).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OfficeCode(String);

impl OfficeCode {
    pub fn parse(raw: &str) -> Result<Self, FormatError> {
        alphanumeric_code(raw, 6).map(Self)
    }

    /// The 企業略称, the first three characters (NAC of NAC001).
    pub fn company_abbreviation(&self) -> &str {
        // ASCII by construction: byte slicing is on character boundaries.
        &self.0[..3]
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}
form_field!(OfficeCode);

/// 利用者コード (半角英数字5桁): 1ANAC (M002), CP999 (M003), 2ANAC.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UserCode(String);

impl UserCode {
    pub fn parse(raw: &str) -> Result<Self, FormatError> {
        alphanumeric_code(raw, 5).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}
form_field!(UserCode);

/// 識別番号 (半角英数字3桁): A0A, A01, F0A, YA1 (M000 【18】, M003, M004).
/// 利用者ID = 利用者コード + 識別番号 (8 characters).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IdentNumber(String);

impl IdentNumber {
    pub fn parse(raw: &str) -> Result<Self, FormatError> {
        alphanumeric_code(raw, 3).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}
form_field!(IdentNumber);

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `parse` over `(input, expected)` rows and reports every mismatch
    /// at once, so a table shows all its failures in one run.
    fn check_table<T: FormField + fmt::Debug>(rows: &[(&str, Result<&str, FormatError>)]) {
        let failures: Vec<String> = rows
            .iter()
            .filter_map(|(input, expected)| {
                let got = T::parse(input);
                let got = got.as_ref().map(|v| v.as_str()).map_err(Clone::clone);
                (got != *expected).then(|| format!("{input:?}: expected {expected:?}, got {got:?}"))
            })
            .collect();
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn zenkaku_table() {
        use FormatError::*;
        check_table::<Zenkaku>(&[
            ("電子化・効率化推進室", Ok("電子化・効率化推進室")),
            ("ナックス商事株式会社", Ok("ナックス商事株式会社")),
            ("第一営業部営業第９課", Ok("第一営業部営業第９課")),
            (
                "大崎１－２－３　ＡＢＣビル　３０２号",
                Ok("大崎１－２－３　ＡＢＣビル　３０２号"),
            ),
            (
                "（株）ナックス「本社」、。",
                Ok("（株）ナックス「本社」、。"),
            ),
            ("㈱ナックス※①", Ok("㈱ナックス※①")),
            ("  本社 \t", Ok("本社")),
            ("　本社　", Ok("　本社　")),
            ("", Err(Required)),
            ("   ", Err(Required)),
            // M003: 「CP利用者」 as printed; Latin letters and digits inside Japanese text.
            ("CP利用者", Ok("CP利用者")),
            ("ABCビル3階", Ok("ABCビル3階")),
            // Issue 15: half-width spaces and the signs of addresses inside, kept as typed.
            ("大崎1-2-3", Ok("大崎1-2-3")),
            ("ABC ビル", Ok("ABC ビル")),
            ("本社 品川", Ok("本社 品川")),
            ("（株）A&B商会/東京", Ok("（株）A&B商会/東京")),
            ("ABC", Err(NotZenkaku)),
            ("NACCS Shoji", Err(NotZenkaku)),
            ("1-2-3", Err(NotZenkaku)),
            ("ﾅｯｸｽ", Err(NotZenkaku)),
            ("ﾅｯｸｽ商事", Err(NotZenkaku)),
            ("本社\n品川", Err(NotZenkaku)),
            ("本社\t品川", Err(NotZenkaku)),
            ("本社<品川>", Err(NotZenkaku)),
            ("本社_1", Err(NotZenkaku)),
            ("Café", Err(NotZenkaku)),
            ("本社😀", Err(NotZenkaku)),
        ]);
    }

    #[test]
    fn katakana_table() {
        use FormatError::*;
        check_table::<Katakana>(&[
            (
                "デンシカ・コウリツカスイシンシツ",
                Ok("デンシカ・コウリツカスイシンシツ"),
            ),
            (
                "ナックスシヨウジカブシキガイシャ",
                Ok("ナックスシヨウジカブシキガイシャ"),
            ),
            ("ツウカン　タロウ", Ok("ツウカン　タロウ")),
            ("サイバーポトリヨウシャ", Ok("サイバーポトリヨウシャ")),
            (
                "トウキョウシナガワクオオサキ１－２－３　エービービル　３０２ゴウ",
                Ok("トウキョウシナガワクオオサキ１－２－３　エービービル　３０２ゴウ"),
            ),
            ("ヴァイオリン", Ok("ヴァイオリン")),
            ("", Err(Required)),
            ("でんしか", Err(NotKatakana)),
            ("電子化", Err(NotKatakana)),
            ("ﾃﾞﾝｼｶ", Err(NotKatakana)),
            // Issue 15: half-width spaces, digits and signs inside, kept as typed.
            ("ツウカン タロウ", Ok("ツウカン タロウ")),
            ("オオサキ1-2-3", Ok("オオサキ1-2-3")),
            ("1-2-3", Err(NotKatakana)),
            ("Tsukan", Err(NotKatakana)),
            ("オオサキ1丁目", Err(NotKatakana)),
            ("ｵｵｻｷ1-2-3", Err(NotKatakana)),
        ]);
    }

    /// Every value the five manuals print beside or into a (全角) or (全角カナ) field — the
    /// screens' 「例) …」 examples and the manuals' own entries — is accepted by the rule of
    /// that field and kept as printed (docs/decisions.md, issue 15). The M000 OCR's readings
    /// with 階/号 (l.858, 1429) are read カイ/ゴウ, as the 本社 example beside them prints (l.914).
    #[test]
    fn the_manuals_printed_values_are_accepted() {
        const ZENKAKU: &[(&str, &str)] = &[
            ("M000 l.239 企業名", "ナックス商事株式会社"),
            ("M000 l.241 氏名", "通関"),
            ("M000 l.241 氏名", "太郎"),
            ("M000 l.243 所属部署名", "第一営業部営業第9課"),
            ("M000 l.244 役職名", "課長"),
            ("M000 l.852 事業所名", "本社"),
            ("M000 l.852 事業所名", "品川事務所"),
            ("M000 l.856 住所(市区町村)", "品川区"),
            ("M000 l.857 住所(その他)", "大崎1-2-8 ABCビル 8階 303号"),
            ("issue 15 住所(その他)", "大崎1-2-3 ABCビル 3階 302号"),
            ("M000 l.857 住所(その他) entered", "霞が関1丁目3-1"),
            ("M000 l.850 企業名 entered", "電子化・効率化推進室"),
            ("M000 l.899 氏名 entered", "経産"),
            ("M000 l.901 役職名", "代表取締役社長"),
            ("M000 l.912 住所(市区町村)", "港区"),
            ("M000 l.913 住所(その他)", "番地1-2-3 DEビル 10階 1001号"),
            ("M000 l.1411 一括請求先 企業名", "ナカ川商事株式会社"),
            ("M000 l.1428 住所(その他)", "大崎1-2-3 ABCビル 302号"),
            ("M000 l.1442 氏名", "鈴木"),
            ("M000 l.1444 所属部署名", "経理部経理課"),
            ("M001 l.234 氏名", "花子"),
            ("M001 l.236 所属部署名", "第一通関部 通関課"),
            ("M002 l.348 住所(その他)", "堀川町９９９ ナックスタワー１階"),
            ("M002 l.346 住所(市区町村)", "川崎市幸区"),
            ("M002 l.419 所属部署名", "営業一課"),
            ("M003 l.286 所属部署名", "第一営業部営業第0課"),
            ("M003 l.312 事業所名", "CP利用者"),
            ("M003 l.103 企業名", "サイバーポート株式会社"),
            ("M003 l.107 所属部課名", "第一営業部営業課"),
        ];
        const KATAKANA: &[(&str, &str)] = &[
            (
                "M000 l.240 企業名(フリガナ)",
                "ナックスシヨウジカブシキガイシャ",
            ),
            ("M000 l.242 氏名(フリガナ)", "ツウカン"),
            ("M000 l.853 事業所名(フリガナ)", "シナガワジムショ"),
            (
                "M000 l.858 住所(フリガナ)",
                "トウキョウシナガワクオオサキ1-2-8 エービーシービル 8カイ 303ゴウ",
            ),
            (
                "issue 15 住所(フリガナ)",
                "シナガワクオオサキ1-2-3 エービーシービル 3カイ 302ゴウ",
            ),
            ("M000 l.858 住所(フリガナ) entered", "カスミガセキ1-3-1"),
            (
                "M000 l.914 住所(フリガナ)",
                "トウキョウトミナトウカサカ1-2-3 ティーイービル 10カイ 1001ゴウ",
            ),
            (
                "M000 l.1429 住所(フリガナ)",
                "ワキ マリナタワーオオサキ1-2-3 エービービル 302ゴウ",
            ),
            ("M000 l.1443 氏名(フリガナ)", "スズキ"),
            ("M001 l.235 氏名(フリガナ)", "ハナコ"),
            (
                "M002 l.350-351 住所(フリガナ)",
                "カナガワケンカワサキシサイワイクホリカワチョウ ９９９ ナックスタワー１カイ",
            ),
            ("M003 l.312 事業所名(フリガナ)", "サイバーポトリヨウシャ"),
            ("M003 l.285 氏名(フリガナ)", "コウワン"),
        ];
        let refused: Vec<String> = ZENKAKU
            .iter()
            .filter(|(_, v)| Zenkaku::parse(v).map(|z| z.as_str() != *v).unwrap_or(true))
            .chain(
                KATAKANA
                    .iter()
                    .filter(|(_, v)| Katakana::parse(v).map(|k| k.as_str() != *v).unwrap_or(true)),
            )
            .map(|(at, v)| format!("{at}: 「{v}」"))
            .collect();
        assert!(refused.is_empty(), "refused or changed: {refused:#?}");
    }

    #[test]
    fn phone_and_fax_table() {
        use FormatError::*;
        let digits = DigitLength { min: 10, max: 11 };
        let rows = [
            ("0335010953", Ok("0335010953")),
            ("0301234567", Ok("0301234567")),
            ("09012345678", Ok("09012345678")),
            (" 0335010953 ", Ok("0335010953")),
            ("0000000000", Ok("0000000000")),
            ("", Err(Required)),
            ("03-3501-0953", Err(Hyphen)),
            ("03－3501－0953", Err(Hyphen)),
            ("03ー3501ー0953", Err(Hyphen)),
            ("033501095", Err(digits.clone())),
            ("033501095312", Err(digits.clone())),
            ("０３３５０１０９５３", Err(digits.clone())),
            ("03 3501 0953", Err(digits.clone())),
            ("(03)35010953", Err(digits.clone())),
        ];
        check_table::<PhoneNumber>(&rows);
        check_table::<FaxNumber>(&rows);
        check_table::<EmergencyFax>(&rows);
    }

    #[test]
    fn emergency_fax_knows_the_no_fax_placeholder() {
        let none = EmergencyFax::parse("0000000000").unwrap();
        assert_eq!(none.fax(), None);
        assert_eq!(none.as_str(), EmergencyFax::NO_FAX);
        let real = EmergencyFax::parse("0388881111").unwrap();
        assert_eq!(real.fax().map(FaxNumber::as_str), Some("0388881111"));
    }

    #[test]
    fn postal_and_billing_code_table() {
        use FormatError::*;
        let seven = DigitLength { min: 7, max: 7 };
        check_table::<PostalCode>(&[
            ("1008901", Ok("1008901")),
            ("1234567", Ok("1234567")),
            ("100-8901", Err(Hyphen)),
            ("100890", Err(seven.clone())),
            ("10089012", Err(seven.clone())),
            ("１００８９０１", Err(seven.clone())),
            ("〒1008901", Err(seven.clone())),
            ("", Err(Required)),
        ]);
        check_table::<BillingCode>(&[
            ("9999999", Ok("9999999")),
            ("999-9999", Err(seven.clone())),
            ("999999", Err(seven.clone())),
            ("99999A9", Err(seven.clone())),
            ("", Err(Required)),
        ]);
    }

    #[test]
    fn date8_table() {
        use FormatError::*;
        check_table::<Date8>(&[
            ("20181225", Ok("20181225")),
            ("20190104", Ok("20190104")),
            ("20200229", Ok("20200229")),
            ("20180230", Err(InvalidDate)),
            ("20190229", Err(InvalidDate)),
            ("20181301", Err(InvalidDate)),
            ("20181200", Err(InvalidDate)),
            ("2018-12-25", Err(InvalidDate)),
            ("2018/12/25", Err(InvalidDate)),
            ("2018120401", Err(InvalidDate)),
            ("２０１８１２２５", Err(InvalidDate)),
            ("", Err(Required)),
        ]);
        let d = Date8::parse("20181225").unwrap();
        assert_eq!(d.date(), NaiveDate::from_ymd_opt(2018, 12, 25).unwrap());
        assert_eq!(Date8::from(d.date()), d);
    }

    #[test]
    fn email_table() {
        use FormatError::*;
        let long_local = format!("{}@naccs.jp", "a".repeat(65));
        let too_long = format!("a@{}.jp", "b".repeat(252));
        check_table::<Email>(&[
            ("qqfcbj@meti.go.jp", Ok("qqfcbj@meti.go.jp")),
            ("taro.tsukan@naccs.jp", Ok("taro.tsukan@naccs.jp")),
            ("Hozei.hanako@naccs.co.jp", Ok("Hozei.hanako@naccs.co.jp")),
            (
                "taro..tsukan.@docomo.ne.jp",
                Ok("taro..tsukan.@docomo.ne.jp"),
            ),
            (
                "a+b_c-d@sub-domain.example.com",
                Ok("a+b_c-d@sub-domain.example.com"),
            ),
            (" qqfcbj@meti.go.jp\n", Ok("qqfcbj@meti.go.jp")),
            ("", Err(Required)),
            ("qqfcbj", Err(EmailSyntax)),
            // M003's applicant, as printed: a domain of one label.
            ("cyberport@jp", Ok("cyberport@jp")),
            ("qqfcbj@meti", Ok("qqfcbj@meti")),
            ("qqfcbj@meti.", Err(EmailSyntax)),
            ("qqfcbj@jp1", Err(EmailSyntax)),
            ("qqfcbj@@meti.go.jp", Err(EmailSyntax)),
            ("qq fcbj@meti.go.jp", Err(EmailSyntax)),
            ("qqfcbj＠meti.go.jp", Err(EmailSyntax)),
            ("太郎@naccs.jp", Err(EmailSyntax)),
            (".taro@naccs.jp", Err(EmailSyntax)),
            ("taro@-naccs.jp", Err(EmailSyntax)),
            ("taro@naccs..jp", Err(EmailSyntax)),
            ("taro@naccs.j", Err(EmailSyntax)),
            ("taro@naccs.jp, jiro@naccs.jp", Err(EmailSyntax)),
            ("@naccs.jp", Err(EmailSyntax)),
            (long_local.as_str(), Err(EmailSyntax)),
            (too_long.as_str(), Err(TooLong { max: 254 })),
        ]);
    }

    #[test]
    fn email_pair_must_match() {
        assert_eq!(
            check_email_pair("qqfcbj@meti.go.jp", " qqfcbj@meti.go.jp "),
            Ok(())
        );
        assert_eq!(
            check_email_pair("qqfcbj@meti.go.jp", "qqtcby@metl.go.jp"),
            Err(FormatError::Mismatch)
        );
        // A typo in letter case is a typo too.
        assert_eq!(
            check_email_pair("Taro.Tsukan@naccs.jp", "taro.tsukan@naccs.jp"),
            Err(FormatError::Mismatch)
        );
        assert_eq!(
            FormatError::Mismatch.message("E-mailアドレス"),
            "E-mailアドレス（確認用）がE-mailアドレス（登録用）と一致しません。"
        );
    }

    #[test]
    fn codes_table() {
        use FormatError::*;
        check_table::<OfficeCode>(&[
            ("NAC001", Ok("NAC001")),
            ("nac555", Ok("NAC555")),
            ("NACCS01", Err(NotAlphanumeric { len: 6 })),
            ("NAC-01", Err(NotAlphanumeric { len: 6 })),
            ("ＮＡＣ００１", Err(NotAlphanumeric { len: 6 })),
            ("", Err(Required)),
        ]);
        check_table::<UserCode>(&[
            ("1ANAC", Ok("1ANAC")),
            ("CP999", Ok("CP999")),
            ("2anac", Ok("2ANAC")),
            ("1ANA", Err(NotAlphanumeric { len: 5 })),
            ("1ANAC1", Err(NotAlphanumeric { len: 5 })),
            ("1A NC", Err(NotAlphanumeric { len: 5 })),
        ]);
        check_table::<IdentNumber>(&[
            ("A0A", Ok("A0A")),
            ("A01", Ok("A01")),
            ("F0A", Ok("F0A")),
            ("ya1", Ok("YA1")),
            ("A0", Err(NotAlphanumeric { len: 3 })),
            ("A0AB", Err(NotAlphanumeric { len: 3 })),
        ]);
        assert_eq!(
            OfficeCode::parse("NAC001").unwrap().company_abbreviation(),
            "NAC"
        );
    }

    #[test]
    fn counts_accept_leading_zeros_and_check_the_range() {
        use FormatError::*;
        check_table::<PositiveCount>(&[
            ("1", Ok("1")),
            ("4", Ok("4")),
            ("01", Ok("1")),
            ("999", Ok("999")),
            ("0", Err(OutOfRange { min: 1, max: 999 })),
            ("1000", Err(OutOfRange { min: 1, max: 999 })),
            ("99999999999999999999", Err(OutOfRange { min: 1, max: 999 })),
            ("-1", Err(NotDigits)),
            ("１", Err(NotDigits)),
            ("1.5", Err(NotDigits)),
            ("", Err(Required)),
        ]);
        assert_eq!(PositiveCount::parse("05").unwrap().value(), 5);
        assert_eq!(Count::<0, 99>::parse("0").unwrap().value(), 0);
    }

    #[test]
    fn text240_counts_characters_not_bytes() {
        let at_limit = "あ".repeat(240);
        assert_eq!(at_limit.len(), 720, "the kana are three bytes each");
        assert_eq!(Text240::parse(&at_limit).unwrap().as_str(), at_limit);
        let over = "あ".repeat(241);
        assert_eq!(
            Text240::parse(&over),
            Err(FormatError::TooLong { max: 240 })
        );
        let ascii_over = "a".repeat(241);
        assert_eq!(
            Text240::parse(&ascii_over),
            Err(FormatError::TooLong { max: 240 })
        );
        assert_eq!(Text240::parse(" \n "), Err(FormatError::Required));
    }

    #[test]
    fn text240_keeps_newlines_and_counts_crlf_as_one() {
        // 120 lines of one character each: 120 + 119 line breaks = 239 chars
        // as the browser counts them, 358 if CRLF counted twice.
        let lines = vec!["あ"; 120];
        let submitted = lines.join("\r\n");
        let text = Text240::parse(&submitted).unwrap();
        assert_eq!(text.as_str(), lines.join("\n"));
        assert_eq!(text.as_str().chars().count(), 239);
        let reason = "経済産業省に、輸出許可申請、輸入承認申請等を行うため。";
        assert_eq!(Text240::parse(reason).unwrap().as_str(), reason);
    }

    #[test]
    fn check_max_chars_counts_characters() {
        assert_eq!(check_max_chars(&"本".repeat(30), 30), Ok(()));
        assert_eq!(
            check_max_chars(&"本".repeat(31), 30),
            Err(FormatError::TooLong { max: 30 })
        );
        assert_eq!(
            Zenkaku::parse_max(&"本".repeat(31), 30),
            Err(FormatError::TooLong { max: 30 })
        );
        assert_eq!(
            Katakana::parse_max("ホンシャ", 4).unwrap().as_str(),
            "ホンシャ"
        );
    }

    #[test]
    fn required_and_optional() {
        assert_eq!(required("  企業名 "), Ok("企業名"));
        assert_eq!(required(" \t\r\n"), Err(FormatError::Required));
        assert_eq!(optional::<FaxNumber>(""), Ok(None));
        assert_eq!(optional::<FaxNumber>("   "), Ok(None));
        assert_eq!(
            optional::<FaxNumber>("0398765432")
                .unwrap()
                .unwrap()
                .as_str(),
            "0398765432"
        );
        assert_eq!(
            optional::<FaxNumber>("03-9876-5432"),
            Err(FormatError::Hyphen)
        );
        assert_eq!(optional::<Text240>(""), Ok(None));
    }

    #[test]
    fn messages_read_as_the_screens_print_them() {
        use FormatError::*;
        let rows = [
            (Required, "企業名", "企業名を入力してください。"),
            (NotZenkaku, "企業名", "企業名は全角で入力してください。"),
            (
                NotKatakana,
                "企業名(フリガナ)",
                "企業名(フリガナ)は全角カナで入力してください。",
            ),
            (
                Hyphen,
                "電話番号",
                "電話番号は「-」(ハイフン)を入力せずに、数字のみ入力してください。",
            ),
            (
                DigitLength { min: 7, max: 7 },
                "郵便番号",
                "郵便番号は半角数字7桁で入力してください。",
            ),
            (
                DigitLength { min: 10, max: 11 },
                "電話番号",
                "電話番号は半角数字10桁または11桁で入力してください。",
            ),
            (
                DigitLength { min: 4, max: 8 },
                "番号",
                "番号は半角数字4～8桁で入力してください。",
            ),
            (
                InvalidDate,
                "利用開始希望日",
                "利用開始希望日は半角数字8桁（YYYYMMDD）で正しい日付を入力してください。",
            ),
            (
                TooLong { max: 240 },
                "申込理由",
                "申込理由は240文字以内で入力してください。",
            ),
            (
                NotAlphanumeric { len: 6 },
                "事業所コード",
                "事業所コードは半角英数字6桁で入力してください。",
            ),
            (
                NotDigits,
                "識別番号数",
                "識別番号数は半角数字で入力してください。",
            ),
            (
                OutOfRange { min: 1, max: 999 },
                "識別番号数",
                "識別番号数は1～999の範囲で半角数字で入力してください。",
            ),
            (
                EmailSyntax,
                "E-mailアドレス",
                "E-mailアドレスを正しい形式（半角英数字）で入力してください。",
            ),
        ];
        for (error, label, expected) in rows {
            assert_eq!(error.message(label), expected, "{error:?}");
        }
        assert_eq!(Required.to_string(), "入力値を入力してください。");
    }

    #[test]
    fn serde_is_a_plain_string_and_deserializing_parses() {
        let phone = PhoneNumber::parse("0335010953").unwrap();
        assert_eq!(serde_json::to_string(&phone).unwrap(), "\"0335010953\"");
        let back: PhoneNumber = serde_json::from_str("\"0335010953\"").unwrap();
        assert_eq!(back, phone);
        let err = serde_json::from_str::<PhoneNumber>("\"03-3501-0953\"").unwrap_err();
        assert!(err.to_string().contains("ハイフン"), "{err}");
        let date: Date8 = serde_json::from_str("\"20181225\"").unwrap();
        assert_eq!(serde_json::to_string(&date).unwrap(), "\"20181225\"");
        assert!(serde_json::from_str::<Date8>("\"20180230\"").is_err());
        let count: PositiveCount = serde_json::from_str("\"4\"").unwrap();
        assert_eq!(count.value(), 4);
        let text: Text240 = serde_json::from_str("\"備考\"").unwrap();
        assert_eq!(text.to_string(), "備考");
    }

    /// A deterministic stand-in for property tests: every parser, fed many
    /// odd strings (mixed scripts, controls, long runs, surrogate-plane
    /// characters), returns a value or an error and never panics, and what it
    /// returns parses again to itself.
    #[test]
    fn parsers_never_panic_and_round_trip() {
        const ALPHABET: &[char] = &[
            '0', '9', 'a', 'Z', '-', '@', '.', ' ', '\t', '\n', '\r', '　', 'ア', 'ｱ', 'あ', '漢',
            '－', 'ー', '１', 'Ａ', '😀', '𠮷', '\u{0}', '\u{FEFF}', 'é', '/', '（',
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        fn round_trip<T: FormField + PartialEq + fmt::Debug>(raw: &str) {
            if let Ok(v) = T::parse(raw) {
                assert_eq!(T::parse(v.as_str()).as_ref(), Ok(&v), "{raw:?}");
            }
        }
        for _ in 0..4000 {
            let len = (next() % 20) as usize;
            let s: String = (0..len)
                .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
                .collect();
            round_trip::<Zenkaku>(&s);
            round_trip::<Katakana>(&s);
            round_trip::<PhoneNumber>(&s);
            round_trip::<FaxNumber>(&s);
            round_trip::<EmergencyFax>(&s);
            round_trip::<PostalCode>(&s);
            round_trip::<BillingCode>(&s);
            round_trip::<Date8>(&s);
            round_trip::<PositiveCount>(&s);
            round_trip::<Email>(&s);
            round_trip::<OfficeCode>(&s);
            round_trip::<UserCode>(&s);
            round_trip::<IdentNumber>(&s);
            round_trip::<LimitedText<5>>(&s);
            let _ = check_max_chars(&s, 3);
        }
    }

    #[test]
    fn every_ten_or_eleven_digit_string_is_a_phone_number() {
        let mut n: u64 = 1;
        for _ in 0..2000 {
            n = n.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let ten = format!("{:010}", n % 10_000_000_000);
            let eleven = format!("{:011}", n % 100_000_000_000);
            assert_eq!(PhoneNumber::parse(&ten).unwrap().as_str(), ten);
            assert_eq!(PhoneNumber::parse(&eleven).unwrap().as_str(), eleven);
        }
    }

    #[test]
    fn every_real_date_formats_and_parses_back() {
        let mut day = NaiveDate::from_ymd_opt(2016, 1, 1).unwrap();
        let end = NaiveDate::from_ymd_opt(2021, 1, 1).unwrap();
        while day < end {
            let text = day.format("%Y%m%d").to_string();
            assert_eq!(Date8::parse(&text).map(|d| d.date()), Ok(day));
            day = day.succ_opt().unwrap();
        }
    }
}
