//! Typed configuration, read once from the environment at start-up.
//!
//! Every setting has a default that works with `make run`; a value that cannot be parsed stops
//! the process with a message naming the variable. Temporal's own variables (`TEMPORAL_ADDRESS`,
//! `TEMPORAL_NAMESPACE`, `TEMPORAL_API_KEY`, `TEMPORAL_TLS*`, ...) are read by the Temporal SDK's
//! standard environment configuration, see [`temporal_connection`].

use std::{env, net::SocketAddr, str::FromStr, time::Duration};

use anyhow::{anyhow, Context, Result};
use temporalio_client::{envconfig::LoadClientConfigProfileOptions, ClientOptions, ConnectionOptions};

#[derive(Clone)]
pub struct Settings {
    /// `DATABASE_URL`: the PostgreSQL the orders live in.
    pub database_url: String,
    /// `ORDERS_DB_POOL_SIZE`: connections kept open to PostgreSQL.
    pub db_pool_size: usize,
    /// `ORDERS_DB_TIMEOUT`: longest wait for a database connection before a request gets 503.
    pub db_timeout: Duration,
    /// `ORDERS_HTTP_ADDR`: where the API listens.
    pub http_addr: SocketAddr,
    /// `ORDERS_TASK_QUEUE`: the Temporal task queue of the order workflow and its activities.
    pub task_queue: String,
    /// `ORDER_PROCESSING_DELAY`: how long an order stays `processing` (the seed's 5 seconds).
    pub processing_delay: Duration,
    /// `ORDERS_DELIVERY_TIMEOUT`: how long an order with items waits for the carrier after its
    /// shipment is booked before it is flagged `delivery_overdue` (put into its workflow's input).
    pub delivery_timeout: Duration,
    /// `ORDERS_PAYMENT_GATEWAY` and its settings: who takes the money.
    pub payment: PaymentSettings,
    /// `ORDERS_CARRIER`: the carrier shipments are booked with.
    pub carrier: String,
    /// `ORDERS_MAX_BODY_BYTES`: larger request bodies get 413.
    pub max_body_bytes: usize,
    /// `ORDERS_SHUTDOWN_GRACE`: on SIGTERM/Ctrl-C, how long open requests and running
    /// activities get to finish.
    pub shutdown_grace: Duration,
    /// `ORDERS_IDEMPOTENCY_TTL`: how long an Idempotency-Key and its response are kept.
    pub idempotency_ttl: Duration,
    /// `ORDERS_OUTBOX_SWEEP`: how often the workflow dispatcher looks at its outbox even when no
    /// notification woke it (notifications can be missed while PostgreSQL restarts).
    pub outbox_sweep: Duration,
    /// `ORDERS_DISPATCH_RATE`: workflow starts per second of this process's outbox dispatcher
    /// (0: as fast as Temporal takes them).
    pub dispatch_rate: u32,
    /// `ORDERS_WORKER_CACHED_WORKFLOWS`, `ORDERS_WORKER_WORKFLOW_POLLERS`,
    /// `ORDERS_WORKER_ACTIVITY_POLLERS`: the Temporal worker's sticky cache and poller counts.
    pub worker_cached_workflows: usize,
    pub worker_workflow_pollers: usize,
    pub worker_activity_pollers: usize,
    /// `ORDERS_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS`, `ORDERS_WORKER_MAX_CONCURRENT_ACTIVITIES`:
    /// the worker's task slots (the SDK's fixed-size tuner), its bound on work in progress.
    pub worker_max_workflow_tasks: usize,
    pub worker_max_activities: usize,
    /// `ORDERS_TEMPORAL_TIMEOUT`: longest wait for one call to Temporal (a workflow start, the
    /// readiness probe) before it counts as failed.
    pub temporal_timeout: Duration,
    /// `ORDERS_TEMPORAL_METRICS_ADDR`: where the Temporal SDK's own Prometheus exporter listens
    /// (a free local port by default; `GET /metrics` appends what it serves).
    pub temporal_metrics_addr: SocketAddr,
    /// `ORDERS_METRICS_ADDR`: where a worker-only process serves its `/metrics` (the API's
    /// `/metrics` covers `serve` and `all`).
    pub metrics_addr: SocketAddr,
    /// `ORDERS_ADDR_FILE`: where the process writes the address it serves HTTP on (the API, or
    /// a worker-only process's `/metrics`) once it listens: with port 0 in the address, how a
    /// supervisor or a test learns the port the system chose.
    pub addr_file: Option<std::path::PathBuf>,
    /// `ORDERS_CORS_ORIGINS`: the browser origins allowed to call the API (CORS); none by default.
    pub cors_origins: Vec<String>,
    /// `ORDERS_AUTH`: `jwt` (default) or `off` (every caller is an admin; a warning at start).
    pub auth_enabled: bool,
    /// `ORDERS_JWT_SECRET` / `ORDERS_JWT_SECRET_FILE` (HS256, 32+ bytes), `ORDERS_JWKS_FILE`
    /// (RS256/EdDSA public keys), `ORDERS_JWT_ISSUER` (`orders`), `ORDERS_JWT_AUDIENCE`
    /// (`orders-api`), `ORDERS_JWT_LEEWAY` (`30s`).
    pub auth: crate::auth::AuthSettings,
    /// `ORDERS_RATE_LIMIT` requests per second per customer (token subject), and per client
    /// address for requests without valid credentials, with bursts of `ORDERS_RATE_BURST`; 0
    /// turns the limit off.
    pub rate_limit: u32,
    pub rate_burst: u32,
    /// `ORDERS_ADMIN_RATE_LIMIT`, `ORDERS_ADMIN_RATE_BURST`: the same per admin.
    pub admin_rate_limit: u32,
    pub admin_rate_burst: u32,
    /// `ORDERS_TRUSTED_PROXIES`: peers whose `Forwarded` / `X-Forwarded-For` name the client.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// `ORDERS_MAX_HEADER_BYTES`: larger request heads are refused (431).
    pub max_header_bytes: usize,
    /// `ORDERS_REQUEST_TIMEOUT`: longest time a client may take to send a request (head and
    /// body); slower clients are cut off (408).
    pub request_timeout: Duration,
    /// `ORDERS_MAX_CONNECTIONS`: open connections served at once; more wait to be accepted.
    pub max_connections: usize,
    /// `ORDERS_STUCK_CHECK_INTERVAL`: how often an API process looks for orders whose workflow
    /// ended without finishing them (`orders_workflow_closed_unfinished`).
    pub stuck_check_interval: Duration,
}

