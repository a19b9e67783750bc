//! The order lifecycle: one transition table, cancels that go through the workflow, and each
//! order's history.

mod common;

use std::time::Duration;

use common::{Process, Stack, TestApp, eventually};
use serde_json::Value;

fn statuses(events: &Value) -> Vec<(Option<String>, String)> {
    events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["from_status"].as_str().map(str::to_owned), e["to_status"].as_str().unwrap().to_owned()))
        .collect()
}

fn s(from: Option<&str>, to: &str) -> (Option<String>, String) {
    (from.map(str::to_owned), to.to_owned())
}

/// `temporal workflow result` of an order's workflow: its outcome's status.
fn workflow_outcome(stack: &Stack, order_id: i64) -> String {
    let result = stack.temporal(&["workflow", "result", "-w", &format!("order-{order_id}"), "-o", "json"]);
    let text = result.to_string();
    ["completed", "cancelled", "deleted"]
        .into_iter()
        .find(|status| text.contains(&format!(r#""status":"{status}""#)))
        .unwrap_or_else(|| panic!("no outcome in {text}"))
        .to_owned()
}

#[tokio::test]
async fn clients_may_only_cancel_and_change_the_amount_while_pending() {
    // No worker at first: the order stays `pending`.
    let app = TestApp::start(Stack::shared(&[("ORDER_PROCESSING_DELAY", "1h")]).await, "serve").await;
    let id = app.create_order(1, "10.00").await["id"].as_i64().unwrap();
    let path = format!("/orders/{id}");

    let updated = app.put_json(&path, r#"{"total_amount": 12.50}"#).await;
    assert_eq!(updated.status, 200, "{}", updated.text);
    assert!(updated.text.contains(r#""total_amount":12.50"#), "{}", updated.text);
    let same = app.put_json(&path, r#"{"status": "pending"}"#).await;
    assert_eq!((same.status, same.json()["status"].as_str()), (200, Some("pending")));
    let refused = app.put_json(&path, r#"{"status": "processing"}"#).await.assert_problem(409);
    let detail = refused["detail"].as_str().unwrap();
    assert!(detail.contains("`pending`") && detail.contains("`cancelled`"), "{detail}");

    let _worker = Process(Some(app.stack.spawn("worker", common::free_port())));
    app.wait_for_status(id, "processing", Duration::from_secs(20)).await;
    let refused = app.put_json(&path, r#"{"total_amount": 13}"#).await.assert_problem(409);
    assert!(refused["detail"].as_str().unwrap().contains("`processing`"), "{refused}");
    app.put_json(&path, r#"{"status": "completed"}"#).await.assert_problem(409);
    app.put_json(&path, r#"{"status": "pending"}"#).await.assert_problem(409);

    let cancelled = app.put_json(&path, r#"{"status": "cancelled"}"#).await;
    assert_eq!(cancelled.status, 200, "{}", cancelled.text);
    assert_eq!(cancelled.json()["status"], "cancelled");
    assert!(cancelled.text.contains(r#""total_amount":12.50"#));
    let again = app.put_json(&path, r#"{"status": "cancelled"}"#).await;
    assert_eq!((again.status, again.json()["status"].as_str()), (200, Some("cancelled")));
    let refused = app.put_json(&path, r#"{"status": "pending"}"#).await.assert_problem(409);
    assert!(refused["detail"].as_str().unwrap().contains("none (it is final)"), "{refused}");
    app.put_json(&path, r#"{"total_amount": 1}"#).await.assert_problem(409);
}

#[tokio::test]
async fn cancelling_stops_the_workflow_and_the_history_tells_the_story() {
    let app = TestApp::spawn_with(&[("ORDER_PROCESSING_DELAY", "1h")]).await;
    let id = app.create_order(2, "5.00").await["id"].as_i64().unwrap();
    app.wait_for_status(id, "processing", Duration::from_secs(20)).await;
    let live = app.get(&format!("/orders/{id}")).await.json();
    assert_eq!(live["workflow_step"], "processing", "{live}");

    let reply = app
        .http
        .put(app.url(&format!("/orders/{id}")))
        .header("content-type", "application/json")
        .header("x-request-id", "req-cancel-42")
        .body(r#"{"status": "cancelled"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 200);
    let info = app.describe_workflow(id)["workflowExecutionInfo"].clone();
    assert_eq!(info["status"], "WORKFLOW_EXECUTION_STATUS_COMPLETED", "{info}");
    assert_eq!(workflow_outcome(&app.stack, id), "cancelled");
    assert!(app.get(&format!("/orders/{id}")).await.json().get("workflow_step").is_none());

    let events = app.get(&format!("/orders/{id}/events")).await.json();
    assert_eq!(
        statuses(&events),
        vec![s(None, "pending"), s(Some("pending"), "processing"), s(Some("processing"), "cancelled")]
    );
    assert_eq!(events[0]["reason"], "created");
    assert_eq!(events[1]["reason"], "workflow: MarkOrderProcessing");
    assert_eq!(events[2]["reason"], "cancelled: client request");
    assert_eq!(events[2]["request_id"], "req-cancel-42");
    assert!(events[1]["request_id"].is_null());
}

#[tokio::test]
async fn a_completed_orders_history_and_missing_histories() {
    let app = TestApp::spawn_with(&[("ORDER_PROCESSING_DELAY", "200ms")]).await;
    let id = app.create_order(3, "1.00").await["id"].as_i64().unwrap();
    app.wait_for_status(id, "completed", Duration::from_secs(20)).await;
    let events = app.get(&format!("/orders/{id}/events")).await.json();
    assert_eq!(
        statuses(&events),
        vec![s(None, "pending"), s(Some("pending"), "processing"), s(Some("processing"), "completed")]
    );
    assert_eq!(events[2]["reason"], "workflow: MarkOrderCompleted");
    let times: Vec<&str> = events.as_array().unwrap().iter().map(|e| e["at"].as_str().unwrap()).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
    app.get("/orders/999999999999/events").await.assert_problem(404);
    app.get("/orders/abc/events").await.assert_problem(400);
    // A completed order is final.
    app.put_json(&format!("/orders/{id}"), r#"{"status": "cancelled"}"#).await.assert_problem(409);
}

#[tokio::test]
async fn deleting_an_order_in_flight_cancels_its_workflow_first() {
    let app = TestApp::spawn_with(&[("ORDER_PROCESSING_DELAY", "1h")]).await;
    let id = app.create_order(4, "1.00").await["id"].as_i64().unwrap();
    app.wait_for_status(id, "processing", Duration::from_secs(20)).await;
    assert_eq!(app.delete(&format!("/orders/{id}")).await.status, 204);
    let info = app.describe_workflow(id)["workflowExecutionInfo"].clone();
    assert_eq!(info["status"], "WORKFLOW_EXECUTION_STATUS_COMPLETED", "{info}");
    assert_eq!(workflow_outcome(&app.stack, id), "cancelled");
    app.get(&format!("/orders/{id}/events")).await.assert_problem(404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn cancels_racing_completion_end_in_exactly_one_final_state() {
    let app = TestApp::spawn_with(&[("ORDER_PROCESSING_DELAY", "300ms")]).await;
    const N: i64 = 40;
    let mut ids = Vec::new();
    for customer in 1..=N {
        ids.push(app.create_order(customer, "1.00").await["id"].as_i64().unwrap());
    }
    // Fire each cancel at a different moment around the end of its order's processing delay.
    let mut cancels = tokio::task::JoinSet::new();
    for (i, &id) in ids.iter().enumerate() {
        let (http, url) = (app.http.clone(), app.url(&format!("/orders/{id}")));
        cancels.spawn(async move {
            loop {
                let order: Value = http.get(&url).send().await.unwrap().json().await.unwrap();
                if order["status"] != "pending" {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            tokio::time::sleep(Duration::from_millis(150 + i as u64 * 25)).await;
            let reply = http.put(url).header("content-type", "application/json").body(r#"{"status": "cancelled"}"#).send().await.unwrap();
            (id, reply.status().as_u16())
        });
    }
    let mut replies = std::collections::HashMap::new();
    while let Some(r) = cancels.join_next().await {
        let (id, status) = r.unwrap();
        replies.insert(id, status);
    }

    let db = app.stack.db().await;
    let (mut cancelled, mut completed) = (0, 0);
    for &id in &ids {
        let status: String = eventually(Duration::from_secs(30), "order final", || {
            let db = &db;
            async move {
                let s: String = db.query_one("SELECT status FROM orders WHERE id = $1", &[&id]).await.unwrap().get(0);
                (s == "completed" || s == "cancelled").then_some(s)
            }
        })
        .await;
        match (status.as_str(), replies[&id]) {
            ("cancelled", 200) => cancelled += 1,
            ("completed", 409) => completed += 1,
            (s, code) => panic!("order {id}: database says {s} but the cancel got {code}"),
        }
        assert_eq!(workflow_outcome(&app.stack, id), status, "order {id}: workflow result");
        let events = app.get(&format!("/orders/{id}/events")).await.json();
        let history = statuses(&events);
        let finals: Vec<_> = history.iter().filter(|(_, to)| to == "completed" || to == "cancelled").collect();
        assert_eq!(finals.len(), 1, "order {id}: {history:?}");
        assert_eq!(history.last().unwrap().1, status, "order {id}: {history:?}");
    }
    use std::io::Write;
    let line = format!("REPORT cancel-race: orders={N} cancelled={cancelled} completed_first={completed}\n");
    std::io::stderr().write_all(line.as_bytes()).unwrap();
}
