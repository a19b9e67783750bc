-- Orders waiting for their workflow to be started. Written in the order's own transaction, so a
-- committed order always has either a row here or a started workflow; deleted with the order.
CREATE TABLE order_workflow_outbox (
    order_id        BIGINT      PRIMARY KEY REFERENCES orders (id) ON DELETE CASCADE,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    attempts        INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    last_error      TEXT
);

-- Wakes the dispatcher (LISTEN order_workflow_outbox) when the inserting transaction commits.
CREATE FUNCTION notify_order_workflow_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('order_workflow_outbox', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER order_workflow_outbox_notify
    AFTER INSERT ON order_workflow_outbox
    FOR EACH STATEMENT EXECUTE FUNCTION notify_order_workflow_outbox();

-- Idempotency-Key on POST /orders: the first response for each key, kept for a limited time.
CREATE TABLE idempotency_keys (
    key                 TEXT        PRIMARY KEY,
    request_fingerprint TEXT        NOT NULL,
    response_status     INTEGER     NOT NULL,
    response_body       TEXT        NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX idx_idempotency_keys_created_at ON idempotency_keys (created_at);
