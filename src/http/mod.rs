//! The HTTP side: where a request goes.
//!
//! ```text
//! TCP -> hyper (http1: head size and read timeout) -> CORS (tower-http, when origins are
//!        allowed) -> RequestPipeline -> generated router -> OrdersApi
//!        RequestPipeline: request id, authentication, rate limit, body (size limit, read
//!        timeout, JSON), /docs, request log and metrics, the router's own errors as problems
//! ```

mod docs;
mod handlers;
mod orders;
pub mod problem;
mod products;
mod rate_limit;

use std::{
    convert::Infallible,
    future::Future,
    net::{IpAddr, SocketAddr},
    pin::Pin,
    sync::Arc,
    time::{Duration, Instant},
};

use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
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
use tower::ServiceBuilder;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tracing::{debug, info, warn, Instrument};

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

/// Every request passes here on its way to the generated router and back.
#[derive(Clone)]
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

    async fn handle(self, request: Request<Incoming>, peer: IpAddr) -> Response<HttpBody> {
        let started = Instant::now();
        let (parts, body) = request.into_parts();
        let (method, path) = (parts.method.clone(), parts.uri.path().to_owned());
        let route = metrics::route_of(&path);
        // One id follows the request: the client's X-Request-Id when it is usable, else a new one.
        let request_id = parts
            .headers
            .get(REQUEST_ID)
            .and_then(|v| v.to_str().ok())
            .filter(|v| !v.is_empty() && v.len() <= 128)
            .map(str::to_owned)
            .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());

        let (admitted, rate_headers) = self.admit(peer, &path, &parts.headers);
        let mut response = match admitted {
            Err(refused) => *refused,
            Ok(caller) => {
                let read = Limited::new(body, self.limits.max_body_bytes).collect();
                match tokio::time::timeout(self.limits.request_timeout, read).await {
                    Err(_) => {
                        let detail =
                            format!("the request body did not arrive within {:?}", self.limits.request_timeout);
                        let mut response = problem_response(&problem(StatusCode::REQUEST_TIMEOUT, detail));
                        response.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
                        response
                    }
                    Ok(_) if route == "unmatched" && (path == "/docs" || path.starts_with("/docs/")) => {
                        docs::serve(&path)
                    }
                    Ok(Ok(collected)) => {
                        let body = collected.to_bytes();
                        if !body.is_empty() && !declared_json(&parts.headers) {
                            let detail = "the request body must be JSON (Content-Type: application/json)";
                            problem_response(&problem(StatusCode::UNSUPPORTED_MEDIA_TYPE, detail))
                        } else if let Some(refused) = problem::shape_error(&body) {
                            refused
                        } else {
                            self.route(parts, body, caller, &request_id, &method, &path).await
                        }
                    }
                    Ok(Err(e)) if e.is::<LengthLimitError>() => {
                        let detail = format!("the request body is larger than {} bytes", self.limits.max_body_bytes);
                        let mut response = problem_response(&problem(StatusCode::PAYLOAD_TOO_LARGE, detail));
                        // The rest of the body was not read: the connection cannot carry another request.
                        response.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
                        response
                    }
                    Ok(Err(e)) => problem_response(&problem(StatusCode::BAD_REQUEST, format!("unreadable body: {e}"))),
                }
            }
        };
        response.headers_mut().insert(REQUEST_ID, HeaderValue::from_str(&request_id).expect("visible ASCII"));
        response.headers_mut().extend(rate_headers);

        let status = response.status().as_u16();
        let latency = started.elapsed().as_secs_f64();
        let labels = [method.as_str(), route, &status.to_string()];
        let m = metrics::get();
        m.http_requests.with_label_values(&labels).inc();
        m.http_duration.with_label_values(&labels).observe(latency);
        // Microseconds are enough: `0.155`, not `0.15529199999999999`.
        let latency_ms = (latency * 1_000_000.0).round() / 1000.0;
        info!(%method, route, path, status, latency_ms, request_id, "request");
        response
    }

    /// For the orders and products routes, the caller's credentials; then the rate limit of whom the request
    /// counts against: the authenticated caller, else the client's address.
    fn admit(&self, peer: IpAddr, path: &str, headers: &hyper::HeaderMap) -> Admission {
        let by_address = || self.rate_limits.check_address(peer, headers);
        let authenticated = ["/orders", "/products"]
            .iter()
            .any(|root| path.strip_prefix(root).is_some_and(|rest| rest.is_empty() || rest.starts_with('/')));
        if !authenticated {
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

    /// Hands the request to the generated router; turns what it answers by itself into problems.
    async fn route(
        &self,
        parts: hyper::http::request::Parts,
        body: bytes::Bytes,
        caller: Option<Caller>,
        request_id: &str,
        method: &hyper::Method,
        path: &str,
    ) -> Response<HttpBody> {
        let authorization = caller.map(|c| Authorization {
            subject: c.principal.to_subject(&c.subject),
            scopes: Scopes::All,
            issuer: None,
        });
        let context: Context =
            EmptyContext.push(XSpanIdString(request_id.to_owned())).push(None::<AuthData>).push(authorization);
        let request = Request::from_parts(parts, Full::new(body.clone()));
        match self.router.call((request, context)).await {
            Ok(response) => problem::normalize(response, method, path, &body).await,
            Err(e) => {
                warn!(error = %e, "router failed");
                problem_response(&problem(StatusCode::INTERNAL_SERVER_ERROR, "unexpected error"))
            }
        }
    }
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

/// The pipeline bound to one connection's peer address.
#[derive(Clone)]
struct Connection {
    pipeline: RequestPipeline,
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
        let span = tracing::info_span!(
            "http.request",
            http.request.method = %request.method(),
            http.route = metrics::route_of(request.uri().path()),
        );
        Box::pin(async move { Ok(pipeline.handle(request, peer).await) }.instrument(span))
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
                    .option_layer(cors.clone())
                    .service(Connection { pipeline: pipeline.clone(), peer: peer.ip() });
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