pub const DEFAULT_TEMPORAL_ADDRESS: &str = "127.0.0.1:7233";

/// One environment variable the binary reads: the one list that `Settings`, `orders config
/// --list` and the deployment checks (scripts/check-env.py) all use.
#[derive(Debug, serde::Serialize)]
pub struct Variable {
    pub name: &'static str,
    /// The subcommands that read it.
    pub commands: &'static [&'static str],
    /// The value when it is unset or empty; `None`: no default.
    pub default: Option<&'static str>,
    /// Whether the commands cannot start without it.
    pub required: bool,
    /// A group of which at least one must be set for these commands (`jwt-keys`: one JWT key,
    /// unless `ORDERS_AUTH=off`).
    pub one_of: Option<&'static str>,
    pub description: &'static str,
}

const EVERY: &[&str] = &["all", "serve", "worker", "migrate", "repair"];
const CONNECTED: &[&str] = &["all", "serve", "worker", "repair"];
const HTTP: &[&str] = &["all", "serve"];
const STARTS_WORKFLOWS: &[&str] = &["all", "serve", "repair"];
const RUNS_WORKER: &[&str] = &["all", "worker"];
const RUNS_PROCESSES: &[&str] = &["all", "serve", "worker"];
/// `orders token` signs with the same key, issuer and audience the API checks.
const AUTH: &[&str] = &["all", "serve", "token"];

const fn v(
    name: &'static str,
    commands: &'static [&'static str],
    default: Option<&'static str>,
    description: &'static str,
) -> Variable {
    Variable { name, commands, default, required: false, one_of: None, description }
}

const fn jwt_key(name: &'static str, description: &'static str) -> Variable {
    Variable { name, commands: AUTH, default: None, required: false, one_of: Some("jwt-keys"), description }
}

