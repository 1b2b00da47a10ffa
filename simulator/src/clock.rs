//! The workspace clock: every time the simulator shows, stamps or compares comes from here.
//!
//! A workspace's clock is either frozen at an instant (tests, snapshots) or follows real time
//! with an offset (training: "it is Friday afternoon in 2018"). Moving the clock is how tests
//! see a temporary ID expire after 48 hours without sleeping.
//!
//! A clock only shows instants of the years the holiday table covers ([`EARLIEST`] to
//! [`LATEST`]): business days are counted with that table, and an instant near chrono's limits
//! would make the next date computation overflow. Setting or moving a clock out of that range is
//! refused ([`OutOfRange`]), and [`Clock::now`] saturates at the bounds, so that no stored state
//! can make reading the time panic.

use crate::domain::calendar::holidays::{FIRST_COVERED_YEAR, LAST_COVERED_YEAR};
use chrono::{
    DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone,
    Timelike, Utc,
};
use serde::{Deserialize, Serialize};

/// Japan Standard Time. NSS prints and stores every time in JST; we never use the host zone.
pub fn jst() -> FixedOffset {
    FixedOffset::east_opt(9 * 3600).expect("+09:00 is a valid offset")
}

/// A point in time as the simulator handles it.
pub type Instant = DateTime<FixedOffset>;

/// How a workspace tells the time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum Clock {
    /// Time stands still at `at` until somebody moves it.
    Frozen { at: Instant },
    /// Real time shifted by `offset_seconds` (0 = the host's real time).
    Following { offset_seconds: i64 },
}

impl Default for Clock {
    fn default() -> Self {
        Clock::Following { offset_seconds: 0 }
    }
}

/// The first instant a workspace clock shows: 1 January of the holiday table's first year,
/// 00:00 JST (as UTC, 15:00 the day before).
pub const EARLIEST: NaiveDateTime = utc_of_jst_midnight(FIRST_COVERED_YEAR, 1, 1);
/// The last instant a workspace clock shows: 31 December of the holiday table's last year,
/// 23:59:59 JST (as UTC).
pub const LATEST: NaiveDateTime = {
    let next_year = utc_of_jst_midnight(LAST_COVERED_YEAR + 1, 1, 1);
    match next_year.checked_sub_signed(Duration::seconds(1)) {
        Some(t) => t,
        None => panic!("the last covered year is within chrono's range"),
    }
};

/// The UTC time of 00:00 JST on a date (evaluated at compile time).
const fn utc_of_jst_midnight(y: i32, m: u32, d: u32) -> NaiveDateTime {
    let (Some(date), Some(time)) = (
        NaiveDate::from_ymd_opt(y, m, d),
        NaiveTime::from_hms_opt(0, 0, 0),
    ) else {
        panic!("a valid calendar date");
    };
    match NaiveDateTime::new(date, time).checked_sub_signed(Duration::hours(9)) {
        Some(t) => t,
        None => panic!("a date within chrono's range"),
    }
}

/// True when a workspace clock can show `t` (between [`EARLIEST`] and [`LATEST`]).
pub fn in_range(t: Instant) -> bool {
    (EARLIEST..=LATEST).contains(&t.naive_utc())
}

/// The range a workspace clock can show, as the API's error messages print it.
pub fn range_text() -> String {
    format!("{} to {}", to_rfc3339(earliest()), to_rfc3339(latest()))
}

/// [`EARLIEST`] in JST.
pub fn earliest() -> Instant {
    at_utc(EARLIEST)
}

/// [`LATEST`] in JST.
pub fn latest() -> Instant {
    at_utc(LATEST)
}

fn at_utc(t: NaiveDateTime) -> Instant {
    Utc.from_utc_datetime(&t).with_timezone(&jst())
}

/// A clock was asked to show an instant outside [`EARLIEST`]..=[`LATEST`] (or one beyond what
/// chrono can represent); it was left as it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("outside the range a workspace clock can show")]
pub struct OutOfRange;

