//! `/api/v1/charity` and `/api/v1/payments`: projects, donations through the payment gateway,
//! the gateway's notifications, goods, receipts, the ledger and its reconciliation.

use crate::api::extract::{Path, Query};
use crate::api::json::ApiJson;
use crate::api::routes::ApiRoutes;
use crate::auth::AuthUser;
use crate::auth::roles::Audience;
use crate::auth::roles::CHARITY_STAFF;
use crate::auth::roles::{CharityDesk, StaffOf};
use crate::charity::{desk, donations, gateway, goods, ledger, projects, receipts};
use crate::clock::now;
use crate::error::ApiError;
use crate::state::AppState;
use axum::Json;
use axum::body::Bytes;
use axum::extract::DefaultBodyLimit;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use serde::{Deserialize, Serialize};
use types::charity::{
    CharityHome, DisclosureDue, DonorReceipts, OrderStatus, ProjectPage, ProjectSummary,
    ReceiptCheck, Reconciliation, Transparency,
};
use utoipa_axum::router::UtoipaMethodRouterExt;
use utoipa_axum::routes;

type E = crate::error::ErrorBody;

/// The charity and its public projects with what each has raised, spent and holds.
#[utoipa::path(get, path = "/api/v1/charity", tag = "charity", responses((status = 200, body = CharityHome)))]
pub async fn home(State(s): State<AppState>) -> Result<Json<CharityHome>, ApiError> {
    Ok(Json(projects::home(&s).await?))
}

/// One project: story, filing number, raised against goal, budget against actual, updates and
/// its ledger (donors masked).
#[utoipa::path(get, path = "/api/v1/charity/projects/{id}", tag = "charity",
    params(("id" = String, Path, description = "Project id")),
    responses((status = 200, body = ProjectPage), (status = 404, body = E)))]
pub async fn project(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<ProjectPage>, ApiError> {
    Ok(Json(projects::page(&s, &id, now()).await?))
}

/// The public transparency figures: totals, projects, latest ledger and goods lines, stock,
/// the daily chain heads and the reconciliation.
#[utoipa::path(get, path = "/api/v1/charity/transparency", tag = "charity", responses((status = 200, body = Transparency)))]
pub async fn transparency(State(s): State<AppState>) -> Result<Json<Transparency>, ApiError> {
    Ok(Json(desk::transparency(&s, now()).await?))
}

/// The whole money ledger as CSV (UTF-8 with a byte-order mark).
#[utoipa::path(get, path = "/api/v1/charity/ledger.csv", tag = "charity",
    responses((status = 200, content_type = "text/csv", body = String, description = "One line per entry after a header line")))]
pub async fn ledger_csv(State(s): State<AppState>) -> Response {
    use futures_util::TryStreamExt;
    // Streamed a page at a time (F12); an error midway ends the download short, which the
    // missing last lines and hashes show.
    let body = ledger::csv_stream(s).map_err(|e| std::io::Error::other(e.to_string()));
    csv_response(axum::body::Body::from_stream(body))
}

pub fn csv_response(csv: impl Into<axum::body::Body>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"charity-ledger.csv\"",
            ),
        ],
        csv.into(),
    )
        .into_response()
}

/// Checks the ledger: unbroken hash chain, postings summing to zero, donations − disbursements −
/// refunds = balance for every project, exactly one donation per paid order, goods stock.
#[utoipa::path(get, path = "/api/v1/charity/reconciliation", tag = "charity", responses((status = 200, body = Reconciliation)))]
pub async fn reconciliation(State(s): State<AppState>) -> Result<Json<Reconciliation>, ApiError> {
    Ok(Json(ledger::reconcile_public(&s, now()).await?))
}

/// Places a donation order with the payment gateway (signed-in donors get the receipt in their
/// account). Amounts are whole fen within the limits in force.
#[utoipa::path(post, path = "/api/v1/charity/orders", tag = "charity", request_body = donations::DonationRequest,
    security((), ("bearer" = [])),
    responses((status = 201, body = OrderStatus), (status = 400, body = E), (status = 404, body = E), (status = 409, body = E), (status = 422, body = E),
        (status = 503, body = E, description = "No payment gateway (PAYMENT_GATEWAY=none)")))]
