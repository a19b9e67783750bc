//! The HTTP side: where a request goes.
//!
//! ```text
//! TCP -> hyper (http1: head size and read timeout; the connection cap in `serve`)
//!     -> tower-http: sensitive `Authorization`, request id, trace (the request's span, its log
//!        line and metrics), request id on the response, CORS (when origins are allowed)
//!     -> admit: authentication (auth.rs), rate limit (rate_limit.rs)
//!     -> tower-http: body size limit -> read_and_route: body deadline, JSON checks, /docs
//!     -> generated router -> handlers.rs (adapter) -> orders.rs, products.rs
//!     <- the router's own errors as problems (problem.rs)
//! ```

mod docs;
mod handlers;
mod orders;
pub mod problem;
mod products;
mod rate_limit;
mod routes;

use std::{
    convert::Infallible,
    future::Future,
    net::{IpAddr, SocketAddr},
    pin::Pin,
    sync::Arc,
    time::Duration,
};

use http_body_util::{combinators::BoxBody, BodyExt, Full, LengthLimitError};
use hyper::{
    body::Incoming,
    header::{self, HeaderName, HeaderValue},
    server::conn::http1,
    service::Service as _,
    Method, Request, Response, StatusCode,
};
use hyper_util::{
    rt::{TokioIo, TokioTimer},
    server::graceful::GracefulShutdown,
    service::TowerToHyperService,
};
use swagger::{
    auth::{AuthData, Authorization, Scopes},
    ContextBuilder, EmptyContext, Push, XSpanIdString,
};
use tokio::{net::TcpListener, sync::Semaphore};
use tower::{ServiceBuilder, ServiceExt as _};
use tower_http::{
    cors::{AllowOrigin, CorsLayer},
    limit::RequestBodyLimitLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    sensitive_headers::SetSensitiveRequestHeadersLayer,
    trace::TraceLayer,
};
use tracing::{debug, info, warn, Span};

pub use handlers::OrdersApi;
use problem::{problem, problem_response, HttpBody};
pub use rate_limit::{Rate, RateLimitSettings};
use rate_limit::{RateLimits, Verdict};

use crate::{
    auth::{AuthError, Authenticator, Caller, Principal},
    metrics,
};

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
const IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");

/// The context the generated router passes to handlers: the request id (as its span id), and
/// the authenticated caller (as its `Authorization`).
type Context =
    swagger::make_context_ty!(ContextBuilder, EmptyContext, Option<Authorization>, Option<AuthData>, XSpanIdString);
type Router = orders_api::server::Service<OrdersApi, Context>;

/// The limits a client meets (see README, "Configuration").
#[derive(Clone)]
pub struct Limits {
    pub max_body_bytes: usize,
    pub max_header_bytes: usize,
    pub request_timeout: Duration,
    pub max_connections: usize,
    /// Per caller, per role, and per client address (see [`rate_limit`]).
    pub rate: RateLimitSettings,
}

/// What [`RequestPipeline::admit`] decides: the caller (`None` on the public routes) or the
/// response that refuses the request, and the `RateLimit` headers for the response.
type Admission = (Result<Option<Caller>, Box<Response<HttpBody>>>, Vec<(HeaderName, HeaderValue)>);

/// What the request log and metrics say about a request, left on its response by the pipeline
/// for the trace layer's response hook (the way a router leaves its matched path).
#[derive(Clone)]
struct Served {
    method: Method,
    route: &'static str,
    path: String,
}

/// The hand-written steps of every request, between the tower-http layers and the generated
/// router: admission (who is calling, within what rate), the body, and the router's answer.
pub struct RequestPipeline {
    router: Arc<Router>,
    /// `None`: authentication is off, every caller is an admin.
    authenticator: Option<Arc<Authenticator>>,
    rate_limits: Arc<RateLimits>,
    limits: Limits,
}

impl RequestPipeline {
    pub fn new(api: OrdersApi, authenticator: Option<Authenticator>, limits: Limits) -> Self {
        Self {
            router: Arc::new(orders_api::server::Service::new(api, false)),
            authenticator: authenticator.map(Arc::new),
            rate_limits: RateLimits::start(limits.rate.clone()),
            limits,
        }
    }

