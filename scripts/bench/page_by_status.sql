-- pgbench: the page GET /orders?limit=100&status=:status reads (orders_page_by_status).
SELECT id, customer_id, status, total_amount, created_at, updated_at, version
FROM orders WHERE status = :status AND id > :after_id
ORDER BY id LIMIT :fetch;
