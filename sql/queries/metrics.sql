-- Sampled when /metrics is scraped.

--! order_counts_by_status
SELECT status, count(*) AS orders FROM orders GROUP BY status;

-- Ages in seconds (0 when nothing waits): the oldest order not final yet, and the outbox.
--! backlog_snapshot
SELECT
    COALESCE((SELECT EXTRACT(EPOCH FROM CURRENT_TIMESTAMP - min(created_at))
              FROM orders WHERE status IN ('pending', 'processing')), 0)::float8 AS oldest_unfinished_seconds,
    (SELECT count(*) FROM order_workflow_outbox) AS outbox_backlog,
    COALESCE((SELECT EXTRACT(EPOCH FROM CURRENT_TIMESTAMP - min(created_at))
              FROM order_workflow_outbox), 0)::float8 AS outbox_oldest_seconds;
