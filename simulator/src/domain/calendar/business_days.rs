//! NACCS business days (営業日).
//!
//! procedures.md §8 (from M000 【16】(1) and M002 ③-1): a business day is any
//! day except Saturdays, Sundays, national holidays (振替休日 and 国民の休日
//! included) and the year-end/new-year closure 12/29–1/3. Every deadline of
//! the schedule table and every "N営業日" in the mails (e.g. M002: password
//! viewable 「利用開始日の2営業日まで」) counts these days.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::holidays::is_holiday;

/// True for the year-end/new-year closure 12/29–1/3 (年末年始).
pub fn is_year_end_closure(d: NaiveDate) -> bool {
    matches!((d.month(), d.day()), (12, 29..=31) | (1, 1..=3))
}

/// True when NACCS counts `d` as a business day.
pub fn is_business_day(d: NaiveDate) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !is_year_end_closure(d) && !is_holiday(d)
}

/// `n > 0`: the n-th business day strictly after `d`; `n < 0`: the |n|-th
/// business day strictly before `d`; `n == 0`: `d` itself (business day or
/// not). `None` only when the walk leaves chrono's date range.
pub fn checked_add_business_days(d: NaiveDate, n: i32) -> Option<NaiveDate> {
    let mut current = d;
    let mut remaining = n.unsigned_abs();
    while remaining > 0 {
        current = if n > 0 {
            current.checked_add_days(Days::new(1))?
        } else {
            current.checked_sub_days(Days::new(1))?
        };
        if is_business_day(current) {
            remaining -= 1;
        }
    }
    Some(current)
}

/// `n > 0`: the n-th business day strictly after `d`; `n < 0`: the |n|-th
/// business day strictly before `d`; `n == 0`: `d` itself.
///
/// Panics only when the result would lie outside chrono's range (beyond year
/// ±262,000); dates typed as 8 digits cannot get there.
pub fn add_business_days(d: NaiveDate, n: i32) -> NaiveDate {
    checked_add_business_days(d, n)
        .unwrap_or_else(|| panic!("{d} {n:+} business days leaves the supported date range"))
}

/// `d` if it is a business day, else the first business day after it.
pub fn next_business_day_on_or_after(d: NaiveDate) -> NaiveDate {
    if is_business_day(d) {
        d
    } else {
        add_business_days(d, 1)
    }
}

/// `d` if it is a business day, else the last business day before it.
pub fn previous_business_day_on_or_before(d: NaiveDate) -> NaiveDate {
    if is_business_day(d) {
        d
    } else {
        add_business_days(d, -1)
    }
}

/// The first business day of `d`'s month.
pub fn first_business_day_of_month(d: NaiveDate) -> NaiveDate {
    next_business_day_on_or_after(d.with_day(1).unwrap_or(d))
}

