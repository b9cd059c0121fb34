//! One module per page.

pub mod account;
pub mod home;
pub mod not_found;
pub mod service;
pub mod signin;
pub mod staff;
