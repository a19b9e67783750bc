//! The activities: each is one guarded SQL statement (`advance_order_status`), so running it
//! twice, or after the order moved on, changes nothing.

use std::sync::Arc;

use deadpool_postgres::Pool;
use temporalio_macros::activities;
use temporalio_sdk::activities::{ActivityContext, ActivityError};
use tracing::info;

use crate::db::queries;

pub struct OrderActivities {
    pub pool: Pool,
}

#[activities]
impl OrderActivities {
    /// `pending` -> `processing`. Returns the order's status afterwards, `None` if it is gone.
    #[activity(name = "MarkOrderProcessing")]
    pub async fn mark_processing(
        self: Arc<Self>,
        _ctx: ActivityContext,
        order_id: i64,
    ) -> Result<Option<String>, ActivityError> {
        self.advance(order_id, "processing", &["pending"]).await
    }

    /// `pending` or `processing` -> `completed`. Returns the status afterwards, `None` if gone.
    #[activity(name = "MarkOrderCompleted")]
    pub async fn mark_completed(
        self: Arc<Self>,
        _ctx: ActivityContext,
        order_id: i64,
    ) -> Result<Option<String>, ActivityError> {
        self.advance(order_id, "completed", &["pending", "processing"]).await
    }
}

impl OrderActivities {
    async fn advance(
        &self,
        order_id: i64,
        to: &str,
        from: &[&str],
    ) -> Result<Option<String>, ActivityError> {
        // Any failure here (pool timeout, lost connection) is retried by Temporal.
        let client = self.pool.get().await.map_err(anyhow::Error::from)?;
        let status = queries::advance_order_status()
            .bind(&client, &to, &order_id, &from)
            .opt()
            .await
            .map_err(anyhow::Error::from)?;
        info!(order_id, to, status = status.as_deref().unwrap_or("deleted"), "order status step");
        Ok(status)
    }
}
