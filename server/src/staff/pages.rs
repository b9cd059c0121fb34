//! Staff sign-in and enrolment through the browser: a session cookie of its own
//! (SameSite=Strict), ended by sign-out, 30 minutes idle or 12 hours.

use crate::clock::now;
use crate::error::ApiError;
use crate::staff::enrolment::{self, Completion};
use crate::staff::{self, MAX_SESSION_SECONDS};
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header, request::Parts};
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::provide_context;
use types::page_data::PageData;
use types::staff::EnrolPage;

pub fn cookie_name(s: &AppState) -> &'static str {
    crate::auth::cookies::staff_name(s)
}

pub async fn sign_in(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs, client) = match staff_form(&s, req).await {
        Ok(form) => form,
        Err(refused) => return refused,
    };
    let v = |k: &str| crate::site::form::value(&pairs, k);
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
        Ok((token, _)) => to_staff_entry(&s, &token),
        Err(e) => crate::site::form::show_error(&s, parts, &e, "username").await,
    }
}

/// The staff entry page, with the session cookie of a member just signed in.
fn to_staff_entry(s: &AppState, token: &str) -> Response {
    let secure = if s.cfg.behind_tls { "; Secure" } else { "" };
    let cookie = format!(
        "{}={token}; Path=/; Max-Age={MAX_SESSION_SECONDS}; HttpOnly; SameSite=Strict{secure}",
        cookie_name(s)
    );
    let mut res = Redirect::to("/staff").into_response();
    res.headers_mut().append(
        header::SET_COOKIE,
        HeaderValue::from_str(&cookie).expect("ASCII token"),
    );
    res
}

/// A staff sign-in or enrolment form as posted: refused when cross-site or on a kiosk; its
/// fields and the client's address.
async fn staff_form(
    s: &AppState,
    req: Request,
) -> Result<(Parts, Vec<(String, String)>, String), Response> {
    let (parts, pairs) = crate::site::form::form(req).await;
    if let Some(refused) = crate::site::refuse_cross_site(&parts) {
        return Err(refused);
    }
    if let Some(refused) = on_kiosk(s, &parts) {
        return Err(crate::site::form::show_error(s, parts, &refused, "username").await);
    }
    let client = crate::http::client::of(&parts);
    Ok((parts, pairs, client))
}

/// A kiosk's refusal of staff sign-in and enrolment: a street-centre kiosk is for residents,
/// and a staff session there would outlive the visit.
fn on_kiosk(s: &AppState, parts: &Parts) -> Option<ApiError> {
    crate::auth::cookies::get(&parts.headers, crate::auth::cookies::kiosk_device_name(s))?;
    Some(ApiError::rejected(
        axum::http::StatusCode::FORBIDDEN,
        "kiosk_device",
        "自助终端上不能登录工作人员账号，请在工作电脑上登录",
        "Staff cannot sign in on a self-service kiosk; use a staff computer",
    ))
}

/// `/staff/enrol`, step one: username and enrolment code; a right code shows the member the
/// authenticator to set up and the second form.
pub async fn enrol_start(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs, client) = match staff_form(&s, req).await {
        Ok(form) => form,
        Err(refused) => return refused,
    };
    let v = |k: &str| crate::site::form::value(&pairs, k);
    let code = v("enrol_code");
    match enrolment::start(&s, &client, &v("username"), &code, now()).await {
        Ok(enrolment) => {
            let data = PageData::new(EnrolPage { enrolment, code });
            crate::site::render_with(&s, parts, move || provide_context(data.clone())).await
        }
        // The username stays filled in; the code is typed again.
        Err(e) => {
            let draft = vec![("username".to_string(), v("username"))];
            crate::site::form::refused(&s, parts, e, "enrol_code", draft, None).await
        }
    }
}

/// `/staff/enrol`, step two: the member's own password and a first authenticator code; signed
/// in when right. A wrong password or code shows the second form again with the same secret.
pub async fn enrol_finish(State(s): State<AppState>, req: Request) -> Response {
    let (mut parts, pairs, client) = match staff_form(&s, req).await {
        Ok(form) => form,
        Err(refused) => return refused,
    };
    let v = |k: &str| crate::site::form::value(&pairs, k);
    let (username, code) = (v("username"), v("enrol_code"));
    let completion = Completion {
        username: &username,
        code: &code,
        password: &v("password"),
        totp_code: &v("totp_code"),
    };
    let e = match enrolment::complete(&s, &client, &completion, now()).await {
        Ok((token, _)) => return to_staff_entry(&s, &token),
        Err(e) => e,
    };
    // The second form again, with the secret staged at step one (a refused code starts over).
    parts.uri = "/staff/enrol".parse().expect("a static path");
    if let Ok(Some(enrolment)) = enrolment::staged(&s, &username, &code, now()).await {
        parts
            .extensions
            .insert(PageData::new(EnrolPage { enrolment, code }));
    }
    crate::site::form::show_error(&s, parts, &e, "totp_code").await
}

pub async fn sign_out(State(s): State<AppState>, req: Request) -> Response {
    let (parts, _) = crate::site::form::form(req).await;
    if let Some(refused) = crate::site::refuse_cross_site(&parts) {
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

/// This module's form posts.
pub fn routes() -> axum::Router<AppState> {
    use axum::routing::post;
    axum::Router::new()
        .route("/staff/signin", post(sign_in))
        .route("/staff/enrol", post(enrol_start))
        .route("/staff/enrol/finish", post(enrol_finish))
        .route("/staff/signout", post(sign_out))
}
