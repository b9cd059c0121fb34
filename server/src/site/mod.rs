//! The web pages: Leptos server rendering, form posts that work without JavaScript, display
//! preferences and kiosk switches, static files.

pub(crate) mod form;
pub(crate) mod origin;
mod prefs;
pub(crate) mod render;
pub(crate) mod staff_gate;

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
        dev = dev.route("/dev/outbox", get(crate::account::pages::outbox));
    }
    Router::new()
        .merge(dev)
        .route("/prefs", post(prefs::set_pref))
        .route("/check", post(crate::check::pages::check_without_js))
        // The kiosk switches change the device: same-origin POSTs (the /kiosk page has the forms).
        .route("/kiosk", post(prefs::enter_kiosk))
        .route("/kiosk/reset", post(prefs::kiosk_reset))
        .route("/kiosk/exit", post(prefs::exit_kiosk))
        .route("/signin", post(crate::account::pages::send_code))
        .route("/signin/code", post(crate::account::pages::check_code))
        .route("/signout", post(crate::account::pages::sign_out))
        .route(
            "/signout-everywhere",
            post(crate::account::pages::sign_out_everywhere),
        )
        .route("/account/withdraw", post(crate::account::pages::withdraw))
        .route("/staff/signin", post(crate::staff::pages::sign_in))
        .route("/staff/enrol", post(crate::staff::pages::enrol_start))
        .route(
            "/staff/enrol/finish",
            post(crate::staff::pages::enrol_finish),
        )
        .route("/staff/signout", post(crate::staff::pages::sign_out))
        .route(
            "/staff/users",
            post(crate::staff::admin_pages::create_member),
        )
        .route(
            "/staff/users/role",
            post(crate::staff::admin_pages::change_role),
        )
        .route(
            "/staff/users/end-sessions",
            post(crate::staff::admin_pages::end_sessions),
        )
        .route(
            "/staff/users/reset",
            post(crate::staff::admin_pages::reset_member),
        )
        .route(
            "/staff/users/disabled",
            post(crate::staff::admin_pages::set_disabled),
        )
        .route(
            "/staff/kiosks",
            post(crate::staff::admin_pages::register_kiosk),
        )
        .route(
            "/staff/kiosks/revoke",
            post(crate::staff::admin_pages::revoke_kiosk),
        )
        .route("/kiosk/enrol", post(prefs::enrol))
        .route(
            "/staff/activities",
            post(crate::timebank::pages::coordinator::create),
        )
        .route(
            "/staff/activity/confirm",
            post(crate::timebank::pages::coordinator::confirm),
        )
        .route(
            "/volunteer/register",
            post(crate::timebank::pages::volunteer_forms::register),
        )
        .route(
            "/volunteer/signup",
            post(crate::timebank::pages::volunteer_forms::sign_up),
        )
        .route(
            "/volunteer/family",
            post(crate::timebank::pages::volunteer_forms::add_family),
        )
        .route(
            "/volunteer/family/answer",
            post(crate::timebank::pages::volunteer_forms::answer_family),
        )
        .route(
            "/volunteer/gift",
            post(crate::timebank::pages::volunteer_forms::gift),
        )
        .route(
            "/volunteer/scan",
            post(crate::timebank::pages::volunteer_forms::scan),
        )
        .route(
            "/volunteer/correction",
            post(crate::timebank::pages::volunteer_forms::request_correction),
        )
        .route(
            "/volunteer/certificate",
            post(crate::timebank::pages::volunteer_forms::issue_certificate),
        )
        .route(
            "/volunteer/certificates/{number}",
            get(crate::timebank::pages::volunteer_forms::certificate_pdf),
        )
        .route(
            "/volunteer/redeem",
            post(crate::timebank::pages::volunteer_forms::redeem),
        )
        .route(
            "/volunteer/kiosk-pass",
            post(crate::timebank::pages::volunteer_forms::kiosk_pass),
        )
        .route(
            "/staff/corrections/decide",
            post(crate::timebank::pages::coordinator::decide_correction),
        )
        .route(
            "/staff/honour",
            post(crate::staff::admin_pages::record_honour),
        )
        .route(
            "/staff/volunteers/release",
            post(crate::staff::admin_pages::release_volunteer),
        )
        .merge(crate::cases::pages::routes())
        .merge(crate::charity::pages::routes(&state.cfg))
        .merge(crate::charity::desk_pages::routes())
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
            crate::staff::admin_pages::load,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::timebank::pages::volunteer::load,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::timebank::pages::verify::load,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::timebank::pages::totals::load,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::dashboard::pages::load,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::charity::pages::load,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::cases::pages::load,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::parameters::pages::load,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::account::pages::resolve_session,
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