    async fn handle(&self, request: Request<Incoming>, peer: IpAddr) -> Response<HttpBody> {
        let path = request.uri().path().to_owned();
        let served = Served { method: request.method().clone(), route: routes::template_of(&path), path };
        let (admitted, rate_headers) = self.admit(peer, &served.path, request.headers());
        let mut response = match admitted {
            Err(refused) => *refused,
            Ok(caller) => {
                let max_body_bytes = self.limits.max_body_bytes;
                let read_and_route = tower::service_fn(|request| {
                    // Boxed: the layer's futures would otherwise move this large one along with them.
                    let routed = Box::pin(self.read_and_route(request, caller.clone()));
                    async move { Ok::<_, Infallible>(routed.await) }
                });
                let response = ServiceBuilder::new()
                    .layer(RequestBodyLimitLayer::new(max_body_bytes))
                    .service(read_and_route)
                    .oneshot(request)
                    .await
                    .unwrap_or_else(|never| match never {});
                if response.status() == StatusCode::PAYLOAD_TOO_LARGE && !problem::is_problem(&response) {
                    // Refused by its Content-Length, before a byte of the body was read.
                    too_large(max_body_bytes)
                } else {
                    response.map(BoxBody::new)
                }
            }
        };
        response.headers_mut().extend(rate_headers);
        response.extensions_mut().insert(served);
        response
    }

    /// For the routes that need credentials, the caller's; then the rate limit of whom the
    /// request counts against: the authenticated caller, else the client's address.
    fn admit(&self, peer: IpAddr, path: &str, headers: &hyper::HeaderMap) -> Admission {
        let by_address = || self.rate_limits.check_address(peer, headers);
        if !routes::needs_credentials(path) {
            return admitted(by_address(), Ok(None));
        }
        let Some(authenticator) = &self.authenticator else {
            // No identities: every caller is the same anonymous admin, told apart by address.
            return admitted(
                by_address(),
                Ok(Some(Caller { principal: Principal::Admin, subject: "anonymous".to_owned() })),
            );
        };
        let authorization = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok());
        match authenticator.authenticate(authorization) {
            Ok(caller) => admitted(self.rate_limits.check_caller(&caller), Ok(Some(caller))),
            Err(AuthError::Unauthenticated(detail)) => {
                let mut response = problem_response(&problem(StatusCode::UNAUTHORIZED, detail.clone()));
                let challenge = if authorization.is_some() {
                    format!("Bearer realm=\"orders\", error=\"invalid_token\", error_description=\"{detail}\"")
                } else {
                    "Bearer realm=\"orders\"".to_owned()
                };
                let challenge = HeaderValue::from_str(&challenge).unwrap_or(HeaderValue::from_static("Bearer"));
                response.headers_mut().insert(header::WWW_AUTHENTICATE, challenge);
                admitted(by_address(), Err(Box::new(response)))
            }
            Err(AuthError::Forbidden(detail)) => {
                admitted(by_address(), Err(Box::new(problem_response(&problem(StatusCode::FORBIDDEN, detail)))))
            }
        }
    }

    /// Reads the body (size-limited by the layer around this) within the request deadline, checks it
    /// is JSON, and hands the request to the generated router. The deadline is for the whole
    /// body: tower-http's body timeout restarts with each chunk, which a client sending a byte
    /// at a time would never meet.
    async fn read_and_route<B>(&self, request: Request<B>, caller: Option<Caller>) -> Response<HttpBody>
    where
        B: hyper::body::Body<Error = Box<dyn std::error::Error + Send + Sync>>,
    {
        let (parts, body) = request.into_parts();
        let path = parts.uri.path();
        match tokio::time::timeout(self.limits.request_timeout, body.collect()).await {
            Err(_) => {
                let detail = format!("the request body did not arrive within {:?}", self.limits.request_timeout);
                closing(problem_response(&problem(StatusCode::REQUEST_TIMEOUT, detail)))
            }
            Ok(_) if (path == "/docs" || path.starts_with("/docs/")) && routes::matched(path).is_none() => {
                docs::serve(path)
            }
            Ok(Ok(collected)) => {
                let body = collected.to_bytes();
                if !body.is_empty() && !declared_json(&parts.headers) {
                    let detail = "the request body must be JSON (Content-Type: application/json)";
                    problem_response(&problem(StatusCode::UNSUPPORTED_MEDIA_TYPE, detail))
                } else if let Some(refused) = problem::shape_error(&body) {
                    refused
                } else {
                    self.route(parts, body, caller).await
                }
            }
            Ok(Err(e)) if e.is::<LengthLimitError>() => too_large(self.limits.max_body_bytes),
            Ok(Err(e)) => problem_response(&problem(StatusCode::BAD_REQUEST, format!("unreadable body: {e}"))),
        }
    }

    /// Hands the request to the generated router; turns what it answers by itself into problems.
    async fn route(
        &self,
        parts: hyper::http::request::Parts,
        body: bytes::Bytes,
        caller: Option<Caller>,
    ) -> Response<HttpBody> {
        let authorization = caller.map(|c| Authorization {
            subject: c.principal.to_subject(&c.subject),
            scopes: Scopes::All,
            issuer: None,
        });
        // Set by the request id layer: the client's id when usable, else a new one.
        let request_id = parts.headers.get(REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        let (method, path) = (parts.method.clone(), parts.uri.path().to_owned());
        let context: Context = EmptyContext.push(XSpanIdString(request_id)).push(None::<AuthData>).push(authorization);
        let request = Request::from_parts(parts, Full::new(body.clone()));
        match self.router.call((request, context)).await {
            Ok(response) => problem::normalize(response, &method, &path, &body).await,
            Err(e) => {
                warn!(error = %e, "router failed");
                problem_response(&problem(StatusCode::INTERNAL_SERVER_ERROR, "unexpected error"))
            }
        }
    }
}

