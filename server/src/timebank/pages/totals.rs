//! The public district totals page: the server computes the figures (the same service as
//! `GET /api/v1/timebank/totals`) and hands them to the page.

use crate::clock::now;
use crate::site::page_loaders::{Loaded, PageLoaders};
use crate::timebank::reports;

pub const PATH: &str = "/timebank/totals";

/// `/timebank/totals`: this year's figures, for everyone.
pub fn pages() -> PageLoaders {
    PageLoaders::new().page(PATH, |s, _| async move {
        Ok(Loaded::data(reports::totals(&s, now()).await?))
    })
}
