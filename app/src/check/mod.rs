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

use policy::{Date, DatedValue, ParameterSet};
use std::sync::Arc;

/// The `<script type="application/json">` element carrying the versions staff added.
pub const PARAM_VERSIONS_ID: &str = "param-versions";

/// The parameters in force on the server for this page: the embedded ones merged with the
/// versions staff added (scheduled ones too; the date asked about decides which applies).
/// The server provides it to every page it renders; the shell hands the added versions to the
/// browser, which merges them once per page load.
#[derive(Clone, Debug)]
pub struct CurrentParameters {
    pub set: Arc<ParameterSet>,
    /// The versions added by staff, as merged into `set`.
    pub added: Arc<Vec<DatedValue>>,
}

impl CurrentParameters {
    /// JSON for the shell's script element: `<` escaped so no tag can end it.
    pub fn added_json(&self) -> String {
        serde_json::to_string(&*self.added)
            .unwrap_or_else(|_| "[]".into())
            .replace('<', "\\u003c")
    }
}

/// The embedded parameters alone, parsed once.
fn embedded() -> Arc<ParameterSet> {
    static SET: std::sync::OnceLock<Arc<ParameterSet>> = std::sync::OnceLock::new();
    SET.get_or_init(|| Arc::new(ParameterSet::embedded_shared().clone()))
        .clone()
}

/// The embedded parameters merged with `added`; the embedded ones alone when `added` does not
/// merge (it always does: the server accepted each version against the same rules).
pub fn merged(added: Vec<DatedValue>) -> Arc<ParameterSet> {
    if added.is_empty() {
        return embedded();
    }
    let mut set = ParameterSet::embedded_shared().clone();
    match set.merge(added) {
        Ok(()) => Arc::new(set),
        Err(_) => embedded(),
    }
}

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
        .unwrap_or_else(embedded)
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
