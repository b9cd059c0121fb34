//! The public information pages: the home page and the four services (`home`, `service`),
//! from the catalogue of services (`catalog`).

pub mod catalog;
pub mod home;
pub mod service;
