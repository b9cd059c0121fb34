//! The street centres' kiosks as devices: registered by a system administrator with a one-time
//! code, enrolled by the kiosk itself (its device credential), known by street, revoked at once.
//! `api` answers `/api/v1/kiosks`; `pages` holds the kiosk switches (enter, enrol, wipe, leave); the admin page's forms are in `staff::admin_pages`.

pub mod api;
pub mod pages;
pub mod service;
mod store;
