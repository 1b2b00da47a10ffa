//! Who plays the NACCS center: the review policy as the API (`…/review-policy`) and the console
//! set it, with the bound on the automatic review's delay.

use crate::workspace::ReviewPolicy;

/// The longest delay of the automatic review: 366 days on the workspace clock. Longer serves no
/// test or training, and the bound keeps the catch-up's date arithmetic (registration + delay)
/// far from chrono's limits.
pub const MAX_AUTO_DELAY_SECONDS: i64 = 366 * 86_400;

/// Why an automatic policy was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    #[error("the delay is negative")]
    Negative,
    #[error("the delay is longer than 366 days")]
    TooLong,
}

/// The automatic policy answering `delay_seconds` after registration (or resubmission).
pub fn automatic(delay_seconds: i64) -> Result<ReviewPolicy, PolicyError> {
    match delay_seconds {
        ..0 => Err(PolicyError::Negative),
        0..=MAX_AUTO_DELAY_SECONDS => Ok(ReviewPolicy::Auto { delay_seconds }),
        _ => Err(PolicyError::TooLong),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delay_is_bounded_both_ways() {
        assert_eq!(automatic(-1), Err(PolicyError::Negative));
        assert_eq!(automatic(0), Ok(ReviewPolicy::Auto { delay_seconds: 0 }));
        assert_eq!(
            automatic(MAX_AUTO_DELAY_SECONDS),
            Ok(ReviewPolicy::Auto {
                delay_seconds: MAX_AUTO_DELAY_SECONDS
            })
        );
        assert_eq!(
            automatic(MAX_AUTO_DELAY_SECONDS + 1),
            Err(PolicyError::TooLong)
        );
        assert_eq!(automatic(i64::MAX), Err(PolicyError::TooLong));
    }
}
