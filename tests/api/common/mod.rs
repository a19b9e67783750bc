//! Spawns the real `orders` binary against real PostgreSQL and Temporal, and talks to it over
//! HTTP like any client.
//!
//! By default the services are the ones `make test` started (ORDERS_TEST_PG_URL,
//! ORDERS_TEST_TEMPORAL_ADDRESS); failure tests start private ones they can stop and restart
//! ([`PrivatePostgres`], [`PrivateTemporal`]). Each test gets its own database, task queue, order
//! id range and HTTP port.
#![allow(dead_code)]

use std::{
    net::TcpListener,
    path::PathBuf,
    process::{Child, Command, Stdio},
    sync::atomic::{AtomicU32, Ordering},
    time::{Duration, Instant},
};

pub use reqwest::Method;
use serde_json::Value;

pub fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} is not set: run the tests with `make test`"))
}

/// A port nothing listens on, for the servers that cannot report the port they bound
/// (PostgreSQL, Temporal) and for addresses where nothing must listen. Never the same one twice
/// in a test binary: a port handed out is free again until its process binds it, and two
/// processes given the same one collide.
pub fn free_port() -> u16 {
    static GIVEN: std::sync::Mutex<std::collections::BTreeSet<u16>> =
        std::sync::Mutex::new(std::collections::BTreeSet::new());
    loop {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        if GIVEN.lock().unwrap().insert(port) {
            return port;
        }
    }
}

fn sequence() -> u32 {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    COUNTER.fetch_add(1, Ordering::Relaxed)
}

/// Prints `REPORT {what}` straight to stderr, so that `make test` shows it for passing tests too
/// (libtest captures stdout, and `eprintln!` output, of tests that pass).
pub fn report(what: impl std::fmt::Display) {
    use std::io::Write;
    std::io::stderr().write_all(format!("REPORT {what}\n").as_bytes()).unwrap();
}

/// SIGTERM (a minimal machine may have no `kill` program).
pub fn sigterm(child: &Child) {
    // SAFETY: kill(2) on a pid we own; no memory is involved.
    let rc = unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
    assert_eq!(rc, 0, "kill -TERM {}", child.id());
}

/// Any signal (SIGSTOP to freeze a process as if it hung, SIGCONT to thaw it).
pub fn signal(pid: u32, signal: libc::c_int) {
    // SAFETY: kill(2) on a pid we own; no memory is involved.
    let rc = unsafe { libc::kill(pid as libc::pid_t, signal) };
    assert_eq!(rc, 0, "kill -{signal} {pid}");
}

pub fn orders_bin() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_orders"));
    command.env("RUST_LOG", "warn").stdin(Stdio::null());
    command
}

/// The HS256 secret every test server signs with.
pub const TEST_JWT_SECRET: &str = "test-secret-of-at-least-thirty-two-bytes!";

/// A token signed with the test secret; `claims` are merged over valid defaults (an admin, valid
/// for an hour, the right issuer and audience); a `null` claim removes that default.
pub fn token_with(claims: serde_json::Value, alg: jsonwebtoken::Algorithm, key: &jsonwebtoken::EncodingKey) -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let mut all = serde_json::json!({
        "sub": "test", "role": "admin", "iss": "orders", "aud": "orders-api",
        "iat": now, "exp": now + 3600,
    });
    for (k, v) in claims.as_object().unwrap() {
        match v {
            Value::Null => drop(all.as_object_mut().unwrap().remove(k)),
            v => all[k] = v.clone(),
        }
    }
    jsonwebtoken::encode(&jsonwebtoken::Header::new(alg), &all, key).unwrap()
}

pub fn token(claims: serde_json::Value) -> String {
    token_with(
        claims,
        jsonwebtoken::Algorithm::HS256,
        &jsonwebtoken::EncodingKey::from_secret(TEST_JWT_SECRET.as_bytes()),
    )
}

pub fn admin_token() -> String {
    token(serde_json::json!({}))
}

pub fn customer_token(customer_id: i64) -> String {
    token(serde_json::json!({"role": "customer", "customer_id": customer_id}))
}

