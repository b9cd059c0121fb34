//! `/api/v1/kiosks`: kiosk administration (system admins) and kiosk enrolment (the kiosk itself,
//! with its one-time code).

use super::service::{self as kiosks, EnrolForm, Enrolled, NewKioskForm};
use crate::api::extract::Path;
use crate::api::json::ApiJson;
use crate::api::routes::ApiRoutes;
use crate::auth::roles::Audience;
use crate::auth::roles::{StaffAuth, StaffOf, USER_ADMINS, UserAdmins};
use crate::clock::now;
use crate::error::ApiError;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use types::staff::{Kiosk, KioskRegistration};
use utoipa_axum::routes;

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

/// This module's routes, each with who may call it.
pub fn routes() -> ApiRoutes {
    ApiRoutes::new()
        .add(Audience::Staff(USER_ADMINS), routes!(list_kiosks))
        .add(Audience::Staff(USER_ADMINS), routes!(register_kiosk))
        .add(Audience::Anyone, routes!(enrol))
        .add(Audience::Staff(USER_ADMINS), routes!(revoke_kiosk))
}
