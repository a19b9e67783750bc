-- pgbench: the page GET /orders?limit=100 reads (sql/queries/orders.sql, orders_page).
SELECT id, customer_id, status, total_amount, created_at, updated_at, version
FROM orders WHERE id > :after_id
ORDER BY id LIMIT :fetch;
