-- An Idempotency-Key belongs to the caller that sent it (the token's role, customer and subject):
-- two callers using the same key string no longer block or see each other's requests.
-- Keys stored before this migration belong to no caller and simply expire.
ALTER TABLE idempotency_keys ADD COLUMN owner TEXT NOT NULL DEFAULT '';
ALTER TABLE idempotency_keys ALTER COLUMN owner DROP DEFAULT;
ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey;
ALTER TABLE idempotency_keys ADD PRIMARY KEY (owner, key);
