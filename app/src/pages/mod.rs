//! One module per page.

pub mod account;
pub mod activities;
pub mod audit;
pub mod case_desk;
pub mod cases;
pub mod charity;
pub mod charity_desk;
pub mod dashboard;
pub mod funeral;
pub mod home;
pub mod kiosks;
pub mod not_found;
pub mod parameters;
pub mod policy_desk;
pub mod service;
pub mod signin;
pub mod staff;
pub mod staff_enrol;
pub mod staff_users;
pub mod totals;
pub mod verify;
pub mod volunteer;
