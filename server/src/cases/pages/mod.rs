//! The case pages: the funeral claim form, the pre-application sent from the check's results,
//! the resident's cases and one case's page (add documents, slip, documents), and the street
//! caseworker's queue and desk. Forms are plain posts; a refusal shows the form again with the
//! message at its field and what was typed (files must be chosen again).

mod claim;
mod desk;
mod preapplication;

pub use claim::{add_documents, claim, my_document, slip_pdf};
pub use desk::{act, staff_document, staff_pages};
pub use preapplication::preapplication;

use crate::auth::AuthUser;
use crate::cases::api::{UPLOAD_LIMIT, file_response, read_multipart, uploads_of};
use crate::cases::documents::{self, Upload};
use crate::cases::funeral::{self, FuneralApplication};
use crate::cases::preapply::{self, PreApplication};
use crate::cases::workflow::{self, Action};
use crate::cases::{is_reference, normalize_reference, slip, views};
use crate::clock::now;
use crate::error::ApiError;
use crate::http::upload::Posted;
use crate::site::form::refused;
use crate::site::page_loaders::{Loaded, PageLoaders};
use crate::site::staff_gate::StaffPages;
use crate::site::staff_gate::authorize;
use crate::staff::StaffUser;
use crate::state::AppState;
use app::components::form::FormDraft;
use axum::Router;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, Request, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use leptos::prelude::provide_context;
use std::collections::HashMap;
use types::cases::{CasePage, StaffCasePage};
use types::page_data::PageData;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/funeral",
            post(claim).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route("/check/preapply", post(preapplication))
        .route(
            "/cases/{reference}",
            post(add_documents).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route("/cases/{reference}/slip.pdf", get(slip_pdf))
        .route("/cases/{reference}/documents/{id}", get(my_document))
        .route("/staff/case", post(act))
        .route("/staff/case/documents", get(staff_document))
}

/// The case page's notice for `?sent=1` (just sent) or `?added=N`.
fn notice_of(query: Option<&str>) -> Option<(String, String)> {
    let q: HashMap<String, String> =
        serde_urlencoded::from_str(query.unwrap_or_default()).unwrap_or_default();
    if q.contains_key("sent") {
        Some((
            "申请已提交。请记下受理编号，或打印、下载回执；办理进度会发短信告诉您。".into(),
            "Your application is sent. Note the reference, or print or download the slip; you get a text message at every step.".into(),
        ))
    } else {
        None
    }
}

/// `/cases` (`?ref=` finds a case) and `/cases/{reference}`: a signed-in resident's own cases
/// (signed out, the pages ask them to sign in); another's reference is "not found".
pub fn pages() -> PageLoaders {
    PageLoaders::new()
        .page("/cases", |s, page| async move {
            let r = normalize_reference(&page.query_value("ref"));
            if is_reference(&r) {
                return Ok(Loaded::Redirect(format!("/cases/{r}")));
            }
            Ok(match page.user {
                Some(u) => Loaded::data(views::mine(&s, &u, now()).await?),
                None => Loaded::Nothing,
            })
        })
        .page("/cases/{reference}", |s, page| async move {
            let Some(u) = page.user.as_ref() else {
                return Ok(Loaded::Nothing);
            };
            let case = views::for_applicant(&s, u, page.param("reference"), now()).await?;
            let notice = notice_of(page.query.as_deref());
            Ok(Loaded::data(CasePage { case, notice }))
        })
}

fn signed_in(parts: &Parts) -> Option<AuthUser> {
    parts.extensions.get::<AuthUser>().cloned()
}

fn please_sign_in() -> ApiError {
    ApiError::unauthorized(
        "unauthenticated",
        "请先用手机号登录",
        "Please sign in with your mobile number first",
    )
}
