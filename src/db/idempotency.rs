//! The idempotency keys' housekeeping: a key answers retries for `ORDERS_IDEMPOTENCY_TTL`, then
//! goes. Every API process runs this; the deletes are idempotent, so several at once are harmless.

use std::{future::Future, time::Duration};

use deadpool_postgres::Pool;
use tracing::{info, warn};

use super::idempotency_queries;

/// Removes expired keys every `ttl` (at least every second, at most every minute) until
/// `shutdown`.
pub async fn purge_expired_keys(pool: Pool, ttl: Duration, shutdown: impl Future<Output = ()>) {
    let mut every = tokio::time::interval(ttl.clamp(Duration::from_secs(1), Duration::from_secs(60)));
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            _ = every.tick() => {}
            () = &mut shutdown => return,
        }
        let purged = async {
            let client = pool.get().await?;
            anyhow::Ok(
                idempotency_queries::purge_expired_idempotency_keys().bind(&client, &(ttl.as_secs() as i64)).await?,
            )
        };
        match purged.await {
            Ok(0) => {}
            Ok(n) => info!(purged = n, "expired idempotency keys removed"),
            Err(e) => warn!(error = %e, "could not purge expired idempotency keys"),
        }
    }
}
