-- A channel's ingestion status (GetChannel's IngestionStatus) moves out of the channel's row. Every
-- PutAuditEvents used to update that row, so concurrent puts to one channel waited for each other's commit.
-- Each put now upserts one of 64 slots, chosen by its database session (a session runs one transaction at a
-- time, so concurrent puts rarely share a slot), and a read takes the latest attempt and the latest success
-- over the slots.
CREATE TABLE channel_ingestion_status (
    channel_id uuid NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    slot integer NOT NULL CHECK (slot BETWEEN 0 AND 63),
    attempt_time timestamptz NOT NULL,
    attempt_event_id uuid,
    error_code text,
    success_time timestamptz,
    success_event_id uuid,
    PRIMARY KEY (channel_id, slot)
);

INSERT INTO channel_ingestion_status (channel_id, slot, attempt_time, attempt_event_id, error_code, success_time, success_event_id)
SELECT id, 0, latest_ingestion_attempt_time, latest_ingestion_attempt_event_id, latest_ingestion_error_code,
       latest_ingestion_success_time, latest_ingestion_success_event_id
FROM channels WHERE latest_ingestion_attempt_time IS NOT NULL;

ALTER TABLE channels DROP COLUMN latest_ingestion_success_time, DROP COLUMN latest_ingestion_success_event_id,
    DROP COLUMN latest_ingestion_error_code, DROP COLUMN latest_ingestion_attempt_time, DROP COLUMN latest_ingestion_attempt_event_id;
