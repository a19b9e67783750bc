-- Idempotency-Key on POST /orders, per caller (`owner`). All of these run inside the create's
-- transaction.

-- Held until the transaction ends: a second request with the same key, arriving meanwhile, fails
-- to take it and is told the first is still in flight.
--! try_lock_idempotency_key
SELECT pg_try_advisory_xact_lock(hashtextextended(:owner || E'\n' || :key, 0)) AS locked;

--! stored_response
SELECT request_fingerprint, response_status, response_body
FROM idempotency_keys
WHERE owner = :owner AND key = :key AND created_at > CURRENT_TIMESTAMP - :ttl_seconds::bigint * INTERVAL '1 second';

--! store_response
INSERT INTO idempotency_keys (owner, key, request_fingerprint, response_status, response_body)
VALUES (:owner, :key, :request_fingerprint, :response_status, :response_body)
ON CONFLICT (owner, key) DO UPDATE
SET request_fingerprint = EXCLUDED.request_fingerprint,
    response_status     = EXCLUDED.response_status,
    response_body       = EXCLUDED.response_body,
    created_at          = CURRENT_TIMESTAMP;

--! purge_expired_idempotency_keys
DELETE FROM idempotency_keys WHERE created_at <= CURRENT_TIMESTAMP - :ttl_seconds::bigint * INTERVAL '1 second';
