//! Who a request counts against, and whether it may go on.
//!
//! Authenticated callers are limited by who they are (the token's subject), with a quota per
//! role (`ORDERS_RATE_LIMIT` for customers, `ORDERS_ADMIN_RATE_LIMIT` for admins); requests
//! without valid credentials by the client's address. That address is the TCP peer's, or, when
//! the peer is a trusted proxy (`ORDERS_TRUSTED_PROXIES`), the right-most address of
//! `Forwarded` / `X-Forwarded-For` that is not a trusted proxy: a client can prepend anything,
//! but not what the proxies append after it. IPv6 addresses count by their /64, so rotating
//! addresses within one network gains nothing. Each limit is a token bucket per key in this
//! process (governor); keys idle long enough to be full again are dropped every few seconds, so
//! the state follows the active callers, not every caller ever seen.

use std::{
    net::{IpAddr, Ipv6Addr},
    num::NonZeroU32,
    sync::Arc,
    time::Duration,
};

use governor::{
    clock::{Clock, DefaultClock},
    middleware::StateInformationMiddleware,
    state::keyed::DefaultKeyedStateStore,
    Quota, RateLimiter,
};
use hyper::header::{HeaderMap, HeaderName, HeaderValue};
use ipnet::IpNet;

use crate::{
    auth::{Caller, Principal},
    metrics,
};

/// How often buckets that are full again (idle callers) are dropped.
const EVICT_EVERY: Duration = Duration::from_secs(5);

const RATE_LIMIT: HeaderName = HeaderName::from_static("ratelimit");
const RATE_LIMIT_POLICY: HeaderName = HeaderName::from_static("ratelimit-policy");

/// Requests per second, and the burst a full bucket allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rate {
    pub per_second: NonZeroU32,
    pub burst: NonZeroU32,
}

impl Rate {
    /// `None` when `per_second` is 0 (no limit); a burst of 0 means one second's worth.
    pub fn new(per_second: u32, burst: u32) -> Option<Self> {
        let per_second = NonZeroU32::new(per_second)?;
        Some(Self { per_second, burst: NonZeroU32::new(burst).unwrap_or(per_second) })
    }

    /// Seconds a bucket takes to fill up from empty: the window of the `RateLimit` headers.
    fn window_secs(&self) -> u64 {
        u64::from(self.burst.get()).div_ceil(u64::from(self.per_second.get()))
    }
}

#[derive(Clone, Debug, Default)]
pub struct RateLimitSettings {
    /// Per customer (token subject), and per client address for requests without valid
    /// credentials; `None`: no limit.
    pub callers: Option<Rate>,
    /// Per admin (token subject).
    pub admins: Option<Rate>,
    /// Peers whose `Forwarded` / `X-Forwarded-For` are believed.
    pub trusted_proxies: Vec<IpNet>,
}

/// One policy: its name in the `RateLimit` headers, its rate, its `RateLimit-Policy` header
/// (the same on every answer), and a bucket per key.
struct Policy<K: std::hash::Hash + Eq + Clone> {
    name: &'static str,
    rate: Rate,
    header: HeaderValue,
    buckets: RateLimiter<K, DefaultKeyedStateStore<K>, DefaultClock, StateInformationMiddleware>,
}

impl<K: std::hash::Hash + Eq + Clone> Policy<K> {
    fn new(name: &'static str, rate: Rate) -> Self {
        let quota = Quota::per_second(rate.per_second).allow_burst(rate.burst);
        let header = format!("\"{name}\";q={};w={}", rate.burst, rate.window_secs());
        Self {
            name,
            rate,
            header: HeaderValue::from_str(&header).expect("visible ASCII"),
            buckets: RateLimiter::keyed(quota).with_middleware::<StateInformationMiddleware>(),
        }
    }

    fn check(&self, key: &K) -> Verdict {
        let (remaining, reset_secs, refused) = match self.buckets.check_key(key) {
            Ok(snapshot) => {
                let used = self.rate.burst.get() - snapshot.remaining_burst_capacity();
                (
                    snapshot.remaining_burst_capacity(),
                    u64::from(used).div_ceil(u64::from(self.rate.per_second.get())),
                    false,
                )
            }
            Err(not_until) => {
                let wait = not_until.wait_time_from(DefaultClock::default().now());
                (0, (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1), true)
            }
        };
        let headers = vec![
            (RATE_LIMIT_POLICY, self.header.clone()),
            (
                RATE_LIMIT,
                HeaderValue::from_str(&format!("\"{}\";r={remaining};t={reset_secs}", self.name))
                    .expect("visible ASCII"),
            ),
        ];
        if refused {
            Verdict::Refused { retry_after_secs: reset_secs, headers }
        } else {
            Verdict::Allowed(headers)
        }
    }

