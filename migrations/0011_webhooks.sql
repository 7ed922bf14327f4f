-- Notifications and streams leave through an outbox: a delivery pass adds its messages in the same transaction
-- that records its files, so a crash can neither lose a notification nor send one for files that were not
-- recorded; the sender posts them, deletes each on a 2xx answer, and backs off on failure.
CREATE TABLE webhook_outbox (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- No foreign key: a deleted trail's last notifications still go out.
    trail_id bigint NOT NULL,
    region text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('notification', 'stream')),
    -- The SNS topic or log group ARN; its URL and secret come from configuration when sending, so no secret is
    -- stored here.
    target text NOT NULL,
    body text NOT NULL,
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error text,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_outbox_due ON webhook_outbox (next_attempt_at, id);

-- The keys Cairn keeps in place of KMS: one 256-bit key per KMS key ARN a trail names, sealed with the master
-- key. Each log or digest file gets its own data key, wrapped with this one (docs/delivery.md, encryption).
CREATE TABLE kms_keys (
    key_arn text PRIMARY KEY,
    sealed_key bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
