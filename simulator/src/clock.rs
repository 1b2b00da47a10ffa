//! The workspace clock: every time the simulator shows, stamps or compares comes from here.
//!
//! A workspace's clock is either frozen at an instant (tests, snapshots) or follows real time
//! with an offset (training: "it is Friday afternoon in 2018"). Moving the clock is how tests
//! see a temporary ID expire after 48 hours without sleeping.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, TimeZone, Timelike, Utc};
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

impl Clock {
    /// The current instant in JST.
    pub fn now(&self) -> Instant {
        match *self {
            Clock::Frozen { at } => at.with_timezone(&jst()),
            Clock::Following { offset_seconds } => {
                (Utc::now() + Duration::seconds(offset_seconds)).with_timezone(&jst())
            }
        }
    }

    /// Today's date in JST.
    pub fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }

    /// Moves the clock forward (or back, with a negative duration) keeping its mode.
    pub fn advance(&mut self, by: Duration) {
        match self {
            Clock::Frozen { at } => *at += by,
            Clock::Following { offset_seconds } => *offset_seconds += by.num_seconds(),
        }
    }

    /// Sets the clock to `to`, keeping its mode: a following clock keeps running from there.
    pub fn set(&mut self, to: Instant) {
        match self {
            Clock::Frozen { at } => *at = to,
            Clock::Following { offset_seconds } => {
                *offset_seconds = (to.with_timezone(&Utc) - Utc::now()).num_seconds()
            }
        }
    }

    /// Switches to following real time from the current instant on.
    pub fn follow_real_time(&mut self) {
        let now = self.now();
        *self = Clock::Following { offset_seconds: 0 };
        self.set(now);
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
        c.advance(Duration::hours(48));
        assert_eq!(c.now(), jst_instant(2018, 11, 29, 16, 30));
        assert_eq!(format_minute(c.now()), "2018/11/29 16:30");
    }

    #[test]
    fn following_clock_can_be_set_into_the_past() {
        let mut c = Clock::default();
        c.set(jst_instant(2018, 11, 27, 9, 0));
        let drift = (c.now() - jst_instant(2018, 11, 27, 9, 0)).num_seconds();
        assert!((0..5).contains(&drift), "drift {drift}");
        assert!(!c.is_frozen());
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
