//! The workspace's seeded random generator.
//!
//! Every generated value (IDs, passwords, reception numbers, session tokens) is drawn from a
//! generator seeded by the workspace seed, with a fixed algorithm (xoshiro256++) so that the same
//! seed gives the same bytes on every machine and every version of the `rand` crates.

use rand_core::{RngCore, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use serde::{Deserialize, Serialize};

/// A seeded generator whose state is part of the (serialisable) workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimRng(Xoshiro256PlusPlus);

const UPPER_ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const HEX: &[u8] = b"0123456789abcdef";

impl SimRng {
    /// A generator for `seed`; `stream` separates independent sequences drawn from one seed
    /// (IDs must not shift because somebody opened one page more).
    pub fn new(seed: u64, stream: u64) -> Self {
        let mixed = seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        SimRng(Xoshiro256PlusPlus::seed_from_u64(mixed))
    }

    /// A uniformly distributed number in `0..n` (n > 0), without modulo bias.
    pub fn below(&mut self, n: u64) -> u64 {
        assert!(n > 0, "SimRng::below needs a positive bound");
        let zone = u64::MAX - (u64::MAX % n);
        loop {
            let v = self.0.next_u64();
            if v < zone {
                return v % n;
            }
        }
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    /// `len` characters drawn from `alphabet`.
    pub fn string_from(&mut self, alphabet: &[u8], len: usize) -> String {
        (0..len)
            .map(|_| alphabet[self.below(alphabet.len() as u64) as usize] as char)
            .collect()
    }

    /// Upper-case letters and digits, as NSS passwords are printed (7TDE8NP7).
    pub fn upper_alnum(&mut self, len: usize) -> String {
        self.string_from(UPPER_ALNUM, len)
    }

    /// Lower-case hexadecimal, for tokens.
    pub fn hex(&mut self, len: usize) -> String {
        self.string_from(HEX, len)
    }
}

/// 128 bits from the operating system as 32 lower-case hex digits: a secret nobody can derive
/// from a workspace's seed (session tokens). Should the system generator fail (it does not on
/// the systems the simulator runs on), the process's random hasher keys and the time stand in.
pub fn os_token() -> String {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        use std::hash::{BuildHasher, Hasher};
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        for half in bytes.chunks_mut(8) {
            let mut h = std::hash::RandomState::new().build_hasher();
            h.write_u128(t);
            half.copy_from_slice(&h.finish().to_le_bytes());
        }
    }
    let mut out = String::with_capacity(32);
    for b in bytes {
        out.push(HEX[usize::from(b >> 4)] as char);
        out.push(HEX[usize::from(b & 15)] as char);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_sequence_other_seed_other_sequence() {
        let a: Vec<u64> = (0..5).map(|_| SimRng::new(42, 0).below(1000)).collect();
        let mut r1 = SimRng::new(42, 0);
        let mut r2 = SimRng::new(42, 0);
        let mut r3 = SimRng::new(43, 0);
        let s1 = r1.upper_alnum(16);
        assert_eq!(s1, r2.upper_alnum(16));
        assert_ne!(s1, r3.upper_alnum(16));
        assert!(a.iter().all(|v| *v < 1000));
    }

    #[test]
    fn os_tokens_are_128_bit_hex_and_differ() {
        let (a, b) = (os_token(), os_token());
        assert_eq!(a.len(), 32);
        assert!(
            a.bytes()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
        assert_ne!(a, b);
    }

    #[test]
    fn streams_are_independent() {
        assert_ne!(SimRng::new(1, 0).hex(16), SimRng::new(1, 1).hex(16));
    }

    #[test]
    fn between_is_inclusive_and_serialises() {
        let mut r = SimRng::new(7, 0);
        for _ in 0..200 {
            let v = r.between(3, 5);
            assert!((3..=5).contains(&v));
        }
        let json = serde_json::to_string(&r).unwrap();
        let mut back: SimRng = serde_json::from_str(&json).unwrap();
        assert_eq!(back.hex(8), r.hex(8));
    }
}
