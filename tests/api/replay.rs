//! Records the workflow histories that `recorded_histories_replay_against_the_current_workflow`
//! (src/workflow/mod.rs) replays. Run by `make record-histories`, never by `make test`: the
//! fixtures are refreshed on purpose, after a workflow change has been versioned.
//!
//! Fixtures are named `<version>-<case>`: a recording adds the current version's histories and
//! keeps the older ones, which must go on replaying until no run from before can still be open.
//! v1: before the `cancel-at-every-step` patch; v2: with it; v3: with the `order-saga` patch
//! (orders with items).

use std::time::Duration;

use crate::common::{self, Method, Process, Stack, TestApp};
use prost::Message;
use temporalio_client::{
    Client, ClientOptions, Connection, ConnectionOptions, UntypedWorkflow, WorkflowFetchHistoryOptions,
};
use temporalio_common::protos::temporal::api::history::v1::History;

async fn save_history(app: &TestApp, order_id: i64, name: &str) {
    let url = format!("http://{}", app.stack.temporal_address);
    let connection =
        Connection::connect(ConnectionOptions::new(url.parse::<url::Url>().unwrap()).build()).await.unwrap();
    let client = Client::new(connection, ClientOptions::new("default").build()).unwrap();
    let handle = client.get_workflow_handle::<UntypedWorkflow>(format!("order-{order_id}"));
    let events = handle.fetch_history(WorkflowFetchHistoryOptions::default()).into_events().await.unwrap();
    let path = format!("{}/tests/fixtures/histories/{RECORDING}-{name}.binpb", env!("CARGO_MANIFEST_DIR"));
    std::fs::write(&path, History { events }.encode_to_vec()).unwrap();
    eprintln!("recorded {path}");
}

/// The workflow version these recordings are made with.
const RECORDING: &str = "v3";

async fn wait_closed(app: &TestApp, order_id: i64) {
    common::eventually(Duration::from_secs(30), "workflow closed", || async {
        let info = app.describe_workflow(order_id)["workflowExecutionInfo"].clone();
        (info["status"] != "WORKFLOW_EXECUTION_STATUS_RUNNING").then_some(())
    })
    .await;
}

#[tokio::test]
#[ignore = "records fixtures: run with `make record-histories`"]
async fn record_workflow_histories() {
    let fast = TestApp::spawn_with(&[("ORDER_PROCESSING_DELAY", "200ms")]).await;
    let id = fast.create_order(1, "10.00").await["id"].as_i64().unwrap();
    fast.wait_for_status(id, "completed", Duration::from_secs(20)).await;
    wait_closed(&fast, id).await;
    save_history(&fast, id, "completed").await;

    let slow = TestApp::spawn_with(&[("ORDER_PROCESSING_DELAY", "1h")]).await;
    let id = slow.create_order(2, "20.00").await["id"].as_i64().unwrap();
    slow.wait_for_status(id, "processing", Duration::from_secs(20)).await;
    let reply = slow.put_json(&format!("/orders/{id}"), r#"{"status": "cancelled"}"#).await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    wait_closed(&slow, id).await;
    save_history(&slow, id, "cancelled-while-processing").await;

    let gone = TestApp::spawn_with(&[("ORDER_PROCESSING_DELAY", "1s")]).await;
    let id = gone.create_order(3, "30.00").await["id"].as_i64().unwrap();
    gone.wait_for_status(id, "processing", Duration::from_secs(20)).await;
    gone.stack.db().await.execute("DELETE FROM orders WHERE id = $1", &[&id]).await.unwrap();
    wait_closed(&gone, id).await;
    save_history(&gone, id, "deleted-while-processing").await;

    let id = slow.create_order(4, "40.00").await["id"].as_i64().unwrap();
    slow.wait_for_status(id, "processing", Duration::from_secs(20)).await;
    assert_eq!(slow.delete(&format!("/orders/{id}")).await.status, 204);
    wait_closed(&slow, id).await;
    save_history(&slow, id, "deleted-by-request").await;

    // Cancels that reach the workflow before its first step: one takes effect, one finds the
    // order changed since its If-Match (412) and the order completes.
    let api = TestApp::start(
        Stack::shared(&[("ORDER_PROCESSING_DELAY", "300ms"), ("ORDERS_TEMPORAL_TIMEOUT", "20s")]).await,
        "serve",
    )
    .await;
    let cancelled = api.create_order(5, "50.00").await["id"].as_i64().unwrap();
    let stale = api.create_order(6, "60.00").await["id"].as_i64().unwrap();
    tokio::time::sleep(Duration::from_secs(2)).await; // both workflows started, no worker yet
    let put = |id: i64, if_match: Option<&'static str>| {
        let mut request = api.request_json(Method::PUT, &format!("/orders/{id}"), r#"{"status": "cancelled"}"#);
        if let Some(tag) = if_match {
            request = request.header("if-match", tag);
        }
        tokio::spawn(async move { common::send(request).await.status })
    };
    let (first, second) = (put(cancelled, None), put(stale, Some("\"1\"")));
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(api.put_json(&format!("/orders/{stale}"), r#"{"total_amount": 61.00}"#).await.status, 200);
    let _worker = Process(Some(api.stack.spawn_listening("worker").await.0));
    assert_eq!((first.await.unwrap(), second.await.unwrap()), (200, 412));
    api.wait_for_status(stale, "completed", Duration::from_secs(20)).await;
    wait_closed(&api, cancelled).await;
    save_history(&api, cancelled, "cancelled-while-pending").await;
    wait_closed(&api, stale).await;
    save_history(&api, stale, "stale-cancel-then-completed").await;
}

#[tokio::test]
#[ignore = "records fixtures: run with `make record-histories`"]
async fn record_saga_histories() {
    use crate::saga::{awaiting_dispatch, carrier_event, order_with_items, put_product, wait_until};
    use serde_json::json;

    let app = TestApp::spawn_with(&[("ORDERS_PAYMENT_CUSTOMER_LIMIT", "100.00")]).await;
    put_product(&app, "tea-001", "4.25", 10).await;
    put_product(&app, "gold-1", "150.00", 10).await;
    let lines = |sku: &str, quantity: u32| json!([{"sku": sku, "quantity": quantity}]);

    let id = order_with_items(&app, 1, lines("tea-001", 2)).await["id"].as_i64().unwrap();
    awaiting_dispatch(&app, id).await;
    assert_eq!(carrier_event(&app, id, "dispatched").await.status, 200);
    assert_eq!(carrier_event(&app, id, "delivered").await.status, 200);
    wait_closed(&app, id).await;
    save_history(&app, id, "saga-completed").await;

    let id = order_with_items(&app, 2, lines("tea-001", 1)).await["id"].as_i64().unwrap();
    awaiting_dispatch(&app, id).await;
    let reply = app.put_json(&format!("/orders/{id}"), r#"{"status": "cancelled"}"#).await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    wait_closed(&app, id).await;
    save_history(&app, id, "saga-cancelled-after-payment").await;

    let id = order_with_items(&app, 3, lines("gold-1", 1)).await["id"].as_i64().unwrap();
    wait_until(&app, id, "declined", |o| o["status"] == "failed").await;
    wait_closed(&app, id).await;
    save_history(&app, id, "saga-declined").await;

    let id = order_with_items(&app, 4, lines("tea-001", 50)).await["id"].as_i64().unwrap();
    wait_until(&app, id, "out of stock", |o| o["status"] == "failed").await;
    wait_closed(&app, id).await;
    save_history(&app, id, "saga-out-of-stock").await;
}
