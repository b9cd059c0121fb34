//! `/api/v1` cases: funeral subsidy claims and pre-applications sent by residents, their own
//! cases and documents, and the street caseworkers' queue and actions.

use crate::api::extract::Path;
use crate::api::json::ApiJson;
use crate::api::routes::ApiRoutes;
use crate::auth::AuthUser;
use crate::auth::roles::Audience;
use crate::auth::roles::CASEWORKERS;
use crate::auth::roles::{Caseworkers, StaffOf};
use crate::cases::documents::{self, MAX_FILE_BYTES, Upload};
use crate::cases::funeral::{self, FuneralApplication};
use crate::cases::preapply::{self, PreApplication};
use crate::cases::workflow::{self, Action};
use crate::cases::{slip, views};
use crate::clock::now;
use crate::error::ApiError;
use crate::http::upload::{self, Posted};
use crate::state::AppState;
use axum::Json;
use axum::extract::DefaultBodyLimit;
use axum::extract::State;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use types::cases::{CaseDetail, CaseQueue, CaseSummary};
use utoipa_axum::router::UtoipaMethodRouterExt;
use utoipa_axum::routes;

type E = crate::error::ErrorBody;

/// Room for eight 5 MB files and the fields of a claim.
pub const UPLOAD_LIMIT: usize = 8 * MAX_FILE_BYTES + 256 * 1024;

/// A new case's reference and state.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Sent {
    pub reference: String,
    pub state: String,
}

/// File parts are named `doc_<kind>` (e.g. `doc_death_certificate`); their kind is the rest.
pub fn uploads_of(posted: &Posted) -> Vec<Upload> {
    posted
        .files
        .iter()
        .map(|f| Upload {
            kind: f.field.trim_start_matches("doc_").to_string(),
            file_name: f.file_name.clone(),
            bytes: f.bytes.clone(),
        })
        .collect()
}

pub async fn read_multipart(mp: Result<Multipart, MultipartRejection>) -> Result<Posted, ApiError> {
    let mp = mp.map_err(|_| {
        ApiError::field(
            "documents",
            "请以 multipart/form-data 发送申请和材料",
            "Send the application and its documents as multipart/form-data",
        )
    })?;
    upload::read(mp, "documents", MAX_FILE_BYTES, |name| {
        name.starts_with("doc_")
    })
    .await
}

/// Sends a funeral subsidy claim: a multipart form with the part `application` (JSON, see
/// `FuneralApplication`) and the documents as `doc_<kind>` files (JPEG, PNG or PDF, ≤ 5 MB).
#[utoipa::path(post, path = "/api/v1/funeral/claims", tag = "cases",
    request_body(content = FuneralApplication, content_type = "multipart/form-data"),
    responses((status = 201, body = Sent), (status = 401, body = E), (status = 409, body = E), (status = 422, body = E)))]
pub async fn claim(
    State(s): State<AppState>,
    user: AuthUser,
    mp: Result<Multipart, MultipartRejection>,
) -> Result<(StatusCode, Json<Sent>), ApiError> {
    let posted = read_multipart(mp).await?;
    let application: FuneralApplication = serde_json::from_str(&posted.value("application"))
        .map_err(|e| ApiError::BadRequest(format!("application: {e}")))?;
    let c = funeral::apply(&s, &user, &application, &uploads_of(&posted), now()).await?;
    Ok((
        StatusCode::CREATED,
        Json(Sent {
            reference: c.reference,
            state: c.state.to_string(),
        }),
    ))
}

/// Sends a pre-application from the check's answers to the chosen street office (consent
/// required).
#[utoipa::path(post, path = "/api/v1/preapplications", tag = "cases", request_body = PreApplication,
    responses((status = 201, body = Sent), (status = 401, body = E), (status = 422, body = E)))]
pub async fn preapplication(
    State(s): State<AppState>,
    user: AuthUser,
    ApiJson(p): ApiJson<PreApplication>,
) -> Result<(StatusCode, Json<Sent>), ApiError> {
    let c = preapply::send(&s, &user, &p, now()).await?;
    Ok((
        StatusCode::CREATED,
        Json(Sent {
            reference: c.reference,
            state: c.state.to_string(),
        }),
    ))
}

