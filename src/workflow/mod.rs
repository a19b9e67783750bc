//! The order workflow and its activities, side by side: the workflow decides what happens to an
//! order and when; each activity is one guarded, recorded status change it asks for.
//!
//! Names are pinned (`OrderWorkflow`, its `cancel` update and `current_step` query, the
//! `MarkOrder*` activities) so that the `temporal` CLI, the Web UI and clients in other languages
//! can address them. A change to this file that would alter the commands of a running order
//! breaks replay: see "Changing the workflow" in README.md.

mod activities;
mod client;
#[cfg(test)]
mod decision_tests;
pub mod outbox;
pub mod repair;
mod saga;

use std::{
    collections::{BTreeMap, VecDeque},
    time::Duration,
};

use serde::{Deserialize, Serialize};
use temporalio_macros::{workflow, workflow_methods};
use temporalio_sdk::{
    ActivityExecutionError, ActivityOptions, TimerResult, WaitConditionOptions, WorkflowCancellationToken,
    WorkflowContext, WorkflowContextView, WorkflowResult,
};

use crate::domain::OrderStatus;
pub use activities::{OrderActivities, SagaActivities, StatusChange};
pub use client::{CancelAnswer, OrderOrigin, OrderWorkflowClient, WorkflowIdTaken};
pub use outbox::OutboxDispatcher;
pub use saga::{ShipmentEventAnswer, ShipmentEventRequest};

/// What the API sends when it starts an order's workflow. The delay travels in the input (and so
/// in the history) rather than being read by the worker: workflow code must be deterministic.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OrderWorkflowInput {
    pub order_id: i64,
    pub processing_delay_ms: u64,
    /// The id of the request that created the order, logged by every step.
    #[serde(default)]
    pub request_id: Option<String>,
    /// Which order this workflow is for (also in its memo): a cancel meant for another order
    /// with the same id (another database's) is refused. Absent in runs started before it.
    #[serde(default)]
    pub origin: Option<OrderOrigin>,
    /// Present for an order with items: it is processed as the saga (see `saga.rs`) instead of
    /// the seed's wait. Absent in runs started before the saga existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saga: Option<SagaInput>,
}

/// What the saga needs to know that must not be read by the worker (determinism).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SagaInput {
    /// ORDERS_DELIVERY_TIMEOUT: after the shipment is booked, how long before the order is
    /// flagged overdue.
    pub delivery_timeout_ms: u64,
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
    /// `If-Match`: cancel only if the order still has this version when the cancel takes effect.
    #[serde(default)]
    pub expected_version: Option<i64>,
    /// `DELETE`: remove the order once it is cancelled (or final already).
    #[serde(default)]
    pub delete: bool,
    /// Unix milliseconds after which the request is ignored: the API answers 503 ("nothing was
    /// changed") once it stops waiting, so a request the workflow takes up later must not act.
    #[serde(default)]
    pub deadline_unix_ms: Option<u64>,
    /// The order the request is for; a workflow of another order with the same id refuses it.
    #[serde(default)]
    pub origin: Option<OrderOrigin>,
}

impl CancelRequest {
    /// A cancel with no version condition; the API sets the deadline when it sends it.
    pub fn new(reason: &str, request_id: Option<String>) -> Self {
        Self {
            reason: reason.to_owned(),
            request_id,
            expected_version: None,
            delete: false,
            deadline_unix_ms: None,
            origin: None,
        }
    }
}

/// What a `cancel` update answers (the order's final status, or why the cancel did not act).
pub mod cancel_outcome {
    pub const CANCELLED: &str = "cancelled";
    /// The order is gone (deleted by this request or before it).
    pub const DELETED: &str = super::DELETED;
    /// `expected_version` did not match: the order changed; nothing was cancelled.
    pub const STALE: &str = "stale";
    /// The request reached the workflow after its deadline; nothing was cancelled.
    pub const EXPIRED: &str = "expired";
    /// The request was for another order with the same id (another database's); nothing was
    /// cancelled.
    pub const OTHER_ORDER: &str = "other-order";
    /// The order was shipped already: too late to cancel; nothing was changed.
    pub const SHIPPED: &str = "shipped";
}

pub const DELETED: &str = "deleted";

/// Recorded by runs that check for a cancel before every step (histories recorded before it
/// skip those checks when replayed, see "Changing the workflow" in README.md).
const CANCEL_AT_EVERY_STEP: &str = "cancel-at-every-step";

/// Recorded by runs that process an order with items as the saga.
const ORDER_SAGA: &str = "order-saga";

pub fn workflow_id(order_id: i64) -> String {
    format!("order-{order_id}")
}

