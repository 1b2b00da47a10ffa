//! When a failed delivery is tried again, and when the simulator stops trying.

use std::time::Duration;

/// Exponential back-off with a bound on the number of attempts. The same policy serves SMTP
/// deliveries and webhook calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// The wait after the first failed attempt; each further failure doubles it.
    pub first_delay: Duration,
    /// The longest wait between two attempts.
    pub max_delay: Duration,
    /// Attempts in all (the first one included); after the last failure the delivery is
    /// marked failed and never tried again.
    pub max_attempts: u32,
    /// How long one attempt may take (connecting, TLS, the whole SMTP dialogue or HTTP call).
    pub timeout: Duration,
}

impl Default for RetryPolicy {
    /// 5 s, 10 s, 20 s … up to 10 minutes, 8 attempts: a mail catcher that is restarted, or a CI
    /// receiver that starts late, still gets everything; a wrong address stops within ~15 min.
    fn default() -> Self {
        RetryPolicy {
            first_delay: Duration::from_secs(5),
            max_delay: Duration::from_secs(600),
            max_attempts: 8,
            timeout: Duration::from_secs(10),
        }
    }
}

impl RetryPolicy {
    /// The wait after `failed` failed attempts (1 = after the first), or None when the bound is
    /// reached and the delivery is given up.
    pub fn delay_after(&self, failed: u32) -> Option<Duration> {
        if failed >= self.max_attempts {
            return None;
        }
        let doublings = failed.saturating_sub(1).min(30);
        Some(
            self.first_delay
                .saturating_mul(1u32 << doublings)
                .min(self.max_delay),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_double_up_to_the_maximum_and_stop_at_the_bound() {
        let p = RetryPolicy {
            first_delay: Duration::from_secs(5),
            max_delay: Duration::from_secs(30),
            max_attempts: 5,
            timeout: Duration::from_secs(1),
        };
        let delays: Vec<Option<u64>> = (1..=6)
            .map(|n| p.delay_after(n).map(|d| d.as_secs()))
            .collect();
        assert_eq!(delays, [Some(5), Some(10), Some(20), Some(30), None, None]);
    }

    #[test]
    fn huge_counts_do_not_overflow() {
        let p = RetryPolicy {
            max_attempts: u32::MAX,
            ..RetryPolicy::default()
        };
        assert_eq!(p.delay_after(u32::MAX - 1), Some(p.max_delay));
    }
}
