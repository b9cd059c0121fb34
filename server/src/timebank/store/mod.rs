//! The time bank's records: volunteers and their families, activities with sign-ups and
//! attendance, the two append-only ledgers, correction requests and honours, and the sums the
//! reports read.

pub mod activities;
pub mod ledgers;
pub mod records;
pub mod reports;
pub mod volunteers;
