//! The order workflow and its activities, side by side: the workflow decides what happens to an
//! order and when; each activity is one database change it asks for.
//!
//! Names are pinned (`OrderWorkflow`, `MarkOrderProcessing`, `MarkOrderCompleted`) so that the
//! `temporal` CLI, the Web UI and clients in other languages can address them.

mod activities;
pub mod outbox;

use std::time::Duration;

use serde::{Deserialize, Serialize};
use temporalio_macros::{workflow, workflow_methods};
use temporalio_sdk::{ActivityOptions, WorkflowContext, WorkflowContextView, WorkflowResult};

pub use activities::OrderActivities;
pub use outbox::{OutboxDispatcher, WorkflowStarter};

/// What the API sends when it starts an order's workflow. The delay travels in the input (and so
/// in the history) rather than being read by the worker: workflow code must be deterministic.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OrderWorkflowInput {
    pub order_id: i64,
    pub processing_delay_ms: u64,
}

/// How the workflow ended: the order's final status, or `deleted` when the order was removed
/// while it was being processed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderWorkflowOutcome {
    pub order_id: i64,
    pub status: String,
}

pub fn workflow_id(order_id: i64) -> String {
    format!("order-{order_id}")
}

#[workflow]
#[derive(Default)]
pub struct OrderWorkflow {
    /// What the workflow is doing now, for the `current_step` query.
    step: &'static str,
}

#[workflow_methods]
impl OrderWorkflow {
    /// `pending` -> `processing`, wait, -> `completed`. Each step is guarded in SQL, so a retried
    /// activity never moves an order backwards; if a step finds the order elsewhere (changed by
    /// a client) or gone, the workflow ends there with that status.
    #[run(name = "OrderWorkflow")]
    pub async fn run(
        ctx: &mut WorkflowContext<Self>,
        input: OrderWorkflowInput,
    ) -> WorkflowResult<OrderWorkflowOutcome> {
        let order_id = input.order_id;
        let outcome = |status: Option<String>| OrderWorkflowOutcome {
            order_id,
            status: status.unwrap_or_else(|| "deleted".to_owned()),
        };

        ctx.state_mut(|s| s.step = "marking-processing");
        let status = ctx
            .execute_activity(OrderActivities::mark_processing, order_id, step_options())
            .await?;
        if status.as_deref() != Some("processing") {
            ctx.state_mut(|s| s.step = "done");
            return Ok(outcome(status));
        }

        ctx.state_mut(|s| s.step = "processing");
        ctx.timer(Duration::from_millis(input.processing_delay_ms)).await;

        ctx.state_mut(|s| s.step = "marking-completed");
        let status = ctx
            .execute_activity(OrderActivities::mark_completed, order_id, step_options())
            .await?;
        ctx.state_mut(|s| s.step = "done");
        Ok(outcome(status))
    }

    /// `temporal workflow query -w order-{id} --type current_step`
    #[query(name = "current_step")]
    pub fn current_step(&self, _ctx: &WorkflowContextView) -> String {
        self.step.to_owned()
    }
}

/// A status update is one short statement; the default retry policy (unbounded, exponential
/// backoff up to 100 s) keeps retrying through a database outage until PostgreSQL is back.
fn step_options() -> ActivityOptions {
    ActivityOptions::start_to_close_timeout(Duration::from_secs(10))
}
