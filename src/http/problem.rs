//! RFC 9457 problems: how this service tells a client what went wrong.
//!
//! Handlers build them through [`Failure`]. The generated router answers some requests by
//! itself (unparseable bodies, bad path ids, unknown routes, wrong methods) with plain-text or
//! empty bodies; [`normalize`] turns those into the same documented `application/problem+json`.

use std::convert::Infallible;

use bytes::Bytes;
use http_body_util::{combinators::BoxBody, BodyExt, Full};
use hyper::{
    header::{self, HeaderValue},
    Method, Response, StatusCode,
};
use orders_api::models::{self, InvalidParam, Problem};
use serde::de::DeserializeOwned;

use super::routes;
use crate::{db::DbFailure, domain::FieldError};

pub const PROBLEM_JSON: &str = "application/problem+json";

/// Every kind of problem this API answers with: its `type` is `/problems/{slug}` (the spec's
/// `ProblemTypeUri`, served by `GET /problems/{type}`), its title the same for every problem of
/// the kind, so that clients branch on the type, not on the status alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemType {
    BadRequest,
    Unauthenticated,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    RequestTimeout,
    InvalidTransition,
    AmountLocked,
    IdempotencyKeyInFlight,
    StaleVersion,
    PayloadTooLarge,
    UnsupportedMediaType,
    InvalidFields,
    IdempotencyKeyReused,
    ShipmentEventRefused,
    StockHeld,
    TooManyRequests,
    Internal,
    Unavailable,
}

impl ProblemType {
    pub const ALL: [ProblemType; 19] = [
        Self::BadRequest,
        Self::Unauthenticated,
        Self::Forbidden,
        Self::NotFound,
        Self::MethodNotAllowed,
        Self::RequestTimeout,
        Self::InvalidTransition,
        Self::AmountLocked,
        Self::IdempotencyKeyInFlight,
        Self::StaleVersion,
        Self::PayloadTooLarge,
        Self::UnsupportedMediaType,
        Self::InvalidFields,
        Self::IdempotencyKeyReused,
        Self::ShipmentEventRefused,
        Self::StockHeld,
        Self::TooManyRequests,
        Self::Internal,
        Self::Unavailable,
    ];

    /// (slug, status, title, what it means)
    fn facts(self) -> (&'static str, StatusCode, &'static str, &'static str) {
        use StatusCode as S;
        match self {
            Self::BadRequest => ("bad-request", S::BAD_REQUEST, "Malformed request",
                "The request could not be read: malformed JSON, a body that is not an object, a wrong type, a bad path or query parameter, or a malformed header. `invalid_params` names the part when it can."),
            Self::Unauthenticated => ("unauthenticated", S::UNAUTHORIZED, "Authentication required",
                "No valid bearer token: missing, expired, not yet valid, wrongly signed, or for another issuer or audience. See the `WWW-Authenticate` header."),
            Self::Forbidden => ("forbidden", S::FORBIDDEN, "Not allowed",
                "The token is valid but its role does not allow this (a customer acting for another customer, or a role without access)."),
            Self::NotFound => ("not-found", S::NOT_FOUND, "Not found",
                "No such resource. A customer also gets this for another customer's order, so that existence does not leak."),
            Self::MethodNotAllowed => ("method-not-allowed", S::METHOD_NOT_ALLOWED, "Method not allowed",
                "The resource exists but not with this method; the `Allow` header lists those it has."),
            Self::RequestTimeout => ("request-timeout", S::REQUEST_TIMEOUT, "Request too slow",
                "The request's head or body did not arrive within ORDERS_REQUEST_TIMEOUT."),
            Self::InvalidTransition => ("invalid-transition", S::CONFLICT, "Transition not allowed",
                "The order cannot move to the asked status from its current one. `current_status` says where it is, `allowed` what a client may still ask for (empty once it is final)."),
            Self::AmountLocked => ("amount-locked", S::CONFLICT, "Amount can no longer change",
                "`total_amount` changes only while the order is `pending`; `current_status` says where it is."),
            Self::IdempotencyKeyInFlight => ("idempotency-key-in-flight", S::CONFLICT, "Idempotency-Key in use",
                "A request with the same Idempotency-Key is still being processed; retry later to get its response."),
            Self::StaleVersion => ("stale-version", S::PRECONDITION_FAILED, "Order changed since read",
                "`If-Match` names a version the order no longer has (also when the change landed while a cancel waited for the workflow). Read the order again."),
            Self::PayloadTooLarge => ("payload-too-large", S::PAYLOAD_TOO_LARGE, "Body too large",
                "The request body is larger than ORDERS_MAX_BODY_BYTES."),
            Self::UnsupportedMediaType => ("unsupported-media-type", S::UNSUPPORTED_MEDIA_TYPE, "Body must be JSON",
                "A request body must be sent as `application/json`."),
            Self::InvalidFields => ("invalid-fields", S::UNPROCESSABLE_ENTITY, "Invalid fields",
                "The body was read but some values are refused (money with more than two decimals or out of range, a string for a number, ...); `invalid_params` names each field and why. Nothing was written."),
            Self::IdempotencyKeyReused => ("idempotency-key-reused", S::UNPROCESSABLE_ENTITY, "Idempotency-Key reused with another request",
                "This caller already used the Idempotency-Key with a different request body; use a new key for a new request."),
            Self::ShipmentEventRefused => ("shipment-event-refused", S::CONFLICT, "Shipment event refused",
                "The carrier's event is not the shipment's next move: no shipment is booked yet, `delivered` came before `dispatched`, the event was already recorded, or the order was cancelled or failed. `current_status` says where the order is."),
            Self::StockHeld => ("stock-held", S::CONFLICT, "Stock held by open orders",
                "A product's stock cannot be set below the units open orders hold (`reserved`); wait for them to ship or be cancelled."),
            Self::TooManyRequests => ("too-many-requests", S::TOO_MANY_REQUESTS, "Too many requests",
                "The client sent more requests than the rate limit allows; retry after `Retry-After` seconds."),
            Self::Internal => ("internal", S::INTERNAL_SERVER_ERROR, "Internal error",
                "An unexpected error; the request may not have been applied. The server's log has the details."),
            Self::Unavailable => ("unavailable", S::SERVICE_UNAVAILABLE, "Temporarily unavailable",
                "PostgreSQL or Temporal could not be reached in time. Nothing was changed; retry later."),
        }
    }