/// The signed-in resident's cases, newest first.
#[utoipa::path(get, path = "/api/v1/me/cases", tag = "cases",
    responses((status = 200, body = Vec<CaseSummary>), (status = 401, body = E)))]
pub async fn my_cases(
    State(s): State<AppState>,
    user: AuthUser,
) -> Result<Json<Vec<CaseSummary>>, ApiError> {
    Ok(Json(views::mine(&s, &user, now()).await?))
}

/// One of the resident's cases: its steps with the reasons, its documents, its money.
#[utoipa::path(get, path = "/api/v1/me/cases/{reference}", tag = "cases",
    params(("reference" = String, Path, description = "Case reference, e.g. BZ2026-7K3M-Q9XD")),
    responses((status = 200, body = CaseDetail), (status = 401, body = E), (status = 404, body = E)))]
pub async fn my_case(
    State(s): State<AppState>,
    user: AuthUser,
    Path(reference): Path<String>,
) -> Result<Json<CaseDetail>, ApiError> {
    Ok(Json(
        views::for_applicant(&s, &user, &reference, now()).await?,
    ))
}

/// Adds documents (`doc_<kind>` files) to one of the resident's open cases; a case waiting for
/// documents goes back to its caseworker.
#[utoipa::path(post, path = "/api/v1/me/cases/{reference}/documents", tag = "cases",
    params(("reference" = String, Path, description = "Case reference")),
    responses((status = 200, body = CaseDetail), (status = 401, body = E), (status = 404, body = E), (status = 409, body = E), (status = 422, body = E)))]
pub async fn add_documents(
    State(s): State<AppState>,
    user: AuthUser,
    Path(reference): Path<String>,
    mp: Result<Multipart, MultipartRejection>,
) -> Result<Json<CaseDetail>, ApiError> {
    let posted = read_multipart(mp).await?;
    let t = now();
    documents::add(&s, &user, &reference, &uploads_of(&posted), t).await?;
    Ok(Json(views::for_applicant(&s, &user, &reference, t).await?))
}

pub fn file_response(content_type: String, bytes: Vec<u8>, name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        bytes,
    )
        .into_response()
}

/// One document of the resident's case.
#[utoipa::path(get, path = "/api/v1/me/cases/{reference}/documents/{id}", tag = "cases",
    params(("reference" = String, Path, description = "Case reference"), ("id" = String, Path, description = "Document id")),
    responses((status = 200, description = "The file as uploaded", content(("application/pdf"), ("image/jpeg"), ("image/png"))), (status = 401, body = E), (status = 404, body = E)))]
pub async fn my_document(
    State(s): State<AppState>,
    user: AuthUser,
    Path((reference, id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let (ct, bytes) = documents::for_applicant(&s, &user, &reference, &id).await?;
    Ok(file_response(ct, bytes, "document"))
}

/// The acknowledgement slip (PDF) of the resident's case, with the reference and a QR code.
#[utoipa::path(get, path = "/api/v1/me/cases/{reference}/slip.pdf", tag = "cases",
    params(("reference" = String, Path, description = "Case reference")),
    responses((status = 200, content_type = "application/pdf", description = "The slip"), (status = 401, body = E), (status = 404, body = E)))]
pub async fn my_slip(
    State(s): State<AppState>,
    user: AuthUser,
    headers: HeaderMap,
    Path(reference): Path<String>,
) -> Result<Response, ApiError> {
    let origin = crate::site::public_origin(&s, &headers);
    let pdf = slip::pdf(&s, &user, &reference, &origin, now()).await?;
    Ok(file_response("application/pdf".into(), pdf, "slip.pdf"))
}

/// The caseworker's street queue: open cases (nearest deadline first) and the latest closed.
#[utoipa::path(get, path = "/api/v1/cases", tag = "cases",
    responses((status = 200, body = CaseQueue), (status = 401, body = E), (status = 403, body = E)))]
pub async fn queue(
    State(s): State<AppState>,
    staff: StaffOf<Caseworkers>,
) -> Result<Json<CaseQueue>, ApiError> {
    Ok(Json(views::queue(&s, &staff.0, now()).await?))
}

