//! The time bank's pages: the volunteer's page and its forms, the coordinator's desk, the
//! district totals and the public certificate check.

pub mod coordinator;
pub mod totals;
pub mod verify;
pub mod volunteer;
pub mod volunteer_forms;
