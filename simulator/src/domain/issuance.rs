//! What approval issues (審査終了, procedures.md §4): everything of the ID通知内容 except the
//! dates, drawn from the workspace's [`SimRng`] in the formats the manuals print.
//!
//! The 利用開始日 and システム設定申込締切日 come from the schedule
//! ([`crate::domain::calendar::schedule::feasible_start`] and `row_for_start`), not from here:
//! they depend on dates only, never on the generator.
//!
//! # Formats
//!
//! | item | format | source |
//! |---|---|---|
//! | 企業略称 | 3 upper-case letters, from the company's reading ([`company_abbreviation`]) | M001 ID通知内容 「NAC」, M002 「NAC」 |
//! | 事業所コード | 略称 + 3 digits, the first free from 001 ([`next_office_code`]) | M001 「NAC001」, M002 「NAC555」 |
//! | 事業所パスワード | 8 upper-case letters and digits | M002 「ABCDEFGH」 |
//! | 利用者コード | digit + letter + 略称: 1A, 1B … 1Z, 2A … ([`next_user_code`]) | M002 「1ANAC」, 「混載1BNAC」; M003 「例) 2ANAC」 |
//! | 利用者コード (貿サブ) | 「V1」 + 3 letters/digits, drawn | procedures.md §11; M002 「V1△△△F0A」 |
//! | 識別番号 | per processing method, see [`IdentSeries`] | M000 【18】 F0A–F0D, M002 A0A/A01, M003 YA1/YB1, M004 A01–A03 |
//! | 利用者IDのパスワード | 8 upper-case letters and digits, at least one of each | M002 「ZZZZZZZZ」, procedures.md §11 (6–8, 英大文字と数字) |
//! | 請求先コード | 7 digits | M001/M002 「9999999」, M000 【22】 (半角数字7桁) |
//! | 論理端末名 | 5 digits + 「W」 | M001 「99999W」 (see below) |
//! | 端末アクセスキー | 13 digits | M001 「9999999999999」 |
//! | 認証コード1 | 略称 + the terminal name without its first two digits | M001 「NAC999W」 |
//! | 認証コード2 / 3 | 6 / 5 upper-case letters and digits | M001 「XXXXXX」 / 「XXXXX」 |
//!
//! ## 論理端末名: five digits and W
//!
//! M001 prints the same office's terminals two ways: 「99999W」 (6 characters) in the contract
//! tables of 論理端末 入力 and 変更申込確認, and 「999999W」 / 「888888W」 (7) on ID通知内容.
//! The manuals' placeholders repeat one digit for the field width, so one of the two is a
//! miscount. Six characters are kept: the contract tables print it twice against once, the
//! seeded example terminal of the issue is 99999W, and 認証コード1 「NAC999W」 fits either.
//! The manuals print only netNACCS terminals; webNACCS certificates and ebMS terminals are given
//! the same shape (inferred).
//!
//! ## Collisions
//!
//! `taken` answers whether a value is already used in the workspace (seeded customers
//! included). Every kind has its own shape, so one set of every used value answers for all:
//! 略称 (3 letters), 利用者コード (5), 事業所コード (3 letters + 3 digits), 論理端末名 (5 digits +
//! W), 請求先コード (7 digits), 利用者ID = 利用者コード + 識別番号 (8) and 端末アクセスキー
//! (13 digits). The 利用者ID matters for a shared 利用者コード, whose existing 識別番号 must be
//! skipped. Values issued earlier in the same call are never issued twice either.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::domain::lists::{Industry, ProcessingMethod, SystemKind};
use crate::rng::SimRng;

/// One 利用者コード row of the application (M000 【19】, M003): a new code or a shared one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserCodeRequest {
    /// システム区分 of the code.
    pub system: SystemKind,
    /// 設定した利用者コード情報: one row per 業種 / 処理方式 / 識別番号数.
    pub settings: Vec<IdentRequest>,
    /// 他事業所の利用者コードを共用する: reuse this code rather than issuing one (M003 CP999).
    pub shared_code: Option<String>,
}

/// One row of 設定した利用者コード情報 (業種, 処理方式, 識別番号数).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentRequest {
    pub industries: Vec<Industry>,
    pub method: ProcessingMethod,
    /// 識別番号数: how many 利用者IDs (M002: 「識別番号数は、利用者IDの数です。」).
    pub count: u32,
}

/// What an approved application asks to be issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueRequest {
    /// 企業名(フリガナ), the source of a new 企業略称.
    pub company_kana: String,
    pub user_codes: Vec<UserCodeRequest>,
    /// 論理端末数 (netNACCS).
    pub terminals_net: u32,
    /// 論理端末数 (eBMS:自社システム用).
    pub terminals_ebms: u32,
    /// デジタル証明書数 (webNACCS).
    pub certificates_web: u32,
    /// 事業所コード(機器共用先): the office uses that office's terminals, so none are issued
    /// (M002), and it belongs to the same company, so it gets that office's 略称.
    pub sharing_office: Option<String>,
    /// システム区分 of the terminals (ID通知内容 区分).
    pub system: SystemKind,
}

/// One 利用者ID of the ID通知内容 table (業種, 処理方式, 利用者コード, 識別番号, パスワード).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedUserId {
    pub industries: Vec<Industry>,
    pub method: ProcessingMethod,
    pub user_code: String,
    pub ident: String,
    pub password: String,
    /// システム区分 of the 利用者コード (the 区分 column of 契約情報, M001).
    pub system: SystemKind,
    /// 他事業所と共用: the code was shared, not issued by this approval.
    #[serde(default)]
    pub shared: bool,
}

impl IssuedUserId {
    /// The NACCS logon ID: 利用者コード + 識別番号, 8 characters (M002: 「NACCSのログオン利用者IDは
    /// 「利用者コード」+「識別番号」の8桁となります。」).
    pub fn user_id(&self) -> String {
        format!("{}{}", self.user_code, self.ident)
    }
}

/// One row of 論理端末名 / デジタル証明書 (M001 ID通知内容).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedTerminal {
    /// 区分.
    pub system: SystemKind,
    /// 利用機種区分 (M001 「net」).
    pub model: String,
    /// パッケージソフト区分 (M001 「net」).
    pub package: String,
    /// 論理端末名 (99999W).
    pub name: String,
    /// 端末アクセスキー (13 digits).
    pub access_key: String,
    /// 認証コード1–3 (NAC999W, 6 and 5 characters).
    pub auth_codes: [String; 3],
    /// 事業所コード of the office the terminal belongs to.
    pub office_code: String,
    /// ルータ番号 of the 一般NACCS line the terminal is on (申込情報(論理端末), M003:l.583);
    /// none for netNACCS terminals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub router: Option<u32>,
}

/// Everything approval issues (the ID通知内容 without the dates).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issued {
    pub company_abbr: String,
    pub office_code: String,
    pub office_password: String,
    pub billing_code: String,
    pub user_ids: Vec<IssuedUserId>,
    pub terminals: Vec<IssuedTerminal>,
    /// 事業所コード(機器共用先) for a 機器共用 office, whose terminals it uses.
    #[serde(default)]
    pub sharing_office: Option<String>,
}

