ALTER TABLE order_workflow_outbox DROP COLUMN IF EXISTS request_id;
