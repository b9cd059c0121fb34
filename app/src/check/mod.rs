//! 救助政策自测: the pre-eligibility check. Computed in the browser's WebAssembly; without
//! JavaScript the same code runs on the server for the posted form, storing nothing.

pub mod fields;
pub mod handoff;
pub mod page;
pub mod preapply;
pub mod results;
pub mod summary;

pub use types::check::{CurrentParameters, PARAM_VERSIONS_ID, answers, flow, merged};

#[cfg(feature = "hydrate")]
use policy::DatedValue;
use policy::{Date, ParameterSet};
use std::sync::Arc;

/// The parameters the check uses: in the browser, the embedded set merged with the versions the
/// server handed to this page; on the server, the current set it provided.
#[cfg(feature = "hydrate")]
pub fn parameters() -> Arc<ParameterSet> {
    thread_local! {
        static SET: Arc<ParameterSet> = {
            let added = leptos::prelude::document()
                .get_element_by_id(PARAM_VERSIONS_ID)
                .and_then(|e| e.text_content())
                .and_then(|json| serde_json::from_str::<Vec<DatedValue>>(&json).ok())
                .unwrap_or_default();
            merged(added)
        };
    }
    SET.with(Arc::clone)
}

/// The parameters the check uses: in the browser, the embedded set merged with the versions the
/// server handed to this page; on the server, the current set it provided.
#[cfg(not(feature = "hydrate"))]
pub fn parameters() -> Arc<ParameterSet> {
    leptos::prelude::use_context::<CurrentParameters>()
        .map(|c| c.set)
        .unwrap_or_else(|| merged(vec![]))
}

/// Today in Asia/Shanghai, from the device's clock in the browser (the server's when rendering).
pub fn today() -> Date {
    #[cfg(feature = "hydrate")]
    let millis = js_sys::Date::now() as i64;
    #[cfg(not(feature = "hydrate"))]
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0);
    Date::shanghai_from_unix_millis(millis).expect("the clock is within years 1..=9999")
}

/// Answers posted without JavaScript, handed to the page by the server for this one response.
#[derive(Clone, Debug)]
pub struct PostedCheck(pub flow::CheckState);
