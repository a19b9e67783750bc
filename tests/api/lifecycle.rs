//! The order lifecycle: one transition table, cancels that go through the workflow, and each
//! order's history.

use std::time::Duration;

use crate::common::{self, eventually, Method, Process, Stack, TestApp};
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

    let _worker = Process(Some(app.stack.spawn_listening("worker").await.0));
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

    let cancel = app.request_json(Method::PUT, &format!("/orders/{id}"), r#"{"status": "cancelled"}"#);
    let reply = common::send(cancel.header("x-request-id", "req-cancel-42")).await;
    assert_eq!(reply.status, 200);
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
    // The workflow itself removed the order, in the step that recorded its cancel.
    assert_eq!(workflow_outcome(&app.stack, id), "deleted");
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
            let reply = http
                .put(url)
                .header("content-type", "application/json")
                .body(r#"{"status": "cancelled"}"#)
                .send()
                .await
                .unwrap();
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
    common::report(format_args!("cancel-race: orders={N} cancelled={cancelled} completed_first={completed}"));
}

/// The API alone (no worker yet), with the order's workflow started: requests to it wait.
async fn api_without_worker(extra: &[(&str, &str)]) -> TestApp {
    let mut env = vec![("ORDER_PROCESSING_DELAY", "1h"), ("ORDERS_TEMPORAL_TIMEOUT", "20s")];
    env.extend_from_slice(extra);
    TestApp::start(Stack::shared(&env).await, "serve").await
}

/// Creates an order and waits until the dispatcher has started its workflow.
async fn order_with_started_workflow(app: &TestApp, customer: i64) -> i64 {
    let id = app.create_order(customer, "10.00").await["id"].as_i64().unwrap();
    let db = app.stack.db().await;
    eventually(Duration::from_secs(20), "workflow started", || {
        let db = &db;
        async move {
            let queued: i64 = db
                .query_one("SELECT count(*) FROM order_workflow_outbox WHERE order_id = $1", &[&id])
                .await
                .unwrap()
                .get(0);
            (queued == 0).then_some(())
        }
    })
    .await;
    id
}

fn send_cancel(app: &TestApp, id: i64, if_match: Option<&str>) -> tokio::task::JoinHandle<common::Reply> {
    let mut request = app.request_json(Method::PUT, &format!("/orders/{id}"), r#"{"status": "cancelled"}"#);
    if let Some(tag) = if_match {
        request = request.header("if-match", tag);
    }
    tokio::spawn(common::send(request))
}

#[tokio::test]
async fn a_cancel_that_arrives_while_pending_cancels_with_no_step_run() {
    let app = api_without_worker(&[]).await;
    let id = order_with_started_workflow(&app, 11).await;
    let cancel = send_cancel(&app, id, None);
    tokio::time::sleep(Duration::from_secs(1)).await;
    let _worker = Process(Some(app.stack.spawn_listening("worker").await.0));
    let reply = cancel.await.unwrap();
    assert_eq!((reply.status, reply.json()["status"].as_str()), (200, Some("cancelled")), "{}", reply.text);
    let events = app.get(&format!("/orders/{id}/events")).await.json();
    assert_eq!(statuses(&events), vec![s(None, "pending"), s(Some("pending"), "cancelled")], "{events}");
    assert_eq!(workflow_outcome(&app.stack, id), "cancelled");
}

#[tokio::test]
async fn a_cancel_with_if_match_is_refused_when_the_order_changed_before_it_took_effect() {
    let app = api_without_worker(&[("ORDER_PROCESSING_DELAY", "300ms")]).await;
    let id = order_with_started_workflow(&app, 12).await;
    // A read version 1 and cancels; its cancel waits for the (absent) worker.
    let cancel = send_cancel(&app, id, Some("\"1\""));
    tokio::time::sleep(Duration::from_secs(1)).await;
    // B changes the amount meanwhile: version 2.
    let changed = app.put_json(&format!("/orders/{id}"), r#"{"total_amount": 20.00}"#).await;
    assert_eq!((changed.status, changed.header("etag")), (200, "\"2\""), "{}", changed.text);
    let _worker = Process(Some(app.stack.spawn_listening("worker").await.0));
    // When the cancel takes effect, the order is no longer the version A saw: 412, not a cancel.
    let reply = cancel.await.unwrap();
    reply.assert_problem(412);
    app.wait_for_status(id, "completed", Duration::from_secs(30)).await;
    let order = app.get(&format!("/orders/{id}")).await;
    assert!(order.text.contains(r#""total_amount":20.00"#), "{}", order.text);
    let events = statuses(&app.get(&format!("/orders/{id}/events")).await.json());
    assert!(!events.iter().any(|(_, to)| to == "cancelled"), "{events:?}");
}

#[tokio::test]
async fn a_cancel_or_delete_the_workflow_cannot_take_up_in_time_is_a_503_and_changes_nothing() {
    let app = api_without_worker(&[("ORDER_PROCESSING_DELAY", "300ms"), ("ORDERS_TEMPORAL_TIMEOUT", "1s")]).await;
    let id = order_with_started_workflow(&app, 13).await;
    app.put_json(&format!("/orders/{id}"), r#"{"status": "cancelled"}"#).await.assert_problem(503);
    app.delete(&format!("/orders/{id}")).await.assert_problem(503);
    // The worker arrives later: the requests that were answered 503 must not act now.
    let _worker = Process(Some(app.stack.spawn_listening("worker").await.0));
    app.wait_for_status(id, "completed", Duration::from_secs(30)).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let order = app.get(&format!("/orders/{id}")).await;
    assert_eq!((order.status, order.json()["status"].as_str()), (200, Some("completed")), "{}", order.text);
    let events = statuses(&app.get(&format!("/orders/{id}/events")).await.json());
    assert_eq!(events.last().unwrap().1, "completed", "{events:?}");
    assert_eq!(workflow_outcome(&app.stack, id), "completed");
}

#[tokio::test]
async fn a_cancel_or_delete_the_workflow_takes_long_to_finish_is_a_202_and_then_happens() {
    let app = TestApp::spawn_with(&[("ORDER_PROCESSING_DELAY", "1h"), ("ORDERS_TEMPORAL_TIMEOUT", "1s")]).await;
    for (customer, delete) in [(14, false), (15, true)] {
        let id = app.create_order(customer, "1.00").await["id"].as_i64().unwrap();
        app.wait_for_status(id, "processing", Duration::from_secs(20)).await;
        // Hold the order's row: the workflow takes the request up, but cannot record it yet.
        let mut db = app.stack.db().await;
        let tx = db.transaction().await.unwrap();
        tx.execute("SELECT 1 FROM orders WHERE id = $1 FOR UPDATE", &[&id]).await.unwrap();
        let reply = if delete {
            app.delete(&format!("/orders/{id}")).await
        } else {
            app.put_json(&format!("/orders/{id}"), r#"{"status": "cancelled"}"#).await
        };
        assert_eq!(reply.status, 202, "{}", reply.text);
        assert_eq!(reply.header("location"), format!("/orders/{id}"));
        if !delete {
            assert_eq!(reply.json()["status"], "processing", "{}", reply.text);
        }
        tx.commit().await.unwrap();
        if delete {
            eventually(Duration::from_secs(30), "order removed", || async {
                (app.get(&format!("/orders/{id}")).await.status == 404).then_some(())
            })
            .await;
        } else {
            app.wait_for_status(id, "cancelled", Duration::from_secs(30)).await;
        }
    }
}

#[tokio::test]
async fn an_order_whose_workflow_was_terminated_is_detected_and_repaired() {
    let app = TestApp::spawn_with(&[("ORDER_PROCESSING_DELAY", "1h"), ("ORDERS_STUCK_CHECK_INTERVAL", "1s")]).await;
    let id = app.create_order(16, "1.00").await["id"].as_i64().unwrap();
    app.wait_for_status(id, "processing", Duration::from_secs(20)).await;
    let terminated = std::process::Command::new(common::env("ORDERS_TEST_TEMPORAL_CLI"))
        .args(["workflow", "terminate", "-w", &format!("order-{id}"), "--reason", "test"])
        .args(["--address", &app.stack.temporal_address])
        .output()
        .unwrap();
    assert!(terminated.status.success(), "{}", String::from_utf8_lossy(&terminated.stderr));

    let stuck_gauge = || async {
        let metrics = app.get("/metrics").await.text;
        metrics.lines().find(|l| l.starts_with("orders_workflow_closed_unfinished ")).map(str::to_owned)
    };
    eventually(Duration::from_secs(20), "stuck order detected", || async {
        stuck_gauge().await.filter(|l| l.ends_with(" 1"))
    })
    .await;

    // `orders repair` starts the order's processing again (here with a short delay).
    let repaired = common::orders_bin()
        .arg("repair")
        .env("DATABASE_URL", &app.stack.database_url)
        .env("TEMPORAL_ADDRESS", &app.stack.temporal_address)
        .env("ORDERS_TASK_QUEUE", &app.stack.task_queue)
        .env("ORDER_PROCESSING_DELAY", "200ms")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&repaired.stdout);
    assert!(repaired.status.success(), "{out}{}", String::from_utf8_lossy(&repaired.stderr));
    assert!(out.contains(&format!("order {id}: processing")) && out.contains("Terminated"), "{out}");
    app.wait_for_status(id, "completed", Duration::from_secs(30)).await;
    eventually(Duration::from_secs(20), "stuck gauge back to 0", || async {
        stuck_gauge().await.filter(|l| l.ends_with(" 0"))
    })
    .await;
}

#[tokio::test]
async fn a_workflow_started_by_a_cancel_carries_the_cancels_request_id() {
    let app = TestApp::spawn_with(&[("ORDER_PROCESSING_DELAY", "1h")]).await;
    // An order whose workflow was never started (as if it still waited in the outbox).
    let db = app.stack.db().await;
    let id: i64 = db
        .query_one("INSERT INTO orders (customer_id, total_amount) VALUES (17, 1) RETURNING id", &[])
        .await
        .unwrap()
        .get(0);
    let cancel = app.request_json(Method::PUT, &format!("/orders/{id}"), r#"{"status": "cancelled"}"#);
    let reply = common::send(cancel.header("x-request-id", "req-cancel-starts-it")).await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    let history = app.stack.temporal(&["workflow", "show", "-w", &format!("order-{id}"), "-o", "json"]);
    let started = &history["events"][0]["workflowExecutionStartedEventAttributes"]["input"]["payloads"][0]["data"];
    use base64::Engine;
    let input = base64::engine::general_purpose::STANDARD.decode(started.as_str().expect("input payload")).unwrap();
    let input: Value = serde_json::from_slice(&input).unwrap();
    assert_eq!(input["request_id"], "req-cancel-starts-it", "{input}");
}

#[tokio::test]
async fn an_order_whose_workflow_id_belongs_to_another_database_waits_and_is_reported() {
    let first = TestApp::spawn_with(&[("ORDER_PROCESSING_DELAY", "1h")]).await;
    let id = first.create_order(1, "1.00").await["id"].as_i64().unwrap();
    first.wait_for_status(id, "processing", Duration::from_secs(20)).await;

    // Another database on the same namespace whose ids start where the first's did (a reset or
    // restored database): its first order is `order-{id}` too.
    let stack = Stack::shared(&[("ORDER_PROCESSING_DELAY", "200ms"), ("ORDERS_OUTBOX_SWEEP", "200ms")]).await;
    stack.db().await.batch_execute(&format!("ALTER TABLE orders ALTER COLUMN id RESTART WITH {id}")).await.unwrap();
    let second = TestApp::start(stack, "all").await;
    assert_eq!(second.create_order(2, "2.00").await["id"].as_i64(), Some(id));
    eventually(Duration::from_secs(20), "the conflict counted", || async {
        let metrics = second.get("/metrics").await.text;
        metrics
            .lines()
            .find_map(|l| l.strip_prefix("orders_workflow_id_conflicts_total ")?.parse::<f64>().ok())
            .filter(|n| *n >= 1.0)
    })
    .await;
    // Not taken for this order's workflow: it waits in the outbox, and the other workflow is
    // untouched.
    let db = second.stack.db().await;
    let queued: i64 = db.query_one("SELECT count(*) FROM order_workflow_outbox", &[]).await.unwrap().get(0);
    assert_eq!(queued, 1);
    assert_eq!(second.get(&format!("/orders/{id}")).await.json()["status"], "pending");
    // A cancel of the second database's order must not reach the first's running workflow.
    second.put_json(&format!("/orders/{id}"), r#"{"status": "cancelled"}"#).await.assert_problem(503);
    assert_eq!(first.get(&format!("/orders/{id}")).await.json()["status"], "processing");
    assert_eq!(second.get(&format!("/orders/{id}")).await.json()["status"], "pending");

    // The operator frees the id (README: "Workflow ids taken"): the order then gets its own.
    let deleted = std::process::Command::new(common::env("ORDERS_TEST_TEMPORAL_CLI"))
        .args([
            "workflow",
            "delete",
            "--yes",
            "-w",
            &format!("order-{id}"),
            "--address",
            &second.stack.temporal_address,
        ])
        .output()
        .unwrap();
    assert!(deleted.status.success(), "{}", String::from_utf8_lossy(&deleted.stderr));
    second.wait_for_status(id, "completed", Duration::from_secs(60)).await;
}

#[tokio::test]
async fn a_paced_dispatcher_starts_a_burst_at_its_rate_and_every_order_completes() {
    // ORDERS_DISPATCH_RATE=5: the bucket lets 5 starts go at once, then one every 200 ms, so
    // the workflows of 15 orders created at once take 2 s to start. Unpaced, the outbox empties
    // within a fraction of a second.
    let app = TestApp::spawn_with(&[("ORDERS_DISPATCH_RATE", "5"), ("ORDER_PROCESSING_DELAY", "0s")]).await;
    let created = futures::future::join_all((1..=15).map(|customer| app.create_order(customer, "1.00"))).await;
    let burst_created = std::time::Instant::now();
    let db = app.stack.db().await;
    loop {
        let queued: i64 = db.query_one("SELECT count(*) FROM order_workflow_outbox", &[]).await.unwrap().get(0);
        if queued == 0 {
            break;
        }
        assert!(burst_created.elapsed() < Duration::from_secs(60), "the outbox never emptied");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let took = burst_created.elapsed();
    assert!(took >= Duration::from_millis(1200), "15 workflows paced at 5/s all started within {took:?}");
    for order in &created {
        app.wait_for_status(order["id"].as_i64().unwrap(), "completed", Duration::from_secs(60)).await;
    }
}
