//! Personal data at rest: authenticated encryption (XChaCha20-Poly1305) with keys derived from
//! the configured secret, keyed look-up hashes, and the masked forms screens and logs show.
//!
//! Ciphertexts carry the id of their key, so a new `APP_SECRET` can be rolled out while values
//! sealed under the previous ones (listed in `APP_SECRET_PREVIOUS`) still open; re-sealing them
//! moves them to the new key. Look-up hashes use the current secret only.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PiiError {
    #[error("sealed value is malformed")]
    Malformed,
    #[error("sealed with a key that is no longer configured")]
    UnknownKey,
    #[error("sealed value failed authentication (altered or wrong key)")]
    Tampered,
}

struct SealKey {
    id: String,
    cipher: XChaCha20Poly1305,
}

pub struct Vault {
    current: SealKey,
    previous: Vec<SealKey>,
    hash_key: [u8; 32],
}

/// A 32-byte key for one purpose, derived from the configured secret.
pub fn derive_key(secret: &str, purpose: &[u8]) -> [u8; 32] {
    derive(secret, purpose)
}

fn derive(secret: &str, purpose: &[u8]) -> [u8; 32] {
    let hk = hkdf::Hkdf::<Sha256>::new(Some(b"dongxihu-pii"), secret.as_bytes());
    let mut out = [0u8; 32];
    hk.expand(purpose, &mut out)
        .expect("32 bytes is a valid HKDF length");
    out
}

fn seal_key(secret: &str) -> SealKey {
    let key = derive(secret, b"seal-v1");
    let id = hex::encode(&Sha256::digest(key)[..4]);
    SealKey {
        id,
        cipher: XChaCha20Poly1305::new(&key.into()),
    }
}

impl Vault {
    pub fn new(secret: &str, previous: &[String]) -> Vault {
        Vault {
            current: seal_key(secret),
            previous: previous
                .iter()
                .filter(|s| !s.is_empty())
                .map(|s| seal_key(s))
                .collect(),
            hash_key: derive(secret, b"lookup-v1"),
        }
    }

    /// `v1.<key id>.<nonce+ciphertext, base64url>`.
    pub fn seal(&self, plaintext: &str) -> String {
        let mut nonce = [0u8; 24];
        getrandom::fill(&mut nonce).expect("the OS random source is available");
        let ct = self
            .current
            .cipher
            .encrypt(XNonce::from_slice(&nonce), plaintext.as_bytes())
            .expect("encryption of a bounded input does not fail");
        let mut blob = nonce.to_vec();
        blob.extend(ct);
        format!("v1.{}.{}", self.current.id, B64.encode(blob))
    }

    pub fn open(&self, sealed: &str) -> Result<String, PiiError> {
        let mut parts = sealed.splitn(3, '.');
        let (Some("v1"), Some(id), Some(body)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(PiiError::Malformed);
        };
        let key = std::iter::once(&self.current)
            .chain(&self.previous)
            .find(|k| k.id == id)
            .ok_or(PiiError::UnknownKey)?;
        let blob = B64.decode(body).map_err(|_| PiiError::Malformed)?;
        if blob.len() < 24 {
            return Err(PiiError::Malformed);
        }
        let (nonce, ct) = blob.split_at(24);
        let pt = key
            .cipher
            .decrypt(XNonce::from_slice(nonce), ct)
            .map_err(|_| PiiError::Tampered)?;
        String::from_utf8(pt).map_err(|_| PiiError::Malformed)
    }

    /// Seals a file: `v1.<key id>.` then the nonce and ciphertext, as raw bytes.
    pub fn seal_bytes(&self, plaintext: &[u8]) -> Vec<u8> {
        let mut nonce = [0u8; 24];
        getrandom::fill(&mut nonce).expect("the OS random source is available");
        let ct = self
            .current
            .cipher
            .encrypt(XNonce::from_slice(&nonce), plaintext)
            .expect("encryption of a bounded input does not fail");
        let mut out = format!("v1.{}.", self.current.id).into_bytes();
        out.extend_from_slice(&nonce);
        out.extend(ct);
        out
    }

    /// Opens what [`Vault::seal_bytes`] sealed.
    pub fn open_bytes(&self, sealed: &[u8]) -> Result<Vec<u8>, PiiError> {
        let rest = sealed.strip_prefix(b"v1.").ok_or(PiiError::Malformed)?;
        let dot = rest
            .iter()
            .position(|b| *b == b'.')
            .ok_or(PiiError::Malformed)?;
        let id = std::str::from_utf8(&rest[..dot]).map_err(|_| PiiError::Malformed)?;
        let key = std::iter::once(&self.current)
            .chain(&self.previous)
            .find(|k| k.id == id)
            .ok_or(PiiError::UnknownKey)?;
        let blob = &rest[dot + 1..];
        if blob.len() < 24 {
            return Err(PiiError::Malformed);
        }
        let (nonce, ct) = blob.split_at(24);
        key.cipher
            .decrypt(XNonce::from_slice(nonce), ct)
            .map_err(|_| PiiError::Tampered)
    }

