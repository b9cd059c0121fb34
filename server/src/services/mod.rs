//! The one service layer under both the API handlers and the pages.

pub mod audit_log;
pub mod auth;
pub mod eligibility;
pub mod kiosks;
pub mod staff;
pub mod staff_admin;
pub mod streets;
pub mod timebank;

use crate::error::ApiError;
use crate::store::audit::{self, AuditEntry};

/// Appends one entry to the audit log (ids only, never personal data).
pub(crate) async fn audit(
    s: &crate::state::AppState,
    actor: &str,
    action: &str,
    target: &str,
    outcome: &str,
) -> Result<(), ApiError> {
    let entry = AuditEntry {
        actor: actor.into(),
        action: action.into(),
        target: target.into(),
        outcome: outcome.into(),
    };
    audit::append(&s.db, &entry, auth::now()).await?;
    Ok(())
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
