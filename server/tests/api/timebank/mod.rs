//! The time bank, on SQLite and PostgreSQL: volunteers and activities, the two ledgers, records
//! after verification, the reports and a load of check-ins; all on one `world` of volunteers,
//! an organization and its coordinator.

mod activities;
mod desk_pages;
mod ledgers;
mod load;
mod records;
mod reports;
mod world;
