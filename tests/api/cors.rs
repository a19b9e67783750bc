//! CORS for browser clients: what a browser sends (a preflight without credentials, then the
//! request with its `Origin`) and what it needs to see to let the page read the answer.

use reqwest::Method;

use crate::common::{self, Reply, TestApp};

const SHOP: &str = "https://shop.example";

/// The preflight a browser sends before a cross-origin request with these method and headers.
async fn preflight(app: &TestApp, path: &str, origin: &str, method: &str, headers: &str) -> Reply {
    let request = reqwest::Client::new()
        .request(Method::OPTIONS, app.url(path))
        .header("origin", origin)
        .header("access-control-request-method", method)
        .header("access-control-request-headers", headers);
    common::send(request).await
}

fn listed(reply: &Reply, header: &str) -> Vec<String> {
    reply.header(header).split(',').map(|v| v.trim().to_ascii_lowercase()).filter(|v| !v.is_empty()).collect()
}

#[tokio::test]
async fn a_preflight_from_an_allowed_origin_is_answered_for_the_spec_operations_and_headers() {
    let app = TestApp::spawn_with(&[("ORDERS_CORS_ORIGINS", "http://localhost:5173, https://shop.example")]).await;

    let create = preflight(&app, "/orders", SHOP, "POST", "authorization, content-type, idempotency-key").await;
    assert!(create.status == 200 || create.status == 204, "{} {:?}", create.status, create.headers);
    assert_eq!(create.header("access-control-allow-origin"), SHOP, "{:?}", create.headers);
    assert!(listed(&create, "access-control-allow-methods").contains(&"post".to_owned()), "{:?}", create.headers);
    let allowed = listed(&create, "access-control-allow-headers");
    for needed in ["authorization", "content-type", "idempotency-key"] {
        assert!(allowed.contains(&needed.to_owned()), "{needed} not allowed: {allowed:?}");
    }
    assert_eq!(create.header("access-control-max-age"), "600");

    let update = preflight(&app, "/orders/1", SHOP, "PUT", "authorization, content-type, if-match").await;
    assert_eq!(update.header("access-control-allow-origin"), SHOP, "{:?}", update.headers);
    let methods = listed(&update, "access-control-allow-methods");
    for needed in ["get", "put", "delete"] {
        assert!(methods.contains(&needed.to_owned()), "{needed} not allowed: {methods:?}");
    }
    assert!(listed(&update, "access-control-allow-headers").contains(&"if-match".to_owned()));
}

#[tokio::test]
async fn answers_to_an_allowed_origin_expose_the_headers_clients_read_problems_included() {
    let app = TestApp::spawn_with(&[("ORDERS_CORS_ORIGINS", SHOP)]).await;

    let created = common::send(
        app.request(Method::POST, "/orders")
            .header("origin", SHOP)
            .header("content-type", "application/json")
            .body(r#"{"customer_id": 7, "total_amount": 12.50}"#),
    )
    .await;
    assert_eq!(created.status, 201, "{}", created.text);
    assert_eq!(created.header("access-control-allow-origin"), SHOP);
    let exposed = listed(&created, "access-control-expose-headers");
    for needed in ["etag", "link", "location", "x-request-id", "retry-after"] {
        assert!(exposed.contains(&needed.to_owned()), "{needed} not exposed: {exposed:?}");
    }
    let location = created.header("location").to_owned();
    assert!(!location.is_empty(), "{:?}", created.headers);
    let read = common::send(app.request(Method::GET, &location).header("origin", SHOP)).await;
    assert_eq!(read.status, 200, "{}", read.text);
    assert_eq!(read.header("access-control-allow-origin"), SHOP);
    assert!(!read.header("etag").is_empty(), "{:?}", read.headers);

    // Without credentials: the page can still read why it was refused.
    let refused = common::send(reqwest::Client::new().get(app.url("/orders")).header("origin", SHOP)).await;
    refused.assert_problem(401);
    assert_eq!(refused.header("access-control-allow-origin"), SHOP);
}

#[tokio::test]
async fn another_origin_is_not_allowed_and_nothing_changes_without_allowed_origins() {
    let app = TestApp::spawn_with(&[("ORDERS_CORS_ORIGINS", SHOP)]).await;
    let foreign = preflight(&app, "/orders", "https://evil.example", "POST", "authorization").await;
    assert_eq!(foreign.header("access-control-allow-origin"), "", "{:?}", foreign.headers);
    let read = common::send(app.request(Method::GET, "/orders").header("origin", "https://evil.example")).await;
    assert_eq!(read.status, 200, "{}", read.text);
    assert_eq!(read.header("access-control-allow-origin"), "", "{:?}", read.headers);

    // The default: no origin is allowed, and a preflight is an OPTIONS like any other.
    let plain = TestApp::spawn().await;
    let refused = preflight(&plain, "/orders", SHOP, "POST", "authorization").await;
    assert_eq!(refused.header("access-control-allow-origin"), "", "{:?}", refused.headers);
    assert!(refused.status >= 400, "{} {}", refused.status, refused.text);
    let read = common::send(plain.request(Method::GET, "/orders").header("origin", SHOP)).await;
    assert_eq!(read.status, 200, "{}", read.text);
    assert_eq!(read.header("access-control-allow-origin"), "");
}
