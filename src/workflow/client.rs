//! How the API talks to order workflows: start one, cancel one, ask one what it is doing.
//! Every call is bounded by a timeout, so a Temporal outage slows nothing down for long.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::metrics;
use anyhow::{bail, Result};
use temporalio_client::{
    errors::{WorkflowStartError, WorkflowUpdateError},
    Client, WorkflowIdConflictPolicy, WorkflowIdReusePolicy, WorkflowQueryOptions, WorkflowStartOptions,
    WorkflowStartUpdateOptions,
};
use temporalio_common::MemoValues;
use tracing::Instrument;

use super::{
    workflow_id, CancelRequest, OrderWorkflow, OrderWorkflowInput, SagaInput, ShipmentEventAnswer, ShipmentEventRequest,
};

/// How far the clocks of this host and of the Temporal server may differ for a cancel's deadline
/// to hold (see [`OrderWorkflowClient::cancel`]); NTP keeps them far closer.
const CLOCK_SKEW_MARGIN: Duration = Duration::from_secs(1);
/// Temporal's default workflow task timeout, which the starts leave in place: a workflow task
/// that runs longer is timed out and tried again, at a later workflow time.
const WORKFLOW_TASK_TIMEOUT: Duration = Duration::from_secs(10);
/// How long after a request's deadline the API must wait before "not taken up" is certain. The
/// workflow judges the deadline by the start time of the task that takes the request up, and a
/// task started just before the deadline can report its acceptance up to a task timeout later
/// (an overloaded worker): answering 503 sooner could tell a client "nothing changed" about a
/// cancel that then happens. Plus the clock difference allowed between this host and Temporal.
const TAKEN_UP_OR_NEVER: Duration = WORKFLOW_TASK_TIMEOUT.saturating_add(CLOCK_SKEW_MARGIN);

const MEMO_DATABASE_ID: &str = "database_id";
const MEMO_ORDER_CREATED_AT: &str = "order_created_at";

/// What an order's workflow records in its memo, so that `order-{id}` is recognised as this
/// order's: the database's identity (made once by a migration) and the order's creation time,
/// which differ for an order of another database or of this one before a restore.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OrderOrigin {
    pub database_id: String,
    pub order_created_at: String,
}

impl OrderOrigin {
    pub fn new(database_id: String, created_at: chrono::DateTime<chrono::FixedOffset>) -> Self {
        let order_created_at =
            created_at.with_timezone(&chrono::Utc).to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
        Self { database_id, order_created_at }
    }
}

/// The workflow id of an order is held in Temporal by another order's workflow.
#[derive(Debug)]
pub struct WorkflowIdTaken {
    pub workflow_id: String,
    pub ours: OrderOrigin,
    pub theirs: OrderOrigin,
}

impl std::fmt::Display for WorkflowIdTaken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "workflow {} belongs to another order (database {}, order created {}), not to this one \
             (database {}, order created {})",
            self.workflow_id,
            self.theirs.database_id,
            self.theirs.order_created_at,
            self.ours.database_id,
            self.ours.order_created_at
        )
    }
}

impl std::error::Error for WorkflowIdTaken {}

/// What became of a cancel sent to an order's workflow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CancelAnswer {
    /// The workflow's answer: see [`OrderWorkflow::cancel`].
    Decided(String),
    /// The workflow took the request up and will carry it out, but has not finished yet.
    InProgress,
}

#[derive(Clone)]
pub struct OrderWorkflowClient {
    pub client: Client,
    pub task_queue: String,
    pub processing_delay: Duration,
    /// ORDERS_DELIVERY_TIMEOUT, put into the input of orders with items.
    pub delivery_timeout: Duration,
    pub timeout: Duration,
}

impl OrderWorkflowClient {
    /// Starts the order's workflow; `Ok` also when this order's workflow exists already
    /// (running or finished), [`WorkflowIdTaken`] when `order-{id}` belongs to another order.
    /// `request_id`: the request that created the order, carried into the workflow's logs.
    /// `with_items`: the order is processed as the saga.
    pub async fn start(
        &self,
        order_id: i64,
        origin: &OrderOrigin,
        request_id: Option<String>,
        with_items: bool,
    ) -> Result<()> {
        self.start_with(order_id, origin, request_id, with_items, WorkflowIdReusePolicy::RejectDuplicate).await
    }

