//! Limits on every request: how large its body may be and how long it may take.
//!
//! Bodies: every route accepts at most [`BODY_LIMIT`] unless it sets its own larger
//! `DefaultBodyLimit` (the routes that take documents do). A request over its route's limit is
//! answered 413 with the API's bilingual error, whichever extractor noticed it, and changes
//! nothing. Time: a request not answered within the configured timeout (30 s; its body upload
//! included) is answered 503 and its work is dropped — a transaction not committed by then is
//! rolled back, so nothing is half-written.

use crate::error::ApiError;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::time::Duration;

/// The body limit of every route that sets none: forms and JSON are a few KB.
pub const BODY_LIMIT: usize = 64 * 1024;

/// The layer giving every route [`BODY_LIMIT`]; a route's own `DefaultBodyLimit` wins.
pub fn default_body_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(BODY_LIMIT)
}

pub fn too_large() -> ApiError {
    ApiError::rejected(
        StatusCode::PAYLOAD_TOO_LARGE,
        "too_large",
        "提交的内容太大，请减少内容或文件后再试",
        "The request is too large; send less or smaller files and try again",
    )
}

fn timed_out() -> ApiError {
    ApiError::rejected(
        StatusCode::SERVICE_UNAVAILABLE,
        "timeout",
        "处理时间过长，请稍后再试",
        "The request took too long; please try again shortly",
    )
}

/// Bounds the time of every request, and gives every 413 the API's bilingual error shape (the
/// framework's own extractors answer it in plain English text).
pub async fn bound(timeout: Duration, req: Request, next: Next) -> Response {
    let res = match tokio::time::timeout(timeout, next.run(req)).await {
        Ok(res) => res,
        Err(_) => return timed_out().into_response(),
    };
    let plain = !res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/json"));
    if res.status() == StatusCode::PAYLOAD_TOO_LARGE && plain {
        return too_large().into_response();
    }
    res
}

/// The quota a POST to `path` counts against, by name (the API route and the page form that do
/// the same thing share one): writes anyone may make without signing in, or that create paper
/// (L16) — donation orders, goods pledges, pre-applications and certificates. Each allows
/// `CLIENT_WRITES_PER_HOUR` per client address.
pub fn quota_of(path: &str) -> Option<&'static str> {
    match path {
        "/api/v1/charity/orders" | "/charity/donate" => Some("orders"),
        "/api/v1/charity/goods/pledges" | "/charity/pledge" => Some("pledges"),
        "/api/v1/preapplications" | "/check/preapply" => Some("preapplications"),
        "/api/v1/timebank/me/certificates" | "/volunteer/certificate" => Some("certificates"),
        // Claims and added documents carry uploads (F15).
        "/api/v1/funeral/claims" | "/funeral" => Some("uploads"),
        p if p.starts_with("/api/v1/me/cases/") && p.ends_with("/documents") => Some("uploads"),
        p if p
            .strip_prefix("/cases/")
            .is_some_and(|r| !r.is_empty() && !r.contains('/')) =>
        {
            Some("uploads")
        }
        // A project page's own forms (donate or pledge) post to the page's address.
        p if p
            .strip_prefix("/charity/projects/")
            .is_some_and(|id| !id.is_empty() && !id.contains('/')) =>
        {
            Some("orders")
        }
        _ => None,
    }
}

/// Counts a POST with a quota against the client's address (in the database, so every instance
/// counts the same) and answers 429 once it is used up; nothing is done then.
pub async fn client_quota(
    axum::extract::State(s): axum::extract::State<crate::state::AppState>,
    req: Request,
    next: Next,
) -> Response {
    let quota = (req.method() == axum::http::Method::POST)
        .then(|| quota_of(req.uri().path()))
        .flatten();
    let Some(name) = quota else {
        return next.run(req).await;
    };
    let client = super::client::of_extensions(req.extensions());
    let key = format!(
        "quota:{name}:{}",
        s.vault.lookup_hash(&format!("client:{client}"))
    );
    let now = crate::clock::now();
    let limit = s.cfg.client_writes_per_hour;
    match crate::store::limits::allow(&s.db, &key, limit, 3600, now).await {
        Ok(true) => next.run(req).await,
        Ok(false) => ApiError::rejected(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            "这台设备提交得太频繁，请稍后再试",
            "Too many from this device; please try again later",
        )
        .into_response(),
        Err(e) => ApiError::from(e).into_response(),
    }
}