impl Issued {
    /// Every value of this issuance that a later one must not issue again: what a workspace's
    /// `taken` should know (see the module doc). A shared 利用者コード is listed too: it is in
    /// use either way.
    pub fn used_values(&self) -> Vec<String> {
        let mut out = vec![
            self.company_abbr.clone(),
            self.office_code.clone(),
            self.billing_code.clone(),
        ];
        for u in &self.user_ids {
            out.push(u.user_code.clone());
            out.push(u.user_id());
        }
        for t in &self.terminals {
            out.push(t.name.clone());
            out.push(t.access_key.clone());
        }
        out
    }
}

/// Issues everything of `req`. See the module doc for the formats and `taken`.
pub fn issue(rng: &mut SimRng, req: &IssueRequest, taken: &dyn Fn(&str) -> bool) -> Issued {
    issue_for_company(rng, req, None, taken)
}

/// [`issue`] for a new office of a company that already has a 企業略称 (`company_abbr`): the
/// office gets that 略称 and the next free 事業所コード (M001 STEP3: 「同一企業略称の全事業所」).
///
/// Without `company_abbr` the 略称 is, in order: that of the 機器共用先 (same company by rule,
/// M002); that of a shared 利用者コード of the form 1ANAC whose 略称 is in use (共用 of a code
/// is within one company, 共同利用 is between companies: M001 その他の契約変更 lists them apart);
/// else a new one from the company's reading.
pub fn issue_for_company(
    rng: &mut SimRng,
    req: &IssueRequest,
    company_abbr: Option<&str>,
    taken: &dyn Fn(&str) -> bool,
) -> Issued {
    let mut ledger = Ledger::new(taken);
    let sharing_office = req
        .sharing_office
        .as_deref()
        .map(normalise)
        .filter(|s| !s.is_empty());
    let known = company_abbr
        .map(normalise)
        .filter(|a| is_abbreviation(a))
        .or_else(|| sharing_office.as_deref().and_then(abbreviation_of_office))
        .or_else(|| {
            req.user_codes
                .iter()
                .filter_map(|u| u.shared_code.as_deref())
                .filter_map(abbreviation_of_user_code)
                .find(|a| taken(a.as_str()))
        });
    let company_abbr = match known {
        Some(abbr) => abbr,
        None => ledger.abbreviation(rng, &req.company_kana),
    };
    let office_code = ledger.office_code(&company_abbr);
    let office_password = office_password(rng);
    let billing_code = ledger.draw(rng, |r| r.between(1_000_000, 9_999_999).to_string());
    let user_ids = req
        .user_codes
        .iter()
        .flat_map(|u| ledger.user_ids(rng, &company_abbr, u))
        .collect();
    let terminals = if sharing_office.is_some() {
        // M002: 「機器共用依頼事業所は、利用者IDのみ契約することとなります。端末、回線は契約
        // できません。」
        Vec::new()
    } else {
        [
            (ProcessingMethod::NetNaccs, req.terminals_net),
            (ProcessingMethod::Ebms, req.terminals_ebms),
            (ProcessingMethod::WebNaccs, req.certificates_web),
        ]
        .into_iter()
        .flat_map(|(kind, count)| {
            ledger.terminals(rng, &company_abbr, &office_code, req.system, kind, count)
        })
        .collect()
    };
    Issued {
        company_abbr,
        office_code,
        office_password,
        billing_code,
        user_ids,
        terminals,
        sharing_office,
    }
}

/// The 利用者IDs of one 利用者コード row, for a change application that adds a code or
/// 識別番号 to an existing office. With `shared_code` set to the office's own code the new
/// 識別番号 continue after those `taken` knows; the rows then say `shared`, which the caller
/// clears, since only it knows whose code it is.
pub fn issue_user_ids(
    rng: &mut SimRng,
    company_abbr: &str,
    request: &UserCodeRequest,
    taken: &dyn Fn(&str) -> bool,
) -> Vec<IssuedUserId> {
    Ledger::new(taken).user_ids(rng, company_abbr, request)
}

/// `count` terminals of one kind (netNACCS, ebMS or webNACCS) for an existing office, as a
/// change application adds them (M001 論理端末追加数).
pub fn issue_terminals(
    rng: &mut SimRng,
    company_abbr: &str,
    office_code: &str,
    system: SystemKind,
    kind: ProcessingMethod,
    count: u32,
    taken: &dyn Fn(&str) -> bool,
) -> Vec<IssuedTerminal> {
    Ledger::new(taken).terminals(rng, company_abbr, office_code, system, kind, count)
}

/// A 利用者ID password: 8 upper-case letters and digits with at least one of each.
///
/// M002 prints 「ZZZZZZZZ」 (8); NACCS accepts 6–8 half-width characters with at least one
/// upper-case letter and one digit (procedures.md §11), so an issued password is always one a
/// user could have chosen.
pub fn user_id_password(rng: &mut SimRng) -> String {
    letters_and_digits(rng, 8)
}

/// A 事業所パスワード, the NSS login from approval on: 8 upper-case letters and digits (M002
/// 「ABCDEFGH」; the same shape as the 仮パスワード 7TDE8NP7 of M000 【10】).
pub fn office_password(rng: &mut SimRng) -> String {
    letters_and_digits(rng, 8)
}

/// NACCS' rule for a 利用者ID password (procedures.md §11): 6–8 half-width characters with at
/// least one upper-case letter and one digit.
pub fn is_valid_user_id_password(password: &str) -> bool {
    (6..=8).contains(&password.len())
        && password.bytes().all(|b| b.is_ascii_graphic())
        && password.bytes().any(|b| b.is_ascii_uppercase())
        && password.bytes().any(|b| b.is_ascii_digit())
}

fn letters_and_digits(rng: &mut SimRng, len: usize) -> String {
    loop {
        let p = rng.upper_alnum(len);
        if p.bytes().any(|b| b.is_ascii_digit()) && p.bytes().any(|b| b.is_ascii_uppercase()) {
            return p;
        }
    }
}

/// A new 企業略称 for a company read `company_kana`, not `taken`.
///
/// The manuals show only 「NAC」 and never say how NACCS picks it, so the rule is inferred: the
/// first three letters of the Hepburn romanisation ([`romanize`]) of the reading without its
/// legal form (カブシキガイシャ …), e.g. トウヨウブツリュウカブシキガイシャ → TOYOBUTSURYU → TOY;
/// if those are taken, the first letter, the second, and each later letter in turn (TOB, TOU…),
/// then any two later letters; then a drawn one. (ナックス reads NAKKUSU, so the manuals' NAC is
/// not what the rule gives: the seeded fixture keeps the manuals' NAC.)
pub fn company_abbreviation(
    rng: &mut SimRng,
    company_kana: &str,
    taken: &dyn Fn(&str) -> bool,
) -> String {
    Ledger::new(taken).abbreviation(rng, company_kana)
}

