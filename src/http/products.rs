//! The catalog operations (`/products`): admins create and replace products; any authenticated
//! caller reads them, with the stock open orders hold (`reserved`) and what is left.

use chrono::Utc;
use orders_api::models;

use super::{handlers::OrdersApi, problem::Failure};
use crate::{
    auth::Principal,
    db::{self, catalog_queries},
    domain::{product_name, stock_units, FieldError, Money, PageLimit, Sku, SkuCursor},
};

type Outcome<T> = Result<T, Failure>;

/// A product with its version, which is its ETag; `created` when a PUT made it.
pub struct FoundProduct {
    pub product: models::Product,
    pub version: i64,
    pub created: bool,
}

impl FoundProduct {
    pub fn etag(&self) -> String {
        format!("\"{}\"", self.version)
    }
}

impl OrdersApi {
    pub(super) async fn put_product(
        &self,
        caller: Principal,
        sku: String,
        input: models::ProductInput,
    ) -> Outcome<FoundProduct> {
        if caller != Principal::Admin {
            return Err(Failure::forbidden("only an admin may change the catalog"));
        }
        let sku = Sku::parse("sku", &sku).map_err(Failure::bad_param)?;
        let errors: Vec<FieldError> = [
            product_name(&input.name).err(),
            Money::parse("unit_price", input.unit_price).err(),
            stock_units(input.stock).err(),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !errors.is_empty() {
            return Err(Failure::invalid_fields(errors));
        }
        let (price, stock) = (Money::parse("unit_price", input.unit_price).unwrap(), stock_units(input.stock).unwrap());
        let client = self.pool.get().await?;
        let upserted = db::traced(
            "upsert_product",
            catalog_queries::upsert_product()
                .bind(&client, &sku.as_str(), &input.name.as_str(), &price.get(), &stock)
                .opt(),
        )
        .await?;
        match upserted {
            Some(row) => Ok(to_model(row)),
            None => {
                // Refused: open orders hold more than the new stock.
                let now = self.find_product(&sku).await?;
                Err(Failure::stock_held(format!(
                    "product {}: stock {stock} is below the {} units open orders hold",
                    sku.as_str(),
                    now.product.reserved
                )))
            }
        }
    }

    pub(super) async fn get_product(&self, sku: String) -> Outcome<FoundProduct> {
        let sku = Sku::parse("sku", &sku).map_err(Failure::bad_param)?;
        self.find_product(&sku).await
    }

    async fn find_product(&self, sku: &Sku) -> Outcome<FoundProduct> {
        let client = self.pool.get().await?;
        let row = db::traced("product_by_sku", catalog_queries::product_by_sku().bind(&client, &sku.as_str()).opt())
            .await?
            .ok_or_else(|| Failure::not_found(format_args!("product {}", sku.as_str())))?;
        Ok(to_model(row))
    }

    /// One keyset page by SKU, and the `Link` to the next.
    pub(super) async fn list_products(
        &self,
        limit: Option<u32>,
        cursor: Option<String>,
    ) -> Outcome<(Vec<models::Product>, Option<String>)> {
        let limit = PageLimit::parse(limit).map_err(Failure::bad_param)?;
        let after = cursor.as_deref().map(SkuCursor::decode).transpose().map_err(Failure::bad_param)?;
        let after_sku = after.as_ref().map_or("", SkuCursor::after_sku);
        let client = self.pool.get().await?;
        let fetch = limit.get() + 1;
        let mut rows =
            db::traced("products_page", catalog_queries::products_page().bind(&client, &after_sku, &fetch).all())
                .await?;
        let link = (rows.len() as i64 > limit.get()).then(|| {
            rows.truncate(limit.get() as usize);
            let next = SkuCursor::after(&rows.last().expect("a full page").sku).encode();
            format!("</products?limit={}&cursor={next}>; rel=\"next\"", limit.get())
        });
        Ok((rows.into_iter().map(|row| to_model(row).product).collect(), link))
    }
}

fn to_model(row: catalog_queries::Product) -> FoundProduct {
    let units = |n: i32| u32::try_from(n).unwrap_or(0);
    let mut product = models::Product::new(
        row.sku,
        row.name,
        row.unit_price,
        units(row.stock),
        units(row.reserved),
        units(row.stock - row.reserved),
    );
    product.created_at = Some(row.created_at.with_timezone(&Utc));
    product.updated_at = Some(row.updated_at.with_timezone(&Utc));
    FoundProduct { product, version: row.version, created: row.created }
}
