//! The saga of an order with items: reserve the stock, charge the payment, book the shipment,
//! then follow the carrier until delivery. Each step's compensation is registered before the
//! step runs; a failure or a cancel runs those registered so far, in reverse, each detached
//! from cancellation and retried until done. Cancels are decided at every step boundary (and
//! while waiting for the carrier), and are refused once the order is `shipped`.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use temporalio_sdk::{
    ActivityExecutionError, TimerResult, WaitConditionOptions, WorkflowCancellationToken, WorkflowContext,
    WorkflowResult,
};

use super::{
    activities::{FailOrder, PaymentResult, Reservation},
    detached, step_options, OrderActivities, OrderOrigin, OrderWorkflow, OrderWorkflowInput, SagaActivities,
    StatusChange, DELETED,
};
use crate::domain::{CarrierEvent, OrderStatus};

/// A carrier's event, sent as the `shipment_event` update.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShipmentEventRequest {
    pub status: CarrierEvent,
    pub request_id: Option<String>,
    /// Unix milliseconds after which the request is ignored (see `CancelRequest`).
    #[serde(default)]
    pub deadline_unix_ms: Option<u64>,
    #[serde(default)]
    pub origin: Option<OrderOrigin>,
}

/// What the workflow answered a carrier's event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShipmentEventAnswer {
    /// `accepted`, `refused`, `expired` (arrived after its deadline: nothing done) or
    /// `other-order`.
    pub outcome: String,
    /// Why it was refused.
    pub detail: String,
}

impl ShipmentEventAnswer {
    pub const ACCEPTED: &'static str = "accepted";
    pub const REFUSED: &'static str = "refused";

    fn new(outcome: &str, detail: impl Into<String>) -> Self {
        Self { outcome: outcome.to_owned(), detail: detail.into() }
    }
}

/// Where the shipment is, as far as the carrier's accepted events go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShipmentProgress {
    /// `BookShipment` runs: the booking may already be visible in the order (its activity
    /// committed) before the workflow hears back, so a `dispatched` is taken (and carried out
    /// once the booking is done).
    Booking,
    Booked,
    Dispatched,
    Delivered,
}

impl ShipmentProgress {
    /// The progress after `event`, if it is the shipment's next move.
    pub fn after(self, event: CarrierEvent) -> Option<Self> {
        match (self, event) {
            (Self::Booking | Self::Booked, CarrierEvent::Dispatched) => Some(Self::Dispatched),
            (Self::Dispatched, CarrierEvent::Delivered) => Some(Self::Delivered),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Self::Booking => "being booked",
            Self::Booked => "booked",
            Self::Dispatched => "dispatched",
            Self::Delivered => "delivered",
        }
    }
}

/// A step's undo, registered before the step runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compensation {
    ReleaseStock,
    RefundPayment,
    CancelShipment,
}

/// The compensations registered so far, run in reverse when the order is cancelled or fails.
#[derive(Debug, Default)]
pub struct Compensations(Vec<Compensation>);

impl Compensations {
    fn push(&mut self, undo: Compensation) {
        self.0.push(undo);
    }

    /// The last step did nothing (a decline, a shortage): it has nothing to undo.
    fn forget(&mut self, undo: Compensation) {
        if self.0.last() == Some(&undo) {
            self.0.pop();
        }
    }

    /// Each compensation is detached from cancellation and retried until done: a cancel that
    /// arrives as a Temporal cancellation still gets everything undone.
    pub async fn run_in_reverse(self, ctx: &mut WorkflowContext<OrderWorkflow>, input: &OrderWorkflowInput, why: &str) {
        if self.0.is_empty() {
            return;
        }
        ctx.state_mut(|s| s.step = "compensating");
        for undo in self.0.into_iter().rev() {
            let step = StatusChange { reason: why.to_owned(), ..OrderWorkflow::step(input, "") };
            let options = detached(step_options());
            // Unbounded retries: these end only when done (an error here cannot be fixed by
            // the workflow, and the order's status is already decided).
            let _ = match undo {
                Compensation::ReleaseStock => ctx.execute_activity(SagaActivities::release_stock, step, options).await,
                Compensation::RefundPayment => {
                    ctx.execute_activity(SagaActivities::refund_payment, step, options).await
                }
                Compensation::CancelShipment => {
                    ctx.execute_activity(SagaActivities::cancel_shipment, step, options).await
                }
            };
        }
    }
}