/// An HTTP client that sends this bearer token with every request.
pub fn client_with_token(token: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(reqwest::header::AUTHORIZATION, format!("Bearer {token}").parse().unwrap());
    reqwest::Client::builder().default_headers(headers).timeout(Duration::from_secs(30)).build().unwrap()
}

/// A migrated database of its own plus the settings every `orders` process of a test shares.
#[derive(Clone)]
pub struct Stack {
    pub database_url: String,
    pub temporal_address: String,
    pub task_queue: String,
    pub env: Vec<(String, String)>,
    /// Where the processes' logs (stderr) go; inherited when `None`.
    pub log_file: Option<PathBuf>,
}

impl Stack {
    /// On the PostgreSQL and Temporal that `make test` started.
    pub async fn shared(env_vars: &[(&str, &str)]) -> Stack {
        Stack::on(&env("ORDERS_TEST_PG_URL"), &env("ORDERS_TEST_TEMPORAL_ADDRESS"), env_vars).await
    }

    /// `pg_server`: a URL without database name; `temporal_address`: host:port.
    pub async fn on(pg_server: &str, temporal_address: &str, env_vars: &[(&str, &str)]) -> Stack {
        let stack = Stack::unmigrated(pg_server, temporal_address, env_vars).await;
        let status = stack.migrate_up().status().unwrap();
        assert!(status.success(), "orders migrate up failed");
        stack.start_order_ids().await;
        stack
    }

    /// A new, empty database: `migrate_up` and `start_order_ids` make it ready.
    pub async fn unmigrated(pg_server: &str, temporal_address: &str, env_vars: &[(&str, &str)]) -> Stack {
        let seq = sequence();
        let db_name = format!("orders_test_{}_{seq}", std::process::id());
        let admin = connect(&format!("{pg_server}/postgres")).await;
        admin.batch_execute(&format!("CREATE DATABASE {db_name}")).await.unwrap();
        Stack {
            database_url: format!("{pg_server}/{db_name}"),
            temporal_address: temporal_address.to_owned(),
            task_queue: format!("orders-test-{}-{seq}", std::process::id()),
            env: env_vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            log_file: None,
        }
    }

    /// `orders migrate up` on this stack's database, to run.
    pub fn migrate_up(&self) -> Command {
        let mut command = orders_bin();
        command.args(["migrate", "up"]).env("DATABASE_URL", &self.database_url);
        command
    }

    /// All tests share one Temporal namespace, where a workflow id (`order-{id}`) must be unique:
    /// gives this stack's database its own range of order ids (from its task queue's sequence).
    pub async fn start_order_ids(&self) {
        let seq: i64 = self.task_queue.rsplit('-').next().unwrap().parse().unwrap();
        let first_id = 1 + seq * 1_000_000_000 + i64::from(std::process::id() % 1000) * 1_000_000_000_000;
        self.db()
            .await
            .batch_execute(&format!("ALTER TABLE orders ALTER COLUMN id RESTART WITH {first_id}"))
            .await
            .unwrap();
    }