#[workflow]
#[derive(Default)]
pub struct OrderWorkflow {
    /// What the workflow is doing now, for the `current_step` query.
    step: &'static str,
    /// Cancels waiting to be decided, in arrival order, each with the ticket its update waits on.
    cancels: VecDeque<(u32, CancelRequest)>,
    /// Answers for cancels that were decided without ending the order (a stale `If-Match`).
    answers: BTreeMap<u32, &'static str>,
    next_ticket: u32,
    /// The order's final status once the workflow has decided it; `cancel` updates wait for it.
    final_status: Option<String>,
    /// The saga's shipment, as the carrier's accepted events left it; `None` before booking.
    shipment: Option<saga::ShipmentProgress>,
    /// Carrier events accepted and waiting to be carried out, each with its ticket.
    carrier_events: VecDeque<(u32, ShipmentEventRequest)>,
    /// Answers for carrier events once carried out.
    carrier_answers: BTreeMap<u32, ShipmentEventAnswer>,
    /// A cancellation requested in Temporal that came too late (the order shipped): not
    /// decided again.
    temporal_cancel_refused: bool,
    /// The order this workflow is for (from its input), to refuse another order's requests.
    origin: Option<OrderOrigin>,
}

#[workflow_methods]
impl OrderWorkflow {
    /// `pending` -> `processing`, wait, -> `completed`, unless a cancel takes effect first: then
    /// the order becomes `cancelled` and the steps done so far are compensated, in reverse. Each
    /// status change is a guarded SQL update, so whichever of completion and cancellation reaches
    /// the database first wins, and both the workflow's result and the order's history say so.
    #[run(name = "OrderWorkflow")]
    pub async fn run(
        ctx: &mut WorkflowContext<Self>,
        input: OrderWorkflowInput,
    ) -> WorkflowResult<OrderWorkflowOutcome> {
        let order_id = input.order_id;
        ctx.state_mut(|s| s.origin = input.origin.clone());
        let mut compensations = saga::Compensations::default();
        let status = Self::process(ctx, &input, &mut compensations).await?;
        ctx.state_mut(|s| {
            s.step = "done";
            s.final_status = Some(status.clone());
        });
        // Let pending `cancel` updates return before the workflow closes.
        let view = ctx.clone();
        let wait = WaitConditionOptions::builder().cancellation_token(WorkflowCancellationToken::new()).build();
        let _ = ctx.wait_condition_with_options(move |_| view.all_handlers_finished(), wait).await;
        Ok(OrderWorkflowOutcome { order_id, status })
    }

    /// Runs the steps, deciding the cancels that arrived at each step boundary; returns the
    /// order's final status (or `deleted`).
    async fn process(
        ctx: &mut WorkflowContext<Self>,
        input: &OrderWorkflowInput,
        compensations: &mut saga::Compensations,
    ) -> WorkflowResult<String> {
        let order_id = input.order_id;
        if input.saga.is_some() && ctx.patched(ORDER_SAGA) {
            return Self::saga(ctx, input, compensations).await;
        }
        // Runs recorded before this patch did not look for a cancel before their first step.
        let cancel_at_every_step = ctx.patched(CANCEL_AT_EVERY_STEP);

        // A cancel that arrived while the order was still `pending` wins with no step run.
        if cancel_at_every_step {
            if let Some(done) = Self::decide_cancels(ctx, input, compensations).await? {
                return Ok(done);
            }
        }
        ctx.state_mut(|s| s.step = "marking-processing");
        let change = StatusChange::by_workflow(order_id, "MarkOrderProcessing", input.request_id.clone());
        let cancelled_in_temporal =
            match ctx.execute_activity(OrderActivities::mark_processing, change, step_options()).await {
                Err(ActivityExecutionError::Cancelled(_)) => true,
                other => match other? {
                    Some(OrderStatus::Processing) => false,
                    // A cancel that won the race to the database: nothing was done to compensate.
                    Some(other) => return Ok(other.as_str().to_owned()),
                    None => return Ok(DELETED.to_owned()),
                },
            };
        if cancelled_in_temporal || cancel_at_every_step {
            if let Some(done) = Self::decide_cancels(ctx, input, compensations).await? {
                return Ok(done);
            }
        }
        ctx.state_mut(|s| s.step = "processing");
        let delay = Duration::from_millis(input.processing_delay_ms);
        let started = ctx.workflow_time();
        let mut remaining = delay;
        loop {
            let timer_fired = temporalio_sdk::workflows::select! {
                fired = ctx.timer(remaining) => fired == TimerResult::Fired,
                _ = ctx.wait_condition(|s| !s.cancels.is_empty()) => false,
            };
            if timer_fired && !Self::cancel_requested(ctx) {
                break;
            }
            if let Some(done) = Self::decide_cancels(ctx, input, compensations).await? {
                return Ok(done);
            }
            // Every cancel was refused (a stale If-Match): wait out the rest of the delay.
            let elapsed = match (started, ctx.workflow_time()) {
                (Some(start), Some(now)) => now.duration_since(start).unwrap_or_default(),
                _ => Duration::ZERO,
            };
            remaining = delay.saturating_sub(elapsed);
            if remaining.is_zero() {
                break;
            }
        }

        ctx.state_mut(|s| s.step = "marking-completed");
        let change = StatusChange::by_workflow(order_id, "MarkOrderCompleted", input.request_id.clone());
        match ctx.execute_activity(OrderActivities::mark_completed, change, step_options()).await {
            Err(ActivityExecutionError::Cancelled(_)) => {}
            other => return Ok(other?.map_or(DELETED, OrderStatus::as_str).to_owned()),
        }
        Ok(Self::decide_cancels(ctx, input, compensations).await?.unwrap_or_else(|| DELETED.to_owned()))
    }

