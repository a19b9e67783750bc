//! The activities: each is one guarded, recorded SQL statement (`advance_order_status`), so
//! running it twice, or after the order moved on, changes nothing.

use std::sync::Arc;

use deadpool_postgres::Pool;
use serde::{Deserialize, Serialize};
use temporalio_macros::activities;
use temporalio_sdk::activities::{ActivityContext, ActivityError};
use tracing::{info, warn};

use crate::{
    db::{self, queries, saga_queries},
    domain::OrderStatus::{self, *},
    metrics,
    payments::{Charge, ChargeOutcome, PaymentGateway},
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
    /// The request that created the order: logged with every step as `request_id`, so one id
    /// follows the order. (Named `correlation_id` in recorded histories.)
    #[serde(default, rename = "correlation_id")]
    pub creation_request_id: Option<String>,
    /// Move the order only if it still has this version (a cancel with `If-Match`).
    #[serde(default)]
    pub expected_version: Option<i64>,
    /// Remove the order once it is final (a `DELETE`).
    #[serde(default)]
    pub delete: bool,
}

impl StatusChange {
    pub fn by_workflow(order_id: i64, step: &str, creation_request_id: Option<String>) -> Self {
        Self {
            order_id,
            reason: format!("workflow: {step}"),
            request_id: None,
            creation_request_id,
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
    ) -> Result<Option<OrderStatus>, ActivityError> {
        self.advance(change, Processing, &[Pending]).await
    }

    /// `processing` -> `completed`. Returns the status afterwards, `None` if gone.
    #[activity(name = "MarkOrderCompleted")]
    pub async fn mark_completed(
        self: Arc<Self>,
        _ctx: ActivityContext,
        change: StatusChange,
    ) -> Result<Option<OrderStatus>, ActivityError> {
        self.advance(change, Completed, &[Processing]).await
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
    ) -> Result<Option<OrderStatus>, ActivityError> {
        let (order_id, delete) = (change.order_id, change.delete);
        let status = self.advance(change, Cancelled, &[Pending, Processing]).await?;
        if !(delete && matches!(status, Some(Cancelled | Completed))) {
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
    async fn advance(
        &self,
        change: StatusChange,
        to: OrderStatus,
        from: &[OrderStatus],
    ) -> Result<Option<OrderStatus>, ActivityError> {
        // Any failure here (pool timeout, lost connection) is retried by Temporal.
        let client = self.pool.get().await.map_err(anyhow::Error::from)?;
        let order_id = change.order_id;
        let request_id = change.creation_request_id.as_deref().unwrap_or("");
        let Some(result) = advance_status(&**client, &change, to, from).await? else {
            info!(order_id, to = to.as_str(), status = "deleted", request_id, "order status step");
            return Ok(None);
        };
        if result.moved {
            count_move(to, None, result.created_at);
        }
        info!(
            order_id,
            to = to.as_str(),
            status = result.status.as_str(),
            moved = result.moved,
            request_id,
            "order status step"
        );
        Ok(Some(result.status))
    }
}

/// The guarded, recorded status change (`advance_order_status`); `None` when the order is gone.
async fn advance_status(
    client: &impl orders_db::client::GenericClient,
    change: &StatusChange,
    to: OrderStatus,
    from: &[OrderStatus],
) -> Result<Option<Advanced>, ActivityError> {
    let statement = queries::advance_order_status();
    let (to, from) = (to.as_str(), from.iter().map(|s| s.as_str()).collect::<Vec<_>>());
    let query = statement
        .bind(client, &change.order_id, &to, &from, &change.expected_version, &change.reason, &change.request_id)
        .opt();
    let Some(row) = db::traced("advance_order_status", query).await.map_err(anyhow::Error::from)? else {
        return Ok(None);
    };
    let status = OrderStatus::from_db(&row.status)?;
    Ok(Some(Advanced { status, moved: row.moved, created_at: row.created_at }))
}

/// What a guarded status change left: the order's status, and whether this call moved it.
struct Advanced {
    status: OrderStatus,
    moved: bool,
    created_at: chrono::DateTime<chrono::FixedOffset>,
}

/// The order counters, for a move this call made (`failure`: why a `failed` order failed).
fn count_move(to: OrderStatus, failure: Option<&str>, created_at: chrono::DateTime<chrono::FixedOffset>) {
    let m = metrics::get();
    match to {
        Completed => {
            m.orders_completed.inc();
            let age = chrono::Utc::now().signed_duration_since(created_at);
            m.creation_to_completion.observe(age.num_milliseconds().max(0) as f64 / 1000.0);
        }
        Cancelled => m.orders_cancelled.inc(),
        Shipped => m.orders_shipped.inc(),
        Failed => m.orders_failed.with_label_values(&[failure.unwrap_or("unknown")]).inc(),
        Pending | Processing => {}
    }
}

/// What `ReserveStock` did: held every line, or nothing because some were short.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reservation {
    Held,
    Short {
        skus: Vec<String>,
    },
    /// The order (and so its lines) is gone.
    OrderGone,
}

/// What `ChargePayment` got from the gateway.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PaymentResult {
    Charged,
    Declined { reason: String },
    OrderGone,
}

/// `MarkOrderFailed`'s input: the change, and why the order failed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FailOrder {
    pub change: StatusChange,
    /// `out_of_stock` or `payment_declined`
    pub failure_reason: String,
    pub short_skus: Vec<String>,
}

