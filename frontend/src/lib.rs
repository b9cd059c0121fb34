//! Hydration entry point: the browser side of the app, compiled to WebAssembly.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    // A readiness mark for people and tests: the page is now interactive.
    let _ = js_sys::Reflect::set(
        &leptos::prelude::window(),
        &"__hydrated".into(),
        &true.into(),
    );
}
