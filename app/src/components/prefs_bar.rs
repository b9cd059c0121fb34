//! Language, 长辈版 and high-contrast switches. Plain forms, so they work before (and without)
//! the WebAssembly; the server stores the choice in a cookie and renders the next page with it.

use crate::prefs::use_prefs;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
fn PrefForm(
    name: &'static str,
    value: &'static str,
    label: &'static str,
    #[prop(optional)] lang: Option<&'static str>,
    pressed: Option<bool>,
    test_id: &'static str,
) -> impl IntoView {
    let back = use_location().pathname.get_untracked();
    view! {
        <form method="post" action="/prefs" class="pref-form">
            <input type="hidden" name="name" value=name />
            <input type="hidden" name="value" value=value />
            <input type="hidden" name="back" value=back />
            <button
                type="submit"
                class="pref-button"
                lang=lang
                aria-pressed=pressed.map(|p| if p { "true" } else { "false" })
                data-testid=test_id
            >
                {label}
            </button>
        </form>
    }
}

#[component]
pub fn PrefsBar() -> impl IntoView {
    let p = use_prefs();
    let l = p.locale;
    let (lang_value, lang_label, lang_tag) = match l {
        types::i18n::Locale::Zh => ("en", "English", "en"),
        types::i18n::Locale::En => ("zh", "中文", "zh-CN"),
    };
    view! {
        <nav class="prefs-bar" aria-label=l.t("显示设置", "Display settings")>
            <PrefForm name="lang" value=lang_value label=lang_label lang=lang_tag pressed=None test_id="switch-lang" />
            <PrefForm
                name="large"
                value=if p.large { "0" } else { "1" }
                label=l.t("长辈版", "Large text")
                pressed=Some(p.large)
                test_id="switch-large"
            />
            <PrefForm
                name="contrast"
                value=if p.contrast { "0" } else { "1" }
                label=l.t("高对比度", "High contrast")
                pressed=Some(p.contrast)
                test_id="switch-contrast"
            />
        </nav>
    }
}
