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

use crate::{db::DbFailure, domain::FieldError, metrics::route_of};

pub const PROBLEM_JSON: &str = "application/problem+json";

pub fn problem(status: StatusCode, detail: impl Into<String>) -> Problem {
    Problem::new(
        "about:blank".to_owned(),
        status.canonical_reason().unwrap_or("Error").to_owned(),
        i32::from(status.as_u16()),
        detail.into(),
    )
}

/// Why a handler could not do what was asked; each becomes a documented response variant.
#[derive(Debug)]
pub enum Failure {
    BadRequest(Problem),
    Forbidden(Problem),
    NotFound(Problem),
    Conflict(Problem),
    PreconditionFailed(Problem),
    Unprocessable(Problem),
    Unavailable(Problem),
    Internal(Problem),
}

impl Failure {
    pub fn not_found(what: impl std::fmt::Display) -> Self {
        Failure::NotFound(problem(StatusCode::NOT_FOUND, format!("{what} does not exist")))
    }

    /// A path parameter outside its range: the request itself is malformed.
    pub fn bad_param(error: FieldError) -> Self {
        let mut p = problem(StatusCode::BAD_REQUEST, error.to_string());
        p.invalid_params = Some(vec![InvalidParam::new(error.name.to_owned(), error.reason)]);
        Failure::BadRequest(p)
    }

    /// Body fields that were read but refused.
    pub fn invalid_fields(errors: Vec<FieldError>) -> Self {
        let detail = errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ");
        let mut p = problem(StatusCode::UNPROCESSABLE_ENTITY, detail);
        p.invalid_params = Some(errors.into_iter().map(|e| InvalidParam::new(e.name.to_owned(), e.reason)).collect());
        Failure::Unprocessable(p)
    }

    pub fn forbidden(detail: impl Into<String>) -> Self {
        Failure::Forbidden(problem(StatusCode::FORBIDDEN, detail))
    }

    pub fn conflict(detail: impl Into<String>) -> Self {
        Failure::Conflict(problem(StatusCode::CONFLICT, detail))
    }

    pub fn precondition_failed(detail: impl Into<String>) -> Self {
        Failure::PreconditionFailed(problem(StatusCode::PRECONDITION_FAILED, detail))
    }

    pub fn unprocessable(detail: impl Into<String>) -> Self {
        Failure::Unprocessable(problem(StatusCode::UNPROCESSABLE_ENTITY, detail))
    }

    pub fn unavailable(detail: impl Into<String>) -> Self {
        Failure::Unavailable(problem(StatusCode::SERVICE_UNAVAILABLE, detail))
    }

    pub fn internal(detail: impl Into<String>) -> Self {
        Failure::Internal(problem(StatusCode::INTERNAL_SERVER_ERROR, detail))
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
            | Failure::Internal(p) => p,
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
            DbFailure::Refused(detail) => Failure::Unprocessable(problem(StatusCode::UNPROCESSABLE_ENTITY, detail)),
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
                    $(Failure::$kind(p) => orders_api::$response::$variant(p),)*
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

/// The methods a known path accepts, for 405's `Allow` header; `None` for unknown paths.
pub fn allowed_methods(path: &str) -> Option<&'static str> {
    match route_of(path) {
        "unmatched" => None,
        "/orders" => Some("GET, POST"),
        "/orders/{id}" => Some("GET, PUT, DELETE"),
        _ => Some("GET"),
    }
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
    let is_problem =
        response.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(PROBLEM_JSON.as_bytes()));
    if !(status.is_client_error() || status.is_server_error()) || is_problem {
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
        if let Some(allow) = allowed_methods(path) {
            parts.headers.insert(header::ALLOW, HeaderValue::from_static(allow));
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
    const FIELDS: [&str; 3] = ["customer_id", "total_amount", "status"];
    const MONEY: [&str; 1] = ["total_amount"];
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
    match (method, route_of(path)) {
        (&Method::POST, "/orders") => locate::<models::CreateOrderRequest>(body),
        (&Method::PUT, "/orders/{id}") => locate::<models::UpdateOrderRequest>(body),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allow_lists_the_methods_of_each_route() {
        assert_eq!(allowed_methods("/orders"), Some("GET, POST"));
        assert_eq!(allowed_methods("/orders/12"), Some("GET, PUT, DELETE"));
        assert_eq!(allowed_methods("/orders/12/events"), Some("GET"));
        assert_eq!(allowed_methods("/openapi.yaml"), Some("GET"));
        assert_eq!(allowed_methods("/orders/12/x"), None);
        assert_eq!(allowed_methods("/ordersx"), None);
    }

    #[test]
    fn a_bad_body_field_is_named() {
        let post = Method::POST;
        let field = |body: &str| body_field_error(&post, "/orders", &Bytes::from(body.to_owned())).unwrap().name;
        assert_eq!(field(r#"{"customer_id": "x", "total_amount": 1}"#), "customer_id");
        assert_eq!(field(r#"{"customer_id": 1}"#), "total_amount");
        assert_eq!(field(r#"{"customer_id": 1, "total_amount": 1e400}"#), "total_amount");
    }
}
