//! The running server against its contract: pagination and filters, ETag / If-Match, media
//! types, the served spec and Swagger UI, and the generated Rust client.

use std::time::Duration;

use crate::common::{self, Method, Stack, TestApp};

/// The `next` URL of a `Link` header.
fn next_link(link: &str) -> Option<String> {
    link.split(',')
        .find(|part| part.contains(r#"rel="next""#))
        .and_then(|part| part.trim().strip_prefix('<')?.split_once('>').map(|(url, _)| url.to_owned()))
}

#[tokio::test]
async fn pages_follow_the_link_header_and_filters_narrow_them() {
    // No worker: every order stays `pending`, so the filters below are exact.
    let app = TestApp::start(Stack::shared(&[]).await, "serve").await;
    for i in 0..25 {
        app.create_order(if i % 5 == 0 { 77 } else { 5 }, "1.00").await;
    }

    let mut seen = Vec::new();
    let mut url = "/orders?limit=10".to_owned();
    let mut pages = 0;
    loop {
        let page = app.get(&url).await;
        assert_eq!(page.status, 200, "{}", page.text);
        pages += 1;
        seen.extend(page.json().as_array().unwrap().iter().map(|o| o["id"].as_i64().unwrap()));
        match next_link(page.header("link")) {
            Some(next) => url = next,
            None => break,
        }
    }
    assert_eq!((pages, seen.len()), (3, 25));
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "a stable order by id: {seen:?}");
    assert_eq!(app.order_count().await, 25, "the default page holds 100");

    let mut customer_orders = Vec::new();
    let mut url = "/orders?customer_id=77&limit=2".to_owned();
    loop {
        let page = app.get(&url).await;
        let orders = page.json();
        assert!(orders.as_array().unwrap().iter().all(|o| o["customer_id"] == 77), "{orders}");
        customer_orders.extend(orders.as_array().unwrap().iter().map(|o| o["id"].as_i64().unwrap()));
        match next_link(page.header("link")) {
            Some(next) => {
                assert!(next.contains("customer_id=77") && next.contains("limit=2"), "filters kept: {next}");
                url = next;
            }
            None => break,
        }
    }
    assert_eq!(customer_orders.len(), 5);
    assert_eq!(app.get("/orders?status=pending").await.json().as_array().unwrap().len(), 25);
    assert_eq!(app.get("/orders?status=completed&customer_id=5").await.json().as_array().unwrap().len(), 0);
    assert_eq!(app.get("/orders?limit=25").await.header("link"), "", "no next page after the last");

    for bad in ["limit=0", "limit=1001", "limit=x", "cursor=bogus", "customer_id=0", "customer_id=-3", "status=lost"] {
        app.get(&format!("/orders?{bad}")).await.assert_problem(400);
    }
}

#[tokio::test]
async fn if_match_prevents_lost_updates() {
    let app = TestApp::start(Stack::shared(&[]).await, "serve").await;
    let id = app.create_order(1, "10.00").await["id"].as_i64().unwrap();
    let path = format!("/orders/{id}");
    let etag = app.get(&path).await.header("etag").to_owned();
    assert_eq!(etag, r#""1""#);

    let put = |if_match: Option<&'static str>, body: &'static str| {
        let mut request = app.request(Method::PUT, &path).header("content-type", "application/json").body(body);
        if let Some(tag) = if_match {
            request = request.header("if-match", tag);
        }
        request.send()
    };
    let first = put(Some(r#""1""#), r#"{"total_amount": 11}"#).await.unwrap();
    assert_eq!(first.status(), 200);
    assert_eq!(first.headers()["etag"], r#""2""#);
    let lost = put(Some(r#""1""#), r#"{"total_amount": 12}"#).await.unwrap();
    assert_eq!(lost.status(), 412);
    assert_eq!(lost.headers()["content-type"], "application/problem+json");
    assert!(app.get(&path).await.text.contains(r#""total_amount":11.00"#), "the stale write changed nothing");
    let no_precondition = put(None, r#"{"total_amount": 13}"#).await.unwrap();
    assert_eq!(no_precondition.headers()["etag"], r#""3""#);
    assert_eq!(put(Some("*"), r#"{"total_amount": 14}"#).await.unwrap().status(), 200);
}

#[tokio::test]
async fn bodies_must_be_json_and_the_spec_and_docs_are_served() {
    let app = TestApp::spawn().await;
    let reply =
        app.request(Method::POST, "/orders").header("content-type", "text/plain").body("{}").send().await.unwrap();
    assert_eq!(reply.status(), 415);
    assert_eq!(reply.headers()["content-type"], "application/problem+json");
    let reply =
        app.request(Method::POST, "/orders").body(r#"{"customer_id":1,"total_amount":1}"#).send().await.unwrap();
    assert_eq!(reply.status(), 415, "no Content-Type at all");
    let reply = app
        .http
        .post(app.url("/orders"))
        .header("content-type", "application/json; charset=utf-8")
        .body(r#"{"customer_id":1,"total_amount":1}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 201);

    let spec = app.get("/openapi.yaml").await;
    assert_eq!(spec.status, 200);
    assert_eq!(spec.text, std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/spec/openapi.yaml")).unwrap());
    let docs = app.request(Method::GET, "/docs/").send().await.unwrap();
    assert_eq!(docs.status(), 200);
    assert!(docs.text().await.unwrap().contains("swagger-ui"));
    let init = app.get("/docs/swagger-initializer.js").await;
    assert!(init.text.contains("/openapi.yaml"), "{}", init.text);
}

#[tokio::test]
async fn swagger_ui_renders_the_operations_in_a_real_browser() {
    let app = TestApp::spawn().await;
    let browser = common::env("ORDERS_TEST_CHROMIUM");
    let profile = tempdir("chromium-profile");
    let out = std::process::Command::new(browser)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"])
        .args(["--disable-background-networking", "--disable-component-update", "--disable-sync"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(["--virtual-time-budget=15000", "--dump-dom", &app.url("/docs/")])
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&profile);
    let dom = String::from_utf8_lossy(&out.stdout);
    for operation in ["Order Processing API", "/orders/{id}/events", "Create a new order", "List orders"] {
        assert!(dom.contains(operation), "Swagger UI did not render {operation:?}:\n{}", &dom[..dom.len().min(3000)]);
    }
}

fn tempdir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("orders-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[tokio::test]
async fn the_generated_rust_client_speaks_to_the_server() {
    use orders_api::{
        models, ApiNoContext, Client, ContextWrapperExt, CreateOrderResponse, GetOrderResponse, ListOrdersResponse,
    };
    use swagger::{AuthData, ContextBuilder, EmptyContext, Push, XSpanIdString};
    type ClientContext = swagger::make_context_ty!(ContextBuilder, EmptyContext, Option<AuthData>, XSpanIdString);

    let app = TestApp::spawn_with(&[("ORDER_PROCESSING_DELAY", "100ms")]).await;
    let context: ClientContext = swagger::make_context!(
        ContextBuilder,
        EmptyContext,
        AuthData::bearer(&common::admin_token()),
        XSpanIdString::default()
    );
    let client = Client::try_new_http(&app.base_url).unwrap().with_context(context);

    let amount: rust_decimal::Decimal = "42.42".parse().unwrap();
    let created = client
        .create_order(
            models::CreateOrderRequest { total_amount: Some(amount), ..models::CreateOrderRequest::new(3) },
            None,
        )
        .await
        .unwrap();
    let CreateOrderResponse::Created { body, location } = created else { panic!("{created:?}") };
    assert_eq!(body.total_amount, amount);
    assert_eq!(location.as_deref(), Some(format!("/orders/{}", body.id).as_str()));

    app.wait_for_status(body.id, "completed", Duration::from_secs(20)).await;
    let got = client.get_order(body.id as u64).await.unwrap();
    let GetOrderResponse::Order { body: order, e_tag } = got else { panic!("{got:?}") };
    assert_eq!(order.status, models::OrderStatus::Completed);
    assert!(e_tag.is_some());
    let listed = client.list_orders(Some(10), None, None, Some(3)).await.unwrap();
    let ListOrdersResponse::OrdersList { body: page, .. } = listed else { panic!("{listed:?}") };
    assert_eq!(page.len(), 1);
    let missing = client.get_order(999_999_999_999).await.unwrap();
    assert!(matches!(missing, GetOrderResponse::NotFound(ref p) if p.status == 404), "{missing:?}");
}
