-- The id of the request that created the order, handed to its workflow so that one id follows
-- the order from the HTTP request to its last activity.
ALTER TABLE order_workflow_outbox ADD COLUMN request_id TEXT;
