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
        let token = bearer.or_else(|| cookies::get(&parts.headers, &cookies::access_name(state)));
        let Some(token) = token else {
            return Err(ApiError::unauthorized(
                "unauthenticated",
                "请先登录",
                "Please sign in first",
            ));
        };
        crate::services::auth::authenticate(state, &token, crate::services::auth::now()).await
    }
}
