//! The shapes the server and the browser exchange, one module per feature (`account`, `cases`, `check`,
//! `charity`, `dashboard`, `parameters`, `staff`, `timebank`), the page data a page is handed
//! (`page_data`), and what both sides need to write them for people (`i18n`, `money`).
//! No Leptos and no server code: the UI crate and the server's services both build on it.

pub mod account;
pub mod cases;
pub mod charity;
pub mod check;
pub mod dashboard;
pub mod i18n;
pub mod money;
pub mod page_data;
pub mod parameters;
pub mod staff;
pub mod timebank;
