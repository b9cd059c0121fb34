//! Kiosk idle guard: after the configured idle time a warning counts down; one tap continues,
//! otherwise everything the resident left behind (fields, storage, cookies) is wiped and the
//! kiosk returns to the start screen.

use crate::prefs::use_prefs;
use leptos::prelude::*;

#[component]
pub fn KioskIdle() -> impl IntoView {
    let prefs = use_prefs();
    let l = prefs.locale;
    let idle = prefs.timing.idle_seconds;
    let warn = prefs.timing.warn_seconds;
    // Seconds since the last touch, advanced by a one-second tick in the browser.
    let idle_for = RwSignal::new(0u32);
    let remaining = Memo::new(move |_| {
        let s = idle_for.get();
        (s >= idle).then(|| (idle + warn).saturating_sub(s))
    });

    Effect::new(move |_| start_ticking(idle_for, idle + warn));

    let keep = move |_| idle_for.set(0);
    view! {
        <Show when=move || remaining.get().is_some()>
            <div class="idle-backdrop">
                <div
                    class="idle-warning"
                    role="alertdialog"
                    aria-modal="true"
                    aria-labelledby="idle-title"
                    aria-describedby="idle-text"
                    data-testid="idle-warning"
                >
                    <h2 id="idle-title">{l.t("您还在使用吗？", "Are you still there?")}</h2>
                    <p id="idle-text" aria-live="assertive">
                        {move || {
                            let n = remaining.get().unwrap_or(0);
                            match l {
                                types::i18n::Locale::Zh => {
                                    format!("{n} 秒后将清除您填写的内容并回到首页。")
                                }
                                types::i18n::Locale::En => {
                                    format!("In {n} seconds what you entered will be cleared and the kiosk returns to the start.")
                                }
                            }
                        }}
                    </p>
                    <button type="button" class="button primary" on:click=keep autofocus>
                        {l.t("继续使用", "Continue")}
                    </button>
                </div>
            </div>
        </Show>
    }
}

#[cfg(feature = "hydrate")]
fn start_ticking(idle_for: RwSignal<u32>, wipe_after: u32) {
    use leptos::ev;
    use std::time::Duration;
    // Any touch, key or typing counts as presence. The listeners live as long as the page.
    std::mem::forget(window_event_listener(ev::pointerdown, move |_| {
        idle_for.set(0)
    }));
    std::mem::forget(window_event_listener(ev::touchstart, move |_| {
        idle_for.set(0)
    }));
    std::mem::forget(window_event_listener(ev::keydown, move |_| idle_for.set(0)));
    std::mem::forget(window_event_listener(ev::input, move |_| idle_for.set(0)));
    let _ = set_interval_with_handle(
        move || {
            let s = idle_for.get_untracked() + 1;
            idle_for.set(s);
            if s >= wipe_after {
                wipe_and_restart();
            }
        },
        Duration::from_secs(1),
    );
}

#[cfg(not(feature = "hydrate"))]
fn start_ticking(_idle_for: RwSignal<u32>, _wipe_after: u32) {}

/// Empties every field, both storages and the script-visible cookies, then lets the server
/// expire the rest and replace this history entry with the start screen.
#[cfg(feature = "hydrate")]
pub fn wipe_and_restart() {
    use wasm_bindgen::JsCast;
    let doc = document();
    if let Ok(fields) = doc.query_selector_all("input, textarea, select") {
        for i in 0..fields.length() {
            let Some(node) = fields.item(i) else { continue };
            if let Some(input) = node.dyn_ref::<web_sys::HtmlInputElement>() {
                match input.type_().as_str() {
                    "hidden" | "submit" | "button" => {}
                    "checkbox" | "radio" => input.set_checked(false),
                    _ => input.set_value(""),
                }
            } else if let Some(t) = node.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                t.set_value("");
            } else if let Some(s) = node.dyn_ref::<web_sys::HtmlSelectElement>() {
                s.set_selected_index(-1);
            }
        }
    }
    let w = window();
    for storage in [w.local_storage(), w.session_storage()]
        .into_iter()
        .flatten()
        .flatten()
    {
        let _ = storage.clear();
    }
    if let Ok(html_doc) = doc.clone().dyn_into::<web_sys::HtmlDocument>() {
        let cookies = html_doc.cookie().unwrap_or_default();
        for pair in cookies.split(';') {
            let name = pair.split('=').next().unwrap_or_default().trim();
            if !name.is_empty() && name != crate::prefs::cookie::KIOSK {
                let _ = html_doc.set_cookie(&format!("{name}=; Max-Age=0; Path=/"));
            }
        }
    }
    // The server expires the HttpOnly cookies and ends any sign-in (a same-origin POST: a wipe
    // changes state), then the start screen replaces this history entry. Once only, however
    // often the timer ticks meanwhile.
    use std::sync::atomic::{AtomicBool, Ordering};
    static WIPING: AtomicBool = AtomicBool::new(false);
    if WIPING.swap(true, Ordering::SeqCst) {
        return;
    }
    leptos::task::spawn_local(async move {
        let _ = gloo_net::http::Request::post("/kiosk/reset").send().await;
        let _ = window().location().replace("/");
    });
}
