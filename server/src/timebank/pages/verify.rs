//! `/verify/{number}`: the public check of a certificate. Its loader looks the number up and
//! gives the page what it found; an unknown number answers 404 with the same page.

use crate::site::page_loaders::{Loaded, PageLoaders};
use crate::timebank::certificates;
use axum::http::StatusCode;
use types::page_data::PageData;

/// `/verify` (the form; its answer lives at its own address) and `/verify/{number}`.
pub fn pages() -> PageLoaders {
    PageLoaders::new()
        .page("/verify", |_, page| async move {
            // The form on the page asks with ?number=….
            let n: String = page
                .query_value("number")
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            Ok(if n.is_empty() {
                Loaded::Nothing
            } else {
                Loaded::Redirect(format!("/verify/{n}"))
            })
        })
        .page("/verify/{number}", |s, page| async move {
            let v = certificates::verify(&s, page.param("number")).await?;
            let status = if v.certificate.is_none() {
                StatusCode::NOT_FOUND
            } else {
                StatusCode::OK
            };
            Ok(Loaded::DataWithStatus(PageData::new(v), status))
        })
}
