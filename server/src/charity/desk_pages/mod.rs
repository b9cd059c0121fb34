//! The charity staff's desk (`/staff/charity`): its data and its forms. Every form is a plain
//! HTML form posted here; the answer is the desk again with what was done, or with the clear
//! message at the field that was wrong (a refusal changes nothing: the services see to that).

mod goods_forms;
mod money_forms;
mod project_forms;

pub use goods_forms::{hand_out, receive};
pub use money_forms::{disburse, evidence, refund};
use project_forms::title_of;
pub use project_forms::{create, parse_budget, publish, set_status};

use crate::charity::ledger::{self, Evidence, MAX_EVIDENCE_BYTES, NewDisbursement};
use crate::charity::projects::{self, NewProject, NewUpdate};
use crate::charity::{desk as desk_service, goods};
use crate::clock::now;
use crate::error::ApiError;
use crate::site::staff_gate::StaffPages;
use crate::site::staff_gate::authorize;
use crate::staff::StaffUser;
use crate::state::AppState;
use axum::Router;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::http::header;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use leptos::prelude::provide_context;
use types::charity::CharityDesk;
use types::money::parse_yuan;
use types::page_data::PageData;

const PAGE: &str = "/staff/charity";
/// Room for a 5 MB evidence file and the other fields of the form; a larger upload still gets
/// the page with the clear message (see `read_upload`).
const UPLOAD_LIMIT: usize = 6 * 1024 * 1024;
/// Text forms: a project story of 4000 Chinese characters is about 36 KB once URL-encoded.
const FORM_LIMIT: usize = 128 * 1024;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/staff/charity/projects", post(create))
        .route("/staff/charity/status", post(set_status))
        .route("/staff/charity/publish", post(publish))
        .route(
            "/staff/charity/disburse",
            post(disburse).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route("/staff/charity/refund", post(refund))
        .route("/staff/charity/receive", post(receive))
        .route("/staff/charity/hand-out", post(hand_out))
        .route("/staff/charity/evidence/{id}", get(evidence))
}

/// The desk's data (reads of the ledger and goods are the charity's, not personal records).
pub(crate) async fn desk(s: &AppState, _who: &StaffUser) -> Result<CharityDesk, ApiError> {
    fresh(s, None).await
}

/// The desk with `notice`.
async fn fresh(s: &AppState, notice: Option<(String, String)>) -> Result<CharityDesk, ApiError> {
    let mut d = desk_service::desk(s, now()).await?;
    d.notice = notice;
    Ok(d)
}

/// A text form's fields (a larger limit than the sign-in forms: project stories are long).
async fn text_form(req: Request) -> (Parts, Vec<(String, String)>) {
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, FORM_LIMIT)
        .await
        .unwrap_or_default();
    (
        parts,
        serde_urlencoded::from_bytes(&bytes).unwrap_or_default(),
    )
}

fn value(pairs: &[(String, String)], name: &str) -> String {
    crate::site::form::value(pairs, name)
}

/// The desk again, saying what was done.
async fn done(s: &AppState, mut parts: Parts, zh: String, en: String) -> Response {
    let d = match fresh(s, Some((zh, en))).await {
        Ok(d) => d,
        Err(e) => return e.into_response(),
    };
    parts.uri = PAGE.parse().expect("a static path");
    let data = PageData::new(d);
    crate::site::render_with(s, parts, move || provide_context(data.clone())).await
}

/// The desk again with the error at its field: the form's fields are named `{prefix}{field}`,
/// and a refusal without a field goes to `{prefix}{default}`.
async fn failed(
    s: &AppState,
    mut parts: Parts,
    e: ApiError,
    prefix: &str,
    default: &str,
) -> Response {
    let (posted, status) = crate::site::form::posted(&e, default, prefix);
    let d = match fresh(s, None).await {
        Ok(d) => d,
        Err(e) => return e.into_response(),
    };
    parts.uri = PAGE.parse().expect("a static path");
    let data = PageData::new(d);
    let mut res = crate::site::render_with(s, parts, move || {
        provide_context(data.clone());
        provide_context(posted.clone());
    })
    .await;
    *res.status_mut() = status;
    res
}

fn amount_error(field: &str, e: types::money::AmountError) -> ApiError {
    ApiError::field(field, e.zh(), e.en())
}

/// The charity desk's page.
pub fn staff_pages() -> StaffPages {
    StaffPages::new().page(PAGE, |s, who, _| async move { desk(&s, &who).await })
}