    /// Starts `orders <role>` (`all`, `serve`, `worker`) on a port it picks itself (port 0),
    /// and returns it with the port it reported (`ORDERS_ADDR_FILE`) once bound.
    pub async fn spawn_listening(&self, role: &str) -> (Child, u16) {
        let addr_file = std::env::temp_dir().join(format!("orders-addr-{}-{}", std::process::id(), sequence()));
        let mut child = self.command(role, 0).env("ORDERS_ADDR_FILE", &addr_file).spawn().expect("spawn orders");
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Ok(addr) = std::fs::read_to_string(&addr_file) {
                let _ = std::fs::remove_file(&addr_file);
                let port = addr.parse::<std::net::SocketAddr>().expect("an address").port();
                return (child, port);
            }
            if let Some(status) = child.try_wait().unwrap() {
                panic!("orders {role} exited before listening: {status}");
            }
            assert!(Instant::now() < deadline, "orders {role} did not report its address within 60 s");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Starts `orders <role>` listening on `port` (a restart on the port it had).
    pub fn spawn(&self, role: &str, port: u16) -> Child {
        self.command(role, port).spawn().expect("spawn orders")
    }

    fn command(&self, role: &str, port: u16) -> Command {
        let mut command = orders_bin();
        command
            .arg(role)
            .env("DATABASE_URL", &self.database_url)
            .env("TEMPORAL_ADDRESS", &self.temporal_address)
            .env("ORDERS_HTTP_ADDR", format!("127.0.0.1:{port}"))
            // A worker-only process serves its /metrics there instead.
            .env("ORDERS_METRICS_ADDR", format!("127.0.0.1:{port}"))
            .env("ORDERS_TASK_QUEUE", &self.task_queue)
            .env("ORDER_PROCESSING_DELAY", "1s")
            .env("ORDERS_JWT_SECRET", TEST_JWT_SECRET)
            // Tests hammer the API from one address; the rate-limit test turns the limit on.
            .env("ORDERS_RATE_LIMIT", "0")
            .env("ORDERS_ADMIN_RATE_LIMIT", "0");
        for (k, v) in &self.env {
            command.env(k, v);
        }
        if let Some(path) = &self.log_file {
            let file = std::fs::OpenOptions::new().create(true).append(true).open(path).unwrap();
            command.stderr(file);
        }
        command
    }

    pub async fn db(&self) -> tokio_postgres::Client {
        connect(&self.database_url).await
    }

    /// Runs the `temporal` CLI against this stack's Temporal; its JSON output.
    pub fn temporal(&self, args: &[&str]) -> Value {
        let out = Command::new(env("ORDERS_TEST_TEMPORAL_CLI"))
            .args(args)
            .args(["--address", &self.temporal_address])
            .output()
            .unwrap();
        assert!(out.status.success(), "temporal {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
    }

    /// Workflow ids of every execution on this stack's task queue (one entry per execution).
    pub fn workflow_executions(&self) -> Vec<String> {
        let query = format!("TaskQueue = '{}'", self.task_queue);
        let listed = self.temporal(&["workflow", "list", "--query", &query, "-o", "json", "--limit", "100000"]);
        listed
            .as_array()
            .map(|all| all.iter().map(|w| w["execution"]["workflowId"].as_str().unwrap().to_owned()).collect())
            .unwrap_or_default()
    }
}

/// The one `bigint` a query such as `SELECT count(*) ...` answers.
pub async fn count(db: &tokio_postgres::Client, sql: &str) -> i64 {
    db.query_one(sql, &[]).await.unwrap_or_else(|e| panic!("{sql}: {e}")).get(0)
}

/// The ledger agrees with the orders: every charge is still `charged` for an order in one of
/// `keeping_goods`, `refunded` for a cancelled one, and belongs to an order. Returns how many
/// charges there are.
pub async fn charges_agree_with_orders(db: &tokio_postgres::Client, keeping_goods: &[&str]) -> usize {
    let charges = db
        .query(
            "SELECT o.status, l.status FROM ledger_charges l \
             LEFT JOIN payments p ON p.idempotency_key = l.idempotency_key LEFT JOIN orders o ON o.id = p.order_id",
            &[],
        )
        .await
        .unwrap();
    for row in &charges {
        let (order, charge): (Option<String>, String) = (row.get(0), row.get(1));
        match order.as_deref() {
            Some(status) if keeping_goods.contains(&status) => assert_eq!(charge, "charged", "a {status} order"),
            Some("cancelled") => assert_eq!(charge, "refunded", "a cancelled order"),
            other => panic!("a {charge} charge for an order that is {other:?}"),
        }
    }
    charges.len()
}

pub async fn connect(url: &str) -> tokio_postgres::Client {
    let (client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls).await.expect("connect to PostgreSQL");
    tokio::spawn(conn);
    client
}

/// One `orders` process with an HTTP API, and a client for it.
pub struct TestApp {
    pub stack: Stack,
    pub base_url: String,
    pub http: reqwest::Client,
    pub port: u16,
    child: Option<Child>,
}

impl TestApp {
    /// `orders all` on the shared services, with a 1 s processing delay.
    pub async fn spawn() -> Self {
        Self::spawn_with(&[]).await
    }

    pub async fn spawn_with(env_vars: &[(&str, &str)]) -> Self {
        Self::start(Stack::shared(env_vars).await, "all").await
    }

    pub async fn start(stack: Stack, role: &str) -> Self {
        let (child, port) = stack.spawn_listening(role).await;
        let app = TestApp {
            stack,
            base_url: format!("http://127.0.0.1:{port}"),
            http: client_with_token(&admin_token()),
            port,
            child: Some(child),
        };
        app.wait_until_listening().await;
        app
    }

    /// The running process, to signal and wait for.
    pub fn child_mut(&mut self) -> &mut Child {
        self.child.as_mut().expect("running")
    }

    pub fn pid(&self) -> u32 {
        self.child.as_ref().expect("running").id()
    }

    /// SIGKILL: no chance to finish anything.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            // It may have exited already (a test stopped it with SIGTERM).
            let _ = child.kill();
            child.wait().unwrap();
        }
    }

