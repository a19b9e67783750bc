//! Getting every committed order its workflow: a transactional outbox.
//!
//! `insert_order` writes the order and an `order_workflow_outbox` row in one statement. The
//! dispatcher here, woken by `LISTEN order_workflow_outbox` (a trigger notifies on commit) and by
//! a periodic sweep, claims due rows for a lease (`FOR UPDATE SKIP LOCKED`, so several instances
//! share the work), starts their workflows, and then deletes the rows. A crash or a hang anywhere
//! leaves the row due again once the lease ends; starting twice is harmless because the workflow
//! id is `order-{id}` and an existing execution is kept. Temporal being down only delays the starts:
//! the API keeps accepting orders.

use std::{future::Future, num::NonZeroU32, sync::Arc, time::Duration};

use anyhow::Result;
use deadpool_postgres::Pool;
use futures::{future::join_all, StreamExt};
use tokio::sync::{mpsc, Notify};
use tokio_postgres::{AsyncMessage, NoTls};
use tracing::{debug, error, info, warn};

use super::{OrderOrigin, OrderWorkflowClient, WorkflowIdTaken};
use crate::{db::outbox_queries, metrics};

pub struct OutboxDispatcher {
    pub pool: Pool,
    pub database_url: String,
    pub workflows: OrderWorkflowClient,
    pub sweep: Duration,
    /// Starts per second (`ORDERS_DISPATCH_RATE`); `None`: as fast as Temporal takes them.
    /// A burst of orders then waits here, in PostgreSQL, rather than as a backlog of tasks in
    /// Temporal that every other order's steps, and every cancel, would queue behind.
    pub start_rate: Option<NonZeroU32>,
}

const BATCH_SIZE: i64 = 64;
const CHANNEL: &str = "order_workflow_outbox";

impl OutboxDispatcher {
    pub async fn run(self, shutdown: impl Future<Output = ()>) {
        let pace = self.start_rate.map(|rate| governor::RateLimiter::direct(governor::Quota::per_second(rate)));
        let wake = Arc::new(Notify::new());
        let listener = tokio::spawn(listen(self.database_url.clone(), wake.clone()));
        tokio::pin!(shutdown);
        loop {
            tokio::select! {
                () = wake.notified() => {}
                () = tokio::time::sleep(self.sweep) => {}
                () = &mut shutdown => break,
            }
            // A shutdown abandons the batch in flight (each start may wait ORDERS_TEMPORAL_TIMEOUT
            // while Temporal is unreachable): its entries stay in the outbox, due again when their
            // lease ends, so nothing is lost and the process stops within its grace period.
            let drained = async {
                loop {
                    match self.dispatch_batch(pace.as_ref()).await {
                        Ok(n) if n == self.batch_size() as usize => continue,
                        Ok(_) => break,
                        Err(e) => {
                            warn!(error = %e, "outbox pass failed; retrying on the next sweep");
                            break;
                        }
                    }
                }
            };
            tokio::select! {
                () = drained => {}
                () = &mut shutdown => break,
            }
        }
        listener.abort();
        info!("workflow dispatcher stopped");
    }

    /// Starts the workflows of up to one batch of due outbox entries; returns how many it claimed.
    ///
    /// The claim is a lease (the entries are due again after it), taken and released in short
    /// transactions of their own: nothing is held while Temporal is called, so a dispatcher that
    /// hangs delays its batch by one lease at most, and others carry on meanwhile.
    async fn dispatch_batch(&self, pace: Option<&governor::DefaultDirectRateLimiter>) -> Result<usize> {
        let client = self.pool.get().await?;
        let lease = self.lease().as_secs_f64();
        let due = outbox_queries::claim_due_outbox_entries().bind(&client, &lease, &self.batch_size()).all().await?;
        if due.is_empty() {
            return Ok(0);
        }
        let starts = due.iter().map(|e| async {
            if let Some(pace) = pace {
                pace.until_ready().await;
            }
            let origin = OrderOrigin::new(e.database_id.clone(), e.order_created_at);
            self.workflows.start(e.order_id, &origin, e.request_id.clone(), e.with_items).await
        });
        let results = join_all(starts).await;
        let mut started = Vec::with_capacity(due.len());
        for (order_id, result) in due.iter().map(|e| e.order_id).zip(results) {
            match result {
                Ok(()) => started.push(order_id),
                Err(e) if e.is::<WorkflowIdTaken>() => {
                    // Not "already started": this order's workflow never ran. The entry stays
                    // until an operator frees the id (README: "Workflow ids taken").
                    error!(order_id, error = %e, "the order's workflow id is taken in Temporal; will retry");
                    metrics::get().workflow_id_conflicts.inc();
                    outbox_queries::postpone_outbox_entry().bind(&client, &e.to_string(), &order_id).await?;
                }
                Err(e) => {
                    warn!(order_id, error = %e, "could not start the order's workflow; will retry");
                    outbox_queries::postpone_outbox_entry().bind(&client, &e.to_string(), &order_id).await?;
                }
            }
        }
        outbox_queries::delete_outbox_entries().bind(&client, &started).await?;
        debug!(claimed = due.len(), started = started.len(), "outbox pass");
        Ok(due.len())
    }

    /// How long claimed entries are left to this dispatcher: its starts run concurrently, each
    /// bounded by `ORDERS_TEMPORAL_TIMEOUT`, so a healthy pass ends well within twice that.
    /// Entries claimed at once: a paced batch must be started well within its lease.
    fn batch_size(&self) -> i64 {
        let Some(rate) = self.start_rate else { return BATCH_SIZE };
        let startable = i64::from(rate.get()) * self.lease().as_secs() as i64 / 2;
        startable.clamp(1, BATCH_SIZE)
    }

    fn lease(&self) -> Duration {
        (self.workflows.timeout * 2).max(Duration::from_secs(5))
    }
}

/// Forwards `NOTIFY order_workflow_outbox` to `wake`, reconnecting when the connection drops.
async fn listen(database_url: String, wake: Arc<Notify>) {
    loop {
        match tokio_postgres::connect(&database_url, NoTls).await {
            Ok((client, mut connection)) => {
                let (tx, mut notifications) = mpsc::unbounded_channel();
                let driver = tokio::spawn(async move {
                    let mut messages = futures::stream::poll_fn(move |cx| connection.poll_message(cx));
                    while let Some(Ok(message)) = messages.next().await {
                        if let AsyncMessage::Notification(_) = message {
                            let _ = tx.send(());
                        }
                    }
                });
                if client.batch_execute(&format!("LISTEN {CHANNEL}")).await.is_ok() {
                    // Catch up on whatever was committed while no one listened.
                    wake.notify_one();
                    while notifications.recv().await.is_some() {
                        wake.notify_one();
                    }
                }
                driver.abort();
                debug!("outbox LISTEN connection closed; reconnecting");
            }
            Err(e) => debug!(error = %e, "outbox LISTEN connection failed; retrying"),
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}
