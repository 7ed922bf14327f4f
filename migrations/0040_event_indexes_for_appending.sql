-- Every call stores its event before it is answered, so every index on `events` is paid on the signed path of every
-- call: PostgreSQL spent about 55 µs a DescribeTrails event, about half of it in the indexes (docs/benchmarks.md,
-- 2026-12-07). Two changes, each measured there, and lookups planned as before (EventLookupPlanTests):
--
-- 1. Ascending time. Events arrive in time order, so in an index ending in `event_time DESC` each new entry went to
--    the far left of its account's range: the line pointers of its page moved aside for it, and full pages split in
--    half, leaving the index half empty (140 bytes an entry against about 70). Ending in `event_time` (ascending),
--    each entry lands at the right end of its range, where PostgreSQL splits a page leaving it full and appends
--    without moving anything. Event history reads newest first by scanning the same index backwards.
-- 2. Only what a lookup can find. The resource indexes held an entry for every event without resources (most reads:
--    Describe*, List*, Get*), though a ResourceName or ResourceType lookup only matches an event that has one: they
--    now hold only events with resources, and event history's statement states that condition so that the planner
--    proves it. The read-only index held every event, though a ReadOnly=true lookup matches most of an account's
--    events (reads far outnumber writes), which the account/time index with a filter finds as soon as a page is full:
--    it now holds only the writes, which a ReadOnly=false lookup needs when they are few among many reads.
--
-- On an existing history this rebuilds nine indexes before the server starts serving: about five minutes for 10
-- million events on a 2-core machine (39 s a B-tree, 12 s a GIN index, measured on benchmarks' 19 GB history).
DROP INDEX events_by_account_time, events_by_name, events_by_source, events_by_username, events_by_access_key,
           events_by_read_only, events_by_resource_name, events_by_resource_type, events_insights;

CREATE INDEX events_by_account_time ON events (account_id, region, event_time);
CREATE INDEX events_by_name ON events (account_id, region, event_name, event_time);
CREATE INDEX events_by_source ON events (account_id, region, event_source, event_time);
CREATE INDEX events_by_username ON events (account_id, region, username, event_time);
CREATE INDEX events_by_access_key ON events (account_id, region, access_key_id, event_time);
CREATE INDEX events_writes ON events (account_id, region, event_time) WHERE NOT read_only;
CREATE INDEX events_insights ON events (account_id, region, event_time) WHERE event_category = 'Insight';
CREATE INDEX events_by_resource_name ON events USING gin (resource_names) WHERE resource_names <> '{}';
CREATE INDEX events_by_resource_type ON events USING gin (resource_types) WHERE resource_types <> '{}';