/// Which payment gateway the saga's `ChargePayment` and `RefundPayment` use.
#[derive(Clone, Debug)]
pub enum PaymentSettings {
    /// `ledger`: payments kept in this service's PostgreSQL; a charge is declined when the
    /// customer's outstanding charges would exceed `ORDERS_PAYMENT_CUSTOMER_LIMIT`.
    Ledger { customer_limit: rust_decimal::Decimal },
    /// `http`: an external gateway at `ORDERS_PAYMENT_URL`, with the bearer credential
    /// `ORDERS_PAYMENT_TOKEN` and `ORDERS_PAYMENT_TIMEOUT` per call.
    Http { url: url::Url, token: Option<String>, timeout: Duration },
}

pub const VARIABLES: &[Variable] = &[
    v("DATABASE_URL", EVERY, Some("postgres://orders@127.0.0.1:5432/orders"), "the PostgreSQL the orders live in"),
    v("ORDERS_DB_POOL_SIZE", CONNECTED, Some("16"), "connections kept to PostgreSQL"),
    v("ORDERS_DB_TIMEOUT", CONNECTED, Some("5s"), "longest wait for a database connection (then 503)"),
    v("TEMPORAL_ADDRESS", CONNECTED, Some(DEFAULT_TEMPORAL_ADDRESS), "Temporal frontend (Temporal SDK env config)"),
    v("TEMPORAL_NAMESPACE", CONNECTED, Some("default"), "Temporal namespace (Temporal SDK env config)"),
    v("TEMPORAL_API_KEY", CONNECTED, None, "Temporal Cloud API key (Temporal SDK env config)"),
    v("TEMPORAL_TLS", CONNECTED, None, "TLS to Temporal (Temporal SDK env config)"),
    v("TEMPORAL_TLS_CLIENT_CERT_PATH", CONNECTED, None, "mTLS client certificate (Temporal SDK env config)"),
    v("TEMPORAL_TLS_CLIENT_KEY_PATH", CONNECTED, None, "mTLS client key (Temporal SDK env config)"),
    v("TEMPORAL_TLS_SERVER_CA_CERT_PATH", CONNECTED, None, "CA of the Temporal server (Temporal SDK env config)"),
    v("TEMPORAL_TLS_SERVER_NAME", CONNECTED, None, "TLS server name (Temporal SDK env config)"),
    v("TEMPORAL_PROFILE", CONNECTED, None, "profile of the Temporal config file (Temporal SDK env config)"),
    v("TEMPORAL_CONFIG_FILE", CONNECTED, None, "Temporal config file (Temporal SDK env config)"),
    v("ORDERS_TASK_QUEUE", CONNECTED, Some("order-processing"), "task queue of the workflow and its activities"),
    v(
        "ORDER_PROCESSING_DELAY",
        STARTS_WORKFLOWS,
        Some("5s"),
        "time an order spends processing (put into its workflow's input)",
    ),
    v(
        "ORDERS_DELIVERY_TIMEOUT",
        STARTS_WORKFLOWS,
        Some("14d"),
        "how long a booked shipment may wait for delivery before the order is flagged overdue",
    ),
    v("ORDERS_PAYMENT_GATEWAY", RUNS_WORKER, Some("ledger"), "`ledger` (payments in PostgreSQL) or `http`"),
    v(
        "ORDERS_PAYMENT_CUSTOMER_LIMIT",
        RUNS_WORKER,
        Some("10000.00"),
        "ledger: a customer's outstanding charges above this are declined",
    ),
    v("ORDERS_PAYMENT_URL", RUNS_WORKER, None, "http: the payment gateway's base URL (required with `http`)"),
    v("ORDERS_PAYMENT_TOKEN", RUNS_WORKER, None, "http: bearer credential sent to the payment gateway"),
    v("ORDERS_PAYMENT_TIMEOUT", RUNS_WORKER, Some("10s"), "http: longest wait for one gateway call (then retried)"),
    v("ORDERS_CARRIER", RUNS_WORKER, Some("acme-post"), "the carrier shipments are booked with"),
    v(
        "ORDERS_TEMPORAL_TIMEOUT",
        STARTS_WORKFLOWS,
        Some("5s"),
        "longest wait for one Temporal call; a cancel's deadline",
    ),
    v(
        "ORDERS_DISPATCH_RATE",
        HTTP,
        Some("0"),
        "workflow starts per second per API process (0: no limit); bounds the work queued in Temporal",
    ),
    v("ORDERS_WORKER_CACHED_WORKFLOWS", RUNS_WORKER, Some("1000"), "workflows kept in the worker's sticky cache"),
    v("ORDERS_WORKER_WORKFLOW_POLLERS", RUNS_WORKER, Some("5"), "concurrent workflow task polls (at least 2)"),
    v("ORDERS_WORKER_ACTIVITY_POLLERS", RUNS_WORKER, Some("5"), "concurrent activity task polls (at least 1)"),
    v(
        "ORDERS_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS",
        RUNS_WORKER,
        Some("100"),
        "workflow tasks the worker runs at once (at least 2)",
    ),
    v(
        "ORDERS_WORKER_MAX_CONCURRENT_ACTIVITIES",
        RUNS_WORKER,
        Some("100"),
        "activities the worker runs at once (each may hold a database connection)",
    ),
    v("ORDERS_SHUTDOWN_GRACE", RUNS_PROCESSES, Some("10s"), "on SIGTERM, time for requests and activities to finish"),
    v(
        "ORDERS_TEMPORAL_METRICS_ADDR",
        RUNS_WORKER,
        Some("127.0.0.1:0"),
        "where the Temporal SDK's Prometheus exporter listens",
    ),
    v("ORDERS_METRICS_ADDR", &["worker"], Some("127.0.0.1:9464"), "where a worker-only process serves GET /metrics"),
    v("ORDERS_HTTP_ADDR", HTTP, Some("127.0.0.1:8080"), "where the API listens"),
    v(
        "ORDERS_ADDR_FILE",
        RUNS_PROCESSES,
        None,
        "file to write the address served once listening (the API's, or a worker's /metrics): for port 0",
    ),
    v("ORDERS_MAX_BODY_BYTES", HTTP, Some("65536"), "larger request bodies get 413"),
    v("ORDERS_IDEMPOTENCY_TTL", HTTP, Some("24h"), "how long an Idempotency-Key is kept (at least 1s)"),
    v("ORDERS_OUTBOX_SWEEP", HTTP, Some("2s"), "how often the workflow dispatcher checks its outbox unprompted"),
    v(
        "ORDERS_STUCK_CHECK_INTERVAL",
        HTTP,
        Some("60s"),
        "how often orders whose workflow ended unfinished are looked for",
    ),
    v(
        "ORDERS_CORS_ORIGINS",
        HTTP,
        Some(""),
        "browser origins allowed to call the API (CORS), comma-separated, or `*` for any; none by default",
    ),
    v("ORDERS_AUTH", HTTP, Some("jwt"), "`jwt`, or `off` (every caller is an admin)"),
    jwt_key("ORDERS_JWT_SECRET", "HS256 signing secret (32+ bytes)"),
    jwt_key("ORDERS_JWT_SECRET_FILE", "file holding the HS256 secret"),
    jwt_key("ORDERS_JWKS_FILE", "public keys (RS256, EdDSA) as a JWKS file"),
    v("ORDERS_JWT_ISSUER", AUTH, Some("orders"), "required `iss`"),
    v("ORDERS_JWT_AUDIENCE", AUTH, Some("orders-api"), "required `aud`"),
    v("ORDERS_JWT_LEEWAY", HTTP, Some("30s"), "clock skew allowed on `exp` and `nbf`"),
    v(
        "ORDERS_RATE_LIMIT",
        HTTP,
        Some("100"),
        "requests per second per customer, and per client address without valid credentials (0: off)",
    ),
    v("ORDERS_RATE_BURST", HTTP, Some("200"), "burst of the rate limit"),
    v("ORDERS_ADMIN_RATE_LIMIT", HTTP, Some("1000"), "requests per second per admin (0: off)"),
    v("ORDERS_ADMIN_RATE_BURST", HTTP, Some("2000"), "burst of the admins' rate limit"),
    v(
        "ORDERS_TRUSTED_PROXIES",
        HTTP,
        Some(""),
        "proxies (CIDRs, comma-separated) whose Forwarded / X-Forwarded-For name the client; none by default",
    ),
    v("ORDERS_MAX_HEADER_BYTES", HTTP, Some("16384"), "largest request head (431 beyond)"),
    v("ORDERS_REQUEST_TIMEOUT", HTTP, Some("30s"), "time a client has to send its request head and body"),
    v("ORDERS_MAX_CONNECTIONS", HTTP, Some("1024"), "connections served at once"),
    v("RUST_LOG", EVERY, Some("info"), "log level (tracing filter syntax)"),
    v("LOG_FORMAT", EVERY, Some("text"), "`json` for one JSON object per log line"),
    v("OTEL_EXPORTER_OTLP_ENDPOINT", RUNS_PROCESSES, None, "OTLP/HTTP endpoint for traces (none when unset)"),
    v("OTEL_SERVICE_NAME", RUNS_PROCESSES, Some("orders"), "service name on exported traces"),
];

