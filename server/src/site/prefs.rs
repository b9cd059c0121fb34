//! Display preferences (language, 长辈版, contrast) and the kiosk switches, as plain forms and
//! links that work without JavaScript.

use crate::state::AppState;
use app::prefs::cookie;
use axum::extract::{Form, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

#[derive(serde::Deserialize)]
pub struct PrefForm {
    name: String,
    value: String,
    back: Option<String>,
}

const YEAR: u32 = 365 * 24 * 3600;

fn set_cookie(name: &str, value: &str, max_age: u32) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; Max-Age={max_age}; SameSite=Lax; HttpOnly"
    ))
    .expect("cookie names and values are ASCII")
}

/// Only local paths, so the switch cannot be used to send people elsewhere.
fn safe_back(back: Option<&str>) -> &str {
    match back {
        Some(b) if b.starts_with('/') && !b.starts_with("//") && !b.contains('\\') => b,
        _ => "/",
    }
}

pub async fn set_pref(headers: HeaderMap, Form(f): Form<PrefForm>) -> Response {
    if let Some(refused) = super::refuse_cross_site_of(&headers) {
        return refused;
    }
    let value = match (f.name.as_str(), f.value.as_str()) {
        (cookie::LANG, v @ ("zh" | "en")) => v,
        (cookie::LARGE | cookie::CONTRAST, v @ ("0" | "1")) => v,
        _ => {
            return (
                StatusCode::UNPROCESSABLE_ENTITY,
                "unknown setting / 未知的设置",
            )
                .into_response();
        }
    };
    let mut res = Redirect::to(safe_back(f.back.as_deref())).into_response();
    res.headers_mut()
        .append(header::SET_COOKIE, set_cookie(&f.name, value, YEAR));
    res
}

/// The kiosk switches change the device, so they are same-origin POSTs (L2): another site's
/// link or form cannot put a device into kiosk mode or wipe it.
pub async fn enter_kiosk(headers: HeaderMap) -> Response {
    if let Some(refused) = super::refuse_cross_site_of(&headers) {
        return refused;
    }
    let mut res = Redirect::to("/").into_response();
    res.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(cookie::KIOSK, "1", 10 * YEAR),
    );
    res
}

/// The kiosk trades the administrator's one-time code for its device credential; from then on
/// it is in kiosk mode and every flow knows its street centre.
pub async fn enrol(State(s): State<AppState>, req: axum::extract::Request) -> Response {
    let (parts, pairs) = crate::site::form::form(req).await;
    if let Some(refused) = super::refuse_cross_site(&parts) {
        return refused;
    }
    let client = crate::http::client::of(&parts);
    let code = crate::site::form::value(&pairs, "code");
    match crate::kiosks::service::enrol(&s, &code, &client, crate::clock::now()).await {
        Ok(enrolled) => {
            let mut res = Redirect::to("/").into_response();
            let name = crate::auth::cookies::kiosk_device_name(&s);
            let h = res.headers_mut();
            h.append(
                header::SET_COOKIE,
                crate::auth::cookies::set(&s, name, &enrolled.credential, 10 * YEAR as i64),
            );
            h.append(
                header::SET_COOKIE,
                set_cookie(cookie::KIOSK, "1", 10 * YEAR),
            );
            res
        }
        Err(e) => crate::site::form::show_error(&s, parts, &e, "code").await,
    }
}

pub async fn exit_kiosk(headers: HeaderMap) -> Response {
    if let Some(refused) = super::refuse_cross_site_of(&headers) {
        return refused;
    }
    let mut res = Redirect::to("/").into_response();
    res.headers_mut()
        .append(header::SET_COOKIE, set_cookie(cookie::KIOSK, "", 0));
    res
}

/// Expires every cookie the resident's visit left, except the kiosk's own, and starts over.
pub async fn kiosk_reset(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Some(refused) = super::refuse_cross_site_of(&headers) {
        return refused;
    }
    // A resident signed in on a kiosk is signed out when the kiosk wipes, and so is a member of
    // staff (F17): nothing of one visit stays for the next person.
    crate::account::pages::end_sign_in_from(&state, &headers).await;
    if let Some(token) =
        crate::auth::cookies::get(&headers, crate::auth::cookies::staff_name(&state))
    {
        let _ = crate::staff::sign_out(&state, &token, crate::clock::now()).await;
    }
    let mut res = Redirect::to("/").into_response();
    let cookies = headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    for name in cookies
        .split(';')
        .filter_map(|p| p.split('=').next())
        .map(str::trim)
    {
        let kiosk_own =
            name == cookie::KIOSK || name == crate::auth::cookies::kiosk_device_name(&state);
        if !name.is_empty() && !kiosk_own {
            if name.bytes().all(|b| b.is_ascii_graphic()) {
                res.headers_mut().append(
                    header::SET_COOKIE,
                    crate::auth::cookies::clear(&state, name),
                );
            }
        }
    }
    res.headers_mut().insert(
        "clear-site-data",
        HeaderValue::from_static("\"cache\", \"storage\""),
    );
    res
}
