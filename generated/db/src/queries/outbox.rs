// This file was generated with `cornucopia`. Do not modify.

#[derive(Clone, Copy, Debug)]
pub struct ClaimDueOutboxEntriesParams {
    pub lease_seconds: f64,
    pub batch_size: i64,
}
#[derive(Debug)]
pub struct PostponeOutboxEntryParams<T1: crate::StringSql> {
    pub error: T1,
    pub order_id: i64,
}
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimDueOutboxEntries {
    pub order_id: i64,
    pub request_id: Option<String>,
    pub order_created_at: chrono::DateTime<chrono::FixedOffset>,
    pub with_items: bool,
    pub database_id: String,
}
pub struct ClaimDueOutboxEntriesBorrowed<'a> {
    pub order_id: i64,
    pub request_id: Option<&'a str>,
    pub order_created_at: chrono::DateTime<chrono::FixedOffset>,
    pub with_items: bool,
    pub database_id: &'a str,
}
impl<'a> From<ClaimDueOutboxEntriesBorrowed<'a>> for ClaimDueOutboxEntries {
    fn from(
        ClaimDueOutboxEntriesBorrowed {
            order_id,
            request_id,
            order_created_at,
            with_items,
            database_id,
        }: ClaimDueOutboxEntriesBorrowed<'a>,
    ) -> Self {
        Self {
            order_id,
            request_id: request_id.map(|v| v.into()),
            order_created_at,
            with_items,
            database_id: database_id.into(),
        }
    }
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct ClaimDueOutboxEntriesQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor:
        fn(&tokio_postgres::Row) -> Result<ClaimDueOutboxEntriesBorrowed, tokio_postgres::Error>,
    mapper: fn(ClaimDueOutboxEntriesBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> ClaimDueOutboxEntriesQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(ClaimDueOutboxEntriesBorrowed) -> R,
    ) -> ClaimDueOutboxEntriesQuery<'c, 'a, 's, C, R, N> {
        ClaimDueOutboxEntriesQuery {
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
pub struct ClaimDueOutboxEntriesStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn claim_due_outbox_entries() -> ClaimDueOutboxEntriesStmt {
    ClaimDueOutboxEntriesStmt(
        "UPDATE order_workflow_outbox o SET next_attempt_at = CURRENT_TIMESTAMP + make_interval(secs => $1) FROM ( SELECT order_id FROM order_workflow_outbox WHERE next_attempt_at <= CURRENT_TIMESTAMP ORDER BY order_id LIMIT $2 FOR UPDATE SKIP LOCKED ) due WHERE o.order_id = due.order_id RETURNING o.order_id, o.request_id, (SELECT created_at FROM orders WHERE id = o.order_id) AS order_created_at, (SELECT item_count > 0 FROM orders WHERE id = o.order_id) AS with_items, (SELECT id::text FROM database_identity) AS database_id",
        None,
    )
}
impl ClaimDueOutboxEntriesStmt {
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
        lease_seconds: &'a f64,
        batch_size: &'a i64,
    ) -> ClaimDueOutboxEntriesQuery<'c, 'a, 's, C, ClaimDueOutboxEntries, 2> {
        ClaimDueOutboxEntriesQuery {
            client,
            params: [lease_seconds, batch_size],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<ClaimDueOutboxEntriesBorrowed, tokio_postgres::Error> {
                Ok(ClaimDueOutboxEntriesBorrowed {
                    order_id: row.try_get(0)?,
                    request_id: row.try_get(1)?,
                    order_created_at: row.try_get(2)?,
                    with_items: row.try_get(3)?,
                    database_id: row.try_get(4)?,
                })
            },
            mapper: |it| ClaimDueOutboxEntries::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ClaimDueOutboxEntriesParams,
        ClaimDueOutboxEntriesQuery<'c, 'a, 's, C, ClaimDueOutboxEntries, 2>,
        C,
    > for ClaimDueOutboxEntriesStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ClaimDueOutboxEntriesParams,
    ) -> ClaimDueOutboxEntriesQuery<'c, 'a, 's, C, ClaimDueOutboxEntries, 2> {
        self.bind(client, &params.lease_seconds, &params.batch_size)
    }
}
pub struct DeleteOutboxEntriesStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn delete_outbox_entries() -> DeleteOutboxEntriesStmt {
    DeleteOutboxEntriesStmt(
        "DELETE FROM order_workflow_outbox WHERE order_id = ANY($1)",
        None,
    )
}
impl DeleteOutboxEntriesStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<'c, 'a, 's, C: GenericClient, T1: crate::ArraySql<Item = i64>>(
        &'s self,
        client: &'c C,
        order_ids: &'a T1,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[order_ids]).await
    }
}
pub struct PostponeOutboxEntryStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn postpone_outbox_entry() -> PostponeOutboxEntryStmt {
    PostponeOutboxEntryStmt(
        "UPDATE order_workflow_outbox SET attempts        = attempts + 1, next_attempt_at = CURRENT_TIMESTAMP + make_interval(secs => LEAST(30, 2 ^ LEAST(attempts, 5)) * 0.5), last_error      = $1 WHERE order_id = $2",
        None,
    )
}
impl PostponeOutboxEntryStmt {
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
        error: &'a T1,
        order_id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[error, order_id]).await
    }
}
impl<'a, C: GenericClient + Send + Sync, T1: crate::StringSql>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        PostponeOutboxEntryParams<T1>,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for PostponeOutboxEntryStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a PostponeOutboxEntryParams<T1>,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.error, &params.order_id))
    }
}