    fn cancel_requested(ctx: &WorkflowContext<Self>) -> bool {
        ctx.state(|s| !s.cancels.is_empty()) || ctx.cancellation_token().is_cancelled()
    }

    /// Decides the waiting cancels, oldest first. The first that takes effect (one guarded SQL
    /// statement: the order is still cancellable and, with `If-Match`, still that version) ends
    /// the order: its steps are compensated in reverse and its final status returned. A cancel
    /// refused for a stale version is answered `stale` and processing goes on. A cancellation
    /// requested in Temporal (`temporal workflow cancel`) counts as a cancel without a version.
    async fn decide_cancels(
        ctx: &mut WorkflowContext<Self>,
        input: &OrderWorkflowInput,
        compensations: &mut saga::Compensations,
    ) -> WorkflowResult<Option<String>> {
        loop {
            let next = ctx.state_mut(|s| s.cancels.pop_front());
            let (ticket, request) = match next {
                Some((ticket, request)) => (Some(ticket), request),
                None if ctx.cancellation_token().is_cancelled() && !ctx.state(|s| s.temporal_cancel_refused) => {
                    (None, CancelRequest::new("workflow cancelled in Temporal", None))
                }
                None => return Ok(None),
            };
            // A request for another order with this id (another database's) does not act here;
            // runs recorded without an origin cannot tell, and take it.
            if input.origin.is_some() && request.origin.is_some() && input.origin != request.origin {
                if let Some(ticket) = ticket {
                    ctx.state_mut(|s| s.answers.insert(ticket, cancel_outcome::OTHER_ORDER));
                }
                continue;
            }
            ctx.state_mut(|s| s.step = "cancelling");
            let change = StatusChange {
                order_id: input.order_id,
                reason: format!("cancelled: {}", request.reason),
                request_id: request.request_id,
                creation_request_id: input.request_id.clone(),
                expected_version: request.expected_version,
                delete: request.delete,
            };
            // Detached from workflow cancellation: recording the cancel must happen even when it
            // came as a Temporal cancellation.
            let status =
                ctx.execute_activity(OrderActivities::mark_cancelled, change, detached(step_options())).await?;
            match status {
                Some(OrderStatus::Pending | OrderStatus::Processing) => {
                    // Not moved although cancellable: the version changed since the client read it.
                    if let Some(ticket) = ticket {
                        ctx.state_mut(|s| s.answers.insert(ticket, cancel_outcome::STALE));
                    }
                    ctx.state_mut(|s| s.step = "processing");
                }
                // Too late: the carrier has the goods. The order goes on.
                Some(OrderStatus::Shipped) => ctx.state_mut(|s| {
                    match ticket {
                        Some(ticket) => {
                            s.answers.insert(ticket, cancel_outcome::SHIPPED);
                        }
                        None => s.temporal_cancel_refused = true,
                    }
                    s.step = "awaiting-delivery";
                }),
                Some(status) => {
                    if status == OrderStatus::Cancelled {
                        std::mem::take(compensations).run_in_reverse(ctx, input, "order cancelled").await;
                    }
                    return Ok(Some(status.as_str().to_owned()));
                }
                None => {
                    std::mem::take(compensations).run_in_reverse(ctx, input, "order deleted").await;
                    return Ok(Some(DELETED.to_owned()));
                }
            }
        }
    }

