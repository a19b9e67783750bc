-- pgbench: the read the service runs for GET /orders/{id} (order_by_id).
SELECT id, customer_id, status, total_amount, created_at, updated_at, version FROM orders WHERE id = :id;
