-- CancelQuery stops a running Lake query's statement. The worker notes its Lake connection's backend; cancelling
-- that backend needs the privileges of the role it logged in as, which the service role lacks, so this function
-- runs as its owner and signals only a backend that a query marked CANCELLED names.
ALTER TABLE lake_queries ADD COLUMN backend_pid integer;

CREATE OR REPLACE FUNCTION cairn_cancel_lake_query(query uuid) RETURNS boolean
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce(bool_or(pg_cancel_backend(q.backend_pid)), false)
    FROM lake_queries q
    WHERE q.id = query AND q.status = 'CANCELLED' AND q.backend_pid IS NOT NULL
$$;
REVOKE ALL ON FUNCTION cairn_cancel_lake_query(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cairn_cancel_lake_query(uuid) TO cairn_service;
