-- The dispatcher's queries: claim due outbox entries with a lease (skipping those another
-- instance is claiming), then delete the started ones or push back the failed ones. Each runs in
-- its own short transaction: no transaction stays open while Temporal is called, so a dispatcher
-- that hangs holds no locks, and its claimed entries fall due again when the lease ends.

-- Each entry comes with what its workflow records to be recognised as this order's: the
-- database's identity and the order's creation time.
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
RETURNING o.order_id, o.request_id,
    (SELECT created_at FROM orders WHERE id = o.order_id) AS order_created_at,
    (SELECT item_count > 0 FROM orders WHERE id = o.order_id) AS with_items,
    (SELECT id::text FROM database_identity) AS database_id;

--! delete_outbox_entries
DELETE FROM order_workflow_outbox WHERE order_id = ANY(:order_ids);

--! postpone_outbox_entry
UPDATE order_workflow_outbox
SET attempts        = attempts + 1,
    next_attempt_at = CURRENT_TIMESTAMP + make_interval(secs => LEAST(30, 2 ^ LEAST(attempts, 5)) * 0.5),
    last_error      = :error
WHERE order_id = :order_id;

