//! Hydration entry point: the browser side of the app, compiled to WebAssembly.
#![recursion_limit = "256"]

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Hydration waits for the wasm module of the page's group (the routes are lazily loaded in
    // groups, see `app::routes`), so it finishes asynchronously.
    wasm_bindgen_futures::spawn_local(async {
        let mounted =
            leptos::mount::hydrate_from_async(leptos::tachys::dom::body(), app::App).await;
        mounted.forget();
        // A readiness mark for people and tests: the page is now interactive. The `hydrated`
        // performance mark times it for the page-speed benchmark.
        let window = leptos::prelude::window();
        let _ = js_sys::Reflect::set(&window, &"__hydrated".into(), &true.into());
        mark_performance(&window, "hydrated");
    });
}

/// `performance.mark(name)`, through reflection (no web-sys feature for one call).
fn mark_performance(window: &leptos::web_sys::Window, name: &str) {
    use wasm_bindgen::JsCast;
    let Ok(performance) = js_sys::Reflect::get(window, &"performance".into()) else {
        return;
    };
    if let Ok(mark) = js_sys::Reflect::get(&performance, &"mark".into()) {
        if let Some(mark) = mark.dyn_ref::<js_sys::Function>() {
            let _ = mark.call1(&performance, &name.into());
        }
    }
}

/// The eligibility engine for scripts on the page (JSON in, JSON out, a Promise): `{"results":
/// […]}` or `{"errors": […]}`, exactly what `POST /api/v1/eligibility/check` answers, computed
/// here on the device. The end-to-end tests compare the two for every golden case. The engine is
/// loaded with the first call (its own wasm module), so pages that never evaluate do not carry it.
#[wasm_bindgen]
pub async fn evaluate_household(household_json: String, date: String) -> String {
    evaluate(household_json, date).await
}

#[leptos::lazy]
fn evaluate(household_json: String, date: String) -> String {
    let parsed = serde_json::from_str::<policy::Household>(&household_json)
        .map_err(|e| e.to_string())
        .and_then(|h| {
            policy::Date::parse(&date)
                .map(|d| (h, d))
                .map_err(|e| e.to_string())
        });
    let out = match parsed {
        Err(why) => serde_json::json!({ "invalid": why }),
        Ok((household, date)) => {
            match policy::evaluate_all(&household, date, &app::check::parameters()) {
                Ok(results) => serde_json::json!({ "results": results }),
                Err(errors) => serde_json::json!({ "errors": errors }),
            }
        }
    };
    out.to_string()
}