impl Clock {
    /// The current instant in JST, within [`EARLIEST`]..=[`LATEST`]: a clock that stands (or
    /// runs) beyond them reads as the nearer bound rather than failing.
    pub fn now(&self) -> Instant {
        let t = match *self {
            Clock::Frozen { at } => Some(at.naive_utc()),
            Clock::Following { offset_seconds } => Duration::try_seconds(offset_seconds)
                .and_then(|d| Utc::now().naive_utc().checked_add_signed(d)),
        };
        let t = match t {
            Some(t) => t.clamp(EARLIEST, LATEST),
            // Only a following clock overflows, and only far out in its direction.
            None if matches!(*self, Clock::Following { offset_seconds } if offset_seconds < 0) => {
                EARLIEST
            }
            None => LATEST,
        };
        at_utc(t)
    }

    /// Today's date in JST.
    pub fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }

    /// Moves the clock forward (or back, with a negative duration) keeping its mode. Refused,
    /// with the clock unchanged, when the instant it would show is out of range.
    pub fn advance(&mut self, by: Duration) -> Result<(), OutOfRange> {
        let to = self
            .now()
            .checked_add_signed(by)
            .filter(|t| in_range(*t))
            .ok_or(OutOfRange)?;
        match self {
            Clock::Frozen { at } => *at = to,
            // The offset moves by exactly `by` (whole seconds), not by a re-measured difference
            // with real time, which would lose the fraction of a second that passed meanwhile.
            Clock::Following { offset_seconds } => {
                *offset_seconds = offset_seconds
                    .checked_add(by.num_seconds())
                    .ok_or(OutOfRange)?
            }
        }
        Ok(())
    }

    /// Sets the clock to `to`, keeping its mode: a following clock keeps running from there.
    /// Refused, with the clock unchanged, when `to` is out of range.
    pub fn set(&mut self, to: Instant) -> Result<(), OutOfRange> {
        if !in_range(to) {
            return Err(OutOfRange);
        }
        match self {
            Clock::Frozen { at } => *at = to,
            Clock::Following { offset_seconds } => {
                *offset_seconds = (to.with_timezone(&Utc) - Utc::now()).num_seconds()
            }
        }
        Ok(())
    }

    /// Switches to following real time from the current instant on.
    pub fn follow_real_time(&mut self) {
        let now = self.now();
        // `now` is in range (`now` saturates), so setting it back cannot be refused.
        *self = Clock::Following {
            offset_seconds: (now.with_timezone(&Utc) - Utc::now()).num_seconds(),
        };
    }

    /// Stops the clock at the current instant.
    pub fn freeze(&mut self) {
        *self = Clock::Frozen { at: self.now() };
    }

    /// True when the clock stands still.
    pub fn is_frozen(&self) -> bool {
        matches!(self, Clock::Frozen { .. })
    }
}

/// Formats as NSS prints date-times: `2018/11/28 09:18`.
pub fn format_minute(t: Instant) -> String {
    let t = t.with_timezone(&jst());
    // Written digit by digit rather than through chrono's format string, which costs more than
    // the rest of the header of every logged-in screen. chrono signs the years it pads past four
    // digits: those keep its formatting.
    let Ok(year @ 0..=9999) = u32::try_from(t.year()) else {
        return t.format("%Y/%m/%d %H:%M").to_string();
    };
    let mut s = String::with_capacity(16);
    push_digits(&mut s, year, 4);
    s.push('/');
    push_digits(&mut s, t.month(), 2);
    s.push('/');
    push_digits(&mut s, t.day(), 2);
    s.push(' ');
    push_digits(&mut s, t.hour(), 2);
    s.push(':');
    push_digits(&mut s, t.minute(), 2);
    s
}

/// Appends the last `width` decimal digits of `n`, zero-padded.
fn push_digits(s: &mut String, n: u32, width: u32) {
    for place in (0..width).rev() {
        let digit = n / 10u32.pow(place) % 10;
        s.push(char::from(b'0' + digit as u8));
    }
}

/// Formats as NSS prints dates: `2018/12/25`.
pub fn format_date(d: NaiveDate) -> String {
    d.format("%Y/%m/%d").to_string()
}