    /// Cancels the order (or deletes it, see [`CancelRequest`]), unless the workflow already
    /// decided otherwise. Answers the order's final status (`cancelled`, `completed`,
    /// `deleted`), `stale` when `expected_version` no longer matched, or `expired` when the
    /// request arrived after its deadline (and so did nothing).
    #[update(name = "cancel")]
    pub async fn cancel(ctx: &mut WorkflowContext<Self>, request: CancelRequest) -> String {
        if past_deadline(ctx, request.deadline_unix_ms) {
            return cancel_outcome::EXPIRED.to_owned();
        }
        let ticket = ctx.state_mut(|s| {
            if s.final_status.is_some() {
                return None;
            }
            let ticket = s.next_ticket;
            s.next_ticket += 1;
            s.cancels.push_back((ticket, request));
            Some(ticket)
        });
        let wait = WaitConditionOptions::builder().cancellation_token(WorkflowCancellationToken::new()).build();
        let _ = ctx
            .wait_condition_with_options(
                move |s| s.final_status.is_some() || ticket.is_some_and(|t| s.answers.contains_key(&t)),
                wait,
            )
            .await;
        ctx.state_mut(|s| match ticket.and_then(|t| s.answers.remove(&t)) {
            Some(answer) => answer.to_owned(),
            None => s.final_status.clone().unwrap_or_default(),
        })
    }

    /// A carrier's event (`dispatched`, then `delivered`) for an order with items. Answers once
    /// the workflow has carried it out, or why it was refused (not the shipment's next move,
    /// the order final, the request expired or meant for another order).
    #[update(name = "shipment_event")]
    pub async fn shipment_event(ctx: &mut WorkflowContext<Self>, request: ShipmentEventRequest) -> ShipmentEventAnswer {
        if past_deadline(ctx, request.deadline_unix_ms) {
            return ShipmentEventAnswer { outcome: cancel_outcome::EXPIRED.to_owned(), detail: String::new() };
        }
        let other_order = ctx.state(|s| s.origin.is_some() && request.origin.is_some() && s.origin != request.origin);
        if other_order {
            return ShipmentEventAnswer { outcome: cancel_outcome::OTHER_ORDER.to_owned(), detail: String::new() };
        }
        let accepted = ctx.state_mut(|s| {
            let ticket = s.next_ticket;
            s.next_ticket += 1;
            s.accept_carrier_event(ticket, request).map(|()| ticket)
        });
        let ticket = match accepted {
            Ok(ticket) => ticket,
            Err(refused) => return refused,
        };
        let wait = WaitConditionOptions::builder().cancellation_token(WorkflowCancellationToken::new()).build();
        let _ = ctx
            .wait_condition_with_options(
                move |s| s.final_status.is_some() || s.carrier_answers.contains_key(&ticket),
                wait,
            )
            .await;
        ctx.state_mut(|s| match s.carrier_answers.remove(&ticket) {
            Some(answer) => answer,
            None => ShipmentEventAnswer {
                outcome: ShipmentEventAnswer::REFUSED.to_owned(),
                detail: format!("the order is {}", s.final_status.as_deref().unwrap_or("final")),
            },
        })
    }

    /// `temporal workflow query -w order-{id} --type current_step`
    #[query(name = "current_step")]
    pub fn current_step(&self, _ctx: &WorkflowContextView) -> String {
        self.step.to_owned()
    }
}

/// Whether a request's deadline (Unix milliseconds, when it has one) passed before the workflow
/// took it up, by workflow time: such a request must do nothing (the API answered 503).
fn past_deadline(ctx: &WorkflowContext<OrderWorkflow>, deadline_unix_ms: Option<u64>) -> bool {
    let now_ms =
        ctx.workflow_time().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map(|d| d.as_millis() as u64);
    matches!((deadline_unix_ms, now_ms), (Some(deadline), Some(now)) if now > deadline)
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
        assert!(files.len() >= 19, "expected recorded histories in {}", dir.display());
        for case in ["v2-completed", "v3-saga-completed", "v3-saga-cancelled-after-payment", "v3-saga-declined"] {
            assert!(files.iter().any(|f| f.ends_with(format!("{case}.binpb"))), "no {case} history");
        }
        let options = WorkflowReplayerOptions::new().register_workflow::<OrderWorkflow>().unwrap().build();
        let replayer = WorkflowReplayer::new(options).unwrap();
        for file in files {
            let history = History::decode(fs::read(&file).unwrap().as_slice()).unwrap();
            let history = WorkflowHistory::from(history);
            if let Err(e) = replayer.replay_workflow(history).await {
                panic!(
                    "{} no longer replays: {e}\nversion the change with ctx.patched(..) (see README)",
                    file.display()
                );
            }
        }
    }
}
