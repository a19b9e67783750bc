//! The workflow's decisions, with stub activities: a worker runs the real `OrderWorkflow` on the
//! Temporal dev server that `make test` started, on a task queue of its own, with activities of
//! the same names that record their calls and answer as the test scripts them instead of
//! touching PostgreSQL. Each test puts a cancel at one step boundary and checks what the
//! workflow did, and what the cancel was answered. The end-to-end tests (`tests/api/`) check the
//! same paths through the real activities and the database.

use std::{
    future::Future,
    sync::{Arc, Mutex},
    time::Duration,
};

use temporalio_client::{Client, ClientOptions, Connection, ConnectionOptions, WorkflowGetResultOptions};
use temporalio_macros::activities;
use temporalio_sdk::{
    activities::{ActivityContext, ActivityError},
    Runtime, Worker, WorkerOptions,
};
use tokio::sync::Notify;

use super::{
    cancel_outcome, workflow_id, CancelAnswer, CancelRequest, OrderOrigin, OrderWorkflow, OrderWorkflowClient,
    OrderWorkflowOutcome, StatusChange,
};
use crate::domain::OrderStatus;

/// What the stub activities answer, and what they were asked.
pub struct Script {
    calls: Mutex<Vec<&'static str>>,
    /// `MarkOrderProcessing` waits for `release` before it answers (a cancel arrives meanwhile).
    hold_first_step: bool,
    release: Notify,
    /// The status `MarkOrderCancelled` answers: `cancelled`, or `processing` for a cancel whose
    /// `If-Match` version no longer matched.
    after_cancel: OrderStatus,
}

impl Script {
    fn new(hold_first_step: bool, after_cancel: OrderStatus) -> Arc<Self> {
        Arc::new(Self { calls: Mutex::default(), hold_first_step, release: Notify::new(), after_cancel })
    }

    fn record(&self, activity: &'static str) {
        self.calls.lock().unwrap().push(activity);
    }

    fn calls(&self) -> Vec<&'static str> {
        self.calls.lock().unwrap().clone()
    }
}

pub struct StubActivities(Arc<Script>);

/// Stubs of the three activities, under their names: the workflow schedules them by name.
#[allow(dead_code)] // the markers `#[activities]` generates, which only workflow code uses
mod stubs {
    use super::*;

    #[activities]
    impl StubActivities {
        #[activity(name = "MarkOrderProcessing")]
        pub async fn mark_processing(
            self: Arc<Self>,
            _ctx: ActivityContext,
            _change: StatusChange,
        ) -> Result<Option<OrderStatus>, ActivityError> {
            self.0.record("MarkOrderProcessing");
            if self.0.hold_first_step {
                self.0.release.notified().await;
            }
            Ok(Some(OrderStatus::Processing))
        }

        #[activity(name = "MarkOrderCompleted")]
        pub async fn mark_completed(
            self: Arc<Self>,
            _ctx: ActivityContext,
            _change: StatusChange,
        ) -> Result<Option<OrderStatus>, ActivityError> {
            self.0.record("MarkOrderCompleted");
            Ok(Some(OrderStatus::Completed))
        }

        #[activity(name = "MarkOrderCancelled")]
        pub async fn mark_cancelled(
            self: Arc<Self>,
            _ctx: ActivityContext,
            _change: StatusChange,
        ) -> Result<Option<OrderStatus>, ActivityError> {
            self.0.record("MarkOrderCancelled");
            Ok(Some(self.0.after_cancel))
        }
    }
}

async fn connect() -> Client {
    let address = std::env::var("ORDERS_TEST_TEMPORAL_ADDRESS").expect(
        "ORDERS_TEST_TEMPORAL_ADDRESS: run the tests with `make test` (scripts/test.sh), which starts Temporal",
    );
    let target = format!("http://{address}").parse::<url::Url>().unwrap();
    let connection = Connection::connect(ConnectionOptions::new(target).build()).await.unwrap();
    Client::new(connection, ClientOptions::new("default").build()).unwrap()
}

/// Runs `test` with the workflow client while a stub worker serves a task queue of its own.
async fn with_stub_worker<T, F: Future<Output = T>>(
    script: Arc<Script>,
    processing_delay: Duration,
    test: impl FnOnce(OrderWorkflowClient) -> F,
) -> T {
    let task_queue = format!("decisions-{}", uuid::Uuid::new_v4());
    let runtime = Runtime::from_current_tokio(Default::default()).unwrap();
    let options = WorkerOptions::new(task_queue.clone())
        .register_workflow::<OrderWorkflow>()
        .unwrap()
        .register_activities(StubActivities(script))
        .build();
    let mut worker = Worker::new(&runtime, connect().await, options).unwrap();
    let stop = worker.shutdown_handle();
    let workflows = OrderWorkflowClient {
        client: connect().await,
        task_queue,
        processing_delay,
        delivery_timeout: Duration::from_secs(3600),
        timeout: Duration::from_secs(10),
    };
    let run = worker.run();
    tokio::pin!(run);
    let outcome = tokio::select! {
        result = &mut run => panic!("the stub worker stopped: {result:?}"),
        outcome = test(workflows) => outcome,
    };
    stop();
    let _ = tokio::time::timeout(Duration::from_secs(10), run).await;
    outcome
}

/// A fresh order id per test: workflow ids are unique in the shared namespace.
fn order_id() -> i64 {
    // Far above the ids the integration tests' databases hand out.
    4_000_000_000_000_000 + (uuid::Uuid::new_v4().as_u128() % 1_000_000_000_000) as i64
}

fn origin() -> OrderOrigin {
    OrderOrigin { database_id: "decision-tests".to_owned(), order_created_at: "2026-01-01T00:00:00.000000Z".to_owned() }
}