impl OrderWorkflow {
    fn step(input: &OrderWorkflowInput, name: &str) -> StatusChange {
        StatusChange::by_workflow(input.order_id, name, input.request_id.clone())
    }

    /// The order with items, from `pending` to its final status (or `deleted`).
    pub(super) async fn saga(
        ctx: &mut WorkflowContext<Self>,
        input: &OrderWorkflowInput,
        compensations: &mut Compensations,
    ) -> WorkflowResult<String> {
        macro_rules! boundary {
            () => {
                if let Some(done) = Self::decide_cancels(ctx, input, compensations).await? {
                    return Ok(done);
                }
            };
        }
        boundary!();
        ctx.state_mut(|s| s.step = "marking-processing");
        let change = Self::step(input, "MarkOrderProcessing");
        match ctx.execute_activity(OrderActivities::mark_processing, change, step_options()).await {
            Err(ActivityExecutionError::Cancelled(_)) => {}
            other => match other? {
                Some(OrderStatus::Processing) => {}
                Some(other) => return Ok(other.as_str().to_owned()),
                None => return Ok(DELETED.to_owned()),
            },
        }
        boundary!();

        ctx.state_mut(|s| s.step = "reserving-stock");
        compensations.push(Compensation::ReleaseStock);
        match ctx
            .execute_activity(SagaActivities::reserve_stock, Self::step(input, "ReserveStock"), step_options())
            .await
        {
            Err(ActivityExecutionError::Cancelled(_)) | Ok(Reservation::Held) => {}
            Ok(Reservation::Short { skus }) => {
                compensations.forget(Compensation::ReleaseStock);
                return Self::fail(ctx, input, compensations, "out_of_stock", skus).await;
            }
            Ok(Reservation::OrderGone) => return Ok(DELETED.to_owned()),
            Err(e) => return Err(e.into()),
        }
        boundary!();

        ctx.state_mut(|s| s.step = "charging-payment");
        compensations.push(Compensation::RefundPayment);
        match ctx
            .execute_activity(SagaActivities::charge_payment, Self::step(input, "ChargePayment"), step_options())
            .await
        {
            Err(ActivityExecutionError::Cancelled(_)) | Ok(PaymentResult::Charged) => {}
            Ok(PaymentResult::Declined { .. }) => {
                compensations.forget(Compensation::RefundPayment);
                return Self::fail(ctx, input, compensations, "payment_declined", Vec::new()).await;
            }
            Ok(PaymentResult::OrderGone) => {
                std::mem::take(compensations).run_in_reverse(ctx, input, "order gone").await;
                return Ok(DELETED.to_owned());
            }
            Err(e) => return Err(e.into()),
        }
        boundary!();

        ctx.state_mut(|s| {
            s.step = "booking-shipment";
            s.shipment = Some(ShipmentProgress::Booking);
        });
        compensations.push(Compensation::CancelShipment);
        match ctx
            .execute_activity(SagaActivities::book_shipment, Self::step(input, "BookShipment"), step_options())
            .await
        {
            Err(ActivityExecutionError::Cancelled(_)) | Ok(()) => {}
            Err(e) => return Err(e.into()),
        }
        ctx.state_mut(|s| {
            // Unless a `dispatched` was taken while the booking ran.
            if s.shipment == Some(ShipmentProgress::Booking) {
                s.shipment = Some(ShipmentProgress::Booked);
            }
            s.step = "awaiting-dispatch";
        });
        boundary!();

        Self::follow_carrier(ctx, input, compensations).await
    }

