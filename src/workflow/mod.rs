//! The order workflow and its activities, side by side: the workflow decides what happens to an
//! order and when; each activity is one guarded, recorded status change it asks for.
//!
//! Names are pinned (`OrderWorkflow`, its `cancel` update and `current_step` query, the
//! `MarkOrder*` activities) so that the `temporal` CLI, the Web UI and clients in other languages
//! can address them. A change to this file that would alter the commands of a running order
//! breaks replay: see "Changing the workflow" in README.md.

mod activities;
mod client;
pub mod outbox;

use std::time::Duration;

use futures::future::LocalBoxFuture;
use serde::{Deserialize, Serialize};
use temporalio_macros::{workflow, workflow_methods};
use temporalio_sdk::{
    ActivityExecutionError, ActivityOptions, TimerResult, WaitConditionOptions, WorkflowCancellationToken,
    WorkflowContext, WorkflowContextView, WorkflowResult,
};

pub use activities::{OrderActivities, StatusChange};
pub use client::OrderWorkflows;
pub use outbox::OutboxDispatcher;

/// What the API sends when it starts an order's workflow. The delay travels in the input (and so
/// in the history) rather than being read by the worker: workflow code must be deterministic.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OrderWorkflowInput {
    pub order_id: i64,
    pub processing_delay_ms: u64,
    /// The id of the request that created the order, logged by every step.
    #[serde(default)]
    pub request_id: Option<String>,
}

/// How the workflow ended: the order's final status (`completed` or `cancelled`), or `deleted`
/// when the order was removed while it was being processed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderWorkflowOutcome {
    pub order_id: i64,
    pub status: String,
}

/// A client's cancel, sent as the `cancel` update.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancelRequest {
    pub reason: String,
    pub request_id: Option<String>,
}

pub const DELETED: &str = "deleted";

pub fn workflow_id(order_id: i64) -> String {
    format!("order-{order_id}")
}

#[workflow]
#[derive(Default)]
pub struct OrderWorkflow {
    /// What the workflow is doing now, for the `current_step` query.
    step: &'static str,
    /// Set by the `cancel` update; the first request wins.
    cancel: Option<CancelRequest>,
    /// The order's final status once the workflow has decided it; `cancel` updates wait for it.
    final_status: Option<String>,
}

/// Where processing stopped.
enum Processing {
    /// The order reached this status (or is gone) on its own.
    Finished(String),
    /// A cancel arrived before the order completed.
    CancelRequested,
}

#[workflow_methods]
impl OrderWorkflow {
    /// `pending` -> `processing`, wait, -> `completed`, unless a cancel arrives first: then the
    /// steps done so far are compensated, in reverse, and the order becomes `cancelled`. Each
    /// status change is a guarded SQL update, so whichever of completion and cancellation reaches
    /// the database first wins, and both the workflow's result and the order's history say so.
    #[run(name = "OrderWorkflow")]
    pub async fn run(
        ctx: &mut WorkflowContext<Self>,
        input: OrderWorkflowInput,
    ) -> WorkflowResult<OrderWorkflowOutcome> {
        let order_id = input.order_id;
        let mut compensations = Compensations::default();
        let status = match Self::process(ctx, &input, &mut compensations).await? {
            Processing::Finished(status) => status,
            Processing::CancelRequested => {
                ctx.state_mut(|s| s.step = "cancelling");
                compensations.run_in_reverse().await;
                let request = ctx.state(|s| s.cancel.clone()).unwrap_or_else(|| CancelRequest {
                    reason: "workflow cancelled in Temporal".to_owned(),
                    request_id: None,
                });
                let change = StatusChange {
                    order_id,
                    reason: format!("cancelled: {}", request.reason),
                    request_id: request.request_id,
                    correlation_id: input.request_id.clone(),
                };
                // Detached from workflow cancellation: recording the cancel must happen even
                // when it came as a Temporal cancellation.
                ctx.execute_activity(OrderActivities::mark_cancelled, change, detached(step_options()))
                    .await?
                    .unwrap_or_else(|| DELETED.to_owned())
            }
        };
        ctx.state_mut(|s| {
            s.step = "done";
            s.final_status = Some(status.clone());
        });
        // Let pending `cancel` updates return the final status before the workflow closes.
        let view = ctx.clone();
        let wait = WaitConditionOptions::builder().cancellation_token(WorkflowCancellationToken::new()).build();
        let _ = ctx.wait_condition_with_options(move |_| view.all_handlers_finished(), wait).await;
        Ok(OrderWorkflowOutcome { order_id, status })
    }