    /// Starts a new run for an order whose workflow ended without finishing it (see
    /// [`super::repair`]); a running workflow is kept.
    pub async fn restart(&self, order_id: i64, origin: &OrderOrigin, with_items: bool) -> Result<()> {
        self.start_with(order_id, origin, None, with_items, WorkflowIdReusePolicy::AllowDuplicate).await
    }

    async fn start_with(
        &self,
        order_id: i64,
        origin: &OrderOrigin,
        request_id: Option<String>,
        with_items: bool,
        reuse: WorkflowIdReusePolicy,
    ) -> Result<()> {
        let input = OrderWorkflowInput {
            order_id,
            processing_delay_ms: self.processing_delay.as_millis() as u64,
            request_id,
            origin: Some(origin.clone()),
            saga: with_items.then_some(SagaInput { delivery_timeout_ms: self.delivery_timeout.as_millis() as u64 }),
        };
        let mut memo = MemoValues::new();
        memo.insert(MEMO_DATABASE_ID, origin.database_id.clone())
            .insert(MEMO_ORDER_CREATED_AT, origin.order_created_at.clone());
        let options = WorkflowStartOptions::new(self.task_queue.clone(), workflow_id(order_id))
            .id_conflict_policy(WorkflowIdConflictPolicy::Fail)
            .id_reuse_policy(reuse)
            .memo(memo)
            .build();
        let start = self
            .client
            .start_workflow(OrderWorkflow::run, input, options)
            .instrument(tracing::info_span!("temporal.start_workflow", workflow.id = %workflow_id(order_id)));
        let existing = match tokio::time::timeout(self.timeout, start).await {
            Ok(Ok(_)) => {
                metrics::get().workflow_starts.with_label_values(&["started"]).inc();
                return Ok(());
            }
            Ok(Err(WorkflowStartError::AlreadyStarted { .. })) => self.describe_origin(order_id),
            Ok(Err(e)) => return Err(e.into()),
            Err(_) => bail!("Temporal did not answer within {:?}", self.timeout),
        };
        // A workflow with this id exists: this order's (a start retried after a crash, or one
        // that already ran), or another order's that Temporal still holds.
        match tokio::time::timeout(self.timeout, existing).await {
            Ok(Ok(Some(theirs))) if theirs != *origin => {
                Err(WorkflowIdTaken { workflow_id: workflow_id(order_id), ours: origin.clone(), theirs }.into())
            }
            // Ours, or started before workflows recorded their origin: cannot be told apart.
            Ok(Ok(_)) => {
                metrics::get().workflow_starts.with_label_values(&["existing"]).inc();
                Ok(())
            }
            Ok(Err(e)) => Err(e),
            Err(_) => bail!("Temporal did not answer within {:?}", self.timeout),
        }
    }

    /// The origin recorded in the memo of the workflow `order-{id}`, if it has one.
    async fn describe_origin(&self, order_id: i64) -> Result<Option<OrderOrigin>> {
        let handle = self.client.get_workflow_handle::<OrderWorkflow>(workflow_id(order_id));
        let memo = handle.describe(Default::default()).await?.memo();
        let database_id = memo.get::<String>(MEMO_DATABASE_ID)?;
        let order_created_at = memo.get::<String>(MEMO_ORDER_CREATED_AT)?;
        Ok(database_id
            .zip(order_created_at)
            .map(|(database_id, order_created_at)| OrderOrigin { database_id, order_created_at }))
    }

