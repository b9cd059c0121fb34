//! Where a request comes from and where this site is reached: the same-site check every form
//! post passes, and the origin put in QR codes and on paper.

use crate::state::AppState;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// Where this site is reached, for addresses put in QR codes and on paper: `PUBLIC_ORIGIN`
/// (always set in production), else in development the request's Host (L11: a Host header is
/// the client's to choose).
pub(crate) fn public_origin(s: &AppState, headers: &axum::http::HeaderMap) -> String {
    if let Some(origin) = s.cfg.public_origin() {
        return origin.to_string();
    }
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let scheme = if s.cfg.behind_tls { "https" } else { "http" };
    format!("{scheme}://{host}")
}

pub(crate) fn refuse_cross_site(parts: &axum::http::request::Parts) -> Option<Response> {
    refuse_cross_site_of(&parts.headers)
}

/// 403 unless the request plainly comes from this site.
pub(crate) fn refuse_cross_site_of(headers: &axum::http::HeaderMap) -> Option<Response> {
    (!crate::http::origin::is_same_origin(headers)).then(|| {
        (
            StatusCode::FORBIDDEN,
            "cross-site request refused / 拒绝跨站请求",
        )
            .into_response()
    })
}
