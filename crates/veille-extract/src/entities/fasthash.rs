//! Hashing for the tagger's hot tables: string keys are hashed once with
//! xxh3 (a few nanoseconds for a word, against SipHash's tens) and maps
//! keyed by such a hash, or by a feature's hash, pass it through instead
//! of hashing it again.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The 64-bit hash of a string key (a folded word or name).
pub(crate) fn hash_str(key: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(key.as_bytes())
}

/// A hasher for keys that are already hashes: `u64` keys pass through,
/// `u32` keys (feature hashes) are spread by a multiplication.
#[derive(Debug, Default)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A map keyed by a hash.
pub(crate) type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_tell_words_apart_and_repeat() {
        assert_eq!(hash_str("bakou"), hash_str("bakou"));
        assert_ne!(hash_str("bakou"), hash_str("bakou "));
        let mut m = IdMap::default();
        m.insert(hash_str("armenien"), 1u32);
        assert_eq!(m.get(&hash_str("armenien")), Some(&1));
        assert_eq!(m.get(&hash_str("armenienne")), None);
    }
}