/// 413; the rest of the body was not read, so the connection cannot carry another request.
fn too_large(max_body_bytes: usize) -> Response<HttpBody> {
    let detail = format!("the request body is larger than {max_body_bytes} bytes");
    closing(problem_response(&problem(StatusCode::PAYLOAD_TOO_LARGE, detail)))
}

fn closing(mut response: Response<HttpBody>) -> Response<HttpBody> {
    response.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}

/// The request goes on as decided, unless its rate limit refuses it (429 with `Retry-After`).
fn admitted(verdict: Verdict, decided: Result<Option<Caller>, Box<Response<HttpBody>>>) -> Admission {
    match verdict {
        Verdict::Allowed(headers) => (decided, headers),
        Verdict::Refused { retry_after_secs, headers } => {
            let mut response = problem_response(&problem(
                StatusCode::TOO_MANY_REQUESTS,
                format!("too many requests from this client; retry in {retry_after_secs} s"),
            ));
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
            (Err(Box::new(response)), headers)
        }
    }
}

/// A body must be declared JSON (`application/json` or `application/*+json`).
fn declared_json(headers: &hyper::HeaderMap) -> bool {
    let Some(content_type) = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let mime = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    mime == "application/json" || (mime.starts_with("application/") && mime.ends_with("+json"))
}

/// A client's `X-Request-Id` is kept when it is 1 to 128 visible ASCII characters; otherwise
/// it is dropped here, and the request id layer makes a new one.
fn drop_unusable_request_id<B>(mut request: Request<B>) -> Request<B> {
    let usable = request
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| !v.is_empty() && v.len() <= 128);
    if !usable {
        request.headers_mut().remove(REQUEST_ID);
    }
    request
}

/// The span every request runs in (exported as a trace when OTLP is on).
fn request_span<B>(request: &Request<B>) -> Span {
    tracing::info_span!(
        "http.request",
        http.request.method = %request.method(),
        http.route = routes::template_of(request.uri().path()),
    )
}