impl Settings {
    /// The settings `command` (`all`, `serve`, `worker`, `migrate`, `repair`, `token`) reads;
    /// the others keep their defaults.
    pub fn from_env(command: &str) -> Result<Self> {
        Ok(Self {
            database_url: var(command, "DATABASE_URL"),
            db_pool_size: parse_var(command, "ORDERS_DB_POOL_SIZE", usize::from_str)?,
            db_timeout: parse_var(command, "ORDERS_DB_TIMEOUT", parse_duration)?,
            http_addr: parse_var(command, "ORDERS_HTTP_ADDR", SocketAddr::from_str)?,
            task_queue: var(command, "ORDERS_TASK_QUEUE"),
            processing_delay: parse_var(command, "ORDER_PROCESSING_DELAY", parse_duration)?,
            delivery_timeout: parse_var(command, "ORDERS_DELIVERY_TIMEOUT", parse_duration)?,
            payment: payment_settings(command)?,
            carrier: var(command, "ORDERS_CARRIER"),
            max_body_bytes: parse_var(command, "ORDERS_MAX_BODY_BYTES", usize::from_str)?,
            shutdown_grace: parse_var(command, "ORDERS_SHUTDOWN_GRACE", parse_duration)?,
            idempotency_ttl: parse_var(command, "ORDERS_IDEMPOTENCY_TTL", |raw| {
                // Keys are kept by whole seconds: below one, every key would expire at once.
                parse_duration(raw).map_err(|e| e.to_string()).and_then(|ttl| {
                    if ttl < Duration::from_secs(1) {
                        Err("must be at least 1s".to_owned())
                    } else {
                        Ok(ttl)
                    }
                })
            })?,
            outbox_sweep: parse_var(command, "ORDERS_OUTBOX_SWEEP", parse_duration)?,
            temporal_timeout: parse_var(command, "ORDERS_TEMPORAL_TIMEOUT", parse_duration)?,
            dispatch_rate: parse_var(command, "ORDERS_DISPATCH_RATE", u32::from_str)?,
            worker_cached_workflows: parse_var(command, "ORDERS_WORKER_CACHED_WORKFLOWS", usize::from_str)?,
            worker_workflow_pollers: parse_var(command, "ORDERS_WORKER_WORKFLOW_POLLERS", |v| at_least(v, 2))?,
            worker_activity_pollers: parse_var(command, "ORDERS_WORKER_ACTIVITY_POLLERS", |v| at_least(v, 1))?,
            worker_max_workflow_tasks: parse_var(command, "ORDERS_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS", |v| {
                at_least(v, 2)
            })?,
            worker_max_activities: parse_var(command, "ORDERS_WORKER_MAX_CONCURRENT_ACTIVITIES", |v| at_least(v, 1))?,
            temporal_metrics_addr: parse_var(command, "ORDERS_TEMPORAL_METRICS_ADDR", SocketAddr::from_str)?,
            metrics_addr: parse_var(command, "ORDERS_METRICS_ADDR", SocketAddr::from_str)?,
            addr_file: optional_var(command, "ORDERS_ADDR_FILE").map(Into::into),
            cors_origins: parse_var(command, "ORDERS_CORS_ORIGINS", parse_origins)?,
            auth_enabled: parse_var(command, "ORDERS_AUTH", |v| match v {
                "jwt" => Ok(true),
                "off" => Ok(false),
                other => Err(format!("{other} is neither `jwt` nor `off`")),
            })?,
            auth: {
                let (hs256_secret, jwks) = crate::auth::load_keys(
                    optional_var(command, "ORDERS_JWT_SECRET"),
                    optional_var(command, "ORDERS_JWT_SECRET_FILE"),
                    optional_var(command, "ORDERS_JWKS_FILE"),
                )?;
                crate::auth::AuthSettings {
                    hs256_secret,
                    jwks,
                    issuer: var(command, "ORDERS_JWT_ISSUER"),
                    audience: var(command, "ORDERS_JWT_AUDIENCE"),
                    leeway: parse_var(command, "ORDERS_JWT_LEEWAY", parse_duration)?,
                }
            },
            rate_limit: parse_var(command, "ORDERS_RATE_LIMIT", u32::from_str)?,
            rate_burst: parse_var(command, "ORDERS_RATE_BURST", u32::from_str)?,
            admin_rate_limit: parse_var(command, "ORDERS_ADMIN_RATE_LIMIT", u32::from_str)?,
            admin_rate_burst: parse_var(command, "ORDERS_ADMIN_RATE_BURST", u32::from_str)?,
            trusted_proxies: parse_var(command, "ORDERS_TRUSTED_PROXIES", parse_networks)?,
            max_header_bytes: parse_var(command, "ORDERS_MAX_HEADER_BYTES", usize::from_str)?,
            request_timeout: parse_var(command, "ORDERS_REQUEST_TIMEOUT", parse_duration)?,
            max_connections: parse_var(command, "ORDERS_MAX_CONNECTIONS", usize::from_str)?,
            stuck_check_interval: parse_var(command, "ORDERS_STUCK_CHECK_INTERVAL", parse_duration)?,
        })
    }
}

