//! The web pages' shared parts, below the features: Leptos server rendering (`render`), posted
//! forms (`form`), the same-origin check (`origin`), the staff pages' gate (`staff_gate`), the
//! other pages' loaders (`page_loaders`) and the display preferences (`prefs`). Each feature's `pages` module holds its own loaders and
//! form handlers; `crate::routes` puts them together.

pub(crate) mod form;
pub(crate) mod origin;
pub mod page_loaders;
pub(crate) mod prefs;
pub(crate) mod render;
pub(crate) mod staff_gate;

pub(crate) use origin::{public_origin, refuse_cross_site, refuse_cross_site_of};
pub(crate) use render::render_with;

/// Minutes from hours typed in a form (`2.5` is 150), or None for anything else.
pub(crate) fn minutes_from_hours(text: &str) -> Option<i64> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|h| h.is_finite() && *h >= 0.0 && *h <= 10_000.0)
        .map(|h| (h * 60.0).round() as i64)
}
