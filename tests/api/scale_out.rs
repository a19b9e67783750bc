//! Scale-out as users deploy it: three `orders serve` and three `orders worker` processes on one
//! PostgreSQL and one Temporal, all migrating the database at once, under a mixed load spread
//! round-robin over the APIs (orders with and without items, reads, cancels, deletes, carrier
//! events) while one API and one worker are SIGKILLed and later every process is rolled with
//! SIGTERM. Nothing may be lost or doubled, and every worker must have done its share.

use std::{
    collections::{HashMap, HashSet},
    ops::Range,
    sync::{
        atomic::{AtomicUsize, Ordering::Relaxed},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

use serde_json::{json, Value};
use tokio::{sync::Semaphore, task::JoinSet};

use crate::common::{self, eventually, Method, Stack, TestApp};

/// Every fifth order has items; the rest are the seed's orders (an amount, no items).
const SEED_ORDERS: usize = 1600;
const ITEM_ORDERS: usize = 400;
/// Orders placed per second, spread over the APIs: an open load, below what one Temporal dev
/// server and this machine carry through to the end (about 12 orders/s of this mix here, with
/// debug builds), so that the backlog stays short and requests that need the workflow (cancels,
/// deletes, carrier events) are taken up within `ORDERS_TEMPORAL_TIMEOUT`. Above it, Temporal's
/// task queue grows without bound and those requests answer 503, as they should under overload.
const ORDERS_PER_SECOND: f64 = 10.0;
/// At most this many clients wait for an answer at once.
const CLIENTS: usize = 32;
/// The products the item orders compete for: less stock than they ask for in all.
const PRODUCTS: [(&str, u32); 2] = [("scale-tea", 300), ("scale-mug", 160)];
const FINAL: [&str; 3] = ["completed", "cancelled", "failed"];

/// What one order of the load is, and what the clients were told about it.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Kind {
    Seed,
    Items,
}

#[derive(Default)]
struct Tally {
    /// Order id → (kind, the client's last word on it: "created", "cancelled", "deleted", ...).
    orders: HashMap<i64, (Kind, &'static str)>,
    /// Answers 5xx: when their request was sent and answered, the status, what it was.
    server_errors: Vec<(Range<Instant>, u16, String)>,
    /// Requests cut by a dead or stopping process (no answer): retried on the next API.
    cut: usize,
}

/// The load's view of the APIs: their URLs (stable across restarts) and the clients.
#[derive(Clone)]
struct Clients {
    apis: Arc<Vec<String>>,
    admin: reqwest::Client,
    carrier: reqwest::Client,
    tally: Arc<Mutex<Tally>>,
    next: Arc<AtomicUsize>,
}

impl Clients {
    /// Sends the request to the APIs in turn, as a load balancer with retries would: a request
    /// with no answer (the process died) or a 5xx goes to the next one after a pause. Every
    /// request the load sends may be repeated (creates carry an `Idempotency-Key`).
    async fn send(&self, what: &str, build: impl Fn(&str) -> reqwest::RequestBuilder) -> (u16, Value) {
        let started = Instant::now();
        loop {
            let api = &self.apis[self.next.fetch_add(1, Relaxed) % self.apis.len()];
            let sent = Instant::now();
            match build(api).send().await {
                Ok(response) => {
                    let status = response.status().as_u16();
                    let body = response.json::<Value>().await.unwrap_or(Value::Null);
                    if status < 500 {
                        return (status, body);
                    }
                    let error = (sent..Instant::now(), status, format!("{what}: {body}"));
                    self.tally.lock().unwrap().server_errors.push(error);
                }
                Err(_) => self.tally.lock().unwrap().cut += 1,
            }
            assert!(started.elapsed() < Duration::from_secs(90), "{what}: no API answered for 90 s");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    async fn get_order(&self, id: i64) -> (u16, Value) {
        self.send("get", |api| self.admin.get(format!("{api}/orders/{id}"))).await
    }

    fn record(&self, id: i64, kind: Kind, word: &'static str) {
        self.tally.lock().unwrap().orders.insert(id, (kind, word));
    }
}

/// One client's order: created (retried under the same key until 201), then read, cancelled or
/// deleted as its number says.
async fn place(clients: Clients, n: usize, carrier_queue: tokio::sync::mpsc::UnboundedSender<i64>) {
    let kind = if n % 5 == 4 { Kind::Items } else { Kind::Seed };
    let customer = n as i64 + 1;
    let body = match kind {
        // Written out: the amount goes as the exact decimal text, never through a float.
        Kind::Seed => format!(r#"{{"customer_id": {customer}, "total_amount": {}.25}}"#, n % 90 + 1),
        Kind::Items => {
            let (sku, _) = PRODUCTS[n % PRODUCTS.len()];
            json!({"customer_id": customer, "items": [{"sku": sku, "quantity": 1 + n % 3}]}).to_string()
        }
    };
    let key = format!("scale-{n}");
    let (status, created) = clients
        .send("create", |api| {
            clients
                .admin
                .post(format!("{api}/orders"))
                .header("content-type", "application/json")
                .header("idempotency-key", &key)
                .body(body.clone())
        })
        .await;
    assert_eq!(status, 201, "create {n}: {created}");
    let id = created["id"].as_i64().unwrap();
    clients.record(id, kind, "created");

    if n.is_multiple_of(7) {
        let (status, read) = clients.get_order(id).await;
        assert_eq!((status, read["id"].as_i64()), (200, Some(id)), "{read}");
    }
    match (kind, n % 20) {
        (_, 3) | (Kind::Items, 9) => {
            let (status, answer) = clients
                .send("cancel", |api| {
                    clients
                        .admin
                        .put(format!("{api}/orders/{id}"))
                        .header("content-type", "application/json")
                        .body(r#"{"status": "cancelled"}"#)
                })
                .await;
            match status {
                200 if answer["status"] == "cancelled" => clients.record(id, kind, "cancelled"),
                // Too late (completed, failed, shipped) or still being decided: the order says.
                200 | 202 | 409 => {}
                other => panic!("cancel {id}: {other} {answer}"),
            }
        }
        (Kind::Seed, 11) => {
            let (status, answer) =
                clients.send("delete", |api| clients.admin.delete(format!("{api}/orders/{id}"))).await;
            // 404: an earlier attempt deleted it, but its answer was lost (cut, or too late).
            assert!(matches!(status, 202 | 204 | 404), "delete {id}: {status} {answer}");
            clients.record(id, kind, "deleted");
        }
        _ => {}
    }
    if kind == Kind::Items {
        carrier_queue.send(id).unwrap();
    }
}

/// The carrier: for one order with items, once its shipment is booked, reports it dispatched,
/// then delivered; returns when the order is final.
async fn carry(clients: Clients, id: i64) {
    let deadline = Instant::now() + Duration::from_secs(240);
    loop {
        assert!(Instant::now() < deadline, "order {id} never settled");
        let (status, order) = clients.get_order(id).await;
        assert_eq!(status, 200, "{order}");
        let event = match (order["status"].as_str().unwrap(), order["shipment"]["status"].as_str()) {
            (s, _) if FINAL.contains(&s) => return,
            ("processing", Some("booked")) => "dispatched",
            ("shipped", _) => "delivered",
            _ => {
                tokio::time::sleep(Duration::from_millis(300)).await;
                continue;
            }
        };
        let (status, answer) = clients
            .send("carrier event", |api| {
                clients
                    .carrier
                    .post(format!("{api}/orders/{id}/shipment/events"))
                    .header("content-type", "application/json")
                    .body(json!({ "status": event }).to_string())
            })
            .await;
        // 409: the order moved on meanwhile (cancelled before dispatch; an event retried).
        assert!(matches!(status, 200 | 409), "{event} for {id}: {status} {answer}");
    }
}

/// The sum of a counter's (or histogram count's) samples in a Prometheus text page, optionally
/// only those with a label.
fn sum_of(page: &str, name: &str, label: Option<&str>) -> f64 {
    page.lines()
        .filter(|line| line.starts_with(name) && matches!(line.as_bytes().get(name.len()), Some(b'{' | b' ')))
        .filter(|line| label.is_none_or(|label| line.contains(label)))
        .filter_map(|line| line.rsplit(' ').next()?.parse::<f64>().ok())
        .sum()
}

async fn metrics_page(process: &TestApp) -> String {
    process.request(Method::GET, "/metrics").send().await.unwrap().text().await.unwrap()
}

const ACTIVITIES: &str = "temporal_activity_execution_latency_count";
const STARTS: &str = "orders_workflow_starts_total";

/// What each process has counted so far, kept across its restarts (a restarted process counts
/// from zero): read just before each process is stopped, and at the end.
struct Shares {
    activities: Vec<f64>,
    starts: Vec<f64>,
    existing: Vec<f64>,
}

impl Shares {
    async fn bank_worker(&mut self, i: usize, worker: &TestApp) {
        self.activities[i] += sum_of(&metrics_page(worker).await, ACTIVITIES, None);
    }

    async fn bank_api(&mut self, i: usize, api: &TestApp) {
        let page = metrics_page(api).await;
        self.starts[i] += sum_of(&page, STARTS, Some(r#"outcome="started""#));
        self.existing[i] += sum_of(&page, STARTS, Some(r#"outcome="existing""#));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_apis_and_three_workers_share_the_load_through_kills_and_a_rolling_restart() {
    let env = [("ORDER_PROCESSING_DELAY", "300ms"), ("ORDERS_SHUTDOWN_GRACE", "5s")];
    let stack =
        Stack::unmigrated(&common::env("ORDERS_TEST_PG_URL"), &common::env("ORDERS_TEST_TEMPORAL_ADDRESS"), &env).await;
    // Every process of a deploy may run the migrations as it starts: three at once.
    let migrations: Vec<_> = (0..3).map(|_| stack.migrate_up().spawn().unwrap()).collect();
    for mut migration in migrations {
        assert!(migration.wait().unwrap().success(), "a concurrent `orders migrate up` failed");
    }
    stack.start_order_ids().await;

    let mut apis = Vec::new();
    let mut workers = Vec::new();
    for _ in 0..3 {
        apis.push(TestApp::start(stack.clone(), "serve").await);
        workers.push(TestApp::start(stack.clone(), "worker").await);
    }
    for (sku, stock) in PRODUCTS {
        crate::saga::put_product(&apis[0], sku, "3.10", stock).await;
    }
    let clients = Clients {
        apis: Arc::new(apis.iter().map(|a| a.base_url.clone()).collect()),
        admin: apis[0].http.clone(),
        carrier: common::client_with_token(&common::token(json!({"role": "carrier", "sub": "acme-post"}))),
        tally: Default::default(),
        next: Default::default(),
    };

    // The load: CLIENTS clients place the orders; a carrier pool follows the orders with items.
    let total = SEED_ORDERS + ITEM_ORDERS;
    let started = Instant::now();
    let placed = Arc::new(AtomicUsize::new(0));
    let (carrier_queue, mut carrier_orders) = tokio::sync::mpsc::unbounded_channel();
    let mut load = JoinSet::new();
    {
        let (clients, placed) = (clients.clone(), placed.clone());
        load.spawn(async move {
            let slots = Arc::new(Semaphore::new(CLIENTS));
            let mut orders = JoinSet::new();
            let mut pace = tokio::time::interval(Duration::from_secs_f64(1.0 / ORDERS_PER_SECOND));
            for n in 0..total {
                pace.tick().await;
                let slot = slots.clone().acquire_owned().await.unwrap();
                let (clients, placed, carrier_queue) = (clients.clone(), placed.clone(), carrier_queue.clone());
                orders.spawn(async move {
                    place(clients, n, carrier_queue).await;
                    placed.fetch_add(1, Relaxed);
                    drop(slot);
                });
            }
            while let Some(done) = orders.join_next().await {
                done.unwrap();
            }
        });
    }
    {
        let clients = clients.clone();
        load.spawn(async move {
            let slots = Arc::new(Semaphore::new(12));
            let mut carried = JoinSet::new();
            while let Some(id) = carrier_orders.recv().await {
                let (slot, clients) = (slots.clone().acquire_owned().await.unwrap(), clients.clone());
                carried.spawn(async move {
                    carry(clients, id).await;
                    drop(slot);
                });
            }
            while let Some(done) = carried.join_next().await {
                done.unwrap();
            }
        });
    }

    let mut shares = Shares { activities: vec![0.0; 3], starts: vec![0.0; 3], existing: vec![0.0; 3] };
    let reached = |fraction: usize| {
        let placed = placed.clone();
        async move {
            eventually(Duration::from_secs(300), "the load to progress", || async {
                (placed.load(Relaxed) * 3 >= total * fraction).then_some(())
            })
            .await
        }
    };
    // When a worker stopped (killed, or rolled) and until its workflows' tasks moved on: a
    // request that needs a workflow then cached on that worker may wait for it past its
    // deadline and be answered 503 (nothing changed; the client retries). Temporal hands such
    // tasks to another worker after the sticky queue's timeout (10 s); activities the killed
    // worker held are retried after their own timeout (10 s).
    let mut disruptions: Vec<Range<Instant>> = Vec::new();
    const SETTLING: Duration = Duration::from_secs(12);

    // A third of the way: one API and one worker die without warning, and come back later.
    reached(1).await;
    shares.bank_api(0, &apis[0]).await;
    shares.bank_worker(0, &workers[0]).await;
    let killed_at = Instant::now();
    apis[0].kill();
    workers[0].kill();
    tokio::time::sleep(Duration::from_secs(5)).await;
    apis[0].restart("serve").await;
    workers[0].restart("worker").await;
    disruptions.push(killed_at..Instant::now() + SETTLING);

    // Two thirds of the way: a rolling deploy, one process at a time, each stopped with SIGTERM.
    reached(2).await;
    for i in 0..3 {
        shares.bank_api(i, &apis[i]).await;
        let (status, _) = apis[i].terminate();
        assert!(status.success(), "API {i} on SIGTERM: {status}");
        apis[i].restart("serve").await;
        shares.bank_worker(i, &workers[i]).await;
        let stopped_at = Instant::now();
        let (status, _) = workers[i].terminate();
        assert!(status.success(), "worker {i} on SIGTERM: {status}");
        workers[i].restart("worker").await;
        disruptions.push(stopped_at..Instant::now() + SETTLING);
    }

    while let Some(done) = load.join_next().await {
        done.unwrap();
    }
    let db = stack.db().await;
    eventually(Duration::from_secs(240), "every order final", || async {
        let open =
            common::count(&db, "SELECT count(*) FROM orders WHERE status NOT IN ('completed', 'cancelled', 'failed')");
        (open.await == 0).then_some(())
    })
    .await;
    let elapsed = started.elapsed();
    for i in 0..3 {
        shares.bank_api(i, &apis[i]).await;
        shares.bank_worker(i, &workers[i]).await;
    }

    let tally = std::mem::take(&mut *clients.tally.lock().unwrap());
    // Every 201 order exists (unless its client deleted it) in a final state the clients'
    // answers allow, and moved into it once (a saga step after it is recorded with the same
    // status on both sides).
    let rows = db.query("SELECT id, customer_id, status FROM orders", &[]).await.unwrap();
    let stored: HashMap<i64, String> = rows.iter().map(|r| (r.get(0), r.get(2))).collect();
    let mut per_customer: HashMap<i64, usize> = HashMap::new();
    for row in &rows {
        *per_customer.entry(row.get(1)).or_default() += 1;
    }
    let duplicated = per_customer.values().filter(|n| **n > 1).count();
    let mut lost = 0;
    let mut finals: HashMap<&str, usize> = HashMap::new();
    for (id, (kind, word)) in &tally.orders {
        match (stored.get(id).map(String::as_str), *word) {
            (None, "deleted") => *finals.entry("deleted").or_default() += 1,
            (None, _) => lost += 1,
            (Some(status), "deleted") => panic!("order {id} was deleted but is {status}"),
            (Some(status), "cancelled") => {
                assert_eq!(status, "cancelled", "order {id}: its cancel was answered cancelled");
                *finals.entry("cancelled").or_default() += 1;
            }
            (Some(status), _) => {
                let allowed: &[&str] = match kind {
                    Kind::Seed => &["completed", "cancelled"],
                    Kind::Items => &FINAL,
                };
                assert!(allowed.contains(&status), "{kind:?} order {id} ended {status}");
                *finals
                    .entry(if *kind == Kind::Items && status == "completed" { "delivered" } else { status })
                    .or_default() += 1;
            }
        }
    }
    assert_eq!(tally.orders.len(), total, "every client got its 201");
    assert_eq!(stored.len() + finals.get("deleted").copied().unwrap_or(0), total, "no order the clients did not place");
    let twice_final: Vec<String> = db
        .query(
            "SELECT order_id::text || ': ' || string_agg(coalesce(from_status, '') || '->' || to_status || ' (' || reason || ')', ', ' ORDER BY id) \
             FROM order_events WHERE order_id IN (SELECT order_id FROM order_events \
               WHERE to_status IN ('completed', 'cancelled', 'failed') AND from_status IS DISTINCT FROM to_status \
               GROUP BY order_id HAVING count(*) > 1) \
             GROUP BY order_id",
            &[],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(twice_final.is_empty(), "orders reached a final state twice: {twice_final:#?}");

    // One workflow per order (deleted ones included), none for anything else.
    let mut executions: HashMap<String, usize> = HashMap::new();
    for id in stack.workflow_executions() {
        *executions.entry(id).or_default() += 1;
    }
    let doubled_workflows = executions.values().filter(|n| **n > 1).count();
    let placed_ids: HashSet<String> = tally.orders.keys().map(|id| format!("order-{id}")).collect();
    assert_eq!(executions.keys().cloned().collect::<HashSet<_>>(), placed_ids, "one workflow per order");
    assert_eq!(doubled_workflows, 0, "an order has two workflow executions");
    assert_eq!(common::count(&db, "SELECT count(*) FROM order_workflow_outbox").await, 0, "the outbox is empty");

    // Money and stock agree with the orders' final states.
    let paid_twice = "SELECT count(*) FROM (SELECT order_id FROM payments GROUP BY order_id HAVING count(*) > 1) AS t";
    assert_eq!(common::count(&db, paid_twice).await, 0, "an order paid twice");
    common::charges_agree_with_orders(&db, &["completed"]).await;
    for (sku, initial) in PRODUCTS {
        let row = db.query_one("SELECT stock, reserved FROM products WHERE sku = $1", &[&sku]).await.unwrap();
        let (stock, reserved): (i32, i32) = (row.get(0), row.get(1));
        let delivered: i64 = db
            .query_one(
                "SELECT COALESCE(sum(i.quantity), 0)::bigint FROM order_items i JOIN orders o ON o.id = i.order_id \
                 WHERE i.sku = $1 AND o.status = 'completed'",
                &[&sku],
            )
            .await
            .unwrap()
            .get(0);
        assert_eq!((i64::from(stock), reserved), (i64::from(initial) - delivered, 0), "{sku}: stock = initial − sold");
    }
    assert!(finals.get("failed").is_some_and(|n| *n > 0), "the item orders did compete for the stock: {finals:?}");

    // No 5xx but for requests in flight while a worker was gone.
    let since = |at: Instant| at.duration_since(started).as_secs_f32();
    let unexplained: Vec<_> = tally
        .server_errors
        .iter()
        .filter(|(request, ..)| !disruptions.iter().any(|d| request.start < d.end && d.start < request.end))
        .map(|(request, status, what)| (since(request.start), since(request.end), status, what))
        .collect();
    let windows: Vec<_> = disruptions.iter().map(|d| (since(d.start), since(d.end))).collect();
    assert!(unexplained.is_empty(), "5xx outside the workers' stops {windows:?}: {unexplained:?}");

    let activities: f64 = shares.activities.iter().sum();
    let share = |n: f64| format!("{:.0}%", 100.0 * n / activities);
    common::report(format_args!(
        "scale-out: 3 APIs + 3 workers, orders={total} ({SEED_ORDERS} seed, {ITEM_ORDERS} with items) \
         final={finals:?} lost={lost} duplicated={duplicated} workflows={} doubled_workflows={doubled_workflows} \
         5xx={} (all while a worker was stopped) cut_requests={} activities={activities} worker_shares=[{}] \
         dispatcher_starts={:?} (already running: {}) throughput={:.1} orders/s over {:.0} s",
        executions.len(),
        tally.server_errors.len(),
        tally.cut,
        shares.activities.iter().map(|n| share(*n)).collect::<Vec<_>>().join(", "),
        shares.starts,
        shares.existing.iter().sum::<f64>(),
        total as f64 / elapsed.as_secs_f64(),
        elapsed.as_secs_f64(),
    ));
    assert_eq!((lost, duplicated), (0, 0), "lost or duplicated orders");
    assert!(activities > 0.0, "the workers' metrics count no activities");
    for (i, n) in shares.activities.iter().enumerate() {
        assert!(*n >= activities / 10.0, "worker {i} did {n} of {activities} activities");
    }
    assert!(
        shares.starts.iter().filter(|n| **n > 0.0).count() >= 2,
        "one dispatcher started everything: {:?}",
        shares.starts
    );
}
