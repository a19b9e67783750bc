DROP TABLE IF EXISTS idempotency_keys;
DROP TABLE IF EXISTS order_workflow_outbox;
DROP FUNCTION IF EXISTS notify_order_workflow_outbox();
