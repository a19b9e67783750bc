// This file was generated with `cornucopia`. Do not modify.

#[derive(Debug)]
pub struct InsertOrderParams<T1: crate::StringSql> {
    pub customer_id: i64,
    pub total_amount: rust_decimal::Decimal,
    pub item_count: i32,
    pub request_id: Option<T1>,
}
#[derive(Debug)]
pub struct InsertOrderItemsParams<
    T1: crate::StringSql,
    T2: crate::ArraySql<Item = T1>,
    T3: crate::ArraySql<Item = i32>,
    T4: crate::ArraySql<Item = rust_decimal::Decimal>,
> {
    pub order_id: i64,
    pub skus: T2,
    pub quantities: T3,
    pub unit_prices: T4,
}
#[derive(Clone, Copy, Debug)]
pub struct OrdersPageParams {
    pub after_id: i64,
    pub limit: i64,
}
#[derive(Debug)]
pub struct OrdersPageByStatusParams<T1: crate::StringSql> {
    pub status: T1,
    pub after_id: i64,
    pub limit: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct OrdersPageByCustomerParams {
    pub customer_id: i64,
    pub after_id: i64,
    pub limit: i64,
}
#[derive(Debug)]
pub struct OrdersPageByCustomerAndStatusParams<T1: crate::StringSql> {
    pub customer_id: i64,
    pub status: T1,
    pub after_id: i64,
    pub limit: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct UpdatePendingOrderAmountParams {
    pub total_amount: rust_decimal::Decimal,
    pub id: i64,
    pub expected_version: Option<i64>,
}
#[derive(Debug)]
pub struct AdvanceOrderStatusParams<
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::ArraySql<Item = T2>,
    T4: crate::StringSql,
    T5: crate::StringSql,
> {
    pub id: i64,
    pub to: T1,
    pub from: T3,
    pub expected_version: Option<i64>,
    pub reason: T4,
    pub request_id: Option<T5>,
}
#[derive(Debug, Clone, PartialEq)]
pub struct Order {
    pub id: i64,
    pub customer_id: i64,
    pub status: String,
    pub total_amount: rust_decimal::Decimal,
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
    pub updated_at: chrono::DateTime<chrono::FixedOffset>,
    pub version: i64,
    pub item_count: i32,
    pub failure_reason: Option<String>,
    pub short_skus: Option<Vec<String>>,
    pub delivery_overdue: bool,
}
pub struct OrderBorrowed<'a> {
    pub id: i64,
    pub customer_id: i64,
    pub status: &'a str,
    pub total_amount: rust_decimal::Decimal,
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
    pub updated_at: chrono::DateTime<chrono::FixedOffset>,
    pub version: i64,
    pub item_count: i32,
    pub failure_reason: Option<&'a str>,
    pub short_skus: Option<crate::ArrayIterator<'a, &'a str>>,
    pub delivery_overdue: bool,
}
impl<'a> From<OrderBorrowed<'a>> for Order {
    fn from(
        OrderBorrowed {
            id,
            customer_id,
            status,
            total_amount,
            created_at,
            updated_at,
            version,
            item_count,
            failure_reason,
            short_skus,
            delivery_overdue,
        }: OrderBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            customer_id,
            status: status.into(),
            total_amount,
            created_at,
            updated_at,
            version,
            item_count,
            failure_reason: failure_reason.map(|v| v.into()),
            short_skus: short_skus.map(|v| v.map(|v| v.into()).collect()),
            delivery_overdue,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct OrderLines {
    pub sku: String,
    pub quantity: i32,
    pub unit_price: rust_decimal::Decimal,
    pub line_total: rust_decimal::Decimal,
}
pub struct OrderLinesBorrowed<'a> {
    pub sku: &'a str,
    pub quantity: i32,
    pub unit_price: rust_decimal::Decimal,
    pub line_total: rust_decimal::Decimal,
}
impl<'a> From<OrderLinesBorrowed<'a>> for OrderLines {
    fn from(
        OrderLinesBorrowed {
            sku,
            quantity,
            unit_price,
            line_total,
        }: OrderLinesBorrowed<'a>,
    ) -> Self {
        Self {
            sku: sku.into(),
            quantity,
            unit_price,
            line_total,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct OrderSagaRecords {
    pub payment_status: Option<String>,
    pub payment_amount: Option<rust_decimal::Decimal>,
    pub payment_reference: Option<String>,
    pub shipment_status: Option<String>,
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
}
pub struct OrderSagaRecordsBorrowed<'a> {
    pub payment_status: Option<&'a str>,
    pub payment_amount: Option<rust_decimal::Decimal>,
    pub payment_reference: Option<&'a str>,
    pub shipment_status: Option<&'a str>,
    pub carrier: Option<&'a str>,
    pub tracking_number: Option<&'a str>,
}
impl<'a> From<OrderSagaRecordsBorrowed<'a>> for OrderSagaRecords {
    fn from(
        OrderSagaRecordsBorrowed {
            payment_status,
            payment_amount,
            payment_reference,
            shipment_status,
            carrier,
            tracking_number,
        }: OrderSagaRecordsBorrowed<'a>,
    ) -> Self {
        Self {
            payment_status: payment_status.map(|v| v.into()),
            payment_amount,
            payment_reference: payment_reference.map(|v| v.into()),
            shipment_status: shipment_status.map(|v| v.into()),
            carrier: carrier.map(|v| v.into()),
            tracking_number: tracking_number.map(|v| v.into()),
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct AdvanceOrderStatus {
    pub status: String,
    pub version: i64,
    pub moved: bool,
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
}
pub struct AdvanceOrderStatusBorrowed<'a> {
    pub status: &'a str,
    pub version: i64,
    pub moved: bool,
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
}
impl<'a> From<AdvanceOrderStatusBorrowed<'a>> for AdvanceOrderStatus {
    fn from(
        AdvanceOrderStatusBorrowed {
            status,
            version,
            moved,
            created_at,
        }: AdvanceOrderStatusBorrowed<'a>,
    ) -> Self {
        Self {
            status: status.into(),
            version,
            moved,
            created_at,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct UnfinishedDispatchedOrders {
    pub id: i64,
    pub status: String,
}
pub struct UnfinishedDispatchedOrdersBorrowed<'a> {
    pub id: i64,
    pub status: &'a str,
}
impl<'a> From<UnfinishedDispatchedOrdersBorrowed<'a>> for UnfinishedDispatchedOrders {
    fn from(
        UnfinishedDispatchedOrdersBorrowed { id, status }: UnfinishedDispatchedOrdersBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            status: status.into(),
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct OrderEvent {
    pub at: chrono::DateTime<chrono::FixedOffset>,
    pub from_status: Option<String>,
    pub to_status: String,
    pub reason: String,
    pub request_id: Option<String>,
    pub step: Option<String>,
}
pub struct OrderEventBorrowed<'a> {
    pub at: chrono::DateTime<chrono::FixedOffset>,
    pub from_status: Option<&'a str>,
    pub to_status: &'a str,
    pub reason: &'a str,
    pub request_id: Option<&'a str>,
    pub step: Option<&'a str>,
}
impl<'a> From<OrderEventBorrowed<'a>> for OrderEvent {
    fn from(
        OrderEventBorrowed {
            at,
            from_status,
            to_status,
            reason,
            request_id,
            step,
        }: OrderEventBorrowed<'a>,
    ) -> Self {
        Self {
            at,
            from_status: from_status.map(|v| v.into()),
            to_status: to_status.into(),
            reason: reason.into(),
            request_id: request_id.map(|v| v.into()),
            step: step.map(|v| v.into()),
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct OrderOrigin {
    pub order_created_at: chrono::DateTime<chrono::FixedOffset>,
    pub database_id: String,
    pub with_items: bool,
    pub status: String,
}
pub struct OrderOriginBorrowed<'a> {
    pub order_created_at: chrono::DateTime<chrono::FixedOffset>,
    pub database_id: &'a str,
    pub with_items: bool,
    pub status: &'a str,
}
impl<'a> From<OrderOriginBorrowed<'a>> for OrderOrigin {
    fn from(
        OrderOriginBorrowed {
            order_created_at,
            database_id,
            with_items,
            status,
        }: OrderOriginBorrowed<'a>,
    ) -> Self {
        Self {
            order_created_at,
            database_id: database_id.into(),
            with_items,
            status: status.into(),
        }
    }
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct OrderQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<OrderBorrowed, tokio_postgres::Error>,
    mapper: fn(OrderBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> OrderQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(OrderBorrowed) -> R) -> OrderQuery<'c, 'a, 's, C, R, N> {
        OrderQuery {
            client: self.client,
            params: self.params,
            query: self.query,
            cached: self.cached,
            extractor: self.extractor,
            mapper,
        }
    }
    pub async fn one(self) -> Result<T, tokio_postgres::Error> {
        let row =
            crate::client::async_::one(self.client, self.query, &self.params, self.cached).await?;
        Ok((self.mapper)((self.extractor)(&row)?))
    }
    pub async fn all(self) -> Result<Vec<T>, tokio_postgres::Error> {
        self.iter().await?.try_collect().await
    }
    pub async fn opt(self) -> Result<Option<T>, tokio_postgres::Error> {
        let opt_row =
            crate::client::async_::opt(self.client, self.query, &self.params, self.cached).await?;
        Ok(opt_row
            .map(|row| {
                let extracted = (self.extractor)(&row)?;
                Ok((self.mapper)(extracted))
            })
            .transpose()?)
    }
    pub async fn iter(
        self,
    ) -> Result<
        impl futures::Stream<Item = Result<T, tokio_postgres::Error>> + 'c,
        tokio_postgres::Error,
    > {
        let stream = crate::client::async_::raw(
            self.client,
            self.query,
            crate::slice_iter(&self.params),
            self.cached,
        )
        .await?;
        let mapped = stream
            .map(move |res| {
                res.and_then(|row| {
                    let extracted = (self.extractor)(&row)?;
                    Ok((self.mapper)(extracted))
                })
            })
            .into_stream();
        Ok(mapped)
    }
}
pub struct OrderLinesQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<OrderLinesBorrowed, tokio_postgres::Error>,
    mapper: fn(OrderLinesBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> OrderLinesQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(OrderLinesBorrowed) -> R,
    ) -> OrderLinesQuery<'c, 'a, 's, C, R, N> {
        OrderLinesQuery {
            client: self.client,
            params: self.params,
            query: self.query,
            cached: self.cached,
            extractor: self.extractor,
            mapper,
        }
    }
    pub async fn one(self) -> Result<T, tokio_postgres::Error> {
        let row =
            crate::client::async_::one(self.client, self.query, &self.params, self.cached).await?;
        Ok((self.mapper)((self.extractor)(&row)?))
    }
    pub async fn all(self) -> Result<Vec<T>, tokio_postgres::Error> {
        self.iter().await?.try_collect().await
    }
    pub async fn opt(self) -> Result<Option<T>, tokio_postgres::Error> {
        let opt_row =
            crate::client::async_::opt(self.client, self.query, &self.params, self.cached).await?;
        Ok(opt_row
            .map(|row| {
                let extracted = (self.extractor)(&row)?;
                Ok((self.mapper)(extracted))
            })
            .transpose()?)
    }
    pub async fn iter(
        self,
    ) -> Result<
        impl futures::Stream<Item = Result<T, tokio_postgres::Error>> + 'c,
        tokio_postgres::Error,
    > {
        let stream = crate::client::async_::raw(
            self.client,
            self.query,
            crate::slice_iter(&self.params),
            self.cached,
        )
        .await?;
        let mapped = stream
            .map(move |res| {
                res.and_then(|row| {
                    let extracted = (self.extractor)(&row)?;
                    Ok((self.mapper)(extracted))
                })
            })
            .into_stream();
        Ok(mapped)
    }
}
pub struct OrderSagaRecordsQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<OrderSagaRecordsBorrowed, tokio_postgres::Error>,
    mapper: fn(OrderSagaRecordsBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> OrderSagaRecordsQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(OrderSagaRecordsBorrowed) -> R,
    ) -> OrderSagaRecordsQuery<'c, 'a, 's, C, R, N> {
        OrderSagaRecordsQuery {
            client: self.client,
            params: self.params,
            query: self.query,
            cached: self.cached,
            extractor: self.extractor,
            mapper,
        }
    }
    pub async fn one(self) -> Result<T, tokio_postgres::Error> {
        let row =
            crate::client::async_::one(self.client, self.query, &self.params, self.cached).await?;
        Ok((self.mapper)((self.extractor)(&row)?))
    }
    pub async fn all(self) -> Result<Vec<T>, tokio_postgres::Error> {
        self.iter().await?.try_collect().await
    }
    pub async fn opt(self) -> Result<Option<T>, tokio_postgres::Error> {
        let opt_row =
            crate::client::async_::opt(self.client, self.query, &self.params, self.cached).await?;
        Ok(opt_row
            .map(|row| {
                let extracted = (self.extractor)(&row)?;
                Ok((self.mapper)(extracted))
            })
            .transpose()?)
    }
    pub async fn iter(
        self,
    ) -> Result<
        impl futures::Stream<Item = Result<T, tokio_postgres::Error>> + 'c,
        tokio_postgres::Error,
    > {
        let stream = crate::client::async_::raw(
            self.client,
            self.query,
            crate::slice_iter(&self.params),
            self.cached,
        )
        .await?;
        let mapped = stream
            .map(move |res| {
                res.and_then(|row| {
                    let extracted = (self.extractor)(&row)?;
                    Ok((self.mapper)(extracted))
                })
            })
            .into_stream();
        Ok(mapped)
    }
}
pub struct AdvanceOrderStatusQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor:
        fn(&tokio_postgres::Row) -> Result<AdvanceOrderStatusBorrowed, tokio_postgres::Error>,
    mapper: fn(AdvanceOrderStatusBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> AdvanceOrderStatusQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(AdvanceOrderStatusBorrowed) -> R,
    ) -> AdvanceOrderStatusQuery<'c, 'a, 's, C, R, N> {
        AdvanceOrderStatusQuery {
            client: self.client,
            params: self.params,
            query: self.query,
            cached: self.cached,
            extractor: self.extractor,
            mapper,
        }
    }
    pub async fn one(self) -> Result<T, tokio_postgres::Error> {
        let row =
            crate::client::async_::one(self.client, self.query, &self.params, self.cached).await?;
        Ok((self.mapper)((self.extractor)(&row)?))
    }
    pub async fn all(self) -> Result<Vec<T>, tokio_postgres::Error> {
        self.iter().await?.try_collect().await
    }
    pub async fn opt(self) -> Result<Option<T>, tokio_postgres::Error> {
        let opt_row =
            crate::client::async_::opt(self.client, self.query, &self.params, self.cached).await?;
        Ok(opt_row
            .map(|row| {
                let extracted = (self.extractor)(&row)?;
                Ok((self.mapper)(extracted))
            })
            .transpose()?)
    }
    pub async fn iter(
        self,
    ) -> Result<
        impl futures::Stream<Item = Result<T, tokio_postgres::Error>> + 'c,
        tokio_postgres::Error,
    > {
        let stream = crate::client::async_::raw(
            self.client,
            self.query,
            crate::slice_iter(&self.params),
            self.cached,
        )
        .await?;
        let mapped = stream
            .map(move |res| {
                res.and_then(|row| {
                    let extracted = (self.extractor)(&row)?;
                    Ok((self.mapper)(extracted))
                })
            })
            .into_stream();
        Ok(mapped)
    }
}
pub struct UnfinishedDispatchedOrdersQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(
        &tokio_postgres::Row,
    ) -> Result<UnfinishedDispatchedOrdersBorrowed, tokio_postgres::Error>,
    mapper: fn(UnfinishedDispatchedOrdersBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> UnfinishedDispatchedOrdersQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(UnfinishedDispatchedOrdersBorrowed) -> R,
    ) -> UnfinishedDispatchedOrdersQuery<'c, 'a, 's, C, R, N> {
        UnfinishedDispatchedOrdersQuery {
            client: self.client,
            params: self.params,
            query: self.query,
            cached: self.cached,
            extractor: self.extractor,
            mapper,
        }
    }
    pub async fn one(self) -> Result<T, tokio_postgres::Error> {
        let row =
            crate::client::async_::one(self.client, self.query, &self.params, self.cached).await?;
        Ok((self.mapper)((self.extractor)(&row)?))
    }
    pub async fn all(self) -> Result<Vec<T>, tokio_postgres::Error> {
        self.iter().await?.try_collect().await
    }
    pub async fn opt(self) -> Result<Option<T>, tokio_postgres::Error> {
        let opt_row =
            crate::client::async_::opt(self.client, self.query, &self.params, self.cached).await?;
        Ok(opt_row
            .map(|row| {
                let extracted = (self.extractor)(&row)?;
                Ok((self.mapper)(extracted))
            })
            .transpose()?)
    }
    pub async fn iter(
        self,
    ) -> Result<
        impl futures::Stream<Item = Result<T, tokio_postgres::Error>> + 'c,
        tokio_postgres::Error,
    > {
        let stream = crate::client::async_::raw(
            self.client,
            self.query,
            crate::slice_iter(&self.params),
            self.cached,
        )
        .await?;
        let mapped = stream
            .map(move |res| {
                res.and_then(|row| {
                    let extracted = (self.extractor)(&row)?;
                    Ok((self.mapper)(extracted))
                })
            })
            .into_stream();
        Ok(mapped)
    }
}
pub struct OrderEventQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<OrderEventBorrowed, tokio_postgres::Error>,
    mapper: fn(OrderEventBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> OrderEventQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(OrderEventBorrowed) -> R,
    ) -> OrderEventQuery<'c, 'a, 's, C, R, N> {
        OrderEventQuery {
            client: self.client,
            params: self.params,
            query: self.query,
            cached: self.cached,
            extractor: self.extractor,
            mapper,
        }
    }
    pub async fn one(self) -> Result<T, tokio_postgres::Error> {
        let row =
            crate::client::async_::one(self.client, self.query, &self.params, self.cached).await?;
        Ok((self.mapper)((self.extractor)(&row)?))
    }
    pub async fn all(self) -> Result<Vec<T>, tokio_postgres::Error> {
        self.iter().await?.try_collect().await
    }
    pub async fn opt(self) -> Result<Option<T>, tokio_postgres::Error> {
        let opt_row =
            crate::client::async_::opt(self.client, self.query, &self.params, self.cached).await?;
        Ok(opt_row
            .map(|row| {
                let extracted = (self.extractor)(&row)?;
                Ok((self.mapper)(extracted))
            })
            .transpose()?)
    }
    pub async fn iter(
        self,
    ) -> Result<
        impl futures::Stream<Item = Result<T, tokio_postgres::Error>> + 'c,
        tokio_postgres::Error,
    > {
        let stream = crate::client::async_::raw(
            self.client,
            self.query,
            crate::slice_iter(&self.params),
            self.cached,
        )
        .await?;
        let mapped = stream
            .map(move |res| {
                res.and_then(|row| {
                    let extracted = (self.extractor)(&row)?;
                    Ok((self.mapper)(extracted))
                })
            })
            .into_stream();
        Ok(mapped)
    }
}
pub struct OrderOriginQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<OrderOriginBorrowed, tokio_postgres::Error>,
    mapper: fn(OrderOriginBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> OrderOriginQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(OrderOriginBorrowed) -> R,
    ) -> OrderOriginQuery<'c, 'a, 's, C, R, N> {
        OrderOriginQuery {
            client: self.client,
            params: self.params,
            query: self.query,
            cached: self.cached,
            extractor: self.extractor,
            mapper,
        }
    }
    pub async fn one(self) -> Result<T, tokio_postgres::Error> {
        let row =
            crate::client::async_::one(self.client, self.query, &self.params, self.cached).await?;
        Ok((self.mapper)((self.extractor)(&row)?))
    }
    pub async fn all(self) -> Result<Vec<T>, tokio_postgres::Error> {
        self.iter().await?.try_collect().await
    }
    pub async fn opt(self) -> Result<Option<T>, tokio_postgres::Error> {
        let opt_row =
            crate::client::async_::opt(self.client, self.query, &self.params, self.cached).await?;
        Ok(opt_row
            .map(|row| {
                let extracted = (self.extractor)(&row)?;
                Ok((self.mapper)(extracted))
            })
            .transpose()?)
    }
    pub async fn iter(
        self,
    ) -> Result<
        impl futures::Stream<Item = Result<T, tokio_postgres::Error>> + 'c,
        tokio_postgres::Error,
    > {
        let stream = crate::client::async_::raw(
            self.client,
            self.query,
            crate::slice_iter(&self.params),
            self.cached,
        )
        .await?;
        let mapped = stream
            .map(move |res| {
                res.and_then(|row| {
                    let extracted = (self.extractor)(&row)?;
                    Ok((self.mapper)(extracted))
                })
            })
            .into_stream();
        Ok(mapped)
    }
}
pub struct InsertOrderStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn insert_order() -> InsertOrderStmt {
    InsertOrderStmt(
        "WITH created AS ( INSERT INTO orders (customer_id, status, total_amount, item_count) VALUES ($1, 'pending', $2, $3) RETURNING id, customer_id, status, total_amount, created_at, updated_at, version, item_count, failure_reason, short_skus, delivery_overdue ), queued AS ( INSERT INTO order_workflow_outbox (order_id, request_id) SELECT id, $4 FROM created ), recorded AS ( INSERT INTO order_events (order_id, from_status, to_status, reason, request_id) SELECT id, NULL, status, 'created', $4 FROM created ) SELECT id, customer_id, status, total_amount, created_at, updated_at, version, item_count, failure_reason, short_skus, delivery_overdue FROM created",
        None,
    )
}
impl InsertOrderStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>(
        &'s self,
        client: &'c C,
        customer_id: &'a i64,
        total_amount: &'a rust_decimal::Decimal,
        item_count: &'a i32,
        request_id: &'a Option<T1>,
    ) -> OrderQuery<'c, 'a, 's, C, Order, 4> {
        OrderQuery {
            client,
            params: [customer_id, total_amount, item_count, request_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<OrderBorrowed, tokio_postgres::Error> {
                Ok(OrderBorrowed {
                    id: row.try_get(0)?,
                    customer_id: row.try_get(1)?,
                    status: row.try_get(2)?,
                    total_amount: row.try_get(3)?,
                    created_at: row.try_get(4)?,
                    updated_at: row.try_get(5)?,
                    version: row.try_get(6)?,
                    item_count: row.try_get(7)?,
                    failure_reason: row.try_get(8)?,
                    short_skus: row.try_get(9)?,
                    delivery_overdue: row.try_get(10)?,
                })
            },
            mapper: |it| Order::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        InsertOrderParams<T1>,
        OrderQuery<'c, 'a, 's, C, Order, 4>,
        C,
    > for InsertOrderStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a InsertOrderParams<T1>,
    ) -> OrderQuery<'c, 'a, 's, C, Order, 4> {
        self.bind(
            client,
            &params.customer_id,
            &params.total_amount,
            &params.item_count,
            &params.request_id,
        )
    }
}
pub struct InsertOrderItemsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn insert_order_items() -> InsertOrderItemsStmt {
    InsertOrderItemsStmt(
        "INSERT INTO order_items (order_id, sku, quantity, unit_price, line_total) SELECT $1, l.sku, l.quantity, l.unit_price, l.quantity * l.unit_price FROM unnest($2::text[], $3::int[], $4::numeric[]) AS l (sku, quantity, unit_price)",
        None,
    )
}
impl InsertOrderItemsStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<
        'c,
        'a,
        's,
        C: GenericClient,
        T1: crate::StringSql,
        T2: crate::ArraySql<Item = T1>,
        T3: crate::ArraySql<Item = i32>,
        T4: crate::ArraySql<Item = rust_decimal::Decimal>,
    >(
        &'s self,
        client: &'c C,
        order_id: &'a i64,
        skus: &'a T2,
        quantities: &'a T3,
        unit_prices: &'a T4,
    ) -> Result<u64, tokio_postgres::Error> {
        client
            .execute(self.0, &[order_id, skus, quantities, unit_prices])
            .await
    }
}
impl<
    'a,
    C: GenericClient + Send + Sync,
    T1: crate::StringSql,
    T2: crate::ArraySql<Item = T1>,
    T3: crate::ArraySql<Item = i32>,
    T4: crate::ArraySql<Item = rust_decimal::Decimal>,
