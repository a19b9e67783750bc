//! Nothing lost, nothing doubled: real processes killed with SIGKILL, Temporal and PostgreSQL
//! stopped and restarted. Each test prints created / completed / lost / duplicated.

use std::{collections::HashMap, time::Duration};

use crate::common::{self, eventually, Method, PrivatePostgres, PrivateTemporal, Process, Stack, TestApp};

/// Orders per customer (each request of a test uses its own customer id) and their statuses.
async fn orders_by_customer(stack: &Stack) -> HashMap<i64, Vec<String>> {
    let db = stack.db().await;
    let mut by_customer: HashMap<i64, Vec<String>> = HashMap::new();
    for row in db.query("SELECT customer_id, status FROM orders", &[]).await.unwrap() {
        by_customer.entry(row.get(0)).or_default().push(row.get(1));
    }
    by_customer
}

async fn wait_all_completed(stack: &Stack, within: Duration) {
    let db = stack.db().await;
    eventually(within, "every order completed", || async {
        let open: i64 =
            db.query_one("SELECT count(*) FROM orders WHERE status <> 'completed'", &[]).await.unwrap().get(0);
        (open == 0).then_some(())
    })
    .await;
}

/// Every order has exactly one workflow execution and every workflow belongs to an order.
async fn assert_one_workflow_per_order(stack: &Stack) -> usize {
    let db = stack.db().await;
    let ids: Vec<i64> = db.query("SELECT id FROM orders", &[]).await.unwrap().iter().map(|r| r.get(0)).collect();
    let mut executions: HashMap<String, usize> = HashMap::new();
    for id in stack.workflow_executions() {
        *executions.entry(id).or_default() += 1;
    }
    for id in &ids {
        assert_eq!(executions.get(&format!("order-{id}")), Some(&1), "order {id}: executions {executions:?}");
    }
    assert_eq!(executions.len(), ids.len(), "a workflow runs for an order that does not exist");
    ids.len()
}

/// The lost/duplicated tally every test here ends with: reported, then asserted.
fn report(test: &str, created: usize, completed: usize, lost: usize, duplicated: usize) {
    common::report(format_args!("{test}: created={created} completed={completed} lost={lost} duplicated={duplicated}"));
    assert_eq!((lost, duplicated), (0, 0), "{test}");
}

