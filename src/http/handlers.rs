//! The generated `Api` trait of `spec/openapi.yaml`, implemented by `OrdersApi`: each method
//! takes the caller and the request id from the generated context, calls the operation (in
//! `orders.rs`, `products.rs`, or the health checks below), and maps its outcome to a documented
//! response variant. It never returns `Err` (which the generated code would turn into an
//! undocumented plain-text 500): failures are problems (`problem.rs`).

use std::{str::FromStr, time::Duration};

use async_trait::async_trait;
use deadpool_postgres::Pool;
use orders_api::{
    models, Api, CreateOrderResponse, DeleteOrderResponse, GetOpenApiSpecResponse, GetOrderResponse,
    GetProblemTypeResponse, GetProductResponse, HealthzResponse, ListOrderEventsResponse, ListOrdersResponse,
    ListProductsResponse, MetricsResponse, PutProductResponse, ReadyzResponse, RecordShipmentEventResponse,
    UpdateOrderResponse,
};
use swagger::{auth::Authorization, ApiError, Has, XSpanIdString};

use super::{
    orders::Done,
    problem::{Failure, ProblemType},
};
use crate::{auth::Principal, workflow::OrderWorkflowClient};

#[derive(Clone)]
pub struct OrdersApi {
    pub pool: Pool,
    pub workflows: OrderWorkflowClient,
    pub idempotency_ttl: Duration,
    /// Where the Temporal SDK's own exporter listens, when this process runs the worker.
    pub sdk_exporter_addr: Option<std::net::SocketAddr>,
}

type Outcome<T> = Result<T, Failure>;

/// The contract itself, served at `GET /openapi.yaml` (and rendered by Swagger UI at `/docs`).
pub const OPENAPI_SPEC: &str = include_str!("../../spec/openapi.yaml");

/// The request id a change is recorded with: the pipeline hands `X-Request-Id` (or a new id) to
/// the generated layer, which keeps it as the span id.
fn request_id<C: Has<XSpanIdString>>(context: &C) -> String {
    context.get().0.clone()
}

/// The authenticated caller, which the pipeline put in the context of every orders and
/// products route.
fn any_caller<C: Has<Option<Authorization>>>(context: &C) -> Result<Principal, Failure> {
    let authorization: &Option<Authorization> = context.get();
    authorization
        .as_ref()
        .and_then(|a| Principal::from_subject(&a.subject))
        .ok_or_else(|| Failure::forbidden("no authenticated caller"))
}

/// A caller that works with orders: an admin or a customer (a carrier only posts shipment
/// events).
fn caller<C: Has<Option<Authorization>>>(context: &C) -> Result<Principal, Failure> {
    any_caller(context).and_then(|caller| {
        if caller.reads_orders() {
            Ok(caller)
        } else {
            Err(Failure::forbidden("a carrier token may only post shipment events and read the catalog"))
        }
    })
}

/// Whose Idempotency-Keys a request uses: the caller's principal and token subject.
fn key_owner<C: Has<Option<Authorization>>>(context: &C) -> String {
    let authorization: &Option<Authorization> = context.get();
    authorization.as_ref().map(|a| a.subject.clone()).unwrap_or_default()
}

