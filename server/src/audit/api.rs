//! `/api/v1/audit`: the audit log for auditors and system admins (read-only).

use crate::api::extract::Query;
use crate::api::routes::ApiRoutes;
use crate::audit::store;
use crate::auth::roles::Audience;
use crate::auth::roles::{AUDIT_READERS, StaffAuth};
use crate::error::ApiError;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use utoipa_axum::routes;

#[derive(Deserialize, utoipa::IntoParams)]
pub struct Filter {
    /// Only entries of this actor, e.g. `staff:<id>`.
    pub actor: Option<String>,
    /// Only entries of this action, e.g. `staff.sign_in`.
    pub action: Option<String>,
    /// Only entries older than this id (the next page).
    pub before: Option<i64>,
    /// At most this many (default 100, largest 1000).
    pub limit: Option<i64>,
}

/// The newest audit entries first, filtered. Reading the log is itself audited.
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", operation_id = "list_audit", params(Filter), responses(
    (status = 200, description = "Entries, newest first", body = Vec<store::AuditRow>), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn list(
    State(s): State<AppState>,
    who: StaffAuth,
    Query(f): Query<Filter>,
) -> Result<Json<Vec<store::AuditRow>>, ApiError> {
    let who = who.require(&s, AUDIT_READERS, "audit.read").await?;
    let filter = crate::audit::browse::Filter {
        actor: f.actor,
        action: f.action,
        before: f.before,
        limit: f.limit.unwrap_or(100),
    };
    let rows = crate::audit::browse::browse(&s, &who.id, &filter).await?;
    Ok(Json(rows))
}

/// Walks the hash chain from the last point found intact (`server audit-verify` walks all of it)
/// and checks its sealed head; names the first altered or missing entry if any.
#[utoipa::path(get, path = "/api/v1/audit/verify", tag = "audit", operation_id = "verify_audit", responses(
    (status = 200, description = "entries and first_broken (null when intact)", body = store::Verification), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn verify(
    State(s): State<AppState>,
    who: StaffAuth,
) -> Result<Json<store::Verification>, ApiError> {
    who.require(&s, AUDIT_READERS, "audit.verify").await?;
    Ok(Json(store::verify_since_checkpoint(&s.db).await?))
}

/// This module's routes, each with who may call it.
pub fn routes() -> ApiRoutes {
    ApiRoutes::new()
        .add(Audience::Staff(AUDIT_READERS), routes!(list))
        .add(Audience::Staff(AUDIT_READERS), routes!(verify))
}