    /// Drops the buckets that are full again; returns how many there were before.
    fn evict_idle(&self) -> usize {
        let held = self.buckets.len();
        self.buckets.retain_recent();
        self.buckets.shrink_to_fit();
        held
    }
}

/// Whether a request may go on, with the headers that tell the client where it stands.
pub enum Verdict {
    Allowed(Vec<(HeaderName, HeaderValue)>),
    Refused { retry_after_secs: u64, headers: Vec<(HeaderName, HeaderValue)> },
}

pub struct RateLimits {
    customers: Option<Policy<String>>,
    admins: Option<Policy<String>>,
    addresses: Option<Policy<IpAddr>>,
    trusted_proxies: Vec<IpNet>,
}

impl RateLimits {
    /// The limits, with a task that drops idle buckets every few seconds for as long as they are
    /// in use. `orders_rate_limit_tracked_keys` is what they held before each clean-up: the
    /// callers of the last few seconds.
    pub fn start(settings: RateLimitSettings) -> Arc<Self> {
        let limits = Arc::new(Self {
            customers: settings.callers.map(|rate| Policy::new("customer", rate)),
            admins: settings.admins.map(|rate| Policy::new("admin", rate)),
            addresses: settings.callers.map(|rate| Policy::new("address", rate)),
            trusted_proxies: settings.trusted_proxies,
        });
        if limits.customers.is_none() && limits.admins.is_none() {
            return limits;
        }
        let weak = Arc::downgrade(&limits);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(EVICT_EVERY);
            loop {
                tick.tick().await;
                let Some(limits) = weak.upgrade() else { return };
                let tracked = limits.customers.as_ref().map_or(0, Policy::evict_idle)
                    + limits.admins.as_ref().map_or(0, Policy::evict_idle)
                    + limits.addresses.as_ref().map_or(0, Policy::evict_idle);
                metrics::get().rate_limit_tracked_keys.set(tracked as i64);
            }
        });
        limits
    }

    /// An authenticated caller, by the token's subject, under its role's quota.
    pub fn check_caller(&self, caller: &Caller) -> Verdict {
        let policy = match caller.principal {
            Principal::Admin | Principal::Carrier => &self.admins,
            Principal::Customer(_) => &self.customers,
        };
        match policy {
            Some(policy) => policy.check(&caller.principal.to_subject(&caller.subject)),
            None => Verdict::Allowed(Vec::new()),
        }
    }

    /// A request without valid credentials, by the client's address: the peer's, unless the
    /// peer is a trusted proxy; then the right-most forwarded address that is not a trusted
    /// proxy (or the left-most, if all of them are).
    pub fn check_address(&self, peer: IpAddr, headers: &HeaderMap) -> Verdict {
        match &self.addresses {
            Some(policy) => policy.check(&network_of(client_address(peer, headers, &self.trusted_proxies))),
            None => Verdict::Allowed(Vec::new()),
        }
    }
}

fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(&canonical(*ip)));
    if !is_trusted(&peer) {
        return peer;
    }
    // `Forwarded` (RFC 7239) when a proxy sends it, else `X-Forwarded-For`; hops left to right.
    let forwarded: Vec<&str> = headers.get_all("forwarded").iter().filter_map(|v| v.to_str().ok()).collect();
    let hops: Vec<Option<IpAddr>> = if !forwarded.is_empty() {
        forwarded.iter().flat_map(|v| v.split(',')).map(forwarded_for).collect()
    } else {
        headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(|hop| parse_hop(hop.trim()))
            .collect()
    };
    let mut client = peer;
    for hop in hops.into_iter().rev() {
        // A hop that is not an address (`unknown`, an obfuscated name) cannot be keyed: the
        // nearest address known stands for it.
        let Some(hop) = hop else { return client };
        client = hop;
        if !is_trusted(&hop) {
            return hop;
        }
    }
    client
}

/// The `for=` address of one `Forwarded` element.
fn forwarded_for(element: &str) -> Option<IpAddr> {
    element.split(';').find_map(|pair| {
        let (name, value) = pair.split_once('=')?;
        name.trim().eq_ignore_ascii_case("for").then(|| parse_hop(value.trim().trim_matches('"')))?
    })
}

/// An address as proxies write it: `192.0.2.1`, `192.0.2.1:4711`, `2001:db8::1`, `[2001:db8::1]:4711`.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    if let Ok(ip) = hop.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Some(rest) = hop.strip_prefix('[') {
        return rest.split_once(']').and_then(|(ip, _)| ip.parse().ok());
    }
    hop.rsplit_once(':').and_then(|(ip, port)| port.parse::<u16>().ok().and(ip.parse().ok()))
}

