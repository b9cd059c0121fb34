//! The layers around every response: request id, logging, security headers, limits, compression.

pub mod client;
pub mod limits;
pub mod origin;
pub mod request_id;
pub mod security;
pub mod upload;

use crate::state::AppState;
use axum::{Router, middleware};
use tower_http::CompressionLevel;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

pub fn layers(router: Router, state: &AppState) -> Router {
    let timeout = std::time::Duration::from_secs(state.cfg.request_timeout_seconds.max(1));
    router
        .layer(limits::default_body_limit())
        .layer(middleware::from_fn(move |req, next| limits::bound(timeout, req, next)))
        .layer(middleware::from_fn_with_state(state.clone(), limits::client_quota))
        .layer(middleware::from_fn_with_state(state.clone(), security::headers))
        .layer(middleware::from_fn(request_id::scope))
        .layer(middleware::from_fn_with_state(state.clone(), client::identify))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|req: &axum::http::Request<_>| {
                    let id = req
                        .headers()
                        .get(&request_id::HEADER)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("-");
                    // The path only: queries are never logged.
                    tracing::info_span!("http", method = %req.method(), path = %req.uri().path(), request_id = %id)
                })
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .layer(PropagateRequestIdLayer::new(request_id::HEADER.clone()))
        .layer(SetRequestIdLayer::new(request_id::HEADER.clone(), MakeRequestUuid))
        .layer(middleware::from_fn(request_id::drop_client_id))
        // Pages and API answers are compressed as they go out, at the fastest level: the sampling
        // profile of the eligibility API (scripts/profile.sh eligibility) had half the server's
        // time in brotli at the default level. The wasm, JS and CSS are compressed once at build
        // time at the strongest level (scripts/precompress.sh) and not compressed again.
        .layer(
            CompressionLayer::new()
                .br(true)
                .gzip(true)
                .quality(CompressionLevel::Fastest),
        )
}
