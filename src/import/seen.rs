//! Which content hashes a load has added, in fixed memory: a blocked Bloom
//! filter over bits of the SHA-256 content hash itself.
//!
//! "Not seen" is certain; "seen" may be wrong (at a million rows about once
//! in ten million lookups, more on far larger files) and is then settled by
//! the ledger's index, so an answer is never wrong, only slower.

/// 8 MiB of bits, whatever the size of the file.
const BLOCKS: usize = 1 << 17;
/// One cache line per lookup: each hash sets or tests 8 bits of one block.
const WORDS_PER_BLOCK: usize = 8;
const BITS_PER_HASH: usize = 8;

pub struct Seen {
    blocks: Vec<[u64; WORDS_PER_BLOCK]>,
}

impl Seen {
    pub fn new() -> Seen {
        Seen { blocks: vec![[0; WORDS_PER_BLOCK]; BLOCKS] }
    }

    pub fn insert(&mut self, content_hash: &[u8]) {
        let (block, bits) = Self::locate(content_hash);
        for (word, bit) in bits {
            self.blocks[block][word] |= 1 << bit;
        }
    }

    /// False when the hash was certainly never inserted.
    pub fn may_contain(&self, content_hash: &[u8]) -> bool {
        let (block, bits) = Self::locate(content_hash);
        bits.into_iter().all(|(word, bit)| self.blocks[block][word] & (1 << bit) != 0)
    }

    /// The block and each bit (word, bit) from separate bits of the hash's
    /// first 16 bytes (17 + 8 × 9 of 128): SHA-256 bits are uniform.
    fn locate(content_hash: &[u8]) -> (usize, [(usize, u32); BITS_PER_HASH]) {
        let mut head = [0u8; 16];
        head.copy_from_slice(&content_hash[..16]);
        let mut pool = u128::from_le_bytes(head);
        let block = (pool as usize) % BLOCKS;
        pool >>= BLOCKS.trailing_zeros();
        let mut bits = [(0, 0); BITS_PER_HASH];
        for slot in bits.iter_mut() {
            *slot = ((pool >> 6) as usize % WORDS_PER_BLOCK, (pool & 63) as u32);
            pool >>= 9;
        }
        (block, bits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Digest, Sha256};

    fn hash(n: u32) -> Vec<u8> {
        Sha256::digest(n.to_le_bytes())[..16].to_vec()
    }

    #[test]
    fn every_inserted_hash_is_seen_and_few_others_are() {
        let mut seen = Seen::new();
        for n in 0..200_000 {
            seen.insert(&hash(n));
        }
        assert!((0..200_000).all(|n| seen.may_contain(&hash(n))));
        let false_positives = (200_000..400_000).filter(|n| seen.may_contain(&hash(*n))).count();
        assert!(false_positives < 5, "{false_positives} false positives in 200,000");
    }
}
