//! Prometheus metrics (`GET /metrics`), on the `prometheus` crate the Temporal SDK uses too.
//!
//! Counters and histograms are updated where things happen (the request pipeline, the create
//! handler, the activities); gauges about the database are sampled when /metrics is scraped.
//! The Temporal SDK's worker metrics come from its own exporter, bound to a local port, and are
//! appended to the same response.

use std::{net::SocketAddr, sync::OnceLock, time::Duration};

use deadpool_postgres::Pool;
use prometheus::{
    Encoder, Gauge, Histogram, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, IntGauge, IntGaugeVec, Opts,
    Registry, TextEncoder,
};

use crate::db::metrics_queries;

pub struct Metrics {
    registry: Registry,
    /// Every family registered, with its type: what `orders metrics --list` prints.
    families: Vec<(String, &'static str)>,
    pub http_requests: IntCounterVec,
    pub http_duration: HistogramVec,
    pub orders_created: IntCounter,
    pub orders_cancelled: IntCounter,
    pub orders_completed: IntCounter,
    pub orders_shipped: IntCounter,
    /// By `reason`: `out_of_stock`, `payment_declined`.
    pub orders_failed: IntCounterVec,
    pub creation_to_completion: Histogram,
    orders_status: IntGaugeVec,
    oldest_unfinished: Gauge,
    outbox_backlog: IntGauge,
    outbox_oldest: Gauge,
    pub workflow_closed_unfinished: IntGauge,
    pub rate_limit_tracked_keys: IntGauge,
    pub workflow_id_conflicts: IntCounter,
    /// By `outcome`: `started` (this process started the workflow), `existing` (it was running
    /// already: a retried start). Summed over the API processes: how their dispatchers split the
    /// outbox.
    pub workflow_starts: IntCounterVec,
    pool_max: IntGauge,
    pool_connections: IntGauge,
    pool_in_use: IntGauge,
    pool_available: IntGauge,
    pool_waiting: IntGauge,
}

/// The process's metrics (one registry per process, as Prometheus expects).
pub fn get() -> &'static Metrics {
    static METRICS: OnceLock<Metrics> = OnceLock::new();
    METRICS.get_or_init(Metrics::new)
}

impl Metrics {
    fn new() -> Self {
        /// The registry, and what was registered in it (a vector with no labelled child yet is
        /// left out of `gather`, but not out of this list).
        struct Registration {
            registry: Registry,
            families: std::cell::RefCell<Vec<(String, &'static str)>>,
        }
        let registry = Registration { registry: Registry::new(), families: Default::default() };
        fn reg<T: prometheus::core::Collector + Clone + 'static>(registration: &Registration, metric: T) -> T {
            for family in metric.collect() {
                let kind = match family.get_field_type() {
                    prometheus::proto::MetricType::COUNTER => "counter",
                    prometheus::proto::MetricType::GAUGE => "gauge",
                    prometheus::proto::MetricType::HISTOGRAM => "histogram",
                    _ => "untyped",
                };
                registration.families.borrow_mut().push((family.name().to_owned(), kind));
            }
            registration.registry.register(Box::new(metric.clone())).expect("metric names are unique");
            metric
        }
        let latency_buckets = vec![0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];
        let gauge = |name: &str, help: &str| reg(&registry, IntGauge::new(name, help).unwrap());
        Self {
            http_requests: reg(
                &registry,
                IntCounterVec::new(
                    Opts::new("orders_http_requests_total", "HTTP requests by route template and status"),
                    &["method", "route", "status"],
                )
                .unwrap(),
            ),
            http_duration: reg(
                &registry,
                HistogramVec::new(
                    HistogramOpts::new("orders_http_request_duration_seconds", "HTTP request latency")
                        .buckets(latency_buckets),
                    &["method", "route", "status"],
                )
                .unwrap(),
            ),
            orders_created: reg(&registry, IntCounter::new("orders_created_total", "Orders created").unwrap()),
            orders_cancelled: reg(&registry, IntCounter::new("orders_cancelled_total", "Orders cancelled").unwrap()),
            orders_completed: reg(&registry, IntCounter::new("orders_completed_total", "Orders completed").unwrap()),
            orders_shipped: reg(&registry, IntCounter::new("orders_shipped_total", "Orders dispatched by the carrier").unwrap()),
            orders_failed: reg(
                &registry,
                IntCounterVec::new(Opts::new("orders_failed_total", "Orders failed, by reason"), &["reason"]).unwrap(),
            ),
            creation_to_completion: reg(
                &registry,
                Histogram::with_opts(
                    HistogramOpts::new(
                        "orders_creation_to_completion_seconds",
                        "Time from an order's creation to its completion",
                    )
                    .buckets(vec![0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0, 900.0, 3600.0]),
                )
                .unwrap(),
            ),
            orders_status: reg(
                &registry,
                IntGaugeVec::new(Opts::new("orders_status", "Orders in each status"), &["status"]).unwrap(),
            ),
            oldest_unfinished: reg(
                &registry,
                Gauge::new(
                    "orders_oldest_unfinished_age_seconds",
                    "Age of the oldest order still pending or processing",
                )
                .unwrap(),
            ),
            outbox_backlog: gauge(
                "orders_workflow_outbox_backlog",
                "Committed orders whose workflow is not started yet",
            ),
            outbox_oldest: reg(
                &registry,
                Gauge::new("orders_workflow_outbox_oldest_age_seconds", "Age of the oldest outbox entry").unwrap(),
            ),
            workflow_closed_unfinished: gauge(
                "orders_workflow_closed_unfinished",
                "Orders not final whose workflow has ended or is missing (stuck: run `orders repair`)",
            ),
            rate_limit_tracked_keys: gauge(
                "orders_rate_limit_tracked_keys",
                "Buckets the rate limits held at their last clean-up (callers and client addresses active since the one before); idle ones are then dropped",
            ),
            workflow_id_conflicts: reg(
                &registry,
                IntCounter::new(
                    "orders_workflow_id_conflicts_total",
                    "Workflow starts refused because Temporal holds order-{id} for another order (another database, or before a restore)",
                )
                .unwrap(),
            ),
            workflow_starts: reg(
                &registry,
                IntCounterVec::new(
                    Opts::new("orders_workflow_starts_total", "Order workflow starts by this process, by outcome"),
                    &["outcome"],
                )
                .unwrap(),
            ),
            pool_max: gauge("orders_db_pool_max_size", "Database pool: maximum connections"),
            pool_connections: gauge("orders_db_pool_connections", "Database pool: open connections"),
            pool_in_use: gauge("orders_db_pool_in_use", "Database pool: connections in use"),
            pool_available: gauge("orders_db_pool_available", "Database pool: idle connections"),
            pool_waiting: gauge("orders_db_pool_waiting", "Database pool: requests waiting for a connection"),
            families: registry.families.take(),
            registry: registry.registry,
        }
    }

