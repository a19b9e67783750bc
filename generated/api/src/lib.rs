#![allow(missing_docs, trivial_casts, unused_variables, unused_mut, unused_imports, unused_extern_crates, unused_attributes, non_camel_case_types)]
#![allow(clippy::derive_partial_eq_without_eq, clippy::disallowed_names)]

use async_trait::async_trait;
use futures::Stream;
#[cfg(feature = "mock")]
use mockall::automock;
use std::error::Error;
use std::collections::BTreeSet;
use std::task::{Poll, Context};
use swagger::{ApiError, ContextWrapper, auth::Authorization};
use serde::{Serialize, Deserialize};

#[cfg(any(feature = "client", feature = "server"))]
type ServiceError = Box<dyn Error + Send + Sync + 'static>;

pub const BASE_PATH: &str = "";
pub const API_VERSION: &str = "1.0.0";

mod auth;
pub use auth::{AuthenticationApi, Claims};


#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub enum GetOpenApiSpecResponse {
    /// The OpenAPI document
    Spec
    (String)
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub enum HealthzResponse {
    /// The process is alive
    Alive
    (models::Health)
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub enum MetricsResponse {
    /// The metrics
    Metrics
    (String)
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[must_use]
pub enum ReadyzResponse {
    /// Ready to serve
    Ready
    (models::Health)
    ,
    /// A backing service (PostgreSQL or Temporal) is not reachable in time; nothing was changed, retry later
    Unavailable
    (models::Problem)
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[must_use]
pub enum CreateOrderResponse {
    /// The order was created; its workflow starts right after
    Created
    {
        body: models::Order,
        location:
        Option<
        String
        >
    }
    ,
    /// The request could not be read (malformed JSON, wrong types, bad path id)
    BadRequest
    (models::Problem)
    ,
    /// A request with the same Idempotency-Key is still being processed; retry later
    IdempotencyKeyInFlight
    (models::Problem)
    ,
    /// The body is larger than the server accepts (ORDERS_MAX_BODY_BYTES)
    PayloadTooLarge
    (models::Problem)
    ,
    /// The body is not `application/json`
    UnsupportedMediaType
    (models::Problem)
    ,
    /// The request was read but refused: `/problems/invalid-fields` (a field's value, named in `invalid_params`) or `/problems/idempotency-key-reused` (the key was used with another request body) 
    Unprocessable
    (models::Problem)
    ,
    /// No valid bearer token (see the `WWW-Authenticate` header)
    Unauthorized
    {
        body: models::Problem,
        www_authenticate:
        Option<
        String
        >
    }
    ,
    /// The token is valid but does not allow this
    Forbidden
    (models::Problem)
    ,
    /// Too many requests from this client; retry after `Retry-After` seconds
    TooManyRequests
    {
        body: models::Problem,
        retry_after:
        Option<
        i32
        >
    }
    ,
    /// A backing service (PostgreSQL or Temporal) is not reachable in time; nothing was changed, retry later
    Unavailable
    (models::Problem)
    ,
    /// An unexpected error; the request may not have been applied
    Internal
    (models::Problem)
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[must_use]
pub enum ListOrdersResponse {
    /// A page of orders
    OrdersList
    {
        body: Vec<models::Order>,
        link:
        Option<
        String
        >
    }
    ,
    /// The request could not be read (malformed JSON, wrong types, bad path id)
    BadRequest
    (models::Problem)
    ,
    /// No valid bearer token (see the `WWW-Authenticate` header)
    Unauthorized
    {
        body: models::Problem,
        www_authenticate:
        Option<
        String
        >
    }
    ,
    /// The token is valid but does not allow this
    Forbidden
    (models::Problem)
    ,
    /// Too many requests from this client; retry after `Retry-After` seconds
    TooManyRequests
    {
        body: models::Problem,
        retry_after:
        Option<
        i32
        >
    }
    ,
    /// A backing service (PostgreSQL or Temporal) is not reachable in time; nothing was changed, retry later
    Unavailable
    (models::Problem)
    ,
    /// An unexpected error; the request may not have been applied
    Internal
    (models::Problem)
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[must_use]
pub enum DeleteOrderResponse {
    /// The order was deleted
    Deleted
    ,
    /// The order's workflow took the deletion up and is still carrying it out
    DeletionInProgress
    {
        location:
        Option<
        String
        >
    }
    ,
    /// The request could not be read (malformed JSON, wrong types, bad path id)
    BadRequest
    (models::Problem)
    ,
    /// No such resource (an order with this id, a problem type)
    NotFound
    (models::Problem)
    ,
    /// No valid bearer token (see the `WWW-Authenticate` header)
    Unauthorized
    {
        body: models::Problem,
        www_authenticate:
        Option<
        String
        >
    }
    ,
    /// The token is valid but does not allow this
    Forbidden
    (models::Problem)
    ,
    /// Too many requests from this client; retry after `Retry-After` seconds
    TooManyRequests
    {
        body: models::Problem,
        retry_after:
        Option<
        i32
        >
    }
    ,
    /// A backing service (PostgreSQL or Temporal) is not reachable in time; nothing was changed, retry later
    Unavailable
    (models::Problem)
    ,
    /// An unexpected error; the request may not have been applied
    Internal
    (models::Problem)
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[must_use]
pub enum GetOrderResponse {
    /// The order
    Order
    {
        body: models::Order,
        e_tag:
        Option<
        String
        >
    }
    ,
    /// The request could not be read (malformed JSON, wrong types, bad path id)
    BadRequest
    (models::Problem)
    ,
    /// No such resource (an order with this id, a problem type)
    NotFound
    (models::Problem)
    ,
    /// No valid bearer token (see the `WWW-Authenticate` header)
    Unauthorized
    {
        body: models::Problem,
        www_authenticate:
        Option<
        String
        >
    }
    ,
    /// The token is valid but does not allow this
    Forbidden
    (models::Problem)
    ,
    /// Too many requests from this client; retry after `Retry-After` seconds
    TooManyRequests
    {
        body: models::Problem,
        retry_after:
        Option<
        i32
        >
    }
    ,
    /// A backing service (PostgreSQL or Temporal) is not reachable in time; nothing was changed, retry later
    Unavailable
    (models::Problem)
    ,
    /// An unexpected error; the request may not have been applied
    Internal
    (models::Problem)
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[must_use]
pub enum ListOrderEventsResponse {
    /// The order's status changes
    Events
    (Vec<models::OrderEvent>)
    ,
    /// The request could not be read (malformed JSON, wrong types, bad path id)
    BadRequest
    (models::Problem)
    ,
    /// No such resource (an order with this id, a problem type)
    NotFound
    (models::Problem)
    ,
    /// No valid bearer token (see the `WWW-Authenticate` header)
    Unauthorized
    {
        body: models::Problem,
        www_authenticate:
        Option<
        String
        >
    }
    ,
    /// The token is valid but does not allow this
    Forbidden
    (models::Problem)
    ,
    /// Too many requests from this client; retry after `Retry-After` seconds
    TooManyRequests
    {
        body: models::Problem,
        retry_after:
        Option<
        i32
        >
    }
    ,
    /// A backing service (PostgreSQL or Temporal) is not reachable in time; nothing was changed, retry later
    Unavailable
    (models::Problem)
    ,
    /// An unexpected error; the request may not have been applied
    Internal
    (models::Problem)
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[must_use]
pub enum RecordShipmentEventResponse {
    /// The workflow took the event; the body is the order as it is now
    Recorded
    (models::Order)
    ,
    /// The request could not be read (malformed JSON, wrong types, bad path id)
    BadRequest
    (models::Problem)
    ,
    /// No such resource (an order with this id, a problem type)
    NotFound
    (models::Problem)
    ,
    /// `/problems/shipment-event-refused`: the event is not the shipment's next move (with the order's `current_status`) 
    ShipmentEventRefused
    (models::Problem)
    ,
    /// The body is larger than the server accepts (ORDERS_MAX_BODY_BYTES)
    PayloadTooLarge
    (models::Problem)
    ,
    /// The body is not `application/json`
    UnsupportedMediaType
    (models::Problem)
    ,
    /// The request was read but refused: `/problems/invalid-fields` (a field's value, named in `invalid_params`) or `/problems/idempotency-key-reused` (the key was used with another request body) 
    Unprocessable
    (models::Problem)
    ,
    /// No valid bearer token (see the `WWW-Authenticate` header)
    Unauthorized
    {
        body: models::Problem,
        www_authenticate:
        Option<
        String
        >
    }
    ,
    /// The token is valid but does not allow this
    Forbidden
    (models::Problem)
    ,
    /// Too many requests from this client; retry after `Retry-After` seconds
    TooManyRequests
    {
        body: models::Problem,
        retry_after:
        Option<
        i32
        >
    }
    ,
    /// A backing service (PostgreSQL or Temporal) is not reachable in time; nothing was changed, retry later
    Unavailable
    (models::Problem)
    ,
    /// An unexpected error; the request may not have been applied
    Internal
    (models::Problem)
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[must_use]
pub enum UpdateOrderResponse {
    /// The order as updated
    Updated
    {
        body: models::Order,
        e_tag:
        Option<
        String
        >
    }
    ,
    /// The order's workflow took the cancel up and is still carrying it out; the body is the order as it is now
    CancelInProgress
    {
        body: models::Order,
        location:
        Option<
        String
        >
    }
    ,
    /// The request could not be read (malformed JSON, wrong types, bad path id)
    BadRequest
    (models::Problem)
    ,
    /// No such resource (an order with this id, a problem type)
    NotFound
    (models::Problem)
    ,
    /// The change is not allowed from the order's current status: `/problems/invalid-transition` (with `current_status` and `allowed`, see `InvalidTransitionProblem`) or `/problems/amount-locked` (with `current_status`, see `AmountLockedProblem`) 
    TransitionRefused
    (models::Problem)
    ,
    /// `If-Match` does not match the order's current version: read it again
    PreconditionFailed
    (models::Problem)
    ,
    /// The body is larger than the server accepts (ORDERS_MAX_BODY_BYTES)
    PayloadTooLarge
    (models::Problem)
    ,
    /// The body is not `application/json`
    UnsupportedMediaType
    (models::Problem)
    ,
    /// The request was read but refused: `/problems/invalid-fields` (a field's value, named in `invalid_params`) or `/problems/idempotency-key-reused` (the key was used with another request body) 
    Unprocessable
    (models::Problem)
    ,
    /// No valid bearer token (see the `WWW-Authenticate` header)
    Unauthorized
    {
        body: models::Problem,
        www_authenticate:
        Option<
        String
        >
    }
    ,
    /// The token is valid but does not allow this
    Forbidden
    (models::Problem)
    ,
    /// Too many requests from this client; retry after `Retry-After` seconds
    TooManyRequests
    {
        body: models::Problem,
        retry_after:
        Option<
        i32
        >
    }
    ,
    /// A backing service (PostgreSQL or Temporal) is not reachable in time; nothing was changed, retry later
    Unavailable
    (models::Problem)
    ,
    /// An unexpected error; the request may not have been applied
    Internal
    (models::Problem)
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[must_use]
pub enum GetProblemTypeResponse {
    /// The problem type
    ProblemType
    (models::ProblemTypeInfo)
    ,
    /// No such resource (an order with this id, a problem type)
    NotFound
    (models::Problem)
    ,
    /// Too many requests from this client; retry after `Retry-After` seconds
    TooManyRequests
    {
        body: models::Problem,
        retry_after:
        Option<
        i32
        >
    }
    ,
    /// An unexpected error; the request may not have been applied
    Internal
    (models::Problem)
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[must_use]
pub enum ListProductsResponse {
    /// A page of products
    ProductsList
    {
        body: Vec<models::Product>,
        link:
        Option<
        String
        >
    }
    ,
    /// The request could not be read (malformed JSON, wrong types, bad path id)
    BadRequest
    (models::Problem)
    ,
    /// No valid bearer token (see the `WWW-Authenticate` header)
    Unauthorized
    {
        body: models::Problem,
        www_authenticate:
        Option<
        String
        >
    }
    ,
    /// The token is valid but does not allow this
    Forbidden
    (models::Problem)
    ,
    /// Too many requests from this client; retry after `Retry-After` seconds
    TooManyRequests
    {
        body: models::Problem,
        retry_after:
        Option<
        i32
        >
    }
    ,
    /// A backing service (PostgreSQL or Temporal) is not reachable in time; nothing was changed, retry later
    Unavailable
    (models::Problem)
    ,
    /// An unexpected error; the request may not have been applied
    Internal
    (models::Problem)
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[must_use]
pub enum GetProductResponse {
    /// The product, with its stock
    Product
    {
        body: models::Product,
        e_tag:
        Option<
        String
        >
    }
    ,
    /// The request could not be read (malformed JSON, wrong types, bad path id)
    BadRequest
    (models::Problem)
    ,
    /// No such resource (an order with this id, a problem type)
    NotFound
    (models::Problem)
    ,
    /// No valid bearer token (see the `WWW-Authenticate` header)
    Unauthorized
    {
        body: models::Problem,
        www_authenticate:
        Option<
        String
        >
    }
    ,
    /// The token is valid but does not allow this
    Forbidden
    (models::Problem)
    ,
    /// Too many requests from this client; retry after `Retry-After` seconds
    TooManyRequests
    {
        body: models::Problem,
        retry_after:
        Option<
        i32
        >
    }
    ,
    /// A backing service (PostgreSQL or Temporal) is not reachable in time; nothing was changed, retry later
    Unavailable
    (models::Problem)
    ,
    /// An unexpected error; the request may not have been applied
    Internal
    (models::Problem)
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[must_use]
pub enum PutProductResponse {
    /// The product was replaced
    Replaced
    {
        body: models::Product,
        e_tag:
        Option<
        String
        >
    }
    ,
    /// The product was created
    ProductCreated
    {
        body: models::Product,
        e_tag:
        Option<
        String
        >
        ,
        location:
        Option<
        String
        >
    }
    ,
    /// `/problems/stock-held`: open orders hold more units than the new stock
    StockHeld
    (models::Problem)
    ,
    /// The request could not be read (malformed JSON, wrong types, bad path id)
    BadRequest
    (models::Problem)
    ,
    /// The body is larger than the server accepts (ORDERS_MAX_BODY_BYTES)
    PayloadTooLarge
    (models::Problem)
    ,
    /// The body is not `application/json`
    UnsupportedMediaType
    (models::Problem)
    ,
    /// The request was read but refused: `/problems/invalid-fields` (a field's value, named in `invalid_params`) or `/problems/idempotency-key-reused` (the key was used with another request body) 
    Unprocessable
    (models::Problem)
    ,
    /// No valid bearer token (see the `WWW-Authenticate` header)
    Unauthorized
    {
        body: models::Problem,
        www_authenticate:
        Option<
        String
        >
    }
    ,
    /// The token is valid but does not allow this
    Forbidden
    (models::Problem)
    ,
    /// Too many requests from this client; retry after `Retry-After` seconds
    TooManyRequests
    {
        body: models::Problem,
        retry_after:
        Option<
        i32
        >
    }
    ,
    /// A backing service (PostgreSQL or Temporal) is not reachable in time; nothing was changed, retry later
    Unavailable
    (models::Problem)
    ,
    /// An unexpected error; the request may not have been applied
    Internal
    (models::Problem)
}

/// API
#[cfg_attr(feature = "mock", automock)]
#[async_trait]
#[allow(clippy::too_many_arguments, clippy::ptr_arg)]
pub trait Api<C: Send + Sync> {
    /// This API's contract
    async fn get_open_api_spec(
        &self,
        context: &C) -> Result<GetOpenApiSpecResponse, ApiError>;

    /// Liveness
    async fn healthz(
        &self,
        context: &C) -> Result<HealthzResponse, ApiError>;

    /// Prometheus metrics
    async fn metrics(
        &self,
        context: &C) -> Result<MetricsResponse, ApiError>;

    /// Readiness
    async fn readyz(
        &self,
        context: &C) -> Result<ReadyzResponse, ApiError>;

    /// Create a new order
    async fn create_order(
        &self,
        create_order_request: models::CreateOrderRequest,
        idempotency_key: Option<String>,
        context: &C) -> Result<CreateOrderResponse, ApiError>;

    /// List orders
    async fn list_orders(
        &self,
        limit: Option<u32>,
        cursor: Option<String>,
        status: Option<models::OrderStatus>,
        customer_id: Option<u64>,
        context: &C) -> Result<ListOrdersResponse, ApiError>;

    /// Delete an order
    async fn delete_order(
        &self,
        id: u64,
        context: &C) -> Result<DeleteOrderResponse, ApiError>;

    /// Get an order by ID
    async fn get_order(
        &self,
        id: u64,
        context: &C) -> Result<GetOrderResponse, ApiError>;

    /// The order's history
    async fn list_order_events(
        &self,
        id: u64,
        context: &C) -> Result<ListOrderEventsResponse, ApiError>;

    /// A carrier's update on the order's shipment
    async fn record_shipment_event(
        &self,
        id: u64,
        shipment_event: models::ShipmentEvent,
        context: &C) -> Result<RecordShipmentEventResponse, ApiError>;

    /// Update an order
    async fn update_order(
        &self,
        id: u64,
        update_order_request: models::UpdateOrderRequest,
        if_match: Option<String>,
        context: &C) -> Result<UpdateOrderResponse, ApiError>;

    /// What a problem type means
    async fn get_problem_type(
        &self,
        param_type: String,
        context: &C) -> Result<GetProblemTypeResponse, ApiError>;

    /// List products
    async fn list_products(
        &self,
        limit: Option<u32>,
        cursor: Option<String>,
        context: &C) -> Result<ListProductsResponse, ApiError>;

    /// Get a product
    async fn get_product(
        &self,
        sku: String,
        context: &C) -> Result<GetProductResponse, ApiError>;

    /// Create or replace a product
    async fn put_product(
        &self,
        sku: String,
        product_input: models::ProductInput,
        context: &C) -> Result<PutProductResponse, ApiError>;

}

/// API where `Context` isn't passed on every API call
#[cfg_attr(feature = "mock", automock)]
#[async_trait]
#[allow(clippy::too_many_arguments, clippy::ptr_arg)]
pub trait ApiNoContext<C: Send + Sync> {
    // The std::task::Context struct houses a reference to std::task::Waker with the lifetime <'a>.
    // Adding an anonymous lifetime `'a` to allow mockall to create a mock object with the right lifetimes.
    // This is needed because the compiler is unable to determine the lifetimes on F's trait bound
    // where F is the closure created by mockall. We use higher-rank trait bounds here to get around this.

    fn context(&self) -> &C;

    /// This API's contract
    async fn get_open_api_spec(
        &self,
        ) -> Result<GetOpenApiSpecResponse, ApiError>;

    /// Liveness
    async fn healthz(
        &self,
        ) -> Result<HealthzResponse, ApiError>;

    /// Prometheus metrics
    async fn metrics(
        &self,
        ) -> Result<MetricsResponse, ApiError>;

    /// Readiness
    async fn readyz(
        &self,
        ) -> Result<ReadyzResponse, ApiError>;

    /// Create a new order
    async fn create_order(
        &self,
        create_order_request: models::CreateOrderRequest,
        idempotency_key: Option<String>,
        ) -> Result<CreateOrderResponse, ApiError>;

    /// List orders
    async fn list_orders(
        &self,
        limit: Option<u32>,
        cursor: Option<String>,
        status: Option<models::OrderStatus>,
        customer_id: Option<u64>,
        ) -> Result<ListOrdersResponse, ApiError>;

    /// Delete an order
    async fn delete_order(
        &self,
        id: u64,
        ) -> Result<DeleteOrderResponse, ApiError>;

    /// Get an order by ID
    async fn get_order(
        &self,
        id: u64,
        ) -> Result<GetOrderResponse, ApiError>;

    /// The order's history
    async fn list_order_events(
        &self,
        id: u64,
        ) -> Result<ListOrderEventsResponse, ApiError>;

    /// A carrier's update on the order's shipment
    async fn record_shipment_event(
        &self,
        id: u64,
        shipment_event: models::ShipmentEvent,
        ) -> Result<RecordShipmentEventResponse, ApiError>;

    /// Update an order
    async fn update_order(
        &self,
        id: u64,
        update_order_request: models::UpdateOrderRequest,
        if_match: Option<String>,
        ) -> Result<UpdateOrderResponse, ApiError>;

    /// What a problem type means
    async fn get_problem_type(
        &self,
        param_type: String,
        ) -> Result<GetProblemTypeResponse, ApiError>;

    /// List products
    async fn list_products(
        &self,
        limit: Option<u32>,
        cursor: Option<String>,
        ) -> Result<ListProductsResponse, ApiError>;

    /// Get a product
    async fn get_product(
        &self,
        sku: String,
        ) -> Result<GetProductResponse, ApiError>;

    /// Create or replace a product
    async fn put_product(
        &self,
        sku: String,
        product_input: models::ProductInput,
        ) -> Result<PutProductResponse, ApiError>;

}

/// Trait to extend an API to make it easy to bind it to a context.
pub trait ContextWrapperExt<C: Send + Sync> where Self: Sized
{
    /// Binds this API to a context.
    fn with_context(self, context: C) -> ContextWrapper<Self, C>;
}

impl<T: Api<C> + Send + Sync, C: Clone + Send + Sync> ContextWrapperExt<C> for T {
    fn with_context(self: T, context: C) -> ContextWrapper<T, C> {
         ContextWrapper::<T, C>::new(self, context)
    }
}

#[async_trait]
impl<T: Api<C> + Send + Sync, C: Clone + Send + Sync> ApiNoContext<C> for ContextWrapper<T, C> {
    fn context(&self) -> &C {
        ContextWrapper::context(self)
    }

    /// This API's contract
    async fn get_open_api_spec(
        &self,
        ) -> Result<GetOpenApiSpecResponse, ApiError>
    {
        let context = self.context().clone();
        self.api().get_open_api_spec(&context).await
    }

    /// Liveness
    async fn healthz(
        &self,
        ) -> Result<HealthzResponse, ApiError>
    {
        let context = self.context().clone();
        self.api().healthz(&context).await
    }

    /// Prometheus metrics
    async fn metrics(
        &self,
        ) -> Result<MetricsResponse, ApiError>
    {
        let context = self.context().clone();
        self.api().metrics(&context).await
    }

    /// Readiness
    async fn readyz(
        &self,
        ) -> Result<ReadyzResponse, ApiError>
    {
        let context = self.context().clone();
        self.api().readyz(&context).await
    }

    /// Create a new order
    async fn create_order(
        &self,
        create_order_request: models::CreateOrderRequest,
        idempotency_key: Option<String>,
        ) -> Result<CreateOrderResponse, ApiError>
    {
        let context = self.context().clone();
        self.api().create_order(create_order_request, idempotency_key, &context).await
    }

    /// List orders
    async fn list_orders(
        &self,
        limit: Option<u32>,
        cursor: Option<String>,
        status: Option<models::OrderStatus>,
        customer_id: Option<u64>,
        ) -> Result<ListOrdersResponse, ApiError>
    {
        let context = self.context().clone();
        self.api().list_orders(limit, cursor, status, customer_id, &context).await
    }

    /// Delete an order
    async fn delete_order(
        &self,
        id: u64,
        ) -> Result<DeleteOrderResponse, ApiError>
    {
        let context = self.context().clone();
        self.api().delete_order(id, &context).await
    }

    /// Get an order by ID
    async fn get_order(
        &self,
        id: u64,
        ) -> Result<GetOrderResponse, ApiError>
    {
        let context = self.context().clone();
        self.api().get_order(id, &context).await
    }

    /// The order's history
    async fn list_order_events(
        &self,
        id: u64,
        ) -> Result<ListOrderEventsResponse, ApiError>
    {
        let context = self.context().clone();
        self.api().list_order_events(id, &context).await
    }

    /// A carrier's update on the order's shipment
    async fn record_shipment_event(
        &self,
        id: u64,
        shipment_event: models::ShipmentEvent,
        ) -> Result<RecordShipmentEventResponse, ApiError>
    {
        let context = self.context().clone();
        self.api().record_shipment_event(id, shipment_event, &context).await
    }

    /// Update an order
    async fn update_order(
        &self,
        id: u64,
        update_order_request: models::UpdateOrderRequest,
        if_match: Option<String>,
        ) -> Result<UpdateOrderResponse, ApiError>
    {
        let context = self.context().clone();
        self.api().update_order(id, update_order_request, if_match, &context).await
    }

    /// What a problem type means
    async fn get_problem_type(
        &self,
        param_type: String,
        ) -> Result<GetProblemTypeResponse, ApiError>
    {
        let context = self.context().clone();
        self.api().get_problem_type(param_type, &context).await
    }

    /// List products
    async fn list_products(
        &self,
        limit: Option<u32>,
        cursor: Option<String>,
        ) -> Result<ListProductsResponse, ApiError>
    {
        let context = self.context().clone();
        self.api().list_products(limit, cursor, &context).await
    }

    /// Get a product
    async fn get_product(
        &self,
        sku: String,
        ) -> Result<GetProductResponse, ApiError>
    {
        let context = self.context().clone();
        self.api().get_product(sku, &context).await
    }

    /// Create or replace a product
    async fn put_product(
        &self,
        sku: String,
        product_input: models::ProductInput,
        ) -> Result<PutProductResponse, ApiError>
    {
        let context = self.context().clone();
        self.api().put_product(sku, product_input, &context).await
    }

}


#[cfg(feature = "client")]
pub mod client;

// Re-export Client as a top-level name
#[cfg(feature = "client")]
pub use client::Client;

#[cfg(feature = "server")]
pub mod server;

// Re-export router() as a top-level name
#[cfg(feature = "server")]
pub use self::server::Service;

#[cfg(feature = "server")]
pub mod context;

pub mod models;

#[cfg(any(feature = "client", feature = "server"))]
pub(crate) mod header;
