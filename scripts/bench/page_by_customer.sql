-- pgbench: the page GET /orders?limit=100&customer_id=:customer reads (orders_page_by_customer).
SELECT id, customer_id, status, total_amount, created_at, updated_at, version
FROM orders WHERE customer_id = :customer AND id > :after_id
ORDER BY id LIMIT :fetch;