#[async_trait]
impl<C> Api<C> for OrdersApi
where
    C: Has<XSpanIdString> + Has<Option<Authorization>> + Send + Sync,
{
    async fn create_order(
        &self,
        request: models::CreateOrderRequest,
        idempotency_key: Option<String>,
        context: &C,
    ) -> Result<CreateOrderResponse, ApiError> {
        let created = match caller(context) {
            Ok(caller) => self.create(caller, key_owner(context), request, idempotency_key, request_id(context)).await,
            Err(refused) => Err(refused),
        };
        Ok(created.map_or_else(Into::into, |order| CreateOrderResponse::Created {
            location: Some(format!("/orders/{}", order.id)),
            body: order,
        }))
    }

    async fn list_orders(
        &self,
        limit: Option<u32>,
        cursor: Option<String>,
        status: Option<models::OrderStatus>,
        customer_id: Option<u64>,
        context: &C,
    ) -> Result<ListOrdersResponse, ApiError> {
        let page = match caller(context) {
            Ok(caller) => self.list(caller, limit, cursor, status, customer_id).await,
            Err(refused) => Err(refused),
        };
        Ok(page.map_or_else(Into::into, |(body, link)| ListOrdersResponse::OrdersList { body, link }))
    }

    async fn get_order(&self, id: u64, context: &C) -> Result<GetOrderResponse, ApiError> {
        let found = match caller(context) {
            Ok(caller) => self.get(caller, id).await,
            Err(refused) => Err(refused),
        };
        Ok(found
            .map_or_else(Into::into, |found| GetOrderResponse::Order { e_tag: Some(found.etag()), body: found.order }))
    }

    async fn update_order(
        &self,
        id: u64,
        request: models::UpdateOrderRequest,
        if_match: Option<String>,
        context: &C,
    ) -> Result<UpdateOrderResponse, ApiError> {
        let updated = match caller(context) {
            Ok(caller) => self.update(caller, id, request, if_match, request_id(context)).await,
            Err(refused) => Err(refused),
        };
        Ok(updated.map_or_else(Into::into, |done| match done {
            Done::Now(found) => UpdateOrderResponse::Updated { e_tag: Some(found.etag()), body: found.order },
            Done::InProgress(found) => UpdateOrderResponse::CancelInProgress {
                location: Some(format!("/orders/{}", found.order.id)),
                body: found.order,
            },
        }))
    }

    async fn record_shipment_event(
        &self,
        id: u64,
        event: models::ShipmentEvent,
        context: &C,
    ) -> Result<RecordShipmentEventResponse, ApiError> {
        let recorded = match any_caller(context) {
            Ok(caller) => self.shipment_event(caller, id, event, request_id(context)).await,
            Err(refused) => Err(refused),
        };
        Ok(recorded.map_or_else(Into::into, |found| RecordShipmentEventResponse::Recorded(found.order)))
    }

    async fn list_products(
        &self,
        limit: Option<u32>,
        cursor: Option<String>,
        context: &C,
    ) -> Result<ListProductsResponse, ApiError> {
        let page = match any_caller(context) {
            Ok(_) => self.list_products(limit, cursor).await,
            Err(refused) => Err(refused),
        };
        Ok(page.map_or_else(Into::into, |(body, link)| ListProductsResponse::ProductsList { body, link }))
    }

    async fn get_product(&self, sku: String, context: &C) -> Result<GetProductResponse, ApiError> {
        let found = match any_caller(context) {
            Ok(_) => self.get_product(sku).await,
            Err(refused) => Err(refused),
        };
        Ok(found.map_or_else(Into::into, |found| GetProductResponse::Product {
            e_tag: Some(found.etag()),
            body: found.product,
        }))
    }

    async fn put_product(
        &self,
        sku: String,
        input: models::ProductInput,
        context: &C,
    ) -> Result<PutProductResponse, ApiError> {
        let put = match any_caller(context) {
            Ok(caller) => self.put_product(caller, sku, input).await,
            Err(refused) => Err(refused),
        };
        Ok(put.map_or_else(Into::into, |found| match found.created {
            true => PutProductResponse::ProductCreated {
                e_tag: Some(found.etag()),
                location: Some(format!("/products/{}", found.product.sku)),
                body: found.product,
            },
            false => PutProductResponse::Replaced { e_tag: Some(found.etag()), body: found.product },
        }))
    }

    async fn get_open_api_spec(&self, _context: &C) -> Result<GetOpenApiSpecResponse, ApiError> {
        Ok(GetOpenApiSpecResponse::Spec(OPENAPI_SPEC.to_owned()))
    }

    async fn delete_order(&self, id: u64, context: &C) -> Result<DeleteOrderResponse, ApiError> {
        let deleted = match caller(context) {
            Ok(caller) => self.delete(caller, id, request_id(context)).await,
            Err(refused) => Err(refused),
        };
        Ok(deleted.map_or_else(Into::into, |done| match done {
            Done::Now(()) => DeleteOrderResponse::Deleted,
            Done::InProgress(()) => DeleteOrderResponse::DeletionInProgress { location: Some(format!("/orders/{id}")) },
        }))
    }

    async fn list_order_events(&self, id: u64, context: &C) -> Result<ListOrderEventsResponse, ApiError> {
        let events = match caller(context) {
            Ok(caller) => self.events(caller, id).await,
            Err(refused) => Err(refused),
        };
        Ok(events.map_or_else(Into::into, ListOrderEventsResponse::Events))
    }

    async fn get_problem_type(&self, r#type: String, _context: &C) -> Result<GetProblemTypeResponse, ApiError> {
        let known = ProblemType::from_slug(&r#type).and_then(|kind| {
            let uri = models::ProblemTypeUri::from_str(&kind.uri()).ok()?;
            Some(models::ProblemTypeInfo::new(
                uri,
                kind.title().to_owned(),
                i32::from(kind.status().as_u16()),
                kind.description().to_owned(),
            ))
        });
        Ok(known.map_or_else(
            || {
                GetProblemTypeResponse::NotFound(
                    Failure::not_found(format_args!("problem type {type:?}", type = r#type)).into_problem(),
                )
            },
            GetProblemTypeResponse::ProblemType,
        ))
    }

    async fn healthz(&self, _context: &C) -> Result<HealthzResponse, ApiError> {
        Ok(HealthzResponse::Alive(models::Health::new("ok".to_owned())))
    }

    async fn metrics(&self, _context: &C) -> Result<MetricsResponse, ApiError> {
        Ok(MetricsResponse::Metrics(crate::metrics::get().render(&self.pool, self.sdk_exporter_addr).await))
    }

    async fn readyz(&self, _context: &C) -> Result<ReadyzResponse, ApiError> {
        Ok(self.ready().await.map_or_else(
            |f| ReadyzResponse::Unavailable(f.into_problem()),
            |()| ReadyzResponse::Ready(models::Health::new("ok".to_owned())),
        ))
    }
}

impl OrdersApi {
    /// PostgreSQL answers a query and Temporal answers a call, each within its timeout.
    async fn ready(&self) -> Outcome<()> {
        let client = self.pool.get().await?;
        client.simple_query("SELECT 1").await?;
        let probe = self.workflows.client.count_workflows("WorkflowId = 'readiness-probe'", Default::default());
        match tokio::time::timeout(self.workflows.timeout, probe).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => Err(Failure::unavailable(format!("Temporal is not reachable: {e}"))),
            Err(_) => Err(Failure::unavailable(format!("Temporal did not answer within {:?}", self.workflows.timeout))),
        }
    }
}
