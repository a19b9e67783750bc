// This file was generated with `cornucopia`. Do not modify.

#[derive(Debug, Clone, PartialEq)]
pub struct OrderCountsByStatus {
    pub status: String,
    pub orders: i64,
}
pub struct OrderCountsByStatusBorrowed<'a> {
    pub status: &'a str,
    pub orders: i64,
}
impl<'a> From<OrderCountsByStatusBorrowed<'a>> for OrderCountsByStatus {
    fn from(
        OrderCountsByStatusBorrowed { status, orders }: OrderCountsByStatusBorrowed<'a>,
    ) -> Self {
        Self {
            status: status.into(),
            orders,
        }
    }
}
#[derive(Debug, Clone, PartialEq, Copy)]
pub struct BacklogSnapshot {
    pub oldest_unfinished_seconds: f64,
    pub outbox_backlog: i64,
    pub outbox_oldest_seconds: f64,
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct OrderCountsByStatusQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor:
        fn(&tokio_postgres::Row) -> Result<OrderCountsByStatusBorrowed, tokio_postgres::Error>,
    mapper: fn(OrderCountsByStatusBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> OrderCountsByStatusQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(OrderCountsByStatusBorrowed) -> R,
    ) -> OrderCountsByStatusQuery<'c, 'a, 's, C, R, N> {
        OrderCountsByStatusQuery {
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
pub struct BacklogSnapshotQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<BacklogSnapshot, tokio_postgres::Error>,
    mapper: fn(BacklogSnapshot) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> BacklogSnapshotQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(BacklogSnapshot) -> R,
    ) -> BacklogSnapshotQuery<'c, 'a, 's, C, R, N> {
        BacklogSnapshotQuery {
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
pub struct OrderCountsByStatusStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn order_counts_by_status() -> OrderCountsByStatusStmt {
    OrderCountsByStatusStmt(
        "SELECT status, count(*) AS orders FROM orders GROUP BY status",
        None,
    )
}
impl OrderCountsByStatusStmt {
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
    ) -> OrderCountsByStatusQuery<'c, 'a, 's, C, OrderCountsByStatus, 0> {
        OrderCountsByStatusQuery {
            client,
            params: [],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<OrderCountsByStatusBorrowed, tokio_postgres::Error> {
                Ok(OrderCountsByStatusBorrowed {
                    status: row.try_get(0)?,
                    orders: row.try_get(1)?,
                })
            },
            mapper: |it| OrderCountsByStatus::from(it),
        }
    }
}
pub struct BacklogSnapshotStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn backlog_snapshot() -> BacklogSnapshotStmt {
    BacklogSnapshotStmt(
        "SELECT COALESCE((SELECT EXTRACT(EPOCH FROM CURRENT_TIMESTAMP - min(created_at)) FROM orders WHERE status IN ('pending', 'processing')), 0)::float8 AS oldest_unfinished_seconds, (SELECT count(*) FROM order_workflow_outbox) AS outbox_backlog, COALESCE((SELECT EXTRACT(EPOCH FROM CURRENT_TIMESTAMP - min(created_at)) FROM order_workflow_outbox), 0)::float8 AS outbox_oldest_seconds",
        None,
    )
}
impl BacklogSnapshotStmt {
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
    ) -> BacklogSnapshotQuery<'c, 'a, 's, C, BacklogSnapshot, 0> {
        BacklogSnapshotQuery {
            client,
            params: [],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<BacklogSnapshot, tokio_postgres::Error> {
                    Ok(BacklogSnapshot {
                        oldest_unfinished_seconds: row.try_get(0)?,
                        outbox_backlog: row.try_get(1)?,
                        outbox_oldest_seconds: row.try_get(2)?,
                    })
                },
            mapper: |it| BacklogSnapshot::from(it),
        }
    }
}
