-- Back to one global key space: when two callers used the same key, the newest entry stays.
DELETE FROM idempotency_keys a
USING idempotency_keys b
WHERE a.key = b.key AND (a.created_at, a.owner) < (b.created_at, b.owner);
ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey;
ALTER TABLE idempotency_keys DROP COLUMN owner;
ALTER TABLE idempotency_keys ADD PRIMARY KEY (key);
