//! Browsing the audit log (auditors and system admins): every browse is itself audited.

use crate::audit::store::{self, AuditRow};
use crate::error::ApiError;
use crate::state::AppState;

/// Which entries to show.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub before: Option<i64>,
    pub limit: i64,
}

/// `reader` is the staff member's id (the caller has checked their role).
pub async fn browse(s: &AppState, reader: &str, f: &Filter) -> Result<Vec<AuditRow>, ApiError> {
    let blank = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let rows = store::recent(
        &s.db,
        blank(&f.actor).as_deref(),
        blank(&f.action).as_deref(),
        f.before,
        f.limit.clamp(1, 1000),
    )
    .await?;
    super::record(
        s,
        &format!("staff:{reader}"),
        "audit.read",
        "audit_log",
        "ok",
    )
    .await?;
    Ok(rows)
}