pub async fn place_order(
    State(s): State<AppState>,
    donor: Result<AuthUser, ApiError>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> Result<(StatusCode, Json<OrderStatus>), ApiError> {
    if let Some(amount) = body.get("amount_fen") {
        if !amount.is_i64() {
            return Err(ApiError::field(
                "amount_fen",
                "金额须为整数分（如 12.34 元填 1234）",
                "The amount is whole fen (¥12.34 is 1234)",
            ));
        }
    }
    let r: donations::DonationRequest =
        serde_json::from_value(body).map_err(|e| ApiError::BadRequest(e.to_string()))?;
    let order = donations::place_order(&s, &r, donor.ok().as_ref(), now()).await?;
    Ok((StatusCode::CREATED, Json(order)))
}

/// Where an order stands: pending, paid (with its receipt number) or expired.
#[utoipa::path(get, path = "/api/v1/charity/orders/{order_no}", tag = "charity",
    params(("order_no" = String, Path, description = "Order number")),
    responses((status = 200, body = OrderStatus), (status = 404, body = E)))]
pub async fn order(
    State(s): State<AppState>,
    Path(order_no): Path<String>,
) -> Result<Json<OrderStatus>, ApiError> {
    Ok(Json(donations::status(&s, &order_no, now()).await?))
}

/// The sandbox gateway: the payer confirms payment of an order (its notification follows).
#[utoipa::path(post, path = "/api/v1/payments/sandbox/{order_no}/pay", tag = "payments",
    params(("order_no" = String, Path, description = "Order number")),
    responses((status = 204, description = "Paid at the gateway"), (status = 404, body = E), (status = 409, body = E)))]
pub async fn sandbox_pay(
    State(s): State<AppState>,
    Path(order_no): Path<String>,
) -> Result<StatusCode, ApiError> {
    gateway::pay(&s, &order_no, now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct NotifyAnswer {
    /// `SUCCESS`: the gateway stops retrying.
    pub code: &'static str,
    /// `recorded` the first time, `repeated` after.
    pub outcome: &'static str,
}

/// The gateway's payment notification, signed (HMAC-SHA256 of the body, hex, in
/// `X-Sandbox-Signature`). Idempotent: the same notification again records nothing and answers
/// success. Bad signatures, unknown orders, wrong amounts and expired orders are refused.
#[utoipa::path(post, path = "/api/v1/payments/notify", tag = "payments", request_body = donations::Notification,
    responses((status = 200, body = NotifyAnswer), (status = 403, body = E, description = "Bad signature"), (status = 409, body = E)))]
pub async fn notify(
    State(s): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<NotifyAnswer>, ApiError> {
    let signature = headers
        .get(gateway::SIGNATURE_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let outcome = match gateway::notified(&s, &body, signature, now()).await? {
        donations::Recorded::New(_) => "recorded",
        donations::Recorded::Repeated(_) => "repeated",
    };
    Ok(Json(NotifyAnswer {
        code: "SUCCESS",
        outcome,
    }))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct PledgeAnswer {
    /// The number to show at the street centre.
    pub pledge_no: String,
}

/// Pledges goods for drop-off at a street centre.
#[utoipa::path(post, path = "/api/v1/charity/goods/pledges", tag = "charity", request_body = goods::NewPledge,
    security((), ("bearer" = [])),
    responses((status = 201, body = PledgeAnswer), (status = 422, body = E)))]
pub async fn pledge(
    State(s): State<AppState>,
    donor: Result<AuthUser, ApiError>,
    ApiJson(p): ApiJson<goods::NewPledge>,
) -> Result<(StatusCode, Json<PledgeAnswer>), ApiError> {
    let pledge_no = goods::pledge(&s, &p, donor.ok().as_ref(), now()).await?;
    Ok((StatusCode::CREATED, Json(PledgeAnswer { pledge_no })))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CodeQuery {
    /// The verification code printed on the receipt.
    pub code: String,
}

/// Checks a receipt's number and verification code (what its QR code opens).
#[utoipa::path(get, path = "/api/v1/charity/receipts/{number}/check", tag = "charity",
    params(("number" = String, Path, description = "Receipt number"), CodeQuery),
    responses((status = 200, body = ReceiptCheck)))]
