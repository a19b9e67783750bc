//! The Temporal ceiling for `make bench`: the same SDK, a workflow of the same shape as
//! OrderWorkflow (activity, timer, activity) with activities that do nothing, started in a
//! burst and completed by a worker in this process. Prints `starts_per_s` and
//! `completions_per_s`; the order service's end-to-end rate is compared with the latter.
//!
//! Usage: temporal_ceiling <temporal address> <task queue> <workflows> <delay ms>

use std::time::{Duration, Instant};

use futures::future::join_all;
use temporalio_client::{
    Client, ClientOptions, Connection, ConnectionOptions, WorkflowGetResultOptions, WorkflowStartOptions,
};
use temporalio_macros::{activities, workflow, workflow_methods};
use temporalio_sdk::{
    activities::{ActivityContext, ActivityError},
    ActivityOptions, Runtime, Worker, WorkerOptions, WorkflowContext, WorkflowResult,
};

pub struct NoopActivities;

#[activities]
impl NoopActivities {
    #[activity]
    pub async fn step(_ctx: ActivityContext, order_id: i64) -> Result<Option<String>, ActivityError> {
        Ok(Some(order_id.to_string()))
    }
}

#[workflow]
#[derive(Default)]
pub struct CeilingWorkflow;

#[workflow_methods]
impl CeilingWorkflow {
    #[run]
    pub async fn run(ctx: &mut WorkflowContext<Self>, input: (i64, u64)) -> WorkflowResult<String> {
        let options = || ActivityOptions::start_to_close_timeout(Duration::from_secs(10));
        ctx.execute_activity(NoopActivities::step, input.0, options()).await?;
        ctx.timer(Duration::from_millis(input.1)).await;
        ctx.execute_activity(NoopActivities::step, input.0, options()).await?;
        Ok("completed".to_owned())
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (address, queue, count, delay_ms) =
        (args[1].clone(), args[2].clone(), args[3].parse::<i64>()?, args[4].parse::<u64>()?);
    let connect = || async {
        let connection =
            Connection::connect(ConnectionOptions::new(format!("http://{address}").parse::<url::Url>()?).build())
                .await?;
        anyhow::Ok(Client::new(connection, ClientOptions::new("default").build())?)
    };
    let client = connect().await?;
    let runtime = Runtime::from_current_tokio(Default::default())?;
    let options = WorkerOptions::new(queue.clone())
        .register_workflow::<CeilingWorkflow>()?
        .register_activities(NoopActivities)
        .build();
    let mut worker = Worker::new(&runtime, connect().await?, options)?;
    let stop = worker.shutdown_handle();
    let run = worker.run();
    tokio::pin!(run);

    let driver = async {
        let started = Instant::now();
        let handles = join_all((0..count).map(|i| {
            let client = client.clone();
            let queue = queue.clone();
            async move {
                let id = format!("ceiling-{queue}-{i}");
                client
                    .start_workflow(CeilingWorkflow::run, (i, delay_ms), WorkflowStartOptions::new(queue, id).build())
                    .await
            }
        }))
        .await;
        let start_secs = started.elapsed().as_secs_f64();
        let mut ok = Vec::new();
        for h in handles {
            ok.push(h?);
        }
        join_all(ok.iter().map(|h| h.get_result(WorkflowGetResultOptions::default()))).await;
        let total = started.elapsed().as_secs_f64();
        println!("starts_per_s={:.1}", count as f64 / start_secs);
        println!("completions_per_s={:.1}", count as f64 / total);
        anyhow::Ok(())
    };
    tokio::select! {
        result = driver => { stop(); result?; }
        result = &mut run => { result?; }
    }
    let _ = tokio::time::timeout(Duration::from_secs(5), run).await;
    Ok(())
}
