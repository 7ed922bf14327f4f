-- Event retention (issue 18, docs/events.md "Retention"): whole day partitions are dropped once every event in
-- them is past retention. Events stay append-only (migration 0008): no row is ever updated or deleted, a day
-- leaves as a whole. The service computes the first day to keep (the longest of event history's 90 days, the
-- operator's CAIRN_EVENT_RETENTION_DAYS and every event data store's retention); this function drops only what
-- is older and also safe to drop:
--   * a day with an event that trail delivery has not yet routed (inserted by a transaction at or above
--     delivery_progress.delivered_before) is kept, so a stalled delivery loses nothing;
--   * a day with an event still in a trail's delivery backlog (its bucket refused it) is kept for the same reason.
-- The default partition is never dropped: it holds only days that had no partition of their own (the clock moved,
-- or the hourly pass had not run), and dropping it would take recent events with it.
--
-- DROP of a partition takes an ACCESS EXCLUSIVE lock on `events` for a moment (80 ms for a day of 100,000 events,
-- docs/capacity.md); DETACH ... CONCURRENTLY is not allowed while a default partition exists. The lock timeout
-- keeps a drop from queueing behind a long Lake query while every insert queues behind it: a day that cannot be
-- locked within a second is left for the next hourly pass.
CREATE FUNCTION cairn_drop_expired_event_partitions(keep_from date) RETURNS SETOF text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET lock_timeout = '1s' AS $$
DECLARE
    part record;
    day date;
    horizon xid8;
    pending boolean;
BEGIN
    SELECT delivered_before INTO horizon FROM delivery_progress;
    FOR part IN
        SELECT c.relname AS name
        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'events'::regclass AND c.relname ~ '^events_[0-9]{8}$'
        ORDER BY c.relname
    LOOP
        day := to_date(substr(part.name, 8), 'YYYYMMDD');
        EXIT WHEN day + 1 > keep_from;
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE inserted_by >= $1)', part.name) INTO pending USING horizon;
        CONTINUE WHEN pending;
        CONTINUE WHEN EXISTS (SELECT 1 FROM trail_delivery_backlog
                              WHERE event_time >= day::timestamp AT TIME ZONE 'UTC'
                                AND event_time < (day + 1)::timestamp AT TIME ZONE 'UTC');
        BEGIN
            EXECUTE format('DROP TABLE %I', part.name);
            RETURN NEXT part.name;
        EXCEPTION WHEN lock_not_available THEN
            RETURN;
        END;
    END LOOP;
END;
$$;
REVOKE ALL ON FUNCTION cairn_drop_expired_event_partitions(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cairn_drop_expired_event_partitions(date) TO cairn_service;
