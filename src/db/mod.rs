//! Database access: the connection pool, the migrations, and how database failures are told
//! apart. The queries themselves are SQL in `sql/queries/`, compiled to `orders_db` by cornucopia.

pub mod idempotency;
pub mod migrate;

use std::{str::FromStr, time::Duration};

use anyhow::{Context, Result};
use deadpool_postgres::{Manager, ManagerConfig, Pool, PoolError, RecyclingMethod, Runtime};
use tokio_postgres::{error::SqlState, NoTls};

pub use orders_db::queries::{
    catalog as catalog_queries, idempotency as idempotency_queries, metrics as metrics_queries, orders as queries,
    outbox as outbox_queries, saga as saga_queries,
};

/// Runs one query inside its own `db.query` span (exported as a trace span when tracing is on).
pub async fn traced<F: std::future::Future>(name: &'static str, query: F) -> F::Output {
    use tracing::Instrument;
    query.instrument(tracing::info_span!("db.query", db.system = "postgresql", db.operation.name = name)).await
}

pub fn pool(url: &str, size: usize, timeout: Duration) -> Result<Pool> {
    let mut config = tokio_postgres::Config::from_str(url).context("DATABASE_URL is not a valid PostgreSQL URL")?;
    config.connect_timeout(timeout);
    let manager = Manager::from_config(config, NoTls, ManagerConfig { recycling_method: RecyclingMethod::Fast });
    Ok(Pool::builder(manager)
        .max_size(size)
        .runtime(Runtime::Tokio1)
        // Bounded waits: while PostgreSQL is down a request fails fast instead of hanging.
        .wait_timeout(Some(timeout))
        .create_timeout(Some(timeout))
        .recycle_timeout(Some(timeout))
        .build()?)
}

/// What a failed database call means for the client.
#[derive(Debug)]
pub enum DbFailure {
    /// PostgreSQL cannot be reached or is shutting down: retry later (503).
    Unavailable(String),
    /// The database refused the data (a constraint): the request is at fault (422).
    Refused(String),
    /// Anything else is a bug (500).
    Unexpected(String),
}

impl From<PoolError> for DbFailure {
    fn from(e: PoolError) -> Self {
        match e {
            PoolError::Backend(e) => e.into(),
            other => DbFailure::Unavailable(format!("no database connection: {other}")),
        }
    }
}

impl From<tokio_postgres::Error> for DbFailure {
    fn from(e: tokio_postgres::Error) -> Self {
        let Some(db) = e.as_db_error() else {
            // No answer from the server at all: the connection is gone.
            return DbFailure::Unavailable(format!("database connection failed: {e}"));
        };
        let code = db.code();
        if code.code().starts_with("23") {
            DbFailure::Refused(db.message().to_owned())
        } else if code.code().starts_with("08")
            || code.code().starts_with("57")
            || *code == SqlState::TOO_MANY_CONNECTIONS
        {
            DbFailure::Unavailable(format!("database unavailable: {}", db.message()))
        } else {
            DbFailure::Unexpected(format!("database error {}: {}", code.code(), db.message()))
        }
    }
}
