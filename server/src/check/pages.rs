//! The eligibility check posted without JavaScript: the page is rendered once more with the
//! next step. Nothing is stored or logged; the answers travel only in the form.

use crate::state::AppState;
use app::prefs::KioskTiming;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use leptos::prelude::provide_context;

pub async fn check_without_js(
    State(state): State<AppState>,
    req: axum::extract::Request,
) -> Response {
    use app::check::{PostedCheck, answers::Answers, flow};
    let (parts, body) = req.into_parts();
    if let Some(refused) = crate::site::origin::refuse_cross_site(&parts) {
        return refused;
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
    crate::site::render::render_with(&state, parts, move || {
        provide_context(PostedCheck(next.clone()))
    })
    .await
}

/// This module's form posts.
pub fn routes() -> axum::Router<AppState> {
    use axum::routing::post;
    axum::Router::new().route("/check", post(check_without_js))
}
