//! The HTTP API as a client sees it, against the real binary, PostgreSQL and Temporal.

use std::time::Duration;

use crate::common::{self, Method, TestApp};

#[tokio::test]
async fn an_order_goes_pending_processing_completed_through_its_workflow() {
    let app = TestApp::spawn_with(&[("ORDER_PROCESSING_DELAY", "1500ms")]).await;

    let reply = app.post_json("/orders", r#"{"customer_id": 42, "total_amount": 149.99}"#).await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    let order = reply.json();
    let id = order["id"].as_i64().unwrap();
    assert_eq!(reply.header("location"), format!("/orders/{id}"));
    assert_eq!(order["customer_id"], 42);
    assert_eq!(order["status"], "pending");
    assert!(reply.text.contains(r#""total_amount":149.99"#), "{}", reply.text);
    for field in ["created_at", "updated_at"] {
        assert!(order[field].as_str().unwrap().parse::<chrono::DateTime<chrono::Utc>>().is_ok(), "{order}");
    }

    app.wait_for_status(id, "processing", Duration::from_secs(15)).await;
    let step = app.query_current_step(id);
    assert!(step.to_string().contains("processing"), "current_step while processing: {step}");

    let seen = app.wait_for_status(id, "completed", Duration::from_secs(30)).await;
    assert!(seen.contains(&"processing".to_owned()), "never saw processing: {seen:?}");
    assert_eq!(seen.last().unwrap(), "completed");

    let described = app.describe_workflow(id);
    let info = &described["workflowExecutionInfo"];
    assert_eq!(info["type"]["name"], "OrderWorkflow", "{described}");
    assert_eq!(info["taskQueue"], app.stack.task_queue.as_str(), "{described}");
    assert_eq!(info["status"], "WORKFLOW_EXECUTION_STATUS_COMPLETED", "{described}");
}

#[tokio::test]
async fn money_is_exact_from_json_to_numeric_and_back() {
    let app = TestApp::spawn().await;
    for (sent, shown) in [
        ("0.1", "0.10"),
        ("0.2", "0.20"),
        ("12345678.91", "12345678.91"),
        ("99999999.99", "99999999.99"),
        ("0", "0.00"),
        ("10.50", "10.50"),
        ("1.230", "1.23"),
    ] {
        let reply = app.post_json("/orders", &format!(r#"{{"customer_id": 1, "total_amount": {sent}}}"#)).await;
        assert_eq!(reply.status, 201, "{sent}: {}", reply.text);
        let expected = format!(r#""total_amount":{shown}"#);
        assert!(reply.text.contains(&expected), "{sent}: {}", reply.text);
        let id = reply.json()["id"].as_i64().unwrap();
        let read = app.get(&format!("/orders/{id}")).await;
        assert!(read.text.contains(&expected), "{sent} read back: {}", read.text);
    }
}

#[tokio::test]
async fn bad_amounts_and_customers_are_refused_by_name_and_write_nothing() {
    let app = TestApp::spawn().await;
    let cases = [
        (r#"{"customer_id": 1, "total_amount": 12.345}"#, "total_amount"),
        (r#"{"customer_id": 1, "total_amount": -0.01}"#, "total_amount"),
        (r#"{"customer_id": 1, "total_amount": 100000000}"#, "total_amount"),
        (r#"{"customer_id": 1, "total_amount": 1e400}"#, "total_amount"),
        (r#"{"customer_id": 1, "total_amount": "ten"}"#, "total_amount"),
        (r#"{"customer_id": 1, "total_amount": null}"#, "total_amount"),
        (r#"{"customer_id": 1}"#, "total_amount"),
        (r#"{"customer_id": 0, "total_amount": 1}"#, "customer_id"),
        (r#"{"customer_id": -7, "total_amount": 1}"#, "customer_id"),
        (r#"{"customer_id": 1.5, "total_amount": 1}"#, "customer_id"),
        (r#"{"customer_id": "7", "total_amount": 1}"#, "customer_id"),
        (r#"{"customer_id": 9223372036854775808, "total_amount": 1}"#, "customer_id"),
        (r#"{"total_amount": 1}"#, "customer_id"),
    ];
    for (body, field) in cases {
        let reply = app.post_json("/orders", body).await;
        assert!(matches!(reply.status, 400 | 422), "{body}: {} {}", reply.status, reply.text);
        reply.assert_problem(reply.status);
        reply.assert_names_field(field);
    }
    for body in ["", "{", "not json", "[]", "null", r#"{"customer_id": 1, "total_amount": 1"#] {
        app.post_json("/orders", body).await.assert_problem(400);
    }
    assert_eq!(app.order_count().await, 0, "a refused request wrote something");
}

#[tokio::test]
async fn read_delete_and_list() {
    let app = TestApp::spawn_with(&[("ORDER_PROCESSING_DELAY", "1h")]).await;
    let first = app.create_order(7, "10.00").await;
    let second = app.create_order(8, "20.00").await;
    let (id1, id2) = (first["id"].as_i64().unwrap(), second["id"].as_i64().unwrap());

    let got = app.get(&format!("/orders/{id1}")).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.json()["customer_id"], 7);

    let listed = app.get("/orders").await.json();
    let ids: Vec<i64> = listed.as_array().unwrap().iter().map(|o| o["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, vec![id1, id2]);

    app.put_json(&format!("/orders/{id1}"), r#"{"total_amount": 11.255}"#).await.assert_names_field("total_amount");
    app.put_json(&format!("/orders/{id1}"), r#"{"status": "lost"}"#).await.assert_problem(400);
    // A status of the table that clients may not ask for.
    app.put_json(&format!("/orders/{id1}"), r#"{"status": "shipped"}"#).await.assert_problem(409);

    assert_eq!(app.delete(&format!("/orders/{id2}")).await.status, 204);
    app.get(&format!("/orders/{id2}")).await.assert_problem(404);
    app.delete(&format!("/orders/{id2}")).await.assert_problem(404);
    app.put_json(&format!("/orders/{id2}"), r#"{"total_amount": 1}"#).await.assert_problem(404);
    assert_eq!(app.order_count().await, 1);
}

#[tokio::test]
async fn bad_paths_ids_and_methods_get_problems() {
    let app = TestApp::spawn().await;
    for id in ["abc", "0", "-1", "1.5", "9223372036854775808", "99999999999999999999999"] {
        let path = format!("/orders/{id}");
        app.get(&path).await.assert_problem(400);
        app.put_json(&path, r#"{"total_amount": 1}"#).await.assert_problem(400);
        app.delete(&path).await.assert_problem(400);
    }
    app.get("/orders/9223372036854775807").await.assert_problem(404);
    app.get("/nowhere").await.assert_problem(404);
    app.get("/orders/1/items").await.assert_problem(404);

    let reply = app.request(Method::PATCH, "/orders").send().await.unwrap();
    assert_eq!(reply.status(), 405);
    assert_eq!(reply.headers()["allow"], "GET, POST");
    let reply = app.request(Method::POST, "/orders/1").send().await.unwrap();
    assert_eq!(reply.status(), 405);
    assert_eq!(reply.headers()["allow"], "GET, PUT, DELETE");
    assert_eq!(reply.headers()["content-type"], "application/problem+json");

    let huge = format!(r#"{{"customer_id": 1, "total_amount": 1, "pad": "{}"}}"#, "x".repeat(100_000));
    app.post_json("/orders", &huge).await.assert_problem(413);
    assert_eq!(app.order_count().await, 0);
}

#[tokio::test]
async fn migrations_go_down_and_up_again() {
    let app = TestApp::spawn_with(&[("ORDER_PROCESSING_DELAY", "1h")]).await;
    let run = |dir: &str| {
        common::orders_bin().args(["migrate", dir]).env("DATABASE_URL", &app.stack.database_url).output().unwrap()
    };
    // Running `up` again, from two processes at once, is a no-op.
    let concurrent: Vec<_> = (0..2)
        .map(|_| {
            common::orders_bin().args(["migrate", "up"]).env("DATABASE_URL", &app.stack.database_url).spawn().unwrap()
        })
        .collect();
    for mut child in concurrent {
        assert!(child.wait().unwrap().success());
    }
    let down = run("down");
    assert!(down.status.success(), "{}", String::from_utf8_lossy(&down.stderr));
    app.get("/orders").await.assert_problem(500);
    assert!(run("up").status.success());
    assert_eq!(app.get("/orders").await.status, 200);
}

/// A misconfigured process stops before it connects to anything: with PostgreSQL and Temporal
/// unreachable it would otherwise wait for them forever.
#[test]
fn a_misconfigured_process_stops_at_once_naming_the_variable() {
    let closed = format!("127.0.0.1:{}", common::free_port());
    let run = |command: &str, env: &[(&str, &str)]| {
        let started = std::time::Instant::now();
        let mut child = common::orders_bin()
            .arg(command)
            .env("DATABASE_URL", format!("postgres://orders@{closed}/orders"))
            .env("TEMPORAL_ADDRESS", &closed)
            .env_remove("ORDERS_JWT_SECRET")
            .envs(env.iter().copied())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        while started.elapsed() < Duration::from_secs(5) {
            if child.try_wait().unwrap().is_some() {
                let out = child.wait_with_output().unwrap();
                return Some((out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned()));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        child.kill().unwrap();
        child.wait().unwrap();
        None // still running (waiting for PostgreSQL or Temporal)
    };
    let (ok, stderr) = run("serve", &[]).expect("serve without a JWT key must stop at once");
    assert!(!ok && stderr.contains("ORDERS_JWT_SECRET"), "{stderr}");
    let (ok, stderr) = run("serve", &[("ORDERS_JWT_SECRET", common::TEST_JWT_SECRET), ("ORDERS_HTTP_ADDR", "nowhere")])
        .expect("a bad ORDERS_HTTP_ADDR must stop serve at once");
    assert!(!ok && stderr.contains("ORDERS_HTTP_ADDR=\"nowhere\""), "{stderr}");
    // The worker reads neither: it gets as far as waiting for Temporal.
    assert_eq!(run("worker", &[("ORDERS_HTTP_ADDR", "nowhere")]), None, "the worker must not demand HTTP settings");
}

#[tokio::test]
async fn the_binary_lists_its_settings_and_probes_health() {
    let listed = common::orders_bin().args(["config", "--list"]).output().unwrap();
    assert!(listed.status.success());
    let variables: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let find = |name: &str| variables.as_array().unwrap().iter().find(|v| v["name"] == name).cloned();
    let database = find("DATABASE_URL").expect("DATABASE_URL listed");
    assert!(database["commands"].as_array().unwrap().iter().any(|c| c == "migrate"), "{database}");
    for key in ["ORDERS_JWT_SECRET", "ORDERS_JWT_SECRET_FILE", "ORDERS_JWKS_FILE"] {
        assert_eq!(find(key).expect(key)["one_of"], "jwt-keys");
    }
    assert_eq!(find("ORDERS_HTTP_ADDR").unwrap()["default"], "127.0.0.1:8080");

    let app = TestApp::spawn().await;
    let probe = |url: String| common::orders_bin().args(["healthcheck", &url]).status().unwrap().success();
    assert!(probe(app.url("/healthz")));
    assert!(!probe(app.url("/no-such-route")), "a 404 is not healthy");
    assert!(!probe(format!("http://127.0.0.1:{}/healthz", common::free_port())), "nothing listens there");
}

#[tokio::test]
async fn money_must_be_a_json_number_everywhere_a_body_carries_it() {
    let app = TestApp::spawn_with(&[("ORDER_PROCESSING_DELAY", "1h")]).await;
    for amount in [r#""10.00""#, r#""10""#, "true", "[10]", r#"{"value": 10}"#] {
        let reply = app.post_json("/orders", &format!(r#"{{"customer_id": 1, "total_amount": {amount}}}"#)).await;
        reply.assert_problem(422);
        reply.assert_names_field("total_amount");
    }
    assert_eq!(app.order_count().await, 0, "a refused request wrote something");
    let id = app.create_order(1, "10.00").await["id"].as_i64().unwrap();
    let reply = app.put_json(&format!("/orders/{id}"), r#"{"total_amount": "12.00"}"#).await;
    reply.assert_problem(422);
    reply.assert_names_field("total_amount");
    let order = app.get(&format!("/orders/{id}")).await;
    assert!(order.text.contains(r#""total_amount":10.00"#), "the amount changed: {}", order.text);
}

#[tokio::test]
async fn a_malformed_if_match_is_a_bad_request_not_a_stale_version() {
    let app = TestApp::spawn_with(&[("ORDER_PROCESSING_DELAY", "1h")]).await;
    let id = app.create_order(1, "10.00").await["id"].as_i64().unwrap();
    let put = |if_match: &'static str| {
        common::send(
            app.request_json(Method::PUT, &format!("/orders/{id}"), r#"{"total_amount": 11.00}"#)
                .header("if-match", if_match),
        )
    };
    for bad in ["", "1", "\"1", "\"1\" \"2\""] {
        let reply = put(bad).await;
        reply.assert_problem(400);
        reply.assert_names_field("If-Match");
    }
    // Well-formed: a stale tag is 412, a weak one never matches, the current one applies.
    put("\"7\"").await.assert_problem(412);
    put("W/\"1\"").await.assert_problem(412);
    let applied = put("\"0\", \"1\"").await;
    assert_eq!(applied.status, 200, "{}", applied.text);
}

#[tokio::test]
async fn each_kind_of_problem_has_its_own_type_title_and_page() {
    let app = TestApp::spawn_with(&[("ORDER_PROCESSING_DELAY", "1h")]).await;
    let id = app.create_order(1, "10.00").await["id"].as_i64().unwrap();
    let path = format!("/orders/{id}");
    // Three 409s a client must tell apart.
    let transition = app.put_json(&path, r#"{"status": "completed"}"#).await.assert_problem(409);
    assert_eq!(transition["type"], "/problems/invalid-transition", "{transition}");
    assert_eq!(transition["current_status"], "pending");
    assert_eq!(transition["allowed"], serde_json::json!(["cancelled"]));
    let db = app.stack.db().await;
    db.execute("SELECT pg_advisory_lock(hashtextextended('admin/test' || E'\\n' || $1, 0))", &[&"busy"]).await.unwrap();
    let in_flight =
        app.post_with_key("busy", r#"{"customer_id": 1, "total_amount": 1}"#).await.unwrap().assert_problem(409);
    assert_eq!(in_flight["type"], "/problems/idempotency-key-in-flight");
    db.execute("SELECT pg_advisory_unlock(hashtextextended('admin/test' || E'\\n' || $1, 0))", &[&"busy"])
        .await
        .unwrap();
    // Two 422s.
    let first = app.post_with_key("k", r#"{"customer_id": 1, "total_amount": 1}"#).await.unwrap();
    assert_eq!(first.status, 201);
    let reused = app.post_with_key("k", r#"{"customer_id": 1, "total_amount": 2}"#).await.unwrap().assert_problem(422);
    assert_eq!(reused["type"], "/problems/idempotency-key-reused");
    let invalid = app.post_json("/orders", r#"{"customer_id": 1, "total_amount": 1.234}"#).await.assert_problem(422);
    assert_eq!(invalid["type"], "/problems/invalid-fields");
    // The title is the type's, whatever the detail.
    let other = app.post_json("/orders", r#"{"customer_id": 1, "total_amount": -1}"#).await.assert_problem(422);
    assert_eq!((other["title"].clone(), other["type"].clone()), (invalid["title"].clone(), invalid["type"].clone()));
    assert_ne!(other["detail"], invalid["detail"]);
    let stale =
        common::send(app.request_json(Method::PUT, &path, r#"{"total_amount": 3}"#).header("if-match", "\"9\"")).await;
    assert_eq!(stale.assert_problem(412)["type"], "/problems/stale-version");
    assert_eq!(app.get("/orders/999999999999").await.assert_problem(404)["type"], "/problems/not-found");

    // Each type is dereferenceable, without credentials.
    for problem in [&transition, &in_flight, &reused, &invalid] {
        let page = reqwest::get(app.url(problem["type"].as_str().unwrap())).await.unwrap();
        assert_eq!(page.status(), 200);
        let page: serde_json::Value = page.json().await.unwrap();
        assert_eq!(
            (&page["type"], &page["title"], &page["status"]),
            (&problem["type"], &problem["title"], &problem["status"])
        );
        assert!(page["description"].as_str().is_some_and(|d| !d.is_empty()), "{page}");
    }
    let unknown = reqwest::get(app.url("/problems/no-such-problem")).await.unwrap();
    assert_eq!(unknown.status(), 404);
}
