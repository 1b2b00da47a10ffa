//! The NACCS calendar: Japanese national holidays, NACCS business days and
//! the published schedule of start dates (システム登録日) with their deadlines
//! (procedures.md §8; M000 【16】(1) 「NACCSのご利用に関するスケジュール表」;
//! M002 ③-1 「スケジュール表の見方」).
//!
//! Pure date arithmetic: nothing here knows about HTTP, storage or the clock;
//! callers pass "today" in.

pub mod business_days;
pub mod holidays;
pub mod schedule;

pub use business_days::{
    add_business_days, business_days_between, checked_add_business_days,
    first_business_day_of_month, is_business_day, is_year_end_closure,
    next_business_day_on_or_after, previous_business_day_on_or_before,
};
pub use holidays::{holiday_name, is_holiday};
pub use schedule::{
    ScheduleRow, TABLE_HEADINGS, earliest_start, era_year, feasible_start, format_table_date,
    is_start_date, published_rows, row_for_start, start_dates_from, table_cells, weekday_ja,
};
