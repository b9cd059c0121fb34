//! 救助政策自测: the pre-eligibility check. Computed in the browser's WebAssembly; without
//! JavaScript the same code runs on the server for the posted form, storing nothing.

pub mod answers;
pub mod fields;
pub mod flow;
pub mod handoff;
pub mod page;
pub mod results;
pub mod summary;

use policy::{Date, ParameterSet};
use std::sync::OnceLock;

/// The embedded parameters, parsed once.
pub fn parameters() -> &'static ParameterSet {
    static SET: OnceLock<ParameterSet> = OnceLock::new();
    SET.get_or_init(ParameterSet::embedded)
}

/// Today in Asia/Shanghai (UTC+8), from the device's clock in the browser.
pub fn today() -> Date {
    #[cfg(feature = "hydrate")]
    let millis = js_sys::Date::now() as i64;
    #[cfg(not(feature = "hydrate"))]
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0);
    let epoch = Date::new(1970, 1, 1)
        .map(|d| d.ordinal())
        .unwrap_or(719_162);
    Date::from_ordinal(epoch + (millis / 1000 + 8 * 3600) / 86_400)
        .unwrap_or(Date::new(2026, 1, 1).expect("valid"))
}

/// Answers posted without JavaScript, handed to the page by the server for this one response.
#[derive(Clone, Debug)]
pub struct PostedCheck(pub flow::CheckState);
