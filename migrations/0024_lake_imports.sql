-- CloudTrail Lake imports: trail log files copied from a bucket into one event data store. Imported events are
-- the store's own copies (they may be of any account and are not calls made to this service), so they live
-- beside the event log, not in it, and a store's relation reads both (docs/lake.md).
CREATE TABLE lake_imports (
    id uuid PRIMARY KEY,
    account_id text NOT NULL REFERENCES accounts (id),
    region text NOT NULL,
    store_id uuid NOT NULL REFERENCES event_data_stores (id) ON DELETE CASCADE,
    destination text NOT NULL,
    source_uri text NOT NULL,
    source_region text NOT NULL,
    role_arn text NOT NULL,
    start_event_time timestamptz,
    end_event_time timestamptz,
    status text NOT NULL CHECK (status IN ('INITIALIZING', 'IN_PROGRESS', 'FAILED', 'STOPPED', 'COMPLETED')),
    prefixes_found bigint NOT NULL DEFAULT 0,
    prefixes_completed bigint NOT NULL DEFAULT 0,
    files_completed bigint NOT NULL DEFAULT 0,
    events_completed bigint NOT NULL DEFAULT 0,
    failed_entries bigint NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX lake_imports_by_account ON lake_imports (account_id, created_at);

CREATE TABLE lake_import_failures (
    import_id uuid NOT NULL REFERENCES lake_imports (id) ON DELETE CASCADE,
    location text NOT NULL,
    status text NOT NULL,
    error_type text NOT NULL,
    error_message text NOT NULL,
    last_updated timestamptz NOT NULL,
    PRIMARY KEY (import_id, location)
);

CREATE TABLE lake_imported_events (
    store_id uuid NOT NULL REFERENCES event_data_stores (id) ON DELETE CASCADE,
    event_id text NOT NULL,
    event_time timestamptz NOT NULL,
    account_id text NOT NULL,
    region text NOT NULL,
    event_source text NOT NULL,
    event_name text NOT NULL,
    read_only boolean NOT NULL,
    username text,
    access_key_id text,
    event_category text NOT NULL,
    error_code text,
    record jsonb NOT NULL,
    PRIMARY KEY (store_id, event_id)
);
CREATE INDEX lake_imported_events_by_time ON lake_imported_events (store_id, event_time);

-- The Lake role reads imported events of the stores the running query names (cairn.lake_stores), as it reads the
-- event log of its accounts.
GRANT SELECT ON lake_imported_events TO cairn_lake_reader;
ALTER TABLE lake_imported_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY lake_imported_service ON lake_imported_events TO cairn_service USING (true) WITH CHECK (true);
CREATE POLICY lake_imported_lake ON lake_imported_events FOR SELECT TO cairn_lake_reader
    USING (store_id = ANY (CAST((SELECT string_to_array(current_setting('cairn.lake_stores', true), ',')) AS uuid[])));
