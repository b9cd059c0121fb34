//! Who is asking: resident sign-in by one-time code, signed access tokens, rotating refresh
//! tokens, and the extractor the API uses.

pub mod cookies;
pub mod roles;
pub mod tokens;
pub mod totp;

use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;

/// A signed-in resident, checked against the database on every request (so signing out takes
/// effect at once).
#[derive(Clone, Debug)]
pub struct AuthUser {
    pub account_id: String,
    pub family: String,
}

impl FromRequestParts<AppState> for AuthUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<AuthUser, ApiError> {
        let bearer = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::to_owned);
        let from_cookie = bearer.is_none();
        let token = bearer.or_else(|| cookies::get(&parts.headers, &cookies::access_name(state)));
        if from_cookie && token.is_some() {
            same_origin_for_cookies(parts)?;
        }
        let Some(token) = token else {
            return Err(ApiError::unauthorized(
                "unauthenticated",
                "请先登录",
                "Please sign in first",
            ));
        };
        authenticate(state, &token, crate::clock::now()).await
    }
}

/// A call authenticated by a cookie that changes something must come from this site: a browser
/// sends the cookie along with a form or fetch from anywhere, so another site could otherwise
/// act in a signed-in resident's or staff member's name. Bearer calls carry their credential
/// deliberately and are not affected.
pub fn same_origin_for_cookies(parts: &Parts) -> Result<(), ApiError> {
    let safe = matches!(
        parts.method,
        axum::http::Method::GET | axum::http::Method::HEAD | axum::http::Method::OPTIONS
    );
    if safe || crate::http::origin::is_same_origin(&parts.headers) {
        return Ok(());
    }
    Err(ApiError::rejected(
        axum::http::StatusCode::FORBIDDEN,
        "cross_site",
        "请求来自其他网站，未处理",
        "The request came from another site; nothing was done",
    ))
}

/// The resident an access token names, if its sign-in is still active in the database.
pub async fn authenticate(s: &AppState, token: &str, now: i64) -> Result<AuthUser, ApiError> {
    let invalid = || {
        ApiError::unauthorized(
            "token_invalid",
            "登录已失效，请重新登录",
            "Your sign-in has expired; please sign in again",
        )
    };
    let claims = s.tokens.check(token, now).ok_or_else(invalid)?;
    match crate::account::store::active_family(&s.db, &claims.sid).await? {
        Some(account_id) if account_id == claims.sub => Ok(AuthUser {
            account_id,
            family: claims.sid,
        }),
        _ => Err(invalid()),
    }
}
