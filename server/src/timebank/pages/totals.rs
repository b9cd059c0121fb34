//! The public district totals page: the server computes the figures (the same service as
//! `GET /api/v1/timebank/totals`) and hands them to the page.

use crate::clock::now;
use crate::state::AppState;
use crate::timebank::reports;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use types::page_data::PageData;

pub const PATH: &str = "/timebank/totals";

/// For `/timebank/totals`: this year's figures, for everyone.
pub async fn load(State(s): State<AppState>, mut req: Request, next: Next) -> Response {
    if req.uri().path() != PATH || req.method() != axum::http::Method::GET {
        return next.run(req).await;
    }
    match reports::totals(&s, now()).await {
        Ok(t) => {
            req.extensions_mut().insert(PageData::new(t));
        }
        Err(e) => return e.into_response(),
    }
    next.run(req).await
}