/// The saga's steps and compensations. Each is idempotent by the order's id: a retry after a
/// crash finds its work done and does nothing more (and records nothing twice).
pub struct SagaActivities {
    pub pool: Pool,
    pub gateway: Arc<PaymentGateway>,
    pub carrier: String,
}

#[activities]
impl SagaActivities {
    /// All lines or none, in one transaction that locks the products (in SKU order): never
    /// below zero, and of two orders racing for the last unit exactly one gets it.
    #[activity(name = "ReserveStock")]
    pub async fn reserve_stock(
        self: Arc<Self>,
        _ctx: ActivityContext,
        step: StatusChange,
    ) -> Result<Reservation, ActivityError> {
        let mut client = self.pool.get().await.map_err(anyhow::Error::from)?;
        let tx = client.transaction().await.map_err(anyhow::Error::from)?;
        let order_id = step.order_id;
        let lines = db::traced("lock_order_stock", saga_queries::lock_order_stock().bind(&tx, &order_id).all())
            .await
            .map_err(anyhow::Error::from)?;
        if lines.is_empty() {
            return Ok(Reservation::OrderGone);
        }
        let held =
            db::traced("order_reservation_lines", saga_queries::order_reservation_lines().bind(&tx, &order_id).one())
                .await
                .map_err(anyhow::Error::from)?;
        if held > 0 {
            return Ok(Reservation::Held);
        }
        let short: Vec<String> = lines.iter().filter(|l| l.available < l.quantity).map(|l| l.sku.clone()).collect();
        let reason = if short.is_empty() {
            db::traced("reserve_order_stock", saga_queries::reserve_order_stock().bind(&tx, &order_id))
                .await
                .map_err(anyhow::Error::from)?;
            "stock reserved".to_owned()
        } else {
            format!("out of stock: {}", short.join(", "))
        };
        record_step(&tx, &step, "ReserveStock", &reason).await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        info!(order_id, short = ?short, request_id = step.creation_request_id.as_deref().unwrap_or(""), "ReserveStock");
        Ok(if short.is_empty() { Reservation::Held } else { Reservation::Short { skus: short } })
    }

    /// Gives back what the order holds (nothing if it holds nothing).
    #[activity(name = "ReleaseStock")]
    pub async fn release_stock(
        self: Arc<Self>,
        _ctx: ActivityContext,
        step: StatusChange,
    ) -> Result<(), ActivityError> {
        let reason = format!("stock released ({})", step.reason);
        let order_id = step.order_id;
        self.recorded(&step, "ReleaseStock", &reason, |tx| {
            Box::pin(async move {
                db::traced("release_order_stock", saga_queries::release_order_stock().bind(tx, &order_id)).await
            })
        })
        .await?;
        Ok(())
    }

    /// Charges the order's total with an idempotency key derived from the order (and the
    /// database it belongs to): a retried or replayed charge is the same charge.
    #[activity(name = "ChargePayment")]
    pub async fn charge_payment(
        self: Arc<Self>,
        _ctx: ActivityContext,
        step: StatusChange,
    ) -> Result<PaymentResult, ActivityError> {
        let order_id = step.order_id;
        let client = self.pool.get().await.map_err(anyhow::Error::from)?;
        let Some(terms) =
            db::traced("order_charge_terms", saga_queries::order_charge_terms().bind(&client, &order_id).opt())
                .await
                .map_err(anyhow::Error::from)?
        else {
            return Ok(PaymentResult::OrderGone);
        };
        let key = format!("order-{}-{order_id}-charge", terms.database_id);
        let payment = db::traced(
            "start_payment",
            saga_queries::start_payment().bind(&client, &order_id, &key.as_str(), &terms.total_amount).one(),
        )
        .await
        .map_err(anyhow::Error::from)?;
        match payment.status.as_str() {
            "charged" | "refunded" => return Ok(PaymentResult::Charged),
            "declined" => return Ok(PaymentResult::Declined { reason: "declined".to_owned() }),
            _ => {}
        }
        drop(client);
        let charge =
            Charge { idempotency_key: payment.idempotency_key, customer_id: terms.customer_id, amount: payment.amount };
        let outcome = self.gateway.charge(&charge).await.inspect_err(|e| {
            warn!(order_id, error = format!("{e:#}"), "ChargePayment: the gateway failed; retried");
        })?;
        let (status, reference, result, reason) = match outcome {
            ChargeOutcome::Charged { reference } => {
                ("charged", Some(reference), PaymentResult::Charged, format!("payment of {} charged", charge.amount))
            }
            ChargeOutcome::Declined { reason } => (
                "declined",
                None,
                PaymentResult::Declined { reason: reason.clone() },
                format!("payment of {} declined: {reason}", charge.amount),
            ),
        };
        self.recorded(&step, "ChargePayment", &reason, |tx| {
            Box::pin(async move {
                db::traced(
                    "settle_payment",
                    saga_queries::settle_payment().bind(tx, &status, &reference.as_deref(), &order_id),
                )
                .await
            })
        })
        .await?;
        info!(order_id, status, request_id = step.creation_request_id.as_deref().unwrap_or(""), "ChargePayment");
        Ok(result)
    }

