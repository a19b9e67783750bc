//! Spawns the real `orders` binary against the PostgreSQL and Temporal dev server that
//! `make test` started (ORDERS_TEST_PG_URL, ORDERS_TEST_TEMPORAL_ADDRESS), each test with its own
//! database, task queue and HTTP port, and talks to it over HTTP like any client.
#![allow(dead_code)]

use std::{
    net::TcpListener,
    process::{Child, Command, Stdio},
    sync::atomic::{AtomicU32, Ordering},
    time::{Duration, Instant},
};

use serde_json::Value;

pub struct TestApp {
    pub base_url: String,
    pub database_url: String,
    pub task_queue: String,
    pub http: reqwest::Client,
    child: Child,
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} is not set: run the tests with `make test`"))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn unique_name(prefix: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    format!("{prefix}_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed))
}

fn db_name_sequence(name: &str) -> u32 {
    name.rsplit('_').next().unwrap().parse().unwrap()
}

pub fn orders_bin() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_orders"));
    command.env("RUST_LOG", "warn");
    command
}

impl TestApp {
    /// A migrated database of its own and `orders all` with a short processing delay.
    pub async fn spawn() -> Self {
        Self::spawn_with(&[("ORDER_PROCESSING_DELAY", "1s")]).await
    }

    pub async fn spawn_with(extra_env: &[(&str, &str)]) -> Self {
        let db_name = unique_name("orders_test");
        let pg = env("ORDERS_TEST_PG_URL");
        let (admin, conn) = tokio_postgres::connect(&format!("{pg}/postgres"), tokio_postgres::NoTls)
            .await
            .expect("connect to the test PostgreSQL");
        tokio::spawn(conn);
        admin.batch_execute(&format!("CREATE DATABASE {db_name}")).await.unwrap();
        let database_url = format!("{pg}/{db_name}");

        let status = orders_bin()
            .args(["migrate", "up"])
            .env("DATABASE_URL", &database_url)
            .status()
            .unwrap();
        assert!(status.success(), "orders migrate up failed");
        // All tests share one Temporal namespace, where a workflow id (`order-{id}`) must be
        // unique: give each test's database its own range of order ids.
        let (db, conn) = tokio_postgres::connect(&database_url, tokio_postgres::NoTls).await.unwrap();
        tokio::spawn(conn);
        let first_id = 1 + i64::from(db_name_sequence(&db_name)) * 1_000_000_000 + i64::from(std::process::id()) * 1_000_000;
        db.batch_execute(&format!("ALTER TABLE orders ALTER COLUMN id RESTART WITH {first_id}")).await.unwrap();

        let port = free_port();
        let task_queue = unique_name("orders-test-queue");
        let mut command = orders_bin();
        command
            .arg("all")
            .env("DATABASE_URL", &database_url)
            .env("TEMPORAL_ADDRESS", env("ORDERS_TEST_TEMPORAL_ADDRESS"))
            .env("ORDERS_HTTP_ADDR", format!("127.0.0.1:{port}"))
            .env("ORDERS_TASK_QUEUE", &task_queue)
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null());
        for (k, v) in extra_env {
            command.env(k, v);
        }
        let child = command.spawn().expect("spawn orders all");
        let app = TestApp {
            base_url: format!("http://127.0.0.1:{port}"),
            database_url,
            task_queue,
            http: reqwest::Client::new(),
            child,
        };
        app.wait_until_listening().await;
        app
    }

    async fn wait_until_listening(&self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if self.http.get(self.url("/orders")).send().await.is_ok() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("orders did not start listening on {}", self.base_url);
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    pub async fn post_json(&self, path: &str, body: &str) -> Reply {
        let r = self.http.post(self.url(path)).header("content-type", "application/json").body(body.to_owned());
        Reply::from(r.send().await.unwrap()).await
    }

    pub async fn put_json(&self, path: &str, body: &str) -> Reply {
        let r = self.http.put(self.url(path)).header("content-type", "application/json").body(body.to_owned());
        Reply::from(r.send().await.unwrap()).await
    }

    pub async fn get(&self, path: &str) -> Reply {
        Reply::from(self.http.get(self.url(path)).send().await.unwrap()).await
    }

    pub async fn delete(&self, path: &str) -> Reply {
        Reply::from(self.http.delete(self.url(path)).send().await.unwrap()).await
    }

    pub async fn create_order(&self, customer_id: i64, amount: &str) -> Value {
        let reply = self
            .post_json("/orders", &format!(r#"{{"customer_id": {customer_id}, "total_amount": {amount}}}"#))
            .await;
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
        temporal_cli(&["workflow", "describe", "-w", &format!("order-{order_id}"), "-o", "json"])
    }

    /// `temporal workflow query --type current_step` of an order's workflow.
    pub fn query_current_step(&self, order_id: i64) -> Value {
        temporal_cli(&["workflow", "query", "-w", &format!("order-{order_id}"), "--type", "current_step", "-o", "json"])
    }
}

/// Runs the `temporal` CLI against the test server; its JSON output.
pub fn temporal_cli(args: &[&str]) -> Value {
    let out = Command::new(env("ORDERS_TEST_TEMPORAL_CLI"))
        .args(args)
        .args(["--address", &env("ORDERS_TEST_TEMPORAL_ADDRESS")])
        .output()
        .unwrap();
    assert!(out.status.success(), "temporal {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub text: String,
}

impl Reply {
    async fn from(response: reqwest::Response) -> Self {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.unwrap();
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
        p
    }

    /// Asserts a problem that names `field` among its invalid params.
    pub fn assert_names_field(&self, field: &str) {
        let p = self.json();
        let names: Vec<&str> =
            p["invalid_params"].as_array().map(|a| a.iter().filter_map(|i| i["name"].as_str()).collect()).unwrap_or_default();
        assert!(names.contains(&field), "problem does not name {field}: {p}");
    }
}