/// IPv4-mapped IPv6 addresses as the IPv4 addresses they are.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// The key of an address: IPv4 as is, IPv6 by its /64.
fn network_of(ip: IpAddr) -> IpAddr {
    match canonical(ip) {
        IpAddr::V6(v6) => {
            let s = v6.segments();
            IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
        }
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(HeaderName::from_bytes(name.as_bytes()).unwrap(), HeaderValue::from_str(value).unwrap());
        }
        map
    }

    fn nets(list: &[&str]) -> Vec<IpNet> {
        list.iter().map(|n| n.parse().unwrap()).collect()
    }

    #[test]
    fn forwarded_headers_count_only_from_a_trusted_peer() {
        let peer: IpAddr = "10.0.0.5".parse().unwrap();
        let forged = headers(&[("x-forwarded-for", "203.0.113.9")]);
        assert_eq!(client_address(peer, &forged, &[]), peer);
        assert_eq!(client_address(peer, &forged, &nets(&["10.0.0.0/8"])), "203.0.113.9".parse::<IpAddr>().unwrap());
    }

    #[test]
    fn the_right_most_untrusted_hop_is_the_client() {
        let peer: IpAddr = "10.0.0.5".parse().unwrap();
        // The client prepended a forged hop; the ingress (10.0.0.7) appended the real one.
        let chain = headers(&[("x-forwarded-for", "198.51.100.1, 203.0.113.9, 10.0.0.7")]);
        assert_eq!(client_address(peer, &chain, &nets(&["10.0.0.0/8"])), "203.0.113.9".parse::<IpAddr>().unwrap());
        let forwarded = headers(&[("forwarded", "for=198.51.100.1, for=\"[2001:db8::1]:4711\";proto=https")]);
        assert_eq!(client_address(peer, &forwarded, &nets(&["10.0.0.0/8"])), "2001:db8::1".parse::<IpAddr>().unwrap());
        let unknown = headers(&[("x-forwarded-for", "unknown, 10.0.0.7")]);
        assert_eq!(client_address(peer, &unknown, &nets(&["10.0.0.0/8"])), "10.0.0.7".parse::<IpAddr>().unwrap());
    }

    #[test]
    fn ipv6_addresses_count_by_their_64_and_mapped_ipv4_as_ipv4() {
        let a = network_of("2001:db8:1:2:aaaa::1".parse().unwrap());
        assert_eq!(a, network_of("2001:db8:1:2:bbbb::7".parse().unwrap()));
        assert_ne!(a, network_of("2001:db8:1:3::1".parse().unwrap()));
        assert_eq!(network_of("::ffff:192.0.2.1".parse().unwrap()), "192.0.2.1".parse::<IpAddr>().unwrap());
    }

    #[tokio::test]
    async fn each_customer_has_a_budget_of_its_own_and_the_headers_say_what_is_left() {
        let rate = Rate::new(1, 2);
        let limits = RateLimits::start(RateLimitSettings { callers: rate, admins: None, trusted_proxies: vec![] });
        let alice = Caller { principal: Principal::Customer(1), subject: "alice".to_owned() };
        let bob = Caller { principal: Principal::Customer(2), subject: "bob".to_owned() };
        let Verdict::Allowed(first) = limits.check_caller(&alice) else { panic!("refused at once") };
        assert_eq!(first[0].1, "\"customer\";q=2;w=2");
        assert_eq!(first[1].1, "\"customer\";r=1;t=1");
        assert!(matches!(limits.check_caller(&alice), Verdict::Allowed(_)));
        let Verdict::Refused { retry_after_secs, headers } = limits.check_caller(&alice) else { panic!("not refused") };
        assert_eq!(retry_after_secs, 1);
        assert_eq!(headers[1].1, "\"customer\";r=0;t=1");
        assert!(matches!(limits.check_caller(&bob), Verdict::Allowed(_)), "bob pays for alice");
        let admin = Caller { principal: Principal::Admin, subject: "alice".to_owned() };
        assert!(
            matches!(limits.check_caller(&admin), Verdict::Allowed(ref h) if h.is_empty()),
            "admins unlimited here"
        );

        // Admins under a quota of their own.
        let limits =
            RateLimits::start(RateLimitSettings { callers: rate, admins: Rate::new(5, 10), trusted_proxies: vec![] });
        let Verdict::Allowed(headers) = limits.check_caller(&admin) else { panic!("refused at once") };
        assert_eq!(headers[0].1, "\"admin\";q=10;w=2");
    }
}
