//! `/api/v1/timebank`: volunteers, activities, QR check-in, verification and time credits.

pub mod records;
pub mod reports;

use crate::api::extract::{Path, Query};
use crate::api::json::ApiJson;
use crate::api::routes::ApiRoutes;
use crate::auth::AuthUser;
use crate::auth::roles::Audience;
use crate::auth::roles::{
    COORDINATORS, Coordinators, REGISTRARS, Registrars, StaffAuth, StaffOf, USER_ADMINS, UserAdmins,
};
use crate::clock::now;
use crate::error::ApiError;
use crate::state::AppState;
use crate::timebank::activities::{self, Activity, NewActivityForm, NewOrganization, Organization};
use crate::timebank::checkin::{self, Direction, GroupAttendance, QrToken, Scan};
use crate::timebank::credits::{self, Credits, Gift};
use crate::timebank::verification::{self, Confirmation, PendingHours};
use crate::timebank::volunteer_of;
use crate::timebank::volunteers::{self, Registration, Volunteer};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa_axum::routes;

type E = crate::error::ErrorBody;

/// Registers the signed-in resident as a real-name volunteer.
#[utoipa::path(post, path = "/api/v1/timebank/volunteers", tag = "timebank", request_body = Registration, security(("bearer" = [])), responses(
    (status = 201, body = Volunteer), (status = 401, body = E), (status = 409, body = E), (status = 422, body = E)))]
pub async fn register(
    State(s): State<AppState>,
    user: AuthUser,
    ApiJson(r): ApiJson<Registration>,
) -> Result<(StatusCode, Json<Volunteer>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(volunteers::register_self(&s, &user, &r, now()).await?),
    ))
}

/// Staff register someone without a phone (assisted registration).
#[utoipa::path(post, path = "/api/v1/timebank/volunteers/assisted", tag = "timebank", request_body = Registration, responses(
    (status = 201, body = Volunteer), (status = 401, body = E), (status = 403, body = E), (status = 409, body = E), (status = 422, body = E)))]
pub async fn register_assisted(
    State(s): State<AppState>,
    StaffOf(who, _): StaffOf<Registrars>,
    ApiJson(r): ApiJson<Registration>,
) -> Result<(StatusCode, Json<Volunteer>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(volunteers::register_assisted(&s, &who, &r, now()).await?),
    ))
}

/// The signed-in volunteer's record (masked).
#[utoipa::path(get, path = "/api/v1/timebank/me", tag = "timebank", operation_id = "timebank_me", security(("bearer" = [])), responses(
    (status = 200, body = Volunteer), (status = 401, body = E), (status = 409, body = E, description = "Not registered as a volunteer")))]
pub async fn me(State(s): State<AppState>, user: AuthUser) -> Result<Json<Volunteer>, ApiError> {
    Ok(Json(volunteer_of(&s, &user).await?.into()))
}

#[derive(Deserialize, Default, utoipa::ToSchema)]
#[serde(default)]
pub struct FamilyLink {
    /// The relative's ID number (they must be a registered volunteer).
    pub id_number: String,
}

/// Asks a relative, named by their ID number, to confirm a family link; credits can be given
/// once they confirm from their own account. The answer is the same whether or not the number
/// is a registered volunteer's, and names nobody. At most 5 requests a day.
#[utoipa::path(post, path = "/api/v1/timebank/me/family", tag = "timebank", request_body = FamilyLink, security(("bearer" = [])), responses(
    (status = 202, description = "Asked (if the number is a registered volunteer's)"), (status = 401, body = E),
    (status = 409, body = E, description = "Not registered as a volunteer"), (status = 422, body = E), (status = 429, body = E)))]
pub async fn add_family(
    State(s): State<AppState>,
    user: AuthUser,
    ApiJson(f): ApiJson<FamilyLink>,
) -> Result<StatusCode, ApiError> {
    let me = volunteer_of(&s, &user).await?;
    volunteers::link_family(&s, &me, &f.id_number, now()).await?;
    Ok(StatusCode::ACCEPTED)
}

/// The volunteer's family: confirmed members (credits can be given to them) and the requests
/// waiting for this volunteer's answer, as (volunteer id, masked name).
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Family {
    pub members: Vec<(String, String)>,
    pub requests: Vec<(String, String)>,
}

#[utoipa::path(get, path = "/api/v1/timebank/me/family", tag = "timebank", security(("bearer" = [])), responses(
    (status = 200, body = Family), (status = 401, body = E), (status = 409, body = E, description = "Not registered as a volunteer")))]
pub async fn family(State(s): State<AppState>, user: AuthUser) -> Result<Json<Family>, ApiError> {
    let me = volunteer_of(&s, &user).await?;
    Ok(Json(Family {
        members: crate::timebank::store::volunteers::family(&s.db, &me.id).await?,
        requests: crate::timebank::store::volunteers::family_requests(&s.db, &me.id).await?,
    }))
}

