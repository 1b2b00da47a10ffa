//! The published NACCS schedule: start dates (システム登録日 = 利用開始日) and
//! their two deadlines, as the bulletin board's
//! 「NACCSのご利用に関するスケジュール表」 shows them (M000 【16】(1),
//! M002 ③-1, procedures.md §8).
//!
//! # Deadlines
//!
//! For a start date S (M000's table, checked row by row in the tests):
//! - システム設定関係申込締切日 = S − 6 business days;
//! - 利用契約関係申込締切日 = システム設定関係申込締切日 − 5 business days.
//!
//! # Which dates are start dates
//!
//! The manuals print the table but not the rule behind it, so the rule is
//! inferred from every row they show (M000's 2018–2019 table and M002's
//! example, which gives no year: its deadlines, with 4/7, 4/14 and 4/21 on
//! Tuesdays, fit 2015 and no other year up to the manual's 2018):
//!
//! > Each Monday–Sunday week has at most one start date. If the first
//! > business day of a month falls in the week, that day is the start date;
//! > otherwise it is the week's Tuesday, or — when the Tuesday is closed — the
//! > next business day of the same week. A week with no such day has none.
//!
//! Evidence:
//! - Ordinary weeks are Tuesdays: 2018-12-11, 12-18, 12-25, 2019-01-08, …
//! - 2019-01-04 (Fri): Tuesday 1/1 is closed, and 1/4 is January's first
//!   business day; both branches agree.
//! - 2019-02-01 (Fri) appears and Tuesday 2019-01-29 does not: the month's
//!   first business day takes the place of its week's Tuesday.
//! - 2019-01-15 (Tue) follows 成人の日 1/14: a holiday Monday changes nothing.
//! - M002 (2015): 4/1 (Wed) replaces Tuesday 3/31, then 4/7, 4/14, 4/21.
//!
//! No printed row shows a month whose first business day is a Monday; the
//! one-per-week rule then starts on that Monday instead of the Tuesday after
//! it, which keeps the interval between start dates close to a week.
//! A closed Tuesday rolls over only within its own week. Letting it roll into
//! the next week instead gives the very same dates in 2000–2060 (a test
//! compares the two), so the restriction only guarantees one date per week.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Serialize;

use super::business_days::{add_business_days, first_business_day_of_month, is_business_day};

/// Business days between システム設定関係申込締切日 and the start date.
pub const SETTINGS_LEAD_BUSINESS_DAYS: i32 = 6;
/// Business days between 利用契約関係申込締切日 and システム設定関係申込締切日.
pub const CONTRACT_LEAD_BUSINESS_DAYS: i32 = 5;

/// One row of the schedule table, in the table's column order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct ScheduleRow {
    /// 利用契約関係申込締切日: the last day to file the 利用申込.
    pub contract_deadline: NaiveDate,
    /// システム設定関係申込締切日: the last day to file the システム設定申込.
    pub settings_deadline: NaiveDate,
    /// システム登録日(利用開始日).
    pub start: NaiveDate,
}

/// The table's column headings, as M000 prints them.
pub const TABLE_HEADINGS: [&str; 3] = [
    "利用契約関係申込締切日",
    "システム設定関係申込締切日",
    "システム登録日(利用開始日)",
];

/// The deadlines of the start date `start`. Defined for any date, so callers
/// can show the deadlines of a wish; only [`is_start_date`] days are
/// published.
pub fn row_for_start(start: NaiveDate) -> ScheduleRow {
    let settings_deadline = add_business_days(start, -SETTINGS_LEAD_BUSINESS_DAYS);
    let contract_deadline = add_business_days(settings_deadline, -CONTRACT_LEAD_BUSINESS_DAYS);
    ScheduleRow {
        contract_deadline,
        settings_deadline,
        start,
    }
}

/// The Monday of `d`'s Monday–Sunday week.
fn monday_of(d: NaiveDate) -> NaiveDate {
    d.checked_sub_days(Days::new(u64::from(d.weekday().num_days_from_monday())))
        // Only NaiveDate::MIN's own week can fail; it has no Monday in range.
        .unwrap_or(d)
}

