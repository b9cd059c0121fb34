//! Staff sign-in through the browser: a session cookie of its own (SameSite=Strict), ended by
//! sign-out, 30 minutes idle or 12 hours.

use crate::services::auth::now;
use crate::services::staff::{self, MAX_SESSION_SECONDS};
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};

pub fn cookie_name(s: &AppState) -> &'static str {
    crate::auth::cookies::staff_name(s)
}

pub async fn sign_in(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs) = super::signin::form(req).await;
    if let Some(refused) = super::refuse_cross_site(&parts) {
        return refused;
    }
    if crate::auth::cookies::get(&parts.headers, crate::auth::cookies::kiosk_device_name(&s))
        .is_some()
    {
        // A street-centre kiosk is for residents: a staff session there would outlive the visit.
        let refused = crate::error::ApiError::rejected(
            axum::http::StatusCode::FORBIDDEN,
            "kiosk_device",
            "自助终端上不能登录工作人员账号，请在工作电脑上登录",
            "Staff cannot sign in on a self-service kiosk; use a staff computer",
        );
        return super::signin::show_error(&s, parts, &refused, "username").await;
    }
    let v = |k: &str| super::signin::value(&pairs, k);
    let client = crate::http::client::of(&parts);
    match staff::sign_in_from(
        &s,
        &client,
        &v("username"),
        &v("password"),
        &v("code"),
        now(),
    )
    .await
    {
        Ok((token, _)) => {
            let secure = if s.cfg.behind_tls { "; Secure" } else { "" };
            let cookie = format!(
                "{}={token}; Path=/; Max-Age={MAX_SESSION_SECONDS}; HttpOnly; SameSite=Strict{secure}",
                cookie_name(&s)
            );
            let mut res = Redirect::to("/staff").into_response();
            res.headers_mut().append(
                header::SET_COOKIE,
                HeaderValue::from_str(&cookie).expect("ASCII token"),
            );
            res
        }
        Err(e) => super::signin::show_error(&s, parts, &e, "username").await,
    }
}

pub async fn sign_out(State(s): State<AppState>, req: Request) -> Response {
    let (parts, _) = super::signin::form(req).await;
    if let Some(refused) = super::refuse_cross_site(&parts) {
        return refused;
    }
    if let Some(token) = crate::auth::cookies::get(&parts.headers, cookie_name(&s)) {
        let _ = staff::sign_out(&s, &token, now()).await;
    }
    let mut res = Redirect::to("/staff").into_response();
    res.headers_mut().append(
        header::SET_COOKIE,
        crate::auth::cookies::clear(&s, cookie_name(&s)),
    );
    res
}
