// This file was generated with `cornucopia`. Do not modify.

#[derive(Debug)]
pub struct UpsertProductParams<T1: crate::StringSql, T2: crate::StringSql> {
    pub sku: T1,
    pub name: T2,
    pub unit_price: rust_decimal::Decimal,
    pub stock: i32,
}
#[derive(Debug)]
pub struct ProductsPageParams<T1: crate::StringSql> {
    pub after_sku: T1,
    pub limit: i64,
}
#[derive(Debug, Clone, PartialEq)]
pub struct Product {
    pub sku: String,
    pub name: String,
    pub unit_price: rust_decimal::Decimal,
    pub stock: i32,
    pub reserved: i32,
    pub version: i64,
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
    pub updated_at: chrono::DateTime<chrono::FixedOffset>,
    pub created: bool,
}
pub struct ProductBorrowed<'a> {
    pub sku: &'a str,
    pub name: &'a str,
    pub unit_price: rust_decimal::Decimal,
    pub stock: i32,
    pub reserved: i32,
    pub version: i64,
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
    pub updated_at: chrono::DateTime<chrono::FixedOffset>,
    pub created: bool,
}
impl<'a> From<ProductBorrowed<'a>> for Product {
    fn from(
        ProductBorrowed {
            sku,
            name,
            unit_price,
            stock,
            reserved,
            version,
            created_at,
            updated_at,
            created,
        }: ProductBorrowed<'a>,
    ) -> Self {
        Self {
            sku: sku.into(),
            name: name.into(),
            unit_price,
            stock,
            reserved,
            version,
            created_at,
            updated_at,
            created,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct ProductsBySkus {
    pub sku: String,
    pub unit_price: rust_decimal::Decimal,
}
pub struct ProductsBySkusBorrowed<'a> {
    pub sku: &'a str,
    pub unit_price: rust_decimal::Decimal,
}
impl<'a> From<ProductsBySkusBorrowed<'a>> for ProductsBySkus {
    fn from(ProductsBySkusBorrowed { sku, unit_price }: ProductsBySkusBorrowed<'a>) -> Self {
        Self {
            sku: sku.into(),
            unit_price,
        }
    }
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct ProductQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<ProductBorrowed, tokio_postgres::Error>,
    mapper: fn(ProductBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> ProductQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(ProductBorrowed) -> R) -> ProductQuery<'c, 'a, 's, C, R, N> {
        ProductQuery {
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
pub struct ProductsBySkusQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<ProductsBySkusBorrowed, tokio_postgres::Error>,
    mapper: fn(ProductsBySkusBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> ProductsBySkusQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(ProductsBySkusBorrowed) -> R,
    ) -> ProductsBySkusQuery<'c, 'a, 's, C, R, N> {
        ProductsBySkusQuery {
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
pub struct UpsertProductStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn upsert_product() -> UpsertProductStmt {
    UpsertProductStmt(
        "INSERT INTO products AS p (sku, name, unit_price, stock) VALUES ($1, $2, $3, $4) ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, unit_price = EXCLUDED.unit_price, stock = EXCLUDED.stock, updated_at = CURRENT_TIMESTAMP WHERE p.reserved <= EXCLUDED.stock RETURNING sku, name, unit_price, stock, reserved, version, created_at, updated_at, (xmax = 0) AS created",
        None,
    )
}
impl UpsertProductStmt {
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
        sku: &'a T1,
        name: &'a T2,
        unit_price: &'a rust_decimal::Decimal,
        stock: &'a i32,
    ) -> ProductQuery<'c, 'a, 's, C, Product, 4> {
        ProductQuery {
            client,
            params: [sku, name, unit_price, stock],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<ProductBorrowed, tokio_postgres::Error> {
                    Ok(ProductBorrowed {
                        sku: row.try_get(0)?,
                        name: row.try_get(1)?,
                        unit_price: row.try_get(2)?,
                        stock: row.try_get(3)?,
                        reserved: row.try_get(4)?,
                        version: row.try_get(5)?,
                        created_at: row.try_get(6)?,
                        updated_at: row.try_get(7)?,
                        created: row.try_get(8)?,
                    })
                },
            mapper: |it| Product::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        UpsertProductParams<T1, T2>,
        ProductQuery<'c, 'a, 's, C, Product, 4>,
        C,
    > for UpsertProductStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a UpsertProductParams<T1, T2>,
    ) -> ProductQuery<'c, 'a, 's, C, Product, 4> {
        self.bind(
            client,
            &params.sku,
            &params.name,
            &params.unit_price,
            &params.stock,
        )
    }
}
pub struct ProductBySkuStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn product_by_sku() -> ProductBySkuStmt {
    ProductBySkuStmt(
        "SELECT sku, name, unit_price, stock, reserved, version, created_at, updated_at, false AS created FROM products WHERE sku = $1",
        None,
    )
}
impl ProductBySkuStmt {
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
        sku: &'a T1,
    ) -> ProductQuery<'c, 'a, 's, C, Product, 1> {
        ProductQuery {
            client,
            params: [sku],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<ProductBorrowed, tokio_postgres::Error> {
                    Ok(ProductBorrowed {
                        sku: row.try_get(0)?,
                        name: row.try_get(1)?,
                        unit_price: row.try_get(2)?,
                        stock: row.try_get(3)?,
                        reserved: row.try_get(4)?,
                        version: row.try_get(5)?,
                        created_at: row.try_get(6)?,
                        updated_at: row.try_get(7)?,
                        created: row.try_get(8)?,
                    })
                },
            mapper: |it| Product::from(it),
        }
    }
}
pub struct ProductsPageStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn products_page() -> ProductsPageStmt {
    ProductsPageStmt(
        "SELECT sku, name, unit_price, stock, reserved, version, created_at, updated_at, false AS created FROM products WHERE sku > $1 ORDER BY sku LIMIT $2",
        None,
    )
}
impl ProductsPageStmt {
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
        after_sku: &'a T1,
        limit: &'a i64,
    ) -> ProductQuery<'c, 'a, 's, C, Product, 2> {
        ProductQuery {
            client,
            params: [after_sku, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<ProductBorrowed, tokio_postgres::Error> {
                    Ok(ProductBorrowed {
                        sku: row.try_get(0)?,
                        name: row.try_get(1)?,
                        unit_price: row.try_get(2)?,
                        stock: row.try_get(3)?,
                        reserved: row.try_get(4)?,
                        version: row.try_get(5)?,
                        created_at: row.try_get(6)?,
                        updated_at: row.try_get(7)?,
                        created: row.try_get(8)?,
                    })
                },
            mapper: |it| Product::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ProductsPageParams<T1>,
        ProductQuery<'c, 'a, 's, C, Product, 2>,
        C,
    > for ProductsPageStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ProductsPageParams<T1>,
    ) -> ProductQuery<'c, 'a, 's, C, Product, 2> {
        self.bind(client, &params.after_sku, &params.limit)
    }
}
pub struct ProductsBySkusStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn products_by_skus() -> ProductsBySkusStmt {
    ProductsBySkusStmt(
        "SELECT sku, unit_price FROM products WHERE sku = ANY($1)",
        None,
    )
}
impl ProductsBySkusStmt {
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
        T2: crate::ArraySql<Item = T1>,
    >(
        &'s self,
        client: &'c C,
        skus: &'a T2,
    ) -> ProductsBySkusQuery<'c, 'a, 's, C, ProductsBySkus, 1> {
        ProductsBySkusQuery {
            client,
            params: [skus],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<ProductsBySkusBorrowed, tokio_postgres::Error> {
                Ok(ProductsBySkusBorrowed {
                    sku: row.try_get(0)?,
                    unit_price: row.try_get(1)?,
                })
            },
            mapper: |it| ProductsBySkus::from(it),
        }
    }
}
