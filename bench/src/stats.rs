//! Latency histograms: microseconds, exact below 1,024 µs and within 0.2 % above, in a fixed
//! amount of memory however long the run.

use serde_json::{Value, json};
use std::time::Duration;

/// Sub-buckets per power of two above the exact range.
const SUB: u64 = 512;
/// Values are exact below this.
const EXACT: u64 = 2 * SUB;
/// Longest recordable latency: 2^35 µs (9.5 hours); anything longer is clamped.
const MAX_POWER: u32 = 35;
const BUCKETS: usize = ((MAX_POWER as u64 - 9 + 1) * SUB) as usize;

#[derive(Clone)]
pub struct Histogram {
    counts: Vec<u64>,
    count: u64,
    sum_us: u64,
    max_us: u64,
}

impl Default for Histogram {
    fn default() -> Self {
        Histogram {
            counts: vec![0; BUCKETS],
            count: 0,
            sum_us: 0,
            max_us: 0,
        }
    }
}

fn bucket(us: u64) -> usize {
    if us < EXACT {
        return us as usize;
    }
    let us = us.min((1 << MAX_POWER) - 1);
    let shift = 63 - us.leading_zeros() as u64 - 9;
    (shift * SUB + (us >> shift)) as usize
}

/// The lowest value that falls into bucket `i`.
fn lower_bound(i: usize) -> u64 {
    let i = i as u64;
    if i < EXACT {
        return i;
    }
    let shift = i / SUB - 1;
    (i % SUB + SUB) << shift
}

impl Histogram {
    pub fn record(&mut self, d: Duration) {
        let us = d.as_micros().min(u64::MAX as u128) as u64;
        self.counts[bucket(us)] += 1;
        self.count += 1;
        self.sum_us += us;
        self.max_us = self.max_us.max(us);
    }

    pub fn merge(&mut self, other: &Histogram) {
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
        self.count += other.count;
        self.sum_us += other.sum_us;
        self.max_us = self.max_us.max(other.max_us);
    }

    pub fn count(&self) -> u64 {
        self.count
    }

    /// The value below which a fraction `q` of the recorded latencies lie, µs.
    pub fn quantile_us(&self, q: f64) -> u64 {
        if self.count == 0 {
            return 0;
        }
        let rank = ((q * self.count as f64).ceil() as u64).clamp(1, self.count);
        let mut seen = 0;
        for (i, c) in self.counts.iter().enumerate() {
            seen += c;
            if seen >= rank {
                return lower_bound(i).min(self.max_us);
            }
        }
        self.max_us
    }

    pub fn to_json(&self) -> Value {
        let ms = |us: u64| us as f64 / 1000.0;
        json!({
            "count": self.count,
            "mean_ms": if self.count == 0 { 0.0 } else { ms(self.sum_us) / self.count as f64 },
            "p50_ms": ms(self.quantile_us(0.50)),
            "p90_ms": ms(self.quantile_us(0.90)),
            "p99_ms": ms(self.quantile_us(0.99)),
            "max_ms": ms(self.max_us),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_continuous_and_bounded() {
        for us in [
            0, 1, 1023, 1024, 1025, 2047, 2048, 5000, 1_000_000, 40_000_000,
        ] {
            let b = bucket(us);
            assert!(lower_bound(b) <= us, "{us}");
            assert!(b + 1 >= BUCKETS || lower_bound(b + 1) > us, "{us}");
        }
        assert_eq!(bucket(1023) + 1, bucket(1024));
        assert!(bucket(u64::MAX) < BUCKETS);
    }

    #[test]
    fn quantiles() {
        let mut h = Histogram::default();
        for us in 1..=100 {
            h.record(Duration::from_micros(us));
        }
        assert_eq!(h.quantile_us(0.5), 50);
        assert_eq!(h.quantile_us(0.99), 99);
        assert_eq!(h.quantile_us(1.0), 100);
    }
}
