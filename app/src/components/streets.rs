//! The street offices: a name in the page's language, and a `<select>` of them.

use leptos::prelude::*;

/// A street office's name in the page's language.
pub fn street_name(l: types::i18n::Locale, code: &str) -> String {
    policy::street_offices()
        .into_iter()
        .find(|s| s.id == code)
        .map(|s| {
            if l == types::i18n::Locale::Zh {
                s.name_zh
            } else {
                s.name_en
            }
        })
        .unwrap_or_else(|| code.to_string())
}

/// A `<select>` of the street offices.
pub fn street_select(
    l: types::i18n::Locale,
    id: &'static str,
    name: &'static str,
    blank: &'static str,
) -> impl IntoView {
    view! {
        <select id=id name=name>
            <option value="">{blank}</option>
            {policy::street_offices().into_iter().map(|s| {
                let label = if l == types::i18n::Locale::Zh { s.name_zh } else { s.name_en };
                view! { <option value=s.id>{label}</option> }
            }).collect_view()}
        </select>
    }
}