/// One case of the caseworker's street (another street's is refused, 403).
#[utoipa::path(get, path = "/api/v1/cases/{reference}", tag = "cases",
    params(("reference" = String, Path, description = "Case reference")),
    responses((status = 200, body = CaseDetail), (status = 401, body = E), (status = 403, body = E), (status = 404, body = E)))]
pub async fn case(
    State(s): State<AppState>,
    staff: StaffOf<Caseworkers>,
    Path(reference): Path<String>,
) -> Result<Json<CaseDetail>, ApiError> {
    Ok(Json(
        views::for_caseworker(&s, &staff.0, &reference, now()).await?,
    ))
}

/// A workflow action on a case: `accept`, `request_documents` (reason required), `approve`
/// (funeral: `amount_fen`, at most the estimate), `reject` (reason required), `pay` (funeral),
/// `refer` (pre-application). A step the workflow does not allow is refused (409).
#[utoipa::path(post, path = "/api/v1/cases/{reference}/actions", tag = "cases", request_body = Action,
    params(("reference" = String, Path, description = "Case reference")),
    responses((status = 200, body = CaseDetail), (status = 401, body = E), (status = 403, body = E), (status = 404, body = E), (status = 409, body = E), (status = 422, body = E)))]
pub async fn act(
    State(s): State<AppState>,
    staff: StaffOf<Caseworkers>,
    Path(reference): Path<String>,
    ApiJson(a): ApiJson<Action>,
) -> Result<Json<CaseDetail>, ApiError> {
    let t = now();
    workflow::act(&s, &staff.0, &reference, &a, t).await?;
    Ok(Json(
        views::for_caseworker(&s, &staff.0, &reference, t).await?,
    ))
}

/// One document of a case of the caseworker's street (audited).
#[utoipa::path(get, path = "/api/v1/cases/{reference}/documents/{id}", tag = "cases",
    params(("reference" = String, Path, description = "Case reference"), ("id" = String, Path, description = "Document id")),
    responses((status = 200, description = "The file as uploaded", content(("application/pdf"), ("image/jpeg"), ("image/png"))), (status = 401, body = E), (status = 403, body = E), (status = 404, body = E)))]
pub async fn document(
    State(s): State<AppState>,
    staff: StaffOf<Caseworkers>,
    Path((reference, id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let (ct, bytes) = documents::for_caseworker(&s, &staff.0, &reference, &id).await?;
    Ok(file_response(ct, bytes, "document"))
}

/// The applicant's whole phone number, to call them about the case (caseworker of the street;
/// every reveal is audited). Case pages and the case itself show it masked.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Contact {
    pub phone: String,
}

#[utoipa::path(get, path = "/api/v1/cases/{reference}/phone", tag = "cases",
    params(("reference" = String, Path, description = "Case reference")),
    responses((status = 200, body = Contact), (status = 401, body = E), (status = 403, body = E), (status = 404, body = E)))]
pub async fn phone(
    State(s): State<AppState>,
    staff: StaffOf<Caseworkers>,
    Path(reference): Path<String>,
) -> Result<Json<Contact>, ApiError> {
    Ok(Json(Contact {
        phone: views::contact_phone(&s, &staff.0, &reference).await?,
    }))
}

/// This module's routes, each with who may call it.
pub fn routes() -> ApiRoutes {
    ApiRoutes::new()
        .add(
            Audience::Resident,
            routes!(claim).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .add(Audience::Resident, routes!(preapplication))
        .add(Audience::Resident, routes!(my_cases))
        .add(Audience::Resident, routes!(my_case))
        .add(
            Audience::Resident,
            routes!(add_documents).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .add(Audience::Resident, routes!(my_document))
        .add(Audience::Resident, routes!(my_slip))
        .add(Audience::Staff(CASEWORKERS), routes!(queue))
        .add(Audience::Staff(CASEWORKERS), routes!(case))
        .add(Audience::Staff(CASEWORKERS), routes!(act))
        .add(Audience::Staff(CASEWORKERS), routes!(phone))
        .add(Audience::Staff(CASEWORKERS), routes!(document))
}