    /// Waits for the carrier's events (and cancels), bounded by the delivery timeout, which
    /// flags the order overdue rather than changing it.
    async fn follow_carrier(
        ctx: &mut WorkflowContext<Self>,
        input: &OrderWorkflowInput,
        compensations: &mut Compensations,
    ) -> WorkflowResult<String> {
        let timeout = Duration::from_millis(input.saga.as_ref().map_or(0, |s| s.delivery_timeout_ms));
        let started = ctx.workflow_time();
        let mut overdue_flagged = false;
        loop {
            let elapsed = match (started, ctx.workflow_time()) {
                (Some(start), Some(now)) => now.duration_since(start).unwrap_or_default(),
                _ => Duration::ZERO,
            };
            // The timer goes once the order is flagged, or once a Temporal cancellation was
            // refused (a timer would then be cancelled at once, again and again).
            let timer = (!overdue_flagged && !ctx.state(|s| s.temporal_cancel_refused))
                .then(|| timeout.saturating_sub(elapsed));
            let wait = WaitConditionOptions::builder().cancellation_token(WorkflowCancellationToken::new()).build();
            let timer_fired = match timer {
                Some(remaining) => temporalio_sdk::workflows::select! {
                    fired = ctx.timer(remaining) => fired == TimerResult::Fired,
                    _ = ctx.wait_condition_with_options(
                        |s| !s.cancels.is_empty() || !s.carrier_events.is_empty(), wait) => false,
                },
                None => {
                    let _ = ctx
                        .wait_condition_with_options(|s| !s.cancels.is_empty() || !s.carrier_events.is_empty(), wait)
                        .await;
                    false
                }
            };
            if let Some(done) = Self::decide_cancels(ctx, input, compensations).await? {
                return Ok(done);
            }
            if timer_fired {
                let step = StatusChange {
                    reason: format!("not delivered within {}s of the booking", timeout.as_secs()),
                    ..Self::step(input, "FlagDeliveryOverdue")
                };
                ctx.execute_activity(SagaActivities::flag_delivery_overdue, step, detached(step_options())).await?;
                overdue_flagged = true;
            }
            while let Some((ticket, event)) = ctx.state_mut(|s| s.carrier_events.pop_front()) {
                let change = StatusChange {
                    reason: format!("carrier: {}", event.status.as_str()),
                    request_id: event.request_id.clone(),
                    ..Self::step(input, "")
                };
                let status = match event.status {
                    CarrierEvent::Dispatched => {
                        ctx.execute_activity(SagaActivities::mark_shipped, change, detached(step_options())).await?
                    }
                    CarrierEvent::Delivered => {
                        ctx.execute_activity(SagaActivities::mark_delivered, change, detached(step_options())).await?
                    }
                };
                let Some(status) = status else {
                    return Ok(DELETED.to_owned());
                };
                ctx.state_mut(|s| {
                    s.carrier_answers.insert(ticket, ShipmentEventAnswer::new(ShipmentEventAnswer::ACCEPTED, ""));
                    if status == OrderStatus::Shipped {
                        s.step = "awaiting-delivery";
                    }
                });
                match status {
                    // Stock sold, money kept, goods with the carrier: nothing is undone any more.
                    OrderStatus::Shipped => *compensations = Compensations::default(),
                    OrderStatus::Completed => return Ok(status.as_str().to_owned()),
                    _ => {}
                }
            }
        }
    }

    /// Undoes what was done, then records the order `failed` with its reason.
    async fn fail(
        ctx: &mut WorkflowContext<Self>,
        input: &OrderWorkflowInput,
        compensations: &mut Compensations,
        failure_reason: &str,
        short_skus: Vec<String>,
    ) -> WorkflowResult<String> {
        std::mem::take(compensations).run_in_reverse(ctx, input, &format!("order failed: {failure_reason}")).await;
        ctx.state_mut(|s| s.step = "marking-failed");
        let fail = FailOrder {
            change: StatusChange {
                reason: format!("failed: {failure_reason}"),
                ..Self::step(input, "MarkOrderFailed")
            },
            failure_reason: failure_reason.to_owned(),
            short_skus,
        };
        let status = ctx.execute_activity(SagaActivities::mark_failed, fail, detached(step_options())).await?;
        Ok(status.map_or(DELETED, OrderStatus::as_str).to_owned())
    }

    /// The `shipment_event` update's decision on arrival: accepted (and queued for the main
    /// loop, which carries it out) or refused with why.
    pub(super) fn accept_carrier_event(
        &mut self,
        ticket: u32,
        request: ShipmentEventRequest,
    ) -> Result<(), ShipmentEventAnswer> {
        let refuse = |why: String| Err(ShipmentEventAnswer::new(ShipmentEventAnswer::REFUSED, why));
        if let Some(status) = &self.final_status {
            return refuse(format!("the order is {status}"));
        }
        let Some(progress) = self.shipment else {
            return refuse("no shipment is booked yet".to_owned());
        };
        match progress.after(request.status) {
            Some(next) => {
                self.shipment = Some(next);
                self.carrier_events.push_back((ticket, request));
                Ok(())
            }
            None => {
                refuse(format!("the shipment is {} and cannot become {}", progress.as_str(), request.status.as_str()))
            }
        }
    }
}