>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        InsertOrderItemsParams<T1, T2, T3, T4>,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for InsertOrderItemsStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a InsertOrderItemsParams<T1, T2, T3, T4>,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(
            client,
            &params.order_id,
            &params.skus,
            &params.quantities,
            &params.unit_prices,
        ))
    }
}
pub struct OrderLinesStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn order_lines() -> OrderLinesStmt {
    OrderLinesStmt(
        "SELECT sku, quantity, unit_price, line_total FROM order_items WHERE order_id = $1 ORDER BY sku",
        None,
    )
}
impl OrderLinesStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        order_id: &'a i64,
    ) -> OrderLinesQuery<'c, 'a, 's, C, OrderLines, 1> {
        OrderLinesQuery {
            client,
            params: [order_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<OrderLinesBorrowed, tokio_postgres::Error> {
                    Ok(OrderLinesBorrowed {
                        sku: row.try_get(0)?,
                        quantity: row.try_get(1)?,
                        unit_price: row.try_get(2)?,
                        line_total: row.try_get(3)?,
                    })
                },
            mapper: |it| OrderLines::from(it),
        }
    }
}
pub struct OrderSagaRecordsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn order_saga_records() -> OrderSagaRecordsStmt {
    OrderSagaRecordsStmt(
        "SELECT p.status AS payment_status, p.amount AS payment_amount, p.reference AS payment_reference, s.status AS shipment_status, s.carrier, s.tracking_number FROM (SELECT $1::bigint AS order_id) o LEFT JOIN payments p ON p.order_id = o.order_id LEFT JOIN shipments s ON s.order_id = o.order_id",
        None,
    )
}
impl OrderSagaRecordsStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        order_id: &'a i64,
    ) -> OrderSagaRecordsQuery<'c, 'a, 's, C, OrderSagaRecords, 1> {
        OrderSagaRecordsQuery {
            client,
            params: [order_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<OrderSagaRecordsBorrowed, tokio_postgres::Error> {
                Ok(OrderSagaRecordsBorrowed {
                    payment_status: row.try_get(0)?,
                    payment_amount: row.try_get(1)?,
                    payment_reference: row.try_get(2)?,
                    shipment_status: row.try_get(3)?,
                    carrier: row.try_get(4)?,
                    tracking_number: row.try_get(5)?,
                })
            },
            mapper: |it| OrderSagaRecords::from(it),
        }
    }
}
pub struct OrderByIdStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn order_by_id() -> OrderByIdStmt {
    OrderByIdStmt(
        "SELECT id, customer_id, status, total_amount, created_at, updated_at, version, item_count, failure_reason, short_skus, delivery_overdue FROM orders WHERE id = $1",
        None,
    )
}
impl OrderByIdStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        id: &'a i64,
    ) -> OrderQuery<'c, 'a, 's, C, Order, 1> {
        OrderQuery {
            client,
            params: [id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<OrderBorrowed, tokio_postgres::Error> {
                Ok(OrderBorrowed {
                    id: row.try_get(0)?,
                    customer_id: row.try_get(1)?,
                    status: row.try_get(2)?,
                    total_amount: row.try_get(3)?,
                    created_at: row.try_get(4)?,
                    updated_at: row.try_get(5)?,
                    version: row.try_get(6)?,
                    item_count: row.try_get(7)?,
                    failure_reason: row.try_get(8)?,
                    short_skus: row.try_get(9)?,
                    delivery_overdue: row.try_get(10)?,
                })
            },
            mapper: |it| Order::from(it),
        }
    }
}
pub struct OrdersPageStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn orders_page() -> OrdersPageStmt {
    OrdersPageStmt(
        "SELECT id, customer_id, status, total_amount, created_at, updated_at, version, item_count, failure_reason, short_skus, delivery_overdue FROM orders WHERE id > $1 ORDER BY id LIMIT $2",
        None,
    )
}
impl OrdersPageStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        after_id: &'a i64,
        limit: &'a i64,
    ) -> OrderQuery<'c, 'a, 's, C, Order, 2> {
        OrderQuery {
            client,
            params: [after_id, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<OrderBorrowed, tokio_postgres::Error> {
                Ok(OrderBorrowed {
                    id: row.try_get(0)?,
                    customer_id: row.try_get(1)?,
                    status: row.try_get(2)?,
                    total_amount: row.try_get(3)?,
                    created_at: row.try_get(4)?,
                    updated_at: row.try_get(5)?,
                    version: row.try_get(6)?,
                    item_count: row.try_get(7)?,
                    failure_reason: row.try_get(8)?,
                    short_skus: row.try_get(9)?,
                    delivery_overdue: row.try_get(10)?,
                })
            },
            mapper: |it| Order::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        OrdersPageParams,
        OrderQuery<'c, 'a, 's, C, Order, 2>,
        C,
    > for OrdersPageStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a OrdersPageParams,
    ) -> OrderQuery<'c, 'a, 's, C, Order, 2> {
        self.bind(client, &params.after_id, &params.limit)
    }
}
pub struct OrdersPageByStatusStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn orders_page_by_status() -> OrdersPageByStatusStmt {
    OrdersPageByStatusStmt(
        "SELECT id, customer_id, status, total_amount, created_at, updated_at, version, item_count, failure_reason, short_skus, delivery_overdue FROM orders WHERE status = $1 AND id > $2 ORDER BY id LIMIT $3",
        None,
    )
}
impl OrdersPageByStatusStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>(
        &'s self,
        client: &'c C,
        status: &'a T1,
        after_id: &'a i64,
        limit: &'a i64,
    ) -> OrderQuery<'c, 'a, 's, C, Order, 3> {
        OrderQuery {
            client,
            params: [status, after_id, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<OrderBorrowed, tokio_postgres::Error> {
                Ok(OrderBorrowed {
                    id: row.try_get(0)?,
                    customer_id: row.try_get(1)?,
                    status: row.try_get(2)?,
                    total_amount: row.try_get(3)?,
                    created_at: row.try_get(4)?,
                    updated_at: row.try_get(5)?,
                    version: row.try_get(6)?,
                    item_count: row.try_get(7)?,
                    failure_reason: row.try_get(8)?,
                    short_skus: row.try_get(9)?,
                    delivery_overdue: row.try_get(10)?,
                })
            },
            mapper: |it| Order::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        OrdersPageByStatusParams<T1>,
        OrderQuery<'c, 'a, 's, C, Order, 3>,
        C,
    > for OrdersPageByStatusStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a OrdersPageByStatusParams<T1>,
    ) -> OrderQuery<'c, 'a, 's, C, Order, 3> {
        self.bind(client, &params.status, &params.after_id, &params.limit)
    }
}
pub struct OrdersPageByCustomerStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn orders_page_by_customer() -> OrdersPageByCustomerStmt {
    OrdersPageByCustomerStmt(
        "SELECT id, customer_id, status, total_amount, created_at, updated_at, version, item_count, failure_reason, short_skus, delivery_overdue FROM orders WHERE customer_id = $1 AND id > $2 ORDER BY id LIMIT $3",
        None,
    )
}
impl OrdersPageByCustomerStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        customer_id: &'a i64,
        after_id: &'a i64,
        limit: &'a i64,
    ) -> OrderQuery<'c, 'a, 's, C, Order, 3> {
        OrderQuery {
            client,
            params: [customer_id, after_id, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<OrderBorrowed, tokio_postgres::Error> {
                Ok(OrderBorrowed {
                    id: row.try_get(0)?,
                    customer_id: row.try_get(1)?,
                    status: row.try_get(2)?,
                    total_amount: row.try_get(3)?,
                    created_at: row.try_get(4)?,
                    updated_at: row.try_get(5)?,
                    version: row.try_get(6)?,
                    item_count: row.try_get(7)?,
                    failure_reason: row.try_get(8)?,
                    short_skus: row.try_get(9)?,
                    delivery_overdue: row.try_get(10)?,
                })
            },
            mapper: |it| Order::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        OrdersPageByCustomerParams,
        OrderQuery<'c, 'a, 's, C, Order, 3>,
        C,
    > for OrdersPageByCustomerStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a OrdersPageByCustomerParams,
    ) -> OrderQuery<'c, 'a, 's, C, Order, 3> {
        self.bind(client, &params.customer_id, &params.after_id, &params.limit)
    }
}
pub struct OrdersPageByCustomerAndStatusStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn orders_page_by_customer_and_status() -> OrdersPageByCustomerAndStatusStmt {
    OrdersPageByCustomerAndStatusStmt(
        "SELECT id, customer_id, status, total_amount, created_at, updated_at, version, item_count, failure_reason, short_skus, delivery_overdue FROM orders WHERE customer_id = $1 AND status = $2 AND id > $3 ORDER BY id LIMIT $4",
        None,
    )
}
impl OrdersPageByCustomerAndStatusStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>(
        &'s self,
        client: &'c C,
        customer_id: &'a i64,
        status: &'a T1,
        after_id: &'a i64,
        limit: &'a i64,
    ) -> OrderQuery<'c, 'a, 's, C, Order, 4> {
        OrderQuery {
            client,
            params: [customer_id, status, after_id, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<OrderBorrowed, tokio_postgres::Error> {
                Ok(OrderBorrowed {
                    id: row.try_get(0)?,
                    customer_id: row.try_get(1)?,
                    status: row.try_get(2)?,
                    total_amount: row.try_get(3)?,
                    created_at: row.try_get(4)?,
                    updated_at: row.try_get(5)?,
                    version: row.try_get(6)?,
                    item_count: row.try_get(7)?,
                    failure_reason: row.try_get(8)?,
                    short_skus: row.try_get(9)?,
                    delivery_overdue: row.try_get(10)?,
                })
            },
            mapper: |it| Order::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        OrdersPageByCustomerAndStatusParams<T1>,
        OrderQuery<'c, 'a, 's, C, Order, 4>,
        C,
    > for OrdersPageByCustomerAndStatusStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a OrdersPageByCustomerAndStatusParams<T1>,
    ) -> OrderQuery<'c, 'a, 's, C, Order, 4> {
        self.bind(
            client,
            &params.customer_id,
            &params.status,
            &params.after_id,
            &params.limit,
        )
    }
}
pub struct UpdatePendingOrderAmountStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn update_pending_order_amount() -> UpdatePendingOrderAmountStmt {
    UpdatePendingOrderAmountStmt(
        "UPDATE orders SET total_amount = $1, updated_at   = CURRENT_TIMESTAMP WHERE id = $2 AND status = 'pending' AND version = COALESCE($3, version) RETURNING id, customer_id, status, total_amount, created_at, updated_at, version, item_count, failure_reason, short_skus, delivery_overdue",
        None,
    )
}
impl UpdatePendingOrderAmountStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        total_amount: &'a rust_decimal::Decimal,
        id: &'a i64,
        expected_version: &'a Option<i64>,
    ) -> OrderQuery<'c, 'a, 's, C, Order, 3> {
        OrderQuery {
            client,
            params: [total_amount, id, expected_version],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<OrderBorrowed, tokio_postgres::Error> {
                Ok(OrderBorrowed {
                    id: row.try_get(0)?,
                    customer_id: row.try_get(1)?,
                    status: row.try_get(2)?,
                    total_amount: row.try_get(3)?,
                    created_at: row.try_get(4)?,
                    updated_at: row.try_get(5)?,
                    version: row.try_get(6)?,
                    item_count: row.try_get(7)?,
                    failure_reason: row.try_get(8)?,
                    short_skus: row.try_get(9)?,
                    delivery_overdue: row.try_get(10)?,
                })
            },
            mapper: |it| Order::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        UpdatePendingOrderAmountParams,
        OrderQuery<'c, 'a, 's, C, Order, 3>,
        C,
    > for UpdatePendingOrderAmountStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a UpdatePendingOrderAmountParams,
    ) -> OrderQuery<'c, 'a, 's, C, Order, 3> {
        self.bind(
            client,
            &params.total_amount,
            &params.id,
            &params.expected_version,
        )
    }
}
pub struct DeleteOrderStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn delete_order() -> DeleteOrderStmt {
    DeleteOrderStmt("DELETE FROM orders WHERE id = $1", None)
}
impl DeleteOrderStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[id]).await
    }
}
pub struct AdvanceOrderStatusStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn advance_order_status() -> AdvanceOrderStatusStmt {
    AdvanceOrderStatusStmt(
        "WITH current AS ( SELECT id, status, version, created_at FROM orders WHERE id = $1 FOR UPDATE ), moved AS ( UPDATE orders o SET status = $2, updated_at = CURRENT_TIMESTAMP FROM current c WHERE o.id = c.id AND c.status = ANY($3) AND c.version = COALESCE($4, c.version) RETURNING o.id, c.status AS from_status, o.status, o.version, o.created_at ), recorded AS ( INSERT INTO order_events (order_id, from_status, to_status, reason, request_id) SELECT id, from_status, status, $5, $6 FROM moved ) SELECT status, version, true AS moved, created_at FROM moved UNION ALL SELECT status, version, false AS moved, created_at FROM current WHERE NOT EXISTS (SELECT 1 FROM moved)",
        None,
    )
}
impl AdvanceOrderStatusStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<
        'c,
        'a,
        's,
        C: GenericClient,
        T1: crate::StringSql,
        T2: crate::StringSql,
        T3: crate::ArraySql<Item = T2>,
        T4: crate::StringSql,
        T5: crate::StringSql,
    >(
        &'s self,
        client: &'c C,
        id: &'a i64,
        to: &'a T1,
        from: &'a T3,
        expected_version: &'a Option<i64>,
        reason: &'a T4,
        request_id: &'a Option<T5>,
    ) -> AdvanceOrderStatusQuery<'c, 'a, 's, C, AdvanceOrderStatus, 6> {
        AdvanceOrderStatusQuery {
            client,
            params: [id, to, from, expected_version, reason, request_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<AdvanceOrderStatusBorrowed, tokio_postgres::Error> {
                Ok(AdvanceOrderStatusBorrowed {
                    status: row.try_get(0)?,
                    version: row.try_get(1)?,
                    moved: row.try_get(2)?,
                    created_at: row.try_get(3)?,
                })
            },
            mapper: |it| AdvanceOrderStatus::from(it),
        }
    }
}
impl<
    'c,
    'a,
    's,
    C: GenericClient,
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::ArraySql<Item = T2>,
    T4: crate::StringSql,
    T5: crate::StringSql,
