-- Channels for events from outside AWS (CloudTrail Lake integrations). Ingested events go to the owner's
-- event log like any other event, with event_category 'ActivityAuditLog'.
CREATE TABLE channels (
    id uuid PRIMARY KEY,
    account_id text NOT NULL REFERENCES accounts (id),
    region text NOT NULL REFERENCES regions (name),
    name text NOT NULL CHECK (length(name) BETWEEN 3 AND 128),
    source text NOT NULL,
    destinations jsonb NOT NULL,
    tags jsonb NOT NULL DEFAULT '[]',
    latest_ingestion_success_time timestamptz,
    latest_ingestion_success_event_id uuid,
    latest_ingestion_error_code text,
    latest_ingestion_attempt_time timestamptz,
    latest_ingestion_attempt_event_id uuid,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (account_id, region, name)
);