async fn outcome(workflows: &OrderWorkflowClient, order_id: i64) -> OrderWorkflowOutcome {
    let handle = workflows.client.get_workflow_handle::<OrderWorkflow>(workflow_id(order_id));
    tokio::time::timeout(Duration::from_secs(30), handle.get_result(WorkflowGetResultOptions::default()))
        .await
        .expect("the workflow ends")
        .unwrap()
}

async fn eventually_called(script: &Script, activity: &str) {
    for _ in 0..200 {
        if script.calls().contains(&activity) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{activity} never ran: {:?}", script.calls());
}

#[tokio::test]
async fn without_a_cancel_the_order_is_processed_then_completed() {
    let script = Script::new(false, OrderStatus::Cancelled);
    let (id, outcome) = with_stub_worker(script.clone(), Duration::ZERO, |workflows| async move {
        let id = order_id();
        workflows.start(id, &origin(), None, false).await.unwrap();
        (id, outcome(&workflows, id).await)
    })
    .await;
    assert_eq!(outcome, OrderWorkflowOutcome { order_id: id, status: "completed".to_owned() });
    assert_eq!(script.calls(), ["MarkOrderProcessing", "MarkOrderCompleted"]);
}

#[tokio::test]
async fn a_cancel_during_the_first_step_wins_once_the_step_is_done_and_nothing_completes() {
    let script = Script::new(true, OrderStatus::Cancelled);
    let (answer, outcome) = with_stub_worker(script.clone(), Duration::ZERO, |workflows| {
        let script = script.clone();
        async move {
            let id = order_id();
            workflows.start(id, &origin(), None, false).await.unwrap();
            eventually_called(&script, "MarkOrderProcessing").await;
            // The cancel is taken up while the first step runs; the step then answers.
            let ours = origin();
            let cancel = workflows.cancel(id, &ours, false, CancelRequest::new("customer", Some("req-1".to_owned())));
            let release = async {
                tokio::time::sleep(Duration::from_millis(500)).await;
                script.release.notify_one();
            };
            let (answer, ()) = tokio::join!(cancel, release);
            (answer.unwrap(), outcome(&workflows, id).await)
        }
    })
    .await;
    assert_eq!(answer, CancelAnswer::Decided(cancel_outcome::CANCELLED.to_owned()));
    assert_eq!(outcome.status, "cancelled");
    assert_eq!(script.calls(), ["MarkOrderProcessing", "MarkOrderCancelled"]);
}

/// Starts an order, waits until its first step has run, then sends `request` as a client of the
/// order with origin `from` would. Returns the cancel's answer, the workflow's outcome, and how
/// long the answer took.
async fn cancel_after_first_step(
    script: Arc<Script>,
    processing_delay: Duration,
    from: OrderOrigin,
    request: CancelRequest,
) -> (CancelAnswer, OrderWorkflowOutcome, Duration) {
    with_stub_worker(script.clone(), processing_delay, |workflows| async move {
        let id = order_id();
        workflows.start(id, &origin(), None, false).await.unwrap();
        eventually_called(&script, "MarkOrderProcessing").await;
        let sent = std::time::Instant::now();
        let answer = workflows.cancel(id, &from, false, request).await.unwrap();
        let waited = sent.elapsed();
        (answer, outcome(&workflows, id).await, waited)
    })
    .await
}

#[tokio::test]
async fn a_cancel_during_the_processing_delay_ends_the_wait_at_once() {
    let script = Script::new(false, OrderStatus::Cancelled);
    let request = CancelRequest::new("customer", Some("req-2".to_owned()));
    let (answer, outcome, waited) =
        cancel_after_first_step(script.clone(), Duration::from_secs(600), origin(), request).await;
    assert_eq!(answer, CancelAnswer::Decided(cancel_outcome::CANCELLED.to_owned()));
    assert_eq!(outcome.status, "cancelled");
    assert_eq!(script.calls(), ["MarkOrderProcessing", "MarkOrderCancelled"]);
    assert!(waited < Duration::from_secs(30), "the cancel waited for the 600 s delay: {waited:?}");
}

#[tokio::test]
async fn a_cancel_refused_for_a_stale_version_is_answered_stale_and_the_order_completes() {
    // The database answers the cancel with the order still `processing`: its version changed.
    let script = Script::new(false, OrderStatus::Processing);
    let request =
        CancelRequest { expected_version: Some(1), ..CancelRequest::new("customer", Some("req-3".to_owned())) };
    let (answer, outcome, _) = cancel_after_first_step(script.clone(), Duration::from_secs(3), origin(), request).await;
    assert_eq!(answer, CancelAnswer::Decided(cancel_outcome::STALE.to_owned()));
    assert_eq!(outcome.status, "completed");
    assert_eq!(script.calls(), ["MarkOrderProcessing", "MarkOrderCancelled", "MarkOrderCompleted"]);
}

#[tokio::test]
async fn a_cancel_for_another_order_with_the_same_id_changes_nothing() {
    let script = Script::new(false, OrderStatus::Cancelled);
    let theirs = OrderOrigin { database_id: "another-database".to_owned(), ..origin() };
    let request = CancelRequest::new("customer", Some("req-4".to_owned()));
    let (answer, outcome, _) = cancel_after_first_step(script.clone(), Duration::from_secs(3), theirs, request).await;
    assert_eq!(answer, CancelAnswer::Decided(cancel_outcome::OTHER_ORDER.to_owned()));
    assert_eq!(outcome.status, "completed");
    assert_eq!(script.calls(), ["MarkOrderProcessing", "MarkOrderCompleted"]);
}