    /// Refunds the order's charge in full, once; nothing when nothing was charged.
    #[activity(name = "RefundPayment")]
    pub async fn refund_payment(
        self: Arc<Self>,
        _ctx: ActivityContext,
        step: StatusChange,
    ) -> Result<(), ActivityError> {
        let order_id = step.order_id;
        let client = self.pool.get().await.map_err(anyhow::Error::from)?;
        let Some(payment) =
            db::traced("payment_for_order", saga_queries::payment_for_order().bind(&client, &order_id).opt())
                .await
                .map_err(anyhow::Error::from)?
        else {
            return Ok(());
        };
        if !matches!(payment.status.as_str(), "charged" | "pending") {
            return Ok(());
        }
        drop(client);
        self.gateway.refund(&payment.idempotency_key, payment.amount).await?;
        let reason = format!("payment of {} refunded ({})", payment.amount, step.reason);
        self.recorded(&step, "RefundPayment", &reason, |tx| {
            Box::pin(async move {
                db::traced(
                    "settle_payment",
                    saga_queries::settle_payment().bind(tx, &"refunded", &None::<&str>, &order_id),
                )
                .await
            })
        })
        .await?;
        Ok(())
    }

    /// Books the order's shipment with the carrier (one per order: booking again finds it).
    #[activity(name = "BookShipment")]
    pub async fn book_shipment(
        self: Arc<Self>,
        _ctx: ActivityContext,
        step: StatusChange,
    ) -> Result<(), ActivityError> {
        let order_id = step.order_id;
        let mut client = self.pool.get().await.map_err(anyhow::Error::from)?;
        let tx = client.transaction().await.map_err(anyhow::Error::from)?;
        let tracking = format!("{}-{}", self.carrier.to_uppercase(), uuid::Uuid::new_v4().simple());
        let shipment = db::traced(
            "book_shipment",
            saga_queries::book_shipment().bind(&tx, &order_id, &self.carrier.as_str(), &tracking.as_str()).one(),
        )
        .await
        .map_err(anyhow::Error::from)?;
        if shipment.tracking_number == tracking {
            let reason = format!("shipment booked with {}: {}", shipment.carrier, shipment.tracking_number);
            record_step(&tx, &step, "BookShipment", &reason).await?;
        }
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(())
    }

    /// Cancels a booked shipment (nothing once dispatched, or if none was booked).
    #[activity(name = "CancelShipment")]
    pub async fn cancel_shipment(
        self: Arc<Self>,
        _ctx: ActivityContext,
        step: StatusChange,
    ) -> Result<(), ActivityError> {
        let reason = format!("shipment cancelled ({})", step.reason);
        let order_id = step.order_id;
        self.recorded(&step, "CancelShipment", &reason, |tx| {
            Box::pin(async move {
                db::traced("advance_shipment", saga_queries::advance_shipment().bind(tx, &"cancelled", &order_id)).await
            })
        })
        .await?;
        Ok(())
    }

    /// The carrier dispatched the shipment: `processing` -> `shipped`, the reserved stock is
    /// sold, the shipment `dispatched`, all in one transaction. Returns the status afterwards.
    #[activity(name = "MarkOrderShipped")]
    pub async fn mark_shipped(
        self: Arc<Self>,
        _ctx: ActivityContext,
        change: StatusChange,
    ) -> Result<Option<OrderStatus>, ActivityError> {
        let order_id = change.order_id;
        self.in_transaction(change, Shipped, &[Processing], None, |tx| {
            Box::pin(async move {
                db::traced("take_order_stock", saga_queries::take_order_stock().bind(tx, &order_id)).await?;
                db::traced("advance_shipment", saga_queries::advance_shipment().bind(tx, &"dispatched", &order_id))
                    .await?;
                Ok(())
            })
        })
        .await
    }

