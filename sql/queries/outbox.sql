-- The dispatcher's queries: claim due outbox entries (skipping those another instance holds),
-- then delete the started ones or push back the failed ones.

--! claim_due_outbox_entries : (request_id?)
SELECT order_id, request_id
FROM order_workflow_outbox
WHERE next_attempt_at <= CURRENT_TIMESTAMP
ORDER BY order_id
LIMIT :batch_size
FOR UPDATE SKIP LOCKED;

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
