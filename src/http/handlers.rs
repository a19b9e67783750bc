//! The operations of `spec/openapi.yaml`, implementing the generated `Api` trait over the
//! PostgreSQL pool. Each handler parses its input into domain types, runs one query from
//! `sql/queries/orders.sql`, and answers with a documented response variant: it never returns
//! `Err` (which the generated code would turn into an undocumented plain-text 500).

use std::str::FromStr;

use async_trait::async_trait;
use chrono::Utc;
use deadpool_postgres::Pool;
use orders_api::{
    Api, CreateOrderResponse, DeleteOrderResponse, GetOrderResponse, HealthzResponse,
    ListOrdersResponse, ReadyzResponse, UpdateOrderResponse, models,
};
use swagger::{ApiError, Has, XSpanIdString};
use tracing::info;

use super::problem::Failure;
use crate::{
    db::{idempotency_queries, queries},
    domain::{CustomerId, FieldError, IdempotencyKey, Money, OrderId},
};

#[derive(Clone)]
pub struct OrdersApi {
    pub pool: Pool,
    /// For the readiness probe: workflows are started by the outbox dispatcher, not here.
    pub temporal: temporalio_client::Client,
    pub temporal_timeout: std::time::Duration,
    pub idempotency_ttl: std::time::Duration,
}

type Outcome<T> = Result<T, Failure>;

#[async_trait]
impl<C> Api<C> for OrdersApi
where
    C: Has<XSpanIdString> + Send + Sync,
{
    async fn create_order(
        &self,
        request: models::CreateOrderRequest,
        idempotency_key: Option<String>,
        _context: &C,
    ) -> Result<CreateOrderResponse, ApiError> {
        Ok(self.create(request, idempotency_key).await.map_or_else(Into::into, |order| {
            CreateOrderResponse::Created { location: Some(format!("/orders/{}", order.id)), body: order }
        }))
    }

    async fn healthz(&self, _context: &C) -> Result<HealthzResponse, ApiError> {
        Ok(HealthzResponse::Alive(models::Health::new("ok".to_owned())))
    }

    async fn readyz(&self, _context: &C) -> Result<ReadyzResponse, ApiError> {
        Ok(self.ready().await.map_or_else(
            |f| ReadyzResponse::Unavailable(f.into_problem()),
            |()| ReadyzResponse::Ready(models::Health::new("ok".to_owned())),
        ))
    }

    async fn list_orders(&self, _context: &C) -> Result<ListOrdersResponse, ApiError> {
        Ok(self.list().await.map_or_else(Into::into, ListOrdersResponse::OrdersList))
    }

    async fn get_order(&self, id: u64, _context: &C) -> Result<GetOrderResponse, ApiError> {
        Ok(self.get(id).await.map_or_else(Into::into, GetOrderResponse::Order))
    }

    async fn update_order(
        &self,
        id: u64,
        request: models::UpdateOrderRequest,
        _context: &C,
    ) -> Result<UpdateOrderResponse, ApiError> {
        Ok(self.update(id, request).await.map_or_else(Into::into, UpdateOrderResponse::Updated))
    }

    async fn delete_order(&self, id: u64, _context: &C) -> Result<DeleteOrderResponse, ApiError> {
        Ok(self.delete(id).await.map_or_else(Into::into, |()| DeleteOrderResponse::Deleted))
    }
}

