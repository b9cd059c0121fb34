//! Policy administration: the parameters in force (the embedded defaults merged with the dated
//! values policy administrators added), adding a value, the history and the lists the pages and
//! the API show.
//!
//! The stored versions are append-only; this instance keeps the merged set and checks it against
//! the database's counter (`parameter_head`) through [`current`] — at most once per
//! [`FRESH_FOR_MS`], so a page view or a check costs no database round trip — so a value added on
//! another instance is used here within a second, and one added here at once.

pub mod api;
mod cache;
mod input;
pub mod pages;
pub mod service;
mod store;

pub use cache::{Cache, FRESH_FOR_MS};
pub use input::{
    MAX_NOTE_CHARS, MAX_SOURCE_CHARS, NewValue, Refusal, ValueInput, value_from_form,
    value_from_json,
};
pub use service::{add_version, cached, current, history, lines, load, today};
