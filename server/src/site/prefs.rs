//! Display preferences (language, 长辈版, contrast) as plain forms that work without JavaScript.

use app::prefs::cookie;
use axum::extract::Form;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

#[derive(serde::Deserialize)]
pub struct PrefForm {
    name: String,
    value: String,
    back: Option<String>,
}

pub(crate) const YEAR: u32 = 365 * 24 * 3600;

pub(crate) fn set_cookie(name: &str, value: &str, max_age: u32) -> HeaderValue {
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
