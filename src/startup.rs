//! Builds the application from its settings and runs what the command line asked for.

use anyhow::{Context, Result};
use deadpool_postgres::Pool;
use std::{net::SocketAddr, num::NonZeroU32, sync::Arc};
use temporalio_client::{Client, Connection};

use std::time::Duration;
use temporalio_common::telemetry::{
    metrics::CoreMeter, start_prometheus_metric_exporter, PrometheusExporterOptions, TelemetryOptions,
};
use temporalio_sdk::{
    runtime::{
        worker_tuner::{FixedSizeSlotSupplier, TunerHolder},
        PollerBehavior, RuntimeOptions,
    },
    Runtime, Worker, WorkerOptions,
};
use tokio::net::TcpListener;

use tracing::{info, warn};

use crate::{
    auth::Authenticator,
    config::{self, Settings},
    db,
    http::{self, Limits, OrdersApi, Rate, RateLimitSettings, RequestPipeline},
    metrics,
    payments::PaymentGateway,
    workflow::{repair, OrderActivities, OrderWorkflow, OrderWorkflowClient, OutboxDispatcher, SagaActivities},
};

/// What one `orders` process runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProcessRole {
    /// The HTTP API only.
    Api,
    /// The Temporal worker only.
    Worker,
    /// Both, in one process.
    All,
}

pub async fn run(role: ProcessRole, settings: Settings) -> Result<()> {
    if !settings.auth_enabled && role != ProcessRole::Worker {
        warn!("ORDERS_AUTH=off: authentication is disabled, every caller is an admin");
    }
    // Keys are checked before anything connects: a missing key stops the process at once.
    let authenticator = if settings.auth_enabled && role != ProcessRole::Worker {
        Some(Authenticator::new(&settings.auth)?)
    } else {
        None
    };
    let pool = db::pool(&settings.database_url, settings.db_pool_size, settings.db_timeout)?;
    // Waiting for Temporal to come up must not make the process deaf to SIGTERM.
    let temporal = tokio::select! {
        connected = connect_temporal() => connected?,
        () = shutdown_signal() => {
            info!("stopped before Temporal was reachable");
            return Ok(());
        }
    };
    // The worker's Temporal runtime, with the SDK's Prometheus exporter on a local port.
    let worker_runtime = match role {
        ProcessRole::Api => None,
        ProcessRole::Worker | ProcessRole::All => Some(worker_runtime(&settings)?),
    };

    let api = match role {
        ProcessRole::Worker => None,
        ProcessRole::Api | ProcessRole::All => {
            let listener = TcpListener::bind(settings.http_addr)
                .await
                .with_context(|| format!("cannot listen on ORDERS_HTTP_ADDR={}", settings.http_addr))?;
            announce(&settings, listener.local_addr()?, "HTTP API listening")?;
            let workflows = OrderWorkflowClient {
                client: temporal.clone(),
                task_queue: settings.task_queue.clone(),
                processing_delay: settings.processing_delay,
                delivery_timeout: settings.delivery_timeout,
                timeout: settings.temporal_timeout,
            };
            let api = OrdersApi {
                pool: pool.clone(),
                workflows: workflows.clone(),
                idempotency_ttl: settings.idempotency_ttl,
                sdk_exporter_addr: worker_runtime.as_ref().map(|(_, addr)| *addr),
            };
            let workflows_for_checks = workflows.clone();
            let dispatcher = OutboxDispatcher {
                pool: pool.clone(),
                database_url: settings.database_url.clone(),
                workflows,
                sweep: settings.outbox_sweep,
                start_rate: NonZeroU32::new(settings.dispatch_rate),
            };
            let dispatcher = tokio::spawn(dispatcher.run(shutdown_signal()));
            let purge = tokio::spawn(db::idempotency::purge_expired_keys(
                pool.clone(),
                settings.idempotency_ttl,
                shutdown_signal(),
            ));
            let stuck_check =
                tokio::spawn(repair::watch(pool.clone(), workflows_for_checks, settings.stuck_check_interval));
            let limits = Limits {
                max_body_bytes: settings.max_body_bytes,
                max_header_bytes: settings.max_header_bytes,
                request_timeout: settings.request_timeout,
                max_connections: settings.max_connections,
                rate: RateLimitSettings {
                    callers: Rate::new(settings.rate_limit, settings.rate_burst),
                    admins: Rate::new(settings.admin_rate_limit, settings.admin_rate_burst),
                    trusted_proxies: settings.trusted_proxies.clone(),
                },
            };
            let pipeline = RequestPipeline::new(api, authenticator, limits);
            let cors = http::cors(&settings.cors_origins);
            let server = http::serve(listener, pipeline, cors, shutdown_signal(), settings.shutdown_grace);
            Some(tokio::spawn(async move {
                server.await;
                stuck_check.abort();
                purge.abort();
                let _ = dispatcher.await;
            }))
        }
    };

    if let Some((runtime, sdk_exporter_addr)) = worker_runtime {
        // A worker-only process serves its own /metrics (in `all`, the API's /metrics does).
        let metrics = if role == ProcessRole::Worker {
            let listener = TcpListener::bind(settings.metrics_addr)
                .await
                .with_context(|| format!("cannot listen on ORDERS_METRICS_ADDR={}", settings.metrics_addr))?;
            announce(&settings, listener.local_addr()?, "worker metrics listening")?;
            Some(tokio::spawn(metrics::serve_worker_metrics(listener, pool.clone(), Some(sdk_exporter_addr))))
        } else {
            None
        };
        // The worker's future is not Send: it runs here, on the main task.
        run_worker(&settings, &runtime, temporal, pool.clone()).await?;
        if let Some(metrics) = metrics {
            metrics.abort();
        }
    }
    if let Some(api) = api {
        api.await?;
    }
    pool.close();
    info!("stopped");
    Ok(())
}

