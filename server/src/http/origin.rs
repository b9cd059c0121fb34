//! Same-origin check for state-changing requests from browsers (forms and fetches).

use axum::http::{HeaderMap, header};

/// True when the request plainly comes from this site, or from a non-browser client that sends
/// neither `Origin` nor `Sec-Fetch-Site` (API clients authenticate by other means).
pub fn is_same_origin(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return matches!(site, "same-origin" | "none");
    }
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        None => true,
        Some(origin) => {
            let host = headers
                .get(header::HOST)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            origin
                .strip_prefix("http://")
                .or_else(|| origin.strip_prefix("https://"))
                == Some(host)
        }
    }
}
