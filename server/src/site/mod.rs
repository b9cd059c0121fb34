//! The web pages: Leptos server rendering, form posts that work without JavaScript, display
//! preferences and kiosk switches, static files.

mod cases;
mod charity;
mod charity_staff;
mod coordinator;
pub(crate) mod origin;
mod prefs;
pub(crate) mod render;
pub(crate) mod signin;
mod staff;
pub(crate) mod staff_admin;
pub(crate) mod staff_gate;
mod totals;
mod verify;
mod volunteer;
mod volunteer_forms;

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};
use leptos_axum::{LeptosRoutes, generate_route_list};
use render::{page_context, timing};

pub(crate) use origin::{public_origin, refuse_cross_site, refuse_cross_site_of};
pub(crate) use render::render_with;

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
        .route("/check", post(crate::check::pages::check_without_js))
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
        .merge(crate::parameters::pages::routes())
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
            crate::parameters::pages::load,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            signin::resolve_session,
        ))
}

/// Minutes from hours typed in a form (`2.5` is 150), or None for anything else.
pub(crate) fn minutes_from_hours(text: &str) -> Option<i64> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|h| h.is_finite() && *h >= 0.0 && *h <= 10_000.0)
        .map(|h| (h * 60.0).round() as i64)
}
