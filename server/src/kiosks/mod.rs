//! The street centres' kiosks as devices: registered by a system administrator with a one-time
//! code, enrolled by the kiosk itself (its device credential), known by street, revoked at once.
//! `api` answers `/api/v1/kiosks`; the admin page's forms are in `site::staff_admin` for now.

pub mod api;
pub mod service;
mod store;
