//! Rendering a page on the server: the context every page gets (kiosk timing, who is signed in,
//! the page's data, the parameters, the CSP nonce), and a page rendered again for a form posted
//! without JavaScript. Below the pages: imports none of them.

use crate::http::security::CspNonce;
use crate::state::AppState;
use app::prefs::KioskTiming;
use axum::response::{IntoResponse, Response};
use leptos::prelude::provide_context;

pub(crate) fn timing(state: &AppState) -> KioskTiming {
    KioskTiming {
        idle_seconds: state.cfg.kiosk_idle_seconds,
        warn_seconds: state.cfg.kiosk_warn_seconds,
    }
}

/// Context every rendered page gets: kiosk timing and the nonce the security layer will put in
/// this response's CSP (so exactly Leptos's own inline scripts may run).
pub(crate) fn page_context(timing: KioskTiming) {
    provide_context(timing);
    if let Some(parts) = leptos::prelude::use_context::<axum::http::request::Parts>() {
        if let Some(user) = parts.extensions.get::<types::account::SignedIn>() {
            provide_context(user.clone());
        }
        if let Some(member) = parts.extensions.get::<types::account::StaffSignedIn>() {
            provide_context(member.clone());
        }
        if let Some(device) = parts.extensions.get::<types::account::KioskDevice>() {
            provide_context(device.clone());
        }
        if let Some(data) = parts.extensions.get::<types::page_data::PageData>() {
            provide_context(data.clone());
        }
        if let Some(current) = parts.extensions.get::<types::check::CurrentParameters>() {
            provide_context(current.clone());
        }
        if let Some(flags) = parts.extensions.get::<types::account::SiteFlags>() {
            provide_context(*flags);
        }
        if let Some(n) = parts.extensions.get::<CspNonce>() {
            provide_context(leptos::nonce::Nonce::from_value(n.0.clone()));
        }
    }
}

/// Renders the page at this request's path once more (for a form posted without JavaScript),
/// with extra context such as the next step or the error to show.
pub(crate) async fn render_with(
    state: &AppState,
    parts: axum::http::request::Parts,
    extra: impl Fn() + Clone + Send + Sync + 'static,
) -> Response {
    let timing = timing(state);
    let leptos = state.leptos.clone();
    let render = leptos_axum::render_app_to_stream_with_context(
        move || {
            page_context(timing);
            extra();
        },
        move || app::shell(leptos.clone()),
    );
    let mut get = axum::http::Request::from_parts(parts, axum::body::Body::empty());
    *get.method_mut() = axum::http::Method::GET;
    render(get).await.into_response()
}
