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
    /// `ORDERS_TEMPORAL_TIMEOUT`: longest wait for one call to Temporal (a workflow start, the
    /// readiness probe) before it counts as failed.
    pub temporal_timeout: Duration,
    /// `ORDERS_TEMPORAL_METRICS_ADDR`: where the Temporal SDK's own Prometheus exporter listens
    /// (a free local port by default; `GET /metrics` appends what it serves).
    pub temporal_metrics_addr: SocketAddr,
    /// `ORDERS_AUTH`: `jwt` (default) or `off` (every caller is an admin; a warning at start).
    pub auth_enabled: bool,
    /// `ORDERS_JWT_SECRET` / `ORDERS_JWT_SECRET_FILE` (HS256, 32+ bytes), `ORDERS_JWKS_FILE`
    /// (RS256/EdDSA public keys), `ORDERS_JWT_ISSUER` (`orders`), `ORDERS_JWT_AUDIENCE`
    /// (`orders-api`), `ORDERS_JWT_LEEWAY` (`30s`).
    pub auth: crate::auth::AuthSettings,
    /// `ORDERS_RATE_LIMIT` requests per second per client address, with bursts of
    /// `ORDERS_RATE_BURST`; 0 turns the limit off.
    pub rate_limit: u32,
    pub rate_burst: u32,
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

pub const DEFAULT_DATABASE_URL: &str = "postgres://orders@127.0.0.1:5432/orders";
pub const DEFAULT_TEMPORAL_ADDRESS: &str = "127.0.0.1:7233";

impl Settings {
    pub fn from_env() -> Result<Self> {
        Ok(Self {
            database_url: var_or("DATABASE_URL", DEFAULT_DATABASE_URL),
            db_pool_size: parse_var("ORDERS_DB_POOL_SIZE", "16", usize::from_str)?,
            db_timeout: parse_var("ORDERS_DB_TIMEOUT", "5s", parse_duration)?,
            http_addr: parse_var("ORDERS_HTTP_ADDR", "127.0.0.1:8080", SocketAddr::from_str)?,
            task_queue: var_or("ORDERS_TASK_QUEUE", "order-processing"),
            processing_delay: parse_var("ORDER_PROCESSING_DELAY", "5s", parse_duration)?,
            max_body_bytes: parse_var("ORDERS_MAX_BODY_BYTES", "65536", usize::from_str)?,
            shutdown_grace: parse_var("ORDERS_SHUTDOWN_GRACE", "10s", parse_duration)?,
            idempotency_ttl: parse_var("ORDERS_IDEMPOTENCY_TTL", "24h", |raw| {
                // Keys are kept by whole seconds: below one, every key would expire at once.
                parse_duration(raw).map_err(|e| e.to_string()).and_then(|ttl| {
                    if ttl < Duration::from_secs(1) {
                        Err("must be at least 1s".to_owned())
                    } else {
                        Ok(ttl)
                    }
                })
            })?,
            outbox_sweep: parse_var("ORDERS_OUTBOX_SWEEP", "2s", parse_duration)?,
            temporal_timeout: parse_var("ORDERS_TEMPORAL_TIMEOUT", "5s", parse_duration)?,
            temporal_metrics_addr: parse_var("ORDERS_TEMPORAL_METRICS_ADDR", "127.0.0.1:0", SocketAddr::from_str)?,
            auth_enabled: parse_var("ORDERS_AUTH", "jwt", |v| match v {
                "jwt" => Ok(true),
                "off" => Ok(false),
                other => Err(format!("{other} is neither `jwt` nor `off`")),
            })?,
            auth: {
                let (hs256_secret, jwks) = crate::auth::load_keys(
                    env::var("ORDERS_JWT_SECRET").ok().filter(|v| !v.is_empty()),
                    env::var("ORDERS_JWT_SECRET_FILE").ok().filter(|v| !v.is_empty()),
                    env::var("ORDERS_JWKS_FILE").ok().filter(|v| !v.is_empty()),
                )?;
                crate::auth::AuthSettings {
                    hs256_secret,
                    jwks,
                    issuer: var_or("ORDERS_JWT_ISSUER", "orders"),
                    audience: var_or("ORDERS_JWT_AUDIENCE", "orders-api"),
                    leeway: parse_var("ORDERS_JWT_LEEWAY", "30s", parse_duration)?,
                }
            },
            rate_limit: parse_var("ORDERS_RATE_LIMIT", "100", u32::from_str)?,
            rate_burst: parse_var("ORDERS_RATE_BURST", "200", u32::from_str)?,
            max_header_bytes: parse_var("ORDERS_MAX_HEADER_BYTES", "16384", usize::from_str)?,
            request_timeout: parse_var("ORDERS_REQUEST_TIMEOUT", "30s", parse_duration)?,
            max_connections: parse_var("ORDERS_MAX_CONNECTIONS", "1024", usize::from_str)?,
            stuck_check_interval: parse_var("ORDERS_STUCK_CHECK_INTERVAL", "60s", parse_duration)?,
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

fn var_or(name: &str, default: &str) -> String {
    env::var(name).ok().filter(|v| !v.is_empty()).unwrap_or_else(|| default.to_owned())
}

fn parse_var<T, E: std::fmt::Display>(name: &str, default: &str, parse: impl Fn(&str) -> Result<T, E>) -> Result<T> {
    let raw = var_or(name, default);
    parse(&raw).map_err(|e| anyhow!("{e}")).with_context(|| format!("{name}={raw:?} is not valid"))
}

/// Durations as people write them: `5s`, `200ms`, `1m 30s`.
pub fn parse_duration(raw: &str) -> Result<Duration, humantime::DurationError> {
    humantime::parse_duration(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_accept_the_documented_forms() {
        assert_eq!(parse_duration("5s").unwrap(), Duration::from_secs(5));
        assert_eq!(parse_duration("200ms").unwrap(), Duration::from_millis(200));
        assert!(parse_duration("five").is_err());
    }

    #[test]
    fn an_idempotency_ttl_below_one_second_is_refused() {
        // The only test that touches this variable.
        env::set_var("ORDERS_IDEMPOTENCY_TTL", "500ms");
        let err = Settings::from_env().err().expect("refused");
        env::remove_var("ORDERS_IDEMPOTENCY_TTL");
        assert!(format!("{err:#}").contains("ORDERS_IDEMPOTENCY_TTL=\"500ms\""), "{err:#}");
    }

    #[test]
    fn a_bad_value_names_its_variable() {
        let err = parse_var("ORDERS_X", "abc", usize::from_str).unwrap_err();
        assert!(format!("{err:#}").contains("ORDERS_X=\"abc\""), "{err:#}");
    }
}
