//! Session cookies: `__Host-` prefixed and Secure behind TLS, HttpOnly and SameSite=Lax always.

use crate::state::AppState;
use axum::http::{HeaderMap, HeaderValue, header};

pub fn access_name(state: &AppState) -> String {
    if state.cfg.behind_tls {
        "__Host-access".into()
    } else {
        "access".into()
    }
}

pub fn refresh_name(state: &AppState) -> String {
    if state.cfg.behind_tls {
        "__Host-refresh".into()
    } else {
        "refresh".into()
    }
}

pub fn staff_name(state: &AppState) -> &'static str {
    if state.cfg.behind_tls {
        "__Host-staff"
    } else {
        "staff"
    }
}

/// The kiosk device credential (kept through the kiosk's idle wipe).
pub fn kiosk_device_name(state: &AppState) -> &'static str {
    if state.cfg.behind_tls {
        "__Host-kiosk-device"
    } else {
        "kiosk-device"
    }
}

/// The resident signed in by the access cookie of these headers, if it is still valid.
pub async fn resident(state: &AppState, headers: &HeaderMap) -> Option<crate::auth::AuthUser> {
    let access = get(headers, &access_name(state))?;
    crate::auth::authenticate(state, &access, crate::clock::now())
        .await
        .ok()
}

pub fn get(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
        .filter(|v| !v.is_empty())
}

pub fn set(state: &AppState, name: &str, value: &str, max_age: i64) -> HeaderValue {
    let secure = if state.cfg.behind_tls { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}"
    ))
    .expect("cookie values are base64url or hex")
}

/// Expires a cookie with the attributes it was set with: a browser keeps a `__Host-` or Secure
/// cookie whose deletion lacks `Secure` (F17).
pub fn clear(state: &AppState, name: &str) -> HeaderValue {
    let secure = if state.cfg.behind_tls { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{secure}"
    ))
    .expect("ASCII cookie name")
}