    pub fn slug(self) -> &'static str {
        self.facts().0
    }

    pub fn uri(self) -> String {
        format!("/problems/{}", self.slug())
    }

    pub fn status(self) -> StatusCode {
        self.facts().1
    }

    pub fn title(self) -> &'static str {
        self.facts().2
    }

    pub fn description(self) -> &'static str {
        self.facts().3
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.slug() == slug)
    }

    /// The type of a problem known only by its status (the HTTP layers' own refusals).
    fn for_status(status: StatusCode) -> Self {
        Self::ALL.into_iter().find(|t| t.status() == status).unwrap_or(if status.is_client_error() {
            Self::BadRequest
        } else {
            Self::Internal
        })
    }

    /// A problem of this type.
    pub fn problem(self, detail: impl Into<String>) -> Problem {
        Problem::new(self.uri(), self.title().to_owned(), i32::from(self.status().as_u16()), detail.into())
    }
}

/// A problem known by its status; the kinds that share a status (409, 422) are made through
/// their own [`ProblemType`].
pub fn problem(status: StatusCode, detail: impl Into<String>) -> Problem {
    let mut p = ProblemType::for_status(status).problem(detail);
    // A status with no type of its own (431 from the HTTP layer) keeps its number.
    p.status = i32::from(status.as_u16());
    p
}

/// Why a handler could not do what was asked; each becomes a documented response variant.
/// (Boxed: a problem is large, and `Result<_, Failure>` is returned everywhere.)
#[derive(Debug)]
pub enum Failure {
    BadRequest(Box<Problem>),
    Forbidden(Box<Problem>),
    NotFound(Box<Problem>),
    Conflict(Box<Problem>),
    PreconditionFailed(Box<Problem>),
    Unprocessable(Box<Problem>),
    Unavailable(Box<Problem>),
    Internal(Box<Problem>),
}

impl Failure {
    pub fn not_found(what: impl std::fmt::Display) -> Self {
        Failure::NotFound(Box::new(problem(StatusCode::NOT_FOUND, format!("{what} does not exist"))))
    }

    /// A path parameter outside its range: the request itself is malformed.
    pub fn bad_param(error: FieldError) -> Self {
        let mut p = problem(StatusCode::BAD_REQUEST, error.to_string());
        p.invalid_params = Some(vec![InvalidParam::new(error.name.into_owned(), error.reason)]);
        Failure::BadRequest(Box::new(p))
    }