/// `orders repair`: starts processing again for every order whose workflow ended without
/// finishing it, and says which.
pub async fn repair(settings: Settings) -> Result<()> {
    let pool = db::pool(&settings.database_url, settings.db_pool_size, settings.db_timeout)?;
    let workflows = OrderWorkflowClient {
        client: connect_temporal().await?,
        task_queue: settings.task_queue.clone(),
        processing_delay: settings.processing_delay,
        delivery_timeout: settings.delivery_timeout,
        timeout: settings.temporal_timeout,
    };
    let repaired = repair::repair(&pool, &workflows).await?;
    for order in &repaired {
        println!(
            "order {}: {} with its workflow {}: processing restarted",
            order.order_id, order.status, order.workflow
        );
    }
    println!("{} order(s) repaired", repaired.len());
    Ok(())
}

/// Connects to Temporal, waiting for it if it is not up yet (a service started before, or
/// restarted while, Temporal is down comes up as soon as Temporal does).
async fn connect_temporal() -> Result<Client> {
    let (connection, client) = config::temporal_connection()?;
    // Not `target`: in JSON logs that key is the module path.
    let address = connection.target.to_string();
    let mut wait = Duration::from_millis(500);
    let connection = loop {
        match Connection::connect(connection.clone()).await {
            Ok(connection) => break connection,
            Err(e) => {
                warn!(%address, error = %e, retry_in = ?wait, "cannot connect to Temporal (TEMPORAL_ADDRESS)");
                tokio::time::sleep(wait).await;
                wait = (wait * 2).min(Duration::from_secs(10));
            }
        }
    };
    info!(%address, "connected to Temporal");
    Ok(Client::new(connection, client)?)
}

/// The Temporal runtime for the worker, exporting the SDK's metrics in Prometheus format on
/// `ORDERS_TEMPORAL_METRICS_ADDR` (a local port by default, which /metrics reads and appends).
fn worker_runtime(settings: &Settings) -> Result<(Runtime, SocketAddr)> {
    let exporter = start_prometheus_metric_exporter(
        PrometheusExporterOptions::builder()
            .socket_addr(settings.temporal_metrics_addr)
            .counters_total_suffix(true)
            .use_seconds_for_durations(true)
            .build(),
    )?;
    let telemetry = TelemetryOptions::builder().metrics(exporter.meter.clone() as Arc<dyn CoreMeter>).build();
    let options = RuntimeOptions::builder().telemetry_options(telemetry).build().map_err(anyhow::Error::msg)?;
    let runtime = Runtime::from_current_tokio(options)?;
    info!(addr = %exporter.bound_addr, "Temporal SDK metrics exporter listening");
    Ok((runtime, exporter.bound_addr))
}