/// The Temporal connection, from the SDK's standard environment configuration, with this
/// project's default address (`127.0.0.1:7233`, where `make run` starts the dev server).
pub fn temporal_connection() -> Result<(ConnectionOptions, ClientOptions)> {
    let (mut connection, client) = ClientOptions::load_from_config(LoadClientConfigProfileOptions::default())
        .map_err(|e| anyhow!("Temporal configuration (TEMPORAL_*): {e}"))?;
    if env::var_os("TEMPORAL_ADDRESS").is_none() && connection.target.host_str() == Some("localhost") {
        connection.target = format!("http://{DEFAULT_TEMPORAL_ADDRESS}").parse()?;
    }
    Ok((connection, client))
}

fn payment_settings(command: &str) -> Result<PaymentSettings> {
    match var(command, "ORDERS_PAYMENT_GATEWAY").as_str() {
        "ledger" => Ok(PaymentSettings::Ledger {
            customer_limit: parse_var(command, "ORDERS_PAYMENT_CUSTOMER_LIMIT", |raw| {
                crate::domain::Money::parse("ORDERS_PAYMENT_CUSTOMER_LIMIT", raw.parse().map_err(|e| format!("{e}"))?)
                    .map(|m| m.get())
                    .map_err(|e| e.to_string())
            })?,
        }),
        "http" => {
            let url = optional_var(command, "ORDERS_PAYMENT_URL")
                .ok_or_else(|| anyhow!("ORDERS_PAYMENT_GATEWAY=http needs ORDERS_PAYMENT_URL"))?;
            Ok(PaymentSettings::Http {
                url: url::Url::parse(&url).with_context(|| format!("ORDERS_PAYMENT_URL={url:?} is not a URL"))?,
                token: optional_var(command, "ORDERS_PAYMENT_TOKEN"),
                timeout: parse_var(command, "ORDERS_PAYMENT_TIMEOUT", parse_duration)?,
            })
        }
        other => Err(anyhow!("ORDERS_PAYMENT_GATEWAY={other:?} is neither `ledger` nor `http`")),
    }
}

