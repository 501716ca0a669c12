-- Token rotation and keyed token hashes.
-- A rotated token keeps its previous hash until previous_expires_at (the grace period).
-- hash_scheme says how secret_hash was made: 'sha256' for tokens issued before this version,
-- 'hmac' (HMAC-SHA256 with the key in settings) since; old hashes are upgraded on first use.

ALTER TABLE tokens ADD COLUMN hash_scheme TEXT NOT NULL DEFAULT 'sha256';
ALTER TABLE tokens ADD COLUMN previous_hash TEXT;
ALTER TABLE tokens ADD COLUMN previous_expires_at BIGINT;
ALTER TABLE tokens ADD COLUMN rotated_at BIGINT;
CREATE INDEX tokens_previous_hash ON tokens(previous_hash);

-- Values the server makes once and keeps, such as the token hash key.
CREATE TABLE settings (
    name        TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);

-- Lets the sweep of expired Idempotency-Key responses use an index.
CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);
