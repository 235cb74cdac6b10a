//! Fetching another installation's library feed over HTTP: a whole answer within
//! `FEED_TIMEOUT_SECS`, no redirects, at most `MAX_FEED_BYTES`, and (unless the operator
//! allows it) never from an address inside this network, checked on every address a
//! name resolves to, so a feed URL cannot make the server probe its own network.
use samskap_app::server::feeds::FeedFetcher;
use samskap_domain::library::feed::Feed;
use samskap_domain::library::subscription::{
    parse_feed, FeedProblem, FEED_TIMEOUT_SECS, MAX_FEED_BYTES, MAX_FEED_URL,
};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

pub struct FeedClient {
    client: reqwest::Client,
    allow_private: bool,
    /// The one address inside the network fetched anyway: the demo's own (it serves
    /// the feed it subscribes to), so a demo open to the internet is no way in.
    own: Option<SocketAddr>,
}

/// The resolver's refusal of a name that points inside the network.
#[derive(Debug)]
struct PrivateAddress;

impl std::fmt::Display for PrivateAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the name resolves to an address inside this network")
    }
}

impl std::error::Error for PrivateAddress {}

/// Resolves names as the system does, keeping only addresses the client may reach.
struct GuardedResolver {
    allow_private: bool,
}

impl reqwest::dns::Resolve for GuardedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let allow_private = self.allow_private;
        Box::pin(async move {
            let found: Vec<SocketAddr> = tokio::net::lookup_host((name.as_str(), 0))
                .await?
                .filter(|a| allow_private || is_public(a.ip()))
                .collect();
            if found.is_empty() {
                return Err(Box::new(PrivateAddress) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(found.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// Whether `ip` is on the public internet: not loopback, private, link-local, shared
/// (CGNAT), unspecified, multicast, reserved, benchmarking or documentation space; in
/// IPv6 only global unicast (`2000::/3`), and an IPv4 address carried inside one (mapped,
/// compatible, NAT64, 6to4) judged as that IPv4 address.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || a == 0
                || a >= 240
                || (a == 100 && (64..128).contains(&b))
                || (a == 192 && b == 0 && c == 0)
                || (a == 198 && (b == 18 || b == 19)))
        }
        IpAddr::V6(v6) => {
            let s = v6.segments();
            let embedded = |hi: u16, lo: u16| {
                std::net::Ipv4Addr::new((hi >> 8) as u8, hi as u8, (lo >> 8) as u8, lo as u8)
            };
            if let Some(v4) = v6.to_ipv4() {
                // Mapped (::ffff:a.b.c.d) and the old compatible form (::a.b.c.d).
                return is_public(IpAddr::V4(v4));
            }
            if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
                return is_public(IpAddr::V4(embedded(s[6], s[7])));
            }
            if s[0] == 0x2002 {
                return is_public(IpAddr::V4(embedded(s[1], s[2])));
            }
            (s[0] & 0xe000) == 0x2000 && !(s[0] == 0x2001 && s[1] == 0x0db8)
        }
    }
}

impl FeedClient {
    /// A client; `allow_private` lets it fetch from this network (tests, an installation
    /// whose partners sit on the same private network); `own` is one address that may
    /// be fetched even so (the demo's own listening address).
    pub fn new(allow_private: bool, own: Option<SocketAddr>) -> Result<FeedClient, String> {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            // A proxy from the environment would resolve the name itself, past the guard.
            .no_proxy()
            .timeout(Duration::from_secs(FEED_TIMEOUT_SECS))
            .connect_timeout(Duration::from_secs(FEED_TIMEOUT_SECS / 2))
            .dns_resolver(Arc::new(GuardedResolver { allow_private }))
            .user_agent(concat!(
                "Samskap/",
                env!("CARGO_PKG_VERSION"),
                " library feed"
            ))
            .build()
            .map_err(|e| format!("cannot build the feed client: {e}"))?;
        Ok(FeedClient {
            client,
            allow_private,
            own,
        })
    }