fn at_least(raw: &str, minimum: usize) -> Result<usize, String> {
    match usize::from_str(raw) {
        Ok(n) if n >= minimum => Ok(n),
        Ok(_) => Err(format!("must be at least {minimum}")),
        Err(e) => Err(e.to_string()),
    }
}

/// The variable's value, or its default from [`VARIABLES`]; always the default for a command
/// that does not read it (a worker is not stopped by a bad HTTP setting it never uses).
fn var(command: &str, name: &str) -> String {
    let default = variable(name).default.unwrap_or_default();
    optional_read(command, name).unwrap_or_else(|| default.to_owned())
}

/// A variable that has no default: `None` when unset or empty.
fn optional_var(command: &str, name: &str) -> Option<String> {
    debug_assert!(variable(name).default.is_none(), "{name} has a default");
    optional_read(command, name)
}

fn optional_read(command: &str, name: &str) -> Option<String> {
    if !variable(name).commands.contains(&command) {
        return None;
    }
    env::var(name).ok().filter(|v| !v.is_empty())
}

fn variable(name: &str) -> &'static Variable {
    VARIABLES.iter().find(|v| v.name == name).unwrap_or_else(|| panic!("{name} is not in config::VARIABLES"))
}

fn parse_var<T, E: std::fmt::Display>(command: &str, name: &str, parse: impl Fn(&str) -> Result<T, E>) -> Result<T> {
    let raw = var(command, name);
    parse(&raw).map_err(|e| anyhow!("{e}")).with_context(|| format!("{name}={raw:?} is not valid"))
}

