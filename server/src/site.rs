//! The web pages: Leptos server rendering, display-preference and kiosk switches, static files.

use crate::http::{origin, security::CspNonce};
use crate::state::AppState;
use app::prefs::{KioskTiming, cookie};
use axum::Router;
use axum::extract::{Form, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};

pub fn router(state: &AppState) -> Router<AppState> {
    let leptos = state.leptos.clone();
    let timing = KioskTiming {
        idle_seconds: state.cfg.kiosk_idle_seconds,
        warn_seconds: state.cfg.kiosk_warn_seconds,
    };
    let routes = generate_route_list(app::App);
    Router::new()
        .route("/prefs", post(set_pref))
        .route("/check", post(check_without_js))
        .route("/kiosk", get(enter_kiosk))
        .route("/kiosk/reset", get(kiosk_reset))
        .route("/kiosk/exit", get(exit_kiosk))
        .leptos_routes_with_context(
            state,
            routes,
            move || page_context(timing),
            move || app::shell(leptos.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(move || page_context(timing), app::shell))
}

/// The eligibility check posted without JavaScript: the page is rendered once more with the
/// next step. Nothing is stored or logged; the answers travel only in the form.
async fn check_without_js(State(state): State<AppState>, req: axum::extract::Request) -> Response {
    use app::check::{PostedCheck, answers::Answers, flow};
    let (parts, body) = req.into_parts();
    if !origin::is_same_origin(&parts.headers) {
        return (
            StatusCode::FORBIDDEN,
            "cross-site request refused / 拒绝跨站请求",
        )
            .into_response();
    }
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "form too large / 表单过大").into_response();
    };
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes).unwrap_or_default();
    let field = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let action = flow::Action::parse(&field("_nav"));
    let step = field("_step").parse().unwrap_or(0);
    let cookies = parts
        .headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let prefs = app::prefs::Prefs::from_cookie_header(cookies, KioskTiming::default());
    let current = flow::CheckState {
        answers: Answers::from_pairs(pairs),
        step,
        problems: vec![],
    };
    let next = flow::advance(
        current,
        action,
        prefs.large || prefs.kiosk,
        app::check::today(),
    );
    let timing = KioskTiming {
        idle_seconds: state.cfg.kiosk_idle_seconds,
        warn_seconds: state.cfg.kiosk_warn_seconds,
    };
    let leptos = state.leptos.clone();
    let render = leptos_axum::render_app_to_stream_with_context(
        move || {
            page_context(timing);
            provide_context(PostedCheck(next.clone()));
        },
        move || app::shell(leptos.clone()),
    );
    let mut get = axum::http::Request::from_parts(parts, axum::body::Body::empty());
    *get.method_mut() = axum::http::Method::GET;
    render(get).await.into_response()
}

/// Context every rendered page gets: kiosk timing and the nonce the security layer will put in
/// this response's CSP (so exactly Leptos's own inline scripts may run).
fn page_context(timing: KioskTiming) {
    provide_context(timing);
    if let Some(parts) = leptos::prelude::use_context::<axum::http::request::Parts>() {
        if let Some(n) = parts.extensions.get::<CspNonce>() {
            provide_context(leptos::nonce::Nonce::from_value(n.0.clone()));
        }
    }
}

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

async fn set_pref(headers: HeaderMap, Form(f): Form<PrefForm>) -> Response {
    if !origin::is_same_origin(&headers) {
        return (
            StatusCode::FORBIDDEN,
            "cross-site request refused / 拒绝跨站请求",
        )
            .into_response();
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

async fn enter_kiosk() -> Response {
    let mut res = Redirect::to("/").into_response();
    res.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(cookie::KIOSK, "1", 10 * YEAR),
    );
    res
}

async fn exit_kiosk() -> Response {
    let mut res = Redirect::to("/").into_response();
    res.headers_mut()
        .append(header::SET_COOKIE, set_cookie(cookie::KIOSK, "", 0));
    res
}

/// Expires every cookie the resident's visit left, except the kiosk's own, and starts over.
async fn kiosk_reset(State(_): State<AppState>, headers: HeaderMap) -> Response {
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
        if !name.is_empty() && name != cookie::KIOSK && !name.starts_with("__Host-kiosk") {
            if let Ok(v) = HeaderValue::from_str(&format!("{name}=; Path=/; Max-Age=0")) {
                res.headers_mut().append(header::SET_COOKIE, v);
            }
        }
    }
    res.headers_mut().insert(
        "clear-site-data",
        HeaderValue::from_static("\"cache\", \"storage\""),
    );
    res
}
