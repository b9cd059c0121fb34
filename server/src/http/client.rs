//! Who the client is: the TCP peer, or behind trusted proxies (`TRUSTED_PROXIES`) the right-most
//! `X-Forwarded-For` hop that is not one of them. Per-client limits count by this address.

use crate::config::ProxyNet;
use crate::state::AppState;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use std::net::{IpAddr, SocketAddr};

/// The client's address, set on every request by [`identify`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

/// The client of a request whose TCP peer is `peer`. Hops that do not parse end the walk: what
/// lies left of them cannot be believed.
pub fn resolve(peer: IpAddr, headers: &HeaderMap, trusted: &[ProxyNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    let mut client = peer;
    for hop in hops.iter().rev() {
        let Ok(ip) = hop.parse::<IpAddr>() else {
            break;
        };
        client = ip;
        if !is_trusted(&ip) {
            break;
        }
    }
    client
}

/// Sets [`ClientAddr`] on the request.
pub async fn identify(State(s): State<AppState>, mut req: Request, next: Next) -> Response {
    if let Some(peer) = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
    {
        let client = resolve(peer, req.headers(), &s.cfg.trusted_proxies);
        req.extensions_mut().insert(ClientAddr(client));
    }
    next.run(req).await
}

/// The client's address as text, for rate-limit keys ("unknown" outside a served request).
pub fn of(parts: &axum::http::request::Parts) -> String {
    of_extensions(&parts.extensions)
}

/// As [`of`], from a request's extensions (for middleware that holds the whole request).
pub fn of_extensions(extensions: &axum::http::Extensions) -> String {
    extensions
        .get::<ClientAddr>()
        .map(|c| c.0.to_string())
        .unwrap_or_else(|| "unknown".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(xff: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in xff {
            h.append("x-forwarded-for", v.parse().unwrap());
        }
        h
    }

    fn nets(list: &[&str]) -> Vec<ProxyNet> {
        list.iter().map(|n| n.parse().unwrap()).collect()
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client() {
        let h = headers(&["203.0.113.9"]);
        assert_eq!(resolve(ip("10.0.0.2"), &h, &[]), ip("10.0.0.2"));
    }

    #[test]
    fn an_untrusted_peer_cannot_claim_another_address() {
        let h = headers(&["203.0.113.9"]);
        let trusted = nets(&["10.0.0.0/8"]);
        assert_eq!(
            resolve(ip("198.51.100.7"), &h, &trusted),
            ip("198.51.100.7")
        );
    }

    #[test]
    fn the_right_most_untrusted_hop_is_the_client() {
        // The client forged the first hop; the proxy appended the real one.
        let h = headers(&["1.2.3.4, 203.0.113.9", "10.0.0.3"]);
        let trusted = nets(&["10.0.0.0/8"]);
        assert_eq!(resolve(ip("10.0.0.2"), &h, &trusted), ip("203.0.113.9"));
    }

    #[test]
    fn a_hop_that_does_not_parse_ends_the_walk() {
        let h = headers(&["203.0.113.9, garbage, 10.0.0.3"]);
        let trusted = nets(&["10.0.0.2", "10.0.0.3"]);
        assert_eq!(resolve(ip("10.0.0.2"), &h, &trusted), ip("10.0.0.3"));
    }
}