/// The start date of the week that begins on `monday` (see the module doc).
fn start_date_of_week(monday: NaiveDate) -> Option<NaiveDate> {
    let week: Vec<NaiveDate> = monday.iter_days().take(7).collect();
    // The first business day of a month in this week takes the week.
    let month_opening = week
        .iter()
        .copied()
        .find(|day| is_business_day(*day) && first_business_day_of_month(*day) == *day);
    if month_opening.is_some() {
        return month_opening;
    }
    // Otherwise the Tuesday, or the next business day of the same week.
    week.into_iter()
        .skip(1) // Monday
        .find(|day| is_business_day(*day))
}

/// True when `d` is a published start date (システム登録日).
pub fn is_start_date(d: NaiveDate) -> bool {
    start_date_of_week(monday_of(d)) == Some(d)
}

/// Every start date on or after `from`, ascending. Ends only at the end of
/// chrono's date range.
pub fn start_dates_from(from: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    std::iter::successors(Some(monday_of(from)), |monday| {
        monday.checked_add_days(Days::new(7))
    })
    .filter_map(start_date_of_week)
    .filter(move |start| *start >= from)
}

/// The rows the bulletin board shows on `today`: those whose
/// システム設定関係申込締切日 has not passed yet, ascending, `count` of them.
///
/// M000 【16】(1): seen on 2018-11-27/28, the table's first row is
/// 11月26日(月) / 12月3日(月) / 12月11日(火): a row stays listed after its
/// 利用契約関係申込締切日 while its システム設定関係申込締切日 is still ahead.
pub fn published_rows(today: NaiveDate, count: usize) -> Vec<ScheduleRow> {
    // Every settings deadline precedes its start, so no start before `today`
    // can qualify.
    start_dates_from(today)
        .map(row_for_start)
        .skip_while(|row| row.settings_deadline < today)
        .take(count)
        .collect()
}

/// The first start date whose 利用契約関係申込締切日 is on or after
/// `registered_on`. M000: 「12月7日(金)までに、利用契約申込みすると12月25日(火)が
/// システム利用開始日になります。」
pub fn earliest_start(registered_on: NaiveDate) -> NaiveDate {
    // Deadlines precede their start, so searching from `registered_on` is
    // enough; and deadlines grow with the start date, so the first hit wins.
    start_dates_from(registered_on)
        .find(|start| row_for_start(*start).contract_deadline >= registered_on)
        .unwrap_or_else(|| panic!("no start date after {registered_on} within chrono's range"))
}

/// The start date an application registered on `registered_on` gets when it
/// wishes to start on `wish`: the wish itself if it is a start date whose
/// 利用契約関係申込締切日 has not passed, else the first such start date after
/// the wish (procedures.md §8; M002 ③-1: 「スケジュール以外の日付を指定しますと、
/// 希望日以外の利用開始日となる場合があります。」).
pub fn feasible_start(registered_on: NaiveDate, wish: NaiveDate) -> NaiveDate {
    let earliest = earliest_start(registered_on);
    start_dates_from(wish.max(earliest))
        .next()
        .unwrap_or_else(|| panic!("no start date after {wish} within chrono's range"))
}

/// 「月」「火」「水」「木」「金」「土」「日」.
pub fn weekday_ja(d: NaiveDate) -> &'static str {
    match d.weekday() {
        Weekday::Mon => "月",
        Weekday::Tue => "火",
        Weekday::Wed => "水",
        Weekday::Thu => "木",
        Weekday::Fri => "金",
        Weekday::Sat => "土",
        Weekday::Sun => "日",
    }
}

/// Japanese eras since the Gregorian calendar was adopted (1873-01-01, 明治6年):
/// (name, first day, Gregorian year of 元年).
const ERAS: [(&str, (i32, u32, u32), i32); 5] = [
    ("令和", (2019, 5, 1), 2019),
    ("平成", (1989, 1, 8), 1989),
    ("昭和", (1926, 12, 25), 1926),
    ("大正", (1912, 7, 30), 1912),
    ("明治", (1873, 1, 1), 1868),
];

/// The Japanese era year with 「年」: 「平成30年」「平成31年」, 「令和元年」 from
/// 2019-05-01, 「令和8年」. Before 1873 (no Gregorian era dates) the Western
/// year: 「1872年」.
pub fn era_year(d: NaiveDate) -> String {
    for (name, (y, m, day), first_year) in ERAS {
        let Some(first_day) = NaiveDate::from_ymd_opt(y, m, day) else {
            unreachable!("ERAS holds valid dates");
        };
        if d >= first_day {
            return match d.year() - first_year + 1 {
                1 => format!("{name}元年"),
                n => format!("{name}{n}年"),
            };
        }
    }
    format!("{}年", d.year())
}

