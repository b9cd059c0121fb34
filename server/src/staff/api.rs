//! `/api/v1/staff/users`: staff administration (system admins).

use crate::api::extract::Path;
use crate::api::json::ApiJson;
use crate::api::routes::ApiRoutes;
use crate::auth::roles::Audience;
use crate::auth::roles::{StaffAuth, StaffOf, USER_ADMINS, UserAdmins};
use crate::clock::now;
use crate::error::ApiError;
use crate::staff::admin::{self, NewMember, RoleChange};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use types::staff::{StaffInvite, StaffMember};
use utoipa_axum::routes;

/// Every staff account (no secrets). The read is audited.
#[utoipa::path(get, path = "/api/v1/staff/users", tag = "staff", responses(
    (status = 200, body = [StaffMember]), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn list_users(
    State(s): State<AppState>,
    who: StaffAuth,
) -> Result<Json<Vec<StaffMember>>, ApiError> {
    let who = who.require(&s, USER_ADMINS, "staff.list").await?;
    Ok(Json(admin::list(&s, &who, now()).await?))
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
        Json(admin::create(&s, &who, &new, now()).await?),
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
    admin::change_role(&s, &who, &id, &change).await?;
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
    admin::end_sessions(&s, &who, &id, now()).await?;
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
    Ok(Json(admin::reset(&s, &who, &id, now()).await?))
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
    admin::set_disabled(&s, &who, &id, true, now()).await?;
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
    admin::set_disabled(&s, &who, &id, false, now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// This module's routes, each with who may call it.
pub fn routes() -> ApiRoutes {
    ApiRoutes::new()
        .add(Audience::Staff(USER_ADMINS), routes!(list_users))
        .add(Audience::Staff(USER_ADMINS), routes!(create_user))
        .add(Audience::Staff(USER_ADMINS), routes!(change_role))
        .add(Audience::Staff(USER_ADMINS), routes!(reset_user))
        .add(Audience::Staff(USER_ADMINS), routes!(disable_user))
        .add(Audience::Staff(USER_ADMINS), routes!(enable_user))
        .add(Audience::Staff(USER_ADMINS), routes!(end_sessions))
}
