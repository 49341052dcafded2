//! Who the client is behind a reverse proxy: `X-Forwarded-For` and `X-Forwarded-Proto` are
//! believed only when the connection comes from a configured trusted proxy.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::HeaderMap;

use crate::api::ApiError;
use crate::state::AppState;

/// The reverse proxies whose forwarding headers are believed.
#[derive(Clone, Debug, Default)]
pub struct TrustedProxies(Vec<IpAddr>);

impl TrustedProxies {
    /// Trusts exactly `addresses`.
    pub fn new(addresses: Vec<IpAddr>) -> TrustedProxies {
        TrustedProxies(addresses.into_iter().map(canonical).collect())
    }

    fn trusts(&self, address: IpAddr) -> bool {
        self.0.contains(&canonical(address))
    }

    /// The client of a connection from `peer` carrying `headers`.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> Client {
        if !self.trusts(peer) {
            return Client {
                address: canonical(peer),
                https: false,
            };
        }
        // Walk the chain from the nearest hop: the first address that is not one of our proxies
        // is the client (anything left of it was written by the client and proves nothing).
        let mut address = canonical(peer);
        let hops = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .collect::<Vec<_>>();
        for hop in hops.iter().rev().take(16) {
            match hop.parse::<IpAddr>() {
                Ok(hop) if self.trusts(hop) => address = canonical(hop),
                Ok(hop) => {
                    address = canonical(hop);
                    break;
                }
                Err(_) => break,
            }
        }
        let https = headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .is_some_and(|proto| proto.trim().eq_ignore_ascii_case("https"));
        Client { address, https }
    }
}

/// An IPv4 address mapped into IPv6 counts as the IPv4 address.
fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, IpAddr::V4),
        v4 => v4,
    }
}

/// The client of a request, as far as it can be known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Client {
    /// The client's address (the proxy's view when behind a trusted proxy).
    pub address: IpAddr,
    /// Whether the client reached us over HTTPS (only a trusted proxy can say so).
    pub https: bool,
}

impl FromRequestParts<AppState> for Client {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Client, ApiError> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip())
            .ok_or_else(|| ApiError::Internal("no peer address".into()))?;
        Ok(state.ops.proxies.client(peer, &parts.headers))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn forwarding_headers_from_a_stranger_are_ignored() {
        let proxies = TrustedProxies::new(vec!["10.0.0.1".parse().unwrap()]);
        let client = proxies.client(
            "203.0.113.9".parse().unwrap(),
            &headers(&[
                ("x-forwarded-for", "1.2.3.4"),
                ("x-forwarded-proto", "https"),
            ]),
        );
        assert_eq!(client.address, "203.0.113.9".parse::<IpAddr>().unwrap());
        assert!(!client.https);
    }

    #[test]
    fn the_trusted_proxy_names_the_client_and_the_scheme() {
        let proxies = TrustedProxies::new(vec!["10.0.0.1".parse().unwrap()]);
        let client = proxies.client(
            "::ffff:10.0.0.1".parse().unwrap(),
            &headers(&[
                ("x-forwarded-for", "6.6.6.6, 198.51.100.7"),
                ("x-forwarded-proto", "https"),
            ]),
        );
        // The client wrote 6.6.6.6 itself; the proxy saw 198.51.100.7.
        assert_eq!(client.address, "198.51.100.7".parse::<IpAddr>().unwrap());
        assert!(client.https);
    }

    #[test]
    fn garbage_in_the_chain_stops_at_the_last_known_hop() {
        let proxies = TrustedProxies::new(vec!["10.0.0.1".parse().unwrap()]);
        let client = proxies.client(
            "10.0.0.1".parse().unwrap(),
            &headers(&[("x-forwarded-for", "not-an-address")]),
        );
        assert_eq!(client.address, "10.0.0.1".parse::<IpAddr>().unwrap());
    }
}
