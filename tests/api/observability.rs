//! What an operator sees: the request id from the HTTP request to the order's last activity,
//! and the Prometheus metrics.

use std::time::Duration;

use crate::common::{self, Stack, TestApp};
use serde_json::Value;

#[tokio::test]
async fn one_request_id_follows_an_order_from_the_request_to_its_last_activity() {
    let mut stack =
        Stack::shared(&[("LOG_FORMAT", "json"), ("RUST_LOG", "info"), ("ORDER_PROCESSING_DELAY", "200ms")]).await;
    let log = std::env::temp_dir().join(format!("orders-log-{}.jsonl", std::process::id()));
    let _ = std::fs::remove_file(&log);
    stack.log_file = Some(log.clone());
    let app = TestApp::start(stack, "all").await;

    let reply = app
        .http
        .post(app.url("/orders"))
        .header("content-type", "application/json")
        .header("x-request-id", "obs-request-1")
        .body(r#"{"customer_id": 9, "total_amount": 9.99}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 201);
    assert_eq!(reply.headers()["x-request-id"], "obs-request-1");
    let id = reply.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    app.wait_for_status(id, "completed", Duration::from_secs(20)).await;
    let generated = app.get("/orders").await;
    assert_eq!(generated.header("x-request-id").len(), 36, "a generated id is a UUID");

    // Each line of the log is one JSON object.
    let lines = common::eventually(Duration::from_secs(10), "activity log lines", || async {
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        let lines: Vec<Value> = text.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
        let steps =
            lines.iter().filter(|l| l["message"] == "order status step" && l["request_id"] == "obs-request-1").count();
        (steps >= 2).then_some(lines)
    })
    .await;
    let request_line = lines
        .iter()
        .find(|l| l["message"] == "request" && l["request_id"] == "obs-request-1")
        .expect("the request's log line carries its id");
    assert_eq!(request_line["route"], "/orders");
    assert_eq!(request_line["method"], "POST");
    assert_eq!(request_line["status"], 201);
    assert!(request_line["latency_ms"].as_f64().is_some(), "{request_line}");
    let steps: Vec<&str> = lines
        .iter()
        .filter(|l| l["message"] == "order status step" && l["request_id"] == "obs-request-1")
        .map(|l| l["to"].as_str().unwrap())
        .collect();
    assert_eq!(steps, vec!["processing", "completed"]);
    // Every line of the whole run (start-up, Temporal connection, requests, activities) is one
    // JSON object with unique keys.
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.lines().count() > 10, "{text}");
    for line in text.lines() {
        assert_eq!(common::json_line_problem(line), None, "{line}");
    }
    let _ = std::fs::remove_file(&log);
}

#[tokio::test]
async fn metrics_expose_http_pool_orders_and_the_sdk() {
    let app = TestApp::spawn_with(&[("ORDER_PROCESSING_DELAY", "200ms")]).await;
    let id = app.create_order(1, "1.00").await["id"].as_i64().unwrap();
    app.wait_for_status(id, "completed", Duration::from_secs(20)).await;
    let cancel_me = app.create_order(2, "2.00").await["id"].as_i64().unwrap();
    app.delete(&format!("/orders/{cancel_me}")).await;

    let metrics = app.get("/metrics").await;
    assert_eq!(metrics.status, 200);
    assert!(metrics.header("content-type").starts_with("text/plain"), "{}", metrics.header("content-type"));
    let text = metrics.text;
    let value = |series: &str| -> f64 {
        text.lines()
            .find(|l| l.starts_with(series) && l[series.len()..].starts_with(' '))
            .unwrap_or_else(|| panic!("no {series} in /metrics:\n{text}"))
            .rsplit(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    assert_eq!(value(r#"orders_http_requests_total{method="POST",route="/orders",status="201"}"#), 2.0);
    assert!(
        value(r#"orders_http_request_duration_seconds_count{method="GET",route="/orders/{id}",status="200"}"#) >= 1.0
    );
    assert_eq!(value("orders_created_total"), 2.0);
    assert_eq!(value("orders_completed_total"), 1.0);
    assert_eq!(value("orders_cancelled_total"), 1.0);
    assert_eq!(value("orders_creation_to_completion_seconds_count"), 1.0);
    assert_eq!(value(r#"orders_status{status="completed"}"#), 1.0);
    assert_eq!(value("orders_workflow_outbox_backlog"), 0.0);
    assert_eq!(value("orders_oldest_unfinished_age_seconds"), 0.0);
    assert_eq!(value("orders_db_pool_max_size"), 16.0);
    assert!(value("orders_db_pool_connections") >= 1.0);
    // The Temporal SDK's own worker metrics.
    assert!(text.lines().any(|l| l.starts_with("temporal_workflow_completed")), "no SDK metrics:\n{text}");
    assert!(text.lines().any(|l| l.starts_with("temporal_worker_task_slots_available")), "no SDK metrics");
}

/// A stand-in OTLP/HTTP collector: answers every POST with 200 and keeps the bodies.
fn otlp_collector() -> (u16, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let bodies = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = bodies.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream);
            loop {
                let mut length = 0usize;
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                    break;
                }
                loop {
                    line.clear();
                    reader.read_line(&mut line).unwrap();
                    if line == "\r\n" {
                        break;
                    }
                    if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                        length = v.trim().parse().unwrap();
                    }
                }
                let mut body = vec![0; length];
                reader.read_exact(&mut body).unwrap();
                sink.lock().unwrap().push(String::from_utf8_lossy(&body).into_owned());
                let _ = reader
                    .get_mut()
                    .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}");
            }
        }
    });
    (port, bodies)
}

