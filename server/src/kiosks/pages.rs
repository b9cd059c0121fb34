//! The kiosk switches: enter and leave kiosk mode, enrol the device with an administrator's
//! one-time code, and wipe a visit. Same-origin form posts that work without JavaScript.

use crate::site::prefs::{YEAR, set_cookie};
use crate::site::refuse_cross_site_of;
use crate::state::AppState;
use app::prefs::cookie;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};

/// The kiosk switches change the device, so they are same-origin POSTs (L2): another site's
/// link or form cannot put a device into kiosk mode or wipe it.
pub async fn enter_kiosk(headers: HeaderMap) -> Response {
    if let Some(refused) = refuse_cross_site_of(&headers) {
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
    if let Some(refused) = crate::site::refuse_cross_site(&parts) {
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
    if let Some(refused) = refuse_cross_site_of(&headers) {
        return refused;
    }
    let mut res = Redirect::to("/").into_response();
    res.headers_mut()
        .append(header::SET_COOKIE, set_cookie(cookie::KIOSK, "", 0));
    res
}

/// Expires every cookie the resident's visit left, except the kiosk's own, and starts over.
pub async fn kiosk_reset(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Some(refused) = refuse_cross_site_of(&headers) {
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

/// This module's form posts.
pub fn routes() -> axum::Router<AppState> {
    use axum::routing::post;
    axum::Router::new()
        .route("/kiosk", post(enter_kiosk))
        .route("/kiosk/reset", post(kiosk_reset))
        .route("/kiosk/exit", post(exit_kiosk))
        .route("/kiosk/enrol", post(enrol))
}
