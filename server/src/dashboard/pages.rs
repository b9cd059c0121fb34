//! The plan's indicators as pages: `/open-data` for everyone (small counts suppressed) and the
//! staff dashboard's data (exact). Both from the service the API uses; a year the service
//! refuses shows this year instead.

use super::service as dashboard;
use crate::clock::now;
use crate::error::ApiError;
use crate::site::staff_gate::StaffPages;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use types::page_data::PageData;

pub const PATH: &str = "/open-data";

/// `?year=` of a page's query, if any.
fn year_of(query: Option<&str>) -> Option<String> {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(query.unwrap_or_default()).unwrap_or_default();
    pairs.into_iter().find(|(k, _)| k == "year").map(|(_, v)| v)
}

/// For `/open-data`: the public figures of the year asked for.
pub async fn load(State(s): State<AppState>, mut req: Request, next: Next) -> Response {
    if req.uri().path() != PATH || req.method() != axum::http::Method::GET {
        return next.run(req).await;
    }
    let year = year_of(req.uri().query());
    let t = now();
    let figures = match dashboard::open_data(&s, year.as_deref(), t).await {
        Err(ApiError::Validation(_)) => dashboard::open_data(&s, None, t).await,
        other => other,
    };
    match figures {
        Ok(d) => {
            req.extensions_mut().insert(PageData::new(d));
        }
        Err(e) => return e.into_response(),
    }
    next.run(req).await
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