/// The first free 事業所コード of a company: 略称 + 001, 002 … (M001 NAC001; M002's 機器共用
/// office NAC555 shows the numbers need not be consecutive, but the first free one is what a
/// simulator can reproduce).
pub fn next_office_code(company_abbr: &str, taken: &dyn Fn(&str) -> bool) -> String {
    Ledger::new(taken).office_code(company_abbr)
}

/// The first free 利用者コード of a company: 1A + 略称, 1B …, 1Z, 2A …, 9Z (M002 1ANAC, then
/// 「混載1BNAC」 for a second code; M003's hint 「例) 2ANAC」). `None` when all 234 are taken.
pub fn next_user_code(company_abbr: &str, taken: &dyn Fn(&str) -> bool) -> Option<String> {
    (b'1'..=b'9')
        .flat_map(|d| (b'A'..=b'Z').map(move |l| (d as char, l as char)))
        .map(|(d, l)| format!("{d}{l}{company_abbr}"))
        .find(|c| !taken(c))
}

/// 認証コード1: the 略称 and the terminal name without its first two digits (M001: 99999W of
/// NAC → NAC999W; 999999W / 888888W → NAC999W / NAC888W also keep the last three digits and W).
pub fn auth_code_1(company_abbr: &str, terminal_name: &str) -> String {
    let tail: String = {
        let chars: Vec<char> = terminal_name.chars().collect();
        let keep = chars.len().min(4);
        chars[chars.len() - keep..].iter().collect()
    };
    format!("{company_abbr}{tail}")
}

/// Which 識別番号 sequence an 利用者ID row draws from. The manuals print:
/// - netNACCS: 1ANAC 「A0A」 (M002 ID通知内容, 識別番号数 1); 貿易管理サブシステム 「F0A」, then
///   「F0B～D」 for three delegates (M000 【18】 例2);
/// - インタラクティブ and インタ・POP3併用: 「A01」 「A02」 「A03」 (M004 パスワード初期化), and
///   M002's 機器共用 example 「1A A0A / 1A A01」 beside an インタラクティブ端末 and a netNACCS端末;
/// - SMTP双方向: 「Yから始まる識別番号」, 「YA1」 「YB1」 (M003).
///
/// So the series follow the processing method. Their continuation past the printed examples
/// is inferred: netNACCS runs A0A … A0Z, A1A … A9Z, then B0A …; interactive A01 … A99, then
/// B01 …; SMTP双方向 YA1 … YZ1, YA2 … (third character 1–9 then 0), then ZA1 …. ebMS and
/// webNACCS, which the manuals do not show, take the netNACCS series, and the mail methods the
/// interactive one. 貿サブ rows start at F instead of A.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdentSeries {
    /// netNACCS, ebMS, webNACCS: A0A, A0B … (貿サブ F0A, F0B …).
    Net { trade_control: bool },
    /// インタラクティブ, インタ・POP3併用, SMTP/POP3: A01, A02 … (貿サブ F01 …).
    Interactive { trade_control: bool },
    /// SMTP双方向: YA1, YB1 ….
    Smtp,
}

/// First characters of the A and F series, in order. I, O (read as 1, 0), V (the 貿サブ code
/// prefix) and Y (the SMTP双方向 series) are left out; the A series also skips F, which is
/// 貿サブ's.
const FIRSTS: &[u8] = b"ABCDEGHJKLMNPQRSTUWXZ";
const FIRSTS_TRADE_CONTROL: &[u8] = b"FGHJKLMNPQRSTUWXZ";
const SMTP_FIRSTS: &[u8] = b"YZXW";
const SMTP_THIRDS: &[u8] = b"1234567890";
const LETTERS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";

impl IdentSeries {
    /// The series of a row with these 業種 and 処理方式.
    pub fn for_setting(industries: &[Industry], method: ProcessingMethod) -> Self {
        let trade_control = industries.contains(&Industry::TradeControlTrader);
        match method {
            ProcessingMethod::SmtpBidirectional => Self::Smtp,
            ProcessingMethod::NetNaccs | ProcessingMethod::Ebms | ProcessingMethod::WebNaccs => {
                Self::Net { trade_control }
            }
            ProcessingMethod::Interactive
            | ProcessingMethod::InteractivePop3
            | ProcessingMethod::Mail => Self::Interactive { trade_control },
        }
    }

    /// The `i`-th 識別番号 of the series (0-based), `None` past its end.
    pub fn nth(self, i: usize) -> Option<String> {
        let firsts = |trade_control: bool| {
            if trade_control {
                FIRSTS_TRADE_CONTROL
            } else {
                FIRSTS
            }
        };
        let s = |bytes: [u8; 3]| bytes.iter().map(|b| *b as char).collect::<String>();
        match self {
            Self::Net { trade_control } => {
                let first = *firsts(trade_control).get(i / 260)?;
                let within = i % 260;
                Some(s([first, b'0' + (within / 26) as u8, LETTERS[within % 26]]))
            }
            Self::Interactive { trade_control } => {
                let first = *firsts(trade_control).get(i / 99)?;
                Some(format!("{}{:02}", first as char, i % 99 + 1))
            }
            Self::Smtp => {
                let first = *SMTP_FIRSTS.get(i / 260)?;
                let within = i % 260;
                Some(s([first, LETTERS[within % 26], SMTP_THIRDS[within / 26]]))
            }
        }
    }
}

/// The values issued so far in one call, on top of what the workspace has taken.
struct Ledger<'a> {
    taken: &'a dyn Fn(&str) -> bool,
    claimed: HashSet<String>,
}

/// More draws than this for one value means the space is exhausted (it never happens at a
/// workspace's scale: the smallest drawn space, V1 codes, holds 46,656 values).
const MAX_DRAWS: usize = 1_000_000;

impl<'a> Ledger<'a> {
    fn new(taken: &'a dyn Fn(&str) -> bool) -> Self {
        Ledger {
            taken,
            claimed: HashSet::new(),
        }
    }

    fn is_free(&self, value: &str) -> bool {
        !self.claimed.contains(value) && !(self.taken)(value)
    }

    fn claim(&mut self, value: String) -> String {
        self.claimed.insert(value.clone());
        value
    }

    /// The first free value of `candidates`.
    fn first_free(&mut self, candidates: impl IntoIterator<Item = String>) -> Option<String> {
        let found = candidates.into_iter().find(|c| self.is_free(c))?;
        Some(self.claim(found))
    }

    /// Draws until a free value.
    fn draw(&mut self, rng: &mut SimRng, mut draw: impl FnMut(&mut SimRng) -> String) -> String {
        for _ in 0..MAX_DRAWS {
            let v = draw(rng);
            if self.is_free(&v) {
                return self.claim(v);
            }
        }
        panic!("no free value left to issue after {MAX_DRAWS} draws");
    }

