//! Charity donations (慈善捐赠): the charity and its projects, money donations through a payment
//! gateway, goods donations, the hash-chained double-entry ledger, receipts, the disclosure
//! clock of the Charity Law and the public transparency figures. `api` answers `/api/v1/charity`
//! and the payment notifications; `pages` loads and posts the resident pages, `desk_pages` the
//! charity desk's; all three call the service (this module and the ones below), which alone
//! reads `store`.

pub mod api;
pub mod desk;
pub mod desk_pages;
pub mod disclosure;
pub mod donations;
pub mod gateway;
pub mod goods;
pub mod ledger;
pub mod pages;
pub mod projects;
pub mod receipt_pdf;
pub mod receipts;
pub mod store;

use crate::error::ApiError;
use crate::state::AppState;
use types::charity::Charity;

/// The charity this channel works for, as configured.
pub fn charity(s: &AppState) -> Charity {
    Charity {
        name: s.cfg.charity_name.clone(),
        registration: s.cfg.charity_registration.clone(),
        fundraising_certificate: s.cfg.charity_certificate.clone(),
        contact: s.cfg.charity_contact.clone(),
    }
}

use crate::clock::today;

/// A charity parameter in force on the day of `now` (policy/parameters/charity.toml).
pub fn parameter(s: &AppState, id: &str, now: i64) -> i64 {
    crate::parameters::cached(s)
        .value_at(id, today(now))
        .map(|v| v.value)
        .expect("the charity parameters have values from 2021")
}

/// Smallest and largest online donation in force, in fen.
pub fn limits(s: &AppState, now: i64) -> (i64, i64) {
    (
        parameter(s, policy::param_ids::CHARITY_DONATION_MIN, now),
        parameter(s, policy::param_ids::CHARITY_DONATION_MAX, now),
    )
}

pub(crate) use crate::text::required;

/// A refusal that changes nothing, logged with the request's ids only.
pub(crate) fn refuse(code: &'static str, zh: &str, en: &str) -> ApiError {
    tracing::warn!(code, "charity request refused");
    crate::timebank::conflict(code, zh, en)
}

/// A project that must exist.
pub(crate) async fn project(
    s: &AppState,
    id: &str,
) -> Result<crate::charity::store::ProjectRow, ApiError> {
    crate::charity::store::project_by_id(&s.db, id.trim())
        .await?
        .ok_or(ApiError::NotFound)
}