    async fn process(
        ctx: &mut WorkflowContext<Self>,
        input: &OrderWorkflowInput,
        _compensations: &mut Compensations,
    ) -> WorkflowResult<Processing> {
        let order_id = input.order_id;
        let cancel_requested = |ctx: &WorkflowContext<Self>| {
            ctx.state(|s| s.cancel.is_some()) || ctx.cancellation_token().is_cancelled()
        };

        ctx.state_mut(|s| s.step = "marking-processing");
        let change = StatusChange::by_workflow(order_id, "MarkOrderProcessing", input.request_id.clone());
        let status = match ctx.execute_activity(OrderActivities::mark_processing, change, step_options()).await {
            Err(ActivityExecutionError::Cancelled(_)) => return Ok(Processing::CancelRequested),
            other => other?,
        };
        match status.as_deref() {
            // A cancel that won the race to the database: nothing was done to compensate.
            Some("processing") => {}
            Some(other) => return Ok(Processing::Finished(other.to_owned())),
            None => return Ok(Processing::Finished(DELETED.to_owned())),
        }
        // Steps with side effects (payment, inventory) register their undo here, e.g.
        // `compensations.push(ctx.execute_activity(Acts::refund, ..))`, as each completes.

        ctx.state_mut(|s| s.step = "processing");
        let delay = Duration::from_millis(input.processing_delay_ms);
        let timer_fired = temporalio_sdk::workflows::select! {
            fired = ctx.timer(delay) => fired == TimerResult::Fired,
            _ = ctx.wait_condition(|s| s.cancel.is_some()) => false,
        };
        if !timer_fired || cancel_requested(ctx) {
            return Ok(Processing::CancelRequested);
        }

        ctx.state_mut(|s| s.step = "marking-completed");
        let change = StatusChange::by_workflow(order_id, "MarkOrderCompleted", input.request_id.clone());
        let status = match ctx.execute_activity(OrderActivities::mark_completed, change, step_options()).await {
            Err(ActivityExecutionError::Cancelled(_)) => return Ok(Processing::CancelRequested),
            other => other?,
        };
        Ok(Processing::Finished(status.unwrap_or_else(|| DELETED.to_owned())))
    }

    /// Cancels the order, unless the workflow already decided otherwise; returns the order's
    /// final status either way (`cancelled`, `completed`, or `deleted`).
    #[update(name = "cancel")]
    pub async fn cancel(ctx: &mut WorkflowContext<Self>, request: CancelRequest) -> String {
        ctx.state_mut(|s| {
            if s.final_status.is_none() && s.cancel.is_none() {
                s.cancel = Some(request);
            }
        });
        let wait = WaitConditionOptions::builder().cancellation_token(WorkflowCancellationToken::new()).build();
        let _ = ctx.wait_condition_with_options(|s| s.final_status.is_some(), wait).await;
        ctx.state(|s| s.final_status.clone().unwrap_or_default())
    }

    /// `temporal workflow query -w order-{id} --type current_step`
    #[query(name = "current_step")]
    pub fn current_step(&self, _ctx: &WorkflowContextView) -> String {
        self.step.to_owned()
    }
}

/// Undo actions registered as steps complete, run in reverse when the order is cancelled.
#[derive(Default)]
struct Compensations(Vec<LocalBoxFuture<'static, ()>>);

impl Compensations {
    #[allow(dead_code)] // the first compensable step (payment, inventory) will use it
    fn push(&mut self, undo: impl std::future::Future<Output = ()> + 'static) {
        self.0.push(Box::pin(undo));
    }

    async fn run_in_reverse(self) {
        for undo in self.0.into_iter().rev() {
            undo.await;
        }
    }
}

/// A status update is one short statement; the default retry policy (unbounded, exponential
/// backoff up to 100 s) keeps retrying through a database outage until PostgreSQL is back.
fn step_options() -> ActivityOptions {
    ActivityOptions::start_to_close_timeout(Duration::from_secs(10))
}

fn detached(mut options: ActivityOptions) -> ActivityOptions {
    options.cancellation_token = Some(WorkflowCancellationToken::new());
    options
}

/// Workflow changes cannot break running orders: histories recorded from real runs
/// (`make record-histories`, into tests/fixtures/histories) must replay against this code.
#[cfg(test)]
mod replay {
    use std::{fs, path::Path};

    use prost::Message;
    use temporalio_client::WorkflowHistory;
    use temporalio_common::protos::temporal::api::history::v1::History;
    use temporalio_sdk::workflow_replayer::{WorkflowReplayer, WorkflowReplayerOptions};

    use super::OrderWorkflow;

    #[tokio::test]
    async fn recorded_histories_replay_against_the_current_workflow() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/histories");
        let mut files: Vec<_> = fs::read_dir(&dir)
            .expect("tests/fixtures/histories")
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "binpb"))
            .collect();
        files.sort();
        assert!(files.len() >= 3, "expected recorded histories in {}", dir.display());
        let options = WorkflowReplayerOptions::new().register_workflow::<OrderWorkflow>().unwrap().build();
        let replayer = WorkflowReplayer::new(options).unwrap();
        for file in files {
            let history = History::decode(fs::read(&file).unwrap().as_slice()).unwrap();
            let history = WorkflowHistory::from(history);
            if let Err(e) = replayer.replay_workflow(history).await {
                panic!("{} no longer replays: {e}\nversion the change with ctx.patched(..) (see README)", file.display());
            }
        }
    }
}
