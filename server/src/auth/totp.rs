//! Time-based one-time passwords (RFC 6238): HMAC-SHA1, 30-second steps, 6 digits, one step of
//! clock drift allowed either way.

use hmac::{Hmac, Mac};

pub fn new_secret() -> Vec<u8> {
    let mut s = vec![0u8; 20];
    getrandom::fill(&mut s).expect("the OS random source is available");
    s
}

pub fn to_base32(secret: &[u8]) -> String {
    data_encoding::BASE32_NOPAD.encode(secret)
}

pub fn from_base32(text: &str) -> Option<Vec<u8>> {
    data_encoding::BASE32_NOPAD
        .decode(text.trim().to_ascii_uppercase().as_bytes())
        .ok()
}

/// The code for the 30-second step containing `unix_seconds`.
pub fn code_at(secret: &[u8], unix_seconds: i64) -> String {
    hotp(secret, (unix_seconds.max(0) / 30) as u64, 6)
}

fn hotp(secret: &[u8], counter: u64, digits: u32) -> String {
    let mut mac = <Hmac<sha1::Sha1> as Mac>::new_from_slice(secret).expect("any key length");
    mac.update(&counter.to_be_bytes());
    let h = mac.finalize().into_bytes();
    let offset = (h[19] & 0x0f) as usize;
    let bin = u32::from_be_bytes([
        h[offset] & 0x7f,
        h[offset + 1],
        h[offset + 2],
        h[offset + 3],
    ]);
    format!(
        "{:0width$}",
        bin % 10u32.pow(digits),
        width = digits as usize
    )
}

/// Accepts the current step and one either side.
pub fn verify(secret: &[u8], code: &str, unix_seconds: i64) -> bool {
    matching_step(secret, code, unix_seconds).is_some()
}

/// The 30-second step (one behind, now, one ahead) whose code `code` is: the step to remember,
/// so that the same code is not accepted a second time.
pub fn matching_step(secret: &[u8], code: &str, unix_seconds: i64) -> Option<i64> {
    let code = code.trim();
    if code.len() != 6 {
        return None;
    }
    [-30, 0, 30]
        .iter()
        .map(|d| unix_seconds.max(0) + d)
        .find(|t| code_at(secret, *t) == code)
        .map(|t| t.max(0) / 30)
}

/// The `otpauth://` URL an authenticator app enrols from (shown as a QR code).
pub fn enrolment_url(secret: &[u8], username: &str) -> String {
    format!(
        "otpauth://totp/Dongxihu:{username}?secret={}&issuer=Dongxihu&digits=6&period=30",
        to_base32(secret)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_6238_sha1_vectors() {
        let secret = b"12345678901234567890";
        // RFC 6238 appendix B gives 8 digits; the last 6 are the 6-digit codes.
        assert_eq!(hotp(secret, 59 / 30, 8), "94287082");
        assert_eq!(hotp(secret, 1_111_111_109 / 30, 8), "07081804");
        assert_eq!(hotp(secret, 2_000_000_000 / 30, 8), "69279037");
        assert_eq!(code_at(secret, 59), "287082");
    }

    #[test]
    fn one_step_of_drift_is_accepted_and_no_more() {
        let secret = new_secret();
        let now = 1_800_000_000;
        assert!(verify(&secret, &code_at(&secret, now - 30), now));
        assert!(verify(&secret, &code_at(&secret, now + 30), now));
        assert!(!verify(&secret, &code_at(&secret, now - 90), now));
        assert!(!verify(&secret, "12345", now));
        assert_eq!(from_base32(&to_base32(&secret)).unwrap(), secret);
    }
}