    /// Asks the workflow to cancel (or delete) the order and waits, within bounds, for its
    /// decision.
    ///
    /// A Workflow Update rather than a signal: the caller learns the outcome, and the workflow
    /// alone decides it. The update id comes from the request (`request_id`), so the second
    /// attempt below, or a retry of the same request, is the same update, never a second one.
    /// The request carries a deadline: if Temporal has not handed it to the workflow by then,
    /// the workflow ignores it when it does, and the answer here is an error (nothing changed).
    /// Once the workflow took it up, the answer is its decision, or [`CancelAnswer::InProgress`]
    /// if it takes longer than we wait. An order still waiting in the outbox for its workflow
    /// gets it started first (idempotently).
    pub async fn cancel(
        &self,
        order_id: i64,
        origin: &OrderOrigin,
        with_items: bool,
        mut request: CancelRequest,
    ) -> Result<CancelAnswer> {
        request.origin = Some(origin.clone());
        let deadline = SystemTime::now() + self.timeout;
        request.deadline_unix_ms = Some(deadline.duration_since(UNIX_EPOCH)?.as_millis() as u64);
        let update_id = format!(
            "{}-{}",
            if request.delete { "delete" } else { "cancel" },
            request.request_id.as_deref().unwrap_or("anonymous")
        );
        let give_up = Instant::now() + self.timeout + TAKEN_UP_OR_NEVER;
        let handle = self.client.get_workflow_handle::<OrderWorkflow>(workflow_id(order_id));
        let options = || WorkflowStartUpdateOptions::builder().update_id(update_id.clone()).build();
        let span = || tracing::info_span!("temporal.update", workflow.id = %workflow_id(order_id), update = "cancel");
        let started = async {
            match handle.start_update(OrderWorkflow::cancel, request.clone(), options()).instrument(span()).await {
                Err(WorkflowUpdateError::NotFound(_)) => {
                    self.start(order_id, origin, request.request_id.clone(), with_items).await?;
                    Ok(handle
                        .start_update(OrderWorkflow::cancel, request.clone(), options())
                        .instrument(span())
                        .await?)
                }
                other => Ok::<_, anyhow::Error>(other?),
            }
        };
        let update = match tokio::time::timeout_at(give_up.into(), started).await {
            Ok(update) => update?,
            Err(_) => bail!("the order's workflow did not take the request up within {:?}", self.timeout),
        };
        // Cancelling runs compensations and an activity: give it a few Temporal round trips.
        match tokio::time::timeout(self.timeout * 2, update.get_result(Default::default())).await {
            Ok(outcome) => Ok(CancelAnswer::Decided(outcome?)),
            Err(_) => Ok(CancelAnswer::InProgress),
        }
    }

    /// Sends a carrier's event to the order's workflow (an update with the request's id, so a
    /// retried request is the same update) and waits, within bounds, for its answer; `None` when
    /// the workflow took it up but has not finished carrying it out.
    pub async fn shipment_event(
        &self,
        order_id: i64,
        origin: &OrderOrigin,
        mut request: ShipmentEventRequest,
    ) -> Result<Option<ShipmentEventAnswer>> {
        request.origin = Some(origin.clone());
        let deadline = SystemTime::now() + self.timeout;
        request.deadline_unix_ms = Some(deadline.duration_since(UNIX_EPOCH)?.as_millis() as u64);
        let update_id =
            format!("shipment-{}-{}", request.status.as_str(), request.request_id.as_deref().unwrap_or("anonymous"));
        let give_up = Instant::now() + self.timeout + TAKEN_UP_OR_NEVER;
        let handle = self.client.get_workflow_handle::<OrderWorkflow>(workflow_id(order_id));
        let options = WorkflowStartUpdateOptions::builder().update_id(update_id).build();
        let started = handle.start_update(OrderWorkflow::shipment_event, request, options).instrument(
            tracing::info_span!("temporal.update", workflow.id = %workflow_id(order_id), update = "shipment_event"),
        );
        let update = match tokio::time::timeout_at(give_up.into(), started).await {
            Ok(update) => update?,
            Err(_) => bail!("the order's workflow did not take the event up within {:?}", self.timeout),
        };
        match tokio::time::timeout(self.timeout * 2, update.get_result(Default::default())).await {
            Ok(answer) => Ok(Some(answer?)),
            Err(_) => Ok(None),
        }
    }

    /// The workflow's `current_step` query, or `None` when it cannot be asked right now.
    pub async fn current_step(&self, order_id: i64) -> Option<String> {
        let handle = self.client.get_workflow_handle::<OrderWorkflow>(workflow_id(order_id));
        let query = handle.query(OrderWorkflow::current_step, (), WorkflowQueryOptions::default()).instrument(
            tracing::info_span!("temporal.query", workflow.id = %workflow_id(order_id), query = "current_step"),
        );
        tokio::time::timeout(Duration::from_millis(500).min(self.timeout), query).await.ok()?.ok()
    }
}