    fn abbreviation(&mut self, rng: &mut SimRng, company_kana: &str) -> String {
        let letters: Vec<char> = romanize(&strip_legal_form(company_kana))
            .chars()
            .filter(char::is_ascii_alphabetic)
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let n = letters.len();
        let mut candidates: Vec<String> = Vec::new();
        if n >= 3 {
            candidates.push(letters[..3].iter().collect());
            candidates
                .extend((2..n).map(|k| [letters[0], letters[1], letters[k]].iter().collect()));
            for j in 2..n {
                candidates.extend(
                    (j + 1..n).map(|k| [letters[0], letters[j], letters[k]].iter().collect()),
                );
            }
        }
        if let Some(found) = self.first_free(candidates) {
            return found;
        }
        // Keep the reading's initial while it helps, then any three letters.
        if let Some(first) = letters.first().copied() {
            for _ in 0..64 {
                let v = format!("{first}{}", rng.string_from(LETTERS, 2));
                if self.is_free(&v) {
                    return self.claim(v);
                }
            }
        }
        for _ in 0..4_096 {
            let v = rng.string_from(LETTERS, 3);
            if self.is_free(&v) {
                return self.claim(v);
            }
        }
        let every = LETTERS.iter().flat_map(|a| {
            LETTERS.iter().flat_map(move |b| {
                LETTERS
                    .iter()
                    .map(move |c| [*a, *b, *c].iter().map(|x| *x as char).collect::<String>())
            })
        });
        self.first_free(every)
            .unwrap_or_else(|| panic!("all 17,576 company abbreviations are taken"))
    }

    fn office_code(&mut self, company_abbr: &str) -> String {
        self.first_free((1..=999).map(|n| format!("{company_abbr}{n:03}")))
            .unwrap_or_else(|| panic!("all 999 office codes of {company_abbr} are taken"))
    }

    /// A new 利用者コード: V1 + 3 for 貿サブ, else the next digit + letter + 略称.
    fn user_code(&mut self, rng: &mut SimRng, company_abbr: &str, trade_control: bool) -> String {
        if trade_control {
            // procedures.md §11: 貿易管理サブシステム (外為法関連業務) codes begin with 「V1」.
            // M002 prints the owner's 1A〇〇〇 beside the 外為法 office's V1△△△ with another
            // placeholder, so the three are not the 略称: they are drawn.
            return self.draw(rng, |r| format!("V1{}", r.upper_alnum(3)));
        }
        let sequence = (b'1'..=b'9')
            .flat_map(|d| (b'A'..=b'Z').map(move |l| format!("{}{}", d as char, l as char)))
            .map(|p| format!("{p}{company_abbr}"))
            .collect::<Vec<_>>();
        match self.first_free(sequence) {
            Some(code) => code,
            // All 234 taken (no manual goes there): a drawn code that still starts with a digit.
            None => self.draw(rng, |r| {
                format!("{}{}", r.string_from(b"0123456789", 1), r.upper_alnum(4))
            }),
        }
    }

    fn user_ids(
        &mut self,
        rng: &mut SimRng,
        company_abbr: &str,
        request: &UserCodeRequest,
    ) -> Vec<IssuedUserId> {
        let total: u64 = request.settings.iter().map(|s| u64::from(s.count)).sum();
        let shared = request
            .shared_code
            .as_deref()
            .map(normalise)
            .filter(|c| !c.is_empty());
        if total == 0 && shared.is_none() {
            // A code with no 識別番号 would appear nowhere on the ID通知内容: none is drawn.
            return Vec::new();
        }
        let trade_control = request
            .settings
            .iter()
            .any(|s| s.industries.contains(&Industry::TradeControlTrader));
        let is_shared = shared.is_some();
        let user_code = match shared {
            Some(code) => code,
            None => self.user_code(rng, company_abbr, trade_control),
        };
        let mut out = Vec::new();
        for setting in &request.settings {
            let series = IdentSeries::for_setting(&setting.industries, setting.method);
            for _ in 0..setting.count {
                let ident = self.ident(rng, &user_code, series);
                out.push(IssuedUserId {
                    industries: setting.industries.clone(),
                    method: setting.method,
                    user_code: user_code.clone(),
                    ident,
                    password: user_id_password(rng),
                    system: request.system,
                    shared: is_shared,
                });
            }
        }
        out
    }

    /// The next free 識別番号 of `series` under `user_code` (the 利用者ID is what must be free).
    fn ident(&mut self, rng: &mut SimRng, user_code: &str, series: IdentSeries) -> String {
        let next = (0..)
            .map_while(|i| series.nth(i))
            .find(|ident| self.is_free(&format!("{user_code}{ident}")));
        let ident = match next {
            Some(ident) => ident,
            // The series is used up (thousands of IDs under one code): any free three.
            None => {
                let id = self.draw(rng, |r| format!("{user_code}{}", r.upper_alnum(3)));
                return id[user_code.len()..].to_string();
            }
        };
        self.claim(format!("{user_code}{ident}"));
        ident
    }

    fn terminals(
        &mut self,
        rng: &mut SimRng,
        company_abbr: &str,
        office_code: &str,
        system: SystemKind,
        kind: ProcessingMethod,
        count: u32,
    ) -> Vec<IssuedTerminal> {
        (0..count)
            .map(|_| {
                let name = self.draw(rng, |r| format!("{}W", r.between(10_000, 99_999)));
                let access_key = self.draw(rng, |r| {
                    r.between(1_000_000_000_000, 9_999_999_999_999).to_string()
                });
                let auth_codes = [
                    auth_code_1(company_abbr, &name),
                    rng.upper_alnum(6),
                    rng.upper_alnum(5),
                ];
                IssuedTerminal {
                    system,
                    // M001 prints 「net」 in both columns for netNACCS; the others use the
                    // same short forms as the 処理方式 list (inferred).
                    model: kind.short().to_string(),
                    package: kind.short().to_string(),
                    name,
                    access_key,
                    auth_codes,
                    office_code: office_code.to_string(),
                    router: None,
                }
            })
            .collect()
    }
}

fn normalise(code: &str) -> String {
    code.trim().to_ascii_uppercase()
}

fn is_abbreviation(s: &str) -> bool {
    s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase())
}

/// NAC of NAC001.
fn abbreviation_of_office(office_code: &str) -> Option<String> {
    let code = normalise(office_code);
    (code.len() == 6 && code.bytes().all(|b| b.is_ascii_alphanumeric()))
        .then(|| code[..3].to_string())
        .filter(|a| is_abbreviation(a))
}

/// NAC of 1ANAC; nothing for V1 codes and codes of another shape (CP999).
fn abbreviation_of_user_code(user_code: &str) -> Option<String> {
    let code = normalise(user_code);
    let b = code.as_bytes();
    (b.len() == 5 && b[0].is_ascii_digit() && b[1].is_ascii_uppercase())
        .then(|| code[2..].to_string())
        .filter(|a| is_abbreviation(a))
}