pub async fn check_receipt(
    State(s): State<AppState>,
    Path(number): Path<String>,
    Query(q): Query<CodeQuery>,
) -> Result<Json<ReceiptCheck>, ApiError> {
    Ok(Json(receipts::check(&s, &number, &q.code).await?))
}

/// The signed-in donor's receipts and the years with an annual statement.
#[utoipa::path(get, path = "/api/v1/charity/me/receipts", tag = "charity", security(("bearer" = [])),
    responses((status = 200, body = DonorReceipts), (status = 401, body = E)))]
pub async fn my_receipts(
    State(s): State<AppState>,
    user: AuthUser,
) -> Result<Json<DonorReceipts>, ApiError> {
    Ok(Json(receipts::mine(&s, &user).await?))
}

/// One of the donor's receipts as PDF.
#[utoipa::path(get, path = "/api/v1/charity/me/receipts/{number}/pdf", tag = "charity", security(("bearer" = [])),
    params(("number" = String, Path, description = "Receipt number")),
    responses((status = 200, content_type = "application/pdf", description = "The receipt"), (status = 401, body = E), (status = 404, body = E)))]
pub async fn receipt_pdf(
    State(s): State<AppState>,
    user: AuthUser,
    headers: HeaderMap,
    Path(number): Path<String>,
) -> Result<Response, ApiError> {
    let origin = crate::site::public_origin(&s, &headers);
    let pdf = receipts::pdf(
        &s,
        &number,
        |r| r.account_id.as_deref() == Some(&user.account_id),
        &origin,
    )
    .await?;
    Ok(crate::api::pdf_response("receipt", &number, pdf))
}

/// The donor's statement of a year as PDF.
#[utoipa::path(get, path = "/api/v1/charity/me/statements/{year}/pdf", tag = "charity", security(("bearer" = [])),
    params(("year" = i32, Path, description = "Calendar year")),
    responses((status = 200, content_type = "application/pdf", description = "The statement"), (status = 401, body = E), (status = 404, body = E)))]
pub async fn statement_pdf(
    State(s): State<AppState>,
    user: AuthUser,
    Path(year): Path<i32>,
) -> Result<Response, ApiError> {
    let pdf = receipts::statement(&s, &user, year, now()).await?;
    Ok(crate::api::pdf_response(
        "statement",
        &year.to_string(),
        pdf,
    ))
}

/// What the disclosure clock says each project owes the public, overdue first.
#[utoipa::path(get, path = "/api/v1/charity/disclosure", tag = "charity",
    responses((status = 200, body = Vec<DisclosureDue>), (status = 401, body = E), (status = 403, body = E)))]
pub async fn disclosure(
    State(s): State<AppState>,
    _who: StaffOf<CharityDesk>,
) -> Result<Json<Vec<DisclosureDue>>, ApiError> {
    Ok(Json(desk::due(&s, now()).await?))
}

/// Creates a project (as a draft).
#[utoipa::path(post, path = "/api/v1/charity/projects", tag = "charity", request_body = projects::NewProject,
    responses((status = 201, body = ProjectSummary), (status = 401, body = E), (status = 403, body = E), (status = 422, body = E)))]
pub async fn create_project(
    State(s): State<AppState>,
    StaffOf(who, _): StaffOf<CharityDesk>,
    ApiJson(p): ApiJson<projects::NewProject>,
) -> Result<(StatusCode, Json<ProjectSummary>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(projects::create(&s, &who, &p, now()).await?),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct StatusChange {
    /// `open` or `closed`.
    pub status: String,
}

/// Opens a draft or closes an open project.
#[utoipa::path(post, path = "/api/v1/charity/projects/{id}/status", tag = "charity", request_body = StatusChange,
    params(("id" = String, Path, description = "Project id")),
    responses((status = 204, description = "Changed"), (status = 401, body = E), (status = 403, body = E), (status = 404, body = E), (status = 409, body = E), (status = 422, body = E)))]
