//! `/api/v1/timebank`: what follows a verified record — corrections, honour hours, certificates
//! and their public check, and redeeming credits for care.

use crate::api::extract::Path;
use crate::api::json::ApiJson;
use crate::auth::AuthUser;
use crate::auth::roles::{COORDINATORS, Coordinators, StaffAuth, StaffOf, UserAdmins};
use crate::clock::now;
use crate::error::ApiError;
use crate::timebank::certificates;
use crate::timebank::records::{self, Correction, CorrectionRequest, Decision, Honour};
use crate::timebank::redemption::{self, CareService, Redemption};
use crate::timebank::volunteers::{self, StaffVolunteer};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use types::timebank::{Certificate, Verification};

use crate::api::routes::ApiRoutes;
use crate::auth::roles::Audience;
use crate::auth::roles::USER_ADMINS;
use crate::state::AppState;
use utoipa_axum::routes;

type E = crate::error::ErrorBody;

/// The volunteer asks for a record to be corrected (第十三条).
#[utoipa::path(post, path = "/api/v1/timebank/me/corrections", tag = "timebank", request_body = CorrectionRequest, security(("bearer" = [])), responses(
    (status = 201, body = Correction), (status = 401, body = E), (status = 409, body = E), (status = 422, body = E)))]
pub async fn request_correction(
    State(s): State<AppState>,
    user: AuthUser,
    ApiJson(r): ApiJson<CorrectionRequest>,
) -> Result<(StatusCode, Json<Correction>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(records::request(&s, &user, &r, now()).await?),
    ))
}

/// The volunteer's correction requests and their outcomes.
#[utoipa::path(get, path = "/api/v1/timebank/me/corrections", tag = "timebank", security(("bearer" = [])), responses(
    (status = 200, body = [Correction]), (status = 401, body = E), (status = 409, body = E)))]
pub async fn my_corrections(
    State(s): State<AppState>,
    user: AuthUser,
) -> Result<Json<Vec<Correction>>, ApiError> {
    Ok(Json(records::mine(&s, &user).await?))
}

/// Open correction requests for the coordinator's organizations.
#[utoipa::path(get, path = "/api/v1/timebank/corrections", tag = "timebank", responses(
    (status = 200, body = [Correction]), (status = 401, body = E), (status = 403, body = E)))]
pub async fn open_corrections(
    State(s): State<AppState>,
    who: StaffAuth,
) -> Result<Json<Vec<Correction>>, ApiError> {
    let who = who.require(&s, COORDINATORS, "correction.list").await?;
    Ok(Json(records::open_for(&s, &who).await?))
}

/// The organization's coordinator accepts or rejects a correction, with a reason.
#[utoipa::path(post, path = "/api/v1/timebank/corrections/{id}/decision", tag = "timebank", request_body = Decision, responses(
    (status = 200, body = Correction), (status = 401, body = E), (status = 403, body = E), (status = 404, body = E), (status = 409, body = E), (status = 422, body = E)))]
pub async fn decide_correction(
    State(s): State<AppState>,
    StaffOf(who, _): StaffOf<Coordinators>,
    Path(id): Path<String>,
    ApiJson(d): ApiJson<Decision>,
) -> Result<Json<Correction>, ApiError> {
    Ok(Json(records::decide(&s, &who, &id, &d, now()).await?))
}

/// An administrator records honour hours (no time credits).
#[utoipa::path(post, path = "/api/v1/timebank/honour", tag = "timebank", request_body = Honour, responses(
    (status = 204), (status = 401, body = E), (status = 403, body = E), (status = 422, body = E)))]
pub async fn honour(
    State(s): State<AppState>,
    StaffOf(who, _): StaffOf<UserAdmins>,
    ApiJson(h): ApiJson<Honour>,
) -> Result<StatusCode, ApiError> {
    records::add_honour(&s, &who, &h, now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Releases a volunteer registration made with someone else's ID number, after the real person
/// showed their ID card: they can then register. Audited with the reason.
#[utoipa::path(post, path = "/api/v1/timebank/volunteers/release", tag = "timebank", request_body = volunteers::Release, responses(
    (status = 204), (status = 401, body = E), (status = 403, body = E), (status = 422, body = E)))]
pub async fn release_volunteer(
    State(s): State<AppState>,
    StaffOf(who, _): StaffOf<UserAdmins>,
    ApiJson(r): ApiJson<volunteers::Release>,
) -> Result<StatusCode, ApiError> {
    volunteers::release(&s, &who, &r, now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Issues a certificate of the volunteer's record as it stands (free).
#[utoipa::path(post, path = "/api/v1/timebank/me/certificates", tag = "timebank", security(("bearer" = [])), responses(
    (status = 201, body = Certificate), (status = 401, body = E), (status = 409, body = E)))]