/// Legal forms a company reading may begin or end with; they say nothing about the company.
const LEGAL_FORMS: &[&str] = &[
    "カブシキガイシャ",
    "カブシキカイシャ",
    "ユウゲンガイシャ",
    "ユウゲンカイシャ",
    "ゴウドウガイシャ",
    "ゴウドウカイシャ",
    "ゴウメイガイシャ",
    "ゴウメイカイシャ",
    "ゴウシガイシャ",
    "ゴウシカイシャ",
    "イッパンシャダンホウジン",
    "イッパンザイダンホウジン",
    "コウエキシャダンホウジン",
    "コウエキザイダンホウジン",
    "（カ）",
    "（ユ）",
    "（ド）",
];

/// The reading without spaces and without a leading or trailing legal form.
fn strip_legal_form(kana: &str) -> String {
    let mut s: String = kana
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '　')
        .collect();
    let original = s.clone();
    loop {
        let before = s.len();
        for form in LEGAL_FORMS {
            if let Some(rest) = s.strip_prefix(form) {
                s = rest.to_string();
            }
            if let Some(rest) = s.strip_suffix(form) {
                s = rest.to_string();
            }
        }
        if s.len() == before {
            break;
        }
    }
    if s.is_empty() { original } else { s }
}

/// Hepburn romanisation of a katakana reading, lower-case ASCII letters and digits only, as
/// passports write names (サトウ → sato, オオタ → ota, ショウジ → shoji, ナックス → nakkusu,
/// シンバシ → shinbashi): long vowels おう/おお/うう and 「ー」 are not written, 「ッ」 doubles
/// the next consonant (ッチ → tchi), 「ン」 is n. Full-width letters and digits become ASCII;
/// anything else (・, spaces, brackets) is dropped.
///
/// Without a dictionary a long vowel cannot be told from two words that meet (井上 イノ+ウエ is
/// inoue, 雄一 ユウ+イチ is yuichi): a ウ before エ is kept, as in the frequent 〜ウエ (上) of
/// names; elsewhere it is dropped.
pub fn romanize(kana: &str) -> String {
    let chars: Vec<char> = kana.chars().collect();
    let mut syllables: Vec<String> = Vec::new();
    let mut geminate = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == 'ッ' {
            geminate = true;
            i += 1;
            continue;
        }
        let (syllable, used) = kana_syllable(&chars[i..]);
        i += used;
        if syllable.is_empty() {
            continue;
        }
        let syllable = if std::mem::take(&mut geminate) {
            double_consonant(&syllable)
        } else {
            syllable
        };
        syllables.push(syllable);
    }
    let mut out = String::new();
    let mut previous_dropped = false;
    for (k, syllable) in syllables.iter().enumerate() {
        let previous_end = k.checked_sub(1).and_then(|p| syllables[p].chars().last());
        let next_is_e = syllables.get(k + 1).is_some_and(|n| n == "e");
        let long = match syllable.as_str() {
            "u" => matches!(previous_end, Some('o' | 'u')),
            "o" => previous_end == Some('o'),
            _ => false,
        };
        if long && !previous_dropped && !next_is_e {
            previous_dropped = true;
            continue;
        }
        previous_dropped = false;
        out.push_str(syllable);
    }
    out
}

/// ッカ → kka, ッチ → tchi.
fn double_consonant(syllable: &str) -> String {
    match syllable.chars().next() {
        Some('c') => format!("t{syllable}"),
        Some(c) if c.is_ascii_alphabetic() && !"aiueon".contains(c) => format!("{c}{syllable}"),
        _ => syllable.to_string(),
    }
}

/// One syllable at the start of `chars`: its romanisation and how many characters it took.
fn kana_syllable(chars: &[char]) -> (String, usize) {
    let c = chars[0];
    let base = kana_romaji(c);
    let next = chars.get(1).copied();
    if base.is_empty() {
        return (ascii_of(c), 1);
    }
    match next {
        // Yōon: キャ kya, シャ sha, チョ cho, ジュ ju.
        Some(small @ ('ャ' | 'ュ' | 'ョ')) if base.len() > 1 && base.ends_with('i') => {
            let stem = &base[..base.len() - 1];
            let vowel = &kana_romaji(small)[1..];
            let joined = if stem.ends_with("sh") || stem.ends_with("ch") || stem == "j" {
                format!("{stem}{vowel}")
            } else {
                format!("{stem}y{vowel}")
            };
            (joined, 2)
        }
        // Loan-word sounds: ファ fa, ティ ti, ウィ wi, シェ she, ヴァ va, ツァ tsa, イェ ye.
        Some(small @ ('ァ' | 'ィ' | 'ゥ' | 'ェ' | 'ォ')) => {
            let vowel = kana_romaji(small);
            let consonant = match (c, small) {
                ('フ', _) => Some("f"),
                ('ヴ', _) => Some("v"),
                ('ツ', _) => Some("ts"),
                ('テ', 'ィ' | 'ゥ') => Some("t"),
                ('デ', 'ィ' | 'ゥ') => Some("d"),
                ('ト', 'ゥ') => Some("t"),
                ('ド', 'ゥ') => Some("d"),
                ('ウ', 'ィ' | 'ェ' | 'ォ') => Some("w"),
                ('イ', 'ェ') => Some("y"),
                ('ク', 'ァ' | 'ォ') => Some("kw"),
                ('グ', 'ァ' | 'ォ') => Some("gw"),
                ('シ', 'ェ') => Some("sh"),
                ('チ', 'ェ') => Some("ch"),
                ('ジ', 'ェ') => Some("j"),
                _ => None,
            };
            match consonant {
                Some(cons) => (format!("{cons}{vowel}"), 2),
                None => (base.to_string(), 1),
            }
        }
        _ => (base.to_string(), 1),
    }
}

/// ASCII letters and digits, full-width ones folded to ASCII; anything else is dropped.
fn ascii_of(c: char) -> String {
    let folded = match c {
        'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '０'..='９' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        _ => c,
    };
    if folded.is_ascii_alphanumeric() {
        folded.to_ascii_lowercase().to_string()
    } else {
        String::new()
    }
}

