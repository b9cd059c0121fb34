//! The one service layer under both the API handlers and the pages.

pub mod auth;
pub mod eligibility;
pub mod staff;
pub mod streets;