#[derive(Deserialize, Default, utoipa::ToSchema)]
#[serde(default)]
pub struct FamilyAnswer {
    /// true confirms the request, false declines (removes) it.
    pub confirm: bool,
}

/// Answers a family request from the volunteer `id`.
#[utoipa::path(post, path = "/api/v1/timebank/me/family/{id}/answer", tag = "timebank", request_body = FamilyAnswer, security(("bearer" = [])), responses(
    (status = 204), (status = 401, body = E), (status = 404, body = E, description = "No such open request"),
    (status = 409, body = E, description = "Not registered as a volunteer")))]
pub async fn answer_family(
    State(s): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
    ApiJson(a): ApiJson<FamilyAnswer>,
) -> Result<StatusCode, ApiError> {
    let me = volunteer_of(&s, &user).await?;
    volunteers::answer_family(&s, &me, &id, a.confirm, now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Upcoming activities, soonest first.
#[utoipa::path(get, path = "/api/v1/timebank/activities", tag = "timebank", responses((status = 200, body = [Activity])))]
pub async fn upcoming(State(s): State<AppState>) -> Result<Json<Vec<Activity>>, ApiError> {
    Ok(Json(activities::upcoming(&s, now()).await?))
}

/// A coordinator creates an activity of their organization.
#[utoipa::path(post, path = "/api/v1/timebank/activities", tag = "timebank", request_body = NewActivityForm, responses(
    (status = 201, body = Activity), (status = 401, body = E), (status = 403, body = E), (status = 422, body = E)))]
pub async fn create_activity(
    State(s): State<AppState>,
    StaffOf(who, _): StaffOf<Coordinators>,
    ApiJson(f): ApiJson<NewActivityForm>,
) -> Result<(StatusCode, Json<Activity>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(activities::create(&s, &who, &f, now()).await?),
    ))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SignUpResult {
    /// `confirmed` or `waiting`.
    pub status: String,
}

/// Signs the volunteer up (waiting list when full).
#[utoipa::path(post, path = "/api/v1/timebank/activities/{id}/signup", tag = "timebank", security(("bearer" = [])), responses(
    (status = 200, body = SignUpResult), (status = 401, body = E), (status = 404, body = E), (status = 409, body = E)))]
pub async fn sign_up(
    State(s): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
) -> Result<Json<SignUpResult>, ApiError> {
    Ok(Json(SignUpResult {
        status: activities::sign_up(&s, &user, &id, now()).await?,
    }))
}

/// Cancels the sign-up; the first on the waiting list gets the place.
#[utoipa::path(post, path = "/api/v1/timebank/activities/{id}/cancel-signup", tag = "timebank", security(("bearer" = [])), responses(
    (status = 204), (status = 401, body = E), (status = 404, body = E),
    (status = 409, body = E, description = "Not registered as a volunteer")))]
pub async fn cancel_signup(
    State(s): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    activities::cancel_signup(&s, &user, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct QrQuery {
    /// `in` or `out`.
    pub direction: Option<Direction>,
}

/// A fresh QR token (valid 60 seconds) for the coordinator's screen.
#[utoipa::path(get, path = "/api/v1/timebank/activities/{id}/qr", tag = "timebank", params(QrQuery), responses(
    (status = 200, body = QrToken), (status = 401, body = E), (status = 403, body = E), (status = 404, body = E)))]
pub async fn qr(
    State(s): State<AppState>,
    who: StaffAuth,
    Path(id): Path<String>,
    Query(q): Query<QrQuery>,
) -> Result<Json<QrToken>, ApiError> {
    let who = who.require(&s, COORDINATORS, "activity.qr").await?;
    Ok(Json(
        checkin::issue(&s, &who, &id, q.direction.unwrap_or(Direction::In), now()).await?,
    ))
}

#[derive(Deserialize, Default, utoipa::ToSchema)]
#[serde(default)]
pub struct ScanRequest {
    pub token: String,
}

/// The volunteer's phone sends the scanned token: check-in or check-out.
#[utoipa::path(post, path = "/api/v1/timebank/scan", tag = "timebank", request_body = ScanRequest, security(("bearer" = [])), responses(
    (status = 200, body = Scan), (status = 401, body = E), (status = 409, body = E)))]
pub async fn scan(
    State(s): State<AppState>,
    user: AuthUser,
    ApiJson(r): ApiJson<ScanRequest>,
) -> Result<Json<Scan>, ApiError> {
    Ok(Json(checkin::scan(&s, &user, &r.token, now()).await?))
}

/// How many were recorded.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = RecordedCount)]
pub struct Count {
    pub count: u64,
}

/// The coordinator records attendance for a group.
#[utoipa::path(post, path = "/api/v1/timebank/activities/{id}/group-attendance", tag = "timebank", request_body = GroupAttendance, responses(
    (status = 200, body = Count), (status = 401, body = E), (status = 403, body = E), (status = 404, body = E), (status = 409, body = E), (status = 422, body = E)))]
