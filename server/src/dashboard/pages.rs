//! The plan's indicators as pages: `/open-data` for everyone (small counts suppressed) and the
//! staff dashboard's data (exact). Both from the service the API uses; a year the service
//! refuses shows this year instead.

use super::service as dashboard;
use crate::clock::now;
use crate::error::ApiError;
use crate::site::page_loaders::{Loaded, PageLoaders};
use crate::site::staff_gate::StaffPages;
use crate::state::AppState;

pub const PATH: &str = "/open-data";

/// `?year=` of a page's query, if any.
fn year_of(query: Option<&str>) -> Option<String> {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(query.unwrap_or_default()).unwrap_or_default();
    pairs.into_iter().find(|(k, _)| k == "year").map(|(_, v)| v)
}

/// For `/open-data`: the public figures of the year asked for.
/// `/open-data`: the figures of the year asked for, small counts suppressed.
pub fn pages() -> PageLoaders {
    PageLoaders::new().page(PATH, |s, page| async move {
        let year = year_of(page.query.as_deref());
        let t = now();
        let figures = match dashboard::open_data(&s, year.as_deref(), t).await {
            Err(ApiError::Validation(_)) => dashboard::open_data(&s, None, t).await,
            other => other,
        };
        Ok(Loaded::data(figures?))
    })
}

/// `/staff/dashboard`'s data: exact figures of the year asked for.
pub(crate) async fn staff_dashboard(
    s: &AppState,
    query: Option<&str>,
    t: i64,
) -> Result<types::dashboard::Dashboard, ApiError> {
    let year = year_of(query);
    let figures = match dashboard::staff(s, year.as_deref(), t).await {
        Err(ApiError::Validation(_)) => dashboard::staff(s, None, t).await,
        other => other,
    };
    figures
}

/// The plan dashboard's staff page.
pub fn staff_pages() -> StaffPages {
    StaffPages::new().page("/staff/dashboard", |s, _, q| async move {
        staff_dashboard(&s, q.query.as_deref(), crate::clock::now()).await
    })
}
