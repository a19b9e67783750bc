//! The Temporal ceiling for `make bench`: the same SDK and a workflow of the same shape as
//! OrderWorkflow (activity, timer, activity) whose activities do an order's database work (the
//! service's own guarded, recorded status change: `pending` -> `processing` -> `completed`),
//! started in a burst and completed by a worker in this process. What it leaves out is the
//! service itself: HTTP, the outbox and its dispatcher, the workflow's cancel handling. Prints
//! `starts_per_s`, `completions_per_s` and its own `cpu_ms`; the service's end-to-end rate is
//! compared with the completions.
//!
//! With `saga`, each workflow runs six activities instead of two, as an order with items does
//! (processing, reserve, charge, book, shipped, completed: the four in between are guarded
//! status writes that leave the status as it is); the carrier's two updates are not sent.
//!
//! Usage: temporal_ceiling <temporal address> <task queue> <workflows> <delay ms> <database url>
//! [patched] [saga]

use std::{
    str::FromStr,
    sync::Arc,
    time::{Duration, Instant},
};

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};

use futures::future::join_all;
use temporalio_client::{
    Client, ClientOptions, Connection, ConnectionOptions, WorkflowGetResultOptions, WorkflowStartOptions,
};
use temporalio_macros::{activities, workflow, workflow_methods};
use temporalio_sdk::{
    activities::{ActivityContext, ActivityError},
    ActivityOptions, Runtime, Worker, WorkerOptions, WorkflowContext, WorkflowResult,
};

use orders_db::queries::orders::advance_order_status;

pub struct StatusActivities {
    pool: Pool,
}

#[activities]
impl StatusActivities {
    #[activity]
    pub async fn step(
        self: Arc<Self>,
        _ctx: ActivityContext,
        (order_id, to, from): (i64, String, String),
    ) -> Result<Option<String>, ActivityError> {
        let client = self.pool.get().await.map_err(anyhow::Error::from)?;
        let moved = advance_order_status()
            .bind(&client, &order_id, &to, &vec![from], &None, &"ceiling", &None::<&str>)
            .opt()
            .await
            .map_err(anyhow::Error::from)?;
        Ok(moved.map(|m| m.status))
    }
}

#[workflow]
#[derive(Default)]
pub struct CeilingWorkflow;

#[workflow_methods]
impl CeilingWorkflow {
    #[run]
    pub async fn run(ctx: &mut WorkflowContext<Self>, input: (i64, u64, bool, u32)) -> WorkflowResult<String> {
        // OrderWorkflow records a patch marker, and the search attribute upsert that goes with it,
        // in every new run; `patched` adds the same to this program's workflow.
        if input.2 {
            ctx.patched("ceiling-patch");
        }
        let options = || ActivityOptions::start_to_close_timeout(Duration::from_secs(10));
        let step = |to: &str, from: &str| (input.0, to.to_owned(), from.to_owned());
        ctx.execute_activity(StatusActivities::step, step("processing", "pending"), options()).await?;
        for _ in 0..input.3 {
            ctx.execute_activity(StatusActivities::step, step("processing", "processing"), options()).await?;
        }
        ctx.timer(Duration::from_millis(input.1)).await;
        ctx.execute_activity(StatusActivities::step, step("completed", "processing"), options()).await?;
        Ok("completed".to_owned())
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (address, queue, count, delay_ms, database_url) =
        (args[1].clone(), args[2].clone(), args[3].parse::<i64>()?, args[4].parse::<u64>()?, &args[5]);
    let patched = args[6..].iter().any(|a| a == "patched");
    let middle_steps: u32 = if args[6..].iter().any(|a| a == "saga") { 4 } else { 0 };
    let manager = Manager::from_config(
        tokio_postgres::Config::from_str(database_url)?,
        tokio_postgres::NoTls,
        ManagerConfig { recycling_method: RecyclingMethod::Fast },
    );
    // The worker's default pool size (ORDERS_DB_POOL_SIZE).
    let pool = Pool::builder(manager).max_size(16).build()?;
    let ids: Vec<i64> = pool
        .get()
        .await?
        .query(
            "INSERT INTO orders (customer_id, status, total_amount)
             SELECT 1, 'pending', 1.00 FROM generate_series(1, $1::bigint) RETURNING id",
            &[&count],
        )
        .await?
        .iter()
        .map(|row| row.get(0))
        .collect();
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
        .register_activities(StatusActivities { pool: pool.clone() })
        .build();
    let mut worker = Worker::new(&runtime, connect().await?, options)?;
    let stop = worker.shutdown_handle();
    let run = worker.run();
    tokio::pin!(run);

    let driver = async {
        let started = Instant::now();
        let handles = join_all(ids.iter().map(|&order_id| {
            let client = client.clone();
            let queue = queue.clone();
            async move {
                let id = format!("ceiling-{queue}-{order_id}");
                client
                    .start_workflow(
                        CeilingWorkflow::run,
                        (order_id, delay_ms, patched, middle_steps),
                        WorkflowStartOptions::new(queue, id).build(),
                    )
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
        let completed: i64 = pool
            .get()
            .await?
            .query_one("SELECT count(*) FROM orders WHERE id = ANY($1) AND status = 'completed'", &[&ids])
            .await?
            .get(0);
        anyhow::ensure!(completed == count, "only {completed} of {count} orders were completed");
        println!("starts_per_s={:.1}", count as f64 / start_secs);
        println!("completions_per_s={:.1}", count as f64 / total);
        println!("cpu_ms={}", own_cpu_ms()?);
        anyhow::Ok(())
    };
    tokio::select! {
        result = driver => { stop(); result?; }
        result = &mut run => { result?; }
    }
    let _ = tokio::time::timeout(Duration::from_secs(5), run).await;
    Ok(())
}

/// CPU time this process has used (all threads), for the bench's CPU-per-workflow figures.
fn own_cpu_ms() -> anyhow::Result<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat")?;
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and
    // 13th, in clock ticks (100 per second on Linux).
    let fields: Vec<&str> = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("").split_whitespace().collect();
    let ticks: u64 = fields[11].parse::<u64>()? + fields[12].parse::<u64>()?;
    Ok(ticks * 10)
}