/// A date as the schedule table prints it: 「12月3日(月)」, preceded by the
/// era year when it differs from the era year of `previous` (the cell above in
/// the same column, or — for the first row — today): 「平成31年1月4日(金)」.
/// `None` prints the era year unconditionally (a date standing alone).
///
/// The era year, not the Gregorian year, is compared, so 2019-05-07 under
/// 2019-04-23 reads 「令和元年5月7日(火)」: the reader would otherwise take it
/// for 平成31年.
pub fn format_table_date(d: NaiveDate, previous: Option<NaiveDate>) -> String {
    let year = era_year(d);
    let prefix = match previous {
        Some(p) if era_year(p) == year => "",
        _ => year.as_str(),
    };
    format!("{prefix}{}月{}日({})", d.month(), d.day(), weekday_ja(d))
}

/// The table's cells, row by row in column order, as the bulletin board shows
/// `rows` on `today` (each column's first cell is compared with `today`).
pub fn table_cells(today: NaiveDate, rows: &[ScheduleRow]) -> Vec<[String; 3]> {
    let mut previous = [today; 3];
    rows.iter()
        .map(|row| {
            let dates = [row.contract_deadline, row.settings_deadline, row.start];
            let cells = [0, 1, 2].map(|i| format_table_date(dates[i], Some(previous[i])));
            previous = dates;
            cells
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    /// M000 【16】(1) 「NACCSのご利用に関するスケジュール表」, copied cell by cell.
    const M000_TABLE: [[&str; 3]; 11] = [
        ["11月26日(月)", "12月3日(月)", "12月11日(火)"],
        ["12月3日(月)", "12月10日(月)", "12月18日(火)"],
        ["12月7日(金)", "12月14日(金)", "12月25日(火)"],
        ["12月13日(木)", "12月20日(木)", "平成31年1月4日(金)"],
        ["12月17日(月)", "12月25日(火)", "1月8日(火)"],
        ["12月21日(金)", "平成31年1月4日(金)", "1月15日(火)"],
        ["平成31年1月4日(金)", "1月11日(金)", "1月22日(火)"],
        ["1月17日(木)", "1月24日(木)", "2月1日(金)"],
        ["1月21日(月)", "1月28日(月)", "2月5日(火)"],
        ["1月25日(金)", "2月1日(金)", "2月12日(火)"],
        ["2月1日(金)", "2月8日(金)", "2月19日(火)"],
    ];

    fn as_strs(cells: &[[String; 3]]) -> Vec<[&str; 3]> {
        cells
            .iter()
            .map(|[a, b, c]| [a.as_str(), b.as_str(), c.as_str()])
            .collect()
    }

    #[test]
    fn m000_table_is_reproduced_exactly_on_the_screenshot_days() {
        // M000's screens show 「2018/11/28 09:18からログイン中」; the table is the
        // same on the day before.
        for today in [d(2018, 11, 27), d(2018, 11, 28)] {
            let rows = published_rows(today, 11);
            assert_eq!(rows.len(), 11);
            let cells = table_cells(today, &rows);
            assert_eq!(as_strs(&cells), M000_TABLE.to_vec(), "on {today}");
        }
    }

    #[test]
    fn m000_table_row_by_row_with_format_table_date() {
        let today = d(2018, 11, 28);
        let rows = published_rows(today, 11);
        let mut previous = [Some(today); 3];
        for (row, expected) in rows.iter().zip(M000_TABLE) {
            let dates = [row.contract_deadline, row.settings_deadline, row.start];
            for col in 0..3 {
                assert_eq!(format_table_date(dates[col], previous[col]), expected[col]);
                previous[col] = Some(dates[col]);
            }
        }
    }

    #[test]
    fn the_row_before_the_table_has_left_the_board() {
        // The week before 12/11 has start 12/3 (December's first business
        // day); its settings deadline 11/22 precedes 11/23 勤労感謝の日.
        assert!(is_start_date(d(2018, 12, 3)));
        assert!(!is_start_date(d(2018, 12, 4)));
        let row = row_for_start(d(2018, 12, 3));
        assert_eq!(row.settings_deadline, d(2018, 11, 22));
        assert_eq!(row.contract_deadline, d(2018, 11, 15));
        // Still listed on the settings deadline itself, gone the day after.
        assert_eq!(published_rows(d(2018, 11, 22), 1), vec![row]);
        assert_eq!(published_rows(d(2018, 11, 23), 1)[0].start, d(2018, 12, 11));
        // On 12/4 the 12/11 row has gone (settings deadline 12/3).
        assert_eq!(published_rows(d(2018, 12, 4), 1)[0].start, d(2018, 12, 18));
    }

    #[test]
    fn m002_example_rows_fit_2015() {
        // M002 ③-1 「スケジュール表の見方」: 3月17日 3月24日 4月1日 / 3月23日 3月30日
        // 4月7日 / 3月30日 4月6日 4月14日 / 4月6日 4月13日 4月21日. Up to 2018 only
        // 2015 fits both the Tuesdays and the deadlines (3/20/2015 was a
        // working Friday).
        let rows = published_rows(d(2015, 3, 17), 4);
        let expected = [
            (d(2015, 3, 17), d(2015, 3, 24), d(2015, 4, 1)),
            (d(2015, 3, 23), d(2015, 3, 30), d(2015, 4, 7)),
            (d(2015, 3, 30), d(2015, 4, 6), d(2015, 4, 14)),
            (d(2015, 4, 6), d(2015, 4, 13), d(2015, 4, 21)),
        ];
        let got: Vec<_> = rows
            .iter()
            .map(|r| (r.contract_deadline, r.settings_deadline, r.start))
            .collect();
        assert_eq!(got, expected.to_vec());
        assert!(!is_start_date(d(2015, 3, 31)));
        // 「4月1日に利用開始する場合 申込は、3月17日までに行う必要があります」
        assert_eq!(earliest_start(d(2015, 3, 17)), d(2015, 4, 1));
        assert_eq!(earliest_start(d(2015, 3, 18)), d(2015, 4, 7));
        // 「3月24日に申込する場合 利用開始日は4月14日、または4月21日以降の
        //   システム登録日を選択してください」
        assert_eq!(earliest_start(d(2015, 3, 24)), d(2015, 4, 14));
        assert_eq!(
            feasible_start(d(2015, 3, 24), d(2015, 4, 7)),
            d(2015, 4, 14)
        );
        assert_eq!(
            feasible_start(d(2015, 3, 24), d(2015, 4, 21)),
            d(2015, 4, 21)
        );
    }

    #[test]
    fn m000_example_sentence() {
        // 「12月7日(金)までに、利用契約申込みすると12月25日(火)がシステム利用開始日になります。」
        assert_eq!(earliest_start(d(2018, 12, 7)), d(2018, 12, 25));
        assert_eq!(earliest_start(d(2018, 12, 8)), d(2019, 1, 4));
        assert_eq!(earliest_start(d(2018, 11, 27)), d(2018, 12, 18));
    }

    #[test]
    fn feasible_start_keeps_moves_or_rounds_up_the_wish() {
        // M000 【16】: registered 11/27 (screens show 11/28) wishing 20181225.
        assert_eq!(
            feasible_start(d(2018, 11, 27), d(2018, 12, 25)),
            d(2018, 12, 25)
        );
        assert_eq!(
            feasible_start(d(2018, 11, 28), d(2018, 12, 25)),
            d(2018, 12, 25)
        );
        // Too close: 12/7 has passed; 12/13 is the deadline for 1/4.
        assert_eq!(
            feasible_start(d(2018, 12, 10), d(2018, 12, 25)),
            d(2019, 1, 4)
        );
        assert_eq!(
            feasible_start(d(2018, 12, 14), d(2018, 12, 25)),
            d(2019, 1, 8)
        );
        // Not a start date: moves to the next one.
        assert_eq!(
            feasible_start(d(2018, 11, 27), d(2018, 12, 26)),
            d(2019, 1, 4)
        );
        assert_eq!(
            feasible_start(d(2018, 11, 27), d(2019, 1, 29)),
            d(2019, 2, 1)
        );
        // A wish in the past moves to the earliest feasible start.
        assert_eq!(
            feasible_start(d(2018, 11, 27), d(2018, 1, 1)),
            d(2018, 12, 18)
        );
    }

    #[test]
    fn start_dates_in_the_m000_period() {
        let starts: Vec<_> = start_dates_from(d(2018, 12, 5)).take(12).collect();
        let expected = [
            d(2018, 12, 11),
            d(2018, 12, 18),
            d(2018, 12, 25),
            d(2019, 1, 4),
            d(2019, 1, 8),
            d(2019, 1, 15),
            d(2019, 1, 22),
            d(2019, 2, 1),
            d(2019, 2, 5),
            d(2019, 2, 12),
            d(2019, 2, 19),
            d(2019, 3, 1), // March's first business day replaces Tuesday 2/26
        ];
        assert_eq!(starts, expected.to_vec());
        for day in [
            d(2019, 1, 1),
            d(2019, 1, 29),
            d(2018, 12, 26),
            d(2019, 2, 26),
        ] {
            assert!(!is_start_date(day), "{day}");
        }
        for day in expected {
            assert!(is_start_date(day), "{day}");
        }
        // `from` itself is included when it is a start date.
        assert_eq!(start_dates_from(d(2019, 1, 4)).next(), Some(d(2019, 1, 4)));
    }

    #[test]
    fn golden_week_2019_has_no_start_date() {
        let starts: Vec<_> = start_dates_from(d(2019, 4, 20)).take(3).collect();
        // Week of 4/29 is closed through; 5/7 is both Tuesday and May's
        // first business day.
        assert_eq!(starts, vec![d(2019, 4, 23), d(2019, 5, 7), d(2019, 5, 14)]);
        let row = row_for_start(d(2019, 5, 7));
        assert_eq!(row.settings_deadline, d(2019, 4, 19));
        assert_eq!(row.contract_deadline, d(2019, 4, 12));
    }

    #[test]
    fn holiday_tuesday_moves_within_its_week() {
        // 2020-11-03 (Tue, 文化の日) lies in the week of November's first
        // business day, 11/2 (Mon). The week of 2024-12-31 (Tue) has no
        // business day at all; the next start is January's first business
        // day, 2025-01-06 (Mon).
        assert!(is_start_date(d(2020, 11, 2)));
        assert!(!is_start_date(d(2020, 11, 4)));
        assert!(!is_start_date(d(2024, 12, 31)));
        assert_eq!(
            start_dates_from(d(2024, 12, 25)).next(),
            Some(d(2025, 1, 6))
        );
        // 2025-09-23 (Tue, 秋分の日): Wednesday 9/24 instead.
        assert!(is_start_date(d(2025, 9, 24)));
        assert!(!is_start_date(d(2025, 9, 23)));
    }

    /// The brief's literal variant: "the Tuesday, or the next business day
    /// wherever it falls", plus the month's first business day replacing its
    /// week's Tuesday. It must give the same dates as ours for 2000–2060.
    fn rolling_rule_starts(from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        use super::super::business_days::next_business_day_on_or_after;
        let mut out = Vec::new();
        let mut monday = monday_of(from);
        while monday <= to {
            let week: Vec<_> = monday.iter_days().take(7).collect();
            let candidate = week
                .iter()
                .copied()
                .find(|x| is_business_day(*x) && first_business_day_of_month(*x) == *x)
                .unwrap_or_else(|| next_business_day_on_or_after(week[1]));
            if out.last() != Some(&candidate) && candidate >= from && candidate <= to {
                out.push(candidate);
            }
            monday = monday + Days::new(7);
        }
        out
    }

    #[test]
    fn rule_matches_the_rolling_variant_and_is_sane_2000_to_2060() {
        let (from, to) = (d(2000, 1, 1), d(2060, 12, 31));
        let ours: Vec<_> = start_dates_from(from).take_while(|s| *s <= to).collect();
        assert_eq!(ours, rolling_rule_starts(from, to));
        for pair in ours.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            assert!(
                monday_of(a) < monday_of(b),
                "two starts in one week: {a} {b}"
            );
            let gap = (b - a).num_days();
            assert!((3..=16).contains(&gap), "{a} → {b}: {gap} days");
        }
        // Every month's first business day is a start date.
        for s in &ours {
            assert!(is_business_day(*s));
            assert!(is_start_date(*s));
        }
        let mut month = d(2000, 1, 1);
        while month <= to {
            assert!(is_start_date(first_business_day_of_month(month)), "{month}");
            month = month
                .checked_add_months(chrono::Months::new(1))
                .expect("in range");
        }
    }

    #[test]
    fn future_year_2026_rows_are_sane() {
        // 2026-01-05's settings deadline is 2025-12-19 (12/29–1/3 closed).
        let rows = published_rows(d(2025, 12, 19), 60);
        assert_eq!(rows.len(), 60);
        // January 2026: 1/5 (Mon) is the first business day and takes its week.
        assert_eq!(rows[0].start, d(2026, 1, 5));
        assert!(!is_start_date(d(2026, 1, 6)));
        assert_eq!(rows[1].start, d(2026, 1, 13)); // 1/12 成人の日 is a Monday
        for row in &rows {
            assert!(is_business_day(row.contract_deadline), "{row:?}");
            assert!(is_business_day(row.settings_deadline), "{row:?}");
            assert!(is_business_day(row.start), "{row:?}");
            assert!(row.contract_deadline < row.settings_deadline);
            assert!(row.settings_deadline < row.start);
            assert_eq!(add_business_days(row.contract_deadline, 11), row.start);
        }
        for pair in rows.windows(2) {
            assert!(pair[0].start < pair[1].start);
            assert!(pair[0].settings_deadline < pair[1].settings_deadline);
            assert!(pair[0].contract_deadline < pair[1].contract_deadline);
        }
        // 2026's Golden Week: 4/29 (Wed) 昭和の日, 5/4–5/6 holidays. May's
        // first business day 5/1 (Fri) takes the week of Tuesday 4/28.
        assert!(!is_start_date(d(2026, 4, 28)));
        assert!(is_start_date(d(2026, 5, 1)));
        assert!(is_start_date(d(2026, 5, 7))); // Tuesday 5/5 こどもの日 → Thursday
        let cells = table_cells(d(2025, 12, 19), &rows[..2]);
        assert_eq!(cells[0][2], "令和8年1月5日(月)");
        assert_eq!(cells[1][2], "1月13日(火)");
    }

    #[test]
    fn published_rows_edge_cases() {
        assert!(published_rows(d(2018, 11, 28), 0).is_empty());
        let rows = published_rows(d(2018, 12, 14), 2);
        // The 12/25 row is listed up to its settings deadline 12/14.
        assert_eq!(rows[0].start, d(2018, 12, 25));
        assert_eq!(rows[1].start, d(2019, 1, 4));
    }

    #[test]
    fn era_years() {
        assert_eq!(era_year(d(2018, 12, 31)), "平成30年");
        assert_eq!(era_year(d(2019, 1, 4)), "平成31年");
        assert_eq!(era_year(d(2019, 4, 30)), "平成31年");
        assert_eq!(era_year(d(2019, 5, 1)), "令和元年");
        assert_eq!(era_year(d(2020, 1, 1)), "令和2年");
        assert_eq!(era_year(d(2026, 6, 1)), "令和8年");
        assert_eq!(era_year(d(1989, 1, 7)), "昭和64年");
        assert_eq!(era_year(d(1989, 1, 8)), "平成元年");
        assert_eq!(era_year(d(1873, 1, 1)), "明治6年");
        assert_eq!(era_year(d(1872, 12, 31)), "1872年");
    }

    #[test]
    fn weekdays_and_formatting() {
        let week: Vec<_> = d(2018, 12, 10)
            .iter_days()
            .take(7)
            .map(weekday_ja)
            .collect();
        assert_eq!(week, ["月", "火", "水", "木", "金", "土", "日"]);
        assert_eq!(
            format_table_date(d(2018, 12, 3), Some(d(2018, 11, 28))),
            "12月3日(月)"
        );
        assert_eq!(
            format_table_date(d(2019, 1, 4), Some(d(2018, 12, 25))),
            "平成31年1月4日(金)"
        );
        assert_eq!(format_table_date(d(2019, 1, 4), None), "平成31年1月4日(金)");
        // The era changes inside 2019.
        assert_eq!(
            format_table_date(d(2019, 5, 7), Some(d(2019, 4, 23))),
            "令和元年5月7日(火)"
        );
        assert_eq!(
            format_table_date(d(2019, 5, 14), Some(d(2019, 5, 7))),
            "5月14日(火)"
        );
    }

    #[test]
    fn row_serializes_as_iso_dates() {
        let json = serde_json::to_value(row_for_start(d(2018, 12, 25))).expect("serializable");
        assert_eq!(
            json,
            serde_json::json!({
                "contract_deadline": "2018-12-07",
                "settings_deadline": "2018-12-14",
                "start": "2018-12-25",
            })
        );
        assert_eq!(TABLE_HEADINGS[2], "システム登録日(利用開始日)");
    }
}
