//! Orders with items: the catalog, the saga (reserve stock, charge, ship, deliver), its
//! failures (out of stock, declined) and its compensations (cancel), as clients, carriers and
//! the database see them.

use std::time::Duration;

use crate::common::{self, eventually, send, token, Method, Reply, Stack, TestApp};
use serde_json::{json, Value};

const WITHIN: Duration = Duration::from_secs(30);

pub(crate) async fn put_product(app: &TestApp, sku: &str, price: &str, stock: u32) -> Value {
    let body = format!(r#"{{"name": "{sku} product", "unit_price": {price}, "stock": {stock}}}"#);
    let reply = app.put_json(&format!("/products/{sku}"), &body).await;
    assert!(reply.status == 201 || reply.status == 200, "{}", reply.text);
    reply.json()
}

pub(crate) async fn order_with_items(app: &TestApp, customer_id: i64, items: Value) -> Value {
    let body = json!({"customer_id": customer_id, "items": items}).to_string();
    let reply = app.post_json("/orders", &body).await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    reply.json()
}

async fn order(app: &TestApp, id: i64) -> Value {
    app.get(&format!("/orders/{id}")).await.json()
}

/// Polls the order until `ready` holds for it.
pub(crate) async fn wait_until(app: &TestApp, id: i64, what: &str, ready: impl Fn(&Value) -> bool) -> Value {
    eventually(WITHIN, what, || async {
        let order = order(app, id).await;
        ready(&order).then_some(order)
    })
    .await
}

pub(crate) async fn awaiting_dispatch(app: &TestApp, id: i64) -> Value {
    wait_until(app, id, "the shipment booked", |o| o["shipment"]["status"] == "booked" && o["status"] == "processing")
        .await
}

async fn product(app: &TestApp, sku: &str) -> Value {
    app.get(&format!("/products/{sku}")).await.json()
}

/// A client with a carrier's token.
fn carrier() -> reqwest::Client {
    common::client_with_token(&token(json!({"role": "carrier", "sub": "acme-post"})))
}

pub(crate) async fn carrier_event(app: &TestApp, id: i64, status: &str) -> Reply {
    let request = carrier()
        .post(app.url(&format!("/orders/{id}/shipment/events")))
        .header("content-type", "application/json")
        .body(json!({ "status": status }).to_string());
    send(request).await
}

async fn steps(app: &TestApp, id: i64) -> Vec<String> {
    let events = app.get(&format!("/orders/{id}/events")).await.json();
    events.as_array().unwrap().iter().filter_map(|e| e["step"].as_str().map(str::to_owned)).collect()
}

#[tokio::test]
async fn an_order_with_items_reserves_charges_ships_and_completes_through_carrier_events() {
    let app = TestApp::spawn().await;
    let created = put_product(&app, "tea-001", "4.25", 10).await;
    assert_eq!((created["reserved"].as_i64(), created["available"].as_i64()), (Some(0), Some(10)), "{created}");
    put_product(&app, "cup-002", "12.10", 3).await;

    let placed =
        order_with_items(&app, 42, json!([{"sku": "tea-001", "quantity": 3}, {"sku": "cup-002", "quantity": 1}])).await;
    let id = placed["id"].as_i64().unwrap();
    // 3 × 4.25 + 12.10, exactly.
    assert_eq!(placed["total_amount"].to_string(), "24.85", "{placed}");
    assert_eq!(placed["items"][0]["line_total"].to_string(), "12.75", "{placed}");
    assert_eq!(placed["items"][1]["line_total"].to_string(), "12.10", "{placed}");
    assert_eq!(placed["status"], "pending");

    let booked = awaiting_dispatch(&app, id).await;
    assert_eq!(booked["payment"]["status"], "charged", "{booked}");
    assert_eq!(booked["payment"]["amount"].to_string(), "24.85");
    assert_eq!(booked["shipment"]["carrier"], "acme-post");
    assert!(booked["shipment"]["tracking_number"].as_str().unwrap().starts_with("ACME-POST-"), "{booked}");
    assert_eq!(booked["workflow_step"], "awaiting-dispatch", "{booked}");
    let tea = product(&app, "tea-001").await;
    assert_eq!(
        (tea["stock"].as_i64(), tea["reserved"].as_i64(), tea["available"].as_i64()),
        (Some(10), Some(3), Some(7))
    );

    // Out of order and unauthorised events are refused and change nothing.
    let early = carrier_event(&app, id, "delivered").await.assert_problem(409);
    assert_eq!(early["type"], "/problems/shipment-event-refused", "{early}");
    assert_eq!(early["current_status"], "processing");
    let as_customer = common::client_with_token(&common::customer_token(42))
        .post(app.url(&format!("/orders/{id}/shipment/events")))
        .header("content-type", "application/json")
        .body(r#"{"status": "dispatched"}"#);
    send(as_customer).await.assert_problem(403);
    let carrier_reads = send(carrier().get(app.url(&format!("/orders/{id}")))).await;
    carrier_reads.assert_problem(403);

    let dispatched = carrier_event(&app, id, "dispatched").await;
    assert_eq!(dispatched.status, 200, "{}", dispatched.text);
    assert_eq!(dispatched.json()["status"], "shipped");
    assert_eq!(dispatched.json()["shipment"]["status"], "dispatched");
    let tea = product(&app, "tea-001").await;
    assert_eq!((tea["stock"].as_i64(), tea["reserved"].as_i64()), (Some(7), Some(0)), "sold for good: {tea}");

    carrier_event(&app, id, "dispatched").await.assert_problem(409);
    let late_cancel = app.put_json(&format!("/orders/{id}"), r#"{"status": "cancelled"}"#).await.assert_problem(409);
    assert_eq!(late_cancel["current_status"], "shipped", "{late_cancel}");
    assert_eq!(order(&app, id).await["payment"]["status"], "charged", "the cancel refunded nothing");

    let delivered = carrier_event(&app, id, "delivered").await;
    assert_eq!(delivered.status, 200, "{}", delivered.text);
    assert_eq!(delivered.json()["status"], "completed");
    assert_eq!(delivered.json()["shipment"]["status"], "delivered");
    carrier_event(&app, id, "delivered").await.assert_problem(409);

    assert_eq!(steps(&app, id).await, ["ReserveStock", "ChargePayment", "BookShipment"]);
    let events = app.get(&format!("/orders/{id}/events")).await.json();
    let moves: Vec<_> = events
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["from_status"] != e["to_status"])
        .map(|e| e["to_status"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(moves, ["pending", "processing", "shipped", "completed"]);
}

#[tokio::test]
async fn bad_item_orders_are_refused_and_create_nothing() {
    let app = TestApp::spawn().await;
    put_product(&app, "tea-001", "4.25", 10).await;
    let post = |body: Value| {
        let app = &app;
        async move { app.post_json("/orders", &body.to_string()).await }
    };
    let unknown =
        post(json!({"customer_id": 1, "items": [{"sku": "tea-001", "quantity": 1}, {"sku": "nope", "quantity": 1}]}))
            .await
            .assert_problem(422);
    assert_eq!(unknown["invalid_params"][0]["name"], "items[1].sku", "{unknown}");
    let wrong_total =
        post(json!({"customer_id": 1, "total_amount": 4.20, "items": [{"sku": "tea-001", "quantity": 1}]}))
            .await
            .assert_problem(422);
    assert_eq!(wrong_total["invalid_params"][0]["name"], "total_amount", "{wrong_total}");
    assert!(wrong_total["detail"].as_str().unwrap().contains("4.25"), "{wrong_total}");
    let twice = post(
        json!({"customer_id": 1, "items": [{"sku": "tea-001", "quantity": 1}, {"sku": "tea-001", "quantity": 2}]}),
    )
    .await
    .assert_problem(422);
    assert_eq!(twice["invalid_params"][0]["name"], "items[1].sku");
    let too_many =
        post(json!({"customer_id": 1, "items": [{"sku": "tea-001", "quantity": 10001}]})).await.assert_problem(422);
    assert_eq!(too_many["invalid_params"][0]["name"], "items[0].quantity");
    let empty = post(json!({"customer_id": 1, "items": []})).await.assert_problem(422);
    assert_eq!(empty["invalid_params"][0]["name"], "items");
    let nothing = post(json!({"customer_id": 1})).await.assert_problem(422);
    assert_eq!(nothing["invalid_params"][0]["name"], "total_amount");
    assert_eq!(app.order_count().await, 0);

    // The right total is accepted, in any notation of the same value.
    let ok = post(json!({"customer_id": 1, "total_amount": 8.5, "items": [{"sku": "tea-001", "quantity": 2}]})).await;
    assert_eq!(ok.status, 201, "{}", ok.text);

    // The catalog refuses bad products, and only admins change it.
    app.put_json("/products/bad%20sku", r#"{"name": "x", "unit_price": 1, "stock": 1}"#).await.assert_problem(400);
    let price =
        app.put_json("/products/x", r#"{"name": "x", "unit_price": 1.001, "stock": 1}"#).await.assert_problem(422);
    assert_eq!(price["invalid_params"][0]["name"], "unit_price");
    let as_customer = common::client_with_token(&common::customer_token(1))
        .put(app.url("/products/x"))
        .header("content-type", "application/json")
        .body(r#"{"name": "x", "unit_price": 1, "stock": 1}"#);
    send(as_customer).await.assert_problem(403);
}

#[tokio::test]
async fn out_of_stock_fails_the_order_and_takes_nothing() {
    let app = TestApp::spawn().await;
    put_product(&app, "tea-001", "4.25", 10).await;
    put_product(&app, "rare-1", "100.00", 1).await;
    let placed =
        order_with_items(&app, 7, json!([{"sku": "tea-001", "quantity": 2}, {"sku": "rare-1", "quantity": 2}])).await;
    let id = placed["id"].as_i64().unwrap();
    let failed = wait_until(&app, id, "the order failed", |o| o["status"] == "failed").await;
    assert_eq!(failed["failure_reason"], "out_of_stock", "{failed}");
    assert_eq!(failed["short_skus"], json!(["rare-1"]));
    assert!(failed.get("payment").is_none() && failed.get("shipment").is_none(), "nothing charged or booked: {failed}");
    assert_eq!(product(&app, "tea-001").await["reserved"], 0);
    assert_eq!(steps(&app, id).await, ["ReserveStock"]);
    app.put_json(&format!("/orders/{id}"), r#"{"status": "cancelled"}"#).await.assert_problem(409);
}

#[tokio::test]
async fn a_declined_payment_releases_the_stock_and_fails_the_order() {
    let app = TestApp::spawn_with(&[("ORDERS_PAYMENT_CUSTOMER_LIMIT", "100.00")]).await;
    put_product(&app, "tea-001", "60.00", 10).await;
    let first = order_with_items(&app, 9, json!([{"sku": "tea-001", "quantity": 1}])).await["id"].as_i64().unwrap();
    awaiting_dispatch(&app, first).await;
    // 60 charged already; another 60 would exceed the customer's 100.
    let second = order_with_items(&app, 9, json!([{"sku": "tea-001", "quantity": 1}])).await["id"].as_i64().unwrap();
    let failed = wait_until(&app, second, "the order failed", |o| o["status"] == "failed").await;
    assert_eq!(failed["failure_reason"], "payment_declined", "{failed}");
    assert_eq!(failed["payment"]["status"], "declined");
    assert!(failed.get("shipment").is_none(), "{failed}");
    assert_eq!(product(&app, "tea-001").await["reserved"], 1, "only the first order holds stock");
    assert_eq!(steps(&app, second).await, ["ReserveStock", "ChargePayment", "ReleaseStock"]);
}

#[tokio::test]
async fn cancelling_a_paid_order_refunds_it_once_and_releases_its_stock() {
    let app = TestApp::spawn().await;
    put_product(&app, "tea-001", "4.25", 10).await;
    let id = order_with_items(&app, 5, json!([{"sku": "tea-001", "quantity": 4}])).await["id"].as_i64().unwrap();
    awaiting_dispatch(&app, id).await;
    assert_eq!(product(&app, "tea-001").await["available"], 6);
    let held = app.put_json("/products/tea-001", r#"{"name": "Tea", "unit_price": 4.25, "stock": 3}"#).await;
    assert_eq!(held.assert_problem(409)["type"], "/problems/stock-held");

    let cancelled = app.put_json(&format!("/orders/{id}"), r#"{"status": "cancelled"}"#).await;
    assert_eq!(cancelled.status, 200, "{}", cancelled.text);
    let cancelled = cancelled.json();
    assert_eq!(cancelled["status"], "cancelled");
    assert_eq!(cancelled["payment"]["status"], "refunded", "{cancelled}");
    assert_eq!(cancelled["shipment"]["status"], "cancelled", "{cancelled}");
    let tea = product(&app, "tea-001").await;
    assert_eq!((tea["stock"].as_i64(), tea["reserved"].as_i64()), (Some(10), Some(0)), "{tea}");
    // Compensations in reverse, each once.
    assert_eq!(
        steps(&app, id).await,
        ["ReserveStock", "ChargePayment", "BookShipment", "CancelShipment", "RefundPayment", "ReleaseStock"]
    );
    let db = app.stack.db().await;
    let ledger = db.query("SELECT status FROM ledger_charges", &[]).await.unwrap();
    assert_eq!(ledger.len(), 1, "charged once");
    assert_eq!(ledger[0].get::<_, String>(0), "refunded");
    carrier_event(&app, id, "dispatched").await.assert_problem(409);
}

#[tokio::test]
async fn a_booked_shipment_is_flagged_overdue_when_the_carrier_is_late() {
    let app = TestApp::spawn_with(&[("ORDERS_DELIVERY_TIMEOUT", "1s")]).await;
    put_product(&app, "tea-001", "4.25", 10).await;
    let id = order_with_items(&app, 5, json!([{"sku": "tea-001", "quantity": 1}])).await["id"].as_i64().unwrap();
    let overdue = wait_until(&app, id, "flagged overdue", |o| o["delivery_overdue"] == true).await;
    assert_eq!(overdue["status"], "processing", "a flag, not a change: {overdue}");
    assert!(steps(&app, id).await.contains(&"FlagDeliveryOverdue".to_owned()));
    // The order goes on when the carrier shows up.
    assert_eq!(carrier_event(&app, id, "dispatched").await.status, 200);
    assert_eq!(carrier_event(&app, id, "delivered").await.json()["status"], "completed");
}

/// N orders race for fewer units than they ask for, some cancelled at random: at the end the
/// stock, the reservations and the units sold agree with the orders' final states.
#[tokio::test]
async fn concurrent_orders_never_oversell_or_leak_stock() {
    const ORDERS: usize = 60;
    const UNITS: u32 = 25;
    let app = TestApp::spawn().await;
    put_product(&app, "last-units", "1.00", UNITS).await;
    let ids: Vec<i64> = futures::future::join_all((0..ORDERS).map(|i| {
        let app = &app;
        async move {
            let body =
                json!({"customer_id": 1 + i as i64 % 5, "items": [{"sku": "last-units", "quantity": 1 + i % 2}]});
            let reply = app.post_json("/orders", &body.to_string()).await;
            assert_eq!(reply.status, 201, "{}", reply.text);
            reply.json()["id"].as_i64().unwrap()
        }
    }))
    .await;
    // Cancel every fourth order, whatever step it has reached; dispatch what gets booked. Sixty
    // sagas starting at once on a loaded machine may keep a workflow from taking a cancel up
    // within its deadline: that is a 503 (nothing changed), which a client retries.
    futures::future::join_all(ids.iter().enumerate().map(|(i, id)| {
        let app = &app;
        async move {
            if i % 4 == 0 {
                let reply = eventually(WITHIN * 2, "a cancel answered", || async {
                    let reply = app.put_json(&format!("/orders/{id}"), r#"{"status": "cancelled"}"#).await;
                    (reply.status != 503).then_some(reply)
                })
                .await;
                assert!(matches!(reply.status, 200 | 202 | 409), "{}", reply.text);
            }
        }
    }))
    .await;
    let mut finals = Vec::new();
    for id in &ids {
        let settled = wait_until(&app, *id, "the order settled", |o| {
            matches!(o["status"].as_str(), Some("cancelled" | "failed")) || o["shipment"]["status"] == "booked"
        })
        .await;
        if settled["shipment"]["status"] == "booked" && settled["status"] == "processing" {
            let reply = carrier_event(&app, *id, "dispatched").await;
            assert!(matches!(reply.status, 200 | 409), "{}", reply.text);
        }
        finals.push(order(&app, *id).await);
    }
    let db = app.stack.db().await;
    let row = db.query_one("SELECT stock, reserved FROM products WHERE sku = 'last-units'", &[]).await.unwrap();
    let (stock, reserved): (i32, i32) = (row.get(0), row.get(1));
    let quantity = |o: &Value| o["items"][0]["quantity"].as_i64().unwrap();
    let shipped: i64 = finals.iter().filter(|o| o["status"] == "shipped").map(quantity).sum();
    let holding: i64 = finals.iter().filter(|o| o["status"] == "processing").map(quantity).sum();
    assert_eq!(i64::from(stock), i64::from(UNITS) - shipped, "stock = initial − sold");
    assert_eq!(i64::from(reserved), holding, "reserved = what open orders hold");
    assert!(stock >= 0 && reserved <= stock);
    let sold: i64 =
        db.query_one("SELECT COALESCE(sum(quantity), 0)::bigint FROM stock_sales", &[]).await.unwrap().get(0);
    assert_eq!(sold, shipped);
    let leaked: i64 = db
        .query_one(
            "SELECT count(*) FROM stock_reservations r JOIN orders o ON o.id = r.order_id \
             WHERE o.status IN ('completed', 'cancelled', 'failed', 'shipped')",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(leaked, 0, "no reservation belongs to a final or shipped order");
    let failed = finals.iter().filter(|o| o["status"] == "failed").count();
    assert!(failed > 0 && shipped > 0, "the race had winners and losers: {failed} failed, {shipped} units sold");
    // The money agrees with the orders: a charge stands for every order that keeps its goods,
    // every cancelled order's charge was given back, and no charge is without its order.
    let charges = common::charges_agree_with_orders(&db, &["shipped", "processing"]).await;
    let paid = finals.iter().filter(|o| o.get("payment").is_some()).count();
    assert_eq!(charges, paid, "one charge per order that got to its payment");
}

/// A cancel that arrives while each step of the saga runs (the step held by a lock in the
/// database) is decided at the next boundary: it undoes exactly the steps done, in reverse.
#[tokio::test]
async fn a_cancel_during_each_step_undoes_exactly_what_was_done() {
    let app = TestApp::spawn_with(&[("ORDERS_TEMPORAL_TIMEOUT", "10s")]).await;
    put_product(&app, "tea-001", "4.25", 100).await;
    // How each step is held: a lock its statement must wait for.
    let holds: [(&str, &str, &[&str]); 3] = [
        (
            "reserving-stock",
            "SELECT 1 FROM products WHERE sku = 'tea-001' FOR NO KEY UPDATE",
            &["ReserveStock", "ReleaseStock"],
        ),
        (
            "charging-payment",
            "SELECT pg_advisory_xact_lock(77)",
            &["ReserveStock", "ChargePayment", "RefundPayment", "ReleaseStock"],
        ),
        (
            "booking-shipment",
            "LOCK TABLE shipments IN SHARE MODE",
            &["ReserveStock", "ChargePayment", "BookShipment", "CancelShipment", "RefundPayment", "ReleaseStock"],
        ),
    ];
    for (step, lock, undone) in holds {
        let mut db = app.stack.db().await;
        let tx = db.transaction().await.unwrap();
        tx.batch_execute(lock).await.unwrap();
        let id = order_with_items(&app, 77, json!([{"sku": "tea-001", "quantity": 1}])).await["id"].as_i64().unwrap();
        wait_until(&app, id, step, |o| o["workflow_step"] == step).await;
        let cancel = app.request_json(Method::PUT, &format!("/orders/{id}"), r#"{"status": "cancelled"}"#);
        let cancel = tokio::spawn(send(cancel));
        tokio::time::sleep(Duration::from_millis(500)).await;
        tx.commit().await.unwrap();
        let reply = cancel.await.unwrap();
        assert_eq!(reply.status, 200, "{step}: {}", reply.text);
        assert_eq!(reply.json()["status"], "cancelled", "{step}");
        assert_eq!(steps(&app, id).await, undone, "{step}");
        assert_eq!(product(&app, "tea-001").await["reserved"], 0, "{step}");
    }
}

/// A cancel and the carrier's `dispatched` at the same moment: exactly one wins, and the loser
/// is told so (409).
#[tokio::test]
async fn a_cancel_racing_the_dispatch_ends_in_one_state() {
    let app = TestApp::spawn().await;
    put_product(&app, "tea-001", "4.25", 100).await;
    for _ in 0..4 {
        let id = order_with_items(&app, 8, json!([{"sku": "tea-001", "quantity": 1}])).await["id"].as_i64().unwrap();
        awaiting_dispatch(&app, id).await;
        let cancel = send(app.request_json(Method::PUT, &format!("/orders/{id}"), r#"{"status": "cancelled"}"#));
        let (cancel, dispatch) = tokio::join!(cancel, carrier_event(&app, id, "dispatched"));
        let order = order(&app, id).await;
        match (cancel.status, dispatch.status) {
            (200, 409) => {
                assert_eq!(order["status"], "cancelled");
                assert_eq!(order["payment"]["status"], "refunded");
            }
            (409, 200) => {
                assert_eq!(order["status"], "shipped");
                assert_eq!(order["payment"]["status"], "charged");
            }
            other => panic!("both or neither won: {other:?}: {} / {}", cancel.text, dispatch.text),
        }
    }
    let tea = product(&app, "tea-001").await;
    let shipped = app.get("/orders?status=shipped").await.json().as_array().unwrap().len() as i64;
    assert_eq!((tea["stock"].as_i64(), tea["reserved"].as_i64()), (Some(100 - shipped), Some(0)), "{tea}");
}

/// `DELETE` of a booked order: cancelled, compensated and removed; the warehouse and the ledger
/// are left as if it had never been placed.
#[tokio::test]
async fn deleting_a_booked_order_gives_everything_back() {
    let app = TestApp::spawn().await;
    put_product(&app, "tea-001", "4.25", 10).await;
    let id = order_with_items(&app, 6, json!([{"sku": "tea-001", "quantity": 2}])).await["id"].as_i64().unwrap();
    awaiting_dispatch(&app, id).await;
    assert_eq!(app.delete(&format!("/orders/{id}")).await.status, 204);
    app.get(&format!("/orders/{id}")).await.assert_problem(404);
    let tea = product(&app, "tea-001").await;
    assert_eq!((tea["stock"].as_i64(), tea["reserved"].as_i64()), (Some(10), Some(0)), "{tea}");
    let db = app.stack.db().await;
    let ledger: String = db.query_one("SELECT status FROM ledger_charges", &[]).await.unwrap().get(0);
    let shipment: String = db.query_one("SELECT status FROM shipments", &[]).await.unwrap().get(0);
    assert_eq!((ledger.as_str(), shipment.as_str()), ("refunded", "cancelled"));
}

/// The booking is visible in the order as soon as `BookShipment` commits, before the workflow
/// hears back: a carrier that dispatches at once is taken, not refused.
#[tokio::test]
async fn a_dispatch_while_the_booking_runs_is_taken() {
    let app = TestApp::spawn_with(&[("ORDERS_TEMPORAL_TIMEOUT", "10s")]).await;
    put_product(&app, "tea-001", "4.25", 10).await;
    let mut db = app.stack.db().await;
    let hold = db.transaction().await.unwrap();
    hold.batch_execute("LOCK TABLE shipments IN SHARE MODE").await.unwrap();
    let id = order_with_items(&app, 4, json!([{"sku": "tea-001", "quantity": 1}])).await["id"].as_i64().unwrap();
    wait_until(&app, id, "booking", |o| o["workflow_step"] == "booking-shipment").await;
    let dispatch = tokio::spawn({
        let request = carrier()
            .post(app.url(&format!("/orders/{id}/shipment/events")))
            .header("content-type", "application/json")
            .body(r#"{"status": "dispatched"}"#);
        send(request)
    });
    tokio::time::sleep(Duration::from_millis(500)).await;
    hold.commit().await.unwrap();
    let dispatched = dispatch.await.unwrap();
    assert_eq!(dispatched.status, 200, "{}", dispatched.text);
    assert_eq!(dispatched.json()["status"], "shipped");
    assert_eq!(carrier_event(&app, id, "delivered").await.json()["status"], "completed");
}

/// A pending order has booked no shipment (here no worker takes it up, so it stays pending): a
/// carrier's event is refused at once from the database, not after waiting on a workflow that
/// has not started, and it changes nothing.
#[tokio::test]
async fn a_carrier_event_for_a_pending_order_is_refused_and_changes_nothing() {
    let app = TestApp::start(Stack::shared(&[]).await, "serve").await;
    put_product(&app, "tea-001", "4.25", 10).await;
    let id = order_with_items(&app, 4, json!([{"sku": "tea-001", "quantity": 1}])).await["id"].as_i64().unwrap();
    for event in ["dispatched", "delivered"] {
        let problem = carrier_event(&app, id, event).await.assert_problem(409);
        assert_eq!(problem["type"], "/problems/shipment-event-refused", "{problem}");
        assert_eq!(problem["current_status"], "pending", "{problem}");
        assert!(problem["detail"].as_str().unwrap().contains("no shipment is booked"), "{problem}");
    }
    let order = order(&app, id).await;
    assert_eq!((order["status"].as_str(), order["shipment"].is_null()), (Some("pending"), true), "{order}");
    assert_eq!(product(&app, "tea-001").await["stock"], 10);
}

/// The catalog pages by SKU like `/orders` pages by id: full pages, a `Link` to the next while
/// there is one, and an ETag per product that changes with it.
#[tokio::test]
async fn the_catalog_pages_by_sku_and_versions_each_product() {
    let app = TestApp::spawn().await;
    for sku in ["c-3", "a-1", "b-2"] {
        put_product(&app, sku, "1.00", 5).await;
    }
    let first = app.get("/products?limit=2").await;
    assert_eq!(first.status, 200, "{}", first.text);
    let skus = |page: &Reply| {
        page.json().as_array().unwrap().iter().map(|p| p["sku"].as_str().unwrap().to_owned()).collect::<Vec<_>>()
    };
    assert_eq!(skus(&first), ["a-1", "b-2"]);
    let link = first.header("link").to_owned();
    let next = link.trim_start_matches('<').split('>').next().unwrap();
    let second = app.get(next).await;
    assert_eq!(skus(&second), ["c-3"]);
    assert_eq!(second.header("link"), "", "no page after the last");
    app.get("/products?cursor=zz").await.assert_problem(400);

    let etag = app.get("/products/a-1").await.header("etag").to_owned();
    assert!(etag.starts_with('"'), "{etag}");
    put_product(&app, "a-1", "2.00", 5).await;
    assert_ne!(app.get("/products/a-1").await.header("etag"), etag, "a change is a new version");
    app.get("/products/nope").await.assert_problem(404);
}