#[tokio::test]
async fn traces_go_to_the_otlp_endpoint_when_one_is_set() {
    let (port, bodies) = otlp_collector();
    let endpoint = format!("http://127.0.0.1:{port}");
    let app = TestApp::spawn_with(&[
        ("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint.as_str()),
        ("OTEL_BSP_SCHEDULE_DELAY", "100"),
        ("ORDER_PROCESSING_DELAY", "1h"),
    ])
    .await;
    let id = app.create_order(1, "1.00").await["id"].as_i64().unwrap();
    app.wait_for_status(id, "processing", Duration::from_secs(20)).await;
    app.get(&format!("/orders/{id}")).await;
    common::eventually(Duration::from_secs(20), "request, query and Temporal spans exported", || async {
        let all = bodies.lock().unwrap().join("\n");
        let seen = ["\"http.request\"", "\"db.query\"", "\"temporal.start_workflow\"", "\"temporal.query\""]
            .iter()
            .all(|name| all.contains(name));
        seen.then_some(())
    })
    .await;
    let all = bodies.lock().unwrap().join("\n");
    assert!(
        all.contains("insert_order") && all.contains("/orders/{id}"),
        "span attributes: {}",
        &all[..all.len().min(2000)]
    );
}

#[tokio::test]
async fn separate_api_and_worker_processes_each_expose_what_they_count() {
    let stack = Stack::shared(&[("ORDER_PROCESSING_DELAY", "200ms")]).await;
    let (worker, worker_port) = stack.spawn_listening("worker").await;
    let _worker = common::Process(Some(worker));
    let api = TestApp::start(stack, "serve").await;
    let id = api.create_order(1, "1.00").await["id"].as_i64().unwrap();
    api.wait_for_status(id, "completed", Duration::from_secs(20)).await;
    let cancelled = api.create_order(2, "2.00").await["id"].as_i64().unwrap();
    assert_eq!(api.put_json(&format!("/orders/{cancelled}"), r#"{"status": "cancelled"}"#).await.status, 200);

    let value = |text: &str, series: &str| {
        text.lines().find_map(|l| l.strip_prefix(series)?.strip_prefix(' ')?.parse::<f64>().ok())
    };
    // The worker counts what its activities did, on its own /metrics, with the SDK's series.
    let worker_metrics = reqwest::get(format!("http://127.0.0.1:{worker_port}/metrics")).await.unwrap();
    assert_eq!(worker_metrics.status(), 200);
    let worker_metrics = worker_metrics.text().await.unwrap();
    assert_eq!(value(&worker_metrics, "orders_completed_total"), Some(1.0), "{worker_metrics}");
    assert_eq!(value(&worker_metrics, "orders_cancelled_total"), Some(1.0), "{worker_metrics}");
    assert_eq!(value(&worker_metrics, "orders_creation_to_completion_seconds_count"), Some(1.0));
    assert!(worker_metrics.contains("temporal_activity_execution"), "no SDK series: {worker_metrics}");
    // The API counts what it did.
    let api_metrics = api.get("/metrics").await.text;
    assert_eq!(value(&api_metrics, "orders_created_total"), Some(2.0), "{api_metrics}");
    assert_eq!(value(&api_metrics, "orders_completed_total"), Some(0.0), "{api_metrics}");
}