    /// Whether a sealed value should be re-sealed under the current key.
    pub fn needs_reseal(&self, sealed: &str) -> bool {
        sealed.split('.').nth(1) != Some(self.current.id.as_str())
    }

    /// A keyed hash for finding a record by an exact value without storing the value.
    pub fn lookup_hash(&self, normalized: &str) -> String {
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(&self.hash_key).expect("any key length");
        mac.update(normalized.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

/// `13812345678` → `138****5678`.
pub fn mask_phone(phone: &str) -> String {
    let digits: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 7 {
        return "*".repeat(digits.len());
    }
    let (head, tail) = (&digits[..3], &digits[digits.len() - 4..]);
    format!(
        "{}{}{}",
        head.iter().collect::<String>(),
        "*".repeat(digits.len() - 7),
        tail.iter().collect::<String>()
    )
}

/// `张三` → `张*`, `欧阳娜娜` → `欧***`.
pub fn mask_name(name: &str) -> String {
    let mut chars = name.trim().chars();
    match chars.next() {
        Some(first) => format!("{first}{}", "*".repeat(chars.count().max(1))),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_values_open_and_never_show_the_plaintext() {
        let v = Vault::new("a-secret-of-at-least-thirty-two-chars!!", &[]);
        let sealed = v.seal("11010519491231002X");
        assert!(!sealed.contains("1101051949"));
        assert_ne!(
            sealed,
            v.seal("11010519491231002X"),
            "a fresh nonce each time"
        );
        assert_eq!(v.open(&sealed).unwrap(), "11010519491231002X");
    }

    #[test]
    fn an_altered_value_or_a_foreign_key_is_refused() {
        let v = Vault::new("a-secret-of-at-least-thirty-two-chars!!", &[]);
        let sealed = v.seal("13812345678");
        let mut bytes = sealed.clone().into_bytes();
        let last = bytes.len() - 2;
        bytes[last] = if bytes[last] == b'A' { b'B' } else { b'A' };
        assert_eq!(
            v.open(&String::from_utf8(bytes).unwrap()),
            Err(PiiError::Tampered)
        );
        let other = Vault::new("another-secret-of-thirty-two-characters", &[]);
        assert_eq!(other.open(&sealed), Err(PiiError::UnknownKey));
        assert_eq!(v.open("plain text"), Err(PiiError::Malformed));
    }

    #[test]
    fn sealed_files_open_and_hide_their_content() {
        let v = Vault::new("a-secret-of-at-least-thirty-two-chars!!", &[]);
        let file = b"%PDF-1.4 death certificate 4201121950";
        let sealed = v.seal_bytes(file);
        assert!(!sealed.windows(10).any(|w| w == b"4201121950"));
        assert_eq!(v.open_bytes(&sealed).unwrap(), file.to_vec());
        let mut bad = sealed.clone();
        let last = bad.len() - 1;
        bad[last] ^= 1;
        assert_eq!(v.open_bytes(&bad), Err(PiiError::Tampered));
        assert_eq!(v.open_bytes(b"plain"), Err(PiiError::Malformed));
    }

    #[test]
    fn rotation_opens_old_values_and_marks_them_for_resealing() {
        let old = Vault::new("old-secret-old-secret-old-secret-0001", &[]);
        let sealed = old.seal("6222020200112233445");
        let new = Vault::new(
            "new-secret-new-secret-new-secret-0002",
            &["old-secret-old-secret-old-secret-0001".into()],
        );
        assert_eq!(new.open(&sealed).unwrap(), "6222020200112233445");
        assert!(new.needs_reseal(&sealed));
        assert!(!new.needs_reseal(&new.seal("x")));
    }

    #[test]
    fn lookup_hashes_are_stable_keyed_and_not_the_value() {
        let a = Vault::new("a-secret-of-at-least-thirty-two-chars!!", &[]);
        let b = Vault::new("another-secret-of-thirty-two-characters", &[]);
        assert_eq!(a.lookup_hash("13812345678"), a.lookup_hash("13812345678"));
        assert_ne!(a.lookup_hash("13812345678"), b.lookup_hash("13812345678"));
        assert!(!a.lookup_hash("13812345678").contains("138123"));
    }

    #[test]
    fn masks_keep_only_what_a_person_needs_to_recognise() {
        assert_eq!(mask_phone("13812345678"), "138****5678");
        assert_eq!(mask_name("张三"), "张*");
        assert_eq!(mask_name("欧阳娜娜"), "欧***");
    }
}