    /// Every metric family this process exposes, by name, with its type (`counter`, `gauge`,
    /// `histogram`); the dashboard check reads it (`orders metrics --list`).
    pub fn families(&self) -> &[(String, &'static str)] {
        &self.families
    }

    /// Samples the database gauges, then renders everything (and the SDK's metrics, if any).
    pub async fn render(&self, pool: &Pool, sdk_exporter: Option<SocketAddr>) -> String {
        if let Err(e) = self.sample_database(pool).await {
            tracing::warn!(error = %e, "metrics: could not sample the database");
        }
        self.render_process(pool, sdk_exporter).await
    }

    /// What this process itself counts (its requests, the orders its activities moved, its
    /// pool), without sampling the database: a worker's `/metrics`, where the order gauges would
    /// only repeat what the API processes report.
    async fn render_process(&self, pool: &Pool, sdk_exporter: Option<SocketAddr>) -> String {
        let status = pool.status();
        self.pool_max.set(status.max_size as i64);
        self.pool_connections.set(status.size as i64);
        self.pool_available.set(status.available as i64);
        self.pool_in_use.set(status.size.saturating_sub(status.available) as i64);
        self.pool_waiting.set(status.waiting as i64);
        let mut out = Vec::new();
        TextEncoder::new().encode(&self.registry.gather(), &mut out).expect("text encoding");
        let mut text = String::from_utf8(out).expect("prometheus text is UTF-8");
        if let Some(addr) = sdk_exporter {
            text.push_str(&fetch_sdk_metrics(addr).await.unwrap_or_default());
        }
        text
    }

    async fn sample_database(&self, pool: &Pool) -> anyhow::Result<()> {
        let client = tokio::time::timeout(Duration::from_secs(2), pool.get()).await??;
        self.orders_status.reset();
        for row in metrics_queries::order_counts_by_status().bind(&client).all().await? {
            self.orders_status.with_label_values(&[row.status.as_str()]).set(row.orders);
        }
        let backlog = metrics_queries::backlog_snapshot().bind(&client).one().await?;
        self.oldest_unfinished.set(backlog.oldest_unfinished_seconds);
        self.outbox_backlog.set(backlog.outbox_backlog);
        self.outbox_oldest.set(backlog.outbox_oldest_seconds);
        Ok(())
    }
}

/// `GET /metrics` of a worker-only process (`ORDERS_METRICS_ADDR`): the counters its activities
/// keep (completions, cancels, creation-to-completion), its pool, and the Temporal SDK's series.
pub async fn serve_worker_metrics(listener: tokio::net::TcpListener, pool: Pool, sdk_exporter: Option<SocketAddr>) {
    use http_body_util::Full;
    use hyper::{body::Incoming, service::service_fn, Request, Response, StatusCode};
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(e) => {
                tracing::warn!(error = %e, "metrics: accept failed");
                continue;
            }
        };
        let pool = pool.clone();
        tokio::spawn(async move {
            let service = service_fn(move |request: Request<Incoming>| {
                let pool = pool.clone();
                async move {
                    let response = if request.uri().path() == "/metrics" {
                        let text = get().render_process(&pool, sdk_exporter).await;
                        Response::builder()
                            .header("content-type", "text/plain; version=0.0.4")
                            .body(Full::new(bytes::Bytes::from(text)))
                    } else {
                        Response::builder().status(StatusCode::NOT_FOUND).body(Full::new(bytes::Bytes::new()))
                    };
                    Ok::<_, std::convert::Infallible>(response.expect("a valid response"))
                }
            });
            let io = hyper_util::rt::TokioIo::new(stream);
            let _ = hyper::server::conn::http1::Builder::new().serve_connection(io, service).await;
        });
    }
}

/// The Temporal SDK exporter's text, from its local port.
async fn fetch_sdk_metrics(addr: SocketAddr) -> anyhow::Result<String> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let fetch = async {
        let mut stream = tokio::net::TcpStream::connect(addr).await?;
        stream.write_all(format!("GET /metrics HTTP/1.0\r\nHost: {addr}\r\n\r\n").as_bytes()).await?;
        let mut response = String::new();
        stream.read_to_string(&mut response).await?;
        let body = response.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default();
        anyhow::Ok(body)
    };
    tokio::time::timeout(Duration::from_secs(2), fetch).await?
}