    /// SIGTERM, then the exit status and how long the process took to exit.
    pub fn terminate(&mut self) -> (std::process::ExitStatus, Duration) {
        let mut child = self.child.take().expect("running");
        let started = Instant::now();
        sigterm(&child);
        let status = child.wait().unwrap();
        (status, started.elapsed())
    }

    /// Starts the same process again, on the same port.
    pub async fn restart(&mut self, role: &str) {
        self.kill();
        self.child = Some(self.stack.spawn(role, self.port));
        self.wait_until_listening().await;
    }

    async fn wait_until_listening(&self) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if self.http.get(self.url("/healthz")).send().await.is_ok() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("orders did not start listening on {}", self.base_url);
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// A request to `path` as the admin, for a test to add headers to (`If-Match`, `Origin`,
    /// `X-Request-Id`, `Idempotency-Key`, ...) and [`send`].
    pub fn request(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.http.request(method, self.url(path))
    }

    /// The same, with a JSON body.
    pub fn request_json(&self, method: Method, path: &str, body: &str) -> reqwest::RequestBuilder {
        self.request(method, path).header("content-type", "application/json").body(body.to_owned())
    }

    pub async fn post_json(&self, path: &str, body: &str) -> Reply {
        send(self.request_json(Method::POST, path, body)).await
    }

    pub async fn post_with_key(&self, key: &str, body: &str) -> Result<Reply, reqwest::Error> {
        let request = self.request_json(Method::POST, "/orders", body).header("idempotency-key", key);
        Ok(Reply::from(request.send().await?).await)
    }

    pub async fn put_json(&self, path: &str, body: &str) -> Reply {
        send(self.request_json(Method::PUT, path, body)).await
    }

    pub async fn get(&self, path: &str) -> Reply {
        send(self.request(Method::GET, path)).await
    }

    pub async fn delete(&self, path: &str) -> Reply {
        send(self.request(Method::DELETE, path)).await
    }

