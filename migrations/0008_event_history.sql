-- Event history (LookupEvents): an index for each lookup attribute the foundation did not cover, and the
-- events table made append-only for everyone, whatever role connects: retention drops whole partitions.
CREATE INDEX events_by_read_only ON events (account_id, region, read_only, event_time DESC);
CREATE INDEX events_by_resource_name ON events USING gin (resource_names);
CREATE INDEX events_by_resource_type ON events USING gin (resource_types);

CREATE FUNCTION cairn_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'events are append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION cairn_events_append_only();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION cairn_events_append_only();
