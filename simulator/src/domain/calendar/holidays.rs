//! Japanese national holidays (国民の祝日, 振替休日 and 国民の休日).
//!
//! NACCS counts its deadlines in business days that exclude national holidays
//! (procedures.md §8, M000 【16】(1)). The rules that make a day a holiday have
//! changed many times (ハッピーマンデー, 2019's 即位 days, the Olympic moves of
//! 2020/2021, 天皇誕生日 moving from 12/23 to 2/23), so instead of re-deriving
//! them we embed a table generated once from two independent, maintained
//! libraries that agree on every date (see fixtures/holidays_jp.README.md).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};

/// The table, `YYYY-MM-DD<TAB>name` per line, sorted.
const HOLIDAYS_TSV: &str = include_str!("../../../../fixtures/holidays_jp.tsv");

/// First year the embedded table covers completely.
pub const FIRST_COVERED_YEAR: i32 = 2000;
/// Last year the embedded table covers completely. Outside
/// `FIRST_COVERED_YEAR..=LAST_COVERED_YEAR` no day is reported as a holiday.
pub const LAST_COVERED_YEAR: i32 = 2060;

fn table() -> &'static BTreeMap<NaiveDate, &'static str> {
    static TABLE: OnceLock<BTreeMap<NaiveDate, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| parse_table(HOLIDAYS_TSV))
}

/// Parses the embedded fixture. The fixture is compiled into the binary, so a
/// malformed line is a build-time defect rather than a run-time condition:
/// failing loudly is the right answer (and the tests below exercise it).
fn parse_table(text: &'static str) -> BTreeMap<NaiveDate, &'static str> {
    let mut map = BTreeMap::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let (date, name) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("holidays_jp.tsv line {}: no tab", index + 1));
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .unwrap_or_else(|e| panic!("holidays_jp.tsv line {}: bad date: {e}", index + 1));
        let name = name.trim();
        assert!(
            !name.is_empty(),
            "holidays_jp.tsv line {}: empty name",
            index + 1
        );
        let previous = map.insert(date, name);
        assert!(
            previous.is_none(),
            "holidays_jp.tsv line {}: duplicate date {date}",
            index + 1
        );
    }
    map
}

/// True when `d` is a Japanese national holiday, 振替休日 or 国民の休日.
pub fn is_holiday(d: NaiveDate) -> bool {
    table().contains_key(&d)
}

/// The holiday's Japanese name (「元日」「振替休日」「国民の休日」…), if `d` is one.
pub fn holiday_name(d: NaiveDate) -> Option<&'static str> {
    table().get(&d).copied()
}

/// True when the embedded table covers `d`'s year, i.e. when `is_holiday`
/// can be trusted for it.
pub fn is_covered(d: NaiveDate) -> bool {
    (FIRST_COVERED_YEAR..=LAST_COVERED_YEAR).contains(&d.year())
}

