//! Idempotency-Key on POST /orders, and the health probes.

use std::time::Duration;

use crate::common::{self, TestApp};

#[tokio::test]
async fn the_same_key_and_body_replays_the_original_response() {
    let app = TestApp::spawn_with(&[("ORDER_PROCESSING_DELAY", "1h")]).await;
    let body = r#"{"customer_id": 5, "total_amount": 19.90}"#;
    let first = app.post_with_key("key-1", body).await.unwrap();
    assert_eq!(first.status, 201, "{}", first.text);
    let again = app.post_with_key("key-1", r#"{"total_amount": 19.9, "customer_id": 5}"#).await.unwrap();
    assert_eq!(again.status, 201);
    assert_eq!(again.json(), first.json(), "a replay must return the original order");
    assert_eq!(again.header("location"), first.header("location"));
    assert_eq!(app.order_count().await, 1);

    let other = app.post_with_key("key-1", r#"{"customer_id": 5, "total_amount": 20.00}"#).await.unwrap();
    other.assert_problem(422);
    let other_key = app.post_with_key("key-2", body).await.unwrap();
    assert_eq!(other_key.status, 201);
    assert_ne!(other_key.json()["id"], first.json()["id"]);
    assert_eq!(app.order_count().await, 2);

    app.post_with_key("", body).await.unwrap().assert_problem(400);
    app.post_with_key(&"k".repeat(256), body).await.unwrap().assert_problem(400);
}

#[tokio::test]
async fn a_duplicate_while_the_first_is_in_flight_is_a_conflict() {
    let app = TestApp::spawn().await;
    // Hold the key's lock from outside, exactly as a first request still inside its
    // transaction does.
    // The key's owner is the caller: the test's admin token (role admin, subject `test`).
    let db = app.stack.db().await;
    let lock = "hashtextextended('admin/test' || E'\\n' || $1, 0)";
    db.execute(&format!("SELECT pg_advisory_lock({lock})"), &[&"busy-key"]).await.unwrap();
    let reply = app.post_with_key("busy-key", r#"{"customer_id": 1, "total_amount": 1}"#).await.unwrap();
    reply.assert_problem(409);
    db.execute(&format!("SELECT pg_advisory_unlock({lock})"), &[&"busy-key"]).await.unwrap();
    let reply = app.post_with_key("busy-key", r#"{"customer_id": 1, "total_amount": 1}"#).await.unwrap();
    assert_eq!(reply.status, 201, "{}", reply.text);
    assert_eq!(app.order_count().await, 1);
}

#[tokio::test]
async fn keys_belong_to_their_caller() {
    let app = TestApp::spawn_with(&[("ORDER_PROCESSING_DELAY", "1h")]).await;
    let post = |customer: i64, key: &'static str, amount: &'static str| {
        let http = common::client_with_token(&common::customer_token(customer));
        let url = app.url("/orders");
        async move {
            let reply = http
                .post(url)
                .header("content-type", "application/json")
                .header("idempotency-key", key)
                .body(format!(r#"{{"customer_id": {customer}, "total_amount": {amount}}}"#))
                .send()
                .await
                .unwrap();
            common::Reply::from(reply).await
        }
    };
    let first = post(1, "shared-1", "10.00").await;
    assert_eq!(first.status, 201, "{}", first.text);
    // Another customer's key of the same name is another key: no 422, no 409, its own order.
    let second = post(2, "shared-1", "20.00").await;
    assert_eq!(second.status, 201, "{}", second.text);
    assert_ne!(second.json()["id"], first.json()["id"]);
    assert_eq!(second.json()["customer_id"], 2);
    // Each caller's replay still returns its own original response.
    let replay = post(2, "shared-1", "20.00").await;
    assert_eq!(replay.json(), second.json());
    let replay = post(1, "shared-1", "10.00").await;
    assert_eq!(replay.json(), first.json());
    assert_eq!(app.order_count().await, 2);
}

#[tokio::test]
async fn keys_expire_after_their_ttl_and_are_purged() {
    let app = TestApp::spawn_with(&[("ORDERS_IDEMPOTENCY_TTL", "1s"), ("ORDER_PROCESSING_DELAY", "1h")]).await;
    let first = app.post_with_key("short-lived", r#"{"customer_id": 1, "total_amount": 1}"#).await.unwrap();
    assert_eq!(first.status, 201);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let later = app.post_with_key("short-lived", r#"{"customer_id": 2, "total_amount": 2}"#).await.unwrap();
    assert_eq!(later.status, 201, "an expired key is free again: {}", later.text);
    assert_ne!(later.json()["id"], first.json()["id"]);

    // The dispatcher purges expired keys (every TTL, at most every minute).
    let db = app.stack.db().await;
    common::eventually(Duration::from_secs(10), "expired keys purged", || async {
        let n: i64 = db.query_one("SELECT count(*) FROM idempotency_keys", &[]).await.unwrap().get(0);
        (n == 0).then_some(())
    })
    .await;
}

#[tokio::test]
async fn health_and_readiness() {
    let app = TestApp::spawn().await;
    let live = app.get("/healthz").await;
    assert_eq!(live.status, 200);
    assert_eq!(live.json()["status"], "ok");
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status, 200, "{}", ready.text);
}
