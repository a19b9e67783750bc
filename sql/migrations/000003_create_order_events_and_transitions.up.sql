-- Every status change of an order: when, from what, to what, and why. Written by the same
-- statement that changes the status (see sql/queries/orders.sql).
CREATE TABLE order_events (
    id          BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id    BIGINT      NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    at          TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    from_status VARCHAR(20),
    to_status   VARCHAR(20) NOT NULL,
    reason      TEXT        NOT NULL,
    request_id  TEXT
);

CREATE INDEX idx_order_events_order_id ON order_events (order_id, id);

-- Orders that existed before their history did.
INSERT INTO order_events (order_id, at, from_status, to_status, reason)
SELECT id, updated_at, NULL, status, 'status when history began' FROM orders;

-- The one transition table, enforced here too: pending -> processing -> completed;
-- pending or processing -> cancelled; completed and cancelled are final.
CREATE FUNCTION order_status_transition_allowed(from_status TEXT, to_status TEXT)
RETURNS BOOLEAN IMMUTABLE LANGUAGE sql AS $$
    SELECT from_status = to_status
        OR (from_status, to_status) IN (
            ('pending', 'processing'), ('processing', 'completed'),
            ('pending', 'cancelled'), ('processing', 'cancelled'))
$$;

CREATE FUNCTION check_order_status_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT order_status_transition_allowed(OLD.status, NEW.status) THEN
        RAISE EXCEPTION 'order % cannot go from % to %', OLD.id, OLD.status, NEW.status
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER orders_status_transition
    BEFORE UPDATE OF status ON orders
    FOR EACH ROW EXECUTE FUNCTION check_order_status_transition();
