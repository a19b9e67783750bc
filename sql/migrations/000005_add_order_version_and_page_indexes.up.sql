-- Optimistic concurrency: every change to an order bumps its version (its ETag).
ALTER TABLE orders ADD COLUMN version BIGINT NOT NULL DEFAULT 1;

CREATE FUNCTION bump_order_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.version := OLD.version + 1;
    RETURN NEW;
END;
$$;

CREATE TRIGGER orders_bump_version
    BEFORE UPDATE ON orders
    FOR EACH ROW EXECUTE FUNCTION bump_order_version();

-- Keyset pages by id within a filter: each page is one index range scan.
DROP INDEX IF EXISTS idx_orders_customer_id;
DROP INDEX IF EXISTS idx_orders_status;
CREATE INDEX idx_orders_customer_id_id ON orders (customer_id, id);
CREATE INDEX idx_orders_status_id ON orders (status, id);
