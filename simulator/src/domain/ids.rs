//! Identifiers NSS hands out, in the formats the manuals print.

use crate::rng::SimRng;
use chrono::{Datelike, NaiveDate};

/// 仮ログインID: 7 digits (M000 【10】 1812881: the two-digit year, then a running number).
pub fn temp_login_id(today: NaiveDate, running: u32) -> String {
    format!("{:02}{:05}", today.year() % 100, running % 100_000)
}

/// 仮パスワード: 8 upper-case letters and digits (M000 【10】 7TDE8NP7).
pub fn temp_password(rng: &mut SimRng) -> String {
    loop {
        let p = rng.upper_alnum(8);
        // A password of letters only or digits only would not pass NACCS' own rule
        // (at least one upper-case letter and one digit, procedures.md §11): draw again.
        if p.bytes().any(|b| b.is_ascii_digit()) && p.bytes().any(|b| b.is_ascii_uppercase()) {
            return p;
        }
    }
}

/// The kind letter that ends a reception number (procedures.md §9).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReceptionKind {
    /// 利用申込 (new and change applications): 1800055A, 130007A.
    Application,
    /// システム設定申込: 2101932C.
    SystemSettings,
}

/// 申込受付番号: two-digit year, a five-digit running number and the kind letter (1800055A).
pub fn reception_number(today: NaiveDate, running: u32, kind: ReceptionKind) -> String {
    let letter = match kind {
        ReceptionKind::Application => 'A',
        ReceptionKind::SystemSettings => 'C',
    };
    format!("{:02}{:05}{letter}", today.year() % 100, running % 100_000)
}

/// Where a workspace's running numbers start: drawn from the seed so that two seeds give
/// visibly different IDs, and far enough from 99999 that a session never wraps.
pub fn initial_running_number(rng: &mut SimRng) -> u32 {
    rng.between(10_000, 59_999) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn formats_match_the_manuals() {
        assert_eq!(temp_login_id(d(2018, 11, 27), 12881), "1812881");
        assert_eq!(
            reception_number(d(2018, 11, 28), 55, ReceptionKind::Application),
            "1800055A"
        );
        assert_eq!(
            reception_number(d(2021, 3, 1), 1932, ReceptionKind::SystemSettings),
            "2101932C"
        );
    }

    #[test]
    fn passwords_have_letters_and_digits() {
        let mut rng = SimRng::new(1, 0);
        for _ in 0..100 {
            let p = temp_password(&mut rng);
            assert_eq!(p.len(), 8);
            assert!(
                p.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            );
            assert!(p.bytes().any(|b| b.is_ascii_digit()));
            assert!(p.bytes().any(|b| b.is_ascii_uppercase()));
        }
    }
}
