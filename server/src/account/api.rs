//! `/api/v1/auth`: resident sign-in for API clients (a mini-program) with Bearer tokens.

use crate::account;
use crate::api::extract::Path;
use crate::api::json::ApiJson;
use crate::api::routes::ApiRoutes;
use crate::auth::AuthUser;
use crate::auth::roles::Audience;
use crate::clock::now;
use crate::error::ApiError;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa_axum::routes;

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CodeRequest {
    /// Mainland mobile number, 11 digits.
    pub phone: String,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CodeVerify {
    pub phone: String,
    /// The 6 digits received.
    pub code: String,
    /// Agreement to keep the number to sign in and send updates (notice `account-2026-11`);
    /// needed once, when the account has no standing consent.
    #[serde(default)]
    pub consent: bool,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct TokenResponse {
    pub access_token: String,
    pub refresh_token: String,
    pub token_type: &'static str,
    /// Seconds the access token lasts.
    pub expires_in: i64,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Me {
    pub account_id: String,
    /// The mobile number, masked (138****5678).
    pub phone: String,
}

impl From<account::Tokens> for TokenResponse {
    fn from(t: account::Tokens) -> TokenResponse {
        TokenResponse {
            access_token: t.access,
            refresh_token: t.refresh,
            token_type: "Bearer",
            expires_in: crate::auth::tokens::ACCESS_SECONDS,
        }
    }
}

/// Sends a one-time sign-in code (6 digits, 5 minutes, single use).
#[utoipa::path(post, path = "/api/v1/auth/code", tag = "auth", request_body = CodeRequest, responses(
    (status = 202, description = "Code sent"), (status = 422, body = crate::error::ErrorBody),
    (status = 429, body = crate::error::ErrorBody, description = "Too many codes for this number or client"),
    (status = 503, body = crate::error::ErrorBody, description = "No text-message sender: production mode has no development sender")))]
pub async fn send_code(
    State(s): State<AppState>,
    parts: axum::http::request::Parts,
    ApiJson(req): ApiJson<CodeRequest>,
) -> Result<StatusCode, ApiError> {
    account::request_code(&s, &req.phone, &crate::http::client::of(&parts), now()).await?;
    Ok(StatusCode::ACCEPTED)
}

/// Signs in with the code: returns an access token (15 minutes) and a refresh token.
#[utoipa::path(post, path = "/api/v1/auth/verify", tag = "auth", request_body = CodeVerify, responses(
    (status = 200, body = TokenResponse), (status = 401, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn verify(
    State(s): State<AppState>,
    ApiJson(req): ApiJson<CodeVerify>,
) -> Result<Json<TokenResponse>, ApiError> {
    Ok(Json(
        account::verify_code(&s, &req.phone, &req.code, req.consent, now())
            .await?
            .into(),
    ))
}

/// Exchanges a refresh token for a new pair; the old one is spent. Reuse ends the sign-in.
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "auth", request_body = RefreshRequest, responses(
    (status = 200, body = TokenResponse), (status = 401, body = crate::error::ErrorBody)))]
pub async fn refresh(
    State(s): State<AppState>,
    ApiJson(req): ApiJson<RefreshRequest>,
) -> Result<Json<TokenResponse>, ApiError> {
    Ok(Json(
        account::refresh(&s, &req.refresh_token, now())
            .await?
            .into(),
    ))
}

/// Ends this sign-in.
#[utoipa::path(post, path = "/api/v1/auth/sign-out", tag = "auth", security(("bearer" = [])),
    responses((status = 204), (status = 401, body = crate::error::ErrorBody)))]
pub async fn sign_out(State(s): State<AppState>, user: AuthUser) -> Result<StatusCode, ApiError> {
    account::sign_out(&s, &user, now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Ends every sign-in of this account, on every device.
#[utoipa::path(post, path = "/api/v1/auth/sign-out-everywhere", tag = "auth", security(("bearer" = [])),
    responses((status = 204), (status = 401, body = crate::error::ErrorBody)))]
pub async fn sign_out_everywhere(
    State(s): State<AppState>,
    user: AuthUser,
) -> Result<StatusCode, ApiError> {
    account::sign_out_everywhere(&s, &user, now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The signed-in resident, with personal data masked.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = Me), (status = 401, body = crate::error::ErrorBody)))]
pub async fn me(State(s): State<AppState>, user: AuthUser) -> Result<Json<Me>, ApiError> {
    let phone = account::masked_phone(&s, &user).await?;
    Ok(Json(Me {
        account_id: user.account_id,
        phone,
    }))
}

/// What this resident agreed to, and when (withdrawn ones included).
#[utoipa::path(get, path = "/api/v1/me/consents", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = Vec<crate::account::store::ConsentRow>), (status = 401, body = crate::error::ErrorBody)))]
pub async fn consents(
    State(s): State<AppState>,
    user: AuthUser,
) -> Result<Json<Vec<crate::account::store::ConsentRow>>, ApiError> {
    Ok(Json(account::consents(&s, &user).await?))
}

/// Withdraws a consent; withdrawing `account` also ends every sign-in.
#[utoipa::path(post, path = "/api/v1/me/consents/{purpose}/withdraw", tag = "auth", security(("bearer" = [])),
    params(("purpose" = String, Path, description = "e.g. account")),
    responses((status = 204), (status = 401, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn withdraw(
    State(s): State<AppState>,
    user: AuthUser,
    Path(purpose): Path<String>,
) -> Result<StatusCode, ApiError> {
    account::withdraw(&s, &user, &purpose, now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// This module's routes, each with who may call it.
pub fn routes() -> ApiRoutes {
    ApiRoutes::new()
        .add(Audience::Anyone, routes!(send_code))
        .add(Audience::Anyone, routes!(verify))
        .add(Audience::Anyone, routes!(refresh))
        .add(Audience::Resident, routes!(sign_out))
        .add(Audience::Resident, routes!(sign_out_everywhere))
        .add(Audience::Resident, routes!(me))
        .add(Audience::Resident, routes!(consents))
        .add(Audience::Resident, routes!(withdraw))
}
