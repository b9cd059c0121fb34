//! The keyed seal on an append-only chain's head (F19). Each chain links its rows by SHA-256
//! and keeps its head (entries, newest hash); the head also carries an HMAC under a key derived
//! from the record secret, written by every append. Whoever can write to the database but does
//! not hold the record secret cannot delete the newest rows or rewrite the chain and its head
//! without the seal failing.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The seal of a head: which chain, how many entries, the newest hash.
pub fn seal(key: &[u8; 32], chain: &str, entries: i64, hash: &str) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("any key length");
    mac.update(format!("{chain}|{entries}|{hash}").as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Whether a stored seal matches (constant time).
pub fn holds(key: &[u8; 32], chain: &str, entries: i64, hash: &str, stored: Option<&str>) -> bool {
    use subtle::ConstantTimeEq;
    stored.is_some_and(|s| {
        seal(key, chain, entries, hash)
            .as_bytes()
            .ct_eq(s.as_bytes())
            .into()
    })
}
