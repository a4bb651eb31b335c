//! The client's address, the one answer every part of the server uses (throttling, sessions,
//! the security log). Behind a reverse proxy the TCP peer is the proxy; its `X-Forwarded-For`
//! names the client, but only a configured proxy is believed: anyone else could write any
//! address there and slip past the throttle.

use std::net::IpAddr;

use http::HeaderMap;
use sqlx::types::ipnetwork::IpNetwork;

/// `TRUSTED_PROXIES`: the addresses or networks of the reverse proxies in front of the server.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNetwork>);

impl TrustedProxies {
    /// A comma-separated list of addresses (`10.0.0.5`, `::1`) and networks (`10.0.0.0/8`).
    pub fn parse(list: &str) -> Result<Self, String> {
        list.split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(|item| item.parse::<IpNetwork>().map_err(|_| format!("{item:?} is not an IP address or network")))
            .collect::<Result<Vec<_>, _>>()
            .map(TrustedProxies)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn contains(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.0.iter().any(|network| network.contains(ip))
    }
}

/// The client's address for a request from `peer` with these headers: the peer itself, unless
/// it is a trusted proxy; then the right-most `X-Forwarded-For` entry that is not a trusted
/// proxy (each proxy appends the address it received the request from, so entries left of
/// that one were written by the client and prove nothing). IPv4-mapped IPv6 becomes IPv4.
pub fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &TrustedProxies) -> IpAddr {
    let mut client = peer.to_canonical();
    if !trusted.contains(client) {
        return client;
    }
    let forwarded: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .collect();
    for entry in forwarded.into_iter().rev() {
        let Ok(hop) = entry.parse::<IpAddr>() else {
            // Unreadable: what lies left of it cannot be trusted either.
            break;
        };
        client = hop.to_canonical();
        if !trusted.contains(client) {
            break;
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(values: &[&'static str]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for value in values {
            map.append("x-forwarded-for", http::HeaderValue::from_static(value));
        }
        map
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client_whatever_the_headers_say() {
        let none = TrustedProxies::default();
        assert_eq!(client_address(ip("198.51.100.7"), &headers(&["203.0.113.1"]), &none), ip("198.51.100.7"));
        let proxies = TrustedProxies::parse("10.0.0.0/8").unwrap();
        assert_eq!(client_address(ip("198.51.100.7"), &headers(&["203.0.113.1"]), &proxies), ip("198.51.100.7"));
    }

    #[test]
    fn from_a_trusted_proxy_the_right_most_untrusted_entry_is_the_client() {
        let proxies = TrustedProxies::parse(" 10.0.0.0/8 , 192.0.2.1 ").unwrap();
        let spoofed = headers(&["1.2.3.4, 203.0.113.9", "10.1.1.1"]);
        assert_eq!(client_address(ip("192.0.2.1"), &spoofed, &proxies), ip("203.0.113.9"));
        assert_eq!(client_address(ip("10.0.0.2"), &headers(&["2001:db8::1"]), &proxies), ip("2001:db8::1"));
    }

    #[test]
    fn a_trusted_proxy_without_a_usable_header_is_the_client() {
        let proxies = TrustedProxies::parse("10.0.0.1").unwrap();
        assert_eq!(client_address(ip("10.0.0.1"), &HeaderMap::new(), &proxies), ip("10.0.0.1"));
        assert_eq!(client_address(ip("10.0.0.1"), &headers(&["1.2.3.4, garbage"]), &proxies), ip("10.0.0.1"));
        assert_eq!(client_address(ip("10.0.0.1"), &headers(&["10.0.0.1"]), &proxies), ip("10.0.0.1"));
    }

    #[test]
    fn ipv4_mapped_addresses_are_ipv4() {
        let proxies = TrustedProxies::parse("10.0.0.1").unwrap();
        assert_eq!(
            client_address(ip("::ffff:10.0.0.1"), &headers(&["::ffff:203.0.113.9"]), &proxies),
            ip("203.0.113.9")
        );
        assert_eq!(client_address(ip("::ffff:198.51.100.7"), &HeaderMap::new(), &proxies), ip("198.51.100.7"));
    }

    #[test]
    fn malformed_settings_are_refused() {
        assert!(TrustedProxies::parse("10.0.0.0/99").is_err());
        assert!(TrustedProxies::parse("proxy.local").is_err());
        assert!(TrustedProxies::parse("").unwrap().is_empty());
    }
}
