//! Rate limits per caller: customers by their token, each with a budget of their own; requests
//! without credentials by client address, taken from `X-Forwarded-For` / `Forwarded` only when
//! the peer is a trusted proxy; and no lasting state from a flood of distinct callers.

use std::time::Duration;

use futures::{stream, StreamExt};

use crate::common::{self, client_with_token, customer_token, Reply, TestApp};

/// A request that comes through a proxy hop which says it forwarded it for `forwarded_for`.
async fn health_for(app: &TestApp, forwarded_for: &str) -> Reply {
    common::send(reqwest::Client::new().get(app.url("/healthz")).header("x-forwarded-for", forwarded_for)).await
}

fn statuses(replies: &[Reply]) -> Vec<u16> {
    replies.iter().map(|r| r.status).collect()
}

#[tokio::test]
async fn each_customer_has_a_budget_of_their_own_and_is_told_what_is_left() {
    let app = TestApp::spawn_with(&[("ORDERS_RATE_LIMIT", "1"), ("ORDERS_RATE_BURST", "5")]).await;
    let alice = client_with_token(&customer_token(1));
    let mut replies = Vec::new();
    for _ in 0..8 {
        replies.push(common::send(alice.get(app.url("/orders"))).await);
    }
    assert_eq!(statuses(&replies), [200, 200, 200, 200, 200, 429, 429, 429], "the start-up checks cost alice nothing");
    assert_eq!(replies[0].header("ratelimit-policy"), "\"customer\";q=5;w=5");
    assert_eq!(replies[0].header("ratelimit"), "\"customer\";r=4;t=1");
    let refused = &replies[5];
    refused.assert_problem(429);
    let retry_after: u64 = refused.header("retry-after").parse().unwrap();
    assert!((1..=2).contains(&retry_after), "{retry_after}");
    assert!(refused.header("ratelimit").starts_with("\"customer\";r=0;t="), "{:?}", refused.headers);

    // Bob pays nothing for Alice, nor does a caller without credentials.
    let bob = client_with_token(&customer_token(2));
    assert_eq!(common::send(bob.get(app.url("/orders"))).await.status, 200);
    let anonymous = common::send(reqwest::Client::new().get(app.url("/orders"))).await;
    anonymous.assert_problem(401);
    assert_eq!(anonymous.header("ratelimit-policy"), "\"address\";q=5;w=5");
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_address_has_its_budget() {
    let app = TestApp::spawn_with(&[
        ("ORDERS_RATE_LIMIT", "1"),
        ("ORDERS_RATE_BURST", "3"),
        ("ORDERS_TRUSTED_PROXIES", "127.0.0.1/32, ::1"),
    ])
    .await;
    let mut first = Vec::new();
    for _ in 0..4 {
        first.push(health_for(&app, "203.0.113.1").await);
    }
    assert_eq!(statuses(&first), [200, 200, 200, 429]);
    assert_eq!(health_for(&app, "203.0.113.2").await.status, 200, "another client");
    // What a client prepends is not believed: the proxy appended the address it saw.
    assert_eq!(health_for(&app, "198.51.100.7, 203.0.113.1").await.status, 429);
    assert_eq!(
        common::send(reqwest::Client::new().get(app.url("/healthz")).header("forwarded", "for=203.0.113.1"))
            .await
            .status,
        429,
        "the same client through a proxy that sends Forwarded"
    );
    // IPv6 clients count by their /64.
    let mut v6 = Vec::new();
    for _ in 0..3 {
        v6.push(health_for(&app, "2001:db8:0:1::1").await);
    }
    assert_eq!(statuses(&v6), [200, 200, 200]);
    assert_eq!(health_for(&app, "2001:db8:0:1::2").await.status, 429, "same /64");
    assert_eq!(health_for(&app, "2001:db8:0:2::1").await.status, 200, "another /64");
}

/// A forwarding hop, as an ingress is: it relays each request to the service and appends the
/// address it saw the request come from to `X-Forwarded-For`. Returns its base URL.
async fn start_forwarding_hop(upstream: String) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let http = reqwest::Client::new();
    tokio::spawn(async move {
        loop {
            let (stream, peer) = listener.accept().await.unwrap();
            let (http, upstream) = (http.clone(), upstream.clone());
            let relay = hyper::service::service_fn(move |request: hyper::Request<hyper::body::Incoming>| {
                let (http, upstream) = (http.clone(), upstream.clone());
                async move {
                    let forwarded = match request.headers().get("x-forwarded-for") {
                        Some(earlier) => format!("{}, {}", earlier.to_str().unwrap(), peer.ip()),
                        None => peer.ip().to_string(),
                    };
                    let mut outgoing = http.request(request.method().clone(), format!("{upstream}{}", request.uri()));
                    for (name, value) in
                        request.headers().iter().filter(|(n, _)| *n != "host" && *n != "x-forwarded-for")
                    {
                        outgoing = outgoing.header(name, value);
                    }
                    let reply = outgoing.header("x-forwarded-for", forwarded).send().await.unwrap();
                    let mut response = hyper::Response::builder().status(reply.status());
                    for (name, value) in
                        reply.headers().iter().filter(|(n, _)| *n != "content-length" && *n != "transfer-encoding")
                    {
                        response = response.header(name, value);
                    }
                    let body = http_body_util::Full::new(reply.bytes().await.unwrap());
                    Ok::<_, std::convert::Infallible>(response.body(body).unwrap())
                }
            });
            tokio::spawn(
                hyper::server::conn::http1::Builder::new()
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), relay),
            );
        }
    });
    base
}

