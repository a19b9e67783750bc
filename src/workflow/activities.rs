//! The activities: each is one guarded, recorded SQL statement (`advance_order_status`), so
//! running it twice, or after the order moved on, changes nothing.

use std::sync::Arc;

use deadpool_postgres::Pool;
use serde::{Deserialize, Serialize};
use temporalio_macros::activities;
use temporalio_sdk::activities::{ActivityContext, ActivityError};
use tracing::info;

use crate::{
    db::{self, queries},
    metrics,
};

pub struct OrderActivities {
    pub pool: Pool,
}

/// Which order, and why its status changes (recorded in its history).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StatusChange {
    pub order_id: i64,
    pub reason: String,
    /// The request that caused this change, if one did (recorded in the history).
    pub request_id: Option<String>,
    /// The request that created the order: logged with every step, so one id follows the order.
    #[serde(default)]
    pub correlation_id: Option<String>,
    /// Move the order only if it still has this version (a cancel with `If-Match`).
    #[serde(default)]
    pub expected_version: Option<i64>,
    /// Remove the order once it is final (a `DELETE`).
    #[serde(default)]
    pub delete: bool,
}

impl StatusChange {
    pub fn by_workflow(order_id: i64, step: &str, correlation_id: Option<String>) -> Self {
        Self {
            order_id,
            reason: format!("workflow: {step}"),
            request_id: None,
            correlation_id,
            expected_version: None,
            delete: false,
        }
    }
}

#[activities]
impl OrderActivities {
    /// `pending` -> `processing`. Returns the order's status afterwards, `None` if it is gone.
    #[activity(name = "MarkOrderProcessing")]
    pub async fn mark_processing(
        self: Arc<Self>,
        _ctx: ActivityContext,
        change: StatusChange,
    ) -> Result<Option<String>, ActivityError> {
        self.advance(change, "processing", &["pending"]).await
    }

    /// `processing` -> `completed`. Returns the status afterwards, `None` if gone.
    #[activity(name = "MarkOrderCompleted")]
    pub async fn mark_completed(
        self: Arc<Self>,
        _ctx: ActivityContext,
        change: StatusChange,
    ) -> Result<Option<String>, ActivityError> {
        self.advance(change, "completed", &["processing"]).await
    }

    /// `pending` or `processing` -> `cancelled` (only from `expected_version`, when given).
    /// Returns the status afterwards (still `pending`/`processing` when the version did not
    /// match), `None` if the order is gone. With `delete`, a final order is then removed (and
    /// `None` returned): a retry after a crash in between finds it final and removes it.
    #[activity(name = "MarkOrderCancelled")]
    pub async fn mark_cancelled(
        self: Arc<Self>,
        _ctx: ActivityContext,
        change: StatusChange,
    ) -> Result<Option<String>, ActivityError> {
        let (order_id, delete) = (change.order_id, change.delete);
        let status = self.advance(change, "cancelled", &["pending", "processing"]).await?;
        if !(delete && status.as_deref().is_some_and(|s| s == "cancelled" || s == "completed")) {
            return Ok(status);
        }
        let client = self.pool.get().await.map_err(anyhow::Error::from)?;
        db::traced("delete_order", queries::delete_order().bind(&client, &order_id))
            .await
            .map_err(anyhow::Error::from)?;
        info!(order_id, "order deleted");
        Ok(None)
    }
}

impl OrderActivities {
    async fn advance(&self, change: StatusChange, to: &str, from: &[&str]) -> Result<Option<String>, ActivityError> {
        // Any failure here (pool timeout, lost connection) is retried by Temporal.
        let client = self.pool.get().await.map_err(anyhow::Error::from)?;
        let order_id = change.order_id;
        let result = db::traced(
            "advance_order_status",
            queries::advance_order_status()
                .bind(&client, &order_id, &to, &from, &change.expected_version, &change.reason, &change.request_id)
                .opt(),
        )
        .await
        .map_err(anyhow::Error::from)?;
        let request_id = change.correlation_id.as_deref().unwrap_or("");
        let Some(result) = result else {
            info!(order_id, to, status = "deleted", request_id, "order status step");
            return Ok(None);
        };
        if result.moved {
            let m = metrics::get();
            match to {
                "completed" => {
                    m.orders_completed.inc();
                    let age = chrono::Utc::now().signed_duration_since(result.created_at);
                    m.creation_to_completion.observe(age.num_milliseconds().max(0) as f64 / 1000.0);
                }
                "cancelled" => m.orders_cancelled.inc(),
                _ => {}
            }
        }
        info!(order_id, to, status = %result.status, moved = result.moved, request_id, "order status step");
        Ok(Some(result.status))
    }
}
