CREATE OR REPLACE FUNCTION order_status_transition_allowed(from_status TEXT, to_status TEXT)
RETURNS BOOLEAN IMMUTABLE LANGUAGE sql AS $$
    SELECT from_status = to_status
        OR (from_status, to_status) IN (
            ('pending', 'processing'), ('processing', 'completed'),
            ('pending', 'cancelled'), ('processing', 'cancelled'))
$$;
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check
    CHECK (status IN ('pending', 'processing', 'completed', 'cancelled'));
ALTER TABLE order_events DROP COLUMN step;
DROP TABLE shipments, ledger_charges, payments, stock_sales, stock_reservations, order_items, products;
ALTER TABLE orders
    DROP COLUMN item_count, DROP COLUMN failure_reason, DROP COLUMN short_skus, DROP COLUMN delivery_overdue;
