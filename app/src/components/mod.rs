//! Pieces every page shares.

pub mod bar_chart;
pub mod form;
pub mod keypad;
pub mod kiosk_idle;
pub mod layout;
pub mod not_found;
pub mod prefs_bar;
pub mod read_aloud;
pub mod streets;
