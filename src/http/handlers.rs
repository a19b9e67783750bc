//! The operations of `spec/openapi.yaml`, implementing the generated `Api` trait over the
//! PostgreSQL pool. Each handler parses its input into domain types, runs one query from
//! `sql/queries/orders.sql`, and answers with a documented response variant: it never returns
//! `Err` (which the generated code would turn into an undocumented plain-text 500).

use std::str::FromStr;

use async_trait::async_trait;
use chrono::Utc;
use deadpool_postgres::Pool;
use orders_api::{
    Api, CreateOrderResponse, DeleteOrderResponse, GetOrderResponse, ListOrdersResponse,
    UpdateOrderResponse, models,
};
use swagger::{ApiError, Has, XSpanIdString};
use tracing::{error, info};

use super::problem::Failure;
use crate::{
    db::queries,
    domain::{CustomerId, FieldError, Money, OrderId},
    workflow::Dispatcher,
};

#[derive(Clone)]
pub struct OrdersApi {
    pub pool: Pool,
    pub workflows: Dispatcher,
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
        _context: &C,
    ) -> Result<CreateOrderResponse, ApiError> {
        Ok(self.create(request).await.map_or_else(Into::into, |order| CreateOrderResponse::Created {
            location: Some(format!("/orders/{}", order.id)),
            body: order,
        }))
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
    async fn create(&self, request: models::CreateOrderRequest) -> Outcome<models::Order> {
        let (customer_id, amount) = both(
            CustomerId::parse("customer_id", request.customer_id),
            Money::parse("total_amount", request.total_amount),
        )?;
        let client = self.pool.get().await?;
        let order = queries::insert_order()
            .bind(&client, &customer_id.get(), &amount.get())
            .one()
            .await?;
        if let Err(e) = self.workflows.start(order.id).await {
            // Without its workflow the order would stay `pending` forever: take it back, so the
            // client's retry is the only copy.
            error!(order_id = order.id, error = %e, "could not start the order workflow");
            queries::delete_order().bind(&client, &order.id).await?;
            return Err(Failure::unavailable(format!(
                "the order's workflow could not be started, so the order was not created: {e}"
            )));
        }
        info!(order_id = order.id, customer_id = order.customer_id, "order created");
        to_model(order)
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