/// The Hepburn romanisation of one katakana; empty for anything else (ー included).
fn kana_romaji(c: char) -> &'static str {
    match c {
        'ア' | 'ァ' => "a",
        'イ' | 'ィ' | 'ヰ' => "i",
        'ウ' | 'ゥ' => "u",
        'エ' | 'ェ' | 'ヱ' => "e",
        'オ' | 'ォ' | 'ヲ' => "o",
        'カ' | 'ヵ' => "ka",
        'キ' => "ki",
        'ク' => "ku",
        'ケ' | 'ヶ' => "ke",
        'コ' => "ko",
        'サ' => "sa",
        'シ' => "shi",
        'ス' => "su",
        'セ' => "se",
        'ソ' => "so",
        'タ' => "ta",
        'チ' => "chi",
        'ツ' => "tsu",
        'テ' => "te",
        'ト' => "to",
        'ナ' => "na",
        'ニ' => "ni",
        'ヌ' => "nu",
        'ネ' => "ne",
        'ノ' => "no",
        'ハ' => "ha",
        'ヒ' => "hi",
        'フ' => "fu",
        'ヘ' => "he",
        'ホ' => "ho",
        'マ' => "ma",
        'ミ' => "mi",
        'ム' => "mu",
        'メ' => "me",
        'モ' => "mo",
        'ヤ' | 'ャ' => "ya",
        'ユ' | 'ュ' => "yu",
        'ヨ' | 'ョ' => "yo",
        'ラ' => "ra",
        'リ' => "ri",
        'ル' => "ru",
        'レ' => "re",
        'ロ' => "ro",
        'ワ' | 'ヮ' => "wa",
        'ン' => "n",
        'ガ' => "ga",
        'ギ' => "gi",
        'グ' => "gu",
        'ゲ' => "ge",
        'ゴ' => "go",
        'ザ' => "za",
        'ジ' | 'ヂ' => "ji",
        'ズ' | 'ヅ' => "zu",
        'ゼ' => "ze",
        'ゾ' => "zo",
        'ダ' => "da",
        'デ' => "de",
        'ド' => "do",
        'バ' => "ba",
        'ビ' => "bi",
        'ブ' => "bu",
        'ベ' => "be",
        'ボ' => "bo",
        'パ' => "pa",
        'ピ' => "pi",
        'プ' => "pu",
        'ペ' => "pe",
        'ポ' => "po",
        'ヴ' => "vu",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::format::{BillingCode, IdentNumber, OfficeCode, UserCode};

    fn none(_: &str) -> bool {
        false
    }

    fn net(industry: Industry, count: u32) -> IdentRequest {
        IdentRequest {
            industries: vec![industry],
            method: ProcessingMethod::NetNaccs,
            count,
        }
    }

    fn request(user_codes: Vec<UserCodeRequest>) -> IssueRequest {
        IssueRequest {
            company_kana: "トウヨウブツリュウカブシキガイシャ".into(),
            user_codes,
            terminals_net: 2,
            terminals_ebms: 1,
            certificates_web: 1,
            sharing_office: None,
            system: SystemKind::Sea,
        }
    }

    fn new_code(settings: Vec<IdentRequest>) -> UserCodeRequest {
        UserCodeRequest {
            system: SystemKind::Sea,
            settings,
            shared_code: None,
        }
    }

    fn is_digits(s: &str, n: usize) -> bool {
        s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
    }

    fn is_upper_alnum(s: &str, n: usize) -> bool {
        s.len() == n
            && s.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    }

    #[test]
    fn every_format_matches_the_manuals() {
        let mut rng = SimRng::new(7, 0);
        let req = request(vec![
            new_code(vec![
                net(Industry::CustomsBroker, 2),
                net(Industry::Consolidator, 1),
            ]),
            new_code(vec![IdentRequest {
                industries: vec![Industry::Trader],
                method: ProcessingMethod::Interactive,
                count: 3,
            }]),
        ]);
        let ids = issue(&mut rng, &req, &none);
        assert_eq!(ids.company_abbr, "TOY");
        assert_eq!(ids.office_code, "TOY001");
        assert_eq!(
            OfficeCode::parse(&ids.office_code)
                .unwrap()
                .company_abbreviation(),
            "TOY"
        );
        assert!(
            is_upper_alnum(&ids.office_password, 8),
            "{}",
            ids.office_password
        );
        assert!(is_valid_user_id_password(&ids.office_password));
        assert!(
            BillingCode::parse(&ids.billing_code).is_ok(),
            "{}",
            ids.billing_code
        );
        let rows: Vec<(&str, &str)> = ids
            .user_ids
            .iter()
            .map(|u| (u.user_code.as_str(), u.ident.as_str()))
            .collect();
        // M002: 通関1ANAC(識別1) 混載1ANAC(識別2); a second code is 1B…; M004: A01 A02 A03.
        assert_eq!(
            rows,
            [
                ("1ATOY", "A0A"),
                ("1ATOY", "A0B"),
                ("1ATOY", "A0C"),
                ("1BTOY", "A01"),
                ("1BTOY", "A02"),
                ("1BTOY", "A03"),
            ]
        );
        for u in &ids.user_ids {
            assert!(UserCode::parse(&u.user_code).is_ok());
            assert!(IdentNumber::parse(&u.ident).is_ok());
            assert_eq!(u.user_id().len(), 8);
            assert!(is_valid_user_id_password(&u.password), "{}", u.password);
            assert!(is_upper_alnum(&u.password, 8));
            assert_eq!(u.system, SystemKind::Sea);
            assert!(!u.shared);
        }
        assert_eq!(ids.terminals.len(), 4);
        let models: Vec<&str> = ids.terminals.iter().map(|t| t.model.as_str()).collect();
        assert_eq!(models, ["net", "net", "ebMS", "web"]);
        for t in &ids.terminals {
            assert_eq!(t.name.len(), 6);
            assert!(
                is_digits(&t.name[..5], 5) && t.name.ends_with('W'),
                "{}",
                t.name
            );
            assert!(is_digits(&t.access_key, 13), "{}", t.access_key);
            assert_eq!(t.auth_codes[0], format!("TOY{}", &t.name[2..]));
            assert!(is_upper_alnum(&t.auth_codes[1], 6));
            assert!(is_upper_alnum(&t.auth_codes[2], 5));
            assert_eq!(t.office_code, "TOY001");
            assert_eq!(t.system, SystemKind::Sea);
            assert_eq!(t.package, t.model);
        }
    }

    #[test]
    fn auth_code_1_follows_m001() {
        assert_eq!(auth_code_1("NAC", "99999W"), "NAC999W");
        assert_eq!(auth_code_1("NAC", "999999W"), "NAC999W");
        assert_eq!(auth_code_1("NAC", "888888W"), "NAC888W");
    }

    #[test]
    fn trade_control_users_get_v1_codes_and_the_f_series() {
        // M000 【18】 例2: the president F0A and three delegates F0B～D: 識別番号数 4.
        let mut rng = SimRng::new(1, 0);
        let mut req = request(vec![UserCodeRequest {
            system: SystemKind::SeaAndAir,
            settings: vec![net(Industry::TradeControlTrader, 4)],
            shared_code: None,
        }]);
        req.terminals_net = 1;
        let ids = issue(&mut rng, &req, &none);
        let idents: Vec<&str> = ids.user_ids.iter().map(|u| u.ident.as_str()).collect();
        assert_eq!(idents, ["F0A", "F0B", "F0C", "F0D"]);
        let code = &ids.user_ids[0].user_code;
        assert!(code.starts_with("V1") && is_upper_alnum(code, 5), "{code}");
        assert!(ids.user_ids.iter().all(|u| &u.user_code == code));
        assert_eq!(ids.user_ids[0].system, SystemKind::SeaAndAir);
    }

    #[test]
    fn customs_broker_and_trade_control_codes_differ_in_shape() {
        let mut rng = SimRng::new(2, 0);
        let req = request(vec![
            new_code(vec![net(Industry::CustomsBroker, 1)]),
            new_code(vec![net(Industry::TradeControlTrader, 1)]),
        ]);
        let ids = issue(&mut rng, &req, &none);
        assert_eq!(ids.user_ids[0].user_code, "1ATOY");
        assert_eq!(ids.user_ids[0].ident, "A0A");
        assert!(ids.user_ids[1].user_code.starts_with("V1"));
        assert_eq!(ids.user_ids[1].ident, "F0A");
    }

    #[test]
    fn a_shared_code_is_reused_and_its_ids_skipped() {
        // M003: CP999 shared, SMTP双方向; the company's netNACCS IDs already exist.
        let existing = ["CP999", "CP999A0A", "CP999AA1", "CP999BB1", "CP999YA1"];
        let taken = |v: &str| existing.contains(&v);
        let mut rng = SimRng::new(3, 0);
        let req = IssueRequest {
            company_kana: "サイバーポートカブシキガイシャ".into(),
            user_codes: vec![UserCodeRequest {
                system: SystemKind::Sea,
                settings: vec![IdentRequest {
                    industries: vec![Industry::CustomsBroker],
                    method: ProcessingMethod::SmtpBidirectional,
                    count: 2,
                }],
                shared_code: Some(" cp999 ".into()),
            }],
            terminals_net: 0,
            terminals_ebms: 0,
            certificates_web: 0,
            sharing_office: None,
            system: SystemKind::Sea,
        };
        let ids = issue(&mut rng, &req, &taken);
        let rows: Vec<(&str, &str, bool)> = ids
            .user_ids
            .iter()
            .map(|u| (u.user_code.as_str(), u.ident.as_str(), u.shared))
            .collect();
        assert_eq!(rows, [("CP999", "YB1", true), ("CP999", "YC1", true)]);
        assert!(ids.terminals.is_empty());
        // Without the taken YA1, the first is M003's YA1.
        let ids = issue(&mut SimRng::new(3, 0), &req, &none);
        assert_eq!(ids.user_ids[0].ident, "YA1");
        assert_eq!(ids.user_ids[1].ident, "YB1");
    }

    #[test]
    fn equipment_sharing_issues_no_terminals_and_keeps_the_company() {
        // M002: the 機器共用 office of ナックスシステム, owner NAC001, 1ANAC in use.
        let existing = ["NAC", "NAC001", "1ANAC", "1ANACA0A"];
        let taken = |v: &str| existing.contains(&v);
        let mut req = request(vec![new_code(vec![net(Industry::CustomsBroker, 1)])]);
        req.company_kana = "ナックスシステムカブシキカイシャ".into();
        req.sharing_office = Some("nac001".into());
        req.terminals_net = 3;
        let ids = issue(&mut SimRng::new(4, 0), &req, &taken);
        assert_eq!(ids.company_abbr, "NAC");
        assert_eq!(ids.office_code, "NAC002");
        assert_eq!(ids.sharing_office.as_deref(), Some("NAC001"));
        assert!(ids.terminals.is_empty());
        // M002's diagram: the owner holds 1A, the sharing office gets 1B.
        assert_eq!(ids.user_ids[0].user_code, "1BNAC");
        assert_eq!(ids.user_ids[0].ident, "A0A");
    }

    #[test]
    fn a_shared_company_code_brings_its_abbreviation() {
        let existing = ["NAC", "NAC001", "1ANAC", "1ANACA0A"];
        let taken = |v: &str| existing.contains(&v);
        let req = IssueRequest {
            company_kana: "ナックスシステムカブシキカイシャ".into(),
            user_codes: vec![UserCodeRequest {
                system: SystemKind::Sea,
                settings: vec![net(Industry::CustomsBroker, 1)],
                shared_code: Some("1ANAC".into()),
            }],
            terminals_net: 1,
            terminals_ebms: 0,
            certificates_web: 0,
            sharing_office: None,
            system: SystemKind::Sea,
        };
        let ids = issue(&mut SimRng::new(5, 0), &req, &taken);
        assert_eq!(ids.company_abbr, "NAC");
        assert_eq!(ids.office_code, "NAC002");
        assert_eq!(ids.user_ids[0].user_id(), "1ANACA0B");
        assert_eq!(
            ids.terminals[0].auth_codes[0],
            auth_code_1("NAC", &ids.terminals[0].name)
        );
        // An explicit abbreviation wins.
        let ids = issue_for_company(&mut SimRng::new(5, 0), &req, Some("cyp"), &taken);
        assert_eq!(ids.office_code, "CYP001");
    }

    #[test]
    fn counts_give_that_many_ids() {
        let req = request(vec![new_code(vec![net(Industry::CustomsBroker, 3)])]);
        let ids = issue(&mut SimRng::new(6, 0), &req, &none);
        assert_eq!(ids.user_ids.len(), 3);
        let empty = request(vec![new_code(vec![net(Industry::CustomsBroker, 0)])]);
        let ids = issue(&mut SimRng::new(6, 0), &empty, &none);
        assert!(ids.user_ids.is_empty());
    }

    #[test]
    fn nothing_taken_is_issued_again() {
        // Take the first choices of every kind and a random half of the drawn spaces' values
        // seen with another seed.
        let first = issue(
            &mut SimRng::new(8, 0),
            &request(vec![new_code(vec![net(Industry::CustomsBroker, 2)])]),
            &none,
        );
        let mut taken: HashSet<String> = ["TOY", "TOO", "TOB", "TOY001", "1ATOY"]
            .into_iter()
            .map(String::from)
            .collect();
        taken.insert(first.billing_code.clone());
        for t in &first.terminals {
            taken.insert(t.name.clone());
            taken.insert(t.access_key.clone());
        }
        let is_taken = |v: &str| taken.contains(v);
        let again = issue(
            &mut SimRng::new(8, 0),
            &request(vec![new_code(vec![net(Industry::CustomsBroker, 2)])]),
            &is_taken,
        );
        assert_eq!(again.company_abbr, "TOU");
        assert_eq!(again.office_code, "TOU001");
        assert_eq!(again.user_ids[0].user_code, "1ATOU");
        assert!(!taken.contains(&again.billing_code));
        for t in &again.terminals {
            assert!(!taken.contains(&t.name) && !taken.contains(&t.access_key));
        }
        // Within one call: four terminals, four names.
        let names: HashSet<&str> = again.terminals.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names.len(), again.terminals.len());
    }

    #[test]
    fn a_crowded_workspace_still_gets_fresh_values() {
        // Every terminal name but a handful is taken: the draws find the free ones.
        let free: HashSet<String> = ["12345W", "23456W", "34567W"]
            .into_iter()
            .map(String::from)
            .collect();
        let taken = |v: &str| (v.len() == 6 && v.ends_with('W') && !free.contains(v)) || v == "TOY";
        let mut req = request(Vec::new());
        req.terminals_net = 3;
        req.terminals_ebms = 0;
        req.certificates_web = 0;
        let ids = issue(&mut SimRng::new(9, 0), &req, &taken);
        let mut names: Vec<&str> = ids.terminals.iter().map(|t| t.name.as_str()).collect();
        names.sort();
        assert_eq!(names, ["12345W", "23456W", "34567W"]);
        assert_eq!(ids.company_abbr, "TOO");
    }

    #[test]
    fn same_seed_same_ids_other_seed_other_ids() {
        let req = request(vec![new_code(vec![net(Industry::CustomsBroker, 2)])]);
        let a = issue(&mut SimRng::new(11, 0), &req, &none);
        let b = issue(&mut SimRng::new(11, 0), &req, &none);
        let c = issue(&mut SimRng::new(12, 0), &req, &none);
        assert_eq!(a, b);
        assert_ne!(a.office_password, c.office_password);
        assert_ne!(a.terminals, c.terminals);
        // The rule-based parts do not depend on the seed.
        assert_eq!(a.office_code, c.office_code);
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(serde_json::from_str::<Issued>(&json).unwrap(), a);
    }

    #[test]
    fn abbreviations_from_readings() {
        let abbr = |kana: &str| company_abbreviation(&mut SimRng::new(0, 0), kana, &none);
        assert_eq!(abbr("ナックスシステムカブシキカイシャ"), "NAK");
        assert_eq!(abbr("カブシキガイシャトウヨウブツリュウ"), "TOY");
        assert_eq!(abbr("サイバーポートカブシキガイシャ"), "SAI");
        assert_eq!(abbr("グローバルロジスティクスゴウドウガイシャ"), "GUR");
        assert_eq!(abbr("ＡＢＣショウジ（カ）"), "ABC");
        // Too short a reading, or none at all: drawn, still three letters.
        for kana in ["エー", "", "・・・"] {
            let a = abbr(kana);
            assert!(is_abbreviation(&a), "{kana:?} → {a}");
        }
        // The fallbacks stay close to the reading.
        let taken = |v: &str| v == "NAK";
        assert_eq!(
            company_abbreviation(&mut SimRng::new(0, 0), "ナックス", &taken),
            "NAU"
        );
    }

    #[test]
    fn hepburn() {
        let rows = [
            ("サトウ", "sato"),
            ("オオタ", "ota"),
            ("イノウエ", "inoue"),
            ("ユウコ", "yuko"),
            ("トウキョウ", "tokyo"),
            ("ショウジ", "shoji"),
            ("ナックス", "nakkusu"),
            ("マッチャ", "matcha"),
            ("シンバシ", "shinbashi"),
            ("コウウン", "koun"),
            ("ジュンイチ", "junichi"),
            ("チヒロ", "chihiro"),
            ("ティーパーティー", "tipati"),
            ("ファイル", "fairu"),
            ("ヴァイオリン", "vaiorin"),
            ("ウェブ", "webu"),
            ("ツヨシ", "tsuyoshi"),
            ("サイバーポート", "saibapoto"),
            ("ＡＢＣ　ビル３", "abcbiru3"),
            ("キョウワ", "kyowa"),
            ("ユウイチ", "yuichi"),
            ("シュウイチ", "shuichi"),
            ("ムラウエ", "muraue"),
        ];
        for (kana, roman) in rows {
            assert_eq!(romanize(kana), roman, "{kana}");
        }
    }

    #[test]
    fn ident_series_continue_past_the_examples() {
        let net = IdentSeries::Net {
            trade_control: false,
        };
        assert_eq!(net.nth(0).as_deref(), Some("A0A"));
        assert_eq!(net.nth(25).as_deref(), Some("A0Z"));
        assert_eq!(net.nth(26).as_deref(), Some("A1A"));
        assert_eq!(net.nth(260).as_deref(), Some("B0A"));
        let inter = IdentSeries::Interactive {
            trade_control: false,
        };
        assert_eq!(inter.nth(0).as_deref(), Some("A01"));
        assert_eq!(inter.nth(98).as_deref(), Some("A99"));
        assert_eq!(inter.nth(99).as_deref(), Some("B01"));
        assert_eq!(IdentSeries::Smtp.nth(1).as_deref(), Some("YB1"));
        assert_eq!(IdentSeries::Smtp.nth(26).as_deref(), Some("YA2"));
        assert_eq!(IdentSeries::Smtp.nth(260).as_deref(), Some("ZA1"));
        // Every series yields far more than 識別番号数 allows (999), all distinct and valid.
        for series in [
            net,
            inter,
            IdentSeries::Smtp,
            IdentSeries::Net {
                trade_control: true,
            },
            IdentSeries::Interactive {
                trade_control: true,
            },
        ] {
            let all: Vec<String> = (0..).map_while(|i| series.nth(i)).collect();
            assert!(all.len() >= 999, "{series:?}: {}", all.len());
            let distinct: HashSet<&String> = all.iter().collect();
            assert_eq!(distinct.len(), all.len());
            assert!(all.iter().all(|i| IdentNumber::parse(i).is_ok()));
        }
        assert_eq!(
            IdentSeries::for_setting(&[Industry::TradeControlTrader], ProcessingMethod::NetNaccs),
            IdentSeries::Net {
                trade_control: true
            }
        );
    }

    #[test]
    fn user_codes_and_office_codes_run_in_order() {
        let taken = |v: &str| ["1ANAC", "1BNAC", "NAC001"].contains(&v);
        assert_eq!(next_user_code("NAC", &taken).as_deref(), Some("1CNAC"));
        assert_eq!(next_office_code("NAC", &taken), "NAC002");
        let all = |v: &str| v.ends_with("NAC");
        assert_eq!(next_user_code("NAC", &all), None);
    }

    #[test]
    fn change_applications_add_to_an_existing_office() {
        let existing = ["NAC", "NAC001", "1ANAC", "1ANACA0A", "99999W"];
        let taken = |v: &str| existing.contains(&v);
        let mut rng = SimRng::new(10, 0);
        let added = issue_terminals(
            &mut rng,
            "NAC",
            "NAC001",
            SystemKind::Sea,
            ProcessingMethod::NetNaccs,
            2,
            &taken,
        );
        assert_eq!(added.len(), 2);
        assert!(
            added
                .iter()
                .all(|t| t.name != "99999W" && t.office_code == "NAC001")
        );
        let more = issue_user_ids(
            &mut rng,
            "NAC",
            &UserCodeRequest {
                system: SystemKind::Sea,
                settings: vec![net(Industry::CustomsBroker, 1)],
                shared_code: Some("1ANAC".into()),
            },
            &taken,
        );
        assert_eq!(more[0].user_id(), "1ANACA0B");
    }

    #[test]
    fn password_rule() {
        for ok in ["ABC123", "A1B2C3D4", "Z9zzzz", "A1!abcd"] {
            assert!(is_valid_user_id_password(ok), "{ok}");
        }
        for bad in [
            "ABCDEFGH",
            "12345678",
            "A1B2C",
            "A1B2C3D4E",
            "abc123",
            "A1 B2C3",
        ] {
            assert!(!is_valid_user_id_password(bad), "{bad}");
        }
        let mut rng = SimRng::new(13, 0);
        for _ in 0..200 {
            assert!(is_valid_user_id_password(&user_id_password(&mut rng)));
        }
    }
}