pub async fn group_attendance(
    State(s): State<AppState>,
    StaffOf(who, _): StaffOf<Coordinators>,
    Path(id): Path<String>,
    ApiJson(g): ApiJson<GroupAttendance>,
) -> Result<Json<Count>, ApiError> {
    Ok(Json(Count {
        count: checkin::record_group(&s, &who, &id, &g).await?,
    }))
}

/// Live attendance and pending hours of the activity.
#[utoipa::path(get, path = "/api/v1/timebank/activities/{id}/attendance", tag = "timebank", responses(
    (status = 200, body = [PendingHours]), (status = 401, body = E), (status = 403, body = E), (status = 404, body = E)))]
pub async fn attendance(
    State(s): State<AppState>,
    who: StaffAuth,
    Path(id): Path<String>,
) -> Result<Json<Vec<PendingHours>>, ApiError> {
    let who = who.require(&s, COORDINATORS, "activity.attendance").await?;
    Ok(Json(verification::attendance_list(&s, &who, &id).await?))
}

#[derive(Deserialize, Default, utoipa::ToSchema)]
#[serde(default)]
pub struct ConfirmRequest {
    pub items: Vec<Confirmation>,
}

/// Confirms hours, one or many at once, as recorded or adjusted with a reason.
#[utoipa::path(post, path = "/api/v1/timebank/activities/{id}/confirm", tag = "timebank", request_body = ConfirmRequest, responses(
    (status = 200, body = Count), (status = 401, body = E), (status = 403, body = E), (status = 404, body = E), (status = 409, body = E), (status = 422, body = E)))]
pub async fn confirm(
    State(s): State<AppState>,
    StaffOf(who, _): StaffOf<Coordinators>,
    Path(id): Path<String>,
    ApiJson(r): ApiJson<ConfirmRequest>,
) -> Result<Json<Count>, ApiError> {
    Ok(Json(Count {
        count: verification::confirm(&s, &who, &id, &r.items, now()).await?,
    }))
}

/// The volunteer's time credits: balance and statement.
#[utoipa::path(get, path = "/api/v1/timebank/me/credits", tag = "timebank", security(("bearer" = [])), responses(
    (status = 200, body = Credits), (status = 401, body = E),
    (status = 409, body = E, description = "Not registered as a volunteer")))]
pub async fn my_credits(
    State(s): State<AppState>,
    user: AuthUser,
) -> Result<Json<Credits>, ApiError> {
    Ok(Json(credits::mine(&s, &user).await?))
}

/// Gives credits to a registered family member (idempotent by key).
#[utoipa::path(post, path = "/api/v1/timebank/me/gifts", tag = "timebank", request_body = Gift, security(("bearer" = [])), responses(
    (status = 204), (status = 401, body = E), (status = 409, body = E), (status = 422, body = E)))]
pub async fn gift(
    State(s): State<AppState>,
    user: AuthUser,
    ApiJson(g): ApiJson<Gift>,
) -> Result<StatusCode, ApiError> {
    credits::gift(&s, &user, &g, now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A system admin creates an organization and names its coordinators.
#[utoipa::path(post, path = "/api/v1/timebank/organizations", tag = "timebank", request_body = NewOrganization, responses(
    (status = 201, body = Organization), (status = 401, body = E), (status = 403, body = E), (status = 422, body = E)))]
pub async fn create_organization(
    State(s): State<AppState>,
    StaffOf(who, _): StaffOf<UserAdmins>,
    ApiJson(o): ApiJson<NewOrganization>,
) -> Result<(StatusCode, Json<Organization>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(activities::create_organization(&s, &who, &o, now()).await?),
    ))
}

/// This module's routes, each with who may call it.
pub fn routes() -> ApiRoutes {
    ApiRoutes::new()
        .add(Audience::Resident, routes!(register))
        .add(Audience::Staff(REGISTRARS), routes!(register_assisted))
        .add(Audience::Resident, routes!(me))
        .add(Audience::Resident, routes!(family))
        .add(Audience::Resident, routes!(add_family))
        .add(Audience::Resident, routes!(answer_family))
        .add(Audience::Resident, routes!(my_credits))
        .add(Audience::Resident, routes!(gift))
        .add(Audience::Staff(USER_ADMINS), routes!(create_organization))
        .add(Audience::Anyone, routes!(upcoming))
        .add(Audience::Staff(COORDINATORS), routes!(create_activity))
        .add(Audience::Resident, routes!(sign_up))
        .add(Audience::Resident, routes!(cancel_signup))
        .add(Audience::Staff(COORDINATORS), routes!(qr))
        .add(Audience::Staff(COORDINATORS), routes!(group_attendance))
        .add(Audience::Staff(COORDINATORS), routes!(attendance))
        .add(Audience::Staff(COORDINATORS), routes!(confirm))
        .add(Audience::Resident, routes!(scan))
        .merge(records::routes())
        .merge(reports::routes())
}
