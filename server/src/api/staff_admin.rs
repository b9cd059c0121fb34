//! `/api/v1/staff/users` and `/api/v1/kiosks`: staff and kiosk administration (system admins),
//! and kiosk enrolment (the kiosk itself, with its one-time code).

use super::extract::Path;
use super::json::ApiJson;
use crate::auth::roles::{StaffAuth, StaffOf, USER_ADMINS, UserAdmins};
use crate::error::ApiError;
use crate::services::auth::now;
use crate::services::kiosks::{self, EnrolForm, Enrolled, NewKioskForm};
use crate::services::staff_admin::{self, NewMember, RoleChange};
use crate::state::AppState;
use app::staff_views::{Kiosk, KioskRegistration, StaffInvite, StaffMember};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

/// Every staff account (no secrets). The read is audited.
#[utoipa::path(get, path = "/api/v1/staff/users", tag = "staff", responses(
    (status = 200, body = [StaffMember]), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn list_users(
    State(s): State<AppState>,
    who: StaffAuth,
) -> Result<Json<Vec<StaffMember>>, ApiError> {
    let who = who.require(&s, USER_ADMINS, "staff.list").await?;
    Ok(Json(staff_admin::list(&s, &who, now()).await?))
}

/// Creates a staff account awaiting enrolment; the answer carries its one-time enrolment code
/// (valid 3 days), shown only now, with which the member sets their own password and
/// authenticator at `/staff/enrol`.
#[utoipa::path(post, path = "/api/v1/staff/users", tag = "staff", request_body = NewMember, responses(
    (status = 201, body = StaffInvite), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn create_user(
    State(s): State<AppState>,
    StaffOf(who, _): StaffOf<UserAdmins>,
    ApiJson(new): ApiJson<NewMember>,
) -> Result<(StatusCode, Json<StaffInvite>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(staff_admin::create(&s, &who, &new, now()).await?),
    ))
}

/// Changes a member's role; audited with the role before and after.
#[utoipa::path(post, path = "/api/v1/staff/users/{id}/role", tag = "staff", request_body = RoleChange, responses(
    (status = 204), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody),
    (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn change_role(
    State(s): State<AppState>,
    StaffOf(who, _): StaffOf<UserAdmins>,
    Path(id): Path<String>,
    ApiJson(change): ApiJson<RoleChange>,
) -> Result<StatusCode, ApiError> {
    staff_admin::change_role(&s, &who, &id, &change).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Ends every session of the member at once.
#[utoipa::path(post, path = "/api/v1/staff/users/{id}/end-sessions", tag = "staff", responses(
    (status = 204), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn end_sessions(
    State(s): State<AppState>,
    who: StaffAuth,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let who = who.require(&s, USER_ADMINS, "staff.end_sessions").await?;
    staff_admin::end_sessions(&s, &who, &id, now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Resets the member's password and authenticator: both cleared, every session ended, and a new
/// one-time enrolment code in the answer (shown only now).
#[utoipa::path(post, path = "/api/v1/staff/users/{id}/reset", tag = "staff", responses(
    (status = 200, body = StaffInvite), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody),
    (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody)))]
pub async fn reset_user(
    State(s): State<AppState>,
    StaffOf(who, _): StaffOf<UserAdmins>,
    Path(id): Path<String>,
) -> Result<Json<StaffInvite>, ApiError> {
    Ok(Json(staff_admin::reset(&s, &who, &id, now()).await?))
}

/// Disables the account: refused at sign-in, every session ended at once.
#[utoipa::path(post, path = "/api/v1/staff/users/{id}/disable", tag = "staff", responses(
    (status = 204), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody),
    (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody)))]
pub async fn disable_user(
    State(s): State<AppState>,
    StaffOf(who, _): StaffOf<UserAdmins>,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    staff_admin::set_disabled(&s, &who, &id, true, now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Enables a disabled account again (its password and authenticator are unchanged).
#[utoipa::path(post, path = "/api/v1/staff/users/{id}/enable", tag = "staff", responses(
    (status = 204), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody),
    (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody)))]
pub async fn enable_user(
    State(s): State<AppState>,
    StaffOf(who, _): StaffOf<UserAdmins>,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    staff_admin::set_disabled(&s, &who, &id, false, now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Every kiosk and its state.
#[utoipa::path(get, path = "/api/v1/kiosks", tag = "kiosks", responses(
    (status = 200, body = [Kiosk]), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn list_kiosks(
    State(s): State<AppState>,
    who: StaffAuth,
) -> Result<Json<Vec<Kiosk>>, ApiError> {
    who.require(&s, USER_ADMINS, "kiosk.list").await?;
    Ok(Json(kiosks::list(&s, now()).await?))
}

/// Registers a kiosk; the answer carries its one-time enrolment code (valid 24 hours).
#[utoipa::path(post, path = "/api/v1/kiosks", tag = "kiosks", request_body = NewKioskForm, responses(
    (status = 201, body = KioskRegistration), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn register_kiosk(
    State(s): State<AppState>,
    StaffOf(who, _): StaffOf<UserAdmins>,
    ApiJson(form): ApiJson<NewKioskForm>,
) -> Result<(StatusCode, Json<KioskRegistration>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(kiosks::register(&s, &who, &form, now()).await?),
    ))
}

/// Revokes a kiosk: its credential stops working at once.
#[utoipa::path(post, path = "/api/v1/kiosks/{id}/revoke", tag = "kiosks", responses(
    (status = 204), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn revoke_kiosk(
    State(s): State<AppState>,
    who: StaffAuth,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let who = who.require(&s, USER_ADMINS, "kiosk.revoke").await?;
    kiosks::revoke(&s, &who, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The kiosk trades its one-time enrolment code for its device credential.
#[utoipa::path(post, path = "/api/v1/kiosks/enrol", tag = "kiosks", request_body = EnrolForm, responses(
    (status = 200, body = Enrolled), (status = 422, body = crate::error::ErrorBody), (status = 429, body = crate::error::ErrorBody)))]
pub async fn enrol(
    State(s): State<AppState>,
    parts: axum::http::request::Parts,
    ApiJson(form): ApiJson<EnrolForm>,
) -> Result<Json<Enrolled>, ApiError> {
    let client = crate::http::client::of(&parts);
    Ok(Json(kiosks::enrol(&s, &form.code, &client, now()).await?))
}
