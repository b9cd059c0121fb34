//! The server's integration tests, one binary (one link, one run): each module tests one feature
//! or concern through the service layer and the HTTP API, on SQLite and, when TEST_POSTGRES_URL
//! is set, PostgreSQL (`testkit::on_both_backends!`). The crash test is its own binary
//! (`tests/crash/`): it kills the real server.

#[macro_use]
extern crate testkit;
use testkit as support;

mod api_basics;
mod audit_and_limits;
mod cases;
mod charity;
mod config;
mod dashboard;
mod eligibility_api;
mod policy_admin;
mod request_limits;
mod resident_sign_in;
mod route_walk;
mod security;
mod staff_admin;
mod staff_sign_in;
mod timebank;
