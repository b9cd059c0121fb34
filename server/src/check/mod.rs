//! The pre-eligibility check (救助政策自测) on the server: the same `policy` engine the browser
//! runs. `api` answers `/api/v1/eligibility/check` and the program catalogue, `pages` the check
//! posted without JavaScript, both through `service`. Nothing of a household is stored or logged.

pub mod api;
pub mod pages;
pub mod service;
