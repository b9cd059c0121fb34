//! Text people type and read: a required field, and the short codes read off paper or a
//! screen (case references, receipt and certificate numbers). Below every feature.

use crate::error::ApiError;

/// A text field that must be present and not too long.
pub(crate) fn required(
    value: &str,
    field: &str,
    max_chars: usize,
    zh: &str,
    en: &str,
) -> Result<String, ApiError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(ApiError::field(
            field,
            &format!("请填写{zh}"),
            &format!("Enter the {en}"),
        ));
    }
    if v.chars().count() > max_chars {
        return Err(ApiError::field(
            field,
            &format!("{zh}最多 {max_chars} 个字"),
            &format!("The {en} takes at most {max_chars} characters"),
        ));
    }
    Ok(v.to_string())
}

/// Letters and digits people read off paper or a screen without mixing up (no 0/O, 1/I/L).
const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// Eight random characters of that alphabet, four and four around a dash (about 40 bits).
pub(crate) fn readable_code() -> String {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).expect("the OS random source is available");
    let chars: String = bytes
        .iter()
        .map(|b| CODE_ALPHABET[*b as usize % CODE_ALPHABET.len()] as char)
        .collect();
    format!("{}-{}", &chars[..4], &chars[4..])
}

/// A [`readable_code`] as someone typed it: letters and digits only, upper case (codes are read
/// aloud and typed without the dash).
pub(crate) fn normalize_code(code: &str) -> String {
    code.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}