pub async fn issue_certificate(
    State(s): State<AppState>,
    user: AuthUser,
) -> Result<(StatusCode, Json<Certificate>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(certificates::issue(&s, &user, now()).await?),
    ))
}

/// The volunteer's certificates, newest first.
#[utoipa::path(get, path = "/api/v1/timebank/me/certificates", tag = "timebank", security(("bearer" = [])), responses(
    (status = 200, body = [Certificate]), (status = 401, body = E), (status = 409, body = E)))]
pub async fn my_certificates(
    State(s): State<AppState>,
    user: AuthUser,
) -> Result<Json<Vec<Certificate>>, ApiError> {
    Ok(Json(certificates::mine(&s, &user).await?))
}

/// A certificate as a PDF (the volunteer's own only).
#[utoipa::path(get, path = "/api/v1/timebank/me/certificates/{number}/pdf", tag = "timebank", security(("bearer" = [])), responses(
    (status = 200, content_type = "application/pdf", description = "The certificate"), (status = 401, body = E), (status = 404, body = E),
    (status = 409, body = E, description = "Not registered as a volunteer")))]
pub async fn certificate_pdf(
    State(s): State<AppState>,
    user: AuthUser,
    headers: HeaderMap,
    Path(number): Path<String>,
) -> Result<Response, ApiError> {
    let origin = crate::site::public_origin(&s, &headers);
    let pdf = certificates::pdf(&s, &user, &number, &origin).await?;
    Ok(crate::api::pdf_response("certificate", &number, pdf))
}

/// Anyone checks a certificate by its number: genuine, unchanged, and what it states.
#[utoipa::path(get, path = "/api/v1/certificates/{number}", tag = "timebank", responses(
    (status = 200, body = Verification), (status = 404, body = E)))]
pub async fn verify_certificate(
    State(s): State<AppState>,
    Path(number): Path<String>,
) -> Result<Json<Verification>, ApiError> {
    let v = certificates::verify(&s, &number).await?;
    if v.certificate.is_none() {
        return Err(ApiError::NotFound);
    }
    Ok(Json(v))
}

/// The care services credits can be redeemed for.
#[utoipa::path(get, path = "/api/v1/timebank/care-services", tag = "timebank", responses((status = 200, body = [CareService])))]
pub async fn care_services(State(s): State<AppState>) -> Result<Json<Vec<CareService>>, ApiError> {
    Ok(Json(redemption::care_services(&s).await?))
}

/// Redeems credits for a care service (members of the configured age; monthly cap).
#[utoipa::path(post, path = "/api/v1/timebank/me/redemptions", tag = "timebank", request_body = Redemption, security(("bearer" = [])), responses(
    (status = 200, body = CareService), (status = 401, body = E), (status = 409, body = E), (status = 422, body = E)))]
pub async fn redeem(
    State(s): State<AppState>,
    user: AuthUser,
    ApiJson(r): ApiJson<Redemption>,
) -> Result<Json<CareService>, ApiError> {
    Ok(Json(redemption::redeem(&s, &user, &r, now()).await?))
}

/// An administrator records that a member of staff is also a volunteer (never their own hours).
#[utoipa::path(post, path = "/api/v1/timebank/staff-volunteers", tag = "timebank", request_body = StaffVolunteer, responses(
    (status = 204), (status = 401, body = E), (status = 403, body = E), (status = 422, body = E)))]
pub async fn link_staff_volunteer(
    State(s): State<AppState>,
    StaffOf(who, _): StaffOf<UserAdmins>,
    ApiJson(link): ApiJson<StaffVolunteer>,
) -> Result<StatusCode, ApiError> {
    volunteers::link_staff(&s, &who, &link).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// This module's routes, each with who may call it.
pub fn routes() -> ApiRoutes {
    ApiRoutes::new()
        .add(Audience::Resident, routes!(my_corrections))
        .add(Audience::Resident, routes!(request_correction))
        .add(Audience::Staff(COORDINATORS), routes!(open_corrections))
        .add(Audience::Staff(COORDINATORS), routes!(decide_correction))
        .add(Audience::Staff(USER_ADMINS), routes!(honour))
        .add(Audience::Staff(USER_ADMINS), routes!(release_volunteer))
        .add(Audience::Staff(USER_ADMINS), routes!(link_staff_volunteer))
        .add(Audience::Resident, routes!(my_certificates))
        .add(Audience::Resident, routes!(issue_certificate))
        .add(Audience::Resident, routes!(certificate_pdf))
        .add(Audience::Anyone, routes!(verify_certificate))
        .add(Audience::Anyone, routes!(care_services))
        .add(Audience::Resident, routes!(redeem))
}