/// Fixed task slots from the settings; the SDK's defaults (100) for the kinds this worker
/// never runs (local activities, Nexus tasks).
fn worker_tuner(settings: &Settings) -> TunerHolder {
    TunerHolder::builder()
        .workflow_task_slot_supplier(FixedSizeSlotSupplier::new(settings.worker_max_workflow_tasks))
        .activity_task_slot_supplier(FixedSizeSlotSupplier::new(settings.worker_max_activities))
        .local_activity_task_slot_supplier(FixedSizeSlotSupplier::new(100))
        .nexus_task_slot_supplier(FixedSizeSlotSupplier::new(100))
        .build()
}

/// Runs the worker until SIGTERM. A worker that stops with an error on its own (Temporal
/// unreachable while it checks its namespace at start, for one) is started again after a pause,
/// as the connection to Temporal is: the process stays up and recovers when Temporal does.
async fn run_worker(settings: &Settings, runtime: &Runtime, client: Client, pool: Pool) -> Result<()> {
    let shutdown = shutdown_signal();
    tokio::pin!(shutdown);
    let mut pause = Duration::from_millis(500);
    loop {
        let options = WorkerOptions::new(settings.task_queue.clone())
            .max_cached_workflows(settings.worker_cached_workflows)
            .workflow_task_poller_behavior(PollerBehavior::SimpleMaximum(settings.worker_workflow_pollers))
            .activity_task_poller_behavior(PollerBehavior::SimpleMaximum(settings.worker_activity_pollers))
            .tuner(worker_tuner(settings))
            .register_workflow::<OrderWorkflow>()?
            .register_activities(OrderActivities { pool: pool.clone() })
            .register_activities(SagaActivities {
                pool: pool.clone(),
                gateway: Arc::new(PaymentGateway::new(&settings.payment, pool.clone())?),
                carrier: settings.carrier.clone(),
            })
            .build();
        let mut worker = Worker::new(runtime, client.clone(), options)?;
        let stop = worker.shutdown_handle();
        info!(task_queue = %settings.task_queue, "Temporal worker running");
        let run = worker.run();
        tokio::pin!(run);
        tokio::select! {
            result = &mut run => match result {
                Ok(()) => return Ok(()),
                Err(e) => warn!(error = %e, retry_in = ?pause, "the worker stopped with an error; starting it again"),
            },
            () = &mut shutdown => {
                info!("worker stopping: finishing or handing back its tasks");
                stop();
                // Running activities get the grace period to finish, then the worker ends. An
                // error now (Temporal unreachable) changes nothing: the process was asked to stop.
                match tokio::time::timeout(settings.shutdown_grace, run).await {
                    Ok(Ok(())) => {}
                    Ok(Err(e)) => warn!(error = %e, "the worker stopped with an error"),
                    Err(_) => warn!("worker did not stop within ORDERS_SHUTDOWN_GRACE"),
                }
                return Ok(());
            }
        }
        tokio::select! {
            () = tokio::time::sleep(pause) => {}
            () = &mut shutdown => return Ok(()),
        }
        pause = (pause * 2).min(Duration::from_secs(10));
    }
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).expect("install SIGTERM handler");
        tokio::select! { _ = ctrl_c => {}, _ = term.recv() => {} }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}

/// Logs where the process listens, and writes it to `ORDERS_ADDR_FILE` when that is set
/// (whole or not at all: written aside, then renamed into place).
fn announce(settings: &Settings, addr: std::net::SocketAddr, what: &str) -> Result<()> {
    info!(%addr, "{what}");
    if let Some(path) = &settings.addr_file {
        let partial = path.with_extension("partial");
        std::fs::write(&partial, addr.to_string())
            .and_then(|()| std::fs::rename(&partial, path))
            .with_context(|| format!("cannot write ORDERS_ADDR_FILE={}", path.display()))?;
    }
    Ok(())
}
