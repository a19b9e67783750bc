-- The catalog: products with their price and stock. `reserved` is held by open orders (see
-- sql/queries/saga.sql); `available` is what new orders can still reserve.

--: Product()

-- Creates or replaces a product. Its stock cannot drop below what open orders hold: no row then
-- (see `product_by_sku` for why).
--! upsert_product : Product
INSERT INTO products AS p (sku, name, unit_price, stock)
VALUES (:sku, :name, :unit_price, :stock)
ON CONFLICT (sku) DO UPDATE
SET name = EXCLUDED.name, unit_price = EXCLUDED.unit_price, stock = EXCLUDED.stock,
    updated_at = CURRENT_TIMESTAMP
WHERE p.reserved <= EXCLUDED.stock
RETURNING sku, name, unit_price, stock, reserved, version, created_at, updated_at, (xmax = 0) AS created;

--! product_by_sku : Product
SELECT sku, name, unit_price, stock, reserved, version, created_at, updated_at, false AS created
FROM products WHERE sku = :sku;

-- Keyset pages by SKU.
--! products_page : Product
SELECT sku, name, unit_price, stock, reserved, version, created_at, updated_at, false AS created
FROM products WHERE sku > :after_sku
ORDER BY sku LIMIT :limit;

-- The prices of the SKUs an order asks for (unknown SKUs are absent).
--! products_by_skus
SELECT sku, unit_price FROM products WHERE sku = ANY(:skus);