impl OrdersApi {
    /// Inserts the order with its outbox entry (the dispatcher starts the workflow). With an
    /// Idempotency-Key, the check, the insert and the stored response share one transaction,
    /// so a crash leaves no half-used key behind.
    async fn create(&self, request: models::CreateOrderRequest, key: Option<String>) -> Outcome<models::Order> {
        let key = key.map(IdempotencyKey::parse).transpose().map_err(Failure::bad_param)?;
        let (customer_id, amount) = both(
            CustomerId::parse("customer_id", request.customer_id),
            Money::parse("total_amount", request.total_amount),
        )?;
        let mut client = self.pool.get().await?;
        let Some(key) = key else {
            let order = queries::insert_order().bind(&client, &customer_id.get(), &amount.get()).one().await?;
            info!(order_id = order.id, customer_id = order.customer_id, "order created");
            return to_model(order);
        };

        // The request as the key remembers it: the parsed values, so `10.5` and `10.50` agree.
        let fingerprint = format!("customer_id={};total_amount={}", customer_id.get(), amount.get());
        let ttl = self.idempotency_ttl.as_secs() as i64;
        let tx = client.transaction().await?;
        if !idempotency_queries::try_lock_idempotency_key().bind(&tx, &key.as_str()).one().await? {
            return Err(Failure::conflict(
                "a request with this Idempotency-Key is still being processed; retry later",
            ));
        }
        if let Some(stored) = idempotency_queries::stored_response().bind(&tx, &key.as_str(), &ttl).opt().await? {
            if stored.request_fingerprint != fingerprint {
                return Err(Failure::unprocessable(
                    "this Idempotency-Key was already used with a different request body",
                ));
            }
            let order: models::Order = serde_json::from_str(&stored.response_body)
                .map_err(|e| Failure::internal(format!("stored response unreadable: {e}")))?;
            info!(order_id = order.id, "idempotent replay");
            return Ok(order);
        }
        let order = to_model(
            queries::insert_order().bind(&tx, &customer_id.get(), &amount.get()).one().await?,
        )?;
        let body = serde_json::to_string(&order).map_err(|e| Failure::internal(e.to_string()))?;
        idempotency_queries::store_response()
            .bind(&tx, &key.as_str(), &fingerprint, &201, &body)
            .await?;
        tx.commit().await?;
        info!(order_id = order.id, customer_id = order.customer_id, "order created");
        Ok(order)
    }

    /// PostgreSQL answers a query and Temporal answers a call, each within its timeout.
    async fn ready(&self) -> Outcome<()> {
        let client = self.pool.get().await?;
        client.simple_query("SELECT 1").await?;
        let probe = self.temporal.count_workflows("WorkflowId = 'readiness-probe'", Default::default());
        match tokio::time::timeout(self.temporal_timeout, probe).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => Err(Failure::unavailable(format!("Temporal is not reachable: {e}"))),
            Err(_) => Err(Failure::unavailable(format!(
                "Temporal did not answer within {:?}",
                self.temporal_timeout
            ))),
        }
    }

    async fn list(&self) -> Outcome<Vec<models::Order>> {
        let client = self.pool.get().await?;
        let orders = queries::list_orders().bind(&client).all().await?;
        orders.into_iter().map(to_model).collect()
    }

    async fn get(&self, id: u64) -> Outcome<models::Order> {
        let id = OrderId::parse(id).map_err(Failure::bad_param)?;
        let client = self.pool.get().await?;
        let order = queries::order_by_id().bind(&client, &id.get()).opt().await?;
        to_model(order.ok_or_else(|| Failure::not_found(format_args!("order {id}")))?)
    }

    async fn update(&self, id: u64, request: models::UpdateOrderRequest) -> Outcome<models::Order> {
        let id = OrderId::parse(id).map_err(Failure::bad_param)?;
        let amount = request
            .total_amount
            .map(|a| Money::parse("total_amount", a))
            .transpose()
            .map_err(|e| Failure::invalid_fields(vec![e]))?;
        let status = request.status.map(|s| s.to_string());
        let client = self.pool.get().await?;
        let order = queries::update_order()
            .bind(&client, &status, &amount.map(Money::get), &id.get())
            .opt()
            .await?;
        to_model(order.ok_or_else(|| Failure::not_found(format_args!("order {id}")))?)
    }

    async fn delete(&self, id: u64) -> Outcome<()> {
        let id = OrderId::parse(id).map_err(Failure::bad_param)?;
        let client = self.pool.get().await?;
        match queries::delete_order().bind(&client, &id.get()).await? {
            0 => Err(Failure::not_found(format_args!("order {id}"))),
            _ => Ok(()),
        }
    }
}

/// Both fields parsed, or every field that was refused.
fn both<A, B>(a: Result<A, FieldError>, b: Result<B, FieldError>) -> Outcome<(A, B)> {
    match (a, b) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (a, b) => Err(Failure::invalid_fields(a.err().into_iter().chain(b.err()).collect())),
    }
}

fn to_model(row: queries::Order) -> Outcome<models::Order> {
    let status = models::OrderStatus::from_str(&row.status)
        .map_err(|_| Failure::internal(format!("order {} has an unknown status", row.id)))?;
    Ok(models::Order::new(
        row.id,
        row.customer_id,
        status,
        row.total_amount,
        row.created_at.with_timezone(&Utc),
        row.updated_at.with_timezone(&Utc),
    ))
}
