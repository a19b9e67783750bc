//! The HTTP side: where a request goes.
//!
//! ```text
//! TCP -> hyper (http1) -> RequestPipeline -> generated router (orders_api::server) -> OrdersApi
//!                          buffers the body (size limit), logs the request,
//!                          turns the router's own errors into problems
//! ```

mod docs;
mod handlers;
pub mod problem;

use std::{convert::Infallible, future::Future, net::SocketAddr, pin::Pin, sync::Arc, time::Instant};

use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::{
    Request, Response, StatusCode,
    body::Incoming,
    header::{HeaderName, HeaderValue},
    server::conn::http1,
    service::Service,
};
use hyper_util::{rt::TokioIo, server::graceful::GracefulShutdown};
use swagger::{ContextBuilder, EmptyContext, Has, XSpanIdString, auth::AuthData};
use tokio::net::TcpListener;
use tracing::{debug, info, warn};

pub use handlers::OrdersApi;

use crate::metrics;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
use problem::{HttpBody, problem, problem_response};

// What the generated AddContext layer builds: the span id, then (absent) auth data.
type Context = swagger::make_context_ty!(ContextBuilder, EmptyContext, Option<AuthData>, XSpanIdString);
type Router = orders_api::server::context::AddContext<orders_api::server::Service<OrdersApi, Context>, EmptyContext>;

/// Every request passes here on its way to the generated router and back.
#[derive(Clone)]
pub struct RequestPipeline {
    router: Arc<Router>,
    max_body_bytes: usize,
}

impl RequestPipeline {
    pub fn new(api: OrdersApi, max_body_bytes: usize) -> Self {
        let service = orders_api::server::Service::new(api, false);
        Self { router: Arc::new(orders_api::server::context::AddContext::new(service)), max_body_bytes }
    }

    async fn handle(self, request: Request<Incoming>) -> Response<HttpBody> {
        let started = Instant::now();
        let (mut parts, body) = request.into_parts();
        let (method, path) = (parts.method.clone(), parts.uri.path().to_owned());
        let route = metrics::route_of(&path);
        // One id follows the request: the client's X-Request-Id when it is usable, else a new
        // one. The generated layer reads it as the span id, so handlers see it in their context.
        let request_id = parts
            .headers
            .get(REQUEST_ID)
            .and_then(|v| v.to_str().ok())
            .filter(|v| !v.is_empty() && v.len() <= 128)
            .map(str::to_owned)
            .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
        let request_id_header = HeaderValue::from_str(&request_id).expect("visible ASCII");
        parts.headers.insert("x-span-id", request_id_header.clone());

        let body = Limited::new(body, self.max_body_bytes).collect().await.map(|c| c.to_bytes());
        let mut response = match body {
            _ if route == "unmatched" && (path == "/docs" || path.starts_with("/docs/")) => docs::serve(&path),
            Ok(body) if !body.is_empty() && !declared_json(&parts.headers) => {
                let detail = "the request body must be JSON (Content-Type: application/json)";
                problem_response(&problem(StatusCode::UNSUPPORTED_MEDIA_TYPE, detail))
            }
            Ok(body) => match problem::shape_error(&body) {
                Some(refused) => refused,
                None => self.route(parts, body, &method, &path).await,
            },
            Err(e) if e.is::<LengthLimitError>() => {
                let detail = format!("the request body is larger than {} bytes", self.max_body_bytes);
                problem_response(&problem(StatusCode::PAYLOAD_TOO_LARGE, detail))
            }
            Err(e) => problem_response(&problem(StatusCode::BAD_REQUEST, format!("unreadable body: {e}"))),
        };
        response.headers_mut().insert(REQUEST_ID, request_id_header);

        let status = response.status().as_u16();
        let latency = started.elapsed().as_secs_f64();
        let labels = [method.as_str(), route, &status.to_string()];
        let m = metrics::get();
        m.http_requests.with_label_values(&labels).inc();
        m.http_duration.with_label_values(&labels).observe(latency);
        info!(%method, route, path, status, latency_ms = latency * 1000.0, request_id, "request");
        response
    }
}

impl RequestPipeline {
    /// Hands the request to the generated router; turns what it answers by itself into problems.
    async fn route(&self, parts: hyper::http::request::Parts, body: bytes::Bytes, method: &hyper::Method, path: &str) -> Response<HttpBody> {
        let request = Request::from_parts(parts, Full::new(body.clone()));
        match self.router.call(request).await {
            Ok(response) => problem::normalize(response, method, path, &body).await,
            Err(e) => {
                warn!(error = %e, "router failed");
                problem_response(&problem(StatusCode::INTERNAL_SERVER_ERROR, "unexpected error"))
            }
        }
    }
}

impl Service<Request<Incoming>> for RequestPipeline {
    type Response = Response<HttpBody>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Infallible>> + Send>>;

    fn call(&self, request: Request<Incoming>) -> Self::Future {
        let this = self.clone();
        Box::pin(async move { Ok(this.handle(request).await) })
    }
}

/// A body must be declared JSON (`application/json` or `application/*+json`).
fn declared_json(headers: &hyper::HeaderMap) -> bool {
    let Some(content_type) = headers.get(hyper::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let mime = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    mime == "application/json" || (mime.starts_with("application/") && mime.ends_with("+json"))
}

// The generated router needs its context to carry the span id; checked at compile time here.
const _: fn() = || {
    fn has_span<C: Has<XSpanIdString>>() {}
    has_span::<Context>();
};

/// Serves until `shutdown` resolves, then stops accepting and lets open requests finish
/// (bounded by `grace`).
pub async fn serve(
    listener: TcpListener,
    pipeline: RequestPipeline,
    shutdown: impl Future<Output = ()>,
    grace: std::time::Duration,
) {
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, peer): (_, SocketAddr) = match accepted {
                    Ok(conn) => conn,
                    Err(e) => { warn!(error = %e, "accept failed"); continue; }
                };
                let connection = http1::Builder::new().serve_connection(TokioIo::new(stream), pipeline.clone());
                let connection = graceful.watch(connection);
                tokio::spawn(async move {
                    if let Err(e) = connection.await {
                        debug!(%peer, error = %e, "connection ended with an error");
                    }
                });
            }
            () = &mut shutdown => break,
        }
    }
    drop(listener);
    info!("HTTP server stopping: finishing open requests");
    if tokio::time::timeout(grace, graceful.shutdown()).await.is_err() {
        warn!("some requests were still open after the grace period");
    }
}
