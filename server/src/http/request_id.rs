//! The request id (`x-request-id`), reachable anywhere in the request's task for error messages.

use axum::extract::Request;
use axum::http::HeaderName;
use axum::middleware::Next;
use axum::response::Response;

pub static HEADER: HeaderName = HeaderName::from_static("x-request-id");

tokio::task_local! {
    static REQUEST_ID: String;
}

/// The id of the request being handled, or "-" outside a request.
pub fn current() -> String {
    REQUEST_ID
        .try_with(Clone::clone)
        .unwrap_or_else(|_| "-".into())
}

/// Drops a request id the client sent, so that the one in logs and error references is always
/// the server's own (a client-chosen id could forge log lines or collide with another's).
pub async fn drop_client_id(mut req: Request, next: Next) -> Response {
    req.headers_mut().remove(&HEADER);
    next.run(req).await
}

pub async fn scope(req: Request, next: Next) -> Response {
    let id = req
        .headers()
        .get(&HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_string();
    REQUEST_ID.scope(id, next.run(req)).await
}
