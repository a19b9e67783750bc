// This file was generated with `cornucopia`. Do not modify.

#[derive(Debug)]
pub struct TryLockIdempotencyKeyParams<T1: crate::StringSql, T2: crate::StringSql> {
    pub owner: T1,
    pub key: T2,
}
#[derive(Debug)]
pub struct StoredResponseParams<T1: crate::StringSql, T2: crate::StringSql> {
    pub owner: T1,
    pub key: T2,
    pub ttl_seconds: i64,
}
#[derive(Debug)]
pub struct StoreResponseParams<
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::StringSql,
    T4: crate::StringSql,
> {
    pub owner: T1,
    pub key: T2,
    pub request_fingerprint: T3,
    pub response_status: i32,
    pub response_body: T4,
}
#[derive(Debug, Clone, PartialEq)]
pub struct StoredResponse {
    pub request_fingerprint: String,
    pub response_status: i32,
    pub response_body: String,
}
pub struct StoredResponseBorrowed<'a> {
    pub request_fingerprint: &'a str,
    pub response_status: i32,
    pub response_body: &'a str,
}
impl<'a> From<StoredResponseBorrowed<'a>> for StoredResponse {
    fn from(
        StoredResponseBorrowed {
            request_fingerprint,
            response_status,
            response_body,
        }: StoredResponseBorrowed<'a>,
    ) -> Self {
        Self {
            request_fingerprint: request_fingerprint.into(),
            response_status,
            response_body: response_body.into(),
        }
    }
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
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
pub struct StoredResponseQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<StoredResponseBorrowed, tokio_postgres::Error>,
    mapper: fn(StoredResponseBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> StoredResponseQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(StoredResponseBorrowed) -> R,
    ) -> StoredResponseQuery<'c, 'a, 's, C, R, N> {
        StoredResponseQuery {
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
pub struct TryLockIdempotencyKeyStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn try_lock_idempotency_key() -> TryLockIdempotencyKeyStmt {
    TryLockIdempotencyKeyStmt(
        "SELECT pg_try_advisory_xact_lock(hashtextextended($1 || E'\\n' || $2, 0)) AS locked",
        None,
    )
}
impl TryLockIdempotencyKeyStmt {
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
        owner: &'a T1,
        key: &'a T2,
    ) -> BoolQuery<'c, 'a, 's, C, bool, 2> {
        BoolQuery {
            client,
            params: [owner, key],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        TryLockIdempotencyKeyParams<T1, T2>,
        BoolQuery<'c, 'a, 's, C, bool, 2>,
        C,
    > for TryLockIdempotencyKeyStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a TryLockIdempotencyKeyParams<T1, T2>,
    ) -> BoolQuery<'c, 'a, 's, C, bool, 2> {
        self.bind(client, &params.owner, &params.key)
    }
}
pub struct StoredResponseStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn stored_response() -> StoredResponseStmt {
    StoredResponseStmt(
        "SELECT request_fingerprint, response_status, response_body FROM idempotency_keys WHERE owner = $1 AND key = $2 AND created_at > CURRENT_TIMESTAMP - $3::bigint * INTERVAL '1 second'",
        None,
    )
}
impl StoredResponseStmt {
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
        owner: &'a T1,
        key: &'a T2,
        ttl_seconds: &'a i64,
    ) -> StoredResponseQuery<'c, 'a, 's, C, StoredResponse, 3> {
        StoredResponseQuery {
            client,
            params: [owner, key, ttl_seconds],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<StoredResponseBorrowed, tokio_postgres::Error> {
                Ok(StoredResponseBorrowed {
                    request_fingerprint: row.try_get(0)?,
                    response_status: row.try_get(1)?,
                    response_body: row.try_get(2)?,
                })
            },
            mapper: |it| StoredResponse::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        StoredResponseParams<T1, T2>,
        StoredResponseQuery<'c, 'a, 's, C, StoredResponse, 3>,
        C,
    > for StoredResponseStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a StoredResponseParams<T1, T2>,
    ) -> StoredResponseQuery<'c, 'a, 's, C, StoredResponse, 3> {
        self.bind(client, &params.owner, &params.key, &params.ttl_seconds)
    }
}
pub struct StoreResponseStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn store_response() -> StoreResponseStmt {
    StoreResponseStmt(
        "INSERT INTO idempotency_keys (owner, key, request_fingerprint, response_status, response_body) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (owner, key) DO UPDATE SET request_fingerprint = EXCLUDED.request_fingerprint, response_status     = EXCLUDED.response_status, response_body       = EXCLUDED.response_body, created_at          = CURRENT_TIMESTAMP",
        None,
    )
}
impl StoreResponseStmt {
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
        T4: crate::StringSql,
    >(
        &'s self,
        client: &'c C,
        owner: &'a T1,
        key: &'a T2,
        request_fingerprint: &'a T3,
        response_status: &'a i32,
        response_body: &'a T4,
    ) -> Result<u64, tokio_postgres::Error> {
        client
            .execute(
                self.0,
                &[
                    owner,
                    key,
                    request_fingerprint,
                    response_status,
                    response_body,
                ],
            )
            .await
    }
}
impl<
    'a,
    C: GenericClient + Send + Sync,
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::StringSql,
    T4: crate::StringSql,
>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        StoreResponseParams<T1, T2, T3, T4>,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for StoreResponseStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a StoreResponseParams<T1, T2, T3, T4>,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(
            client,
            &params.owner,
            &params.key,
            &params.request_fingerprint,
            &params.response_status,
            &params.response_body,
        ))
    }
}
pub struct PurgeExpiredIdempotencyKeysStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn purge_expired_idempotency_keys() -> PurgeExpiredIdempotencyKeysStmt {
    PurgeExpiredIdempotencyKeysStmt(
        "DELETE FROM idempotency_keys WHERE created_at <= CURRENT_TIMESTAMP - $1::bigint * INTERVAL '1 second'",
        None,
    )
}
impl PurgeExpiredIdempotencyKeysStmt {
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
        ttl_seconds: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[ttl_seconds]).await
    }
}
