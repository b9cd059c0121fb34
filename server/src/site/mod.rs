//! The web pages: Leptos server rendering, form posts that work without JavaScript, display
//! preferences and kiosk switches, static files.

mod cases;
mod charity;
mod charity_staff;
mod check;
mod coordinator;
mod policy;
mod prefs;
mod signin;
mod staff;
mod staff_admin;
mod totals;
mod verify;
mod volunteer;
mod volunteer_forms;

use crate::http::security::CspNonce;
use crate::state::AppState;
use app::prefs::KioskTiming;
use axum::Router;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};

pub fn router(state: &AppState) -> Router<AppState> {
    let leptos = state.leptos.clone();
    let timing = timing(state);
    let routes = generate_route_list(app::App);
    let mut dev = Router::new();
    if state.cfg.sms_sender() == crate::config::SmsSender::Outbox {
        dev = dev.route("/dev/outbox", get(signin::outbox));
    }
    Router::new()
        .merge(dev)
        .route("/prefs", post(prefs::set_pref))
        .route("/check", post(check::check_without_js))
        // The kiosk switches change the device: same-origin POSTs (the /kiosk page has the forms).
        .route("/kiosk", post(prefs::enter_kiosk))
        .route("/kiosk/reset", post(prefs::kiosk_reset))
        .route("/kiosk/exit", post(prefs::exit_kiosk))
        .route("/signin", post(signin::send_code))
        .route("/signin/code", post(signin::check_code))
        .route("/signout", post(signin::sign_out))
        .route("/signout-everywhere", post(signin::sign_out_everywhere))
        .route("/account/withdraw", post(signin::withdraw))
        .route("/staff/signin", post(staff::sign_in))
        .route("/staff/enrol", post(staff::enrol_start))
        .route("/staff/enrol/finish", post(staff::enrol_finish))
        .route("/staff/signout", post(staff::sign_out))
        .route("/staff/users", post(staff_admin::create_member))
        .route("/staff/users/role", post(staff_admin::change_role))
        .route("/staff/users/end-sessions", post(staff_admin::end_sessions))
        .route("/staff/users/reset", post(staff_admin::reset_member))
        .route("/staff/users/disabled", post(staff_admin::set_disabled))
        .route("/staff/kiosks", post(staff_admin::register_kiosk))
        .route("/staff/kiosks/revoke", post(staff_admin::revoke_kiosk))
        .route("/kiosk/enrol", post(prefs::enrol))
        .route("/staff/activities", post(coordinator::create))
        .route("/staff/activity/confirm", post(coordinator::confirm))
        .route("/volunteer/register", post(volunteer_forms::register))
        .route("/volunteer/signup", post(volunteer_forms::sign_up))
        .route("/volunteer/family", post(volunteer_forms::add_family))
        .route(
            "/volunteer/family/answer",
            post(volunteer_forms::answer_family),
        )
        .route("/volunteer/gift", post(volunteer_forms::gift))
        .route("/volunteer/scan", post(volunteer_forms::scan))
        .route(
            "/volunteer/correction",
            post(volunteer_forms::request_correction),
        )
        .route(
            "/volunteer/certificate",
            post(volunteer_forms::issue_certificate),
        )
        .route(
            "/volunteer/certificates/{number}",
            get(volunteer_forms::certificate_pdf),
        )
        .route("/volunteer/redeem", post(volunteer_forms::redeem))
        .route("/volunteer/kiosk-pass", post(volunteer_forms::kiosk_pass))
        .route(
            "/staff/corrections/decide",
            post(coordinator::decide_correction),
        )
        .route("/staff/honour", post(staff_admin::record_honour))
        .route(
            "/staff/volunteers/release",
            post(staff_admin::release_volunteer),
        )
        .merge(cases::routes())
        .merge(charity::routes(&state.cfg))
        .merge(charity_staff::routes())
        .merge(policy::routes())
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
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            staff_admin::load,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            volunteer::load,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            verify::load,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            totals::load,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::dashboard::pages::load,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            charity::load,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            cases::load,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            policy::load,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            signin::resolve_session,
        ))
}

fn timing(state: &AppState) -> KioskTiming {
    KioskTiming {
        idle_seconds: state.cfg.kiosk_idle_seconds,
        warn_seconds: state.cfg.kiosk_warn_seconds,
    }
}

/// Context every rendered page gets: kiosk timing and the nonce the security layer will put in
/// this response's CSP (so exactly Leptos's own inline scripts may run).
fn page_context(timing: KioskTiming) {
    provide_context(timing);
    if let Some(parts) = leptos::prelude::use_context::<axum::http::request::Parts>() {
        if let Some(user) = parts.extensions.get::<app::account::SignedIn>() {
            provide_context(user.clone());
        }
        if let Some(member) = parts.extensions.get::<app::account::StaffSignedIn>() {
            provide_context(member.clone());
        }
        if let Some(device) = parts.extensions.get::<app::account::KioskDevice>() {
            provide_context(device.clone());
        }
        if let Some(data) = parts.extensions.get::<app::staff_views::PageData>() {
            provide_context(data.clone());
        }
        if let Some(current) = parts.extensions.get::<app::check::CurrentParameters>() {
            provide_context(current.clone());
        }
        if let Some(flags) = parts.extensions.get::<app::account::SiteFlags>() {
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

/// Minutes from hours typed in a form (`2.5` is 150), or None for anything else.
pub(crate) fn minutes_from_hours(text: &str) -> Option<i64> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|h| h.is_finite() && *h >= 0.0 && *h <= 10_000.0)
        .map(|h| (h * 60.0).round() as i64)
}

/// Where this site is reached, for addresses put in QR codes and on paper: `PUBLIC_ORIGIN`
/// (always set in production), else in development the request's Host (L11: a Host header is
/// the client's to choose).
pub(crate) fn public_origin(s: &AppState, headers: &axum::http::HeaderMap) -> String {
    if let Some(origin) = s.cfg.public_origin() {
        return origin.to_string();
    }
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let scheme = if s.cfg.behind_tls { "https" } else { "http" };
    format!("{scheme}://{host}")
}

pub(crate) fn refuse_cross_site(parts: &axum::http::request::Parts) -> Option<Response> {
    refuse_cross_site_of(&parts.headers)
}

/// 403 unless the request plainly comes from this site.
pub(crate) fn refuse_cross_site_of(headers: &axum::http::HeaderMap) -> Option<Response> {
    (!crate::http::origin::is_same_origin(headers)).then(|| {
        (
            StatusCode::FORBIDDEN,
            "cross-site request refused / 拒绝跨站请求",
        )
            .into_response()
    })
}
