//! `/api/v1/staff/users` and `/api/v1/kiosks`: staff and kiosk administration (system admins),
//! and kiosk enrolment (the kiosk itself, with its one-time code).

use super::extract::Path;
use super::json::ApiJson;
use crate::auth::roles::{StaffAuth, USER_ADMINS};
use crate::error::ApiError;
use crate::services::auth::now;
use crate::services::kiosks::{self, EnrolForm, Enrolled, NewKioskForm};
use crate::services::staff_admin::{self, NewMember, RoleChange};
use crate::state::AppState;
use app::staff_views::{Enrolment, Kiosk, KioskRegistration, StaffMember};
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

/// Creates a staff account; the answer carries the authenticator enrolment, shown only now.
#[utoipa::path(post, path = "/api/v1/staff/users", tag = "staff", request_body = NewMember, responses(
    (status = 201, body = Enrolment), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn create_user(
    State(s): State<AppState>,
    who: StaffAuth,
    ApiJson(new): ApiJson<NewMember>,
) -> Result<(StatusCode, Json<Enrolment>), ApiError> {
    let who = who.require(&s, USER_ADMINS, "staff.create").await?;
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
    who: StaffAuth,
    Path(id): Path<String>,
    ApiJson(change): ApiJson<RoleChange>,
) -> Result<StatusCode, ApiError> {
    let who = who.require(&s, USER_ADMINS, "staff.role_change").await?;
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
    who: StaffAuth,
    ApiJson(form): ApiJson<NewKioskForm>,
) -> Result<(StatusCode, Json<KioskRegistration>), ApiError> {
    let who = who.require(&s, USER_ADMINS, "kiosk.register").await?;
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