    /// Body fields that were read but refused.
    pub fn invalid_fields(errors: Vec<FieldError>) -> Self {
        let detail = errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ");
        let mut p = problem(StatusCode::UNPROCESSABLE_ENTITY, detail);
        p.invalid_params = Some(errors.into_iter().map(|e| InvalidParam::new(e.name.into_owned(), e.reason)).collect());
        Failure::Unprocessable(Box::new(p))
    }

    pub fn forbidden(detail: impl Into<String>) -> Self {
        Failure::Forbidden(Box::new(problem(StatusCode::FORBIDDEN, detail)))
    }

    /// 409 `/problems/invalid-transition`, with where the order is and what a client may still
    /// ask for.
    pub fn invalid_transition(current: models::OrderStatus, allowed: Vec<models::OrderStatus>, detail: String) -> Self {
        let mut p = ProblemType::InvalidTransition.problem(detail);
        p.current_status = Some(current);
        p.allowed = Some(allowed);
        Failure::Conflict(Box::new(p))
    }

    /// 409 `/problems/amount-locked`.
    pub fn amount_locked(current: models::OrderStatus, detail: String) -> Self {
        let mut p = ProblemType::AmountLocked.problem(detail);
        p.current_status = Some(current);
        Failure::Conflict(Box::new(p))
    }

    /// 409 `/problems/shipment-event-refused`.
    pub fn shipment_event_refused(current: models::OrderStatus, detail: String) -> Self {
        let mut p = ProblemType::ShipmentEventRefused.problem(detail);
        p.current_status = Some(current);
        Failure::Conflict(Box::new(p))
    }

    /// 409 `/problems/stock-held`.
    pub fn stock_held(detail: String) -> Self {
        Failure::Conflict(Box::new(ProblemType::StockHeld.problem(detail)))
    }

    /// 409 `/problems/idempotency-key-in-flight`.
    pub fn idempotency_key_in_flight(detail: impl Into<String>) -> Self {
        Failure::Conflict(Box::new(ProblemType::IdempotencyKeyInFlight.problem(detail)))
    }

    /// 422 `/problems/idempotency-key-reused`.
    pub fn idempotency_key_reused(detail: impl Into<String>) -> Self {
        Failure::Unprocessable(Box::new(ProblemType::IdempotencyKeyReused.problem(detail)))
    }

    pub fn precondition_failed(detail: impl Into<String>) -> Self {
        Failure::PreconditionFailed(Box::new(ProblemType::StaleVersion.problem(detail)))
    }

    pub fn unavailable(detail: impl Into<String>) -> Self {
        Failure::Unavailable(Box::new(problem(StatusCode::SERVICE_UNAVAILABLE, detail)))
    }

    pub fn internal(detail: impl Into<String>) -> Self {
        Failure::Internal(Box::new(problem(StatusCode::INTERNAL_SERVER_ERROR, detail)))
    }

    /// The problem, for a response that has no variant of this kind.
    pub fn into_problem(self) -> Problem {
        match self {
            Failure::BadRequest(p)
            | Failure::Forbidden(p)
            | Failure::NotFound(p)
            | Failure::Conflict(p)
            | Failure::PreconditionFailed(p)
            | Failure::Unprocessable(p)
            | Failure::Unavailable(p)
            | Failure::Internal(p) => *p,
        }
    }
}

impl<E: Into<DbFailure>> From<E> for Failure {
    fn from(e: E) -> Self {
        match e.into() {
            DbFailure::Unavailable(detail) => {
                tracing::warn!(%detail, "database unavailable");
                Failure::unavailable(detail)
            }
            DbFailure::Refused(detail) => {
                Failure::Unprocessable(Box::new(problem(StatusCode::UNPROCESSABLE_ENTITY, detail)))
            }
            DbFailure::Unexpected(detail) => {
                tracing::error!(%detail, "unexpected database error");
                Failure::internal("unexpected database error")
            }
        }
    }
}

