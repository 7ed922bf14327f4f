-- The rest of CloudTrail Lake (issue 21, docs/lake.md): federation, resource-based policies on event data stores
-- and dashboards, queries of another account's stores, and dashboards refreshed on their schedules.

-- Federation is on while a role is named; the role is what AWS's Glue/Athena integration would assume.
ALTER TABLE event_data_stores ADD COLUMN federation_role_arn text, ADD COLUMN resource_policy text;

-- A dashboard's policy lets CloudTrail itself (cloudtrail.amazonaws.com) refresh it on its schedule; the
-- scheduler notes when it last started one and why the last one failed.
ALTER TABLE lake_dashboards
    ADD COLUMN resource_policy text,
    ADD COLUMN scheduled_refresh_at timestamptz,
    ADD COLUMN last_refresh_failure text;

-- The account whose stores a query reads, when not the account that started it (EventDataStoreOwnerAccountId).
ALTER TABLE lake_queries ADD COLUMN store_account_id text REFERENCES accounts (id);

-- GenerateQuery's answers: the statement behind each QueryAlias it returns, which StartQuery then runs, and the
-- prompt, which DescribeQuery echoes. Kept as long as the queries themselves (seven days).
CREATE TABLE lake_generated_queries (
    account_id text NOT NULL REFERENCES accounts (id),
    alias text NOT NULL,
    region text NOT NULL,
    store_account_id text NOT NULL,
    statement text NOT NULL,
    prompt text NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (account_id, alias)
);
ALTER TABLE lake_queries ADD COLUMN prompt text;

-- Insights on a store (PutInsightSelectors with EventDataStore and InsightsDestination): the source store's
-- selectors and the Insights store its Insights events are for.
ALTER TABLE event_data_stores
    ADD COLUMN insight_selectors jsonb NOT NULL DEFAULT '[]',
    ADD COLUMN insights_destination uuid;

-- A Lake query may run on a streaming replica (DATABASE_READ_URL): the backend it notes is then the replica's, and
-- its pid on the primary is some other session's. The server's start time is noted with the pid, and the cancel
-- signals only a backend of the server it runs on (which also rules out a pid reused after a restart).
ALTER TABLE lake_queries ADD COLUMN backend_server timestamptz;

CREATE OR REPLACE FUNCTION cairn_cancel_lake_query(query uuid) RETURNS boolean
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce(bool_or(pg_cancel_backend(q.backend_pid)), false)
    FROM lake_queries q
    WHERE q.id = query AND q.status = 'CANCELLED' AND q.backend_pid IS NOT NULL
      AND q.backend_server = pg_postmaster_start_time()
$$;
