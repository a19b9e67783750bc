//! Orders whose workflow ended without finishing them (an operator's `temporal workflow
//! terminate`, a workflow timeout, a bug, a Temporal namespace that lost its history): found by
//! a periodic check in every API process (`orders_workflow_closed_unfinished`, alerted on) and
//! repaired by `orders repair`, which starts their processing again under a new run.

use std::time::Duration;

use anyhow::Result;
use deadpool_postgres::Pool;
use temporalio_client::{errors::WorkflowInteractionError, WorkflowExecutionStatus};
use tracing::{info, warn};

use super::{workflow_id, OrderOrigin, OrderWorkflow, OrderWorkflowClient};
use crate::{db::queries, metrics};

/// Orders checked per pass, oldest first: a stuck order stays among the oldest unfinished ones.
const CHECKED_PER_PASS: i64 = 200;

/// An order that is not final while no workflow runs for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StuckOrder {
    pub order_id: i64,
    pub status: String,
    /// The workflow's status (`Terminated`, `Failed`, ...), or `missing`.
    pub workflow: String,
}

/// The stuck orders among the oldest unfinished ones that are not waiting in the outbox.
pub async fn find_stuck(pool: &Pool, workflows: &OrderWorkflowClient) -> Result<Vec<StuckOrder>> {
    let client = pool.get().await?;
    let unfinished = queries::unfinished_dispatched_orders().bind(&client, &CHECKED_PER_PASS).all().await?;
    drop(client);
    let mut stuck = Vec::new();
    for order in unfinished {
        let handle = workflows.client.get_workflow_handle::<OrderWorkflow>(workflow_id(order.id));
        let workflow = match tokio::time::timeout(workflows.timeout, handle.describe(Default::default())).await {
            Err(_) => anyhow::bail!("Temporal did not answer within {:?}", workflows.timeout),
            Ok(Err(WorkflowInteractionError::NotFound(_))) => "missing".to_owned(),
            Ok(Err(e)) => return Err(e.into()),
            Ok(Ok(described)) if described.status() == WorkflowExecutionStatus::Running => continue,
            Ok(Ok(described)) => format!("{:?}", described.status()),
        };
        // The list was read before the workflow was asked: an order whose workflow moved it on
        // (to a final status) or deleted it meanwhile is not stuck.
        let client = pool.get().await?;
        let now = queries::order_by_id().bind(&client, &order.id).opt().await?;
        if now.is_none_or(|now| now.status != order.status) {
            continue;
        }
        stuck.push(StuckOrder { order_id: order.id, status: order.status, workflow });
    }
    Ok(stuck)
}

/// Keeps `orders_workflow_closed_unfinished` current, every `every`.
pub async fn watch(pool: Pool, workflows: OrderWorkflowClient, every: Duration) {
    let mut tick = tokio::time::interval(every);
    loop {
        tick.tick().await;
        match find_stuck(&pool, &workflows).await {
            Ok(stuck) => {
                for order in &stuck {
                    warn!(order_id = order.order_id, status = %order.status, workflow = %order.workflow,
                        "order is not final but its workflow is not running: run `orders repair`");
                }
                metrics::get().workflow_closed_unfinished.set(stuck.len() as i64);
            }
            Err(e) => warn!(error = %e, "stuck-order check failed; retrying later"),
        }
    }
}

/// Starts a new run of each stuck order's workflow (the steps are guarded, so the new run picks
/// up where the order is). Returns the orders it restarted.
pub async fn repair(pool: &Pool, workflows: &OrderWorkflowClient) -> Result<Vec<StuckOrder>> {
    let stuck = find_stuck(pool, workflows).await?;
    for order in &stuck {
        let client = pool.get().await?;
        let origin = queries::order_origin().bind(&client, &order.order_id).one().await?;
        drop(client);
        let with_items = origin.with_items;
        workflows
            .restart(order.order_id, &OrderOrigin::new(origin.database_id, origin.order_created_at), with_items)
            .await?;
        info!(order_id = order.order_id, status = %order.status, workflow = %order.workflow, "order's workflow restarted");
    }
    Ok(stuck)
}