fn body(customer: i64) -> String {
    format!(r#"{{"customer_id": {customer}, "total_amount": {customer}.25}}"#)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn api_killed_in_a_burst_of_creates_loses_and_doubles_nothing() {
    let stack = Stack::shared(&[("ORDER_PROCESSING_DELAY", "200ms")]).await;
    let _worker = Process(Some(stack.spawn_listening("worker").await.0));
    let mut api = TestApp::start(stack, "serve").await;

    // Odd customers send with an Idempotency-Key and retry until they get 201; even customers
    // send once, without a key, like a client that does not retry.
    // 16 requests at a time; the API is killed once 50 have been acknowledged.
    const TOTAL: i64 = 200;
    let acked = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let slots = std::sync::Arc::new(tokio::sync::Semaphore::new(16));
    let mut burst = tokio::task::JoinSet::new();
    for customer in 1..=TOTAL {
        let (http, url, acked, slots) = (api.http.clone(), api.url("/orders"), acked.clone(), slots.clone());
        burst.spawn(async move {
            let _slot = slots.acquire_owned().await.unwrap();
            let mut request = http.post(&url).header("content-type", "application/json").body(body(customer));
            if customer % 2 == 1 {
                request = request.header("idempotency-key", format!("burst-{customer}"));
            }
            let status = request.send().await.map(|r| r.status().as_u16()).unwrap_or(0);
            if status == 201 {
                acked.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            (customer, status)
        });
    }
    eventually(Duration::from_secs(30), "50 creates acknowledged", || async {
        (acked.load(std::sync::atomic::Ordering::Relaxed) >= 50).then_some(())
    })
    .await;
    api.kill();
    let mut acknowledged = HashMap::new();
    while let Some(result) = burst.join_next().await {
        let (customer, status) = result.unwrap();
        acknowledged.insert(customer, status);
    }
    let failed_during_kill = acknowledged.values().filter(|s| **s != 201).count();
    assert!(failed_during_kill > 0, "the kill came too late to interrupt anything");
    common::report(format_args!("api-killed: {failed_during_kill} of {TOTAL} requests got no 201 when the API died"));

    api.restart("serve").await;
    for customer in (1..=TOTAL).step_by(2) {
        if acknowledged[&customer] == 201 {
            continue;
        }
        let reply = eventually(Duration::from_secs(30), "keyed retry answered 201", || async {
            let reply = api.post_with_key(&format!("burst-{customer}"), &body(customer)).await.ok()?;
            (reply.status == 201).then_some(reply)
        })
        .await;
        assert_eq!(reply.json()["customer_id"], customer);
        acknowledged.insert(customer, 201);
    }

    wait_all_completed(&api.stack, Duration::from_secs(60)).await;
    let orders = orders_by_customer(&api.stack).await;
    let lost = acknowledged.iter().filter(|(c, s)| **s == 201 && !orders.contains_key(c)).count();
    let duplicated = orders.values().filter(|o| o.len() > 1).count();
    let created = orders.values().map(Vec::len).sum();
    let workflows = assert_one_workflow_per_order(&api.stack).await;
    report("api-killed", created, workflows, lost, duplicated);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn worker_killed_while_processing_then_restarted_completes_everything() {
    let stack = Stack::shared(&[("ORDER_PROCESSING_DELAY", "2s")]).await;
    let mut worker = Process(Some(stack.spawn_listening("worker").await.0));
    let api = TestApp::start(stack, "serve").await;
    let mut ids = Vec::new();
    for customer in 1..=30 {
        ids.push(api.create_order(customer, "3.50").await["id"].as_i64().unwrap());
    }
    api.wait_for_status(ids[29], "processing", Duration::from_secs(20)).await;
    worker.kill();
    tokio::time::sleep(Duration::from_secs(1)).await;
    let _worker = Process(Some(api.stack.spawn_listening("worker").await.0));

    wait_all_completed(&api.stack, Duration::from_secs(90)).await;
    let orders = orders_by_customer(&api.stack).await;
    let workflows = assert_one_workflow_per_order(&api.stack).await;
    let lost = (1..=30).filter(|c| !orders.contains_key(c)).count();
    let duplicated = orders.values().filter(|o| o.len() > 1).count();
    report("worker-killed", ids.len(), workflows, lost, duplicated);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn temporal_stopped_and_restarted_mid_run_completes_everything() {
    let mut temporal = PrivateTemporal::start();
    let stack = Stack::on(
        &common::env("ORDERS_TEST_PG_URL"),
        &temporal.address(),
        &[("ORDER_PROCESSING_DELAY", "1s"), ("ORDERS_TEMPORAL_TIMEOUT", "1s"), ("ORDERS_OUTBOX_SWEEP", "500ms")],
    )
    .await;
    let api = TestApp::start(stack, "all").await;
    for customer in 1..=15 {
        api.create_order(customer, "1.00").await;
    }
    temporal.down();
    // Orders are still accepted, and read, while Temporal is down.
    for customer in 16..=30 {
        api.create_order(customer, "1.00").await;
    }
    assert_eq!(api.order_count().await, 30);
    api.get("/readyz").await.assert_problem(503);
    temporal.up();

    wait_all_completed(&api.stack, Duration::from_secs(120)).await;
    assert_eq!(api.get("/readyz").await.status, 200);
    let orders = orders_by_customer(&api.stack).await;
    let workflows = assert_one_workflow_per_order(&api.stack).await;
    let lost = (1..=30).filter(|c| !orders.contains_key(c)).count();
    let duplicated = orders.values().filter(|o| o.len() > 1).count();
    report("temporal-restarted", 30, workflows, lost, duplicated);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_stopped_during_processing_gives_503s_then_completes_everything() {
    let pg = PrivatePostgres::start();
    let stack = Stack::on(
        &pg.url(),
        &common::env("ORDERS_TEST_TEMPORAL_ADDRESS"),
        &[("ORDER_PROCESSING_DELAY", "2s"), ("ORDERS_DB_TIMEOUT", "1s")],
    )
    .await;
    let api = TestApp::start(stack, "all").await;
    for customer in 1..=20 {
        api.create_order(customer, "2.00").await;
    }
    pg.down();
    let started = std::time::Instant::now();
    for _ in 0..5 {
        let reply = api.post_json("/orders", &body(99)).await;
        reply.assert_problem(503);
        api.get("/orders").await.assert_problem(503);
    }
    assert!(started.elapsed() < Duration::from_secs(20), "503s were slow: {:?}", started.elapsed());
    tokio::time::sleep(Duration::from_secs(4)).await;
    pg.up();

    wait_all_completed(&api.stack, Duration::from_secs(120)).await;
    let orders = orders_by_customer(&api.stack).await;
    let workflows = assert_one_workflow_per_order(&api.stack).await;
    let lost = (1..=20).filter(|c| !orders.contains_key(c)).count();
    let duplicated = orders.values().filter(|o| o.len() > 1).count();
    report("postgres-restarted", 20, workflows, lost, duplicated);
}

#[tokio::test]
async fn sigterm_finishes_open_work_and_exits_0() {
    let mut app = TestApp::spawn_with(&[("ORDER_PROCESSING_DELAY", "300ms"), ("ORDERS_SHUTDOWN_GRACE", "5s")]).await;
    let id = app.create_order(1, "1.00").await["id"].as_i64().unwrap();
    app.wait_for_status(id, "completed", Duration::from_secs(20)).await;
    let (status, took) = app.terminate();
    assert!(status.success(), "exit status {status:?}");
    assert!(took < Duration::from_secs(8), "took {took:?} to stop");
    // Nothing listens any more.
    assert!(app.request(Method::GET, "/healthz").send().await.is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dispatcher_that_hangs_holds_nothing_and_another_takes_over_its_orders() {
    let temporal = PrivateTemporal::start();
    let stack = Stack::on(
        &common::env("ORDERS_TEST_PG_URL"),
        &temporal.address(),
        &[("ORDER_PROCESSING_DELAY", "200ms"), ("ORDERS_TEMPORAL_TIMEOUT", "2s"), ("ORDERS_OUTBOX_SWEEP", "500ms")],
    )
    .await;
    let _worker = Process(Some(stack.spawn_listening("worker").await.0));
    let mut hung = TestApp::start(stack, "serve").await;
    // Temporal stops answering (connections still open): the dispatcher's starts hang.
    temporal.freeze(true);
    for customer in 1..=5 {
        hung.create_order(customer, "1.00").await;
    }
    // While its starts wait for Temporal, the dispatcher keeps no transaction open.
    let db = hung.stack.db().await;
    for _ in 0..30 {
        let waiting: i64 = db
            .query_one(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'",
                &[],
            )
            .await
            .unwrap()
            .get(0);
        assert_eq!(waiting, 0, "a transaction stays open while Temporal is called");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // The process hangs for good (SIGSTOP), holding whatever it holds; Temporal comes back.
    common::signal(hung.pid(), libc::SIGSTOP);
    temporal.freeze(false);
    let healthy = TestApp::start(hung.stack.clone(), "serve").await;
    wait_all_completed(&healthy.stack, Duration::from_secs(60)).await;
    let workflows = assert_one_workflow_per_order(&healthy.stack).await;
    assert_eq!(workflows, 5);
    common::signal(hung.pid(), libc::SIGCONT);
    hung.kill();
}

/// SIGTERM, then how long the process took to exit and whether it exited 0.
fn terminate(child: &mut std::process::Child) -> (bool, Duration) {
    let started = std::time::Instant::now();
    common::sigterm(child);
    let status = child.wait().unwrap();
    (status.success(), started.elapsed())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_during_a_temporal_outage_stops_every_process_within_its_grace() {
    const GRACE: Duration = Duration::from_secs(3);
    let mut temporal = PrivateTemporal::start();
    let stack = Stack::on(
        &common::env("ORDERS_TEST_PG_URL"),
        &temporal.address(),
        &[("ORDER_PROCESSING_DELAY", "200ms"), ("ORDERS_SHUTDOWN_GRACE", "3s"), ("ORDERS_TEMPORAL_TIMEOUT", "5s")],
    )
    .await;
    let mut worker = stack.spawn_listening("worker").await.0;
    let mut api = TestApp::start(stack.clone(), "serve").await;
    // The worker is past its start-up (it checks the namespace then): it has completed an order.
    let first = api.create_order(1000, "1.00").await["id"].as_i64().unwrap();
    api.wait_for_status(first, "completed", Duration::from_secs(30)).await;
    let mut all = TestApp::start(stack.clone(), "all").await;
    temporal.down();
    // A backlog both dispatchers work through, each start waiting for an absent Temporal.
    for customer in 1..=150 {
        let app = if customer % 2 == 0 { &api } else { &all };
        app.create_order(customer, "1.00").await;
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    let mut stopped = Vec::new();
    for (name, child) in [("serve", api.child_mut()), ("all", all.child_mut()), ("worker", &mut worker)] {
        let (ok, took) = terminate(child);
        assert!(ok, "{name} did not exit 0 on SIGTERM");
        assert!(took < GRACE + Duration::from_secs(2), "{name} took {took:?} to stop (grace {GRACE:?})");
        stopped.push(format!("{name}={}ms", took.as_millis()));
    }
    // Nothing was lost: once Temporal is back, every order completes, each with one workflow.
    temporal.up();
    let after = TestApp::start(stack, "all").await;
    wait_all_completed(&after.stack, Duration::from_secs(120)).await;
    assert_eq!(assert_one_workflow_per_order(&after.stack).await, 151);
    common::report(format_args!("shutdown-during-outage: orders=150 {}", stopped.join(" ")));
}

/// Every order in the database has its shipment booked: reserved, charged once, booked once.
async fn wait_all_booked(stack: &Stack, within: Duration) -> i64 {
    let db = stack.db().await;
    eventually(within, "every order booked", || async {
        let row = db
            .query_one(
                "SELECT count(*), count(s.order_id) FROM orders o LEFT JOIN shipments s ON s.order_id = o.id",
                &[],
            )
            .await
            .unwrap();
        let (orders, booked): (i64, i64) = (row.get(0), row.get(1));
        (orders == booked).then_some(orders)
    })
    .await
}

/// The saga's books agree with the orders: one charge per order, one shipment per order, and the
/// product's reservations are the orders' quantities. Returns the number of orders.
async fn assert_saga_books_balance(stack: &Stack, sku: &str) -> usize {
    let db = stack.db().await;
    let one = |sql| common::count(&db, sql);
    let orders = one("SELECT count(*) FROM orders").await;
    let charges = one("SELECT count(*) FROM ledger_charges WHERE status = 'charged'").await;
    let charged_payments = one("SELECT count(*) FROM payments WHERE status = 'charged'").await;
    let quantities = one("SELECT COALESCE(sum(quantity), 0)::bigint FROM order_items").await;
    let reserved: i32 = db.query_one("SELECT reserved FROM products WHERE sku = $1", &[&sku]).await.unwrap().get(0);
    assert_eq!(charges, orders, "one charge per order");
    assert_eq!(charged_payments, orders);
    assert_eq!(i64::from(reserved), quantities, "reserved = the orders' quantities");
    orders as usize
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn worker_killed_between_charge_and_shipment_charges_once_and_books_once() {
    let stack = Stack::shared(&[]).await;
    let mut worker = Process(Some(stack.spawn_listening("worker").await.0));
    let api = TestApp::start(stack, "serve").await;
    crate::saga::put_product(&api, "tea-001", "4.25", 100).await;
    // BookShipment waits for this lock: every order is charged and held before its shipment.
    let mut db = api.stack.db().await;
    let hold = db.transaction().await.unwrap();
    hold.batch_execute("LOCK TABLE shipments IN SHARE MODE").await.unwrap();
    let mut ids = Vec::new();
    for customer in 1..=5 {
        let items = serde_json::json!([{"sku": "tea-001", "quantity": customer}]);
        ids.push(crate::saga::order_with_items(&api, customer, items).await["id"].as_i64().unwrap());
    }
    for id in &ids {
        crate::saga::wait_until(&api, *id, "charged", |o| o["workflow_step"] == "booking-shipment").await;
    }
    worker.kill();
    hold.commit().await.unwrap();
    let _worker = Process(Some(api.stack.spawn_listening("worker").await.0));

    let booked = wait_all_booked(&api.stack, Duration::from_secs(90)).await;
    let orders = assert_saga_books_balance(&api.stack, "tea-001").await;
    let shipments: i64 = api.stack.db().await.query_one("SELECT count(*) FROM shipments", &[]).await.unwrap().get(0);
    assert_eq!(shipments, booked);
    // Nothing doubled: assert_saga_books_balance fails on a second charge or shipment.
    report("worker-killed-mid-saga", orders, booked as usize, 5 - orders, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn api_killed_in_a_burst_of_item_orders_loses_and_doubles_nothing() {
    let stack = Stack::shared(&[]).await;
    let _worker = Process(Some(stack.spawn_listening("worker").await.0));
    let mut api = TestApp::start(stack, "serve").await;
    crate::saga::put_product(&api, "tea-001", "1.00", 10_000).await;
    const TOTAL: i64 = 80;
    let item_order = |customer: i64| {
        serde_json::json!({"customer_id": customer, "items": [{"sku": "tea-001", "quantity": 1 + customer % 3}]})
            .to_string()
    };
    let acked = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let slots = std::sync::Arc::new(tokio::sync::Semaphore::new(8));
    let mut burst = tokio::task::JoinSet::new();
    for customer in 1..=TOTAL {
        let (http, url, acked, slots) = (api.http.clone(), api.url("/orders"), acked.clone(), slots.clone());
        let body = item_order(customer);
        burst.spawn(async move {
            let _slot = slots.acquire_owned().await.unwrap();
            let request = http.post(&url).header("content-type", "application/json").body(body);
            let status = request.send().await.map(|r| r.status().as_u16()).unwrap_or(0);
            if status == 201 {
                acked.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            (customer, status)
        });
    }
    eventually(Duration::from_secs(30), "20 creates acknowledged", || async {
        (acked.load(std::sync::atomic::Ordering::Relaxed) >= 20).then_some(())
    })
    .await;
    api.kill();
    let mut acknowledged = HashMap::new();
    while let Some(result) = burst.join_next().await {
        let (customer, status) = result.unwrap();
        acknowledged.insert(customer, status);
    }
    api.restart("serve").await;

    let booked = wait_all_booked(&api.stack, Duration::from_secs(90)).await;
    let orders = orders_by_customer(&api.stack).await;
    let lost = acknowledged.iter().filter(|(c, s)| **s == 201 && !orders.contains_key(c)).count();
    let duplicated = orders.values().filter(|o| o.len() > 1).count();
    let workflows = assert_one_workflow_per_order(&api.stack).await;
    assert_eq!(workflows as i64, booked);
    assert_saga_books_balance(&api.stack, "tea-001").await;
    report("api-killed-item-orders", orders.len(), booked as usize, lost, duplicated);
}