/// Every holiday in `from..=to`, ascending.
pub fn holidays_between(
    from: NaiveDate,
    to: NaiveDate,
) -> impl Iterator<Item = (NaiveDate, &'static str)> {
    // BTreeMap::range panics on a reversed range; a reversed request is empty.
    let range = (from <= to).then(|| table().range(from..=to));
    range.into_iter().flatten().map(|(d, n)| (*d, *n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn table_is_sorted_and_spans_the_covered_years() {
        let lines: Vec<&str> = HOLIDAYS_TSV.lines().filter(|l| !l.is_empty()).collect();
        let dates: Vec<&str> = lines.iter().map(|l| &l[..10]).collect();
        let mut sorted = dates.clone();
        sorted.sort();
        assert_eq!(dates, sorted, "fixture must stay sorted");
        assert_eq!(table().len(), lines.len());
        let first = table().keys().next().copied();
        let last = table().keys().next_back().copied();
        assert_eq!(first, Some(d(FIRST_COVERED_YEAR, 1, 1)));
        assert_eq!(last, Some(d(LAST_COVERED_YEAR, 11, 23)));
        // Every covered year has between 14 and 22 holidays.
        for year in FIRST_COVERED_YEAR..=LAST_COVERED_YEAR {
            let n = holidays_between(d(year, 1, 1), d(year, 12, 31)).count();
            assert!((14..=22).contains(&n), "{year}: {n} holidays");
        }
    }

    #[test]
    fn fixed_holidays() {
        assert_eq!(holiday_name(d(2018, 1, 1)), Some("元日"));
        assert_eq!(holiday_name(d(2018, 2, 11)), Some("建国記念の日"));
        assert_eq!(holiday_name(d(2018, 11, 23)), Some("勤労感謝の日"));
        assert_eq!(holiday_name(d(2026, 11, 3)), Some("文化の日"));
        assert!(!is_holiday(d(2018, 12, 25)));
        assert!(!is_holiday(d(2018, 12, 28)));
    }

    #[test]
    fn emperors_birthday_moved_from_december_to_february() {
        assert_eq!(holiday_name(d(2018, 12, 23)), Some("天皇誕生日"));
        // 2019 had no 天皇誕生日 at all (abdication on 4/30, accession 5/1).
        assert!(!is_holiday(d(2019, 12, 23)));
        assert!(!is_holiday(d(2019, 2, 23)));
        assert_eq!(holiday_name(d(2020, 2, 23)), Some("天皇誕生日"));
        assert!(!is_holiday(d(2020, 12, 23)));
    }

    #[test]
    fn substitute_holidays() {
        // 2018-12-23 was a Sunday: Monday 12/24 was 振替休日.
        assert_eq!(holiday_name(d(2018, 12, 24)), Some("振替休日"));
        assert_eq!(holiday_name(d(2019, 5, 6)), Some("振替休日"));
        assert_eq!(holiday_name(d(2020, 2, 24)), Some("振替休日"));
        // A holiday on Saturday has no substitute.
        assert_eq!(holiday_name(d(2021, 3, 20)), Some("春分の日"));
        assert!(!is_holiday(d(2021, 3, 22)));
        assert_eq!(holiday_name(d(2021, 8, 9)), Some("振替休日"));
    }

    #[test]
    fn golden_week_2019() {
        assert_eq!(holiday_name(d(2019, 4, 29)), Some("昭和の日"));
        assert_eq!(holiday_name(d(2019, 4, 30)), Some("国民の休日"));
        assert_eq!(holiday_name(d(2019, 5, 1)), Some("天皇の即位の日"));
        assert_eq!(holiday_name(d(2019, 5, 2)), Some("国民の休日"));
        for day in 3..=6 {
            assert!(is_holiday(d(2019, 5, day)), "2019-05-{day}");
        }
        assert!(!is_holiday(d(2019, 5, 7)));
        assert!(is_holiday(d(2019, 10, 22)));
    }

    #[test]
    fn olympic_moves() {
        // 2020: 海の日 7/23, スポーツの日 7/24, 山の日 8/10.
        assert_eq!(holiday_name(d(2020, 7, 23)), Some("海の日"));
        assert_eq!(holiday_name(d(2020, 7, 24)), Some("スポーツの日"));
        assert_eq!(holiday_name(d(2020, 8, 10)), Some("山の日"));
        assert!(!is_holiday(d(2020, 7, 20)));
        assert!(!is_holiday(d(2020, 10, 12)));
        assert!(!is_holiday(d(2020, 8, 11)));
        // 2021: 海の日 7/22, スポーツの日 7/23, 山の日 8/8 (+ 振替 8/9).
        assert_eq!(holiday_name(d(2021, 7, 22)), Some("海の日"));
        assert_eq!(holiday_name(d(2021, 7, 23)), Some("スポーツの日"));
        assert_eq!(holiday_name(d(2021, 8, 8)), Some("山の日"));
        assert!(!is_holiday(d(2021, 7, 19)));
        assert!(!is_holiday(d(2021, 10, 11)));
        // Back to normal in 2022: 海の日 = third Monday of July.
        assert_eq!(holiday_name(d(2022, 7, 18)), Some("海の日"));
    }

    #[test]
    fn happy_monday_and_equinoxes() {
        // 成人の日 was 1/15 until 1999, second Monday from 2000.
        assert_eq!(holiday_name(d(2000, 1, 10)), Some("成人の日"));
        assert_eq!(holiday_name(d(2019, 1, 14)), Some("成人の日"));
        assert_eq!(holiday_name(d(2019, 3, 21)), Some("春分の日"));
        assert_eq!(holiday_name(d(2026, 3, 20)), Some("春分の日"));
        assert_eq!(holiday_name(d(2026, 9, 22)), Some("国民の休日"));
        assert_eq!(holiday_name(d(2026, 9, 23)), Some("秋分の日"));
        // 山の日 exists from 2016 only.
        assert!(!is_holiday(d(2015, 8, 11)));
        assert_eq!(holiday_name(d(2016, 8, 11)), Some("山の日"));
        // 2015-03-21 (Saturday) was 春分の日, so Friday 3/20 was a working day;
        // M002's schedule example depends on that.
        assert_eq!(holiday_name(d(2015, 3, 21)), Some("春分の日"));
        assert!(!is_holiday(d(2015, 3, 20)));
    }

    #[test]
    fn coverage_and_ranges() {
        assert!(is_covered(d(2000, 1, 1)));
        assert!(is_covered(d(2060, 12, 31)));
        assert!(!is_covered(d(1999, 12, 31)));
        assert!(!is_covered(d(2061, 1, 1)));
        assert!(!is_holiday(d(2061, 1, 1)));
        let gw: Vec<_> = holidays_between(d(2019, 4, 27), d(2019, 5, 7))
            .map(|(day, _)| day)
            .collect();
        assert_eq!(gw.len(), 8);
        assert_eq!(gw.first(), Some(&d(2019, 4, 29)));
        assert_eq!(gw.last(), Some(&d(2019, 5, 6)));
        assert_eq!(holidays_between(d(2019, 5, 7), d(2019, 4, 27)).count(), 0);
    }

    #[test]
    #[should_panic(expected = "no tab")]
    fn malformed_fixture_line_is_rejected() {
        parse_table("2019-01-01 元日\n");
    }

    #[test]
    #[should_panic(expected = "duplicate date")]
    fn duplicate_fixture_line_is_rejected() {
        parse_table("2019-01-01\t元日\n2019-01-01\t元日\n");
    }
}