/// The request's log line and metrics, when its response head is ready.
fn log_response<B>(response: &Response<B>, latency: Duration, _: &Span) {
    // Preflights answered by the CORS layer never reach the pipeline: they are not counted.
    let Some(Served { method, route, path }) = response.extensions().get::<Served>() else { return };
    let request_id = response.headers().get(REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let status = response.status().as_u16();
    let labels = [method.as_str(), route, &status.to_string()];
    let m = metrics::get();
    m.http_requests.with_label_values(&labels).inc();
    m.http_duration.with_label_values(&labels).observe(latency.as_secs_f64());
    // Microseconds are enough: `0.155`, not `0.15529199999999999`.
    let latency_ms = latency.as_micros() as f64 / 1000.0;
    info!(%method, route, path, status, latency_ms, request_id, "request");
}

/// The pipeline bound to one connection's peer address (cloned for every request, by hyper).
#[derive(Clone)]
struct Connection {
    pipeline: Arc<RequestPipeline>,
    peer: IpAddr,
}

impl tower::Service<Request<Incoming>> for Connection {
    type Response = Response<HttpBody>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, _: &mut std::task::Context<'_>) -> std::task::Poll<Result<(), Infallible>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<Incoming>) -> Self::Future {
        let (pipeline, peer) = (self.pipeline.clone(), self.peer);
        Box::pin(async move { Ok(pipeline.handle(request, peer).await) })
    }
}

/// CORS for browser clients on the allowed origins (`ORDERS_CORS_ORIGINS`; `None`: no origin
/// is, and requests pass untouched). Preflights are answered here, before the rate limit and
/// authentication (a browser sends them without credentials); every other response to an
/// allowed origin, problems included, says so, and exposes the headers clients read.
pub fn cors(origins: &[String]) -> Option<CorsLayer> {
    if origins.is_empty() {
        return None;
    }
    let allow_origin = if origins.iter().any(|o| o == "*") {
        AllowOrigin::any()
    } else {
        AllowOrigin::list(origins.iter().map(|o| HeaderValue::from_str(o).expect("checked by config::parse_origins")))
    };
    Some(
        CorsLayer::new()
            .allow_origin(allow_origin)
            .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
            .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE, header::IF_MATCH, IDEMPOTENCY_KEY, REQUEST_ID])
            .expose_headers([
                header::ETAG,
                header::LINK,
                header::LOCATION,
                header::RETRY_AFTER,
                header::WWW_AUTHENTICATE,
                REQUEST_ID,
                HeaderName::from_static("ratelimit"),
                HeaderName::from_static("ratelimit-policy"),
            ])
            .max_age(Duration::from_secs(600)),
    )
}

/// Serves until `shutdown` resolves, then stops accepting and lets open requests finish
/// (bounded by `grace`).
pub async fn serve(
    listener: TcpListener,
    pipeline: RequestPipeline,
    cors: Option<CorsLayer>,
    shutdown: impl Future<Output = ()>,
    grace: Duration,
) {
    let graceful = GracefulShutdown::new();
    let connections = Arc::new(Semaphore::new(pipeline.limits.max_connections));
    let pipeline = Arc::new(pipeline);
    tokio::pin!(shutdown);
    loop {
        // Past the connection cap, new connections wait in the listen backlog.
        let permit = tokio::select! {
            permit = connections.clone().acquire_owned() => permit.expect("never closed"),
            () = &mut shutdown => break,
        };
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, peer): (_, SocketAddr) = match accepted {
                    Ok(conn) => conn,
                    Err(e) => { warn!(error = %e, "accept failed"); continue; }
                };
                // Responses go out as they are written, not held back waiting for an ACK.
                let _ = stream.set_nodelay(true);
                let service = ServiceBuilder::new()
                    .layer(SetSensitiveRequestHeadersLayer::new([header::AUTHORIZATION]))
                    .map_request(drop_unusable_request_id)
                    .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
                    .layer(
                        TraceLayer::new_for_http()
                            .make_span_with(request_span)
                            .on_request(())
                            .on_response(log_response)
                            .on_body_chunk(())
                            .on_eos(())
                            .on_failure(()),
                    )
                    .layer(PropagateRequestIdLayer::new(REQUEST_ID))
                    .option_layer(cors.clone())
                    .service(Connection { pipeline: Arc::clone(&pipeline), peer: peer.ip() });
                let connection = http1::Builder::new()
                    .timer(TokioTimer::new())
                    .header_read_timeout(pipeline.limits.request_timeout)
                    .max_buf_size(pipeline.limits.max_header_bytes.max(8192))
                    .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
                let connection = graceful.watch(connection);
                tokio::spawn(async move {
                    if let Err(e) = connection.await {
                        debug!(%peer, error = %e, "connection ended with an error");
                    }
                    drop(permit);
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
