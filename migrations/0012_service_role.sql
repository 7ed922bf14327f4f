-- The role `cairn serve` works as: every table's rows may be read and written, except that events may only be
-- read and inserted. The service connects as the database owner (who applies migrations) and switches to this
-- role for every connection of its pool, so even a bug in the service cannot rewrite history; the append-only
-- triggers of 0008 stay as a second wall, for the owner too. Roles belong to the whole cluster, so several
-- Cairn databases on one server share it.
DO $$
BEGIN
    CREATE ROLE cairn_service NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END;
$$;

-- An owner that is not a superuser must be a member to switch to the role.
DO $$
BEGIN
    EXECUTE format('GRANT cairn_service TO %I', current_user);
EXCEPTION WHEN OTHERS THEN
    NULL;
END;
$$;

GRANT USAGE ON SCHEMA public TO cairn_service;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO cairn_service;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO cairn_service;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO cairn_service;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO cairn_service;

-- Events: read and insert only, through the parent and through every partition, present and future.
REVOKE UPDATE, DELETE, TRUNCATE ON events FROM cairn_service;
DO $$
DECLARE
    part regclass;
BEGIN
    FOR part IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'events'::regclass LOOP
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %s FROM cairn_service', part);
    END LOOP;
END;
$$;

-- Partitions are made while serving, by a role that does not own `events`: the function runs as its owner
-- (SECURITY DEFINER, with a fixed search path), and takes UPDATE and DELETE away on each partition it makes.
CREATE OR REPLACE FUNCTION cairn_ensure_event_partitions(first_day date, days integer) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    d date;
    made integer := 0;
    part text;
BEGIN
    FOR i IN 0 .. days - 1 LOOP
        d := first_day + i;
        part := 'events_' || to_char(d, 'YYYYMMDD');
        IF to_regclass(part) IS NULL THEN
            BEGIN
                EXECUTE format('CREATE TABLE %I PARTITION OF events FOR VALUES FROM (%L) TO (%L)',
                               part, d::timestamp AT TIME ZONE 'UTC', (d + 1)::timestamp AT TIME ZONE 'UTC');
                EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %I FROM cairn_service', part);
                made := made + 1;
            EXCEPTION WHEN check_violation OR invalid_object_definition OR duplicate_table OR unique_violation THEN
                NULL;
            END;
        END IF;
    END LOOP;
    RETURN made;
END;
$$;
REVOKE ALL ON FUNCTION cairn_ensure_event_partitions(date, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cairn_ensure_event_partitions(date, integer) TO cairn_service;
