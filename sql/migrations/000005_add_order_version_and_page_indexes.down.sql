DROP INDEX IF EXISTS idx_orders_status_id;
DROP INDEX IF EXISTS idx_orders_customer_id_id;
CREATE INDEX IF NOT EXISTS idx_orders_customer_id ON orders (customer_id);
CREATE INDEX IF NOT EXISTS idx_orders_status ON orders (status);
DROP TRIGGER IF EXISTS orders_bump_version ON orders;
DROP FUNCTION IF EXISTS bump_order_version();
ALTER TABLE orders DROP COLUMN IF EXISTS version;