/// A client whose connections come from `source` (any 127.x.y.z is this machine).
fn client_from(source: &str) -> reqwest::Client {
    reqwest::Client::builder().local_address(source.parse::<std::net::IpAddr>().ok()).build().unwrap()
}

#[tokio::test]
async fn through_a_forwarding_hop_each_client_has_its_budget_and_forgeries_change_nothing() {
    let app = TestApp::spawn_with(&[
        ("ORDERS_RATE_LIMIT", "1"),
        ("ORDERS_RATE_BURST", "3"),
        ("ORDERS_TRUSTED_PROXIES", "127.0.0.1"),
    ])
    .await;
    let hop = start_forwarding_hop(app.base_url.clone()).await;
    let (alice, bob, mallory) = (client_from("127.0.0.2"), client_from("127.0.0.3"), client_from("127.0.0.4"));

    let mut through_hop = Vec::new();
    for _ in 0..4 {
        through_hop.push(common::send(alice.get(format!("{hop}/healthz"))).await);
    }
    assert_eq!(statuses(&through_hop), [200, 200, 200, 429], "alice's budget, through the hop");
    // What alice prepends is not believed: the hop appended the address it saw.
    let forged = common::send(alice.get(format!("{hop}/healthz")).header("x-forwarded-for", "198.51.100.9")).await;
    assert_eq!(forged.status, 429);
    assert_eq!(common::send(bob.get(format!("{hop}/healthz"))).await.status, 200, "bob pays nothing for alice");

    // Straight to the service from an address that is not a trusted proxy, the header is ignored.
    let mut direct = Vec::new();
    for i in 0..4 {
        let request = mallory.get(app.url("/healthz")).header("x-forwarded-for", format!("203.0.113.{i}"));
        direct.push(common::send(request).await);
    }
    assert_eq!(statuses(&direct), [200, 200, 200, 429], "one budget for mallory, whatever it claims");
}

/// The process's resident memory, in KiB.
fn resident_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status.lines().find_map(|l| l.strip_prefix("VmRSS:")).unwrap().trim().trim_end_matches(" kB").parse().unwrap()
}

async fn tracked_keys(app: &TestApp) -> u64 {
    let metrics = common::send(reqwest::Client::new().get(app.url("/metrics"))).await.text;
    metrics
        .lines()
        .find_map(|l| l.strip_prefix("orders_rate_limit_tracked_keys "))
        .unwrap_or_else(|| panic!("no orders_rate_limit_tracked_keys in /metrics"))
        .trim()
        .parse()
        .unwrap()
}

/// `count` requests, each forwarded for an address of its own (`10.<flood>.x.y`).
async fn flood(app: &TestApp, flood: u8, count: u32) {
    let http = reqwest::Client::new();
    let statuses: Vec<u16> = stream::iter(0..count)
        .map(|i| {
            let request =
                http.get(app.url("/healthz")).header("x-forwarded-for", format!("10.{flood}.{}.{}", i / 256, i % 256));
            async move { request.send().await.map(|r| r.status().as_u16()).unwrap_or(0) }
        })
        .buffer_unordered(32)
        .collect()
        .await;
    assert!(statuses.iter().all(|s| *s == 200), "every distinct caller has a budget of its own");
}

async fn wait_for_keys(app: &TestApp, pred: fn(u64) -> bool, what: &str) -> u64 {
    common::eventually(Duration::from_secs(30), what, || async {
        let keys = tracked_keys(app).await;
        pred(keys).then_some(keys)
    })
    .await
}

#[tokio::test]
async fn a_flood_of_distinct_callers_leaves_no_lasting_state() {
    let app = TestApp::spawn_with(&[
        ("ORDERS_RATE_LIMIT", "100"),
        ("ORDERS_RATE_BURST", "200"),
        ("ORDERS_TRUSTED_PROXIES", "127.0.0.1"),
    ])
    .await;
    let before = resident_kib(app.pid());
    flood(&app, 1, 20_000).await;
    // The gauge counts the buckets held at each clean-up (every 5 s): a flood that spans one
    // shows up split over two readings, so a reading of a good part of it is what to wait for.
    let peak = wait_for_keys(&app, |k| k >= 1_000, "the flood's callers tracked").await;
    wait_for_keys(&app, |k| k < 100, "idle callers dropped").await;
    let after_first = resident_kib(app.pid());

    // Another flood of new callers reuses the memory of the first instead of adding to it.
    flood(&app, 2, 20_000).await;
    wait_for_keys(&app, |k| k >= 1_000, "the second flood's callers tracked").await;
    wait_for_keys(&app, |k| k < 100, "idle callers dropped again").await;
    let after_second = resident_kib(app.pid());
    common::report(format_args!(
        "rate-limit-flood: callers=2x20000 tracked_first_reading={peak} rss_kib_before={before} \
         rss_kib_after_first={after_first} rss_kib_after_second={after_second}"
    ));
    assert!(after_second <= after_first + 2048, "memory grew from {after_first} KiB to {after_second} KiB");
}