/// `impl From<Failure> for XResponse`, mapping each failure to the variant the spec documents
/// for that operation (and to `Internal` where the operation has no such variant).
macro_rules! failure_responses {
    ($($response:ident { $($kind:ident => $variant:ident),* })*) => {$(
        impl From<Failure> for orders_api::$response {
            fn from(failure: Failure) -> Self {
                match failure {
                    $(Failure::$kind(p) => orders_api::$response::$variant(*p),)*
                    #[allow(unreachable_patterns)]
                    other => orders_api::$response::Internal(other.into_problem()),
                }
            }
        }
    )*};
}

failure_responses! {
    ListOrdersResponse { BadRequest => BadRequest, Forbidden => Forbidden, Unavailable => Unavailable }
    CreateOrderResponse {
        BadRequest => BadRequest, Forbidden => Forbidden, Conflict => IdempotencyKeyInFlight,
        Unprocessable => Unprocessable, Unavailable => Unavailable
    }
    GetOrderResponse {
        BadRequest => BadRequest, Forbidden => Forbidden, NotFound => NotFound, Unavailable => Unavailable
    }
    UpdateOrderResponse {
        BadRequest => BadRequest, Forbidden => Forbidden, NotFound => NotFound, Conflict => TransitionRefused,
        PreconditionFailed => PreconditionFailed, Unprocessable => Unprocessable, Unavailable => Unavailable
    }
    ListOrderEventsResponse {
        BadRequest => BadRequest, Forbidden => Forbidden, NotFound => NotFound, Unavailable => Unavailable
    }
    DeleteOrderResponse {
        BadRequest => BadRequest, Forbidden => Forbidden, NotFound => NotFound, Unavailable => Unavailable
    }
    RecordShipmentEventResponse {
        BadRequest => BadRequest, Forbidden => Forbidden, NotFound => NotFound, Conflict => ShipmentEventRefused,
        Unprocessable => Unprocessable, Unavailable => Unavailable
    }
    ListProductsResponse { BadRequest => BadRequest, Forbidden => Forbidden, Unavailable => Unavailable }
    GetProductResponse {
        BadRequest => BadRequest, Forbidden => Forbidden, NotFound => NotFound, Unavailable => Unavailable
    }
    PutProductResponse {
        BadRequest => BadRequest, Forbidden => Forbidden, Conflict => StockHeld, Unprocessable => Unprocessable,
        Unavailable => Unavailable
    }
}

pub type HttpBody = BoxBody<Bytes, Infallible>;

pub fn problem_response(problem: &Problem) -> Response<HttpBody> {
    let status = StatusCode::from_u16(problem.status as u16).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_vec(problem).expect("a Problem always serializes");
    let mut response = Response::new(BoxBody::new(Full::new(Bytes::from(body))));
    *response.status_mut() = status;
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    response
}

/// Whether a response is already a problem (`application/problem+json`).
pub fn is_problem<B>(response: &Response<B>) -> bool {
    response.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(PROBLEM_JSON.as_bytes()))
}

/// Rewrites an error response that the generated code produced (plain text or empty) as a
/// problem. Responses that are already problems, and successes, pass through untouched.
pub async fn normalize(
    response: Response<HttpBody>,
    method: &Method,
    path: &str,
    request_body: &Bytes,
) -> Response<HttpBody> {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) || is_problem(&response) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let text = body.collect().await.map(|b| b.to_bytes()).unwrap_or_default();
    let text = String::from_utf8_lossy(&text);
    let mut p = match status {
        StatusCode::NOT_FOUND => problem(status, format!("no resource at {path}")),
        StatusCode::METHOD_NOT_ALLOWED => problem(status, format!("{method} is not allowed on {path}")),
        _ if text.trim().is_empty() => problem(status, status.canonical_reason().unwrap_or("error")),
        _ => problem(status, text.trim()),
    };
    if status == StatusCode::BAD_REQUEST {
        p.invalid_params = body_field_error(method, path, request_body).map(|e| vec![e]);
    }
    let mut rebuilt = problem_response(&p);
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    if status == StatusCode::METHOD_NOT_ALLOWED {
        if let Some(route) = routes::matched(path) {
            parts.headers.insert(header::ALLOW, HeaderValue::from_static(route.methods));
        }
    }
    *rebuilt.headers_mut() = parts.headers;
    rebuilt
}

