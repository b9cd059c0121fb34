//! The eligibility check's model, shared by the browser (which runs the check) and the server
//! (which runs it for a form posted without JavaScript and keeps a pre-application's answers):
//! the answers as typed (`answers`), the screens they lead through (`flow`), the parameters in
//! force and how an amount is written for people.

pub mod answers;
pub mod flow;

use crate::i18n::Locale;
use policy::{Amount, DatedValue, ParameterSet, Period};
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

/// An estimated amount as people read it: `1,090 元/月`, `up to 800 yuan, once`.
pub fn amount_text(l: Locale, a: &Amount) -> String {
    let yuan = policy::text::yuan(a.fen);
    let period = match (a.period, l) {
        (Period::Monthly, Locale::Zh) => "元/月",
        (Period::Yearly, Locale::Zh) => "元/年",
        (Period::OneOff, Locale::Zh) => "元（一次性）",
        (Period::Monthly, Locale::En) => " yuan a month",
        (Period::Yearly, Locale::En) => " yuan a year",
        (Period::OneOff, Locale::En) => " yuan, once",
    };
    match (a.up_to, l) {
        (true, Locale::Zh) => format!("最高约 {yuan}{period}"),
        (false, Locale::Zh) => format!("约 {yuan}{period}"),
        (true, Locale::En) => format!("up to about {yuan}{period}"),
        (false, Locale::En) => format!("about {yuan}{period}"),
    }
}