/// Origins as browsers send them (`https://shop.example`, `http://localhost:5173`: scheme, host
/// and optional port, no path), comma-separated; or `*` alone, for any origin.
fn parse_origins(raw: &str) -> Result<Vec<String>, String> {
    let origins: Vec<String> = raw.split(',').map(str::trim).filter(|o| !o.is_empty()).map(str::to_owned).collect();
    if origins.len() > 1 && origins.iter().any(|o| o == "*") {
        return Err("`*` allows every origin: list no other with it".to_owned());
    }
    for origin in origins.iter().filter(|o| *o != "*") {
        let host = origin.strip_prefix("https://").or_else(|| origin.strip_prefix("http://"));
        match host {
            Some(host) if !host.is_empty() && origin.is_ascii() && !host.contains(['/', '?', '#', ' ', '*']) => {}
            _ => return Err(format!("{origin} is not an origin (scheme://host[:port], without a path)")),
        }
    }
    Ok(origins)
}

/// `10.0.0.0/8, 192.168.1.7, fd00::/8`: networks, or single addresses.
fn parse_networks(raw: &str) -> Result<Vec<ipnet::IpNet>, String> {
    raw.split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| {
            n.parse::<ipnet::IpNet>()
                .or_else(|_| n.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| format!("{n} is neither a network (10.0.0.0/8) nor an address"))
        })
        .collect()
}

/// Durations as people write them: `5s`, `200ms`, `1m 30s`.
pub fn parse_duration(raw: &str) -> Result<Duration, humantime::DurationError> {
    humantime::parse_duration(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tests that set variables, or read them all, take turns.
    static ENV: std::sync::Mutex<()> = std::sync::Mutex::new(());

    #[test]
    fn every_variable_is_listed_once_and_its_default_parses() {
        let mut names: Vec<_> = VARIABLES.iter().map(|v| v.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), VARIABLES.len(), "a variable is listed twice");
        // Reading every setting goes through `variable()`, which panics on an unlisted name.
        let _env = ENV.lock().unwrap();
        let settings = Settings::from_env("all").expect("the defaults parse");
        assert_eq!(settings.task_queue, "order-processing");
    }

    #[test]
    fn durations_accept_the_documented_forms() {
        assert_eq!(parse_duration("5s").unwrap(), Duration::from_secs(5));
        assert_eq!(parse_duration("200ms").unwrap(), Duration::from_millis(200));
        assert!(parse_duration("five").is_err());
    }

    #[test]
    fn an_idempotency_ttl_below_one_second_is_refused() {
        let _env = ENV.lock().unwrap();
        env::set_var("ORDERS_IDEMPOTENCY_TTL", "500ms");
        let err = Settings::from_env("all").err().expect("refused");
        env::remove_var("ORDERS_IDEMPOTENCY_TTL");
        assert!(format!("{err:#}").contains("ORDERS_IDEMPOTENCY_TTL=\"500ms\""), "{err:#}");
    }

    #[test]
    fn cors_origins_are_origins_or_a_lone_star() {
        assert_eq!(parse_origins("").unwrap(), Vec::<String>::new());
        assert_eq!(
            parse_origins("https://shop.example, http://localhost:5173").unwrap(),
            ["https://shop.example", "http://localhost:5173"]
        );
        assert_eq!(parse_origins("*").unwrap(), ["*"]);
        for bad in ["shop.example", "https://shop.example/", "https://", "ftp://shop.example", "*, https://a.example"] {
            assert!(parse_origins(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn a_bad_value_names_its_variable() {
        let _env = ENV.lock().unwrap();
        env::set_var("ORDERS_STUCK_CHECK_INTERVAL", "abc");
        let err = parse_var("all", "ORDERS_STUCK_CHECK_INTERVAL", parse_duration).unwrap_err();
        env::remove_var("ORDERS_STUCK_CHECK_INTERVAL");
        assert!(format!("{err:#}").contains("ORDERS_STUCK_CHECK_INTERVAL=\"abc\""), "{err:#}");
    }
}