/// Number of business days in `(from, to]` when `from <= to`, or minus the
/// number in `(to, from]` otherwise; the inverse of [`add_business_days`] on
/// business days: `add_business_days(a, business_days_between(a, b)) == b`
/// whenever `b` is a business day.
pub fn business_days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    let (lo, hi, sign) = if from <= to {
        (from, to, 1)
    } else {
        (to, from, -1)
    };
    let count = lo
        .iter_days()
        .skip(1)
        .take_while(|day| *day <= hi)
        .filter(|day| is_business_day(*day))
        .count();
    sign * i64::try_from(count).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn weekends_are_not_business_days() {
        assert!(is_business_day(d(2018, 12, 21))); // Friday
        assert!(!is_business_day(d(2018, 12, 22))); // Saturday
        assert!(!is_business_day(d(2018, 12, 23))); // Sunday (天皇誕生日)
        assert!(is_business_day(d(2026, 6, 1))); // Monday
    }

    #[test]
    fn substitute_holiday_2018_12_24_is_closed() {
        assert!(!is_business_day(d(2018, 12, 24)));
        assert_eq!(
            next_business_day_on_or_after(d(2018, 12, 22)),
            d(2018, 12, 25)
        );
        assert_eq!(add_business_days(d(2018, 12, 21), 1), d(2018, 12, 25));
        assert_eq!(add_business_days(d(2018, 12, 25), -1), d(2018, 12, 21));
    }

    #[test]
    fn year_end_closure() {
        // 12/28 (Fri) is the last business day of 2018; 1/4 (Fri) the first of 2019.
        assert!(is_business_day(d(2018, 12, 28)));
        for day in [
            d(2018, 12, 29),
            d(2018, 12, 31),
            d(2019, 1, 2),
            d(2019, 1, 3),
        ] {
            assert!(is_year_end_closure(day), "{day}");
            assert!(!is_business_day(day), "{day}");
        }
        assert!(!is_year_end_closure(d(2018, 12, 28)));
        assert!(!is_year_end_closure(d(2019, 1, 4)));
        assert!(is_business_day(d(2019, 1, 4)));
        assert_eq!(add_business_days(d(2018, 12, 28), 1), d(2019, 1, 4));
        assert_eq!(add_business_days(d(2019, 1, 4), -1), d(2018, 12, 28));
        assert_eq!(
            next_business_day_on_or_after(d(2018, 12, 29)),
            d(2019, 1, 4)
        );
        assert_eq!(
            previous_business_day_on_or_before(d(2019, 1, 3)),
            d(2018, 12, 28)
        );
        // A weekday closure day that is no holiday: 2019-12-30 (Monday).
        assert!(!is_business_day(d(2019, 12, 30)));
        // 2020-01-06 (Monday) follows the closure and the weekend.
        assert_eq!(
            next_business_day_on_or_after(d(2019, 12, 28)),
            d(2020, 1, 6)
        );
        assert_eq!(first_business_day_of_month(d(2020, 1, 20)), d(2020, 1, 6));
    }

    #[test]
    fn golden_week_2019() {
        // 4/26 (Fri) then ten closed days, then 5/7 (Tue).
        assert!(is_business_day(d(2019, 4, 26)));
        for day in 27..=30 {
            assert!(!is_business_day(d(2019, 4, day)), "4/{day}");
        }
        for day in 1..=6 {
            assert!(!is_business_day(d(2019, 5, day)), "5/{day}");
        }
        assert_eq!(add_business_days(d(2019, 4, 26), 1), d(2019, 5, 7));
        assert_eq!(add_business_days(d(2019, 5, 7), -1), d(2019, 4, 26));
        assert_eq!(first_business_day_of_month(d(2019, 5, 31)), d(2019, 5, 7));
        assert_eq!(business_days_between(d(2019, 4, 26), d(2019, 5, 7)), 1);
    }

    #[test]
    fn add_zero_is_identity_even_on_a_closed_day() {
        assert_eq!(add_business_days(d(2018, 12, 24), 0), d(2018, 12, 24));
        assert_eq!(add_business_days(d(2018, 12, 25), 0), d(2018, 12, 25));
    }

    #[test]
    fn steps_count_business_days_strictly_after_or_before() {
        // From a closed day the first step lands on the next business day.
        assert_eq!(add_business_days(d(2018, 12, 23), 1), d(2018, 12, 25));
        assert_eq!(add_business_days(d(2018, 12, 23), -1), d(2018, 12, 21));
        // M000's table: 12/25 − 6 = 12/14, 12/14 − 5 = 12/7.
        assert_eq!(add_business_days(d(2018, 12, 25), -6), d(2018, 12, 14));
        assert_eq!(add_business_days(d(2018, 12, 14), -5), d(2018, 12, 7));
        // 1/15 − 6 crosses 成人の日 1/14 and the closure.
        assert_eq!(add_business_days(d(2019, 1, 15), -6), d(2019, 1, 4));
        assert_eq!(add_business_days(d(2019, 1, 4), -5), d(2018, 12, 21));
    }

    #[test]
    fn between_is_the_inverse_of_add() {
        let start = d(2018, 11, 1);
        for offset in 0..120 {
            let b = start + Days::new(offset);
            if !is_business_day(b) {
                continue;
            }
            let n = business_days_between(start, b);
            assert_eq!(
                add_business_days(start, i32::try_from(n).expect("small")),
                b
            );
            assert_eq!(business_days_between(b, start), -n);
        }
    }

    #[test]
    fn checked_add_stops_at_the_end_of_chrono_range() {
        assert_eq!(checked_add_business_days(NaiveDate::MAX, 1), None);
        assert_eq!(checked_add_business_days(NaiveDate::MIN, -1), None);
        assert_eq!(
            checked_add_business_days(NaiveDate::MAX, 0),
            Some(NaiveDate::MAX)
        );
    }
}
