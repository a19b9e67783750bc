-- pgbench: the create transaction the service runs (sql/queries/orders.sql, insert_order).
\set customer random(1, 1000)
WITH created AS (
    INSERT INTO orders (customer_id, status, total_amount)
    VALUES (:customer, 'pending', 10.50)
    RETURNING id, customer_id, status, total_amount, created_at, updated_at, version
), queued AS (
    INSERT INTO order_workflow_outbox (order_id, request_id) SELECT id, 'bench' FROM created
), recorded AS (
    INSERT INTO order_events (order_id, from_status, to_status, reason, request_id)
    SELECT id, NULL, status, 'created', 'bench' FROM created
)
SELECT id, customer_id, status, total_amount, created_at, updated_at, version FROM created;