    /// The carrier delivered: `shipped` -> `completed`, the shipment `delivered`.
    #[activity(name = "MarkOrderDelivered")]
    pub async fn mark_delivered(
        self: Arc<Self>,
        _ctx: ActivityContext,
        change: StatusChange,
    ) -> Result<Option<OrderStatus>, ActivityError> {
        let order_id = change.order_id;
        self.in_transaction(change, Completed, &[Shipped], None, |tx| {
            Box::pin(async move {
                db::traced("advance_shipment", saga_queries::advance_shipment().bind(tx, &"delivered", &order_id))
                    .await?;
                Ok(())
            })
        })
        .await
    }

    /// `processing` -> `failed`, with the reason (and the short SKUs) on the order.
    #[activity(name = "MarkOrderFailed")]
    pub async fn mark_failed(
        self: Arc<Self>,
        _ctx: ActivityContext,
        fail: FailOrder,
    ) -> Result<Option<OrderStatus>, ActivityError> {
        let order_id = fail.change.order_id;
        let reason = fail.failure_reason.clone();
        let short = (!fail.short_skus.is_empty()).then_some(fail.short_skus);
        self.in_transaction(fail.change, Failed, &[Processing], Some(&fail.failure_reason), |tx| {
            Box::pin(async move {
                db::traced(
                    "set_order_failure",
                    saga_queries::set_order_failure().bind(tx, &reason.as_str(), &short, &order_id),
                )
                .await?;
                Ok(())
            })
        })
        .await
    }

    /// ORDERS_DELIVERY_TIMEOUT passed: the order is flagged `delivery_overdue`, once, with an
    /// event saying so.
    #[activity(name = "FlagDeliveryOverdue")]
    pub async fn flag_delivery_overdue(
        self: Arc<Self>,
        _ctx: ActivityContext,
        step: StatusChange,
    ) -> Result<(), ActivityError> {
        let order_id = step.order_id;
        let flagged = self
            .recorded(&step, "FlagDeliveryOverdue", &step.reason, |tx| {
                Box::pin(async move {
                    db::traced("flag_delivery_overdue", saga_queries::flag_delivery_overdue().bind(tx, &order_id)).await
                })
            })
            .await?;
        if flagged {
            warn!(order_id, "delivery overdue");
        }
        Ok(())
    }
}

type StepWork<'t> = std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), tokio_postgres::Error>> + Send + 't>>;
/// One statement of a step: how many rows it changed.
type StepStatement<'t> =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 't>>;

impl SagaActivities {
    /// A step's one statement, in a transaction with the step's event in the order's history,
    /// recorded only when the statement changed something: a retry records nothing twice.
    /// Returns whether it changed something.
    async fn recorded(
        &self,
        step: &StatusChange,
        name: &str,
        reason: &str,
        statement: impl for<'t> FnOnce(&'t deadpool_postgres::Transaction<'t>) -> StepStatement<'t>,
    ) -> Result<bool, ActivityError> {
        let mut client = self.pool.get().await.map_err(anyhow::Error::from)?;
        let tx = client.transaction().await.map_err(anyhow::Error::from)?;
        let changed = statement(&tx).await.map_err(anyhow::Error::from)? > 0;
        if changed {
            record_step(&tx, step, name, reason).await?;
        }
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(changed)
    }

    /// A guarded status change and the work that goes with it, in one transaction: the work is
    /// done only by the call that moves the order, so a retry does it once.
    async fn in_transaction(
        &self,
        change: StatusChange,
        to: OrderStatus,
        from: &[OrderStatus],
        failure: Option<&str>,
        work: impl for<'t> FnOnce(&'t deadpool_postgres::Transaction<'t>) -> StepWork<'t>,
    ) -> Result<Option<OrderStatus>, ActivityError> {
        let mut client = self.pool.get().await.map_err(anyhow::Error::from)?;
        let tx = client.transaction().await.map_err(anyhow::Error::from)?;
        let order_id = change.order_id;
        let Some(result) = advance_status(&tx, &change, to, from).await? else { return Ok(None) };
        if result.moved {
            work(&tx).await.map_err(anyhow::Error::from)?;
        }
        tx.commit().await.map_err(anyhow::Error::from)?;
        if result.moved {
            count_move(to, failure, result.created_at);
        }
        info!(order_id, to = to.as_str(), status = result.status.as_str(), moved = result.moved, "order status step");
        Ok(Some(result.status))
    }
}

/// A saga step in the order's history (no status change).
async fn record_step(
    tx: &deadpool_postgres::Transaction<'_>,
    step: &StatusChange,
    name: &str,
    reason: &str,
) -> Result<(), ActivityError> {
    db::traced(
        "record_order_step",
        saga_queries::record_order_step().bind(tx, &reason, &step.request_id, &name, &step.order_id),
    )
    .await
    .map_err(anyhow::Error::from)?;
    Ok(())
}
