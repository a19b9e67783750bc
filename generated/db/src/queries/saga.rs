// This file was generated with `cornucopia`. Do not modify.

#[derive(Debug)]
pub struct RecordOrderStepParams<T1: crate::StringSql, T2: crate::StringSql, T3: crate::StringSql> {
    pub reason: T1,
    pub request_id: Option<T2>,
    pub step: T3,
    pub order_id: i64,
}
#[derive(Debug)]
pub struct SetOrderFailureParams<
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::ArraySql<Item = T2>,
> {
    pub reason: T1,
    pub short_skus: Option<T3>,
    pub order_id: i64,
}
#[derive(Debug)]
pub struct StartPaymentParams<T1: crate::StringSql> {
    pub order_id: i64,
    pub idempotency_key: T1,
    pub amount: rust_decimal::Decimal,
}
#[derive(Debug)]
pub struct SettlePaymentParams<T1: crate::StringSql, T2: crate::StringSql> {
    pub status: T1,
    pub reference: Option<T2>,
    pub order_id: i64,
}
#[derive(Debug)]
pub struct InsertLedgerChargeParams<
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::StringSql,
> {
    pub idempotency_key: T1,
    pub customer_id: i64,
    pub amount: rust_decimal::Decimal,
    pub status: T2,
    pub reference: T3,
}
#[derive(Debug)]
pub struct BookShipmentParams<T1: crate::StringSql, T2: crate::StringSql> {
    pub order_id: i64,
    pub carrier: T1,
    pub tracking_number: T2,
}
#[derive(Debug)]
pub struct AdvanceShipmentParams<T1: crate::StringSql> {
    pub to: T1,
    pub order_id: i64,
}
#[derive(Debug, Clone, PartialEq)]
pub struct LockOrderStock {
    pub sku: String,
    pub quantity: i32,
    pub available: i32,
}
pub struct LockOrderStockBorrowed<'a> {
    pub sku: &'a str,
    pub quantity: i32,
    pub available: i32,
}
impl<'a> From<LockOrderStockBorrowed<'a>> for LockOrderStock {
    fn from(
        LockOrderStockBorrowed {
            sku,
            quantity,
            available,
        }: LockOrderStockBorrowed<'a>,
    ) -> Self {
        Self {
            sku: sku.into(),
            quantity,
            available,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct OrderChargeTerms {
    pub customer_id: i64,
    pub total_amount: rust_decimal::Decimal,
    pub database_id: String,
}
pub struct OrderChargeTermsBorrowed<'a> {
    pub customer_id: i64,
    pub total_amount: rust_decimal::Decimal,
    pub database_id: &'a str,
}
impl<'a> From<OrderChargeTermsBorrowed<'a>> for OrderChargeTerms {
    fn from(
        OrderChargeTermsBorrowed {
            customer_id,
            total_amount,
            database_id,
        }: OrderChargeTermsBorrowed<'a>,
    ) -> Self {
        Self {
            customer_id,
            total_amount,
            database_id: database_id.into(),
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct Payment {
    pub order_id: i64,
    pub idempotency_key: String,
    pub amount: rust_decimal::Decimal,
    pub status: String,
    pub reference: Option<String>,
}
pub struct PaymentBorrowed<'a> {
    pub order_id: i64,
    pub idempotency_key: &'a str,
    pub amount: rust_decimal::Decimal,
    pub status: &'a str,
    pub reference: Option<&'a str>,
}
impl<'a> From<PaymentBorrowed<'a>> for Payment {
    fn from(
        PaymentBorrowed {
            order_id,
            idempotency_key,
            amount,
            status,
            reference,
        }: PaymentBorrowed<'a>,
    ) -> Self {
        Self {
            order_id,
            idempotency_key: idempotency_key.into(),
            amount,
            status: status.into(),
            reference: reference.map(|v| v.into()),
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct LedgerCharge {
    pub status: String,
    pub reference: String,
    pub amount: rust_decimal::Decimal,
}
pub struct LedgerChargeBorrowed<'a> {
    pub status: &'a str,
    pub reference: &'a str,
    pub amount: rust_decimal::Decimal,
}
impl<'a> From<LedgerChargeBorrowed<'a>> for LedgerCharge {
    fn from(
        LedgerChargeBorrowed {
            status,
            reference,
            amount,
        }: LedgerChargeBorrowed<'a>,
    ) -> Self {
        Self {
            status: status.into(),
            reference: reference.into(),
            amount,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct Shipment {
    pub carrier: String,
    pub tracking_number: String,
    pub status: String,
}
pub struct ShipmentBorrowed<'a> {
    pub carrier: &'a str,
    pub tracking_number: &'a str,
    pub status: &'a str,
}
impl<'a> From<ShipmentBorrowed<'a>> for Shipment {
    fn from(
        ShipmentBorrowed {
            carrier,
            tracking_number,
            status,
        }: ShipmentBorrowed<'a>,
    ) -> Self {
        Self {
            carrier: carrier.into(),
            tracking_number: tracking_number.into(),
            status: status.into(),
        }
    }
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct LockOrderStockQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<LockOrderStockBorrowed, tokio_postgres::Error>,
    mapper: fn(LockOrderStockBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> LockOrderStockQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(LockOrderStockBorrowed) -> R,
    ) -> LockOrderStockQuery<'c, 'a, 's, C, R, N> {
        LockOrderStockQuery {
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
pub struct I64Query<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<i64, tokio_postgres::Error>,
    mapper: fn(i64) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> I64Query<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(i64) -> R) -> I64Query<'c, 'a, 's, C, R, N> {
        I64Query {
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
pub struct OrderChargeTermsQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<OrderChargeTermsBorrowed, tokio_postgres::Error>,
    mapper: fn(OrderChargeTermsBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> OrderChargeTermsQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(OrderChargeTermsBorrowed) -> R,
    ) -> OrderChargeTermsQuery<'c, 'a, 's, C, R, N> {
        OrderChargeTermsQuery {
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
pub struct PaymentQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<PaymentBorrowed, tokio_postgres::Error>,
    mapper: fn(PaymentBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> PaymentQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(PaymentBorrowed) -> R) -> PaymentQuery<'c, 'a, 's, C, R, N> {
        PaymentQuery {
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
pub struct BoolQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<bool, tokio_postgres::Error>,
    mapper: fn(bool) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> BoolQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(bool) -> R) -> BoolQuery<'c, 'a, 's, C, R, N> {
        BoolQuery {
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
pub struct LedgerChargeQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<LedgerChargeBorrowed, tokio_postgres::Error>,
    mapper: fn(LedgerChargeBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> LedgerChargeQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(LedgerChargeBorrowed) -> R,
    ) -> LedgerChargeQuery<'c, 'a, 's, C, R, N> {
        LedgerChargeQuery {
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
pub struct RustdecimalDecimalQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<rust_decimal::Decimal, tokio_postgres::Error>,
    mapper: fn(rust_decimal::Decimal) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> RustdecimalDecimalQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(rust_decimal::Decimal) -> R,
    ) -> RustdecimalDecimalQuery<'c, 'a, 's, C, R, N> {
        RustdecimalDecimalQuery {
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
pub struct ShipmentQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<ShipmentBorrowed, tokio_postgres::Error>,
    mapper: fn(ShipmentBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> ShipmentQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(ShipmentBorrowed) -> R) -> ShipmentQuery<'c, 'a, 's, C, R, N> {
        ShipmentQuery {
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
pub struct RecordOrderStepStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn record_order_step() -> RecordOrderStepStmt {
    RecordOrderStepStmt(
        "INSERT INTO order_events (order_id, from_status, to_status, reason, request_id, step) SELECT id, status, status, $1, $2, $3 FROM orders WHERE id = $4",
        None,
    )
}
impl RecordOrderStepStmt {
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
        T2: crate::StringSql,
        T3: crate::StringSql,
    >(
        &'s self,
        client: &'c C,
        reason: &'a T1,
        request_id: &'a Option<T2>,
        step: &'a T3,
        order_id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client
            .execute(self.0, &[reason, request_id, step, order_id])
            .await
    }
}
impl<
    'a,
    C: GenericClient + Send + Sync,
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::StringSql,
>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        RecordOrderStepParams<T1, T2, T3>,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for RecordOrderStepStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a RecordOrderStepParams<T1, T2, T3>,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(
            client,
            &params.reason,
            &params.request_id,
            &params.step,
            &params.order_id,
        ))
    }
}
pub struct LockOrderStockStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn lock_order_stock() -> LockOrderStockStmt {
    LockOrderStockStmt(
        "SELECT i.sku, i.quantity, p.stock - p.reserved AS available FROM order_items i JOIN products p ON p.sku = i.sku WHERE i.order_id = $1 ORDER BY i.sku FOR NO KEY UPDATE OF p",
        None,
    )
}
impl LockOrderStockStmt {
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
    ) -> LockOrderStockQuery<'c, 'a, 's, C, LockOrderStock, 1> {
        LockOrderStockQuery {
            client,
            params: [order_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<LockOrderStockBorrowed, tokio_postgres::Error> {
                Ok(LockOrderStockBorrowed {
                    sku: row.try_get(0)?,
                    quantity: row.try_get(1)?,
                    available: row.try_get(2)?,
                })
            },
            mapper: |it| LockOrderStock::from(it),
        }
    }
}
pub struct OrderReservationLinesStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn order_reservation_lines() -> OrderReservationLinesStmt {
    OrderReservationLinesStmt(
        "SELECT count(*) AS lines FROM stock_reservations WHERE order_id = $1",
        None,
    )
}
impl OrderReservationLinesStmt {
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
    ) -> I64Query<'c, 'a, 's, C, i64, 1> {
        I64Query {
            client,
            params: [order_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
pub struct ReserveOrderStockStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn reserve_order_stock() -> ReserveOrderStockStmt {
    ReserveOrderStockStmt(
        "WITH held AS ( INSERT INTO stock_reservations (order_id, sku, quantity) SELECT order_id, sku, quantity FROM order_items WHERE order_id = $1 ON CONFLICT DO NOTHING RETURNING sku, quantity ) UPDATE products p SET reserved = p.reserved + held.quantity, updated_at = CURRENT_TIMESTAMP FROM held WHERE p.sku = held.sku",
        None,
    )
}
impl ReserveOrderStockStmt {
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
        order_id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[order_id]).await
    }
}
pub struct ReleaseOrderStockStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn release_order_stock() -> ReleaseOrderStockStmt {
    ReleaseOrderStockStmt(
        "WITH released AS ( DELETE FROM stock_reservations WHERE order_id = $1 RETURNING sku, quantity ) UPDATE products p SET reserved = p.reserved - released.quantity, updated_at = CURRENT_TIMESTAMP FROM released WHERE p.sku = released.sku",
        None,
    )
}
impl ReleaseOrderStockStmt {
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
        order_id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[order_id]).await
    }
}
pub struct TakeOrderStockStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn take_order_stock() -> TakeOrderStockStmt {
    TakeOrderStockStmt(
        "WITH taken AS ( DELETE FROM stock_reservations WHERE order_id = $1 RETURNING order_id, sku, quantity ), sold AS ( INSERT INTO stock_sales (order_id, sku, quantity) SELECT order_id, sku, quantity FROM taken ON CONFLICT DO NOTHING ) UPDATE products p SET stock = p.stock - taken.quantity, reserved = p.reserved - taken.quantity, updated_at = CURRENT_TIMESTAMP FROM taken WHERE p.sku = taken.sku",
        None,
    )
}
impl TakeOrderStockStmt {
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
        order_id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[order_id]).await
    }
}
pub struct SetOrderFailureStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn set_order_failure() -> SetOrderFailureStmt {
    SetOrderFailureStmt(
        "UPDATE orders SET failure_reason = $1, short_skus = $2 WHERE id = $3 AND failure_reason IS NULL",
        None,
    )
}
impl SetOrderFailureStmt {
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
        T2: crate::StringSql,
        T3: crate::ArraySql<Item = T2>,
    >(
        &'s self,
        client: &'c C,
        reason: &'a T1,
        short_skus: &'a Option<T3>,
        order_id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client
            .execute(self.0, &[reason, short_skus, order_id])
            .await
    }
}
impl<
    'a,
    C: GenericClient + Send + Sync,
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::ArraySql<Item = T2>,
>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        SetOrderFailureParams<T1, T2, T3>,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for SetOrderFailureStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a SetOrderFailureParams<T1, T2, T3>,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.reason, &params.short_skus, &params.order_id))
    }
}
pub struct FlagDeliveryOverdueStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn flag_delivery_overdue() -> FlagDeliveryOverdueStmt {
    FlagDeliveryOverdueStmt(
        "UPDATE orders SET delivery_overdue = true, updated_at = CURRENT_TIMESTAMP WHERE id = $1 AND NOT delivery_overdue AND status IN ('processing', 'shipped')",
        None,
    )
}
impl FlagDeliveryOverdueStmt {
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
        order_id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[order_id]).await
    }
}
pub struct OrderChargeTermsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn order_charge_terms() -> OrderChargeTermsStmt {
    OrderChargeTermsStmt(
        "SELECT customer_id, total_amount, (SELECT id::text FROM database_identity) AS database_id FROM orders WHERE id = $1",
        None,
    )
}
impl OrderChargeTermsStmt {
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
    ) -> OrderChargeTermsQuery<'c, 'a, 's, C, OrderChargeTerms, 1> {
        OrderChargeTermsQuery {
            client,
            params: [order_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<OrderChargeTermsBorrowed, tokio_postgres::Error> {
                Ok(OrderChargeTermsBorrowed {
                    customer_id: row.try_get(0)?,
                    total_amount: row.try_get(1)?,
                    database_id: row.try_get(2)?,
                })
            },
            mapper: |it| OrderChargeTerms::from(it),
        }
    }
}
pub struct PaymentForOrderStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn payment_for_order() -> PaymentForOrderStmt {
    PaymentForOrderStmt(
        "SELECT order_id, idempotency_key, amount, status, reference FROM payments WHERE order_id = $1",
        None,
    )
}
impl PaymentForOrderStmt {
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
    ) -> PaymentQuery<'c, 'a, 's, C, Payment, 1> {
        PaymentQuery {
            client,
            params: [order_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<PaymentBorrowed, tokio_postgres::Error> {
                    Ok(PaymentBorrowed {
                        order_id: row.try_get(0)?,
                        idempotency_key: row.try_get(1)?,
                        amount: row.try_get(2)?,
                        status: row.try_get(3)?,
                        reference: row.try_get(4)?,
                    })
                },
            mapper: |it| Payment::from(it),
        }
    }
}
pub struct StartPaymentStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn start_payment() -> StartPaymentStmt {
    StartPaymentStmt(
        "WITH started AS ( INSERT INTO payments (order_id, idempotency_key, amount, status) VALUES ($1, $2, $3, 'pending') ON CONFLICT (order_id) DO NOTHING RETURNING order_id, idempotency_key, amount, status, reference ) SELECT * FROM started UNION ALL SELECT order_id, idempotency_key, amount, status, reference FROM payments WHERE order_id = $1 AND NOT EXISTS (SELECT 1 FROM started)",
        None,
    )
}
impl StartPaymentStmt {
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
        order_id: &'a i64,
        idempotency_key: &'a T1,
        amount: &'a rust_decimal::Decimal,
    ) -> PaymentQuery<'c, 'a, 's, C, Payment, 3> {
        PaymentQuery {
            client,
            params: [order_id, idempotency_key, amount],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<PaymentBorrowed, tokio_postgres::Error> {
                    Ok(PaymentBorrowed {
                        order_id: row.try_get(0)?,
                        idempotency_key: row.try_get(1)?,
                        amount: row.try_get(2)?,
                        status: row.try_get(3)?,
                        reference: row.try_get(4)?,
                    })
                },
            mapper: |it| Payment::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        StartPaymentParams<T1>,
        PaymentQuery<'c, 'a, 's, C, Payment, 3>,
        C,
    > for StartPaymentStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a StartPaymentParams<T1>,
    ) -> PaymentQuery<'c, 'a, 's, C, Payment, 3> {
        self.bind(
            client,
            &params.order_id,
            &params.idempotency_key,
            &params.amount,
        )
    }
}
pub struct SettlePaymentStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn settle_payment() -> SettlePaymentStmt {
    SettlePaymentStmt(
        "UPDATE payments SET status = $1, reference = COALESCE($2, reference), updated_at = CURRENT_TIMESTAMP WHERE order_id = $3 AND (status, $1::text) IN (('pending', 'charged'), ('pending', 'declined'), ('charged', 'refunded'), ('pending', 'refunded'))",
        None,
    )
}
impl SettlePaymentStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql>(
        &'s self,
        client: &'c C,
        status: &'a T1,
        reference: &'a Option<T2>,
        order_id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[status, reference, order_id]).await
    }
}
impl<'a, C: GenericClient + Send + Sync, T1: crate::StringSql, T2: crate::StringSql>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        SettlePaymentParams<T1, T2>,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for SettlePaymentStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a SettlePaymentParams<T1, T2>,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.status, &params.reference, &params.order_id))
    }
}
pub struct LockLedgerCustomerStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn lock_ledger_customer() -> LockLedgerCustomerStmt {
    LockLedgerCustomerStmt(
        "SELECT true AS locked FROM (SELECT pg_advisory_xact_lock($1)) AS l",
        None,
    )
}
impl LockLedgerCustomerStmt {
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
    ) -> BoolQuery<'c, 'a, 's, C, bool, 1> {
        BoolQuery {
            client,
            params: [customer_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
pub struct LedgerChargeStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn ledger_charge() -> LedgerChargeStmt {
    LedgerChargeStmt(
        "SELECT status, reference, amount FROM ledger_charges WHERE idempotency_key = $1",
        None,
    )
}
impl LedgerChargeStmt {
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
        idempotency_key: &'a T1,
    ) -> LedgerChargeQuery<'c, 'a, 's, C, LedgerCharge, 1> {
        LedgerChargeQuery {
            client,
            params: [idempotency_key],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<LedgerChargeBorrowed, tokio_postgres::Error> {
                    Ok(LedgerChargeBorrowed {
                        status: row.try_get(0)?,
                        reference: row.try_get(1)?,
                        amount: row.try_get(2)?,
                    })
                },
            mapper: |it| LedgerCharge::from(it),
        }
    }
}
pub struct LedgerOutstandingStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn ledger_outstanding() -> LedgerOutstandingStmt {
    LedgerOutstandingStmt(
        "SELECT COALESCE(sum(amount), 0)::numeric(12,2) AS outstanding FROM ledger_charges WHERE customer_id = $1 AND status = 'charged'",
        None,
    )
}
impl LedgerOutstandingStmt {
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
    ) -> RustdecimalDecimalQuery<'c, 'a, 's, C, rust_decimal::Decimal, 1> {
        RustdecimalDecimalQuery {
            client,
            params: [customer_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
pub struct InsertLedgerChargeStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn insert_ledger_charge() -> InsertLedgerChargeStmt {
    InsertLedgerChargeStmt(
        "INSERT INTO ledger_charges (idempotency_key, customer_id, amount, status, reference) VALUES ($1, $2, $3, $4, $5) RETURNING status, reference, amount",
        None,
    )
}
impl InsertLedgerChargeStmt {
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
        T3: crate::StringSql,
    >(
        &'s self,
        client: &'c C,
        idempotency_key: &'a T1,
        customer_id: &'a i64,
        amount: &'a rust_decimal::Decimal,
        status: &'a T2,
        reference: &'a T3,
    ) -> LedgerChargeQuery<'c, 'a, 's, C, LedgerCharge, 5> {
        LedgerChargeQuery {
            client,
            params: [idempotency_key, customer_id, amount, status, reference],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<LedgerChargeBorrowed, tokio_postgres::Error> {
                    Ok(LedgerChargeBorrowed {
                        status: row.try_get(0)?,
                        reference: row.try_get(1)?,
                        amount: row.try_get(2)?,
                    })
                },
            mapper: |it| LedgerCharge::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql, T3: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        InsertLedgerChargeParams<T1, T2, T3>,
        LedgerChargeQuery<'c, 'a, 's, C, LedgerCharge, 5>,
        C,
    > for InsertLedgerChargeStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a InsertLedgerChargeParams<T1, T2, T3>,
    ) -> LedgerChargeQuery<'c, 'a, 's, C, LedgerCharge, 5> {
        self.bind(
            client,
            &params.idempotency_key,
            &params.customer_id,
            &params.amount,
            &params.status,
            &params.reference,
        )
    }
}
pub struct RefundLedgerChargeStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn refund_ledger_charge() -> RefundLedgerChargeStmt {
    RefundLedgerChargeStmt(
        "UPDATE ledger_charges SET status = 'refunded' WHERE idempotency_key = $1 AND status = 'charged'",
        None,
    )
}
impl RefundLedgerChargeStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>(
        &'s self,
        client: &'c C,
        idempotency_key: &'a T1,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[idempotency_key]).await
    }
}
pub struct BookShipmentStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn book_shipment() -> BookShipmentStmt {
    BookShipmentStmt(
        "WITH booked AS ( INSERT INTO shipments (order_id, carrier, tracking_number, status) VALUES ($1, $2, $3, 'booked') ON CONFLICT (order_id) DO NOTHING RETURNING carrier, tracking_number, status ) SELECT * FROM booked UNION ALL SELECT carrier, tracking_number, status FROM shipments WHERE order_id = $1 AND NOT EXISTS (SELECT 1 FROM booked)",
        None,
    )
}
impl BookShipmentStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql>(
        &'s self,
        client: &'c C,
        order_id: &'a i64,
        carrier: &'a T1,
        tracking_number: &'a T2,
    ) -> ShipmentQuery<'c, 'a, 's, C, Shipment, 3> {
        ShipmentQuery {
            client,
            params: [order_id, carrier, tracking_number],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<ShipmentBorrowed, tokio_postgres::Error> {
                    Ok(ShipmentBorrowed {
                        carrier: row.try_get(0)?,
                        tracking_number: row.try_get(1)?,
                        status: row.try_get(2)?,
                    })
                },
            mapper: |it| Shipment::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        BookShipmentParams<T1, T2>,
        ShipmentQuery<'c, 'a, 's, C, Shipment, 3>,
        C,
    > for BookShipmentStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a BookShipmentParams<T1, T2>,
    ) -> ShipmentQuery<'c, 'a, 's, C, Shipment, 3> {
        self.bind(
            client,
            &params.order_id,
            &params.carrier,
            &params.tracking_number,
        )
    }
}
pub struct AdvanceShipmentStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn advance_shipment() -> AdvanceShipmentStmt {
    AdvanceShipmentStmt(
        "UPDATE shipments SET status = $1, updated_at = CURRENT_TIMESTAMP WHERE order_id = $2 AND (status, $1::text) IN (('booked', 'dispatched'), ('dispatched', 'delivered'), ('booked', 'cancelled'))",
        None,
    )
}
impl AdvanceShipmentStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>(
        &'s self,
        client: &'c C,
        to: &'a T1,
        order_id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[to, order_id]).await
    }
}
impl<'a, C: GenericClient + Send + Sync, T1: crate::StringSql>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        AdvanceShipmentParams<T1>,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for AdvanceShipmentStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a AdvanceShipmentParams<T1>,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.to, &params.order_id))
    }
}
