//! Read the page aloud with the browser's speech synthesis (works once the WebAssembly runs).

use crate::prefs::use_locale;
use leptos::prelude::*;

#[component]
pub fn ReadAloud() -> impl IntoView {
    let l = use_locale();
    let speaking = RwSignal::new(false);
    let toggle = move |_| {
        let now = !speaking.get_untracked();
        speak(now, l);
        speaking.set(now);
    };
    view! {
        <button
            type="button"
            class="pref-button read-aloud"
            aria-pressed=move || if speaking.get() { "true" } else { "false" }
            data-testid="read-aloud"
            on:click=toggle
        >
            <svg class="icon" aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
                <path d="M3 9v6h4l5 4V5L7 9H3zm13.5 3a4.5 4.5 0 0 0-2.5-4v8a4.5 4.5 0 0 0 2.5-4z" fill="currentColor" />
            </svg>
            {move || if speaking.get() { l.t("停止朗读", "Stop reading") } else { l.t("朗读本页", "Read aloud") }}
        </button>
    }
}

#[cfg(feature = "hydrate")]
fn speak(start: bool, l: types::i18n::Locale) {
    let Ok(synth) = window().speech_synthesis() else {
        return;
    };
    synth.cancel();
    if !start {
        return;
    }
    let text = document()
        .get_element_by_id("main")
        .and_then(|m| m.text_content())
        .unwrap_or_default();
    if let Ok(u) = web_sys::SpeechSynthesisUtterance::new_with_text(&text) {
        u.set_lang(l.tag());
        u.set_rate(0.9);
        synth.speak(&u);
    }
}

#[cfg(not(feature = "hydrate"))]
fn speak(_start: bool, _l: types::i18n::Locale) {}
