-- Every query the service runs against the orders table. `make generate` compiles this file
-- into typed Rust (generated/db) with cornucopia; `:name` are bind parameters.

--: Order()

-- The order and its outbox entry, in one statement (so in one transaction): a committed order
-- always gets its workflow started by the dispatcher.
--! insert_order : Order
WITH created AS (
    INSERT INTO orders (customer_id, status, total_amount)
    VALUES (:customer_id, 'pending', :total_amount)
    RETURNING id, customer_id, status, total_amount, created_at, updated_at
), queued AS (
    INSERT INTO order_workflow_outbox (order_id) SELECT id FROM created
)
SELECT id, customer_id, status, total_amount, created_at, updated_at FROM created;

--! order_by_id : Order
SELECT id, customer_id, status, total_amount, created_at, updated_at
FROM orders
WHERE id = :id;

--! list_orders : Order
SELECT id, customer_id, status, total_amount, created_at, updated_at
FROM orders
ORDER BY id;

--! update_order (status?, total_amount?) : Order
UPDATE orders
SET status       = COALESCE(:status, status),
    total_amount = COALESCE(:total_amount, total_amount),
    updated_at   = CURRENT_TIMESTAMP
WHERE id = :id
RETURNING id, customer_id, status, total_amount, created_at, updated_at;

--! delete_order
DELETE FROM orders WHERE id = :id;

-- The workflow's step: moves the order to `to` only from one of the `from` statuses, so that a
-- retried or replayed activity never moves an order backwards. Returns the status the order has
-- afterwards (moved or not), or no row when the order no longer exists.
--! advance_order_status
WITH moved AS (
    UPDATE orders
    SET status = :to, updated_at = CURRENT_TIMESTAMP
    WHERE id = :id AND status = ANY(:from)
    RETURNING status
)
SELECT status FROM moved
UNION ALL
SELECT status FROM orders WHERE id = :id AND NOT EXISTS (SELECT 1 FROM moved);