/// What the generated models would wrongly accept in a request body: serde reads a JSON array
/// as a struct, and `null` as "absent" for an optional field, while every body of this API is an
/// object and none of its fields is nullable. `None` when the body is fine (or not JSON at all,
/// which the generated parser reports itself).
///
/// Money is also checked here: `rust_decimal` reads a JSON string of digits as happily as a
/// number, but the spec says `number`, so `"10.00"` is refused (422 naming the field).
pub fn shape_error(body: &Bytes) -> Option<Response<HttpBody>> {
    const FIELDS: [&str; 7] = ["customer_id", "total_amount", "status", "items", "name", "unit_price", "stock"];
    const MONEY: [&str; 2] = ["total_amount", "unit_price"];
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    let Some(object) = value.as_object() else {
        return Some(problem_response(&problem(StatusCode::BAD_REQUEST, "the request body must be a JSON object")));
    };
    let refuse = |status: StatusCode, field: &str, reason: &str| {
        let mut p = problem(status, format!("{field}: {reason}"));
        p.invalid_params = Some(vec![InvalidParam::new(field.to_owned(), reason.to_owned())]);
        Some(problem_response(&p))
    };
    if let Some((field, _)) = object.iter().find(|(k, v)| v.is_null() && FIELDS.contains(&k.as_str())) {
        return refuse(StatusCode::BAD_REQUEST, field, "must not be null");
    }
    let (field, _) = object.iter().find(|(k, v)| MONEY.contains(&k.as_str()) && !v.is_number())?;
    refuse(StatusCode::UNPROCESSABLE_ENTITY, field, "must be a JSON number (an amount such as 10.50, not a string)")
}

/// Which body field the generated parser choked on, found by parsing the body again with
/// `serde_path_to_error` (the generated code reports only serde's message, without the field).
fn body_field_error(method: &Method, path: &str, body: &Bytes) -> Option<InvalidParam> {
    fn locate<T: DeserializeOwned>(body: &Bytes) -> Option<InvalidParam> {
        let de = &mut serde_json::Deserializer::from_slice(body);
        let err = serde_path_to_error::deserialize::<_, T>(de).err()?;
        let path = err.path().to_string();
        let message = err.inner().to_string();
        let name = if path == "." {
            // A missing field is reported on the parent: its name is in the message.
            message.split('`').nth(1).map(str::to_owned).unwrap_or_else(|| "body".to_owned())
        } else {
            // serde_json's arbitrary-precision numbers show up as an inner map key: hide it.
            path.split(".$serde_json").next().unwrap_or_default().to_owned()
        };
        Some(InvalidParam::new(name, message))
    }
    if body.is_empty() {
        return None;
    }
    match (method, routes::template_of(path)) {
        (&Method::POST, "/orders") => locate::<models::CreateOrderRequest>(body),
        (&Method::PUT, "/orders/{id}") => locate::<models::UpdateOrderRequest>(body),
        (&Method::POST, "/orders/{id}/shipment/events") => locate::<models::ShipmentEvent>(body),
        (&Method::PUT, "/products/{sku}") => locate::<models::ProductInput>(body),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_problem_types_are_the_specs() {
        let spec = super::super::handlers::OPENAPI_SPEC;
        let listed = spec.split("ProblemTypeUri:").nth(1).unwrap().split("ProblemTypeInfo:").next().unwrap();
        let in_spec: Vec<&str> = listed.lines().filter_map(|l| l.trim().strip_prefix("- /problems/")).collect();
        let ours: Vec<&str> = ProblemType::ALL.iter().map(|t| t.slug()).collect();
        assert_eq!(in_spec, ours, "spec/openapi.yaml's ProblemTypeUri and ProblemType::ALL differ");
        for t in ProblemType::ALL {
            assert_eq!(ProblemType::from_slug(t.slug()), Some(t));
            assert_eq!(t.problem("x").r#type, format!("/problems/{}", t.slug()));
        }
    }

    #[test]
    fn a_bad_body_field_is_named() {
        let post = Method::POST;
        let field = |body: &str| body_field_error(&post, "/orders", &Bytes::from(body.to_owned())).unwrap().name;
        assert_eq!(field(r#"{"customer_id": "x", "total_amount": 1}"#), "customer_id");
        assert_eq!(field(r#"{"total_amount": 1}"#), "customer_id");
        assert_eq!(field(r#"{"customer_id": 1, "items": [{"sku": "a", "quantity": -1}]}"#), "items[0].quantity");
        assert_eq!(field(r#"{"customer_id": 1, "total_amount": 1e400}"#), "total_amount");
    }
}
