-- The dispatcher's queries: claim due outbox entries with a lease (skipping those another
-- instance is claiming), then delete the started ones or push back the failed ones. Each runs in
-- its own short transaction: no transaction stays open while Temporal is called, so a dispatcher
-- that hangs holds no locks, and its claimed entries fall due again when the lease ends.

--! claim_due_outbox_entries : (request_id?)
UPDATE order_workflow_outbox o
SET next_attempt_at = CURRENT_TIMESTAMP + make_interval(secs => :lease_seconds)
FROM (
    SELECT order_id
    FROM order_workflow_outbox
    WHERE next_attempt_at <= CURRENT_TIMESTAMP
    ORDER BY order_id
    LIMIT :batch_size
    FOR UPDATE SKIP LOCKED
) due
WHERE o.order_id = due.order_id
RETURNING o.order_id, o.request_id;

--! delete_outbox_entries
DELETE FROM order_workflow_outbox WHERE order_id = ANY(:order_ids);

--! postpone_outbox_entry
UPDATE order_workflow_outbox
SET attempts        = attempts + 1,
    next_attempt_at = CURRENT_TIMESTAMP + make_interval(secs => LEAST(30, 2 ^ LEAST(attempts, 5)) * 0.5),
    last_error      = :error
WHERE order_id = :order_id;

--! outbox_backlog
SELECT count(*) AS backlog FROM order_workflow_outbox;
