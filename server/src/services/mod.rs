//! The one service layer under both the API handlers and the pages.

pub mod audit_log;
pub mod auth;
pub mod cases;
pub mod charity;
pub mod staff;
pub mod staff_admin;
pub mod staff_enrolment;
pub mod timebank;

use crate::error::ApiError;
use crate::store::audit::{self, AuditEntry};

fn audit_entry(actor: &str, action: &str, target: &str, outcome: &str) -> AuditEntry {
    AuditEntry {
        actor: actor.into(),
        action: action.into(),
        target: target.into(),
        outcome: outcome.into(),
    }
}

/// Appends one entry to the audit log (ids only, never personal data).
pub(crate) async fn audit(
    s: &crate::state::AppState,
    actor: &str,
    action: &str,
    target: &str,
    outcome: &str,
) -> Result<(), ApiError> {
    let entry = audit_entry(actor, action, target, outcome);
    audit::append(&s.db, &entry, auth::now()).await?;
    Ok(())
}

/// Appends one entry in the caller's transaction: it commits with the action it records, so
/// neither is ever found without the other (a crash between the two commits nothing).
pub(crate) async fn audit_in(
    tx: &mut crate::store::WriteTx,
    actor: &str,
    action: &str,
    target: &str,
    outcome: &str,
) -> Result<(), ApiError> {
    let entry = audit_entry(actor, action, target, outcome);
    audit::append_in(tx, &entry, auth::now()).await?;
    Ok(())
}

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

/// The current date and time in Asia/Shanghai, for people: `2026-11-28 14:05`.
pub fn shanghai_time(unix_seconds: i64) -> String {
    let local = unix_seconds + 8 * 3600;
    let date = policy::Date::shanghai_from_unix_millis(unix_seconds * 1000)
        .map(|d| d.to_string())
        .unwrap_or_default();
    let secs = local.rem_euclid(86_400);
    format!("{date} {:02}:{:02}", secs / 3600, (secs % 3600) / 60)
}

/// Today's date in Asia/Shanghai.
pub fn today(unix_seconds: i64) -> policy::Date {
    policy::Date::shanghai_from_unix_millis(unix_seconds * 1000).expect("a clock after 1970")
}