pub async fn set_status(
    State(s): State<AppState>,
    StaffOf(who, _): StaffOf<CharityDesk>,
    Path(id): Path<String>,
    ApiJson(c): ApiJson<StatusChange>,
) -> Result<StatusCode, ApiError> {
    projects::set_status(&s, &who, &id, &c.status, now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Publishes a progress update, or the final report of a closed project.
#[utoipa::path(post, path = "/api/v1/charity/projects/{id}/updates", tag = "charity", request_body = projects::NewUpdate,
    params(("id" = String, Path, description = "Project id")),
    responses((status = 204, description = "Published"), (status = 401, body = E), (status = 403, body = E), (status = 404, body = E), (status = 409, body = E), (status = 422, body = E)))]
pub async fn publish(
    State(s): State<AppState>,
    StaffOf(who, _): StaffOf<CharityDesk>,
    Path(id): Path<String>,
    ApiJson(u): ApiJson<projects::NewUpdate>,
) -> Result<StatusCode, ApiError> {
    projects::publish(&s, &who, &id, &u, now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The disbursement route's body limit: the largest evidence file in base64 (4 characters for
/// every 3 bytes) and room for the other fields.
pub const DISBURSEMENT_BODY_LIMIT: usize = ledger::MAX_EVIDENCE_BYTES.div_ceil(3) * 4 + 64 * 1024;

#[derive(Deserialize, utoipa::ToSchema)]
pub struct DisbursementBody {
    #[serde(flatten)]
    pub disbursement: ledger::NewDisbursement,
    pub evidence_name: String,
    /// The evidence file (PDF, JPEG or PNG, at most 5 MB), base64.
    pub evidence_base64: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct EntryAnswer {
    /// The ledger entry written.
    pub seq: i64,
}

/// Records a disbursement with its evidence; refused above the project's balance.
#[utoipa::path(post, path = "/api/v1/charity/projects/{id}/disbursements", tag = "charity", request_body = DisbursementBody,
    params(("id" = String, Path, description = "Project id")),
    responses((status = 201, body = EntryAnswer), (status = 401, body = E), (status = 403, body = E), (status = 404, body = E), (status = 409, body = E), (status = 422, body = E)))]
pub async fn disburse(
    State(s): State<AppState>,
    StaffOf(who, _): StaffOf<CharityDesk>,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<DisbursementBody>,
) -> Result<(StatusCode, Json<EntryAnswer>), ApiError> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b.evidence_base64.trim())
        .map_err(|_| {
            ApiError::field(
                "evidence",
                "凭证文件编码无效",
                "The evidence file is not valid base64",
            )
        })?;
    let evidence = ledger::Evidence {
        file_name: b.evidence_name,
        bytes,
    };
    let seq = ledger::disburse(&s, &who, &id, &b.disbursement, &evidence, now()).await?;
    Ok((StatusCode::CREATED, Json(EntryAnswer { seq })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct RefundBody {
    pub reason: String,
}

/// Refunds a donation in full as a reversing entry.
#[utoipa::path(post, path = "/api/v1/charity/donations/{seq}/refund", tag = "charity", request_body = RefundBody,
    params(("seq" = i64, Path, description = "The donation's ledger entry")),
    responses((status = 201, body = EntryAnswer), (status = 401, body = E), (status = 403, body = E), (status = 404, body = E), (status = 409, body = E), (status = 422, body = E)))]