/// Parses an RFC 3339 time and converts it to JST.
pub fn parse_rfc3339(s: &str) -> Option<Instant> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&jst()))
}

/// Renders an instant as RFC 3339 with the `+09:00` offset (contract §5).
pub fn to_rfc3339(t: Instant) -> String {
    t.with_timezone(&jst())
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// Parses the subset of ISO 8601 durations the API accepts: `PT48H`, `P2D`, `P1DT2H30M`, `-PT1H`, `PT15S`.
pub fn parse_iso_duration(s: &str) -> Option<Duration> {
    let (negative, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let s = s.strip_prefix('P')?;
    if s.is_empty() {
        return None;
    }
    let (date_part, time_part) = match s.split_once('T') {
        Some((d, t)) if !t.is_empty() => (d, Some(t)),
        Some(_) => return None,
        None => (s, None),
    };
    let mut total = Duration::zero();
    let mut parse_units = |part: &str, units: &[(char, i64)]| -> Option<()> {
        let mut number = String::new();
        for c in part.chars() {
            if c.is_ascii_digit() {
                number.push(c);
            } else {
                let (_, seconds) = units.iter().find(|(u, _)| *u == c)?;
                let n: i64 = number.parse().ok()?;
                total += Duration::try_seconds(n.checked_mul(*seconds)?)?;
                number.clear();
            }
        }
        number.is_empty().then_some(())
    };
    parse_units(date_part, &[('W', 7 * 86400), ('D', 86400)])?;
    if let Some(t) = time_part {
        parse_units(t, &[('H', 3600), ('M', 60), ('S', 1)])?;
    }
    Some(if negative { -total } else { total })
}

/// Builds a JST instant from its parts (tests and fixtures).
pub fn jst_instant(y: i32, m: u32, d: u32, h: u32, min: u32) -> Instant {
    jst()
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .expect("a valid JST date-time")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_minute_writes_what_chrono_writes() {
        let chrono = |t: Instant| t.with_timezone(&jst()).format("%Y/%m/%d %H:%M").to_string();
        let utc = FixedOffset::east_opt(0).expect("UTC");
        let times = [
            jst().with_ymd_and_hms(2018, 11, 28, 9, 18, 0),
            jst().with_ymd_and_hms(2018, 12, 31, 23, 59, 59),
            jst().with_ymd_and_hms(1, 1, 1, 0, 0, 0),
            jst().with_ymd_and_hms(999, 2, 3, 4, 5, 6),
            jst().with_ymd_and_hms(9999, 12, 31, 23, 59, 0),
            jst().with_ymd_and_hms(10000, 1, 1, 0, 0, 0),
            jst().with_ymd_and_hms(-1, 6, 15, 12, 30, 0),
            utc.with_ymd_and_hms(2018, 11, 27, 20, 0, 0),
            utc.with_ymd_and_hms(9999, 12, 31, 20, 0, 0),
        ];
        for t in times {
            let t = t.single().expect("a valid time");
            assert_eq!(format_minute(t), chrono(t), "{t:?}");
        }
        let mut t = jst()
            .with_ymd_and_hms(2018, 1, 1, 0, 0, 0)
            .single()
            .expect("valid");
        for _ in 0..2000 {
            assert_eq!(format_minute(t), chrono(t), "{t:?}");
            t += Duration::minutes(397);
        }
    }

    #[test]
    fn frozen_clock_moves_only_when_told() {
        let mut c = Clock::Frozen {
            at: jst_instant(2018, 11, 27, 16, 30),
        };
        assert_eq!(c.now(), jst_instant(2018, 11, 27, 16, 30));
        c.advance(Duration::hours(48)).unwrap();
        assert_eq!(c.now(), jst_instant(2018, 11, 29, 16, 30));
        assert_eq!(format_minute(c.now()), "2018/11/29 16:30");
    }

    #[test]
    fn following_clock_can_be_set_into_the_past() {
        let mut c = Clock::default();
        c.set(jst_instant(2018, 11, 27, 9, 0)).unwrap();
        let drift = (c.now() - jst_instant(2018, 11, 27, 9, 0)).num_seconds();
        assert!((0..5).contains(&drift), "drift {drift}");
        assert!(!c.is_frozen());
    }

    #[test]
    fn the_range_is_the_holiday_years_in_jst() {
        assert_eq!(to_rfc3339(earliest()), "2000-01-01T00:00:00+09:00");
        assert_eq!(to_rfc3339(latest()), "2060-12-31T23:59:59+09:00");
        assert!(in_range(earliest()) && in_range(latest()));
        assert!(!in_range(earliest() - Duration::seconds(1)));
        assert!(!in_range(latest() + Duration::seconds(1)));
    }

    #[test]
    fn a_clock_is_not_moved_out_of_range() {
        let last_hour = jst_instant(2060, 12, 31, 23, 0);
        for mut c in [
            Clock::Frozen { at: last_hour },
            Clock::Following {
                offset_seconds: (last_hour.with_timezone(&Utc) - Utc::now()).num_seconds(),
            },
        ] {
            let before = c;
            let huge = parse_iso_duration("P100000000D").unwrap();
            for by in [
                Duration::hours(2),
                huge,
                -huge,
                Duration::MAX,
                Duration::MIN,
            ] {
                assert_eq!(c.advance(by), Err(OutOfRange), "{by:?}");
                assert_eq!(c, before, "refused moves leave the clock");
            }
            for to in [
                jst_instant(2061, 1, 1, 0, 0),
                jst_instant(1999, 12, 31, 23, 59),
            ] {
                assert_eq!(c.set(to), Err(OutOfRange), "{to}");
                assert_eq!(c, before);
            }
            assert_eq!(c.advance(Duration::minutes(30)), Ok(()));
            assert_eq!(c.set(jst_instant(2000, 1, 1, 0, 0)), Ok(()));
            assert_eq!(c.now().year(), 2000);
        }
    }

    #[test]
    fn now_saturates_at_the_bounds() {
        let far = jst().with_ymd_and_hms(9999, 1, 1, 0, 0, 0).unwrap();
        let early = jst().with_ymd_and_hms(1, 1, 1, 0, 0, 0).unwrap();
        for (clock, expected) in [
            (
                Clock::Following {
                    offset_seconds: i64::MAX,
                },
                latest(),
            ),
            (
                Clock::Following {
                    offset_seconds: i64::MIN,
                },
                earliest(),
            ),
            (
                Clock::Following {
                    offset_seconds: 8_640_000_000_000,
                },
                latest(),
            ),
            (Clock::Frozen { at: far }, latest()),
            (Clock::Frozen { at: early }, earliest()),
        ] {
            assert_eq!(clock.now(), expected, "{clock:?}");
            // Following real time from the bound keeps whole seconds of offset: within 2 s.
            let mut c = clock;
            c.follow_real_time();
            c.freeze();
            let drift = (c.now() - expected).num_seconds().abs();
            assert!(in_range(c.now()) && drift < 2, "{clock:?} → {c:?}");
        }
    }

    #[test]
    fn iso_durations() {
        assert_eq!(parse_iso_duration("PT48H"), Some(Duration::hours(48)));
        assert_eq!(
            parse_iso_duration("P1DT2H30M"),
            Some(Duration::minutes(26 * 60 + 30))
        );
        assert_eq!(parse_iso_duration("-PT1H"), Some(-Duration::hours(1)));
        assert_eq!(parse_iso_duration("P2W"), Some(Duration::days(14)));
        for bad in [
            "",
            "P",
            "PT",
            "48H",
            "PTH",
            "PT4.5H",
            "P1X",
            "PT99999999999999999H",
        ] {
            assert_eq!(parse_iso_duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn rfc3339_keeps_jst() {
        let t = parse_rfc3339("2018-11-27T07:30:00Z").unwrap();
        assert_eq!(to_rfc3339(t), "2018-11-27T16:30:00+09:00");
    }
}
