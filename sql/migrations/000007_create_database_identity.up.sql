-- This database's identity, made once. Every order workflow records it (and its order's
-- creation time) in its memo, so a workflow id `order-{id}` that Temporal already holds for
-- another database, or for an order of this one from before a restore, is noticed instead of
-- being taken for this order's workflow.
CREATE TABLE database_identity (
    singleton  BOOLEAN     PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    id         UUID        NOT NULL DEFAULT gen_random_uuid(),
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO database_identity DEFAULT VALUES;
