//! Cases (一门受理、协同办理): every application — a funeral subsidy claim or a pre-application for
//! assistance sent from the eligibility check — is one case in the queue of one street office.
//! Residents follow their own cases; caseworkers handle their street's; every change is an
//! append-only event with who, when and why. `api` answers `/api/v1/funeral`, `/preapplications`,
//! `/me/cases` and `/cases`; `pages` loads and posts the claim, case and desk pages; both call the
//! service (this module and the ones below), which alone reads `store`.

pub mod api;
pub mod documents;
pub mod funeral;
pub mod pages;
pub mod preapply;
pub mod slip;
pub mod store;
pub mod views;
pub mod workflow;

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::staff::StaffUser;
use crate::state::AppState;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use store::CaseRow;
use types::cases::CaseKind;

/// The applicant as sealed in the case (the phone is the signed-in account's, not copied).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Applicant {
    pub name: String,
    pub id_number: String,
    /// One of `types::cases::RELATIONS`; empty for a pre-application (the applicant's own).
    #[serde(default)]
    pub relation: String,
}

/// A case reference: `BZ` (殡葬) or `YS` (预申请), the year, and eight characters read off a slip.
pub(crate) fn new_reference(kind: CaseKind, now: i64) -> String {
    let prefix = match kind {
        CaseKind::Funeral => "BZ",
        CaseKind::Preapplication => "YS",
    };
    format!(
        "{prefix}{}-{}",
        crate::clock::today(now).year(),
        crate::text::readable_code()
    )
}

/// A value sealed as JSON (the applicant, the details).
pub(crate) fn seal_json<T: Serialize>(s: &AppState, value: &T) -> String {
    s.vault
        .seal(&serde_json::to_string(value).expect("plain structs serialize"))
}

/// The applicant sealed in a case.
pub(crate) fn applicant_of(s: &AppState, c: &CaseRow) -> Result<Applicant, ApiError> {
    let text = s
        .vault
        .open(&c.applicant)
        .map_err(|e| ApiError::Internal(format!("applicant of case {}: {e}", c.id)))?;
    serde_json::from_str(&text)
        .map_err(|e| ApiError::Internal(format!("applicant of case {}: {e}", c.id)))
}

/// Whether `text` has the shape of a reference (so nothing else reaches the database).
pub fn is_reference(text: &str) -> bool {
    let t = text.trim();
    t.len() == 16
        && (t.starts_with("BZ") || t.starts_with("YS"))
        && t.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
}

/// A reference typed by a person: spaces dropped, letters upper-cased.
pub fn normalize_reference(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase()
}

/// A case the signed-in resident sent; anyone else's is "not found" (never "forbidden": that
/// would tell a stranger the reference exists).
pub async fn owned(s: &AppState, user: &AuthUser, reference: &str) -> Result<CaseRow, ApiError> {
    let reference = normalize_reference(reference);
    if !is_reference(&reference) {
        return Err(ApiError::NotFound);
    }
    match store::by_reference(&s.db, &reference).await? {
        Some(c) if c.account_id == user.account_id => Ok(c),
        _ => Err(ApiError::NotFound),
    }
}

/// A case of the caseworker's own street; another street's is refused with a clear message and
/// the attempt is audited.
pub async fn of_my_street(
    s: &AppState,
    staff: &StaffUser,
    reference: &str,
) -> Result<CaseRow, ApiError> {
    let reference = normalize_reference(reference);
    if !is_reference(&reference) {
        return Err(ApiError::NotFound);
    }
    let Some(c) = store::by_reference(&s.db, &reference).await? else {
        return Err(ApiError::NotFound);
    };
    if staff.street_code.as_deref() != Some(c.street_code.as_str()) {
        crate::audit::record(s, &staff.id, "case.open", &c.id, "refused: other street").await?;
        return Err(ApiError::rejected(
            StatusCode::FORBIDDEN,
            "other_street",
            "这是其他街道的案件，您只能办理本街道的案件",
            "This case belongs to another street office; you handle your own street's cases only",
        ));
    }
    Ok(c)
}

/// The street office a caseworker works for, or a clear refusal.
pub(crate) fn street_of(staff: &StaffUser) -> Result<String, ApiError> {
    staff.street_code.clone().ok_or_else(|| {
        ApiError::rejected(
            StatusCode::FORBIDDEN,
            "no_street",
            "您的账户没有所属街道，请联系系统管理员",
            "Your account has no street office; ask a system administrator",
        )
    })
}

/// A refusal that changes nothing, logged without personal data.
pub(crate) fn refuse(code: &'static str, zh: &str, en: &str) -> ApiError {
    tracing::warn!(code, "case request refused");
    crate::timebank::conflict(code, zh, en)
}

/// Sends the applicant a text message about their case (the development outbox stands in for
/// the SMS gateway). The message holds the reference and the state only.
pub(crate) async fn notify(s: &AppState, c: &CaseRow, zh: &str, now: i64) -> Result<(), ApiError> {
    let message = format!("【东西湖民政】您的申请 {}：{zh}", c.reference);
    crate::account::text_message(s, &c.account_id, &message, now).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_reference_is_what_people_type_back() {
        let r = new_reference(CaseKind::Funeral, 1_795_000_000);
        assert!(r.starts_with("BZ2026-"), "{r}");
        assert!(is_reference(&r), "{r}");
        assert!(is_reference(&normalize_reference(&format!(
            " {} ",
            r.to_lowercase()
        ))));
        assert!(is_reference(&new_reference(
            CaseKind::Preapplication,
            1_795_000_000
        )));
        assert!(!is_reference("BZ2026-../../etc"));
        assert!(!is_reference("XX2026-ABCD-EFGH"));
    }
}