>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        AdvanceOrderStatusParams<T1, T2, T3, T4, T5>,
        AdvanceOrderStatusQuery<'c, 'a, 's, C, AdvanceOrderStatus, 6>,
        C,
    > for AdvanceOrderStatusStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a AdvanceOrderStatusParams<T1, T2, T3, T4, T5>,
    ) -> AdvanceOrderStatusQuery<'c, 'a, 's, C, AdvanceOrderStatus, 6> {
        self.bind(
            client,
            &params.id,
            &params.to,
            &params.from,
            &params.expected_version,
            &params.reason,
            &params.request_id,
        )
    }
}
pub struct UnfinishedDispatchedOrdersStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn unfinished_dispatched_orders() -> UnfinishedDispatchedOrdersStmt {
    UnfinishedDispatchedOrdersStmt(
        "SELECT o.id, o.status FROM orders o WHERE o.status IN ('pending', 'processing', 'shipped') AND NOT EXISTS (SELECT 1 FROM order_workflow_outbox ob WHERE ob.order_id = o.id) ORDER BY o.id LIMIT $1",
        None,
    )
}
impl UnfinishedDispatchedOrdersStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        limit: &'a i64,
    ) -> UnfinishedDispatchedOrdersQuery<'c, 'a, 's, C, UnfinishedDispatchedOrders, 1> {
        UnfinishedDispatchedOrdersQuery {
            client,
            params: [limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<UnfinishedDispatchedOrdersBorrowed, tokio_postgres::Error> {
                Ok(UnfinishedDispatchedOrdersBorrowed {
                    id: row.try_get(0)?,
                    status: row.try_get(1)?,
                })
            },
            mapper: |it| UnfinishedDispatchedOrders::from(it),
        }
    }
}
pub struct OrderEventsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn order_events() -> OrderEventsStmt {
    OrderEventsStmt(
        "SELECT at, from_status, to_status, reason, request_id, step FROM order_events WHERE order_id = $1 ORDER BY id",
        None,
    )
}
impl OrderEventsStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        order_id: &'a i64,
    ) -> OrderEventQuery<'c, 'a, 's, C, OrderEvent, 1> {
        OrderEventQuery {
            client,
            params: [order_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<OrderEventBorrowed, tokio_postgres::Error> {
                    Ok(OrderEventBorrowed {
                        at: row.try_get(0)?,
                        from_status: row.try_get(1)?,
                        to_status: row.try_get(2)?,
                        reason: row.try_get(3)?,
                        request_id: row.try_get(4)?,
                        step: row.try_get(5)?,
                    })
                },
            mapper: |it| OrderEvent::from(it),
        }
    }
}
pub struct OrderOriginStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn order_origin() -> OrderOriginStmt {
    OrderOriginStmt(
        "SELECT o.created_at AS order_created_at, (SELECT id::text FROM database_identity) AS database_id, o.item_count > 0 AS with_items, o.status FROM orders o WHERE o.id = $1",
        None,
    )
}
impl OrderOriginStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        id: &'a i64,
    ) -> OrderOriginQuery<'c, 'a, 's, C, OrderOrigin, 1> {
        OrderOriginQuery {
            client,
            params: [id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<OrderOriginBorrowed, tokio_postgres::Error> {
                    Ok(OrderOriginBorrowed {
                        order_created_at: row.try_get(0)?,
                        database_id: row.try_get(1)?,
                        with_items: row.try_get(2)?,
                        status: row.try_get(3)?,
                    })
                },
            mapper: |it| OrderOrigin::from(it),
        }
    }
}
