//! The audit log (审计日志): an append-only, hash-chained record of who did what to which record
//! (ids only, never personal data). Below the features: each records its actions here with
//! `record` (or `record_in`, inside the action's own transaction); `browse` and `api` let
//! auditors and system admins read it, `store` holds the chain.

pub mod api;
pub mod browse;
pub mod store;

use crate::error::ApiError;
use store::AuditEntry;

fn audit_entry(actor: &str, action: &str, target: &str, outcome: &str) -> AuditEntry {
    AuditEntry {
        actor: actor.into(),
        action: action.into(),
        target: target.into(),
        outcome: outcome.into(),
    }
}

/// Appends one entry to the audit log (ids only, never personal data).
pub(crate) async fn record(
    s: &crate::state::AppState,
    actor: &str,
    action: &str,
    target: &str,
    outcome: &str,
) -> Result<(), ApiError> {
    let entry = audit_entry(actor, action, target, outcome);
    store::append(&s.db, &entry, crate::clock::now()).await?;
    Ok(())
}

/// Appends one entry in the caller's transaction: it commits with the action it records, so
/// neither is ever found without the other (a crash between the two commits nothing).
pub(crate) async fn record_in(
    tx: &mut crate::store::WriteTx,
    actor: &str,
    action: &str,
    target: &str,
    outcome: &str,
) -> Result<(), ApiError> {
    let entry = audit_entry(actor, action, target, outcome);
    store::append_in(tx, &entry, crate::clock::now()).await?;
    Ok(())
}
