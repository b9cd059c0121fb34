//! Where the features meet: the API is every feature's `api::routes()`, the site every feature's
//! `pages` routes and page loaders. The one module above the features; nothing imports it but
//! `lib.rs` (and the tests, for the table of API routes).

use crate::api::routes::{ApiRoute, ApiRoutes};
use crate::config::{Config, PaymentGateway};
use crate::error::ApiError;
use crate::site::page_loaders::PageLoaders;
use crate::site::staff_gate::StaffPages;
use crate::state::AppState;
use axum::Router;
use axum::middleware::from_fn_with_state;
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::sync::Arc;

/// Every API route of this configuration: the sandbox gateway's only when it is the gateway.
fn api_routes(cfg: &Config) -> ApiRoutes {
    let mut routes = crate::api::routes()
        .merge(crate::streets::api::routes())
        .merge(crate::check::api::routes())
        .merge(crate::parameters::api::routes())
        .merge(crate::account::api::routes())
        .merge(crate::staff::api::routes())
        .merge(crate::kiosks::api::routes())
        .merge(crate::timebank::api::routes())
        .merge(crate::dashboard::api::routes())
        .merge(crate::charity::api::routes())
        .merge(crate::cases::api::routes())
        .merge(crate::audit::api::routes());
    if cfg.payment_gateway() == PaymentGateway::Sandbox {
        routes = routes.merge(crate::charity::api::sandbox_routes());
    }
    routes
}

/// The table of API routes with their audiences (the route walk calls each as every caller).
pub fn api_table(cfg: &Config) -> Vec<ApiRoute> {
    api_routes(cfg).into_parts().2
}

/// The OpenAPI document of this configuration's routes.
pub fn api_document(cfg: &Config) -> utoipa::openapi::OpenApi {
    crate::api::openapi::with_paths(api_routes(cfg).into_parts().1)
}

/// The API: `/api/v1/…` (anything else there is a 404 in the one error shape), the health
/// probes and the document's readable page, `/api/docs`.
pub fn api(cfg: &Config) -> Router<AppState> {
    let (router, paths, _) = api_routes(cfg).into_parts();
    let doc = Arc::new(crate::api::openapi::with_paths(paths));
    let not_found = || async { ApiError::NotFound };
    router
        .route("/api/docs", crate::api::docs_page())
        .route("/api/v1", axum::routing::any(not_found))
        .route("/api/v1/", axum::routing::any(not_found))
        .route("/api/v1/{*rest}", axum::routing::any(not_found))
        .layer(axum::Extension(doc))
}

/// Every staff page's loader, each declared by its feature.
pub fn staff_pages() -> StaffPages {
    crate::staff::admin_pages::staff_pages()
        .merge(crate::timebank::pages::coordinator::staff_pages())
        .merge(crate::charity::desk_pages::staff_pages())
        .merge(crate::cases::pages::staff_pages())
        .merge(crate::parameters::pages::staff_pages())
        .merge(crate::dashboard::pages::staff_pages())
}

/// Every other page's loader, each declared by its feature.
pub fn page_loaders(cfg: &Config) -> PageLoaders {
    crate::timebank::pages::pages()
        .merge(crate::dashboard::pages::pages())
        .merge(crate::charity::pages::pages(cfg))
        .merge(crate::cases::pages::pages())
        .merge(crate::parameters::pages::pages())
}

/// The pages: each feature's form posts, then the Leptos pages with their loaders (the staff
/// pages' gate, the other pages' loaders), after the parameters in force and the session
/// look-up.
pub fn pages(state: &AppState) -> Router<AppState> {
    let leptos = state.leptos.clone();
    let timing = crate::site::render::timing(state);
    let context = move || crate::site::render::page_context(timing);
    let forms = Router::new()
        .route("/prefs", axum::routing::post(crate::site::prefs::set_pref))
        .merge(crate::check::pages::routes())
        .merge(crate::kiosks::pages::routes())
        .merge(crate::account::pages::routes(&state.cfg))
        .merge(crate::staff::pages::routes())
        .merge(crate::staff::admin_pages::routes())
        .merge(crate::timebank::pages::routes())
        .merge(crate::cases::pages::routes())
        .merge(crate::charity::pages::routes(&state.cfg))
        .merge(crate::charity::desk_pages::routes())
        .merge(crate::parameters::pages::routes());
    let site = forms
        .leptos_routes_with_context(state, generate_route_list(app::App), context, move || {
            app::shell(leptos.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, app::shell));
    let s = state;
    let staff = Arc::new(staff_pages());
    let loaders = Arc::new(page_loaders(&s.cfg).into_router());
    site.layer(from_fn_with_state(
        (s.clone(), staff),
        crate::site::staff_gate::load,
    ))
    .layer(from_fn_with_state(
        (s.clone(), loaders),
        crate::site::page_loaders::load,
    ))
    .layer(from_fn_with_state(
        s.clone(),
        crate::parameters::pages::load,
    ))
    .layer(from_fn_with_state(
        s.clone(),
        crate::account::pages::resolve_session,
    ))
}

#[cfg(test)]
mod tests {
    /// Every staff page has its loader, and every loader is a staff page's.
    #[test]
    fn every_staff_page_has_one_loader() {
        let mut loaders = super::staff_pages().paths();
        let mut pages: Vec<&str> = types::account::staff_pages().map(|p| p.path).collect();
        loaders.sort();
        pages.sort();
        assert_eq!(loaders, pages);
    }
}
