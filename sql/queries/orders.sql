-- Every query the service runs against orders and their history. `make generate` compiles this
-- file into typed Rust (generated/db) with cornucopia; `:name` are bind parameters.

--: Order(failure_reason?, short_skus?)

-- The order, its outbox entry and its first history event, in one statement (so in one
-- transaction): a committed order always gets its workflow started by the dispatcher.
--! insert_order (request_id?) : Order
WITH created AS (
    INSERT INTO orders (customer_id, status, total_amount, item_count)
    VALUES (:customer_id, 'pending', :total_amount, :item_count)
    RETURNING id, customer_id, status, total_amount, created_at, updated_at, version, item_count, failure_reason, short_skus, delivery_overdue
), queued AS (
    INSERT INTO order_workflow_outbox (order_id, request_id) SELECT id, :request_id FROM created
), recorded AS (
    INSERT INTO order_events (order_id, from_status, to_status, reason, request_id)
    SELECT id, NULL, status, 'created', :request_id FROM created
)
SELECT id, customer_id, status, total_amount, created_at, updated_at, version, item_count, failure_reason, short_skus, delivery_overdue FROM created;

-- An order's lines, priced from the catalog at creation (see `products_by_skus`), written in
-- the order's own transaction.
--! insert_order_items
INSERT INTO order_items (order_id, sku, quantity, unit_price, line_total)
SELECT :order_id, l.sku, l.quantity, l.unit_price, l.quantity * l.unit_price
FROM unnest(:skus::text[], :quantities::int[], :unit_prices::numeric[]) AS l (sku, quantity, unit_price);

--! order_lines
SELECT sku, quantity, unit_price, line_total FROM order_items WHERE order_id = :order_id ORDER BY sku;

-- The payment and the shipment of an order with items, once they exist.
--! order_saga_records : (payment_status?, payment_amount?, payment_reference?, shipment_status?, carrier?, tracking_number?)
SELECT p.status AS payment_status, p.amount AS payment_amount, p.reference AS payment_reference,
       s.status AS shipment_status, s.carrier, s.tracking_number
FROM (SELECT :order_id::bigint AS order_id) o
LEFT JOIN payments p ON p.order_id = o.order_id
LEFT JOIN shipments s ON s.order_id = o.order_id;

--! order_by_id : Order
SELECT id, customer_id, status, total_amount, created_at, updated_at, version, item_count, failure_reason, short_skus, delivery_overdue
FROM orders
WHERE id = :id;

-- Keyset pages: the orders after `after_id`, by id. One query per filter combination, so that
-- each is planned on its own index (pkey, (status, id), (customer_id, id)).
--! orders_page : Order
SELECT id, customer_id, status, total_amount, created_at, updated_at, version, item_count, failure_reason, short_skus, delivery_overdue
FROM orders WHERE id > :after_id
ORDER BY id LIMIT :limit;

--! orders_page_by_status : Order
SELECT id, customer_id, status, total_amount, created_at, updated_at, version, item_count, failure_reason, short_skus, delivery_overdue
FROM orders WHERE status = :status AND id > :after_id
ORDER BY id LIMIT :limit;

--! orders_page_by_customer : Order
SELECT id, customer_id, status, total_amount, created_at, updated_at, version, item_count, failure_reason, short_skus, delivery_overdue
FROM orders WHERE customer_id = :customer_id AND id > :after_id
ORDER BY id LIMIT :limit;

--! orders_page_by_customer_and_status : Order
SELECT id, customer_id, status, total_amount, created_at, updated_at, version, item_count, failure_reason, short_skus, delivery_overdue
FROM orders WHERE customer_id = :customer_id AND status = :status AND id > :after_id
ORDER BY id LIMIT :limit;

-- The amount can change only while the order is pending, and, with If-Match, only in the
-- version the client read: no row otherwise.
--! update_pending_order_amount (expected_version?) : Order
UPDATE orders
SET total_amount = :total_amount,
    updated_at   = CURRENT_TIMESTAMP
WHERE id = :id AND status = 'pending' AND version = COALESCE(:expected_version, version)
RETURNING id, customer_id, status, total_amount, created_at, updated_at, version, item_count, failure_reason, short_skus, delivery_overdue;

--! delete_order
DELETE FROM orders WHERE id = :id;

-- A status change, guarded and recorded: moves the order to `to` only from one of the `from`
-- statuses (so a retried or replayed activity never moves an order backwards), and, when
-- `expected_version` is given, only from that version (a cancel with If-Match), and writes the
-- history event in the same statement. Returns the status and version the order has afterwards,
-- whether this call moved it, and when the order was created; no row when the order no longer
-- exists.
--! advance_order_status (request_id?, expected_version?)
WITH current AS (
    SELECT id, status, version, created_at FROM orders WHERE id = :id FOR UPDATE
), moved AS (
    UPDATE orders o
    SET status = :to, updated_at = CURRENT_TIMESTAMP
    FROM current c
    WHERE o.id = c.id AND c.status = ANY(:from) AND c.version = COALESCE(:expected_version, c.version)
    RETURNING o.id, c.status AS from_status, o.status, o.version, o.created_at
), recorded AS (
    INSERT INTO order_events (order_id, from_status, to_status, reason, request_id)
    SELECT id, from_status, status, :reason, :request_id FROM moved
)
SELECT status, version, true AS moved, created_at FROM moved
UNION ALL
SELECT status, version, false AS moved, created_at FROM current WHERE NOT EXISTS (SELECT 1 FROM moved);

-- Orders that are not final and whose workflow should be running: not waiting in the outbox,
-- oldest first. The stuck-order check asks Temporal about each.
--! unfinished_dispatched_orders
SELECT o.id, o.status
FROM orders o
WHERE o.status IN ('pending', 'processing', 'shipped')
  AND NOT EXISTS (SELECT 1 FROM order_workflow_outbox ob WHERE ob.order_id = o.id)
ORDER BY o.id
LIMIT :limit;

--: OrderEvent(from_status?, request_id?, step?)

--! order_events : OrderEvent
SELECT at, from_status, to_status, reason, request_id, step
FROM order_events
WHERE order_id = :order_id
ORDER BY id;

-- What an order's workflow records to be recognised as this order's (see the outbox's claim), and
-- what a call to the workflow can be answered from without it (items, status).
--! order_origin
SELECT o.created_at AS order_created_at, (SELECT id::text FROM database_identity) AS database_id,
       o.item_count > 0 AS with_items, o.status
FROM orders o WHERE o.id = :id;
