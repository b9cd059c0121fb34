//! 志愿时间银行: a volunteer's own page and check-in scan (`volunteer`), a certificate's check
//! (`verify`), the district totals (`totals`), and the coordinators' activities and desk
//! (`activities`).

pub mod activities;
pub mod totals;
pub mod verify;
pub mod volunteer;
