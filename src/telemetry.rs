//! Logs and traces.
//!
//! Logs: `tracing` to stderr, readable text or JSON (`LOG_FORMAT=json`), level from `RUST_LOG`.
//! Traces: OpenTelemetry over OTLP/HTTP when `OTEL_EXPORTER_OTLP_ENDPOINT` is set (the standard
//! `OTEL_*` variables apply: `OTEL_SERVICE_NAME`, `OTEL_BSP_SCHEDULE_DELAY`, ...); otherwise no
//! exporter exists and spans cost what any unsubscribed `tracing` span costs.

use opentelemetry::trace::TracerProvider as _;
use opentelemetry_sdk::trace::SdkTracerProvider;
use tracing_subscriber::{layer::SubscriberExt, util::SubscriberInitExt, EnvFilter, Layer};

/// Keeps the log writer and the trace exporter alive; flushes both when dropped at exit.
pub struct TelemetryGuard(Option<SdkTracerProvider>, #[allow(dead_code)] tracing_appender::non_blocking::WorkerGuard);

impl Drop for TelemetryGuard {
    fn drop(&mut self) {
        if let Some(provider) = self.0.take() {
            let _ = provider.shutdown();
        }
    }
}

pub fn init() -> anyhow::Result<TelemetryGuard> {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into());
    let json = std::env::var("LOG_FORMAT").is_ok_and(|f| f.eq_ignore_ascii_case("json"));
    // Lines are written by a thread of their own, so a request never waits for stderr; when
    // that thread falls behind by its whole buffer, logging waits rather than drops lines.
    let (writer, flush_at_exit) =
        tracing_appender::non_blocking::NonBlockingBuilder::default().lossy(false).finish(std::io::stderr());
    let logs = tracing_subscriber::fmt::layer().with_writer(writer);
    // RUST_LOG filters the logs only: the trace exporter keeps this service's spans whatever
    // the log level.
    let logs = if json {
        logs.json().flatten_event(true).with_current_span(false).with_filter(filter).boxed()
    } else {
        logs.with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr())).with_filter(filter).boxed()
    };

    let provider = match std::env::var("OTEL_EXPORTER_OTLP_ENDPOINT") {
        Ok(endpoint) if !endpoint.is_empty() => {
            use opentelemetry_otlp::WithExportConfig;
            let exporter = opentelemetry_otlp::SpanExporter::builder()
                .with_http()
                .with_protocol(opentelemetry_otlp::Protocol::HttpJson)
                .with_endpoint(format!("{}/v1/traces", endpoint.trim_end_matches('/')))
                .build()?;
            let resource = opentelemetry_sdk::Resource::builder()
                .with_service_name(std::env::var("OTEL_SERVICE_NAME").unwrap_or_else(|_| "orders".to_owned()));
            Some(SdkTracerProvider::builder().with_batch_exporter(exporter).with_resource(resource.build()).build())
        }
        _ => None,
    };
    let traces = provider.as_ref().map(|p| {
        tracing_opentelemetry::layer()
            .with_tracer(p.tracer("orders"))
            .with_filter(tracing_subscriber::filter::Targets::new().with_target("orders", tracing::Level::INFO))
            .boxed()
    });
    tracing_subscriber::registry().with(logs).with(traces).init();
    Ok(TelemetryGuard(provider, flush_at_exit))
}
