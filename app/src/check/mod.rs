//! 救助政策自测: the pre-eligibility check. Computed in the browser's WebAssembly; without
//! JavaScript the same code runs on the server for the posted form, storing nothing.

pub mod answers;
pub mod fields;
pub mod flow;
pub mod handoff;
pub mod page;
pub mod preapply;
pub mod results;
pub mod summary;

use policy::{Date, ParameterSet};

/// The embedded parameters, parsed once.
pub fn parameters() -> &'static ParameterSet {
    ParameterSet::embedded_shared()
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