pub async fn refund(
    State(s): State<AppState>,
    StaffOf(who, _): StaffOf<CharityDesk>,
    Path(seq): Path<i64>,
    ApiJson(b): ApiJson<RefundBody>,
) -> Result<(StatusCode, Json<EntryAnswer>), ApiError> {
    let seq = ledger::refund(&s, &who, seq, &b.reason, now()).await?;
    Ok((StatusCode::CREATED, Json(EntryAnswer { seq })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ReceiveBody {
    /// What actually arrived.
    pub quantity: i64,
    #[serde(default)]
    pub note: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct LotAnswer {
    pub lot_id: String,
}

/// Signs for a pledge's goods at the street centre (opens a lot in the goods ledger).
#[utoipa::path(post, path = "/api/v1/charity/goods/pledges/{id}/receive", tag = "charity", request_body = ReceiveBody,
    params(("id" = String, Path, description = "Pledge number")),
    responses((status = 201, body = LotAnswer), (status = 401, body = E), (status = 403, body = E), (status = 404, body = E), (status = 409, body = E), (status = 422, body = E)))]
pub async fn receive(
    State(s): State<AppState>,
    StaffOf(who, _): StaffOf<CharityDesk>,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<ReceiveBody>,
) -> Result<(StatusCode, Json<LotAnswer>), ApiError> {
    let lot_id = goods::receive(&s, &who, &id, b.quantity, &b.note, now()).await?;
    Ok((StatusCode::CREATED, Json(LotAnswer { lot_id })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct HandOutBody {
    pub quantity: i64,
    /// The project or group of beneficiaries the goods went to.
    pub recipient: String,
    #[serde(default)]
    pub note: String,
}

/// Hands goods out of a lot; refused above its stock.
#[utoipa::path(post, path = "/api/v1/charity/goods/lots/{id}/hand-out", tag = "charity", request_body = HandOutBody,
    params(("id" = String, Path, description = "Lot id")),
    responses((status = 204, description = "Handed out"), (status = 401, body = E), (status = 403, body = E), (status = 404, body = E), (status = 409, body = E), (status = 422, body = E)))]
pub async fn hand_out(
    State(s): State<AppState>,
    StaffOf(who, _): StaffOf<CharityDesk>,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<HandOutBody>,
) -> Result<StatusCode, ApiError> {
    goods::hand_out(&s, &who, &id, b.quantity, &b.recipient, &b.note, now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A disbursement's evidence file, for the charity's staff (an audited read).
#[utoipa::path(get, path = "/api/v1/charity/evidence/{id}", tag = "charity",
    params(("id" = String, Path, description = "Evidence id")),
    responses((status = 200, description = "The file as uploaded", content(("application/pdf"), ("image/jpeg"), ("image/png"))), (status = 401, body = E), (status = 403, body = E), (status = 404, body = E)))]
pub async fn evidence(
    State(s): State<AppState>,
    StaffOf(who, _): StaffOf<CharityDesk>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let e = ledger::evidence(&s, &who, &id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, e.content_type),
            (header::CONTENT_DISPOSITION, "attachment".to_string()),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        e.bytes,
    )
        .into_response())
}

/// This module's routes, each with who may call it.
pub fn routes() -> ApiRoutes {
    ApiRoutes::new()
        .add(Audience::Anyone, routes!(home))
        .add(Audience::Staff(CHARITY_STAFF), routes!(create_project))
        .add(Audience::Anyone, routes!(project))
        .add(Audience::Staff(CHARITY_STAFF), routes!(set_status))
        .add(Audience::Staff(CHARITY_STAFF), routes!(publish))
        .add(
            Audience::Staff(CHARITY_STAFF),
            routes!(disburse).layer(DefaultBodyLimit::max(DISBURSEMENT_BODY_LIMIT)),
        )
        .add(Audience::Staff(CHARITY_STAFF), routes!(refund))
        .add(Audience::Anyone, routes!(transparency))
        .add(Audience::Anyone, routes!(ledger_csv))
        .add(Audience::Anyone, routes!(reconciliation))
        .add(Audience::Staff(CHARITY_STAFF), routes!(disclosure))
        .add(Audience::Anyone, routes!(place_order))
        .add(Audience::Anyone, routes!(order))
        .add(Audience::Anyone, routes!(pledge))
        .add(Audience::Staff(CHARITY_STAFF), routes!(receive))
        .add(Audience::Staff(CHARITY_STAFF), routes!(hand_out))
        .add(Audience::Staff(CHARITY_STAFF), routes!(evidence))
        .add(Audience::Anyone, routes!(check_receipt))
        .add(Audience::Resident, routes!(my_receipts))
        .add(Audience::Resident, routes!(receipt_pdf))
        .add(Audience::Resident, routes!(statement_pdf))
}

/// The sandbox gateway's routes: mounted only when it is the configured gateway (development
/// mode), so that in production nobody can "pay" an order there.
pub fn sandbox_routes() -> ApiRoutes {
    ApiRoutes::new()
        .add(Audience::Anyone, routes!(sandbox_pay))
        .add(Audience::Anyone, routes!(notify))
}
