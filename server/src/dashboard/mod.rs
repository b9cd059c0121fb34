//! The plan dashboard (staff, exact figures) and open data (the public, small counts
//! suppressed): one feature, one folder. `api` answers `/api/v1/dashboard` and
//! `/api/v1/open-data`, `pages` loads `/staff/dashboard` and `/open-data`, both from `service`,
//! which alone reads `store`'s aggregates.

pub mod api;
pub mod pages;
pub mod service;
mod store;
