//! How the API talks to order workflows: start one, cancel one, ask one what it is doing.
//! Every call is bounded by a timeout, so a Temporal outage slows nothing down for long.

use std::time::Duration;

use anyhow::{Result, bail};
use tracing::Instrument;
use temporalio_client::{
    Client, WorkflowExecuteUpdateOptions, WorkflowIdConflictPolicy, WorkflowIdReusePolicy,
    WorkflowQueryOptions, WorkflowStartOptions, errors::WorkflowStartError,
};

use super::{CancelRequest, OrderWorkflow, OrderWorkflowInput, workflow_id};

#[derive(Clone)]
pub struct OrderWorkflows {
    pub client: Client,
    pub task_queue: String,
    pub processing_delay: Duration,
    pub timeout: Duration,
}

impl OrderWorkflows {
    /// Starts the order's workflow; `Ok` also when it exists already (running or finished).
    /// `request_id`: the request that created the order, carried into the workflow's logs.
    pub async fn start(&self, order_id: i64, request_id: Option<String>) -> Result<()> {
        let input = OrderWorkflowInput {
            order_id,
            processing_delay_ms: self.processing_delay.as_millis() as u64,
            request_id,
        };
        let options = WorkflowStartOptions::new(self.task_queue.clone(), workflow_id(order_id))
            .id_conflict_policy(WorkflowIdConflictPolicy::UseExisting)
            .id_reuse_policy(WorkflowIdReusePolicy::RejectDuplicate)
            .build();
        let start = self
            .client
            .start_workflow(OrderWorkflow::run, input, options)
            .instrument(tracing::info_span!("temporal.start_workflow", workflow.id = %workflow_id(order_id)));
        match tokio::time::timeout(self.timeout, start).await {
            Ok(Ok(_)) | Ok(Err(WorkflowStartError::AlreadyStarted { .. })) => Ok(()),
            Ok(Err(e)) => Err(e.into()),
            Err(_) => bail!("Temporal did not answer within {:?}", self.timeout),
        }
    }

    /// Asks the workflow to cancel the order and waits for its decision: the order's final
    /// status (`cancelled`, or `completed` if completion won the race, or `deleted`).
    ///
    /// A Workflow Update rather than a signal: the caller learns the outcome, and the workflow
    /// alone decides it, after undoing its steps. The order may still be waiting in the outbox
    /// for its workflow: then the workflow is started first (idempotently) and asked again.
    pub async fn cancel(&self, order_id: i64, request: CancelRequest) -> Result<String> {
        match self.send_cancel(order_id, request.clone()).await {
            Ok(status) => Ok(status),
            Err(first) => {
                self.start(order_id, None).await?;
                self.send_cancel(order_id, request).await.map_err(|e| first.context(e))
            }
        }
    }

    async fn send_cancel(&self, order_id: i64, request: CancelRequest) -> Result<String> {
        let handle = self.client.get_workflow_handle::<OrderWorkflow>(workflow_id(order_id));
        let update = handle
            .execute_update(OrderWorkflow::cancel, request, WorkflowExecuteUpdateOptions::default())
            .instrument(tracing::info_span!("temporal.update", workflow.id = %workflow_id(order_id), update = "cancel"));
        // Cancelling runs compensations and an activity: give it a few Temporal round trips.
        match tokio::time::timeout(self.timeout * 3, update).await {
            Ok(result) => Ok(result?),
            Err(_) => bail!("the order's workflow did not answer within {:?}", self.timeout * 3),
        }
    }

    /// The workflow's `current_step` query, or `None` when it cannot be asked right now.
    pub async fn current_step(&self, order_id: i64) -> Option<String> {
        let handle = self.client.get_workflow_handle::<OrderWorkflow>(workflow_id(order_id));
        let query = handle
            .query(OrderWorkflow::current_step, (), WorkflowQueryOptions::default())
            .instrument(tracing::info_span!("temporal.query", workflow.id = %workflow_id(order_id), query = "current_step"));
        tokio::time::timeout(Duration::from_millis(500).min(self.timeout), query).await.ok()?.ok()
    }
}
