//! Only the right people: bearer JWTs, per-customer authorization, and limits on hostile traffic.

use std::{
    io::{Read, Write},
    time::Duration,
};

use crate::common::{self, client_with_token, customer_token, token, token_with, Stack, TestApp};
use jsonwebtoken::{Algorithm, EncodingKey};
use serde_json::json;

#[tokio::test]
async fn bad_tokens_get_401_with_a_challenge() {
    let app = TestApp::spawn().await;
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let other_key = EncodingKey::from_secret(b"another-secret-of-at-least-thirty-two!!");
    let mut none_header = base64_url(br#"{"alg":"none","typ":"JWT"}"#);
    none_header.push('.');
    none_header.push_str(&base64_url(
        json!({"role":"admin","iss":"orders","aud":"orders-api","exp": now + 3600}).to_string().as_bytes(),
    ));
    none_header.push('.');
    let cases = [
        ("missing", None),
        ("expired", Some(token(json!({"exp": now - 3600})))),
        ("not yet valid", Some(token(json!({"nbf": now + 3600})))),
        ("wrongly signed", Some(token_with(json!({}), Algorithm::HS256, &other_key))),
        ("alg none", Some(none_header)),
        ("wrong audience", Some(token(json!({"aud": "someone-else"})))),
        ("wrong issuer", Some(token(json!({"iss": "someone-else"})))),
        ("not a JWT", Some("abc".to_owned())),
    ];
    for (what, bearer) in cases {
        let mut request = reqwest::Client::new().get(app.url("/orders"));
        if let Some(t) = &bearer {
            request = request.header("authorization", format!("Bearer {t}"));
        }
        let reply = request.send().await.unwrap();
        assert_eq!(reply.status(), 401, "{what}");
        let challenge = reply.headers()["www-authenticate"].to_str().unwrap().to_owned();
        assert!(challenge.starts_with("Bearer"), "{what}: {challenge}");
        assert_eq!(reply.headers()["content-type"], "application/problem+json", "{what}");
        let body = reply.text().await.unwrap();
        if let Some(t) = &bearer {
            assert!(!body.contains(t.as_str()), "{what}: the token is echoed");
        }
    }
    // Tokens as identity providers issue them: `aud` as an array, no `iat` (both allowed by
    // RFC 7519); every other check still applies.
    for (what, claims) in [("aud array", json!({"aud": ["account", "orders-api"]})), ("no iat", json!({"iat": null}))] {
        let reply = client_with_token(&token(claims)).get(app.url("/orders")).send().await.unwrap();
        assert_eq!(reply.status(), 200, "{what}");
    }
    let reply =
        client_with_token(&token(json!({"aud": ["account", "other"]}))).get(app.url("/orders")).send().await.unwrap();
    assert_eq!(reply.status(), 401, "aud array without this audience");
    // A valid token with an unknown role is authenticated but not allowed.
    let reply = client_with_token(&token(json!({"role": "auditor"}))).get(app.url("/orders")).send().await.unwrap();
    assert_eq!(reply.status(), 403);
    // The public routes need nothing.
    for path in ["/healthz", "/readyz", "/openapi.yaml", "/docs/", "/metrics"] {
        let reply = reqwest::Client::new().get(app.url(path)).send().await.unwrap();
        assert_eq!(reply.status(), 200, "{path}");
    }
}

fn base64_url(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

#[tokio::test]
async fn customers_see_and_touch_only_their_own_orders() {
    let app = TestApp::spawn_with(&[("ORDER_PROCESSING_DELAY", "1h")]).await;
    let alice = client_with_token(&customer_token(100));
    let bob = client_with_token(&customer_token(200));
    let create = |client: &reqwest::Client, customer: i64| {
        client
            .post(app.url("/orders"))
            .header("content-type", "application/json")
            .body(format!(r#"{{"customer_id": {customer}, "total_amount": 5.00}}"#))
            .send()
    };
    let created = create(&alice, 100).await.unwrap();
    assert_eq!(created.status(), 201);
    let id = created.json::<serde_json::Value>().await.unwrap()["id"].as_i64().unwrap();
    let refused = create(&alice, 200).await.unwrap();
    assert_eq!(refused.status(), 403, "a customer cannot create for another customer");
    assert_eq!(create(&bob, 200).await.unwrap().status(), 201);

    // Bob cannot tell Alice's order exists.
    for (method, path) in
        [("GET", format!("/orders/{id}")), ("GET", format!("/orders/{id}/events")), ("DELETE", format!("/orders/{id}"))]
    {
        let request = bob.request(method.parse().unwrap(), app.url(&path));
        assert_eq!(request.send().await.unwrap().status(), 404, "{method} {path}");
    }
    let put = bob
        .put(app.url(&format!("/orders/{id}")))
        .header("content-type", "application/json")
        .body(r#"{"status": "cancelled"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), 404);

    // Each lists its own; asking for someone else's finds nothing.
    let listed: serde_json::Value = alice.get(app.url("/orders")).send().await.unwrap().json().await.unwrap();
    assert!(listed.as_array().unwrap().iter().all(|o| o["customer_id"] == 100), "{listed}");
    assert_eq!(listed.as_array().unwrap().len(), 1);
    let snooping: serde_json::Value =
        alice.get(app.url("/orders?customer_id=200")).send().await.unwrap().json().await.unwrap();
    assert_eq!(snooping, json!([]));
    // Alice still has her order; the admin sees both.
    assert_eq!(alice.get(app.url(&format!("/orders/{id}"))).send().await.unwrap().status(), 200);
    assert_eq!(app.order_count().await, 2);
}

#[tokio::test]
async fn a_client_that_sends_its_body_too_slowly_is_cut_off() {
    let mut stack = Stack::shared(&[]).await;
    stack.env.push(("ORDERS_REQUEST_TIMEOUT".into(), "1s".into()));
    let app = TestApp::start(stack, "all").await;
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", app.port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let head = format!(
        "POST /orders HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"cust",
        common::admin_token()
    );
    stream.write_all(head.as_bytes()).unwrap();
    let started = std::time::Instant::now();
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    assert!(response.starts_with("HTTP/1.1 408"), "{response}");
    assert!(started.elapsed() < Duration::from_secs(5), "cut off after {:?}", started.elapsed());

    // A client that never finishes its head is cut off too.
    let mut slow_head = std::net::TcpStream::connect(("127.0.0.1", app.port)).unwrap();
    slow_head.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    slow_head.write_all(b"GET /orders HTTP/1.1\r\nHost: x\r\n").unwrap();
    let started = std::time::Instant::now();
    let mut rest = Vec::new();
    let _ = slow_head.read_to_end(&mut rest);
    assert!(started.elapsed() < Duration::from_secs(5), "head timeout after {:?}", started.elapsed());
    // Nothing was created (a new client: idle pooled connections were closed after 1 s too).
    let orders: serde_json::Value =
        client_with_token(&common::admin_token()).get(app.url("/orders")).send().await.unwrap().json().await.unwrap();
    assert_eq!(orders, json!([]));
}

/// A body sent in chunks declares no length up front: the limit applies while it is read. The
/// body is valid JSON (an order padded with whitespace), so only the limit can refuse it.
#[tokio::test]
async fn a_chunked_body_over_the_limit_gets_413_and_creates_nothing() {
    let app = TestApp::spawn_with(&[("ORDERS_MAX_BODY_BYTES", "1024")]).await;
    let post_chunked = |padding: usize| {
        let order = format!(r#"{{"customer_id": 1, "total_amount": 1}}{}"#, " ".repeat(padding));
        let chunks: String = order
            .as_bytes()
            .chunks(500)
            .map(|c| format!("{:x}\r\n{}\r\n", c.len(), String::from_utf8_lossy(c)))
            .collect();
        let request = format!(
            "POST /orders HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{chunks}0\r\n\r\n",
            common::admin_token()
        );
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", app.port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = String::new();
        let _ = stream.read_to_string(&mut response);
        response
    };
    let refused = post_chunked(2000);
    assert!(refused.starts_with("HTTP/1.1 413"), "{refused}");
    assert!(refused.to_ascii_lowercase().contains("content-type: application/problem+json"), "{refused}");
    assert_eq!(app.order_count().await, 0);
    // The same order sent the same way within the limit is taken: the limit refused the first.
    let taken = post_chunked(500);
    assert!(taken.starts_with("HTTP/1.1 201"), "{taken}");
    assert_eq!(app.order_count().await, 1);
}

#[tokio::test]
async fn authentication_can_be_turned_off_only_explicitly() {
    let mut stack = Stack::shared(&[]).await;
    stack.env.push(("ORDERS_AUTH".into(), "off".into()));
    let log = std::env::temp_dir().join(format!("orders-auth-off-{}.log", std::process::id()));
    stack.log_file = Some(log.clone());
    let app = TestApp::start(stack, "all").await;
    let reply = reqwest::Client::new().get(app.url("/orders")).send().await.unwrap();
    assert_eq!(reply.status(), 200);
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(logged.contains("authentication is disabled"), "{logged}");
    let _ = std::fs::remove_file(&log);
}