    async fn get(&self, url: &str) -> Result<Feed, FeedProblem> {
        let parsed = address(url)?;
        // An address written as an IP is not resolved, so it is checked here.
        let host = parsed.host_str().unwrap_or_default();
        let mut own = false;
        if let Ok(ip) = host.trim_start_matches('[').trim_end_matches(']').parse() {
            own = self.own.is_some_and(|own| {
                own.ip() == ip && parsed.port_or_known_default() == Some(own.port())
            });
            if !own {
                self.check_literal(ip)?;
            }
        }
        // Out on the internet a feed is a web page, on port 80 or 443: any other port
        // would let a lead make this server knock on other services' doors.
        let web_port = matches!(parsed.port_or_known_default(), Some(80 | 443));
        if !(web_port || own || self.allow_private) {
            return Err(FeedProblem::InvalidAddress);
        }
        let mut response = self.client.get(parsed).send().await.map_err(problem)?;
        if response.status() != reqwest::StatusCode::OK {
            return Err(FeedProblem::BadStatus(response.status().as_u16()));
        }
        if response
            .content_length()
            .is_some_and(|n| n > MAX_FEED_BYTES as u64)
        {
            return Err(FeedProblem::TooLarge);
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(problem)? {
            if body.len() + chunk.len() > MAX_FEED_BYTES {
                return Err(FeedProblem::TooLarge);
            }
            body.extend_from_slice(&chunk);
        }
        parse_feed(&body)
    }

    fn check_literal(&self, ip: IpAddr) -> Result<(), FeedProblem> {
        if self.allow_private || is_public(ip) {
            Ok(())
        } else {
            Err(FeedProblem::PrivateAddress)
        }
    }
}

/// `url` if it is an absolute `http` or `https` address with a host, short enough.
fn address(url: &str) -> Result<reqwest::Url, FeedProblem> {
    if url.chars().count() > MAX_FEED_URL {
        return Err(FeedProblem::InvalidAddress);
    }
    let parsed = reqwest::Url::parse(url.trim()).map_err(|_| FeedProblem::InvalidAddress)?;
    let web = matches!(parsed.scheme(), "http" | "https");
    if !web
        || parsed.host().is_none()
        || !parsed.username().is_empty()
        || parsed.password().is_some()
    {
        return Err(FeedProblem::InvalidAddress);
    }
    Ok(parsed)
}

/// What went wrong in a request, as the lead is told it.
fn problem(err: reqwest::Error) -> FeedProblem {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&err);
    while let Some(e) = source {
        if e.is::<PrivateAddress>() {
            return FeedProblem::PrivateAddress;
        }
        source = e.source();
    }
    if err.is_timeout() {
        FeedProblem::TimedOut
    } else if err.is_body() || err.is_decode() {
        FeedProblem::Malformed
    } else {
        FeedProblem::Unreachable
    }
}

impl FeedFetcher for FeedClient {
    fn fetch<'a>(
        &'a self,
        url: &'a str,
    ) -> futures::future::BoxFuture<'a, Result<Feed, FeedProblem>> {
        Box::pin(self.get(url))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_addresses_are_public() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "::1",
            "fc00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::127.0.0.1",
            "64:ff9b::a00:1",
            "2002:a00:1::1",
            "fec0::1",
            "192.0.0.8",
            "198.18.0.1",
            "240.0.0.1",
            "2001:db8::1",
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private}");
        }
        for public in [
            "158.36.1.1",
            "8.8.8.8",
            "2a00:1450::1",
            "64:ff9b::808:808",
            "2002:808:808::1",
        ] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
    }

    #[test]
    fn only_web_addresses_are_feeds() {
        for bad in [
            "ftp://x.no/f",
            "file:///etc/passwd",
            "/public/library",
            "http://user:pw@x.no/",
            "javascript:alert(1)",
        ] {
            assert_eq!(address(bad), Err(FeedProblem::InvalidAddress), "{bad}");
        }
        assert!(address("https://samskap.halden.kommune.no/public/library/feed.json").is_ok());
        assert_eq!(
            address(&format!("https://x.no/{}", "a".repeat(500))),
            Err(FeedProblem::InvalidAddress)
        );
    }
}
