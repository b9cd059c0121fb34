//! `/verify/{number}`: the public check of a certificate. The middleware looks the number up
//! and gives the page what it found; an unknown number answers 404 with the same page.

use crate::state::AppState;
use crate::timebank::certificates;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use types::page_data::PageData;

pub async fn load(State(s): State<AppState>, mut req: Request, next: Next) -> Response {
    if req.method() != Method::GET {
        return next.run(req).await;
    }
    let path = req.uri().path().to_string();
    if path == "/verify" {
        // The form on the page asks with ?number=…; the answer lives at its own address.
        let q: Vec<(String, String)> =
            serde_urlencoded::from_str(req.uri().query().unwrap_or_default()).unwrap_or_default();
        if let Some((_, n)) = q.iter().find(|(k, _)| k == "number") {
            let n: String = n
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            if !n.is_empty() {
                return Redirect::to(&format!("/verify/{n}")).into_response();
            }
        }
        return next.run(req).await;
    }
    let Some(number) = path.strip_prefix("/verify/") else {
        return next.run(req).await;
    };
    match certificates::verify(&s, number).await {
        Ok(v) => {
            let unknown = v.certificate.is_none();
            req.extensions_mut().insert(PageData::new(v));
            let mut response = next.run(req).await;
            if unknown {
                *response.status_mut() = StatusCode::NOT_FOUND;
            }
            response
        }
        Err(e) => e.into_response(),
    }
}