    pub async fn create_order(&self, customer_id: i64, amount: &str) -> Value {
        let reply =
            self.post_json("/orders", &format!(r#"{{"customer_id": {customer_id}, "total_amount": {amount}}}"#)).await;
        assert_eq!(reply.status, 201, "{}", reply.text);
        reply.json()
    }

    pub async fn order_count(&self) -> usize {
        self.get("/orders").await.json().as_array().unwrap().len()
    }

    /// Polls `GET /orders/{id}` until its status is `want`; returns every status seen on the way.
    pub async fn wait_for_status(&self, id: i64, want: &str, within: Duration) -> Vec<String> {
        let deadline = Instant::now() + within;
        let mut seen: Vec<String> = Vec::new();
        loop {
            let order = self.get(&format!("/orders/{id}")).await.json();
            let status = order["status"].as_str().unwrap().to_owned();
            if seen.last() != Some(&status) {
                seen.push(status.clone());
            }
            if status == want {
                return seen;
            }
            assert!(Instant::now() < deadline, "order {id} never reached {want}; saw {seen:?}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// `temporal workflow describe` of an order's workflow, as JSON.
    pub fn describe_workflow(&self, order_id: i64) -> Value {
        self.stack.temporal(&["workflow", "describe", "-w", &format!("order-{order_id}"), "-o", "json"])
    }

    /// `temporal workflow query --type current_step` of an order's workflow.
    pub fn query_current_step(&self, order_id: i64) -> Value {
        let id = format!("order-{order_id}");
        self.stack.temporal(&["workflow", "query", "-w", &id, "--type", "current_step", "-o", "json"])
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Sends a request and reads its reply.
pub async fn send(request: reqwest::RequestBuilder) -> Reply {
    Reply::from(request.send().await.unwrap()).await
}

/// A separate `orders` process without HTTP traffic of its own (a worker).
pub struct Process(pub Option<Child>);

impl Process {
    pub fn kill(&mut self) {
        if let Some(mut child) = self.0.take() {
            child.kill().unwrap();
            child.wait().unwrap();
        }
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        self.kill();
    }
}

pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub text: String,
}

impl Reply {
    pub async fn from(response: reqwest::Response) -> Self {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.unwrap_or_default();
        Reply { status, headers, text }
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).map(|v| v.to_str().unwrap()).unwrap_or("")
    }

    /// Asserts an RFC 9457 problem with this status; returns it.
    pub fn assert_problem(&self, status: u16) -> Value {
        assert_eq!(self.status, status, "expected {status}, got {}: {}", self.status, self.text);
        assert_eq!(self.header("content-type"), "application/problem+json", "{}", self.text);
        let p = self.json();
        assert_eq!(p["status"], status, "{p}");
        for field in ["type", "title", "detail"] {
            assert!(p[field].is_string(), "problem without {field}: {p}");
        }
        // Every problem has a type of its own, one of those the spec lists (`ProblemTypeUri`).
        assert!(p["type"].as_str().unwrap().starts_with("/problems/"), "problem without a type: {p}");
        p
    }

    /// Asserts a problem that names `field` among its invalid params.
    pub fn assert_names_field(&self, field: &str) {
        let p = self.json();
        let names: Vec<&str> = p["invalid_params"]
            .as_array()
            .map(|a| a.iter().filter_map(|i| i["name"].as_str()).collect())
            .unwrap_or_default();
        assert!(names.contains(&field), "problem does not name {field}: {p}");
    }
}

/// A PostgreSQL cluster of the test's own, which it may stop and start (scripts/lib.sh).
pub struct PrivatePostgres {
    pub dir: PathBuf,
    pub port: u16,
}

impl PrivatePostgres {
    pub fn start() -> Self {
        let dir = std::env::temp_dir().join(format!("orders-pg-{}-{}", std::process::id(), sequence()));
        std::fs::create_dir_all(&dir).unwrap();
        // The cluster runs as the `postgres` user when the tests run as root.
        std::fs::set_permissions(&dir, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
        // A free port can be taken by a parallel test before the cluster binds it: try again.
        for _ in 0..5 {
            let pg = PrivatePostgres { dir: dir.join("pg"), port: free_port() };
            if pg.try_lib(&format!("pg_start '{}' {}", pg.dir.display(), pg.port)) {
                return pg;
            }
        }
        panic!("could not start a private PostgreSQL");
    }

    pub fn url(&self) -> String {
        format!("postgres://orders@127.0.0.1:{}", self.port)
    }

    fn try_lib(&self, call: &str) -> bool {
        let root = env!("CARGO_MANIFEST_DIR");
        Command::new("bash")
            .args(["-c", &format!("source '{root}/scripts/lib.sh' && {call}")])
            .status()
            .unwrap()
            .success()
    }

    fn lib(&self, call: &str) {
        assert!(self.try_lib(call), "{call} failed");
    }

    pub fn up(&self) {
        self.lib(&format!("pg_start '{}' {}", self.dir.display(), self.port));
    }

    pub fn down(&self) {
        self.lib(&format!("pg_stop '{}'", self.dir.display()));
    }
}

impl Drop for PrivatePostgres {
    fn drop(&mut self) {
        self.down();
        let _ = std::fs::remove_dir_all(self.dir.parent().unwrap());
    }
}

/// A Temporal dev server of the test's own, with durable state, which it may stop and restart.
pub struct PrivateTemporal {
    pub port: u16,
    db_file: PathBuf,
    child: Option<Child>,
}

impl PrivateTemporal {
    pub fn start() -> Self {
        let db_file = std::env::temp_dir().join(format!("orders-temporal-{}-{}.db", std::process::id(), sequence()));
        let mut t = PrivateTemporal { port: free_port(), db_file, child: None };
        t.up();
        t
    }

    pub fn address(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    pub fn up(&mut self) {
        let child = Command::new(env("ORDERS_TEST_TEMPORAL_CLI"))
            .args(["server", "start-dev", "--headless", "--ip", "127.0.0.1", "--log-level", "error"])
            .args(["--port", &self.port.to_string(), "--db-filename", self.db_file.to_str().unwrap()])
            .args(["--sqlite-pragma", "journal_mode=wal", "--sqlite-pragma", "synchronous=normal"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let ok = Command::new(env("ORDERS_TEST_TEMPORAL_CLI"))
                .args(["operator", "namespace", "describe", "-n", "default", "--address", &self.address()])
                .output()
                .map(|o| o.status.success())
                .unwrap_or(false);
            if ok {
                return;
            }
            assert!(Instant::now() < deadline, "private Temporal did not start");
            std::thread::sleep(Duration::from_millis(300));
        }
    }

    /// Freezes (SIGSTOP) or thaws (SIGCONT) the server: connections are accepted, nothing answers.
    pub fn freeze(&self, frozen: bool) {
        signal(self.child.as_ref().expect("running").id(), if frozen { libc::SIGSTOP } else { libc::SIGCONT });
    }

    pub fn down(&mut self) {
        if let Some(mut child) = self.child.take() {
            signal(child.id(), libc::SIGCONT);
            sigterm(&child);
            child.wait().unwrap();
        }
    }
}

impl Drop for PrivateTemporal {
    fn drop(&mut self) {
        self.down();
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.db_file.display()));
        }
    }
}

/// Polls `check` until it returns `Some`, or panics with `what` after `within`.
pub async fn eventually<T, F, Fut>(within: Duration, what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = Instant::now() + within;
    loop {
        if let Some(v) = check().await {
            return v;
        }
        assert!(Instant::now() < deadline, "timed out waiting for: {what}");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// Why `line` is not one JSON object whose objects all have unique keys (log stores keep one of
/// two values, or reject the document); `None` when it is.
pub fn json_line_problem(line: &str) -> Option<String> {
    use serde::de::{Deserialize, Deserializer, Error, MapAccess, SeqAccess, Visitor};

    struct Unique;
    struct UniqueVisitor;
    impl<'de> Deserialize<'de> for Unique {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_any(UniqueVisitor)
        }
    }
    impl<'de> Visitor<'de> for UniqueVisitor {
        type Value = Unique;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_bool<E: Error>(self, _: bool) -> Result<Unique, E> {
            Ok(Unique)
        }
        fn visit_i64<E: Error>(self, _: i64) -> Result<Unique, E> {
            Ok(Unique)
        }
        fn visit_u64<E: Error>(self, _: u64) -> Result<Unique, E> {
            Ok(Unique)
        }
        fn visit_f64<E: Error>(self, _: f64) -> Result<Unique, E> {
            Ok(Unique)
        }
        fn visit_str<E: Error>(self, _: &str) -> Result<Unique, E> {
            Ok(Unique)
        }
        fn visit_unit<E: Error>(self) -> Result<Unique, E> {
            Ok(Unique)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Unique, A::Error> {
            while seq.next_element::<Unique>()?.is_some() {}
            Ok(Unique)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Unique, A::Error> {
            let mut seen = std::collections::HashSet::new();
            while let Some(key) = map.next_key::<String>()? {
                if !seen.insert(key.clone()) {
                    return Err(A::Error::custom(format!("duplicate key `{key}`")));
                }
                map.next_value::<Unique>()?;
            }
            Ok(Unique)
        }
    }
    if !line.trim_start().starts_with('{') {
        return Some("not a JSON object".to_owned());
    }
    serde_json::from_str::<Unique>(line).err().map(|e| e.to_string())
}
