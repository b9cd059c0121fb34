//! A posted form, read once: its pairs, one field's value, and the error a re-rendered form
//! shows at its field. Every feature's form handlers use these.

use crate::error::ApiError;
use crate::state::AppState;
use app::components::form::FormDraft;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use leptos::prelude::provide_context;
use types::account::PostedError;
use types::page_data::PageData;

/// The request's head and its urlencoded pairs (at most 16 KiB; an unreadable body is empty).
pub(crate) async fn form(req: Request) -> (axum::http::request::Parts, Vec<(String, String)>) {
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, 16 * 1024)
        .await
        .unwrap_or_default();
    (
        parts,
        serde_urlencoded::from_bytes(&bytes).unwrap_or_default(),
    )
}

/// A field's trimmed value, empty when absent.
pub(crate) fn value(pairs: &[(String, String)], name: &str) -> String {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim().to_string())
        .unwrap_or_default()
}

/// The page re-rendered with the error at `field`.
pub(crate) async fn show_error(
    s: &AppState,
    parts: axum::http::request::Parts,
    e: &ApiError,
    field: &str,
) -> Response {
    let (posted, status) = posted(e, field, "");
    let mut res = super::render_with(s, parts, move || provide_context(posted.clone())).await;
    *res.status_mut() = status;
    res
}

/// The error a re-rendered form shows at its field (`{prefix}{field}`, or `{prefix}{default}`
/// for a refusal without one), and the status of that answer.
pub(crate) fn posted(e: &ApiError, default: &str, prefix: &str) -> (PostedError, StatusCode) {
    let (field, message) = e.for_form(default);
    let posted = PostedError {
        field: format!("{prefix}{field}"),
        zh: message.zh,
        en: message.en,
    };
    let status = match e {
        ApiError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
        ApiError::Rejected { status, .. } => *status,
        ApiError::NotFound => StatusCode::NOT_FOUND,
        ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
        _ => StatusCode::SERVICE_UNAVAILABLE,
    };
    (posted, status)
}

/// The page at `parts`' address again, with the error at its field and what was typed.
pub(crate) async fn refused(
    s: &AppState,
    parts: Parts,
    e: ApiError,
    default: &str,
    draft: Vec<(String, String)>,
    extra: Option<PageData>,
) -> Response {
    let (posted, status) = posted(&e, default, "");
    let draft = FormDraft(draft);
    let mut res = crate::site::render_with(s, parts, move || {
        provide_context(posted.clone());
        provide_context(draft.clone());
        if let Some(d) = extra.clone() {
            provide_context(d);
        }
    })
    .await;
    *res.status_mut() = status;
    res
}
