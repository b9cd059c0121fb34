//! The volunteer time bank: real-name volunteers, activities with a waiting list, QR check-in
//! and check-out, coordinator verification, the statutory service record and time credits.
//! `api` answers `/api/v1/timebank` and `/certificates`; `pages` loads and posts the volunteer's,
//! coordinator's, totals and certificate pages; both call the service (this module and the ones
//! below), which alone reads `store`.

pub mod activities;
pub mod api;
pub mod certificates;
pub mod checkin;
pub mod credits;
pub mod pages;
pub mod records;
pub mod redemption;
pub mod reports;
pub mod store;
pub mod verification;
pub mod volunteers;

use crate::error::ApiError;
use axum::http::StatusCode;

/// Service categories (志愿服务类别) a volunteer chooses and an activity belongs to.
pub use types::timebank::CATEGORIES;

pub fn check_category(code: &str, field: &str) -> Result<(), ApiError> {
    if CATEGORIES.iter().any(|(c, _, _)| *c == code) {
        Ok(())
    } else {
        Err(ApiError::field(
            field,
            "请选择服务类别",
            "Choose a service category",
        ))
    }
}

/// A refusal that changes nothing: 409 with its own code and message.
pub fn conflict(code: &'static str, zh: &str, en: &str) -> ApiError {
    ApiError::rejected(StatusCode::CONFLICT, code, zh, en)
}

/// The volunteer record of a signed-in resident, or a clear refusal.
pub async fn volunteer_of(
    s: &crate::state::AppState,
    user: &crate::auth::AuthUser,
) -> Result<crate::timebank::store::volunteers::VolunteerRow, ApiError> {
    crate::timebank::store::volunteers::by_account(&s.db, &user.account_id)
        .await?
        .ok_or_else(|| {
            ApiError::rejected(
                StatusCode::CONFLICT,
                "not_a_volunteer",
                "请先实名登记为志愿者",
                "Please register as a volunteer first",
            )
        })
}
